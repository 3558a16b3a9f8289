// Presentation mode: which slides a project's deck has, the team's saved choices
// (hidden slides, order of measures) and the settings form. Shared by server and browser.
import { z } from "zod";

/** Slides that come once per deck and may be hidden; the title slide is always shown. */
export const SECTION_SLIDES = ["aim", "drivers", "pdsa", "milestones", "asks", "next-steps"] as const;
export type SectionSlide = (typeof SECTION_SLIDES)[number];

export const SECTION_LABELS: Record<SectionSlide | "title", string> = {
  title: "Title and team",
  aim: "The problem and the SMART aim",
  drivers: "The driver diagram",
  pdsa: "The PDSA journey",
  milestones: "Milestones",
  asks: "Asks of the executive team",
  "next-steps": "Next steps",
};

export const measureSlideKey = (measureId: number) => `measure-${measureId}`;

export type PresentationSettings = {
  /** Counts saves, so a form opened before someone else's save is refused (409). */
  rev: number;
  hidden: string[];
  measureOrder: number[];
};

export const DEFAULT_SETTINGS: PresentationSettings = { rev: 0, hidden: [], measureOrder: [] };

const StoredSchema = z.object({
  rev: z.number().int().min(0),
  hidden: z.array(z.string().max(40)).max(500),
  measureOrder: z.array(z.number().int().positive()).max(500),
});

/** The stored JSON, or the defaults when there is none or it cannot be read. */
export function parseSettings(json: string | null | undefined): PresentationSettings {
  if (!json) return DEFAULT_SETTINGS;
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export const serialiseSettings = (s: PresentationSettings) => JSON.stringify({ rev: s.rev, hidden: s.hidden, measureOrder: s.measureOrder });

/** Measures in the team's order; measures added since (not in the saved order) follow in their usual order. */
export function orderMeasures<T extends { id: number }>(measures: readonly T[], order: readonly number[]): T[] {
  const rank = new Map(order.map((id, i) => [id, i]));
  return measures
    .map((m, i) => ({ m, i }))
    .sort((a, b) => (rank.get(a.m.id) ?? order.length + a.i) - (rank.get(b.m.id) ?? order.length + b.i))
    .map((x) => x.m);
}

export type SlideRef = { key: string; kind: "title" | "measure" | SectionSlide; measureId?: number };

/** Every slide of the deck in order, before hiding: title, aim, the driver diagram, one per measure, then the sections. */
export function allSlides(measureIdsInOrder: readonly number[]): SlideRef[] {
  return [
    { key: "title", kind: "title" },
    { key: "aim", kind: "aim" },
    { key: "drivers", kind: "drivers" },
    ...measureIdsInOrder.map((id) => ({ key: measureSlideKey(id), kind: "measure" as const, measureId: id })),
    ...SECTION_SLIDES.filter((s) => s !== "aim" && s !== "drivers").map((s) => ({ key: s, kind: s })),
  ];
}

export function visibleSlides(measureIdsInOrder: readonly number[], hidden: readonly string[]): SlideRef[] {
  const off = new Set(hidden);
  return allSlides(measureIdsInOrder).filter((s) => s.kind === "title" || !off.has(s.key));
}

/** The settings form: the slides to show (ticked boxes) and a position for each measure. */
export const PresentationFormSchema = z
  .object({
    rev: z.coerce.number({ error: "Reload the page and try again" }).int().min(0),
    show: z.array(z.string().max(40)).max(500).optional(),
    measures: z
      .array(
        z.object({
          id: z.coerce.number().int().positive(),
          position: z.coerce.number({ error: "Choose a position for each measure" }).int().min(1),
        }),
      )
      .max(500)
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const positions = (v.measures ?? []).map((m) => m.position);
    const n = positions.length;
    if (new Set(positions).size !== n || positions.some((p) => p > n)) {
      ctx.addIssue({
        code: "custom",
        path: ["measures"],
        message: `Give each measure a different position, from 1 to ${n}`,
      });
    }
  });

export type PresentationForm = z.output<typeof PresentationFormSchema>;

/** Measure ids in the order the form asks for. */
export const orderFromForm = (measures: PresentationForm["measures"]) => [...(measures ?? [])].sort((a, b) => a.position - b.position).map((m) => m.id);

const aimNumber = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** "Give antibiotics within the hour for adults with sepsis: from 58 to 90 by 31 Mar 2027." */
export function aimSentence(
  p: {
    aimWhat: string;
    aimForWhom: string;
    aimBaseline: number | null;
    aimTarget: number | null;
    aimTargetDate: string | null;
  },
  formatDay: (iso: string) => string,
): string {
  const numbers = [
    p.aimBaseline !== null ? `from ${aimNumber(p.aimBaseline)}` : "",
    p.aimTarget !== null ? `to ${aimNumber(p.aimTarget)}` : "",
    p.aimTargetDate ? `by ${formatDay(p.aimTargetDate)}` : "",
  ].filter(Boolean);
  const what = p.aimWhat.trim().replace(/\.$/, "");
  return `${what}${p.aimForWhom ? ` for ${p.aimForWhom}` : ""}${numbers.length ? `: ${numbers.join(" ")}` : ""}.`;
}
