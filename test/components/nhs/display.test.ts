import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { BackLink, Breadcrumb, Details, FormButtons, ErrorSummaryBox, InsetText, Pagination, SummaryList, Tag, WarningCallout } from "~/components/nhs";
import { RagTag, StageTag } from "~/components/tags";
import { html } from "./render";

const strip = (s: string) => s.replace(/ data-discover="true"/g, "");

describe("Tag", () => {
  it("adds the colour modifier nhsuk-frontend styles; the app's tags build on it", () => {
    expect(html(createElement(Tag, { colour: "aqua-green", children: "Approved" }))).toBe('<strong class="nhsuk-tag nhsuk-tag--aqua-green">Approved</strong>');
    expect(html(createElement(Tag, { children: "Plain" }))).toBe('<strong class="nhsuk-tag">Plain</strong>');
    expect(html(createElement(RagTag, { rag: "amber" }))).toBe('<strong class="nhsuk-tag nhsuk-tag--yellow">Amber</strong>');
    expect(html(createElement(StageTag, { stage: "active" }))).toBe('<strong class="nhsuk-tag nhsuk-tag--blue">Active</strong>');
  });
});

describe("SummaryList", () => {
  it("draws key, value and action rows, skipping empty entries", () => {
    const out = strip(
      html(
        createElement(SummaryList, {
          attributes: { "data-measure": "definition" },
          rows: [
            { key: "Name", value: "Falls", actions: [{ href: "/edit", text: "Change", visuallyHiddenText: "name" }] },
            false,
            { key: "Mean", value: "4.2", valueAttributes: { "data-spc": "mean" } },
          ],
        }),
      ),
    );
    expect(out).toBe(
      '<dl class="nhsuk-summary-list" data-measure="definition">' +
        '<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Name</dt><dd class="nhsuk-summary-list__value">Falls</dd>' +
        '<dd class="nhsuk-summary-list__actions"><a class="nhsuk-link" href="/edit">Change<span class="nhsuk-u-visually-hidden"> name</span></a></dd></div>' +
        '<div class="nhsuk-summary-list__row nhsuk-summary-list__row--no-actions"><dt class="nhsuk-summary-list__key">Mean</dt><dd class="nhsuk-summary-list__value" data-spc="mean">4.2</dd></div>' +
        "</dl>",
    );
  });
});

describe("Pagination", () => {
  it("links to the previous and next pages with the arrows nhsuk-frontend 10 draws", () => {
    const out = strip(
      html(
        createElement(Pagination, {
          page: 2,
          pages: 3,
          href: (p: number) => `/projects?page=${p}`,
          label: "Pages of projects",
        }),
      ),
    );
    expect(out).toMatch(/^<nav class="nhsuk-pagination" role="navigation" aria-label="Pages of projects"><ul class="nhsuk-list nhsuk-pagination__list">/);
    expect(out).toContain(
      '<li class="nhsuk-pagination-item--previous"><a class="nhsuk-pagination__link nhsuk-pagination__link--prev" rel="prev" href="/projects?page=1"><span class="nhsuk-pagination__title">Previous</span><span class="nhsuk-u-visually-hidden">:</span><span class="nhsuk-pagination__page">Page 1 of 3</span><svg class="nhsuk-icon nhsuk-icon--arrow-left"',
    );
    expect(out).toContain('<a class="nhsuk-pagination__link nhsuk-pagination__link--next" rel="next" href="/projects?page=3">');
    expect(out.match(/aria-hidden="true"/g)).toHaveLength(2);
  });

  it("shows only the link that exists, and nothing for a single page", () => {
    const first = html(createElement(Pagination, { page: 1, pages: 2, href: String, label: "Pages", next: "Older values" }));
    expect(first).not.toContain("--previous");
    expect(first).toContain('<span class="nhsuk-pagination__title">Older values</span>');
    expect(html(createElement(Pagination, { page: 1, pages: 1, href: String, label: "Pages" }))).toBe("");
  });
});

describe("Breadcrumb and BackLink", () => {
  it("lists the parents and ends with nhsuk-frontend 10's back link to the last one", () => {
    const out = strip(
      html(
        createElement(Breadcrumb, {
          items: [
            { to: "/projects", label: "Projects" },
            { to: "/projects/7", label: "Sepsis" },
          ],
        }),
      ),
    );
    expect(out).toBe(
      '<nav class="nhsuk-breadcrumb" aria-label="Breadcrumb"><ol class="nhsuk-breadcrumb__list">' +
        '<li class="nhsuk-breadcrumb__list-item"><a class="nhsuk-breadcrumb__link" href="/projects">Projects</a></li>' +
        '<li class="nhsuk-breadcrumb__list-item"><a class="nhsuk-breadcrumb__link" href="/projects/7">Sepsis</a></li></ol>' +
        '<a class="nhsuk-back-link" href="/projects/7"><span class="nhsuk-u-visually-hidden">Back to </span>Sepsis</a></nav>',
    );
    expect(strip(html(createElement(BackLink, { to: "/board" })))).toBe('<a class="nhsuk-back-link" href="/board">Back</a>');
  });
});

describe("Details, inset text, warning callout and a plain error summary", () => {
  it("uses the design system's markup", () => {
    expect(html(createElement(Details, { summary: "Show the data", open: true, children: "Rows" }))).toBe(
      '<details class="nhsuk-details" open=""><summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">Show the data</span></summary><div class="nhsuk-details__text">Rows</div></details>',
    );
    expect(html(createElement(InsetText, { children: createElement("p", null, "Note") }))).toBe(
      '<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>Note</p></div>',
    );
    expect(
      html(
        createElement(WarningCallout, {
          heading: "Check for patient data",
          children: createElement("p", null, "No NHS numbers"),
        }),
      ),
    ).toBe(
      '<div class="nhsuk-warning-callout"><h3 class="nhsuk-warning-callout__label"><span class="nhsuk-u-visually-hidden">Important: </span>Check for patient data</h3><p>No NHS numbers</p></div>',
    );
    expect(html(createElement(WarningCallout, { heading: "Important", children: "x" }))).not.toContain("visually-hidden");
    const summary = html(
      createElement(
        ErrorSummaryBox,
        { heading: "Someone else changed this", errors: [{ text: "Line 3: not a number", href: "#data" }] },
        createElement("p", null, "Nothing was saved"),
      ),
    );
    expect(summary).toBe(
      '<div class="nhsuk-error-summary" tabindex="-1"><div role="alert"><h2 class="nhsuk-error-summary__heading">Someone else changed this</h2><div class="nhsuk-error-summary__body"><p>Nothing was saved</p><ul class="nhsuk-list nhsuk-error-summary__list"><li><a href="#data">Line 3: not a number</a></li></ul></div></div></div>',
    );
  });
});

describe("FormButtons", () => {
  it("closes a form with the submit button and a cancel link; a removal's button is the warning one", () => {
    expect(strip(html(createElement(FormButtons, { submit: "Save the plan", cancelTo: "/projects/1/pdsa" })))).toBe(
      '<div class="nhsuk-button-group"><button class="nhsuk-button" type="submit">Save the plan</button><a class="nhsuk-link" href="/projects/1/pdsa">Cancel</a></div>',
    );
    expect(
      strip(
        html(
          createElement(FormButtons, {
            submit: "Delete the value",
            warning: true,
            cancelTo: "/m",
            cancelLabel: "No, keep it",
          }),
        ),
      ),
    ).toBe(
      '<div class="nhsuk-button-group"><button class="nhsuk-button nhsuk-button--warning" type="submit">Delete the value</button><a class="nhsuk-link" href="/m">No, keep it</a></div>',
    );
    expect(strip(html(createElement(FormButtons, { submit: "Go", name: "intent", value: "go" })))).toBe(
      '<div class="nhsuk-button-group"><button class="nhsuk-button" type="submit" name="intent" value="go">Go</button></div>',
    );
  });
});
