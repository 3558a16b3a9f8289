import { z } from "zod";
import { CQC_DOMAINS, RAGS, STAGES } from "~/domain/enums";
import { BOARD_GROUPS, COLUMN_IDS, PAGE_SIZES, type BoardColumnId, type BoardQuery } from "~/web/board-query";

const id = z.coerce.number().int().positive().optional().catch(undefined);

const BoardQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  theme: id,
  division: id,
  wave: id,
  stage: z.enum(STAGES).optional().catch(undefined),
  rag: z.enum(RAGS).optional().catch(undefined),
  cqc: z.enum(CQC_DOMAINS).optional().catch(undefined),
  lead: id,
  attention: z.literal("1").optional().catch(undefined),
  sort: z.enum(COLUMN_IDS).catch("flags"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  group: z.enum(BOARD_GROUPS).optional().catch(undefined),
  hide: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v.split(",").filter((c): c is BoardColumnId => (COLUMN_IDS as string[]).includes(c)) : [])),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25),
});

export function parseBoardQuery(search: URLSearchParams): BoardQuery {
  // Column checkboxes send hide=a&hide=b; a shared link may carry hide=a,b.
  const hide = search.getAll("hide").join(",");
  return BoardQuerySchema.parse({ ...Object.fromEntries(search), hide: hide || undefined });
}
