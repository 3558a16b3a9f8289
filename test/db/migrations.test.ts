// Migrations never lose rows. drizzle applies pending migrations in one transaction, where
// `PRAGMA foreign_keys=OFF` has no effect, so a table rebuild (drop and rename) would
// cascade-delete its children or fail. Every split point of the journal is tried on a
// database full of the demo portfolio, and the check is shown to catch such a rebuild.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { defaultMigrationsFolder, runMigrations } from "../../db/migrate";
import { seedDemo } from "../../seeds/demo";
import { ensureSummariesFresh } from "~/models/summary.server";
import { projectRoot } from "../helpers/build";
import { tempDir } from "../helpers/db";

type Entry = { idx: number; when: number; tag: string; version: string; breakpoints: boolean };
type Journal = { version: string; dialect: string; entries: Entry[] };

const journal = JSON.parse(fs.readFileSync(path.join(defaultMigrationsFolder, "meta", "_journal.json"), "utf8")) as Journal;
const TODAY = "2026-11-26";

/** A migrations folder holding the first `n` committed migrations, plus any extra ones given. */
function migrationsFolder(n: number, extra: { tag: string; sql: string }[] = []): string {
  const dir = tempDir("stepping-up-migrations-");
  fs.mkdirSync(path.join(dir, "meta"));
  const entries = journal.entries.slice(0, n);
  for (const e of entries) fs.copyFileSync(path.join(defaultMigrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  let when = entries.at(-1)!.when;
  for (const x of extra) {
    fs.writeFileSync(path.join(dir, `${x.tag}.sql`), x.sql);
    entries.push({ idx: entries.length, version: "6", when: ++when, tag: x.tag, breakpoints: true });
  }
  fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  return dir;
}

/** The learning index (ADR 050) is derived: triggers fill it as rows are copied, and a migration may rebuild it. */
const DERIVED = /^(learning_|project_fts)/;
const tablesOf = (db: Db) =>
  (
    db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'").all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((name) => !DERIVED.test(name));
const columnsOf = (db: Db, schema: string, table: string) =>
  (db.$client.prepare(`select name from pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((c) => c.name);
const countsOf = (db: Db) =>
  Object.fromEntries(tablesOf(db).map((t) => [t, (db.$client.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]));

let demoFile: string;

/** The demo portfolio on the current schema, plus rows in the tables the demo leaves empty. */
beforeAll(() => {
  demoFile = path.join(tempDir(), "demo.sqlite");
  const db = openDatabase(demoFile);
  runMigrations(db, defaultMigrationsFolder);
  const { programmeId } = seedDemo(db, { today: TODAY, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA" });
  ensureSummariesFresh(db, programmeId, TODAY);
  const run = (sql: string) => db.$client.prepare(sql).run();
  run("insert into sessions (id_hash, user_id, created_at, last_seen_at, expires_at) select 'h' || id, id, 0, 0, 1 from users limit 5");
  run("insert into sign_in_attempts (email, ip, succeeded, at) select email, '10.0.0.1', 1, 0 from users limit 5");
  run("insert into form_tokens (user_id, kind, token, location, created_at) select id, 'project', 't' || id, '/projects', 0 from users limit 5");
  run("insert into two_factors (user_id, secret, confirmed_at, last_step, created_at) select id, 'JBSWY3DPEHPK3PXP', 0, 0, 0 from users limit 2");
  run("insert into recovery_codes (user_id, code_hash) select id, 'hash' || id from users limit 5");
  run("insert into oidc_identities (user_id, issuer, subject, created_at) select id, 'https://login.example', 'sub' || id, 0 from users limit 5");
  run("insert into invitations (user_id, nonce, token_hash, created_at, expires_at) select id, 'n' || id, 'h' || id, 0, 1 from users limit 5");
  run("insert into oidc_role_mappings (claim_value, role, created_at) values ('qi-admins', 'admin', 0)");
  run("insert into notifications (user_id, kind, project_id, title, link, created_at) select id, 'team', null, 'Added to a team', '/', 0 from users limit 5");
  run("insert into notification_preferences (user_id, kind, mode, updated_at) select id, 'team', 'daily', 0 from users limit 5");
  run(
    "insert into email_outbox (user_id, to_address, kind, subject, text_body, html_body, next_attempt_at, created_at) " +
      "select id, email, 'team', 'Added to a team', 'text', '<p>html</p>', 0, 0 from users limit 5",
  );
  run("insert into job_locks (name, holder, expires_at) values ('reminders', 'host-1', 0)");
  run("insert into measure_events (measure_id, event_date, created_at) select id, '2026-01-05', 0 from measures limit 5");
  run(
    "insert into comments (project_id, target_type, target_id, author_id, body, created_at) select project_id, 'pdsa', id, 1, 'A comment', 0 from pdsa_cycles limit 5",
  );
  run(
    "insert into audit_events (at, user_id, actor_email, action, entity_type, entity_id, project_id, summary) " +
      "select 0, 1, 'admin@example.org', 'project.updated', 'project', id, id, 'Charter: seeded' from projects",
  );
  const empty = Object.entries(countsOf(db)).filter(([, n]) => n === 0);
  expect(empty, "tables with no rows cannot show a loss: add rows for them above").toEqual([]);
  db.$client.close();
});

/** A database migrated to the first `n` migrations, filled from the demo (the columns that exist then). */
function oldDatabase(n: number): Db {
  const db = openDatabase(path.join(tempDir(), "old.sqlite"));
  runMigrations(db, migrationsFolder(n));
  db.$client.prepare("attach database ? as demo").run(demoFile);
  db.$client.pragma("foreign_keys = OFF"); // copy in any table order; checked below
  for (const table of tablesOf(db)) {
    const source = new Set(columnsOf(db, "demo", table));
    const shared = columnsOf(db, "main", table)
      .filter((c) => source.has(c))
      .map((c) => `"${c}"`)
      .join(", ");
    // Before Big Conversations every action belonged to a meeting: the old schema cannot hold a priority's actions.
    const fits = table === "meeting_actions" && !shared.includes('"priority_id"') ? " where meeting_id is not null" : "";
    db.$client.prepare(`insert into main."${table}" (${shared}) select ${shared} from demo."${table}"${fits}`).run();
  }
  db.$client.pragma("foreign_keys = ON");
  db.$client.prepare("detach database demo").run();
  expect(db.$client.pragma("foreign_key_check")).toEqual([]);
  return db;
}

/** Applies the migrations after `from` one at a time; returns every table that lost rows at any step. */
function applyRest(db: Db, from: number, folders: (n: number) => string, total: number) {
  const lost: string[] = [];
  let before = countsOf(db);
  for (let n = from + 1; n <= total; n++) {
    runMigrations(db, folders(n));
    const after = countsOf(db);
    for (const [table, count] of Object.entries(before)) {
      if ((after[table] ?? 0) < count) lost.push(`${table}: ${count} → ${after[table] ?? "table gone"} (migration ${n})`);
    }
    expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.$client.pragma("foreign_key_check")).toEqual([]);
    before = after;
  }
  return lost;
}

describe("migrations keep every row", () => {
  const total = journal.entries.length;
  const splits = Array.from({ length: Math.max(total - 1, 0) }, (_, i) => i + 1);

  it.each(splits)("a database at migration %i keeps every row of every table through the later migrations", (n) => {
    const db = oldDatabase(n);
    const start = countsOf(db);
    for (const [table, count] of Object.entries(start)) expect(count, `${table} has rows to lose`).toBeGreaterThan(0);
    const lost = applyRest(db, n, (m) => migrationsFolder(m), total);
    expect(lost).toEqual([]);
    const applied = db.$client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
    expect(applied.n).toBe(total);
    db.$client.close();
  });

  it("catches a table rebuild that cascade-deletes children inside the migration transaction", () => {
    // What drizzle-kit writes for a change SQLite cannot ALTER: the PRAGMA is ignored in a transaction.
    const rebuild = [
      "PRAGMA foreign_keys=OFF;",
      "CREATE TABLE `__new_cqc_actions` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `programme_id` integer NOT NULL, " +
        "`kind` text NOT NULL, `reference` text NOT NULL, `text` text NOT NULL, `domain` text NOT NULL, " +
        "`service` text DEFAULT '' NOT NULL, `created_at` integer NOT NULL, `owner_id` integer, `due_on` text, `archived_at` integer);",
      "INSERT INTO `__new_cqc_actions` SELECT * FROM `cqc_actions`;",
      "DROP TABLE `cqc_actions`;",
      "ALTER TABLE `__new_cqc_actions` RENAME TO `cqc_actions`;",
      "PRAGMA foreign_keys=ON;",
    ].join("--> statement-breakpoint\n");
    const db = oldDatabase(total);
    const withRebuild = migrationsFolder(total, [{ tag: "9999_rebuild_cqc_actions", sql: rebuild }]);
    const lost = applyRest(db, total, () => withRebuild, total + 1);
    expect(lost.join("\n")).toMatch(/^cqc_action_projects: \d+ → 0 \(migration \d+\)$/m);
    db.$client.close();
  });
});

describe("a database from a newer version", () => {
  it("stops the server at start with a clear message and leaves the database untouched", async () => {
    const file = path.join(tempDir(), "newer.sqlite");
    const db = openDatabase(file);
    runMigrations(db, defaultMigrationsFolder);
    db.$client.prepare("insert into __drizzle_migrations (hash, created_at) values ('from-the-future', 99999999999999)").run();
    const tablesBefore = tablesOf(db).sort();
    db.$client.close();

    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const child = spawn(process.execPath, ["server.js"], {
      cwd: projectRoot,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: file,
        STEPPING_UP_DEMO: "1",
        DEMO_PASSWORD: "demo-password-for-tests",
        STEPPING_UP_TODAY: TODAY,
        // One process: the multi-worker server has its own test (test/integration/cluster.test.ts).
        WEB_CONCURRENCY: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    clearTimeout(timer);

    expect(code, output).toBe(1);
    expect(output).toContain("Stepping Up could not start");
    expect(output).toContain("it was written by a newer version");
    expect(output).not.toContain("is running on");
    const after = openDatabase(file);
    expect(tablesOf(after).sort()).toEqual(tablesBefore);
    expect(after.$client.prepare("select count(*) as n from users").get()).toEqual({ n: 0 });
    expect(after.$client.prepare("select count(*) as n from __drizzle_migrations").get()).toEqual({
      n: journal.entries.length + 1,
    });
    after.$client.close();
  });
});
