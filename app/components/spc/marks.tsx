// Point marks: colour AND shape say what a point is, so colour is never the
// only cue. Improvement: a circle with an arrowhead showing the direction;
// concern: a diamond; neutral: a triangle pointing the way it moved; common
// cause: a small circle.
import type { Direction, SpecialCause } from "~/domain/spc";
import { r1, withUnit } from "./scale";
import type { PdsaMarker } from "./frame";

export type MarkKind = SpecialCause | "run";

export interface MarkPaths {
  /** The filled outline. */
  outer: string;
  /** A white detail drawn on top (the improvement arrowhead), if any. */
  inner: string | null;
}

function circle(x: number, y: number, r: number): string {
  const rr = r1(r);
  return `M${r1(x - rr)} ${r1(y)}a${rr} ${rr} 0 1 0 ${r1(rr * 2)} 0a${rr} ${rr} 0 1 0 ${r1(-rr * 2)} 0Z`;
}

/** Marks shrink when points crowd together (down to 45% at about 40 points per 100 px). */
export function markScale(n: number, plotWidth: number): number {
  if (n <= 1) return 1;
  return Math.max(0.45, Math.min(1, plotWidth / (n - 1) / 14));
}

/** SVG path data for one point's mark, centred on (x, y), `k` times the full size. */
export function markPaths(kind: MarkKind, direction: Direction | null, x: number, y: number, k = 1): MarkPaths {
  const up = direction !== "low";
  const P = (dx: number, dy: number) => `${r1(x + dx * k)} ${r1(y + dy * k)}`;
  switch (kind) {
    case "improvement": {
      const tip = up ? -3.2 : 3.2;
      const base = up ? 2.2 : -2.2;
      return { outer: circle(x, y, 6.5 * k), inner: `M${P(-3.4, base)}L${P(3.4, base)}L${P(0, tip)}Z` };
    }
    case "concern":
      return { outer: `M${P(0, -7)}L${P(7, 0)}L${P(0, 7)}L${P(-7, 0)}Z`, inner: null };
    case "neutral": {
      const tip = up ? -7 : 7;
      const base = up ? 5 : -5;
      return { outer: `M${P(-6.5, base)}L${P(6.5, base)}L${P(0, tip)}Z`, inner: null };
    }
    case "run":
    case "common":
      return { outer: circle(x, y, 3.5 * k), inner: null };
  }
}

export function markClassName(kind: MarkKind): string {
  return `app-spc-point app-spc-point--${kind}`;
}

/** One mark drawn alone (legends, keys). */
export function MarkSwatch({ kind, direction = "high" }: { kind: MarkKind; direction?: Direction }) {
  const { outer, inner } = markPaths(kind, direction, 9, 9);
  return (
    <svg className="app-spc-swatch" viewBox="0 0 18 18" width="18" height="18" aria-hidden="true" focusable="false">
      <g className={markClassName(kind)}>
        <path className="app-spc-point__mark" d={outer} />
        {inner ? <path className="app-spc-point__inner" d={inner} /> : null}
      </g>
    </svg>
  );
}

function LineSwatch({ variant }: { variant: "mean" | "limit" | "target" | "median" | "values" }) {
  return (
    <svg className="app-spc-swatch" viewBox="0 0 28 18" width="28" height="18" aria-hidden="true" focusable="false">
      <line className={`app-spc-chart__${variant}`} x1="1" y1="9" x2="27" y2="9" fill="none" />
    </svg>
  );
}

const MARK_LEGEND: { kind: MarkKind; direction?: Direction; text: string }[] = [
  { kind: "improvement", text: "Special cause improvement (circle with arrowhead)" },
  { kind: "concern", text: "Special cause concern (diamond)" },
  { kind: "neutral", text: "Special cause neutral variation (triangle)" },
  { kind: "common", text: "Common cause (small circle)" },
];

/** The latest values of the chart's lines, in words for the key (the labels beside the lines may be hidden). */
export interface LegendValues {
  centre?: string;
  limits?: string;
  target?: string;
}

export function legendValues(v: {
  centre?: number | null;
  lcl?: number | null;
  ucl?: number | null;
  target?: number | null;
  unitLabel?: string;
}): LegendValues {
  const u = v.unitLabel;
  return {
    centre: v.centre === null || v.centre === undefined ? undefined : withUnit(v.centre, u),
    limits: v.lcl === null || v.lcl === undefined || v.ucl === null || v.ucl === undefined ? undefined : `${withUnit(v.lcl, u)} to ${withUnit(v.ucl, u)}`,
    target: v.target === null || v.target === undefined ? undefined : withUnit(v.target, u),
  };
}

function PdsaSwatch({ planned }: { planned: boolean }) {
  return (
    <svg className="app-spc-swatch" viewBox="0 0 18 18" width="18" height="18" aria-hidden="true" focusable="false">
      <g className={`app-spc-chart__pdsa${planned ? " app-spc-chart__pdsa--planned" : ""}`}>
        <path className="app-spc-chart__pdsa-tick" d="M9 4L14 13L4 13Z" />
      </g>
    </svg>
  );
}

/** The key under a chart, with the latest values of its lines. */
export function ChartLegend({
  variant,
  hasTarget,
  kinds,
  values = {},
  pdsaMarkers = [],
}: {
  variant: "xmr" | "run";
  hasTarget: boolean;
  /** Which point kinds appear; the XmR chart lists only those. */
  kinds?: ReadonlySet<MarkKind>;
  values?: LegendValues;
  pdsaMarkers?: readonly PdsaMarker[];
}) {
  const marks = variant === "xmr" ? MARK_LEGEND.filter((m) => !kinds || kinds.has(m.kind)) : [];
  const value = (text?: string) => (text ? <strong className="app-spc-legend__value">{text}</strong> : null);
  return (
    <ul className="app-spc-legend" aria-label="Key">
      {marks.map((m) => (
        <li key={m.kind} className="app-spc-legend__item app-spc-legend__item--mark">
          <MarkSwatch kind={m.kind} direction={m.direction} />
          {m.text}
        </li>
      ))}
      {variant === "run" ? (
        <li className="app-spc-legend__item app-spc-legend__item--mark">
          <MarkSwatch kind="run" />
          Value
        </li>
      ) : null}
      <li className="app-spc-legend__item app-spc-legend__item--line">
        <LineSwatch variant={variant === "xmr" ? "mean" : "median"} />
        <span>{variant === "xmr" ? "Mean" : "Median"}</span> {value(values.centre)}
      </li>
      {variant === "xmr" ? (
        <li className="app-spc-legend__item app-spc-legend__item--line">
          <LineSwatch variant="limit" />
          <span>
            Process limits<span className="app-spc-legend__style"> (dashed)</span>
          </span>{" "}
          {value(values.limits)}
        </li>
      ) : null}
      {hasTarget ? (
        <li className="app-spc-legend__item app-spc-legend__item--line">
          <LineSwatch variant="target" />
          <span>
            Target<span className="app-spc-legend__style"> (dash-dot)</span>
          </span>{" "}
          {value(values.target)}
        </li>
      ) : null}
      {pdsaMarkers.some((m) => !m.planned) ? (
        <li className="app-spc-legend__item app-spc-legend__item--mark">
          <PdsaSwatch planned={false} />
          PDSA cycle started
        </li>
      ) : null}
      {pdsaMarkers.some((m) => m.planned) ? (
        <li className="app-spc-legend__item app-spc-legend__item--mark">
          <PdsaSwatch planned />
          PDSA cycle planned (hollow)
        </li>
      ) : null}
    </ul>
  );
}
