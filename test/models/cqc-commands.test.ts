// CQC register commands: each change with its audit row; refusals write nothing.
import { describe, expect, it } from "vitest";
import { addCqcAction, addCqcActionsFromPaste, archiveCqcAction, editCqcAction, linkCqcAction, removeCqcAction } from "~/models/cqc-commands.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

const row = (reference: string) => ({
  reference,
  kind: "must_do" as const,
  domain: "safe" as const,
  service: "",
  text: `Action ${reference}`,
});

function setup() {
  const { db, programmeId } = seededDb();
  const admin = actorFor(db, "admin@example.org");
  return { db, programmeId, admin, since: lastAuditId(db).n, before: rows(db, "cqc_actions") };
}

describe("CQC register commands", () => {
  it("addCqcAction adds once per token; a reference in use is refused", () => {
    const { db, programmeId, admin, since, before } = setup();
    const once = { userId: admin.id, kind: "cqc_action", token: "token-token-token-1" };
    expect(addCqcAction(db, admin, { programmeId, row: row("MD90"), once })).toMatchObject({
      ok: true,
      value: { replayed: false, location: "/cqc" },
    });
    expect(addCqcAction(db, admin, { programmeId, row: row("MD90"), once })).toMatchObject({
      ok: true,
      value: { replayed: true },
    });
    expect(addCqcAction(db, admin, { programmeId, row: row("MD1"), once: { ...once, token: undefined } })).toMatchObject({
      ok: false,
      refused: "MD1 is already in the register",
    });
    expect(rows(db, "cqc_actions")).toBe(before + 1);
    expect(auditSince(db, since)).toMatchObject([{ action: "cqc.updated", summary: "Added CQC action MD90" }]);
  });

  it("addCqcActionsFromPaste adds all or, when one reference is taken, none", () => {
    const { db, programmeId, admin, since, before } = setup();
    expect(addCqcActionsFromPaste(db, admin, { programmeId, rows: [row("MD91"), row("MD1")] })).toMatchObject({
      ok: false,
      refused: "MD1 is already in the register",
    });
    expect(rows(db, "cqc_actions")).toBe(before);
    expect(addCqcActionsFromPaste(db, admin, { programmeId, rows: [row("MD91"), row("MD92")] }).ok).toBe(true);
    expect(rows(db, "cqc_actions")).toBe(before + 2);
    expect(auditSince(db, since)).toMatchObject([{ summary: "Added 2 CQC actions from a paste: MD91, MD92" }]);
  });

  it("links, unlinks and removes, each audited; a missing action or project is a 404", () => {
    const { db, programmeId, admin, since, before } = setup();
    const links = rows(db, "cqc_action_projects");
    const id = (db.$client.prepare("select id from cqc_actions where reference = 'MD1'").get() as { id: number }).id;
    const project = (
      db.$client.prepare("select id from projects where id not in (select project_id from cqc_action_projects where cqc_action_id = ?) limit 1").get(id) as {
        id: number;
      }
    ).id;
    expect(linkCqcAction(db, admin, { programmeId, actionId: id, projectId: project, link: true }).ok).toBe(true);
    expect(rows(db, "cqc_action_projects")).toBe(links + 1);
    expect(linkCqcAction(db, admin, { programmeId, actionId: id, projectId: project, link: false }).ok).toBe(true);
    expect(linkCqcAction(db, admin, { programmeId, actionId: id, projectId: 99_999, link: true })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(removeCqcAction(db, admin, { programmeId, actionId: 99_999 })).toMatchObject({ ok: false, status: 404 });
    expect(removeCqcAction(db, admin, { programmeId, actionId: id })).toEqual({
      ok: true,
      value: { reference: "MD1" },
    });
    expect(rows(db, "cqc_actions")).toBe(before - 1);
    expect(auditSince(db, since).map((r) => r.summary)).toEqual([
      expect.stringMatching(/^Linked .* to CQC action MD1$/),
      expect.stringMatching(/^Unlinked .* from CQC action MD1$/),
      "Removed CQC action MD1",
    ]);
  });

  it("editCqcAction changes the wording, owner and due date, keeps the reference, and refuses an unknown owner or action", () => {
    const { db, programmeId, admin, since } = setup();
    const id = (db.$client.prepare("select id from cqc_actions where reference = 'MD1'").get() as { id: number }).id;
    const owner = db.$client.prepare("select id, name from users where email = 'lead@example.org'").get() as { id: number; name: string };
    const values = {
      kind: "should_do" as const,
      text: "Audit sepsis screening monthly",
      domain: "effective" as const,
      service: "ED",
      ownerId: owner.id,
      dueOn: "2027-03-31",
    };
    expect(editCqcAction(db, admin, { programmeId, actionId: id, values })).toEqual({ ok: true, value: { reference: "MD1" } });
    const saved = () =>
      db.$client.prepare("select reference, kind, text, domain, service, owner_id as ownerId, due_on as dueOn from cqc_actions where id = ?").get(id);
    expect(saved()).toEqual({
      reference: "MD1",
      kind: "should_do",
      text: values.text,
      domain: "effective",
      service: "ED",
      ownerId: owner.id,
      dueOn: "2027-03-31",
    });

    const disabled = db.$client.prepare("select id from users where disabled_at is not null limit 1").get() as { id: number } | undefined;
    const refusals: [Parameters<typeof editCqcAction>[2], number][] = [
      [{ programmeId, actionId: id, values: { ...values, ownerId: 99_999, text: "never saved" } }, 400],
      [{ programmeId, actionId: 99_999, values }, 404],
    ];
    if (disabled) refusals.push([{ programmeId, actionId: id, values: { ...values, ownerId: disabled.id, text: "never saved" } }, 400]);
    for (const [input, status] of refusals) expect(editCqcAction(db, admin, input)).toMatchObject({ ok: false, status });
    expect(saved()).toMatchObject({ text: values.text, ownerId: owner.id });
    expect(auditSince(db, since)).toMatchObject([{ action: "cqc.updated", summary: `Changed CQC action MD1: owner ${owner.name}, due 2027-03-31` }]);
  });

  it("archiveCqcAction archives and restores, keeping the action and its links", () => {
    const { db, programmeId, admin, since, before } = setup();
    const id = (db.$client.prepare("select id from cqc_actions where reference = 'MD1'").get() as { id: number }).id;
    const links = rows(db, "cqc_action_projects");
    const archivedAt = () => (db.$client.prepare("select archived_at as a from cqc_actions where id = ?").get(id) as { a: number | null }).a;
    expect(archiveCqcAction(db, admin, { programmeId, actionId: id, archive: true })).toEqual({ ok: true, value: { reference: "MD1" } });
    expect(archivedAt()).not.toBeNull();
    expect(archiveCqcAction(db, admin, { programmeId, actionId: id, archive: false }).ok).toBe(true);
    expect(archivedAt()).toBeNull();
    expect(archiveCqcAction(db, admin, { programmeId, actionId: 99_999, archive: true })).toMatchObject({ ok: false, status: 404 });
    expect([rows(db, "cqc_actions"), rows(db, "cqc_action_projects")]).toEqual([before, links]);
    expect(auditSince(db, since).map((r) => r.summary)).toEqual(["Archived CQC action MD1", "Restored CQC action MD1"]);
  });
});
