// The programme board's reads: filtering, sorting, grouping, paging and roll-ups all in SQL
// over the stored summaries, so a large portfolio costs the same per request as a small one.
import { and, asc, desc, eq, exists, inArray, isNull, like, or, sql, type SQL } from "drizzle-orm";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { startOfMonth } from "date-fns/startOfMonth";
import { subMonths } from "date-fns/subMonths";
import { boardAssessments, divisions, projectSummaries as s, themes, waves, users, projectTeam } from "~/db.server";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "~/db.server";
import type { AttentionFlag } from "~/domain/attention";
import type { BoardGroup, BoardQuery } from "~/web/board-query";
import { sortDirection } from "~/web/board-query";
import { nowMs } from "~/clock.server";

function escapeLike(text: string) {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

export function boardWhere(programmeId: number, q: BoardQuery): SQL {
  const where: (SQL | undefined)[] = [eq(s.programmeId, programmeId)];
  if (q.q) {
    const pattern = escapeLike(q.q);
    where.push(
      or(
        sql`${s.title} like ${pattern} escape '\\'`,
        sql`${s.reference} like ${pattern} escape '\\'`,
        sql`${s.executiveLead} like ${pattern} escape '\\'`,
        sql`${s.clinicalLead} like ${pattern} escape '\\'`,
      ),
    );
  }
  if (q.theme) where.push(eq(s.themeId, q.theme));
  if (q.division) where.push(eq(s.divisionId, q.division));
  if (q.wave) where.push(eq(s.waveId, q.wave));
  if (q.stage) where.push(eq(s.stage, q.stage));
  if (q.rag) where.push(eq(s.latestRag, q.rag));
  if (q.cqc) where.push(like(s.cqcDomains, escapeLike(q.cqc)));
  if (q.lead) where.push(or(eq(s.executiveLeadId, q.lead), eq(s.clinicalLeadId, q.lead)));
  if (q.attention) where.push(sql`${s.flagCount} > 0`);
  return and(...where)!;
}

const SORT_COLUMNS = {
  title: [s.title],
  theme: [s.themeName],
  division: [s.divisionName],
  wave: [s.waveNumber],
  stage: [
    sql`case ${s.stage} when 'proposed' then 1 when 'approved' then 2 when 'active' then 3 when 'sustaining' then 4 when 'closed' then 5 when 'stopped' then 6 else 7 end`,
  ],
  leads: [s.executiveLead, s.clinicalLead],
  rag: [sql`case ${s.latestRag} when 'red' then 1 when 'amber' then 2 when 'green' then 3 end`],
  board: [sql`case ${s.boardRag} when 'red' then 1 when 'amber' then 2 when 'green' then 3 end`],
  score: [s.progressScore],
  milestones: [s.milestonesOverdue, s.worstSlipDays],
  pdsa: [s.lastPdsaDate],
  measure: [
    sql`case ${s.primaryVariationIcon} when 'special_cause_concern_high' then 1 when 'special_cause_concern_low' then 1 when 'common_cause' then 2 when 'special_cause_neutral_high' then 3 when 'special_cause_neutral_low' then 3 when 'special_cause_improvement_high' then 4 when 'special_cause_improvement_low' then 4 end`,
  ],
  asks: [s.openAsks],
  flags: [s.flagCount],
} satisfies Record<BoardQuery["sort"], unknown[]>;

const GROUP_KEY = {
  theme: { key: s.themeName, label: s.themeName },
  division: { key: s.divisionName, label: s.divisionName },
  wave: { key: s.waveNumber, label: s.waveNumber },
} satisfies Record<BoardGroup, unknown>;

function orderBy(q: BoardQuery): SQL[] {
  const dir = sortDirection(q);
  // The default view (most flags first) reads straight from its index.
  if (q.sort === "flags" && dir === "desc" && !q.group) return [sql`${s.flagCount} desc`, asc(s.title), asc(s.projectId)];
  const cols = SORT_COLUMNS[q.sort].map((c) => (dir === "desc" ? sql`${c} desc nulls last` : sql`${c} asc nulls last`));
  const group = q.group ? [sql`${GROUP_KEY[q.group].key} asc nulls last`] : [];
  return [...group, ...cols, asc(s.title), asc(s.projectId)];
}

const ROW = {
  projectId: s.projectId,
  title: s.title,
  reference: s.reference,
  stage: s.stage,
  themeName: s.themeName,
  divisionName: s.divisionName,
  waveNumber: s.waveNumber,
  executiveLead: s.executiveLead,
  clinicalLead: s.clinicalLead,
  latestRag: s.latestRag,
  latestRagDate: s.latestRagDate,
  boardRag: s.boardRag,
  boardRagReason: s.boardRagReason,
  boardRagDate: s.boardRagDate,
  progressScore: s.progressScore,
  milestonesDone: s.milestonesDone,
  milestonesTotal: s.milestonesTotal,
  milestonesOverdue: s.milestonesOverdue,
  worstSlipDays: s.worstSlipDays,
  lastPdsaDate: s.lastPdsaDate,
  pdsaCyclesThisQuarter: s.pdsaCyclesThisQuarter,
  primaryMeasureId: s.primaryMeasureId,
  primaryMeasureName: s.primaryMeasureName,
  primarySparkline: s.primarySparkline,
  primaryVariationIcon: s.primaryVariationIcon,
  primaryAssuranceIcon: s.primaryAssuranceIcon,
  openAsks: s.openAsks,
  flags: s.flags,
  flagCount: s.flagCount,
};

type RawRow = { flags: string; primarySparkline: string | null } & Record<string, unknown>;
function decode<T extends RawRow>(row: T) {
  return {
    ...row,
    flags: JSON.parse(row.flags) as AttentionFlag[],
    primarySparkline: row.primarySparkline ? (JSON.parse(row.primarySparkline) as number[]) : null,
  };
}

export function listBoardPage(db: Db, programmeId: number, q: BoardQuery) {
  const where = boardWhere(programmeId, q);
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(s)
      .where(where)
      .get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / q.size));
  const page = Math.min(q.page, pages);
  const rows = db
    .select(ROW)
    .from(s)
    .where(where)
    .orderBy(...orderBy(q))
    .limit(q.size)
    .offset((page - 1) * q.size)
    .all()
    .map(decode);
  const groups = q.group
    ? db
        .select({
          key: sql<string | number | null>`${GROUP_KEY[q.group].key}`,
          projects: sql<number>`count(*)`,
          flagged: sql<number>`sum(case when ${s.flagCount} > 0 then 1 else 0 end)`,
          averageScore: sql<number | null>`avg(${s.progressScore})`,
          openAsks: sql<number>`sum(${s.openAsks})`,
          overdue: sql<number>`sum(${s.milestonesOverdue})`,
        })
        .from(s)
        .where(where)
        .groupBy(GROUP_KEY[q.group].key)
        .all()
    : [];
  return { rows, total, page, pages, groups };
}

/** Every row of the filter, for the CSV export. */
export function listBoardRowsForExport(db: Db, programmeId: number, q: BoardQuery) {
  return db
    .select(ROW)
    .from(s)
    .where(boardWhere(programmeId, q))
    .orderBy(...orderBy(q))
    .all()
    .map(decode);
}

export const ATTENTION_LIST_LENGTH = 10;

const STAGE_KEYS = ["proposed", "approved", "active", "sustaining", "closed", "stopped", "declined"] as const;
const ICON_COLUMNS = {
  common_cause: s.measuresCommonCause,
  special_cause_improvement_high: s.measuresImprovementHigh,
  special_cause_improvement_low: s.measuresImprovementLow,
  special_cause_concern_high: s.measuresConcernHigh,
  special_cause_concern_low: s.measuresConcernLow,
  special_cause_neutral_high: s.measuresNeutralHigh,
  special_cause_neutral_low: s.measuresNeutralLow,
} as const;
const MONTH_COLUMNS = [s.pdsaM0, s.pdsaM1, s.pdsaM2, s.pdsaM3, s.pdsaM4, s.pdsaM5, s.pdsaM6, s.pdsaM7, s.pdsaM8, s.pdsaM9, s.pdsaM10, s.pdsaM11];
const SCORE_BANDS = [
  ["Not scored", sql`${s.progressScore} is null`],
  ["0.5–1.5 getting started", sql`${s.progressScore} < 2`],
  ["2.0–2.5 testing changes", sql`${s.progressScore} >= 2 and ${s.progressScore} < 3`],
  ["3.0–3.5 improving", sql`${s.progressScore} >= 3 and ${s.progressScore} < 4`],
  ["4.0–5.0 significant or sustained", sql`${s.progressScore} >= 4`],
] as const;

/** The roll-up of the current filter in one aggregate over the stored summaries. */
export function boardRollup(db: Db, programmeId: number, q: BoardQuery, today: string) {
  const where = boardWhere(programmeId, q);
  const count = (condition: SQL) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
  const total = (column: SQL | SQLiteColumn) => sql<number>`coalesce(sum(${column}), 0)`;
  const fields: Record<string, SQL<number>> = { flagged: count(sql`${s.flagCount} > 0`) };
  for (const stage of STAGE_KEYS) fields[`stage_${stage}`] = count(sql`${s.stage} = ${stage}`);
  for (const rag of ["red", "amber", "green"]) fields[`rag_${rag}`] = count(sql`${s.latestRag} = ${rag}`);
  fields.rag_none = count(sql`${s.latestRag} is null`);
  SCORE_BANDS.forEach(([, condition], i) => (fields[`score_${i}`] = count(condition)));
  MONTH_COLUMNS.forEach((column, i) => (fields[`month_${i}`] = total(column)));
  for (const [icon, column] of Object.entries(ICON_COLUMNS)) fields[`icon_${icon}`] = total(column);
  const agg = db.select(fields).from(s).where(where).get() as Record<string, number>;

  const thisMonth = startOfMonth(parseISO(today));
  const attention = db
    .select({ projectId: s.projectId, title: s.title, flags: s.flags, primarySparkline: s.primarySparkline })
    .from(s)
    .where(and(where, sql`${s.flagCount} > 0`))
    .orderBy(sql`${s.flagCount} desc`, asc(s.title), asc(s.projectId))
    .limit(ATTENTION_LIST_LENGTH)
    .all()
    .map(decode);
  return {
    byStage: STAGE_KEYS.map((key) => ({ key, n: agg[`stage_${key}`] })),
    byRag: [...["red", "amber", "green"].map((key) => ({ key, n: agg[`rag_${key}`] })), { key: null, n: agg.rag_none }],
    byScore: SCORE_BANDS.map(([key], i) => ({ key, n: agg[`score_${i}`] })),
    cyclesByMonth: MONTH_COLUMNS.map((_, i) => ({
      month: format(subMonths(thisMonth, i), "yyyy-MM"),
      n: agg[`month_${i}`],
    })),
    measuresByIcon: Object.keys(ICON_COLUMNS).map((key) => ({
      key: key as keyof typeof ICON_COLUMNS,
      n: agg[`icon_${key}`],
    })),
    attention,
    flagged: agg.flagged,
  };
}

/** Filter choices: themes, divisions, waves and leads of this programme. */
export function boardFilterOptions(db: Db, programmeId: number) {
  return {
    themes: db.select({ id: themes.id, name: themes.name }).from(themes).where(eq(themes.programmeId, programmeId)).orderBy(asc(themes.name)).all(),
    divisions: db
      .select({ id: divisions.id, name: divisions.name })
      .from(divisions)
      .where(eq(divisions.programmeId, programmeId))
      .orderBy(asc(divisions.name))
      .all(),
    waves: db
      .select({ id: waves.id, number: waves.number, name: waves.name })
      .from(waves)
      .where(eq(waves.programmeId, programmeId))
      .orderBy(asc(waves.number))
      .all(),
    leads: db
      .selectDistinct({ id: users.id, name: users.name })
      .from(users)
      .where(
        exists(
          db
            .select({ one: sql`1` })
            .from(projectTeam)
            .where(and(eq(projectTeam.userId, users.id), isNull(projectTeam.endedAt), inArray(projectTeam.role, ["executive_lead", "clinical_lead"]))),
        ),
      )
      .orderBy(asc(users.name))
      .all(),
  };
}

export function recordBoardAssessment(
  db: Db,
  input: {
    projectId: number;
    rag: "red" | "amber" | "green";
    reason: string;
    comment: string;
    userId: number;
    meetingId?: number | null;
  },
) {
  return db
    .insert(boardAssessments)
    .values({ ...input, byUserId: input.userId, meetingId: input.meetingId ?? null, at: new Date(nowMs()) })
    .returning({ id: boardAssessments.id })
    .get().id;
}

/** A board view as the pages show it: the rating, why, and who recorded it when (join users on byUserId). */
export const ASSESSMENT_COLUMNS = {
  rag: boardAssessments.rag,
  reason: boardAssessments.reason,
  comment: boardAssessments.comment,
  at: boardAssessments.at,
  byName: users.name,
};

export function listBoardAssessments(db: Db, projectId: number) {
  return db
    .select({ id: boardAssessments.id, ...ASSESSMENT_COLUMNS })
    .from(boardAssessments)
    .leftJoin(users, eq(users.id, boardAssessments.byUserId))
    .where(eq(boardAssessments.projectId, projectId))
    .orderBy(desc(boardAssessments.at), desc(boardAssessments.id))
    .all();
}
