import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "~/env.server";

/** A file beside the database, created once with owner-only permissions. */
function fileBesideDatabase(name: string, make: () => string): string {
  const dir = path.dirname(path.resolve(getEnv().DATABASE_URL));
  const file = path.join(dir, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const value = make();
    fs.writeFileSync(file, `${value}\n`, { mode: 0o600, flag: "wx" });
    fs.chmodSync(file, 0o600);
    return value;
  }
}

let sessionSecret: string | undefined;

/**
 * SESSION_SECRET signs the session cookie. A demo generates one and keeps it beside
 * the database; a real trust must set it, or the server refuses to start.
 */
export function loadSessionSecret(isDemo: boolean): string {
  const fromEnv = getEnv().SESSION_SECRET;
  if (fromEnv) sessionSecret = fromEnv;
  else if (isDemo) sessionSecret = fileBesideDatabase("session-secret", () => crypto.randomBytes(32).toString("hex"));
  else
    throw new Error(
      "SESSION_SECRET is not set. Outside demo mode Stepping Up needs a secret of at least 32 characters, " + "e.g. SESSION_SECRET=$(openssl rand -hex 32).",
    );
  return sessionSecret;
}

export function getSessionSecret(): string {
  if (!sessionSecret) throw new Error("The session secret has not been loaded (startup has not run)");
  return sessionSecret;
}

/** DEMO_PASSWORD, or a random one generated on first start and kept beside the database. */
export function loadDemoPassword(): string {
  return getEnv().DEMO_PASSWORD ?? fileBesideDatabase("demo-password", () => crypto.randomBytes(9).toString("base64url"));
}
