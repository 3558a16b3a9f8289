// Driver diagrams for the demo projects that test change ideas: each project's aim → primary drivers →
// secondary drivers → the change ideas its PDSA ramps test (same titles), plus an idea or two not yet
// tested, PICK ratings, and its process measures attached to the drivers they show.
import type { PickEase, PickImpact } from "../app/domain/enums";

type Rating = [PickImpact, PickEase];
export type DemoSecondary = { title: string; ideas: string[] };
export type DemoPrimary = { title: string; measures?: string[]; secondaries: DemoSecondary[] };
export type DemoDiagram = { primaries: DemoPrimary[]; untested?: { title: string; under: string }[]; picks?: Record<string, Rating[]> };

export const DEMO_DIAGRAMS: Record<string, DemoDiagram> = {
  "sepsis-ed": {
    primaries: [
      {
        title: "Sepsis is recognised at the front door",
        measures: ["triage"],
        secondaries: [
          { title: "Every shift has someone who champions sepsis", ideas: ["Sepsis champion on every shift"] },
          { title: "Screening is part of triage", ideas: [] },
        ],
      },
      {
        title: "Treatment starts within the hour",
        measures: ["abx-1h"],
        secondaries: [
          { title: "Nurses can give the first dose", ideas: ["Nurse-initiated first-dose antibiotics (PGD)"] },
          { title: "Everything needed is at hand", ideas: ["Sepsis grab bags"] },
        ],
      },
    ],
    untested: [{ title: "Sepsis screen prompt on the triage screen", under: "Screening is part of triage" }],
    picks: {
      "Nurse-initiated first-dose antibiotics (PGD)": [
        ["high", "hard"],
        ["high", "easy"],
      ],
      "Sepsis grab bags": [["high", "easy"]],
      "Sepsis champion on every shift": [["low", "easy"]],
    },
  },
  "news2-ward7": {
    primaries: [
      {
        title: "Deterioration is spotted early",
        measures: ["obs-on-time"],
        secondaries: [{ title: "The team looks together at the sickest patients", ideas: ["Safety huddle for NEWS2 5+ patients"] }],
      },
      {
        title: "Escalation is reliable and quick",
        measures: ["escalated-30"],
        secondaries: [
          { title: "A shared language for escalating", ideas: ["SBAR escalation card"] },
          { title: "The nurse in charge knows at once", ideas: ["Electronic alert to the nurse in charge"] },
        ],
      },
    ],
    picks: { "SBAR escalation card": [["high", "easy"]], "Electronic alert to the nurse in charge": [["high", "hard"]] },
  },
  "cdiff-rounds": {
    primaries: [
      {
        title: "Antibiotics are reviewed and stopped when not needed",
        measures: ["reviewed-on-round"],
        secondaries: [
          { title: "Expert review on the ward", ideas: ["Weekly microbiology-led antimicrobial ward round"] },
          { title: "A prompt at 72 hours", ideas: ["72-hour antibiotic time-out sticker", "72-hour antibiotic review e-form in the EPR"] },
        ],
      },
    ],
    picks: { "72-hour antibiotic time-out sticker": [["low", "easy"]], "72-hour antibiotic review e-form in the EPR": [["high", "hard"]] },
  },
  "discharge-noon": {
    primaries: [
      {
        title: "Patients are ready to go in the morning",
        measures: ["before-noon"],
        secondaries: [{ title: "Nurses can discharge against agreed criteria", ideas: ["Criteria-led discharge"] }],
      },
      {
        title: "Beds are freed early",
        secondaries: [{ title: "Patients wait for transport off the ward", ideas: ["Discharge lounge pull at 10:00"] }],
      },
    ],
    untested: [{ title: "Medicines to take home written the day before", under: "Nurses can discharge against agreed criteria" }],
  },
  "paeds-sepsis": {
    primaries: [
      {
        title: "Sick children are recognised early",
        measures: ["paeds-screen"],
        secondaries: [{ title: "A screening tool made for children", ideas: ["Paediatric sepsis screening tool"] }],
      },
    ],
  },
  "maternity-sepsis": {
    primaries: [
      {
        title: "Maternal sepsis is recognised",
        secondaries: [{ title: "Obstetric early warning triggers action", ideas: ["MEOWS escalation prompt"] }],
      },
      {
        title: "Treatment starts quickly",
        measures: ["maternity-abx"],
        secondaries: [{ title: "Everything needed is on the unit", ideas: ["Maternity sepsis box"] }],
      },
    ],
  },
  "hip-fracture": {
    primaries: [
      {
        title: "Patients reach theatre within 36 hours",
        measures: ["theatre-36h"],
        secondaries: [
          { title: "A fast route from ED to the ward", ideas: ["Hip fracture fast-track from ED"] },
          { title: "Theatre time kept for trauma", ideas: ["Protected morning trauma theatre slot"] },
        ],
      },
    ],
  },
  "hand-hygiene": {
    primaries: [
      {
        title: "Hands are cleaned at every moment of care",
        measures: ["hand-hygiene"],
        secondaries: [{ title: "Staff hold each other to account", ideas: ["Peer hand hygiene audits by healthcare assistants"] }],
      },
      {
        title: "Equipment is clean between patients",
        measures: ["commodes"],
        secondaries: [{ title: "Clean equipment is easy to see", ideas: ["'I am clean' tape on commodes"] }],
      },
    ],
  },
  "pressure-ulcers": {
    primaries: [
      {
        title: "Risk is assessed on admission",
        measures: ["sskin-6h"],
        secondaries: [{ title: "A bundle everyone knows", ideas: ["SSKIN bundle on admission"] }],
      },
      {
        title: "Pressure is relieved",
        secondaries: [
          { title: "Repositioning happens on time", ideas: ["Two-hourly repositioning clocks"] },
          { title: "The right mattress arrives quickly", ideas: ["Pressure-relieving mattress fast-track"] },
        ],
      },
    ],
  },
  "abx-review": {
    primaries: [
      {
        title: "Prescribers review antibiotics at 72 hours",
        measures: ["review-72h"],
        secondaries: [
          { title: "A prompt when review is due", ideas: ["Pharmacist 72-hour review prompt"] },
          { title: "Junior doctors know the standard", ideas: ["Start Smart then Focus in junior doctor induction"] },
        ],
      },
    ],
  },
  "sepsis-epr": {
    primaries: [
      {
        title: "Every admission is screened",
        measures: ["screened"],
        secondaries: [{ title: "Screening is built into admission", ideas: ["Sepsis screen in the EPR admission form"] }],
      },
      {
        title: "A positive screen is acted on",
        measures: ["screen-to-abx"],
        secondaries: [{ title: "The right person is told", ideas: ["Automatic alert to the nurse in charge"] }],
      },
    ],
  },
  "cdiff-isolation": {
    primaries: [
      {
        title: "Patients with diarrhoea are isolated within 2 hours",
        measures: ["isolated-2h"],
        secondaries: [
          { title: "Decisions made on the ward", ideas: ["Nurse-in-charge isolation decision"] },
          { title: "Side rooms are visible to the flow team", ideas: ["Side-room board in the patient flow hub"] },
        ],
      },
    ],
  },
};

type Tx = Pick<import("../db/client").Db, "insert">;

/**
 * Writes one project's diagram. `ideaIds` are the change ideas its PDSA cycles made (by title); an idea
 * named here but not tested is added. Fails loudly when a diagram names an idea or measure the project lacks.
 */
export function seedDriverDiagram(
  tx: Tx,
  schema: typeof import("../db/schema"),
  opts: { key: string; projectId: number; ideaIds: Map<string, number>; measureIds: Map<string, number>; userId: number; at: Date },
) {
  const diagram = DEMO_DIAGRAMS[opts.key];
  if (!diagram) return;
  const { projectId, ideaIds, measureIds, userId, at } = opts;
  const stamp = { createdAt: at, updatedAt: at, updatedBy: userId };
  const secondaryIds = new Map<string, number>();
  let position = 0;
  diagram.primaries.forEach((p, pi) => {
    const primaryId = tx
      .insert(schema.drivers)
      .values({ projectId, level: "primary", title: p.title, position: pi + 1, ...stamp })
      .returning({ id: schema.drivers.id })
      .get().id;
    for (const key of p.measures ?? []) {
      const measureId = measureIds.get(key);
      if (measureId === undefined) throw new Error(`${opts.key}: driver "${p.title}" names unknown measure "${key}"`);
      tx.insert(schema.driverMeasures).values({ driverId: primaryId, measureId }).run();
    }
    for (const s of p.secondaries) {
      const secondaryId =
        secondaryIds.get(s.title) ??
        tx
          .insert(schema.drivers)
          .values({ projectId, level: "secondary", title: s.title, position: ++position, ...stamp })
          .returning({ id: schema.drivers.id })
          .get().id;
      secondaryIds.set(s.title, secondaryId);
      tx.insert(schema.driverLinks).values({ primaryId, secondaryId }).run();
      for (const idea of s.ideas) {
        const ideaId = ideaIds.get(idea);
        if (ideaId === undefined) throw new Error(`${opts.key}: driver "${s.title}" names change idea "${idea}" that no PDSA cycle tests`);
        tx.insert(schema.changeIdeaDrivers).values({ changeIdeaId: ideaId, driverId: secondaryId }).run();
      }
    }
  });
  for (const u of diagram.untested ?? []) {
    const driverId = secondaryIds.get(u.under);
    if (driverId === undefined) throw new Error(`${opts.key}: untested idea "${u.title}" goes under unknown driver "${u.under}"`);
    const ideaId = tx
      .insert(schema.changeIdeas)
      .values({ projectId, title: u.title, createdAt: at, updatedAt: at, updatedBy: userId, position: ideaIds.size + 1 })
      .returning({ id: schema.changeIdeas.id })
      .get().id;
    ideaIds.set(u.title, ideaId);
    tx.insert(schema.changeIdeaDrivers).values({ changeIdeaId: ideaId, driverId }).run();
  }
  for (const [idea, ratings] of Object.entries(diagram.picks ?? {})) {
    const changeIdeaId = ideaIds.get(idea);
    if (changeIdeaId === undefined) throw new Error(`${opts.key}: PICK rating for unknown change idea "${idea}"`);
    ratings.forEach(([impact, ease], i) => {
      const when = new Date(at.getTime() + i * 86_400_000);
      tx.insert(schema.changeIdeaPicks)
        .values({
          changeIdeaId,
          impact,
          ease,
          reason: i === 0 ? "First rating when the diagram was drawn" : "Re-rated as PDSA evidence arrived",
          createdBy: userId,
          createdAt: when,
        })
        .run();
    });
  }
}
