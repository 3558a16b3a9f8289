// A closed campaign's results as CSV: exactly the figures its page shows, small groups hidden.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { campaignPhase } from "~/domain/pulse";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { getProgramme } from "~/models/programme.server";
import { getCampaign, pulseReport } from "~/models/pulse.server";
import { today as getToday } from "~/today.server";
import { toCsv } from "~/web/csv";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const campaign = getCampaign(db, programmeId, parseId(params.campaignId, "Pulse Check")) ?? notFound("Pulse Check");
  if (campaignPhase(campaign.opensOn, campaign.closesOn, getToday()) !== "closed") notFound("results (the campaign has not closed)");
  const report = pulseReport(db, programmeId, campaign);
  const header = [
    "Statement number",
    "Statement",
    ...(report.baseline ? ["Baseline % agreeing", "Change (points)"] : []),
    ...report.groups.map((g) => `${g.label} % agreeing (${g.answers} answers)`),
  ];
  const rows = report.statements.map((s, i) => [
    i + 1,
    s,
    ...(report.baseline ? [report.baseline.percentAgreeing[i], report.change[i] ?? ""] : []),
    ...report.groups.map((g) => g.percentAgreeing[i]),
  ]);
  return new Response(`\uFEFF${toCsv(header, rows)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="pulse-check-${campaign.id}-results.csv"`,
    },
  });
}
