// Big Conversation priorities as the board tracks them: the themes behind each, its executive owner,
// its assurance level and its action plan; adopting a priority, editing it and adding actions.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SelectField, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { ConflictNotice } from "~/components/conflict-notice";
import { ASSURANCE_OPTIONS, AssuranceTag } from "~/components/conversation-priority";
import { DoneNotice } from "~/components/done-notice";
import { Breadcrumbs } from "~/components/layout";
import { ActionsTable } from "~/components/meeting-actions";
import { Checkboxes, DateInput, Details, ErrorSummaryBox, SummaryList } from "~/components/nhs";
import { PersonSelectField, type Person } from "~/components/person-select";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import type { Conflict } from "~/domain/conflict";
import { canRunConversations } from "~/domain/conversation-rules";
import { EditPrioritySchema, NewPrioritySchema, PlanActionSchema } from "~/forms/conversation-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { badRequest, forbidden, requireUser } from "~/auth/guards.server";
import { valueOf } from "~/web/command-reply.server";
import { completeActionFromForm } from "~/web/complete-action.server";
import { formatDay } from "~/web/dates";
import { addPriorityAction, createPriority, updatePriority } from "~/models/conversation-commands.server";
import { listPrioritiesWithPlans, listProgrammeThemes } from "~/models/conversation.server";
import { listPeopleToChoose } from "~/models/people.server";
import { getProgramme } from "~/models/programme.server";
import { today as getToday } from "~/today.server";

export const meta: MetaFunction = () => [{ title: "Priorities and action plans – Big Conversations – Stepping Up" }];

const DONE: Record<string, string> = {
  created: "Priority adopted. Add its action plan below.",
  saved: "Priority saved.",
  action: "Action added. Its owner sees it in their actions.",
  completed: "Action marked done. It now shows on You said, we did.",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const today = getToday();
  const canWrite = canRunConversations(user);
  const themes = canWrite ? listProgrammeThemes(db, programmeId) : [];
  return {
    priorities: listPrioritiesWithPlans(db, programmeId, today),
    ungrouped: themes.filter((t) => t.priorityId === null),
    canWrite,
    userId: user.id,
    people: canWrite ? listPeopleToChoose(db) : [],
    today,
  };
}

type Reply = { intent: string; priorityId?: number; result?: SubmissionResult<string[]>; conflict?: Conflict; pii?: boolean; message?: string };

const priorityValues = (v: { title: string; description?: string; ownerUserId: number; assurance: string }) => ({
  title: v.title,
  description: v.description ?? "",
  ownerUserId: v.ownerUserId,
  assurance: v.assurance === "none" ? null : (v.assurance as "consistent_pass" | "consistent_fail" | "inconsistent"),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const actor = { ...actorOf(user, context), role: user.role };
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "complete") {
    const problem = completeActionFromForm(db, user, context, formData);
    if (problem) return data<Reply>({ intent, message: problem.message }, { status: problem.status });
    return redirect("/conversations/priorities?done=completed");
  }
  if (!canRunConversations(user)) forbidden(user, context, "change Big Conversation priorities");
  const refusedAs = (
    submission: { reply: (o: { fieldErrors: Record<string, string[]> }) => SubmissionResult<string[]> },
    field: string,
    message: string,
    priorityId?: number,
  ) => data<Reply>({ intent, priorityId, result: submission.reply({ fieldErrors: { [field]: [message] } }) }, { status: 400 });
  if (intent === "new-priority") {
    const submission = parseSubmission(formData, { schema: NewPrioritySchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const values = priorityValues(submission.value);
    const pii = patientDataWarning({ title: values.title, description: values.description }, formData);
    if (pii) return data<Reply>({ intent, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
    const result = createPriority(db, actor, { programmeId, values, themeIds: submission.value.themeIds ?? [] });
    if (!result.ok && result.status === 400)
      return refusedAs(submission, result.refused.startsWith("Choose a person") ? "ownerUserId" : "themeIds", result.refused);
    const { priorityId } = valueOf(result);
    return redirect(`/conversations/priorities?done=created#priority-${priorityId}`);
  }
  if (intent === "edit-priority") {
    const submission = parseSubmission(formData, { schema: EditPrioritySchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const { priorityId, version, themeIds } = submission.value;
    const values = priorityValues(submission.value);
    const pii = patientDataWarning({ title: values.title, description: values.description }, formData);
    if (pii) return data<Reply>({ intent, priorityId, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
    const result = updatePriority(db, actor, { programmeId, priorityId, version, values, addThemeIds: themeIds ?? [] });
    if (!result.ok && "conflict" in result) return data<Reply>({ intent, priorityId, conflict: result.conflict }, { status: 409 });
    if (!result.ok && result.status === 400)
      return refusedAs(submission, result.refused.startsWith("Choose a person") ? "ownerUserId" : "themeIds", result.refused, priorityId);
    valueOf(result);
    return redirect(`/conversations/priorities?done=saved#priority-${priorityId}`);
  }
  if (intent === "add-action") {
    const submission = parseSubmission(formData, { schema: PlanActionSchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const pii = patientDataWarning({ text: v.text }, formData);
    if (pii) return data<Reply>({ intent, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
    const result = addPriorityAction(db, actor, { programmeId, priorityId: v.priorityId, text: v.text, ownerUserId: v.ownerUserId, dueOn: v.dueOn });
    if (!result.ok && result.status === 400) return refusedAs(submission, "ownerUserId", result.refused);
    valueOf(result);
    return redirect(`/conversations/priorities?done=action#priority-${v.priorityId}`);
  }
  badRequest("That request was not understood.");
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type PriorityView = Loaded["priorities"][number];
type ThemeView = Loaded["ungrouped"][number];

const themeItems = (themes: ThemeView[]) =>
  themes.map((t) => ({ value: String(t.id), label: t.text, hint: `${t.site}, ${formatDay(t.heldOn)}${t.mentions ? ` · ${t.mentions} mentions` : ""}` }));

function EditPriority({ p, people, ungrouped, last }: { p: PriorityView; people: readonly Person[]; ungrouped: ThemeView[]; last: Reply | undefined }) {
  const mine = last?.intent === "edit-priority" && last.priorityId === p.id ? last : undefined;
  const [form, f] = useNhsForm(EditPrioritySchema, mine?.result, `edit-priority-${p.id}-${p.version}`, {
    title: p.title,
    description: p.description,
    ownerUserId: String(p.ownerUserId),
    assurance: p.assurance ?? "none",
  });
  return (
    <Details
      summary={
        <>
          Edit this priority<span className="nhsuk-u-visually-hidden">: {p.title}</span>
        </>
      }
      open={Boolean(mine)}
    >
      <ConflictNotice conflict={mine?.conflict} />
      <ErrorSummary
        form={form}
        fields={{ title: f.title, description: f.description, ownerUserId: f.ownerUserId, assurance: f.assurance, themeIds: f.themeIds }}
      />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="edit-priority" />
        <input type="hidden" name="priorityId" value={p.id} />
        <input type="hidden" name="version" value={mine?.conflict?.currentVersion ?? p.version} />
        <PriorityFields f={f} people={people} ungrouped={ungrouped} themesLegend="Add themes to this priority (optional)" />
        <PiiConfirm show={Boolean(mine?.pii)} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Save the priority
        </button>
      </Form>
    </Details>
  );
}

type PriorityFieldSet = Parameters<typeof TextField>[0]["field"];

function PriorityFields({
  f,
  people,
  ungrouped,
  themesLegend,
}: {
  f: Record<"title" | "description" | "ownerUserId" | "assurance" | "themeIds", PriorityFieldSet>;
  people: readonly Person[];
  ungrouped: ThemeView[];
  themesLegend: string;
}) {
  return (
    <>
      <TextField field={f.title} label="Title" width={30} />
      <TextareaField field={f.description} label="Description (optional)" rows={3} />
      <PersonSelectField field={f.ownerUserId} label="Executive owner" hint="The executive who answers to the board for this priority" people={people} />
      <SelectField field={f.assurance} label="Assurance level" hint="How sure the board is that the plan is delivering" options={ASSURANCE_OPTIONS} />
      {ungrouped.length ? (
        <Checkboxes field={f.themeIds} legend={themesLegend} small items={themeItems(ungrouped)} />
      ) : (
        <p className="app-muted">Every theme recorded so far is already part of a priority.</p>
      )}
    </>
  );
}

export default function Priorities() {
  const { priorities, ungrouped, canWrite, userId, people, today } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as Reply | undefined;
  const [search] = useSearchParams();
  const [newForm, nf] = useNhsForm(NewPrioritySchema, last?.intent === "new-priority" ? last.result : undefined, "new-priority", { assurance: "none" });
  const [actionForm, af] = useNhsForm(PlanActionSchema, last?.intent === "add-action" ? last.result : undefined, "add-plan-action");
  return (
    <>
      <Breadcrumbs items={[{ to: "/conversations", label: "Big Conversations" }]} />
      <h1>Priorities and action plans</h1>
      <p className="nhsuk-lede-text">
        What staff told us at Big Conversations, grouped into priorities the board tracks, each with an executive owner and an action plan.
      </p>
      {last?.message ? (
        <ErrorSummaryBox headingId="priorities-problem" focusKey={last}>
          <p>{last.message}</p>
        </ErrorSummaryBox>
      ) : (
        <DoneNotice message={DONE[search.get("done") ?? ""] ?? null} />
      )}
      {priorities.length === 0 ? (
        <p className="app-muted">
          No priorities yet.{" "}
          {canWrite
            ? "Group the themes raised at listening events into a priority below."
            : "The programme board adopts priorities from the themes staff raise."}
        </p>
      ) : null}
      {priorities.map((p) => (
        <section key={p.id} id={`priority-${p.id}`} aria-labelledby={`priority-${p.id}-heading`} className="app-conversation-priority">
          <h2 id={`priority-${p.id}-heading`}>{p.title}</h2>
          {p.description ? <p className="app-pre-line">{p.description}</p> : null}
          <SummaryList
            rows={[
              { key: "Assurance", value: <AssuranceTag level={p.assurance} /> },
              { key: "Executive owner", value: p.ownerName },
              {
                key: "Action plan",
                value: `${p.counts.open} open, ${p.counts.overdue} overdue, ${p.counts.closed} closed`,
              },
              {
                key: "Themes",
                value: p.themes.length ? (
                  <ul className="nhsuk-list">
                    {p.themes.map((t) => (
                      <li key={t.id}>
                        {t.text}{" "}
                        <span className="app-muted nhsuk-body-s">
                          ({t.site}, {formatDay(t.heldOn)})
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="app-muted">None yet</span>
                ),
              },
            ]}
          />
          {p.actions.length ? (
            <ActionsTable
              caption={`Action plan for ${p.title}`}
              actions={p.actions.map((a) => ({ ...a, meetingId: null, meetingTitle: null, meetingDate: null, projectId: null, projectTitle: null }))}
              today={today}
              canComplete={(a) => canWrite || a.ownerUserId === userId}
              showProject={false}
            />
          ) : (
            <p className="app-muted">No actions in this plan yet.</p>
          )}
          {canWrite ? <EditPriority p={p} people={people} ungrouped={ungrouped} last={last} /> : null}
        </section>
      ))}
      {canWrite && priorities.length ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h2>Add an action to a plan</h2>
            <ErrorSummary form={actionForm} fields={{ priorityId: af.priorityId, text: af.text, ownerUserId: af.ownerUserId, dueOn: af.dueOn }} />
            <Form method="post" {...getFormProps(actionForm)}>
              <input type="hidden" name="intent" value="add-action" />
              <SelectField
                field={af.priorityId}
                label="Priority"
                placeholder="Choose a priority"
                options={priorities.map((p) => ({ value: String(p.id), label: p.title }))}
              />
              <TextareaField field={af.text} label="Action" rows={2} />
              <PersonSelectField field={af.ownerUserId} label="Owner" people={people} />
              <DateInput field={af.dueOn} legend="Due date" hint="For example, 30 6 2027" />
              <PiiConfirm show={Boolean(last?.intent === "add-action" && last.pii)} />
              <button className="nhsuk-button" type="submit">
                Add the action
              </button>
            </Form>
          </div>
        </div>
      ) : null}
      {canWrite ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h2>Adopt a priority</h2>
            <ErrorSummary
              form={newForm}
              fields={{ title: nf.title, description: nf.description, ownerUserId: nf.ownerUserId, assurance: nf.assurance, themeIds: nf.themeIds }}
            />
            <Form method="post" {...getFormProps(newForm)}>
              <input type="hidden" name="intent" value="new-priority" />
              <PriorityFields f={nf} people={people} ungrouped={ungrouped} themesLegend="Themes this priority answers" />
              <PiiConfirm show={Boolean(last?.intent === "new-priority" && last.pii)} />
              <button className="nhsuk-button" type="submit">
                Adopt the priority
              </button>
            </Form>
          </div>
        </div>
      ) : (
        <p>
          <Link to="/conversations/you-said-we-did">See what we did about what you said</Link>
        </p>
      )}
    </>
  );
}
