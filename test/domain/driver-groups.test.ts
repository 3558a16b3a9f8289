import { describe, expect, it } from "vitest";
import { groupRampsByDriver } from "~/domain/driver-groups";

const ramp = (changeIdeaId: number) => ({ changeIdeaId, changeIdea: `Idea ${changeIdeaId}` });

describe("PDSA ramps grouped by driver", () => {
  const input = {
    primaries: [
      { id: 1, title: "Reliable handover" },
      { id: 2, title: "Confident staff" },
      { id: 9, title: "Nothing tested here" },
    ],
    secondaries: [
      { id: 3, title: "Standard checklist" },
      { id: 4, title: "Training" },
      { id: 5, title: "Orphan secondary" },
    ],
    driverLinks: [
      { primaryId: 1, secondaryId: 3 },
      { primaryId: 2, secondaryId: 3 },
      { primaryId: 2, secondaryId: 4 },
    ],
    ideaLinks: [
      { driverId: 3, changeIdeaId: 10 },
      { driverId: 4, changeIdeaId: 10 },
      { driverId: 4, changeIdeaId: 11 },
      { driverId: 5, changeIdeaId: 12 },
      { driverId: 77, changeIdeaId: 14 }, // a removed driver's link
    ],
    ramps: [ramp(10), ramp(11), ramp(12), ramp(13), ramp(14)],
  };

  it("puts a ramp under every primary and secondary driver its idea serves, in diagram order", () => {
    const { groups } = groupRampsByDriver(input);
    expect(groups.map((g) => [g.primary?.title ?? null, g.sections.map((s) => [s.secondary.title, s.ramps.map((r) => r.changeIdeaId)])])).toEqual([
      ["Reliable handover", [["Standard checklist", [10]]]],
      [
        "Confident staff",
        [
          ["Standard checklist", [10]],
          ["Training", [10, 11]],
        ],
      ],
      [null, [["Orphan secondary", [12]]]],
    ]);
  });

  it("leaves primaries with nothing tested out, and ideas linked to no live driver last", () => {
    const { groups, unlinked } = groupRampsByDriver(input);
    expect(groups.some((g) => g.primary?.id === 9)).toBe(false);
    expect(unlinked.map((r) => r.changeIdeaId)).toEqual([13, 14]);
  });

  it("with no drivers at all, every ramp is unlinked", () => {
    const { groups, unlinked } = groupRampsByDriver({ primaries: [], secondaries: [], driverLinks: [], ideaLinks: [], ramps: [ramp(1), ramp(2)] });
    expect(groups).toEqual([]);
    expect(unlinked).toHaveLength(2);
  });
});
