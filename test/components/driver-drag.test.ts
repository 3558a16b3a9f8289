// The drop rules behind drag and drop on the driver diagram's list: what a drop on a row asks the
// server for (the node page's reorder, move or link form), the diagram shown while it is saved, and
// the sentence a screen reader hears afterwards.
import { describe, expect, it } from "vitest";
import type { DiagramView } from "~/components/driver-diagram";
import { applyDrop, movedMessage, planDrop, siblings, type DragRow } from "~/components/driver-drag";

const driver = (id: number, title: string, parentIds: number[] = []) => ({ id, title, description: "", parentIds, measureIds: [] });
const idea = (id: number, title: string, driverIds: number[]) => ({
  id,
  title,
  description: "",
  status: "not_tested" as const,
  cycles: 0,
  learning: "",
  pick: null,
  driverIds,
  latestCycleId: null,
});
// Primaries 1, 2; secondaries 11, 12 under 1 and 13 under 2 (13 also under 1); ideas 21–23 under 11, 24 unlinked.
const d: DiagramView = {
  aimText: "Aim",
  primaries: [driver(1, "Alder"), driver(2, "Birch")],
  secondaries: [driver(11, "Cedar", [1]), driver(12, "Damson", [1]), driver(13, "Elm", [2, 1])],
  ideas: [idea(21, "Fig", [11]), idea(22, "Gorse", [11]), idea(23, "Holly", [11]), idea(24, "Ivy", [])],
  measures: [],
};
const row = (kind: DragRow["kind"], id: number, title: string, parentId: number | null): DragRow => ({ kind, id, title, parentId });
const holly = row("idea", 23, "Holly", 11);
const damson = row("secondary", 12, "Damson", 1);

describe("dropping on the driver diagram's list", () => {
  it("a drop above or below a sibling reorders past the right one, and a drop beside itself is nothing", () => {
    expect(planDrop(d, holly, row("idea", 21, "Fig", 11), "before")).toEqual({ intent: "reorder", row: holly, direction: "up", past: 21 });
    expect(planDrop(d, holly, row("idea", 21, "Fig", 11), "after")).toEqual({ intent: "reorder", row: holly, direction: "up", past: 22 });
    const fig = row("idea", 21, "Fig", 11);
    expect(planDrop(d, fig, row("idea", 23, "Holly", 11), "after")).toEqual({ intent: "reorder", row: fig, direction: "down", past: 23 });
    expect(planDrop(d, fig, row("idea", 23, "Holly", 11), "before")).toEqual({ intent: "reorder", row: fig, direction: "down", past: 22 });
    expect(planDrop(d, holly, row("idea", 22, "Gorse", 11), "after")).toBeNull();
    expect(planDrop(d, holly, holly, "before")).toBeNull();
    const birch = row("primary", 2, "Birch", null);
    expect(planDrop(d, birch, row("primary", 1, "Alder", null), "before")).toEqual({ intent: "reorder", row: birch, direction: "up", past: 1 });
  });

  it("a drop on another parent, or on a child of one, moves it there; one not linked yet is linked", () => {
    expect(planDrop(d, damson, row("primary", 2, "Birch", null), "before")).toEqual({ intent: "move", row: damson, fromId: 1, parentId: 2 });
    expect(planDrop(d, holly, row("secondary", 12, "Damson", 1), "after")).toEqual({ intent: "move", row: holly, fromId: 11, parentId: 12 });
    const ivy = row("idea", 24, "Ivy", null);
    expect(planDrop(d, ivy, row("secondary", 13, "Elm", 2), "before")).toEqual({ intent: "link", row: ivy, parentId: 13 });
    expect(planDrop(d, ivy, row("idea", 21, "Fig", 11), "before")).toEqual({ intent: "link", row: ivy, parentId: 11 });
  });

  it("refuses what the rules or the links refuse: a change idea on a primary, a parent it is already under, its own parent", () => {
    expect(planDrop(d, holly, row("primary", 2, "Birch", null), "before")).toBeNull();
    expect(planDrop(d, holly, row("secondary", 11, "Cedar", 1), "before")).toBeNull();
    expect(planDrop(d, row("secondary", 13, "Elm", 2), row("primary", 1, "Alder", null), "before")).toBeNull();
    expect(planDrop(d, row("primary", 1, "Alder", null), row("secondary", 12, "Damson", 1), "before")).toBeNull();
    expect(planDrop(d, holly, row("idea", 24, "Ivy", null), "before")).toBeNull();
  });

  it("shows the drop while it is saved, and says where it went", () => {
    const reordered = applyDrop(d, { intent: "reorder", row: holly, direction: "up", past: 21 });
    expect(siblings(reordered, "idea", 11)).toEqual([23, 21, 22]);
    expect(movedMessage(reordered, holly, 11)).toBe("Moved Holly under Cedar, position 1 of 3.");
    const moved = applyDrop(d, { intent: "move", row: damson, fromId: 1, parentId: 2 });
    expect(moved.secondaries.find((s) => s.id === 12)!.parentIds).toEqual([2]);
    expect(siblings(moved, "secondary", 2)).toEqual([12, 13]);
    expect(movedMessage(moved, damson, 2)).toBe("Moved Damson under Birch, position 1 of 2.");
    const linked = applyDrop(d, { intent: "link", row: row("idea", 24, "Ivy", null), parentId: 13 });
    expect(linked.ideas.find((i) => i.id === 24)!.driverIds).toEqual([13]);
    expect(movedMessage(d, row("primary", 2, "Birch", null), null)).toBe("Moved Birch under the aim, position 2 of 2.");
    // The diagram it was given is left as it was.
    expect(siblings(d, "idea", 11)).toEqual([21, 22, 23]);
  });
});
