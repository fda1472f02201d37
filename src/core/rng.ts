/**
 * Seeded random streams: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 2021) on 32-bit words, seeded by SplitMix32-style mixing of (seed, stream).
 *
 * Why streams: Monte Carlo and bootstrap replication r always draws from `stream(seed, r)`, so the result
 * of a replication does not depend on which worker runs it or in what order: 1 thread and N threads give
 * bit-identical results. Streams are decorrelated by hashing (seed, r) through two rounds of the
 * murmur3 finaliser into the 128-bit state (never all-zero).
 *
 * Normals: Marsaglia's polar method on 53-bit uniforms; each call to `normal()` consumes a pair and the
 * second value is cached. Complexity: O(1) per draw, no allocation after construction.
 *
 * @example
 * const r = new RandomStream(42, 0);
 * r.uniform(); // a number in [0, 1)
 */

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Deterministic 32-bit mix of a seed (any safe integer) and a stream index. */
export function mixSeed(seed: number, stream: number, salt: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let h = fmix32(lo ^ 0x9e3779b9);
  h = fmix32(h ^ hi ^ Math.imul(salt + 1, 0x632be5ab));
  h = fmix32(h ^ (stream >>> 0));
  h = fmix32(h ^ Math.floor(stream / 4294967296) ^ 0x7f4a7c15);
  return h;
}

/** An independent, seeded stream of uniforms and standard normals. */
export class RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  /**
   * @param seed any safe integer
   * @param stream the stream index (e.g. the replication number)
   */
  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    if (!Number.isSafeInteger(stream) || stream < 0)
      throw new RangeError(`stream must be a non-negative integer, got ${stream}`);
    this.s0 = mixSeed(seed, stream, 0);
    this.s1 = mixSeed(seed, stream, 1);
    this.s2 = mixSeed(seed, stream, 2);
    this.s3 = mixSeed(seed, stream, 3);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    // Warm up: discard a few outputs so nearby seeds diverge fully.
    for (let i = 0; i < 8; i++) this.nextUint32();
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Standard normal draw (Marsaglia polar method). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** Uniform integer in [0, n) without modulo bias (Lemire-style rejection on 32 bits). */
  int(n: number): number {
    if (!(n >= 1 && n <= 4294967296)) throw new RangeError(`int(n) needs 1 <= n <= 2^32, got ${n}`);
    const limit = 4294967296 - (4294967296 % n);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return x % n;
  }

  /** Rademacher draw: -1 or +1 with equal probability. */
  sign(): number {
    return this.nextUint32() & 1 ? 1 : -1;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Source of normals used by simulators: our streams or the R-compatible generator. */
export interface NormalSource {
  normal(): number;
  uniform(): number;
}
