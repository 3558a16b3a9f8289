import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FilterSelect, Pagination } from "~/components/list-controls";
import { DateInputView, Table, type TableColumn } from "~/components/nhs";
import { getDb } from "~/db.server";
import { canAdminister } from "~/domain/permissions";
import { plural } from "~/domain/plural";
import { formatDateTime, isIsoDay } from "~/web/dates";
import { dayRangeMessage, isPlausibleDay } from "~/forms/day-field";
import { datePartsMessage, readDateQuery } from "~/forms/date-parts";
import { requirePermission } from "~/auth/guards.server";
import { listAuditEvents, listProjectsForAuditFilter } from "~/models/audit.server";
import { listUsers } from "~/models/user.server";

export const meta: MetaFunction = () => [{ title: "Audit trail – Admin – Stepping Up" }];

const day = z.string().refine(isPlausibleDay).optional().catch(undefined);
const AuditQuery = z.object({
  user: z.coerce.number().int().positive().optional().catch(undefined),
  project: z.coerce.number().int().positive().optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, "read the audit trail");
  const db = getDb();
  const params = new URL(request.url).searchParams;
  // The date filters come as day, month and year boxes (or an ISO from/to in a link); a date that
  // cannot be read is said beside its boxes and not applied.
  const dates = { from: auditDate(params, "from", "From"), to: auditDate(params, "to", "To") };
  const q = AuditQuery.parse({ ...Object.fromEntries(params), from: dates.from.iso, to: dates.to.iso });
  const { rows, total, pages } = listAuditEvents(db, { userId: q.user, projectId: q.project, from: q.from, to: q.to }, q.page);
  return {
    rows,
    total,
    pages,
    q,
    dates,
    users: listUsers(db).map((u) => ({ id: u.id, name: u.name })),
    projects: listProjectsForAuditFilter(db),
  };
}

function auditDate(params: URLSearchParams, name: string, what: string) {
  const { iso, boxes, problem } = readDateQuery(params, name);
  let error = problem ? datePartsMessage(what, problem) : undefined;
  if (iso && !isPlausibleDay(iso)) error = isIsoDay(iso) ? dayRangeMessage(what) : `${what} must be a real date`;
  return { iso: error ? undefined : iso, boxes, error, boxesInError: problem?.parts };
}

type AuditRow = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

const AUDIT_COLUMNS: TableColumn<AuditRow>[] = [
  { id: "when", header: "When", cell: (e) => formatDateTime(e.at) },
  { id: "who", header: "Who", cell: (e) => e.userName ?? (e.actorEmail || "Unknown") },
  {
    id: "what",
    header: "What",
    cell: (e) => (
      <>
        {e.summary}
        {e.projectId ? (
          <>
            {" "}
            (<Link to={`/projects/${e.projectId}`}>project</Link>)
          </>
        ) : null}
      </>
    ),
  },
  { id: "event", header: "Event", cell: (e) => <code>{e.action}</code> },
  { id: "address", header: "Address", cell: (e) => e.ip },
];

export default function AdminAudit() {
  const { rows, total, pages, q, dates, users, projects } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next}`;
  };
  return (
    <>
      <h1>Audit trail</h1>
      <p>Every sign-in, refusal and change, newest first. Times are UK time; the record is kept in UTC and never edited.</p>
      <p>
        <Link to="/admin/users">Manage users</Link>
      </p>
      <Form method="get" className="nhsuk-u-margin-bottom-4">
        <div className="app-definition-grid">
          <FilterSelect name="user" label="Person" value={q.user} all="Anyone" options={users.map((u) => ({ value: u.id, label: u.name }))} />
          <FilterSelect name="project" label="Project" value={q.project} all="Any project" options={projects.map((p) => ({ value: p.id, label: p.title }))} />
          {(["from", "to"] as const).map((name) => (
            <DateInputView
              key={name}
              id={name}
              names={{ day: `${name}.day`, month: `${name}.month`, year: `${name}.year` }}
              values={dates[name].boxes}
              error={dates[name].error}
              boxesInError={dates[name].boxesInError}
              legend={name === "from" ? "From" : "To"}
            />
          ))}
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Filter
        </button>
      </Form>
      {rows.length === 0 ? (
        <p>No events match these filters.</p>
      ) : (
        <Table caption="Audit events" captionHidden scroll columns={AUDIT_COLUMNS} rows={rows} rowKey={(e) => e.id} />
      )}
      <p className="nhsuk-body-s">
        {plural(total, "event")} · page {q.page} of {pages}
      </p>
      <Pagination page={q.page} pages={pages} href={pageLink} label="Pages of the audit trail" previous="Newer" next="Older" />
    </>
  );
}
