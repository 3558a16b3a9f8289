// What goes in a person's digest email on a given day, and its words (docs/decisions/066). Pure.
import { getISODay } from "date-fns/getISODay";
import { parseISO } from "date-fns/parseISO";
import { formatDay } from "~/domain/calendar";
import type { DeliveryMode } from "~/domain/notification-kinds";

/** Weekly digests go on Mondays (ISO day 1), the start of the working week. */
export const WEEKLY_DIGEST_DAY = 1;
export const WEEKLY_DIGEST_DAY_NAME = "Monday";

export const isWeeklyDigestDay = (today: string) => getISODay(parseISO(today)) === WEEKLY_DIGEST_DAY;

/** Whether something a person hears of in `mode` goes into today's digest. */
export function inTodaysDigest(mode: DeliveryMode, today: string): boolean {
  return mode === "daily" || (mode === "weekly" && isWeeklyDigestDay(today));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function digestSubject(reminders: number, updates: number, today: string): string {
  const parts = [reminders ? plural(reminders, "reminder") : "", updates ? plural(updates, "update") : ""].filter(Boolean);
  return `Stepping Up for ${formatDay(today)}: ${parts.join(" and ")}`;
}

export function digestIntro(reminders: number, updates: number): string {
  if (reminders && updates) return "Here is what needs doing before the programme board sees a flag, then what has happened since your last digest.";
  if (reminders) return "Here is what needs doing before the programme board sees a flag.";
  return "Here is what has happened since your last digest.";
}

const LONDON_HOUR = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", hourCycle: "h23" });

/** The hour (0–23) of an instant in UK time. */
export const londonHour = (instant: number) => Number(LONDON_HOUR.format(instant));
