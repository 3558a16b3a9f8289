import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getOptionalUser } from "~/auth/guards.server";
import { actorOf } from "~/auth/actor.server";
import { endedSessionCookie, sessionIdHash } from "~/auth/session.server";
import { signOut } from "~/models/sign-in.server";
import { oidcSettings, providerSignOutUrl } from "~/auth/oidc.server";

// Signing out changes state, so it is a POST; a GET just goes home.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context);
  return redirect(user ? "/" : "/login");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const user = await getOptionalUser(request, context);
  signOut(db, user ? actorOf(user, context) : null, { sessionIdHash: await sessionIdHash(request, context) });
  // After single sign-on, the provider's own session ends too when it offers an end_session_endpoint.
  const settings = user?.signedInWith === "oidc" ? oidcSettings() : null;
  const provider = settings ? await providerSignOutUrl(settings) : null;
  return redirect(provider ?? "/login", { headers: { "Set-Cookie": await endedSessionCookie(context) } });
}
