// Comments: one transaction per write with its audit row; the author edits for 15 minutes only (an injected
// clock); a soft delete by the author or a project editor; a stale version is a conflict; mentions notify the
// person named (by exact full name), never the author, never a disabled account, and an ambiguous name nobody.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSessionSecret } from "~/auth/secrets.server";
import { resetEnvForTests } from "~/env.server";
import { subscribeNotifications } from "~/models/notification-events.server";
import { addComment, deleteComment, editComment } from "~/models/comment-commands.server";
import { listComments } from "~/models/comment.server";
import { EDIT_WINDOW_CLOSED, EDIT_WINDOW_MS, findMentions, NOT_YOUR_COMMENT } from "~/domain/comments";
import type { Actor } from "~/models/command.server";
import { workbook } from "./workbook-fixture";

let stop: () => void;
beforeAll(() => {
  process.env.SESSION_SECRET = "unit-test-session-secret-0123456789abcdef";
  process.env.PUBLIC_URL = "https://qi.example.nhs.uk";
  resetEnvForTests();
  loadSessionSecret(false);
  stop = subscribeNotifications();
});
afterAll(() => {
  stop();
  delete process.env.PUBLIC_URL;
  resetEnvForTests();
});

const T0 = Date.UTC(2026, 2, 11, 10, 0, 0);

function setup() {
  const w = workbook();
  // The demo's own comments aside: each test counts what it writes.
  w.db.$client.prepare("delete from comments").run();
  const cycle = w.one<{ id: number; project_id: number }>("select id, project_id from pdsa_cycles where deleted_at is null order by id");
  const projectId = cycle.project_id;
  const staff = w.all<{ id: number; email: string; name: string }>(
    "select id, email, name from users where role = 'staff' and disabled_at is null and id <> ? and id not in (select user_id from project_team where project_id = ? and ended_at is null) order by id limit 2",
    w.actor.id,
    projectId,
  );
  const [colleague, other] = staff.map((s) => ({ ...s, ip: "192.0.2.9" }));
  const notices = (userId: number) =>
    w.all<{ kind: string; title: string; link: string }>("select kind, title, link from notifications where user_id = ? order by id", userId);
  const add = (actor: Actor, body: string, now = T0) => addComment(w.db, actor, { projectId, target: "pdsa", targetId: cycle.id, body, now });
  return { ...w, cycle, projectId, colleague, other, notices, add };
}

describe("adding a comment", () => {
  it("saves it with its audit row in one transaction, and lists it under the cycle", () => {
    const w = setup();
    const result = w.add(w.actor, "Try the new checklist\non the night shift too");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.location).toBe(`/projects/${w.projectId}/pdsa/${w.cycle.id}#comment-${result.value.commentId}`);
    const listed = listComments(w.db, "pdsa", w.cycle.id);
    expect(listed.map((c) => c.body)).toEqual(["Try the new checklist\non the night shift too"]);
    const audits = w.audits("comment.added");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ user_id: w.actor.id, ip: "192.0.2.1", entity_id: result.value.commentId });
    expect(audits[0].summary).toMatch(/^Commented on PDSA cycle \d+:/);
  });

  it("refuses a record of another project or a deleted cycle, and saves nothing", () => {
    const w = setup();
    const before = w.count("comments");
    const elsewhere = addComment(w.db, w.actor, { projectId: w.projectId + 1000, target: "pdsa", targetId: w.cycle.id, body: "Hello", now: T0 });
    expect(elsewhere).toMatchObject({ ok: false, status: 404 });
    w.db.$client.prepare("update pdsa_cycles set deleted_at = 1 where id = ?").run(w.cycle.id);
    expect(w.add(w.actor, "Hello")).toMatchObject({ ok: false, status: 404 });
    expect(w.count("comments")).toBe(before);
    expect(w.audits("comment.added")).toHaveLength(0);
  });

  it("refuses a viewer", () => {
    const w = setup();
    const viewer = w.one<{ id: number; email: string }>("select id, email from users where role = 'viewer' order by id");
    expect(w.add(viewer, "Hello")).toMatchObject({ ok: false, status: 403 });
    expect(w.count("comments")).toBe(0);
  });

  it("a form token sent twice saves one comment", () => {
    const w = setup();
    const input = { projectId: w.projectId, target: "pdsa" as const, targetId: w.cycle.id, body: "Once", now: T0, formToken: "comment-token-000001" };
    const first = addComment(w.db, w.actor, input);
    const second = addComment(w.db, w.actor, input);
    expect(first.ok && second.ok).toBe(true);
    expect(w.count("comments")).toBe(1);
    if (first.ok && second.ok) expect(second.value.location).toBe(first.value.location);
  });
});

describe("editing a comment", () => {
  it("lets the author change it within 15 minutes, audited, and refuses after with a clear message", () => {
    const w = setup();
    const added = w.add(w.actor, "First words");
    if (!added.ok) throw new Error("not added");
    const id = added.value.commentId;
    const edited = editComment(w.db, w.actor, { projectId: w.projectId, commentId: id, version: 1, body: "Second words", now: T0 + EDIT_WINDOW_MS });
    expect(edited.ok).toBe(true);
    expect(w.one<{ body: string; version: number; edited_at: number }>("select body, version, edited_at from comments where id = ?", id)).toEqual({
      body: "Second words",
      version: 2,
      edited_at: T0 + EDIT_WINDOW_MS,
    });
    expect(w.audits("comment.edited")).toHaveLength(1);
    const late = editComment(w.db, w.actor, { projectId: w.projectId, commentId: id, version: 2, body: "Too late", now: T0 + EDIT_WINDOW_MS + 1 });
    expect(late).toEqual({ ok: false, refused: EDIT_WINDOW_CLOSED, status: 409 });
    expect(w.one<{ body: string }>("select body from comments where id = ?", id).body).toBe("Second words");
    expect(w.audits("comment.edited")).toHaveLength(1);
  });

  it("refuses anyone but the author", () => {
    const w = setup();
    const added = w.add(w.actor, "Mine");
    if (!added.ok) throw new Error("not added");
    const theirs = editComment(w.db, w.colleague, { projectId: w.projectId, commentId: added.value.commentId, version: 1, body: "Yours now", now: T0 });
    expect(theirs).toEqual({ ok: false, refused: NOT_YOUR_COMMENT, status: 403 });
    expect(w.one<{ body: string }>("select body from comments").body).toBe("Mine");
  });

  it("a stale version is a conflict showing both texts, and changes nothing", () => {
    const w = setup();
    const added = w.add(w.actor, "One");
    if (!added.ok) throw new Error("not added");
    const input = { projectId: w.projectId, commentId: added.value.commentId, now: T0 + 1000 };
    expect(editComment(w.db, w.actor, { ...input, version: 1, body: "Two" }).ok).toBe(true);
    const stale = editComment(w.db, w.actor, { ...input, version: 1, body: "Three" });
    expect(stale.ok).toBe(false);
    if (stale.ok || !("conflict" in stale)) throw new Error("expected a conflict");
    expect(stale.conflict.currentVersion).toBe(2);
    expect(stale.conflict.fields).toEqual([{ name: "body", label: "Comment", theirs: "Two", yours: "Three" }]);
    expect(w.one<{ body: string }>("select body from comments").body).toBe("Two");
    expect(w.audits("comment.edited")).toHaveLength(1);
  });
});

describe("deleting a comment", () => {
  it("is a soft delete by the author, audited; the comment leaves the list and cannot be deleted twice", () => {
    const w = setup();
    const added = w.add(w.actor, "Going soon");
    if (!added.ok) throw new Error("not added");
    const id = added.value.commentId;
    const deleted = deleteComment(w.db, w.actor, { projectId: w.projectId, commentId: id, now: T0 + 10 * EDIT_WINDOW_MS });
    expect(deleted).toEqual({ ok: true, value: { location: `/projects/${w.projectId}/pdsa/${w.cycle.id}` } });
    expect(w.one<{ deleted_at: number; deleted_by: number }>("select deleted_at, deleted_by from comments where id = ?", id)).toEqual({
      deleted_at: T0 + 10 * EDIT_WINDOW_MS,
      deleted_by: w.actor.id,
    });
    expect(listComments(w.db, "pdsa", w.cycle.id)).toEqual([]);
    expect(w.audits("comment.deleted")).toHaveLength(1);
    expect(deleteComment(w.db, w.actor, { projectId: w.projectId, commentId: id, now: T0 })).toMatchObject({ ok: false, status: 409 });
    expect(editComment(w.db, w.actor, { projectId: w.projectId, commentId: id, version: 2, body: "Back", now: T0 })).toMatchObject({ ok: false, status: 409 });
  });

  it("lets a project editor delete another's comment, and refuses someone who is neither author nor editor", () => {
    const w = setup();
    const added = w.add(w.colleague, "A colleague's note");
    if (!added.ok) throw new Error("not added");
    const id = added.value.commentId;
    expect(deleteComment(w.db, w.other, { projectId: w.projectId, commentId: id, now: T0 })).toMatchObject({ ok: false, status: 403 });
    expect(w.count("comments", "deleted_at is null")).toBe(1);
    const editor = w.one<{ id: number; email: string }>(
      "select u.id, u.email from project_team t join users u on u.id = t.user_id where t.project_id = ? and t.ended_at is null and u.role = 'staff' and u.id <> ? order by u.id",
      w.projectId,
      w.colleague.id,
    );
    expect(deleteComment(w.db, editor, { projectId: w.projectId, commentId: id, now: T0 }).ok).toBe(true);
    expect(w.audits("comment.deleted").at(-1)?.summary).toContain(`${w.colleague.name}'s comment`);
  });
});

describe("mentions", () => {
  it("notify the person named, once, and nobody else (not the author)", () => {
    const w = setup();
    const before = w.count("notifications");
    const added = w.add(w.actor, `@${w.colleague.name.toUpperCase()} could you check this? @${w.colleague.name} @Nobody Known`);
    if (!added.ok) throw new Error("not added");
    expect(w.notices(w.colleague.id)).toEqual([
      {
        kind: "mention",
        title: expect.stringMatching(/mentioned you in a comment on PDSA cycle/),
        link: `/comments/${added.value.commentId}`,
      },
    ]);
    expect(w.count("notifications")).toBe(before + 1);
    expect(w.count("email_outbox", "kind = 'mention'")).toBe(1);
  });

  it("never notify the author mentioning themself, nor a disabled account", () => {
    const w = setup();
    const me = w.one<{ name: string }>("select name from users where id = ?", w.actor.id).name;
    w.db.$client.prepare("update users set disabled_at = 1 where id = ?").run(w.other.id);
    const before = w.count("notifications");
    w.add(w.actor, `@${me} and @${w.other.name}`);
    expect(w.count("notifications")).toBe(before);
  });

  it("on an edit, notify only the people newly mentioned", () => {
    const w = setup();
    const added = w.add(w.actor, `@${w.colleague.name} first`);
    if (!added.ok) throw new Error("not added");
    editComment(w.db, w.actor, {
      projectId: w.projectId,
      commentId: added.value.commentId,
      version: 1,
      body: `@${w.colleague.name} and @${w.other.name}`,
      now: T0 + 60_000,
    });
    expect(w.notices(w.colleague.id)).toHaveLength(1);
    expect(w.notices(w.other.id)).toHaveLength(1);
  });

  it("are found by exact full name, the longest first; a shared name or an email address mentions nobody", () => {
    const people = [
      { id: 1, name: "Ann Lee" },
      { id: 2, name: "Ann Lee-Smith" },
      { id: 3, name: "Sam Jones" },
      { id: 4, name: "Sam Jones" },
      { id: 5, name: "Zoë Brown" },
    ];
    expect(findMentions("@ann lee-smith, thanks", people)).toEqual([2]);
    expect(findMentions("Thanks @Ann Lee.", people)).toEqual([1]);
    expect(findMentions("@Ann Leeds", people)).toEqual([]);
    expect(findMentions("@Sam Jones", people)).toEqual([]);
    expect(findMentions("mail ann@Ann Lee", people)).toEqual([]);
    expect(findMentions("(@Zoë Brown)\n@Ann Lee", people)).toEqual([5, 1]);
  });
});
