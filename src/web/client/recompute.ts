/**
 * Rebuilds the evidence model in the browser (in a Web Worker) from the evidence bundle, for an as-of date and a
 * set of assumptions: the same loaders and `buildEvidenceModel` as the report, so with no as-of date and no
 * assumptions the result equals the server's report model (a test checks it).
 *
 * An assumption overrides ledger values before the model is built (indicators read their inputs by ledger id), the
 * range low–high moving with the value; the GPU economic life is an option of the depreciation spec, so that one
 * framework is re-evaluated with the engine and patched into the model. Price series are selected and clipped at the
 * as-of date by the library's `selectSeries` (src/analysis/series.ts), the very function `buildReport` uses, and
 * computed ledger rows (SEC fundamentals from the data store) join the ledger by the same `ledgerFigures` rule, and
 * the market-valuation indicators (CAPE, equities/GDP) are appended by the library's `marketValuation` on the macro
 * tables clipped at the as-of date, as the report does.
 * Complexity: one `buildEvidenceModel` call (O(indicators · draws · inputs)).
 */
import { frameworkPrices, ledgerFigures, type RoleInput, selectSeries } from "../../analysis/series.ts";
import { type DatedFigure, dateFigures, dealKnownFrom, parseDeals, parseFigures } from "../../evidence/load.ts";
import { parseAsOfDate } from "../../evidence/period.ts";
import { makeLedger } from "../../evidence/query.ts";
import type { Deal, Figure } from "../../evidence/schema.ts";
import { evaluateIndicator, sensitivity } from "../../frameworks/engine.ts";
import { DEPRECIATION_DEFAULTS, depreciationSpec } from "../../frameworks/framework-specs.ts";
import { clipTable, marketValuation } from "../../frameworks/market-valuation.ts";
import { buildEvidenceModel, type EvidenceModel } from "../../frameworks/model.ts";
import type { PriceSeries } from "../../frameworks/price-frameworks.ts";
import { type DateTable, parseDateTable } from "../../macro/table.ts";
import type { Assumptions, BundlePrice, EvidenceBundle } from "./types.ts";

/** The parsed bundle (parse once, recompute many times). */
export interface ParsedBundle {
  readonly figures: readonly DatedFigure[];
  /** Computed rows (SEC fundamentals from the data store), joined per as-of date. */
  readonly computed: readonly Figure[];
  readonly deals: readonly Deal[];
  readonly seed: number;
  readonly draws: number;
  readonly prices: readonly BundlePrice[];
  /** The market-valuation tables (CAPE, equities/GDP), when the bundle has them. */
  readonly macro: { readonly shiller: DateTable; readonly buffett: DateTable } | null;
}

/** Parses the bundle's CSV text with the CLI's loaders; throws on a ledger with problems. */
export function parseBundle(b: EvidenceBundle): ParsedBundle {
  const f = parseFigures(b.evidenceCsv, "evidence.csv");
  const d = parseDeals(b.dealsCsv, "deals.csv");
  const problems = [...f.problems, ...d.problems];
  if (problems.length > 0)
    throw new Error(`the evidence ledger has ${problems.length} problem(s), first: ${problems[0].message}`);
  return {
    figures: dateFigures(f.records),
    computed: b.computedFigures ?? [],
    deals: d.records,
    seed: b.seed,
    draws: b.draws,
    prices: b.prices,
    macro: b.macro
      ? {
          shiller: parseDateTable(b.macro.shillerCsv, "shiller_monthly.csv"),
          buffett: parseDateTable(b.macro.buffettCsv, "buffett_quarterly.csv"),
        }
      : null,
  };
}

/** The ledger value each assumption starts from (null when the figure is missing). */
export interface AssumptionBaseline {
  readonly gpuLife: number;
  readonly bookedLife: number;
  readonly usdPerGw: number | null;
  readonly utilisation: number | null;
  readonly margin: number | null;
  readonly revenueGrowth: number | null;
}

export function assumptionBaseline(figures: readonly DatedFigure[]): AssumptionBaseline {
  const v = (id: string) => figures.find((f) => f.id === id)?.value ?? null;
  const r0 = v("E194");
  const r1 = v("E195");
  return {
    gpuLife: DEPRECIATION_DEFAULTS.economicLife,
    bookedLife: DEPRECIATION_DEFAULTS.bookedLife,
    usdPerGw: v("E117"),
    utilisation: v("E011"),
    margin: v("E263"),
    revenueGrowth: r0 !== null && r1 !== null ? 100 * (r1 / r0 - 1) : null,
  };
}

/** Sets a figure's value, moving its low/high range by the same factor (percentages kept within 0–100). */
function setValue(f: DatedFigure, value: number): DatedFigure {
  if (!Number.isFinite(value)) throw new RangeError(`assumption for ${f.id} must be a finite number, got ${value}`);
  const k = f.value !== 0 ? value / f.value : 1;
  const pct = f.unit === "percent";
  const clamp = (x: number) => (pct ? Math.min(100, Math.max(0, x)) : x);
  const low = f.low === null ? null : Math.min(value, clamp(f.low * k));
  const high = f.high === null ? null : Math.max(value, clamp(f.high * k));
  return { ...f, value, low, high };
}

/**
 * Applies the ledger-valued assumptions (everything except the GPU life).
 *
 * @example
 * applyAssumptions(figures, { ...NO_ASSUMPTIONS, utilisation: 40 }).find((f) => f.id === "E011")?.value; // 40
 */
export function applyAssumptions(figures: readonly DatedFigure[], a: Assumptions): DatedFigure[] {
  const byId = new Map(figures.map((f) => [f.id, f]));
  const set = new Map<string, number>();
  if (a.usdPerGw !== null) {
    const all = byId.get("E117");
    const gpu = byId.get("E309");
    if (all) {
      set.set("E117", a.usdPerGw);
      // The GPU part keeps its share of the all-in cost.
      if (gpu && all.value !== 0) set.set("E309", (gpu.value * a.usdPerGw) / all.value);
    }
  }
  if (a.utilisation !== null) set.set("E011", a.utilisation);
  if (a.margin !== null) set.set("E263", a.margin);
  if (a.revenueGrowth !== null) {
    const r0 = byId.get("E194");
    if (r0) set.set("E195", r0.value * (1 + a.revenueGrowth / 100));
  }
  return figures.map((f) => (set.has(f.id) ? setValue(f, set.get(f.id)!) : f));
}

/** The report's price inputs selected and clipped at an as-of date (the library's `selectSeries`, as `buildReport`). */
export function pricesAsOf(prices: readonly BundlePrice[], asOf: string | null): Record<string, PriceSeries> {
  const roles: RoleInput[] = prices.map((p) => ({
    key: p.key,
    origin: p.origin ?? "",
    series: { id: p.id, file: p.file ?? p.id, label: p.label, dates: p.dates, values: p.values },
  }));
  return frameworkPrices(selectSeries(roles, asOf).selected, asOf);
}

/**
 * The evidence model for an as-of date (YYYY, YYYY-MM or YYYY-MM-DD; null = the whole ledger) and assumptions.
 *
 * @example
 * recomputeModel(parseBundle(bundle), "2000-03", NO_ASSUMPTIONS).claims.length;
 */
export function recomputeModel(b: ParsedBundle, asOfRaw: string | null, a: Assumptions): EvidenceModel {
  const asOf = asOfRaw === null ? null : parseAsOfDate(asOfRaw);
  const known = dateFigures(ledgerFigures([], b.computed, asOf));
  const figures = applyAssumptions([...b.figures, ...known], a);
  const ledger = makeLedger(figures);
  const evidence = buildEvidenceModel({
    ledger,
    deals: b.deals,
    ...(asOf ? { asOf } : {}),
    prices: pricesAsOf(b.prices, asOf),
    seed: b.seed,
    draws: b.draws,
  });
  // Market-wide valuation joins the indicators as in the report (`buildReport`): CAPE and equities/GDP known by then.
  const model: EvidenceModel = b.macro
    ? {
        ...evidence,
        indicators: [
          ...evidence.indicators,
          ...marketValuation(clipTable(b.macro.shiller, asOf), clipTable(b.macro.buffett, asOf)).indicators,
        ],
      }
    : evidence;
  if (a.gpuLife === null || a.gpuLife === DEPRECIATION_DEFAULTS.economicLife) return model;
  const booked = DEPRECIATION_DEFAULTS.bookedLife;
  if (!(a.gpuLife > 0 && a.gpuLife <= booked))
    throw new RangeError(`GPU useful life must be in (0, ${booked}] years, got ${a.gpuLife}`);
  // Re-evaluate the depreciation framework with the same Monte Carlo stream base as buildEvidenceModel uses for it
  // (its position after the indicators that are not price-based).
  const spec = depreciationSpec({ economicLife: a.gpuLife, bookedLife: booked });
  const deals = b.deals.filter((d) => asOf === null || dealKnownFrom(d) <= asOf);
  const base = model.meta.streams.find((x) => x.id === spec.id)?.base ?? 0;
  const r = evaluateIndicator(
    spec,
    { ledger, deals: new Map(deals.map((d) => [d.id, d])), asOf },
    { point: () => null },
    { seed: b.seed, draws: b.draws },
    base,
  );
  return {
    ...model,
    frameworks: model.frameworks.map((f) =>
      f.id === "depreciation"
        ? {
            ...f,
            verdict: r.verdict,
            computed: r.computed,
            reasons: [r.reason],
            evidence: r.evidence,
            values: r.details ?? [],
            components: [r],
          }
        : f,
    ),
    sensitivity: [...model.sensitivity.filter((s) => s.subject !== spec.id), ...sensitivity(spec, r)],
  };
}
