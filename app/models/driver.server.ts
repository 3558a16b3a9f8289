// A project's driver diagram: the aim from its charter, its drivers and their links, its change ideas
// with the evidence of their PDSA cycles (status, cycle count, latest learning), their PICK ratings,
// and the measures attached to the aim and the drivers. Every query is scoped by project; soft-deleted
// drivers and change ideas are gone from the diagram (their cycles and audit trail stay).
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { changeIdeaDrivers, changeIdeaPicks, changeIdeas, driverLinks, driverMeasures, drivers, measures, pdsaCycles, projects, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { DriverLevel, PickEase, PickImpact } from "~/domain/enums";
import { changeIdeaStatus, latestLearning, pickCategory, type ChangeIdeaStatus, type PickCategory } from "~/domain/driver-rules";

export function listDrivers(db: Db, projectId: number) {
  return db
    .select({
      id: drivers.id,
      level: drivers.level,
      title: drivers.title,
      description: drivers.description,
      position: drivers.position,
      version: drivers.version,
    })
    .from(drivers)
    .where(and(eq(drivers.projectId, projectId), isNull(drivers.deletedAt)))
    .orderBy(asc(drivers.position), asc(drivers.id))
    .all();
}

export function getDriver(db: Db, projectId: number, driverId: number) {
  return db
    .select({
      id: drivers.id,
      level: drivers.level,
      title: drivers.title,
      description: drivers.description,
      position: drivers.position,
      version: drivers.version,
      updatedAt: drivers.updatedAt,
      updatedByName: users.name,
    })
    .from(drivers)
    .leftJoin(users, eq(users.id, drivers.updatedBy))
    .where(and(eq(drivers.id, driverId), eq(drivers.projectId, projectId), isNull(drivers.deletedAt)))
    .get();
}

export function getIdea(db: Db, projectId: number, ideaId: number) {
  return db
    .select({
      id: changeIdeas.id,
      title: changeIdeas.title,
      description: changeIdeas.description,
      position: changeIdeas.position,
      version: changeIdeas.version,
      updatedAt: changeIdeas.updatedAt,
      updatedByName: users.name,
    })
    .from(changeIdeas)
    .leftJoin(users, eq(users.id, changeIdeas.updatedBy))
    .where(and(eq(changeIdeas.id, ideaId), eq(changeIdeas.projectId, projectId), isNull(changeIdeas.deletedAt)))
    .get();
}

/** The project's change ideas (not removed), in diagram order. */
export function listIdeas(db: Db, projectId: number) {
  return db
    .select({
      id: changeIdeas.id,
      title: changeIdeas.title,
      description: changeIdeas.description,
      position: changeIdeas.position,
      version: changeIdeas.version,
    })
    .from(changeIdeas)
    .where(and(eq(changeIdeas.projectId, projectId), isNull(changeIdeas.deletedAt)))
    .orderBy(asc(changeIdeas.position), asc(changeIdeas.createdAt), asc(changeIdeas.id))
    .all();
}

/** Primary → secondary links between live drivers of the project. */
export function listDriverLinks(db: Db, projectId: number) {
  return db
    .select({ primaryId: driverLinks.primaryId, secondaryId: driverLinks.secondaryId })
    .from(driverLinks)
    .innerJoin(drivers, eq(drivers.id, driverLinks.primaryId))
    .where(and(eq(drivers.projectId, projectId), isNull(drivers.deletedAt)))
    .all();
}

/** Secondary driver → change idea links of the project. */
export function listIdeaLinks(db: Db, projectId: number) {
  return db
    .select({ driverId: changeIdeaDrivers.driverId, changeIdeaId: changeIdeaDrivers.changeIdeaId })
    .from(changeIdeaDrivers)
    .innerJoin(drivers, eq(drivers.id, changeIdeaDrivers.driverId))
    .where(and(eq(drivers.projectId, projectId), isNull(drivers.deletedAt)))
    .all();
}

export type PickHistoryRow = {
  changeIdeaId: number;
  impact: PickImpact;
  ease: PickEase;
  category: PickCategory;
  reason: string;
  at: string;
  byName: string | null;
};

/** Every PICK rating of the project's change ideas, newest first. */
export function listPickHistory(db: Db, projectId: number): PickHistoryRow[] {
  return db
    .select({
      changeIdeaId: changeIdeaPicks.changeIdeaId,
      impact: changeIdeaPicks.impact,
      ease: changeIdeaPicks.ease,
      reason: changeIdeaPicks.reason,
      createdAt: changeIdeaPicks.createdAt,
      byName: users.name,
    })
    .from(changeIdeaPicks)
    .innerJoin(changeIdeas, eq(changeIdeas.id, changeIdeaPicks.changeIdeaId))
    .leftJoin(users, eq(users.id, changeIdeaPicks.createdBy))
    .where(eq(changeIdeas.projectId, projectId))
    .orderBy(desc(changeIdeaPicks.createdAt), desc(changeIdeaPicks.id))
    .all()
    .map((r) => ({ ...r, category: pickCategory(r.impact, r.ease), at: r.createdAt.toISOString() }));
}

export type IdeaEvidence = { status: ChangeIdeaStatus; cycles: number; learning: string; latestCycleId: number | null };

/** Status, number of cycles and latest learning of each change idea, from its cycles that are not deleted. */
export function ideaEvidence(db: Db, ideaIds: readonly number[]): Map<number, IdeaEvidence> {
  const out = new Map<number, IdeaEvidence>();
  if (ideaIds.length === 0) return out;
  const cycles = db
    .select({
      id: pdsaCycles.id,
      changeIdeaId: pdsaCycles.changeIdeaId,
      number: pdsaCycles.number,
      actDecision: pdsaCycles.actDecision,
      studyLearning: pdsaCycles.studyLearning,
    })
    .from(pdsaCycles)
    .where(and(inArray(pdsaCycles.changeIdeaId, [...ideaIds]), isNull(pdsaCycles.deletedAt)))
    .all();
  for (const id of ideaIds) {
    const own = cycles.filter((c) => c.changeIdeaId === id);
    const latest = own.reduce<(typeof own)[number] | null>((best, c) => (!best || c.number > best.number ? c : best), null);
    out.set(id, { status: changeIdeaStatus(own), cycles: own.length, learning: latestLearning(own), latestCycleId: latest?.id ?? null });
  }
  return out;
}

export type AttachedMeasure = {
  id: number;
  name: string;
  type: "outcome" | "process" | "balancing";
  variationIcon: string | null;
  assuranceIcon: string | null;
  driverId: number | null;
};

/** Outcome and balancing measures go with the aim; process measures with the drivers they are attached to. */
export function listDiagramMeasures(db: Db, projectId: number) {
  const all = db
    .select({ id: measures.id, name: measures.name, type: measures.type, variationIcon: measures.spcVariationIcon, assuranceIcon: measures.spcAssuranceIcon })
    .from(measures)
    .where(and(eq(measures.projectId, projectId), isNull(measures.deletedAt)))
    .orderBy(desc(measures.isPrimary), asc(measures.id))
    .all();
  const attached = db
    .select({ driverId: driverMeasures.driverId, measureId: driverMeasures.measureId })
    .from(driverMeasures)
    .innerJoin(drivers, eq(drivers.id, driverMeasures.driverId))
    .where(and(eq(drivers.projectId, projectId), isNull(drivers.deletedAt)))
    .all();
  return { all, attached };
}

export type DiagramIdea = ReturnType<typeof listIdeas>[number] & IdeaEvidence & { pick: PickCategory | null; driverIds: number[] };
export type DiagramDriver = ReturnType<typeof listDrivers>[number] & { parentIds: number[]; measureIds: number[] };

/** Everything the diagram page, its SVG and its list need. */
export function getDiagram(db: Db, projectId: number) {
  const aim = db
    .select({
      aimWhat: projects.aimWhat,
      aimForWhom: projects.aimForWhom,
      aimMeasure: projects.aimMeasure,
      aimBaseline: projects.aimBaseline,
      aimTarget: projects.aimTarget,
      aimTargetDate: projects.aimTargetDate,
    })
    .from(projects)
    .where(eq(projects.id, projectId))
    .get()!;
  const driverRows = listDrivers(db, projectId);
  const dLinks = listDriverLinks(db, projectId);
  const iLinks = listIdeaLinks(db, projectId);
  const ideaRows = listIdeas(db, projectId);
  const evidence = ideaEvidence(
    db,
    ideaRows.map((i) => i.id),
  );
  const history = listPickHistory(db, projectId);
  const { all: measureRows, attached } = listDiagramMeasures(db, projectId);
  const live = new Set(driverRows.map((d) => d.id));
  const driversOut: DiagramDriver[] = driverRows.map((d) => ({
    ...d,
    parentIds: dLinks.filter((l) => l.secondaryId === d.id && live.has(l.primaryId)).map((l) => l.primaryId),
    measureIds: attached.filter((a) => a.driverId === d.id).map((a) => a.measureId),
  }));
  const ideasOut: DiagramIdea[] = ideaRows.map((i) => ({
    ...i,
    ...evidence.get(i.id)!,
    pick: history.find((h) => h.changeIdeaId === i.id)?.category ?? null,
    driverIds: iLinks.filter((l) => l.changeIdeaId === i.id).map((l) => l.driverId),
  }));
  return {
    aim,
    primaries: driversOut.filter((d) => d.level === "primary"),
    secondaries: driversOut.filter((d) => d.level === "secondary"),
    ideas: ideasOut,
    measures: measureRows,
    history,
  };
}

export type Diagram = ReturnType<typeof getDiagram>;
export type { DriverLevel };
