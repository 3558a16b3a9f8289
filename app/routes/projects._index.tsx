import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { tableFeatures, useTable, type ColumnDef } from "@tanstack/react-table";
import { Pagination } from "~/components/list-controls";
import { InsetText, Table, type TableColumn } from "~/components/nhs";
import { StageTag } from "~/components/tags";
import { getDb } from "~/db.server";
import { STAGES } from "~/domain/enums";
import { STAGE_LABELS, progressLabel } from "~/domain/labels";
import { requireUser } from "~/auth/guards.server";
import { canPropose } from "~/domain/permissions";
import { listProjects } from "~/models/project.server";
import { PROJECT_SORTS, PROJECTS_PER_PAGE, ProjectListQuery } from "~/web/project-list";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction = () => [{ title: "Projects – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const query = ProjectListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const programme = getProgramme(db);
  const list = listProjects(db, {
    programmeId: programme.id,
    ...query,
    q: query.q || undefined,
    perPage: PROJECTS_PER_PAGE,
  });
  return { ...list, query, canPropose: canPropose(user) };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

const features = tableFeatures({});

const columns: ColumnDef<typeof features, Row>[] = [
  {
    id: "title",
    header: "Project",
    cell: ({ row }) => <Link to={`/projects/${row.original.id}`}>{row.original.title}</Link>,
  },
  { id: "stage", header: "Stage", cell: ({ row }) => <StageTag stage={row.original.stage} /> },
  { id: "theme", header: "Theme", cell: ({ row }) => row.original.theme ?? "—" },
  { id: "division", header: "Division", cell: ({ row }) => row.original.division ?? "—" },
  {
    id: "wave",
    header: "Wave",
    cell: ({ row }) => (row.original.waveNumber ? `Wave ${row.original.waveNumber}` : "—"),
  },
  {
    id: "leads",
    header: "Executive and clinical lead",
    cell: ({ row }) => [row.original.executiveLead, row.original.clinicalLead].filter(Boolean).join(", ") || "Not assigned",
  },
  { id: "score", header: "Progress score", cell: ({ row }) => progressLabel(row.original.progressScore) },
];

const SORTABLE = new Set<string>(PROJECT_SORTS);

export default function Projects() {
  const { rows, query, total, page, pages, canPropose } = useLoaderData<typeof loader>();
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next}`;
  };
  const [params] = useSearchParams();
  const table = useTable({ features, columns, data: rows });

  const sortLink = (id: string) => {
    const next = new URLSearchParams(params);
    next.set("sort", id);
    next.set("dir", query.sort === id && query.dir === "asc" ? "desc" : "asc");
    next.delete("page");
    return `?${next}`;
  };

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const kitColumns: TableColumn<ReturnType<typeof table.getRowModel>["rows"][number]>[] = headers.map((header, i) => {
    const id = header.column.id;
    const sorted = query.sort === id;
    const next = sorted && query.dir === "asc" ? "descending" : "ascending";
    return {
      id,
      header: <table.FlexRender header={header} />,
      cell: (row) => <table.FlexRender cell={row.getAllCells()[i]} />,
      sort: SORTABLE.has(id)
        ? {
            href: sortLink(id),
            direction: sorted ? (query.dir === "asc" ? "ascending" : "descending") : undefined,
            next,
          }
        : undefined,
    };
  });

  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Projects</h1>
          <p>Every quality-improvement project in the programme, from proposal to closure.</p>
        </div>
        {canPropose ? (
          <div className="nhsuk-grid-column-one-third">
            <Link to="/projects/new" className="nhsuk-button nhsuk-button--secondary">
              Propose a project
            </Link>
          </div>
        ) : null}
      </div>
      <Form method="get" className="nhsuk-u-margin-bottom-4" role="search" aria-label="Filter projects">
        <div className="app-definition-grid">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="q">
              Search titles
            </label>
            <input className="nhsuk-input" id="q" name="q" type="search" defaultValue={query.q ?? ""} />
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="stage">
              Stage
            </label>
            <select className="nhsuk-select" id="stage" name="stage" defaultValue={query.stage ?? ""}>
              <option value="">All stages</option>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {STAGE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
          Apply filters
        </button>
      </Form>
      {rows.length === 0 ? (
        <InsetText>
          <p>
            No projects match. {query.q || query.stage ? <Link to="/projects">Clear the filters</Link> : null}
            {!query.q && !query.stage ? canPropose ? <Link to="/projects/new">Propose the first project</Link> : "No projects have been proposed yet." : null}
          </p>
        </InsetText>
      ) : (
        <div className="app-table-wrap">
          <Table caption="Projects" captionHidden columns={kitColumns} rows={table.getRowModel().rows} rowKey={(row) => row.id} />
          <p className="nhsuk-body-s app-muted">{`${total} project${total === 1 ? "" : "s"}${pages > 1 ? ` · page ${page} of ${pages}` : ""}`}</p>
          <Pagination page={page} pages={pages} href={pageLink} label="Pages of projects" />
        </div>
      )}
    </>
  );
}
