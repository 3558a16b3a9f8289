// Per-point limits (p, p′, u and u′ charts, whose limits move with each
// point's denominator) drawn as steps: each point's limit spans from halfway
// to its left neighbour to halfway to its right one, within its segment.
import type { SpcPoint, SpcSegment } from "~/domain/spc";
import { r1, xOf } from "./scale";

/** True when some point of the segment has limits other than the segment's. */
export function limitsVary(points: readonly SpcPoint[], s: SpcSegment): boolean {
  for (let i = s.first_index; i <= s.last_index; i++) {
    const p = points[i];
    if (p.ucl !== s.ucl || p.lcl !== s.lcl) return true;
  }
  return false;
}

/** An SVG path of one limit across a segment, stepping at the midpoints between points; gaps where a point has no limit. */
export function steppedPath(
  points: readonly SpcPoint[],
  s: SpcSegment,
  n: number,
  x1: number,
  x2: number,
  limit: (p: SpcPoint) => number | null,
  y: (v: number) => number,
): string {
  let d = "";
  let open = false;
  for (let i = s.first_index; i <= s.last_index; i++) {
    const v = limit(points[i]);
    if (v === null) {
      open = false;
      continue;
    }
    const left = i === s.first_index ? x1 : (xOf(i - 1, n) + xOf(i, n)) / 2;
    const right = i === s.last_index ? x2 : (xOf(i, n) + xOf(i + 1, n)) / 2;
    const yy = r1(y(v));
    d += open ? `V${yy}H${r1(right)}` : `M${r1(left)} ${yy}H${r1(right)}`;
    open = true;
  }
  return d;
}
