import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FOCUSABLE_POINT_LIMIT, SpcChart, type SpcChartProps } from "~/components/spc";
import { analyseSeries } from "~/domain/spc";

// The worked example: a step up after point 11, higher is better, target 8.
const VALUES = [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 5, 9, 9, 10, 9, 10, 11, 10, 9];
const MONTHS = VALUES.map((_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01`);

function render(props: Partial<SpcChartProps> & Pick<SpcChartProps, "result">) {
  return renderToStaticMarkup(createElement(SpcChart, { title: "Falls", ...props }));
}

/** [kind, index] of each point mark, in document order. */
function marks(html: string): [string, number][] {
  return [...html.matchAll(/<g class="app-spc-point app-spc-point--(\w+)" data-index="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
}

/** The chart's drawing alone, without the key's swatches. */
function chartSvg(html: string): string {
  const start = html.indexOf('<svg class="app-spc-chart__svg"');
  return start < 0 ? "" : html.slice(start, html.indexOf("</svg>", start) + 6);
}

function idText(html: string, id: string): string {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`id="${escaped}"[^>]*>([^<]*)<`).exec(html);
  return m ? m[1] : "";
}

describe("SpcChart: the worked example", () => {
  const result = analyseSeries({ values: VALUES, improvement: "increase", target: 8 });
  const html = render({ result, dates: MONTHS });

  it("draws one focusable mark per point, coloured and shaped by its signal", () => {
    const found = marks(html);
    expect(found.map(([, i]) => i)).toEqual(VALUES.map((_, i) => i));
    for (const [kind, i] of found) expect(kind, `point ${i}`).toBe(i >= 12 ? "improvement" : "concern");
    // Improvement marks carry an arrowhead; concern marks are diamonds with none.
    expect(chartSvg(html).match(/class="app-spc-point__inner"/g)).toHaveLength(8);
    expect(chartSvg(html).match(/tabindex="0"/g)).toHaveLength(20);
  });

  it("labels each point with its date, value and signal, as an accessible name and a tooltip", () => {
    expect(html).toContain('aria-label="Jan 2026: 9 — special cause improvement (shift, high)"');
    expect(html).toContain("<title>Jan 2026: 9 — special cause improvement (shift, high)</title>");
    expect(html).toContain('aria-label="Mar 2026: 10 — special cause improvement (outside the process limits, high)"');
    expect(html).toContain('aria-label="Jan 2025: 5 — special cause concern (two of three close to a limit, low)"');
  });

  it("draws the mean, dashed process limits and a labelled target", () => {
    expect(chartSvg(html).match(/class="app-spc-chart__mean"/g)).toHaveLength(1);
    expect(html).toContain('class="app-spc-chart__limit app-spc-chart__limit--upper"');
    expect(html).toContain('class="app-spc-chart__limit app-spc-chart__limit--lower"');
    expect(html).toContain('class="app-spc-chart__target"');
    for (const label of ["Mean 7.3", "Upper limit 9.96", "Lower limit 4.64", "Target 8"]) expect(html).toContain(`>${label}</tspan>`);
  });

  it("puts the target line between the limits, where the numbers say it is", () => {
    const yOf = (cls: string) => Number(new RegExp(`class="${cls}"[^>]*y1="([\\d.]+)"`).exec(html)?.[1]);
    const upper = yOf("app-spc-chart__limit app-spc-chart__limit--upper");
    const lower = yOf("app-spc-chart__limit app-spc-chart__limit--lower");
    const target = yOf("app-spc-chart__target");
    const mean = yOf("app-spc-chart__mean");
    // SVG y grows downwards: upper limit < target < mean < lower limit.
    expect(upper).toBeLessThan(target);
    expect(target).toBeLessThan(mean);
    expect(mean).toBeLessThan(lower);
  });

  it("has a responsive viewBox and a text alternative with the reading and limits", () => {
    const svg = /<svg class="app-spc-chart__svg" viewBox="0 0 \d+ \d+"[^>]*>/.exec(html)?.[0] ?? "";
    expect(svg).not.toBe("");
    expect(svg).not.toMatch(/\swidth=/);
    const [titleId, descId] = (/aria-labelledby="([^"]+)"/.exec(svg)?.[1] ?? "").split(" ");
    expect(idText(html, titleId)).toBe("Falls");
    const desc = idText(html, descId);
    expect(desc).toContain("Special cause improvement: the last 8 months are all above the average.");
    expect(desc).toContain("Hit and miss");
    expect(desc).toContain("Mean 7.3; process limits 4.64 to 9.96.");
  });

  it("labels the x axis with months, thinned so they do not crowd", () => {
    // The widest band's labels (each band of chart sizes has its own set).
    const widest = html.slice(html.indexOf("app-spc-band--a"), html.indexOf("app-spc-band--b"));
    const ticks = [
      ...widest.matchAll(/class="app-spc-chart__tick app-spc-chart__tick--x" x="[\d.]+" y="[\d.]+" text-anchor="(?:start|middle|end)">([^<]+)</g),
    ].map((m) => m[1]);
    expect(ticks[0]).toBe("Jan 2025");
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks.length).toBeLessThan(20);
    for (const t of ticks) expect(t).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
  });

  it("offers the data as a table in a disclosure that works without JavaScript", () => {
    expect(html).toMatch(
      /<details class="nhsuk-details[^"]*"><summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">Show data as a table<\/span>/,
    );
    const rows = [...html.matchAll(/<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">(\d+)<\/td>(.*?)<\/tr>/g)];
    expect(rows).toHaveLength(20);
    expect(rows[12][2]).toContain('<td class="nhsuk-table__cell">Jan 2026</td>');
    expect(rows[12][2]).toContain("Special cause improvement (shift, high)");
    expect(rows[12][2]).toContain(">9.96<");
    expect(rows[0][2]).toContain("Special cause concern (two of three close to a limit, low)");
  });

  it("has a key that names each shape, and never uses inline styles", () => {
    expect(html).toContain("Special cause improvement (circle with arrowhead)");
    expect(html).toContain("Special cause concern (diamond)");
    expect(html).not.toContain("Common cause (small circle)");
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toContain("NaN");
  });
});

describe("SpcChart: rebases, markers and notes", () => {
  const result = analyseSeries({ values: VALUES, improvement: "increase", target: 8, rebase: [12], dates: MONTHS });
  const html = render({
    result,
    rebaseReasons: [{ index: 12, reason: "New falls pathway" }],
    pdsaMarkers: [
      { date: "2025-11-15", label: "Hourly rounding" },
      { date: "2030-01-01", label: "Later cycle" },
    ],
    annotations: [{ date: "2026-01-01", text: "New ward manager" }],
    unitLabel: "%",
  });

  it("draws each segment's own limits with a labelled break at the rebase", () => {
    expect(html.match(/class="app-spc-chart__segment"/g)).toHaveLength(2);
    expect(chartSvg(html).match(/class="app-spc-chart__mean"/g)).toHaveLength(2);
    expect(html).toContain(">Rebased: New falls pathway</text>");
    expect(html).toContain("<title>New limits from Jan 2026: New falls pathway</title>");
    expect(html).toContain("Limits were recalculated from Jan 2026 (New falls pathway).");
    // The first segment's lines stop before the break; the second's start after it.
    const [first, second] = [...html.matchAll(/class="app-spc-chart__mean" x1="([\d.]+)" x2="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const rebaseX = Number(/class="app-spc-chart__rebase-line" x1="([\d.]+)"/.exec(html)?.[1]);
    expect(first[1]).toBeLessThan(rebaseX);
    expect(second[0]).toBeGreaterThan(rebaseX);
  });

  it("marks PDSA cycles on the time axis and lists them, saying which fall outside the chart", () => {
    expect(html.match(/class="app-spc-chart__pdsa"><title>/g)).toHaveLength(1);
    expect(html).toContain("<title>PDSA cycle P1, 15 Nov 2025: Hourly rounding</title>");
    expect(html).toContain("<strong>P1</strong> 15 Nov 2025: Hourly rounding");
    expect(html).toContain("Later cycle (not on the chart: outside its dates)");
    expect(html).toContain("<title>Note 1, 1 Jan 2026: New ward manager</title>");
  });

  it("shows the unit on the axis and in the labels", () => {
    expect(html).toMatch(/>10%<\/text>/);
    expect(html).toContain(">Target 8%</tspan>");
  });
});

describe("SpcChart: edge cases", () => {
  it("draws a long series as one path per kind, without a focus stop per point", () => {
    const values = Array.from({ length: FOCUSABLE_POINT_LIMIT + 50 }, (_, i) => (i % 7) + (i > 200 ? 5 : 0));
    const html = render({ result: analyseSeries({ values, improvement: "decrease" }) });
    expect(chartSvg(html)).not.toContain('tabindex="0"');
    expect(html).toMatch(/<svg class="app-spc-chart__svg"[^>]*role="img"/);
    expect(html.match(/class="app-spc-point app-spc-point--/g)?.length).toBeLessThanOrEqual(4);
    expect(html.match(/<tr class="nhsuk-table__row"><td/g)).toHaveLength(values.length);
  });

  it("lists only the latest 1,000 points in the table of a very long series", () => {
    const values = Array.from({ length: 1200 }, (_, i) => i % 9);
    const html = render({ result: analyseSeries({ values, improvement: "increase" }) });
    const rows = [...html.matchAll(/<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(rows).toHaveLength(1000);
    expect(rows[0]).toBe(201);
    expect(rows[999]).toBe(1200);
    expect(html).toContain("Showing the latest 1,000 of 1,200 points.");
  });

  it("handles a flat series, a single point and no data without NaN", () => {
    for (const values of [[4, 4, 4, 4], [7], []]) {
      const html = render({ result: analyseSeries({ values, improvement: "increase", target: 5 }) });
      expect(html, JSON.stringify(values)).not.toContain("NaN");
      expect(html).not.toContain("Infinity");
    }
    expect(render({ result: analyseSeries({ values: [], improvement: "increase" }) })).toContain("No data yet");
    expect(render({ result: analyseSeries({ values: [], improvement: "increase" }) })).not.toContain("<svg");
  });

  it("labels points by number when there are no dates, and by day for weekly data", () => {
    const plain = render({ result: analyseSeries({ values: VALUES, improvement: "neutral" }) });
    expect(plain).toContain('aria-label="Point 13: 9 — special cause neutral variation (shift, high)"');
    expect(
      marks(plain)
        .slice(12)
        .every(([k]) => k === "neutral"),
    ).toBe(true);
    const weeks = VALUES.map((_, i) => new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10));
    const weekly = render({ result: analyseSeries({ values: VALUES, improvement: "increase", dates: weeks }) });
    expect(weekly).toContain('aria-label="5 Jan 2026: 5 — ');
    expect(weekly).toContain("the last 8 weeks are all above the average");
  });

  it("warns about trial limits under 12 points", () => {
    const html = render({ result: analyseSeries({ values: [3, 4, 5, 4, 3], improvement: "increase" }) });
    expect(html).toContain("Trial limits:");
  });
});
