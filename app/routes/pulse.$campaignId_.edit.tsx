// Changing a Pulse Check campaign. Its statements lock once the first answer has arrived.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { BackLink } from "~/components/nhs";
import { CampaignFields, campaignSummaryFields, type CampaignFieldSet } from "~/components/pulse-campaign-fields";
import { getDb } from "~/db.server";
import type { Conflict } from "~/domain/conflict";
import { canGovern } from "~/domain/permissions";
import { EditCampaignSchema } from "~/forms/pulse-form";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { notFound, parseId, requirePermission } from "~/auth/guards.server";
import { updateCampaign } from "~/models/pulse-commands.server";
import { campaignOptions, getCampaign, listStatements } from "~/models/pulse.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Change ${data?.campaign.name ?? "the Pulse Check"} – Stepping Up` }];

const WHAT = "change Pulse Checks";

function find(params: { campaignId?: string }) {
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const campaign = getCampaign(db, programmeId, parseId(params.campaignId, "Pulse Check")) ?? notFound("Pulse Check");
  return { db, programmeId, campaign };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, canGovern, WHAT);
  const { db, programmeId, campaign } = find(params);
  return { campaign, statements: listStatements(db, campaign.id), locked: campaign.answers > 0, ...campaignOptions(db, programmeId, campaign.id) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canGovern, WHAT);
  const { db, programmeId, campaign } = find(params);
  const submission = parseSubmission(await request.formData(), { schema: EditCampaignSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null as Conflict | null }, { status: 400 });
  const { statements, version, waveId, baselineId, ...v } = submission.value;
  const result = updateCampaign(db, actorOf(user, context), {
    programmeId,
    campaignId: campaign.id,
    version,
    values: { ...v, waveId: waveId ?? null, baselineId: baselineId ?? null },
    statements: statements ?? null,
  });
  if (result.ok) return redirect(`/pulse/${campaign.id}?done=saved`);
  if ("conflict" in result) return data({ result: submission.reply(), conflict: result.conflict }, { status: 409 });
  return data({ result: submission.reply({ formErrors: [result.refused] }), conflict: null }, { status: result.status });
}

export default function EditCampaign() {
  const { campaign, statements, locked, waves, baselines } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const version = last?.conflict?.currentVersion ?? campaign.version;
  const [form, fields] = useNhsForm(EditCampaignSchema, last?.result, `pulse-${campaign.id}-${version}`, {
    name: campaign.name,
    audience: campaign.audience,
    waveId: campaign.waveId === null ? "" : String(campaign.waveId),
    kind: campaign.kind,
    baselineId: campaign.baselineId === null ? "" : String(campaign.baselineId),
    opensOn: campaign.opensOn,
    closesOn: campaign.closesOn,
    statements: locked ? undefined : statements,
  });
  const set = fields as unknown as CampaignFieldSet;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to={`/pulse/${campaign.id}`}>Back to {campaign.name}</BackLink>
        <ConflictNotice conflict={last?.conflict} />
        <ErrorSummary form={form} fields={campaignSummaryFields(set, !locked)} />
        <h1>Change {campaign.name}</h1>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="version" value={version} />
          <CampaignFields fields={set} waves={waves} baselines={baselines} lockedStatements={locked ? statements : null} />
          <button className="nhsuk-button" type="submit">
            Save the campaign
          </button>
        </Form>
      </div>
    </div>
  );
}
