// Driver diagram writes: each ok write leaves one audit row in its transaction; a stale version is a
// conflict that writes nothing; a refused link changes nothing; removing a driver keeps ideas and cycles.
import { describe, expect, it } from "vitest";
import {
  addDriver,
  addIdea,
  attachMeasure,
  editNode,
  linkNode,
  moveNode,
  rateIdea,
  removeNode,
  reorderNode,
  unlinkNode,
} from "~/models/driver-commands.server";
import { getDiagram } from "~/models/driver.server";
import { workbook } from "./workbook-fixture";

function setup() {
  const w = workbook();
  // A project with PDSA cycles: its first change idea is tested by them.
  const { projectId, ideaId } = w.one<{ projectId: number; ideaId: number }>(
    "select project_id as projectId, change_idea_id as ideaId from pdsa_cycles where deleted_at is null order by id",
  );
  // Start from an empty diagram (the demo draws one for this project).
  for (const sql of [
    "delete from change_idea_drivers where change_idea_id in (select id from change_ideas where project_id = ?)",
    "delete from change_idea_picks where change_idea_id in (select id from change_ideas where project_id = ?)",
    "delete from driver_links where primary_id in (select id from drivers where project_id = ?)",
    "delete from driver_measures where driver_id in (select id from drivers where project_id = ?)",
    "delete from drivers where project_id = ?",
  ])
    w.db.$client.prepare(sql).run(projectId);
  const must = <T>(r: { ok: boolean; value?: T }) => {
    expect(r.ok).toBe(true);
    return (r as { value: T }).value;
  };
  const p1 = must(addDriver(w.db, w.actor, { projectId, level: "primary", title: "Reliable screening", description: "", parentId: null })).id!;
  const p2 = must(addDriver(w.db, w.actor, { projectId, level: "primary", title: "Fast treatment", description: "", parentId: null })).id!;
  const s1 = must(addDriver(w.db, w.actor, { projectId, level: "secondary", title: "Triage prompts", description: "", parentId: p1 })).id!;
  const s2 = must(addDriver(w.db, w.actor, { projectId, level: "secondary", title: "Antibiotics at hand", description: "", parentId: p2 })).id!;
  const version = (table: string, id: number) => w.one<{ version: number }>(`select version from ${table} where id = ?`, id).version;
  const ideaVersion = () => version("change_ideas", ideaId);
  must(linkNode(w.db, w.actor, { projectId, kind: "idea", id: ideaId, version: ideaVersion(), parentId: s1 }));
  return { ...w, projectId, ideaId, p1, p2, s1, s2, version, ideaVersion };
}
type W = ReturnType<typeof setup>;

const tables = ["drivers", "driver_links", "change_ideas", "change_idea_drivers", "driver_measures", "change_idea_picks", "audit_events"];
const snapshot = (w: W) => tables.map((t) => w.all(`select * from ${t}`));

const versioned: [string, string, (w: W, stale: number) => { ok: boolean }][] = [
  [
    "rename a driver",
    "driver.updated",
    (w, d) =>
      editNode(w.db, w.actor, {
        projectId: w.projectId,
        kind: "driver",
        id: w.p1,
        version: w.version("drivers", w.p1) - d,
        title: "Screening every time",
        description: "All adults",
      }),
  ],
  [
    "rename a change idea",
    "change_idea.updated",
    (w, d) =>
      editNode(w.db, w.actor, { projectId: w.projectId, kind: "idea", id: w.ideaId, version: w.ideaVersion() - d, title: "Renamed idea", description: "Why" }),
  ],
  [
    "reorder drivers",
    "driver.updated",
    (w, d) => reorderNode(w.db, w.actor, { projectId: w.projectId, kind: "driver", id: w.p2, version: w.version("drivers", w.p2) - d, direction: "up" }),
  ],
  [
    "reorder drivers by a drag past another",
    "driver.updated",
    (w, d) =>
      reorderNode(w.db, w.actor, { projectId: w.projectId, kind: "driver", id: w.p2, version: w.version("drivers", w.p2) - d, direction: "up", past: w.p1 }),
  ],
  [
    "link a secondary under a second primary",
    "driver.linked",
    (w, d) => linkNode(w.db, w.actor, { projectId: w.projectId, kind: "driver", id: w.s1, version: w.version("drivers", w.s1) - d, parentId: w.p2 }),
  ],
  [
    "unlink a change idea",
    "driver.unlinked",
    (w, d) => unlinkNode(w.db, w.actor, { projectId: w.projectId, kind: "idea", id: w.ideaId, version: w.ideaVersion() - d, parentId: w.s1 }),
  ],
  [
    "move a change idea",
    "driver.linked",
    (w, d) => moveNode(w.db, w.actor, { projectId: w.projectId, kind: "idea", id: w.ideaId, version: w.ideaVersion() - d, parentId: w.s2, fromId: w.s1 }),
  ],
  [
    "remove a driver",
    "driver.removed",
    (w, d) => removeNode(w.db, w.actor, { projectId: w.projectId, kind: "driver", id: w.s1, version: w.version("drivers", w.s1) - d }),
  ],
];

describe("driver commands", () => {
  it.each(versioned)("%s: one %s audit row and a new version", (_name, action, run) => {
    const w = setup();
    const before = w.audits(action).length;
    expect(run(w, 0).ok).toBe(true);
    expect(w.audits(action)).toHaveLength(before + 1);
    expect(w.audits(action).at(-1)!.user_id).toBe(w.actor.id);
  });

  it.each(versioned)("%s: a stale version is a conflict and writes nothing", (_name, _action, run) => {
    const w = setup();
    const before = snapshot(w);
    const result = run(w, 1);
    expect(result).toMatchObject({ ok: false, conflict: { message: expect.stringMatching(/changed by/) } });
    expect(snapshot(w)).toEqual(before);
  });

  it("adds drivers at the end of their column and a secondary straight under a primary", () => {
    const w = setup();
    const d = getDiagram(w.db, w.projectId);
    expect(d.primaries.map((p) => p.title)).toEqual(["Reliable screening", "Fast treatment"]);
    expect(d.secondaries.find((s) => s.id === w.s1)!.parentIds).toEqual([w.p1]);
    expect(d.ideas.find((i) => i.id === w.ideaId)!.driverIds).toEqual([w.s1]);
    expect(w.audits("driver.created").at(-1)!.summary).toBe("Added secondary driver: Antibiotics at hand");
  });

  it("refuses a change idea under a primary driver and a secondary under a secondary, changing nothing", () => {
    const w = setup();
    const before = snapshot(w);
    expect(linkNode(w.db, w.actor, { projectId: w.projectId, kind: "idea", id: w.ideaId, version: w.ideaVersion(), parentId: w.p1 })).toMatchObject({
      ok: false,
      refused: "A change idea can only go under a secondary driver",
    });
    expect(linkNode(w.db, w.actor, { projectId: w.projectId, kind: "driver", id: w.s2, version: w.version("drivers", w.s2), parentId: w.s1 })).toMatchObject({
      refused: "A secondary driver can only go under a primary driver",
    });
    expect(addIdea(w.db, w.actor, { projectId: w.projectId, title: "Under a primary", description: "", driverId: w.p1 })).toMatchObject({ ok: false });
    expect(linkNode(w.db, w.actor, { projectId: w.projectId, kind: "idea", id: w.ideaId, version: w.ideaVersion(), parentId: w.s1 })).toMatchObject({
      refused: "These are already linked",
    });
    expect(snapshot(w)).toEqual(before);
  });

  it("a driver of another project is not found", () => {
    const w = setup();
    const other = w.one<{ id: number }>("select id from projects where id <> ? order by id", w.projectId).id;
    const r = editNode(w.db, w.actor, { projectId: other, kind: "driver", id: w.p1, version: 1, title: "x", description: "" });
    expect(r).toMatchObject({ ok: false, status: 404 });
  });

  it("removing a driver keeps its change ideas and their cycles; they show as unlinked", () => {
    const w = setup();
    const cycles = w.count("pdsa_cycles", "change_idea_id = ? and deleted_at is null", w.ideaId);
    expect(cycles).toBeGreaterThan(0);
    const r = removeNode(w.db, w.actor, { projectId: w.projectId, kind: "driver", id: w.s1, version: w.version("drivers", w.s1) });
    expect(r).toMatchObject({ ok: true, value: { unlinked: 1 } });
    expect(w.one("select deleted_at is not null as gone from drivers where id = ?", w.s1)).toEqual({ gone: 1 });
    expect(w.count("pdsa_cycles", "change_idea_id = ? and deleted_at is null", w.ideaId)).toBe(cycles);
    const d = getDiagram(w.db, w.projectId);
    expect(d.secondaries.map((s) => s.id)).not.toContain(w.s1);
    expect(d.ideas.find((i) => i.id === w.ideaId)!.driverIds).toEqual([]);
  });

  it("a change idea with cycles cannot be removed; one without can, and comes back when added again", () => {
    const w = setup();
    expect(removeNode(w.db, w.actor, { projectId: w.projectId, kind: "idea", id: w.ideaId, version: w.ideaVersion() })).toMatchObject({
      ok: false,
      status: 400,
    });
    const added = addIdea(w.db, w.actor, { projectId: w.projectId, title: "Sepsis trolley", description: "", driverId: w.s2 });
    const id = (added as { value: { id: number } }).value.id;
    expect(addIdea(w.db, w.actor, { projectId: w.projectId, title: "sepsis TROLLEY", description: "", driverId: null })).toMatchObject({
      ok: false,
      refused: /already a change idea/,
    });
    expect(removeNode(w.db, w.actor, { projectId: w.projectId, kind: "idea", id, version: w.version("change_ideas", id) }).ok).toBe(true);
    expect(getDiagram(w.db, w.projectId).ideas.map((i) => i.id)).not.toContain(id);
    expect(addIdea(w.db, w.actor, { projectId: w.projectId, title: "Sepsis trolley", description: "Again", driverId: null })).toMatchObject({
      ok: true,
      value: { id },
    });
  });

  it("reordering swaps neighbours and refuses at the ends", () => {
    const w = setup();
    expect(
      reorderNode(w.db, w.actor, { projectId: w.projectId, kind: "driver", id: w.p1, version: w.version("drivers", w.p1), direction: "up" }),
    ).toMatchObject({ ok: false, status: 400 });
    reorderNode(w.db, w.actor, { projectId: w.projectId, kind: "driver", id: w.p1, version: w.version("drivers", w.p1), direction: "down" });
    expect(getDiagram(w.db, w.projectId).primaries.map((p) => p.id)).toEqual([w.p2, w.p1]);
  });

  it("a drag moves a node past several others in one step, and refuses a node on the wrong side, changing nothing", () => {
    const w = setup();
    const add = (title: string) =>
      (addDriver(w.db, w.actor, { projectId: w.projectId, level: "primary", title, description: "", parentId: null }) as { value: { id: number } }).value.id;
    const p3 = add("Safe discharge");
    const primaries = () => getDiagram(w.db, w.projectId).primaries.map((p) => p.id);
    expect(primaries()).toEqual([w.p1, w.p2, p3]);
    const before = snapshot(w);
    expect(
      reorderNode(w.db, w.actor, { projectId: w.projectId, kind: "driver", id: p3, version: w.version("drivers", p3), direction: "down", past: w.p1 }),
    ).toMatchObject({ ok: false, status: 400, refused: /not below it any more/ });
    expect(snapshot(w)).toEqual(before);
    expect(
      reorderNode(w.db, w.actor, { projectId: w.projectId, kind: "driver", id: p3, version: w.version("drivers", p3), direction: "up", past: w.p1 }).ok,
    ).toBe(true);
    expect(primaries()).toEqual([p3, w.p1, w.p2]);
    expect(w.audits("driver.updated").at(-1)!.summary).toBe("Moved primary driver Safe discharge up, above Reliable screening");
    expect(
      reorderNode(w.db, w.actor, { projectId: w.projectId, kind: "driver", id: p3, version: w.version("drivers", p3), direction: "down", past: w.p2 }).ok,
    ).toBe(true);
    expect(primaries()).toEqual([w.p1, w.p2, p3]);
  });

  it("PICK ratings are kept as history, the latest being the category", () => {
    const w = setup();
    rateIdea(w.db, w.actor, { projectId: w.projectId, ideaId: w.ideaId, impact: "high", ease: "hard", reason: "" });
    rateIdea(w.db, w.actor, { projectId: w.projectId, ideaId: w.ideaId, impact: "high", ease: "easy", reason: "Kit arrived" });
    const d = getDiagram(w.db, w.projectId);
    expect(d.ideas.find((i) => i.id === w.ideaId)!.pick).toBe("implement");
    expect(d.history.filter((h) => h.changeIdeaId === w.ideaId).map((h) => h.category)).toEqual(["implement", "challenge"]);
    expect(w.audits("change_idea.picked").at(-1)!.summary).toMatch(/Implement \(high impact, easy\) — Kit arrived$/);
  });

  it("status, cycles and learning come from the idea's cycles", () => {
    const w = setup();
    const idea = getDiagram(w.db, w.projectId).ideas.find((i) => i.id === w.ideaId)!;
    const n = w.count("pdsa_cycles", "change_idea_id = ? and deleted_at is null", w.ideaId);
    expect(idea.cycles).toBe(n);
    const latest = w.one<{ act: string | null }>(
      "select act_decision as act from pdsa_cycles where change_idea_id = ? and deleted_at is null order by number desc",
      w.ideaId,
    );
    expect(idea.status).toBe(latest.act ? { adopt: "adopted", adapt: "adapted", abandon: "abandoned" }[latest.act] : "testing");
  });

  it("attaches a process measure to a driver and takes it off", () => {
    const w = setup();
    const m = w.one<{ id: number }>("select id from measures where project_id = ? and deleted_at is null", w.projectId);
    expect(
      attachMeasure(w.db, w.actor, { projectId: w.projectId, driverId: w.p1, version: w.version("drivers", w.p1), measureId: m.id, attach: true }).ok,
    ).toBe(true);
    expect(getDiagram(w.db, w.projectId).primaries.find((p) => p.id === w.p1)!.measureIds).toEqual([m.id]);
    expect(
      attachMeasure(w.db, w.actor, { projectId: w.projectId, driverId: w.p1, version: w.version("drivers", w.p1), measureId: m.id, attach: false }).ok,
    ).toBe(true);
    expect(getDiagram(w.db, w.projectId).primaries.find((p) => p.id === w.p1)!.measureIds).toEqual([]);
  });

  it("a form token adds a driver once", () => {
    const w = setup();
    const before = w.count("drivers");
    const input = { projectId: w.projectId, level: "primary" as const, title: "Once", description: "", parentId: null, formToken: "token-driver-000001" };
    addDriver(w.db, w.actor, input);
    addDriver(w.db, w.actor, input);
    expect(w.count("drivers")).toBe(before + 1);
  });
});
