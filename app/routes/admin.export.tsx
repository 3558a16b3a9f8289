// Export everything (ADR 080): the whole trust's data, every table as CSV in one zip, or a checked
// SQLite copy, so the trust is never locked in. Both are attachments, and both are audited.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { InsetText, Table, WarningCallout, type TableColumn } from "~/components/nhs";
import { getDb } from "~/db.server";
import { canAdminister } from "~/domain/permissions";
import { plural } from "~/domain/plural";
import { requirePermission } from "~/auth/guards.server";
import { describeExport } from "~/models/export.server";

export const meta: MetaFunction = () => [{ title: "Export – Admin – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, "export the trust's data");
  const tables = describeExport(getDb()).map((t) => ({ name: t.name, rows: t.rows, rowsLeftOut: t.rowsLeftOut, blanked: t.blanked }));
  return { tables };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["tables"][number];
const COLUMNS: TableColumn<Row>[] = [
  { id: "table", header: "Table", rowHeader: true, cell: (t) => <code>{t.name}</code> },
  { id: "rows", header: "Rows", numeric: true, cell: (t) => (t.rowsLeftOut ? "left out" : t.rows) },
  { id: "blanked", header: "Left out", cell: (t) => (t.rowsLeftOut ? "every row (credentials)" : t.blanked.length ? t.blanked.join(", ") : "nothing") },
];

export default function AdminExport() {
  const { tables } = useLoaderData<typeof loader>();
  const rows = tables.reduce((n, t) => n + t.rows, 0);
  return (
    <>
      <h1>Export the trust's data</h1>
      <p>
        Download everything Stepping Up holds for your trust, so it can be kept, checked or moved to another system. The export holds{" "}
        {plural(tables.length, "table")} and {plural(rows, "row")}.
      </p>
      <h2>Every table as CSV</h2>
      <p>
        A zip file with one CSV file per table, a manifest (the tables, their row counts, the database's schema version and when it was exported) and a README.
      </p>
      <ul>
        <li>Column names are the database's own; an empty cell is an empty value.</li>
        <li>Days are written as YYYY-MM-DD and times as milliseconds since 1 January 1970 (UTC); yes and no are 1 and 0.</li>
        <li>
          The export can be loaded into a new Stepping Up database with <code>npm run db:import-export -- FILE.zip</code>.
        </li>
      </ul>
      <InsetText>
        <p>
          Secrets are not exported: password hashes, two-factor secrets, sign-in sessions, recovery codes, invitation and unsubscribe tokens, and the bodies and
          links of queued emails (they can carry sign-in links). The search index is not exported either: it is rebuilt from the other tables.
        </p>
      </InsetText>
      <Form method="post" action="/admin/export/download" reloadDocument>
        <button className="nhsuk-button" type="submit" name="intent" value="csv">
          Download every table as CSV (zip)
        </button>
      </Form>
      <h2>A copy of the database</h2>
      <p>
        The whole SQLite database file, as a backup makes it: checked for integrity before it is downloaded. Use it to restore Stepping Up elsewhere (see the
        backups guide). It holds password hashes and two-factor secrets, so keep it as securely as the server itself.
      </p>
      <Form method="post" action="/admin/export/download" reloadDocument>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" name="intent" value="sqlite">
          Download a checked copy of the database
        </button>
      </Form>
      <WarningCallout heading="Personal data">
        <p>
          Both downloads hold the names, email addresses and job titles of everyone in Stepping Up, and everything they wrote. Store them where your trust's
          information governance policy allows, and delete them when they are no longer needed. Every download is recorded in the audit trail.
        </p>
      </WarningCallout>
      <h2>What the export holds</h2>
      <Table caption="Tables in the export" scroll columns={COLUMNS} rows={tables} rowKey={(t) => t.name} />
    </>
  );
}
