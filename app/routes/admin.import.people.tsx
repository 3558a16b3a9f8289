// Import people from the HR spreadsheet (CSV or Excel): a preview with line-numbered problems, nothing saved until confirmed.
import { AdminNav, IMPORT_SECTIONS } from "~/components/admin-nav";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummaryBox, InsetText, Table, type TableColumn } from "~/components/nhs";
import { DoneNotice } from "~/components/done-notice";
import { getDb } from "~/db.server";
import { ROLE_LABELS } from "~/domain/labels";
import { canAdminister } from "~/domain/permissions";
import { actorOf } from "~/auth/actor.server";
import { badRequest, requirePermission } from "~/auth/guards.server";
import { checkPeopleRows, readCsv, readPeopleFile, type LineProblem, type PersonRow } from "~/forms/people-import.server";
import { PEOPLE_IMPORT_MAX_ROWS, PEOPLE_TEMPLATE_HEADER } from "~/forms/people-template";
import { importPeople, planPeopleImport } from "~/models/people-import-commands.server";
import { invitationDelivery } from "~/models/invitation.server";
import { getProgrammeSetup } from "~/models/programme-setup.server";
import { getProgramme } from "~/models/programme.server";
import { valueOf } from "~/web/command-reply.server";
import { toCsv } from "~/web/csv";

export const meta: MetaFunction = () => [{ title: "Import people – Admin – Stepping Up" }];

const what = "import people";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, what);
  return { max: PEOPLE_IMPORT_MAX_ROWS };
}

type PreviewRow = { line: number; name: string; email: string; jobTitle: string; role: string; division: string; outcome: string };
type Answer = {
  problems: LineProblem[];
  formError: string | null;
  preview: { rows: PreviewRow[]; added: number; updated: number; unchanged: number; checked: string; fileName: string } | null;
  done: string | null;
  /** New people's invitation links, when they were not emailed. */
  links: { name: string; email: string; link: string }[];
};
const answer = (a: Partial<Answer>): Answer => ({ problems: [], formError: null, preview: null, done: null, links: [], ...a });

function divisionsOf() {
  const db = getDb();
  return getProgrammeSetup(db, getProgramme(db).id).divisions.filter((d) => !d.retiredAt);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canAdminister, what);
  const db = getDb();
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    badRequest("The file could not be read. Upload it again.");
  }
  const intent = formData.get("intent");
  const fileName = String(formData.get("fileName") ?? "").slice(0, 200) || "the spreadsheet";

  if (intent === "preview") {
    const file = formData.get("file");
    const table = await readPeopleFile(file !== null && typeof file !== "string" ? file : null);
    if (typeof table === "string") return data(answer({ formError: table }), { status: 400 });
    const name = file !== null && typeof file !== "string" ? file.name.slice(0, 200) : fileName;
    const checked = checkPeopleRows(table, divisionsOf());
    if (checked.problems.length) return data(answer({ problems: checked.problems }), { status: 400 });
    const plan = planPeopleImport(db, checked.rows);
    const outcome = new Map<number, string>([
      ...plan.added.map((r) => [r.line, "New: will be added"] as const),
      ...plan.updated.map((r) => [r.line, `Will change ${r.changes.join(", ")}`] as const),
    ]);
    return answer({
      preview: {
        rows: checked.rows.map((r) => ({ ...r, role: ROLE_LABELS[r.role], outcome: outcome.get(r.line) ?? "Already here: no change" })),
        added: plan.added.length,
        updated: plan.updated.length,
        unchanged: plan.unchanged,
        checked: toCsv([...PEOPLE_TEMPLATE_HEADER], checked.rows.map(rowCells)),
        fileName: name,
      },
    });
  }

  if (intent === "confirm") {
    // The checked rows travel back as CSV and are checked again: what is saved is what passes the checks now.
    const checked = checkPeopleRows(readCsv(String(formData.get("checked") ?? "")), divisionsOf());
    if (checked.problems.length) return data(answer({ problems: checked.problems }), { status: 400 });
    const delivery = invitationDelivery();
    const result = valueOf(importPeople(db, actorOf(user, context), { rows: checked.rows, fileName, delivery }));
    const invited = result.added
      ? delivery.email
        ? ` Each new person has been emailed an invitation to ${delivery.sso ? "sign in" : "choose their password"} (the link works for 7 days).`
        : " Send each new person their invitation link below (each works once, for 7 days); the Users page lists pending invitations."
      : "";
    const names = new Map(checked.rows.map((r) => [r.email, r.name]));
    return answer({
      done: `Imported ${fileName}: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged.${invited}`,
      links: delivery.email ? [] : result.invited.map((i) => ({ name: names.get(i.email) ?? "", email: i.email, link: i.link })),
    });
  }
  badRequest("That request was not understood.");
}

const rowCells = (r: PersonRow) => [r.name, r.email, r.jobTitle, r.role, r.division];

const LINK_COLUMNS: TableColumn<Answer["links"][number]>[] = [
  { id: "name", header: "Name", rowHeader: true, cell: (r) => r.name },
  { id: "email", header: "Email", cell: (r) => r.email },
  { id: "link", header: "Invitation link", cell: (r) => <code className="app-break-all">{r.link}</code> },
];

const COLUMNS: TableColumn<PreviewRow>[] = [
  { id: "line", header: "Line", cell: (r) => r.line },
  { id: "name", header: "Name", rowHeader: true, cell: (r) => r.name },
  { id: "email", header: "Email", cell: (r) => r.email },
  { id: "job", header: "Job title", cell: (r) => r.jobTitle },
  { id: "role", header: "Role", cell: (r) => r.role },
  { id: "division", header: "Division", cell: (r) => r.division },
  { id: "outcome", header: "What happens", cell: (r) => r.outcome },
];

export default function ImportPeople() {
  const { max } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <AdminNav sections={IMPORT_SECTIONS} label="Imports" />
      <h1>Import people</h1>
      <DoneNotice message={result?.done} />
      {result?.links.length ? <Table caption="Invitation links to send" scroll columns={LINK_COLUMNS} rows={result.links} rowKey={(r) => r.email} /> : null}
      {result?.problems.length ? (
        <ErrorSummaryBox
          heading="Nothing was saved: correct these lines and upload the file again"
          errors={result.problems.slice(0, 200).map((p) => ({ href: "#file", text: `Line ${p.line}: ${p.message}` }))}
        />
      ) : null}
      {result?.formError ? <ErrorSummaryBox errors={[{ href: "#file", text: result.formError }]} /> : null}
      {result?.preview ? (
        <section>
          <h2>Check before importing</h2>
          <p>
            {result.preview.added} to add, {result.preview.updated} to update, {result.preview.unchanged} unchanged. Nothing is saved until you confirm.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="fileName" value={result.preview.fileName} />
            <input type="hidden" name="checked" value={result.preview.checked} />
            <button className="nhsuk-button" type="submit">
              Import {result.preview.rows.length} people
            </button>
          </Form>
          <Table caption="People in the file" columns={COLUMNS} rows={result.preview.rows} rowKey={(r) => r.line} />
        </section>
      ) : null}
      <p>
        Upload the HR export as CSV or Excel (.xlsx), one person per row, at most {max.toLocaleString("en-GB")} at a time. The columns are Name, Email, Job
        title, Role (admin, board, staff or viewer; staff when blank) and Division (as named under Programme set-up). People already here are matched by email
        and updated.
      </p>
      <p>
        <Link to="/admin/import/people-template.csv" reloadDocument>
          Download the template (CSV, with an example row)
        </Link>
      </p>
      <p>
        Then bring in the portfolio: <Link to="/admin/import/projects">import projects and their history</Link>.
      </p>
      <InsetText>
        <p>
          Nobody is given a password: each new person gets an invitation link to choose their own (emailed when mail is set up, otherwise listed here and on the
          Users page for you to send). With single sign-on they can simply sign in with their organisation account.
        </p>
      </InsetText>
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="preview" />
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="file">
            The spreadsheet
          </label>
          <input className="nhsuk-file-upload" id="file" name="file" type="file" accept=".csv,.xlsx,text/csv" />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Check the file
        </button>
      </Form>
    </>
  );
}
