/**
 * The one entry point the report calls: `buildEvidenceModel` turns the ledger, the deals and (optionally) price
 * series into a plain JSON-serialisable model — claims with status and reason, indicators for both eras with
 * formula and verdict, frameworks beside them, flip-point sensitivity, and the deal graph with its cycles and
 * layout. Every number in the output sits in an object that carries the evidence ids it was computed from (or, for
 * a threshold or run parameter, its `source`). Browser-safe: no `node:*`.
 * Complexity: O(indicators · draws · inputs) for Monte Carlo, dominating everything else for the default 2000 draws.
 */
import { CLAIMS, RECORDING_DATE, TALK_FORECASTS } from "../evidence/claims.ts";
import { buildDealGraph, type DealGraph } from "../evidence/deal-graph.ts";
import { type DatedFigure, dateFigures, dealKnownFrom } from "../evidence/load.ts";
import { parseAsOfDate } from "../evidence/period.ts";
import { type Ledger, makeLedger } from "../evidence/query.ts";
import type { Claim, Deal, Figure } from "../evidence/schema.ts";
import { appendPrediction, type PredictionEntry } from "../predictions/ledger.ts";
import { talkForecastDrafts } from "../predictions/sources.ts";
import {
  type PredictionScore,
  type PredictionStatus,
  predictionStatuses,
  scorePredictions,
} from "../predictions/status.ts";
import { roundTripSpec, vendorFinancingSpecs } from "./circular.ts";
import { type ClaimResult, evaluateClaims } from "./claim-status.ts";
import type { Verdict } from "./classify.ts";
import {
  ENGINE_DEFAULTS,
  type Env,
  evaluateIndicator,
  type IndicatorResult,
  type IndicatorSpec,
  type SensitivityResult,
  sensitivity,
} from "./engine.ts";
import { depreciationSpec, GAUGE_ZONE, gaugeSpecs, sequoiaSpec } from "./framework-specs.ts";
import { indicatorSpecs } from "./indicators.ts";
import { fundingGwSpec, marketStructure2000Spec, marketStructureSpec } from "./market-structure.ts";
import { type FrameworkResult, gmoFramework, gsyFramework, type PriceSeries } from "./price-frameworks.ts";
import { secCapexOcfSpec } from "./sec-indicators.ts";
import { tallyByFact } from "./tally.ts";
import { LINES } from "./thresholds.ts";

export interface EvidenceModelInput {
  /** The ledger: an indexed `Ledger`, or validated figures (from `parseFigures(...).records`). */
  readonly ledger: Ledger | readonly Figure[];
  readonly deals: readonly Deal[];
  /** YYYY, YYYY-MM or YYYY-MM-DD: use only what was known by then (figures and deals). */
  readonly asOf?: string;
  /** Price series by key (e.g. "NVDA", "CSCO", "NASDAQ"); absent → price frameworks reported as not computed. */
  readonly prices?: Readonly<Record<string, PriceSeries>>;
  readonly seed?: number;
  /** Monte Carlo draws per indicator with ranged inputs. */
  readonly draws?: number;
  /** Claims to evaluate (default: the talk's, `CLAIMS`). */
  readonly claims?: readonly Claim[];
  /** The predictions ledger (default: the talk's forecasts, unresolved), listed with their status. */
  readonly predictions?: readonly PredictionEntry[];
  /** The date predictions are judged at (default: the as-of date, else the recording date). */
  readonly today?: string;
}

export interface LedgerEntry {
  readonly id: string;
  readonly era: string;
  readonly topic: string;
  readonly entity: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly as_of: string;
  readonly low: number | null;
  readonly high: number | null;
  readonly source_title: string;
  readonly source_url: string;
  readonly note: string;
  readonly evidence: readonly string[];
}

export interface EvidenceModel {
  readonly meta: {
    readonly asOf: string | null;
    readonly seed: number;
    readonly draws: number;
    readonly source: string;
    /** Monte Carlo stream base of each spec (so a caller can re-evaluate one spec with the same draws). */
    readonly streams: readonly { readonly id: string; readonly base: number; readonly source: string }[];
  };
  readonly claims: readonly ClaimResult[];
  /** Forecasts (the talk's and the detectors') with their status and score. */
  readonly predictions: readonly PredictionStatus[];
  readonly predictionScore: PredictionScore;
  readonly indicators: readonly IndicatorResult[];
  readonly frameworks: readonly FrameworkResult[];
  readonly sensitivity: readonly SensitivityResult[];
  readonly deals: DealGraph;
  /** Every ledger row referenced anywhere in the model, with its source. */
  readonly ledger: readonly LedgerEntry[];
}

/** The earlier of two ISO dates (null = no limit). */
function minDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

function isLedger(x: Ledger | readonly Figure[]): x is Ledger {
  return !Array.isArray(x) && (x as Ledger).byId instanceof Map;
}

/**
 * Builds the evidence model.
 *
 * @example
 * const model = buildEvidenceModel({ ledger: figures, deals, asOf: "2025-10-31", seed: 1 });
 * model.indicators.map((i) => `${i.id}: ${i.verdict}`);
 */
export function buildEvidenceModel(input: EvidenceModelInput): EvidenceModel {
  const seed = input.seed ?? ENGINE_DEFAULTS.seed;
  const draws = input.draws ?? ENGINE_DEFAULTS.draws;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  if (!(Number.isSafeInteger(draws) && draws >= 0))
    throw new RangeError(`draws must be a non-negative integer, got ${draws}`);
  const ledger = isLedger(input.ledger) ? input.ledger : makeLedger(dateFigures(input.ledger));
  const asOf = input.asOf !== undefined ? parseAsOfDate(input.asOf) : null;
  const deals = input.deals.filter((d) => asOf === null || dealKnownFrom(d) <= asOf);
  const graph = buildDealGraph(deals);
  const env: Env = {
    ledger,
    deals: new Map(deals.map((d) => [d.id, d])),
    asOf,
    ...(input.prices ? { prices: input.prices } : {}),
  };
  const opts = { seed, draws };

  const ledgerSpecs = indicatorSpecs(ledger);
  const indicatorOrder: IndicatorSpec[] = [
    ...ledgerSpecs.filter((s) => s.era === "2000"),
    ...vendorFinancingSpecs(),
    marketStructure2000Spec(),
    ...ledgerSpecs.filter((s) => s.era === "ai"),
    roundTripSpec(graph, {
      id: "roundtrip-nvidia-ai",
      era: "ai",
      vendor: "Nvidia",
      revenueIds: ["E193"],
      revenueLabel: "Nvidia revenue FY2025 (to Jan 2025, the last fiscal year reported before the talk)",
    }),
    roundTripSpec(graph, {
      id: "roundtrip-amd-ai",
      era: "ai",
      vendor: "AMD",
      revenueIds: [],
      revenueLabel: "AMD revenue",
    }),
    marketStructureSpec(deals),
    fundingGwSpec(deals),
    secCapexOcfSpec(ledger),
  ];
  const frameworkSpecs: IndicatorSpec[] = [sequoiaSpec(), depreciationSpec(), ...gaugeSpecs()];

  const results = new Map<string, IndicatorResult>();
  const ctx = {
    point: (id: string) => {
      const r = results.get(id);
      return r?.computed && r.value !== null && Number.isFinite(r.value)
        ? { value: r.value, evidence: r.evidence }
        : null;
    },
  };
  const sens: SensitivityResult[] = [];
  const all = [...indicatorOrder, ...frameworkSpecs];
  const streamBase: Record<string, number> = {};
  all.forEach((spec, k) => {
    streamBase[spec.id] = k * (draws + 1);
    const r = evaluateIndicator(spec, env, ctx, opts, k * (draws + 1));
    results.set(spec.id, r);
    sens.push(...sensitivity(spec, r));
  });

  const indicators = indicatorOrder.map((s) => results.get(s.id)!);
  const frameworks: FrameworkResult[] = [];

  // Sequoia and depreciation.
  for (const [spec, name, source] of [
    [frameworkSpecs[0], "Sequoia: AI's $600B question (revenue gap)", "D. Cahn, Sequoia Capital, 2024-06-20"],
    [frameworkSpecs[1], "GPU depreciation-life sensitivity", "10-K useful-life policies vs 2-3 year economic life"],
  ] as const) {
    const r = results.get(spec.id)!;
    frameworks.push({
      id: spec.id.replace(/-ai$/, ""),
      name,
      verdict: r.verdict,
      computed: r.computed,
      reasons: [r.reason],
      evidence: r.evidence,
      source,
      values: r.details ?? [],
      components: [r],
    });
  }

  // Exponential View gauges.
  const gauges = frameworkSpecs.slice(2).map((s) => results.get(s.id)!);
  const computedGauges = gauges.filter((g) => g.computed);
  const reds = computedGauges.filter((g) => g.verdict === "bubble-like").length;
  const missing = gauges.length - computedGauges.length;
  const tallyLine = LINES.evTally;
  let evVerdict: Verdict =
    reds >= tallyLine.bubbleAt ? "bubble-like" : reds <= tallyLine.healthyAt ? "healthy" : "inconclusive";
  // Missing gauges could still add reds: the verdict stands only if it would survive them.
  if (missing > 0 && evVerdict === "healthy" && reds + missing > tallyLine.healthyAt) evVerdict = "inconclusive";
  frameworks.push({
    id: "ev-gauges",
    name: "Exponential View: five boom/bubble gauges",
    verdict: evVerdict,
    computed: computedGauges.length > 0,
    reasons: [
      `${reds} red of ${computedGauges.length} computed gauges${missing ? ` (${missing} not computed)` : ""}; rule: ${tallyLine.source}`,
      ...gauges.map((g) => `${g.label}: ${g.computed ? GAUGE_ZONE[g.verdict] : "not computed"} — ${g.reason}`),
    ],
    evidence: [...new Set(gauges.flatMap((g) => g.evidence))],
    source: tallyLine.source,
    values: computedGauges.map((g) => ({ label: g.label, value: g.value!, unit: g.unit, evidence: g.evidence })),
    components: gauges,
  });
  // Tally sensitivity: the cheapest move that adds a red gauge.
  const toRed = sens
    .filter((s) => s.subject.startsWith("gauge-") && s.newVerdict === "bubble-like")
    .sort((a, b) => Math.abs(Math.log1p(a.relativeChange)) - Math.abs(Math.log1p(b.relativeChange)))[0];
  if (toRed) {
    sens.push({
      ...toRed,
      subject: "ev-gauges",
      verdict: evVerdict,
      newVerdict:
        reds + 1 >= tallyLine.bubbleAt ? "bubble-like" : reds + 1 <= tallyLine.healthyAt ? "healthy" : "inconclusive",
      sentence: `The Exponential View tally gains a red gauge (${reds} → ${reds + 1}) soonest through ${toRed.subject}: ${toRed.sentence}`,
    });
  }

  // Price frameworks.
  const priceKeys = Object.keys(input.prices ?? {});
  if (priceKeys.length === 0) {
    for (const [id, name, source] of [
      ["gmo-2sigma", "GMO two-sigma rule", LINES.gmoSigma.source],
      ["gsy-crash", "Greenwood-Shleifer-You run-up crash odds", LINES.gsyRunUp.source],
    ] as const) {
      frameworks.push({
        id,
        name,
        verdict: "inconclusive",
        computed: false,
        reasons: ["not computed: no price series supplied (pass prices: { KEY: { dates, values } })"],
        evidence: [],
        source,
        values: [],
      });
    }
  } else {
    for (const key of priceKeys) {
      const series = input.prices![key];
      const runs = series.evaluate
        ? series.evaluate.map((e) => ({
            label: e.label as string | undefined,
            at: minDate(e.at === null ? null : parseAsOfDate(e.at), asOf),
          }))
        : [{ label: undefined, at: series.asOf !== undefined ? parseAsOfDate(series.asOf) : asOf }];
      for (const run of runs) {
        const o = run.label ? { label: run.label } : {};
        for (const f of [gmoFramework(key, series, run.at, o), gsyFramework(key, series, run.at, o)]) {
          frameworks.push(f.result);
          sens.push(...f.sensitivity);
        }
      }
    }
  }

  // Scorecard: one vote per independent fact per era (a tally, never a blended score).
  for (const era of ["2000", "ai"] as const) {
    const t = tallyByFact(indicators, era);
    const benchmarks = indicators.filter((i) => i.era === era && i.computed && i.threshold === null);
    const list = (v: Verdict) =>
      t.votes
        .filter((x) => x.verdict === v)
        .map((x) => (x.indicators.length > 1 ? `${x.fact} (${x.indicators.join(", ")})` : x.indicators[0]))
        .join(", ") || "none";
    frameworks.push({
      id: `scorecard-${era}`,
      name: `Indicator scorecard, ${era === "ai" ? "AI era" : "2000 era"} (one vote per independent fact)`,
      verdict: t.verdict,
      computed: t.votes.length > 0,
      reasons: [
        `bubble-like: ${list("bubble-like")}`,
        `healthy: ${list("healthy")}`,
        `inconclusive: ${list("inconclusive")}`,
        `not tallied (no verdict line; shown as values beside the other era): ${benchmarks.map((i) => i.id).join(", ") || "none"}`,
        "one vote per independent fact (several measures of one fact agree or count as inconclusive); verdict = a strict majority of the votes, else inconclusive (bubblescope convention); read the indicators, not the tally",
      ],
      evidence: [...new Set(t.votes.flatMap((x) => x.evidence))],
      source: "bubblescope convention: strict-majority tally, one vote per independent fact",
      values: [],
    });
  }

  const claims = evaluateClaims(input.claims ?? CLAIMS, {
    ledger,
    indicators: results,
    asOf,
    deals: env.deals,
    indicatorsAtTalk: claimIndicatorsAtTalk(input, asOf, results),
    talkDate: RECORDING_DATE,
  });
  const predictions = modelPredictions(input, asOf);

  const referenced = new Set<string>();
  const collect = (ids: readonly string[]) => {
    for (const id of ids) if (ledger.byId.has(id)) referenced.add(id);
  };
  indicators.forEach((i) => collect(i.evidence));
  frameworks.forEach((f) => collect(f.evidence));
  claims.forEach((c) => collect(c.evidence));
  predictions.forEach((p) => collect(p.evidence));
  const ledgerEntries: LedgerEntry[] = [...referenced]
    .sort()
    .map((id) => ledger.byId.get(id))
    .filter((f): f is DatedFigure => f !== undefined)
    .map((f) => ({
      id: f.id,
      era: f.era,
      topic: f.topic,
      entity: f.entity,
      metric: f.metric,
      value: f.value,
      unit: f.unit,
      as_of: f.as_of,
      low: f.low,
      high: f.high,
      source_title: f.source_title,
      source_url: f.source_url,
      note: f.note,
      evidence: [f.id],
    }));

  return {
    meta: {
      asOf,
      seed,
      draws,
      source: "run parameters (seeded Monte Carlo with RandomStream(seed, stream))",
      streams: Object.entries(streamBase).map(([id, base]) => ({
        id,
        base,
        source: "run parameters: RandomStream(seed, base + draw)",
      })),
    },
    claims,
    predictions,
    predictionScore: scorePredictions(predictions),
    indicators,
    frameworks,
    sensitivity: sens,
    deals: graph,
    ledger: ledgerEntries,
  };
}

/**
 * The indicators as of the recording date, for judging claims when they were made: the same model built at that
 * date (no prices, no claims), or the model's own indicators when its as-of date is not later.
 */
function claimIndicatorsAtTalk(
  input: EvidenceModelInput,
  asOf: string | null,
  results: ReadonlyMap<string, IndicatorResult>,
): ReadonlyMap<string, IndicatorResult> {
  if ((input.claims ?? CLAIMS).length === 0 || (asOf !== null && asOf <= RECORDING_DATE)) return results;
  const m = buildEvidenceModel({ ...input, asOf: RECORDING_DATE, prices: undefined, claims: [], predictions: [] });
  return new Map(m.indicators.map((i) => [i.id, i]));
}

/** The predictions ledger's statuses at the model's date (default ledger: the talk's forecasts, unresolved). */
function modelPredictions(input: EvidenceModelInput, asOf: string | null): PredictionStatus[] {
  const today = input.today ?? asOf ?? RECORDING_DATE;
  const ledger =
    input.predictions ??
    talkForecastDrafts(TALK_FORECASTS, { made: RECORDING_DATE, registered: RECORDING_DATE }).reduce<PredictionEntry[]>(
      (l, d) => appendPrediction(l, d),
      [],
    );
  return predictionStatuses(ledger, today);
}
