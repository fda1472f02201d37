/**
 * The indicator engine: an indicator is data (inputs named by ledger/deal ids, a formula string, a threshold) plus
 * one pure `compute` function. The engine resolves inputs point-in-time (first alternative id known as of the
 * date), converts units explicitly, computes the value, classifies it, propagates the ledger's low/high ranges by
 * seeded Monte Carlo (triangular low–value–high per input, `RandomStream(seed, stream)` per draw), and finds, for
 * each input, the smallest change that flips the verdict (one input at a time, scan on a geometric grid then
 * bisection). Complexity: O(draws · inputs) for Monte Carlo, O(inputs · (gridSteps + bisections)) for sensitivity.
 */
import { quantile7 } from "../core/quantile.ts";
import { RandomStream } from "../core/rng.ts";
import { type DatedFigure, dealKnownFrom } from "../evidence/load.ts";
import { isKnownOn, type Ledger } from "../evidence/query.ts";
import type { Deal, Era } from "../evidence/schema.ts";
import { convert, formatWithUnit, parseUnit } from "../evidence/units.ts";
import {
  type BoundKind,
  boundInterval,
  checkThreshold,
  classifyValue,
  explainVerdict,
  type Threshold,
  type Verdict,
} from "./classify.ts";
import { triangularQuantile } from "./triangular.ts";

/** One input of an indicator: alternative ids (first known as of the date wins) and the unit wanted. */
export interface InputSpec {
  readonly key: string;
  /** Ledger ids (E…) or deal ids (D…), preferred first. */
  readonly ids: readonly string[];
  /** Unit the formula expects; figures are converted to it (deal amounts are USD → "USD bn"; "GW" reads deal GW). */
  readonly unit: string;
  /**
   * An optional input feeds only `details` (e.g. a second measure of the same fact): when it cannot be resolved the
   * indicator is still computed and the input's key is absent (NaN) in the values passed to `details`.
   */
  readonly optional?: boolean;
}

/** A close-price series an input can read as `prices:KEY@YYYY-MM-DD` (the last close on or before that date). */
export interface EnvPriceSeries {
  readonly dates: readonly string[];
  readonly values: ArrayLike<number>;
}

/** Benchmarks available to thresholds: point values of indicators evaluated earlier. */
export interface ThresholdContext {
  point(indicatorId: string): { value: number; evidence: readonly string[] } | null;
}

export interface IndicatorSpec {
  readonly id: string;
  readonly era: Era;
  readonly label: string;
  readonly unit: string;
  /** The formula in words and symbols, shown in the report. */
  readonly formula: string;
  /**
   * The basis of the value, stated so that the two eras can be compared like for like: accounting basis (GAAP,
   * trailing twelve months, fiscal year), the date it is taken at, and the span of any flow.
   */
  readonly basis: string;
  /** The value is a bound on the true value (e.g. a sum over a subset): judged as an interval, never as a point. */
  readonly bound?: BoundKind;
  /**
   * The independent fact this indicator measures (default: its id). Tallies count one vote per fact and era;
   * several measures of one fact belong in one indicator's `details`.
   */
  readonly fact?: string;
  readonly inputs: readonly InputSpec[];
  readonly compute: (v: Readonly<Record<string, number>>) => number;
  readonly threshold: (ctx: ThresholdContext) => Threshold | null;
  /** Caveat shown with the reason. */
  readonly caveat?: string;
  /** When set, the indicator cannot be computed from the ledger; the text says why. */
  readonly unavailable?: string;
  /** Extra words about a computed value (e.g. the HHI class). */
  readonly describe?: (value: number) => string;
  /** Extra computed numbers (components), each carrying its own evidence ids. */
  readonly details?: (v: Readonly<Record<string, number>>, ids: Readonly<Record<string, string>>) => readonly Detail[];
}

/** A component of an indicator (e.g. one vendor's share), with the ids it was computed from. */
export interface Detail {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly evidence: readonly string[];
}

export interface ResolvedInput {
  readonly key: string;
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly low: number | null;
  readonly high: number | null;
  readonly unit: string;
  readonly evidence: readonly string[];
}

export interface Band {
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
  readonly draws: number;
  /** Share of draws whose verdict is bubble-like / healthy. */
  readonly shareBubbleLike: number;
  readonly shareHealthy: number;
  readonly evidence: readonly string[];
}

export interface IndicatorResult {
  readonly id: string;
  readonly era: Era;
  readonly label: string;
  readonly value: number | null;
  readonly unit: string;
  readonly formula: string;
  /** The basis of the value (see `IndicatorSpec.basis`). */
  readonly basis: string;
  /** The independent fact measured (one vote per fact in any tally). */
  readonly fact: string;
  /** Set when the value is a bound: the interval it stands for (null = unbounded on that side). */
  readonly bound?: {
    readonly kind: BoundKind;
    readonly low: number | null;
    readonly high: number | null;
    readonly evidence: readonly string[];
  };
  readonly evidence: readonly string[];
  readonly verdict: Verdict;
  readonly reason: string;
  readonly computed: boolean;
  readonly inputs: readonly ResolvedInput[];
  readonly threshold: Threshold | null;
  readonly band?: Band;
  readonly details?: readonly Detail[];
}

export interface SensitivityResult {
  readonly subject: string;
  readonly verdict: Verdict;
  readonly input: string;
  readonly inputLabel: string;
  readonly from: number;
  readonly to: number;
  readonly unit: string;
  readonly relativeChange: number;
  readonly newVerdict: Verdict;
  readonly withinLedgerRange: boolean;
  readonly sentence: string;
  readonly evidence: readonly string[];
}

export interface EngineOptions {
  readonly seed?: number;
  readonly draws?: number;
  /** Largest multiplicative change searched by the sensitivity analysis (both directions). */
  readonly maxFactor?: number;
  readonly gridSteps?: number;
}

export const ENGINE_DEFAULTS: Readonly<Required<EngineOptions>> = Object.freeze({
  seed: 20251031,
  draws: 2000,
  maxFactor: 20,
  gridSteps: 300,
});

/** Where inputs come from. */
export interface Env {
  readonly ledger: Ledger;
  readonly deals: ReadonlyMap<string, Deal>;
  /** ISO date; null = everything in the ledger. */
  readonly asOf: string | null;
  /** Price series by key, for inputs `prices:KEY@DATE`. */
  readonly prices?: Readonly<Record<string, EnvPriceSeries>>;
}

/** Resolves `prices:KEY@YYYY-MM-DD` to the last close on or before the date, or explains why not. */
function resolvePriceInput(spec: InputSpec, id: string, env: Env): ResolvedInput | string {
  const m = /^prices:([^@]+)@(\d{4}-\d{2}-\d{2})$/.exec(id);
  if (!m) return `${id}: a price input is written prices:KEY@YYYY-MM-DD`;
  const [, key, date] = m;
  if (env.asOf !== null && date > env.asOf) return `${id} is after the as-of date ${env.asOf}`;
  const s = env.prices?.[key];
  if (!s) return `${id}: no price series "${key}" supplied`;
  let k = -1;
  for (let i = 0; i < s.dates.length && s.dates[i] <= date; i++) k = i;
  if (k < 0) return `${id}: series "${key}" starts after ${date}`;
  // A close more than a week before the wanted date means the series ends early: not the date asked for.
  if (Date.parse(date) - Date.parse(s.dates[k]) > 7 * 86400000)
    return `${id}: series "${key}" has no close within a week before ${date} (last ${s.dates[k]})`;
  return {
    key: spec.key,
    id: `prices:${key}`,
    label: `${key} close on ${s.dates[k]}`,
    value: s.values[k],
    low: null,
    high: null,
    unit: spec.unit,
    evidence: [`prices:${key}`],
  };
}

function figureLabel(f: DatedFigure): string {
  return `${f.entity}: ${f.metric} (${f.as_of})`;
}

/** Resolves one input, or explains why it cannot be resolved. */
export function resolveInput(spec: InputSpec, env: Env): ResolvedInput | string {
  const reasons: string[] = [];
  for (const id of spec.ids) {
    if (id.startsWith("prices:")) {
      const r = resolvePriceInput(spec, id, env);
      if (typeof r !== "string") return r;
      reasons.push(r);
      continue;
    }
    const d = env.deals.get(id);
    if (d) {
      const dealKnown = env.asOf === null || dealKnownFrom(d) <= env.asOf;
      if (!dealKnown) {
        reasons.push(`${id} not announced as of ${env.asOf}`);
        continue;
      }
      if (spec.unit === "GW") {
        if (d.gw === null) {
          reasons.push(`${id} has no GW`);
          continue;
        }
        return {
          key: spec.key,
          id,
          label: dealLabel(d),
          value: d.gw,
          low: null,
          high: null,
          unit: "GW",
          evidence: [id],
        };
      }
      if (d.amount_usd === null) {
        reasons.push(`${id} has no amount`);
        continue;
      }
      const c = (x: number | null) => (x === null ? null : convert(x, "USD", spec.unit));
      return {
        key: spec.key,
        id,
        label: dealLabel(d),
        value: c(d.amount_usd)!,
        low: c(d.low),
        high: c(d.high),
        unit: spec.unit,
        evidence: [id],
      };
    }
    const f = env.ledger.byId.get(id);
    if (!f) {
      reasons.push(`${id} not in the ledger`);
      continue;
    }
    if (env.asOf !== null && !isKnownOn(f, env.asOf)) {
      reasons.push(`${id} not known as of ${env.asOf} (known from ${f.knownFrom})`);
      continue;
    }
    const from = parseUnit(f.unit);
    const to = parseUnit(spec.unit);
    if (!from || !to) return `${id}: unknown unit`;
    // An annual rate (USD bn/yr) read as one year's amount (USD bn) is stated explicitly, not silently converted.
    const oneYear = from.dimension === "money-rate" && to.dimension === "money";
    const c = (x: number | null) =>
      x === null
        ? null
        : from.unit === to.unit
          ? x
          : oneYear
            ? (x * from.scale) / to.scale
            : convert(x, f.unit, spec.unit);
    return {
      key: spec.key,
      id,
      label: oneYear ? `${figureLabel(f)}, one year of the annual rate` : figureLabel(f),
      value: c(f.value)!,
      low: c(f.low),
      high: c(f.high),
      unit: spec.unit,
      evidence: [id],
    };
  }
  return `${spec.key}: ${reasons.join("; ")}`;
}

function dealLabel(d: Deal): string {
  return `${d.from_entity} → ${d.to_entity}: ${d.kind} (${d.date})`;
}

const uniq = (xs: readonly string[]): string[] => [...new Set(xs)];

/**
 * Evaluates an indicator: point value, verdict with reason, Monte Carlo band.
 *
 * @example
 * evaluateIndicator(spec, env, ctx, { seed: 1, draws: 500 }, 0).verdict;
 */
export function evaluateIndicator(
  spec: IndicatorSpec,
  env: Env,
  ctx: ThresholdContext,
  options: EngineOptions = {},
  streamBase = 0,
): IndicatorResult {
  const o = { ...ENGINE_DEFAULTS, ...options };
  if (!Number.isSafeInteger(o.draws) || o.draws < 0)
    throw new RangeError(`draws must be a non-negative integer, got ${o.draws}`);
  const resolved: ResolvedInput[] = [];
  const missing: string[] = [];
  if (spec.unavailable !== undefined) missing.push(spec.unavailable);
  else
    for (const inp of spec.inputs) {
      const r = resolveInput(inp, env);
      if (typeof r !== "string") resolved.push(r);
      else if (!inp.optional) missing.push(r);
    }
  const base = {
    id: spec.id,
    era: spec.era,
    label: spec.label,
    unit: spec.unit,
    formula: spec.formula,
    basis: spec.basis,
    fact: spec.fact ?? spec.id,
  };
  const inputEvidence = uniq(resolved.flatMap((r) => r.evidence));
  if (missing.length > 0) {
    return {
      ...base,
      value: null,
      evidence: inputEvidence,
      verdict: "inconclusive",
      reason: `not computed: ${missing.join(" | ")}`,
      computed: false,
      inputs: resolved,
      threshold: null,
    };
  }
  const point: Record<string, number> = Object.fromEntries(spec.inputs.map((i) => [i.key, Number.NaN]));
  for (const r of resolved) point[r.key] = r.value;
  const value = spec.compute(point);
  const threshold = spec.threshold(ctx);
  if (threshold) checkThreshold(threshold);
  const fmt = (v: number) => formatWithUnit(v, spec.unit);
  const evidence = uniq([...inputEvidence, ...(threshold?.evidence ?? [])]);
  let verdict: Verdict = "inconclusive";
  let reason: string;
  if (Number.isNaN(value)) {
    reason = "the formula is undefined for these inputs";
  } else if (threshold && spec.bound) {
    verdict = classifyValue(value, threshold, spec.bound);
    reason = explainBound(value, spec.bound, threshold, verdict, fmt);
  } else if (threshold) {
    verdict = classifyValue(value, threshold);
    reason = explainVerdict(value, threshold, fmt);
  } else {
    reason = `${fmt(value)}; no sourced threshold for a verdict`;
  }
  if (spec.describe && !Number.isNaN(value)) reason += `; ${spec.describe(value)}`;
  if (spec.caveat) reason += `. Caveat: ${spec.caveat}`;
  // Details whose optional inputs are missing are left out rather than shown as NaN.
  const details = spec.details
    ? spec
        .details(point, Object.fromEntries(resolved.map((r) => [r.key, r.id])))
        .filter((d) => Number.isFinite(d.value))
    : undefined;

  let band: Band | undefined;
  const ranged = resolved.filter((r) => r.low !== null || r.high !== null);
  if (ranged.length > 0 && o.draws > 0 && Number.isFinite(value)) {
    const vals = new Float64Array(o.draws);
    let nb = 0;
    let nh = 0;
    for (let d = 0; d < o.draws; d++) {
      const rng = new RandomStream(o.seed, streamBase + d);
      const draw: Record<string, number> = { ...point };
      for (const r of resolved) {
        const u = rng.uniform();
        const lo = r.low ?? r.value;
        const hi = r.high ?? r.value;
        draw[r.key] = lo <= r.value && r.value <= hi ? triangularQuantile(u, lo, r.value, hi) : r.value;
      }
      const x = spec.compute(draw);
      vals[d] = Number.isNaN(x) ? Number.POSITIVE_INFINITY : x;
      if (threshold) {
        const v = classifyValue(x, threshold, spec.bound);
        if (v === "bubble-like") nb++;
        else if (v === "healthy") nh++;
      }
    }
    const [p05, p50, p95] = quantile7(vals, [0.05, 0.5, 0.95]);
    band = {
      p05,
      p50,
      p95,
      draws: o.draws,
      shareBubbleLike: nb / o.draws,
      shareHealthy: nh / o.draws,
      evidence: uniq(ranged.flatMap((r) => r.evidence)),
    };
    if (threshold) {
      reason += `; Monte Carlo over the ledger's low/high ranges (${ranged.map((r) => r.id).join(", ")}): 90% band ${fmt(p05)}–${fmt(p95)}, ${Math.round(100 * band.shareBubbleLike)}% of draws bubble-like, ${Math.round(100 * band.shareHealthy)}% healthy`;
    }
  }
  // An undefined formula (e.g. no inputs known as of the date) is reported as not computed, never as a value.
  const defined = Number.isFinite(value);
  let bound: IndicatorResult["bound"];
  if (spec.bound && defined) {
    // The interval runs from the band's far end (when the inputs are ranged) to infinity on the bound's open side.
    const [lo, hi] = boundInterval(value, spec.bound);
    const lowEnd = band ? Math.min(value, band.p05) : lo;
    const highEnd = band ? Math.max(value, band.p95) : hi;
    bound =
      spec.bound === "lower-bound"
        ? { kind: spec.bound, low: lowEnd, high: null, evidence }
        : { kind: spec.bound, low: null, high: highEnd, evidence };
  }
  return {
    ...base,
    value: defined ? value : null,
    evidence,
    verdict,
    reason: defined ? reason : `not computed: ${reason}`,
    computed: defined,
    inputs: resolved,
    threshold,
    ...(bound ? { bound } : {}),
    ...(band ? { band } : {}),
    ...(details ? { details } : {}),
  };
}

/** One sentence for the interval verdict of a bound. */
function explainBound(
  value: number,
  kind: BoundKind,
  t: Threshold,
  verdict: Verdict,
  fmt: (v: number) => string,
): string {
  const interval = kind === "lower-bound" ? `[${fmt(value)}, ∞)` : `(−∞, ${fmt(value)}]`;
  const lines = `bubble line ${fmt(t.bubbleAt)}, healthy line ${fmt(t.healthyAt)} (${t.source})`;
  const what = `${fmt(value)} is a ${kind.replace("-", " ")}: the true value lies in ${interval}`;
  if (verdict === "bubble-like") return `${what}, wholly beyond the bubble line — ${lines}`;
  if (verdict === "healthy") return `${what}, wholly inside the healthy line — ${lines}`;
  return `${what}, which straddles a line, so no verdict can be drawn from it — ${lines}`;
}

/**
 * For each input of a computed indicator, the smallest multiplicative change (one input at a time) that changes
 * the verdict, stated in words. Inputs equal to zero, and indicators without threshold, have no entry.
 *
 * @example
 * sensitivity(spec, result).map((s) => s.sentence);
 */
export function sensitivity(
  spec: IndicatorSpec,
  result: IndicatorResult,
  options: EngineOptions = {},
): SensitivityResult[] {
  const o = { ...ENGINE_DEFAULTS, ...options };
  if (!(o.maxFactor > 1)) throw new RangeError(`maxFactor must be > 1, got ${o.maxFactor}`);
  if (!(Number.isInteger(o.gridSteps) && o.gridSteps >= 2)) {
    throw new RangeError(`gridSteps must be an integer >= 2, got ${o.gridSteps}`);
  }
  const t = result.threshold;
  if (!result.computed || t === null || result.value === null) return [];
  const point: Record<string, number> = Object.fromEntries(result.inputs.map((r) => [r.key, r.value]));
  // Outside a formula's domain (e.g. a margin above 100%) compute throws: the scan stops in that direction.
  const verdictAt = (key: string, x: number): Verdict | null => {
    try {
      return classifyValue(spec.compute({ ...point, [key]: x }), t, spec.bound);
    } catch {
      return null;
    }
  };
  const out: SensitivityResult[] = [];
  for (const inp of result.inputs) {
    const v0 = inp.value;
    if (v0 === 0 || !Number.isFinite(v0)) continue;
    let best: { factor: number; verdict: Verdict } | null = null;
    for (const dir of [1, -1]) {
      let prev = 1;
      for (let i = 1; i <= o.gridSteps; i++) {
        const f = Math.exp((dir * i * Math.log(o.maxFactor)) / o.gridSteps);
        const nv = verdictAt(inp.key, v0 * f);
        if (nv === null) break;
        if (nv !== result.verdict) {
          // Bisect between prev (same verdict) and f (flipped).
          let a = prev;
          let b = f;
          for (let k = 0; k < 60; k++) {
            const m = Math.sqrt(a * b);
            if (verdictAt(inp.key, v0 * m) === result.verdict) a = m;
            else b = m;
          }
          const flipped = verdictAt(inp.key, v0 * b);
          if (flipped === null) break;
          if (best === null || Math.abs(Math.log(b)) < Math.abs(Math.log(best.factor)))
            best = { factor: b, verdict: flipped };
          break;
        }
        prev = f;
      }
    }
    if (best === null) continue;
    const to = v0 * best.factor;
    const lo = inp.low ?? inp.value;
    const hi = inp.high ?? inp.value;
    const within = to >= Math.min(lo, hi) && to <= Math.max(lo, hi) && (inp.low !== null || inp.high !== null);
    const pct = (best.factor - 1) * 100;
    const sentence =
      `${spec.label} (${spec.era}) turns from ${result.verdict} to ${best.verdict} if ${inp.id} (${inp.label}) ` +
      `${best.factor > 1 ? "rises" : "falls"} from ${formatWithUnit(v0, inp.unit)} to ${formatWithUnit(to, inp.unit)} ` +
      `(${pct > 0 ? "+" : ""}${pct.toFixed(1)}%), other inputs unchanged` +
      (within ? "; that value lies inside the ledger's own low–high range, so the verdict is fragile" : "");
    out.push({
      subject: spec.id,
      verdict: result.verdict,
      input: inp.id,
      inputLabel: inp.label,
      from: v0,
      to,
      unit: inp.unit,
      relativeChange: best.factor - 1,
      newVerdict: best.verdict,
      withinLedgerRange: within,
      sentence,
      evidence: inp.evidence,
    });
  }
  return out;
}
