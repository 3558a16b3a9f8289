import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getOptionalUser } from "~/lib/guards.server";
import { endSession } from "~/lib/session.server";
import { recordAudit } from "~/models/audit.server";

// Signing out changes state, so it is a POST; a GET just goes home.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context);
  return redirect(user ? "/" : "/login");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const user = await getOptionalUser(request, context);
  const cookie = await endSession(db, request, context);
  if (user) recordAudit(db, { actor: user, action: "auth.sign_out", entityType: "user", entityId: user.id, summary: "Signed out", ip: context.clientIp });
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}
