// Counts in words: "1 change idea", "3 change ideas", "1,204 values". One helper for every count a
// person reads, so no page says "1 change ideas".

/** `n` with the singular or plural noun; the plural defaults to the singular plus "s". */
export function plural(n: number, singular: string, pluralForm: string = `${singular}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? singular : pluralForm}`;
}
