import { describe, expect, it } from "vitest";
import { plural } from "~/domain/plural";

describe("plural", () => {
  it("uses the singular for exactly one and the plural otherwise", () => {
    expect(plural(1, "change idea")).toBe("1 change idea");
    expect(plural(0, "change idea")).toBe("0 change ideas");
    expect(plural(2, "change idea")).toBe("2 change ideas");
  });
  it("takes an irregular plural", () => {
    expect(plural(1, "project has", "projects have")).toBe("1 project has");
    expect(plural(3, "activity", "activities")).toBe("3 activities");
  });
  it("groups thousands the UK way", () => {
    expect(plural(12_345, "value")).toBe("12,345 values");
  });
});
