import { z } from "zod";
import { STAGES } from "~/domain/enums";

export const PROJECT_SORTS = ["title", "stage", "theme", "division", "wave", "score", "updated"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/** The /projects query string: unknown or bad values fall back to defaults rather than erroring. */
export const ProjectListQuery = z.object({
  sort: z.enum(PROJECT_SORTS).catch("title"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  stage: z.enum(STAGES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const PROJECTS_PER_PAGE = 50;
