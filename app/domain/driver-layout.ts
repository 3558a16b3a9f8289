// The driver diagram's layout as a pure function: four columns (aim | primary | secondary | change
// ideas), each node a box whose text is wrapped to the column's width, stacked without overlap, and
// connectors from each parent's right edge to each child's left edge. The SVG only draws these boxes,
// so a test can prove that a full diagram fits one A4 landscape page with no text on top of other text.

/** A4 landscape in CSS pixels at 96 per inch (297 × 210 mm). */
export const A4_LANDSCAPE = { width: 1123, height: 794 };

export type LayoutLine = { text: string; x: number; y: number; size: number; bold?: boolean };
export type LayoutBox = {
  key: string;
  column: 0 | 1 | 2 | 3;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: LayoutLine[];
};
export type Connector = { from: string; to: string; x1: number; y1: number; x2: number; y2: number };
export type DiagramLayout = { width: number; height: number; boxes: LayoutBox[]; connectors: Connector[]; headings: LayoutLine[] };

export type LayoutNode = { key: string; title: string; detail?: string[] };
export type LayoutInput = {
  aim: LayoutNode;
  primaries: LayoutNode[];
  secondaries: LayoutNode[];
  ideas: LayoutNode[];
  links: { from: string; to: string }[];
};

const MARGIN = 16;
const GAP_X = 28;
const HEADING = 22;
const PAD = 5;
/** Average glyph width of Arial as a share of the font size; a little generous so text never spills. */
const GLYPH = 0.56;

export const COLUMN_HEADINGS = ["Aim", "Primary drivers", "Secondary drivers", "Change ideas"];

/** Words wrapped to `maxChars` a line; a word longer than a line is cut. At most `maxLines`, the last ending "…". */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (let word of words) {
    while (word.length > maxChars) {
      if (line) lines.push(line);
      line = "";
      lines.push(word.slice(0, maxChars));
      word = word.slice(maxChars);
    }
    const next = line ? `${line} ${word}` : word;
    if (next.length <= maxChars) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1];
  kept[maxLines - 1] = (last.length >= maxChars ? last.slice(0, maxChars - 1) : last) + "…";
  return kept;
}

/** Estimated width of a line of text in pixels. */
export const textWidth = (text: string, size: number) => text.length * size * GLYPH;

/** Font sizes, lines per title and per detail, and how many details (status first, then learning) are shown. */
type Sizing = { title: number; detail: number; gap: number; titleLines: number; detailLines: number; details: number };

/** Font sizes shrink a step at a time until every column fits the page height (never below 7px). */
const SIZINGS: Sizing[] = [
  { title: 13, detail: 11, gap: 10, titleLines: 3, detailLines: 2, details: 3 },
  { title: 12, detail: 10, gap: 8, titleLines: 3, detailLines: 2, details: 3 },
  { title: 11, detail: 9, gap: 6, titleLines: 2, detailLines: 2, details: 3 },
  { title: 10, detail: 8, gap: 4, titleLines: 2, detailLines: 1, details: 3 },
  { title: 9, detail: 7.5, gap: 3, titleLines: 2, detailLines: 1, details: 2 },
  { title: 8, detail: 7, gap: 2, titleLines: 2, detailLines: 1, details: 1 },
  { title: 8, detail: 7, gap: 2, titleLines: 1, detailLines: 1, details: 1 },
];

function buildBox(node: LayoutNode, column: LayoutBox["column"], x: number, width: number, s: Sizing): LayoutBox {
  const inner = width - 2 * PAD;
  const lines: LayoutLine[] = [];
  let y = PAD;
  for (const t of wrapText(node.title, Math.floor(inner / (s.title * GLYPH)), column === 0 ? 8 : s.titleLines)) {
    y += s.title;
    lines.push({ text: t, x: PAD, y, size: s.title, bold: true });
    y += 2;
  }
  for (const d of (node.detail ?? []).slice(0, s.details)) {
    for (const t of wrapText(d, Math.floor(inner / (s.detail * GLYPH)), s.detailLines)) {
      y += s.detail;
      lines.push({ text: t, x: PAD, y, size: s.detail });
      y += 2;
    }
  }
  return { key: node.key, column, x, y: 0, width, height: y + PAD - 2, lines };
}

/** Stacks a column's boxes from the top with `gap` between them; returns the bottom edge. */
function stack(boxes: LayoutBox[], top: number, gap: number) {
  let y = top;
  for (const b of boxes) {
    b.y = y;
    y += b.height + gap;
  }
  return boxes.length ? y - gap : top;
}

/** Lays the diagram out within `page` (default A4 landscape), shrinking text until every column fits. */
export function layoutDiagram(input: LayoutInput, page = A4_LANDSCAPE): DiagramLayout {
  const colWidth = (page.width - 2 * MARGIN - 3 * GAP_X) / 4;
  const xOf = (c: number) => MARGIN + c * (colWidth + GAP_X);
  const top = MARGIN + HEADING;
  let boxes: LayoutBox[] = [];
  for (const s of SIZINGS) {
    const columns = [[input.aim], input.primaries, input.secondaries, input.ideas].map((nodes, c) =>
      nodes.map((n) => buildBox(n, c as LayoutBox["column"], xOf(c), colWidth, s)),
    );
    const bottoms = columns.map((col) => stack(col, top, s.gap));
    boxes = columns.flat();
    if (Math.max(...bottoms) <= page.height - MARGIN) break;
  }
  // Lines are positioned inside their box: make them absolute.
  for (const b of boxes)
    for (const l of b.lines) {
      l.x += b.x;
      l.y += b.y;
    }
  const byKey = new Map(boxes.map((b) => [b.key, b]));
  const connectors: Connector[] = [];
  for (const link of input.links) {
    const a = byKey.get(link.from);
    const b = byKey.get(link.to);
    if (!a || !b) continue;
    connectors.push({ from: a.key, to: b.key, x1: a.x + a.width, y1: a.y + a.height / 2, x2: b.x, y2: b.y + b.height / 2 });
  }
  const headings = COLUMN_HEADINGS.map((text, c) => ({ text, x: xOf(c), y: MARGIN + 12, size: 13, bold: true }));
  const height = Math.max(page.height, ...boxes.map((b) => b.y + b.height + MARGIN));
  return { width: page.width, height, boxes, connectors, headings };
}

type Rect = { x: number; y: number; width: number; height: number };
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every line of text as the rectangle it covers (its baseline minus the font size, to the baseline). */
export function textRects(layout: DiagramLayout): (Rect & { text: string })[] {
  return layout.boxes.flatMap((b) => b.lines.map((l) => ({ text: l.text, x: l.x, y: l.y - l.size, width: textWidth(l.text, l.size), height: l.size })));
}

/** Problems that would make the printed diagram unreadable: text outside its box or the page, or over other text. */
export function layoutProblems(layout: DiagramLayout, page = A4_LANDSCAPE): string[] {
  const problems: string[] = [];
  for (const b of layout.boxes) {
    if (b.x < 0 || b.y < 0 || b.x + b.width > page.width || b.y + b.height > page.height) problems.push(`${b.key} is off the page`);
    for (const l of b.lines) {
      if (l.x + textWidth(l.text, l.size) > b.x + b.width + 0.01 || l.y > b.y + b.height) problems.push(`text of ${b.key} spills out of its box`);
    }
  }
  const rects = textRects(layout);
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) if (overlaps(rects[i], rects[j])) problems.push(`"${rects[i].text}" overlaps "${rects[j].text}"`);
  for (let i = 0; i < layout.boxes.length; i++)
    for (let j = i + 1; j < layout.boxes.length; j++)
      if (overlaps(layout.boxes[i], layout.boxes[j])) problems.push(`${layout.boxes[i].key} overlaps ${layout.boxes[j].key}`);
  return problems;
}
