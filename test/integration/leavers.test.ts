// Leavers over HTTP without JavaScript (ADR 106): disabling someone who holds work asks who takes over; the
// hand-over moves everything of theirs and nothing else, audited; bad successors and stale pages change nothing;
// disabling without a hand-over flags their projects on the board, its CSV and the project page until a lead is named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Papa from "papaparse";
import { readPage } from "../helpers/html";
import { userIdOf } from "../helpers/db";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = await Client.signedIn(server.url, "admin@example.org");
});
afterAll(async () => {
  await server?.close();
});

type Row = Record<string, unknown>;
const all = (sql: string, ...args: unknown[]) => server.db.$client.prepare(sql).all(...args) as Row[];
const one = (sql: string, ...args: unknown[]) => server.db.$client.prepare(sql).get(...args) as Row;
const version = (id: number) => String(one("select version from users where id = ?", id).version);
/** Who holds what: lead roles on open projects, open actions and asks, by person. */
const holdings = () =>
  all(
    `select u.id,
       (select count(*) from project_team t join projects p on p.id = t.project_id
         where t.user_id = u.id and t.ended_at is null and t.role <> 'member' and p.stage not in ('closed', 'stopped', 'declined')) as leads,
       (select count(*) from meeting_actions a where a.owner_user_id = u.id and a.completed_on is null) as actions,
       (select count(*) from asks a where a.addressee_user_id = u.id and a.state in ('open', 'accepted')) as asks,
       (select count(*) from conversation_priorities c where c.owner_user_id = u.id) as priorities
     from users u order by u.id`,
  );

describe("a leaver's hand-over", () => {
  it("asks who takes over before disabling someone who holds work, and lists what they hold", async () => {
    const leaver = userIdOf(server.db, "board@example.org");
    const res = await admin.post("/admin/users", { intent: "disable", userId: String(leaver) });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/admin/users/${leaver}/leaving`);
    expect(one("select disabled_at from users where id = ?", leaver).disabled_at).toBeNull();

    const page = await readPage(await admin.get(`/admin/users/${leaver}/leaving`));
    const led = all(
      `select p.title from project_team t join projects p on p.id = t.project_id
       where t.user_id = ? and t.ended_at is null and t.role <> 'member' and p.stage not in ('closed', 'stopped', 'declined')`,
      leaver,
    );
    expect(led.length).toBeGreaterThan(1);
    const rows = page.tableRowsCaptioned("Projects they lead");
    expect(rows.map((r) => r[0]).sort()).toEqual(led.map((p) => p.title as string).sort());
    expect(page.tableRowsCaptioned("Asks waiting for their answer").length).toBe(1);
    expect(page.text).toContain(`They hold ${led.length} project lead roles`);
    expect(page.fieldValue("version")).toBe(version(leaver));
    const edit = await readPage(await admin.get(`/admin/users/${leaver}`));
    expect(edit.hrefs()).toContain(`/admin/users/${leaver}/leaving`);
    // Someone holding nothing is disabled at once, as before.
    const viewer = userIdOf(server.db, "viewer@example.org");
    expect((await admin.post("/admin/users", { intent: "disable", userId: String(viewer) })).status).toBe(200);
    expect(one("select disabled_at from users where id = ?", viewer).disabled_at).not.toBeNull();
    await admin.post("/admin/users", { intent: "enable", userId: String(viewer) });
  });

  it("refuses a disabled successor, the leaver themself and a stale page, changing nothing", async () => {
    const leaver = userIdOf(server.db, "board@example.org");
    const gone = userIdOf(server.db, "claire.robson@riverside.example.nhs.uk");
    const before = holdings();
    const audits = () => one("select count(*) as n from audit_events where action <> 'user.updated'").n;
    const auditsBefore = audits();
    const post = (form: Record<string, string>) => admin.post(`/admin/users/${leaver}/leaving`, { intent: "hand_over", version: version(leaver), ...form });

    const disabled = await post({ successorId: String(gone), account: "disable" });
    expect(disabled.status).toBe(400);
    expect((await readPage(disabled)).errorSummary()).toEqual(["Claire Robson's account is disabled: choose someone who is still here"]);
    const self = await post({ successorId: String(leaver), account: "disable" });
    expect(self.status).toBe(400);
    expect((await readPage(self)).errorSummary()).toEqual(["Choose someone other than Blake Board: they are the one leaving"]);
    const none = await post({ successorId: "", account: "disable" });
    expect(none.status).toBe(400);
    expect((await readPage(none)).errorSummary()).toEqual(["Choose who takes over from the list"]);
    const shown = version(leaver);
    // Another admin changes the account (here, its job title) after this page was shown.
    expect(
      (await admin.post(`/admin/users/${leaver}`, { name: "Blake Board", email: "board@example.org", jobTitle: "Chief Executive", version: shown })).status,
    ).toBe(302);
    const stale = await admin.post(`/admin/users/${leaver}/leaving`, {
      intent: "hand_over",
      version: shown,
      successorId: String(userIdOf(server.db, "lead@example.org")),
      account: "disable",
    });
    expect(stale.status).toBe(409);
    expect((await readPage(stale)).errorSummary()[0]).toContain("Blake Board's account was changed since you opened this page");

    expect(holdings()).toEqual(before);
    expect(audits()).toBe(auditsBefore);
    expect(one("select disabled_at from users where id = ?", leaver).disabled_at).toBeNull();
  });

  it("moves everything the leaver holds to the successor, and only theirs, disables them and audits what moved", async () => {
    const leaver = userIdOf(server.db, "board@example.org");
    const successor = userIdOf(server.db, "helen.whitfield@riverside.example.nhs.uk");
    const before = new Map(holdings().map((h) => [h.id, h]));
    const mine = before.get(leaver)!;
    const res = await admin.post(`/admin/users/${leaver}/leaving`, {
      intent: "hand_over",
      version: version(leaver),
      successorId: String(successor),
      account: "disable",
    });
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.text).toContain("Helen Whitfield now holds");
    expect(page.text).toContain("board@example.org is disabled and has been signed out.");
    expect(page.text).toContain("They hold nothing that needs handing over");

    const after = new Map(holdings().map((h) => [h.id, h]));
    expect(after.get(leaver)).toEqual({ id: leaver, leads: 0, actions: 0, asks: 0, priorities: 0 });
    const theirs = before.get(successor)!;
    expect(after.get(successor)).toEqual({
      id: successor,
      leads: (theirs.leads as number) + (mine.leads as number),
      actions: (theirs.actions as number) + (mine.actions as number),
      asks: (theirs.asks as number) + (mine.asks as number),
      priorities: (theirs.priorities as number) + (mine.priorities as number),
    });
    for (const [id, held] of before) if (id !== leaver && id !== successor) expect(after.get(id)).toEqual(held);
    expect(one("select disabled_at from users where id = ?", leaver).disabled_at).not.toBeNull();

    const audit = all("select action, summary, details from audit_events where action = 'user.handed_over' and entity_id = ?", leaver);
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toBe(
      `Handed over the work of board@example.org to helen.whitfield@riverside.example.nhs.uk: ${mine.leads} project lead roles, ${mine.actions} open action, ${mine.asks} ask waiting for an answer and ${mine.priorities} Big Conversation priorities`,
    );
    expect(JSON.parse(audit[0].details as string).to).toBe(successor);
  });
});

describe("the 'Lead has left' flag", () => {
  it("appears on the board, its CSV and the project page when a lead is disabled, and goes once a new lead is named", async () => {
    const leaver = userIdOf(server.db, "david.singh@riverside.example.nhs.uk");
    const led = all(
      `select p.id, p.title, t.role from project_team t join projects p on p.id = t.project_id
       where t.user_id = ? and t.ended_at is null and t.role <> 'member' and p.stage not in ('closed', 'stopped', 'declined') order by p.id`,
      leaver,
    );
    expect(led.length).toBeGreaterThan(1);
    const board = admin;
    const flagged = async () => {
      const page = await readPage(await board.get("/board?size=100"));
      return page.tableRows("table.app-board-table").filter((r) => r.some((cell) => cell.includes("Lead has left")));
    };
    expect((await flagged()).some((r) => r.join(" ").includes("David Singh"))).toBe(false);

    const res = await admin.post(`/admin/users/${leaver}/leaving`, { intent: "disable_only", version: version(leaver) });
    expect(res.status).toBe(200);
    expect((await readPage(res)).text).toContain('the board shows "Lead has left" on their projects');
    expect(one("select count(*) as n from audit_events where action = 'user.handed_over' and entity_id = ?", leaver).n).toBe(0);

    const rows = await flagged();
    for (const p of led) {
      const row = rows.find((r) => r.join(" ").includes(p.title as string));
      expect(row, `${p.title} is flagged`).toBeTruthy();
      expect(row!.join(" ")).toContain("David Singh, has left");
    }
    const csv = Papa.parse<Record<string, string>>(await (await board.get("/board.csv")).text(), { header: true, skipEmptyLines: true }).data;
    for (const p of led) expect(csv.find((r) => Object.values(r).includes(p.title as string))?.["Attention flags"]).toContain("Lead has left");
    const attention = await readPage(await board.get("/board?attention=1&size=100"));
    for (const p of led) expect(attention.text).toContain(p.title as string);
    const project = await readPage(await admin.get(`/projects/${led[0].id}`));
    expect(project.text).toContain("Lead has left");
    expect(project.text).toContain("A lead of this project has left the trust");

    // Naming a new lead on the team page clears the flag on that project only.
    const first = led.find((p) => led.filter((q) => q.id === p.id).length === 1)!;
    const named = await admin.post(`/projects/${first.id}/team`, {
      intent: "lead",
      role: first.role as string,
      userId: String(userIdOf(server.db, "karen.holt@riverside.example.nhs.uk")),
      current: String(leaver),
    });
    expect(named.status).toBeLessThan(400);
    const later = await flagged();
    expect(later.find((r) => r.join(" ").includes(first.title as string) && r.join(" ").includes("David Singh"))).toBeUndefined();
    for (const p of led.filter((q) => q.id !== first.id)) expect(later.some((r) => r.join(" ").includes(p.title as string))).toBe(true);
    const page = await readPage(await admin.get(`/admin/users?status=disabled`));
    expect(page.hrefs()).toContain(`/admin/users/${leaver}/leaving`);
  });
});
