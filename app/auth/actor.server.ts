import type { AppLoadContext } from "@remix-run/node";
import type { Actor } from "~/models/command.server";

/** The signed-in user as a command's actor: who, and from which address (for the audit trail). */
export const actorOf = (user: { id: number; email: string }, context: Pick<AppLoadContext, "clientIp">): Actor => ({
  id: user.id,
  email: user.email,
  ip: context.clientIp,
});
