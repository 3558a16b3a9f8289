import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { format, parseISO, startOfMonth, subMonths } from "date-fns";
import { BoardRollup } from "~/components/board/rollup";
import { BoardTable } from "~/components/board/board-table";
import { getDb } from "~/db.server";
import { CQC_DOMAINS, RAGS, STAGES } from "~/domain/enums";
import { CQC_DOMAIN_LABELS, RAG_LABELS, STAGE_LABELS } from "~/domain/labels";
import { canGovern } from "~/domain/permissions";
import { BOARD_COLUMNS, BOARD_GROUPS, PAGE_SIZES, boardSearch } from "~/lib/board-query";
import { parseBoardQuery } from "~/lib/board-query.server";
import { requireUser } from "~/lib/guards.server";
import { today as getToday } from "~/lib/today.server";
import { boardFilterOptions, boardRollup, listBoardPage } from "~/models/board.server";
import { getProgramme } from "~/models/programme.server";
import { ensureSummariesFresh } from "~/models/summary.server";

export const handle = { wide: true };

export const meta: MetaFunction = () => [{ title: "Programme board – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const programme = getProgramme(db);
  const today = getToday();
  ensureSummariesFresh(db, programme.id, today);
  const query = parseBoardQuery(new URL(request.url).searchParams);
  const page = listBoardPage(db, programme.id, query);
  const months = Array.from({ length: 12 }, (_, i) => format(startOfMonth(subMonths(parseISO(today), 11 - i)), "yyyy-MM"));
  return {
    query,
    today,
    months,
    programmeName: programme.name,
    options: boardFilterOptions(db, programme.id),
    rollup: boardRollup(db, programme.id, query, today),
    canAssess: canGovern(user),
    ...page,
  };
}

function Select({
  name,
  label,
  value,
  options,
  all,
}: {
  name: string;
  label: string;
  value: string | number | undefined;
  options: { value: string | number; label: string }[];
  all: string;
}) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={`filter-${name}`}>
        {label}
      </label>
      <select className="nhsuk-select" id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function Board() {
  const { query, today, months, options, rollup, canAssess, rows, total, page, pages, groups, programmeName } =
    useLoaderData<typeof loader>();
  const filtered = Boolean(
    query.q || query.theme || query.division || query.wave || query.stage || query.rag || query.cqc || query.lead || query.attention,
  );
  return (
    <>
      <h1>Programme board</h1>
      <p className="nhsuk-lede-text">
        Every project in {programmeName}: what needs the board, and whether the data backs what teams report.
      </p>

      <details className="nhsuk-details" open={filtered || undefined}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Filter, group and choose columns</span>
        </summary>
        <div className="nhsuk-details__text">
          <Form method="get" aria-label="Filter the board">
            <div className="app-definition-grid">
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor="filter-q">
                  Search projects and leads
                </label>
                <input className="nhsuk-input" id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} />
              </div>
              <Select name="theme" label="Strategic theme" value={query.theme} all="All themes" options={options.themes.map((t) => ({ value: t.id, label: t.name }))} />
              <Select name="division" label="Division" value={query.division} all="All divisions" options={options.divisions.map((d) => ({ value: d.id, label: d.name }))} />
              <Select name="wave" label="Wave" value={query.wave} all="All waves" options={options.waves.map((w) => ({ value: w.id, label: `Wave ${w.number}` }))} />
              <Select name="stage" label="Stage" value={query.stage} all="All stages" options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))} />
              <Select name="rag" label="Team's latest RAG" value={query.rag} all="Any RAG" options={RAGS.map((r) => ({ value: r, label: RAG_LABELS[r] }))} />
              <Select name="cqc" label="CQC domain" value={query.cqc} all="All domains" options={CQC_DOMAINS.map((d) => ({ value: d, label: CQC_DOMAIN_LABELS[d] }))} />
              <Select name="lead" label="Executive or clinical lead" value={query.lead} all="Anyone" options={options.leads.map((l) => ({ value: l.id, label: l.name }))} />
              <Select name="group" label="Group by" value={query.group} all="No grouping" options={BOARD_GROUPS.map((g) => ({ value: g, label: g[0].toUpperCase() + g.slice(1) }))} />
              <Select name="size" label="Projects per page" value={query.size} all="25" options={PAGE_SIZES.filter((n) => n !== 25).map((n) => ({ value: n, label: String(n) }))} />
            </div>
            <div className="nhsuk-checkboxes nhsuk-u-margin-bottom-4">
              <div className="nhsuk-checkboxes__item">
                <input className="nhsuk-checkboxes__input" id="filter-attention" name="attention" type="checkbox" value="1" defaultChecked={Boolean(query.attention)} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="filter-attention">
                  Only projects that need attention
                </label>
              </div>
            </div>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Hide columns</legend>
              <div className="nhsuk-checkboxes nhsuk-checkboxes--small app-columns-grid">
                {BOARD_COLUMNS.filter((c) => c.hideable).map((c) => (
                  <div className="nhsuk-checkboxes__item" key={c.id}>
                    <input className="nhsuk-checkboxes__input" id={`hide-${c.id}`} name="hide" type="checkbox" value={c.id} defaultChecked={query.hide.includes(c.id)} />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`hide-${c.id}`}>
                      {c.label}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <input type="hidden" name="sort" value={query.sort} />
            {query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
            <button className="nhsuk-button nhsuk-u-margin-bottom-2" type="submit">
              Apply
            </button>{" "}
            {filtered ? (
              <Link to="/board" className="nhsuk-u-margin-left-3">
                Clear filters
              </Link>
            ) : null}
          </Form>
        </div>
      </details>

      <BoardRollup rollup={rollup} months={months} total={total} />

      <h2 className="nhsuk-heading-m">Projects</h2>
      <p>
        <a href={`/board.csv${boardSearch(query, { page: undefined })}`} download>
          Download all {total} project{total === 1 ? "" : "s"} in this view as CSV
        </a>
      </p>
      {rows.length === 0 ? (
        <div className="nhsuk-inset-text">
          <p>
            No projects match this view. <Link to="/board">Clear the filters</Link> to see the whole portfolio.
          </p>
        </div>
      ) : (
        <BoardTable rows={rows} groups={groups} query={query} today={today} canAssess={canAssess} />
      )}
      {pages > 1 ? (
        <nav className="nhsuk-pagination" role="navigation" aria-label="Pages of the board">
          <ul className="nhsuk-list nhsuk-pagination__list">
            {page > 1 ? (
              <li className="nhsuk-pagination-item--previous">
                <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={boardSearch(query, { page: page - 1 })}>
                  <span className="nhsuk-pagination__title">Previous</span>
                  <span className="nhsuk-u-visually-hidden">:</span>
                  <span className="nhsuk-pagination__page">Page {page - 1} of {pages}</span>
                </Link>
              </li>
            ) : null}
            {page < pages ? (
              <li className="nhsuk-pagination-item--next">
                <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={boardSearch(query, { page: page + 1 })}>
                  <span className="nhsuk-pagination__title">Next</span>
                  <span className="nhsuk-u-visually-hidden">:</span>
                  <span className="nhsuk-pagination__page">Page {page + 1} of {pages}</span>
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
