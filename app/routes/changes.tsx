// /changes: the portfolio's change package — every change idea with its project, theme, drivers, the
// status its PDSA cycles give it, its cycles, latest learning and PICK category. Filters are a GET form
// (no JavaScript needed), sorting is by the table's header links, the CSV has the same filters.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FilterSelect, Pagination } from "~/components/list-controls";
import { IdeaStatusTag } from "~/components/driver-diagram";
import { AdoptedFrom, AdoptLink, SpreadTo } from "~/components/spread-links";
import { InsetText, Table, Tag, type TableColumn } from "~/components/nhs";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { CHANGE_IDEA_STATUS_LABELS, CHANGE_IDEA_STATUSES, PICK_CATEGORIES, PICK_LABELS } from "~/domain/driver-rules";
import { plural } from "~/domain/plural";
import { listChangePackage, type ChangePackageRow } from "~/models/change-package.server";
import { listCharterOptions } from "~/models/charter.server";
import { getProgramme } from "~/models/programme.server";
import { adoptionTargets } from "~/models/spread.server";
import { formatDay } from "~/web/dates";
import { CHANGE_SORT_LABELS, CHANGES_PER_PAGE, changeFilters, changesSearch, parseChangesQuery, type ChangeSort } from "~/web/changes-query";

export const meta: MetaFunction = () => [{ title: "Change package – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const programme = getProgramme(db);
  // The person's open projects: a spread candidate of another project can be adopted into one of them.
  const myProjects = adoptionTargets(db, user).map((p) => p.id);
  const query = parseChangesQuery(new URL(request.url).searchParams);
  const result = listChangePackage(db, programme.id, {
    filters: changeFilters(query),
    sort: query.sort,
    page: query.page,
    pageSize: CHANGES_PER_PAGE,
  });
  const { themes } = listCharterOptions(db, programme.id);
  return { query, result, themes, myProjects };
}

export default function ChangePackage() {
  const { query, result, themes, myProjects } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(result.total / CHANGES_PER_PAGE));
  const filtered = query.theme !== undefined || query.status !== undefined || query.pick !== undefined || query.spread !== undefined;
  const sortLink = (sort: ChangeSort) => ({
    href: `/changes${changesSearch(query, { sort, page: 1 })}`,
    direction: query.sort === sort ? (sort === "cycles" || sort === "activity" ? ("descending" as const) : ("ascending" as const)) : undefined,
  });
  const columns: TableColumn<ChangePackageRow>[] = [
    {
      id: "idea",
      header: "Change idea",
      rowHeader: true,
      cell: (r) => (
        <>
          <Link to={`/projects/${r.projectId}/drivers#node-idea-${r.id}`}>{r.title}</Link>
          {r.spreadSummary ? (
            <span className="app-change-spread">
              <Tag colour="green">Ready to spread</Tag> <span className="app-pre-line">{r.spreadSummary}</span>
            </span>
          ) : null}
          <SpreadTo links={r.spreadTo} ideaTitle={r.title} />
          <AdoptedFrom origin={r.origin} />
          {r.spreadSummary && myProjects.some((p) => p !== r.projectId) ? <AdoptLink ideaId={r.id} ideaTitle={r.title} /> : null}
        </>
      ),
    },
    { id: "project", header: "Project", sort: sortLink("project"), cell: (r) => <Link to={`/projects/${r.projectId}`}>{r.projectTitle}</Link> },
    { id: "theme", header: "Theme", cell: (r) => r.themeName ?? <span className="app-muted">No theme</span> },
    { id: "drivers", header: "Drivers", cell: (r) => (r.drivers.length ? r.drivers.join("; ") : <span className="app-muted">Not linked to a driver</span>) },
    { id: "status", header: "Status", sort: sortLink("status"), cell: (r) => <IdeaStatusTag status={r.status} /> },
    { id: "cycles", header: "Cycles", numeric: true, sort: sortLink("cycles"), cell: (r) => r.cycles },
    {
      id: "learning",
      header: "Latest learning",
      cell: (r) => (r.learning ? <span className="app-pre-line">{r.learning}</span> : <span className="app-muted">None yet</span>),
    },
    { id: "pick", header: "PICK", cell: (r) => (r.pick ? PICK_LABELS[r.pick] : <span className="app-muted">Not rated</span>) },
    { id: "activity", header: "Latest activity", sort: sortLink("activity"), cell: (r) => formatDay(r.latestActivity) },
  ];
  return (
    <>
      <h1>Change package</h1>
      <p>
        Every change idea the portfolio&apos;s teams are testing or have tested, with what their PDSA cycles showed. Adopted ideas are what worked and where:
        the trust&apos;s change package. <Link to="/changes?spread=ready">Spread candidates</Link> are adopted ideas their teams have marked ready for others to
        copy.
      </p>
      <Form method="get" className="nhsuk-u-margin-bottom-4" aria-label="Filter the change package">
        <div className="app-definition-grid">
          <FilterSelect name="theme" label="Theme" value={query.theme} all="All themes" options={themes.map((t) => ({ value: t.id, label: t.name }))} />
          <FilterSelect
            name="status"
            label="Status"
            value={query.status}
            all="Any status"
            options={CHANGE_IDEA_STATUSES.map((s) => ({ value: s, label: CHANGE_IDEA_STATUS_LABELS[s] }))}
          />
          <FilterSelect
            name="pick"
            label="PICK category"
            value={query.pick}
            all="Any category"
            options={[...PICK_CATEGORIES.map((c) => ({ value: c, label: PICK_LABELS[c] })), { value: "none", label: "Not rated" }]}
          />
          <FilterSelect name="spread" label="Spread" value={query.spread} all="All change ideas" options={[{ value: "ready", label: "Ready to spread" }]} />
          <FilterSelect
            name="sort"
            label="Sort by"
            value={query.sort === "project" ? undefined : query.sort}
            all={CHANGE_SORT_LABELS.project}
            options={(["status", "cycles", "activity"] as const).map((s) => ({ value: s, label: CHANGE_SORT_LABELS[s] }))}
          />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
          Apply filters
        </button>
        {filtered ? (
          <p className="nhsuk-u-margin-top-3 nhsuk-u-margin-bottom-0">
            <Link to="/changes">Clear the filters</Link>
          </p>
        ) : null}
      </Form>

      {result.rows.length === 0 ? (
        <InsetText>
          <p>
            {filtered ? (
              <>
                No change ideas match these filters. <Link to="/changes">Clear the filters</Link> to see them all.
              </>
            ) : (
              "No change ideas yet. Teams add them on their project's driver diagram, or when they plan a PDSA cycle."
            )}
          </p>
        </InsetText>
      ) : (
        <>
          <p>
            {plural(result.total, "change idea")}
            {filtered ? " match these filters" : ""}.{" "}
            <a href={`/changes.csv${changesSearch(query, { page: 1 })}`} download>
              Download {filtered ? "these change ideas" : "the change package"} (CSV)
            </a>
          </p>
          <Table caption="Change ideas" captionHidden columns={columns} rows={result.rows} rowKey={(r) => r.id} scroll id="change-package" />
          <Pagination
            page={Math.min(query.page, pages)}
            pages={pages}
            href={(p) => `/changes${changesSearch(query, { page: p })}`}
            label="Pages of change ideas"
          />
        </>
      )}
    </>
  );
}
