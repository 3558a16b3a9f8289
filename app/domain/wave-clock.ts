// The LiA wave clock: "week N of 20" while a wave runs.
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";

export type WaveClock =
  | { state: "upcoming"; daysToStart: number; totalWeeks: number }
  | { state: "running"; week: number; totalWeeks: number }
  | { state: "finished"; totalWeeks: number };

export function waveClock(startsOn: string, endsOn: string, today: string): WaveClock {
  const totalWeeks = Math.max(1, Math.ceil((differenceInCalendarDays(parseISO(endsOn), parseISO(startsOn)) + 1) / 7));
  const sinceStart = differenceInCalendarDays(parseISO(today), parseISO(startsOn));
  if (sinceStart < 0) return { state: "upcoming", daysToStart: -sinceStart, totalWeeks };
  if (today > endsOn) return { state: "finished", totalWeeks };
  return { state: "running", week: Math.min(totalWeeks, Math.floor(sinceStart / 7) + 1), totalWeeks };
}

export function describeWaveClock(clock: WaveClock): string {
  switch (clock.state) {
    case "upcoming":
      return `Starts in ${clock.daysToStart} day${clock.daysToStart === 1 ? "" : "s"} (${clock.totalWeeks} weeks)`;
    case "running":
      return `Week ${clock.week} of ${clock.totalWeeks}`;
    case "finished":
      return `Finished (${clock.totalWeeks} weeks)`;
  }
}
