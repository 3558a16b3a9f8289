import { describe, expect, it } from "vitest";
import { analyseSeries } from "~/domain/spc";
import { syntheticSeries } from "../../../bench/spc-engine";

describe("SPC benchmark inputs", () => {
  it("synthetic series are deterministic and exercise the rules", () => {
    const a = syntheticSeries(300, 100, 7);
    const b = syntheticSeries(300, 100, 7);
    expect(a).toEqual(b);
    const rules = new Set(a.flatMap((input) => analyseSeries(input).points.map((p) => p.rule)));
    expect(rules).toEqual(new Set([null, "astronomical", "trend", "two_of_three", "shift"]));
  });
});
