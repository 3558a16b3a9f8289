// The learning index: kept in step by triggers in the writer's transaction, rebuilt when missing,
// relevant (a phrase from one cycle's learning finds it; titles outrank body text), and safe for any text.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CycleValues } from "~/forms/pdsa-form";
import { createCycle, deleteCycle, updateCycle } from "~/models/pdsa-commands.server";
import { addComment, deleteComment, editComment } from "~/models/comment-commands.server";
import {
  checkLearningIndexIntegrity,
  ensureLearningIndex,
  learningIndexProblem,
  learningIndexSql,
  LEARNING_SOURCES,
  rebuildLearningIndex,
} from "~/models/learning-index.server";
import { latestLearning, searchLearning, similarProjects, type LearningFilters } from "~/models/learning.server";
import { openDatabase } from "../../db/client";
import { defaultMigrationsFolder } from "../../db/migrate";
import { TEST_SEED } from "../helpers/random";
import { workbook } from "./workbook-fixture";

const TODAY = "2026-06-01";
const NO_AUDIT = "create trigger no_audit before insert on audit_events begin select raise(abort, 'audit refused'); end";

function setup() {
  const w = workbook();
  const programmeId = w.one<{ id: number }>("select id from programmes").id;
  const c = w.one<{ id: number; projectId: number; version: number }>(
    "select id, project_id as projectId, version from pdsa_cycles where deleted_at is null order by id",
  );
  const values = (extra: Partial<CycleValues> = {}): CycleValues =>
    ({ changeIdea: "new", newChangeIdea: "Bedside prompt", title: "Prompt card", startDate: "2026-03-02", measureIds: [], ...extra }) as CycleValues;
  let tokens = 0;
  const plan = (extra: Partial<CycleValues>) => {
    const made = createCycle(w.db, w.actor, {
      projectId: c.projectId,
      values: values(extra),
      formToken: `token-learning-${String(++tokens).padStart(4, "0")}`,
    });
    if (!made.ok || made.value.id === null) throw new Error("could not plan a cycle");
    return made.value.id;
  };
  const find = (text: string) => searchLearning(w.db, programmeId, { text });
  const found = (text: string) => find(text).hits.map((h) => `${h.kind}:${h.recordId}`);
  const entries = () => w.count("learning_entries");
  return { ...w, programmeId, c, values, plan, find, found, entries };
}

describe("the migration", () => {
  it("the latest is the index module's SQL, so the start-up rebuild and the migrations build the same index", () => {
    const latest = fs
      .readdirSync(defaultMigrationsFolder)
      .filter((f) => /^\d{4}_learning_index/.test(f))
      .sort()
      .at(-1)!;
    expect(latest).toBe("0027_learning_index_bulk_build.sql");
    const file = fs.readFileSync(path.join(defaultMigrationsFolder, latest), "utf8");
    expect(file).toBe(learningIndexSql());
  });

  it("indexes every record of the demo portfolio, and FTS5 finds both indexes sound", () => {
    const w = setup();
    expect(learningIndexProblem(w.db)).toBeNull();
    for (const source of LEARNING_SOURCES) expect(w.count("learning_entries", "kind = ?", source.kind), source.kind).toBeGreaterThan(0);
    expect(() => checkLearningIndexIntegrity(w.db)).not.toThrow();
  });
});

describe("relevance", () => {
  it("brings the cycle whose learning holds a distinctive phrase into the top three, also with a word in another form", () => {
    const w = setup();
    const id = w.plan({
      title: "Night rounds",
      studyLearning: "A laminated lanyard card reminded bank staff to complete the hourly rounding audit on every shift.",
    });
    for (const typed of ["laminated lanyard card", '"laminated lanyard card"', "lanyard audits", "Laminated Lanyard", "rounding audits shift"]) {
      expect(w.found(typed).slice(0, 3), typed).toContain(`pdsa:${id}`);
    }
    const hit = w.find("lanyard audits").hits.find((h) => h.recordId === id)!;
    expect(hit).toMatchObject({ kind: "pdsa", projectId: w.c.projectId, title: "Night rounds" });
    expect(hit.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toEqual(expect.arrayContaining(["lanyard", "audit"]));
  });

  it("finds words without their accents and plurals by their singular", () => {
    const w = setup();
    const id = w.plan({ title: "Café rota", studyLearning: "Patients' falls dropped once the café opened early" });
    expect(w.found("cafe")).toContain(`pdsa:${id}`);
    expect(w.found("fall ")).toContain(`pdsa:${id}`);
  });

  it("ranks a title match above the same word in body text", () => {
    const w = setup();
    const inBody = w.plan({
      title: "Ward huddle",
      studyLearning: "The zephyrine checklist was kept by the nurse in charge, with other notes about the huddle.",
    });
    const inTitle = w.plan({ title: "Zephyrine checklist", studyLearning: "Kept by the nurse in charge." });
    expect(w.found("zephyrine")).toEqual([`pdsa:${inTitle}`, `pdsa:${inBody}`]);
  });

  it("matches words as they are typed, and whole phrases in quotes", () => {
    const w = setup();
    const id = w.plan({ title: "Quokka audit", studyLearning: "Red trays at lunch helped" });
    expect(w.found("quok")).toContain(`pdsa:${id}`);
    expect(w.found('"red trays"')).toContain(`pdsa:${id}`);
    expect(w.found('"trays red"')).not.toContain(`pdsa:${id}`);
  });
});

describe("keeping in step", () => {
  it("finds the new words after an edit and not the old", () => {
    const w = setup();
    const id = w.plan({ studyLearning: "The marmalade jar reminder worked" });
    expect(w.found("marmalade")).toEqual([`pdsa:${id}`]);
    const version = w.one<{ version: number }>("select version from pdsa_cycles where id = ?", id).version;
    const edited = updateCycle(w.db, w.actor, {
      projectId: w.c.projectId,
      cycleId: id,
      today: TODAY,
      values: { ...w.values({ studyLearning: "The porcupine poster reminder worked" }), version },
    });
    expect(edited.ok).toBe(true);
    expect(w.found("marmalade")).toEqual([]);
    expect(w.found("porcupine")).toEqual([`pdsa:${id}`]);
    expect(() => checkLearningIndexIntegrity(w.db)).not.toThrow();
  });

  it("finds drivers and change ideas by their words; a removed driver or change idea leaves the index", () => {
    const w = setup();
    const run = (sql: string, id: number) => w.db.$client.prepare(sql).run(id);
    const driver = w.one<{ id: number }>("select id from drivers where deleted_at is null order by id");
    run("update drivers set description = 'Quokka huddles at every handover' where id = ?", driver.id);
    expect(w.found("quokka huddles")).toContain(`driver:${driver.id}`);
    run("update drivers set deleted_at = 1 where id = ?", driver.id);
    expect(w.found("quokka huddles")).toEqual([]);
    const idea = w.one<{ id: number }>("select id from change_ideas where deleted_at is null order by id");
    run("update change_ideas set description = 'A wombat whiteboard by the nurses station' where id = ?", idea.id);
    expect(w.found("wombat whiteboard")).toContain(`change_idea:${idea.id}`);
    run("update change_ideas set deleted_at = 1 where id = ?", idea.id);
    expect(w.found("wombat whiteboard")).toEqual([]);
    expect(learningIndexProblem(w.db)).toBeNull();
  });

  it("finds a comment by its words, the new ones after an edit and not the old; a deleted comment leaves the index", () => {
    const w = setup();
    const at = Date.UTC(2026, 2, 11, 9, 0, 0);
    const added = addComment(w.db, w.actor, { projectId: w.c.projectId, target: "pdsa", targetId: w.c.id, body: "The flamingo rota helped", now: at });
    if (!added.ok) throw new Error("not added");
    const id = added.value.commentId;
    expect(w.found("flamingo rota")).toEqual([`comment:${id}`]);
    expect(w.find("flamingo").hits[0]).toMatchObject({ kind: "comment", projectId: w.c.projectId });
    const edited = editComment(w.db, w.actor, { projectId: w.c.projectId, commentId: id, version: 1, body: "The narwhal rota helped", now: at + 60_000 });
    expect(edited.ok).toBe(true);
    expect(w.found("flamingo")).toEqual([]);
    expect(w.found("narwhal")).toEqual([`comment:${id}`]);
    const before = w.entries();
    expect(deleteComment(w.db, w.actor, { projectId: w.c.projectId, commentId: id, now: at + 120_000 }).ok).toBe(true);
    expect(w.found("narwhal")).toEqual([]);
    expect(w.entries()).toBe(before - 1);
    expect(learningIndexProblem(w.db)).toBeNull();
    expect(() => checkLearningIndexIntegrity(w.db)).not.toThrow();
  });

  it("a deleted cycle leaves the index", () => {
    const w = setup();
    const id = w.plan({ studyLearning: "Tangerine wristbands" });
    const before = w.entries();
    const version = w.one<{ version: number }>("select version from pdsa_cycles where id = ?", id).version;
    expect(deleteCycle(w.db, w.actor, { projectId: w.c.projectId, cycleId: id, version }).ok).toBe(true);
    expect(w.found("tangerine")).toEqual([]);
    expect(w.entries()).toBe(before - 1);
    expect(learningIndexProblem(w.db)).toBeNull();
  });

  it("a write that fails leaves the index as it was: the entry is written in the same transaction", () => {
    const w = setup();
    const before = w.entries();
    w.db.$client.exec(NO_AUDIT);
    expect(() => w.plan({ studyLearning: "Aubergine signage" })).toThrow(/audit refused/);
    expect(w.entries()).toBe(before);
    expect(w.found("aubergine")).toEqual([]);
  });

  it.each(LEARNING_SOURCES.map((s) => [s.kind, s] as const))("keeps %s records in step when their text is edited", (_kind, source) => {
    const w = setup();
    const row = w.one<{ id: number }>(`select id from ${source.table} order by id desc`);
    const textColumn = source.title === "''" ? source.body[0] : source.title;
    w.db.$client.prepare(`update ${source.table} set ${textColumn} = 'Wombat' where id = ?`).run(row.id);
    expect(w.found("wombat")).toEqual([`${source.kind}:${row.id}`]);
    w.db.$client.prepare(`update ${source.table} set ${textColumn} = 'Narwhal' where id = ?`).run(row.id);
    expect(w.found("wombat")).toEqual([]);
    expect(w.found("narwhal")).toEqual([`${source.kind}:${row.id}`]);
    expect(learningIndexProblem(w.db)).toBeNull();
    expect(() => checkLearningIndexIntegrity(w.db)).not.toThrow();
  });
});

describe("rebuilding", () => {
  it("the start-up check rebuilds a missing index, and one out of step with the records", () => {
    const w = setup();
    const count = w.entries();
    w.db.$client.exec("drop table learning_fts");
    expect(learningIndexProblem(w.db)).toMatch(/missing learning_fts/);
    expect(ensureLearningIndex(w.db)).toMatch(/missing/);
    expect(w.entries()).toBe(count);
    expect(w.find("sepsis").hits.length).toBeGreaterThan(0);

    w.db.$client.exec("delete from learning_entries where kind = 'win'");
    expect(learningIndexProblem(w.db)).toMatch(/entries for/);
    ensureLearningIndex(w.db);
    expect(learningIndexProblem(w.db)).toBeNull();
    expect(() => checkLearningIndexIntegrity(w.db)).not.toThrow();
    expect(ensureLearningIndex(w.db)).toBeNull();
  });

  it("a full reindex gives the same entries and answers", () => {
    const w = setup();
    const before = w.all("select id, kind, record_id, project_id, title, body, at from learning_entries order by id");
    const answer = w.found("falls");
    expect(answer.length).toBeGreaterThan(0);
    expect(rebuildLearningIndex(w.db)).toBe(before.length);
    expect(w.all("select id, kind, record_id, project_id, title, body, at from learning_entries order by id")).toEqual(before);
    expect(w.found("falls")).toEqual(answer);
  });
});

describe("filters, latest and similar", () => {
  it("filters by record type and stage, and pages", () => {
    const w = setup();
    const all = w.find("patients");
    expect(all.total).toBeGreaterThan(2);
    const onlyProjects = searchLearning(w.db, w.programmeId, { text: "patients", filters: { kind: "project" } });
    expect(onlyProjects.hits.length).toBeGreaterThan(0);
    for (const hit of onlyProjects.hits) expect(hit.kind).toBe("project");
    const closed = searchLearning(w.db, w.programmeId, { text: "patients", filters: { stage: "closed" } });
    for (const hit of closed.hits) expect(hit.projectStage).toBe("closed");
    const first = searchLearning(w.db, w.programmeId, { text: "patients", pageSize: 2, page: 1 });
    const second = searchLearning(w.db, w.programmeId, { text: "patients", pageSize: 2, page: 2 });
    expect(first.hits).toHaveLength(2);
    expect(second.hits[0]).not.toEqual(first.hits[0]);
  });

  it("each filter keeps exactly the matches whose project or entry has it, ranked as without the filter", () => {
    const w = setup();
    const text = "patients";
    const all = searchLearning(w.db, w.programmeId, { text, pageSize: 1000 }).hits;
    expect(all.length).toBeGreaterThan(5);
    const project = (id: number) =>
      w.one<{ theme: number | null; division: number | null; wave: number | null }>(
        "select theme_id as theme, division_id as division, wave_id as wave from projects where id = ?",
        id,
      );
    const at = (hit: { kind: string; recordId: number }) =>
      w.one<{ at: number }>("select at from learning_entries where kind = ? and record_id = ?", hit.kind, hit.recordId).at;
    const key = (h: { kind: string; recordId: number }) => `${h.kind}:${h.recordId}`;
    const some = <T>(values: (T | null)[]) => values.find((v) => v !== null) as T;
    const themeId = some(all.map((h) => project(h.projectId).theme));
    const divisionId = some(all.map((h) => project(h.projectId).division));
    const waveId = some(all.map((h) => project(h.projectId).wave));
    const since = [...all.map(at)].sort((a, b) => a - b)[Math.floor(all.length / 2)];
    const cases: [LearningFilters, (h: (typeof all)[number]) => boolean][] = [
      [{ themeId }, (h) => project(h.projectId).theme === themeId],
      [{ divisionId }, (h) => project(h.projectId).division === divisionId],
      [{ waveId }, (h) => project(h.projectId).wave === waveId],
      [{ since }, (h) => at(h) >= since],
      [{ kind: "pdsa", themeId }, (h) => h.kind === "pdsa" && project(h.projectId).theme === themeId],
    ];
    for (const [filters, keep] of cases) {
      const expected = all.filter(keep).map(key);
      const found = searchLearning(w.db, w.programmeId, { text, filters, pageSize: 1000 });
      expect(found.hits.map(key), JSON.stringify(filters)).toEqual(expected);
      expect(found.total, JSON.stringify(filters)).toBe(expected.length);
      // Pages of the filtered results are slices of the same order.
      const second = searchLearning(w.db, w.programmeId, { text, filters, pageSize: 2, page: 2 });
      expect(second.hits.map(key)).toEqual(expected.slice(2, 4));
    }
  });

  it("stops counting past 1,000 matches and says the total is a lower bound", () => {
    const w = setup();
    const insert = w.db.$client.prepare("insert into wins (project_id, title, evidence_kind, at) values (?, ?, 'other', ?)");
    w.db.$client.transaction(() => {
      for (let i = 0; i < 1001; i++) insert.run(w.c.projectId, `Kestrel board ${i}`, Date.now());
    })();
    const found = searchLearning(w.db, w.programmeId, { text: "kestrel", page: 50, pageSize: 20 });
    expect(found).toMatchObject({ total: 1000, totalIsLowerBound: true });
    expect(found.hits).toHaveLength(20);
    const exact = searchLearning(w.db, w.programmeId, { text: "kestrel board", filters: { kind: "pdsa" } });
    expect(exact).toMatchObject({ total: 0, totalIsLowerBound: false, hits: [] });
  });

  it("shows the newest learning when there is no query", () => {
    const w = setup();
    const id = w.plan({ title: "Newest of all", studyLearning: "Written just now" });
    const latest = latestLearning(w.db, w.programmeId, {});
    expect(latest.hits.length).toBeGreaterThan(0);
    expect(latest.hits.map((h) => `${h.kind}:${h.recordId}`)).toContain(`pdsa:${id}`);
  });

  it("finds projects like a proposal, closed ones with their closure summary, never the proposal itself", () => {
    const w = setup();
    const closed = w.one<{ id: number; title: string; problem: string }>("select id, title, problem from projects where stage = 'closed' order by id");
    const like = similarProjects(w.db, w.programmeId, { title: closed.title, problem: closed.problem });
    expect(like.length).toBeGreaterThan(0);
    expect(like.length).toBeLessThanOrEqual(5);
    expect(like[0]).toMatchObject({ id: closed.id, stage: "closed" });
    expect(like[0].closureSummary.length).toBeGreaterThan(0);
    expect(similarProjects(w.db, w.programmeId, { title: closed.title, problem: closed.problem, excludeId: closed.id }).map((p) => p.id)).not.toContain(
      closed.id,
    );
    expect(similarProjects(w.db, w.programmeId, { title: "the and", problem: "" })).toEqual([]);
  });
});

describe("similar projects kept while nothing changes", () => {
  it("shares an answer between texts with the same telling words, and any write, on any connection, gives way to a new one", () => {
    const w = setup();
    const [first, second] = w.all<{ id: number }>("select id from projects order by id limit 2");
    const ask = (title: string) => similarProjects(w.db, w.programmeId, { title, problem: "" });
    const before = ask("Zebra telemetry");
    expect(before).toEqual([]);
    expect(ask("Zebra telemetry on the")).toBe(before);

    // Another connection (another worker, a script) commits.
    const other = openDatabase(w.db.$client.name);
    other.$client.prepare("update projects set title = 'Zebra telemetry pilot' where id = ?").run(first.id);
    rebuildLearningIndex(other);
    other.$client.close();
    expect(ask("Zebra telemetry").map((p) => p.id)).toEqual([first.id]);

    // This connection writes.
    w.db.$client.prepare("update projects set title = 'Zebra telemetry rollout' where id = ?").run(second.id);
    rebuildLearningIndex(w.db);
    expect(
      ask("Zebra telemetry")
        .map((p) => p.id)
        .sort((a, b) => a - b),
    ).toEqual([first.id, second.id].sort((a, b) => a - b));
  });
});

describe("any text is safe", () => {
  it("never throws for arbitrary text, FTS5 operators and unbalanced quotes included (fast-check)", () => {
    const w = setup();
    const operator = fc.constantFrom(
      '"',
      '""',
      "*",
      "^",
      "-",
      "+",
      "(",
      ")",
      ":",
      "{",
      "}",
      "NEAR(",
      "NEAR(a b, 2)",
      "AND",
      "OR",
      "NOT",
      "title:",
      "body:",
      "{title}:",
      " ",
      "🙂",
      "\\",
      "'",
      ";",
      "\u0000",
    );
    const text = fc
      .array(fc.oneof(operator, fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.constantFrom("falls", "sepsis", "audit")), {
        maxLength: 10,
      })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(text, (typed) => {
        const page = w.find(typed);
        expect(page.total).toBeGreaterThanOrEqual(page.hits.length);
        similarProjects(w.db, w.programmeId, { title: typed, problem: typed });
      }),
      { seed: TEST_SEED, numRuns: 400 },
    );
  });
});
