// Chart text that stays legible at any size. The chart is one SVG scaled to its container, so 12 units of
// text are 15px on a wide page but 5px on a phone or in a printed panel. The figure is a CSS container;
// for each band of container widths the stylesheet (styles/_chart-bands.scss) sets the text size in chart
// units so it renders at about 11px or more (8pt in print), and shows the one set of axis labels, line
// labels and PDSA codes laid out for that size: fewer ticks, wrapped labels, and on the narrowest charts
// the line values only in the legend under the chart. Keep BANDS in step with the stylesheet.
import { CHAR_WIDTH, PLOT, WIDTH } from "./scale";

export type BandId = "a" | "b" | "c" | "d" | "e";

export interface Band {
  id: BandId;
  /** The smallest container width (CSS px) of the band. */
  minWidth: number;
  /** Text size in chart units. */
  font: number;
  /** Whether the labels at the right-hand end of the lines are drawn (else the legend carries the values). */
  lineLabels: boolean;
  /** Whether the PDSA codes (P1, P2…) are drawn under the axis (else only their marks; the notes list them). */
  pdsaCodes: boolean;
}

export const BANDS: readonly Band[] = [
  { id: "a", minWidth: 720, font: 12, lineLabels: true, pdsaCodes: true },
  { id: "b", minWidth: 560, font: 15, lineLabels: true, pdsaCodes: true },
  { id: "c", minWidth: 440, font: 19, lineLabels: true, pdsaCodes: true },
  { id: "d", minWidth: 340, font: 22, lineLabels: false, pdsaCodes: false },
  { id: "e", minWidth: 0, font: 30, lineLabels: false, pdsaCodes: false },
];

export const bandClass = (band: Band) => `app-spc-band app-spc-band--${band.id}`;

/** Rough width in chart units of text at a band's size (Arial averages about 0.55 em a character). */
export function textWidth(text: string, font: number): number {
  return text.length * CHAR_WIDTH * (font / 12);
}

/** Words wrapped into lines of at most `width` chart units; a word longer than a line has a line of its own. */
export function wrapWords(text: string, width: number, font: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, font) <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The room right of the plot for the line labels. */
export const LINE_LABEL_ROOM = WIDTH - PLOT.right - 10;

/** Baseline of the x-axis labels: just under the tick marks, lower for larger text. */
export const tickBaseline = (band: Band) => PLOT.bottom + 6 + Math.round(band.font * 0.9);

/** Baseline of the PDSA codes: under the x-axis labels. */
export const pdsaCodeBaseline = (band: Band) => tickBaseline(band) + Math.round(band.font * 1.25);

/** Of items at positions `xs` (in order), which can carry a label `width` wide without touching the last one shown. */
export function spacedIndices(xs: readonly number[], width: number): number[] {
  const shown: number[] = [];
  let lastRight = Number.NEGATIVE_INFINITY;
  xs.forEach((x, i) => {
    if (x - width / 2 >= lastRight + 4) {
      shown.push(i);
      lastRight = x + width / 2;
    }
  });
  return shown;
}
