import { describe, expect, it } from "vitest";
import { boardMeetingTitle, waveLabel } from "~/domain/wave-label";

describe("wave labels", () => {
  it("never repeats the wave's number", () => {
    expect(waveLabel(1, "Wave 1: Spring 2027")).toBe("Wave 1: Spring 2027");
    expect(waveLabel(2, "Listening into Action Wave 2")).toBe("Listening into Action Wave 2");
    expect(waveLabel(1, "Spring 2027")).toBe("Wave 1: Spring 2027");
    expect(waveLabel(3, "")).toBe("Wave 3");
    expect(waveLabel(3, null)).toBe("Wave 3");
    // "Wave 12" is not wave 1.
    expect(waveLabel(1, "Wave 12 pilots")).toBe("Wave 1: Wave 12 pilots");
  });
});

describe("the default board meeting title", () => {
  it("does not say programme twice", () => {
    expect(boardMeetingTitle("Quality Improvement Programme")).toBe("Quality Improvement Programme board");
    expect(boardMeetingTitle("Listening into Action")).toBe("Listening into Action programme board");
    expect(boardMeetingTitle("QI Programme Board")).toBe("QI Programme Board");
  });
});
