// Invitations without JavaScript: an admin adds a person and is given the link; the person, signed out, chooses a
// password (the usual rules, common passwords refused) and lands signed in; a used, expired, withdrawn or unknown
// link gets a page saying what to do. The users page finds people by name, role, division and status, 50 a page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, invitations, users } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = await Client.signedIn(server.url, "admin@example.org");
}, 120_000);
afterAll(async () => {
  await server?.close();
});

async function addPerson(email: string, name = "Ines Invited") {
  const res = await admin.post("/admin/users", { intent: "create", email, name, jobTitle: "Matron", role: "staff" });
  expect(res.status).toBe(200);
  const page = await readPage(res);
  expect(page.text).toContain(`Account created for ${email}.`);
  const link = page.textOf(".app-invitation-link");
  expect(link).toMatch(/^http:\/\/localhost:\d+\/invitations\/[A-Za-z0-9_-]{43}$/);
  return new URL(link).pathname;
}
const userOf = (email: string) => server.db.select().from(users).where(eq(users.email, email)).get()!;

describe("accepting an invitation", () => {
  it("sets the person's own password and signs them in; the link then says it was used", async () => {
    const path = await addPerson("ines.invited@example.org");
    expect(userOf("ines.invited@example.org")).toMatchObject({ passwordHash: null, mustChangePassword: false });
    const listed = await readPage(await admin.get("/admin/users?q=ines"));
    expect(listed.tableRows()[0]?.join(" ")).toContain("Invited: link works until");
    expect(listed.anywhere).toContain(path);

    const visitor = new Client(server.url);
    const page = await readPage(await visitor.get(path));
    expect(page.text).toContain("Welcome to Stepping Up");
    expect(page.summaryList()).toMatchObject({ Name: "Ines Invited", Email: "ines.invited@example.org", Role: "Staff" });

    const tries: [Record<string, string>, string][] = [
      [{ newPassword: "short", confirmPassword: "short" }, "Password must be at least 8 characters"],
      [{ newPassword: "a long new password", confirmPassword: "another one" }, "The passwords do not match"],
      [{ newPassword: "password123", confirmPassword: "password123" }, "This password is too common: choose one that is harder to guess"],
    ];
    for (const [form, message] of tries) {
      const res = await visitor.post(path, form);
      expect(res.status, message).toBe(400);
      expect((await readPage(res)).errorSummary()).toContain(message);
    }
    expect(userOf("ines.invited@example.org").passwordHash).toBeNull();

    const done = await visitor.post(path, { newPassword: "harbour kettle violet 47", confirmPassword: "harbour kettle violet 47" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/");
    const home = await readPage(await visitor.get("/"));
    expect(home.text).toContain("Welcome, Ines Invited");
    expect(userOf("ines.invited@example.org").passwordHash).toMatch(/^\$argon2id\$/);
    const audit = server.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, userOf("ines.invited@example.org").id))
      .all();
    expect(audit.map((a) => a.action)).toEqual(["user.created", "invitation.issued", "invitation.accepted"]);

    // The password works at the sign-in page too.
    await Client.signedIn(server.url, "ines.invited@example.org", "harbour kettle violet 47");

    const again = await new Client(server.url).get(path);
    expect(again.status).toBe(410);
    expect((await readPage(again)).text).toContain("This invitation has already been used");
    const reuse = await new Client(server.url).post(path, { newPassword: "another long password", confirmPassword: "another long password" });
    expect(reuse.status).toBe(410);
  });

  it("an expired link says to ask for a new one and sets nothing; a new link from the users page works", async () => {
    const path = await addPerson("eli.expired@example.org", "Eli Expired");
    const user = userOf("eli.expired@example.org");
    server.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.userId, user.id))
      .run();
    const res = await new Client(server.url).get(path);
    expect(res.status).toBe(410);
    expect((await readPage(res)).text).toContain("This invitation has expired");
    const post = await new Client(server.url).post(path, { newPassword: "harbour kettle violet 47", confirmPassword: "harbour kettle violet 47" });
    expect(post.status).toBe(410);
    expect(userOf("eli.expired@example.org").passwordHash).toBeNull();
    expect((await readPage(await admin.get("/admin/users?q=eli.expired"))).tableRows()[0]?.join(" ")).toContain("Invitation expired");

    const reissued = await readPage(await admin.post("/admin/users", { intent: "reinvite", userId: String(user.id) }));
    expect(reissued.text).toContain("New invitation for eli.expired@example.org: the previous link no longer works.");
    const fresh = new URL(reissued.textOf(".app-invitation-link")).pathname;
    expect((await new Client(server.url).get(fresh)).status).toBe(200);

    const withdrawn = await readPage(await admin.post("/admin/users", { intent: "revoke_invitation", userId: String(user.id) }));
    expect(withdrawn.text).toContain("The invitation of eli.expired@example.org was withdrawn");
    const gone = await new Client(server.url).get(fresh);
    expect(gone.status).toBe(410);
    expect((await readPage(gone)).text).toContain("This invitation is no longer valid");
  });

  it("an unknown or malformed link is a clear 404 page", async () => {
    for (const path of [`/invitations/${"a".repeat(43)}`, "/invitations/not-a-token"]) {
      const res = await new Client(server.url).get(path);
      expect(res.status, path).toBe(404);
      expect((await readPage(res)).text).toContain("This invitation link is not recognised");
    }
  });
});

describe("the users page", () => {
  beforeAll(() => {
    const division = server.db.$client.prepare("select id from divisions order by id").get() as { id: number };
    const insert = server.db.$client.prepare(
      "insert into users (email, name, job_title, role, division_id, created_at, updated_at) values (?, ?, 'Nurse', ?, ?, 0, 0)",
    );
    for (let i = 1; i <= 120; i++) {
      const n = String(i).padStart(3, "0");
      insert.run(`bulk${n}@example.org`, `Bulk Person ${n}`, i % 3 === 0 ? "viewer" : "staff", i % 2 === 0 ? division.id : null);
    }
  });

  it("shows 50 people a page with the NHS pagination, and finds by name, email, role, division and status", async () => {
    const all = await readPage(await admin.get("/admin/users?q=bulk"));
    expect(all.text).toContain("120 people match · page 1 of 3");
    expect(all.tableRows().length).toBe(50);
    expect(all.hrefs(".nhsuk-pagination")).toEqual(["/admin/users?q=bulk&page=2"]);
    const third = await readPage(await admin.get("/admin/users?q=bulk&page=3"));
    expect(third.tableRows().length).toBe(20);
    expect(third.tableRows()[0]?.[0]).toContain("Bulk Person 101");

    const byEmail = await readPage(await admin.get("/admin/users?q=BULK007%40example"));
    expect(byEmail.text).toContain("1 person match");
    const viewers = await readPage(await admin.get("/admin/users?q=bulk&role=viewer"));
    expect(viewers.text).toContain("40 people match");
    const division = server.db.$client.prepare("select id from divisions order by id").get() as { id: number };
    const inDivision = await readPage(await admin.get(`/admin/users?q=bulk&division=${division.id}`));
    expect(inDivision.text).toContain("60 people match");
    const invited = await readPage(await admin.get("/admin/users?status=invited&q=bulk"));
    expect(invited.text).toContain("120 people match");
    const active = await readPage(await admin.get("/admin/users?status=active"));
    expect(active.text).not.toContain("Bulk Person");
    expect(active.text).toContain("Alex Admin");
    const none = await readPage(await admin.get("/admin/users?q=nobody-by-this-name"));
    expect(none.text).toContain("Nobody matches these filters");
    // A percent sign is searched for, not a wildcard.
    expect((await readPage(await admin.get("/admin/users?q=%25"))).text).toContain("Nobody matches these filters");
    // Nonsense in the address means no filter, not an error.
    expect((await admin.get("/admin/users?role=emperor&status=x&page=-4&division=abc")).status).toBe(200);
  });
});
