// A person leaving (ADR 106): everything they still hold, handed to one successor in one step, with their
// account disabled at the same time; or disabled without a hand-over, when the board flags their projects.
import { getFormProps } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { DoneNotice } from "~/components/done-notice";
import { Breadcrumb, InsetText, Radios, Table, WarningCallout } from "~/components/nhs";
import { PersonSelectField } from "~/components/person-select";
import { getDb } from "~/db.server";
import { describeHoldings } from "~/domain/hand-over";
import { TEAM_ROLE_LABELS } from "~/domain/labels";
import { canAdminister } from "~/domain/permissions";
import { actorOf } from "~/auth/actor.server";
import { badRequest, requirePermission } from "~/auth/guards.server";
import { DisableLeaverSchema, HandOverSchema } from "~/forms/hand-over-form";
import { parseSubmission } from "~/forms/submission.server";
import { disableLeaver, handOverWork } from "~/models/leaver-commands.server";
import { holdingCount, holdingCounts, listHoldings } from "~/models/leaver.server";
import { listPeopleToChoose } from "~/models/people.server";
import { getUser } from "~/models/user.server";
import { formatDateTime, formatDay } from "~/web/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Hand over ${data?.person.name ?? "a person"}'s work – Admin – Stepping Up` }];

const what = "manage users";

function load(userId: number) {
  const db = getDb();
  const person = Number.isInteger(userId) && userId > 0 ? getUser(db, userId) : undefined;
  if (!person) throw new Response("We could not find that person.", { status: 404 });
  const held = listHoldings(db, person.id);
  return {
    person: { id: person.id, name: person.name, email: person.email, version: person.version, disabledAt: person.disabledAt },
    held,
    summary: describeHoldings(holdingCounts(held)),
    total: holdingCount(held),
    people: listPeopleToChoose(db).filter((p) => p.id !== person.id),
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, context, canAdminister, what);
  return { ...load(Number(params.userId)), me: admin.id };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, canAdminister, what);
  const { person } = load(Number(params.userId));
  const formData = await request.formData();
  const actor = actorOf(admin, context);
  if (formData.get("intent") === "disable_only") {
    const submission = parseSubmission(formData, { schema: DisableLeaverSchema });
    if (submission.status !== "success") badRequest("That request was not understood.");
    const done = disableLeaver(getDb(), actor, { userId: person.id, version: submission.value.version });
    if (!done.ok) return data({ result: submission.reply({ formErrors: [done.refused] }), done: null }, { status: done.status });
    const message =
      done.value.kept === "nothing"
        ? `${done.value.email} is disabled and has been signed out.`
        : `${done.value.email} is disabled and has been signed out. They still hold ${done.value.kept}: the board shows "Lead has left" on their projects until someone else is named.`;
    return { result: submission.reply({ resetForm: true }), done: message };
  }
  const submission = parseSubmission(formData, { schema: HandOverSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const { version, successorId, account } = submission.value;
  const done = handOverWork(getDb(), actor, { userId: person.id, version, successorId, disable: !person.disabledAt && account === "disable" });
  if (!done.ok) {
    const onField = done.status === 400 && !done.refused.startsWith("You cannot");
    return data(
      { result: submission.reply(onField ? { fieldErrors: { successorId: [done.refused] } } : { formErrors: [done.refused] }), done: null },
      { status: done.status },
    );
  }
  const { email, successor, moved, disabled } = done.value;
  return {
    result: submission.reply({ resetForm: true }),
    done: `${successor} now holds ${moved}.${disabled ? ` ${email} is disabled and has been signed out.` : ""}`,
  };
}

type Held = ReturnType<typeof useLoaderData<typeof loader>>["held"];

function Holdings({ held }: { held: Held }) {
  return (
    <>
      {held.leads.length ? (
        <Table
          caption="Projects they lead"
          rows={held.leads}
          rowKey={(l) => l.teamRowId}
          columns={[
            {
              id: "project",
              header: "Project",
              cell: (l) => <Link to={`/projects/${l.projectId}`}>{l.reference ? `${l.reference} ${l.title}` : l.title}</Link>,
            },
            { id: "role", header: "Role", cell: (l) => TEAM_ROLE_LABELS[l.role] },
          ]}
        />
      ) : null}
      {held.milestones.length ? (
        <Table
          caption="Open milestones they own"
          rows={held.milestones}
          rowKey={(m) => m.id}
          columns={[
            { id: "title", header: "Milestone", cell: (m) => m.title },
            { id: "project", header: "Project", cell: (m) => <Link to={`/projects/${m.projectId}/milestones`}>{m.project}</Link> },
            { id: "due", header: "Forecast", cell: (m) => formatDay(m.forecastDate) },
          ]}
        />
      ) : null}
      {held.actions.length ? (
        <Table
          caption="Open actions they own"
          rows={held.actions}
          rowKey={(a) => a.id}
          columns={[
            { id: "text", header: "Action", cell: (a) => a.text },
            { id: "set", header: "Set at", cell: (a) => a.setAt || "—" },
            { id: "due", header: "Due", cell: (a) => formatDay(a.dueOn) },
          ]}
        />
      ) : null}
      {held.asks.length ? (
        <Table
          caption="Asks waiting for their answer"
          rows={held.asks}
          rowKey={(a) => a.id}
          columns={[
            { id: "what", header: "Ask", cell: (a) => a.what },
            { id: "project", header: "Project", cell: (a) => <Link to={`/projects/${a.projectId}/asks`}>{a.project}</Link> },
            { id: "due", header: "Due", cell: (a) => (a.dueOn ? formatDay(a.dueOn) : "—") },
          ]}
        />
      ) : null}
      {held.cqcActions.length ? (
        <Table
          caption="CQC actions they own"
          rows={held.cqcActions}
          rowKey={(c) => c.id}
          columns={[
            { id: "ref", header: "Reference", cell: (c) => <Link to={`/cqc/${c.id}`}>{c.reference}</Link> },
            { id: "text", header: "Action", cell: (c) => c.text },
            { id: "due", header: "Due", cell: (c) => (c.dueOn ? formatDay(c.dueOn) : "—") },
          ]}
        />
      ) : null}
      {held.priorities.length ? (
        <Table
          caption="Big Conversation priorities they own"
          rows={held.priorities}
          rowKey={(p) => p.id}
          columns={[{ id: "title", header: "Priority", cell: (p) => <Link to="/conversations/priorities">{p.title}</Link> }]}
        />
      ) : null}
    </>
  );
}

export default function Leaving() {
  const { person, held, summary, total, people, me } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useNhsForm(HandOverSchema, answer?.result, "hand-over", { account: "disable" });
  const isMe = person.id === me;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Breadcrumb
          items={[
            { to: "/admin/users", label: "Users" },
            { to: `/admin/users/${person.id}`, label: person.name },
          ]}
        />
        <ErrorSummary form={form} fields={{ successorId: fields.successorId, account: fields.account }} />
        <h1>Hand over {person.name}&apos;s work</h1>
        <DoneNotice message={answer?.done} />
        <p>
          {person.email}
          {person.disabledAt ? `: account disabled ${formatDateTime(person.disabledAt)}.` : "."}
        </p>
        {total === 0 ? (
          <p>They hold nothing that needs handing over: no lead role on an open project, no open milestone, action or ask, CQC action or priority.</p>
        ) : (
          <>
            <p>
              They hold <strong>{summary}</strong>. Choose one person to take over all of it: the projects&apos; team history keeps {person.name} as an earlier
              lead.
            </p>
            <Holdings held={held} />
            <h2>Who takes over</h2>
            <Form method="post" {...getFormProps(form)} key={person.version}>
              <input type="hidden" name="intent" value="hand_over" />
              <input type="hidden" name="version" value={person.version} />
              <PersonSelectField
                field={fields.successorId}
                label="Successor"
                hint="They become the lead of each project above and the owner of each item. You can change any of them later, one by one."
                people={people}
              />
              {person.disabledAt || isMe ? null : (
                <Radios
                  field={fields.account}
                  legend={`${person.name}'s account`}
                  items={[
                    { value: "disable", label: "Disable it now", hint: "They can no longer sign in; their sessions end." },
                    { value: "keep", label: "Keep it open", hint: "For someone who stays in the trust but hands this work on." },
                  ]}
                />
              )}
              <button className="nhsuk-button" type="submit">
                Hand over
              </button>
            </Form>
          </>
        )}
        {person.disabledAt || isMe ? null : (
          <>
            <h2>{total === 0 ? "Disable the account" : "Disable without handing over"}</h2>
            {total > 0 ? (
              <WarningCallout heading="Their projects will be flagged">
                <p>
                  Until someone else is named, the board shows &ldquo;Lead has left&rdquo; on each project {person.name} leads, and their items stay with them.
                  You can hand over later from this page.
                </p>
              </WarningCallout>
            ) : null}
            <Form method="post">
              <input type="hidden" name="intent" value="disable_only" />
              <input type="hidden" name="version" value={person.version} />
              <button className={`nhsuk-button${total > 0 ? " nhsuk-button--secondary" : ""}`} type="submit">
                Disable {person.name}
                {total > 0 ? " without handing over" : ""}
              </button>
            </Form>
          </>
        )}
        {person.disabledAt && total > 0 ? (
          <InsetText>
            <p>Their account is already disabled: the board flags their projects until the hand-over is done.</p>
          </InsetText>
        ) : null}
      </div>
    </div>
  );
}
