/**
 * The report's price inputs, selected once for every consumer (the report, the dashboard server and the browser's
 * as-of replay): which series play which role (`REPORT_SERIES`), the run defaults (`ANALYSIS_DEFAULTS`), weekly
 * resampling (last close of each ISO week), as-of clipping and the minimum sample, and the ledger the evidence
 * model runs on (curated figures + SEC rows known by the as-of date). Browser-safe (no `node:*`).
 * Complexity: O(observations) per series.
 */
import type { Figure } from "../evidence/schema.ts";
import { frameworkPriceInputs, type SeriesRole } from "../frameworks/calibration.ts";
import type { PriceSeries as FrameworkPrices } from "../frameworks/price-frameworks.ts";

/**
 * The talk's evaluation date (a16z, published 31 Oct 2025): run-up and trend tests, PSY and LPPLS are evaluated
 * here as well as at the latest data, so a claim is judged with the prices of when it was made.
 */
export const TALK_DATE = "2025-10-31";
/**
 * The PSY sample: the same number of weekly observations ending at each evaluation date in both eras (330 weeks ≈
 * 6.3 years: the longest span the AI-era bellwether file covers up to the talk date), so the test's power and
 * critical values are the same for 2000 and for the AI era.
 */
export const PSY_WEEKS = 330;

/**
 * Run defaults shared by the CLI, the report and the dashboard (one place; the CLI flags and the dashboard's
 * controls start from these).
 */
export const ANALYSIS_DEFAULTS = Object.freeze({
  /** Seed of every Monte Carlo part (PSY critical values, indicator bands, LPPLS searches). */
  seed: 123,
  /** PSY Monte Carlo replications for the report and the dashboard's model: exuber's `radf_mc_cv` default. */
  psyNrep: 2000,
  /**
   * Replications of an interactive PSY run in the browser (the dashboard's "any series" panel, no cache); the user
   * can raise it. Fewer replications only make the critical values noisier, not biased.
   */
  psyNrepInteractive: 199,
  /** Replications of the bootstrap critical values (wild/sieve bootstrap), as psymonitor. */
  psyNrepBootstrap: 999,
  /** Fewest weekly observations the report tests (one year). */
  minWeeks: 52,
  /** LPPLS fit window in daily observations (two trading years, as lppls's examples). */
  lpplsWindow: 504,
  /** LPPLS confidence indicator over the last this many observations of the window. */
  lpplsIndicatorSpan: 250,
  /** Step between the indicator's window ends (lppls's `outer_increment`). */
  lpplsOuterIncrement: 10,
});

/** Price series the report uses, one entry per role. `frameworkAsOf` pins a 2000-era series at its own peak. */
export interface ReportSeriesSpec {
  readonly key: string;
  readonly era: "2000" | "ai";
  /** File in a price folder (--data DIR, $BUBBLESCOPE_DATA, the bundled snapshot). */
  readonly file: string;
  /** Ids in the data store: `data import-dir` names series after the file, `data pull`/`data update` by ticker. */
  readonly storeIds: readonly string[];
  /** Where `bubblescope data update` refreshes it from: connector and symbol. */
  readonly update: { readonly source: "fred" | "stooq"; readonly symbol: string; readonly id: string };
  readonly label: string;
  readonly from: string;
  readonly to: string;
  /** Evaluate the price frameworks at this date (a 2000-era series at its own peak). */
  readonly frameworkAsOf?: string;
  /** Which counterpart this series is in the other era (the price tests are calibrated role by role). */
  readonly role?: SeriesRole;
  /** Loaded only for the price frameworks (the Nasdaq's whole history for GMO's out-of-sample trend). */
  readonly frameworksOnly?: boolean;
}

export const REPORT_SERIES: readonly ReportSeriesSpec[] = Object.freeze([
  {
    key: "NASDAQ_2000",
    era: "2000",
    file: "nasdaq_composite_daily_fred.csv",
    storeIds: ["nasdaq_composite_daily_fred", "NASDAQCOM"],
    update: { source: "fred", symbol: "NASDAQCOM", id: "NASDAQCOM" },
    label: "Nasdaq Composite",
    from: "1993-01-01",
    to: "2002-12-31",
    frameworkAsOf: "2000-03-10",
    role: "index",
  },
  {
    key: "CSCO",
    era: "2000",
    file: "csco_daily_yahoo_to2020.csv",
    storeIds: ["csco_daily_yahoo_to2020", "CSCO"],
    update: { source: "stooq", symbol: "csco.us", id: "CSCO" },
    label: "Cisco",
    from: "1993-01-01",
    to: "2002-12-31",
    frameworkAsOf: "2000-03-27",
    role: "bellwether",
  },
  {
    key: "NASDAQ_AI",
    era: "ai",
    file: "nasdaq_composite_daily_fred.csv",
    storeIds: ["nasdaq_composite_daily_fred", "NASDAQCOM"],
    update: { source: "fred", symbol: "NASDAQCOM", id: "NASDAQCOM" },
    label: "Nasdaq Composite",
    from: "2019-01-01",
    to: "2099-12-31",
    role: "index",
  },
  {
    key: "NVDA",
    era: "ai",
    file: "nvda_daily_yahoo_2019_2026.csv",
    storeIds: ["nvda_daily_yahoo_2019_2026", "NVDA"],
    update: { source: "stooq", symbol: "nvda.us", id: "NVDA" },
    label: "Nvidia",
    from: "2019-01-01",
    to: "2099-12-31",
    role: "bellwether",
  },
  {
    key: "NASDAQ",
    era: "ai",
    file: "nasdaq_composite_daily_fred.csv",
    storeIds: ["nasdaq_composite_daily_fred", "NASDAQCOM"],
    update: { source: "fred", symbol: "NASDAQCOM", id: "NASDAQCOM" },
    label: "Nasdaq Composite (whole history)",
    from: "1971-01-01",
    to: "2099-12-31",
    role: "index",
    frameworksOnly: true,
  },
]);

/** A daily close series with its provenance id ("prices:FILE" or "store:ID"). */
export interface PriceSeries {
  /** Provenance id, e.g. "prices:nasdaq_composite_daily_fred" or "store:NASDAQCOM". */
  readonly id: string;
  readonly file: string;
  readonly label: string;
  readonly dates: readonly string[];
  readonly values: readonly number[];
}

/** One role's raw input: the series over the role's [from, to] window (before any as-of clip), or why none. */
export interface RoleInput {
  readonly key: string;
  /** Where it came from ("the bundled snapshot (data/prices)", "the data store (DIR)", "--data DIR", …). */
  readonly origin: string;
  readonly series: PriceSeries | null;
  /** Why there is no series (file missing, unreadable, no data). */
  readonly missing?: string;
}

/** A role selected for the analysis: daily closes clipped at the as-of date, and their weekly closes. */
export interface SelectedSeries extends PriceSeries {
  readonly key: string;
  readonly era: "2000" | "ai";
  readonly origin: string;
  readonly frameworkAsOf?: string;
  readonly role?: SeriesRole;
  readonly frameworksOnly?: boolean;
  readonly weekly: PriceSeries;
}

const sectionName = (s: ReportSeriesSpec) => `${s.label} (${s.era === "ai" ? "AI era" : "2000 era"})`;
const clipTo = (to: string, asOf: string | null | undefined) => (asOf && asOf < to ? asOf : to);

/** Last close of each ISO week (Monday-based), keeping the date of that last trading day. */
export function weeklyCloses<T extends PriceSeries>(s: T): T {
  const dates: string[] = [];
  const values: number[] = [];
  let key = "";
  s.dates.forEach((d, i) => {
    const k = isoWeekKey(d);
    if (k === key) {
      dates[dates.length - 1] = d;
      values[values.length - 1] = s.values[i];
    } else {
      key = k;
      dates.push(d);
      values.push(s.values[i]);
    }
  });
  return { ...s, dates, values };
}

function isoWeekKey(d: string): string {
  const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  const day = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(t - day * 86400000).toISOString().slice(0, 10);
}

/**
 * Selects the report's series for an as-of date: each role clipped to `[from, min(to, asOf)]`, kept when it has
 * at least `minWeeks` weekly observations; otherwise a `notComputed` entry saying why.
 *
 * @example
 * selectSeries(inputs, "2000-06-30").selected.map((s) => s.key); // ["NASDAQ_2000", "CSCO"]
 */
export function selectSeries(
  inputs: readonly RoleInput[],
  asOf: string | null | undefined,
  minWeeks: number = ANALYSIS_DEFAULTS.minWeeks,
): { selected: SelectedSeries[]; notComputed: { section: string; reason: string }[] } {
  const selected: SelectedSeries[] = [];
  const notComputed: { section: string; reason: string }[] = [];
  for (const spec of REPORT_SERIES) {
    const input = inputs.find((i) => i.key === spec.key);
    const to = clipTo(spec.to, asOf);
    if (to < spec.from) {
      notComputed.push({
        section: sectionName(spec),
        reason: `--as-of ${asOf} is before this series starts (${spec.from})`,
      });
      continue;
    }
    const p = input?.series ?? null;
    if (!p) {
      notComputed.push({ section: sectionName(spec), reason: input?.missing ?? "no price data" });
      continue;
    }
    const dates: string[] = [];
    const values: number[] = [];
    p.dates.forEach((d, i) => {
      if (d >= spec.from && d <= to) {
        dates.push(d);
        values.push(p.values[i]);
      }
    });
    const daily: PriceSeries = { id: p.id, file: p.file, label: spec.label, dates, values };
    const weekly = weeklyCloses(daily);
    if (weekly.values.length < minWeeks) {
      notComputed.push({
        section: sectionName(spec),
        reason: `only ${weekly.values.length} weekly observations up to ${to} (the tests need at least ${minWeeks})`,
      });
      continue;
    }
    selected.push({
      ...daily,
      weekly,
      key: spec.key,
      era: spec.era,
      origin: input?.origin ?? "",
      ...(spec.frameworkAsOf ? { frameworkAsOf: clipTo(spec.frameworkAsOf, asOf) } : {}),
      ...(spec.role ? { role: spec.role } : {}),
      ...(spec.frameworksOnly ? { frameworksOnly: true } : {}),
    });
  }
  return { selected, notComputed };
}

/**
 * The price frameworks' inputs (GMO 2σ, GSY) from the selected series, with their evaluation dates: a 2000-era
 * series at its own peak, an AI-era one at the talk date and at its last date (`frameworkPriceInputs`).
 */
export function frameworkPrices(
  selected: readonly SelectedSeries[],
  asOf: string | null | undefined,
): Record<string, FrameworkPrices> {
  return frameworkPriceInputs(selected, asOf ?? null, TALK_DATE);
}

/**
 * The figures the evidence model runs on: the curated ledger plus computed rows (SEC fundamentals from the store)
 * that were published by the as-of date.
 */
export function ledgerFigures(
  curated: readonly Figure[],
  computed: readonly Figure[],
  asOf: string | null | undefined,
): Figure[] {
  const known = asOf ? computed.filter((f) => (f.published ?? "") <= asOf) : computed;
  return [...curated, ...known];
}
