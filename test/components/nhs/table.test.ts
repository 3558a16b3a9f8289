import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { Table, type TableColumn } from "~/components/nhs";
import { html } from "./render";

type Ward = { name: string; beds: number };
const rows: Ward[] = [
  { name: "Ward 7", beds: 24 },
  { name: "Ward 9", beds: 18 },
];
const columns: TableColumn<Ward>[] = [
  { id: "name", header: "Ward", rowHeader: true, cell: (w) => w.name },
  { id: "beds", header: "Beds", numeric: true, cell: (w) => w.beds },
];

describe("Table", () => {
  it("draws the NHS.UK table: caption, column headers, row headers and right-aligned numbers", () => {
    const out = html(createElement(Table<Ward>, { caption: "Wards", captionSize: "m", columns, rows, rowKey: (w) => w.name }));
    expect(out).toMatch(/^<table class="nhsuk-table"><caption class="nhsuk-table__caption nhsuk-table__caption--m">Wards<\/caption>/);
    expect(out).toContain('<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">');
    expect(out).toContain('<th scope="col" class="nhsuk-table__header">Ward</th>');
    expect(out).toContain('<th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">Beds</th>');
    expect(out).toContain(
      '<tr class="nhsuk-table__row"><th scope="row" class="nhsuk-table__header">Ward 7</th><td class="nhsuk-table__cell nhsuk-table__cell--numeric">24</td></tr>',
    );
    expect(out).not.toContain("aria-sort");
    expect(out).not.toContain("role=");
  });

  it("sorts through links that work without JavaScript: aria-sort only on the sorted column", () => {
    const sortable: TableColumn<Ward>[] = [
      { ...columns[0], sort: { href: "?sort=name&dir=desc", direction: "ascending", next: "descending" } },
      { ...columns[1], sort: { href: "?sort=beds&dir=asc", next: "ascending" } },
    ];
    const out = html(createElement(Table<Ward>, { caption: "Wards", columns: sortable, rows, rowKey: (w) => w.name }));
    expect(out).toContain('class="nhsuk-table nhsuk-table--sortable"');
    expect(out).toContain('Wards<span class="nhsuk-u-visually-hidden"> (Column headers are sortable)</span></caption>');
    expect(out).toMatch(
      /<th scope="col" class="nhsuk-table__header" data-sort="" aria-sort="ascending"><a class="nhsuk-link"[^>]* href="\/\?sort=name&amp;dir=desc">Ward<span class="nhsuk-u-visually-hidden">, sort descending<\/span><\/a><\/th>/,
    );
    expect(out).toMatch(
      /<th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric" data-sort=""><a class="nhsuk-link"[^>]* href="\/\?sort=beds&amp;dir=asc">Beds/,
    );
    expect(out.match(/aria-sort=/g)).toHaveLength(1);
  });

  it("scrolls inside a focusable region labelled by its caption", () => {
    const out = html(
      createElement(Table<Ward>, {
        caption: "Wards",
        captionHidden: true,
        scroll: true,
        id: "wards",
        columns,
        rows,
        rowKey: (w) => w.name,
      }),
    );
    expect(out).toMatch(
      /^<div class="nhsuk-scroll"><div class="nhsuk-scroll__content" role="region" aria-labelledby="wards-caption" tabindex="0"><table class="nhsuk-table" id="wards">/,
    );
    expect(out).toContain('<caption class="nhsuk-table__caption nhsuk-u-visually-hidden" id="wards-caption">Wards</caption>');
  });

  it("labels the scroll region even without an id, and starts a group heading row when the key changes", () => {
    const out = html(
      createElement(Table<Ward>, {
        caption: "Wards",
        scroll: true,
        columns,
        rows: [...rows, { name: "Ward 12", beds: 30 }],
        rowKey: (w) => w.name,
        rowProps: (w) => ({ className: w.beds > 20 ? "app-big" : undefined, attributes: { "data-ward": w.name } }),
        group: { key: (w) => w.name.length, heading: (w) => `${w.name.length} letters`, className: "app-group-row" },
      }),
    );
    const label = /aria-labelledby="([^"]+)"/.exec(out)?.[1];
    expect(label).toBeTruthy();
    expect(out).toContain(`<caption class="nhsuk-table__caption" id="${label}">`);
    expect(out.match(/<tr class="app-group-row"><th scope="colgroup" colSpan="2">/gi)).toHaveLength(2);
    expect(out).toContain('<tr class="nhsuk-table__row app-big" data-ward="Ward 7">');
    expect(out).toContain('<tr class="nhsuk-table__row" data-ward="Ward 9">');
  });
});
