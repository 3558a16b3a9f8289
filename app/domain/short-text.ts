// Shortening a person's words for a compact list (a board flag, a chart label) without changing their
// meaning: the cut falls between words, never inside a parenthesis or a quotation, and is marked "…".

const OPENERS: Record<string, string> = { "(": ")", "[": "]", "{": "}", "“": "”", "‘": "’" };
const CLOSERS = new Set(Object.values(OPENERS));

/** The brackets and quotations still open at the end of `text`, innermost last, as their closing marks. */
export function openMarks(text: string): string[] {
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (open[open.length - 1] === '"') open.pop();
      else open.push('"');
    } else if (OPENERS[ch]) {
      open.push(OPENERS[ch]);
    } else if (CLOSERS.has(ch)) {
      // A closing mark ends the innermost matching one; a stray ’ is an apostrophe ("don’t").
      const at = open.lastIndexOf(ch);
      if (at >= 0) open.length = at;
    }
  }
  return open;
}

export type ShortText = { text: string; cut: boolean };

/**
 * `text` in at most `max` characters. Whitespace runs become single spaces. When it is too long it ends
 * at the last word boundary that leaves no parenthesis or quotation open, without trailing punctuation,
 * followed by "…". If every boundary is inside one (the whole text is a parenthesis), it ends at the last
 * word boundary and closes what is open after the "…", so the marks still pair up.
 */
export function shortenText(text: string, max: number): ShortText {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return { text: clean, cut: false };
  const ends: number[] = [];
  for (let i = 1; i < clean.length; i++) if (clean[i] === " ") ends.push(i);
  const fits = (end: number, extra: number) => trimEnd(clean.slice(0, end)).length + 1 + extra <= max;
  for (let k = ends.length - 1; k >= 0; k--) {
    const head = trimEnd(clean.slice(0, ends[k]));
    if (head && fits(ends[k], 0) && openMarks(head).length === 0) return { text: `${head}…`, cut: true };
  }
  for (let k = ends.length - 1; k >= 0; k--) {
    const head = trimEnd(clean.slice(0, ends[k]));
    const closing = openMarks(head).reverse().join("");
    if (head && fits(ends[k], closing.length)) return { text: `${head}…${closing}`, cut: true };
  }
  // One word longer than the room: cut the word itself, still closing what is open.
  for (let length = max - 1; length > 1; length--) {
    const head = clean.slice(0, length);
    const closing = openMarks(head).reverse().join("");
    if (length + 1 + closing.length <= max) return { text: `${head}…${closing}`, cut: true };
  }
  return { text: `${clean.slice(0, Math.max(1, max - 1))}…`, cut: true };
}

/** Punctuation that should not sit before an ellipsis. */
function trimEnd(text: string): string {
  return text.replace(/[\s,;:–—-]+$/u, "");
}
