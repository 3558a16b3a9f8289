// The search box's text becomes quoted words and phrases only: nothing typed is FTS5 syntax.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildMatchQuery, buildSimilarQuery, MARK_END, MARK_START, parseSearchText, parseSnippet } from "~/domain/search-query";
import { TEST_SEED } from "../helpers/random";

/** What a built query may look like: quoted strings, each maybe followed by " *", joined by spaces. */
const SAFE = /^"[^"]+"( \*)?( "[^"]+"( \*)?)*$/u;

describe("buildMatchQuery", () => {
  it.each([
    ["falls at night", '"falls" "at" "night" *'],
    ["falls at night ", '"falls" "at" "night"'],
    ['"hand hygiene" audit', '"hand hygiene" "audit" *'],
    ['"hand hygiene', '"hand" "hygiene" *'],
    ['say "hi" "there', '"say" "hi" "there" *'],
    ["NEAR(falls sepsis)", '"NEAR" "falls" "sepsis"'],
    ["title:sepsis", '"title" "sepsis" *'],
    ["falls AND NOT sepsis OR x", '"falls" "AND" "NOT" "sepsis" "OR" "x"'],
    ["-sepsis ^falls fall*", '"sepsis" "falls" "fall"'],
    ["café", '"café" *'],
    ["{title body}: x", '"title" "body" "x"'],
  ])("%j → %s", (typed, query) => {
    expect(buildMatchQuery(typed)).toBe(query);
  });

  it("has nothing to search for in punctuation, operators alone or emoji", () => {
    for (const typed of ["", "   ", '"', '""', "*", "^", "-", "()", "🙂🙂", ":", "{}", "+"]) expect(buildMatchQuery(typed)).toBeNull();
  });

  it("only prefix-matches a last word of two or more letters", () => {
    expect(parseSearchText("falls a").at(-1)).toEqual({ words: ["a"], phrase: false, prefix: false });
    expect(parseSearchText("ab").at(-1)).toMatchObject({ prefix: true });
  });

  it("takes at most twelve terms from the first 200 characters", () => {
    expect(parseSearchText(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "))).toHaveLength(12);
    expect(buildMatchQuery(`${"x".repeat(200)} tail`)).toBe(`"${"x".repeat(60)}" *`);
  });

  it("is always quoted words, whatever is typed (fast-check)", () => {
    const operator = fc.constantFrom(
      '"',
      "*",
      "^",
      "-",
      "+",
      "(",
      ")",
      ":",
      "{",
      "}",
      "NEAR(",
      "NEAR/3",
      "AND",
      "OR",
      "NOT",
      "title:",
      "body:",
      " ",
      "🙂",
      "\u0000",
      MARK_START,
    );
    const text = fc
      .array(fc.oneof(operator, fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), { maxLength: 12 })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (typed) => {
        const query = buildMatchQuery(typed);
        if (query !== null) expect(query).toMatch(SAFE);
      }),
      { seed: TEST_SEED, numRuns: 2000 },
    );
  });
});

describe("buildSimilarQuery", () => {
  it("joins the telling words of a title and problem with OR, once each", () => {
    expect(buildSimilarQuery("Falls on the ward", "Too many falls at night, 24 a week")).toBe('"falls" OR "ward" OR "many" OR "night" OR "week"');
    expect(buildSimilarQuery("the and of", "")).toBeNull();
  });
});

describe("parseSnippet", () => {
  it("splits a snippet into plain text and marked words", () => {
    expect(parseSnippet(`…the ${MARK_START}audit${MARK_END} of <b>${MARK_START}falls${MARK_END}`)).toEqual([
      { text: "…the ", hit: false },
      { text: "audit", hit: true },
      { text: " of <b>", hit: false },
      { text: "falls", hit: true },
    ]);
  });
});
