/**
 * R-compatible random numbers: R's default generator (Mersenne-Twister, Matsumoto & Nishimura 1998) seeded as
 * `set.seed()` does (50 rounds of the LCG 69069·s + 1 to scramble, then one LCG step per state word, mti = 624),
 * normals by R's default "Inversion" (two uniforms combined into a 2⁻²⁷-refined uniform, then Wichura's AS 241
 * PPND16 quantile, Applied Statistics 37(3), 1988), and `sample()` by R ≥ 3.6's "Rejection" sampling.
 *
 * Purpose: reproduce the reference tools' sequential Monte Carlo draws exactly (exuber with
 * `options(exuber.parallel = FALSE)` calls `set.seed(seed)` then `rnorm(n)` per replication), so critical values
 * can be checked bit-for-bit instead of within Monte Carlo noise. It is a single sequential stream: use
 * `RandomStream` for parallel work. Complexity O(1) amortised per draw (the state is regenerated every 624 words).
 *
 * @example
 * const r = new RRandom(123);
 * r.normal(); // -0.5604756465522126, as R's set.seed(123); rnorm(1)
 */
const N = 624;
const M = 397;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;
const MATRIX_A = 0x9908b0df;
const I2_32M1 = 2.328306437080797e-10; // 1/(2^32 − 1)

export class RRandom {
  private readonly mt = new Uint32Array(N);
  private mti = N;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`R seed must be an integer, got ${seed}`);
    let s = seed >>> 0;
    for (let j = 0; j < 50; j++) s = (Math.imul(69069, s) + 1) >>> 0;
    // R's seed vector is dummy[0] = mti followed by the 624 state words; the first LCG value goes to dummy[0].
    s = (Math.imul(69069, s) + 1) >>> 0;
    for (let j = 0; j < N; j++) {
      s = (Math.imul(69069, s) + 1) >>> 0;
      this.mt[j] = s;
    }
    this.mti = N;
  }

  private genrand(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      let y: number;
      for (; kk < N - M; kk++) {
        y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return (y >>> 0) * 2.3283064365386963e-10;
  }

  /** R's unif_rand(): a uniform in (0, 1). */
  uniform(): number {
    const v = this.genrand();
    if (v <= 0) return 0.5 * I2_32M1;
    if (1 - v <= 0) return 1 - 0.5 * I2_32M1;
    return v;
  }

  /** R's norm_rand() with the default Inversion method. */
  normal(): number {
    const BIG = 134217728;
    let u = this.uniform();
    u = Math.trunc(BIG * u) + this.uniform();
    return qnormAS241(u / BIG);
  }

  /** R's R_unif_index(dn) (Rejection sampling): a uniform integer in [0, dn). */
  unifIndex(dn: number): number {
    if (dn <= 0) return 0;
    const bits = Math.ceil(Math.log2(dn));
    let dv: number;
    do dv = this.rbits(bits);
    while (dn <= dv);
    return dv;
  }

  private rbits(bits: number): number {
    let v = 0n;
    for (let n = 0; n <= bits; n += 16) {
      const v1 = Math.floor(this.uniform() * 65536);
      v = 65536n * v + BigInt(v1);
    }
    return Number(v & ((1n << BigInt(bits)) - 1n));
  }
}

/** Standard normal quantile by Wichura's AS 241 (PPND16), as R ≤ 4.2's qnorm(p, 0, 1). */
export function qnormAS241(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  let r: number;
  let val: number;
  if (Math.abs(q) <= 0.425) {
    r = 0.180625 - q * q;
    val =
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1);
    return val;
  }
  r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}
