// The demo's spread (issue 16 §3, ADRs 061 and 104): one adopted change idea marked ready to spread that
// two other open projects have already adopted, so /changes shows a candidate with "Spread to 2 projects".
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import * as schema from "../db/schema";
import type { Db } from "../db/client";
import type { Offset } from "./demo-types";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const ORIGIN = "SBAR escalation card";
const SUMMARY = "The SBAR card on every lanyard and the nurse in charge asking for it at the first escalation call";

export function seedDemoSpread(tx: Tx, opts: { userId: number; at: (offset: Offset, hour?: number) => Date }) {
  const { changeIdeas, projects } = schema;
  const origin = tx
    .select({ id: changeIdeas.id, projectId: changeIdeas.projectId, title: changeIdeas.title, description: changeIdeas.description })
    .from(changeIdeas)
    .where(and(eq(changeIdeas.title, ORIGIN), isNull(changeIdeas.deletedAt)))
    .get();
  if (!origin) throw new Error(`demo spread: no change idea "${ORIGIN}"`);
  const marked = opts.at(-20, 15);
  tx.update(changeIdeas)
    .set({ spreadSummary: SUMMARY, spreadReadyAt: marked, updatedAt: marked, updatedBy: opts.userId, version: sql`${changeIdeas.version} + 1` })
    .where(eq(changeIdeas.id, origin.id))
    .run();
  const targets = tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(inArray(projects.stage, ["active", "sustaining"]), ne(projects.id, origin.projectId)))
    .orderBy(projects.id)
    .limit(2)
    .all();
  targets.forEach((t, i) => {
    const at = opts.at(-12 + i * 5, 11);
    const last = tx.get<{ n: number | null }>(sql`select max(position) as n from change_ideas where project_id = ${t.id}`);
    tx.insert(changeIdeas)
      .values({
        projectId: t.id,
        title: origin.title,
        description: [SUMMARY, origin.description].filter(Boolean).join("\n\n"),
        position: (last?.n ?? 0) + 1,
        createdAt: at,
        updatedAt: at,
        updatedBy: opts.userId,
        originChangeIdeaId: origin.id,
      })
      .run();
  });
}
