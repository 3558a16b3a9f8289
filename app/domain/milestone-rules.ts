// Milestone rules shared by the pages, the plan strip and the board: slip, overdue,
// and when a change needs a reason. Pure: dates are ISO days, today is passed in.
import { daysBetween } from "~/domain/calendar";

export const MILESTONE_TITLE_MAX = 200;
export const MILESTONE_OWNER_MAX = 120;
export const MILESTONE_REASON_MAX = 1000;

export type MilestoneDates = { baselineDate: string; forecastDate: string; completedOn: string | null };

/** Slip = forecast − baseline, in days; negative when the forecast is ahead of the plan. */
export function slipDays(m: Pick<MilestoneDates, "baselineDate" | "forecastDate">): number {
  return daysBetween(m.baselineDate, m.forecastDate);
}

/** Not complete and the forecast date is before today. */
export function isOverdue(m: Pick<MilestoneDates, "forecastDate" | "completedOn">, today: string): boolean {
  return !m.completedOn && m.forecastDate < today;
}

/** Moving a forecast later needs a reason; moving it earlier (or not at all) does not. */
export function forecastMoveNeedsReason(fromForecast: string, toForecast: string): boolean {
  return toForecast > fromForecast;
}

export type MilestoneStatus = "complete" | "overdue" | "late" | "on_track";

export function milestoneStatus(m: MilestoneDates, today: string): MilestoneStatus {
  if (m.completedOn) return "complete";
  if (isOverdue(m, today)) return "overdue";
  return slipDays(m) > 0 ? "late" : "on_track";
}

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  complete: "Complete",
  overdue: "Overdue",
  late: "Slipped",
  on_track: "On track",
};

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

/** "On plan", "14 days late", "1 day early". */
export function describeSlip(slip: number): string {
  if (slip === 0) return "On plan";
  return slip > 0 ? `${days(slip)} late` : `${days(-slip)} early`;
}

export const MILESTONE_CHANGE_LABELS = { forecast: "Forecast moved", rebaseline: "Re-baselined" } as const;
