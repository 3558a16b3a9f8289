// Milestone writes: each ok write leaves one audit row; a stale version leaves nothing.
import { describe, expect, it } from "vitest";
import { addMilestone, deleteMilestone, rebaselineMilestone, updateMilestone } from "~/models/milestone-commands.server";
import { workbook } from "./workbook-fixture";

function setup() {
  const w = workbook();
  const m = w.one<{
    id: number;
    projectId: number;
    version: number;
    title: string;
    owner: string;
    ownerUserId: number | null;
    forecastDate: string;
  }>(
    `select id, project_id as projectId, version, title, owner, owner_user_id as ownerUserId, forecast_date as forecastDate
       from milestones where deleted_at is null and completed_on is null order by id`,
  );
  const ref = { projectId: m.projectId, milestoneId: m.id };
  return { ...w, m, ref };
}

type W = ReturnType<typeof setup>;
const writes: [string, string, (w: W, version: number) => { ok: boolean }][] = [
  [
    "update",
    "milestone.updated",
    (w, version) =>
      updateMilestone(w.db, w.actor, {
        ...w.ref,
        version,
        values: { ...w.m, title: "Renamed", completedOn: null },
        forecastReason: "",
      }),
  ],
  [
    "complete",
    "milestone.completed",
    (w, version) =>
      updateMilestone(w.db, w.actor, {
        ...w.ref,
        version,
        values: { ...w.m, completedOn: "2026-03-10" },
        forecastReason: "",
      }),
  ],
  [
    "rebaseline",
    "milestone.rebaselined",
    (w, version) => rebaselineMilestone(w.db, w.actor, { ...w.ref, version, baselineDate: "2027-01-31", reason: "Board agreed" }),
  ],
  ["delete", "milestone.deleted", (w, version) => deleteMilestone(w.db, w.actor, { ...w.ref, version })],
];

describe("milestone commands", () => {
  it.each(writes)("%s: writes the milestone and one %s audit row", (_name, action, run) => {
    const w = setup();
    expect(run(w, w.m.version).ok).toBe(true);
    expect(w.one("select version from milestones where id = ?", w.m.id)).toEqual({ version: w.m.version + 1 });
    expect(w.audits(action).filter((a) => a.entity_id === w.m.id)).toHaveLength(1);
  });

  it.each(writes)("%s: a stale version returns the current one and writes nothing", (_name, _action, run) => {
    const w = setup();
    const before = [w.count("audit_events"), w.count("milestone_changes")];
    expect(run(w, w.m.version - 1)).toMatchObject({ ok: false, conflict: { currentVersion: w.m.version } });
    expect(w.one("select version, deleted_at as gone from milestones where id = ?", w.m.id)).toEqual({
      version: w.m.version,
      gone: null,
    });
    expect([w.count("audit_events"), w.count("milestone_changes")]).toEqual(before);
  });

  it("keeps the reason when the forecast moves later, and writes nothing for no visible change", () => {
    const w = setup();
    const later = { ...w.m, forecastDate: "2027-06-30", completedOn: null };
    expect(updateMilestone(w.db, w.actor, { ...w.ref, version: w.m.version, values: later, forecastReason: "Supplier late" }).ok).toBe(true);
    expect(w.one("select kind, reason from milestone_changes where milestone_id = ? order by id desc", w.m.id)).toEqual({
      kind: "forecast",
      reason: "Supplier late",
    });
    const before = w.count("audit_events");
    const same = updateMilestone(w.db, w.actor, {
      ...w.ref,
      version: w.m.version + 1,
      values: later,
      forecastReason: "",
    });
    expect(same).toEqual({ ok: true, value: { changed: false } });
    expect(w.count("audit_events")).toBe(before);
  });

  it("addMilestone writes one milestone and one audit row per form token", () => {
    const w = setup();
    const before = w.count("milestones");
    const input = {
      projectId: w.m.projectId,
      title: "Go live",
      owner: "",
      ownerUserId: null,
      baselineDate: "2026-09-01",
      formToken: "token-milestone-01",
      locate: String,
    };
    addMilestone(w.db, w.actor, input);
    addMilestone(w.db, w.actor, input);
    expect(w.count("milestones")).toBe(before + 1);
    expect(w.audits("milestone.created").at(-1)!.summary).toMatch(/^Added milestone "Go live" \(baseline /);
  });

  describe("the owner", () => {
    const person = (w: W, where = "disabled_at is null") => w.one<{ id: number; name: string }>(`select id, name from users where ${where} order by id desc`);
    const stored = (w: W, id: number) => w.one("select owner, owner_user_id as ownerUserId from milestones where id = ?", id);
    const add = (w: W, owner: { ownerUserId: number | null; owner: string }, token: string) =>
      addMilestone(w.db, w.actor, { projectId: w.m.projectId, title: "Owner test", baselineDate: "2026-09-01", formToken: token, locate: String, ...owner });
    const newest = (w: W) => w.one<{ id: number }>("select id from milestones order by id desc").id;

    it("names a person by id (any text beside them is dropped) and audits their name", () => {
      const w = setup();
      const p = person(w);
      expect(add(w, { ownerUserId: p.id, owner: "" }, "owner-by-id").ok).toBe(true);
      expect(stored(w, newest(w))).toEqual({ owner: "", ownerUserId: p.id });
      expect(w.audits("milestone.created").at(-1)!.summary).toContain(`owner ${p.name}`);
    });

    it("keeps free text for someone not in Stepping Up", () => {
      const w = setup();
      expect(add(w, { ownerUserId: null, owner: "  Pat Partner (council)  " }, "owner-text").ok).toBe(true);
      expect(stored(w, newest(w))).toEqual({ owner: "Pat Partner (council)", ownerUserId: null });
    });

    it.each([
      ["an unknown person", (_w: W) => 999_999],
      ["a disabled person", (w: W) => person(w, "disabled_at is not null").id],
    ])("refuses %s and writes nothing", (_what, id) => {
      const w = setup();
      if (_what === "a disabled person")
        w.db.$client.prepare("update users set disabled_at = 1 where id = (select max(id) from users where role = 'viewer')").run();
      const before = [w.count("milestones"), w.count("audit_events")];
      expect(add(w, { ownerUserId: id(w), owner: "" }, `refused-${_what}`)).toEqual({
        ok: false,
        refused: "Choose the owner from the list of people in Stepping Up",
        status: 400,
      });
      const update = updateMilestone(w.db, w.actor, {
        ...w.ref,
        version: w.m.version,
        values: { ...w.m, completedOn: null, ownerUserId: id(w) },
        forecastReason: "",
      });
      expect(update).toMatchObject({ ok: false, status: 400 });
      expect([w.count("milestones"), w.count("audit_events")]).toEqual(before);
      expect(w.one("select version from milestones where id = ?", w.m.id)).toEqual({ version: w.m.version });
    });

    it("moves from free text to a person: the text is cleared, the audit row names the person, the list shows their name", async () => {
      const w = setup();
      const p = person(w);
      const text = updateMilestone(w.db, w.actor, {
        ...w.ref,
        version: w.m.version,
        values: { ...w.m, completedOn: null, ownerUserId: null, owner: "Someone Else" },
        forecastReason: "",
      });
      expect(text.ok).toBe(true);
      const named = updateMilestone(w.db, w.actor, {
        ...w.ref,
        version: w.m.version + 1,
        values: { ...w.m, completedOn: null, ownerUserId: p.id, owner: "" },
        forecastReason: "",
      });
      expect(named).toEqual({ ok: true, value: { changed: true } });
      expect(stored(w, w.m.id)).toEqual({ owner: "", ownerUserId: p.id });
      expect(w.audits("milestone.updated").at(-1)!.summary).toContain(p.name);
      const { listMilestones, getMilestone } = await import("~/models/milestone.server");
      expect(listMilestones(w.db, w.m.projectId).find((m) => m.id === w.m.id)).toMatchObject({ owner: p.name, ownerUserId: p.id, ownerText: "" });
      expect(getMilestone(w.db, w.m.projectId, w.m.id)).toMatchObject({ owner: p.name });
    });
  });
});
