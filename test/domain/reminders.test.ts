import { describe, expect, it } from "vitest";
import { addDays, format, parseISO } from "date-fns";
import { attentionFlags, DEFAULT_THRESHOLDS, type AttentionInput, type AttentionThresholds } from "~/domain/attention";
import { remindersDue, remindersFor, whenDue, type ReminderAction, type ReminderProject } from "~/domain/reminders";

const TODAY = "2026-11-26";
const day = (offset: number, from = TODAY) => format(addDays(parseISO(from), offset), "yyyy-MM-dd");
const LEAD = 10;
const OWNER = 11;
const BOARD = [20, 21];

function project(overrides: Partial<ReminderProject> = {}): ReminderProject {
  return {
    projectId: 1,
    title: "Sepsis Six in ED",
    stage: "active",
    startedOn: "2026-01-05",
    lastStatusReportOn: TODAY,
    lastPdsaActivityOn: TODAY,
    leadIds: [LEAD],
    milestones: [],
    waitingAsks: [],
    ...overrides,
  };
}
const action = (overrides: Partial<ReminderAction> = {}): ReminderAction => ({
  id: 5,
  text: "Bring the run chart",
  dueOn: day(30),
  completedOn: null,
  ownerUserId: OWNER,
  projectId: 1,
  projectTitle: "Sepsis Six in ED",
  ...overrides,
});
const due = (projects: ReminderProject[], actions: ReminderAction[] = [], today = TODAY, t: AttentionThresholds = DEFAULT_THRESHOLDS) =>
  remindersDue({ projects, actions }, today, t);
const rules = (projects: ReminderProject[], actions: ReminderAction[] = [], today = TODAY, t?: AttentionThresholds) =>
  due(projects, actions, today, t).map((r) => r.rule);

/** The attention input for the same facts, to check reminders and flags keep one rule. */
const flagInput = (p: ReminderProject): AttentionInput => ({
  stage: p.stage,
  startedOn: p.startedOn,
  progressScore: null,
  latestRag: null,
  lastStatusReportOn: p.lastStatusReportOn,
  lastPdsaActivityOn: p.lastPdsaActivityOn,
  milestones: p.milestones.map((m) => ({ title: m.title, baselineDate: m.forecastDate, forecastDate: m.forecastDate, completedOn: m.completedOn })),
  measures: [],
  openAsks: p.waitingAsks.map((a) => ({ what: a.what, raisedOn: a.raisedOn })),
});
const flagCodes = (p: ReminderProject, today: string) => attentionFlags(flagInput(p), today).map((f) => f.code);

describe("status report reminders", () => {
  // Five weeks (35 days) without a report raise the flag from day 36; the reminder starts seven days before day 35.
  it("starts seven days before the last day that keeps the flag away, and names that day", () => {
    const quiet = (days: number) => project({ lastStatusReportOn: day(-days) });
    expect(rules([quiet(27)])).not.toContain("status_report");
    const [r] = due([quiet(28)]);
    expect(r).toMatchObject({ rule: "status_report", userIds: [LEAD], dueOn: day(7), overdue: false, link: "/projects/1/status/new" });
    expect(r.title).toBe(`Send a status report by 3 Dec 2026`);
    expect(r.body).toContain("due in 7 days");
    expect(due([quiet(35)])[0]).toMatchObject({ dueOn: TODAY, overdue: false });
    expect(due([quiet(35)])[0].body).toContain("due today");
    expect(due([quiet(40)])[0]).toMatchObject({ overdue: true });
    expect(due([quiet(40)])[0].body).toContain("5 days overdue");
  });

  it("uses the same rule as the board's flag: no flag on the due day, a flag the day after", () => {
    const p = project({ lastStatusReportOn: "2026-10-01" });
    const [r] = due([p], [], "2026-10-30").filter((x) => x.rule === "status_report");
    expect(r.dueOn).toBe("2026-11-05");
    expect(flagCodes(p, r.dueOn)).not.toContain("status_stale");
    expect(flagCodes(p, day(1, r.dueOn))).toContain("status_stale");
  });

  it("counts from the project's start when it has no report, follows the programme's threshold, and only in reporting stages", () => {
    expect(rules([project({ lastStatusReportOn: null, startedOn: day(-30) })])).toContain("status_report");
    const weekly = { ...DEFAULT_THRESHOLDS, statusStaleWeeks: 2 };
    expect(rules([project({ lastStatusReportOn: day(-7) })], [], TODAY, weekly)).toContain("status_report");
    expect(rules([project({ lastStatusReportOn: day(-6) })], [], TODAY, weekly)).not.toContain("status_report");
    for (const stage of ["proposed", "closed", "stopped", "declined"] as const) {
      expect(rules([project({ stage, lastStatusReportOn: day(-60) })])).not.toContain("status_report");
    }
    expect(rules([project({ stage: "sustaining", lastStatusReportOn: day(-60) })])).toContain("status_report");
  });

  it("stops once a report is sent, and a later due date is a new reminder", () => {
    const before = due([project({ lastStatusReportOn: day(-30) })])[0];
    expect(rules([project({ lastStatusReportOn: TODAY })])).toEqual([]);
    const later = due([project({ lastStatusReportOn: TODAY })], [], day(30))[0];
    expect(later.key).not.toBe(before.key);
  });
});

describe("PDSA activity reminders", () => {
  it("starts seven days before activity goes stale (six weeks), only for active projects, and matches the flag", () => {
    const quiet = (days: number, stage: ReminderProject["stage"] = "active") => project({ stage, lastPdsaActivityOn: day(-days), lastStatusReportOn: TODAY });
    expect(rules([quiet(34)])).toEqual([]);
    const [r] = due([quiet(35)]);
    expect(r).toMatchObject({ rule: "pdsa_activity", dueOn: day(7), overdue: false, link: "/projects/1/pdsa" });
    expect(r.body).toContain(`goes stale after 3 Dec 2026`);
    expect(rules([quiet(60, "sustaining")])).toEqual([]);
    const p = quiet(42);
    expect(due([p])[0].dueOn).toBe(TODAY);
    expect(flagCodes(p, TODAY)).not.toContain("pdsa_stale");
    expect(flagCodes(p, day(1))).toContain("pdsa_stale");
    expect(due([quiet(50)])[0].body).toContain("went stale 8 days ago");
  });
});

describe("milestone reminders", () => {
  const milestone = (forecastDate: string, more: Partial<ReminderProject["milestones"][number]> = {}) => ({
    id: 7,
    title: "Launch the grab bag",
    forecastDate,
    completedOn: null,
    ownerUserId: null,
    ...more,
  });
  it("reminds from seven days before the forecast, and when overdue, to the lead and the named owner", () => {
    expect(rules([project({ milestones: [milestone(day(8))] })])).toEqual([]);
    const [soon] = due([project({ milestones: [milestone(day(7), { ownerUserId: OWNER })] })]);
    expect(soon).toMatchObject({ rule: "milestone", userIds: [LEAD, OWNER], dueOn: day(7), overdue: false });
    expect(soon.title).toBe('Milestone "Launch the grab bag" is forecast for 3 Dec 2026');
    const [late] = due([project({ milestones: [milestone(day(-1))] })]);
    expect(late.overdue).toBe(true);
    expect(flagCodes(project({ milestones: [milestone(day(-1))] }), TODAY)).toContain("milestone_overdue");
  });
  it("stops once the milestone is complete or its forecast moves beyond the window", () => {
    expect(rules([project({ milestones: [milestone(day(-3), { completedOn: TODAY })] })])).toEqual([]);
    expect(rules([project({ milestones: [milestone(day(20))] })])).toEqual([]);
    expect(rules([project({ stage: "closed", milestones: [milestone(day(-3))] })])).toEqual([]);
  });
});

describe("asks waiting too long", () => {
  const ask = (raisedOn: string, answererIds = BOARD) => ({ id: 3, what: "Fund a second sepsis trolley", raisedOn, answererIds });
  it("reminds whoever must answer once the ask has waited longer than the threshold, as the flag does", () => {
    expect(rules([project({ waitingAsks: [ask(day(-14))] })])).toEqual([]);
    expect(flagCodes(project({ waitingAsks: [ask(day(-14))] }), TODAY)).not.toContain("ask_open");
    const [r] = due([project({ waitingAsks: [ask(day(-15))] })]);
    expect(r).toMatchObject({ rule: "ask", userIds: BOARD, overdue: true, link: "/projects/1/asks" });
    expect(r.userIds).not.toContain(LEAD);
    expect(r.title).toBe('Answer the ask "Fund a second sepsis trolley"');
    expect(flagCodes(project({ waitingAsks: [ask(day(-15))] }), TODAY)).toContain("ask_open");
    expect(due([project({ waitingAsks: [ask(day(-15), [OWNER])] })])[0].userIds).toEqual([OWNER]);
  });
  it("leaves out a reminder with nobody to tell", () => {
    expect(due([project({ waitingAsks: [ask(day(-30), [])] })])).toEqual([]);
    expect(due([project({ leadIds: [], lastStatusReportOn: day(-60) })])).toEqual([]);
  });
});

describe("action reminders", () => {
  it("reminds the owner of an open action due within seven days or overdue, and stops once it is done", () => {
    expect(rules([], [action({ dueOn: day(8) })])).toEqual([]);
    const [r] = due([], [action({ dueOn: day(7) })]);
    expect(r).toMatchObject({ rule: "action", userIds: [OWNER], link: "/actions", overdue: false });
    expect(due([], [action({ dueOn: day(-2) })])[0].body).toContain("2 days overdue");
    expect(due([], [action({ dueOn: day(-2), completedOn: TODAY })])).toEqual([]);
  });
});

describe("one person's reminders", () => {
  it("lists only what concerns them, soonest first", () => {
    const all = due(
      [project({ lastStatusReportOn: day(-40), milestones: [{ id: 7, title: "M", forecastDate: day(3), completedOn: null, ownerUserId: OWNER }] })],
      [action({ dueOn: day(1) })],
    );
    expect(all.length).toBe(3);
    expect(remindersFor(all, LEAD).map((r) => r.rule)).toEqual(["status_report", "milestone"]);
    expect(remindersFor(all, OWNER).map((r) => r.rule)).toEqual(["action", "milestone"]);
    expect(remindersFor(all, 999)).toEqual([]);
  });
  it("words due dates plainly", () => {
    expect(whenDue(TODAY, TODAY)).toBe("due today");
    expect(whenDue(day(1), TODAY)).toBe("due in 1 day");
    expect(whenDue(day(-1), TODAY)).toBe("1 day overdue");
  });
});
