// The board's view lives in the URL, so a view can be bookmarked and shared.
// Shared by the loader (server) and the page (browser). The zod schema that parses it lives in
// board-query.server.ts so the board's browser bundle does not carry zod.
import type { CqcDomain, Rag, Stage } from "~/domain/enums";

export const BOARD_COLUMNS = [
  { id: "title", label: "Project", sortable: true, hideable: false },
  { id: "theme", label: "Theme", sortable: true, hideable: true },
  { id: "division", label: "Division", sortable: true, hideable: true },
  { id: "wave", label: "Wave", sortable: true, hideable: true },
  { id: "stage", label: "Stage", sortable: true, hideable: true },
  { id: "leads", label: "Executive and clinical lead", sortable: true, hideable: true },
  { id: "rag", label: "Team's RAG", sortable: true, hideable: true },
  { id: "board", label: "Board's view", sortable: true, hideable: true },
  { id: "score", label: "Progress score", sortable: true, hideable: true },
  { id: "milestones", label: "Milestones", sortable: true, hideable: true },
  { id: "pdsa", label: "Last PDSA activity", sortable: true, hideable: true },
  { id: "measure", label: "Primary measure", sortable: true, hideable: true },
  { id: "asks", label: "Asks waiting", sortable: true, hideable: true },
  { id: "flags", label: "Attention", sortable: true, hideable: true },
] as const;
export type BoardColumnId = (typeof BOARD_COLUMNS)[number]["id"];
export const COLUMN_IDS = BOARD_COLUMNS.map((c) => c.id) as [BoardColumnId, ...BoardColumnId[]];

export const BOARD_GROUPS = ["theme", "division", "wave"] as const;
export type BoardGroup = (typeof BOARD_GROUPS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

/** The board's view as the loader parsed it from the URL (see board-query.server.ts). */
export type BoardQuery = {
  q?: string;
  theme?: number;
  division?: number;
  wave?: number;
  stage?: Stage;
  rag?: Rag;
  cqc?: CqcDomain;
  lead?: number;
  attention?: "1";
  sort: BoardColumnId;
  dir?: "asc" | "desc";
  group?: BoardGroup;
  hide: BoardColumnId[];
  page: number;
  size: number;
};

/** Flags sort most-first by default; everything else A→Z / low→high. */
export function sortDirection(q: Pick<BoardQuery, "sort" | "dir">): "asc" | "desc" {
  return q.dir ?? (q.sort === "flags" || q.sort === "asks" ? "desc" : "asc");
}

/** The query string for a view, leaving out defaults so links stay short. */
export function boardSearch(q: BoardQuery, changes: Partial<Record<keyof BoardQuery, string | number | undefined>> = {}) {
  const params = new URLSearchParams();
  const merged = { ...q, ...changes } as Record<string, unknown>;
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === null || value === "") continue;
    if (key === "hide") {
      const list = Array.isArray(value) ? value : String(value).split(",");
      if (list.length) params.set("hide", list.join(","));
      continue;
    }
    if (key === "page" && value === 1) continue;
    if (key === "size" && value === 25) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
