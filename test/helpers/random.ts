// The one random generator for tests: seeded, so a "random" run is the same run every time
// and a failure can be replayed. (fast-check takes the same seed as its `seed` option.)
export const TEST_SEED = 20261126;

export type SeededRandom = {
  /** A number in [0, 1). */
  next: () => number;
  /** A number in [min, max). */
  between: (min: number, max: number) => number;
  /** A whole number from min to max, both included. */
  int: (min: number, max: number) => number;
  /** One of the items. */
  pick: <T>(items: readonly T[]) => T;
};

/** mulberry32: a small 32-bit generator, plenty for test data (not for anything secret). */
export function seededRandom(seed: number = TEST_SEED): SeededRandom {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + next() * (max - min),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)];
    },
  };
}
