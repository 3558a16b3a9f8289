import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseSubmission } from "~/lib/submission.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z, type ZodType } from "zod";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, TextareaField, TextField } from "~/components/forms";
import { PiiConfirm } from "~/components/pii-confirm";
import { MilestoneStatusTag } from "~/components/plan-strip";
import { getDb } from "~/db.server";
import {
  describeSlip,
  forecastMoveNeedsReason,
  MILESTONE_CHANGE_LABELS,
  MILESTONE_OWNER_MAX,
  MILESTONE_REASON_MAX,
  MILESTONE_TITLE_MAX,
  milestoneStatus,
  slipDays,
} from "~/domain/milestone-rules";
import { buildConflict, describeChanges, type Conflict } from "~/lib/conflict";
import { formatDateTime, formatDay } from "~/lib/dates";
import { dayField, isPlausibleDay } from "~/lib/day-field";
import { optionalText, requiredText } from "~/lib/text-field";
import { badRequest, notFound, parseId, requireProjectEditor, requireUser } from "~/lib/guards.server";
import { PII_CONFIRM_FIELD } from "~/lib/pii-field";
import { patientDataWarning } from "~/lib/pii-guard.server";
import { today } from "~/lib/today.server";
import { recordAudit } from "~/models/audit.server";
import {
  getMilestone,
  listMilestoneAudit,
  listMilestoneChanges,
  recordMilestoneChange,
  softDeleteMilestone,
  updateMilestoneIfVersion,
  type MilestoneRow,
} from "~/models/milestone.server";
import { useProjectLayout } from "~/routes/projects.$projectId";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.milestone.title ?? "Milestone"} – Milestones – Stepping Up` },
];

const version = z.number({ error: "Reload the page and try again" }).int().positive();
const title = requiredText("Enter the milestone", { what: "The milestone", max: MILESTONE_TITLE_MAX });

/** Built with what the page showed: the stored forecast decides whether a reason is needed. */
function updateSchema(ctx: { today: string; currentForecast: string }) {
  return z
    .object({
      intent: z.literal("update"),
      version,
      title,
      owner: optionalText({ what: "The owner", max: MILESTONE_OWNER_MAX }),
      forecastDate: dayField({
        what: "The forecast date",
        required: "Enter the forecast date",
        invalid: "The forecast date must be a real date, like 31 January 2027",
      }),
      forecastReason: optionalText({ what: "The reason", max: MILESTONE_REASON_MAX, multiline: true }),
      completedOn: dayField({
        what: "The completed date",
        required: "Enter the date it was completed",
        invalid: "The completed date must be a real date, like 20 November 2026",
        notAfter: { day: ctx.today, message: "The completed date must be today or in the past" },
      }).optional(),
      [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
    })
    .strict()
    .refine(
      (v) =>
        !isPlausibleDay(v.forecastDate ?? "") ||
        !forecastMoveNeedsReason(ctx.currentForecast, v.forecastDate) ||
        Boolean(v.forecastReason),
      {
        path: ["forecastReason"],
        message: `Give the reason the forecast is moving later than ${formatDay(ctx.currentForecast)}`,
        when: () => true,
      }
    );
}

function rebaselineSchema(ctx: { currentBaseline: string }) {
  return z
    .object({
      intent: z.literal("rebaseline"),
      version,
      baselineDate: dayField({
        what: "The new baseline date",
        required: "Enter the new baseline date",
        invalid: "The new baseline date must be a real date, like 31 January 2027",
      }).refine(
        (v) => v !== ctx.currentBaseline,
        `The baseline is already ${formatDay(ctx.currentBaseline)}: enter a different date`
      ),
      reason: requiredText("Give the reason for re-baselining", { what: "The reason", max: MILESTONE_REASON_MAX, multiline: true }),
      [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
    })
    .strict();
}

const DeleteSchema = z.object({ intent: z.literal("delete"), version }).strict();

const FIELD_LABELS = { title: "Milestone", owner: "Owner", forecastDate: "Forecast", completedOn: "Completed on" };

async function loadMilestone(params: LoaderFunctionArgs["params"]) {
  const projectId = parseId(params.projectId, "project");
  const milestoneId = parseId(params.milestoneId, "milestone");
  const milestone = getMilestone(getDb(), projectId, milestoneId);
  if (!milestone) notFound("milestone");
  return { projectId, milestone };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { projectId, milestone } = await loadMilestone(params);
  const db = getDb();
  return {
    projectId,
    milestone,
    changes: listMilestoneChanges(db, [milestone.id]),
    audit: listMilestoneAudit(db, projectId, milestone.id),
    today: today(),
  };
}

type ActionResult = {
  intent: "update" | "rebaseline" | "delete";
  result: SubmissionResult<string[]>;
  conflict?: Conflict;
  pii?: boolean;
};

const shown = (m: Pick<MilestoneRow, "title" | "owner" | "forecastDate" | "completedOn">) => ({
  title: m.title,
  owner: m.owner,
  forecastDate: formatDay(m.forecastDate),
  completedOn: formatDay(m.completedOn),
});

function conflictFor(current: MilestoneRow, submitted: Record<string, unknown>, labels: Record<string, string>) {
  return buildConflict({
    changedBy: current.updatedByName,
    changedAt: current.updatedAt,
    currentVersion: current.version,
    current: { ...current, baselineDate: formatDay(current.baselineDate), ...shown(current) },
    submitted,
    labels,
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const { milestone } = await loadMilestone(params);
  const db = getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const audit = { actor: user, entityType: "milestone", entityId: milestone.id, projectId, ip: context.clientIp };
  const fail = (body: ActionResult, status: number) => data(body, { status });
  const reread = () => getMilestone(db, projectId, milestone.id);

  if (intent === "update") {
    const submission = parseSubmission(formData, {
      schema: updateSchema({ today: today(), currentForecast: milestone.forecastDate }),
    });
    if (submission.status !== "success") return fail({ intent, result: submission.reply() }, 400);
    const v = submission.value;
    const after = {
      title: v.title,
      owner: v.owner ?? "",
      forecastDate: v.forecastDate,
      completedOn: v.completedOn ?? null,
    };
    const reason = v.forecastReason ?? "";
    const warnings = patientDataWarning({ title: after.title, owner: after.owner, forecastReason: reason }, formData);
    if (warnings) return fail({ intent, result: submission.reply({ fieldErrors: warnings }), pii: true }, 400);
    if (v.version !== milestone.version) {
      return fail(
        { intent, result: submission.reply(), conflict: conflictFor(milestone, shown(after), FIELD_LABELS) },
        409
      );
    }
    const summary = describeChanges(shown(milestone), shown(after), FIELD_LABELS);
    if (summary === "no visible change") return redirect(`/projects/${projectId}/milestones/${milestone.id}`);
    const completing = !milestone.completedOn && after.completedOn !== null;
    const movedLater = forecastMoveNeedsReason(milestone.forecastDate, after.forecastDate);
    const saved = db.transaction(() => {
      if (!updateMilestoneIfVersion(db, milestone.id, v.version, after, user.id)) return false;
      if (movedLater) {
        recordMilestoneChange(db, {
          milestoneId: milestone.id,
          kind: "forecast",
          fromDate: milestone.forecastDate,
          toDate: after.forecastDate,
          reason,
          userId: user.id,
        });
      }
      recordAudit(db, {
        ...audit,
        action: completing ? "milestone.completed" : "milestone.updated",
        summary: `${completing ? "Completed" : "Updated"} milestone "${after.title}": ${summary}${
          reason ? ` (reason: ${reason})` : ""
        }`,
      });
      return true;
    });
    if (!saved) {
      const current = reread() ?? milestone;
      return fail(
        { intent, result: submission.reply(), conflict: conflictFor(current, shown(after), FIELD_LABELS) },
        409
      );
    }
    return redirect(`/projects/${projectId}/milestones/${milestone.id}?saved=1`);
  }

  if (intent === "rebaseline") {
    const submission = parseSubmission(formData, {
      schema: rebaselineSchema({ currentBaseline: milestone.baselineDate }),
    });
    if (submission.status !== "success") return fail({ intent, result: submission.reply() }, 400);
    const { baselineDate, reason } = submission.value;
    const warnings = patientDataWarning({ reason }, formData);
    if (warnings) return fail({ intent, result: submission.reply({ fieldErrors: warnings }), pii: true }, 400);
    const labels = { baselineDate: "Baseline" };
    const conflict = (current: MilestoneRow) => conflictFor(current, { baselineDate: formatDay(baselineDate) }, labels);
    if (submission.value.version !== milestone.version)
      return fail({ intent, result: submission.reply(), conflict: conflict(milestone) }, 409);
    const saved = db.transaction(() => {
      if (!updateMilestoneIfVersion(db, milestone.id, submission.value.version, { baselineDate }, user.id))
        return false;
      recordMilestoneChange(db, {
        milestoneId: milestone.id,
        kind: "rebaseline",
        fromDate: milestone.baselineDate,
        toDate: baselineDate,
        reason,
        userId: user.id,
      });
      recordAudit(db, {
        ...audit,
        action: "milestone.rebaselined",
        summary: `Re-baselined milestone "${milestone.title}" from ${formatDay(milestone.baselineDate)} to ${formatDay(
          baselineDate
        )} (reason: ${reason})`,
      });
      return true;
    });
    if (!saved) return fail({ intent, result: submission.reply(), conflict: conflict(reread() ?? milestone) }, 409);
    return redirect(`/projects/${projectId}/milestones/${milestone.id}?rebaselined=1`);
  }

  if (intent === "delete") {
    const submission = parseSubmission(formData, { schema: DeleteSchema });
    if (submission.status !== "success") badRequest("That request was not understood. Reload the page and try again.");
    const deleted = db.transaction(() => {
      if (!softDeleteMilestone(db, milestone.id, submission.value.version, user.id)) return false;
      recordAudit(db, { ...audit, action: "milestone.deleted", summary: `Deleted milestone "${milestone.title}"` });
      return true;
    });
    if (!deleted) {
      const current = reread() ?? milestone;
      return fail(
        { intent, result: submission.reply(), conflict: conflictFor(current, shown(milestone), FIELD_LABELS) },
        409
      );
    }
    return redirect(`/projects/${projectId}/milestones?deleted=1`);
  }

  badRequest("That request was not understood.");
}

/** conform's form with the record's current values filled in (the NHS pattern: validate on submit). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function useEditForm<S extends ZodType<Record<string, any>, Record<string, any>>>(
  id: string,
  schema: S,
  lastResult: SubmissionResult<string[]> | undefined,
  defaultValue: Record<string, string>
) {
  return useForm<z.input<S>, z.output<S>>({
    id,
    lastResult,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    defaultValue: defaultValue as any,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

export default function MilestonePage() {
  const { projectId, milestone: m, changes, audit, today } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const resultFor = (intent: ActionResult["intent"]) => (actionData?.intent === intent ? actionData : undefined);
  const update = resultFor("update");
  const rebase = resultFor("rebaseline");
  const removal = resultFor("delete");
  const slip = slipDays(m);
  const base = `/projects/${projectId}/milestones`;

  const [updateForm, uf] = useEditForm(
    `milestone-update-${m.version}`,
    updateSchema({ today, currentForecast: m.forecastDate }),
    update?.result,
    {
      title: m.title,
      owner: m.owner,
      forecastDate: m.forecastDate,
      completedOn: m.completedOn ?? "",
    }
  );
  const [rebaseForm, rf] = useEditForm(
    `milestone-rebaseline-${m.version}`,
    rebaselineSchema({ currentBaseline: m.baselineDate }),
    rebase?.result,
    {
      baselineDate: m.forecastDate === m.baselineDate ? "" : m.forecastDate,
    }
  );
  const versionFor = (r: ActionResult | undefined) => r?.conflict?.currentVersion ?? m.version;
  const confirmingDelete = params.has("delete") || Boolean(removal);

  return (
    <>
      <p className="nhsuk-u-margin-bottom-2">
        <Link to={base}>All milestones</Link>
      </p>
      <h2>
        {m.title} <MilestoneStatusTag status={milestoneStatus(m, today)} />
      </h2>
      {params.has("saved") || params.has("rebaselined") ? (
        <div className="nhsuk-inset-text" role="status">
          <p>
            {params.has("saved")
              ? "Milestone saved."
              : "Milestone re-baselined. The change and its reason are in the history below."}
          </p>
        </div>
      ) : null}
      <dl className="nhsuk-summary-list">
        <Row label="Owner">{m.owner || <span className="app-muted">Not recorded</span>}</Row>
        <Row label="Baseline">{formatDay(m.baselineDate)}</Row>
        <Row label="Forecast">{formatDay(m.forecastDate)}</Row>
        <Row label="Slip">{describeSlip(slip)}</Row>
        <Row label="Completed">
          {m.completedOn ? formatDay(m.completedOn) : <span className="app-muted">Not yet</span>}
        </Row>
        <Row label="Last changed">
          {formatDateTime(m.updatedAt)}
          {m.updatedByName ? ` by ${m.updatedByName}` : ""}
        </Row>
      </dl>

      {permissions.edit && confirmingDelete ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Delete this milestone?
            </span>
          </h3>
          <ConflictNotice conflict={removal?.conflict} />
          <p>
            &ldquo;{m.title}&rdquo; will disappear from the plan. Its history stays in the audit trail. Only delete a
            milestone added by mistake: a step that will not happen is better re-baselined or completed.
          </p>
          <Form method="post" className="app-inline-form">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={versionFor(removal)} />
            <button className="nhsuk-button nhsuk-button--warning nhsuk-u-margin-bottom-0" type="submit">
              Yes, delete this milestone
            </button>
          </Form>{" "}
          <Link to={`${base}/${m.id}`} className="nhsuk-u-margin-left-3">
            No, keep it
          </Link>
        </div>
      ) : null}

      {permissions.edit ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h3>Update the milestone</h3>
            <ConflictNotice conflict={update?.conflict} />
            <ErrorSummary
              form={updateForm}
              fields={{
                title: uf.title,
                owner: uf.owner,
                forecastDate: uf.forecastDate,
                forecastReason: uf.forecastReason,
                completedOn: uf.completedOn,
              }}
            />
            <Form method="post" {...getFormProps(updateForm)}>
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="version" value={versionFor(update)} />
              <TextField field={uf.title} label="Milestone" width={30} />
              <TextField field={uf.owner} label="Owner (optional)" width={20} />
              <TextField
                field={uf.forecastDate}
                label="Forecast date"
                hint={`When you now expect to finish. The baseline stays ${formatDay(m.baselineDate)}.`}
                type="date"
                width={10}
              />
              <TextareaField
                field={uf.forecastReason}
                label="Reason for moving the forecast"
                hint="Needed when the forecast moves later: say what is holding it up."
                rows={3}
              />
              <TextField
                field={uf.completedOn}
                label="Completed on (optional)"
                hint="Leave blank until the milestone is done."
                type="date"
                width={10}
              />
              <PiiConfirm show={Boolean(update?.pii)} />
              <button className="nhsuk-button" type="submit">
                Save milestone
              </button>
            </Form>

            <details className="nhsuk-details" open={Boolean(rebase)}>
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">Re-baseline this milestone</span>
              </summary>
              <div className="nhsuk-details__text">
                <p>
                  Re-baseline only when the plan itself is agreed again (for example by the programme board). The old
                  baseline, the new one and your reason are kept in the history.
                </p>
                <ConflictNotice conflict={rebase?.conflict} />
                <ErrorSummary form={rebaseForm} fields={{ baselineDate: rf.baselineDate, reason: rf.reason }} />
                <Form method="post" {...getFormProps(rebaseForm)}>
                  <input type="hidden" name="intent" value="rebaseline" />
                  <input type="hidden" name="version" value={versionFor(rebase)} />
                  <TextField
                    field={rf.baselineDate}
                    label="New baseline date"
                    hint={`The baseline is now ${formatDay(m.baselineDate)}.`}
                    type="date"
                    width={10}
                  />
                  <TextareaField field={rf.reason} label="Reason for re-baselining" rows={3} />
                  <PiiConfirm show={Boolean(rebase?.pii)} />
                  <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                    Re-baseline
                  </button>
                </Form>
              </div>
            </details>
            {!confirmingDelete ? (
              <p>
                <Link to="?delete">Delete this milestone</Link>
              </p>
            ) : null}
          </div>
        </div>
      ) : null}

      <h3 id="history">History</h3>
      {changes.length === 0 ? (
        <p className="app-muted">The forecast has not moved later and the milestone has not been re-baselined.</p>
      ) : (
        <div className="app-table-wrap">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">Forecast moves and re-baselines</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">When</th>
                <th scope="col">Change</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Reason</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {changes.map((c) => (
                <tr key={c.id}>
                  <td>{formatDateTime(c.at)}</td>
                  <td>{MILESTONE_CHANGE_LABELS[c.kind]}</td>
                  <td>{formatDay(c.fromDate)}</td>
                  <td>{formatDay(c.toDate)}</td>
                  <td className="app-pre-line">{c.reason || "—"}</td>
                  <td>{c.byName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.length ? (
        <>
          <h4>Every recorded change</h4>
          <ul className="app-history">
            {audit.map((e) => (
              <li key={e.id}>
                {formatDateTime(e.at)} — {e.userName ?? e.actorEmail}: {e.summary}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
