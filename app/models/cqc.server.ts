import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { cqcActionProjects, cqcActions, projects, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { CqcDomain } from "~/domain/enums";

export type CqcActionInput = {
  kind: "must_do" | "should_do";
  reference: string;
  text: string;
  domain: CqcDomain;
  service: string;
};

/** Active work counts as coverage: approved, active or sustaining projects. */
export const COVERING_STAGES = ["approved", "active", "sustaining"] as const;

export function listCqcRegister(db: Db, programmeId: number) {
  const owners = new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .innerJoin(cqcActions, eq(cqcActions.ownerId, users.id))
      .where(eq(cqcActions.programmeId, programmeId))
      .all()
      .map((u) => [u.id, u.name]),
  );
  const actions = db
    .select()
    .from(cqcActions)
    .where(eq(cqcActions.programmeId, programmeId))
    .orderBy(asc(cqcActions.kind), asc(cqcActions.reference))
    .all()
    .map((a) => ({ ...a, ownerName: a.ownerId ? (owners.get(a.ownerId) ?? null) : null }));
  const links = actions.length
    ? db
        .select({
          cqcActionId: cqcActionProjects.cqcActionId,
          projectId: projects.id,
          title: projects.title,
          stage: projects.stage,
        })
        .from(cqcActionProjects)
        .innerJoin(projects, eq(projects.id, cqcActionProjects.projectId))
        .where(
          inArray(
            cqcActionProjects.cqcActionId,
            actions.map((a) => a.id),
          ),
        )
        .orderBy(asc(projects.title))
        .all()
    : [];
  return actions.map((a) => {
    const linked = links.filter((l) => l.cqcActionId === a.id);
    const covered = linked.some((l) => (COVERING_STAGES as readonly string[]).includes(l.stage));
    return { ...a, projects: linked, covered, uncoveredMustDo: a.kind === "must_do" && !covered && !a.archivedAt };
  });
}

export function referencesInUse(db: Db, programmeId: number, references: string[]) {
  if (references.length === 0) return [];
  return db
    .select({ reference: cqcActions.reference })
    .from(cqcActions)
    .where(and(eq(cqcActions.programmeId, programmeId), inArray(cqcActions.reference, references)))
    .all()
    .map((r) => r.reference);
}

export function insertCqcActions(db: Db, programmeId: number, rows: CqcActionInput[]) {
  return rows.map(
    (row) =>
      db
        .insert(cqcActions)
        .values({ ...row, programmeId })
        .returning({ id: cqcActions.id })
        .get().id,
  );
}

export function getCqcAction(db: Db, programmeId: number, id: number) {
  return db
    .select()
    .from(cqcActions)
    .where(and(eq(cqcActions.id, id), eq(cqcActions.programmeId, programmeId)))
    .get();
}

export function linkProject(db: Db, cqcActionId: number, projectId: number) {
  db.insert(cqcActionProjects).values({ cqcActionId, projectId }).onConflictDoNothing().run();
}

export function unlinkProject(db: Db, cqcActionId: number, projectId: number) {
  db.delete(cqcActionProjects)
    .where(and(eq(cqcActionProjects.cqcActionId, cqcActionId), eq(cqcActionProjects.projectId, projectId)))
    .run();
}

export function deleteCqcAction(db: Db, id: number) {
  db.delete(cqcActions).where(eq(cqcActions.id, id)).run();
}

export function projectChoices(db: Db, programmeId: number) {
  return db
    .select({ id: projects.id, title: projects.title, stage: projects.stage })
    .from(projects)
    .where(eq(projects.programmeId, programmeId))
    .orderBy(asc(projects.title))
    .all();
}

export function updateCqcAction(
  db: Db,
  id: number,
  values: { kind: "must_do" | "should_do"; text: string; domain: CqcDomain; service: string; ownerId: number | null; dueOn: string | null },
) {
  db.update(cqcActions).set(values).where(eq(cqcActions.id, id)).run();
}

export function setCqcActionArchived(db: Db, id: number, at: Date | null) {
  db.update(cqcActions).set({ archivedAt: at }).where(eq(cqcActions.id, id)).run();
}

export function activeUserExists(db: Db, id: number) {
  return Boolean(
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, id), isNull(users.disabledAt)))
      .get(),
  );
}

export function userName(db: Db, id: number) {
  return db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? "";
}
