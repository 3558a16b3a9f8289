// Spread over HTTP: a team marks an adopted change idea ready to spread with what to copy (versioned,
// audited), /changes lists the spread candidates and the CSV says what to copy; bad input, a stale
// form, an idea not adopted and people not on the team are refused with nothing changed.
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let lead: Client;
let viewer: Client;
let adopted: { id: number; projectId: number; title: string };
let untested: { id: number; projectId: number };

const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;
const LATEST = "(select act_decision from pdsa_cycles y where y.change_idea_id = c.id and y.deleted_at is null order by y.number desc limit 1)";
const TEAM = `join project_team t on t.project_id = c.project_id and t.ended_at is null join users u on u.id = t.user_id and u.email = 'lead@example.org'`;

beforeAll(async () => {
  server = await startTestServer();
  lead = await Client.signedIn(server.url, "lead@example.org");
  viewer = await Client.signedIn(server.url, "viewer@example.org");
  adopted = one(`select c.id, c.project_id as projectId, c.title from change_ideas c ${TEAM} where c.deleted_at is null and ${LATEST} = 'adopt' order by c.id`);
  untested = one(`select c.id, c.project_id as projectId from change_ideas c ${TEAM} where c.deleted_at is null and ${LATEST} is not 'adopt' order by c.id`);
  expect(adopted && untested).toBeTruthy();
});
afterAll(() => server?.close());

const idea = (id: number) =>
  one<{ version: number; spreadSummary: string | null }>("select version, spread_summary as spreadSummary from change_ideas where id = ?", id);
const path = (i: { id: number; projectId: number }) => `/projects/${i.projectId}/drivers/idea-${i.id}`;
const audits = () => one<{ n: number }>("select count(*) as n from audit_events where action like 'change_idea.%spread%'").n;

describe("ready to spread", () => {
  it("refuses an empty summary, a stale form, an idea not adopted and people not on the team, changing nothing", async () => {
    const before = idea(adopted.id);
    const empty = await lead.post(path(adopted), { intent: "spread", version: String(before.version), spreadSummary: "  " });
    expect(empty.status).toBe(400);
    expect((await readPage(empty)).errorSummary()).toContain("Enter what another team should copy");
    const stale = await lead.post(path(adopted), { intent: "spread", version: String(before.version + 5), spreadSummary: "Copy the card" });
    expect(stale.status).toBe(409);
    expect((await readPage(stale)).conflict()).not.toBeNull();
    const notAdopted = await lead.post(path(untested), { intent: "spread", version: String(idea(untested.id).version), spreadSummary: "Copy the card" });
    expect(notAdopted.status).toBe(400);
    expect((await readPage(notAdopted)).text).toContain("Only an adopted change idea can be marked ready to spread");
    const outsider = await viewer.post(path(adopted), { intent: "spread", version: String(before.version), spreadSummary: "Copy the card" });
    expect(outsider.status).toBe(403);
    expect(idea(adopted.id)).toEqual(before);
    expect(idea(untested.id).spreadSummary).toBeNull();
    expect(audits()).toBe(0);
  });

  it("marks an adopted idea ready to spread, audited, and lists it as a spread candidate with what to copy", async () => {
    const form = await readPage(await lead.get(path(adopted)));
    expect(form.text).toContain("What should another team copy?");
    const res = await lead.post(path(adopted), {
      intent: "spread",
      version: String(idea(adopted.id).version),
      spreadSummary: "The huddle script and a protected 10 minutes",
    });
    expect(res.status).toBe(302);
    expect(idea(adopted.id).spreadSummary).toBe("The huddle script and a protected 10 minutes");
    expect(audits()).toBe(1);
    const after = await readPage(await lead.get(`${path(adopted)}?done=spread`));
    expect(after.text).toContain("Ready to spread: The huddle script and a protected 10 minutes");

    const list = await readPage(await viewer.get("/changes?spread=ready"));
    const rows = list.tableRows("#change-package");
    // The demo's SBAR card is a spread candidate already; this one joins it.
    expect(rows).toHaveLength(2);
    const row = rows.find((r) => r[0].includes(adopted.title))!;
    expect(row[0]).toContain("Ready to spread");
    expect(row[0]).toContain("The huddle script and a protected 10 minutes");
    const csv = await (await viewer.get("/changes.csv?spread=ready")).text();
    const [header, ...data] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(data).toHaveLength(2);
    expect(data.find((r) => r[0] === adopted.title)![header.indexOf("Ready to spread: what to copy")]).toBe("The huddle script and a protected 10 minutes");
  });

  it("withdraws the mark", async () => {
    const res = await lead.post(path(adopted), { intent: "unspread", version: String(idea(adopted.id).version) });
    expect(res.status).toBe(302);
    expect(idea(adopted.id).spreadSummary).toBeNull();
    expect(audits()).toBe(2);
    const list = await readPage(await viewer.get("/changes?spread=ready"));
    const rows = list.tableRows("#change-package");
    expect(rows).toHaveLength(1);
    expect(rows[0][0]).toContain("SBAR escalation card");
    expect(rows.some((r) => r[0].includes(adopted.title))).toBe(false);
  });
});
