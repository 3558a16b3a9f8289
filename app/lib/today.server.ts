import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { getEnv } from "~/env.server";

export const TRUST_TIME_ZONE = "Europe/London";

/**
 * The date every domain rule treats as today (overdue, stale, wave clock, demo dates),
 * in Europe/London. STEPPING_UP_TODAY pins it for tests and demos; it never affects sessions.
 */
export function today(): string {
  return getEnv().STEPPING_UP_TODAY ?? format(new TZDate(Date.now(), TRUST_TIME_ZONE), "yyyy-MM-dd");
}

// en-CA formats as YYYY-MM-DD; one formatter, reused, is far cheaper than a zoned date per call.
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: TRUST_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The Europe/London calendar day of an instant. */
export function londonDay(instant: Date | number): string {
  return LONDON_DAY.format(instant);
}
