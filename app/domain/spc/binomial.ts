// Lower 5% limit for the number of crossings in a run chart: qicharts2
// runs.analysis() uses qbinom(0.05, n.useful - 1, 0.5) (Chen 2010).

const cache = new Map<number, number>();

/**
 * R's qbinom(p, size, 0.5): the smallest x with P(X ≤ x) ≥ p. Summed in log
 * space so large sizes neither underflow nor lose the 2^-size factor; cached
 * per size because run charts ask for the same few sizes again and again.
 */
export function qbinomHalf(p: number, size: number): number {
  if (size <= 0) return 0;
  const key = size * 1024 + Math.round(p * 1000);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  // R fuzzes p down by 64 ulps to keep the quantile left-continuous (qbinom.c).
  const target = p * (1 - 64 * Number.EPSILON);
  let logPmf = -size * Math.LN2;
  let cdf = Math.exp(logPmf);
  let x = 0;
  while (cdf < target && x < size) {
    logPmf += Math.log((size - x) / (x + 1));
    x++;
    cdf += Math.exp(logPmf);
  }
  if (cache.size > 4096) cache.clear();
  cache.set(key, x);
  return x;
}
