// A person's data (UK GDPR, ADR 081): everything Stepping Up holds about one person, a download of it
// for a subject access request, and erasing a leaver's personal details while the audit trail stays.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Checkboxes, ErrorSummaryBox, InsetText, SummaryList, Table, WarningCallout, type TableColumn } from "~/components/nhs";
import { DoneNotice } from "~/components/done-notice";
import { getDb } from "~/db.server";
import { TEAM_ROLE_LABELS } from "~/domain/labels";
import type { TeamRole } from "~/domain/enums";
import { canAdminister } from "~/domain/permissions";
import { plural } from "~/domain/plural";
import { formatDateTime } from "~/web/dates";
import { actorOf } from "~/auth/actor.server";
import { badRequest, notFound, parseId, requirePermission } from "~/auth/guards.server";
import { parseFields } from "~/forms/submission.server";
import { eraseUser } from "~/models/personal-data-commands.server";
import { getPerson, personalData, teamsOf } from "~/models/personal-data.server";

export const meta: MetaFunction = () => [{ title: "A person's data – Admin – Stepping Up" }];

const what = "see a person's data";
const CONFIRM_ERROR = "Tick to confirm that this person has left and their personal details can be erased";
const EraseForm = z.object({ intent: z.literal("erase"), confirm: z.literal("yes").optional() }).strict();

/** What each table holds, in words. */
const TABLE_LABELS: Record<string, string> = {
  users: "Profile (account)",
  project_team: "Team memberships and lead roles",
  meeting_actions: "Actions",
  pdsa_cycles: "PDSA cycles",
  status_reports: "Status reports",
  asks: "Asks",
  wins: "Wins",
  audit_events: "Audit trail events",
  sessions: "Sign-in sessions",
  sign_in_attempts: "Sign-in attempts",
  notifications: "Notifications",
  notification_preferences: "Email settings",
  email_outbox: "Emails",
  two_factors: "Two-factor authentication",
  recovery_codes: "Recovery codes",
  oidc_identities: "Single sign-on identities",
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, what);
  const db = getDb();
  const userId = parseId(params.userId, "user");
  const person = getPerson(db, userId);
  if (!person) notFound("user");
  const found = personalData(db, userId).map((s) => ({ table: s.table, column: s.column, rows: s.rows.length }));
  return { person, found, teams: teamsOf(db, userId) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canAdminister, "erase a person's details");
  const userId = parseId(params.userId, "user");
  const parsed = parseFields(await request.formData(), EraseForm);
  if (!parsed.success) badRequest("That form could not be read.");
  if (parsed.data.confirm !== "yes") return data({ error: CONFIRM_ERROR, done: null }, { status: 400 });
  const result = eraseUser(getDb(), actorOf(user, context), { userId });
  if (!result.ok) return data({ error: result.refused, done: null }, { status: result.status });
  return { error: null, done: `Erased. This person is now shown as ${result.value.name}; their sessions and settings were deleted.` };
}

type Found = ReturnType<typeof useLoaderData<typeof loader>>["found"][number];
const COLUMNS: TableColumn<Found>[] = [
  { id: "what", header: "What", rowHeader: true, cell: (f) => TABLE_LABELS[f.table] ?? f.table },
  { id: "table", header: "Table and column", cell: (f) => <code>{`${f.table}.${f.column}`}</code> },
  { id: "rows", header: "Rows", numeric: true, cell: (f) => f.rows },
];

export default function PersonData() {
  const { person, found, teams } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const base = `/admin/users/${person.id}/data`;
  return (
    <>
      {answer?.error ? <ErrorSummaryBox errors={[{ text: answer.error, href: "#confirm" }]} /> : null}
      <DoneNotice message={answer?.done} />
      <p>
        <Link to="/admin/users">Back to users</Link>
      </p>
      <h1>
        <span className="nhsuk-caption-l">A person's data</span>
        {person.name}
      </h1>
      <SummaryList
        rows={[
          { key: "Email", value: person.email },
          { key: "Job title", value: person.jobTitle || "None" },
          { key: "Role", value: person.role },
          { key: "Account created", value: formatDateTime(person.createdAt) },
          { key: "Status", value: person.erased ? "Personal details erased" : person.disabledAt ? `Disabled ${formatDateTime(person.disabledAt)}` : "Active" },
        ]}
      />
      <h2>Teams and lead roles</h2>
      {teams.length === 0 ? (
        <p>Not on any project's team.</p>
      ) : (
        <ul>
          {teams.map((t) => (
            <li key={`${t.projectId}-${t.role}`}>
              <Link to={`/projects/${t.projectId}`}>{t.title}</Link>: {TEAM_ROLE_LABELS[t.role as TeamRole] ?? t.role}
            </li>
          ))}
        </ul>
      )}
      <h2>Everything held about this person</h2>
      <p>
        Every row of the database that refers to this person:{" "}
        {plural(
          found.reduce((n, f) => n + f.rows, 0),
          "row",
        )}{" "}
        in {plural(new Set(found.map((f) => f.table)).size, "table")}. Passwords, two-factor secrets and sign-in tokens are never shown or downloaded.
      </p>
      <Table caption="Rows about this person" captionHidden scroll columns={COLUMNS} rows={found} rowKey={(f) => `${f.table}.${f.column}`} />
      <h2>Download (subject access request)</h2>
      <p>Every row above, with every value, to answer a subject access request. Downloads are recorded in the audit trail.</p>
      <ul>
        <li>
          <Link to={`${base}.json`} reloadDocument>
            Download as JSON
          </Link>
        </li>
        <li>
          <Link to={`${base}.csv`} reloadDocument>
            Download as CSV
          </Link>
        </li>
      </ul>
      <h2>Erase this person's personal details</h2>
      {person.erased ? (
        <p>This person's personal details have been erased.</p>
      ) : !person.disabledAt ? (
        <InsetText>
          <p>
            Only a leaver's details can be erased. Disable the account in <Link to="/admin/users">Users</Link> first (and hand over their projects).
          </p>
        </InsetText>
      ) : (
        <>
          <WarningCallout heading="This cannot be undone">
            <p>
              Their name becomes "Former member of staff #{person.id}" everywhere, including the audit trail. Their email address and job title are removed,
              they can no longer sign in, and their sessions, sign-in history, notifications, email settings and two-factor and single sign-on links are
              deleted.
            </p>
            <p>
              What they wrote for their projects (PDSA cycles, status reports, asks, wins, actions) is kept: it belongs to the project. The audit trail is kept
              as it is, and is removed only when it reaches the end of its retention period.
            </p>
          </WarningCallout>
          <Form method="post">
            <Checkboxes
              name="confirm"
              idPrefix="confirm"
              items={[{ value: "yes", label: "I confirm this person has left and their personal details can be erased" }]}
            />
            <button className="nhsuk-button nhsuk-button--warning" type="submit" name="intent" value="erase">
              Erase personal details
            </button>
          </Form>
        </>
      )}
    </>
  );
}
