// Bringing the portfolio in from the trust's spreadsheets (ADR 090): projects matched by reference (new ones created,
// existing ones updated) and their history, each file all or nothing in one transaction. The importer joins no team;
// what the file dates (stage, RAG, score, reports, milestones, cycles) keeps the file's dates, and the audit trail
// says each was imported, when, and from which file.
import { and, desc, eq, sql } from "drizzle-orm";
import { changeIdeas, milestones, pdsaCycles, progressScores, projects, statusReports } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { formatDay } from "~/domain/calendar";
import type { AuditAction, PdsaStatus } from "~/domain/enums";
import { RAG_LABELS, STAGE_LABELS, TEAM_ROLE_LABELS } from "~/domain/labels";
import type { CycleRow, MilestoneRow, ProjectRow, StatusReportRow } from "~/forms/project-import.server";
import type { ImportKind } from "~/forms/project-import-template";
import { ok, record, runCommand, type Actor } from "~/models/command.server";
import { dayNoon, planCycles, planMilestones, planProjectImport, planStatusReports, type HistoryPlan } from "~/models/project-import.server";

export type ImportCounts = { created: number; updated: number; unchanged: number };

function dated(row: ProjectRow): string[] {
  const parts = [`stage ${STAGE_LABELS[row.stage]}${row.stageDate ? ` since ${formatDay(row.stageDate)}` : ""}`];
  if (row.rag) parts.push(`RAG ${RAG_LABELS[row.rag.rag]} on ${formatDay(row.rag.date)}`);
  if (row.score) parts.push(`progress score ${row.score.score} on ${formatDay(row.score.date)}`);
  return parts;
}

/** Creates and updates the projects of the checked rows in one transaction, an audit row each saying "Imported". */
export function importProjects(db: Db, actor: Actor, input: { programmeId: number; rows: ProjectRow[]; fileName: string }) {
  return runCommand(db, (tx) => {
    const plan = planProjectImport(tx, input.programmeId, input.rows);
    const at = new Date(nowMs());
    const client = tx.$client;
    const endLead = client.prepare("update project_team set ended_at = ? where project_id = ? and role = ? and ended_at is null");
    const endMember = client.prepare("update project_team set ended_at = ? where project_id = ? and user_id = ? and role = 'member' and ended_at is null");
    const addLead = client.prepare("insert into project_team (project_id, user_id, role, started_at) values (?, ?, ?, ?)");
    const hasReport = client.prepare("select 1 from status_reports where project_id = ? and report_date = ? and rag = ?").pluck();
    const hasScore = client.prepare("select 1 from progress_scores where project_id = ? and score = ? and at = ?").pluck();
    const currentLead = client.prepare("select user_id from project_team where project_id = ? and role = ? and ended_at is null").pluck();

    const datedParts = (projectId: number, row: ProjectRow) => {
      if (row.rag && !hasReport.get(projectId, row.rag.date, row.rag.rag)) {
        tx.insert(statusReports)
          .values({ projectId, reportDate: row.rag.date, rag: row.rag.rag, ragReason: row.rag.reason, createdBy: actor.id, createdAt: at, importedAt: at })
          .run();
      }
      if (row.score && !hasScore.get(projectId, row.score.score, dayNoon(row.score.date).getTime())) {
        tx.insert(progressScores)
          .values({
            projectId,
            score: row.score.score,
            evidence: row.score.evidence || `Imported from ${input.fileName}`,
            byUserId: actor.id,
            at: dayNoon(row.score.date),
          })
          .run();
        const latest = tx
          .select({ score: progressScores.score })
          .from(progressScores)
          .where(eq(progressScores.projectId, projectId))
          .orderBy(desc(progressScores.at), desc(progressScores.id))
          .limit(1)
          .get();
        tx.update(projects).set({ progressScore: latest!.score }).where(eq(projects.id, projectId)).run();
      }
      for (const lead of row.leads) {
        if (currentLead.get(projectId, lead.role) === lead.userId) continue;
        endLead.run(at.getTime(), projectId, lead.role);
        endMember.run(at.getTime(), projectId, lead.userId);
        addLead.run(projectId, lead.userId, lead.role, at.getTime());
      }
    };

    const values = (row: ProjectRow) => ({
      title: row.title,
      reference: row.reference,
      divisionId: row.division?.id ?? null,
      themeId: row.theme?.id ?? null,
      waveId: row.wave?.id ?? null,
      stage: row.stage,
      plannedStart: row.plannedStart,
      plannedEnd: row.plannedEnd,
      ...row.aim,
    });

    for (const { row } of plan.created) {
      const id = tx
        .insert(projects)
        .values({ ...values(row), programmeId: input.programmeId, createdBy: actor.id, updatedBy: actor.id, createdAt: at, updatedAt: at, importedAt: at })
        .returning({ id: projects.id })
        .get().id;
      datedParts(id, row);
      const leads = row.leads.map((l) => `${TEAM_ROLE_LABELS[l.role].toLowerCase()} ${l.name}`);
      record(tx, actor, {
        action: "project.created",
        entityType: "project",
        entityId: id,
        projectId: id,
        summary: `Imported ${row.reference} "${row.title}" from ${input.fileName} (line ${row.line}): ${[...dated(row), ...leads].join("; ")}`,
        details: { imported: input.fileName, stageDate: row.stageDate, ragDate: row.rag?.date ?? null, scoreDate: row.score?.date ?? null },
      });
    }
    for (const { row, id, changes } of plan.updated) {
      const projectId = id!;
      tx.update(projects)
        .set({ ...values(row), reference: undefined, updatedBy: actor.id, updatedAt: at, version: sql`${projects.version} + 1` }) // the reference as first written
        .where(eq(projects.id, projectId))
        .run();
      datedParts(projectId, row);
      record(tx, actor, {
        action: "project.updated",
        entityType: "project",
        entityId: projectId,
        projectId,
        summary: `Imported from ${input.fileName} (line ${row.line}): changed ${changes.join(", ")}`,
        details: { imported: input.fileName, stageDate: row.stageDate, ragDate: row.rag?.date ?? null, scoreDate: row.score?.date ?? null },
      });
    }
    return ok<ImportCounts>({ created: plan.created.length, updated: plan.updated.length, unchanged: plan.unchanged.length });
  });
}

type HistoryInput =
  { kind: "status-reports"; rows: StatusReportRow[] } | { kind: "milestones"; rows: MilestoneRow[] } | { kind: "pdsa-cycles"; rows: CycleRow[]; today: string };

const HISTORY_ACTION: Record<Exclude<ImportKind, "projects">, { action: AuditAction; entityType: string; what: string }> = {
  "status-reports": { action: "status_report.created", entityType: "status_report", what: "status reports" },
  milestones: { action: "milestone.created", entityType: "milestone", what: "milestones" },
  "pdsa-cycles": { action: "pdsa.created", entityType: "pdsa_cycle", what: "PDSA cycles" },
};

function cycleStatus(row: CycleRow, today: string): PdsaStatus {
  if (row.decision) return "done";
  if (row.end && row.end <= today) return "studying";
  if (row.start <= today) return "doing";
  return "planned";
}

/** What a history file would add and update, read without writing. */
export function planHistoryImport(db: Db, input: HistoryInput): HistoryPlan<{ line: number; projectId: number; reference: string }> {
  if (input.kind === "status-reports") return planStatusReports(db, input.rows);
  if (input.kind === "milestones") return planMilestones(db, input.rows);
  return planCycles(db, input.rows);
}

/** Adds (and on a re-import updates) a history file's rows with their own dates, marked imported; one audit row per project. */
export function importHistory(db: Db, actor: Actor, input: HistoryInput & { fileName: string }) {
  return runCommand(db, (tx) => {
    const at = new Date(nowMs());
    const touched = new Map<number, { reference: string; added: number; updated: number; days: string[] }>();
    const touch = (row: { projectId: number; reference: string }, kind: "added" | "updated", ...days: (string | null)[]) => {
      const t = touched.get(row.projectId) ?? { reference: row.reference, added: 0, updated: 0, days: [] };
      t[kind]++;
      for (const d of days) if (d) t.days.push(d);
      touched.set(row.projectId, t);
    };
    let counts: ImportCounts;
    if (input.kind === "status-reports") {
      const plan = planStatusReports(tx, input.rows);
      for (const r of plan.added) {
        tx.insert(statusReports)
          .values({
            projectId: r.projectId,
            reportDate: r.date,
            rag: r.rag,
            ragReason: r.ragReason,
            progress: r.progress,
            nextSteps: r.nextSteps,
            risks: r.risks,
            createdBy: actor.id,
            createdAt: at,
            importedAt: at,
          })
          .run();
        touch(r, "added", r.date);
      }
      counts = { created: plan.added.length, updated: 0, unchanged: plan.unchanged.length };
    } else if (input.kind === "milestones") {
      const plan = planMilestones(tx, input.rows);
      for (const r of plan.added) {
        tx.insert(milestones)
          .values({
            projectId: r.projectId,
            title: r.title,
            baselineDate: r.baseline,
            forecastDate: r.forecast,
            completedOn: r.completed,
            createdAt: at,
            updatedAt: at,
            updatedBy: actor.id,
            importedAt: at,
          })
          .run();
        touch(r, "added", r.baseline, r.completed);
      }
      for (const r of plan.updated) {
        tx.update(milestones)
          .set({
            baselineDate: r.baseline,
            forecastDate: r.forecast,
            completedOn: r.completed,
            updatedAt: at,
            updatedBy: actor.id,
            importedAt: at,
            version: sql`${milestones.version} + 1`,
          })
          .where(eq(milestones.id, r.id))
          .run();
        touch(r, "updated", r.baseline, r.completed);
      }
      counts = { created: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged.length };
    } else {
      const today = input.today;
      const plan = planCycles(tx, input.rows);
      const ideas = new Map<string, number>();
      const ideaOf = (projectId: number, title: string) => {
        const key = `${projectId}:${title.toLowerCase()}`;
        const known = ideas.get(key);
        if (known) return known;
        const same = tx
          .select({ id: changeIdeas.id, deletedAt: changeIdeas.deletedAt })
          .from(changeIdeas)
          .where(and(eq(changeIdeas.projectId, projectId), sql`lower(${changeIdeas.title}) = lower(${title})`))
          .get();
        if (same?.deletedAt) tx.update(changeIdeas).set({ deletedAt: null }).where(eq(changeIdeas.id, same.id)).run();
        const id = same?.id ?? tx.insert(changeIdeas).values({ projectId, title, createdAt: at }).returning({ id: changeIdeas.id }).get().id;
        ideas.set(key, id);
        return id;
      };
      const nextNumber = tx.$client.prepare("select coalesce(max(number), 0) + 1 from pdsa_cycles where project_id = ?").pluck();
      // Oldest first, so the cycles are numbered in the order they ran.
      for (const r of [...plan.added].sort((a, b) => a.start.localeCompare(b.start) || a.line - b.line)) {
        tx.insert(pdsaCycles)
          .values({
            projectId: r.projectId,
            number: nextNumber.get(r.projectId) as number,
            changeIdeaId: ideaOf(r.projectId, r.changeIdea),
            title: r.title,
            startDate: r.start,
            endDate: r.end,
            actDecision: r.decision,
            studyLearning: r.learning,
            status: cycleStatus(r, today),
            createdBy: actor.id,
            updatedBy: actor.id,
            createdAt: at,
            updatedAt: at,
            importedAt: at,
          })
          .run();
        touch(r, "added", r.start, r.end);
      }
      for (const r of plan.updated) {
        tx.update(pdsaCycles)
          .set({
            endDate: r.end,
            actDecision: r.decision,
            studyLearning: r.learning,
            status: cycleStatus(r, today),
            updatedAt: at,
            updatedBy: actor.id,
            importedAt: at,
            version: sql`${pdsaCycles.version} + 1`,
          })
          .where(eq(pdsaCycles.id, r.id))
          .run();
        touch(r, "updated", r.start, r.end);
      }
      counts = { created: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged.length };
    }
    const { action, entityType, what } = HISTORY_ACTION[input.kind];
    for (const [projectId, t] of touched) {
      const days = [...t.days].sort();
      const span = days.length ? ` dated ${formatDay(days[0])}${days.length > 1 && days.at(-1) !== days[0] ? ` to ${formatDay(days.at(-1)!)}` : ""}` : "";
      record(tx, actor, {
        action,
        entityType,
        projectId,
        summary: `Imported ${t.added} ${what}${t.updated ? ` and updated ${t.updated}` : ""} for ${t.reference} from ${input.fileName}${span}`,
        details: { imported: input.fileName },
      });
    }
    return ok(counts);
  });
}
