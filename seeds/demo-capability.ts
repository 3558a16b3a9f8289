// The demo's QI capability: the default training levels and, for its people, a deterministic history
// of levels reached over the last two and a half years: most people on a project team have the
// introduction, fewer the project course, a handful are coaches, and the executive leads are sponsors.
import { asc, eq, isNull } from "drizzle-orm";
import * as schema from "../db/schema";
import type { Db } from "../db/client";
import { DEFAULT_TRAINING_LEVELS } from "../app/domain/capability";
import { createRandom, hashString } from "./random";
import type { Offset } from "./demo-types";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export function seedDemoCapability(
  tx: Tx,
  { programmeId, createdBy, day, at }: { programmeId: number; createdBy: number; day: (offset: Offset) => string; at: (offset: Offset, hour?: number) => Date },
) {
  const created = at(-1000, 9);
  const levelIds = DEFAULT_TRAINING_LEVELS.map(
    (name, i) =>
      tx
        .insert(schema.trainingLevels)
        .values({ programmeId, name, position: i + 1, createdAt: created, updatedAt: created })
        .returning({ id: schema.trainingLevels.id })
        .get().id,
  );
  const random = createRandom(hashString("demo capability"));
  const onTeam = new Set(
    tx
      .select({ userId: schema.projectTeam.userId })
      .from(schema.projectTeam)
      .where(isNull(schema.projectTeam.endedAt))
      .all()
      .map((r) => r.userId),
  );
  const sponsors = new Set(
    tx
      .select({ userId: schema.projectTeam.userId })
      .from(schema.projectTeam)
      .where(eq(schema.projectTeam.role, "executive_lead"))
      .all()
      .map((r) => r.userId),
  );
  const people = tx.select({ id: schema.users.id, email: schema.users.email }).from(schema.users).orderBy(asc(schema.users.id)).all();
  const add = (userId: number, level: number, offset: Offset) =>
    tx
      .insert(schema.trainingRecords)
      .values({ userId, levelId: levelIds[level], achievedOn: day(offset), recordedBy: createdBy, createdAt: at(offset, 16) })
      .run();
  for (const p of people) {
    if (p.email === "viewer@example.org") continue;
    const team = onTeam.has(p.id);
    // Introduction first, somewhere in the last 30 months; each later level some months after the one before.
    if (random.next() > (team ? 0.85 : 0.35)) continue;
    let when = -random.int(30, 900);
    add(p.id, 0, when);
    if (random.next() < (team ? 0.55 : 0.2) && when < -120) {
      when = Math.min(-7, when + random.int(60, 240));
      add(p.id, 1, when);
      if (random.next() < 0.3 && when < -90) add(p.id, 2, Math.min(-3, when + random.int(60, 200)));
    }
    if (sponsors.has(p.id)) add(p.id, 3, -random.int(60, 500));
  }
}
