// Import the portfolio from the trust's tracker (CSV or Excel): projects, then their status reports, milestones and
// PDSA cycles (ADR 090). A preview with line-numbered problems; nothing saved until confirmed.
import { AdminNav, IMPORT_SECTIONS } from "~/components/admin-nav";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { ErrorSummaryBox, InsetText, Radios, Table, type TableColumn } from "~/components/nhs";
import { DoneNotice } from "~/components/done-notice";
import { getDb } from "~/db.server";
import { canAdminister } from "~/domain/permissions";
import { formatDay } from "~/web/dates";
import { actorOf } from "~/auth/actor.server";
import { badRequest, requirePermission } from "~/auth/guards.server";
import {
  checkCycleRows,
  checkMilestoneRows,
  checkProjectRows,
  checkStatusReportRows,
  readImportCsv,
  readImportFile,
  type LineProblem,
} from "~/forms/project-import.server";
import { IMPORT_KIND_LABELS, IMPORT_KINDS, IMPORT_TEMPLATES, type ImportKind } from "~/forms/project-import-template";
import { importHistory, importProjects, planHistoryImport } from "~/models/project-import-commands.server";
import { importLookups, planProjectImport } from "~/models/project-import.server";
import { getProgramme } from "~/models/programme.server";
import { today as getToday } from "~/today.server";
import { valueOf } from "~/web/command-reply.server";
import { RAG_LABELS, STAGE_LABELS } from "~/domain/labels";
import { toCsv } from "~/web/csv";

export const meta: MetaFunction = () => [{ title: "Import projects – Admin – Stepping Up" }];

const what = "import projects";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, what);
  return null;
}

type PreviewRow = { line: number; reference: string; what: string; dates: string; outcome: string };
type Answer = {
  problems: LineProblem[];
  formError: string | null;
  preview: { kind: ImportKind; rows: PreviewRow[]; created: number; updated: number; unchanged: number; checked: string; fileName: string } | null;
  done: string | null;
};
const answer = (a: Partial<Answer>): Answer => ({ problems: [], formError: null, preview: null, done: null, ...a });

const kindOf = (value: FormDataEntryValue | null): ImportKind | null =>
  (IMPORT_KINDS as readonly string[]).includes(String(value)) ? (value as ImportKind) : null;

/** Every kind's rows checked against the programme now, with what confirming would do to each. */
function check(kind: ImportKind, table: string[][]) {
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const lookups = importLookups(db, programmeId);
  const today = getToday();
  const outcome = (created: { line: number }[], updated: { line: number; changes: string[] }[]) =>
    new Map<number, string>([
      ...created.map((r) => [r.line, "New: will be added"] as const),
      ...updated.map((r) => [r.line, `Will change ${r.changes.join(", ")}`] as const),
    ]);
  if (kind === "projects") {
    const checked = checkProjectRows(table, lookups, today);
    if (checked.problems.length) return { problems: checked.problems } as const;
    const plan = planProjectImport(db, programmeId, checked.rows);
    const told = outcome(
      plan.created.map((p) => p.row),
      plan.updated.map((p) => ({ line: p.row.line, changes: p.changes })),
    );
    return {
      counts: { created: plan.created.length, updated: plan.updated.length, unchanged: plan.unchanged.length },
      rows: checked.rows.map((r) => ({
        line: r.line,
        reference: r.reference,
        what: `${r.title} (${STAGE_LABELS[r.stage]})`,
        dates: [
          r.plannedStart ? `Starts ${formatDay(r.plannedStart)}` : "",
          r.rag ? `${RAG_LABELS[r.rag.rag]} on ${formatDay(r.rag.date)}` : "",
          r.score ? `Score ${r.score.score} on ${formatDay(r.score.date)}` : "",
        ]
          .filter(Boolean)
          .join("; "),
        outcome: told.get(r.line) ?? "Already here: no change",
      })),
      save: (user: Parameters<typeof actorOf>[0], context: Parameters<typeof actorOf>[1], fileName: string) =>
        valueOf(importProjects(db, actorOf(user, context), { programmeId, rows: checked.rows, fileName })),
    } as const;
  }
  const history =
    kind === "status-reports"
      ? ({ kind, checked: checkStatusReportRows(table, lookups, today) } as const)
      : kind === "milestones"
        ? ({ kind, checked: checkMilestoneRows(table, lookups, today) } as const)
        : ({ kind, checked: checkCycleRows(table, lookups, today) } as const);
  if (history.checked.problems.length) return { problems: history.checked.problems } as const;
  const input =
    history.kind === "status-reports"
      ? { kind: history.kind, rows: history.checked.rows }
      : history.kind === "milestones"
        ? { kind: history.kind, rows: history.checked.rows }
        : { kind: history.kind, rows: history.checked.rows, today };
  const plan = planHistoryImport(db, input);
  const told = outcome(plan.added, plan.updated);
  const rows: PreviewRow[] = history.checked.rows.map((r) => {
    const base = { line: r.line, reference: r.reference, outcome: told.get(r.line) ?? "Already here: no change" };
    if ("rag" in r) return { ...base, what: `${RAG_LABELS[r.rag]} status report`, dates: formatDay(r.date) };
    if ("baseline" in r)
      return {
        ...base,
        what: r.title,
        dates: `Baseline ${formatDay(r.baseline)}; forecast ${formatDay(r.forecast)}${r.completed ? `; completed ${formatDay(r.completed)}` : ""}`,
      };
    return {
      ...base,
      what: `${r.title} (${r.changeIdea})${r.decision ? `: ${r.decision}` : ""}`,
      dates: `${formatDay(r.start)}${r.end ? ` to ${formatDay(r.end)}` : ""}`,
    };
  });
  return {
    counts: { created: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged.length },
    rows,
    save: (user: Parameters<typeof actorOf>[0], context: Parameters<typeof actorOf>[1], fileName: string) =>
      valueOf(importHistory(db, actorOf(user, context), { ...input, fileName })),
  } as const;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canAdminister, what);
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    badRequest("The file could not be read. Upload it again.");
  }
  const intent = formData.get("intent");
  const kind = kindOf(formData.get("kind"));
  const fileName = String(formData.get("fileName") ?? "").slice(0, 200) || "the spreadsheet";

  if (intent === "preview") {
    if (!kind) return data(answer({ formError: "Choose what the file holds" }), { status: 400 });
    const file = formData.get("file");
    const upload = file !== null && typeof file !== "string" ? file : null;
    const table = await readImportFile(upload, kind);
    if (typeof table === "string") return data(answer({ formError: table }), { status: 400 });
    const result = check(kind, table);
    if ("problems" in result) return data(answer({ problems: result.problems }), { status: 400 });
    return answer({
      preview: {
        kind,
        rows: result.rows,
        ...result.counts,
        checked: toCsv(table[0] ?? [], table.slice(1)),
        fileName: upload?.name.slice(0, 200) ?? fileName,
      },
    });
  }

  if (intent === "confirm" && kind) {
    // The checked rows travel back as CSV and are checked again: what is saved is what passes the checks now.
    const result = check(kind, readImportCsv(String(formData.get("checked") ?? "")));
    if ("problems" in result) return data(answer({ problems: result.problems }), { status: 400 });
    const counts = result.save(user, context, fileName);
    const words = IMPORT_KIND_LABELS[kind].what;
    return answer({
      done: `Imported ${fileName}: ${counts.created} ${words} added, ${counts.updated} updated, ${counts.unchanged} unchanged.`,
    });
  }
  badRequest("That request was not understood.");
}

const COLUMNS: TableColumn<PreviewRow>[] = [
  { id: "line", header: "Line", cell: (r) => r.line },
  { id: "reference", header: "Reference", rowHeader: true, cell: (r) => r.reference },
  { id: "what", header: "What", cell: (r) => r.what },
  { id: "dates", header: "Dates", cell: (r) => r.dates },
  { id: "outcome", header: "What happens", cell: (r) => r.outcome },
];

export default function ImportProjects() {
  const result = useActionData<typeof action>();
  const preview = result?.preview;
  return (
    <>
      <AdminNav sections={IMPORT_SECTIONS} label="Imports" />
      <h1>Import projects</h1>
      <DoneNotice message={result?.done} />
      {result?.problems.length ? (
        <ErrorSummaryBox
          heading="Nothing was saved: correct these lines and upload the file again"
          errors={result.problems.slice(0, 200).map((p) => ({ href: "#kind", text: `Line ${p.line}: ${p.message}` }))}
        />
      ) : null}
      {result?.formError ? <ErrorSummaryBox errors={[{ href: "#kind", text: result.formError }]} /> : null}
      {preview ? (
        <section>
          <h2>Check before importing</h2>
          <p>
            {IMPORT_KIND_LABELS[preview.kind].label} in {preview.fileName}: {preview.created} new, {preview.updated} to update, {preview.unchanged} unchanged.
            Nothing is saved until you confirm.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="kind" value={preview.kind} />
            <input type="hidden" name="fileName" value={preview.fileName} />
            <input type="hidden" name="checked" value={preview.checked} />
            <button className="nhsuk-button" type="submit">
              Import {preview.rows.length} {IMPORT_KIND_LABELS[preview.kind].what}
            </button>
          </Form>
          <Table caption={`${IMPORT_KIND_LABELS[preview.kind].label} in the file`} columns={COLUMNS} rows={preview.rows} rowKey={(r) => r.line} />
        </section>
      ) : null}
      <p>
        Bring the portfolio in from the trust&apos;s tracker in two steps: first the projects, then their history (status reports, milestones and PDSA cycles),
        which finds each project by its reference. Upload each as CSV, or upload one Excel workbook (.xlsx) each time with a sheet named after the kind
        (&ldquo;Projects&rdquo;, &ldquo;Status reports&rdquo;, &ldquo;Milestones&rdquo;, &ldquo;PDSA cycles&rdquo;). Dates may be written 31/03/2025 or
        2025-03-31, or be Excel dates. Divisions, themes, waves and the leads (by email) must already be set up.
      </p>
      <ul>
        {IMPORT_KINDS.map((k) => (
          <li key={k}>
            <Link to={`/admin/import/templates/${k}.csv`} reloadDocument>
              Download the {IMPORT_KIND_LABELS[k].what} template (CSV, with an example row)
            </Link>{" "}
            <span className="app-muted">({IMPORT_TEMPLATES[k].header.length} columns)</span>
          </li>
        ))}
      </ul>
      <InsetText>
        <p>
          A project already here with the same reference is updated, not added again. You are not added to the projects&apos; teams. Stage, RAG, progress scores
          and history keep the dates in the file and are marked as imported; the audit trail records the import.
        </p>
      </InsetText>
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="preview" />
        <Radios
          name="kind"
          legend="What the file holds"
          checked={[preview?.kind ?? "projects"]}
          items={IMPORT_KINDS.map((k) => ({ value: k, label: IMPORT_KIND_LABELS[k].label }))}
        />
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
