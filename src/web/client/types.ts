/**
 * Shapes exchanged between the dashboard server (src/web/server) and the browser app: the evidence bundle the
 * browser recomputes the evidence model from, the price-series listing, one series, and the dashboard's
 * assumption overrides. Types only plus their defaults; browser-safe (no `node:*`).
 */
import type { Figure } from "../../evidence/schema.ts";
import type { ScanJson } from "../../scan/assemble.ts";
import type { ScanChange } from "../../scan/changes.ts";

/** A price series the report's price frameworks use (GMO 2σ, GSY, P/E from prices), daily closes. */
export interface BundlePrice {
  /** Role key in the report, e.g. "NASDAQ_2000", "NVDA". */
  readonly key: string;
  readonly era: "2000" | "ai";
  readonly id: string;
  readonly label: string;
  /** File or store id the series was read from, and the source (snapshot, data store, folder). */
  readonly file?: string;
  readonly origin?: string;
  /** The series' window in the report (an as-of date clips `to`). */
  readonly from: string;
  readonly to: string;
  /** Pins a 2000-era framework evaluation at that era's own peak (clipped by an as-of date too). */
  readonly frameworkAsOf?: string;
  readonly dates: readonly string[];
  readonly values: readonly number[];
}

/** Everything the browser needs to rebuild the evidence model exactly as the server's report did. */
export interface EvidenceBundle {
  /** data/evidence.csv and data/deals.csv as text (parsed in the browser with the same loaders as the CLI). */
  readonly evidenceCsv: string;
  readonly dealsCsv: string;
  /** Run parameters of the report (the browser must use the same to reproduce it). */
  readonly seed: number;
  readonly draws: number;
  readonly prices: readonly BundlePrice[];
  /** Computed ledger rows the report used (SEC fundamentals from the data store), already validated. */
  readonly computedFigures?: readonly Figure[];
  /**
   * data/macro/shiller_monthly.csv and buffett_quarterly.csv as text: the report's CAPE and equities/GDP indicators
   * are rebuilt from them for an as-of date (absent when the report had no market-wide section).
   */
  readonly macro?: { readonly shillerCsv: string; readonly buffettCsv: string };
}

/** One entry of GET /api/series. */
export interface SeriesInfo {
  readonly id: string;
  readonly file: string;
  readonly bytes: number;
}

/** GET /api/series/:id. */
export interface SeriesPayload {
  readonly id: string;
  readonly file: string;
  readonly freq: "daily" | "weekly";
  readonly dates: readonly string[];
  readonly values: readonly number[];
}

/**
 * The dashboard's assumptions (AI era). Each one overrides ledger values (or, for the GPU life, the depreciation
 * spec's option) before the evidence model is rebuilt; `null` means "as in the ledger".
 */
export interface Assumptions {
  /** Economic life of a GPU, years (the depreciation framework; default 2.5, booked life 5.5). */
  readonly gpuLife: number | null;
  /** All-in data-centre cost, USD bn per GW (E117; the GPU part E309 keeps its share). */
  readonly usdPerGw: number | null;
  /** Share of time GPU servers do useful work, % (E011). */
  readonly utilisation: number | null;
  /** AI (OpenAI) gross margin, % (E263). */
  readonly margin: number | null;
  /** Nvidia data-centre revenue growth FY2025 → FY2026, % (sets E195 = E194 × (1 + g)). */
  readonly revenueGrowth: number | null;
}

export const NO_ASSUMPTIONS: Assumptions = Object.freeze({
  gpuLife: null,
  usdPerGw: null,
  utilisation: null,
  margin: null,
  revenueGrowth: null,
});

/** One recorded scan or monitor run (GET /api/scan/runs). */
export interface ScanRunInfo {
  readonly id: string;
  readonly kind: "scan" | "monitor";
  /** Watchlist name, or the source (folder, store) of the basket. */
  readonly basket: string;
  /** The scan's as-of date (null = the latest data). */
  readonly asOf: string | null;
  readonly engine: string;
  readonly finishedAt: string;
  readonly series: number;
  readonly failed: number;
  readonly explosive: number;
}

/** GET /api/scan/runs. */
export interface ScanRunsPayload {
  /** The data store the runs were read from. */
  readonly store: string;
  /** Runs matching the filters (before the limit). */
  readonly total: number;
  readonly limit: number;
  /** Every basket with a recorded run. */
  readonly baskets: readonly string[];
  readonly runs: readonly ScanRunInfo[];
}

/** GET /api/scan/latest and GET /api/scan/runs/:id: one run's document, with the changes since the previous run. */
export interface ScanRunPayload {
  readonly store: string;
  readonly run: ScanRunInfo;
  /** The previous complete run of the same basket and settings (for monitor runs: the previous monitor run). */
  readonly previous: ScanRunInfo | null;
  readonly changes: { readonly source: string; readonly items: readonly ScanChange[] };
  /** Set when the series rows were cut at the request's limit (breadth and counts cover the whole basket). */
  readonly truncated: { readonly shown: number; readonly of: number } | null;
  readonly scan: ScanJson;
}
