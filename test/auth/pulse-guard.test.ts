// The Pulse Check's answer limit per address, held in memory only (ADR 085), shared out between the server's
// worker processes (ADR 120): each allows its share, so all of them together allow no more than the limit.
import { afterEach, describe, expect, it } from "vitest";
import { ANSWER_LIMIT, ANSWER_WINDOW_MS, answerLimitPerProcess, answerRateLimited } from "~/auth/pulse-guard.server";

const holder = globalThis as { __steppingUpNow?: () => number };
afterEach(() => {
  delete process.env.STEPPING_UP_WORKERS;
  holder.__steppingUpNow = undefined;
});

describe("the Pulse Check answer limit", () => {
  it("is the whole limit in one process and an equal share in each of several workers, never more in total (up to 60 workers)", () => {
    expect(answerLimitPerProcess(1)).toBe(ANSWER_LIMIT);
    expect(answerLimitPerProcess(2)).toBe(ANSWER_LIMIT / 2);
    for (const n of [3, 4, 7, 16, 60]) {
      expect(answerLimitPerProcess(n) * n).toBeLessThanOrEqual(ANSWER_LIMIT);
      expect(answerLimitPerProcess(n)).toBeGreaterThanOrEqual(1);
    }
    // More workers than answers: one each (a worker never refuses everyone).
    expect(answerLimitPerProcess(64)).toBe(1);
    expect(answerLimitPerProcess(Number.NaN)).toBe(ANSWER_LIMIT);
    process.env.STEPPING_UP_WORKERS = "2";
    expect(answerLimitPerProcess()).toBe(ANSWER_LIMIT / 2);
  });

  it("refuses an address past this worker's share within the window, and lets it in again after", () => {
    process.env.STEPPING_UP_WORKERS = "2";
    let now = 1_800_000_000_000;
    holder.__steppingUpNow = () => now;
    const ip = "203.0.113.9";
    for (let i = 0; i < ANSWER_LIMIT / 2; i++) expect(answerRateLimited(ip)).toBe(false);
    expect(answerRateLimited(ip)).toBe(true);
    expect(answerRateLimited("203.0.113.10")).toBe(false);
    now += ANSWER_WINDOW_MS + 1;
    expect(answerRateLimited(ip)).toBe(false);
  });
});
