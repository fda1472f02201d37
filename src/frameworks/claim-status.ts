/**
 * One generic evaluator for the talk's claims: every claim is data (`data/claims.json`): its measures (ledger rows,
 * deals or computed indicators combined by a transform from a closed set), its comparison rule and any cap on its
 * status. There is no per-claim code.
 *
 * Measures. Each group of ids is summed (after unit conversion) or, with `combine: "product"`, multiplied; then `value`, `complement` (100 − x), `sum`,
 * `difference`, `ratio`, `product` or `annualise` (Σ / years). Ranges (ledger low/high, indicator 5–95% bands)
 * propagate by interval arithmetic; a measure flagged as a lower/upper bound is the half-line beyond it.
 *
 * Comparison of a measured interval I (value v) with the claim's zones, tolerance tol (relative):
 *   point q:      inside zone |x − q| <= tol·|q|,  edge zone <= 2·tol·|q|;
 *   range [a, b]: inside [a, b],                  edge [a − tol·|b|, b + tol·|b|];
 *   at-least X:   inside x >= X,                  edge x >= X − tol·|X|     (at-most mirrored);
 *   position = inside / edge / beyond by v; a beyond v whose interval reaches the inside zone is edge; a bound is
 *   inside when the whole half-line is inside, beyond when it misses the edge zone, else merely consistent.
 *   Status: no measure known → unverified; only consistent bounds → unverified; else (bounds ignored) all inside →
 *   supported, all beyond → contradicted, otherwise qualified.
 *   Qualitative claims: the listed evidence known by the date: all supports → supported, all refutes →
 *   contradicted, a mix or any "qualifies" → qualified, none → unverified.
 *   A cap ("the measures are of a different metric") turns supported or contradicted into the cap's status.
 *
 * Dates. `status` is judged as of the recording date (only figures known by then: `isKnownOn`, deals by
 * `dealKnownFrom`, indicators evaluated at that date); `statusToday` with everything known at the model's as-of
 * date; `sinceThen` lists the rows and deals that became known in between. Complexity O(claims · ids).
 */
import { RECORDING_DATE } from "../evidence/claims.ts";
import { dealKnownFrom } from "../evidence/load.ts";
import type { Ledger } from "../evidence/query.ts";
import { isKnownOn } from "../evidence/query.ts";
import type { Claim, ClaimMeasure, ClaimStatus, Comparison, Deal, Speaker } from "../evidence/schema.ts";
import { convert, formatWithUnit, parseUnit } from "../evidence/units.ts";
import type { IndicatorResult } from "./engine.ts";

export interface ClaimStatusOptions {
  /** Relative tolerance for spoken round numbers (a claim's own `tolerance` overrides it). */
  readonly tolerance?: number;
  /**
   * Replaces each measured value before comparison (`(claimId, measureIndex, value) => value`). For sensitivity
   * analysis and tests: the status must respond when a measure moves to or away from the claim.
   */
  readonly perturb?: (claimId: string, measure: number, value: number) => number;
}

export const CLAIM_STATUS_DEFAULTS: Readonly<{ tolerance: number }> = Object.freeze({ tolerance: 0.1 });

export const CLAIM_TOLERANCE_SOURCE =
  "bubblescope convention: a number spoken in a talk is matched within ±10% (inside) or ±20% (edge)";

/** Where a measured value lies with respect to the claim. */
export type Position = "inside" | "edge" | "consistent" | "beyond";

/** One measure of a claim, evaluated at a date. */
export interface MeasuredValue {
  readonly label: string;
  readonly basis: string;
  readonly value: number;
  readonly low: number | null;
  readonly high: number | null;
  readonly unit: string;
  readonly bound: "lower" | "upper" | null;
  /** The measure restates the talk's own numbers (evaluated with everything known, at any date). */
  readonly asStated: boolean;
  readonly position: Position;
  readonly evidence: readonly string[];
}

/** A row or deal that became known after the recording date (shown beside the claim as "since then"). */
export interface SinceThen {
  readonly id: string;
  readonly text: string;
  readonly knownFrom: string;
  readonly evidence: readonly string[];
}

export interface ClaimResult {
  readonly id: string;
  readonly text: string;
  readonly quote: string;
  readonly paragraph: number;
  readonly speaker: Speaker;
  /** "talk ¶N": where the claim is in the transcript. */
  readonly source: string;
  readonly quantity: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly unit: string;
  readonly era: string;
  readonly asOf: string;
  readonly rule: Comparison["rule"];
  /** The date the claim is judged at: the recording date (or the model's as-of date when earlier). */
  readonly judgedAsOf: string;
  /** Status as of the recording date. */
  readonly status: ClaimStatus;
  readonly reason: string;
  readonly measures: readonly MeasuredValue[];
  /** Status with everything known at the model's as-of date (today when none). */
  readonly statusToday: ClaimStatus;
  readonly reasonToday: string;
  readonly measuresToday: readonly MeasuredValue[];
  readonly sinceThen: readonly SinceThen[];
  readonly evidence: readonly string[];
}

export interface ClaimContext {
  readonly ledger: Ledger;
  /** Indicators as of `asOf` (today). */
  readonly indicators: ReadonlyMap<string, IndicatorResult>;
  /** The model's as-of date (ISO); null = everything in the ledger. */
  readonly asOf: string | null;
  readonly deals?: ReadonlyMap<string, Deal>;
  /** Indicators evaluated as of the recording date (default: `indicators` when `asOf` is not later, else none). */
  readonly indicatorsAtTalk?: ReadonlyMap<string, IndicatorResult>;
  /** The recording date (default: the talk's, `RECORDING_DATE`). */
  readonly talkDate?: string;
}

interface At {
  readonly date: string | null;
  readonly indicators: ReadonlyMap<string, IndicatorResult>;
}

interface Resolved {
  readonly value: number;
  readonly low: number | null;
  readonly high: number | null;
  readonly unit: string;
  readonly evidence: readonly string[];
}

const dealLabel = (d: Deal) => `${d.from_entity} → ${d.to_entity} ${d.kind.replace(/_/g, " ")} (${d.date})`;

/** Converts where the dimensions agree; an annual rate read as an amount is one year of it; else unchanged. */
function toUnit(x: number | null, from: string, to: string | undefined): number | null {
  if (x === null || to === undefined || from === to) return x;
  const a = parseUnit(from);
  const b = parseUnit(to);
  if (!a || !b) return x;
  if (a.dimension === b.dimension) return convert(x, from, to);
  if (a.dimension === "money-rate" && b.dimension === "money") return (x * a.scale) / b.scale;
  return x;
}

function resolveId(
  id: string,
  m: ClaimMeasure,
  unit: string | undefined,
  ctx: ClaimContext,
  at: At,
): Resolved | string {
  if (id.startsWith("ind:")) {
    const [ind, detail] = id.slice(4).split("#");
    const r = at.indicators.get(ind);
    if (!r?.computed || r.value === null || !Number.isFinite(r.value)) return `indicator ${ind} not computed`;
    if (detail !== undefined) {
      const d = (r.details ?? []).find((x) => x.label.startsWith(detail));
      // A component with nothing known yet is missing evidence, not a zero.
      if (!d) return `${detail} has no component in ${ind} yet`;
      return { value: d.value, low: null, high: null, unit: d.unit, evidence: d.evidence };
    }
    return {
      value: r.value,
      low: r.band?.p05 ?? null,
      high: r.band?.p95 ?? null,
      unit: r.unit,
      evidence: r.evidence,
    };
  }
  if (/^D\d/.test(id)) {
    const d = ctx.deals?.get(id);
    if (!d) return `${id} not in the deals`;
    if (at.date !== null && dealKnownFrom(d) > at.date) return `${id} not known as of ${at.date}`;
    if (m.dealField === "gw") {
      if (d.gw === null) return `${id} has no GW`;
      return { value: d.gw, low: null, high: null, unit: "GW", evidence: [id] };
    }
    if (d.amount_usd === null) return `${id} has no amount`;
    const u = unit && parseUnit(unit)?.dimension === "money" ? unit : "USD bn";
    const c = (x: number | null) => toUnit(x, "USD", u);
    return { value: c(d.amount_usd)!, low: c(d.low), high: c(d.high), unit: u, evidence: [id] };
  }
  const f = ctx.ledger.byId.get(id);
  if (!f) return `${id} not in the ledger`;
  if (at.date !== null && !isKnownOn(f, at.date)) return `${id} not known as of ${at.date}`;
  const c = (x: number | null) => toUnit(x, f.unit, unit);
  const same = unit === undefined || parseUnit(unit)?.dimension === parseUnit(f.unit)?.dimension;
  return { value: c(f.value)!, low: c(f.low), high: c(f.high), unit: same && unit ? unit : f.unit, evidence: [id] };
}

interface Interval {
  readonly v: number;
  readonly lo: number;
  readonly hi: number;
  readonly ranged: boolean;
  readonly unit: string;
  readonly evidence: readonly string[];
}

/** Sums a group of ids; the group's unit is the requested one, else its first member's. */
function group(
  ids: readonly string[],
  m: ClaimMeasure,
  unit: string | undefined,
  ctx: ClaimContext,
  at: At,
): Interval | string {
  // Members are summed (after conversion to one unit), or multiplied as they stand with `combine: "product"`.
  const times = m.combine === "product";
  let v = times ? 1 : 0;
  let lo = v;
  let hi = v;
  let ranged = false;
  let u = times ? undefined : unit;
  const evidence: string[] = [];
  for (const id of ids) {
    const r = resolveId(id, m, u, ctx, at);
    if (typeof r === "string") return r;
    if (!times) u ??= r.unit;
    const [rl, rh] = [r.low ?? r.value, r.high ?? r.value];
    if (times) {
      const c = [lo * rl, lo * rh, hi * rl, hi * rh];
      [v, lo, hi] = [v * r.value, Math.min(...c), Math.max(...c)];
    } else {
      [v, lo, hi] = [v + r.value, lo + rl, hi + rh];
    }
    ranged ||= r.low !== null || r.high !== null;
    evidence.push(...r.evidence);
  }
  return { v, lo: Math.min(lo, v), hi: Math.max(hi, v), ranged, unit: u ?? unit ?? "", evidence };
}

const ops = {
  difference: (a: number, b: number) => a - b,
  ratio: (a: number, b: number) => a / b,
  product: (a: number, b: number) => a * b,
} as const;

/** Evaluates one measure's transform at a date; a string says why it is not available. */
function measure(c: Claim, m: ClaimMeasure, ctx: ClaimContext, atDate: At): Omit<MeasuredValue, "position"> | string {
  const at = m.asStated ? { date: null, indicators: ctx.indicators } : atDate;
  const unit = m.unit ?? c.unit;
  const two = m.transform === "difference" || m.transform === "ratio" || m.transform === "product";
  // Each group of a two-group transform keeps its own unit; single-group transforms convert to the result's.
  const a = group(m.ids, m, two ? undefined : unit, ctx, at);
  if (typeof a === "string") return a;
  let v: number;
  let lo: number;
  let hi: number;
  let ranged = a.ranged;
  const evidence = [...a.evidence];
  if (two) {
    const bUnit = m.transform === "difference" ? a.unit : undefined;
    const b = group(m.over!, m, bUnit, ctx, at);
    if (typeof b === "string") return b;
    const op = ops[m.transform as keyof typeof ops];
    v = op(a.v, b.v);
    const corners = [op(a.lo, b.lo), op(a.lo, b.hi), op(a.hi, b.lo), op(a.hi, b.hi)];
    lo = Math.min(...corners);
    hi = Math.max(...corners);
    ranged ||= b.ranged;
    evidence.push(...b.evidence);
  } else if (m.transform === "complement") {
    [v, lo, hi] = [100 - a.v, 100 - a.hi, 100 - a.lo];
  } else if (m.transform === "annualise") {
    [v, lo, hi] = [a.v / m.years!, a.lo / m.years!, a.hi / m.years!];
  } else {
    [v, lo, hi] = [a.v, a.lo, a.hi];
  }
  if (!Number.isFinite(v)) return `${m.label}: not finite`;
  return {
    label: m.label,
    basis: m.basis,
    value: v,
    low: ranged ? lo : null,
    high: ranged ? hi : null,
    unit,
    bound: m.bound ?? null,
    asStated: m.asStated === true,
    evidence: [...new Set(evidence)],
  };
}

type Zone = readonly [number, number];

/** The inside and edge zones of a quantitative rule. */
function zones(
  c: Claim,
  rule: Exclude<Comparison, { rule: "qualitative" }>,
  tol: number,
  at: At,
): [Zone, Zone] | string {
  const q = c.quantity ?? Number.NaN;
  switch (rule.rule) {
    case "point":
      return [
        [q - tol * Math.abs(q), q + tol * Math.abs(q)],
        [q - 2 * tol * Math.abs(q), q + 2 * tol * Math.abs(q)],
      ];
    case "range": {
      const w = tol * Math.abs(c.high!);
      return [
        [c.low!, c.high!],
        [c.low! - w, c.high! + w],
      ];
    }
    default: {
      let x: number;
      if (rule.than === undefined) x = q;
      else if (typeof rule.than === "number") x = rule.than;
      else {
        const t = at.indicators.get(rule.than.indicator)?.threshold;
        if (!t) return `the line of ${rule.than.indicator} is not known`;
        x = t[rule.than.line];
      }
      const w = tol * Math.abs(x);
      return rule.rule === "at-least"
        ? [
            [x, Number.POSITIVE_INFINITY],
            [x - w, Number.POSITIVE_INFINITY],
          ]
        : [
            [Number.NEGATIVE_INFINITY, x],
            [Number.NEGATIVE_INFINITY, x + w],
          ];
    }
  }
}

const within = (x: number, z: Zone) => x >= z[0] && x <= z[1];
const overlaps = (lo: number, hi: number, z: Zone) => lo <= z[1] && hi >= z[0];

function position(m: Omit<MeasuredValue, "position">, [z1, z2]: [Zone, Zone]): Position {
  if (m.bound !== null) {
    const lo = m.bound === "lower" ? m.value : Number.NEGATIVE_INFINITY;
    const hi = m.bound === "lower" ? Number.POSITIVE_INFINITY : m.value;
    if (lo >= z1[0] && hi <= z1[1]) return "inside";
    return overlaps(lo, hi, z2) ? "consistent" : "beyond";
  }
  if (within(m.value, z1)) return "inside";
  if (within(m.value, z2)) return "edge";
  return overlaps(m.low ?? m.value, m.high ?? m.value, z1) ? "edge" : "beyond";
}

function describeClaim(c: Claim, z: [Zone, Zone] | null): string {
  const fmt = (v: number) => formatWithUnit(v, c.unit);
  switch (c.comparison.rule) {
    case "point":
      return `claimed ${fmt(c.quantity!)}`;
    case "range":
      return `claimed ${fmt(c.low!)}–${fmt(c.high!)}`;
    case "at-least":
      return `claimed at least ${z ? fmt(z[0][0]) : "?"}`;
    case "at-most":
      return `claimed at most ${z ? fmt(z[0][1]) : "?"}`;
    default:
      return "qualitative claim";
  }
}

interface Judgement {
  readonly status: ClaimStatus;
  readonly reason: string;
  readonly measures: readonly MeasuredValue[];
  readonly evidence: readonly string[];
}

function judge(c: Claim, ctx: ClaimContext, at: At, tolDefault: number, options: ClaimStatusOptions): Judgement {
  const when = at.date === null ? "with everything in the ledger" : `as of ${at.date}`;
  const rule = c.comparison;
  let j: Judgement;
  if (rule.rule === "qualitative") {
    const knownNow = rule.evidence.filter((e) => known(ctx, e.id, at.date));
    const parts = knownNow.map((e) => `${e.id} ${e.stance}: ${e.note}`);
    const status: ClaimStatus =
      knownNow.length === 0
        ? "unverified"
        : knownNow.every((e) => e.stance === "supports")
          ? "supported"
          : knownNow.every((e) => e.stance === "refutes")
            ? "contradicted"
            : "qualified";
    j = {
      status,
      reason:
        knownNow.length === 0
          ? rule.evidence.length === 0
            ? "no source in the ledger confirms or refutes it yet"
            : `none of the listed evidence (${rule.evidence.map((e) => e.id).join(", ")}) was known ${when}`
          : parts.join("; "),
      measures: [],
      evidence: knownNow.map((e) => e.id),
    };
  } else {
    const tol = rule.rule === "point" || rule.rule === "range" ? (rule.tolerance ?? tolDefault) : tolDefault;
    const z = zones(c, rule, tol, at);
    const missing: string[] = [];
    const measures: MeasuredValue[] = [];
    c.measures.forEach((m, k) => {
      const r = measure(c, m, ctx, at);
      if (typeof r === "string") {
        missing.push(`${m.label}: ${r}`);
        return;
      }
      const value = options.perturb ? options.perturb(c.id, k, r.value) : r.value;
      const shift = value - r.value;
      const moved =
        shift === 0
          ? r
          : { ...r, value, low: r.low === null ? null : r.low + shift, high: r.high === null ? null : r.high + shift };
      measures.push({ ...moved, position: typeof z === "string" ? "consistent" : position(moved, z) });
    });
    const fmt = (m: MeasuredValue) =>
      `${m.label} ${m.bound ? `${m.bound === "lower" ? "≥" : "≤"} ` : ""}${formatWithUnit(m.value, m.unit)}${
        m.low !== null && m.high !== null && !m.bound
          ? ` (${formatWithUnit(m.low, m.unit)}–${formatWithUnit(m.high, m.unit)})`
          : ""
      } [${m.evidence.join(", ")}]: ${m.position}`;
    const decided = measures.filter((m) => m.position !== "consistent");
    const status: ClaimStatus =
      typeof z === "string" || measures.length === 0 || decided.length === 0
        ? "unverified"
        : decided.every((m) => m.position === "inside")
          ? "supported"
          : decided.every((m) => m.position === "beyond")
            ? "contradicted"
            : "qualified";
    const head =
      typeof z === "string"
        ? z
        : measures.length === 0
          ? `no measurement known ${when}`
          : decided.length === 0
            ? `only bounds, consistent with the claim but not testing it`
            : "";
    const body = [
      describeClaim(c, typeof z === "string" ? null : z),
      ...measures.map(fmt),
      ...(missing.length > 0 ? [`not available ${when}: ${missing.join("; ")}`] : []),
    ].join("; ");
    j = {
      status,
      reason: `${head ? `${head}: ` : ""}${body}${rule.rule === "point" || rule.rule === "range" ? ` (tolerance ±${Math.round(tol * 100)}% inside, ±${Math.round(2 * tol * 100)}% edge; ${tol === tolDefault ? CLAIM_TOLERANCE_SOURCE : "the claim's own tolerance"})` : ""}`,
      measures,
      evidence: [...new Set(measures.flatMap((m) => m.evidence))],
    };
  }
  let { status, reason } = j;
  if (c.cap && (status === "supported" || status === "contradicted")) {
    reason = `at most ${c.cap.status} (${status} by the numbers): ${c.cap.reason}; ${reason}`;
    status = c.cap.status;
  } else if (c.cap) {
    reason = `${reason}; cap (at most ${c.cap.status}): ${c.cap.reason}`;
  }
  if (c.note) reason = `${reason}. Note: ${c.note}`;
  return { ...j, status, reason };
}

/** True when a ledger row or deal is known by `date` (null = always). */
function known(ctx: ClaimContext, id: string, date: string | null): boolean {
  if (/^D\d/.test(id)) {
    const d = ctx.deals?.get(id);
    return d !== undefined && (date === null || dealKnownFrom(d) <= date);
  }
  const f = ctx.ledger.byId.get(id);
  return f !== undefined && (date === null || isKnownOn(f, date));
}

/** Every ledger row and deal the claim refers to that became known after `from` and by `to`. */
function sinceThen(c: Claim, ctx: ClaimContext, from: string, to: string | null): SinceThen[] {
  const ids = new Set<string>([
    // The talk's own numbers (asStated) are not news after the talk.
    ...c.measures.filter((m) => !m.asStated).flatMap((m) => [...m.ids, ...(m.over ?? [])]),
    ...(c.comparison.rule === "qualitative" ? c.comparison.evidence.map((e) => e.id) : []),
    ...c.evidence,
  ]);
  const out: SinceThen[] = [];
  for (const id of ids) {
    if (/^D\d/.test(id)) {
      const d = ctx.deals?.get(id);
      if (!d) continue;
      const k = dealKnownFrom(d);
      if (k > from && (to === null || k <= to)) {
        const amt = d.amount_usd !== null ? ` ${formatWithUnit(d.amount_usd / 1e9, "USD bn")}` : "";
        const gw = d.gw !== null ? ` ${formatWithUnit(d.gw, "GW")}` : "";
        out.push({ id, text: `${dealLabel(d)}${amt}${gw}`, knownFrom: k, evidence: [id] });
      }
      continue;
    }
    const f = ctx.ledger.byId.get(id);
    if (!f) continue;
    if (f.knownFrom > from && (to === null || isKnownOn(f, to))) {
      out.push({
        id,
        text: `${f.entity}: ${f.metric} (${f.as_of}) ${formatWithUnit(f.value, f.unit)}`,
        knownFrom: f.knownFrom,
        evidence: [id],
      });
    }
  }
  return out.sort((a, b) => a.knownFrom.localeCompare(b.knownFrom) || a.id.localeCompare(b.id));
}

/**
 * Evaluates every claim as of the recording date and as of the model's date, with what became known in between.
 *
 * @example
 * const [c] = evaluateClaims(CLAIMS.filter((c) => c.id === "C06"), { ledger, indicators: new Map(), asOf: null });
 * c.status; // "contradicted" ($237bn of FCF known at the talk against a claimed $300bn)
 */
export function evaluateClaims(
  claims: readonly Claim[],
  ctx: ClaimContext,
  options: ClaimStatusOptions = {},
): ClaimResult[] {
  const tolerance = options.tolerance ?? CLAIM_STATUS_DEFAULTS.tolerance;
  if (!(tolerance > 0 && tolerance < 1)) throw new RangeError(`tolerance must be in (0, 1), got ${tolerance}`);
  const talkDate = ctx.talkDate ?? RECORDING_DATE;
  const judgedAsOf = ctx.asOf !== null && ctx.asOf < talkDate ? ctx.asOf : talkDate;
  const later = ctx.asOf === null || ctx.asOf > judgedAsOf;
  // Indicators computed after the talk would be look-ahead: without indicators evaluated at the talk, none count.
  const atTalk: At = { date: judgedAsOf, indicators: ctx.indicatorsAtTalk ?? (later ? new Map() : ctx.indicators) };
  const today: At = { date: ctx.asOf, indicators: ctx.indicators };
  return claims.map((c) => {
    const t = judge(c, ctx, atTalk, tolerance, options);
    const n = later ? judge(c, ctx, today, tolerance, options) : t;
    const since = later ? sinceThen(c, ctx, judgedAsOf, ctx.asOf) : [];
    return {
      id: c.id,
      text: c.text,
      quote: c.quote,
      paragraph: c.paragraph,
      speaker: c.speaker,
      source: `talk ¶${c.paragraph}`,
      quantity: c.quantity,
      low: c.low,
      high: c.high,
      unit: c.unit,
      era: c.era,
      asOf: c.asOf,
      rule: c.comparison.rule,
      judgedAsOf,
      status: t.status,
      reason: t.reason,
      measures: t.measures,
      statusToday: n.status,
      reasonToday: n.reason,
      measuresToday: n.measures,
      sinceThen: since,
      evidence: [
        ...new Set([
          ...(c.claimEvidence ? [c.claimEvidence] : []),
          ...t.evidence,
          ...n.evidence,
          ...since.map((s) => s.id),
          ...c.evidence.filter((id) => known(ctx, id, ctx.asOf)),
          ...c.measures.filter((m) => m.asStated).flatMap((m) => [...m.ids, ...(m.over ?? [])]),
        ]),
      ],
    };
  });
}
