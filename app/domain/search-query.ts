// What a person types into a search box becomes an FTS5 query made only of quoted words and
// phrases (ADR 050): no text they type ever reaches FTS5 as query syntax. Quotes that pair up make
// a phrase; everything else — an unbalanced quote, NEAR(, *, AND/OR/NOT, -, ^, a column filter,
// emoji — is searched as words or dropped as punctuation, the way the index's tokenizer splits text.

/** The longest query looked at, and the most words taken from it. */
export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 12;
const MAX_WORD_LENGTH = 60;

/** Letters, digits and combining marks: what the unicode61 tokenizer keeps as parts of a word. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

export type SearchTerm = { words: string[]; phrase: boolean; prefix: boolean };

const wordsIn = (text: string) => (text.match(WORD) ?? []).map((w) => w.slice(0, MAX_WORD_LENGTH));

/** The words and phrases of a typed query. */
export function parseSearchText(input: string): SearchTerm[] {
  const text = input.slice(0, MAX_QUERY_LENGTH);
  const parts = text.split('"');
  // An odd number of parts means every quote has a partner; otherwise the last quote is just a character.
  const pairedParts = parts.length % 2 === 1 ? parts.length : parts.length - 1;
  const terms: SearchTerm[] = [];
  parts.forEach((part, i) => {
    const quoted = i % 2 === 1 && i < pairedParts;
    const words = wordsIn(part);
    if (words.length === 0) return;
    if (quoted) terms.push({ words, phrase: true, prefix: false });
    else for (const word of words) terms.push({ words: [word], phrase: false, prefix: false });
  });
  // As you type: the last word, when nothing follows it, matches the words it begins.
  const last = terms.at(-1);
  if (last && !last.phrase && /[\p{L}\p{N}\p{M}]$/u.test(text) && last.words[0].length >= 2) last.prefix = true;
  return terms.slice(0, MAX_TERMS);
}

const quote = (words: string[]) => `"${words.join(" ").replaceAll('"', '""')}"`;
const termQuery = (t: SearchTerm) => (t.prefix ? `${quote(t.words)} *` : quote(t.words));

/** The FTS5 MATCH expression for a typed query (every word must appear), or null when it has no words. */
export function buildMatchQuery(input: string): string | null {
  const terms = parseSearchText(input);
  return terms.length === 0 ? null : terms.map(termQuery).join(" ");
}

/** Common words that say nothing about what a project is about. */
const STOP_WORDS = new Set(
  (
    "a about after all also an and any are as at be been before being but by can could did do does doing for from had has have how if in into is it its " +
    "more most no not of on or our out over so some such than that the their them then there these they this those to too under up was we were what " +
    "when where which while who why will with would you your per via each other only own same very just should may might must need needs"
  ).split(" "),
);

/** The FTS5 MATCH expression for "projects like this one": any of the telling words of a title and problem. */
export function buildSimilarQuery(...texts: string[]): string | null {
  const seen = new Set<string>();
  for (const text of texts) {
    for (const word of wordsIn(text.slice(0, 4000))) {
      const lower = word.toLowerCase();
      if (lower.length < 3 || STOP_WORDS.has(lower) || /^\p{N}+$/u.test(lower)) continue;
      seen.add(lower);
      if (seen.size >= 24) break;
    }
  }
  return seen.size === 0 ? null : [...seen].map((w) => quote([w])).join(" OR ");
}

/** The characters the index puts around a matched word in a snippet (private use: never typed, never HTML). */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

export type SnippetPart = { text: string; hit: boolean };

/** A snippet from the index as plain text parts, the matched words marked; the page escapes the text. */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  let text = "";
  const flush = () => {
    if (text) parts.push({ text, hit });
    text = "";
  };
  for (const ch of snippet) {
    if (ch === MARK_START || ch === MARK_END) {
      flush();
      hit = ch === MARK_START;
    } else text += ch;
  }
  flush();
  return parts;
}
