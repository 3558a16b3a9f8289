// A port of R's default random number generation, so tests can rebuild the
// data behind published examples that were made with set.seed() + rnorm().
// R defaults: RNGkind("Mersenne-Twister", "Inversion"). Sources: R's
// src/main/RNG.c (Randomize, MT_genrand, FixupSeeds), src/nmath/snorm.c
// (INVERSION with BIG = 2^27) and src/nmath/qnorm.c (Wichura's AS241).
// Checked below against values printed in the published outputs
// (set.seed(123); rnorm(20) begins -0.56047565, -0.23017749, 1.55870831, ...).

export interface RRandom {
  runif(): number;
  rnorm(n: number, mean?: number, sd?: number): number[];
}

/** set.seed(seed) followed by draws, as R >= 3.6 does them. */
export function setSeed(seedIn: number): RRandom {
  const N = 624;
  const M = 397;
  const mt = new Uint32Array(N);
  let seed = seedIn >>> 0;
  // Initial scrambling, then one LCG step per seed word (dummy[0] is mti).
  for (let j = 0; j < 50; j++) seed = (Math.imul(69069, seed) + 1) >>> 0;
  seed = (Math.imul(69069, seed) + 1) >>> 0;
  for (let j = 0; j < N; j++) {
    seed = (Math.imul(69069, seed) + 1) >>> 0;
    mt[j] = seed;
  }
  let mti = N; // FixupSeeds: dummy[0] = 624
  const mag01 = [0, 0x9908b0df];

  function genrand(): number {
    let y: number;
    if (mti >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ mag01[y & 1];
      }
      for (; kk < N - 1; kk++) {
        y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ mag01[y & 1];
      }
      y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ mag01[y & 1];
      mti = 0;
    }
    y = mt[mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return (y >>> 0) * 2.3283064365386963e-10;
  }

  function runif(): number {
    const i2_32m1 = 2.328306437080797e-10;
    const v = genrand();
    if (v <= 0) return 0.5 * i2_32m1;
    if (1 - v <= 0) return 1 - 0.5 * i2_32m1;
    return v;
  }

  const BIG = 134217728;
  function normRand(): number {
    let u = runif();
    u = Math.trunc(BIG * u) + runif();
    return qnorm(u / BIG);
  }

  return {
    runif,
    rnorm(n: number, mean = 0, sd = 1): number[] {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(mean + sd * normRand());
      return out;
    },
  };
}

/** qnorm(p, 0, 1), Wichura (1988) AS241 PPND16, as in R's qnorm.c. */
export function qnorm(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r + 13731.69376550946) * r + 1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r + 5394.196021424751) * r + 687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1.0)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r + 3.6478483247632045) * r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) * r + 0.6897673349851) * r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1.0);
  } else {
    r -= 5;
    val =
      (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r + 0.29656057182850487) * r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 0.000018463183175100548) * r + 0.0007868691311456133) * r + 0.014875361290850615) * r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1.0);
  }
  return q < 0 ? -val : val;
}
