/**
 * What every view receives: the server's report (the baseline), the current evidence model (the report's, or the
 * one recomputed in the browser for the as-of date and assumptions), the ledger rows, the URL state and helpers
 * to change it and to link to other views with the global state (as-of date, assumptions) kept.
 */
import type { EvidenceModel } from "../../frameworks/model.ts";
import type { ReportModel } from "../../report/build.ts";
import type { FigureRow } from "./model.worker.ts";
import type { AssumptionBaseline } from "./recompute.ts";
import type { Assumptions } from "./types.ts";
import type { View } from "./url-state.ts";

export type ViewModel = Pick<
  EvidenceModel,
  "claims" | "indicators" | "frameworks" | "sensitivity" | "deals" | "ledger"
>;

export interface ViewContext {
  readonly report: ReportModel;
  readonly model: ViewModel;
  readonly figures: readonly FigureRow[] | null;
  readonly baseline: AssumptionBaseline | null;
  readonly asOf: string | null;
  readonly assumptions: Assumptions;
  readonly params: Readonly<Record<string, string>>;
  /** Sets (or with null/"" removes) URL parameters of the current view. */
  readonly update: (params: Readonly<Record<string, string | null>>) => void;
  /** A link to a view, keeping the global parameters. */
  readonly href: (view: View, params?: Readonly<Record<string, string>>) => string;
  /** A link for an evidence id (ledger rows → Evidence view, deals → Deals view). */
  readonly evidenceHref: (id: string) => string;
}

/** URL keys that hold global state (kept when switching views). */
export const GLOBAL_KEYS = Object.freeze(["asOf", "life", "gw", "util", "margin", "growth"] as const);
