/**
 * Turns stored SEC fundamentals into evidence rows shaped like the project's ledger
 * (`id, era, topic, entity, metric, value, unit, as_of, low, high, claim_in_talk, source_title, source_url, note`),
 * so the report can cite them beside the curated facts. For each company, from its latest fiscal year with
 * reported capex: capex (USD bn), its growth on the previous year, capex as a share of operating cash flow and of
 * revenue, free cash flow (operating cash flow − capex), cash and marketable securities and long-term debt at
 * year end, operating margin, and the latest quarter's capex. `source_url` is the company's EDGAR company-facts
 * URL; `note` names the XBRL concept(s), the filing accession(s) and the filing index URL. Values in USD bn are
 * rounded to 3 decimals, percentages to 2; inputs are exact in the store.
 */
import { companyFactsUrl, SEC_BASE_URL } from "./connectors/sec.ts";
import type { Store, StoredFundamental } from "./store.ts";

/** One evidence row (ledger shape). */
export interface EvidenceRow {
  readonly id: string;
  /** "ai" for periods ending in 2010 or later, "2000" before. */
  readonly era: string;
  readonly topic: "capex" | "cash_flow" | "margin";
  readonly entity: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly as_of: string;
  readonly low: number | null;
  readonly high: number | null;
  readonly claim_in_talk: string;
  readonly source_title: string;
  readonly source_url: string;
  readonly note: string;
  /** Filing date (YYYY-MM-DD) of the most recent filing cited. */
  readonly published: string | null;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The ledger's period forms: "FY2025 (Jun)" for a fiscal year, "2025-Q2" for a calendar-aligned quarter. */
function fiscalAsOf(fy: number, end: string): string {
  return `FY${fy} (${MONTHS[Number(end.slice(5, 7)) - 1]})`;
}

function quarterAsOf(end: string): string {
  const d = Date.parse(`${end}T00:00:00Z`);
  // Quarter ends within a week of a calendar quarter end (13-week fiscal quarters) map to that calendar quarter.
  const near = new Date(d + 7 * 86_400_000);
  const m = near.getUTCMonth();
  const qEnd = new Date(Date.UTC(near.getUTCFullYear(), m - (m % 3), 1) - 86_400_000);
  if (Math.abs(qEnd.getTime() - d) <= 7 * 86_400_000) {
    return `${qEnd.getUTCFullYear()}-Q${Math.floor(qEnd.getUTCMonth() / 3) + 1}`;
  }
  return end;
}

function latestFiled(srcs: readonly StoredFundamental[]): string | null {
  const f = srcs.map((r) => r.filed).filter((x): x is string => x !== null);
  return f.sort().at(-1) ?? null;
}

const bn = (v: number): number => Math.round(v / 1e6) / 1e3;
const pct = (v: number): number => Math.round(v * 1e4) / 1e2;

/** EDGAR filing-index URL of an accession. */
export function filingIndexUrl(cik: string, accession: string): string {
  return `https://www.sec.gov/Archives/edgar/data/${Number(cik)}/${accession.replace(/-/g, "")}/`;
}

function cite(r: StoredFundamental): string {
  return `${r.concept}${r.derived ? " (quarter derived from year-to-date values)" : ""}, accession ${r.accession} (${r.form ?? "filing"}${r.filed ? ` filed ${r.filed}` : ""}, ${filingIndexUrl(r.cik, r.accession)})`;
}

/**
 * Computes evidence rows from the fundamentals in the store (empty when there are none).
 *
 * @example
 * const rows = await fundamentalsAsEvidence(store); // [{ id: "SEC-MSFT-capex-FY2025", topic: "capex", value: 64.551, unit: "USD bn", … }, …]
 */
export async function fundamentalsAsEvidence(store: Store): Promise<EvidenceRow[]> {
  const all = await store.getFundamentals();
  const byCompany = new Map<string, StoredFundamental[]>();
  for (const r of all) {
    const g = byCompany.get(r.company) ?? [];
    g.push(r);
    byCompany.set(r.company, g);
  }
  const out: EvidenceRow[] = [];
  for (const [company, rows] of [...byCompany.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const annual = (metric: string, fy: number): StoredFundamental | undefined =>
      rows.find((r) => r.metric === metric && r.periodType === "annual" && r.fiscalYear === fy);
    const capexYears = rows.filter((r) => r.metric === "capex" && r.periodType === "annual" && r.fiscalYear !== null);
    if (capexYears.length === 0) continue;
    const capex = capexYears.reduce((a, b) => ((b.fiscalYear as number) > (a.fiscalYear as number) ? b : a));
    const fy = capex.fiscalYear as number;
    const entity = `${capex.entityName} (${company})`;
    const base = {
      era: capex.periodEnd < "2010" ? "2000" : "ai",
      entity,
      low: null,
      high: null,
      claim_in_talk: "",
      source_title: `SEC EDGAR XBRL company facts: ${capex.entityName} (CIK ${capex.cik})`,
      source_url: companyFactsUrl(capex.cik, SEC_BASE_URL),
    };
    const period = `FY${fy} (${capex.periodStart}..${capex.periodEnd})`;
    const fyAsOf = fiscalAsOf(fy, capex.periodEnd);
    const add = (
      key: string,
      topic: EvidenceRow["topic"],
      metric: string,
      value: number,
      unit: string,
      asOf: string,
      srcs: StoredFundamental[],
    ): void => {
      if (!Number.isFinite(value)) return;
      out.push({
        ...base,
        id: `SEC-${company}-${key}`,
        topic,
        metric,
        value,
        unit,
        as_of: asOf,
        note: `computed by bubblescope from SEC XBRL company facts, ${period}; ${srcs.map(cite).join("; ")}`,
        published: latestFiled(srcs),
      });
    };
    add(`capex-FY${fy}`, "capex", `capital expenditure, fiscal year ${fy}`, bn(capex.value), "USD bn", fyAsOf, [capex]);
    const prev = annual("capex", fy - 1);
    if (prev && prev.value > 0) {
      add(
        `capex-growth-FY${fy}`,
        "capex",
        `capex growth FY${fy} vs FY${fy - 1}`,
        pct(capex.value / prev.value - 1),
        "percent",
        fyAsOf,
        [capex, prev],
      );
    }
    const ocf = annual("operating_cash_flow", fy);
    if (ocf && ocf.value > 0) {
      add(
        `capex-to-ocf-FY${fy}`,
        "capex",
        `capex as a share of operating cash flow, FY${fy}`,
        pct(capex.value / ocf.value),
        "percent",
        fyAsOf,
        [capex, ocf],
      );
      add(
        `fcf-FY${fy}`,
        "cash_flow",
        `free cash flow (operating cash flow - capex), FY${fy}`,
        bn(ocf.value - capex.value),
        "USD bn",
        fyAsOf,
        [ocf, capex],
      );
    }
    const rev = annual("revenue", fy);
    if (rev && rev.value > 0) {
      add(
        `capex-to-revenue-FY${fy}`,
        "capex",
        `capex as a share of revenue, FY${fy}`,
        pct(capex.value / rev.value),
        "percent",
        fyAsOf,
        [capex, rev],
      );
      const op = annual("operating_income", fy);
      if (op)
        add(
          `operating-margin-FY${fy}`,
          "margin",
          `operating margin, FY${fy}`,
          pct(op.value / rev.value),
          "percent",
          fyAsOf,
          [op, rev],
        );
    }
    const atEnd = (metric: string): StoredFundamental | undefined =>
      rows.find((r) => r.metric === metric && r.periodType === "instant" && r.periodEnd === capex.periodEnd);
    const cash = atEnd("cash_and_marketable_securities");
    if (cash)
      add(
        `cash-FY${fy}`,
        "cash_flow",
        `cash and marketable securities at the end of FY${fy}`,
        bn(cash.value),
        "USD bn",
        cash.periodEnd,
        [cash],
      );
    const debt = atEnd("debt");
    if (debt)
      add(
        `debt-FY${fy}`,
        "cash_flow",
        `long-term debt at the end of FY${fy}`,
        bn(debt.value),
        "USD bn",
        debt.periodEnd,
        [debt],
      );
    const quarters = rows.filter((r) => r.metric === "capex" && r.periodType === "quarterly");
    if (quarters.length > 0) {
      const q = quarters.reduce((a, b) => (b.periodEnd > a.periodEnd ? b : a));
      const label =
        q.fiscalYear !== null && q.fiscalPeriod
          ? `FY${q.fiscalYear} ${q.fiscalPeriod}`
          : `quarter ending ${q.periodEnd}`;
      out.push({
        ...base,
        id: `SEC-${company}-capex-${q.periodEnd}`,
        topic: "capex",
        metric: `capital expenditure, ${label}`,
        value: bn(q.value),
        unit: "USD bn",
        as_of: quarterAsOf(q.periodEnd),
        published: q.filed,
        note: `computed by bubblescope from SEC XBRL company facts, ${q.periodStart}..${q.periodEnd}; ${cite(q)}`,
      });
    }
  }
  return out;
}
