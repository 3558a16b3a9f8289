// Reading the learning index (ADR 050): the portfolio's search and "similar work".
// Queries reach FTS5 only as expressions built by app/domain/search-query from quoted words.
import type { Db } from "~/db.server";
import type { Stage } from "~/domain/enums";
import { buildMatchQuery, buildSimilarQuery, MARK_END, MARK_START, parseSnippet, type SnippetPart } from "~/domain/search-query";
import type { LearningKind } from "~/domain/learning";
import { londonDay } from "~/domain/calendar";
import { LEARNING_SOURCES } from "~/models/learning-index.server";
import { keptWhileUnchanged } from "~/models/data-version.server";

export type LearningFilters = {
  themeId?: number;
  divisionId?: number;
  waveId?: number;
  stage?: Stage;
  kind?: LearningKind;
  /** Only records written or changed at or after this instant (UTC milliseconds). */
  since?: number;
};

export type LearningHit = {
  kind: LearningKind;
  recordId: number;
  projectId: number;
  projectTitle: string;
  projectStage: Stage;
  title: string;
  snippet: SnippetPart[];
  /** The day (YYYY-MM-DD, UK) the record was written or last changed. */
  at: string;
};

export type LearningPage = {
  /** False when the text had no words to search for (only punctuation, emoji…). */
  searched: boolean;
  hits: LearningHit[];
  /** Results in all, counted up to COUNT_LIMIT. */
  total: number;
  totalIsLowerBound: boolean;
};

const COUNT_LIMIT = 1000;
/** Titles weigh ten times the body text in bm25. */
const TITLE_WEIGHT = 10;
const SNIPPET_WORDS = 24;

type Row = {
  kind: LearningKind;
  recordId: number;
  projectId: number;
  projectTitle: string;
  projectStage: Stage;
  title: string;
  snippet: string;
  at: number;
};

function filterSql(filters: LearningFilters): { sql: string; params: Record<string, number | string> } {
  const clauses: string[] = [];
  const params: Record<string, number | string> = {};
  const add = (clause: string, name: string, value: number | string | undefined) => {
    if (value === undefined) return;
    clauses.push(clause);
    params[name] = value;
  };
  add("p.theme_id = @themeId", "themeId", filters.themeId);
  add("p.division_id = @divisionId", "divisionId", filters.divisionId);
  add("p.wave_id = @waveId", "waveId", filters.waveId);
  add("p.stage = @stage", "stage", filters.stage);
  add("e.kind = @kind", "kind", filters.kind);
  add("e.at >= @since", "since", filters.since);
  return { sql: clauses.map((c) => ` and ${c}`).join(""), params };
}

/** The entry id's low four bits are its kind's code (ADR 050), so a kind filter needs no lookup. */
const KIND_CODES = new Map(LEARNING_SOURCES.map((s) => [s.kind, s.code]));
/** FTS5 ranks by this; `ORDER BY rank` lets FTS5 sort, so snippet() runs for the rows shown only (ADR 122). */
const RANK = `bm25(${TITLE_WEIGHT}.0, 1.0)`;

/** True when rows of another programme exist, so results must be checked against the programme's projects. */
const otherProgrammes = (db: Db, programmeId: number) =>
  (db.$client.prepare("select exists (select 1 from programmes where id <> ?) as other").get(programmeId) as { other: number }).other === 1;

/**
 * The conditions on an FTS5 row (`fts.rowid`) that the filters and the programme ask for. The kind is read from
 * the id; the other filters look up the entry and its project, one primary-key lookup each per candidate row.
 */
function ftsRestriction(db: Db, fts: string, programmeId: number, filters: LearningFilters) {
  const params: Record<string, number | string> = {};
  const onProject: string[] = [];
  const onEntry: string[] = [];
  const add = (list: string[], clause: string, name: string, value: number | string | undefined) => {
    if (value === undefined) return;
    list.push(clause);
    params[name] = value;
  };
  if (otherProgrammes(db, programmeId)) add(onProject, "p.programme_id = @programmeId", "programmeId", programmeId);
  add(onProject, "p.theme_id = @themeId", "themeId", filters.themeId);
  add(onProject, "p.division_id = @divisionId", "divisionId", filters.divisionId);
  add(onProject, "p.wave_id = @waveId", "waveId", filters.waveId);
  add(onProject, "p.stage = @stage", "stage", filters.stage);
  add(onEntry, "e.at >= @since", "since", filters.since);
  let sql = "";
  if (filters.kind !== undefined) {
    sql += ` and ${fts}.rowid % 16 = @kindCode`;
    params.kindCode = KIND_CODES.get(filters.kind) ?? -1;
  }
  if (onProject.length + onEntry.length > 0) {
    const join = onProject.length > 0 ? " join projects p on p.id = e.project_id" : "";
    sql += ` and exists (select 1 from learning_entries e${join} where e.id = ${fts}.rowid and ${[...onEntry, ...onProject].join(" and ")})`;
  }
  return { sql, params };
}

const toHit = (row: Row): LearningHit => ({ ...row, snippet: parseSnippet(row.snippet), at: londonDay(row.at) });

/** A plain beginning of a record's text, for the latest learning (no words to highlight). */
const opening = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200).replace(/\s\S*$/, "")}…` : flat;
};

/**
 * The programme's learning matching what a person typed, best first; page is 1-based. FTS5 ranks the matches
 * and stops at the page (ADR 122): snippets and the entries' and projects' details are read for the page's rows
 * only, and the count stops at COUNT_LIMIT + 1 without ranking.
 */
export function searchLearning(
  db: Db,
  programmeId: number,
  input: { text: string; filters?: LearningFilters; page?: number; pageSize?: number },
): LearningPage {
  const match = buildMatchQuery(input.text);
  if (match === null) return { searched: false, hits: [], total: 0, totalIsLowerBound: false };
  const pageSize = input.pageSize ?? 20;
  const page = Math.max(1, input.page ?? 1);
  const where = ftsRestriction(db, "learning_fts", programmeId, input.filters ?? {});
  const params = { ...where.params, match };
  const offset = (page - 1) * pageSize;
  const ranked = db.$client
    .prepare(
      `select rowid as id, snippet(learning_fts, -1, '${MARK_START}', '${MARK_END}', '…', ${SNIPPET_WORDS}) as snippet
      from learning_fts where learning_fts match @match and rank match '${RANK}'${where.sql}
      order by rank limit @limit offset @offset`,
    )
    .all({ ...params, limit: pageSize, offset }) as { id: number; snippet: string }[];
  const details = new Map(
    (
      db.$client
        .prepare(
          `select e.id, e.kind, e.record_id as recordId, e.project_id as projectId, p.title as projectTitle, p.stage as projectStage, e.title, e.at
          from learning_entries e join projects p on p.id = e.project_id where e.id in (select value from json_each(?))`,
        )
        .all(JSON.stringify(ranked.map((r) => r.id))) as (Omit<Row, "snippet"> & { id: number })[]
    ).map((d) => [d.id, d]),
  );
  const rows = ranked.flatMap((r) => {
    const d = details.get(r.id);
    return d ? [toHit({ ...d, snippet: r.snippet })] : [];
  });
  // A page that is not full ends the results: its rows are the count. Otherwise count, without ranking, up to the cap.
  const counted =
    ranked.length < pageSize && (ranked.length > 0 || offset === 0)
      ? offset + ranked.length
      : (
          db.$client
            .prepare(`select count(*) as n from (select 1 from learning_fts where learning_fts match @match${where.sql} limit ${COUNT_LIMIT + 1})`)
            .get(params) as { n: number }
        ).n;
  return { searched: true, hits: rows, total: Math.min(counted, COUNT_LIMIT), totalIsLowerBound: counted > COUNT_LIMIT };
}

/** The programme's most recently written learning, newest first (the page with no query). */
export function latestLearning(db: Db, programmeId: number, input: { filters?: LearningFilters; page?: number; pageSize?: number }): LearningPage {
  const pageSize = input.pageSize ?? 20;
  const page = Math.max(1, input.page ?? 1);
  const filters = filterSql(input.filters ?? {});
  const params = { ...filters.params, programmeId, limit: pageSize, offset: (page - 1) * pageSize };
  const from = `from learning_entries e join projects p on p.id = e.project_id where p.programme_id = @programmeId${filters.sql}`;
  const rows = db.$client
    .prepare(
      `select e.kind, e.record_id as recordId, e.project_id as projectId, p.title as projectTitle, p.stage as projectStage, e.title, e.at, e.body as snippet
      ${from} order by e.at desc, e.id desc limit @limit offset @offset`,
    )
    .all(params) as Row[];
  const counted = (db.$client.prepare(`select count(*) as n from (select 1 ${from} limit ${COUNT_LIMIT + 1})`).get(params) as { n: number }).n;
  return {
    searched: true,
    hits: rows.map((row) => ({ ...toHit({ ...row, snippet: "" }), snippet: [{ text: opening(row.snippet), hit: false }] })),
    total: Math.min(counted, COUNT_LIMIT),
    totalIsLowerBound: counted > COUNT_LIMIT,
  };
}

export type SimilarProject = {
  id: number;
  title: string;
  stage: Stage;
  closureAimAchieved: boolean | null;
  closureSummary: string;
};

/** Up to five of the programme's projects most like a proposal's title and problem (any stage). */
// The proposal form asks again as the person types: texts with the same telling words ("Falls at night" and
// "Falls at night on") share an answer, kept until anything is written (ADR 128).
const keptSimilar = keptWhileUnchanged<SimilarProject[]>(500);

export function similarProjects(db: Db, programmeId: number, input: { title: string; problem: string; excludeId?: number }): SimilarProject[] {
  const match = buildSimilarQuery(input.title, input.problem);
  if (match === null) return [];
  return keptSimilar(db, `${programmeId}|${input.excludeId ?? 0}|${match}`, () => rankSimilar(db, programmeId, match, input.excludeId));
}

function rankSimilar(db: Db, programmeId: number, match: string, excludeId: number | undefined): SimilarProject[] {
  // FTS5 ranks the projects by itself and stops at five; only those five are read from projects (ADR 122).
  const programme = otherProgrammes(db, programmeId)
    ? " and exists (select 1 from projects p where p.id = (project_fts.rowid - 1) / 16 and p.programme_id = @programmeId)"
    : "";
  const ranked = db.$client
    .prepare(
      `select (rowid - 1) / 16 as id from project_fts
      where project_fts match @match and rank match '${RANK}' and rowid <> @excludeRowid${programme}
      order by rank limit 5`,
    )
    .all({ match, excludeRowid: (excludeId ?? 0) * 16 + 1, ...(programme ? { programmeId } : {}) }) as { id: number }[];
  const found = new Map(
    (
      db.$client
        .prepare(
          `select p.id, p.title, p.stage, p.closure_aim_achieved as achieved, p.closure_lessons as lessons, p.closure_adopted as adopted
          from projects p where p.id in (select value from json_each(?))`,
        )
        .all(JSON.stringify(ranked.map((r) => r.id))) as {
        id: number;
        title: string;
        stage: Stage;
        achieved: number | null;
        lessons: string;
        adopted: string;
      }[]
    ).map((r) => [r.id, r]),
  );
  const rows = ranked.flatMap((r) => found.get(r.id) ?? []);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    stage: r.stage,
    closureAimAchieved: r.achieved === null ? null : r.achieved === 1,
    closureSummary: r.stage === "closed" ? opening([r.adopted, r.lessons].filter(Boolean).join(" ")) : "",
  }));
}

/** The projects most like an existing one (its title and problem), for the board deciding on a proposal. */
export function similarToProject(db: Db, projectId: number): SimilarProject[] {
  const project = db.$client.prepare("select programme_id as programmeId, title, problem from projects where id = ?").get(projectId) as
    { programmeId: number; title: string; problem: string } | undefined;
  return project ? similarProjects(db, project.programmeId, { title: project.title, problem: project.problem, excludeId: projectId }) : [];
}
