import { getFormProps } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useOutlet, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField, useNhsForm } from "~/components/forms";
import { PiiConfirm } from "~/components/pii-confirm";
import { MilestoneStatusTag, PlanStrip } from "~/components/plan-strip";
import { getDb } from "~/db.server";
import {
  describeSlip,
  milestoneStatus,
  MILESTONE_OWNER_MAX,
  MILESTONE_TITLE_MAX,
  slipDays,
} from "~/domain/milestone-rules";
import { formatDay } from "~/web/dates";
import { dayField } from "~/forms/day-field";
import { optionalText, requiredText } from "~/forms/text-field";
import { notFound, parseId, requireProjectEditor, requireUser } from "~/auth/guards.server";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { actorOf } from "~/auth/actor.server";
import { addMilestone } from "~/models/milestone-commands.server";
import { listMilestones } from "~/models/milestone.server";
import { getProjectHeader } from "~/models/project.server";
import { useProjectLayout } from "~/routes/projects.$projectId";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { FormToken } from "~/components/form-token";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Milestones – ${data?.projectTitle ?? "Project"} – Stepping Up` },
];

const CreateMilestoneSchema = z
  .object({
    intent: z.literal("create"),
    title: requiredText("Enter the milestone", { what: "The milestone", max: MILESTONE_TITLE_MAX }),
    owner: optionalText({ what: "The owner", max: MILESTONE_OWNER_MAX }),
    baselineDate: dayField({
      what: "The baseline date",
      required: "Enter the baseline date",
      invalid: "The baseline date must be a real date, like 31 January 2027",
    }),
    [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
    [FORM_TOKEN_FIELD]: formToken(),
  })
  .strict();

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  const db = getDb();
  const header = getProjectHeader(db, projectId);
  if (!header) notFound("project");
  return { projectId, projectTitle: header.title, milestones: listMilestones(db, projectId), today: today() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: CreateMilestoneSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), pii: false }, { status: 400 });
  const { title, owner = "", baselineDate, formToken: token } = submission.value;
  const warnings = patientDataWarning({ title, owner }, formData);
  if (warnings) return data({ result: submission.reply({ fieldErrors: warnings }), pii: true }, { status: 400 });

  const added = addMilestone(db, actorOf(user, context), {
    projectId,
    title,
    owner,
    baselineDate,
    formToken: token,
    locate: (milestoneId) => `/projects/${projectId}/milestones?added=${milestoneId}`,
  });
  if (!added.ok) return data({ result: submission.reply(), pii: false }, { status: 400 });
  return redirect(added.value.location);
}

function MilestoneList() {
  const { projectId, milestones, today } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  // A new form (empty fields) after each milestone is added.
  const [form, fields] = useNhsForm(
    CreateMilestoneSchema,
    actionData?.result,
    `milestone-create-${params.get("added") ?? ""}`
  );
  const added = milestones.find((m) => String(m.id) === params.get("added"));
  const base = `/projects/${projectId}/milestones`;

  return (
    <>
      <h2>Milestones</h2>
      {added ? (
        <div className="nhsuk-inset-text" role="status">
          <p>Milestone added: {added.title}.</p>
        </div>
      ) : null}
      {params.has("deleted") ? (
        <div className="nhsuk-inset-text" role="status">
          <p>The milestone was deleted. Its history stays in the audit trail.</p>
        </div>
      ) : null}
      {milestones.length === 0 ? (
        <div className="nhsuk-inset-text">
          <p>
            No milestones yet.{" "}
            {permissions.edit
              ? "Add the main steps of the plan below, each with the date agreed for it (its baseline)."
              : "The project team adds the steps of its plan here."}
          </p>
        </div>
      ) : (
        <>
          <PlanStrip milestones={milestones} today={today} />
          <div className="app-table-wrap">
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                Milestones, baseline against forecast
              </caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Milestone</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Baseline</th>
                  <th scope="col">Forecast</th>
                  <th scope="col">Slip</th>
                  <th scope="col">Status</th>
                  <th scope="col">Changes</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {milestones.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`${base}/${m.id}`}>{m.title}</Link>
                    </td>
                    <td>{m.owner || "—"}</td>
                    <td>{formatDay(m.baselineDate)}</td>
                    <td>{formatDay(m.forecastDate)}</td>
                    <td>{describeSlip(slipDays(m))}</td>
                    <td>
                      <MilestoneStatusTag status={milestoneStatus(m, today)} />
                      {m.completedOn ? <span className="nhsuk-body-s"> {formatDay(m.completedOn)}</span> : null}
                    </td>
                    <td>
                      {m.changes ? (
                        <Link to={`${base}/${m.id}#history`}>
                          {m.changes} <span className="nhsuk-u-visually-hidden">recorded changes to {m.title}</span>
                        </Link>
                      ) : (
                        "None"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {permissions.edit ? (
        <>
          <h2>Add a milestone</h2>
          <ErrorSummary
            form={form}
            fields={{ title: fields.title, owner: fields.owner, baselineDate: fields.baselineDate }}
          />
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="create" />
            <FormToken />
            <TextField
              field={fields.title}
              label="Milestone"
              hint="A step with a clear finish, like 'New sepsis screen live on Ward 7'."
              width={30}
            />
            <TextField
              field={fields.owner}
              label="Owner (optional)"
              hint="The person who will make it happen."
              width={20}
            />
            <TextField
              field={fields.baselineDate}
              label="Baseline date"
              hint="The date agreed in the plan. It stays fixed: later you move the forecast, or re-baseline with a reason."
              type="date"
              width={10}
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
