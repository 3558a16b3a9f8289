// The people pickers' list and the milestone owner backfill, on a fresh migrated database.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getPersonToChoose, listPeopleToChoose } from "~/models/people.server";
import { workbook } from "./workbook-fixture";

describe("listPeopleToChoose", () => {
  it("lists enabled accounts by name with their job titles; an ask leaves viewers out", () => {
    const w = workbook();
    w.db.$client.prepare("update users set disabled_at = 1 where id = (select max(id) from users where role = 'staff')").run();
    const disabled = w.one<{ id: number }>("select id from users where disabled_at is not null order by id desc").id;
    const people = listPeopleToChoose(w.db);
    expect(people.length).toBe(w.count("users", "disabled_at is null"));
    expect(people.map((p) => p.id)).not.toContain(disabled);
    const names = people.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(people.every((p) => typeof p.jobTitle === "string")).toBe(true);
    const viewers = w.all<{ id: number }>("select id from users where role = 'viewer' and disabled_at is null").map((r) => r.id);
    expect(viewers.length).toBeGreaterThan(0);
    const askable = listPeopleToChoose(w.db, { askable: true }).map((p) => p.id);
    for (const id of viewers) expect(askable).not.toContain(id);
    expect(getPersonToChoose(w.db, disabled)).toBeUndefined();
    expect(getPersonToChoose(w.db, 987_654)).toBeUndefined();
    expect(getPersonToChoose(w.db, people[0].id)).toEqual({ id: people[0].id, name: people[0].name });
  });

  it("reads the list through the partial index on enabled accounts' names", () => {
    const w = workbook();
    const plan = w.all<{ detail: string }>("explain query plan select id, name, job_title from users where disabled_at is null order by name, id limit 20000");
    expect(plan.map((p) => p.detail).join(" ")).toContain("users_active_name_idx");
  });
});

describe("the milestone owner backfill", () => {
  const sql = fs.readFileSync(path.resolve(__dirname, "../../db/migrations/0006_milestone_owner_backfill.sql"), "utf8");

  it("links text that is exactly one enabled person's name, and leaves other text as it was", () => {
    const w = workbook();
    const run = (s: string, ...args: unknown[]) => w.db.$client.prepare(s).run(...args);
    const project = w.one<{ id: number }>("select id from projects order by id").id;
    const person = w.one<{ id: number; name: string }>("select id, name from users where disabled_at is null order by id");
    run(
      "insert into users (email, name, role, created_at, updated_at) values ('twin.one@example.org', 'Sam Twin', 'staff', 0, 0), ('twin.two@example.org', 'Sam Twin', 'staff', 0, 0)",
    );
    run("insert into users (email, name, role, disabled_at, created_at, updated_at) values ('gone@example.org', 'Gone Person', 'staff', 1, 0, 0)");
    const add = (owner: string) =>
      Number(
        run(
          "insert into milestones (project_id, title, owner, baseline_date, forecast_date, created_at, updated_at) values (?, 'm', ?, '2027-01-01', '2027-01-01', 0, 0)",
          project,
          owner,
        ).lastInsertRowid,
      );
    const exact = add(` ${person.name} `);
    const twins = add("Sam Twin");
    const disabled = add("Gone Person");
    const outsider = add("Pat Partner (council)");
    const empty = add("");
    w.db.$client.exec(sql);
    const row = (id: number) => w.one("select owner, owner_user_id as ownerUserId from milestones where id = ?", id);
    expect(row(exact)).toEqual({ owner: "", ownerUserId: person.id });
    expect(row(twins)).toEqual({ owner: "Sam Twin", ownerUserId: null });
    expect(row(disabled)).toEqual({ owner: "Gone Person", ownerUserId: null });
    expect(row(outsider)).toEqual({ owner: "Pat Partner (council)", ownerUserId: null });
    expect(row(empty)).toEqual({ owner: "", ownerUserId: null });
  });
});
