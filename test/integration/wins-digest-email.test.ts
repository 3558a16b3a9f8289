// The monthly wins digest for real: `npm run wins:digest` as its own process, delivered by the server's sender to
// a real SMTP server on a random port. Every enabled account that has not turned it off gets one email with the
// month's wins, their evidence and absolute links; the one-click unsubscribe stops the next month's; a second
// run sends nothing; disabled accounts and a month with no wins get nothing.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { listWinsOfMonth } from "../../app/models/wins-month.server";
import { userIdOf } from "../helpers/db";
import { projectRoot } from "../helpers/build";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { eventually, startSmtp, type Received } from "../helpers/smtp";

const PUBLIC_URL = "https://qi.example.nhs.uk";
const SECRET = "test-session-secret-0123456789abcdef0123456789";
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  smtp = await startSmtp();
  env = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "Stepping Up <qi@example.nhs.uk>", PUBLIC_URL, SESSION_SECRET: SECRET };
  server = await startTestServer({ env });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await smtp?.stop();
});

const run = promisify(execFile);
/** `npm run wins:digest [-- --month …]` as its own process, on the test's today (26 Nov 2026). */
async function winsDigest(...args: string[]) {
  const { stdout } = await run(path.join(projectRoot, "node_modules", ".bin", "tsx"), ["scripts/wins-digest.ts", ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env, NODE_ENV: "production", DATABASE_URL: server.databaseFile, STEPPING_UP_TODAY: "2026-11-26", STEPPING_UP_DEMO: "1" },
  });
  return stdout;
}
const settle = (ms = 2500) => new Promise((r) => setTimeout(r, ms));
const digestsOf = (month: string) => smtp.received.filter((r) => (r.mail.subject ?? "").startsWith(`This month in Stepping Up — ${month}`));
const enabledAddresses = () =>
  server.db.$client
    .prepare("select email from users where disabled_at is null order by email")
    .all()
    .map((r) => (r as { email: string }).email);
const rawHeader = (r: Received, name: string) => {
  const line = r.mail.headerLines.find((h) => h.key === name)?.line ?? "";
  return line
    .slice(line.indexOf(":") + 1)
    .replace(/\r?\n\s+/g, "")
    .trim();
};

describe("the monthly wins digest by email", () => {
  it("sends last month's wins to every enabled account except whoever turned it off, once", async () => {
    // staff@ turns the wins digest off on the settings page; viewer@'s account is disabled.
    const staff = await Client.signedIn(server.url, "staff@example.org");
    const kinds = ["team", "proposal", "ask_answered", "ask_for_you", "action_assigned", "agenda", "win", "mention", "reminders"];
    const saved = await staff.post("/notifications/settings", {
      ...Object.fromEntries(kinds.map((k) => [k, "immediate"])),
      reminders: "daily",
      wins_digest: "off",
    });
    expect(saved.status).toBe(200);
    server.db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, "viewer@example.org")).run();
    const expected = enabledAddresses().filter((a) => a !== "staff@example.org");
    expect(expected.length).toBeGreaterThan(3);

    // No --month: the month before today's (October 2026), when the demo confirmed its sepsis win among others.
    const october = listWinsOfMonth(server.db, 1, "2026-10").length;
    expect(october).toBeGreaterThan(0);
    const wins = october === 1 ? "1 confirmed win" : `${october} confirmed wins`;
    const out = await winsDigest();
    expect(out).toContain(`Wins digest for October 2026 in ${server.databaseFile}: ${wins}, ${expected.length} emails queued.`);
    await eventually(() => expect(digestsOf("October 2026")).toHaveLength(expected.length), 60_000);
    await settle();
    const sentTo = digestsOf("October 2026").flatMap((r) => r.to);
    expect(sentTo.sort()).toEqual(expected);

    const lead = digestsOf("October 2026").find((r) => r.to.includes("lead@example.org"))!;
    const programme = server.db.$client.prepare("select trust_name as trust from programmes").get() as { trust: string };
    expect(lead.mail.subject).toBe(`This month in Stepping Up — October 2026: ${october === 1 ? "1 win" : `${october} wins`} at ${programme.trust}`);
    expect(lead.mail.text).toContain("Sepsis antibiotics within the hour: from 58% to 82%");
    expect(lead.mail.text).toContain("Evidence: Measure improving: Measure: Red-flag sepsis: IV antibiotics within 1 hour of arrival.");
    expect(lead.mail.text).toContain(`${PUBLIC_URL}/wins/newsletter?month=2026-10`);
    expect(lead.mail.html || "").toMatch(new RegExp(`href="${PUBLIC_URL}/projects/\\d+/wins"`));
    expect(lead.mail.html || "").not.toMatch(/<img|<script/i);
    expect(rawHeader(lead, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(rawHeader(lead, "list-unsubscribe")).toMatch(
      new RegExp(`^<${PUBLIC_URL}/notifications/unsubscribe\\?u=${userIdOf(server.db, "lead@example.org")}&k=wins_digest&s=[\\w-]+>$`),
    );

    // A second run for the month (by hand, or the hourly job) sends nothing.
    const before = smtp.received.length;
    expect(await winsDigest("--month", "2026-10")).toContain("Wins digest for October 2026 in");
    expect(await winsDigest("--month=2026-10")).toContain("already sent: nothing more queued");
    await settle();
    expect(smtp.received.length).toBe(before);
  }, 120_000);

  it("stops after the one-click unsubscribe, and a month with no wins sends nothing", async () => {
    const lead = digestsOf("October 2026").find((r) => r.to.includes("lead@example.org"))!;
    const url = new URL(rawHeader(lead, "list-unsubscribe").slice(1, -1));
    expect(url.origin).toBe(PUBLIC_URL);
    const res = await new Client(server.url).post(url.pathname + url.search, { "List-Unsubscribe": "One-Click" });
    expect(res.status).toBe(200);

    const before = smtp.received.length;
    // July 2024 is before the demo's first win.
    expect(await winsDigest("--month", "2024-07")).toContain("Wins digest for July 2024 in");
    expect(await winsDigest("--month", "2024-07")).toContain("no confirmed wins: nothing to send");

    // A win confirmed in November: November's digest goes to everyone still subscribed and enabled.
    const november = listWinsOfMonth(server.db, 1, "2026-11").length + 1;
    const project = server.db.$client.prepare("select id from projects order by id").get() as { id: number };
    server.db.$client
      .prepare(
        "insert into wins (project_id, title, description, evidence_kind, at) values (?, 'Falls down by a third on Ward 9', 'Six months of fewer falls.', 'other', ?)",
      )
      .run(project.id, Date.parse("2026-11-12T10:00:00Z"));
    const expected = enabledAddresses().filter((a) => a !== "staff@example.org" && a !== "lead@example.org");
    expect(await winsDigest("--month", "2026-11")).toContain(
      `${november === 1 ? "1 confirmed win" : `${november} confirmed wins`}, ${expected.length} emails queued`,
    );
    await eventually(() => expect(digestsOf("November 2026")).toHaveLength(expected.length), 60_000);
    await settle();
    expect(
      digestsOf("November 2026")
        .flatMap((r) => r.to)
        .sort(),
    ).toEqual(expected);
    expect(smtp.received.length).toBe(before + expected.length);
    expect(digestsOf("November 2026")[0].mail.text).toContain("Falls down by a third on Ward 9");
  }, 120_000);

  it("refuses a month it cannot read, sending nothing", async () => {
    const before = smtp.received.length;
    await expect(winsDigest("--month", "2026-13")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Choose a month written as year and month, for example 2026-11"),
    });
    await settle(1000);
    expect(smtp.received.length).toBe(before);
  });
});
