import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RunChart, Sparkline, describeRunChart, sparklineSummary } from "~/components/spc";
import { analyseSeries } from "~/domain/spc";

const VALUES = [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 5, 9, 9, 10, 9, 10, 11, 10, 9];

describe("RunChart", () => {
  it("reports the Anhøj result in words: the worked example signals on both rules", () => {
    const text = describeRunChart(analyseSeries({ values: VALUES, improvement: "increase" }).run_chart);
    expect(text).toBe(
      "Signal of non-random variation (Anhøj rules): the longest run is too long and the line crosses the median too few times. " +
        "Median 6.5. The longest run on one side of the median is 8 points (more than 7 is a signal); " +
        "the line crosses the median 5 times (fewer than 6 is a signal).",
    );
  });

  it("says when there is no signal, and counts points on the median", () => {
    const text = describeRunChart(analyseSeries({ values: [3, 5, 4, 6, 4, 2, 4, 5, 3], improvement: "increase" }).run_chart);
    expect(text).toMatch(/^No signal of non-random variation \(Anhøj rules\)\. Median 4\./);
    expect(text).toContain("3 points are on the median and not counted.");
    expect(text).toContain("(fewer than 1 is a signal)");
    const short = describeRunChart(analyseSeries({ values: [3, 5, 4], improvement: "increase" }).run_chart);
    expect(short).toContain("the line crosses the median 1 time (too few points for crossings to signal)");
  });

  it("draws a median line, one labelled point each, and a table with the side of the median", () => {
    const result = analyseSeries({ values: [3, 5, 4, 6, 2], improvement: "decrease", target: 3 });
    const html = renderToStaticMarkup(createElement(RunChart, { result, title: "Waits", unitLabel: "minutes" }));
    expect(html.match(/class="app-spc-chart__median"/g)?.length).toBeGreaterThanOrEqual(1);
    expect(html).toContain(">Median 4 minutes</tspan>");
    expect(html).toContain(">Target 3 minutes</tspan>");
    expect(html).not.toContain("app-spc-chart__limit");
    // One focus stop per point (the data table's scroll region is the only other).
    expect(html.match(/<g [^>]*tabindex="0"/g)).toHaveLength(5);
    expect(html).toContain('aria-label="Point 2: 5 minutes — above the median"');
    expect(html).toContain('aria-label="Point 3: 4 minutes — on the median"');
    expect(html).toContain("Run chart of 5 points.");
    const rows = [...html.matchAll(/<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">\d+<\/td>(.*?)<\/tr>/g)];
    expect(rows.map((r) => /<td class="nhsuk-table__cell">(Above|Below|On the median)<\/td>/.exec(r[1])?.[1])).toEqual([
      "Below",
      "Above",
      "On the median",
      "Above",
      "Below",
    ]);
    expect(html).not.toMatch(/\sstyle=/);
  });
});

describe("Sparkline", () => {
  it("summarises the series in its accessible name and marks the latest point's signal", () => {
    const html = renderToStaticMarkup(createElement(Sparkline, { values: VALUES, latest: "improvement", latestDirection: "high", label: "Falls" }));
    const name = "Falls: 20 values from 5 to 9, lowest 5, highest 11; latest point: special cause improvement";
    expect(html).toContain(`role="img" aria-label="${name}"`);
    expect(html).toContain('class="app-spc-point app-spc-point--improvement"');
    expect(html).toContain('class="app-spc-point__inner"');
    expect(html.match(/<polyline[^>]*points="([^"]+)"/)?.[1].split(" ")).toHaveLength(20);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it("draws common cause by default, copes with one or no values, and adds units", () => {
    expect(renderToStaticMarkup(createElement(Sparkline, { values: [1, 2] }))).toContain("app-spc-point--common");
    expect(sparklineSummary({ values: [95], unitLabel: "%" })).toBe("1 value, 95%");
    expect(renderToStaticMarkup(createElement(Sparkline, { values: [] }))).toContain(">No data</span>");
    expect(renderToStaticMarkup(createElement(Sparkline, { values: [4, 4, 4] }))).not.toContain("NaN");
  });
});
