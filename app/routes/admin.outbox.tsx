import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FilterSelect } from "~/components/list-controls";
import { Details, InsetText, Table, Tag, type TableColumn, type TagColour } from "~/components/nhs";
import { getDb } from "~/db.server";
import { OUTBOX_STATES, type OutboxState } from "~/domain/notification-kinds";
import { canAdminister } from "~/domain/permissions";
import { formatDateTime } from "~/web/dates";
import { requirePermission } from "~/auth/guards.server";
import { mailRelayConfigured } from "~/models/mail-sender.server";
import { listOutbox, outboxCounts } from "~/models/outbox.server";

export const meta: MetaFunction = () => [{ title: "Email outbox – Admin – Stepping Up" }];

const OutboxQuery = z.object({ state: z.enum(OUTBOX_STATES).optional().catch(undefined) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, "read the email outbox");
  const db = getDb();
  const q = OutboxQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { q, relay: mailRelayConfigured(), counts: outboxCounts(db), rows: listOutbox(db, { state: q.state, limit: 200 }) };
}

const STATE_LABELS: Record<OutboxState, { label: string; colour: TagColour }> = {
  pending: { label: "Waiting", colour: "blue" },
  sending: { label: "Sending", colour: "yellow" },
  sent: { label: "Sent", colour: "green" },
  failed: { label: "Failed", colour: "red" },
};

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

const COLUMNS: TableColumn<Row>[] = [
  { id: "when", header: "Queued", cell: (m) => formatDateTime(m.createdAt) },
  { id: "to", header: "To", cell: (m) => m.toAddress },
  {
    id: "subject",
    header: "Message",
    cell: (m) => (
      <Details summary={m.subject} className="nhsuk-u-margin-bottom-0">
        <pre className="app-pre-line">{m.textBody}</pre>
      </Details>
    ),
  },
  {
    id: "state",
    header: "State",
    cell: (m) => (
      <>
        <Tag colour={STATE_LABELS[m.state].colour}>{STATE_LABELS[m.state].label}</Tag>
        {m.sentAt ? <div className="nhsuk-body-s nhsuk-u-margin-bottom-0">{formatDateTime(m.sentAt)}</div> : null}
      </>
    ),
  },
  { id: "attempts", header: "Attempts", cell: (m) => String(m.attempts) },
  {
    id: "error",
    header: "Last error",
    cell: (m) => (m.lastError ? `${m.lastError}${m.state === "pending" ? ` (next try ${formatDateTime(m.nextAttemptAt)})` : ""}` : ""),
  },
];

export default function AdminOutbox() {
  const { q, relay, counts, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Email outbox</h1>
      <p>
        Every email Stepping Up sends, newest first. Emails are written with the change that causes them and sent within seconds; while the mail relay is down
        they wait here and are tried again.
      </p>
      {relay ? null : (
        <InsetText>
          <p>No mail relay is set up (SMTP_URL), so nothing leaves this machine: emails are kept here for you to read.</p>
        </InsetText>
      )}
      <p>
        {OUTBOX_STATES.map((s) => `${STATE_LABELS[s].label}: ${counts[s]}`).join(" · ")} · <Link to="/admin/audit">Audit trail</Link>
      </p>
      <Form method="get" className="nhsuk-u-margin-bottom-4">
        <FilterSelect
          name="state"
          label="State"
          value={q.state}
          all="Any state"
          options={OUTBOX_STATES.map((s) => ({ value: s, label: STATE_LABELS[s].label }))}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Filter
        </button>
      </Form>
      {rows.length === 0 ? <p>No emails yet.</p> : <Table caption="Emails" captionHidden scroll columns={COLUMNS} rows={rows} rowKey={(m) => m.id} />}
    </>
  );
}
