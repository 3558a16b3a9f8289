// Runs the built production server (build/ + server/app.js) in this process on a
// random port, over real HTTP, with its own temporary database.
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Server } from "node:http";
import { openDatabase, type Db } from "../../db/client";
import { importBuild, importServerApp, projectRoot as root, type Timeouts } from "./build";
import { tempDir } from "./db";

export const TEST_TODAY = "2026-11-26";
export const DEMO_PASSWORD = "demo-password-for-tests";

export type TestServer = {
  url: string;
  db: Db;
  databaseFile: string;
  close: () => Promise<void>;
  setNow: (ms: number | null) => void;
};

/** `trustProxy`: true means one proxy hop (TRUST_PROXY=1); a string is used as TRUST_PROXY. */
export async function startTestServer(
  opts: { demo?: boolean; trustProxy?: boolean | string; env?: Record<string, string>; timeouts?: Timeouts; port?: number } = {},
) {
  const dir = tempDir();
  const databaseFile = path.join(dir, "app.sqlite");
  Object.assign(process.env, {
    NODE_ENV: "production",
    DATABASE_URL: databaseFile,
    STEPPING_UP_DEMO: opts.demo === false ? "0" : "1",
    STEPPING_UP_TODAY: TEST_TODAY,
    DEMO_PASSWORD,
    SESSION_SECRET: "test-session-secret-0123456789abcdef0123456789",
    TRUST_PROXY: typeof opts.trustProxy === "string" ? opts.trustProxy : opts.trustProxy ? "1" : "0",
    ...opts.env,
  });
  const build = await importBuild();
  const { createApp, listen } = await importServerApp();
  const info = await build.entry.module.startup({
    migrationsFolder: path.join(root, "db", "migrations"),
    background: false,
  });
  const app = createApp(build, { trustProxy: info.trustProxy, publicDir: path.join(root, "public") });
  const server: Server = await listen(app, { port: opts.port ?? 0, host: "127.0.0.1", timeouts: opts.timeouts });
  const { port } = server.address() as AddressInfo;
  const db = openDatabase(databaseFile);
  const holder = globalThis as { __steppingUpNow?: () => number };
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    databaseFile,
    setNow: (ms: number | null) => {
      holder.__steppingUpNow = ms === null ? undefined : () => ms;
    },
    close: async () => {
      db.$client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  } satisfies TestServer;
}

/** A tiny browser-like client: keeps cookies, never follows redirects (tests assert them). */
export class Client {
  cookies = new Map<string, string>();
  constructor(
    private baseUrl: string,
    private defaultHeaders: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + path, {
      redirect: "manual",
      headers: { ...this.defaultHeaders, Cookie: this.cookieHeader(), ...headers },
    });
    this.remember(res);
    return res;
  }

  async post(path: string, form: Record<string, string | string[]> | URLSearchParams, headers: Record<string, string> = {}) {
    const body = form instanceof URLSearchParams ? form : new URLSearchParams();
    if (!(form instanceof URLSearchParams)) {
      for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
    }
    const res = await fetch(this.baseUrl + path, {
      method: "POST",
      redirect: "manual",
      body,
      headers: {
        ...this.defaultHeaders,
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: this.cookieHeader(),
        ...headers,
      },
    });
    this.remember(res);
    return res;
  }

  /** A client signed in as `email` (with the demo password unless told). */
  static async signedIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<Client> {
    const client = new Client(baseUrl);
    await client.signIn(email, password);
    return client;
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    const res = await this.post("/login", { email, password, redirectTo: "/projects" });
    if (res.status !== 302) throw new Error(`sign-in as ${email} failed with ${res.status}`);
    return res;
  }
}
