import { Link } from "@remix-run/react";
import { tableFeatures, useTable, type ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { Table, Tag, type TableColumn } from "~/components/nhs";
import { AssuranceIcon, Sparkline, SpcIconSprite, VariationIcon } from "~/components/spc";
import { RagTag, StageTag } from "~/components/tags";
import { FLAG_LABELS } from "~/domain/attention";
import type { BoardRow } from "~/web/board-row";
import { progressLabel } from "~/domain/labels";
import { BOARD_COLUMNS, boardSearch, sortDirection, type BoardColumnId, type BoardQuery } from "~/web/board-query";
import { formatDay } from "~/web/dates";

export type { BoardRow };

export type BoardGroupRow = {
  key: string | number | null;
  projects: number;
  flagged: number;
  averageScore: number | null;
  openAsks: number;
  overdue: number;
};

function signalOf(icon: BoardRow["primaryVariationIcon"]) {
  if (!icon || icon === "common_cause") return { latest: icon ? ("common" as const) : null, direction: null };
  const [, , kind, dir] = icon.split("_") as [string, string, "improvement" | "concern" | "neutral", "high" | "low"];
  return { latest: kind, direction: dir };
}

function ageInDays(from: string | null, today: string) {
  if (!from) return null;
  return Math.round((Date.parse(today) - Date.parse(from)) / 86_400_000);
}

const features = tableFeatures({});

function columnsFor(today: string, canAssess: boolean, backTo: string): ColumnDef<typeof features, BoardRow>[] {
  const cell = (id: BoardColumnId, render: (r: BoardRow) => React.ReactNode): ColumnDef<typeof features, BoardRow> => ({
    id,
    header: BOARD_COLUMNS.find((c) => c.id === id)!.label,
    cell: ({ row }) => render(row.original),
  });
  return [
    cell("title", (r) => (
      <>
        <Link to={`/projects/${r.projectId}`}>{r.title}</Link>
        {r.reference ? <span className="app-muted"> {r.reference}</span> : null}
      </>
    )),
    cell("theme", (r) => r.themeName ?? "—"),
    cell("division", (r) => r.divisionName ?? "—"),
    cell("wave", (r) => (r.waveNumber ? `Wave ${r.waveNumber}` : "—")),
    cell("stage", (r) => <StageTag stage={r.stage} />),
    cell("leads", (r) => (
      <>
        {r.executiveLead ?? "No executive lead"}
        <br />
        <span className="app-muted">{r.clinicalLead ?? "No clinical lead"}</span>
      </>
    )),
    cell("rag", (r) =>
      r.latestRag ? (
        <>
          <RagTag rag={r.latestRag} />
          <br />
          <span className="nhsuk-body-s app-muted">{`${ageInDays(r.latestRagDate, today)} days ago`}</span>
        </>
      ) : (
        <span className="app-muted">No report</span>
      ),
    ),
    cell("board", (r) => (
      <>
        {r.boardRag ? (
          <span title={r.boardRagReason ?? undefined}>
            <RagTag rag={r.boardRag} />
            <br />
            <span className="nhsuk-body-s app-muted">{formatDay(r.boardRagDate)}</span>
          </span>
        ) : (
          <span className="app-muted">Not assessed</span>
        )}
        {canAssess ? (
          <>
            <br />
            <Link className="nhsuk-body-s" to={`/board/assess/${r.projectId}?back=${encodeURIComponent(backTo)}`}>
              Record view<span className="nhsuk-u-visually-hidden">{` of ${r.title}`}</span>
            </Link>
          </>
        ) : null}
      </>
    )),
    cell("score", (r) => progressLabel(r.progressScore)),
    cell("milestones", (r) =>
      r.milestonesTotal ? (
        <>
          {`${r.milestonesDone} of ${r.milestonesTotal} done`}
          {r.milestonesOverdue ? (
            <>
              <br />
              <Tag colour="red">{`${r.milestonesOverdue} overdue`}</Tag>
            </>
          ) : null}
          {r.worstSlipDays && r.worstSlipDays > 0 ? (
            <>
              <br />
              <span className="nhsuk-body-s">{`worst slip ${r.worstSlipDays} days`}</span>
            </>
          ) : null}
        </>
      ) : (
        <span className="app-muted">None</span>
      ),
    ),
    cell("pdsa", (r) =>
      r.lastPdsaDate ? (
        <>
          {formatDay(r.lastPdsaDate)}
          <br />
          <span className="nhsuk-body-s app-muted">{`${r.pdsaCyclesThisQuarter} this quarter`}</span>
        </>
      ) : (
        <span className="app-muted">No cycles</span>
      ),
    ),
    cell("measure", (r) => {
      if (!r.primaryMeasureName) return <span className="app-muted">No measures</span>;
      const { latest, direction } = signalOf(r.primaryVariationIcon);
      return (
        <div className="app-board-measure">
          <span className="nhsuk-body-s">{r.primaryMeasureName}</span>
          {r.primarySparkline ? <Sparkline values={r.primarySparkline} latest={latest} latestDirection={direction} label={r.primaryMeasureName} /> : null}
          <span className="app-board-measure__icons">
            <VariationIcon icon={r.primaryVariationIcon} size={32} sprite />
            <AssuranceIcon icon={r.primaryAssuranceIcon} size={32} noneText={null} sprite />
          </span>
        </div>
      );
    }),
    cell("asks", (r) => (r.openAsks ? r.openAsks : <span className="app-muted">0</span>)),
    cell("flags", (r) =>
      r.flags.length ? (
        <details className="app-flag-details">
          <summary>
            {`${r.flags.length} flag${r.flags.length === 1 ? "" : "s"}`}
            <span className="nhsuk-u-visually-hidden">{`: show reasons for ${r.title}`}</span>
          </summary>
          <ul className="nhsuk-list app-flag-list">
            {r.flags.map((f, i) => (
              <li key={i}>
                <strong>{`${FLAG_LABELS[f.code]}:`}</strong>{" "}
                <span className="nhsuk-body-s" title={f.detail}>
                  {f.reason}
                </span>
                {f.detail ? <span className="nhsuk-body-s app-flag-list__detail">In full: {f.detail}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : (
        <span className="app-muted">None</span>
      ),
    ),
  ];
}

function groupLabel(group: BoardQuery["group"], key: string | number | null) {
  if (key === null) return group === "wave" ? "Not in a wave" : `No ${group}`;
  return group === "wave" ? `Wave ${key}` : String(key);
}

export function BoardTable({
  rows,
  groups,
  query,
  today,
  canAssess,
  pageSprite = false,
}: {
  rows: BoardRow[];
  groups: BoardGroupRow[];
  query: BoardQuery;
  today: string;
  canAssess: boolean;
  /** The page draws the icons' <SpcIconSprite> itself (with its other icons); otherwise the table does. */
  pageSprite?: boolean;
}) {
  const backTo = `/board${boardSearch(query)}`;
  const columns = useMemo(() => columnsFor(today, canAssess, backTo), [today, canAssess, backTo]);
  const visible = useMemo(() => columns.filter((c) => !query.hide.includes(c.id as BoardColumnId)), [columns, query.hide]);
  const table = useTable({ features, columns: visible, data: rows, getRowId: (r) => String(r.projectId) });
  const dir = sortDirection(query);
  const groupKey = (r: BoardRow) =>
    query.group === "theme" ? r.themeName : query.group === "division" ? r.divisionName : query.group === "wave" ? r.waveNumber : null;

  const tableRows = table.getRowModel().rows;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const kitColumns: TableColumn<(typeof tableRows)[number]>[] = headers.map((header, i) => {
    const id = header.column.id as BoardColumnId;
    const sorted = query.sort === id;
    const next = sorted ? (dir === "asc" ? "desc" : "asc") : id === "flags" || id === "asks" ? "desc" : "asc";
    return {
      id,
      // On a phone only the essential columns show (styles/_layout.scss).
      headerClassName: `app-board-col--${id}`,
      cellClassName: `app-board-col--${id}`,
      header: <table.FlexRender header={header} />,
      cell: (row) => <table.FlexRender cell={row.getAllCells()[i]} />,
      sort: {
        href: boardSearch(query, { sort: id, dir: next, page: 1 }),
        direction: sorted ? (dir === "asc" ? "ascending" : "descending") : undefined,
        next: next === "asc" ? "ascending" : "descending",
      },
    };
  });
  return (
    <>
      {pageSprite || query.hide.includes("measure") ? null : (
        <SpcIconSprite variation={rows.map((r) => r.primaryVariationIcon)} assurance={rows.map((r) => r.primaryAssuranceIcon)} />
      )}
      <Table
        caption="Projects on the board"
        captionHidden
        className="app-board-table"
        scroll
        columns={kitColumns}
        rows={tableRows}
        rowKey={(row) => row.id}
        group={
          query.group
            ? {
                key: (row) => groupKey(row.original),
                className: "app-group-row",
                heading: (row) => {
                  const key = groupKey(row.original);
                  const g = groups.find((x) => x.key === key);
                  return (
                    <>
                      {groupLabel(query.group, key)}
                      {g ? (
                        <span className="app-group-row__totals">
                          {" "}
                          — {g.projects} project{g.projects === 1 ? "" : "s"}, {g.flagged} need attention, {g.overdue} overdue milestone
                          {g.overdue === 1 ? "" : "s"}, {g.openAsks} waiting ask
                          {g.openAsks === 1 ? "" : "s"}
                          {g.averageScore !== null ? `, average score ${g.averageScore.toFixed(1)}` : ""}
                        </span>
                      ) : null}
                    </>
                  );
                },
              }
            : undefined
        }
      />
    </>
  );
}
