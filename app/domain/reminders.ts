// Reminders before the board sees a flag (docs/decisions/065). The same thresholds and rules as the attention
// flags (attention.ts), looked at a week ahead: each reminder names the last day on which acting keeps the
// flag away, and is due from seven days before that day until the cause is fixed. Pure: today is passed in.
import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { NO_FLAG_STAGES, REPORTING_STAGES, type AttentionThresholds } from "~/domain/attention";
import { daysBetween, formatDay } from "~/domain/calendar";
import type { Stage } from "~/domain/enums";
import { shortenText } from "~/domain/short-text";

/** How many days ahead of a due date people are reminded. */
export const REMINDER_LEAD_DAYS = 7;

export const REMINDER_RULES = ["status_report", "pdsa_activity", "milestone", "action", "ask"] as const;
export type ReminderRule = (typeof REMINDER_RULES)[number];

export const REMINDER_RULE_LABELS: Record<ReminderRule, string> = {
  status_report: "Status report due",
  pdsa_activity: "PDSA activity",
  milestone: "Milestone due",
  action: "Action due",
  ask: "Ask waiting for your answer",
};

export type ReminderProject = {
  projectId: number;
  title: string;
  stage: Stage;
  /** When the project started counting (planned start, else created), as the attention flags use it. */
  startedOn: string;
  lastStatusReportOn: string | null;
  lastPdsaActivityOn: string | null;
  /** Who leads the work day to day: the project lead (the operational lead when there is none). */
  leadIds: number[];
  milestones: { id: number; title: string; forecastDate: string; completedOn: string | null; ownerUserId: number | null }[];
  /** Asks still waiting for an answer, with who must give it (the named person, or the board's members). */
  waitingAsks: { id: number; what: string; raisedOn: string; answererIds: number[] }[];
};

export type ReminderAction = {
  id: number;
  text: string;
  dueOn: string;
  completedOn: string | null;
  ownerUserId: number;
  projectId: number | null;
  projectTitle: string | null;
  /** The Big Conversation priority whose action plan holds the action; null for an action set at a meeting. */
  priorityTitle?: string | null;
};

export type Reminder = {
  /** Stable while the cause is the same: a new due date is a new reminder. */
  key: string;
  rule: ReminderRule;
  userIds: number[];
  projectId: number | null;
  projectTitle: string | null;
  /** The last day to act before the flag (or the action's due date). */
  dueOn: string;
  overdue: boolean;
  /** One line, stable for the reminder's life: "Send a status report by 12 Dec 2026". */
  title: string;
  /** What to do and why, as of today. */
  body: string;
  link: string;
};

const shift = (day: string, n: number) => format(addDays(parseISO(day), n), "yyyy-MM-dd");
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "due today", "due in 3 days", "2 days overdue". */
export function whenDue(dueOn: string, today: string): string {
  const d = daysBetween(today, dueOn);
  if (d === 0) return "due today";
  return d > 0 ? `due in ${plural(d, "day")}` : `${plural(-d, "day")} overdue`;
}

/** Within the reminder window (due within REMINDER_LEAD_DAYS, or past). */
export const isDueSoon = (dueOn: string, today: string) => daysBetween(today, dueOn) <= REMINDER_LEAD_DAYS;

/** The last day a status report keeps the "no recent status report" flag away. */
export const statusReportDueOn = (p: Pick<ReminderProject, "lastStatusReportOn" | "startedOn">, t: AttentionThresholds) =>
  shift(p.lastStatusReportOn ?? p.startedOn, t.statusStaleWeeks * 7);

/** The last day PDSA activity keeps the "no recent PDSA activity" flag away. */
export const pdsaActivityDueOn = (p: Pick<ReminderProject, "lastPdsaActivityOn" | "startedOn">, t: AttentionThresholds) =>
  shift(p.lastPdsaActivityOn ?? p.startedOn, t.pdsaStaleWeeks * 7);

/** The first day an ask counts as waiting too long ("more than" the threshold, as the flag). */
export const askTooLongFrom = (raisedOn: string, t: AttentionThresholds) => shift(raisedOn, t.askOpenDays + 1);

const unique = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** Every reminder due today, each with who should get it. Reminders with nobody to tell are left out. */
export function remindersDue(input: { projects: ReminderProject[]; actions: ReminderAction[] }, today: string, t: AttentionThresholds): Reminder[] {
  const out: Reminder[] = [];
  const push = (r: Reminder) => {
    const userIds = unique(r.userIds);
    if (userIds.length) out.push({ ...r, userIds });
  };

  for (const p of input.projects) {
    if (NO_FLAG_STAGES.has(p.stage)) continue;
    const base = { projectId: p.projectId, projectTitle: p.title };

    if (REPORTING_STAGES.has(p.stage)) {
      const dueOn = statusReportDueOn(p, t);
      if (isDueSoon(dueOn, today)) {
        push({
          ...base,
          key: `status_report:${p.projectId}:${dueOn}`,
          rule: "status_report",
          userIds: p.leadIds,
          dueOn,
          overdue: dueOn < today,
          title: `Send a status report by ${formatDay(dueOn)}`,
          body: `A status report is ${whenDue(dueOn, today)}: the board flags a project with no status report for ${plural(t.statusStaleWeeks, "week")}.`,
          link: `/projects/${p.projectId}/status/new`,
        });
      }
    }

    if (p.stage === "active") {
      const dueOn = pdsaActivityDueOn(p, t);
      if (isDueSoon(dueOn, today)) {
        push({
          ...base,
          key: `pdsa_activity:${p.projectId}:${dueOn}`,
          rule: "pdsa_activity",
          userIds: p.leadIds,
          dueOn,
          overdue: dueOn < today,
          title: `Start or update a PDSA cycle by ${formatDay(dueOn)}`,
          body:
            dueOn < today
              ? `PDSA activity went stale ${plural(daysBetween(dueOn, today), "day")} ago: the board flags a project with no PDSA activity for ${plural(t.pdsaStaleWeeks, "week")}.`
              : `PDSA activity goes stale after ${formatDay(dueOn)}: the board flags a project with no PDSA activity for ${plural(t.pdsaStaleWeeks, "week")}.`,
          link: `/projects/${p.projectId}/pdsa`,
        });
      }
    }

    for (const m of p.milestones) {
      if (m.completedOn || !isDueSoon(m.forecastDate, today)) continue;
      const name = shortenText(m.title, 80).text;
      push({
        ...base,
        key: `milestone:${m.id}:${m.forecastDate}`,
        rule: "milestone",
        userIds: [...p.leadIds, ...(m.ownerUserId ? [m.ownerUserId] : [])],
        dueOn: m.forecastDate,
        overdue: m.forecastDate < today,
        title: `Milestone "${name}" is forecast for ${formatDay(m.forecastDate)}`,
        body: `The milestone is ${whenDue(m.forecastDate, today)}: mark it complete, or move its forecast with a reason.`,
        link: `/projects/${p.projectId}/milestones`,
      });
    }

    for (const a of p.waitingAsks) {
      const from = askTooLongFrom(a.raisedOn, t);
      if (from > today) continue;
      const what = shortenText(a.what, 80).text;
      push({
        ...base,
        key: `ask:${a.id}`,
        rule: "ask",
        userIds: a.answererIds,
        dueOn: shift(from, -1),
        overdue: true,
        title: `Answer the ask "${what}"`,
        body: `The team asked ${plural(daysBetween(a.raisedOn, today), "day")} ago, on ${formatDay(a.raisedOn)}: the board flags an ask waiting more than ${plural(t.askOpenDays, "day")}.`,
        link: `/projects/${p.projectId}/asks`,
      });
    }
  }

  for (const a of input.actions) {
    if (a.completedOn || !isDueSoon(a.dueOn, today)) continue;
    push({
      key: `action:${a.id}:${a.dueOn}`,
      rule: "action",
      userIds: [a.ownerUserId],
      projectId: a.projectId,
      projectTitle: a.projectTitle,
      dueOn: a.dueOn,
      overdue: a.dueOn < today,
      title: `Action "${shortenText(a.text, 80).text}" is due ${formatDay(a.dueOn)}`,
      body: `Your action ${a.priorityTitle ? `in the plan for the Big Conversation priority "${shortenText(a.priorityTitle, 80).text}"` : "from a board meeting"} is ${whenDue(a.dueOn, today)}: mark it done when it is.`,
      link: "/actions",
    });
  }

  return out.sort((a, b) => (a.dueOn === b.dueOn ? a.key.localeCompare(b.key) : a.dueOn < b.dueOn ? -1 : 1));
}

/** One person's reminders, most urgent first. */
export const remindersFor = (reminders: readonly Reminder[], userId: number) => reminders.filter((r) => r.userIds.includes(userId));
