import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getOptionalUser } from "~/auth/guards.server";
import { actorOf } from "~/auth/actor.server";
import { endedSessionCookie, sessionIdHash } from "~/auth/session.server";
import { signOut } from "~/models/sign-in.server";

// Signing out changes state, so it is a POST; a GET just goes home.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context);
  return redirect(user ? "/" : "/login");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const user = await getOptionalUser(request, context);
  signOut(db, user ? actorOf(user, context) : null, { sessionIdHash: await sessionIdHash(request, context) });
  return redirect("/login", { headers: { "Set-Cookie": await endedSessionCookie(context) } });
}
