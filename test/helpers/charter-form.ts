// The project charter's edit form as the page would post it for a stored project.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { projectCqcDomains, projects } from "../../db/schema";

type Form = Record<string, string | string[]>;

/** Everything the charter edit form posts, as the project stands in the database, with some fields changed. */
export function charterForm(db: Db, projectId: number, changes: Form = {}): Form {
  const p = db.select().from(projects).where(eq(projects.id, projectId)).get();
  if (!p) throw new Error(`no project ${projectId}`);
  const s = (v: string | number | null) => (v === null ? "" : String(v));
  const domains = db
    .select({ domain: projectCqcDomains.domain })
    .from(projectCqcDomains)
    .where(eq(projectCqcDomains.projectId, projectId))
    .all()
    .map((d) => d.domain)
    .sort();
  return {
    version: String(p.version),
    title: p.title,
    problem: p.problem,
    proposalIdea: p.proposalIdea,
    aimWhat: p.aimWhat,
    aimForWhom: p.aimForWhom,
    aimMeasure: p.aimMeasure,
    aimBaseline: s(p.aimBaseline),
    aimTarget: s(p.aimTarget),
    aimTargetDate: s(p.aimTargetDate),
    scope: p.scope,
    divisionId: s(p.divisionId),
    service: p.service,
    themeId: s(p.themeId),
    cqcDomains: domains,
    origin: p.origin,
    originReference: p.originReference,
    waveId: s(p.waveId),
    plannedStart: s(p.plannedStart),
    plannedEnd: s(p.plannedEnd),
    ...changes,
  };
}
