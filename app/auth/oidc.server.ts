// Single sign-on with OpenID Connect (openid-client 6): authorization code flow with PKCE (S256),
// state and nonce against the issuer found by discovery. The flow's secrets wait in a signed, HttpOnly
// cookie for ten minutes; ID token signatures are checked against the provider's keys (non-repudiation
// checks on). See docs/decisions/032-single-sign-on-account-linking.md.
import { createCookie, type AppLoadContext, type Cookie } from "@remix-run/node";
import * as client from "openid-client";
import { z } from "zod";
import { getEnv } from "~/env.server";
import { getSessionSecret } from "~/auth/secrets.server";
import { nowMs } from "~/clock.server";

export const OIDC_CALLBACK_PATH = "/auth/oidc/callback";
const FLOW_MS = 10 * 60_000;

export type OidcSettings = { issuer: string; clientId: string; clientSecret?: string; scopes: string; label: string; publicUrl: string; roleClaim?: string };

/** The provider's settings, or null when single sign-on is not configured. */
export function oidcSettings(): OidcSettings | null {
  const env = getEnv();
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.PUBLIC_URL) return null;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    scopes: env.OIDC_SCOPES,
    label: env.OIDC_BUTTON_LABEL,
    publicUrl: env.PUBLIC_URL.replace(/\/$/, ""),
    roleClaim: env.OIDC_ROLE_CLAIM,
  };
}

/**
 * openid-client refuses plain-HTTP providers; only a provider on this machine (tests, a developer's
 * local provider) may use http. Anything else must be https.
 */
export const isLocalHttpIssuer = (issuer: string) => {
  const url = new URL(issuer);
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
};

let discovered: { key: string; config: Promise<client.Configuration> } | undefined;

/** Discovery once per process (retried after a failure). */
export function oidcConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  if (discovered?.key === key) return discovered.config;
  const execute = [client.enableNonRepudiationChecks, ...(isLocalHttpIssuer(settings.issuer) ? [client.allowInsecureRequests] : [])];
  const config = client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, { execute, timeout: 10 });
  discovered = { key, config };
  config.catch(() => {
    if (discovered?.config === config) discovered = undefined;
  });
  return config;
}

const Flow = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), redirectTo: z.string(), at: z.number() });
type Flow = z.infer<typeof Flow>;

const cookies = new Map<string, Cookie>();
function flowCookie(context: Pick<AppLoadContext, "isHttps">): Cookie {
  const secret = getSessionSecret();
  const key = `${context.isHttps}:${secret}`;
  let cookie = cookies.get(key);
  if (!cookie) {
    // SameSite=Lax: the provider's redirect back is a top-level GET, which carries it.
    cookie = createCookie(context.isHttps ? "__Host-stepping_up_oidc" : "stepping_up_oidc", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: context.isHttps,
      maxAge: FLOW_MS / 1000,
      secrets: [secret],
    });
    cookies.set(key, cookie);
  }
  return cookie;
}

export const endedOidcFlow = (context: AppLoadContext) => flowCookie(context).serialize("", { maxAge: 0 });

/** The provider's authorization URL and the cookie that remembers this attempt. */
export async function startOidc(context: AppLoadContext, settings: OidcSettings, redirectTo: string) {
  const config = await oidcConfiguration(settings);
  const verifier = client.randomPKCECodeVerifier();
  const flow: Flow = { state: client.randomState(), nonce: client.randomNonce(), verifier, redirectTo, at: nowMs() };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.publicUrl + OIDC_CALLBACK_PATH,
    scope: settings.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.href, cookie: await flowCookie(context).serialize(flow) };
}

export type OidcRefusal = "state" | "nonce" | "issuer" | "audience" | "signature" | "code" | "provider" | "expired" | "claims" | "unavailable";

export class OidcRefused extends Error {
  constructor(
    readonly reason: OidcRefusal,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Sorts openid-client's errors into the refusals the audit trail names. */
function classify(error: unknown): OidcRefused {
  if (error instanceof client.AuthorizationResponseError) return new OidcRefused("provider", `the provider answered ${error.error}`);
  if (error instanceof client.ResponseBodyError) {
    return new OidcRefused(error.error === "invalid_grant" ? "code" : "provider", `the token endpoint answered ${error.error}`);
  }
  const e = error as { message?: string; code?: string; cause?: { message?: string; code?: string } };
  const text = `${e.message ?? ""} ${e.cause?.message ?? ""}`;
  const code = `${e.code ?? ""} ${e.cause?.code ?? ""}`;
  const detail = (e.cause?.message ?? e.message ?? String(error)).slice(0, 200);
  if (/"state"/.test(text)) return new OidcRefused("state", detail);
  if (/"nonce"/.test(text)) return new OidcRefused("nonce", detail);
  if (/"iss"/.test(text)) return new OidcRefused("issuer", detail);
  if (/"aud"|"azp"/.test(text)) return new OidcRefused("audience", detail);
  if (/signature/i.test(text) || /KEY_SELECTION/.test(code)) return new OidcRefused("signature", detail);
  if (/fetch failed|ECONNREFUSED|timed? ?out/i.test(text)) return new OidcRefused("unavailable", detail);
  return new OidcRefused("claims", detail);
}

export type OidcIdentity = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  roleValues: string[] | null;
};

/** Completes the code flow on the callback: every check, then the identity the ID token names. */
export async function finishOidc(request: Request, context: AppLoadContext, settings: OidcSettings): Promise<{ identity: OidcIdentity; redirectTo: string }> {
  const parsed = Flow.safeParse(await flowCookie(context).parse(request.headers.get("Cookie")));
  if (!parsed.success) throw new OidcRefused("expired", "no sign-in was started in this browser, or it was already finished");
  const flow = parsed.data;
  if (nowMs() - flow.at >= FLOW_MS || nowMs() < flow.at) throw new OidcRefused("expired", "the sign-in took longer than ten minutes");
  let config: client.Configuration;
  try {
    config = await oidcConfiguration(settings);
  } catch (error) {
    throw new OidcRefused("unavailable", String((error as Error).message ?? error).slice(0, 200));
  }
  // The URL the provider redirected to, as the public address (the request may arrive through a proxy).
  const current = new URL(settings.publicUrl + OIDC_CALLBACK_PATH + new URL(request.url).search);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw classify(error);
  }
  const claims = tokens.claims();
  if (!claims) throw new OidcRefused("claims", "the provider returned no ID token");
  // Entra ID: `oid` is the person's stable id across applications; `sub` differs per application.
  const subject = typeof claims.oid === "string" && claims.oid ? claims.oid : claims.sub;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null;
  // Entra ID says a verified domain owner's address with the optional claim `xms_edov`.
  const emailVerified = claims.email_verified === true || claims.xms_edov === true || claims.xms_edov === "1";
  const name = typeof claims.name === "string" ? claims.name.slice(0, 200) : null;
  let roleValues: string[] | null = null;
  if (settings.roleClaim) {
    const value = claims[settings.roleClaim];
    roleValues = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];
  }
  return { identity: { issuer: claims.iss, subject, email, emailVerified, name, roleValues }, redirectTo: flow.redirectTo };
}

/** Where signing out sends the browser when the provider can end its own session too. */
export async function providerSignOutUrl(settings: OidcSettings): Promise<string | null> {
  try {
    const config = await oidcConfiguration(settings);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { post_logout_redirect_uri: `${settings.publicUrl}/login` }).href;
  } catch {
    return null;
  }
}
