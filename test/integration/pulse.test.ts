// The Pulse Check over HTTP: anonymous answers, one per browser, only between the dates, a rate
// limit per address, and results with every small group hidden (also in the CSV).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Client;
const UA = "PulseTestBrowser/1.0 (phone)";
let ipCount = 0;
const visitor = () => new Client(server.url, { "X-Forwarded-For": `198.51.100.${++ipCount}`, "User-Agent": UA });

const scores = (value: string) => Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`s${i + 1}`, value]));

async function createCampaign(name: string, opensOn: string, closesOn: string): Promise<{ id: number; token: string }> {
  const [oy, om, od] = opensOn.split("-");
  const [cy, cm, cd] = closesOn.split("-");
  const form: Record<string, string> = {
    name,
    audience: "trust",
    waveId: String(server.db.$client.prepare("select id from waves order by number limit 1").pluck().get()),
    kind: "baseline",
    "opensOn.day": od,
    "opensOn.month": om,
    "opensOn.year": oy,
    "closesOn.day": cd,
    "closesOn.month": cm,
    "closesOn.year": cy,
  };
  for (let i = 0; i < 15; i++) form[`statements[${i}]`] = `Statement number ${i + 1} for ${name}`;
  const res = await admin.post("/pulse/new", form);
  expect(res.status, await res.clone().text()).toBe(302);
  const id = Number(res.headers.get("location")!.match(/^\/pulse\/(\d+)/)![1]);
  const page = await readPage(await admin.get(`/pulse/${id}`));
  const link = page.hrefs().find((h) => h.includes("/pulse/answer/"));
  return {
    id,
    token: link ? link.split("/pulse/answer/")[1] : (server.db.$client.prepare("select token from pulse_campaigns where id = ?").pluck().get(id) as string),
  };
}

const count = (sql: string, ...args: unknown[]) =>
  server.db.$client
    .prepare(sql)
    .pluck()
    .get(...args) as number;

beforeAll(async () => {
  server = await startTestServer({ trustProxy: true });
  admin = await Client.signedIn(server.url, "admin@example.org");
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe("answering", () => {
  it("stores no person, session, address, user agent or time with an answer, signed in or not", async () => {
    const { id, token } = await createCampaign("Anonymity check", "2026-11-20", "2026-12-05");
    const signedOut = visitor();
    const form = await signedOut.get(`/pulse/answer/${token}`);
    expect(form.status).toBe(200);
    expect((await readPage(form)).text).toContain("Statement number 1 for Anonymity check");
    const res = await signedOut.post(`/pulse/answer/${token}`, { ...scores("4"), participant: "yes" });
    expect(res.status).toBe(200);
    expect((await readPage(res)).text).toContain("Your answers have been sent");
    const auditBefore = count("select count(*) from audit_events");
    const signedIn = await admin.post(`/pulse/answer/${token}`, { ...scores("2") }, { "User-Agent": UA, "X-Forwarded-For": "198.51.100.250" });
    expect(signedIn.status).toBe(200);
    expect(count("select count(*) from audit_events")).toBe(auditBefore);

    const answers = server.db.$client.prepare("select * from pulse_answers where campaign_id = ?").all(id) as Record<string, unknown>[];
    expect(answers).toHaveLength(2);
    expect(Object.keys(answers[0]).sort()).toEqual(["campaign_id", "division_id", "id", "participant"]);
    const ids = answers.map((a) => a.id as number);
    const items = server.db.$client.prepare(`select * from pulse_answer_scores where answer_id in (${ids.join(",")})`).all() as Record<string, unknown>[];
    expect(items).toHaveLength(30);
    expect(Object.keys(items[0]).sort()).toEqual(["answer_id", "position", "score"]);
    // No value anywhere in either table is an address, browser, session, user or email.
    const adminId = count("select id from users where email = 'admin@example.org'");
    const secrets = ["198.51.100", UA, "admin@example.org", ...admin.cookies.values()];
    for (const row of [...answers, ...items]) {
      for (const value of Object.values(row)) for (const secret of secrets) expect(String(value)).not.toContain(secret);
    }
    expect(answers.map((a) => a.participant)).toEqual([1, null]);
    expect(answers.every((a) => a.division_id === null)).toBe(true);
    expect(answers.some((a) => a.id === adminId && a.division_id !== null)).toBe(false);
  });

  it("takes one answer per browser: a second is refused with a clear page; a tampered cookie does not count", async () => {
    const { id, token } = await createCampaign("Once per browser", "2026-11-20", "2026-12-05");
    const browser = visitor();
    expect((await browser.post(`/pulse/answer/${token}`, scores("5"))).status).toBe(200);
    const cookieName = [...browser.cookies.keys()].find((k) => k.startsWith("stepping_up_pulse_"))!;
    expect(cookieName).toBe(`stepping_up_pulse_${id}`);
    const again = await browser.post(`/pulse/answer/${token}`, scores("5"));
    expect(again.status).toBe(409);
    expect((await readPage(again)).text).toContain("You have already answered");
    expect((await readPage(await browser.get(`/pulse/answer/${token}`))).text).toContain("You have already answered");
    expect(count("select count(*) from pulse_answers where campaign_id = ?", id)).toBe(1);

    // A cookie whose signature does not match is ignored: it proves nothing.
    const forged = visitor();
    const [value, signature] = decodeURIComponent(browser.cookies.get(cookieName)!).split(".");
    const payload = Buffer.from(value, "base64").toString("utf8");
    // Change the nonce's first character to a different one, so the payload always differs.
    const tampered = payload.replace(/"n":"(.)/, (_m, c: string) => `"n":"${c === "0" ? "1" : "0"}`);
    expect(tampered).not.toBe(payload);
    forged.cookies.set(cookieName, encodeURIComponent(`${Buffer.from(tampered).toString("base64")}.${signature}`));
    const page = await readPage(await forged.get(`/pulse/answer/${token}`));
    expect(page.text).not.toContain("You have already answered");
    expect(page.text).toContain("Statement number 1 for Once per browser");
  });

  it("is closed before its opening date and after its closing date, and refuses answers then", async () => {
    const future = await createCampaign("Not yet", "2026-12-01", "2026-12-10");
    const past = await createCampaign("Gone", "2026-11-01", "2026-11-25");
    const early = visitor();
    expect((await readPage(await early.get(`/pulse/answer/${future.token}`))).text).toContain("It opens on 1 Dec 2026");
    expect((await early.post(`/pulse/answer/${future.token}`, scores("4"))).status).toBe(409);
    const late = visitor();
    expect((await readPage(await late.get(`/pulse/answer/${past.token}`))).text).toContain("It closed on 25 Nov 2026");
    expect((await late.post(`/pulse/answer/${past.token}`, scores("4"))).status).toBe(409);
    expect(count("select count(*) from pulse_answers where campaign_id in (?, ?)", future.id, past.id)).toBe(0);
    expect((await visitor().get("/pulse/answer/not-a-real-token-at-all")).status).toBe(404);
  });

  it("asks for every statement, changing nothing on a bad answer", async () => {
    const { id, token } = await createCampaign("Every statement", "2026-11-20", "2026-12-05");
    const res = await visitor().post(`/pulse/answer/${token}`, { ...scores("4"), s7: "" });
    expect(res.status).toBe(400);
    expect((await readPage(res)).errorSummary()).toContain("Choose how much you agree with statement 7");
    expect(count("select count(*) from pulse_answers where campaign_id = ?", id)).toBe(0);
  });

  it("limits answers per address, in memory", async () => {
    const { token } = await createCampaign("Rate limit", "2026-11-20", "2026-12-05");
    const headers = { "X-Forwarded-For": "192.0.2.99" };
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await new Client(server.url, headers).post(`/pulse/answer/${token}`, { s1: "9" })).status);
    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(statuses[60]).toBe(429);
    // Another address is not affected.
    expect((await visitor().post(`/pulse/answer/${token}`, { s1: "9" })).status).toBe(400);
  }, 120_000);
});

describe("results", () => {
  it("hides groups under 10, including by subtraction, on the page and in the CSV", async () => {
    const { id } = await createCampaign("Small groups", "2026-11-01", "2026-11-20");
    const division = count("select id from divisions order by id limit 1");
    const insert = (participant: number | null, divisionId: number | null, score: number) => {
      const answerId = server.db.$client
        .prepare("insert into pulse_answers (campaign_id, division_id, participant) values (?, ?, ?)")
        .run(id, divisionId, participant).lastInsertRowid;
      for (let p = 1; p <= 15; p++)
        server.db.$client.prepare("insert into pulse_answer_scores (answer_id, position, score) values (?, ?, ?)").run(answerId, p, score);
    };
    // 12 participants (all agree, in one division) and 9 others (all disagree): everyone minus participants would reveal the 9.
    for (let i = 0; i < 12; i++) insert(1, division, 5);
    for (let i = 0; i < 9; i++) insert(0, null, 2);
    const page = await readPage(await admin.get(`/pulse/${id}`));
    expect(page.text).toContain("% agreeing per statement (21 answers)");
    expect(page.tableRowsCaptioned("% agreeing per statement (21 answers)")[0]).toEqual(["1. Statement number 1 for Small groups", "57%"]);
    expect(page.text).not.toContain("Teams in");
    expect(page.text).toContain("No split by group is shown");
    const csv = await admin.get(`/pulse/${id}/results.csv`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("Statement number,Statement,Everyone % agreeing (21 answers)");
    expect(lines[1]).toBe("1,Statement number 1 for Small groups,57");
    expect(lines).toHaveLength(16);

    // One more non-participant makes both groups 10 or more: the split is shown.
    insert(0, null, 2);
    const split = await readPage(await admin.get(`/pulse/${id}`));
    expect(split.text).toContain("Everyone else (10)");
    // The division (12) would leave 10 without one: shown.
    expect(split.text).toContain("(12)");
  });

  it("hides every figure under 10 answers", async () => {
    const { id } = await createCampaign("Too few", "2026-11-01", "2026-11-20");
    for (let i = 0; i < 9; i++) {
      const answerId = server.db.$client.prepare("insert into pulse_answers (campaign_id) values (?)").run(id).lastInsertRowid;
      for (let p = 1; p <= 15; p++) server.db.$client.prepare("insert into pulse_answer_scores (answer_id, position, score) values (?, ?, 5)").run(answerId, p);
    }
    const page = await readPage(await admin.get(`/pulse/${id}`));
    expect(page.text).toContain("results are hidden because fewer than 10 people answered");
    expect(page.findAll("table")).toHaveLength(0);
    const csv = (await (await admin.get(`/pulse/${id}/results.csv`)).text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe("Statement number,Statement");
    expect(csv[1]).toBe("1,Statement number 1 for Too few");
  });

  it("shows the demo's follow-up against its baseline, and a summary on the wave's page", async () => {
    const followUp = count("select id from pulse_campaigns where kind = 'follow_up' order by id limit 1");
    const page = await readPage(await admin.get(`/pulse/${followUp}`));
    expect(page.text).toContain("% agreeing per statement (320 answers; baseline 300)");
    const wave2 = count("select wave_id from pulse_campaigns where id = ?", followUp);
    const wave = await readPage(await admin.get(`/waves/${wave2}`));
    expect(wave.text).toMatch(/Pulse Check: follow-up after wave 2 \(follow-up, 320 answers\): on average \d+% agreeing, \+\d+ points on the baseline/);
  });
});
