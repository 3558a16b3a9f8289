import { describe, expect, it } from "vitest";
import type { FlagCode } from "~/domain/attention";
import {
  actionStatus,
  closeProblems,
  closeRefusal,
  FLAG_SEVERITY,
  loopGroup,
  mergeAttendees,
  moveInList,
  PRESELECTED_MAX,
  suggestAgenda,
  type AgendaCandidate,
  type ClosingItem,
} from "~/domain/meeting-rules";
import { FLAG_CODES } from "~/domain/attention";

const TODAY = "2026-11-26";
const day = (iso: string) => `day ${iso}`;

function candidate(projectId: number, title: string, extra: Partial<AgendaCandidate> = {}): AgendaCandidate {
  return { projectId, title, stage: "active", flags: [], flagCount: 0, boardRagDate: "2026-11-01", ...extra };
}
const flagged = (n: number, code: FlagCode = "milestone_overdue") => Array.from({ length: n }, (_, i) => ({ code, reason: `reason ${i + 1}` }));

describe("suggested agenda", () => {
  it("puts flagged projects first, most flags first, then title; the reasons are the flags' reasons", () => {
    const result = suggestAgenda(
      [
        candidate(1, "Zeta", { flags: flagged(1), flagCount: 1 }),
        candidate(2, "Alpha", { flags: flagged(3), flagCount: 3 }),
        candidate(3, "Beta", { flags: flagged(1), flagCount: 1 }),
        candidate(4, "Quiet", { boardRagDate: "2026-11-20" }),
      ],
      day,
      { flagged: 10, unreviewed: 0 },
    );
    expect(result.map((r) => r.projectId)).toEqual([2, 3, 1]);
    expect(result[0].reason).toBe("reason 1; reason 2; reason 3");
  });

  it("then adds the longest-unreviewed approved, active or sustaining projects, never-reviewed first", () => {
    const result = suggestAgenda(
      [
        candidate(1, "Flagged", { flags: flagged(2), flagCount: 2, boardRagDate: null }),
        candidate(2, "Reviewed last week", { boardRagDate: "2026-11-19" }),
        candidate(3, "Reviewed in summer", { boardRagDate: "2026-07-01" }),
        candidate(4, "Never reviewed", { boardRagDate: null, stage: "approved" }),
        candidate(5, "Closed long ago", { boardRagDate: null, stage: "closed" }),
        candidate(6, "Proposal", { boardRagDate: null, stage: "proposed" }),
        candidate(7, "Reviewed in spring", { boardRagDate: "2026-04-01", stage: "sustaining" }),
      ],
      day,
      { flagged: 10, unreviewed: 3 },
    );
    expect(result.map((r) => r.projectId)).toEqual([1, 4, 7, 3]);
    expect(result[1].reason).toBe("Not yet reviewed by the board");
    expect(result[2].reason).toBe("Not reviewed by the board since day 2026-04-01");
  });

  it("caps the flagged list, and a capped-out flagged project can still come back as unreviewed", () => {
    const result = suggestAgenda(
      [
        candidate(1, "A", { flags: flagged(3), flagCount: 3 }),
        candidate(2, "B", { flags: flagged(2), flagCount: 2 }),
        candidate(3, "C", { flags: flagged(1), flagCount: 1, boardRagDate: null }),
      ],
      day,
      { flagged: 2, unreviewed: 1 },
    );
    expect(result.map((r) => r.projectId)).toEqual([1, 2, 3]);
    expect(result[2].reason).toBe("Not yet reviewed by the board");
  });

  it("orders by the worst flag before the number of flags", () => {
    const result = suggestAgenda(
      [
        candidate(1, "Many small", { flags: flagged(4, "measure_no_data"), flagCount: 4 }),
        candidate(2, "One concern", { flags: flagged(1, "measure_concern"), flagCount: 1 }),
        candidate(3, "Two late", { flags: flagged(2, "milestone_overdue"), flagCount: 2 }),
      ],
      day,
      { flagged: 10, unreviewed: 0 },
    );
    expect(result.map((r) => r.projectId)).toEqual([2, 3, 1]);
  });

  it("pre-selects only the few most urgent, never a housekeeping flag or an unreviewed project", () => {
    const candidates = [
      ...Array.from({ length: 8 }, (_, i) => candidate(i + 1, `Late ${i + 1}`, { flags: flagged(1), flagCount: 1 })),
      candidate(9, "Concern", { flags: flagged(1, "rag_green_but_concern"), flagCount: 1 }),
      candidate(10, "No data", { flags: flagged(3, "measure_no_data"), flagCount: 3 }),
      candidate(11, "Never reviewed", { boardRagDate: null }),
    ];
    const result = suggestAgenda(candidates, day);
    expect(result).toHaveLength(11);
    const ticked = result.filter((r) => r.preselected).map((r) => r.projectId);
    expect(ticked).toHaveLength(PRESELECTED_MAX);
    expect(ticked[0]).toBe(9); // the highest severity first
    expect(result.find((r) => r.projectId === 10)?.preselected).toBe(false);
    expect(result.find((r) => r.projectId === 11)?.preselected).toBe(false);

    const onlyHousekeeping = suggestAgenda([candidate(1, "No data", { flags: flagged(2, "measure_no_data"), flagCount: 2 })], day);
    expect(onlyHousekeeping.map((r) => r.preselected)).toEqual([false]);
  });

  it("rates every flag code", () => {
    for (const code of FLAG_CODES) expect([1, 2, 3]).toContain(FLAG_SEVERITY[code]);
  });

  it("suggests nothing for an empty portfolio", () => {
    expect(suggestAgenda([], day)).toEqual([]);
  });
});

describe("action status", () => {
  it.each([
    [{ dueOn: "2026-11-25", completedOn: null }, "overdue"],
    [{ dueOn: "2026-11-26", completedOn: null }, "open"], // due today is not yet overdue
    [{ dueOn: "2026-12-10", completedOn: null }, "open"],
    [{ dueOn: "2026-10-01", completedOn: "2026-11-20" }, "done"], // done late is still done
  ] as const)("%o is %s", (action, expected) => {
    expect(actionStatus(action, TODAY)).toBe(expected);
  });

  it("closing the loop hides actions done before the previous meeting", () => {
    const previous = "2026-10-29";
    expect(loopGroup({ dueOn: "2026-10-15", completedOn: "2026-10-01" }, TODAY, previous)).toBeNull();
    expect(loopGroup({ dueOn: "2026-11-15", completedOn: "2026-10-29" }, TODAY, previous)).toBe("done");
    expect(loopGroup({ dueOn: "2026-11-12", completedOn: null }, TODAY, previous)).toBe("overdue");
    expect(loopGroup({ dueOn: "2026-12-17", completedOn: null }, TODAY, previous)).toBe("open");
    expect(loopGroup({ dueOn: "2026-10-15", completedOn: "2026-10-01" }, TODAY, null)).toBe("done");
  });
});

describe("agenda order and attendees", () => {
  it("moves an item up or down, and leaves the list alone at either end", () => {
    expect(moveInList([1, 2, 3], 1, "up")).toEqual([2, 1, 3]);
    expect(moveInList([1, 2, 3], 1, "down")).toEqual([1, 3, 2]);
    expect(moveInList([1, 2, 3], 0, "up")).toEqual([1, 2, 3]);
    expect(moveInList([1, 2, 3], 2, "down")).toEqual([1, 2, 3]);
  });

  it("merges typed and chosen attendees without repeats", () => {
    expect(mergeAttendees("Dr Priya Raman; Helen Whitfield\n\n  Blake Board ", ["blake board", "Alex Admin"])).toEqual([
      "Dr Priya Raman",
      "Helen Whitfield",
      "Blake Board",
      "Alex Admin",
    ]);
  });
});

describe("closeProblems", () => {
  const item = (id: number, decision: ClosingItem["decision"], notes = ""): ClosingItem => ({ id, title: `Project ${id}`, decision, notes });

  it("refuses before the meeting's date, and names each undecided item", () => {
    const problems = closeProblems("2026-11-30", [item(1, "continue"), item(2, null), item(3, null)], TODAY, day);
    expect(problems).toEqual([
      { itemId: null, message: "The meeting is on day 2026-11-30: it can be closed from that day, once the board has met" },
      { itemId: 2, message: "Project 2 has no decision: record the board's decision, or defer it with a reason" },
      { itemId: 3, message: "Project 3 has no decision: record the board's decision, or defer it with a reason" },
    ]);
    expect(closeRefusal(problems)).toMatch(/^This meeting can't be closed yet\. The meeting is on day 2026-11-30.*Project 3 has no decision.*reason\.$/);
  });

  it("accepts a deferral only with its reason", () => {
    expect(closeProblems(TODAY, [item(1, "defer", "  ")], TODAY, day)).toEqual([
      { itemId: 1, message: "Project 1 is deferred without a reason: give the reason in the notes" },
    ]);
    expect(closeProblems(TODAY, [item(1, "defer", "Ran out of time; first item next month")], TODAY, day)).toEqual([]);
  });

  it("allows closing on the day or after, with every item decided (or none on the agenda)", () => {
    expect(closeProblems(TODAY, [item(1, "escalate"), item(2, "celebrate")], TODAY, day)).toEqual([]);
    expect(closeProblems("2026-11-01", [], TODAY, day)).toEqual([]);
  });
});
