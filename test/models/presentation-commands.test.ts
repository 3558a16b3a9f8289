// Presentation settings: a save bumps the revision with one audit row; a stale revision or a failed audit row writes nothing.
import { describe, expect, it } from "vitest";
import { getSettings } from "~/models/presentation.server";
import { saveSettings } from "~/models/presentation-commands.server";
import { workbook } from "./workbook-fixture";

const NO_AUDIT = "create trigger no_audit before insert on audit_events begin select raise(abort, 'audit refused'); end";

function setup() {
  const w = workbook();
  const projectId = w.one<{ id: number }>("select id from projects order by id").id;
  const settings = getSettings(w.db, projectId)!;
  const input = {
    projectId,
    rev: settings.rev,
    hidden: ["pdsa"],
    measureOrder: [],
    summary: "Presentation: hid The PDSA journey",
  };
  const stored = () => w.one<{ json: string | null }>("select presentation_settings as json from projects where id = ?", projectId).json;
  return { ...w, projectId, settings, input, stored };
}

describe("saveSettings", () => {
  it("saves the next revision with one project.presentation_changed audit row", () => {
    const w = setup();
    const result = saveSettings(w.db, w.actor, w.input);
    const next = { rev: w.settings.rev + 1, hidden: ["pdsa"], measureOrder: [] };
    expect(result).toEqual({ ok: true, value: next });
    expect(getSettings(w.db, w.projectId)).toMatchObject(next);
    expect(w.audits("project.presentation_changed")).toEqual([
      { summary: "Presentation: hid The PDSA journey", user_id: w.actor.id, ip: "192.0.2.1", entity_id: w.projectId },
    ]);
    expect(w.one("select project_id as projectId, details from audit_events where action = 'project.presentation_changed'")).toEqual({
      projectId: w.projectId,
      details: JSON.stringify(next),
    });
  });

  it("a stale revision returns the current settings and writes nothing", () => {
    const w = setup();
    expect(saveSettings(w.db, w.actor, w.input).ok).toBe(true);
    const stored = w.stored();
    const audits = w.count("audit_events");
    const stale = saveSettings(w.db, w.actor, { ...w.input, hidden: [] });
    expect(stale).toEqual({ ok: false, conflict: { rev: w.settings.rev + 1, hidden: ["pdsa"], measureOrder: [] } });
    expect(w.stored()).toBe(stored);
    expect(w.count("audit_events")).toBe(audits);
  });

  it("rolls the save back when the audit row cannot be written", () => {
    const w = setup();
    const stored = w.stored();
    const audits = w.count("audit_events");
    w.db.$client.exec(NO_AUDIT);
    expect(() => saveSettings(w.db, w.actor, w.input)).toThrow(/audit refused/);
    expect(w.stored()).toBe(stored);
    expect(w.count("audit_events")).toBe(audits);
  });

  it("a project that does not exist is refused as not found", () => {
    const w = setup();
    expect(saveSettings(w.db, w.actor, { ...w.input, projectId: 999_999 })).toMatchObject({ ok: false, status: 404 });
  });
});
