// The Pulse Check campaigns: every signed-in person sees them and their results; the board and
// admins set them up.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Table } from "~/components/nhs";
import { getDb } from "~/db.server";
import { canGovern } from "~/domain/permissions";
import { campaignPhase, PULSE_KIND_LABELS } from "~/domain/pulse";
import { waveLabel } from "~/domain/wave-label";
import { requireUser } from "~/auth/guards.server";
import { getProgramme } from "~/models/programme.server";
import { listCampaigns } from "~/models/pulse.server";
import { today as getToday } from "~/today.server";
import { formatDay } from "~/web/dates";

export const meta: MetaFunction = () => [{ title: "Pulse Check – Stepping Up" }];

const PHASE_LABELS = { before: "Not open yet", open: "Open", closed: "Closed" } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const today = getToday();
  const campaigns = listCampaigns(db, getProgramme(db).id).map((c) => ({
    id: c.id,
    name: c.name,
    kind: c.kind,
    audience: c.audience === "trust" ? "The whole trust" : `Teams in ${waveLabel(c.waveNumber ?? 0, c.waveName ?? "")}`,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    phase: campaignPhase(c.opensOn, c.closesOn, today),
    answers: c.answers,
  }));
  return { campaigns, canSetUp: canGovern(user) };
}

export default function PulseCampaigns() {
  const { campaigns, canSetUp } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Pulse Check</h1>
      <p className="nhsuk-lede-text">A 15-statement, one-minute anonymous staff survey: at the start, then after each wave, compared statement by statement.</p>
      {canSetUp ? (
        <Link to="/pulse/new" className="nhsuk-button">
          Set up a Pulse Check
        </Link>
      ) : null}
      {campaigns.length === 0 ? (
        <p>
          No Pulse Check has been set up yet.{canSetUp ? " Set one up to take a baseline before the next wave starts." : " The programme board sets them up."}
        </p>
      ) : (
        <Table
          caption="Campaigns"
          captionSize="m"
          scroll
          rows={campaigns}
          rowKey={(c) => c.id}
          columns={[
            { id: "name", header: "Campaign", rowHeader: true, cell: (c) => <Link to={`/pulse/${c.id}`}>{c.name}</Link> },
            { id: "kind", header: "Kind", cell: (c) => PULSE_KIND_LABELS[c.kind] },
            { id: "audience", header: "Who is asked", cell: (c) => c.audience },
            { id: "dates", header: "Open", cell: (c) => `${formatDay(c.opensOn)} to ${formatDay(c.closesOn)}` },
            { id: "phase", header: "State", cell: (c) => PHASE_LABELS[c.phase] },
            { id: "answers", header: "Answers", numeric: true, cell: (c) => c.answers },
          ]}
        />
      )}
    </>
  );
}
