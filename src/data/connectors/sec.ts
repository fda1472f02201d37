/**
 * SEC EDGAR XBRL "company facts" connector: `GET {base}/api/xbrl/companyfacts/CIK##########.json` returns every
 * XBRL fact a company has filed, as `facts → taxonomy → concept → units → unit → [{start?, end, val, accn, fy, fp,
 * form, filed, frame?}]`. From it we keep the metrics the bubble analysis needs (capex, operating cash flow, cash
 * and marketable securities, revenue, gross profit, operating income, net income, total assets, equity, debt),
 * annual and quarterly, each value tagged with the filing accession that reported it.
 *
 * How the raw facts become one value per period:
 * - only 10-K/10-Q/20-F/40-F forms (and amendments) in unit USD; other units are counted and ignored;
 * - a period is (start, end) for flows and end for balance-sheet instants; durations of 340-380 days are annual,
 *   80-100 days quarterly; the same period reported by several filings (a 10-Q value repeated as a comparative in
 *   the next 10-K, or restated) is resolved to the most recently filed one;
 * - each metric lists concepts in order of preference (companies moved from `Revenues` to
 *   `RevenueFromContractWithCustomerExcludingAssessedTax` in 2018); a period takes the first concept that has it;
 * - cash-flow items in 10-Qs are year-to-date, so a missing discrete quarter is derived as the difference of two
 *   year-to-date values with the same start (6 months − 3 months, FY − 9 months), flagged `derived`;
 * - fiscal years are named by the calendar year in which they end (NVIDIA FY2025 ends 2025-01-26).
 * SEC asks for a declared User-Agent with a contact address and at most 10 requests per second.
 */
import { type Fetched, fetchSource, type SourceContext } from "../fetch-source.ts";
import { RateLimiter } from "../http.ts";
import type { FundamentalRow } from "../store.ts";

/** Default EDGAR API host. */
export const SEC_BASE_URL = "https://data.sec.gov";

/** One metric and the XBRL concepts that can carry it, in order of preference. */
export interface SecMetric {
  readonly metric: string;
  readonly label: string;
  readonly concepts: readonly string[];
  readonly kind: "duration" | "instant";
}

/** The metrics pulled from company facts. */
export const SEC_METRICS: readonly SecMetric[] = Object.freeze([
  {
    metric: "capex",
    label: "capital expenditure (purchases of property and equipment)",
    concepts: ["PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets"],
    kind: "duration",
  },
  {
    metric: "operating_cash_flow",
    label: "net cash from operating activities",
    concepts: ["NetCashProvidedByUsedInOperatingActivities"],
    kind: "duration",
  },
  {
    metric: "cash_and_marketable_securities",
    label: "cash, cash equivalents and short-term investments",
    concepts: ["CashCashEquivalentsAndShortTermInvestments", "CashAndCashEquivalentsAtCarryingValue"],
    kind: "instant",
  },
  {
    metric: "revenue",
    label: "revenue",
    concepts: ["RevenueFromContractWithCustomerExcludingAssessedTax", "Revenues", "SalesRevenueNet"],
    kind: "duration",
  },
  { metric: "gross_profit", label: "gross profit", concepts: ["GrossProfit"], kind: "duration" },
  { metric: "operating_income", label: "operating income", concepts: ["OperatingIncomeLoss"], kind: "duration" },
  { metric: "net_income", label: "net income", concepts: ["NetIncomeLoss"], kind: "duration" },
  { metric: "total_assets", label: "total assets", concepts: ["Assets"], kind: "instant" },
  {
    metric: "equity",
    label: "stockholders' equity",
    concepts: ["StockholdersEquity", "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest"],
    kind: "instant",
  },
  {
    metric: "debt",
    label: "long-term debt",
    concepts: ["LongTermDebt", "LongTermDebtNoncurrent"],
    kind: "instant",
  },
]);

/** Pads a CIK to ten digits; throws RangeError on anything but 1-10 digits. */
export function padCik(cik: string | number): string {
  const s = String(cik).replace(/^CIK/i, "");
  if (!/^\d{1,10}$/.test(s)) throw new RangeError(`invalid CIK ${JSON.stringify(String(cik))}: expected 1-10 digits`);
  return s.padStart(10, "0");
}

/**
 * The company-facts URL of a CIK.
 *
 * @example
 * companyFactsUrl(789019); // "https://data.sec.gov/api/xbrl/companyfacts/CIK0000789019.json"
 */
export function companyFactsUrl(cik: string | number, base: string = SEC_BASE_URL): string {
  return `${base.replace(/\/+$/, "")}/api/xbrl/companyfacts/CIK${padCik(cik)}.json`;
}

/**
 * The declared User-Agent SEC requires ("Name contact@domain"): the option, else $BUBBLESCOPE_SEC_USER_AGENT.
 * Throws a one-line Error explaining how to set it when absent or without an e-mail address.
 */
export function resolveSecUserAgent(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  const ua = (option ?? env.BUBBLESCOPE_SEC_USER_AGENT ?? "").trim();
  if (ua === "") {
    throw new Error(
      'SEC EDGAR requires a declared User-Agent with a contact: set BUBBLESCOPE_SEC_USER_AGENT="Your Name you@example.com" or pass --user-agent',
    );
  }
  if (!/\S+@\S+\.\S+/.test(ua)) {
    throw new RangeError(`the SEC User-Agent "${ua}" has no contact e-mail address; use "Your Name you@example.com"`);
  }
  return ua;
}

interface RawFact {
  start?: string;
  end: string;
  val: number;
  accn: string;
  fy?: number | null;
  fp?: string | null;
  form?: string;
  filed?: string;
  frame?: string;
}

/** What parsing found besides the rows. */
export interface CompanyFactsReport {
  readonly conceptsUsed: readonly string[];
  readonly missingMetrics: readonly string[];
  /** Non-USD units seen on the wanted concepts and ignored (e.g. "USD/shares", "EUR"). */
  readonly ignoredUnits: readonly string[];
  /** Facts dropped because a later filing reported the same period. */
  readonly duplicatesResolved: number;
  readonly derivedQuarters: number;
}

/** Parsed company facts. */
export interface CompanyFacts {
  readonly cik: string;
  readonly entityName: string;
  readonly rows: readonly FundamentalRow[];
  readonly report: CompanyFactsReport;
}

const DAY = 86_400_000;
const days = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / DAY);
const addDays = (iso: string, n: number): string => new Date(Date.parse(iso) + n * DAY).toISOString().slice(0, 10);
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const FORMS = /^(10-K|10-Q|20-F|40-F|10-KT|10-QT)(\/A)?$/;

function isFact(x: unknown): x is RawFact {
  if (!x || typeof x !== "object") return false;
  const f = x as Record<string, unknown>;
  return (
    typeof f.end === "string" &&
    ISO.test(f.end) &&
    (f.start === undefined || (typeof f.start === "string" && ISO.test(f.start))) &&
    typeof f.val === "number" &&
    Number.isFinite(f.val) &&
    typeof f.accn === "string"
  );
}

/** Prefers the most recently filed fact, then 10-K over 10-Q, then the larger accession. */
function better(a: RawFact, b: RawFact): boolean {
  const fa = a.filed ?? "";
  const fb = b.filed ?? "";
  if (fa !== fb) return fa > fb;
  const ka = (a.form ?? "").startsWith("10-K") ? 1 : 0;
  const kb = (b.form ?? "").startsWith("10-K") ? 1 : 0;
  if (ka !== kb) return ka > kb;
  return a.accn > b.accn;
}

/**
 * Parses a company-facts document into fundamentals rows for `ticker`. Throws SyntaxError/RangeError with a
 * one-line message when the document is not company facts (or not for `expectedCik`).
 *
 * @example
 * parseCompanyFacts(JSON.parse(text), "MSFT", 789019).rows.filter((r) => r.metric === "capex");
 */
export function parseCompanyFacts(doc: unknown, ticker: string, expectedCik?: string | number): CompanyFacts {
  if (!doc || typeof doc !== "object") throw new RangeError("company facts: the document is not a JSON object");
  const d = doc as Record<string, unknown>;
  const facts = d.facts as Record<string, unknown> | undefined;
  if (!facts || typeof facts !== "object")
    throw new RangeError('company facts: no "facts" object (not a companyfacts document)');
  if (d.cik === undefined) throw new RangeError('company facts: no "cik" field');
  const cik = padCik(d.cik as string | number);
  if (expectedCik !== undefined && cik !== padCik(expectedCik)) {
    throw new RangeError(`company facts: asked for CIK ${padCik(expectedCik)}, the document is for CIK ${cik}`);
  }
  const entityName = typeof d.entityName === "string" ? d.entityName : ticker;
  const gaap = (facts["us-gaap"] ?? {}) as Record<string, { units?: Record<string, unknown> }>;
  const ignoredUnits = new Set<string>();
  const conceptsUsed: string[] = [];
  const missing: string[] = [];
  let duplicates = 0;
  let derivedCount = 0;
  const rows: FundamentalRow[] = [];

  for (const m of SEC_METRICS) {
    // period key -> chosen row, first concept wins.
    const chosen = new Map<string, FundamentalRow>();
    for (const concept of m.concepts) {
      const units = gaap[concept]?.units;
      if (!units || typeof units !== "object") continue;
      for (const u of Object.keys(units)) if (u !== "USD") ignoredUnits.add(`${concept}:${u}`);
      const list = units.USD;
      if (!Array.isArray(list)) continue;
      // Deduplicate by period within the concept.
      const byPeriod = new Map<string, RawFact>();
      for (const f of list) {
        if (!isFact(f) || !FORMS.test(f.form ?? "")) continue;
        if ((m.kind === "instant") !== (f.start === undefined)) continue;
        const key = `${f.start ?? ""}..${f.end}`;
        const prev = byPeriod.get(key);
        if (prev) {
          duplicates++;
          if (!better(f, prev)) continue;
        }
        byPeriod.set(key, f);
      }
      if (byPeriod.size === 0) continue;
      conceptsUsed.push(concept);
      const mk = (
        f: RawFact,
        periodType: FundamentalRow["periodType"],
        start: string | null,
        value: number,
        derived: boolean,
      ): FundamentalRow => ({
        company: ticker,
        cik,
        entityName,
        metric: m.metric,
        concept: `us-gaap:${concept}`,
        periodType,
        periodStart: start,
        periodEnd: f.end,
        fiscalYear: null,
        fiscalPeriod: null,
        value,
        unit: "USD",
        form: f.form ?? null,
        accession: f.accn,
        filed: f.filed ?? null,
        frame: derived ? null : (f.frame ?? null),
        derived,
      });
      const add = (r: FundamentalRow): void => {
        const key = `${r.periodType}:${r.periodStart ?? ""}..${r.periodEnd}`;
        if (!chosen.has(key)) chosen.set(key, r);
      };
      const facts = [...byPeriod.values()];
      if (m.kind === "instant") {
        for (const f of facts) add(mk(f, "instant", null, f.val, false));
        continue;
      }
      for (const f of facts) {
        const len = days(f.start as string, f.end);
        if (len >= 340 && len <= 380) add(mk(f, "annual", f.start as string, f.val, false));
        else if (len >= 80 && len <= 100) add(mk(f, "quarterly", f.start as string, f.val, false));
      }
      // Derive discrete quarters from year-to-date pairs with the same start.
      const byStart = new Map<string, RawFact[]>();
      for (const f of facts) {
        const g = byStart.get(f.start as string) ?? [];
        g.push(f);
        byStart.set(f.start as string, g);
      }
      for (const group of byStart.values()) {
        group.sort((a, b) => (a.end < b.end ? -1 : 1));
        for (let i = 1; i < group.length; i++) {
          const a = group[i - 1];
          const b = group[i];
          const gap = days(a.end, b.end);
          if (gap < 80 || gap > 100 || days(b.start as string, b.end) > 380) continue;
          const qStart = addDays(a.end, 1);
          const exists = [...chosen.values()].some(
            (r) => r.periodType === "quarterly" && Math.abs(days(r.periodEnd, b.end)) <= 3,
          );
          if (exists) continue;
          add(mk(b, "quarterly", qStart, b.val - a.val, true));
          derivedCount++;
        }
      }
    }
    if (chosen.size === 0) missing.push(m.metric);
    rows.push(...chosen.values());
  }
  return {
    cik,
    entityName,
    rows: labelFiscalPeriods(rows),
    report: {
      conceptsUsed,
      missingMetrics: missing,
      ignoredUnits: [...ignoredUnits].sort(),
      duplicatesResolved: duplicates,
      derivedQuarters: derivedCount,
    },
  };
}

/** Names fiscal years and quarters from the company's annual periods (FY = calendar year of the period end). */
function labelFiscalPeriods(rows: readonly FundamentalRow[]): FundamentalRow[] {
  const years = new Map<string, { start: string; end: string }>();
  for (const r of rows)
    if (r.periodType === "annual" && r.periodStart) years.set(r.periodEnd, { start: r.periodStart, end: r.periodEnd });
  const fyList = [...years.values()];
  const out = rows.map((r) => {
    if (r.periodType === "annual") return { ...r, fiscalYear: Number(r.periodEnd.slice(0, 4)), fiscalPeriod: "FY" };
    const y = fyList.find(
      (p) =>
        days(p.start, r.periodEnd) >= 0 &&
        days(r.periodEnd, p.end) >= -3 &&
        (r.periodStart === null || days(p.start, r.periodStart) >= -5),
    );
    if (!y) return r;
    const fiscalYear = Number(y.end.slice(0, 4));
    if (r.periodType === "instant" && Math.abs(days(r.periodEnd, y.end)) <= 3)
      return { ...r, fiscalYear, fiscalPeriod: "FY" };
    const q = Math.min(4, Math.max(1, Math.round(days(y.start, r.periodEnd) / 91.3)));
    return { ...r, fiscalYear, fiscalPeriod: `Q${q}` };
  });
  return out.sort((a, b) =>
    a.metric !== b.metric
      ? a.metric < b.metric
        ? -1
        : 1
      : a.periodEnd !== b.periodEnd
        ? a.periodEnd < b.periodEnd
          ? -1
          : 1
        : a.periodType < b.periodType
          ? -1
          : 1,
  );
}

/** Options of {@link fetchCompanyFacts}. */
export interface SecFetchOptions {
  readonly ticker: string;
  readonly cik: string | number;
  /** Declared User-Agent (see {@link resolveSecUserAgent}). */
  readonly userAgent: string;
  /** API base (default $BUBBLESCOPE_SEC_BASE_URL or https://data.sec.gov). */
  readonly baseUrl?: string;
  /** Shared limiter (default: one per process at 10 requests/s). */
  readonly limiter?: RateLimiter;
}

/** One limiter per process for all SEC requests: SEC allows at most 10 requests per second. */
export const SEC_LIMITER = new RateLimiter(10);

/**
 * Downloads (or reads from the cache) and parses one company's facts.
 *
 * @example
 * const { value } = await fetchCompanyFacts(ctx, { ticker: "MSFT", cik: 789019, userAgent: "Jane Doe jane@example.com" });
 */
export async function fetchCompanyFacts(ctx: SourceContext, o: SecFetchOptions): Promise<Fetched<CompanyFacts>> {
  const url = companyFactsUrl(o.cik, o.baseUrl ?? process.env.BUBBLESCOPE_SEC_BASE_URL ?? SEC_BASE_URL);
  return fetchSource(ctx, {
    service: "sec",
    label: `CIK${padCik(o.cik)}`,
    url,
    displayUrl: url,
    expect: "json",
    http: { userAgent: o.userAgent, limiter: o.limiter ?? SEC_LIMITER },
    parse: (body) => {
      let doc: unknown;
      try {
        doc = JSON.parse(body);
      } catch (err) {
        throw new SyntaxError(
          `${url}: response is not valid JSON (${(err as Error).message.split("\n")[0]}); truncated download?`,
        );
      }
      return parseCompanyFacts(doc, o.ticker, o.cik);
    },
  });
}
