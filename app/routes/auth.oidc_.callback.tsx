// GET /auth/oidc/callback: the provider sends the browser back here with a code. Every check passed,
// the identity is linked to an account (ADR 032) and a session begins, as at a password sign-in.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound } from "~/auth/guards.server";
import { endedOidcFlow, finishOidc, oidcSettings, OidcRefused, type OidcRefusal } from "~/auth/oidc.server";
import { newSession } from "~/auth/session.server";
import { refuseSso, signInWithSso } from "~/models/sso-commands.server";

export const meta: MetaFunction = () => [{ title: "Sign in – Stepping Up" }];

const UNTRUSTED =
  "Your organisation's sign-in service sent an answer Stepping Up cannot trust, so you have not been signed in. Try again; if it happens again, tell your IT service desk.";
const MESSAGES: Record<OidcRefusal, string> = {
  state: "Your sign-in could not be completed: the answer did not match the sign-in this browser started. Try again.",
  expired: "Your sign-in could not be completed: it took too long, or it was started in another browser. Try again.",
  code: "That sign-in has already been used or has expired. Try again.",
  nonce: UNTRUSTED,
  issuer: UNTRUSTED,
  audience: UNTRUSTED,
  signature: UNTRUSTED,
  claims: UNTRUSTED,
  provider: "Your organisation's sign-in service did not sign you in. Try again, or ask your IT service desk.",
  unavailable: "Your organisation's sign-in service cannot be reached just now. Try again in a few minutes.",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const settings = oidcSettings();
  if (!settings) notFound();
  const db = getDb();
  const headers = new Headers();
  headers.append("Set-Cookie", await endedOidcFlow(context));
  let finished: Awaited<ReturnType<typeof finishOidc>>;
  try {
    finished = await finishOidc(request, context, settings);
  } catch (error) {
    if (!(error instanceof OidcRefused)) throw error;
    refuseSso(db, { ip: context.clientIp, reason: `${error.reason}: ${error.detail}` });
    return data({ message: MESSAGES[error.reason] }, { status: error.reason === "unavailable" ? 503 : 403, headers });
  }
  const { identity, redirectTo } = finished;
  // The account is known only inside the command, which sets the session row's user.
  const session = await newSession(context, 0, request.headers.get("User-Agent") ?? "", "oidc");
  const { userId: _unknownYet, ...sessionRow } = session.row;
  const result = signInWithSso(db, { identity, ip: context.clientIp, createUsers: getEnv().OIDC_CREATE_USERS === "1", session: sessionRow });
  if (!result.ok) {
    refuseSso(db, { ip: context.clientIp, reason: `${result.refused} (${identity.issuer} subject ${identity.subject})`, who: identity.email });
    return data({ message: result.refused }, { status: result.status, headers });
  }
  headers.append("Set-Cookie", session.cookie);
  return redirect(redirectTo, { headers });
}

export default function OidcCallback() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>You have not been signed in</h1>
        <p>{message}</p>
        <p>
          <a className="nhsuk-button" href="/auth/oidc">
            Try again
          </a>
        </p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    </div>
  );
}
