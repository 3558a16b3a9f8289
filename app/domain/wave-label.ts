// How a wave is named on a page: "Wave 2: Spring 2027", never "Wave 2: Wave 2: Spring 2027".

/** "Wave 2" alone, "Wave 2: Spring 2027", or the name itself when it already says "Wave 2". */
export function waveLabel(number: number | null, name: string | null | undefined): string {
  if (number === null) return name?.trim() ?? "";
  const trimmed = name?.trim() ?? "";
  if (!trimmed) return `Wave ${number}`;
  return new RegExp(`\\bwave\\s*${number}\\b`, "i").test(trimmed) ? trimmed : `Wave ${number}: ${trimmed}`;
}

/** The default title of a board meeting: "Quality Improvement Programme board", not "… Programme programme board". */
export function boardMeetingTitle(programmeName: string): string {
  const name = programmeName.trim();
  if (/\bboard$/i.test(name)) return name;
  return /\bprogramme$/i.test(name) ? `${name} board` : `${name} programme board`;
}
