// At most a few requests inside Remix at once per process; the rest wait their turn, first come
// first served. Fifty renders interleaved each hold their data and half-built page at the same
// time (a large heap, more garbage collection) and all finish late; a short queue keeps memory
// small and answers in order (ADR 127). Only if no slot has been given back for `stuckMs` (slow
// loaders waiting on another service) does the next request go ahead anyway, so a stuck few
// cannot hold every page back.

/**
 * @param {{ limit: number, stuckMs: number, now?: () => number }} options
 * @returns {() => Promise<() => void>} wait for a slot; call what it returns (once or more) to give it back
 */
export function createRenderSlots({ limit, stuckMs, now = Date.now }) {
  let active = 0;
  let lastMove = now();
  /** @type {Array<() => void>} */
  const waiting = [];
  /** @type {ReturnType<typeof setTimeout> | null} */
  let watchdog = null;

  const release = () => {
    lastMove = now();
    const next = waiting.shift();
    if (next)
      next(); // the slot passes straight on
    else active--;
  };

  const watch = () => {
    if (watchdog || waiting.length === 0) return;
    watchdog = setTimeout(() => {
      watchdog = null;
      if (waiting.length > 0 && now() - lastMove >= stuckMs) {
        active++; // over the limit, by design: see above
        lastMove = now();
        waiting.shift()?.();
      }
      watch();
    }, stuckMs);
    watchdog.unref?.();
  };

  return () => {
    if (active < limit) {
      active++;
      return Promise.resolve(once(release));
    }
    return new Promise((resolve) => {
      waiting.push(() => resolve(once(release)));
      watch();
    });
  };
}

function once(fn) {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
