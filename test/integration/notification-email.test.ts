// Email for real: the built server with its sender, a real SMTP server on a random port, forms posted
// without JavaScript. The right people only; one-click unsubscribe without signing in; disabled accounts
// get nothing; with the relay down the action still succeeds and the mail goes once it is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { asks, emailOutbox, notificationPreferences, users } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";
import { eventually, startSmtp, type Received } from "../helpers/smtp";

const PUBLIC_URL = "https://qi.example.nhs.uk";
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: TestServer;
let lead: Client;
let board: Client;
let admin: Client;
let projectId: number;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startTestServer({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "Stepping Up <qi@example.nhs.uk>", PUBLIC_URL } });
  [lead, board, admin] = await Promise.all(["lead", "board", "admin"].map((name) => Client.signedIn(server.url, `${name}@example.org`)));
  const row = server.db.$client
    .prepare("select project_id as id from project_team where user_id = ? and ended_at is null order by project_id")
    .get(userIdOf(server.db, "lead@example.org")) as { id: number };
  projectId = row.id;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await smtp?.stop();
});

const staffId = () => userIdOf(server.db, "staff@example.org");
const settle = () => new Promise((r) => setTimeout(r, 1500));

async function raiseTo(what: string, addressee: { person: number } | "board", client = lead) {
  const form: Record<string, string> = addressee === "board" ? { addressee: "board" } : { addressee: "person", addresseeUserId: String(addressee.person) };
  const res = await client.post(`/projects/${projectId}/asks`, { intent: "raise", what, ...form });
  expect(res.status).toBe(302);
  return server.db.select({ id: asks.id, version: asks.version }).from(asks).where(eq(asks.what, what)).get()!;
}

/** A header as sent (mailparser reads List-* headers into its own shape). */
const rawHeader = (r: Received, name: string) => {
  const line = r.mail.headerLines.find((h) => h.key === name)?.line ?? "";
  return line
    .slice(line.indexOf(":") + 1)
    .replace(/\r?\n\s+/g, "")
    .trim();
};
const mailTo = (address: string, subjectPart: string) => smtp.received.filter((r) => r.to.includes(address) && (r.mail.subject ?? "").includes(subjectPart));

describe("immediate events by email", () => {
  it("an ask for a named person reaches that person only, with a link and a one-click unsubscribe; the answer reaches whoever raised it", async () => {
    const before = smtp.received.length;
    const ask = await raiseTo("Share the Ward 7 tally sheet with the ED.", { person: staffId() });
    const [mail] = await eventually(() => {
      const got = mailTo("staff@example.org", "has an ask for you");
      expect(got).toHaveLength(1);
      return got;
    });
    await settle();
    expect(smtp.received.slice(before).flatMap((r) => r.to)).toEqual(["staff@example.org"]);
    expect(mail.mail.from?.text).toContain("qi@example.nhs.uk");
    expect(mail.mail.text).toContain(`${PUBLIC_URL}/projects/${projectId}/asks`);
    expect(mail.mail.html || "").toContain(`${PUBLIC_URL}/projects/${projectId}/asks`);
    expect(mail.mail.html || "").not.toMatch(/<img|<script/i);
    expect(rawHeader(mail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(rawHeader(mail, "list-unsubscribe")).toMatch(new RegExp(`^<${PUBLIC_URL}/notifications/unsubscribe\\?u=${staffId()}&k=ask_for_you&s=[\\w-]+>$`));

    const answered = await board.post("/asks", {
      intent: "answer",
      askId: String(ask.id),
      version: String(ask.version),
      outcome: "accepted",
      response: "Yes, done.",
    });
    expect(answered.status).toBeLessThan(400);
    await eventually(() => expect(mailTo("lead@example.org", "Your ask was answered")).toHaveLength(1));
    await settle();
    expect(
      smtp.received
        .slice(before)
        .flatMap((r) => r.to)
        .sort(),
    ).toEqual(["lead@example.org", "staff@example.org"]);
  });

  it("one-click unsubscribe works without signing in, and stops that kind of email only", async () => {
    const last = mailTo("staff@example.org", "has an ask for you").at(-1)!;
    const url = new URL(rawHeader(last, "list-unsubscribe").slice(1, -1));
    expect(url.origin).toBe(PUBLIC_URL);
    const path = url.pathname + url.search;

    // A forged signature changes nothing.
    const forged = await new Client(server.url).post(path.replace(/s=[^&]+/, "s=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), { "List-Unsubscribe": "One-Click" });
    expect(forged.status).toBe(404);
    expect(server.db.select().from(notificationPreferences).all()).toEqual([]);

    // The mail client's one-click POST, with no session.
    const res = await new Client(server.url).post(path, { "List-Unsubscribe": "One-Click" });
    expect(res.status).toBe(200);
    expect(
      server.db
        .select({ kind: notificationPreferences.kind, mode: notificationPreferences.mode })
        .from(notificationPreferences)
        .where(eq(notificationPreferences.userId, staffId()))
        .all(),
    ).toEqual([{ kind: "ask_for_you", mode: "off" }]);
    // The page a person reaches by following the link asks first, then confirms.
    const page = await readPage(await new Client(server.url).get(path));
    expect(page.text).toContain("Stop emails about: an ask was addressed to you or the board?");

    const before = smtp.received.length;
    await raiseTo("Can pharmacy join the Tuesday huddle?", { person: staffId() });
    await settle();
    expect(smtp.received.slice(before)).toEqual([]);
    // Still told in the app.
    const inApp = server.db.$client.prepare("select count(*) as n from notifications where user_id = ? and kind = 'ask_for_you'").get(staffId()) as {
      n: number;
    };
    expect(inApp.n).toBe(2);
  });

  it("a disabled account gets nothing", async () => {
    const boardId = userIdOf(server.db, "board@example.org");
    server.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, boardId)).run();
    try {
      const before = smtp.received.length;
      await raiseTo("Fund a band 6 nurse for two sessions a week.", "board");
      await settle();
      expect(smtp.received.slice(before).flatMap((r) => r.to)).not.toContain("board@example.org");
      expect(server.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "board@example.org")).all()).toEqual([]);
    } finally {
      server.db.update(users).set({ disabledAt: null }).where(eq(users.id, boardId)).run();
    }
  });
});

describe("the relay goes down", () => {
  it("the action still succeeds, the failure shows on /admin/outbox, and the mail is delivered once when the relay returns", async () => {
    await smtp.stop();
    const before = smtp.received.length;
    await raiseTo("Lend us two bladder scanners for March.", { person: userIdOf(server.db, "admin@example.org") });
    const row = await eventually(() => {
      const r = server.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "admin@example.org")).all().at(-1)!;
      expect(r.attempts).toBeGreaterThanOrEqual(1);
      expect(r.state).toBe("pending");
      expect(r.lastError).not.toBe("");
      return r;
    });
    const outbox = await readPage(await admin.get("/admin/outbox?state=pending"));
    expect(outbox.text).toContain(row.subject);
    expect(outbox.text).toContain("Waiting");
    expect((await lead.get("/admin/outbox")).status).toBe(403);

    await smtp.restart();
    await eventually(() => expect(mailTo("admin@example.org", "has an ask for you")).toHaveLength(1), 30_000);
    await settle();
    expect(smtp.received.slice(before).flatMap((r) => r.to)).toEqual(["admin@example.org"]);
    expect(server.db.select({ state: emailOutbox.state }).from(emailOutbox).where(eq(emailOutbox.id, row.id)).get()).toEqual({ state: "sent" });
  }, 60_000);
});
