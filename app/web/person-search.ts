// Finding a person in a long list as someone types: every word typed must appear in the person's
// name or job title, in any order ("holt kar" finds "Karen Holt"), ignoring case and accents. Names
// that begin with what was typed come first, then names with a word that does, then the rest.

export type PersonOption = { value: string; label: string; name: string };

/** What the picker shows: the name, and the job title that tells two people of the same name apart. */
export const personLabel = (p: { name: string; jobTitle?: string | null }) => (p.jobTitle ? `${p.name}, ${p.jobTitle}` : p.name);

/** At most this many suggestions: a few letters narrow thousands of staff to a short list. */
export const MAX_SUGGESTIONS = 30;

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

function rank(option: PersonOption, query: string, words: string[]): number | null {
  const label = fold(option.label);
  if (!words.every((w) => label.includes(w))) return null;
  const name = fold(option.name);
  if (name.startsWith(query)) return 0;
  if (name.split(/[\s'-]+/).some((part) => part.startsWith(words[0]))) return 1;
  return 2;
}

export function searchPeople(options: readonly PersonOption[], typed: string, limit = MAX_SUGGESTIONS): PersonOption[] {
  const query = fold(typed.trim());
  const words = query.split(/[\s,]+/).filter(Boolean);
  if (words.length === 0) return [];
  const found: { option: PersonOption; rank: number; at: number }[] = [];
  options.forEach((option, at) => {
    const r = rank(option, query, words);
    if (r !== null) found.push({ option, rank: r, at });
  });
  return found
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .slice(0, limit)
    .map((f) => f.option);
}

/** The option whose label is exactly what is in the box (ignoring case and spaces at the ends). */
export function optionForText(options: readonly PersonOption[], text: string): PersonOption | undefined {
  const wanted = fold(text.trim());
  if (!wanted) return undefined;
  return options.find((o) => fold(o.label) === wanted);
}

/** Text for an HTML fragment: the autocomplete writes each suggestion as HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
