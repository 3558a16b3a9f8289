// Comments over HTTP without JavaScript, with a real SMTP server: add, edit within 15 minutes (the server's
// clock moved on), soft delete, refusals that change nothing, and a mention typed as `@Full Name` that
// reaches the person named — by email and in the app — and nobody else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";
import { eventually, startSmtp } from "../helpers/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: TestServer;
let lead: Client;
let viewer: Client;
let staffClient: Client;
let projectId: number;
let cycleId: number;

const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;
const count = (where: string, ...params: unknown[]) => one<{ n: number }>(`select count(*) as n from comments where ${where}`, ...params).n;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startTestServer({
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "Stepping Up <qi@example.nhs.uk>", PUBLIC_URL: "https://qi.example.nhs.uk" },
  });
  [lead, viewer, staffClient] = await Promise.all(["lead", "viewer", "staff"].map((name) => Client.signedIn(server.url, `${name}@example.org`)));
  projectId = one<{ id: number }>(
    "select t.project_id as id from project_team t where t.user_id = ? and t.ended_at is null and exists (select 1 from pdsa_cycles c where c.project_id = t.project_id and c.deleted_at is null) order by t.project_id",
    userIdOf(server.db, "lead@example.org"),
  ).id;
  cycleId = one<{ id: number }>("select id from pdsa_cycles where project_id = ? and deleted_at is null order by id", projectId).id;
}, 120_000);
afterAll(async () => {
  server?.setNow(null);
  await server?.close();
  await smtp?.stop();
});

const addUrl = () => `/projects/${projectId}/comments?target=pdsa&targetId=${cycleId}`;
const add = (client: Client, body: string, extra: Record<string, string> = {}) =>
  client.post(addUrl(), { intent: "add", target: "pdsa", targetId: String(cycleId), body, ...extra });
const latest = () => one<{ id: number; body: string; version: number }>("select id, body, version from comments order by id desc limit 1");

describe("comments without JavaScript", () => {
  it("the cycle page offers the form; a comment is added and shown as text with its line breaks, at its anchor", async () => {
    const form = await readPage(await lead.get(`/projects/${projectId}/pdsa/${cycleId}`));
    expect(form.text).toContain("Add a comment");
    const res = await add(lead, "Night shift <b>loved</b> it\nDay shift less so");
    expect(res.status).toBe(302);
    const c = latest();
    expect(res.headers.get("location")).toBe(`/projects/${projectId}/pdsa/${cycleId}#comment-${c.id}`);
    const page = await readPage(await lead.get(`/projects/${projectId}/pdsa/${cycleId}`));
    const item = page.find(`#comment-${c.id}`);
    expect(item?.text).toContain("Night shift <b>loved</b> it");
    expect(item?.querySelectorAll("b")).toHaveLength(0);
    expect(item?.querySelector(".app-pre-line")?.text).toBe("Night shift <b>loved</b> it\nDay shift less so");
    expect(one<{ n: number }>("select count(*) as n from audit_events where action = 'comment.added' and entity_id = ?", c.id).n).toBe(1);
  });

  it("an empty comment or patient data is refused with a clear message, the text kept, nothing saved", async () => {
    const before = count("1 = 1");
    const empty = await readPage(await add(lead, "   "));
    expect(empty.errorSummary()).toContain("Enter your comment");
    const pii = await add(lead, "Patient 943 476 5919 was seen");
    expect(pii.status).toBe(400);
    const page = await readPage(pii);
    expect(page.errorSummary().join(" ")).toMatch(/patient-identifiable/);
    expect(page.fieldValue("body")).toBe("Patient 943 476 5919 was seen");
    expect(count("1 = 1")).toBe(before);
    const confirmed = await add(lead, "Patient 943 476 5919 was seen", { confirmNoPatientData: "yes" });
    expect(confirmed.status).toBe(302);
  });

  it("a viewer cannot add a comment; a comment on a record of another project is a 404", async () => {
    const before = count("1 = 1");
    expect((await add(viewer, "Hello")).status).toBe(403);
    const other = one<{ id: number }>("select id from pdsa_cycles where project_id <> ? and deleted_at is null order by id", projectId).id;
    const res = await lead.post(addUrl(), { intent: "add", target: "pdsa", targetId: String(other), body: "Hello" });
    expect(res.status).toBe(404);
    expect(count("1 = 1")).toBe(before);
  });

  it("the author edits within 15 minutes; afterwards the page and the post refuse clearly; a stale version is a 409", async () => {
    const start = Date.now();
    server.setNow(start);
    await add(lead, "First thoughts");
    const c = latest();
    const url = `/projects/${projectId}/comments/${c.id}`;
    const stale = await lead.post(url, { intent: "edit", version: "1", body: "Second thoughts" });
    expect(stale.status).toBe(302);
    const conflict = await lead.post(url, { intent: "edit", version: "1", body: "Third thoughts" });
    expect(conflict.status).toBe(409);
    expect(latest().body).toBe("Second thoughts");
    expect((await staffClient.post(url, { intent: "edit", version: "2", body: "Not mine" })).status).toBe(403);
    server.setNow(start + 16 * 60 * 1000);
    const page = await readPage(await lead.get(url));
    expect(page.text).toContain("A comment can only be changed in the first 15 minutes after it is written");
    const late = await lead.post(url, { intent: "edit", version: "2", body: "Too late" });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("first 15 minutes");
    expect(latest().body).toBe("Second thoughts");
    server.setNow(null);
  });

  it("deleting asks for confirmation, then hides the comment (kept in the database) and audits it", async () => {
    await add(lead, "To be removed");
    const c = latest();
    const confirm = await readPage(await lead.get(`/projects/${projectId}/comments/${c.id}?delete`));
    expect(confirm.text).toContain("Delete comment");
    expect((await staffClient.post(`/projects/${projectId}/comments/${c.id}`, { intent: "delete" })).status).toBe(403);
    const res = await lead.post(`/projects/${projectId}/comments/${c.id}`, { intent: "delete" });
    expect(res.status).toBe(302);
    expect(count("id = ? and deleted_at is not null", c.id)).toBe(1);
    const page = await readPage(await lead.get(`/projects/${projectId}/pdsa/${cycleId}`));
    expect(page.find(`#comment-${c.id}`)).toBeFalsy();
    expect((await lead.get(`/comments/${c.id}`)).status).toBe(404);
  });
});

describe("mentions by typed name", () => {
  it("reach the person named by email and in the app, and nobody else; the notification leads to the comment", async () => {
    const staff = one<{ id: number; name: string }>("select id, name from users where email = 'staff@example.org'");
    const sentBefore = smtp.received.length;
    const res = await add(lead, `@${staff.name.toLowerCase()} could you look at the run chart? @Nobody Atall`);
    expect(res.status).toBe(302);
    const c = latest();
    const mail = await eventually(() => {
      const got = smtp.received.slice(sentBefore).filter((r) => (r.mail.subject ?? "").includes("mentioned you"));
      expect(got).toHaveLength(1);
      return got[0];
    });
    expect(mail.to).toEqual(["staff@example.org"]);
    expect(mail.mail.text).toContain(`https://qi.example.nhs.uk/comments/${c.id}`);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received.slice(sentBefore)).toHaveLength(1);
    const mentions = server.db.$client.prepare("select user_id as userId, link from notifications where kind = 'mention'").all() as {
      userId: number;
      link: string;
    }[];
    expect(mentions).toEqual([{ userId: staff.id, link: `/comments/${c.id}` }]);
    const follow = await staffClient.get(`/comments/${c.id}`);
    expect(follow.headers.get("location")).toBe(`/projects/${projectId}/pdsa/${cycleId}#comment-${c.id}`);
    const centre = await readPage(await staffClient.get("/notifications"));
    expect(centre.text).toContain("mentioned you in a comment");
  });
});
