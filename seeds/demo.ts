// The demo portfolio: a fictional trust's "Stepping Up" programme, seeded in one
// transaction. Deterministic: every value comes from the data files and a seeded
// generator, and every date is an offset from `today`, so the demo never goes stale.
import { asc, count, eq } from "drizzle-orm";
import { getISODay, parseISO } from "date-fns";
import type { Db } from "../db/client";
import * as schema from "../db/schema";
import { CQC_ACTIONS, DEMO_PROJECTS, MEETINGS } from "./demo-board";
import { createClock, type DemoClock } from "./demo-dates";
import { DEMO_LEAVERS, DEMO_PEOPLE, DIVISIONS, PROGRAMME_NAME, THEMES, TRUST_NAME } from "./demo-people";
import { generatePoints, pointIndex } from "./demo-series";
import { seedDriverDiagram } from "./demo-drivers";
import { seedDemoConversations } from "./demo-conversations";
import { seedDemoPulse } from "./demo-pulse";
import { seedDemoSpread } from "./demo-spread";
import { seedDemoCapability } from "./demo-capability";
import { seedDemoCohorts } from "./demo-cohorts";
import type { LeadRole, Offset, ProjectSpec } from "./demo-types";

export type SeedDemoOptions = {
  /** The trust's today (YYYY-MM-DD, Europe/London); every demo date is relative to it. */
  today: string;
  /** Password hash (argon2id PHC string) given to the five demo sign-in users. */
  passwordHash: string;
};

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** True when the database holds no programme and no user (safe to seed the demo). */
export function isDatabaseEmpty(db: Db): boolean {
  const programmes = db.select({ n: count() }).from(schema.programmes).get();
  const users = db.select({ n: count() }).from(schema.users).get();
  return (programmes?.n ?? 0) === 0 && (users?.n ?? 0) === 0;
}

/** Waves run 20 weeks from a Monday; wave 3 started 10 weeks ago (today is in its week 11). */
export const WAVE_WEEKS = 20;
function waveOffsets(clock: DemoClock): Record<1 | 2 | 3, { start: Offset; end: Offset }> {
  const tenWeeksAgo = -70;
  const wave3Start = tenWeeksAgo - (getISODay(parseISO(clock.day(tenWeeksAgo))) - 1);
  const wave = (start: Offset) => ({ start, end: start + WAVE_WEEKS * 7 - 1 });
  return { 1: wave(wave3Start - 52 * 7), 2: wave(wave3Start - 26 * 7), 3: wave(wave3Start) };
}

const LEAD_ORDER: LeadRole[] = ["executive_lead", "operational_lead", "clinical_lead", "senior_manager", "project_lead"];

/** The latest activity on a project, for its updated_at (never after today). */
function lastActivity(p: ProjectSpec): Offset {
  const offsets: Offset[] = [p.created];
  for (const s of p.scores ?? []) offsets.push(s.at);
  for (const r of p.reports ?? []) offsets.push(r.at);
  for (const c of p.cycles ?? []) offsets.push(c.touched ?? c.end ?? c.start);
  for (const m of p.milestones ?? []) {
    if (m.completed !== undefined) offsets.push(m.completed);
    for (const ch of m.changes ?? []) offsets.push(ch.at);
  }
  return Math.min(0, Math.max(...offsets));
}

export function seedDemo(db: Db, opts: SeedDemoOptions): { programmeId: number } {
  const clock = createClock(opts.today);
  const { day, at } = clock;
  const waves = waveOffsets(clock);
  const cqcYear = clock.day(-425).slice(0, 4);
  const past = (offset: Offset) => Math.min(offset, 0);

  return db.transaction((tx: Tx) => {
    // Programme, themes, divisions, waves.
    const programmeCreated = at(-500, 9);
    const programme = tx
      .insert(schema.programmes)
      .values({
        name: PROGRAMME_NAME,
        trustName: TRUST_NAME,
        isDemo: true,
        createdAt: programmeCreated,
        updatedAt: programmeCreated,
      })
      .returning({ id: schema.programmes.id })
      .get();
    const programmeId = programme.id;

    const themeIds = new Map<string, number>();
    for (const t of THEMES) {
      const row = tx
        .insert(schema.themes)
        .values({ programmeId, name: t.name, description: t.description, createdAt: programmeCreated })
        .returning({ id: schema.themes.id })
        .get();
      themeIds.set(t.key, row.id);
    }
    const divisionIds = new Map<string, number>();
    for (const d of DIVISIONS) {
      const row = tx.insert(schema.divisions).values({ programmeId, name: d.name, createdAt: programmeCreated }).returning({ id: schema.divisions.id }).get();
      divisionIds.set(d.key, row.id);
    }
    const waveIds = new Map<number, number>();
    for (const n of [1, 2, 3] as const) {
      const row = tx
        .insert(schema.waves)
        .values({
          programmeId,
          number: n,
          name: `Listening into Action Wave ${n}`,
          startsOn: day(waves[n].start),
          endsOn: day(waves[n].end),
          createdAt: at(waves[n].start - 28, 10),
        })
        .returning({ id: schema.waves.id })
        .get();
      waveIds.set(n, row.id);
    }

    // People.
    const userIds = new Map<string, number>();
    DEMO_PEOPLE.forEach((person, i) => {
      const created = at(-500, 9, i);
      const row = tx
        .insert(schema.users)
        .values({
          email: person.email,
          name: person.name,
          jobTitle: person.jobTitle,
          role: person.role,
          passwordHash: person.canSignIn ? opts.passwordHash : null,
          disabledAt: person.key in DEMO_LEAVERS ? at(DEMO_LEAVERS[person.key], 17) : null,
          createdAt: created,
          updatedAt: created,
        })
        .returning({ id: schema.users.id })
        .get();
      userIds.set(person.key, row.id);
    });
    const user = (key: string): number => {
      const id = userIds.get(key);
      if (id === undefined) throw new Error(`demo data names an unknown person "${key}"`);
      return id;
    };

    // Projects and everything that hangs off them.
    const projectIds = new Map<string, number>();
    const pastMeeting = MEETINGS.find((m) => m.state === "closed");
    const pendingAssessments: { projectId: number; spec: NonNullable<ProjectSpec["assessments"]>[number] }[] = [];

    for (const p of DEMO_PROJECTS) {
      const wave = p.wave ? waves[p.wave] : undefined;
      const plannedStart = p.plannedStart ?? wave?.start;
      const plannedEnd = p.plannedEnd ?? wave?.end;
      const currentScore = p.scores && p.scores.length > 0 ? p.scores[p.scores.length - 1].score : null;
      const projectRow = tx
        .insert(schema.projects)
        .values({
          programmeId,
          title: p.title,
          problem: p.problem,
          proposalIdea: p.proposalIdea ?? "",
          aimWhat: p.aim?.what ?? "",
          aimForWhom: p.aim?.forWhom ?? "",
          aimMeasure: p.aim?.measure ?? "",
          aimBaseline: p.aim?.baseline ?? null,
          aimTarget: p.aim?.target ?? null,
          aimTargetDate: p.aim && p.aim.targetInMonths !== null ? clock.monthsAhead(p.aim.targetInMonths) : null,
          scope: p.scope ?? "",
          divisionId: p.division ? divisionIds.get(p.division)! : null,
          service: p.service ?? "",
          themeId: p.theme ? themeIds.get(p.theme)! : null,
          origin: p.origin,
          originReference: (p.originReference ?? "").replace("{cqcYear}", cqcYear),
          waveId: p.wave ? waveIds.get(p.wave)! : null,
          stage: p.stage,
          stageReason: p.stageReason ?? "",
          plannedStart: plannedStart !== undefined ? day(plannedStart) : null,
          plannedEnd: plannedEnd !== undefined ? day(plannedEnd) : null,
          progressScore: currentScore,
          closureAimAchieved: p.closure ? p.closure.aimAchieved : null,
          closureEvidence: p.closure?.evidence ?? "",
          closureAdopted: p.closure?.adopted ?? "",
          closureSustain: p.closure?.sustain ?? "",
          closureOwner: p.closure?.owner ?? "",
          closureLessons: p.closure?.lessons ?? "",
          createdBy: user(p.createdBy),
          createdAt: at(p.created, 10),
          updatedAt: at(lastActivity(p), 17),
        })
        .returning({ id: schema.projects.id })
        .get();
      const projectId = projectRow.id;
      projectIds.set(p.key, projectId);

      for (const domain of p.domains) tx.insert(schema.projectCqcDomains).values({ projectId, domain }).run();

      // Team: leads (with any handovers kept as history), then members.
      if (p.team) {
        const from = p.team.from ?? p.created;
        for (const role of LEAD_ORDER) {
          const holder = p.team.leads[role];
          if (!holder) continue;
          const handover = p.team.handovers?.find((h) => h.role === role);
          if (handover) {
            tx.insert(schema.projectTeam)
              .values({
                projectId,
                userId: user(handover.previous),
                role,
                startedAt: at(from, 9),
                endedAt: at(handover.on, 9),
              })
              .run();
          }
          tx.insert(schema.projectTeam)
            .values({
              projectId,
              userId: user(holder),
              role,
              startedAt: at(handover ? handover.on : from, 9),
              endedAt: null,
            })
            .run();
        }
        for (const member of p.team.members ?? []) {
          tx.insert(schema.projectTeam)
            .values({ projectId, userId: user(member), role: "member", startedAt: at(from, 9, 30), endedAt: null })
            .run();
        }
      }

      // Progress score history.
      for (const s of p.scores ?? []) {
        tx.insert(schema.progressScores)
          .values({ projectId, score: s.score, evidence: s.evidence, byUserId: user(s.by), at: at(s.at, 11) })
          .run();
      }

      // Measures, their points, rebases and annotations.
      const measureIds = new Map<string, number>();
      for (const m of p.measures ?? []) {
        const points = generatePoints(clock, p.key, m);
        const lastPoint = clock.offsetOf(points[points.length - 1].periodDate);
        const measureCreated = past(p.created + 14);
        const measureRow = tx
          .insert(schema.measures)
          .values({
            projectId,
            name: m.name,
            type: m.type,
            definition: m.definition,
            unit: m.unit,
            unitLabel: m.unitLabel ?? "",
            ratePer: m.ratePer ?? null,
            improvement: m.improvement,
            target: m.target ?? null,
            targetDate: m.targetInMonths !== undefined ? clock.monthsAhead(m.targetInMonths) : null,
            frequency: m.frequency,
            dataOwner: m.dataOwner,
            dataSource: m.dataSource,
            usesRatio: Boolean(m.ratio),
            baselinePoints: m.baselinePoints ?? null,
            chartType: m.chartType ?? "xmr",
            isPrimary: Boolean(m.primary),
            createdAt: at(measureCreated, 14),
            updatedAt: at(Math.max(measureCreated, past(lastPoint + (m.frequency === "weekly" ? 8 : 36))), 14),
          })
          .returning({ id: schema.measures.id })
          .get();
        const measureId = measureRow.id;
        measureIds.set(m.key, measureId);

        const notes = new Map<number, string>();
        for (const n of m.notes ?? []) notes.set(pointIndex(n.index, points.length), n.text);
        const entered = (periodDate: string) => at(past(clock.offsetOf(periodDate) + (m.frequency === "weekly" ? 8 : 36)), 15);
        tx.insert(schema.measurePoints)
          .values(
            points.map((pt, i) => ({
              measureId,
              periodDate: pt.periodDate,
              value: pt.value,
              numerator: pt.numerator,
              denominator: pt.denominator,
              note: notes.get(i) ?? "",
              createdBy: user(p.createdBy),
              createdAt: entered(pt.periodDate),
              updatedAt: entered(pt.periodDate),
            })),
          )
          .run();
        if (m.rebase) {
          const periodDate = points[pointIndex(m.rebase.index, points.length)].periodDate;
          tx.insert(schema.measureRebases)
            .values({
              measureId,
              periodDate,
              reason: m.rebase.reason,
              createdBy: user(p.createdBy),
              createdAt: at(past(clock.offsetOf(periodDate) + 14), 16),
            })
            .run();
        }
        for (const a of m.annotations ?? []) {
          const periodDate = points[pointIndex(a.index, points.length)].periodDate;
          tx.insert(schema.measureAnnotations)
            .values({
              measureId,
              periodDate,
              text: a.text,
              createdBy: user(p.createdBy),
              createdAt: at(past(clock.offsetOf(periodDate) + 9), 16),
            })
            .run();
        }
      }

      // Change ideas and PDSA cycles (ramps point at the previous cycle of the same idea).
      const ideaIds = new Map<string, number>();
      const lastCycleOfIdea = new Map<string, number>();
      (p.cycles ?? []).forEach((c, i) => {
        const created = Math.min(c.start, c.touched ?? c.start, 0);
        if (!ideaIds.has(c.idea)) {
          const idea = tx
            .insert(schema.changeIdeas)
            .values({ projectId, title: c.idea, createdAt: at(created, 9) })
            .returning({ id: schema.changeIdeas.id })
            .get();
          ideaIds.set(c.idea, idea.id);
        }
        const previousCycleId = c.ramp ? lastCycleOfIdea.get(c.idea) : undefined;
        if (c.ramp && previousCycleId === undefined) throw new Error(`${p.key}: cycle "${c.title}" ramps from nothing`);
        const updated = c.touched ?? c.end ?? c.start;
        if (updated > 0) throw new Error(`${p.key}: cycle "${c.title}" would be edited in the future`);
        const cycle = tx
          .insert(schema.pdsaCycles)
          .values({
            projectId,
            number: i + 1,
            changeIdeaId: ideaIds.get(c.idea)!,
            previousCycleId: previousCycleId ?? null,
            title: c.title,
            question: c.question,
            prediction: c.prediction,
            planWho: c.who,
            planWhat: c.what,
            planWhen: c.when,
            planWhere: c.where,
            planDataCollection: c.data,
            doWhatHappened: c.did ?? "",
            doObservations: c.observed ?? "",
            doProblems: c.problems ?? "",
            studyResults: c.results ?? "",
            studyLearning: c.learning ?? "",
            actDecision: c.decision ?? null,
            actNextStep: c.next ?? "",
            status: c.status,
            startDate: day(c.start),
            endDate: c.end !== undefined ? day(c.end) : null,
            createdBy: user(p.createdBy),
            createdAt: at(created, 9, 30),
            updatedAt: at(updated, 16),
          })
          .returning({ id: schema.pdsaCycles.id })
          .get();
        lastCycleOfIdea.set(c.idea, cycle.id);
        for (const key of c.measures ?? []) {
          const measureId = measureIds.get(key);
          if (measureId === undefined) throw new Error(`${p.key}: cycle "${c.title}" names unknown measure "${key}"`);
          tx.insert(schema.pdsaCycleMeasures).values({ cycleId: cycle.id, measureId }).run();
        }
      });

      // Its driver diagram: the theory its change ideas (above) are tested against.
      seedDriverDiagram(tx, schema, { key: p.key, projectId, ideaIds, measureIds, userId: user(p.createdBy), at: at(past(p.created + 10), 11) });

      // Milestones and their history of forecasts and re-baselines.
      for (const m of p.milestones ?? []) {
        const changeTimes = (m.changes ?? []).map((c) => c.at);
        const created = Math.min(p.created + 14, m.baseline - 7, ...changeTimes.map((t) => t - 1), m.completed ?? 0, 0);
        const updated = Math.max(created, m.completed ?? created, ...changeTimes);
        const milestone = tx
          .insert(schema.milestones)
          .values({
            projectId,
            title: m.title,
            owner: m.owner,
            baselineDate: day(m.baseline),
            forecastDate: day(m.forecast ?? m.baseline),
            completedOn: m.completed !== undefined ? day(m.completed) : null,
            createdAt: at(created, 10),
            updatedAt: at(past(updated), 15),
          })
          .returning({ id: schema.milestones.id })
          .get();
        for (const ch of m.changes ?? []) {
          tx.insert(schema.milestoneChanges)
            .values({
              milestoneId: milestone.id,
              kind: ch.kind,
              fromDate: day(ch.from),
              toDate: day(ch.to),
              reason: ch.reason,
              byUserId: user(ch.by),
              at: at(ch.at, 15),
            })
            .run();
        }
      }

      // Status reports, then asks (some raised in a report).
      const reportIds = new Map<Offset, number>();
      for (const r of p.reports ?? []) {
        const report = tx
          .insert(schema.statusReports)
          .values({
            projectId,
            reportDate: day(r.at),
            rag: r.rag,
            ragReason: r.ragReason ?? "",
            progress: r.progress,
            nextSteps: r.nextSteps,
            risks: r.risks,
            createdBy: user(r.by),
            createdAt: at(r.at, 16),
          })
          .returning({ id: schema.statusReports.id })
          .get();
        reportIds.set(r.at, report.id);
      }
      for (const a of p.asks ?? []) {
        const statusReportId = a.fromReport !== undefined ? reportIds.get(a.fromReport) : undefined;
        if (a.fromReport !== undefined && statusReportId === undefined) throw new Error(`${p.key}: ask raised in a missing report`);
        const answered = a.answeredAt !== undefined ? at(a.answeredAt, 12) : null;
        tx.insert(schema.asks)
          .values({
            projectId,
            statusReportId: statusReportId ?? null,
            what: a.what,
            addressee: a.to ? "person" : "board",
            addresseeUserId: a.to ? user(a.to) : null,
            dueOn: a.due !== undefined ? day(a.due) : null,
            state: a.state,
            response: a.response ?? "",
            answeredBy: a.answeredBy ? user(a.answeredBy) : null,
            answeredAt: answered,
            createdBy: user(a.by),
            createdAt: at(a.created, 16, 30),
            updatedAt: answered ?? at(a.created, 16, 30),
          })
          .run();
      }

      for (const w of p.wins ?? []) {
        tx.insert(schema.wins)
          .values({
            projectId,
            title: w.title,
            description: w.description,
            evidenceKind: w.kind,
            evidenceRef: w.ref,
            confirmedBy: user(w.by),
            at: at(w.at, 13),
          })
          .run();
      }
      for (const a of p.assessments ?? []) pendingAssessments.push({ projectId, spec: a });
    }

    const project = (key: string): number => {
      const id = projectIds.get(key);
      if (id === undefined) throw new Error(`demo data names an unknown project "${key}"`);
      return id;
    };

    // CQC must-do and should-do actions, traced to projects.
    for (const c of CQC_ACTIONS) {
      const action = tx
        .insert(schema.cqcActions)
        .values({
          programmeId,
          kind: c.kind,
          reference: c.reference,
          text: c.text,
          domain: c.domain,
          service: c.service,
          createdAt: at(-420, 10),
        })
        .returning({ id: schema.cqcActions.id })
        .get();
      for (const key of c.projects)
        tx.insert(schema.cqcActionProjects)
          .values({ cqcActionId: action.id, projectId: project(key) })
          .run();
    }

    // Board meetings: one held (closed) and one planned.
    const meetingIds = new Map<string, number>();
    MEETINGS.forEach((m) => {
      const created = at(past(m.date - 21), 9);
      const closedAt = m.state === "closed" ? at(m.date, 16) : null;
      const meeting = tx
        .insert(schema.meetings)
        .values({
          programmeId,
          title: m.title,
          meetingDate: day(m.date),
          attendees: m.attendees,
          state: m.state,
          snapshot: null,
          closedAt,
          createdBy: user(m.createdBy),
          createdAt: created,
          updatedAt: closedAt ?? created,
        })
        .returning({ id: schema.meetings.id })
        .get();
      meetingIds.set(m.state, meeting.id);
      m.items.forEach((item, i) => {
        tx.insert(schema.meetingItems)
          .values({
            meetingId: meeting.id,
            projectId: project(item.project),
            position: i + 1,
            reasonSuggested: item.reason,
            decision: item.decision ?? null,
            notes: item.notes ?? "",
          })
          .run();
      });
      for (const a of m.actions) {
        const created = at(m.date, 17);
        tx.insert(schema.meetingActions)
          .values({
            meetingId: meeting.id,
            projectId: a.project ? project(a.project) : null,
            text: a.text,
            ownerUserId: user(a.owner),
            dueOn: day(a.due),
            completedOn: a.completed !== undefined ? day(a.completed) : null,
            createdAt: created,
            updatedAt: a.completed !== undefined ? at(a.completed, 12) : created,
          })
          .run();
      }
    });

    // The board's own RAG view of projects (some recorded at the past meeting).
    for (const { projectId, spec } of pendingAssessments) {
      const meetingId = spec.atPastMeeting && pastMeeting ? meetingIds.get("closed")! : null;
      tx.insert(schema.boardAssessments)
        .values({
          projectId,
          meetingId,
          rag: spec.rag,
          reason: spec.reason,
          comment: spec.comment ?? "",
          byUserId: user(spec.by),
          at: at(spec.at, 15),
        })
        .run();
    }

    // A few comments on PDSA cycles, each from someone on the cycle's project team.
    const commented = tx
      .select({ id: schema.pdsaCycles.id, projectId: schema.pdsaCycles.projectId, authorId: schema.projectTeam.userId })
      .from(schema.pdsaCycles)
      .innerJoin(schema.projectTeam, eq(schema.projectTeam.projectId, schema.pdsaCycles.projectId))
      .orderBy(asc(schema.pdsaCycles.id), asc(schema.projectTeam.userId))
      .all()
      .filter((row, i, all) => all.findIndex((r) => r.id === row.id) === i)
      .slice(0, 3);
    for (const [i, c] of commented.entries()) {
      tx.insert(schema.comments)
        .values({
          projectId: c.projectId,
          targetType: "pdsa",
          targetId: c.id,
          authorId: c.authorId,
          body: [
            "The night team found the prompt easier to use after the huddle.",
            "Shall we share this with the ward sisters' meeting?",
            "Good learning: keep the card at the bedside.",
          ][i],
          createdAt: at(-3 + i, 11),
        })
        .run();
    }

    seedDemoConversations(tx, { programmeId, clock, user });
    seedDemoCohorts(tx, { clock, user, waves, waveIds, projectIds });
    seedDemoPulse(tx, { programmeId, createdBy: user("admin"), day, at, waves, waveIds, divisionIds: [...divisionIds.values()] });
    seedDemoSpread(tx, { userId: user("lead"), at });
    seedDemoCapability(tx, { programmeId, createdBy: user("admin"), day, at });
    return { programmeId };
  });
}
