/**
 * Indicators computed from SEC filings when the data store holds them (`bubblescope data pull` turns EDGAR XBRL
 * company facts into evidence rows `SEC-<TICKER>-<metric>-FY<year>`, src/data/evidence.ts): the report then
 * updates itself with every new 10-K instead of waiting for the curated ledger.
 *
 * capex-ocf-ai-sec: capex / operating cash flow of the four largest spenders at their latest fiscal year,
 *   ratio = Σ capex / Σ (FCF + capex), with FCF = OCF − capex as filed (%); same verdict lines as capex-ocf-ai.
 * Complexity O(ledger size) to find the rows.
 */
import type { Ledger } from "../evidence/query.ts";
import type { IndicatorSpec } from "./engine.ts";
import { fixed, inp } from "./indicators.ts";
import { LINES } from "./thresholds.ts";

export const SEC_SPENDERS = Object.freeze(["MSFT", "GOOGL", "AMZN", "META"]);

/** The latest fiscal year for which the ledger has both capex and FCF rows of `ticker`, or null. */
export function latestSecYear(ledger: Ledger, ticker: string): number | null {
  let best: number | null = null;
  for (const id of ledger.byId.keys()) {
    const m = new RegExp(`^SEC-${ticker}-capex-FY(\\d{4})$`).exec(id);
    if (!m) continue;
    const y = Number(m[1]);
    if (ledger.byId.has(`SEC-${ticker}-fcf-FY${y}`) && (best === null || y > best)) best = y;
  }
  return best;
}

export function secCapexOcfSpec(ledger: Ledger): IndicatorSpec {
  const years = SEC_SPENDERS.map((t) => [t, latestSecYear(ledger, t)] as const);
  const missing = years.filter(([, y]) => y === null).map(([t]) => t);
  const base = {
    id: "capex-ocf-ai-sec",
    era: "ai" as const,
    label: "Capex intensity: capex / operating cash flow, four largest spenders, latest 10-Ks (SEC EDGAR)",
    unit: "percent",
    basis: "each spender's latest fiscal year in its SEC filings, capex and OCF of the same year",
    fact: "funding-coverage",
    threshold: fixed(LINES.capexToOcf, "higher-is-bubblier"),
  };
  if (missing.length > 0) {
    return {
      ...base,
      formula:
        "ratio = Σ capex / Σ (FCF + capex) over MSFT, GOOGL, AMZN, META at their latest fiscal year, from SEC filings (%)",
      inputs: [],
      compute: () => Number.NaN,
      unavailable: `no SEC fundamentals for ${missing.join(", ")} in the data store (run \`bubblescope data pull\` when online)`,
    };
  }
  const ids = years.flatMap(([t, y]) => [`SEC-${t}-capex-FY${y}`, `SEC-${t}-fcf-FY${y}`]);
  return {
    ...base,
    formula: `ratio = Σ capex / Σ (FCF + capex), FCF = OCF − capex, over ${years.map(([t, y]) => `${t} FY${y}`).join(", ")} (${ids.join(", ")}), %`,
    inputs: years.flatMap(([t, y]) => [
      inp(`c${t}`, `SEC-${t}-capex-FY${y}`, "USD bn"),
      inp(`f${t}`, `SEC-${t}-fcf-FY${y}`, "USD bn"),
    ]),
    compute: (v) => {
      const capex = SEC_SPENDERS.reduce((a, t) => a + v[`c${t}`], 0);
      const ocf = SEC_SPENDERS.reduce((a, t) => a + v[`f${t}`] + v[`c${t}`], 0);
      return (100 * capex) / ocf;
    },
    caveat: "as filed: capex excludes finance leases; fiscal years end in different months",
  };
}
