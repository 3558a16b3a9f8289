// A person's data as a file, for a subject access request (ADR 081): JSON or CSV, each download audited.
import type { Actor } from "~/models/command.server";
import type { Db } from "~/db.server";
import { notFound } from "~/auth/guards.server";
import { today as getToday } from "~/today.server";
import { recordPersonalDataDownload } from "~/models/personal-data-commands.server";
import { getPerson, personalData, personalDataCsvRows, PERSONAL_DATA_CSV_HEADER } from "~/models/personal-data.server";
import { valueOf } from "~/web/command-reply.server";
import { toCsv } from "~/web/csv";

export function personalDataDownload(db: Db, actor: Actor, userId: number, format: "json" | "csv"): Response {
  if (!getPerson(db, userId)) notFound("user");
  const found = personalData(db, userId);
  const file = `stepping-up-person-${userId}-${getToday()}.${format}`;
  valueOf(recordPersonalDataDownload(db, actor, { userId, file }));
  const [type, body] =
    format === "csv"
      ? ["text/csv", `\uFEFF${toCsv(PERSONAL_DATA_CSV_HEADER, personalDataCsvRows(found))}`]
      : ["application/json", JSON.stringify({ userId, exportedFor: "subject access request", tables: found }, null, 2)];
  return new Response(body, {
    headers: { "Content-Type": `${type}; charset=utf-8`, "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "no-store" },
  });
}
