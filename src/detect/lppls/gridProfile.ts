/**
 * Global stage shared by nested windows: the profile SSE of the LPPLS model (Filimonov & Sornette 2013,
 * eq. 9–11) on a grid over (tc, m, ω), for every window that ends at the same row t2 at once.
 *
 * Why it is fast: for fixed tc, ln Δ_i is computed once per point; Δ^m once per (tc, m); cos/sin(ω ln Δ)
 * once per (tc, ω). For each (tc, m, ω) one backward pass over the points accumulates suffix sums of
 * the 15 moments (1, f, g, h, y and their cross products); when the pass reaches a window's first row,
 * that window's normal equations are available in O(1). So all K nested windows cost one pass of the
 * longest window instead of K passes — O(G·n + G·K) per window end instead of O(G·Σ n_k).
 *
 * Numerics: y is shifted by its mean over the longest window (so Σy² does not dwarf the SSE); moments
 * are centred per window (C_ab = S_ab − S_a·S_b / n) and the 3×3 system is solved by a Cholesky
 * factorisation with a relative rank check (a pivot ≤ 1e-10 of its diagonal drops that column);
 * SSE = C_yy − ‖L⁻¹c‖². This is accurate to ~1e-10 relative on these data, enough to rank grid points;
 * the local stage recomputes every reported SSE with the QR solver of `linear.ts`.
 *
 * Δ = |tc − t| (our default convention); a point with Δ = 0 contributes f = g = h = 0.
 */

/** A rectangular grid over the nonlinear parameters (tc absolute, in units of t). */
export interface ProfileGrid {
  readonly tc: Float64Array;
  readonly m: Float64Array;
  readonly omega: Float64Array;
}

/**
 * Evenly spaced values lo … hi (count ≥ 1; a single value is the midpoint).
 *
 * @example
 * linspace(0, 1, 3); // Float64Array [0, 0.5, 1]
 */
export function linspace(lo: number, hi: number, count: number): Float64Array {
  const out = new Float64Array(count);
  if (count === 1) out[0] = (lo + hi) / 2;
  else for (let i = 0; i < count; i++) out[i] = lo + ((hi - lo) * i) / (count - 1);
  return out;
}

/**
 * tc grid points between lo and hi, uniform in v = asinh((tc − t2)/scale) (plus t2 + 0.02·scale and
 * t2 + 0.3·scale when inside and count ≥ 4): dense near t2, where the
 * profile cost has narrow log-periodic basins in ln|tc − t2|, and sparse far from it. The scale is
 * about the sampling interval, so the grid is invariant to the time origin.
 *
 * @example
 * tcGrid(90, 150, 100, 1, 5); // seven points, clustered around 100
 */
export function tcGrid(lo: number, hi: number, t2: number, scale: number, count: number): Float64Array {
  const a = Math.asinh((lo - t2) / scale);
  const b = Math.asinh((hi - t2) / scale);
  const v = linspace(a, b, count);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = t2 + scale * Math.sinh(v[i]);
  if (count > 1) {
    out[0] = lo;
    out[count - 1] = hi;
  }
  // Two extra points just after t2 (0.02 and 0.3 scales): fits with tc a fraction of a sampling interval
  // after the last observation sit in basins narrower than the asinh spacing.
  const extra = [t2 + 0.02 * scale, t2 + 0.3 * scale].filter((v) => v > lo && v < hi && !out.includes(v));
  if (extra.length === 0 || count < 4) return out;
  return Float64Array.from([...out, ...extra]).sort();
}

/**
 * Fills `out[k·G + g]` with the profile SSE of window k (rows starts[k] … endRow) at grid point
 * g = (i_tc·n_m + i_m)·n_ω + i_ω, or +∞ where tc is outside [tcLo[k], tcHi[k]].
 *
 * @example
 * const out = new Float64Array(2 * 2 * 2 * 2);
 * gridProfileSse(t, y, t.length - 1, [0, 10], [tcA, tcA], [tcB, tcB], { tc: linspace(tcA, tcB, 2), m: linspace(0.1, 0.9, 2), omega: linspace(6, 13, 2) }, out);
 */
export function gridProfileSse(
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  endRow: number,
  starts: readonly number[],
  tcLo: readonly number[],
  tcHi: readonly number[],
  grid: ProfileGrid,
  out: Float64Array,
): void {
  const K = starts.length;
  const nt = grid.tc.length;
  const nm = grid.m.length;
  const nw = grid.omega.length;
  const G = nt * nm * nw;
  let s0 = starts[0];
  for (const s of starts) if (s < s0) s0 = s;
  const n = endRow - s0 + 1;
  // Windows ordered by descending start: the backward pass meets them in that order.
  const order = starts.map((_, k) => k).sort((a, b) => starts[b] - starts[a]);
  const snapAt = new Int32Array(K);
  for (let j = 0; j < K; j++) snapAt[j] = starts[order[j]] - s0;
  const yc = new Float64Array(n);
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[s0 + i];
  ybar /= n;
  for (let i = 0; i < n; i++) yc[i] = y[s0 + i] - ybar;
  const lnd = new Float64Array(n);
  const zero = new Uint8Array(n);
  const f = new Float64Array(n);
  const cs = new Float64Array(nw * n);
  const sn = new Float64Array(nw * n);
  const active = new Uint8Array(K);

  // Per-window snapshots of the ω-independent suffix sums (y, yy once; f, ff, yf per m).
  const snapY = new Float64Array(K);
  const snapYY = new Float64Array(K);
  const snapF = new Float64Array(K);
  const snapFF = new Float64Array(K);
  const snapYF = new Float64Array(K);
  {
    let sy = 0;
    let syy = 0;
    let j = 0;
    for (let i = n - 1; i >= 0 && j < K; i--) {
      sy += yc[i];
      syy += yc[i] * yc[i];
      while (j < K && snapAt[j] === i) {
        snapY[j] = sy;
        snapYY[j] = syy;
        j++;
      }
    }
  }
  const uniformM = isUniform(grid.m);
  const uniformW = isUniform(grid.omega);
  const dm = nm > 1 ? grid.m[1] - grid.m[0] : 0;
  const dw = nw > 1 ? grid.omega[1] - grid.omega[0] : 0;
  const fstep = new Float64Array(n);
  const cstep = new Float64Array(n);
  const sstep = new Float64Array(n);

  for (let it = 0; it < nt; it++) {
    const tc = grid.tc[it];
    let any = false;
    for (let j = 0; j < K; j++) {
      const k = order[j];
      active[j] = tc >= tcLo[k] && tc <= tcHi[k] ? 1 : 0;
      if (active[j]) any = true;
    }
    const base = it * nm * nw;
    if (!any) {
      for (let k = 0; k < K; k++) out.fill(Number.POSITIVE_INFINITY, k * G + base, k * G + base + nm * nw);
      continue;
    }
    for (let i = 0; i < n; i++) {
      const d = Math.abs(tc - t[s0 + i]);
      zero[i] = d > 0 ? 0 : 1;
      lnd[i] = d > 0 ? Math.log(d) : 0;
    }
    // cos/sin(ω ln Δ) for every ω: direct for the first, then the angle-addition recurrence on a
    // uniform ω grid (error ~ nω·ε, irrelevant for ranking grid points).
    for (let i = 0; i < n; i++) {
      const ph = grid.omega[0] * lnd[i];
      cs[i] = Math.cos(ph);
      sn[i] = Math.sin(ph);
      if (uniformW && nw > 1) {
        cstep[i] = Math.cos(dw * lnd[i]);
        sstep[i] = Math.sin(dw * lnd[i]);
      }
    }
    for (let iw = 1; iw < nw; iw++) {
      const o = iw * n;
      const p = o - n;
      if (uniformW) {
        for (let i = 0; i < n; i++) {
          cs[o + i] = cs[p + i] * cstep[i] - sn[p + i] * sstep[i];
          sn[o + i] = sn[p + i] * cstep[i] + cs[p + i] * sstep[i];
        }
      } else {
        const w = grid.omega[iw];
        for (let i = 0; i < n; i++) {
          cs[o + i] = Math.cos(w * lnd[i]);
          sn[o + i] = Math.sin(w * lnd[i]);
        }
      }
    }
    for (let im = 0; im < nm; im++) {
      const m = grid.m[im];
      if (im === 0 || !uniformM) {
        for (let i = 0; i < n; i++) f[i] = zero[i] ? 0 : Math.exp(m * lnd[i]);
        if (uniformM && nm > 1) for (let i = 0; i < n; i++) fstep[i] = zero[i] ? 0 : Math.exp(dm * lnd[i]);
      } else {
        for (let i = 0; i < n; i++) f[i] *= fstep[i];
      }
      {
        let sf = 0;
        let sff = 0;
        let syf = 0;
        let j = 0;
        for (let i = n - 1; i >= 0 && j < K; i--) {
          const fi = f[i];
          sf += fi;
          sff += fi * fi;
          syf += yc[i] * fi;
          while (j < K && snapAt[j] === i) {
            snapF[j] = sf;
            snapFF[j] = sff;
            snapYF[j] = syf;
            j++;
          }
        }
      }
      for (let iw = 0; iw < nw; iw++) {
        sweep(
          n,
          f,
          cs,
          sn,
          iw * n,
          yc,
          K,
          snapAt,
          order,
          active,
          snapF,
          snapFF,
          snapYF,
          snapY,
          snapYY,
          out,
          G,
          base + im * nw + iw,
        );
      }
    }
  }
}

/**
 * One (tc, m, ω) grid point: the backward pass over the points of the longest window, emitting each
 * window's SSE when the pass reaches its first row. A small separate function so that V8 optimises it
 * after a few calls (a loop inside one huge function may stay in a slower tier).
 */
function sweep(
  n: number,
  f: Float64Array,
  cs: Float64Array,
  sn: Float64Array,
  o: number,
  yc: Float64Array,
  K: number,
  snapAt: Int32Array,
  order: readonly number[],
  active: Uint8Array,
  snapF: Float64Array,
  snapFF: Float64Array,
  snapYF: Float64Array,
  snapY: Float64Array,
  snapYY: Float64Array,
  out: Float64Array,
  G: number,
  g0: number,
): void {
  let sG = 0;
  let sH = 0;
  let sFG = 0;
  let sFH = 0;
  let sGG = 0;
  let sGH = 0;
  let sHH = 0;
  let sYG = 0;
  let sYH = 0;
  let j = 0;
  let next = snapAt[0];
  for (let i = n - 1; i >= 0; i--) {
    const fi = f[i];
    const gi = fi * cs[o + i];
    const hi = fi * sn[o + i];
    const yi = yc[i];
    sG += gi;
    sH += hi;
    sFG += fi * gi;
    sFH += fi * hi;
    sGG += gi * gi;
    sGH += gi * hi;
    sHH += hi * hi;
    sYG += yi * gi;
    sYH += yi * hi;
    while (i === next) {
      const k = order[j];
      if (active[j]) {
        const inv = 1 / (n - i);
        const sF = snapF[j];
        const sY = snapY[j];
        out[k * G + g0] = sseFromMoments(
          snapFF[j] - sF * sF * inv,
          sFG - sF * sG * inv,
          sFH - sF * sH * inv,
          sGG - sG * sG * inv,
          sGH - sG * sH * inv,
          sHH - sH * sH * inv,
          snapYF[j] - sY * sF * inv,
          sYG - sY * sG * inv,
          sYH - sY * sH * inv,
          snapYY[j] - sY * sY * inv,
        );
      } else out[k * G + g0] = Number.POSITIVE_INFINITY;
      j++;
      if (j >= K) return;
      next = snapAt[j];
    }
  }
}

function isUniform(v: Float64Array): boolean {
  if (v.length < 3) return true;
  const d = v[1] - v[0];
  for (let i = 2; i < v.length; i++) if (Math.abs(v[i] - v[i - 1] - d) > 1e-9 * Math.max(1, Math.abs(d))) return false;
  return true;
}

/** SSE of the centred 3-regressor least squares from its moments (Cholesky with rank check). */
function sseFromMoments(
  cff: number,
  cfg: number,
  cfh: number,
  cgg: number,
  cgh: number,
  chh: number,
  cyf: number,
  cyg: number,
  cyh: number,
  cyy: number,
): number {
  let explained = 0;
  let z0 = 0;
  let l10 = 0;
  let l20 = 0;
  if (cff > 0) {
    const l00 = Math.sqrt(cff);
    z0 = cyf / l00;
    l10 = cfg / l00;
    l20 = cfh / l00;
    explained += z0 * z0;
  }
  let z1 = 0;
  let l21 = 0;
  const p1 = cgg - l10 * l10;
  if (p1 > 1e-10 * cgg) {
    const l11 = Math.sqrt(p1);
    z1 = (cyg - l10 * z0) / l11;
    l21 = (cgh - l20 * l10) / l11;
    explained += z1 * z1;
  }
  const p2 = chh - l20 * l20 - l21 * l21;
  if (p2 > 1e-10 * chh) {
    const z2 = (cyh - l20 * z0 - l21 * z1) / Math.sqrt(p2);
    explained += z2 * z2;
  }
  const sse = cyy - explained;
  return Number.isFinite(sse) ? sse : Number.POSITIVE_INFINITY;
}

/**
 * Indices of the best grid local minima (6-neighbourhood, finite values only), best first; falls back to
 * the global best when the grid has no strict local minimum.
 *
 * @example
 * gridLocalMinima(sse, 0, nt, nm, nw, 3); // up to three grid indices, lowest SSE first
 */
export function gridLocalMinima(
  sse: Float64Array,
  offset: number,
  nt: number,
  nm: number,
  nw: number,
  count: number,
): number[] {
  const mins: number[] = [];
  let best = -1;
  let bestV = Number.POSITIVE_INFINITY;
  const sT = nw * nm;
  let g = 0;
  for (let it = 0; it < nt; it++) {
    for (let im = 0; im < nm; im++) {
      for (let iw = 0; iw < nw; iw++, g++) {
        const o = offset + g;
        const v = sse[o];
        if (!Number.isFinite(v)) continue;
        if (best < 0 || v < bestV) {
          best = g;
          bestV = v;
        }
        // A neighbour strictly below v disqualifies g (+∞ neighbours never do).
        if (iw > 0 && sse[o - 1] < v) continue;
        if (iw < nw - 1 && sse[o + 1] < v) continue;
        if (im > 0 && sse[o - nw] < v) continue;
        if (im < nm - 1 && sse[o + nw] < v) continue;
        if (it > 0 && sse[o - sT] < v) continue;
        if (it < nt - 1 && sse[o + sT] < v) continue;
        mins.push(g);
      }
    }
  }
  if (mins.length === 0) return best < 0 ? [] : [best];
  mins.sort((a, b) => sse[offset + a] - sse[offset + b] || a - b);
  return mins.slice(0, count);
}
