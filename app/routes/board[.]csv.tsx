import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { parseBoardQuery } from "~/web/board-query.server";
import { BOARD_CSV_HEADER, boardCsvRow } from "~/web/board-csv";
import { toCsv } from "~/web/csv";
import { requireUser } from "~/auth/guards.server";
import { today as getToday } from "~/today.server";
import { listBoardRowsForExport } from "~/models/board.server";
import { freshProgramme } from "~/models/programme.server";
import { listBoardExportExtras } from "~/models/board-export.server";

// Every row of the current filter (not just the page), one row per project.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const today = getToday();
  const programme = freshProgramme(db, today);
  const rows = listBoardRowsForExport(db, programme.id, parseBoardQuery(new URL(request.url).searchParams));
  const extras = listBoardExportExtras(
    db,
    rows.map((r) => r.projectId),
  );
  const csv = toCsv(
    [...BOARD_CSV_HEADER],
    rows.map((r) => boardCsvRow(r, extras.get(r.projectId))),
  );
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="stepping-up-board-${today}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
