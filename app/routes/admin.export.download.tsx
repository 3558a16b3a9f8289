// The downloads of Admin → Export (ADR 080): a resource route, so its answer is the file itself.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { canAdminister } from "~/domain/permissions";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { now } from "~/clock.server";
import { today as getToday } from "~/today.server";
import { actorOf } from "~/auth/actor.server";
import { badRequest, requirePermission } from "~/auth/guards.server";
import { parseFields } from "~/forms/submission.server";
import { recordExport } from "~/models/export-commands.server";
import { buildExportZip, sqliteCopy } from "~/models/export.server";
import { valueOf } from "~/web/command-reply.server";

const what = "export the trust's data";
const ExportForm = z.object({ intent: z.enum(["csv", "sqlite"]) }).strict();

/** The downloads are posted from /admin/export; an address typed or followed goes there. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, what);
  return redirect("/admin/export");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canAdminister, what);
  const parsed = parseFields(await request.formData(), ExportForm);
  if (!parsed.success) badRequest("Choose which export to download.");
  const db = getDb();
  const day = getToday();
  const headers = (type: string, file: string) => ({
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${file}"`,
    "Cache-Control": "no-store",
  });
  if (parsed.data.intent === "csv") {
    const { zip, manifest } = buildExportZip(db, now());
    const file = `stepping-up-export-${day}.zip`;
    valueOf(recordExport(db, actorOf(user, context), { kind: "csv", file, rows: manifest.tables.reduce((n, t) => n + t.rows, 0) }));
    return new Response(new Blob([new Uint8Array(zip)]), { headers: headers("application/zip", file) });
  }
  const { bytes } = sqliteCopy(getEnv().DATABASE_URL);
  const file = `stepping-up-database-${day}.sqlite`;
  valueOf(recordExport(db, actorOf(user, context), { kind: "sqlite", file, rows: 0 }));
  return new Response(new Blob([new Uint8Array(bytes)]), { headers: headers("application/vnd.sqlite3", file) });
}
