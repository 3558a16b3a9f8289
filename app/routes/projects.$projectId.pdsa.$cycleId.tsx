import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseFields, parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { ButtonGroup, FormButtons, SummaryList, Tag, WarningCallout, type SummaryRow } from "~/components/nhs";
import { SuccessBanner } from "~/components/success-banner";
import { PiiConfirm } from "~/components/pii-confirm";
import { CycleDates, PdsaDecisionTag, PdsaStatusTag } from "~/components/pdsa-timeline";
import { DoStudyActFields, PlanFields } from "~/components/pdsa-worksheet";
import { getDb } from "~/db.server";
import { canEditProject } from "~/domain/permissions";
import { doneBeforeStartProblem, filledParts, worksheetProblems } from "~/domain/pdsa-rules";
import type { Conflict } from "~/domain/conflict";
import { formatDateTime, formatDay } from "~/web/dates";
import { today } from "~/today.server";
import { badRequest, notFound, parseId, requireProjectEditor, requireUser } from "~/auth/guards.server";
import { CYCLE_TEXT_FIELDS, DeleteCycleSchema, EditCycleSchema, summaryFieldNames } from "~/forms/pdsa-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { getCycle, listChangeIdeas, listFollowingCycles, listMeasureOptions, referenceProblems, type CycleDetail } from "~/models/pdsa.server";
import { deleteCycle, updateCycle } from "~/models/pdsa-commands.server";
import { actorOf } from "~/auth/actor.server";
import { refusal } from "~/web/command-reply.server";
import { isOnProjectTeam } from "~/models/team.server";
import { Comments } from "~/components/comments";
import { commentsData } from "~/models/comment.server";
import { nowMs } from "~/clock.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `Cycle ${data.detail.cycle.number}: ${data.detail.cycle.title} – Stepping Up` : "PDSA cycle – Stepping Up",
  },
];

/** The stored worksheet as form values (strings), so the edit form opens filled in. */
function asFormValues(d: CycleDetail): Record<string, string | string[]> {
  const c = d.cycle;
  return {
    changeIdea: String(c.changeIdeaId),
    ...Object.fromEntries(CYCLE_TEXT_FIELDS.filter((f) => f !== "newChangeIdea").map((f) => [f, c[f]])),
    measureIds: d.measures.filter((m) => !m.deleted).map((m) => String(m.id)),
    actDecision: c.actDecision ?? "",
    startDate: c.startDate,
    endDate: c.endDate ?? "",
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  const cycleId = parseId(params.cycleId, "cycle");
  const db = getDb();
  const detail = getCycle(db, projectId, cycleId);
  if (!detail) notFound("cycle");
  const canEdit = canEditProject(user, isOnProjectTeam(db, projectId, user.id));
  const search = new URL(request.url).searchParams;
  const mode = !canEdit ? "view" : search.has("edit") ? "edit" : search.has("delete") ? "delete" : "view";
  return {
    projectId,
    detail,
    canEdit,
    mode,
    saved: search.get("saved"),
    following: listFollowingCycles(db, projectId, cycleId),
    comments: commentsData(db, user, { projectId, target: "pdsa", targetId: cycleId, now: nowMs() }),
    // Editors get the form's options on every view: a refused save re-renders the form whatever the URL.
    form: canEdit
      ? {
          ideas: listChangeIdeas(db, projectId),
          measures: listMeasureOptions(db, projectId),
          values: asFormValues(detail),
        }
      : null,
  };
}

type ActionResult = {
  intent: "save" | "delete";
  result: SubmissionResult<string[]> | null;
  version: number | null;
  pii: boolean;
  conflict: Conflict | null;
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const cycleId = parseId(params.cycleId, "cycle");
  const db = getDb();
  const before = getCycle(db, projectId, cycleId);
  if (!before) notFound("cycle");
  const formData = await request.formData();
  const postedVersion = Number(formData.get("version")) || null;
  const answer = (extra: Partial<ActionResult> & Pick<ActionResult, "intent">, status: number) =>
    data<ActionResult>({ result: null, version: postedVersion, pii: false, conflict: null, ...extra }, { status });

  if (formData.get("intent") === "delete") {
    const parsed = parseFields(formData, DeleteCycleSchema);
    if (!parsed.success) badRequest("That request was not understood.");
    const deleted = deleteCycle(db, actorOf(user, context), { projectId, cycleId, version: parsed.data.version });
    if (!deleted.ok) {
      if ("refused" in deleted) refusal(deleted);
      return answer({ intent: "delete", version: deleted.conflict.currentVersion, conflict: deleted.conflict }, 409);
    }
    return redirect(`/projects/${projectId}/pdsa?deleted=${before.cycle.number}`);
  }

  const submission = parseSubmission(formData, { schema: EditCycleSchema });
  const fail = (result: SubmissionResult<string[]>, pii = false) => answer({ intent: "save", result, pii }, 400);
  if (submission.status !== "success") return fail(submission.reply());
  const { intent: _intent, ...values } = submission.value;
  const wrong = referenceProblems(db, projectId, values);
  if (wrong) return fail(submission.reply(wrong));
  const contradiction = worksheetProblems(values);
  if (contradiction) return fail(submission.reply({ fieldErrors: contradiction }));
  const tooEarly = doneBeforeStartProblem(values, today(), formatDay);
  if (tooEarly) return fail(submission.reply({ fieldErrors: { actDecision: [tooEarly] } }));
  const text = Object.fromEntries(CYCLE_TEXT_FIELDS.map((name) => [name, values[name]]));
  const pii = patientDataWarning(text, formData);
  if (pii) return fail(submission.reply({ fieldErrors: pii }), true);

  const saved = updateCycle(db, actorOf(user, context), { projectId, cycleId, values, today: today() });
  if (!saved.ok) {
    if ("refused" in saved) refusal(saved);
    const { conflict } = saved;
    return answer({ intent: "save", result: submission.reply(), version: conflict.currentVersion, conflict }, 409);
  }
  return redirect(`/projects/${projectId}/pdsa/${cycleId}?saved=updated`);
}

export default function CyclePage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mode = actionData?.intent === "save" ? "edit" : actionData?.intent === "delete" ? "delete" : loaderData.mode;
  if (mode === "edit" && loaderData.form) return <EditWorksheet />;
  if (mode === "delete") return <ConfirmDelete />;
  return <ViewWorksheet />;
}

function SavedBanner({ saved, number }: { saved: string | null; number: number }) {
  if (saved !== "created" && saved !== "updated") return null;
  return <SuccessBanner message={saved === "created" ? `Cycle ${number} is planned` : `Cycle ${number} is saved`} titleId="saved-title" />;
}

const orNone = (value: string | null | undefined, none = "Not recorded yet") =>
  value && value.trim() ? <span className="app-pre-line">{value}</span> : <span className="app-muted">{none}</span>;

/** Summary rows of worksheet boxes, each shown as written or "Not recorded yet". */
const boxes = (entries: [string, string | null | undefined][]): SummaryRow[] => entries.map(([key, value]) => ({ key, value: orNone(value) }));

function Part({ id, title, done, editHref, rows }: { id: string; title: string; done: boolean; editHref: string | null; rows: readonly SummaryRow[] }) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {title} <span className="nhsuk-u-visually-hidden">–</span>
        <Tag colour={done ? "green" : "grey"} className="nhsuk-u-margin-left-2">
          {done ? "Filled in" : "Not filled in"}
        </Tag>
      </h3>
      <SummaryList rows={rows} />
      {editHref ? (
        <p>
          <Link to={editHref}>
            Change the {title} part<span className="nhsuk-u-visually-hidden"> of this cycle</span>
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function ViewWorksheet() {
  const { projectId, detail, canEdit, saved, following, comments } = useLoaderData<typeof loader>();
  const c = detail.cycle;
  const parts = filledParts(c);
  const base = `/projects/${projectId}/pdsa`;
  const edit = (anchor: string) => (canEdit ? `${base}/${c.id}?edit#${anchor}` : null);
  return (
    <>
      <SavedBanner saved={saved} number={c.number} />
      <span className="nhsuk-caption-m">Change idea: {detail.changeIdea}</span>
      <h2>
        Cycle {c.number}: {c.title}
      </h2>
      <p>
        <PdsaStatusTag status={c.status} /> {c.actDecision ? <PdsaDecisionTag decision={c.actDecision} /> : null}
      </p>
      <SummaryList
        rows={[
          { key: "Question", value: orNone(c.question) },
          { key: "Dates", value: <CycleDates start={c.startDate} end={c.endDate} /> },
          {
            key: "Measures",
            value: detail.measures.length ? (
              detail.measures.map((m) => `${m.name}${m.deleted ? " (deleted)" : ""}`).join(", ")
            ) : (
              <span className="app-muted">None linked</span>
            ),
          },
          detail.previous && {
            key: "Follows",
            value: detail.previous.deleted ? (
              `Cycle ${detail.previous.number}: ${detail.previous.title} (deleted)`
            ) : (
              <Link to={`${base}/${detail.previous.id}`}>
                Cycle {detail.previous.number}: {detail.previous.title}
              </Link>
            ),
          },
          following.length > 0 && {
            key: "Followed by",
            value: (
              <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                {following.map((f) => (
                  <li key={f.id}>
                    <Link to={`${base}/${f.id}`}>
                      Cycle {f.number}: {f.title}
                    </Link>
                  </li>
                ))}
              </ul>
            ),
          },
          {
            key: "Last changed",
            value: `${formatDateTime(c.updatedAt)}${detail.updatedByName ? ` by ${detail.updatedByName}` : ""}`,
          },
        ]}
      />

      {canEdit ? (
        <ButtonGroup>
          <Link className="nhsuk-button" to={`${base}/${c.id}?edit`}>
            Edit the worksheet
          </Link>
          {c.actDecision ? (
            <Link className="nhsuk-button nhsuk-button--secondary" to={`${base}/new?from=${c.id}`}>
              Start the next cycle
            </Link>
          ) : null}
        </ButtonGroup>
      ) : null}

      {(
        [
          [
            "plan",
            "Plan",
            boxes([
              ["Prediction", c.prediction],
              ["Who", c.planWho],
              ["What", c.planWhat],
              ["When", c.planWhen],
              ["Where", c.planWhere],
              ["Data collection", c.planDataCollection],
            ]),
          ],
          [
            "do",
            "Do",
            boxes([
              ["What happened", c.doWhatHappened],
              ["Observations", c.doObservations],
              ["Problems and surprises", c.doProblems],
            ]),
          ],
          [
            "study",
            "Study",
            boxes([
              ["Results against the prediction", c.studyResults],
              ["What was learned", c.studyLearning],
            ]),
          ],
          [
            "act",
            "Act",
            [
              {
                key: "Decision",
                value: c.actDecision ? <PdsaDecisionTag decision={c.actDecision} /> : orNone(null, "Not decided yet"),
              },
              { key: "Next step", value: orNone(c.actNextStep) },
            ],
          ],
        ] as const
      ).map(([id, title, rows]) => (
        <Part key={id} id={id} title={title} done={parts[id]} editHref={edit(id)} rows={rows} />
      ))}

      {canEdit ? (
        <p>
          <Link to={`${base}/${c.id}?delete`}>
            Delete this cycle<span className="nhsuk-u-visually-hidden">: cycle {c.number}</span>
          </Link>
        </p>
      ) : null}
      <Comments {...comments} />
      <p>
        <Link to={base}>Back to all PDSA cycles</Link>
      </p>
    </>
  );
}

function EditWorksheet() {
  const { projectId, detail, form: options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const opened = useMemo<SubmissionResult<string[]>>(() => ({ initialValue: options?.values ?? {} }), [options]);
  const [form, fields] = useNhsForm(EditCycleSchema, actionData?.result ?? opened);
  const c = detail.cycle;
  const base = `/projects/${projectId}/pdsa`;
  const shown = Object.fromEntries(summaryFieldNames(EditCycleSchema).map((name) => [name, fields[name as keyof typeof fields]]));
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConflictNotice conflict={actionData?.conflict} />
        <ErrorSummary form={form} fields={shown} />
        <h2>
          Edit cycle {c.number}: {c.title}
        </h2>
        <p>
          The status follows what you fill in: writing in Do makes the cycle <strong>doing</strong>, writing in Study makes it <strong>studying</strong>, and
          choosing a decision in Act makes it <strong>done</strong>.
        </p>
        <Form method="post" action={`${base}/${c.id}?edit`} {...getFormProps(form)}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="version" value={actionData?.version ?? c.version} />
          <PlanFields fields={fields} ideas={options?.ideas ?? []} measures={options?.measures ?? []} measuresHref={`/projects/${projectId}/measures`} />
          <DoStudyActFields fields={fields} />
          <PiiConfirm show={Boolean(actionData?.pii)} />
          <FormButtons submit="Save the worksheet" cancelTo={`${base}/${c.id}`} />
        </Form>
      </div>
    </div>
  );
}

function ConfirmDelete() {
  const { projectId, detail, following } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const c = detail.cycle;
  const base = `/projects/${projectId}/pdsa`;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConflictNotice conflict={actionData?.conflict} />
        {actionData?.conflict ? (
          <p>
            <Link to={`${base}/${c.id}`}>See the latest version of the cycle</Link>
          </p>
        ) : null}
        <h2>
          Delete cycle {c.number}: {c.title}?
        </h2>
        <WarningCallout heading="Check before you delete">
          <p>
            The cycle will no longer appear on the project's timeline or lists. Its number is not used again, and the audit trail keeps a record that it was
            deleted.
          </p>
          {following.length ? (
            <p>
              {following.map((f) => `Cycle ${f.number}`).join(" and ")} {following.length === 1 ? "follows" : "follow"} this cycle and will be kept.
            </p>
          ) : null}
        </WarningCallout>
        <Form method="post" action={`${base}/${c.id}?delete`}>
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="version" value={actionData?.version ?? c.version} />
          <FormButtons submit="Yes, delete this cycle" warning cancelTo={`${base}/${c.id}`} cancelLabel="No, keep it" />
        </Form>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
