// A real OpenID provider for tests: oidc-provider on a random port of this machine, with one test client,
// accounts given by the test, and its own RSA signing key, so that a test can also forge the ID token
// the token endpoint returns (another issuer or audience, no nonce, another key's signature).
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { Client } from "./server";

export type OpAccount = { email?: string; email_verified?: boolean; name?: string; groups?: string[] };
export type IdClaims = Record<string, unknown>;

export const OP_CLIENT_ID = "stepping-up";
export const OP_CLIENT_SECRET = "test-client-secret";
const KID = "test-signing-key";

const rsaKey = () => crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A compact RS256 JWT signed with `key`, under the provider's key id. */
export function signJwt(claims: IdClaims, key: crypto.KeyObject) {
  const input = `${b64({ alg: "RS256", typ: "JWT", kid: KID })}.${b64(claims)}`;
  return `${input}.${crypto.sign("sha256", Buffer.from(input), key).toString("base64url")}`;
}

export const decodeJwt = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString()) as IdClaims;

export type TestOp = {
  url: string;
  /** Registers the client for the app at `appUrl` (call before the first sign-in). */
  start: (appUrl: string, accounts: Record<string, OpAccount>) => void;
  /** The ID token's claims are rewritten, then signed with the provider's key, or another key when `otherKey`. */
  forge: ((claims: IdClaims) => IdClaims) | null;
  otherKey: boolean;
  /** Seconds an authorization code lives (60 unless a test shortens it). */
  codeTtl: number;
  close: () => Promise<void>;
};

/** Listens first (so the app can be told the issuer), configured by `start` once the app's address is known. */
export async function listenTestOp(): Promise<TestOp> {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const srv = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  const signing = rsaKey();
  const other = rsaKey();
  const op: TestOp = {
    url,
    forge: null,
    otherKey: false,
    codeTtl: 60,
    start(appUrl, accounts) {
      const provider = new Provider(url, {
        clients: [
          {
            client_id: OP_CLIENT_ID,
            client_secret: OP_CLIENT_SECRET,
            redirect_uris: [`${appUrl}/auth/oidc/callback`],
            post_logout_redirect_uris: [`${appUrl}/login`],
            token_endpoint_auth_method: "client_secret_post",
          },
        ],
        jwks: { keys: [{ ...signing.export({ format: "jwk" }), kid: KID, use: "sig", alg: "RS256" }] },
        pkce: { required: () => true },
        conformIdTokenClaims: false,
        claims: { openid: ["sub", "groups"], email: ["email", "email_verified"], profile: ["name"] },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        cookies: { keys: ["test-provider-cookie-key"] },
        ttl: { AuthorizationCode: () => op.codeTtl },
        async findAccount(_ctx: unknown, sub: string) {
          return { accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) };
        },
      });
      const callback = provider.callback();
      handler = (req, res) => {
        if (op.forge && req.method === "POST" && req.url === "/token") rewriteIdToken(res, op.forge, op.otherKey ? other : signing);
        callback(req, res);
      };
    },
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
  return op;
}

/** Replaces the id_token of the token endpoint's JSON answer as it is sent. */
function rewriteIdToken(res: http.ServerResponse, forge: (claims: IdClaims) => IdClaims, key: crypto.KeyObject) {
  const end = res.end.bind(res) as (body?: unknown) => http.ServerResponse;
  res.end = ((body?: unknown) => {
    if (typeof body !== "string" && !Buffer.isBuffer(body)) return end(body);
    const json = JSON.parse(body.toString()) as { id_token?: string };
    if (json.id_token) json.id_token = signJwt(forge(decodeJwt(json.id_token)), key);
    const text = JSON.stringify(json);
    if (!res.headersSent) res.setHeader("Content-Length", Buffer.byteLength(text));
    return end(text);
  }) as typeof res.end;
}

/** A browser: one cookie jar per origin, following redirects by hand. */
export class OpBrowser {
  jars = new Map<string, Client>();
  constructor(private issuer: string) {}
  jar(url: URL) {
    let c = this.jars.get(url.origin);
    if (!c) this.jars.set(url.origin, (c = new Client(url.origin)));
    return c;
  }
  async go(href: string, form?: Record<string, string>, stopAt?: (u: URL) => boolean): Promise<{ res: Response; url: URL }> {
    let url = new URL(href);
    let res = form ? await this.jar(url).post(url.pathname + url.search, form) : await this.jar(url).get(url.pathname + url.search);
    for (let i = 0; i < 20 && res.status >= 300 && res.status < 400; i++) {
      url = new URL(res.headers.get("location")!, url);
      if (stopAt?.(url)) return { res, url };
      res = await this.jar(url).get(url.pathname + url.search);
    }
    return { res, url };
  }
  /** Submits the provider's dev login form as `sub`, then its consent form. */
  async signInAtProvider(start: URL, sub: string, stopAtCallback = false) {
    let { res, url } = await this.go(start.href);
    const stop = stopAtCallback ? (u: URL) => u.pathname === "/auth/oidc/callback" : undefined;
    for (let i = 0; i < 3 && url.origin === this.issuer; i++) {
      const html = await res.text();
      const action = /action="([^"]+)"/.exec(html)![1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)![1];
      const fields: Record<string, string> = prompt === "login" ? { prompt, login: sub, password: "any" } : { prompt };
      ({ res, url } = await this.go(new URL(action, url).href, fields, stop));
    }
    return { res, url };
  }
}
