import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BANDS, LINE_LABEL_ROOM, textWidth, wrapWords } from "~/components/spc/bands";
import { bandTicks, pdsaPosition, placeLineLabels } from "~/components/spc/frame";
import { PLOT, WIDTH, pointLabeller } from "~/components/spc/scale";
import { SpcChart } from "~/components/spc";
import { analyseSeries } from "~/domain/spc";

describe("line labels at every chart size", () => {
  // Mean and target a hair apart, and a unit long enough that the old labels were cut ("Upper limit 6.59 fa…").
  const unit = "falls per 1,000 bed days";
  const labels = [
    { y: 120, text: `Upper limit 6.59 ${unit}`, className: "limit" },
    { y: 200, text: `Mean 4.1 ${unit}`, className: "mean" },
    { y: 201, text: `Target 4 ${unit}`, className: "target" },
    { y: 280, text: `Lower limit 1.61 ${unit}`, className: "limit" },
  ];

  it.each(BANDS.filter((b) => b.lineLabels).map((b) => [b.id, b] as const))("band %s: every word kept, every line fits, no two labels overlap", (_, band) => {
    const placed = placeLineLabels(labels, band);
    expect(placed).toHaveLength(4);
    const lineHeight = Math.round(band.font * 1.15);
    for (const l of placed) {
      expect(l.lines.join(" ")).toBe(l.text);
      for (const line of l.lines) if (line.includes(" ")) expect(textWidth(line, band.font)).toBeLessThanOrEqual(LINE_LABEL_ROOM);
    }
    for (let i = 1; i < placed.length; i++) {
      const prevBottom = placed[i - 1].top - lineHeight / 2 + placed[i - 1].lines.length * lineHeight;
      expect(placed[i].top - lineHeight / 2).toBeGreaterThanOrEqual(prevBottom);
    }
    expect(placed[placed.length - 1].top).toBeLessThanOrEqual(380);
  });

  it("wraps at word boundaries", () => {
    expect(wrapWords("Upper limit 87.15%", 80, 12)).toEqual(["Upper limit", "87.15%"]);
  });
});

describe("x-axis labels at every chart size", () => {
  const dates = Array.from({ length: 45 }, (_, i) => new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10));
  const label = pointLabeller(dates, dates.length);

  it.each(BANDS.map((b) => [b.id, b] as const))("band %s: labels inside the drawing and apart", (_, band) => {
    const ticks = bandTicks(dates.length, label, band);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    const right = band.lineLabels ? WIDTH : 640;
    const extents = ticks.map((t) => {
      const w = textWidth(t.text, band.font);
      const from = t.anchor === "start" ? t.x : t.anchor === "end" ? t.x - w : t.x - w / 2;
      return [from, from + w] as const;
    });
    for (const [from, to] of extents) {
      expect(from).toBeGreaterThanOrEqual(0);
      expect(to).toBeLessThanOrEqual(right);
    }
    for (let i = 1; i < extents.length; i++) expect(extents[i][0]).toBeGreaterThan(extents[i - 1][1]);
  });

  it("fewer labels as the text grows", () => {
    const counts = BANDS.map((b) => bandTicks(dates.length, label, b).length);
    expect(counts[0]).toBeGreaterThan(counts[counts.length - 1]);
  });
});

describe("planned PDSA cycles", () => {
  const dates = ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"];

  it("a planned cycle after the data sits at the end of the axis; an unplanned one is off the chart", () => {
    expect(pdsaPosition({ date: "2027-01-25", label: "Cycle 7", planned: true }, dates, 4)).toEqual({ x: PLOT.right, afterData: true });
    expect(pdsaPosition({ date: "2027-01-25", label: "Cycle 7" }, dates, 4)).toBeNull();
    expect(pdsaPosition({ date: "2026-01-12", label: "Cycle 2", planned: true }, dates, 4)?.afterData).toBe(false);
  });

  it("draws planned cycles hollow, says so under the chart and in the key", () => {
    const result = analyseSeries({ values: [5, 6, 5, 7], dates, improvement: "increase" });
    const html = renderToStaticMarkup(
      createElement(SpcChart, {
        result,
        title: "Falls",
        pdsaMarkers: [
          { date: "2026-01-12", label: "Cycle 1: rounding" },
          { date: "2027-01-25", label: "Cycle 2: huddles", planned: true },
        ],
      }),
    );
    expect(html.match(/class="app-spc-chart__pdsa app-spc-chart__pdsa--planned"><title>/g)).toHaveLength(1);
    expect(html).toContain("Cycle 2: huddles (planned, after the latest data: marked at the end of the time axis)");
    expect(html).not.toContain("Cycle 2: huddles (not on the chart");
    expect(html).toContain("PDSA cycle planned (hollow)");
  });
});
