// The demo's waves as cohorts (ADR 110, 111): each wave's executive sponsor, champions and timeline
// of events (wave 2 complete to its Pass it On, wave 3 under way), and the teams' missions, quick
// wins and outcome stories. Deterministic: every date is an offset from the demo's today.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import * as schema from "../db/schema";
import type { DemoClock } from "./demo-dates";
import type { Offset } from "./demo-types";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type WaveNumber = 1 | 2 | 3;

const SPONSORS: Record<WaveNumber, string> = { 1: "mark", 2: "helen", 3: "priya" };
const CHAMPIONS: Record<WaveNumber, string[]> = { 1: ["sarah", "nicola"], 2: ["sarah", "fiona", "grace"], 3: ["sarah", "lucy", "tom"] };

type EventSpec = {
  kind: (typeof schema.waveEvents.$inferInsert)["kind"];
  /** Days from the wave's start ("start") or end ("end"). */
  from: "start" | "end";
  days: number;
  title: string;
  attendance?: number;
  notes?: string;
  /** Named attendees: the sponsor and champions. */
  named?: boolean;
};

const EVENTS: Record<WaveNumber, EventSpec[]> = {
  1: [
    {
      kind: "launch",
      from: "start",
      days: -4,
      title: "Wave 1 launch with the chief executive",
      attendance: 85,
      named: true,
      notes: "Ten pioneer teams pitched their ideas.",
    },
    { kind: "conversation", from: "start", days: 17, title: "Team Big Conversations", attendance: 46 },
    { kind: "checkpoint", from: "start", days: 70, title: "Week 10 checkpoint", attendance: 18 },
    { kind: "pass_it_on", from: "end", days: 6, title: "Wave 1 Pass it On", attendance: 120, notes: "Teams showed their results to wave 2." },
  ],
  2: [
    {
      kind: "launch",
      from: "start",
      days: -3,
      title: "Wave 2 launch at Basildon",
      attendance: 92,
      named: true,
      notes: "The Chief Nurse opened the wave; wave 1 teams passed on what they learned.\nPatients' stories from Puffin Ward started the day.",
    },
    {
      kind: "conversation",
      from: "start",
      days: 14,
      title: "Puffin Ward Big Conversation",
      attendance: 31,
      notes: "Nurses, doctors and parents named the delays in spotting sepsis.",
    },
    { kind: "checkpoint", from: "start", days: 42, title: "Week 6 checkpoint", attendance: 14, notes: "Quick wins shared; one team asked for help with data." },
    { kind: "checkpoint", from: "start", days: 98, title: "Week 14 checkpoint", attendance: 16, notes: "All teams on track for the Pass it On." },
    {
      kind: "pass_it_on",
      from: "end",
      days: 4,
      title: "Wave 2 Pass it On",
      attendance: 134,
      named: true,
      notes: "Teams showcased their results and handed the baton to the wave 3 teams.\nThe board thanked every team.",
    },
  ],
  3: [
    { kind: "launch", from: "start", days: -2, title: "Wave 3 launch", attendance: 78, named: true, notes: "Wave 2 teams joined to pass it on." },
    { kind: "conversation", from: "start", days: 21, title: "Ward 7 and Ward 12 Big Conversations", attendance: 38 },
    { kind: "checkpoint", from: "start", days: 84, title: "Week 12 checkpoint" },
    { kind: "pass_it_on", from: "end", days: 5, title: "Wave 3 Pass it On" },
  ],
};

/** The team's part, by the project's demo key. */
const TEAMS: Record<
  string,
  { mission?: string; wins?: { title: string; description: string; at: "start" | "mid" }[]; stories?: { title: string; story: string }[] }
> = {
  "paeds-sepsis": {
    mission:
      "Every child on Puffin Ward who might have sepsis is screened within an hour of arriving, and treated within the hour when screening says so, because the nurses and doctors who care for them have made the checks part of every handover.",
    wins: [
      {
        title: "Sepsis screening tool at every bedside",
        description: "Laminated paediatric screening tools in every bay, asked for at the Big Conversation.",
        at: "start",
      },
      { title: "A sepsis trolley on Puffin Ward", description: "Antibiotics and fluids in one place, checked every shift.", at: "mid" },
    ],
    stories: [
      {
        title: "A quicker start for a very poorly toddler",
        story:
          "A nurse screened a two-year-old at handover, found red flags and started the pathway at once. Antibiotics were given within 40 minutes.\nThe family told us they felt listened to from the start.",
      },
      {
        title: "Parents as partners",
        story:
          "Parents now have a card that tells them what to look for and who to tell. Three parents raised concerns that led to a screen in the first month.",
      },
    ],
  },
  "news2-ward7": {
    mission:
      "Every patient on Ward 7 whose NEWS2 score rises is reviewed by a doctor within 30 minutes, because the whole ward team knows who to call and how.",
    wins: [{ title: "Escalation cards on every observation trolley", description: "Who to call, at which score, on one card.", at: "start" }],
    stories: [
      {
        title: "The night the call came sooner",
        story: "A healthcare assistant escalated a score of 5 straight to the nurse in charge. The doctor reviewed within 20 minutes.",
      },
    ],
  },
  "hand-hygiene": {},
  "abx-review": {
    mission: "Every patient on antibiotics has them reviewed at 72 hours, so no one stays on a drug they do not need.",
    stories: [
      { title: "Stopping what was not needed", story: "In the first month of the review prompt, a quarter of courses were stopped or narrowed at 72 hours." },
    ],
  },
  "sepsis-epr": {
    mission: "Sepsis screening is part of the electronic patient record, so no screen is missed when a patient deteriorates.",
  },
};

export function seedDemoCohorts(
  tx: Tx,
  ctx: {
    clock: DemoClock;
    user: (key: string) => number;
    waves: Record<WaveNumber, { start: Offset; end: Offset }>;
    waveIds: Map<number, number>;
    projectIds: Map<string, number>;
  },
) {
  const { clock, user, waves } = ctx;
  const admin = user("admin");
  for (const n of [1, 2, 3] as const) {
    const waveId = ctx.waveIds.get(n);
    if (waveId === undefined) throw new Error(`demo wave ${n} is missing`);
    const w = waves[n];
    tx.update(schema.waves)
      .set({ sponsorUserId: user(SPONSORS[n]), version: 2, updatedAt: clock.at(w.start - 21, 10), updatedBy: admin })
      .where(eq(schema.waves.id, waveId))
      .run();
    for (const key of CHAMPIONS[n]) {
      tx.insert(schema.waveChampions)
        .values({ waveId, userId: user(key), addedAt: clock.at(w.start - 20, 10), addedBy: admin })
        .run();
    }
    for (const e of EVENTS[n]) {
      const offset = (e.from === "start" ? w.start : w.end) + e.days;
      const when = clock.at(Math.min(offset, 0), 16);
      const eventId = tx
        .insert(schema.waveEvents)
        .values({
          waveId,
          kind: e.kind,
          heldOn: clock.day(offset),
          title: e.title,
          attendance: e.attendance ?? null,
          notes: e.notes ?? "",
          createdAt: when,
          updatedAt: when,
          updatedBy: admin,
        })
        .returning({ id: schema.waveEvents.id })
        .get().id;
      if (e.named) {
        for (const key of [SPONSORS[n], ...CHAMPIONS[n]])
          tx.insert(schema.waveEventAttendees)
            .values({ eventId, userId: user(key) })
            .run();
      }
    }
  }

  for (const [key, team] of Object.entries(TEAMS)) {
    const projectId = ctx.projectIds.get(key);
    if (projectId === undefined) throw new Error(`demo project ${key} is missing`);
    const waveId = tx.select({ waveId: schema.projects.waveId }).from(schema.projects).where(eq(schema.projects.id, projectId)).get()?.waveId;
    const waveNumber = ([1, 2, 3] as const).find((n) => ctx.waveIds.get(n) === waveId);
    if (!waveNumber) throw new Error(`demo project ${key} is in no wave`);
    const w = waves[waveNumber];
    const lead =
      tx
        .select({ userId: schema.projectTeam.userId })
        .from(schema.projectTeam)
        .where(eq(schema.projectTeam.projectId, projectId))
        .orderBy(asc(schema.projectTeam.id))
        .get()?.userId ?? admin;
    const early = clock.at(Math.min(w.start + 10, 0), 11);
    if (team.mission) {
      tx.insert(schema.teamMissions).values({ projectId, mission: team.mission, createdAt: early, updatedAt: early, updatedBy: lead }).run();
    }
    for (const win of team.wins ?? []) {
      const at = clock.at(Math.min(win.at === "start" ? w.start + 18 : w.start + 60, -1), 13);
      const winId = tx
        .insert(schema.wins)
        .values({ projectId, title: win.title, description: win.description, evidenceKind: "other", evidenceRef: "", confirmedBy: lead, at })
        .returning({ id: schema.wins.id })
        .get().id;
      tx.insert(schema.teamQuickWins).values({ winId, projectId, addedAt: at, addedBy: lead }).run();
    }
    (team.stories ?? []).forEach((s, i) => {
      const at = clock.at(Math.min(w.start + 90 + i * 14, -1), 15);
      tx.insert(schema.outcomeStories)
        .values({ projectId, title: s.title, story: s.story, createdAt: at, createdBy: lead, updatedAt: at, updatedBy: lead })
        .run();
    });
  }
}
