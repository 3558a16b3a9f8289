// A person's data as JSON, for a subject access request (ADR 081). The download is audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { canAdminister } from "~/domain/permissions";
import { today as getToday } from "~/today.server";
import { actorOf } from "~/auth/actor.server";
import { notFound, parseId, requirePermission } from "~/auth/guards.server";
import { recordPersonalDataDownload } from "~/models/personal-data-commands.server";
import { getPerson, personalData } from "~/models/personal-data.server";
import { valueOf } from "~/web/command-reply.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, canAdminister, "download a person's data");
  const db = getDb();
  const userId = parseId(params.userId, "user");
  if (!getPerson(db, userId)) notFound("user");
  const found = personalData(db, userId);
  const file = `stepping-up-person-${userId}-${getToday()}.json`;
  valueOf(recordPersonalDataDownload(db, actorOf(user, context), { userId, file }));
  return new Response(JSON.stringify({ userId, exportedFor: "subject access request", tables: found }, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "no-store" },
  });
}
