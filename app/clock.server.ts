// Wall-clock time for sessions and audit rows. Tests running the server in-process
// replace it through globalThis so idle timeouts can be proven without waiting.
type ClockHolder = { __steppingUpNow?: () => number };

export function nowMs(): number {
  const holder = globalThis as ClockHolder;
  return holder.__steppingUpNow ? holder.__steppingUpNow() : Date.now();
}

export function now(): Date {
  return new Date(nowMs());
}
