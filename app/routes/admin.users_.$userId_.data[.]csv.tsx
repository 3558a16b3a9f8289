// A person's data as CSV, for a subject access request (ADR 081). The download is audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { canAdminister } from "~/domain/permissions";
import { actorOf } from "~/auth/actor.server";
import { parseId, requirePermission } from "~/auth/guards.server";
import { personalDataDownload } from "~/web/personal-data-download.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, canAdminister, "download a person's data");
  return personalDataDownload(getDb(), actorOf(user, context), parseId(params.userId, "user"), "csv");
}
