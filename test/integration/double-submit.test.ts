// Every create form carries a one-time token: a double click, a resubmission after Back or
// concurrent posts of one form create one record, and a replay is sent to that record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, ne } from "drizzle-orm";
import { projectTeam } from "../../db/schema";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
const clients: Record<string, Client> = {};
let projectId: number;
beforeAll(async () => {
  server = await startTestServer();
  for (const who of ["admin", "board", "lead"]) {
    clients[who] = new Client(server.url);
    await clients[who].signIn(`${who}@example.org`);
  }
  const leadId = userId("lead@example.org");
  projectId = server.db
    .select()
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, leadId), isNull(projectTeam.endedAt), ne(projectTeam.role, "member")))
    .get()!.projectId;
});
afterAll(async () => {
  await server?.close();
});

const userId = (email: string) => userIdOf(server.db, email);
const count = (sql: string) => (server.db.$client.prepare(sql).get() as { n: number }).n;

/** The token the form page was rendered with, as a browser would send it back. */
async function tokenFrom(client: Client, page: string) {
  const res = await client.get(page);
  expect(res.status, page).toBe(200);
  const token = (await res.text()).match(/name="formToken" value="([^"]+)"/)?.[1];
  expect(token, `a form token on ${page}`).toBeTruthy();
  return token!;
}

const REPORT = { reportDate: "2026-11-26", rag: "green", progress: "Steady progress.", nextSteps: "Keep going." };

describe("status reports", () => {
  it("eight concurrent posts of one form create one report; a replay after Back shows it", async () => {
    const page = `/projects/${projectId}/status/new`;
    const reports = () => count(`select count(*) n from status_reports where project_id = ${projectId}`);
    const before = reports();
    const formToken = await tokenFrom(clients.lead, page);
    const answers = await Promise.all(Array.from({ length: 8 }, () => clients.lead.post(page, { ...REPORT, formToken })));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(302));
    expect(new Set(answers.map((r) => r.headers.get("location"))).size).toBe(1);
    expect(reports()).toBe(before + 1);

    const replay = await clients.lead.post(page, { ...REPORT, progress: "Typed again after Back.", formToken });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toBe(answers[0].headers.get("location"));
    expect((await clients.lead.get(replay.headers.get("location")!)).status).toBe(200);
    expect(reports()).toBe(before + 1);

    // A fresh page load is a fresh form.
    const next = await clients.lead.post(page, { ...REPORT, formToken: await tokenFrom(clients.lead, page) });
    expect(next.status).toBe(302);
    expect(reports()).toBe(before + 2);
  });
});

type Case = { who: string; page: string; post?: string; form: () => Record<string, string | string[]>; rows: string };

const CASES: Record<string, Case> = {
  "PDSA cycle": {
    who: "lead",
    page: `/projects/:p/pdsa/new`,
    form: () => ({
      intent: "create",
      changeIdea: "new",
      newChangeIdea: "Bedside card",
      title: "Cards, day shifts",
      question: "Quicker escalation?",
      prediction: "85% within 30 minutes",
      planWho: "Day nurses",
      planWhat: "A card per bed",
      planWhen: "Two weeks",
      planWhere: "Bays A to C",
      planDataCollection: "Daily audit",
      startDate: "2026-11-20",
      endDate: "2026-12-04",
    }),
    rows: "select count(*) n from pdsa_cycles",
  },
  milestone: {
    who: "lead",
    page: `/projects/:p/milestones`,
    form: () => ({ intent: "create", title: "Go live", baselineDate: "2026-12-01" }),
    rows: "select count(*) n from milestones",
  },
  ask: {
    who: "lead",
    page: `/projects/:p/asks`,
    form: () => ({ intent: "raise", what: "Fund a band 6 nurse.", addressee: "board" }),
    rows: "select count(*) n from asks",
  },
  measure: {
    who: "lead",
    page: `/projects/:p/measures/new`,
    form: () => ({
      name: "Minutes to triage (once)",
      type: "process",
      definition: "Median minutes to triage.",
      unit: "minutes",
      improvement: "decrease",
      frequency: "weekly",
      target: "15",
    }),
    rows: "select count(*) n from measures",
  },
  "measure value": {
    who: "lead",
    page: `/projects/:p/measures/:m/data`,
    form: () => ({ intent: "add", periodDate: "1999-01-04", value: "20" }),
    rows: "select count(*) n from measure_points",
  },
  "chart note": {
    who: "lead",
    page: `/projects/:p/measures/:m/annotations`,
    form: () => ({ intent: "add", periodDate: "2026-11-02", text: "Triage nurse started" }),
    rows: "select count(*) n from measure_annotations",
  },
  proposal: {
    who: "lead",
    page: "/projects/new",
    form: () => ({ title: "Proposed once", problem: "A problem.", proposalIdea: "An idea." }),
    rows: "select count(*) n from projects",
  },
  meeting: {
    who: "board",
    page: "/meetings/new",
    form: () => ({ title: "Board, once", meetingDate: "2026-12-10" }),
    rows: "select count(*) n from meetings",
  },
  win: {
    who: "lead",
    page: `/projects/:p/wins`,
    form: () => ({ intent: "record", title: "Thanked by families" }),
    rows: "select count(*) n from wins",
  },
  "team member": {
    who: "admin",
    page: `/projects/:p/team`,
    form: () => ({ intent: "add-member", userId: String(userId("viewer@example.org")) }),
    rows: "select count(*) n from project_team where ended_at is null",
  },
  user: {
    who: "admin",
    page: "/admin/users",
    form: () => ({ intent: "create", email: "once@example.org", name: "Once Only", role: "viewer" }),
    rows: "select count(*) n from users",
  },
  "CQC action": {
    who: "admin",
    page: "/cqc",
    form: () => ({ intent: "add", reference: "MD99", kind: "must_do", domain: "safe", text: "Do it once." }),
    rows: "select count(*) n from cqc_actions",
  },
  wave: {
    who: "admin",
    page: "/admin/programme",
    form: () => ({ intent: "wave-add", number: "9", startsOn: "2028-01-03", endsOn: "2028-05-21" }),
    rows: "select count(*) n from waves",
  },
  theme: {
    who: "admin",
    page: "/admin/programme",
    form: () => ({ intent: "theme-add", name: "Once theme" }),
    rows: "select count(*) n from themes",
  },
  division: {
    who: "admin",
    page: "/admin/programme",
    form: () => ({ intent: "division-add", name: "Once division" }),
    rows: "select count(*) n from divisions",
  },
};

describe("every other create form", () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: a second post of the same form creates nothing and is sent to the first record`, async () => {
      const measureId = count(`select id n from measures where project_id = ${projectId} and deleted_at is null and uses_ratio = 0 order by id`);
      const page = c.page.replace(":p", String(projectId)).replace(":m", String(measureId));
      const client = clients[c.who];
      const before = count(c.rows);
      const formToken = await tokenFrom(client, page);
      const first = await client.post(c.post ?? page, { ...c.form(), formToken });
      expect([200, 302], (await first.clone().text()).match(/nhsuk-error-message[^<]*<span[^>]*>[^<]*<\/span>[^<]*/g)?.join(" ")).toContain(first.status);
      expect(count(c.rows)).toBe(before + 1);
      const second = await client.post(c.post ?? page, { ...c.form(), formToken });
      expect(second.status).toBe(302);
      if (first.status === 302) expect(second.headers.get("location")).toBe(first.headers.get("location"));
      expect(count(c.rows)).toBe(before + 1);
    });
  }

  it("a meeting action: a replay is answered before the meeting's version check", async () => {
    const meetingId = count("select id n from meetings where state <> 'closed' order by id desc");
    const version = () => String(count(`select version n from meetings where id = ${meetingId}`));
    const actions = () => count(`select count(*) n from meeting_actions where meeting_id = ${meetingId}`);
    const before = actions();
    const formToken = await tokenFrom(clients.board, `/meetings/${meetingId}`);
    const form = () => ({
      intent: "add-action",
      version: version(),
      text: "Bring the plan.",
      ownerUserId: String(userId("staff@example.org")),
      dueOn: "2027-01-20",
      formToken,
    });
    const first = await clients.board.post(`/meetings/${meetingId}`, form());
    expect(first.status).toBe(302);
    const second = await clients.board.post(`/meetings/${meetingId}`, { ...form(), version: "1" });
    expect(second.status).toBe(302);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(actions()).toBe(before + 1);
  });
});

describe("measure imports", () => {
  it("a resubmitted confirmation saves once and is sent to the first result, not asked to replace its own values", async () => {
    const measureId = count(
      `select id n from measures where project_id = ${projectId} and deleted_at is null and uses_ratio = 0 and frequency = 'monthly' order by id`,
    );
    expect(measureId).toBeGreaterThan(0);
    const page = `/projects/${projectId}/measures/${measureId}/import`;
    const points = () => count(`select count(*) n from measure_points where measure_id = ${measureId}`);
    const before = points();
    const data = "Date,Value\n01/01/2001,41\n01/02/2001,43";
    const checked = await clients.lead.post(page, { intent: "check", data });
    expect(checked.status).toBe(200);
    const formToken = (await checked.text()).match(/name="formToken" value="([^"]+)"/)?.[1];
    expect(formToken, "the confirm form carries a token").toBeTruthy();
    const first = await clients.lead.post(page, { intent: "confirm", data, formToken: formToken! });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toMatch(/saved=imported&added=2&replaced=0$/);
    const second = await clients.lead.post(page, { intent: "confirm", data, formToken: formToken! });
    expect(second.status).toBe(302);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(points()).toBe(before + 2);
  });
});
