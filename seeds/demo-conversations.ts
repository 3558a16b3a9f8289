// The demo's Big Conversation: listening events at four sites, the themes staff raised, three
// priorities the board adopted from them and their action plans, some done ("You said, we did").
import type { Db } from "../db/client";
import * as schema from "../db/schema";
import type { DemoClock } from "./demo-dates";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const EVENTS = [
  { key: "basildon", at: -150, site: "Basildon University Hospital", staffGroup: "All staff", facilitator: "board", attendance: 64 },
  { key: "orsett", at: -143, site: "Orsett Hospital", staffGroup: "Outpatients and admin teams", facilitator: "staff", attendance: 22 },
  { key: "thurrock", at: -136, site: "Thurrock Community Hospital", staffGroup: "Nursing and therapies", facilitator: "lead", attendance: 31 },
  { key: "cardiothoracic", at: -129, site: "Essex Cardiothoracic Centre", staffGroup: "Medical and nursing staff", facilitator: "board", attendance: 27 },
] as const;

const PRIORITIES = [
  {
    key: "frustrations",
    title: "Fix day-to-day frustrations",
    description: "Staff lose time every shift to broken kit, slow IT and waiting for answers. Fix the top ones and show it.",
    owner: "admin",
    assurance: "inconsistent",
  },
  {
    key: "voice",
    title: "Hear and answer staff ideas",
    description: "Ideas raised on the ward go nowhere. Give every idea an answer within two weeks.",
    owner: "board",
    assurance: "consistent_pass",
  },
  {
    key: "breaks",
    title: "Protect breaks and rest",
    description: "Staff on busy wards miss breaks and have nowhere to rest.",
    owner: "board",
    assurance: null,
  },
] as const;

const THEMES: { event: (typeof EVENTS)[number]["key"]; text: string; mentions: number | null; priority: (typeof PRIORITIES)[number]["key"] | null }[] = [
  { event: "basildon", text: "Computers take too long to log in at the start of a shift", mentions: 18, priority: "frustrations" },
  { event: "basildon", text: "Ideas we raise never get an answer", mentions: 12, priority: "voice" },
  { event: "basildon", text: "No quiet place to take a break on the wards", mentions: 9, priority: "breaks" },
  { event: "orsett", text: "Clinic letters wait days for printing", mentions: 7, priority: "frustrations" },
  { event: "orsett", text: "Car parking for night staff", mentions: 5, priority: null },
  { event: "thurrock", text: "Broken equipment is not repaired quickly", mentions: 11, priority: "frustrations" },
  { event: "thurrock", text: "Managers do not know what we suggested", mentions: 6, priority: "voice" },
  { event: "thurrock", text: "Breaks missed on short-staffed shifts", mentions: 8, priority: "breaks" },
  { event: "cardiothoracic", text: "Hot food is not available at night", mentions: 10, priority: "breaks" },
  { event: "cardiothoracic", text: "Too many emails and no time to read them", mentions: 4, priority: null },
];

const ACTIONS: { priority: (typeof PRIORITIES)[number]["key"]; text: string; owner: string; due: number; done?: number }[] = [
  { priority: "frustrations", text: "Single sign-on on every ward computer", owner: "admin", due: -60, done: -70 },
  { priority: "frustrations", text: "Same-week repair service for ward equipment, with a named contact", owner: "lead", due: -30, done: -35 },
  { priority: "frustrations", text: "Print clinic letters on the day they are typed", owner: "staff", due: -10 },
  { priority: "voice", text: "An ideas board on every ward, answered within two weeks", owner: "board", due: -80, done: -84 },
  { priority: "voice", text: "A monthly 'you said, we did' bulletin from the chief executive", owner: "admin", due: -40, done: -45 },
  { priority: "breaks", text: "Open a staff rest room at Basildon", owner: "board", due: 30 },
  { priority: "breaks", text: "Hot food at night from the main restaurant", owner: "lead", due: 45 },
];

export function seedDemoConversations(tx: Tx, opts: { programmeId: number; clock: DemoClock; user: (key: string) => number }) {
  const { programmeId, clock, user } = opts;
  const { day, at } = clock;
  const eventIds = new Map<string, number>();
  for (const e of EVENTS) {
    const when = at(e.at, 17);
    const row = tx
      .insert(schema.conversationEvents)
      .values({
        programmeId,
        heldOn: day(e.at),
        site: e.site,
        staffGroup: e.staffGroup,
        facilitatorUserId: user(e.facilitator),
        attendance: e.attendance,
        notes: "",
        createdAt: when,
        updatedAt: when,
        updatedBy: user("board"),
      })
      .returning({ id: schema.conversationEvents.id })
      .get();
    eventIds.set(e.key, row.id);
  }
  const priorityIds = new Map<string, number>();
  for (const p of PRIORITIES) {
    const when = at(-120, 10);
    const row = tx
      .insert(schema.conversationPriorities)
      .values({
        programmeId,
        title: p.title,
        description: p.description,
        ownerUserId: user(p.owner),
        assurance: p.assurance,
        createdAt: when,
        updatedAt: when,
        updatedBy: user("board"),
      })
      .returning({ id: schema.conversationPriorities.id })
      .get();
    priorityIds.set(p.key, row.id);
  }
  for (const t of THEMES) {
    const event = EVENTS.find((e) => e.key === t.event)!;
    tx.insert(schema.conversationThemes)
      .values({
        eventId: eventIds.get(t.event)!,
        text: t.text,
        mentions: t.mentions,
        priorityId: t.priority ? priorityIds.get(t.priority)! : null,
        createdBy: user(event.facilitator),
        createdAt: at(event.at, 18),
      })
      .run();
  }
  for (const a of ACTIONS) {
    const created = at(-118, 11);
    tx.insert(schema.meetingActions)
      .values({
        meetingId: null,
        priorityId: priorityIds.get(a.priority)!,
        text: a.text,
        ownerUserId: user(a.owner),
        dueOn: day(a.due),
        completedOn: a.done !== undefined ? day(a.done) : null,
        createdAt: created,
        updatedAt: a.done !== undefined ? at(a.done, 12) : created,
      })
      .run();
  }
}
