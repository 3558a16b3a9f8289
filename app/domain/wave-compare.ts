// The figures that compare wave against wave, shared by the page, its chart and its CSV (ADR 113).

export type WavePulseChange = { campaign: string; baseline: number; followUp: number; change: number } | null;

export type WaveComparisonRow = {
  id: number;
  label: string;
  startsOn: string;
  endsOn: string;
  teams: number;
  people: number;
  pdsaCycles: number;
  measures: number;
  measuresImproving: number;
  quickWins: number;
  pulse: WavePulseChange;
};

export const NOT_ENOUGH_ANSWERS = "Not enough answers";

/** The counted figures, in the order the page, the chart and the CSV show them. */
export const WAVE_FIGURES = [
  { id: "teams", label: "Teams", value: (w: WaveComparisonRow) => w.teams },
  { id: "people", label: "People involved", value: (w: WaveComparisonRow) => w.people },
  { id: "pdsa", label: "PDSA cycles started in the wave", value: (w: WaveComparisonRow) => w.pdsaCycles },
  { id: "improving", label: "Measures showing special-cause improvement", value: (w: WaveComparisonRow) => w.measuresImproving },
  { id: "wins", label: "Quick wins", value: (w: WaveComparisonRow) => w.quickWins },
] as const;

/** "+12 points (58% to 70%)", or "Not enough answers". */
export function describePulseChange(p: WavePulseChange): string {
  if (!p) return NOT_ENOUGH_ANSWERS;
  const sign = p.change > 0 ? "+" : p.change < 0 ? "−" : "";
  return `${sign}${Math.abs(p.change)} point${Math.abs(p.change) === 1 ? "" : "s"} (${p.baseline}% to ${p.followUp}%)`;
}
