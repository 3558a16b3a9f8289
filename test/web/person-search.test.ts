import { describe, expect, it } from "vitest";
import { escapeHtml, optionForText, personLabel, searchPeople, type PersonOption } from "~/web/person-search";

const people = [
  { name: "Karen Holt", jobTitle: "Head of Nursing, Surgery" },
  { name: "Helen Whitfield", jobTitle: "Chief Nurse" },
  { name: "Dr Hannah Lewis", jobTitle: "Consultant Geriatrician" },
  { name: "Zoë Hart", jobTitle: "" },
  { name: "Harry Holtby", jobTitle: "Porter" },
];
const options: PersonOption[] = people.map((p, i) => ({ value: String(i + 1), label: personLabel(p), name: p.name }));
const names = (typed: string) => searchPeople(options, typed).map((o) => o.name);

describe("searchPeople", () => {
  it("finds every word in any order, ignoring case and accents", () => {
    expect(names("holt kar")).toEqual(["Karen Holt"]);
    expect(names("zoe")).toEqual(["Zoë Hart"]);
    expect(names("chief")).toEqual(["Helen Whitfield"]);
    expect(names("")).toEqual([]);
    expect(names("nobody here")).toEqual([]);
  });

  it("puts names starting with the text first, then a word starting with it", () => {
    expect(names("ha")).toEqual(["Harry Holtby", "Dr Hannah Lewis", "Zoë Hart"]);
    expect(names("holt")).toEqual(["Karen Holt", "Harry Holtby"]);
  });

  it("stops at the limit", () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ value: String(i), label: `Alex ${i}`, name: `Alex ${i}` }));
    expect(searchPeople(many, "alex")).toHaveLength(30);
  });
});

it("matches the text in the box to one person's label, and escapes names for HTML", () => {
  expect(optionForText(options, "  karen holt, head of nursing, surgery ")?.value).toBe("1");
  expect(optionForText(options, "Karen")).toBeUndefined();
  expect(escapeHtml(`<img src=x onerror="alert('x')">&`)).toBe("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;");
  expect(personLabel({ name: "Zoë Hart", jobTitle: "" })).toBe("Zoë Hart");
});
