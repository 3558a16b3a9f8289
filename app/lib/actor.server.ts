// Who a command runs for: the signed-in user and the address the request came from.
import type { AppLoadContext } from "@remix-run/node";
import type { Actor } from "~/models/command.server";

export const actorOf = (user: { id: number; email: string }, context: AppLoadContext): Actor => ({
  id: user.id,
  email: user.email,
  ip: context.clientIp,
});
