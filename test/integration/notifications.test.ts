// The notification centre and email settings, without a mail relay (the demo): the unread count in the
// header, each item leading to its thing, mark one or all read; mail kept in the outbox for admins to read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { emailOutbox, notificationPreferences, notifications } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let lead: Client;
let staff: Client;
let admin: Client;
let projectId: number;

beforeAll(async () => {
  server = await startTestServer();
  [lead, staff, admin] = await Promise.all(["lead", "staff", "admin"].map((name) => Client.signedIn(server.url, `${name}@example.org`)));
  const row = server.db.$client
    .prepare("select project_id as id from project_team where user_id = ? and ended_at is null order by project_id")
    .get(userIdOf(server.db, "lead@example.org")) as { id: number };
  projectId = row.id;
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const staffId = () => userIdOf(server.db, "staff@example.org");
const raise = async (what: string) => {
  const res = await lead.post(`/projects/${projectId}/asks`, { intent: "raise", what, addressee: "person", addresseeUserId: String(staffId()) });
  expect(res.status).toBe(302);
};
const unreadInHeader = async (client: Client) => {
  const page = await readPage(await client.get("/"));
  const link = page.find('.nhsuk-header__account a[href="/notifications"]');
  expect(link).toBeTruthy();
  return link!.text.replace(/\s+/g, " ").trim();
};

describe("the notification centre", () => {
  it("shows the unread count, leads each item to its thing, marks one and then all read", async () => {
    server.db.delete(notifications).where(eq(notifications.userId, staffId())).run();
    expect(await unreadInHeader(staff)).toBe("Notifications");
    await raise("Share the Ward 7 tally sheet with the ED.");
    await raise("Can pharmacy join the Tuesday huddle?");
    expect(await unreadInHeader(staff)).toBe("Notifications 2 unread");

    const page = await readPage(await staff.get("/notifications"));
    expect(page.text).toContain("2 unread.");
    expect(page.text).toContain("has an ask for you");
    const [first] = server.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, staffId())).all();
    const opened = await staff.post("/notifications", { intent: "open", id: String(first.id) });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(`/projects/${projectId}/asks`);
    expect(await unreadInHeader(staff)).toBe("Notifications 1 unread");

    // Someone else's notification cannot be read or marked.
    expect((await lead.post("/notifications", { intent: "open", id: String(first.id) })).status).toBe(404);

    expect((await staff.post("/notifications", { intent: "all" })).status).toBe(302);
    expect(await unreadInHeader(staff)).toBe("Notifications");
  });

  it("keeps mail in the outbox when no relay is set, readable by admins only", async () => {
    const kept = server.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "staff@example.org")).all();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((m) => m.state === "pending" && m.attempts === 0)).toBe(true);
    const page = await readPage(await admin.get("/admin/outbox"));
    expect(page.text).toContain("nothing leaves this machine");
    expect(page.text).toContain(kept[0].subject);
    expect((await staff.get("/admin/outbox")).status).toBe(403);
  });
});

describe("email settings", () => {
  it("saves a choice per kind, and refuses a made-up choice changing nothing", async () => {
    const form = Object.fromEntries(
      ["team", "proposal", "ask_answered", "ask_for_you", "action_assigned", "agenda", "win", "mention", "reminders", "wins_digest"].map((k) => [
        k,
        "immediate",
      ]),
    );
    const bad = await staff.post("/notifications/settings", { ...form, reminders: "hourly" });
    expect(bad.status).toBe(400);
    expect(server.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, staffId())).all()).toEqual([]);
    const saved = await staff.post("/notifications/settings", { ...form, reminders: "weekly", win: "off" });
    expect(saved.status).toBe(200);
    const rows = server.db
      .select({ kind: notificationPreferences.kind, mode: notificationPreferences.mode })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, staffId()))
      .all();
    expect(rows.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: "reminders", mode: "weekly" },
      { kind: "win", mode: "off" },
    ]);
    const page = await readPage(await staff.get("/notifications/settings"));
    expect(page.find("#mode-reminders option[selected]")?.text).toBe("In a weekly digest");
  });
});
