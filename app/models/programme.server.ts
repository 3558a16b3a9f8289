import { asc } from "drizzle-orm";
import { programmes } from "~/db.server";
import type { Db } from "~/db.server";
import { ensureSummariesFresh } from "~/models/summary.server";

/** One trust runs one programme per installation; this is it. */
export function getProgramme(db: Db) {
  const row = db.select().from(programmes).orderBy(asc(programmes.id)).limit(1).get();
  if (!row) throw new Error("No programme: startup has not run");
  return row;
}

/** The programme with every project's summary brought up to date for `today`: what the portfolio pages read. */
export function freshProgramme(db: Db, today: string) {
  const programme = getProgramme(db);
  ensureSummariesFresh(db, programme.id, today);
  return programme;
}

/** A real trust starts with an empty programme that an admin names in /admin/programme. */
export function ensureProgramme(db: Db) {
  const existing = db.select({ id: programmes.id }).from(programmes).limit(1).get();
  if (!existing) db.insert(programmes).values({ name: "Stepping Up", trustName: "Your trust" }).run();
}

export function isDemoProgramme(db: Db): boolean {
  return Boolean(db.select({ isDemo: programmes.isDemo }).from(programmes).orderBy(asc(programmes.id)).limit(1).get()?.isDemo);
}
