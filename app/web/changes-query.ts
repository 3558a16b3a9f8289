// The /changes (and /changes.csv) query string: filters, sort and page. Unknown or bad values are ignored.
import { z } from "zod";
import { CHANGE_IDEA_STATUSES, PICK_CATEGORIES } from "~/domain/driver-rules";

export const CHANGE_SORTS = ["project", "status", "cycles", "activity"] as const;
export type ChangeSort = (typeof CHANGE_SORTS)[number];
export const CHANGE_SORT_LABELS: Record<ChangeSort, string> = {
  project: "Project",
  status: "Status",
  cycles: "Most cycles",
  activity: "Latest activity",
};

const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);

export const ChangesQuery = z.object({
  theme: id,
  status: z.enum(CHANGE_IDEA_STATUSES).optional().catch(undefined),
  pick: z
    .enum([...PICK_CATEGORIES, "none"])
    .optional()
    .catch(undefined),
  spread: z.enum(["ready"]).optional().catch(undefined),
  sort: z.enum(CHANGE_SORTS).catch("project"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type ChangesQuery = z.infer<typeof ChangesQuery>;

export const CHANGES_PER_PAGE = 50;

/** The model's filters from the query. */
export const changeFilters = (q: ChangesQuery) => ({ themeId: q.theme, status: q.status, pick: q.pick, readyToSpread: q.spread === "ready" });

export function parseChangesQuery(params: URLSearchParams): ChangesQuery {
  return ChangesQuery.parse(Object.fromEntries(params));
}

/** The query string of a view of the change package; `page` 1 and the default sort are left out. */
export function changesSearch(query: ChangesQuery, changes: Partial<ChangesQuery> = {}): string {
  const q = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const key of ["theme", "status", "pick", "spread"] as const) {
    const value = q[key];
    if (value !== undefined) params.set(key, String(value));
  }
  if (q.sort !== "project") params.set("sort", q.sort);
  if (q.page > 1) params.set("page", String(q.page));
  const search = params.toString();
  return search ? `?${search}` : "";
}
