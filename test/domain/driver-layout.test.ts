import { describe, expect, it } from "vitest";
import { A4_LANDSCAPE, layoutDiagram, layoutProblems, textRects, wrapText, type LayoutInput } from "~/domain/driver-layout";
import { seededRandom } from "../helpers/random";

const words = "sepsis screening within one hour of arrival handover nurse ward board huddle audit feedback escalation antibiotics bundle".split(" ");

function diagram(primaries: number, secondaries: number, ideas: number, rand: () => number): LayoutInput {
  const phrase = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(" ");
  const p = Array.from({ length: primaries }, (_, i) => ({ key: `p${i}`, title: phrase(6 + Math.floor(rand() * 8)) }));
  const s = Array.from({ length: secondaries }, (_, i) => ({ key: `s${i}`, title: phrase(5 + Math.floor(rand() * 10)) }));
  const c = Array.from({ length: ideas }, (_, i) => ({
    key: `c${i}`,
    title: phrase(4 + Math.floor(rand() * 10)),
    detail: ["Adopted · 3 cycles · Implement", `Learning: ${phrase(20)}`],
  }));
  const links = [
    ...p.map((x) => ({ from: "aim", to: x.key })),
    ...s.map((x, i) => ({ from: p[i % primaries].key, to: x.key })),
    ...c.map((x, i) => ({ from: s[i % secondaries].key, to: x.key })),
  ];
  return { aim: { key: "aim", title: phrase(30), detail: ["Outcome: Sepsis screening — improving"] }, primaries: p, secondaries: s, ideas: c, links };
}

describe("wrapText", () => {
  it("wraps at word boundaries within the width and ends a cut text with an ellipsis", () => {
    expect(wrapText("one two three four", 9, 5)).toEqual(["one two", "three", "four"]);
    expect(wrapText("one two three four", 9, 2)).toEqual(["one two", "three…"]);
    expect(wrapText("abcdefghijkl", 5, 5)).toEqual(["abcde", "fghij", "kl"]);
    for (const line of wrapText("a very long sentence about the ward board and the huddle", 12, 9)) expect(line.length).toBeLessThanOrEqual(12);
  });
});

describe("layoutDiagram", () => {
  it("40 nodes fit one A4 landscape page with no overlapping text", () => {
    const rand = seededRandom().next;
    for (let run = 0; run < 20; run++) {
      const input = diagram(5, 14, 20, rand); // 1 aim + 5 + 14 + 20 = 40 nodes
      const layout = layoutDiagram(input);
      expect(layout.boxes).toHaveLength(40);
      expect(layout.width).toBe(A4_LANDSCAPE.width);
      expect(layout.height).toBe(A4_LANDSCAPE.height);
      expect(layoutProblems(layout)).toEqual([]);
      expect(textRects(layout).length).toBeGreaterThan(40);
      expect(layout.connectors).toHaveLength(input.links.length);
    }
  });
  it("the checker finds overlapping text (so the test above can fail)", () => {
    const layout = layoutDiagram(diagram(2, 3, 4, seededRandom().next));
    layout.boxes[1].y = layout.boxes[2].y;
    for (const l of layout.boxes[1].lines) l.y = layout.boxes[2].lines[0].y;
    expect(layoutProblems(layout).length).toBeGreaterThan(0);
  });
  it("a small diagram keeps the largest text and puts columns left to right", () => {
    const layout = layoutDiagram(diagram(2, 3, 4, seededRandom().next));
    const firstOf = (c: number) => layout.boxes.find((b) => b.column === c)!;
    expect(firstOf(0).x).toBeLessThan(firstOf(1).x);
    expect(firstOf(2).x).toBeLessThan(firstOf(3).x);
    expect(layout.boxes[0].lines[0].size).toBe(13);
    for (const c of layout.connectors) expect(c.x1).toBeLessThan(c.x2);
  });
});
