// Setting up a Pulse Check campaign: the board and admins.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { FormToken } from "~/components/form-token";
import { BackLink } from "~/components/nhs";
import { CampaignFields, campaignSummaryFields, type CampaignFieldSet } from "~/components/pulse-campaign-fields";
import { getDb } from "~/db.server";
import { canGovern } from "~/domain/permissions";
import { DEFAULT_STATEMENTS } from "~/domain/pulse";
import { NewCampaignSchema } from "~/forms/pulse-form";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { requirePermission } from "~/auth/guards.server";
import { createCampaign } from "~/models/pulse-commands.server";
import { campaignOptions } from "~/models/pulse.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction = () => [{ title: "Set up a Pulse Check – Stepping Up" }];

const WHAT = "set up Pulse Checks";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canGovern, WHAT);
  const db = getDb();
  return campaignOptions(db, getProgramme(db).id);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canGovern, WHAT);
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const submission = parseSubmission(await request.formData(), { schema: NewCampaignSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { statements, formToken, waveId, baselineId, ...v } = submission.value;
  const result = createCampaign(db, actorOf(user, context), {
    programmeId,
    values: { ...v, waveId: waveId ?? null, baselineId: baselineId ?? null },
    statements,
    once: { userId: user.id, kind: "pulse_campaign", token: formToken },
  });
  if (!result.ok) return data(submission.reply({ formErrors: [result.refused] }), { status: result.status });
  return redirect(result.value.location);
}

export default function NewCampaign() {
  const { waves, baselines } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useNhsForm(NewCampaignSchema, lastResult, "new-pulse", { audience: "trust", kind: "baseline", statements: [...DEFAULT_STATEMENTS] });
  const set = fields as unknown as CampaignFieldSet;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/pulse">Back to Pulse Check</BackLink>
        <ErrorSummary form={form} fields={campaignSummaryFields(set, true)} />
        <h1>Set up a Pulse Check</h1>
        <Form method="post" {...getFormProps(form)}>
          <FormToken />
          <CampaignFields fields={set} waves={waves} baselines={baselines} lockedStatements={null} />
          <button className="nhsuk-button" type="submit">
            Save the campaign
          </button>
        </Form>
      </div>
    </div>
  );
}
