// The set-up checklist a trust follows on day one: each step with its state, read from what is there.
import { and, eq, isNull, sql } from "drizzle-orm";
import { cqcActions, divisions, programmes, projects, themes, users, waves } from "~/db.server";
import type { Db } from "~/db.server";

export type SetupStep = { key: string; label: string; done: boolean; state: string; href: string; action: string };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function getSetupChecklist(db: Db, programmeId: number): SetupStep[] {
  const p = db.select().from(programmes).where(eq(programmes.id, programmeId)).get();
  if (!p) return [];
  const count = (query: { get: () => { n: number } | undefined }) => query.get()?.n ?? 0;
  const n = sql<number>`count(*)`;
  const liveThemes = count(
    db
      .select({ n })
      .from(themes)
      .where(and(eq(themes.programmeId, programmeId), isNull(themes.retiredAt))),
  );
  const liveDivisions = count(
    db
      .select({ n })
      .from(divisions)
      .where(and(eq(divisions.programmeId, programmeId), isNull(divisions.retiredAt))),
  );
  const openWaves = count(
    db
      .select({ n })
      .from(waves)
      .where(and(eq(waves.programmeId, programmeId), isNull(waves.archivedAt))),
  );
  const actions = count(db.select({ n }).from(cqcActions).where(eq(cqcActions.programmeId, programmeId)));
  const people = count(db.select({ n }).from(users).where(isNull(users.disabledAt)));
  const projectCount = count(db.select({ n }).from(projects).where(eq(projects.programmeId, programmeId)));
  const named = p.name !== "Stepping Up" || p.trustName !== "Your trust";
  // Saving the programme's details (name or thresholds) moves its version on from 1.
  const thresholdsReviewed = p.version > 1;
  return [
    {
      key: "names",
      label: "Name the trust and programme",
      done: named,
      state: named ? `${p.trustName}: ${p.name}` : "Not started",
      href: "/admin/programme",
      action: "Name the trust and programme",
    },
    {
      key: "themes",
      label: "Strategic themes",
      done: liveThemes > 0,
      state: liveThemes ? plural(liveThemes, "theme") : "None yet",
      href: "/admin/programme#themes",
      action: "Add strategic themes",
    },
    {
      key: "divisions",
      label: "Divisions",
      done: liveDivisions > 0,
      state: liveDivisions ? plural(liveDivisions, "division") : "None yet",
      href: "/admin/programme#divisions",
      action: "Add divisions",
    },
    {
      key: "waves",
      label: "Waves",
      done: openWaves > 0,
      state: openWaves ? plural(openWaves, "wave") : "None yet",
      href: "/admin/programme#waves",
      action: "Add waves",
    },
    {
      key: "thresholds",
      label: "Attention thresholds",
      done: thresholdsReviewed,
      state: thresholdsReviewed ? "Reviewed" : "The defaults, not yet reviewed",
      href: "/admin/programme#thresholds",
      action: "Review the attention thresholds",
    },
    {
      key: "cqc",
      label: "CQC must-do and should-do actions",
      done: actions > 0,
      state: actions ? plural(actions, "action") : "None yet",
      href: "/cqc",
      action: "Add the CQC actions",
    },
    {
      key: "people",
      label: "People",
      done: people > 1,
      state: plural(people, "person", "people"),
      href: "/admin/import/people",
      action: "Import people",
    },
    {
      key: "projects",
      label: "Projects",
      done: projectCount > 0,
      state: projectCount ? plural(projectCount, "project") : "None yet",
      href: "/admin/import/projects",
      action: "Import projects",
    },
  ];
}
