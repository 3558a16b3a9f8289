// The confirmed wins of one calendar month (UK time), with what the monthly digest and the newsletter
// print beside each: its project, division, theme and team, what changed and how it was measured (ADR 100).
import { and, asc, eq, gte, inArray, isNull, lt, min } from "drizzle-orm";
import { divisions, measurePoints, measures, projects, projectTeam, themes, users, wins } from "~/db.server";
import type { Db } from "~/db.server";
import { TEAM_ROLES, type TeamRole } from "~/domain/enums";
import { TEAM_ROLE_LABELS } from "~/domain/labels";
import { formatMeasureValue, periodLabel, unitSuffix } from "~/domain/measure-periods";
import { evidenceHref, measureOfEvidence, monthInstants, monthOf } from "~/domain/wins-month";
import { londonDay } from "~/today.server";

export type MonthWin = {
  id: number;
  title: string;
  description: string;
  evidenceKind: (typeof wins.$inferSelect)["evidenceKind"];
  evidenceRef: string;
  /** A path inside the app to the evidence, or null when the win names none. */
  evidencePath: string | null;
  /** How the change was measured, for a measure's win: "Sepsis antibiotics within the hour: 82% (November 2026)". */
  measured: string | null;
  /** When it was confirmed (ms since the epoch) and by whom. */
  at: number;
  confirmedByName: string | null;
  projectId: number;
  projectTitle: string;
  division: string | null;
  theme: string | null;
  /** The project's current team, leads first: "Dr Amara Okafor (Clinical lead)". */
  team: string[];
};

const roleOrder = (role: TeamRole) => TEAM_ROLES.indexOf(role);

/** The programme's wins confirmed in `month` ("YYYY-MM"), oldest first. */
export function listWinsOfMonth(db: Db, programmeId: number, month: string): MonthWin[] {
  const { from, to } = monthInstants(month);
  const rows = db
    .select({
      id: wins.id,
      title: wins.title,
      description: wins.description,
      evidenceKind: wins.evidenceKind,
      evidenceRef: wins.evidenceRef,
      at: wins.at,
      confirmedByName: users.name,
      projectId: projects.id,
      projectTitle: projects.title,
      division: divisions.name,
      theme: themes.name,
    })
    .from(wins)
    .innerJoin(projects, eq(projects.id, wins.projectId))
    .leftJoin(users, eq(users.id, wins.confirmedBy))
    .leftJoin(divisions, eq(divisions.id, projects.divisionId))
    .leftJoin(themes, eq(themes.id, projects.themeId))
    .where(and(eq(projects.programmeId, programmeId), gte(wins.at, new Date(from)), lt(wins.at, new Date(to))))
    .orderBy(asc(wins.at), asc(wins.id))
    .all();
  if (rows.length === 0) return [];

  const projectIds = [...new Set(rows.map((r) => r.projectId))];
  const teamRows = db
    .select({ projectId: projectTeam.projectId, role: projectTeam.role, name: users.name })
    .from(projectTeam)
    .innerJoin(users, eq(users.id, projectTeam.userId))
    .where(and(inArray(projectTeam.projectId, projectIds), isNull(projectTeam.endedAt)))
    .all()
    .sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || a.name.localeCompare(b.name));
  const teams = new Map<number, string[]>();
  for (const t of teamRows) {
    const line = t.role === "member" ? t.name : `${t.name} (${TEAM_ROLE_LABELS[t.role]})`;
    const team = teams.get(t.projectId) ?? [];
    if (!team.includes(line)) teams.set(t.projectId, [...team, line]);
  }

  return rows.map((r) => ({
    ...r,
    at: r.at.getTime(),
    evidencePath: evidenceHref(r.projectId, r.evidenceRef),
    measured: measuredBy(db, r.projectId, r.evidenceRef),
    team: teams.get(r.projectId) ?? [],
  }));
}

/** The measure's value at the period a measure win names, in the measure's own unit. */
function measuredBy(db: Db, projectId: number, ref: string): string | null {
  const named = measureOfEvidence(ref);
  if (!named) return null;
  const measure = db
    .select({ name: measures.name, unit: measures.unit, unitLabel: measures.unitLabel, ratePer: measures.ratePer, frequency: measures.frequency })
    .from(measures)
    .where(and(eq(measures.id, named.measureId), eq(measures.projectId, projectId)))
    .get();
  if (!measure) return null;
  const point = db
    .select({ value: measurePoints.value })
    .from(measurePoints)
    .where(and(eq(measurePoints.measureId, named.measureId), eq(measurePoints.periodDate, named.period)))
    .get();
  if (!point) return measure.name;
  return `${measure.name}: ${formatMeasureValue(point.value, unitSuffix(measure))} (${periodLabel(named.period, measure.frequency)})`;
}

/** The month of the programme's first win, for the newsletter's month chooser; null before any. */
export function firstWinMonth(db: Db, programmeId: number): string | null {
  const row = db
    .select({ first: min(wins.at) })
    .from(wins)
    .innerJoin(projects, eq(projects.id, wins.projectId))
    .where(eq(projects.programmeId, programmeId))
    .get();
  return row?.first ? monthOf(londonDay(row.first)) : null;
}
