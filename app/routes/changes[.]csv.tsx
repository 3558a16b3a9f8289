import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { CHANGE_IDEA_STATUS_LABELS, PICK_LABELS } from "~/domain/driver-rules";
import { STAGE_LABELS } from "~/domain/labels";
import { listChangePackage } from "~/models/change-package.server";
import { getProgramme } from "~/models/programme.server";
import { today as getToday } from "~/today.server";
import { changeFilters, parseChangesQuery } from "~/web/changes-query";
import { toCsv } from "~/web/csv";
import { formatDay } from "~/web/dates";

const CHANGES_CSV_HEADER = [
  "Change idea",
  "Project",
  "Project stage",
  "Theme",
  "Drivers",
  "Status",
  "PDSA cycles",
  "Latest learning",
  "PICK category",
  "Latest activity",
  "Ready to spread: what to copy",
  "Spread to projects",
  "Spread to",
  "Adopted from",
] as const;

// Every change idea of the current filters (not only the page), in the page's order.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const query = parseChangesQuery(new URL(request.url).searchParams);
  const { rows } = listChangePackage(db, getProgramme(db).id, { filters: changeFilters(query), sort: query.sort });
  const csv = toCsv(
    [...CHANGES_CSV_HEADER],
    rows.map((r) => [
      r.title,
      r.projectTitle,
      STAGE_LABELS[r.projectStage],
      r.themeName ?? "",
      r.drivers.join("; "),
      CHANGE_IDEA_STATUS_LABELS[r.status],
      r.cycles,
      r.learning,
      r.pick ? PICK_LABELS[r.pick] : "",
      formatDay(r.latestActivity),
      r.spreadSummary ?? "",
      r.spreadTo.length,
      r.spreadTo.map((l) => l.projectTitle).join("; "),
      r.origin ? `${r.origin.projectTitle} — ${r.origin.ideaTitle}` : "",
    ]),
  );
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="stepping-up-change-package-${getToday()}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
