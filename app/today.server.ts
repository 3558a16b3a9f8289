import { getEnv } from "~/env.server";

import { londonDay, TRUST_TIME_ZONE } from "~/domain/calendar";

export { londonDay, TRUST_TIME_ZONE };

/**
 * The date every domain rule treats as today (overdue, stale, wave clock, demo dates),
 * in Europe/London. STEPPING_UP_TODAY pins it for tests and demos; it never affects sessions.
 */
export function today(): string {
  return getEnv().STEPPING_UP_TODAY ?? londonDay(Date.now());
}
