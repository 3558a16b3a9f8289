import { asc } from "drizzle-orm";
import { programmes } from "~/db.server";
import type { Db } from "~/db.server";

/** One trust runs one programme per installation; this is it. */
export function getProgramme(db: Db) {
  const row = db.select().from(programmes).orderBy(asc(programmes.id)).limit(1).get();
  if (!row) throw new Error("No programme: startup has not run");
  return row;
}

/** A real trust starts with an empty programme that an admin names in /admin/programme. */
export function ensureProgramme(db: Db) {
  const existing = db.select({ id: programmes.id }).from(programmes).limit(1).get();
  if (!existing) db.insert(programmes).values({ name: "Stepping Up", trustName: "Your trust" }).run();
}

export function isDemoProgramme(db: Db): boolean {
  return Boolean(db.select({ isDemo: programmes.isDemo }).from(programmes).orderBy(asc(programmes.id)).limit(1).get()?.isDemo);
}
