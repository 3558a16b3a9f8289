import { z } from "zod";
import { STAGES } from "~/domain/enums";
import { LEARNING_KINDS, LEARNING_PERIODS, type LearningPeriod } from "~/domain/learning";
import { MAX_QUERY_LENGTH } from "~/domain/search-query";

const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);

/** The /learning query string: any text is searched as words; unknown or bad filter values are ignored. */
export const LearningQuery = z.object({
  q: z
    .string()
    .catch("")
    .transform((q) => q.slice(0, MAX_QUERY_LENGTH).trim()),
  theme: id,
  division: id,
  wave: id,
  stage: z.enum(STAGES).optional().catch(undefined),
  type: z.enum(LEARNING_KINDS).optional().catch(undefined),
  since: z
    .enum(Object.keys(LEARNING_PERIODS) as [LearningPeriod, ...LearningPeriod[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(50).catch(1),
});
export type LearningQuery = z.infer<typeof LearningQuery>;

export const LEARNING_PER_PAGE = 20;

/** The query string of a page of results, keeping the filters. */
export function learningSearch(query: LearningQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const key of ["theme", "division", "wave", "stage", "type", "since"] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `?${search}` : "";
}
