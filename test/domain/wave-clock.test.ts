import { describe, expect, it } from "vitest";
import { describeWaveClock, waveClock } from "~/domain/wave-clock";

describe("wave clock", () => {
  // A 20-week wave: Monday 7 Sep 2026 to Sunday 24 Jan 2027.
  const start = "2026-09-07";
  const end = "2027-01-24";
  it("counts weeks from 1 while the wave runs", () => {
    expect(waveClock(start, end, "2026-09-07")).toEqual({ state: "running", week: 1, totalWeeks: 20 });
    expect(waveClock(start, end, "2026-09-13")).toEqual({ state: "running", week: 1, totalWeeks: 20 });
    expect(waveClock(start, end, "2026-09-14")).toEqual({ state: "running", week: 2, totalWeeks: 20 });
    expect(describeWaveClock(waveClock(start, end, "2026-11-26"))).toBe("Week 12 of 20");
    expect(waveClock(start, end, "2027-01-24")).toEqual({ state: "running", week: 20, totalWeeks: 20 });
  });
  it("says when it starts and when it has finished", () => {
    expect(describeWaveClock(waveClock(start, end, "2026-09-06"))).toBe("Starts in 1 day (20 weeks)");
    expect(describeWaveClock(waveClock(start, end, "2027-01-25"))).toBe("Finished (20 weeks)");
  });
});
