// Crash test: the production server (`node server.js`) takes numbered writes from several
// signed-in clients at once and is killed with SIGKILL at seeded random moments, then
// restarted on the same database. Every write the server acknowledged must be there exactly
// once and whole; a write that got no answer may or may not be there, but never in part.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/build";
import { tempDir } from "../helpers/db";
import { readPage } from "../helpers/html";
import { freePort, waitUntilHealthy } from "../helpers/net";
import { seededRandom } from "../helpers/random";
import { Client, DEMO_PASSWORD, TEST_TODAY } from "../helpers/server";

const CYCLES = 12;
const WRITING_BUDGET_MS = 45_000; // a safety bound: about 20 s on an idle machine
const KILL_AFTER_MS = { min: 0, max: 700 };

type Running = { child: ChildProcess; exited: Promise<void>; output: () => string };
const children = new Set<ChildProcess>();

/** `node server.js` on this database, ready when /healthz answers. */
async function startServer(databaseFile: string, port: number): Promise<Running> {
  let output = "";
  const child = spawn(process.execPath, ["server.js"], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseFile,
      STEPPING_UP_DEMO: "1",
      STEPPING_UP_TODAY: TEST_TODAY,
      DEMO_PASSWORD,
      SESSION_SECRET: "crash-test-session-secret-0123456789abcdef",
      // One process, killed outright; test/integration/cluster.test.ts kills a worker of several.
      WEB_CONCURRENCY: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => (children.delete(child), resolve())));
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  await waitUntilHealthy(`http://127.0.0.1:${port}`, { exited: () => child.exitCode !== null, output: () => output });
  return { child, exited, output: () => output };
}

type Kind = "pdsa" | "status";
type Write = { n: number; kind: Kind; projectId: number; outcome: "acknowledged" | "no answer"; id?: number };

/** Everything wrong with the database after the crashes; empty when every rule holds. */
function problemsIn(db: Database.Database, writes: Write[], measureOf: Map<number, number>): string[] {
  const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const problems: string[] = [];
  const integrity = db.pragma("integrity_check", { simple: true });
  if (integrity !== "ok") problems.push(`integrity_check: ${integrity}`);
  const orphans = db.pragma("foreign_key_check") as unknown[];
  if (orphans.length) problems.push(`foreign_key_check: ${JSON.stringify(orphans)}`);

  // Acknowledged: present exactly once, under the id the redirect named, in the project it was sent to.
  for (const w of writes.filter((x) => x.outcome === "acknowledged")) {
    const rows =
      w.kind === "pdsa"
        ? all<{ id: number; project_id: number }>("select id, project_id from pdsa_cycles where title = ?", `Crash cycle ${w.n}`)
        : all<{ id: number; project_id: number }>("select id, project_id from status_reports where progress = ?", `Crash report ${w.n}`);
    if (rows.length !== 1 || rows[0].id !== w.id || rows[0].project_id !== w.projectId) {
      problems.push(`write ${w.n} (${w.kind}, id ${w.id}): found ${JSON.stringify(rows)}`);
    }
  }

  // Everything present, acknowledged or not, is whole: its change idea, measure link, asks and audit rows.
  const cycles = all<{
    id: number;
    title: string;
    project_id: number;
    idea: string | null;
    links: number;
    audits: number;
  }>(
    `select c.id, c.title, c.project_id, i.title as idea,
       (select count(*) from pdsa_cycle_measures m where m.cycle_id = c.id) as links,
       (select count(*) from audit_events a where a.action = 'pdsa.created' and a.entity_id = c.id) as audits
     from pdsa_cycles c left join change_ideas i on i.id = c.change_idea_id where c.title like 'Crash cycle %'`,
  );
  for (const c of cycles) {
    const n = c.title.replace("Crash cycle ", "");
    const links = measureOf.has(c.project_id) ? 1 : 0;
    if (c.idea !== `Crash idea ${n}` || c.links !== links || c.audits !== 1) problems.push(`cycle ${JSON.stringify(c)}`);
  }
  const ideas = all<{ title: string; cycles: number; audits: number }>(
    `select i.title, (select count(*) from pdsa_cycles c where c.change_idea_id = i.id) as cycles,
       (select count(*) from audit_events a where a.action = 'change_idea.created' and a.entity_id = i.id) as audits
     from change_ideas i where i.title like 'Crash idea %'`,
  );
  for (const i of ideas) if (i.cycles !== 1 || i.audits !== 1) problems.push(`change idea ${JSON.stringify(i)}`);
  const reports = all<{ id: number; progress: string; asks: string | null; audits: number; askAudits: number }>(
    `select r.id, r.progress,
       (select group_concat(a.what, '|') from (select what from asks where status_report_id = r.id order by what) a) as asks,
       (select count(*) from audit_events e where e.action = 'status_report.created' and e.entity_id = r.id) as audits,
       (select count(*) from audit_events e join asks k on k.id = e.entity_id
          where e.action = 'ask.created' and k.status_report_id = r.id) as askAudits
     from status_reports r where r.progress like 'Crash report %'`,
  );
  for (const r of reports) {
    const n = r.progress.replace("Crash report ", "");
    if (r.asks !== `Crash ask ${n}.1|Crash ask ${n}.2` || r.audits !== 1 || r.askAudits !== 2) problems.push(`report ${JSON.stringify(r)}`);
  }
  const strayAsks = all<{ what: string }>(
    "select what from asks where what like 'Crash ask %' and status_report_id not in (select id from status_reports where progress like 'Crash report %')",
  );
  if (strayAsks.length) problems.push(`asks without their report: ${strayAsks.map((a) => a.what).join(", ")}`);

  // The learning index moved with each write: every cycle and report there is found by its words, and
  // the index holds one entry per live record, no more (ADR 050).
  const indexed = (entryId: number, words: string) =>
    (db.prepare("select count(*) as n from learning_fts where learning_fts match ? and rowid = ?").get(words, entryId) as { n: number }).n === 1;
  for (const c of cycles) if (!indexed(c.id * 16 + 2, `"${c.title}"`)) problems.push(`cycle ${c.id} is not in the learning index`);
  for (const r of reports) if (!indexed(r.id * 16 + 4, `"${r.progress}"`)) problems.push(`report ${r.id} is not in the learning index`);
  const { entries, records } = db
    .prepare(
      `select (select count(*) from learning_entries) as entries,
         (select count(*) from projects) + (select count(*) from pdsa_cycles where deleted_at is null) + (select count(*) from change_ideas where deleted_at is null)
         + (select count(*) from drivers where deleted_at is null) + (select count(*) from status_reports) + (select count(*) from asks) + (select count(*) from wins)
         + (select count(*) from comments where deleted_at is null) as records`,
    )
    .get() as { entries: number; records: number };
  if (entries !== records) problems.push(`the learning index has ${entries} entries for ${records} records`);

  // No write is there twice, and nothing is there that was never sent.
  const titles = cycles.map((c) => c.title).concat(reports.map((r) => r.progress));
  const twice = titles.filter((t, i) => titles.indexOf(t) !== i);
  if (twice.length) problems.push(`saved twice: ${twice.join(", ")}`);
  const sent = new Set(writes.map((w) => (w.kind === "pdsa" ? `Crash cycle ${w.n}` : `Crash report ${w.n}`)));
  const unsent = titles.filter((t) => !sent.has(t));
  if (unsent.length) problems.push(`never sent: ${unsent.join(", ")}`);
  return problems;
}

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

describe("killing the server mid-write", () => {
  it("keeps every acknowledged write exactly once and never a half-written one", { timeout: 90_000 }, async () => {
    const databaseFile = path.join(tempDir("stepping-up-crash-"), "app.sqlite");
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const random = seededRandom(); // the same "random" kill moments on every run

    let server = await startServer(databaseFile, port);
    const look = new Database(databaseFile, { readonly: true });
    const teamOf = (email: string) =>
      (
        look
          .prepare(
            "select t.project_id as id from project_team t join users u on u.id = t.user_id " +
              "where u.email = ? and t.ended_at is null group by t.project_id order by t.project_id",
          )
          .all(email) as { id: number }[]
      ).map((r) => r.id);
    const measureOf = new Map(
      (
        look.prepare("select project_id as p, min(id) as m from measures where deleted_at is null group by project_id").all() as {
          p: number;
          m: number;
        }[]
      ).map((r) => [r.p, r.m]),
    );
    const leadProjects = teamOf("lead@example.org");
    const staffProjects = teamOf("staff@example.org");
    look.close();
    expect(leadProjects.length).toBeGreaterThanOrEqual(2);
    expect(staffProjects.length).toBeGreaterThanOrEqual(1);

    // Four writers at once: two lead@ sessions planning PDSA cycles, staff@ and admin@ writing status reports with asks.
    const writers: { client: Client; kind: Kind; projects: number[] }[] = [
      { client: new Client(url), kind: "pdsa", projects: leadProjects.filter((_, i) => i % 2 === 0) },
      { client: new Client(url), kind: "pdsa", projects: leadProjects.filter((_, i) => i % 2 === 1) },
      { client: new Client(url), kind: "status", projects: staffProjects },
      { client: new Client(url), kind: "status", projects: leadProjects },
    ];
    await writers[0].client.signIn("lead@example.org");
    await writers[1].client.signIn("lead@example.org");
    await writers[2].client.signIn("staff@example.org");
    await writers[3].client.signIn("admin@example.org");

    const writes: Write[] = [];
    const unexpected: string[] = [];
    let next = 1;

    async function writeOnce(w: (typeof writers)[number], turn: number): Promise<void> {
      const n = next++;
      const projectId = w.projects[turn % w.projects.length];
      const form: Record<string, string | string[]> =
        w.kind === "pdsa"
          ? {
              intent: "create",
              changeIdea: "new",
              newChangeIdea: `Crash idea ${n}`,
              title: `Crash cycle ${n}`,
              question: `Does write ${n} survive?`,
              startDate: TEST_TODAY,
              measureIds: measureOf.has(projectId) ? [String(measureOf.get(projectId))] : [],
            }
          : {
              reportDate: TEST_TODAY,
              rag: "amber",
              ragReason: `Crash reason ${n}`,
              progress: `Crash report ${n}`,
              nextSteps: "Keep going",
              "asks[0].what": `Crash ask ${n}.1`,
              "asks[0].addressee": "board",
              "asks[1].what": `Crash ask ${n}.2`,
              "asks[1].addressee": "board",
            };
      const route = w.kind === "pdsa" ? "pdsa/new" : "status/new";
      const write: Write = { n, kind: w.kind, projectId, outcome: "no answer" };
      writes.push(write);
      let res: Response;
      try {
        res = await w.client.post(`/projects/${projectId}/${route}`, form);
      } catch {
        return; // killed before it answered: may or may not be saved
      }
      const saved = res.headers.get("location")?.match(w.kind === "pdsa" ? /\/pdsa\/(\d+)\?saved=created$/ : /\/status\/(\d+)\?written=1$/);
      if (res.status === 302 && saved) {
        write.outcome = "acknowledged";
        write.id = Number(saved[1]);
      } else {
        unexpected.push(`write ${n} (${w.kind}) answered ${res.status} ${res.headers.get("location") ?? ""}`);
      }
    }

    const started = Date.now();
    let cycles = 0;
    let killedWithWritesInFlight = 0;
    for (; cycles < CYCLES && Date.now() - started < WRITING_BUDGET_MS; cycles++) {
      let alive = true;
      const inFlight = new Set<number>();
      const loops = writers.map(async (w) => {
        for (let turn = 0; alive && turn < 500; turn++) {
          const n = next;
          inFlight.add(n);
          await writeOnce(w, turn);
          inFlight.delete(n);
        }
      });
      await new Promise((r) => setTimeout(r, random.between(KILL_AFTER_MS.min, KILL_AFTER_MS.max)));
      if (inFlight.size > 0) killedWithWritesInFlight++;
      server.child.kill("SIGKILL");
      await server.exited;
      alive = false;
      await Promise.all(loops);
      server = await startServer(databaseFile, port);
    }

    // The last start proves the database opens and migrates after the crashes; the app still answers.
    const lastPdsa = writes.filter((w) => w.kind === "pdsa" && w.outcome === "acknowledged").at(-1);
    expect(lastPdsa, "an acknowledged PDSA cycle to read back").toBeDefined();
    const page = await writers[0].client.get(`/projects/${lastPdsa!.projectId}/pdsa/${lastPdsa!.id}`);
    expect(page.status).toBe(200);
    expect((await readPage(page)).text).toContain(`Crash cycle ${lastPdsa!.n}`);
    server.child.kill("SIGTERM");
    await server.exited;

    expect(unexpected).toEqual([]);
    expect(cycles).toBeGreaterThanOrEqual(10);
    const acknowledged = writes.filter((w) => w.outcome === "acknowledged");
    expect(acknowledged.length).toBeGreaterThanOrEqual(2 * cycles);
    expect(killedWithWritesInFlight).toBeGreaterThanOrEqual(cycles - 2);

    const db = new Database(databaseFile, { readonly: true });
    expect(problemsIn(db, writes, measureOf)).toEqual([]);
    // FTS5's own check of the learning index against its content, on a copy (the check is written as an insert).
    const copyFile = path.join(tempDir("stepping-up-crash-"), "copy.sqlite");
    db.prepare("vacuum into ?").run(copyFile);
    const copy = new Database(copyFile);
    expect(() => copy.prepare("insert into learning_fts(learning_fts, rank) values ('integrity-check', 1)").run()).not.toThrow();
    copy.close();

    // The check has teeth: the same database with a lost write and two half-written ones fails it.
    const tamperedFile = path.join(tempDir("stepping-up-crash-"), "tampered.sqlite");
    db.prepare("vacuum into ?").run(tamperedFile);
    const tampered = new Database(tamperedFile);
    const cycle = acknowledged.find((w) => w.kind === "pdsa")!;
    const [report, lostReport] = acknowledged.filter((w) => w.kind === "status");
    tampered.prepare("delete from audit_events where action = 'pdsa.created' and entity_id = ?").run(cycle.id);
    tampered.prepare("delete from asks where what = ?").run(`Crash ask ${report.n}.2`);
    tampered.prepare("update status_reports set progress = 'Overwritten' where id = ?").run(lostReport.id);
    const found = problemsIn(tampered, writes, measureOf).join("\n");
    tampered.close();
    expect(found).toContain(`cycle {"id":${cycle.id},`);
    expect(found).toContain(`report {"id":${report.id},`);
    expect(found).toContain(`write ${lostReport.n} (status, id ${lostReport.id}): found []`);
    db.close();
  });
});
