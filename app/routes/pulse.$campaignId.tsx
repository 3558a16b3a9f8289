// One Pulse Check campaign: its answer link (and QR code to print), its state and, once it has
// closed, its results with every group under 10 answers hidden.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DoneNotice } from "~/components/done-notice";
import { Breadcrumbs } from "~/components/layout";
import { InsetText, SummaryList, Table } from "~/components/nhs";
import { PulseChart } from "~/components/pulse-chart";
import { getDb } from "~/db.server";
import { canGovern } from "~/domain/permissions";
import { campaignPhase, formatChange, MIN_GROUP, PULSE_KIND_LABELS } from "~/domain/pulse";
import { waveLabel } from "~/domain/wave-label";
import { getEnv } from "~/env.server";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { getProgramme } from "~/models/programme.server";
import { getCampaign, pulseReport } from "~/models/pulse.server";
import { today as getToday } from "~/today.server";
import { formatDay } from "~/web/dates";

export const handle = { wide: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.campaign.name ?? "Pulse Check"} – Stepping Up` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const campaign = getCampaign(db, programmeId, parseId(params.campaignId, "Pulse Check")) ?? notFound("Pulse Check");
  const phase = campaignPhase(campaign.opensOn, campaign.closesOn, getToday());
  const origin = (getEnv().PUBLIC_URL ?? new URL(request.url).origin).replace(/\/$/, "");
  const baseline = campaign.baselineId === null ? null : getCampaign(db, programmeId, campaign.baselineId);
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      kind: campaign.kind,
      audience: campaign.audience === "trust" ? "The whole trust" : `Teams in ${waveLabel(campaign.waveNumber ?? 0, campaign.waveName ?? "")}`,
      wave: campaign.waveId === null ? null : { id: campaign.waveId, label: waveLabel(campaign.waveNumber ?? 0, campaign.waveName ?? "") },
      baseline: baseline ? { id: baseline.id, name: baseline.name } : null,
      opensOn: campaign.opensOn,
      closesOn: campaign.closesOn,
      answers: campaign.answers,
    },
    phase,
    link: `${origin}/pulse/answer/${campaign.token}`,
    report: phase === "closed" ? pulseReport(db, programmeId, campaign) : null,
    canEdit: canGovern(user),
    message:
      new URL(request.url).searchParams.get("done") === "created"
        ? "Pulse Check set up. Share its link below."
        : new URL(request.url).searchParams.get("done") === "saved"
          ? "Pulse Check saved."
          : null,
  };
}

export default function PulseCampaign() {
  const { campaign, phase, link, report, canEdit, message } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/pulse", label: "Pulse Check" }]} />
      <span className="nhsuk-caption-l">{PULSE_KIND_LABELS[campaign.kind]} Pulse Check</span>
      <h1>{campaign.name}</h1>
      <DoneNotice message={message} />
      <SummaryList
        rows={[
          { key: "Who is asked", value: campaign.audience },
          ...(campaign.wave ? [{ key: "Wave", value: <Link to={`/waves/${campaign.wave.id}`}>{campaign.wave.label}</Link> }] : []),
          ...(campaign.baseline ? [{ key: "Compared with", value: <Link to={`/pulse/${campaign.baseline.id}`}>{campaign.baseline.name}</Link> }] : []),
          { key: "Open", value: `${formatDay(campaign.opensOn)} to ${formatDay(campaign.closesOn)}` },
          { key: "Answers", value: String(campaign.answers) },
        ]}
      />
      {canEdit ? (
        <p>
          <Link to={`/pulse/${campaign.id}/edit`}>Change the campaign</Link>
        </p>
      ) : null}
      {phase !== "closed" ? <AnswerLink link={link} campaignId={campaign.id} open={phase === "open"} /> : null}
      <h2 className="nhsuk-heading-l">Results</h2>
      {report ? (
        <Results report={report} campaignId={campaign.id} />
      ) : (
        <p>
          Results are shown once the campaign has closed on {formatDay(campaign.closesOn)}, so that nobody can work out an answer from the change as answers
          arrive.
        </p>
      )}
    </>
  );
}

function AnswerLink({ link, campaignId, open }: { link: string; campaignId: number; open: boolean }) {
  return (
    <section>
      <h2 className="nhsuk-heading-m">Answer link</h2>
      <p>
        {open
          ? "Send this link to staff, or print the QR code for staff rooms. It works on a phone without signing in."
          : "Staff can answer through this link once the campaign opens."}
      </p>
      <p className="app-break-anywhere">
        <a href={link}>{link}</a>
      </p>
      <img src={`/pulse/${campaignId}/qr.svg`} alt={`QR code for the answer link ${link}`} className="app-pulse-qr" width={192} height={192} />
    </section>
  );
}

type Report = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["report"]>;

function Results({ report, campaignId }: { report: Report; campaignId: number }) {
  if (report.groups.length === 0) {
    return (
      <InsetText>
        <p>
          {report.answers} answer{report.answers === 1 ? "" : "s"}: results are hidden because fewer than {MIN_GROUP} people answered.
        </p>
      </InsetText>
    );
  }
  const everyone = report.groups[0];
  const rows = report.statements.map((statement, i) => ({ i, statement }));
  const splits = report.groups.slice(1);
  return (
    <>
      <p>
        % agreeing is the share who agree or strongly agree. Groups with fewer than {MIN_GROUP} answers are not shown, nor any split that would let one be
        worked out by subtraction.
      </p>
      <PulseChart
        percent={everyone.percentAgreeing}
        baseline={report.baseline?.percentAgreeing ?? null}
        title={report.baseline ? `% agreeing per statement, this campaign against its baseline ${report.baseline.name}` : "% agreeing per statement"}
      />
      <Table
        caption={`% agreeing per statement (${everyone.answers} answers${report.baseline ? `; baseline ${report.baseline.answers}` : ""})`}
        captionSize="m"
        scroll
        rows={rows}
        rowKey={(r) => r.i}
        columns={[
          { id: "statement", header: "Statement", rowHeader: true, cell: (r) => `${r.i + 1}. ${r.statement}` },
          ...(report.baseline
            ? [{ id: "baseline", header: "Baseline", numeric: true, cell: (r: (typeof rows)[number]) => `${report.baseline!.percentAgreeing[r.i]}%` }]
            : []),
          { id: "all", header: report.baseline ? "This campaign" : "Everyone", numeric: true, cell: (r) => `${everyone.percentAgreeing[r.i]}%` },
          ...(report.baseline
            ? [{ id: "change", header: "Change (points)", numeric: true, cell: (r: (typeof rows)[number]) => formatChange(report.change[r.i]) }]
            : []),
        ]}
      />
      {splits.length ? (
        <Table
          caption="% agreeing by group"
          captionSize="m"
          scroll
          rows={rows}
          rowKey={(r) => r.i}
          columns={[
            { id: "statement", header: "Statement", rowHeader: true, cell: (r) => `${r.i + 1}` },
            ...report.groups.map((g, gi) => ({
              id: `g${gi}`,
              header: `${g.label} (${g.answers})`,
              numeric: true,
              cell: (r: (typeof rows)[number]) => `${g.percentAgreeing[r.i]}%`,
            })),
          ]}
        />
      ) : (
        <p>No split by group is shown: every group is too small, or would reveal a small group by subtraction.</p>
      )}
      <p>
        <a href={`/pulse/${campaignId}/results.csv`} download>
          Download these results (CSV)
        </a>
      </p>
    </>
  );
}
