// The helpers other tests read pages and make random data with: if they quietly returned
// nothing, every assertion built on them would be weaker than it reads.
import { describe, expect, it } from "vitest";
import { parsePage } from "../helpers/html";
import { seededRandom } from "../helpers/random";

const PAGE = parsePage(`<!DOCTYPE html><html><head><title>Asks – Stepping Up</title>
<script>window.__remixContext = {"state":{"loaderData":{"secret":"Only in the data"}}}</script></head>
<body><main id="maincontent">
<div class="nhsuk-error-summary"><h2>There is a problem</h2><ul class="nhsuk-error-summary__list">
<li><a href="#what">Enter what you need</a></li><li><a href="#due">The date must be a real date</a></li></ul></div>
<h1>3<!-- --> of <!-- -->5 asks &amp; the board&#x27;s &quot;view&quot;</h1>
<div class="nhsuk-error-summary" role="alert" aria-labelledby="conflict-title"><h2 id="conflict-title">Someone else changed this</h2>
<div><p>This was changed by Lee Lead at 26 Nov 2026, 10:00 since you opened it.</p><table><thead><tr><th>Field</th><th>Saved by them</th><th>Yours (not saved yet)</th></tr></thead>
<tbody><tr><th>Title</th><td>Lead&#x27;s title</td><td>Admin&#x27;s title</td></tr></tbody></table></div></div>
<form method="post"><input type="hidden" name="version" value="2"><input name="title" value="Admin&#x27;s title">
<input type="radio" name="rag" value="green"><input type="radio" name="rag" value="red" checked="">
<textarea name="notes">line one
line two</textarea><select name="project"><option value="1">One</option><option value="2" selected="">Two</option></select></form>
<table><caption>Earlier leads</caption><tbody><tr><td>Operational lead</td><td><a href="/people/4">David Singh</a></td></tr></tbody></table>
<dl><dt>Active</dt><dd>12</dd></dl>
</main></body></html>`);

describe("parsePage", () => {
  it("reads the visible text: entities decoded, React's separators and scripts gone, blocks apart", () => {
    expect(PAGE.text).toContain(`3 of 5 asks & the board's "view"`);
    expect(PAGE.text).not.toContain("Only in the data");
    expect(PAGE.text).not.toContain("<!--");
    expect(PAGE.text).toContain("Operational lead David Singh"); // two cells, not "leadDavid"
    expect(PAGE.anywhere).toContain("Only in the data");
    expect(PAGE.anywhere).toContain("/people/4");
  });

  it("answers the queries tests need", () => {
    expect(PAGE.errorSummary()).toEqual(["Enter what you need", "The date must be a real date"]);
    expect(PAGE.conflict()).toEqual({
      message: "This was changed by Lee Lead at 26 Nov 2026, 10:00 since you opened it.",
      fields: [{ field: "Title", theirs: "Lead's title", yours: "Admin's title" }],
    });
    expect(PAGE.hiddenFields()).toEqual({ version: "2" });
    expect(PAGE.fieldValue("title")).toBe("Admin's title");
    expect(PAGE.fieldValue("rag")).toBe("red");
    expect(PAGE.checkedValues("rag")).toEqual(["red"]);
    expect(PAGE.fieldValue("notes")).toBe("line one\nline two");
    expect(PAGE.fieldValue("project")).toBe("2");
    expect(PAGE.fieldValue("missing")).toBeNull();
    expect(PAGE.tableRowsCaptioned("Earlier leads")).toEqual([["Operational lead", "David Singh"]]);
    expect(PAGE.summaryList()).toEqual({ Active: "12" });
    expect(PAGE.hrefs("main")).toEqual(["#what", "#due", "/people/4"]);
    expect(PAGE.textOf("h1")).toBe(`3 of 5 asks & the board's "view"`);
    expect(() => PAGE.get("#nowhere")).toThrow("no element matches #nowhere");
  });
});

describe("seededRandom", () => {
  it("gives the same numbers for the same seed, and different ones for another", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(seededRandom(8).next()).not.toBe(first[0]);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it("keeps whole numbers and picks in range", () => {
    const random = seededRandom();
    const ints = Array.from({ length: 200 }, () => random.int(1, 3));
    expect(new Set(ints)).toEqual(new Set([1, 2, 3]));
    expect(["a", "b"]).toContain(random.pick(["a", "b"]));
    expect(() => random.pick([])).toThrow();
    const between = random.between(10, 20);
    expect(between >= 10 && between < 20).toBe(true);
  });
});
