// A small, independent XmR reading (NHSRplotthedots 0.2.x defaults, as in DOMAIN.md),
// used only to check that the demo data shows the SPC patterns it was built for.
import type { AssuranceIcon, ImprovementDirection, VariationIcon } from "../../app/domain/enums";

export type SpcReading = {
  variation: VariationIcon;
  assurance: AssuranceIcon | null;
  mean: number;
  ucl: number;
  lcl: number;
  /** Indexes (whole series) of points outside the process limits. */
  outside: number[];
};

type Limits = { mean: number; ucl: number; lcl: number; u2: number; l2: number };

function limitsOf(values: number[]): Limits {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const mr: number[] = [];
  for (let i = 1; i < values.length; i++) mr.push(Math.abs(values[i] - values[i - 1]));
  let amr = mr.reduce((a, b) => a + b, 0) / mr.length;
  const kept = mr.filter((m) => m < 3.267 * amr);
  amr = kept.reduce((a, b) => a + b, 0) / kept.length;
  return { mean, ucl: mean + 2.66 * amr, lcl: mean - 2.66 * amr, u2: mean + 1.7733 * amr, l2: mean - 1.7733 * amr };
}

type Rule = "outside" | "trend" | "two_of_three" | "shift";
type Flag = { rule: Rule; high: boolean };

/** The strongest signal on the last point of a segment, or null for common cause. */
function lastPointSignal(seg: number[], l: Limits): Flag | null {
  const n = seg.length;
  const last = n - 1;
  const x = seg[last];
  if (x > l.ucl || x < l.lcl) return { rule: "outside", high: x > l.mean };
  // Trend: 7 points each strictly higher (or lower) than the one before, ending at the last point.
  let up = 1;
  while (up <= last && seg[last - up + 1] > seg[last - up]) up++;
  let down = 1;
  while (down <= last && seg[last - down + 1] < seg[last - down]) down++;
  if (up >= 7) return { rule: "trend", high: true };
  if (down >= 7) return { rule: "trend", high: false };
  // Two out of three beyond 2 sigma (inside the limits), on the same side, including the last point.
  const closeHigh = (v: number) => v > l.u2 && v <= l.ucl;
  const closeLow = (v: number) => v < l.l2 && v >= l.lcl;
  // The only window of three that holds the last point is the last three points.
  const window = seg.slice(Math.max(0, last - 2));
  if (window.length === 3) {
    if (closeHigh(x) && window.filter(closeHigh).length >= 2) return { rule: "two_of_three", high: true };
    if (closeLow(x) && window.filter(closeLow).length >= 2) return { rule: "two_of_three", high: false };
  }
  // Shift: 7 or more in a row on one side of the mean (a point on the mean breaks it).
  const side = Math.sign(x - l.mean);
  if (side !== 0) {
    let run = 0;
    for (let i = last; i >= 0 && Math.sign(seg[i] - l.mean) === side; i--) run++;
    if (run >= 7) return { rule: "shift", high: side > 0 };
  }
  return null;
}

export function readSpc(
  values: number[],
  improvement: ImprovementDirection,
  options: { target?: number | null; baselinePoints?: number | null; rebaseAt?: number[] } = {},
): SpcReading {
  const starts = [0, ...(options.rebaseAt ?? [])].sort((a, b) => a - b);
  const outside: number[] = [];
  let lastLimits: Limits | null = null;
  let lastSignal: Flag | null = null;
  starts.forEach((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : values.length;
    const seg = values.slice(start, end);
    const base = k === 0 && options.baselinePoints && seg.length > options.baselinePoints ? seg.slice(0, options.baselinePoints) : seg;
    const l = limitsOf(base);
    seg.forEach((v, i) => {
      if (v > l.ucl || v < l.lcl) outside.push(start + i);
    });
    lastLimits = l;
    lastSignal = lastPointSignal(seg, l);
  });
  const l = lastLimits as unknown as Limits;
  const signal = lastSignal as Flag | null;
  let variation: VariationIcon = "common_cause";
  if (signal) {
    const hl = signal.high ? "high" : "low";
    if (improvement === "neutral") variation = `special_cause_neutral_${hl}`;
    else if ((improvement === "increase") === signal.high) variation = `special_cause_improvement_${hl}`;
    else variation = `special_cause_concern_${hl}`;
  }
  let assurance: AssuranceIcon | null = null;
  const target = options.target;
  if (target !== null && target !== undefined && improvement !== "neutral") {
    const good = improvement === "increase" ? target < l.lcl : target > l.ucl;
    const bad = improvement === "increase" ? target > l.ucl : target < l.lcl;
    assurance = good ? "consistent_pass" : bad ? "consistent_fail" : "inconsistent";
  }
  return { variation, assurance, mean: l.mean, ucl: l.ucl, lcl: l.lcl, outside };
}
