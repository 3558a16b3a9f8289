import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { listTrainingRecords } from "~/models/capability.server";
import { getProgramme } from "~/models/programme.server";
import { today as getToday } from "~/today.server";
import { toCsv } from "~/web/csv";
import { formatDay } from "~/web/dates";

// Every live training record, latest first (ADR 114).
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const records = listTrainingRecords(db, getProgramme(db).id);
  const csv = toCsv(
    ["Person", "Training level", "Date achieved"],
    records.map((r) => [r.personName, r.levelName, formatDay(r.achievedOn)]),
  );
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="stepping-up-qi-training-${getToday()}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
