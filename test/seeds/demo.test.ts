import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { addDays, differenceInCalendarDays, format, parseISO } from "date-fns";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { defaultMigrationsFolder, runMigrations } from "../../db/migrate";
import { isDatabaseEmpty, seedDemo } from "../../seeds/demo";
import { DEMO_PROJECTS } from "../../seeds/demo-board";
import type { ChartType, MeasureUnit } from "~/domain/enums";
import { measureSpcInput } from "~/domain/measure-periods";
import { analyseSeries } from "~/domain/spc";
import { readSpc } from "./spc-reference";

const TODAY = "2026-03-11";
const LATER = "2026-05-20"; // 70 days after TODAY, same weekday
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$ZGVtby1zYWx0$ZGVtby1oYXNo";

const files: string[] = [];
const opened: Db[] = [];
let counter = 0;

function freshDb(): Db {
  const file = path.join(os.tmpdir(), `stepping-up-demo-${process.pid}-${Date.now()}-${counter++}.db`);
  files.push(file);
  const db = openDatabase(file);
  opened.push(db);
  runMigrations(db, defaultMigrationsFolder);
  return db;
}

function seeded(today: string): Db {
  const db = freshDb();
  seedDemo(db, { today, passwordHash: HASH });
  return db;
}

type Row = Record<string, unknown>;
const all = <T = Row>(db: Db, sql: string, ...params: unknown[]): T[] => db.$client.prepare(sql).all(...params) as T[];
const one = <T = Row>(db: Db, sql: string, ...params: unknown[]): T => db.$client.prepare(sql).get(...params) as T;

function digest(db: Db): string {
  // The full-text indexes' own tables are left out: learning_entries holds what they index.
  const tables = all<{ name: string }>(
    db,
    "select name from sqlite_master where type = 'table' and name not in (select name from pragma_table_list where type in ('shadow', 'virtual')) order by name",
  );
  const hash = crypto.createHash("sha256");
  for (const { name } of tables) {
    hash.update(name);
    hash.update(JSON.stringify(all(db, `select * from "${name}" order by rowid`)));
  }
  return hash.digest("hex");
}

const daysFrom = (today: string, iso: string) => differenceInCalendarDays(parseISO(iso), parseISO(today));
const dayOf = (ms: number) => format(new Date(ms), "yyyy-MM-dd");

afterAll(() => {
  for (const db of opened) db.$client.close();
  for (const f of files) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(f + suffix, { force: true });
});

describe("seedDemo", () => {
  let db: Db;
  beforeAll(() => {
    db = seeded(TODAY);
  });

  it("seeds an empty migrated database, in one go", () => {
    const empty = freshDb();
    expect(isDatabaseEmpty(empty)).toBe(true);
    const { programmeId } = seedDemo(empty, { today: TODAY, passwordHash: HASH });
    expect(programmeId).toBeGreaterThan(0);
    expect(isDatabaseEmpty(empty)).toBe(false);
    const programme = one<{ is_demo: number; trust_name: string; name: string }>(empty, "select * from programmes where id = ?", programmeId);
    expect(programme).toMatchObject({
      is_demo: 1,
      name: "Stepping Up",
      trust_name: "Riverside University Hospitals NHS Foundation Trust",
    });
    expect(one<{ n: number }>(empty, "select count(*) as n from audit_events").n).toBe(0);
  });

  it("rejects a today that is not a calendar date, leaving the database empty", () => {
    const empty = freshDb();
    expect(() => seedDemo(empty, { today: "2026-02-30", passwordHash: HASH })).toThrow();
    expect(isDatabaseEmpty(empty)).toBe(true);
  });

  it("is deterministic: the same today gives identical rows, whatever the wall clock says", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const random = vi.spyOn(Math, "random");
    try {
      vi.setSystemTime(new Date("2001-02-03T04:05:06Z"));
      const early = seeded(TODAY);
      vi.setSystemTime(new Date("2039-09-09T09:09:09Z"));
      const late = seeded(TODAY);
      expect(digest(early)).toBe(digest(late));
      expect(digest(early)).toBe(digest(db));
      expect(random).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it("satisfies every foreign key and the integrity check", () => {
    expect(all(db, "pragma foreign_key_check")).toEqual([]);
    expect(one<{ integrity_check: string }>(db, "pragma integrity_check").integrity_check).toBe("ok");
  });

  it("has the demo users, and the named people cannot sign in", () => {
    const users = all<{ email: string; role: string; password_hash: string | null; job_title: string }>(db, "select * from users");
    const byEmail = new Map(users.map((u) => [u.email, u]));
    for (const [email, role] of [
      ["admin@example.org", "admin"],
      ["board@example.org", "board"],
      ["staff@example.org", "staff"],
      ["viewer@example.org", "viewer"],
      ["lead@example.org", "staff"],
    ]) {
      expect(byEmail.get(email)).toMatchObject({ role, password_hash: HASH });
    }
    const others = users.filter((u) => !u.email.endsWith("@example.org"));
    expect(others.length).toBeGreaterThanOrEqual(20);
    for (const u of others) {
      expect(u.password_hash).toBeNull();
      expect(u.email).toMatch(/^[a-z]+\.[a-z]+@riverside\.example\.nhs\.uk$/);
      expect(u.job_title).not.toBe("");
    }
  });

  it("gives lead@, staff@ and board@ the roles the demo script relies on", () => {
    const rolesOf = (email: string) =>
      all<{ role: string; ended_at: number | null }>(
        db,
        "select t.role, t.ended_at from project_team t join users u on u.id = t.user_id where u.email = ?",
        email,
      );
    const lead = rolesOf("lead@example.org");
    expect(lead.every((r) => r.role === "project_lead")).toBe(true);
    expect(lead.length).toBeGreaterThanOrEqual(4);
    expect(lead.length).toBeLessThan(DEMO_PROJECTS.length / 2);
    const staff = rolesOf("staff@example.org");
    expect(staff.length).toBeGreaterThanOrEqual(1);
    expect(staff.every((r) => r.role === "member")).toBe(true);
    expect(rolesOf("board@example.org").filter((r) => r.role === "executive_lead").length).toBeGreaterThanOrEqual(2);
  });

  it("covers every stage with at least 15 projects, and the required leads past proposed", () => {
    const projects = all<{ id: number; stage: string; title: string }>(db, "select id, stage, title from projects");
    expect(projects.length).toBeGreaterThanOrEqual(15);
    const stages = new Map<string, number>();
    for (const p of projects) stages.set(p.stage, (stages.get(p.stage) ?? 0) + 1);
    expect(Object.fromEntries(stages)).toMatchObject({
      proposed: 2,
      approved: 2,
      sustaining: 2,
      closed: 2,
      stopped: 1,
      declined: 1,
    });
    expect(stages.get("active")).toBeGreaterThanOrEqual(7);
    for (const p of projects.filter((x) => x.stage !== "proposed")) {
      const roles = all<{ role: string }>(db, "select role from project_team where project_id = ? and ended_at is null", p.id).map((r) => r.role);
      expect(roles, p.title).toEqual(expect.arrayContaining(["executive_lead", "operational_lead", "clinical_lead"]));
    }
    const leadless = projects.filter(
      (p) => p.stage === "proposed" && one<{ n: number }>(db, "select count(*) as n from project_team where project_id = ?", p.id).n === 0,
    );
    expect(leadless.length).toBe(1);
    // Lead changes kept in history.
    expect(one<{ n: number }>(db, "select count(*) as n from project_team where ended_at is not null").n).toBeGreaterThanOrEqual(1);
  });

  it("has LiA waves 1 to 3 of about 20 weeks, wave 3 in progress at week 8 to 12", () => {
    const waves = all<{ number: number; starts_on: string; ends_on: string }>(db, "select * from waves order by number");
    expect(waves.map((w) => w.number)).toEqual([1, 2, 3]);
    for (const w of waves) expect(daysFrom(w.starts_on, w.ends_on) + 1).toBe(140);
    expect(waves[0].ends_on < TODAY && waves[1].ends_on < TODAY).toBe(true);
    const current = waves.filter((w) => w.starts_on <= TODAY && TODAY <= w.ends_on);
    expect(current.map((w) => w.number)).toEqual([3]);
    const week = Math.floor(daysFrom(waves[2].starts_on, TODAY) / 7) + 1;
    expect(week).toBeGreaterThanOrEqual(8);
    expect(week).toBeLessThanOrEqual(12);
    const liA = all<{ wave_id: number | null }>(db, "select wave_id from projects where origin = 'lia_wave'");
    expect(liA.length).toBeGreaterThan(0);
    expect(liA.every((p) => p.wave_id !== null)).toBe(true);
  });

  it("keeps progress scores consistent with their history and stage", () => {
    const projects = all<{ id: number; stage: string; progress_score: number | null }>(db, "select id, stage, progress_score from projects");
    for (const p of projects) {
      const history = all<{ score: number }>(db, "select score from progress_scores where project_id = ? order by at, id", p.id);
      if (p.progress_score === null) {
        expect(history).toEqual([]);
        continue;
      }
      expect(history.length).toBeGreaterThanOrEqual(1);
      expect(history.length).toBeLessThanOrEqual(5);
      expect(history[history.length - 1].score).toBe(p.progress_score);
      if (p.stage === "closed") expect(p.progress_score).toBeGreaterThanOrEqual(4.5);
      if (p.stage === "proposed") expect(p.progress_score).toBe(0.5);
      if (p.stage === "active") expect(p.progress_score).toBeGreaterThanOrEqual(2);
    }
    const closed = all<Row>(db, "select * from projects where stage = 'closed'");
    for (const c of closed) {
      expect(c.closure_aim_achieved).not.toBeNull();
      for (const k of ["closure_evidence", "closure_adopted", "closure_sustain", "closure_owner", "closure_lessons"]) expect(c[k]).not.toBe("");
    }
    for (const p of all<Row>(db, "select * from projects where stage in ('stopped', 'declined')")) expect(p.stage_reason).not.toBe("");
  });

  it("has 20 to 60 points per measure, one per period, and one primary measure per project", () => {
    const measures = all<{ id: number; project_id: number; frequency: string; unit: string; uses_ratio: number }>(db, "select * from measures");
    expect(measures.length).toBeGreaterThanOrEqual(20);
    for (const m of measures) {
      const points = all<{ period_date: string }>(db, "select period_date from measure_points where measure_id = ? order by period_date", m.id);
      expect(points.length).toBeGreaterThanOrEqual(20);
      expect(points.length).toBeLessThanOrEqual(60);
      for (let i = 1; i < points.length; i++) {
        const gap = daysFrom(points[i - 1].period_date, points[i].period_date);
        if (m.frequency === "weekly") expect(gap).toBe(7);
        else expect(points[i].period_date.endsWith("-01") && gap >= 28 && gap <= 31).toBe(true);
      }
      if (m.frequency === "weekly") expect(parseISO(points[0].period_date).getDay()).toBe(1);
    }
    const withMeasures = all<{ project_id: number; primaries: number }>(
      db,
      "select project_id, sum(is_primary) as primaries from measures group by project_id",
    );
    for (const p of withMeasures) expect(p.primaries, `project ${p.project_id}`).toBe(1);
    expect(measures.filter((m) => m.uses_ratio).length).toBeGreaterThanOrEqual(2);
    expect(one<{ n: number }>(db, "select count(*) as n from measure_rebases where reason = 'New triage process started'").n).toBe(1);
  });

  it("keeps percentages within 0 to 100, counts whole, and ratios equal to numerator over denominator", () => {
    const rows = all<{
      unit: string;
      uses_ratio: number;
      value: number;
      numerator: number | null;
      denominator: number | null;
      rate_per: number | null;
    }>(db, "select m.unit, m.uses_ratio, m.rate_per, p.value, p.numerator, p.denominator from measure_points p join measures m on m.id = p.measure_id");
    for (const r of rows) {
      expect(r.value).toBeGreaterThanOrEqual(0);
      if (r.unit === "percent") expect(r.value).toBeLessThanOrEqual(100);
      if (r.unit === "count") expect(Number.isInteger(r.value)).toBe(true);
      if (r.uses_ratio) {
        expect(r.denominator).toBeGreaterThan(0);
        expect(r.numerator).toBeLessThanOrEqual(r.denominator!);
        // × 100 for a percentage, × N for a rate per N (ADR 030's u and u′ demo measures).
        expect(r.value).toBeCloseTo((r.numerator! / r.denominator!) * (r.unit === "rate" ? r.rate_per! : 100), 9);
      } else {
        expect(r.numerator).toBeNull();
      }
    }
  });

  it("ends each series at the last full period before today, except the one that stopped", () => {
    const lastMonday = format(addDays(parseISO("2026-03-09"), -7), "yyyy-MM-dd"); // TODAY is Wednesday 11 March
    const latest = all<{ name: string; frequency: string; stage: string; last: string }>(
      db,
      "select m.name, m.frequency, pr.stage, max(p.period_date) as last from measures m join measure_points p on p.measure_id = m.id join projects pr on pr.id = m.project_id group by m.id",
    );
    const stopped = latest.filter((m) => m.last !== (m.frequency === "weekly" ? lastMonday : "2026-02-01"));
    expect(stopped.length).toBe(1);
    expect(stopped[0].stage).toBe("active");
    expect(daysFrom(stopped[0].last, lastMonday) / 7).toBeGreaterThanOrEqual(4);
  });

  it("shows the SPC pattern each measure was built for (latest point, NHSRplotthedots rules)", () => {
    const seen = new Set<string>();
    for (const spec of DEMO_PROJECTS) {
      for (const m of spec.measures ?? []) {
        const row = one<{
          id: number;
          baseline_points: number | null;
          target: number | null;
          chart_type: ChartType;
          unit: MeasureUnit;
          rate_per: number | null;
        }>(db, "select m.* from measures m join projects p on p.id = m.project_id where p.title = ? and m.name = ?", spec.title, m.name);
        const points = all<{ period_date: string; value: number }>(
          db,
          "select period_date, value from measure_points where measure_id = ? order by period_date",
          row.id,
        );
        const rebases = all<{ period_date: string }>(db, "select period_date from measure_rebases where measure_id = ?", row.id);
        if (m.chartType && m.chartType !== "xmr") {
          // Attribute charts (ADR 030): the engine reads them as the product does.
          const series = all<{ period_date: string; value: number; numerator: number | null; denominator: number | null }>(
            db,
            "select period_date, value, numerator, denominator from measure_points where measure_id = ? order by period_date",
            row.id,
          );
          const r = analyseSeries(
            measureSpcInput(
              series.map((p) => ({ periodDate: p.period_date, value: p.value, numerator: p.numerator, denominator: p.denominator })),
              [],
              {
                improvement: m.improvement,
                target: row.target,
                baselinePoints: row.baseline_points,
                chartType: row.chart_type,
                unit: row.unit,
                ratePer: row.rate_per,
              },
            ),
          );
          expect(r.chart, m.name).toBe(m.chartType);
          expect({ variation: r.variation_icon, assurance: r.assurance_icon }, `${spec.title} / ${m.name}`).toEqual(m.expect);
          continue;
        }
        const reading = readSpc(
          points.map((p) => p.value),
          m.improvement,
          {
            target: row.target,
            baselinePoints: row.baseline_points,
            rebaseAt: rebases.map((r) => points.findIndex((p) => p.period_date === r.period_date)),
          },
        );
        expect({ variation: reading.variation, assurance: reading.assurance }, `${spec.title} / ${m.name}`).toEqual(m.expect);
        seen.add(`${m.type}:${reading.variation}`);
        if (reading.assurance) seen.add(reading.assurance);
      }
    }
    expect([...seen].some((s) => /improvement/.test(s))).toBe(true);
    expect([...seen].some((s) => /^(outcome|balancing):special_cause_concern/.test(s))).toBe(true);
    expect([...seen].some((s) => /neutral/.test(s))).toBe(true);
    expect([...seen].some((s) => /common_cause/.test(s))).toBe(true);
    for (const a of ["consistent_pass", "consistent_fail", "inconsistent"]) expect(seen.has(a)).toBe(true);
  });

  it("keeps PDSA cycles numbered, ramped and consistent with their status", () => {
    const cycles = all<Row & { project_id: number; number: number; status: string; previous_cycle_id: number | null; id: number }>(
      db,
      "select * from pdsa_cycles order by project_id, number",
    );
    const byProject = new Map<number, typeof cycles>();
    for (const c of cycles) byProject.set(c.project_id, [...(byProject.get(c.project_id) ?? []), c]);
    for (const [, list] of byProject) {
      expect(list.map((c) => c.number)).toEqual(list.map((_, i) => i + 1));
      expect(list.length).toBeLessThanOrEqual(6);
    }
    const filled = (c: Row, keys: string[]) => keys.every((k) => typeof c[k] === "string" && (c[k] as string).length > 0);
    const empty = (c: Row, keys: string[]) => keys.every((k) => c[k] === "");
    const plan = ["question", "prediction", "plan_who", "plan_what", "plan_when", "plan_where", "plan_data_collection"];
    for (const c of cycles) {
      expect(filled(c, plan)).toBe(true);
      if (c.status === "planned") expect(empty(c, ["do_what_happened", "study_results", "act_next_step"]) && c.act_decision === null).toBe(true);
      if (c.status === "doing")
        expect(filled(c, ["do_what_happened"]) && empty(c, ["study_results", "study_learning", "act_next_step"]) && c.act_decision === null).toBe(true);
      if (c.status === "studying")
        expect(filled(c, ["do_what_happened", "study_results"]) && empty(c, ["act_next_step"]) && c.act_decision === null).toBe(true);
      if (c.status === "done") {
        expect(filled(c, ["do_what_happened", "study_results", "study_learning", "act_next_step"])).toBe(true);
        expect(["adopt", "adapt", "abandon"]).toContain(c.act_decision);
        expect(c.end_date).not.toBeNull();
      }
      if (c.previous_cycle_id !== null) {
        const prev = cycles.find((x) => x.id === c.previous_cycle_id)!;
        expect(prev.project_id).toBe(c.project_id);
        expect(prev.number).toBeLessThan(c.number);
        expect(prev.change_idea_id).toBe(c.change_idea_id);
      }
    }
    expect(cycles.some((c) => c.previous_cycle_id !== null)).toBe(true);
    expect(one<{ n: number }>(db, "select count(*) as n from pdsa_cycle_measures").n).toBeGreaterThan(0);
    // Every active, sustaining and closed project has cycles.
    const without = all(db, "select id from projects where stage in ('active', 'sustaining', 'closed') and id not in (select project_id from pdsa_cycles)");
    expect(without).toEqual([]);
  });

  it("builds in exactly the attention cases the board should see", () => {
    const active = all<{ id: number; title: string; progress_score: number }>(db, "select id, title, progress_score from projects where stage = 'active'");
    const staleDays = 6 * 7;

    // Stale PDSA: last cycle activity (start and update) more than 6 weeks ago.
    const stalePdsa = active.filter((p) => {
      const last = one<{ start: string; updated: number }>(
        db,
        "select max(start_date) as start, max(updated_at) as updated from pdsa_cycles where project_id = ?",
        p.id,
      );
      return daysFrom(last.start, TODAY) > staleDays && daysFrom(dayOf(last.updated), TODAY) > staleDays;
    });
    expect(stalePdsa.map((p) => p.title)).toEqual(["Sepsis screening for children on Puffin Ward"]);

    // Stale status report: latest more than 5 weeks old.
    const reported = all<{ title: string; last: string }>(
      db,
      "select p.title, max(r.report_date) as last from projects p join status_reports r on r.project_id = p.id where p.stage in ('active', 'sustaining') group by p.id",
    );
    expect(reported.length).toBe(active.length + 2);
    expect(reported.filter((r) => daysFrom(r.last, TODAY) > 35).map((r) => r.title)).toEqual(["Maternity sepsis: screening and antibiotics within one hour"]);

    // Amber and red reports all carry a reason.
    expect(all(db, "select id from status_reports where rag <> 'green' and trim(rag_reason) = ''")).toEqual([]);

    // Overdue milestones, one slipped more than 30 days, and a green report hiding an overdue milestone.
    const overdue = all<{ project_id: number }>(db, "select project_id from milestones where completed_on is null and forecast_date < ?", TODAY);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    const slipped = all<{ baseline_date: string; forecast_date: string; completed_on: string | null }>(db, "select * from milestones");
    expect(slipped.some((m) => m.completed_on === null && daysFrom(m.baseline_date, m.forecast_date) > 30)).toBe(true);
    const greenButOverdue = all<{ title: string }>(
      db,
      `select p.title from projects p where p.stage = 'active'
         and (select rag from status_reports r where r.project_id = p.id order by report_date desc limit 1) = 'green'
         and exists (select 1 from milestones m where m.project_id = p.id and m.completed_on is null and m.forecast_date < ?)`,
      TODAY,
    );
    expect(greenButOverdue.map((p) => p.title)).toEqual(["Reducing C. difficile through antimicrobial stewardship ward rounds"]);
    expect(one<{ n: number }>(db, "select count(*) as n from milestone_changes where kind = 'rebaseline'").n).toBeGreaterThanOrEqual(1);
    expect(one<{ n: number }>(db, "select count(*) as n from milestone_changes where kind = 'forecast'").n).toBeGreaterThanOrEqual(2);

    // Asks: one open more than 14 days; every state present.
    const asks = all<{ state: string; created_at: number; status_report_id: number | null; addressee: string }>(db, "select * from asks");
    expect(asks.filter((a) => a.state === "open" && daysFrom(dayOf(a.created_at), TODAY) > 14).length).toBe(1);
    expect(new Set(asks.map((a) => a.state))).toEqual(new Set(["open", "accepted", "resolved", "declined"]));
    expect(asks.some((a) => a.status_report_id !== null) && asks.some((a) => a.status_report_id === null)).toBe(true);
    expect(new Set(asks.map((a) => a.addressee))).toEqual(new Set(["board", "person"]));

    // Contradictions: 3.5+ with no improving measure; 2.5+ with no measure target.
    const readings = new Map<number, { improving: boolean; anyTarget: boolean }>();
    for (const spec of DEMO_PROJECTS) {
      const id = one<{ id: number }>(db, "select id from projects where title = ?", spec.title).id;
      readings.set(id, {
        improving: (spec.measures ?? []).some((m) => m.expect.variation.startsWith("special_cause_improvement")),
        anyTarget: (spec.measures ?? []).some((m) => m.target !== undefined),
      });
    }
    expect(active.filter((p) => p.progress_score >= 3.5 && !readings.get(p.id)!.improving).map((p) => p.title)).toEqual([
      "NEWS2 escalation within 30 minutes on Ward 7",
    ]);
    expect(active.filter((p) => p.progress_score >= 2.5 && !readings.get(p.id)!.anyTarget).map((p) => p.title)).toEqual([
      "Timely discharge before noon on surgical wards",
    ]);

    // One aim without a number or date among the active projects.
    expect(all(db, "select id from projects where stage = 'active' and (aim_target is null or aim_target_date is null)").length).toBe(1);

    // One must-do without an active project.
    const mustDoWithoutActive = all<{ reference: string }>(
      db,
      `select a.reference from cqc_actions a where a.kind = 'must_do' and not exists (
         select 1 from cqc_action_projects l join projects p on p.id = l.project_id where l.cqc_action_id = a.id and p.stage = 'active')`,
    );
    expect(mustDoWithoutActive.map((a) => a.reference)).toEqual(["MD5"]);

    // Meetings: one closed with done and overdue actions, one planned.
    const meetings = all<{ id: number; state: string; meeting_date: string }>(db, "select * from meetings order by meeting_date");
    expect(meetings.map((m) => m.state)).toEqual(["closed", "planned"]);
    const actions = all<{ completed_on: string | null; due_on: string }>(db, "select * from meeting_actions where meeting_id = ?", meetings[0].id);
    expect(actions.some((a) => a.completed_on !== null)).toBe(true);
    expect(actions.some((a) => a.completed_on === null && a.due_on < TODAY)).toBe(true);
    expect(one<{ n: number }>(db, "select count(*) as n from wins").n).toBeGreaterThanOrEqual(3);
    expect(one<{ n: number }>(db, "select count(*) as n from board_assessments where meeting_id is not null").n).toBeGreaterThanOrEqual(1);
  });

  it("never records an instant after the end of today", () => {
    const endOfToday = Date.parse(`${TODAY}T23:59:59.999Z`);
    const columns = all<{ t: string; c: string }>(
      db,
      `select m.name as t, p.name as c from sqlite_master m, pragma_table_info(m.name) p
        where m.type = 'table' and m.name not like '\\_\\_%' escape '\\' and (p.name like '%\\_at' escape '\\')`,
    );
    expect(columns.length).toBeGreaterThan(20);
    for (const { t, c } of columns) {
      const max = one<{ v: number | null }>(db, `select max("${c}") as v from "${t}"`).v;
      if (max !== null) expect(max, `${t}.${c}`).toBeLessThanOrEqual(endOfToday);
    }
  });
});

describe("seedDemo dates move with today", () => {
  it("shifts period dates, waves and reports by the same number of days", () => {
    const a = seeded(TODAY);
    const b = seeded(LATER);
    const shift = daysFrom(TODAY, LATER);
    const weekly = (db: Db) =>
      one<{ v: string }>(db, "select max(p.period_date) as v from measure_points p join measures m on m.id = p.measure_id where m.frequency = 'weekly'").v;
    expect(weekly(a)).not.toBe(weekly(b));
    expect(daysFrom(weekly(a), weekly(b))).toBe(shift);
    const wave3 = (db: Db) => one<{ v: string }>(db, "select starts_on as v from waves where number = 3").v;
    expect(daysFrom(wave3(a), wave3(b))).toBe(shift);
    const report = (db: Db) => one<{ v: string }>(db, "select max(report_date) as v from status_reports").v;
    expect(daysFrom(report(a), report(b))).toBe(shift);
  });

  it("seeds cleanly on awkward days (month ends, a Monday, a Sunday, clock changes)", () => {
    for (const today of ["2026-01-01", "2026-03-29", "2026-10-25", "2026-06-01", "2027-02-28", "2028-02-29"]) {
      const db = seeded(today);
      expect(all(db, "pragma foreign_key_check"), today).toEqual([]);
      const wave3 = one<{ starts_on: string; ends_on: string }>(db, "select * from waves where number = 3");
      const week = Math.floor(daysFrom(wave3.starts_on, today) / 7) + 1;
      expect(week, today).toBeGreaterThanOrEqual(8);
      expect(week, today).toBeLessThanOrEqual(12);
      const last = one<{ v: string }>(db, "select max(period_date) as v from measure_points").v;
      expect(last < today).toBe(true);
    }
  });
});

describe("the demo's own text and the patient-data guard", () => {
  it("never looks like patient data, so editing a demo record never asks for a confirmation", async () => {
    const { findPatientIdentifiers } = await import("~/domain/pii");
    const db = seeded(TODAY);
    const tables = all<{ name: string }>(db, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'");
    let checked = 0;
    const flagged: string[] = [];
    for (const { name } of tables) {
      const textColumns = all<{ name: string; type: string }>(db, `pragma table_info("${name}")`).filter((c) => c.type.toLowerCase() === "text");
      for (const column of textColumns) {
        for (const row of all<{ v: string | null }>(db, `select "${column.name}" as v from "${name}"`)) {
          if (!row.v || row.v.length < 8) continue;
          checked++;
          if (findPatientIdentifiers(row.v, TODAY).length) flagged.push(`${name}.${column.name}: ${row.v.slice(0, 120)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(flagged).toEqual([]);
  });
});
