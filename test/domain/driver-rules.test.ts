import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  changeIdeaStatus,
  currentPick,
  latestLearning,
  linkProblem,
  passing,
  pickCategory,
  placeBeside,
  swapWith,
  wouldCreateCycle,
  type Edge,
} from "~/domain/driver-rules";

describe("changeIdeaStatus: from the latest cycle's Act decision", () => {
  it("is not yet tested with no cycles", () => {
    expect(changeIdeaStatus([])).toBe("not_tested");
  });
  it("is testing while the latest cycle has no decision", () => {
    expect(changeIdeaStatus([{ number: 1, actDecision: null }])).toBe("testing");
    expect(
      changeIdeaStatus([
        { number: 1, actDecision: "adapt" },
        { number: 4, actDecision: null },
      ]),
    ).toBe("testing");
  });
  it("follows the latest cycle by number, whatever order they come in", () => {
    expect(
      changeIdeaStatus([
        { number: 5, actDecision: "adopt" },
        { number: 2, actDecision: "abandon" },
      ]),
    ).toBe("adopted");
    expect(
      changeIdeaStatus([
        { number: 2, actDecision: "adopt" },
        { number: 3, actDecision: "adapt" },
      ]),
    ).toBe("adapted");
    expect(changeIdeaStatus([{ number: 7, actDecision: "abandon" }])).toBe("abandoned");
  });
  it("latest learning is the newest cycle's non-empty Study learning", () => {
    expect(
      latestLearning([
        { number: 1, actDecision: null, studyLearning: "old" },
        { number: 2, actDecision: null, studyLearning: "  " },
      ]),
    ).toBe("old");
    expect(
      latestLearning([
        { number: 3, actDecision: null, studyLearning: "new" },
        { number: 1, actDecision: null, studyLearning: "old" },
      ]),
    ).toBe("new");
    expect(latestLearning([])).toBe("");
  });
});

describe("PICK", () => {
  it("sorts the four quadrants", () => {
    expect(pickCategory("low", "easy")).toBe("possible");
    expect(pickCategory("high", "easy")).toBe("implement");
    expect(pickCategory("high", "hard")).toBe("challenge");
    expect(pickCategory("low", "hard")).toBe("kill");
  });
  it("the latest rating is the category; none is no category", () => {
    expect(currentPick([])).toBeNull();
    expect(
      currentPick([
        { impact: "high", ease: "hard", at: 2 },
        { impact: "low", ease: "easy", at: 1 },
      ]),
    ).toBe("challenge");
    expect(
      currentPick([
        { impact: "high", ease: "hard", at: 2 },
        { impact: "high", ease: "easy", at: 3 },
      ]),
    ).toBe("implement");
  });
});

describe("link rules", () => {
  const P = (id: number) => ({ id, kind: "primary" as const });
  const S = (id: number) => ({ id, kind: "secondary" as const });
  const I = (id: number) => ({ id, kind: "idea" as const });
  it("a change idea goes under a secondary driver only", () => {
    expect(linkProblem(S(1), I(9), [])).toBeNull();
    expect(linkProblem(P(1), I(9), [])).toBe("A change idea can only go under a secondary driver");
    expect(linkProblem(I(2), I(9), [])).toBe("A change idea can only go under a secondary driver");
  });
  it("a secondary driver goes under a primary one; a primary under nothing", () => {
    expect(linkProblem(P(1), S(2), [])).toBeNull();
    expect(linkProblem(S(1), S(2), [])).toBe("A secondary driver can only go under a primary driver");
    expect(linkProblem(P(1), P(2), [])).toMatch(/straight under the aim/);
  });
  it("never twice, and an idea whose id equals its driver's is still fine", () => {
    expect(linkProblem(P(1), S(2), [{ parent: 1, child: 2 }])).toBe("These are already linked");
    expect(linkProblem(S(4), I(4), [])).toBeNull();
  });
  it("refuses a link that would close a loop", () => {
    const edges: Edge[] = [
      { parent: 1, child: 2 },
      { parent: 2, child: 3 },
    ];
    expect(wouldCreateCycle(edges, 3, 1)).toBe(true);
    expect(wouldCreateCycle(edges, 1, 3)).toBe(false);
    expect(wouldCreateCycle(edges, 2, 2)).toBe(true);
  });
  it("links accepted one by one never form a loop (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })), { maxLength: 40 }), (pairs) => {
        const edges: Edge[] = [];
        for (const [parent, child] of pairs) if (!wouldCreateCycle(edges, parent, child)) edges.push({ parent, child });
        // A loop means some node reaches itself.
        const reaches = (from: number, to: number, seen = new Set<number>()): boolean =>
          edges.some((e) => e.parent === from && (e.child === to || (!seen.has(e.child) && (seen.add(e.child), reaches(e.child, to, seen)))));
        for (let n = 1; n <= 8; n++) expect(reaches(n, n)).toBe(false);
      }),
    );
  });
  it("swapWith finds the neighbour, or null at the ends", () => {
    const list = [{ id: 1 }, { id: 2 }, { id: 3 }];
    expect(swapWith(list, 2, "up")).toEqual({ id: 1 });
    expect(swapWith(list, 2, "down")).toEqual({ id: 3 });
    expect(swapWith(list, 1, "up")).toBeNull();
    expect(swapWith(list, 3, "down")).toBeNull();
  });
  it("passing accepts a node on the side it moves to, and placeBeside puts it just above or below", () => {
    const list = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }];
    expect(passing(list, 4, 2, "up")).toEqual({ id: 2 });
    expect(passing(list, 1, 3, "down")).toEqual({ id: 3 });
    expect(passing(list, 2, 4, "up")).toBeNull();
    expect(passing(list, 3, 1, "down")).toBeNull();
    expect(passing(list, 2, 2, "up")).toBeNull();
    expect(passing(list, 2, 9, "down")).toBeNull();
    expect(placeBeside([1, 2, 3, 4], 4, 2, "up")).toEqual([1, 4, 2, 3]);
    expect(placeBeside([1, 2, 3, 4], 1, 3, "down")).toEqual([2, 3, 1, 4]);
    // One place is the neighbour's swap.
    expect(placeBeside([1, 2, 3], 2, 1, "up")).toEqual([2, 1, 3]);
    expect(placeBeside([1, 2, 3], 2, 9, "up")).toEqual([1, 2, 3]);
  });
});
