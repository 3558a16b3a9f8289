import { getFormProps } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useOutlet, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField, useNhsForm } from "~/components/forms";
import { DateInput, InsetText, Table } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { MilestoneStatusTag, PlanStrip } from "~/components/plan-strip";
import { getDb } from "~/db.server";
import { describeSlip, milestoneStatus, MILESTONE_TITLE_MAX, slipDays } from "~/domain/milestone-rules";
import { formatDay } from "~/web/dates";
import { dayField } from "~/forms/day-field";
import { requiredText } from "~/forms/text-field";
import { milestoneOwnerFields, OWNER_FROM_LIST, ownerNotBoth } from "~/forms/milestone-owner";
import { MilestoneOwnerFields } from "~/components/milestone-owner-fields";
import { canEditProject } from "~/domain/permissions";
import { isOnProjectTeam } from "~/models/team.server";
import { listPeopleToChoose } from "~/models/people.server";
import { requireProjectEditor, requireUser } from "~/auth/guards.server";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { actorOf } from "~/auth/actor.server";
import { addMilestone } from "~/models/milestone-commands.server";
import { listMilestones } from "~/models/milestone.server";
import { projectFromUrl } from "~/auth/project-page.server";
import { useProjectLayout } from "~/routes/projects.$projectId";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { FormToken } from "~/components/form-token";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Milestones – ${data?.projectTitle ?? "Project"} – Stepping Up` }];

const CreateMilestoneSchema = z
  .object({
    intent: z.literal("create"),
    title: requiredText("Enter the milestone", { what: "The milestone", max: MILESTONE_TITLE_MAX }),
    ...milestoneOwnerFields,
    baselineDate: dayField({
      what: "The baseline date",
      required: "Enter the baseline date",
    }),
    [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
    [FORM_TOKEN_FIELD]: formToken(),
  })
  .strict()
  .refine(...ownerNotBoth);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db, projectId, header } = projectFromUrl(params);
  // Only those who may add a milestone get the list of people to choose an owner from.
  const people = canEditProject(user, isOnProjectTeam(db, projectId, user.id)) ? listPeopleToChoose(db) : [];
  return { projectId, projectTitle: header.title, milestones: listMilestones(db, projectId), people, today: today() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: CreateMilestoneSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), pii: false }, { status: 400 });
  const { title, owner = "", ownerUserId = null, baselineDate, formToken: token } = submission.value;
  const warnings = patientDataWarning({ title, owner }, formData);
  if (warnings) return data({ result: submission.reply({ fieldErrors: warnings }), pii: true }, { status: 400 });

  const added = addMilestone(db, actorOf(user, context), {
    projectId,
    title,
    owner,
    ownerUserId,
    baselineDate,
    formToken: token,
    locate: (milestoneId) => `/projects/${projectId}/milestones?added=${milestoneId}`,
  });
  // The one refusal: the chosen owner is not (or no longer) a person who can be named.
  if (!added.ok)
    return data(
      { result: submission.reply({ fieldErrors: { ownerUserId: ["refused" in added ? added.refused : OWNER_FROM_LIST] } }), pii: false },
      { status: 400 },
    );
  return redirect(added.value.location);
}

function MilestoneList() {
  const { projectId, milestones, people, today } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  // A new form (empty fields) after each milestone is added.
  const [form, fields] = useNhsForm(CreateMilestoneSchema, actionData?.result, `milestone-create-${params.get("added") ?? ""}`);
  const added = milestones.find((m) => String(m.id) === params.get("added"));
  const base = `/projects/${projectId}/milestones`;

  return (
    <>
      <h2>Milestones</h2>
      {added ? (
        <InsetText role="status">
          <p>Milestone added: {added.title}.</p>
        </InsetText>
      ) : null}
      {params.has("deleted") ? (
        <InsetText role="status">
          <p>The milestone was deleted. Its history stays in the audit trail.</p>
        </InsetText>
      ) : null}
      {milestones.length === 0 ? (
        <InsetText>
          <p>
            No milestones yet.{" "}
            {permissions.edit
              ? "Add the main steps of the plan below, each with the date agreed for it (its baseline)."
              : "The project team adds the steps of its plan here."}
          </p>
        </InsetText>
      ) : (
        <>
          <PlanStrip milestones={milestones} today={today} />
          <div className="app-table-wrap">
            <Table
              caption="Milestones, baseline against forecast"
              captionHidden
              rows={milestones}
              rowKey={(m) => m.id}
              columns={[
                { id: "milestone", header: "Milestone", cell: (m) => <Link to={`${base}/${m.id}`}>{m.title}</Link> },
                { id: "owner", header: "Owner", cell: (m) => m.owner || "—" },
                { id: "baseline", header: "Baseline", cell: (m) => formatDay(m.baselineDate) },
                { id: "forecast", header: "Forecast", cell: (m) => formatDay(m.forecastDate) },
                { id: "slip", header: "Slip", cell: (m) => describeSlip(slipDays(m)) },
                {
                  id: "status",
                  header: "Status",
                  cell: (m) => (
                    <>
                      <MilestoneStatusTag status={milestoneStatus(m, today)} />
                      {m.completedOn ? <span className="nhsuk-body-s"> {formatDay(m.completedOn)}</span> : null}
                    </>
                  ),
                },
                {
                  id: "changes",
                  header: "Changes",
                  cell: (m) =>
                    m.changes ? (
                      <Link to={`${base}/${m.id}#history`}>
                        {m.changes} <span className="nhsuk-u-visually-hidden">recorded changes to {m.title}</span>
                      </Link>
                    ) : (
                      "None"
                    ),
                },
              ]}
            />
          </div>
        </>
      )}

      {permissions.edit ? (
        <>
          <h2>Add a milestone</h2>
          <ErrorSummary form={form} fields={{ title: fields.title, ownerUserId: fields.ownerUserId, owner: fields.owner, baselineDate: fields.baselineDate }} />
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="create" />
            <FormToken />
            <TextField field={fields.title} label="Milestone" hint="A step with a clear finish, like 'New sepsis screen live on Ward 7'." width={30} />
            <MilestoneOwnerFields ownerUserId={fields.ownerUserId} owner={fields.owner} people={people} />
            <DateInput
              field={fields.baselineDate}
              legend="Baseline date"
              hint="The date agreed in the plan. It stays fixed: later you move the forecast, or re-baseline with a reason."
            />
            <PiiConfirm show={Boolean(actionData?.pii)} />
            <button className="nhsuk-button" type="submit">
              Add milestone
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}

/** The list, or one milestone's page when the URL names one. */
export default function MilestonesRoute() {
  const outlet = useOutlet();
  return outlet ?? <MilestoneList />;
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
