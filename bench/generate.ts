// Synthetic portfolios for the benchmark, written straight into a temporary database
// (never the real one) with prepared statements in one transaction.
import { addDays, addWeeks, format, parseISO, startOfWeek, subWeeks } from "date-fns";
import { analyseSeries } from "../app/domain/spc";
import { openDatabase, type Db } from "../db/client";
import { defaultMigrationsFolder, runMigrations } from "../db/migrate";

export type PortfolioShape = {
  projects: number;
  cyclesPerProject: number;
  milestonesPerProject: number;
  measuresPerProject: number;
  pointsPerMeasure: number;
};

export const BOARD_SHAPE = {
  cyclesPerProject: 10,
  milestonesPerProject: 5,
  measuresPerProject: 3,
  pointsPerMeasure: 52,
};
/** Project 1 is the large one the project-page figures use: 5 measures × 200 points, 30 PDSA cycles. */
export const LARGE_PROJECT = { id: 1, cycles: 30, measures: 5, points: 200 };

// mulberry32: fast, deterministic.
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words for the generated text, so the search index holds varied learning (about 20 words a cycle). */
const WORDS = (
  "falls night ward huddle checklist sepsis antibiotics audit handover discharge delay pressure ulcer hydration nutrition " +
  "medication errors insulin bedside rounding staff training poster leaflet family carers mobility frailty delirium screening " +
  "observations escalation deterioration flow bed capacity theatre cancellations outpatients letters referral triage waiting " +
  "catheter infection hand hygiene cleaning isolation swab results pharmacy weekend consultant review nurse lead porters " +
  "transport equipment stock learning adopted abandoned adapted tested small change improved worsened reliable sustained"
).split(" ");
const STAGES = ["proposed", "approved", "active", "active", "active", "active", "sustaining", "closed", "stopped"];
const day = (d: Date) => format(d, "yyyy-MM-dd");

export function generatePortfolio(file: string, shape: PortfolioShape, today: string, passwordHash: string): Db {
  const db = openDatabase(file);
  runMigrations(db, defaultMigrationsFolder);
  const sqlite = db.$client;
  const rnd = random(20261126);
  const now = Date.parse(`${today}T12:00:00Z`);
  const monday = startOfWeek(parseISO(today), { weekStartsOn: 1 });

  sqlite.transaction(() => {
    sqlite
      .prepare("insert into programmes (name, trust_name, is_demo, created_at, updated_at) values ('Stepping Up', 'Benchmark Trust', 0, ?, ?)")
      .run(now, now);
    const themeIds = ["Mortality", "Sepsis", "C. difficile", "Flow", "Falls"].map(
      (name) => sqlite.prepare("insert into themes (programme_id, name, created_at) values (1, ?, ?)").run(name, now).lastInsertRowid as number,
    );
    const divisionIds = ["Medicine", "Surgery", "Women and Children's", "Emergency", "Clinical Support"].map(
      (name) => sqlite.prepare("insert into divisions (programme_id, name, created_at) values (1, ?, ?)").run(name, now).lastInsertRowid as number,
    );
    const waveIds = [1, 2, 3].map((n) => {
      const start = subWeeks(monday, 70 - n * 20);
      return sqlite
        .prepare("insert into waves (programme_id, number, name, starts_on, ends_on, created_at) values (1, ?, ?, ?, ?, ?)")
        .run(n, `Wave ${n}`, day(start), day(addDays(addWeeks(start, 20), -1)), now).lastInsertRowid as number;
    });
    const insertUser = sqlite.prepare(
      "insert into users (email, name, role, password_hash, must_change_password, created_at, updated_at) values (?, ?, ?, ?, 0, ?, ?)",
    );
    insertUser.run("board@bench.example", "Bench Board", "board", passwordHash, now, now);
    insertUser.run("lead@bench.example", "Bench Lead", "staff", passwordHash, now, now);
    const leadIds: number[] = [];
    for (let i = 0; i < 200; i++) leadIds.push(insertUser.run(`person${i}@bench.example`, `Person ${i}`, "staff", null, now, now).lastInsertRowid as number);

    const insertProject = sqlite.prepare(
      `insert into projects (programme_id, title, problem, aim_what, aim_target, aim_target_date, division_id, theme_id, wave_id, stage, planned_start, progress_score, created_at, updated_at)
       values (1, ?, ?, 'an outcome', 80, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertTeam = sqlite.prepare("insert into project_team (project_id, user_id, role, started_at) values (?, ?, ?, ?)");
    const insertIdea = sqlite.prepare("insert into change_ideas (project_id, title, created_at) values (?, ?, ?)");
    const insertCycle = sqlite.prepare(
      `insert into pdsa_cycles (project_id, number, change_idea_id, title, question, prediction, study_learning, status, act_decision, start_date, end_date, created_at, updated_at)
       values (?, ?, ?, ?, 'Will it work?', 'It will', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertMilestone = sqlite.prepare(
      "insert into milestones (project_id, title, owner, baseline_date, forecast_date, completed_on, created_at, updated_at) values (?, ?, 'Owner', ?, ?, ?, ?, ?)",
    );
    const insertMeasure = sqlite.prepare(
      `insert into measures (project_id, name, type, unit, improvement, target, frequency, is_primary,
         spc_points, spc_latest_date, spc_latest_value, spc_latest_signal, spc_variation_icon, spc_assurance_icon, spc_mean, spc_ucl, spc_lcl, spc_sparkline, spc_computed_at, created_at, updated_at)
       values (?, ?, ?, 'percent', ?, ?, 'weekly', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertPoint = sqlite.prepare("insert into measure_points (measure_id, period_date, value, created_at, updated_at) values (?, ?, ?, ?, ?)");
    const insertReport = sqlite.prepare(
      "insert into status_reports (project_id, report_date, rag, rag_reason, progress, created_at) values (?, ?, ?, ?, 'Progress', ?)",
    );
    const insertAsk = sqlite.prepare(
      "insert into asks (project_id, what, addressee, state, created_at, updated_at) values (?, 'Support needed', 'board', 'open', ?, ?)",
    );

    const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(" ");
    const weeksFor = (n: number) => Array.from({ length: n }, (_, i) => day(subWeeks(monday, n - i)));
    const boardWeeks = weeksFor(shape.pointsPerMeasure);
    const largeWeeks = weeksFor(LARGE_PROJECT.points);
    for (let p = 1; p <= shape.projects; p++) {
      const large = p === LARGE_PROJECT.id;
      const cyclesHere = large ? LARGE_PROJECT.cycles : shape.cyclesPerProject;
      const measuresHere = large ? LARGE_PROJECT.measures : shape.measuresPerProject;
      const weeks = large ? largeWeeks : boardWeeks;
      const stage = large ? "active" : STAGES[Math.floor(rnd() * STAGES.length)];
      const plannedStart = day(addDays(parseISO(today), -Math.floor(rnd() * 400)));
      const id = insertProject.run(
        `Improvement project ${p}: ${words(3)}`,
        `A problem worth solving: ${words(25)}`,
        day(addDays(parseISO(today), 200)),
        divisionIds[p % divisionIds.length],
        themeIds[p % themeIds.length],
        p % 3 === 0 ? waveIds[p % waveIds.length] : null,
        stage,
        plannedStart,
        stage === "proposed" ? null : 0.5 + Math.floor(rnd() * 10) * 0.5,
        now,
        now,
      ).lastInsertRowid as number;
      insertTeam.run(id, leadIds[p % leadIds.length], "executive_lead", now);
      insertTeam.run(id, leadIds[(p * 7) % leadIds.length], "operational_lead", now);
      insertTeam.run(id, leadIds[(p * 13) % leadIds.length], "clinical_lead", now);
      if (large) insertTeam.run(id, 2, "project_lead", now); // lead@bench.example writes PDSA cycles here
      const idea = insertIdea.run(id, "Change idea", now).lastInsertRowid as number;
      for (let c = 1; c <= cyclesHere; c++) {
        const start = day(addDays(parseISO(today), -7 * (cyclesHere - c) * 3 - Math.floor(rnd() * 14)));
        insertCycle.run(
          id,
          c,
          idea,
          `Cycle ${c}: ${words(3)}`,
          words(20),
          c === cyclesHere ? "doing" : "done",
          c === cyclesHere ? null : "adapt",
          start,
          null,
          now,
          now,
        );
      }
      for (let m = 1; m <= shape.milestonesPerProject; m++) {
        const baseline = day(addDays(parseISO(today), (m - 3) * 30));
        const forecast = day(addDays(parseISO(baseline), Math.floor(rnd() * 50)));
        insertMilestone.run(id, `Milestone ${m}`, baseline, forecast, m <= 2 ? forecast : null, now, now);
      }
      for (let k = 0; k < measuresHere; k++) {
        const shift = rnd() < 0.3 ? 8 : 0;
        const values = weeks.map((_, i) => Math.round((60 + (i > weeks.length - 12 ? shift : 0) + rnd() * 10) * 10) / 10);
        const improvement = k === 2 ? "decrease" : "increase";
        const target = k === 1 ? null : 70;
        const result = analyseSeries({ values, improvement, target });
        const last = result.points[result.points.length - 1];
        const measureId = insertMeasure.run(
          id,
          `Measure ${k + 1}`,
          ["outcome", "process", "balancing"][k % 3],
          improvement,
          target,
          k === 0 ? 1 : 0,
          values.length,
          weeks[weeks.length - 1],
          values[values.length - 1],
          last.special_cause,
          result.variation_icon,
          result.assurance_icon,
          result.mean,
          result.ucl,
          result.lcl,
          JSON.stringify(values.slice(-26)),
          now,
          now,
          now,
        ).lastInsertRowid as number;
        for (let i = 0; i < values.length; i++) insertPoint.run(measureId, weeks[i], values[i], now, now);
      }
      for (let r = 0; r < 3; r++) {
        const rag = ["green", "amber", "red"][Math.floor(rnd() * 3)];
        insertReport.run(id, day(addDays(parseISO(today), -14 * r - Math.floor(rnd() * 30))), rag, rag === "green" ? "" : "Behind plan", now);
      }
      if (rnd() < 0.3) insertAsk.run(id, now - Math.floor(rnd() * 30) * 86_400_000, now);
    }
  })();
  // Fold the bulk load into the main file, so the server under test does not pay for it
  // with a long checkpoint on its first write.
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return db;
}
