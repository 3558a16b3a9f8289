// The full-text index of what teams wrote and learned (ADR 050). SQLite keeps it in step by
// triggers, so every write — a command, the seed, an import, the bench's generator — updates it in
// its own transaction, and a soft-deleted record leaves it.
//
//   source tables ──triggers──▶ learning_entries (one row per record: kind, project, title, body, at)
//                                      │ triggers
//                                      ├──▶ learning_fts  (FTS5, external content: every entry)
//                                      └──▶ project_fts   (FTS5, external content: projects only, for "similar work")
//
// The latest learning-index migration is this module's `learningIndexSql()` (0009 built it; each later one
// drops and builds it again with the sources of its day); a unit test keeps them equal.
import type { Db } from "~/db.server";
import type { LearningKind } from "~/domain/learning";

/** One kind of record in the index. Adding drivers or comments later is one more entry here (and a migration). */
type Source = {
  kind: LearningKind;
  /** The entry's id is `record id * 16 + code`, so a trigger finds its entry without a lookup. */
  code: number;
  table: string;
  /** Column names or SQL over the row's columns (written without a table prefix). */
  projectId: string;
  title: string;
  body: readonly string[];
  at: string;
  /** A soft-deleted row leaves the index. */
  live?: string;
};

export const LEARNING_SOURCES: readonly Source[] = [
  {
    kind: "project",
    code: 1,
    table: "projects",
    projectId: "id",
    title: "title",
    body: [
      "problem",
      "proposal_idea",
      "aim_what",
      "aim_for_whom",
      "aim_measure",
      "scope",
      "closure_evidence",
      "closure_adopted",
      "closure_sustain",
      "closure_lessons",
    ],
    at: "updated_at",
  },
  {
    kind: "pdsa",
    code: 2,
    table: "pdsa_cycles",
    projectId: "project_id",
    title: "title",
    body: ["question", "prediction", "do_what_happened", "do_observations", "do_problems", "study_results", "study_learning", "act_next_step"],
    at: "updated_at",
    live: "deleted_at is null",
  },
  {
    kind: "change_idea",
    code: 3,
    table: "change_ideas",
    projectId: "project_id",
    title: "title",
    body: ["description"],
    at: "created_at",
    live: "deleted_at is null",
  },
  {
    kind: "status_report",
    code: 4,
    table: "status_reports",
    projectId: "project_id",
    title: "''",
    body: ["rag_reason", "progress", "next_steps", "risks"],
    at: "created_at",
  },
  { kind: "ask", code: 5, table: "asks", projectId: "project_id", title: "what", body: ["response"], at: "updated_at" },
  { kind: "win", code: 6, table: "wins", projectId: "project_id", title: "title", body: ["description"], at: "at" },
  { kind: "driver", code: 7, table: "drivers", projectId: "project_id", title: "title", body: ["description"], at: "created_at", live: "deleted_at is null" },
  { kind: "comment", code: 8, table: "comments", projectId: "project_id", title: "''", body: ["body"], at: "created_at", live: "deleted_at is null" },
];

const TOKENIZER = "porter unicode61 remove_diacritics 2";
const ENTRY_COLUMNS = "id, kind, record_id, project_id, title, body, at";

const isColumn = (expr: string) => /^[a-z_]+$/.test(expr);
/** `expr` with its columns read from `row` ("new", "old" or a table). */
const on = (row: string, expr: string) => (isColumn(expr) ? `${row}.${expr}` : expr.replace(/\b([a-z_]+) is null\b/g, `${row}.$1 is null`));
const bodyOf = (row: string, s: Source) =>
  s.body.length === 0 ? "''" : `coalesce(concat_ws(char(10), ${s.body.map((c) => `nullif(${row}.${c}, '')`).join(", ")}), '')`;
const entryValues = (row: string, s: Source) =>
  `${row}.id * 16 + ${s.code}, '${s.kind}', ${row}.id, ${on(row, s.projectId)}, ${on(row, s.title)}, ${bodyOf(row, s)}, ${on(row, s.at)}`;
/** The text columns an update must touch to change the entry. */
const watched = (s: Source) => [...new Set([s.title, ...s.body, s.projectId, ...(s.live ? [s.live.split(" ")[0]] : [])].filter(isColumn))];

const TABLES = [
  `CREATE TABLE learning_entries (
  id integer PRIMARY KEY NOT NULL,
  kind text NOT NULL,
  record_id integer NOT NULL,
  project_id integer NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  at integer NOT NULL
)`,
  `CREATE VIRTUAL TABLE learning_fts USING fts5(title, body, content='learning_entries', content_rowid='id', tokenize='${TOKENIZER}', prefix='2 3')`,
  `CREATE VIRTUAL TABLE project_fts USING fts5(title, body, content='learning_entries', content_rowid='id', tokenize='${TOKENIZER}')`,
  // FTS5 gathers new terms in memory and writes a segment whenever they pass this size, or at commit. A full
  // rebuild with the default (1 MiB) writes hundreds of small segments and then merges them; 32 MiB halves the
  // rebuild's time (ADR 122). An ordinary write commits long before reaching it.
  `INSERT INTO learning_fts (learning_fts, rank) VALUES ('hashsize', ${32 * 1024 * 1024})`,
];

/** Built after the fill: sorting once is quicker than keeping them in order row by row. */
const INDEXES = [
  "CREATE INDEX learning_entries_at_idx ON learning_entries (at DESC, id DESC)",
  "CREATE INDEX learning_entries_project_idx ON learning_entries (project_id, at)",
];

const FILL = [
  ...LEARNING_SOURCES.map(
    (s) => `INSERT INTO learning_entries (${ENTRY_COLUMNS}) SELECT ${entryValues(s.table, s)} FROM ${s.table}${s.live ? ` WHERE ${on(s.table, s.live)}` : ""}`,
  ),
  "INSERT INTO learning_fts(learning_fts) VALUES ('rebuild')",
  // Looked up by id (record id × 16 + 1), not found by reading every entry's kind.
  "INSERT INTO project_fts (rowid, title, body) SELECT id, title, body FROM learning_entries WHERE id IN (SELECT id * 16 + 1 FROM projects)",
];

const ENTRY_TRIGGERS = [
  `CREATE TRIGGER learning_entries_ai AFTER INSERT ON learning_entries BEGIN
  INSERT INTO learning_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
  INSERT INTO project_fts (rowid, title, body) SELECT new.id, new.title, new.body WHERE new.kind = 'project';
END`,
  `CREATE TRIGGER learning_entries_ad AFTER DELETE ON learning_entries BEGIN
  INSERT INTO learning_fts (learning_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO project_fts (project_fts, rowid, title, body) SELECT 'delete', old.id, old.title, old.body WHERE old.kind = 'project';
END`,
];

const sourceTriggers = (s: Source) => {
  const when = s.live ? ` WHEN ${on("new", s.live)}` : "";
  const onlyLive = s.live ? ` WHERE ${on("new", s.live)}` : "";
  return [
    `CREATE TRIGGER learning_${s.table}_ai AFTER INSERT ON ${s.table}${when} BEGIN
  INSERT INTO learning_entries (${ENTRY_COLUMNS}) VALUES (${entryValues("new", s)});
END`,
    `CREATE TRIGGER learning_${s.table}_au AFTER UPDATE OF ${watched(s).join(", ")} ON ${s.table} BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + ${s.code};
  INSERT INTO learning_entries (${ENTRY_COLUMNS}) SELECT ${entryValues("new", s)}${onlyLive};
END`,
    `CREATE TRIGGER learning_${s.table}_ad AFTER DELETE ON ${s.table} BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + ${s.code};
END`,
  ];
};

const TRIGGERS = [...ENTRY_TRIGGERS, ...LEARNING_SOURCES.flatMap(sourceTriggers)];
const triggerName = (statement: string) => /CREATE TRIGGER (\w+)/.exec(statement)![1];
const OBJECTS = {
  tables: ["learning_entries", "learning_fts", "project_fts"],
  triggers: TRIGGERS.map(triggerName),
};

/** Every statement that builds the index from the data already there, in order. */
export function learningIndexStatements(): string[] {
  return [...TABLES, ...FILL, ...INDEXES, ...TRIGGERS];
}

/** The latest migration's text: drop what an earlier one built, build again, split as drizzle's migrator splits. */
export function learningIndexSql(): string {
  return (
    "-- The full-text index of the portfolio's learning (ADR 050) with comments (ADR 072), built in bulk (ADR 122).\n" +
    "-- Generated from app/models/learning-index.server.ts; test/models/learning-index.test.ts keeps the two equal.\n" +
    [...dropStatements(), ...learningIndexStatements()].map((s) => `${s};`).join("\n--> statement-breakpoint\n") +
    "\n"
  );
}

function dropStatements(): string[] {
  return [
    ...OBJECTS.triggers.map((t) => `DROP TRIGGER IF EXISTS ${t}`),
    "DROP TABLE IF EXISTS project_fts",
    "DROP TABLE IF EXISTS learning_fts",
    "DROP TABLE IF EXISTS learning_entries",
  ];
}

/** Drops and rebuilds the whole index in one transaction; returns the number of entries. */
export function rebuildLearningIndex(db: Db): number {
  const client = db.$client;
  client.transaction(() => {
    for (const statement of [...dropStatements(), ...learningIndexStatements()]) client.prepare(statement).run();
  })();
  return (client.prepare("select count(*) as n from learning_entries").get() as { n: number }).n;
}

/** What is wrong with the index, if anything: a missing table or trigger, or entries out of step with the records. */
export function learningIndexProblem(db: Db): string | null {
  const client = db.$client;
  const present = new Set((client.prepare("select name from sqlite_master where type in ('table', 'trigger')").all() as { name: string }[]).map((r) => r.name));
  const missing = [...OBJECTS.tables, ...OBJECTS.triggers].filter((name) => !present.has(name));
  if (missing.length > 0) return `missing ${missing.join(", ")}`;
  const expected = LEARNING_SOURCES.reduce(
    (sum, s) => sum + (client.prepare(`select count(*) as n from ${s.table}${s.live ? ` where ${s.live}` : ""}`).get() as { n: number }).n,
    0,
  );
  const entries = (client.prepare("select count(*) as n from learning_entries").get() as { n: number }).n;
  if (entries !== expected) return `${entries} entries for ${expected} records`;
  return null;
}

/** The start-up check: rebuilds the index when it is missing or out of step. Returns what it found, or null. */
export function ensureLearningIndex(db: Db): string | null {
  const problem = learningIndexProblem(db);
  if (problem) rebuildLearningIndex(db);
  return problem;
}

/** FTS5's own check of both indexes against their content; throws when either is corrupt. */
export function checkLearningIndexIntegrity(db: Db) {
  db.$client.prepare("insert into learning_fts(learning_fts, rank) values ('integrity-check', 1)").run();
  db.$client.prepare("insert into project_fts(project_fts, rank) values ('integrity-check', 0)").run();
}
