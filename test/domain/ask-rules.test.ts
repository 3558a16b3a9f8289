import { describe, expect, it } from "vitest";
import {
  ASK_OUTCOMES,
  askAgeDays,
  askTransitionProblem,
  canMoveAsk,
  countWaitingAsks,
  isAskOverdue,
  isInHandAsk,
  isOpenAsk,
  isWaitingAsk,
  WAITING_ASK_STATES,
  waitingAsksText,
  type AskOutcome,
} from "~/domain/ask-rules";
import { ASK_STATES, type AskState } from "~/domain/enums";

// Every (from, to) pair: open → accepted → resolved, or declined from open or accepted.
const ALLOWED: Record<AskState, AskOutcome[]> = {
  open: ["accepted", "declined"],
  accepted: ["resolved", "declined"],
  resolved: [],
  declined: [],
};

describe("ask transitions", () => {
  const table = ASK_STATES.flatMap((from) => ASK_OUTCOMES.map((to) => [from, to, ALLOWED[from].includes(to)] as const));
  expect(table).toHaveLength(12);

  it.each(table)("%s → %s allowed: %s", (from, to, allowed) => {
    expect(canMoveAsk(from, to)).toBe(allowed);
    const problem = askTransitionProblem(from, to);
    if (allowed) expect(problem).toBeNull();
    else expect(problem).toMatch(/\S/);
  });

  it("explains each refusal in words", () => {
    expect(askTransitionProblem("declined", "resolved")).toBe("This ask has already been declined, so you cannot resolve it.");
    expect(askTransitionProblem("resolved", "accepted")).toBe("This ask has already been resolved, so you cannot accept it.");
    expect(askTransitionProblem("open", "resolved")).toBe("Accept this ask before you resolve it.");
    expect(askTransitionProblem("accepted", "accepted")).toBe("This ask is already accepted.");
  });

  it("open and accepted asks are still open; resolved and declined are final", () => {
    expect(ASK_STATES.filter(isOpenAsk)).toEqual(["open", "accepted"]);
  });
});

describe("age and overdue", () => {
  it("counts whole days since it was raised, never negative", () => {
    expect(askAgeDays("2026-11-26", "2026-11-26")).toBe(0);
    expect(askAgeDays("2026-11-12", "2026-11-26")).toBe(14);
    expect(askAgeDays("2026-11-27", "2026-11-26")).toBe(0);
  });

  it("is overdue only while open and past its date", () => {
    expect(isAskOverdue({ state: "open", dueOn: "2026-11-25" }, "2026-11-26")).toBe(true);
    expect(isAskOverdue({ state: "accepted", dueOn: "2026-11-25" }, "2026-11-26")).toBe(true);
    expect(isAskOverdue({ state: "open", dueOn: "2026-11-26" }, "2026-11-26")).toBe(false);
    expect(isAskOverdue({ state: "resolved", dueOn: "2026-11-01" }, "2026-11-26")).toBe(false);
    expect(isAskOverdue({ state: "open", dueOn: null }, "2026-11-26")).toBe(false);
  });
});

describe("isWaitingAsk: the one meaning of waiting", () => {
  it("is waiting only while nobody has answered it", () => {
    expect(ASK_STATES.filter((state) => isWaitingAsk({ state }))).toEqual(["open"]);
    expect(WAITING_ASK_STATES).toEqual(["open"]);
    expect(isInHandAsk({ state: "accepted" })).toBe(true);
    expect(isWaitingAsk({ state: "accepted" })).toBe(false);
  });

  it("counts and words the waiting asks", () => {
    const asks = [{ state: "open" }, { state: "accepted" }, { state: "open" }, { state: "resolved" }, { state: "declined" }] as const;
    expect(countWaitingAsks(asks)).toBe(2);
    expect(waitingAsksText(2)).toBe("2 asks waiting for an answer");
    expect(waitingAsksText(1)).toBe("1 ask waiting for an answer");
    expect(waitingAsksText(0)).toBe("No asks waiting for an answer");
  });

  it("every waiting ask can still be answered", () => {
    for (const state of WAITING_ASK_STATES) expect(isOpenAsk(state)).toBe(true);
  });
});
