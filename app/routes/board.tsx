import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BoardRollup } from "~/components/board/rollup";
import { BoardTable } from "~/components/board/board-table";
import { SpcIconSprite } from "~/components/spc";
import { ProposalQueue } from "~/components/proposal-queue";
import { FilterSelect, Pagination } from "~/components/list-controls";
import { Checkboxes, Details, InsetText } from "~/components/nhs";
import { getDb } from "~/db.server";
import { CQC_DOMAINS, RAGS, STAGES } from "~/domain/enums";
import { CQC_DOMAIN_LABELS, RAG_LABELS, STAGE_LABELS } from "~/domain/labels";
import { canGovern } from "~/domain/permissions";
import { plural } from "~/domain/plural";
import { BOARD_COLUMNS, BOARD_GROUPS, PAGE_SIZES, boardSearch } from "~/web/board-query";
import { parseBoardQuery } from "~/web/board-query.server";
import { lastTwelveMonths } from "~/web/dates";
import { requireUser } from "~/auth/guards.server";
import { today as getToday } from "~/today.server";
import { boardFilterOptions, boardRollup, listBoardPage } from "~/models/board.server";
import { freshProgramme } from "~/models/programme.server";
import { listProposalsAwaitingDecision } from "~/models/proposal-queue.server";
import { PrioritiesPanel } from "~/components/conversation-priority";
import { listPrioritiesWithPlans } from "~/models/conversation.server";
import { EngagementPanel } from "~/components/board/engagement-panel";
import { engagement } from "~/models/capability.server";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { subDays } from "date-fns/subDays";

// Wide; kept by the page cache between changes (ADR 126).
export const handle = { wide: true, pageCache: true };

export const meta: MetaFunction = () => [{ title: "Programme board – Stepping Up" }];

/** The board lists the oldest proposals; "?proposals=all" lists every one (ADR 117). */
export const PROPOSALS_ON_BOARD = 10;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const today = getToday();
  const programme = freshProgramme(db, today);
  const search = new URL(request.url).searchParams;
  const query = parseBoardQuery(search);
  const page = listBoardPage(db, programme.id, query);
  const months = lastTwelveMonths(today);
  const proposals = canGovern(user) ? listProposalsAwaitingDecision(db, programme.id) : null;
  const rollup = boardRollup(db, programme.id, query, today);
  return {
    query,
    today,
    months,
    programmeName: programme.name,
    options: boardFilterOptions(db, programme.id),
    // Only what the page shows travels in the page's data (ADR 117).
    rollup: {
      ...rollup,
      attention: rollup.attention.map((p) => ({ projectId: p.projectId, title: p.title, flags: p.flags.map(({ code, reason }) => ({ code, reason })) })),
    },
    canAssess: canGovern(user),
    proposals: proposals && search.get("proposals") !== "all" ? proposals.slice(0, PROPOSALS_ON_BOARD) : proposals,
    proposalsWaiting: proposals?.length ?? 0,
    conversationPriorities: listPrioritiesWithPlans(db, programme.id, today).map((p) => ({
      id: p.id,
      title: p.title,
      assurance: p.assurance,
      overdue: p.counts.overdue,
    })),
    // One aggregate query (ADR 115); "the last 12 weeks" are the 84 days up to today.
    engagement: engagement(db, programme.id, format(subDays(parseISO(today), 83), "yyyy-MM-dd")),
    ...page,
  };
}

export default function Board() {
  const { query, today, months, options, rollup, canAssess, rows, total, page, pages, groups, programmeName, proposals, proposalsWaiting } =
    useLoaderData<typeof loader>();
  const filtered = Boolean(query.q || query.theme || query.division || query.wave || query.stage || query.rag || query.cqc || query.lead || query.attention);
  return (
    <>
      <h1>Programme board</h1>
      <p className="nhsuk-lede-text">Every project in {programmeName}: what needs the board, and whether the data backs what teams report.</p>
      {proposals?.length ? (
        <ProposalQueue
          proposals={proposals}
          total={proposalsWaiting}
          allHref={`/board${boardSearch(query)}${boardSearch(query) ? "&" : "?"}proposals=all#board-proposals`}
          headingId="board-proposals"
        />
      ) : null}

      <Details summary="Filter, group and choose columns" open={filtered}>
        <Form method="get" aria-label="Filter the board">
          <div className="app-definition-grid">
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-q">
                Search projects and leads
              </label>
              <input className="nhsuk-input" id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} />
            </div>
            <FilterSelect
              name="theme"
              label="Strategic theme"
              value={query.theme}
              all="All themes"
              options={options.themes.map((t) => ({ value: t.id, label: t.name }))}
            />
            <FilterSelect
              name="division"
              label="Division"
              value={query.division}
              all="All divisions"
              options={options.divisions.map((d) => ({ value: d.id, label: d.name }))}
            />
            <FilterSelect
              name="wave"
              label="Wave"
              value={query.wave}
              all="All waves"
              options={options.waves.map((w) => ({ value: w.id, label: `Wave ${w.number}` }))}
            />
            <FilterSelect name="stage" label="Stage" value={query.stage} all="All stages" options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))} />
            <FilterSelect
              name="rag"
              label="Team's latest RAG"
              value={query.rag}
              all="Any RAG"
              options={RAGS.map((r) => ({ value: r, label: RAG_LABELS[r] }))}
            />
            <FilterSelect
              name="cqc"
              label="CQC domain"
              value={query.cqc}
              all="All domains"
              options={CQC_DOMAINS.map((d) => ({ value: d, label: CQC_DOMAIN_LABELS[d] }))}
            />
            <FilterSelect
              name="lead"
              label="Executive or clinical lead"
              value={query.lead}
              all="Anyone"
              options={options.leads.map((l) => ({ value: l.id, label: l.name }))}
            />
            <FilterSelect
              name="group"
              label="Group by"
              value={query.group}
              all="No grouping"
              options={BOARD_GROUPS.map((g) => ({ value: g, label: g[0].toUpperCase() + g.slice(1) }))}
            />
            <FilterSelect
              name="size"
              label="Projects per page"
              value={query.size}
              all="25"
              options={PAGE_SIZES.filter((n) => n !== 25).map((n) => ({ value: n, label: String(n) }))}
            />
          </div>
          <Checkboxes
            name="attention"
            idPrefix="filter-attention"
            checked={query.attention ? ["1"] : []}
            items={[{ value: "1", label: "Only projects that need attention" }]}
          />
          <Checkboxes
            name="hide"
            legend="Hide columns"
            small
            className="app-columns-grid"
            checked={query.hide}
            items={BOARD_COLUMNS.filter((c) => c.hideable).map((c) => ({ value: c.id, label: c.label }))}
          />
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
      </Details>

      {/* The Making Data Count icons of the roll-up and the rows, each drawn once (ADR 117). */}
      <SpcIconSprite
        variation={[
          ...rollup.measuresByIcon.filter((c) => c.n > 0).map((c) => c.key),
          ...(query.hide.includes("measure") ? [] : rows.map((r) => r.primaryVariationIcon)),
        ]}
        assurance={query.hide.includes("measure") ? [] : rows.map((r) => r.primaryAssuranceIcon)}
      />
      <BoardRollup rollup={rollup} months={months} total={total} sprite />

      <h2 className="nhsuk-heading-m">Projects</h2>
      <p>
        <a href={`/board.csv${boardSearch(query, { page: undefined })}`} download>
          Download all {plural(total, "project")} in this view as CSV
        </a>
      </p>
      {rows.length === 0 ? (
        <InsetText>
          <p>
            No projects match this view. <Link to="/board">Clear the filters</Link> to see the whole portfolio.
          </p>
        </InsetText>
      ) : (
        <>
          <p className="nhsuk-body-s app-muted app-board-phone-note">
            On a small screen the board shows each project&apos;s RAG, the board&apos;s view and its flags. A wider screen, or the project&apos;s own page,
            shows the rest.
          </p>
          <BoardTable rows={rows} groups={groups} query={query} today={today} canAssess={canAssess} pageSprite />
        </>
      )}
      <Pagination page={page} pages={pages} href={(n) => boardSearch(query, { page: n })} label="Pages of the board" />
      <PrioritiesPanel priorities={useLoaderData<typeof loader>().conversationPriorities} />
      <EngagementPanel engagement={useLoaderData<typeof loader>().engagement} />
    </>
  );
}
