/**
 * Rule-based status of the talk's claims: supported / qualified / contradicted / unverified, each with the reason.
 *
 * Comparison rule for a quantitative claim against measurements m (ledger figures or computed indicators):
 *   point claim q:      inside if |m − q| <= tol·|q|,      edge if <= 2·tol·|q|,            else beyond;
 *   range claim [a, b]: inside if a <= m <= b,             edge if within tol·b of the range, else beyond;
 *   all inside → supported; none inside or edge → contradicted; otherwise qualified.
 * Measurements of a different metric than the claim (flagged per claim) can at most qualify it; a claim with no
 * measurement known as of the date is unverified. Complexity O(claims · measurements).
 */
import type { Ledger } from "../evidence/query.ts";
import { isKnownOn } from "../evidence/query.ts";
import type { Claim, ClaimStatus } from "../evidence/schema.ts";
import { formatWithUnit } from "../evidence/units.ts";
import type { IndicatorResult } from "./engine.ts";

export interface ClaimStatusOptions {
  /** Relative tolerance for spoken round numbers. */
  readonly tolerance?: number;
}

export const CLAIM_STATUS_DEFAULTS: Readonly<Required<ClaimStatusOptions>> = Object.freeze({ tolerance: 0.1 });

export const CLAIM_TOLERANCE_SOURCE =
  "bubblescope convention: a number spoken in a talk is matched within ±10% (inside) or ±20% (edge)";

export interface ClaimResult {
  readonly id: string;
  readonly text: string;
  readonly quantity: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly unit: string;
  readonly era: string;
  readonly asOf: string;
  readonly status: ClaimStatus;
  readonly reason: string;
  readonly evidence: readonly string[];
}

interface Measure {
  readonly label: string;
  readonly value: number;
  readonly evidence: readonly string[];
  /** The measurement's own low/high range, when the ledger gives one. */
  readonly low?: number | null;
  readonly high?: number | null;
}

type Position = "inside" | "edge" | "beyond";

function position(m: number, c: Claim, tol: number): Position {
  if (c.low !== null && c.high !== null) {
    if (m >= c.low && m <= c.high) return "inside";
    return m >= c.low - tol * c.high && m <= c.high + tol * c.high ? "edge" : "beyond";
  }
  const q = c.quantity ?? Number.NaN;
  const d = Math.abs(m - q);
  if (d <= tol * Math.abs(q)) return "inside";
  return d <= 2 * tol * Math.abs(q) ? "edge" : "beyond";
}

function compare(c: Claim, measures: readonly Measure[], tol: number): { status: ClaimStatus; reason: string } {
  if (measures.length === 0) return { status: "unverified", reason: "no measurement in the ledger" };
  // A measurement whose own range reaches the claim counts at least as "edge".
  const pos = measures.map((m) => {
    let p = position(m.value, c, tol);
    const lo = m.low ?? m.value;
    const hi = m.high ?? m.value;
    const cLo = c.low ?? c.quantity ?? Number.NaN;
    const cHi = c.high ?? c.quantity ?? Number.NaN;
    if (p === "beyond" && lo <= cHi && hi >= cLo) p = "edge";
    return { m, p };
  });
  const fmt = (v: number) => formatWithUnit(v, c.unit);
  const parts = pos.map(({ m, p }) => `${m.label} ${fmt(m.value)} [${m.evidence.join(", ")}]: ${p}`);
  const status: ClaimStatus = pos.every((x) => x.p === "inside")
    ? "supported"
    : pos.every((x) => x.p === "beyond")
      ? "contradicted"
      : "qualified";
  const claimed = c.low !== null && c.high !== null ? `${fmt(c.low)}–${fmt(c.high)}` : fmt(c.quantity ?? Number.NaN);
  return { status, reason: `claimed ${claimed}; ${parts.join("; ")} (${CLAIM_TOLERANCE_SOURCE})` };
}

/** The rental-price sentence of C02, built only from what is known as of the date. */
function rentalNote(lowKnown: boolean, riseKnown: boolean): string {
  if (lowKnown && riseKnown)
    return ". H100 rental prices hit their cycle low in the month of the talk (E018) and rose after (E019)";
  if (lowKnown) return ". H100 rental prices were at their cycle low in the month of the talk (E018)";
  return "";
}

export interface ClaimContext {
  readonly ledger: Ledger;
  readonly indicators: ReadonlyMap<string, IndicatorResult>;
  readonly asOf: string | null;
}

/**
 * Evaluates every claim.
 *
 * @example
 * evaluateClaims(CLAIMS, { ledger, indicators, asOf: null })[0].status; // "qualified"
 */
export function evaluateClaims(
  claims: readonly Claim[],
  ctx: ClaimContext,
  options: ClaimStatusOptions = {},
): ClaimResult[] {
  const { tolerance } = { ...CLAIM_STATUS_DEFAULTS, ...options };
  if (!(tolerance > 0 && tolerance < 1)) throw new RangeError(`tolerance must be in (0, 1), got ${tolerance}`);
  return claims.map((c) => {
    const r = evaluateOne(c, ctx, tolerance);
    return {
      id: c.id,
      text: c.text,
      quantity: c.quantity,
      low: c.low,
      high: c.high,
      unit: c.unit,
      era: c.era,
      asOf: c.asOf,
      status: r.status,
      reason: r.reason,
      evidence: [...new Set([...(c.claimEvidence ? [c.claimEvidence] : []), ...r.evidence])],
    };
  });
}

function evaluateOne(
  c: Claim,
  ctx: ClaimContext,
  tol: number,
): { status: ClaimStatus; reason: string; evidence: readonly string[] } {
  const known = (id: string): number | null => {
    const f = ctx.ledger.byId.get(id);
    if (!f) return null;
    return ctx.asOf !== null && !isKnownOn(f, ctx.asOf) ? null : f.value;
  };
  const fig = (id: string, label: string, map?: (v: number) => number): Measure[] => {
    const v = known(id);
    if (v === null) return [];
    const f = ctx.ledger.byId.get(id)!;
    // Identity maps carry the figure's own range; transformed values (e.g. 100 − x) do not.
    return map
      ? [{ label, value: map(v), evidence: [id] }]
      : [{ label, value: v, evidence: [id], low: f.low, high: f.high }];
  };
  const ind = (id: string): IndicatorResult | null => {
    const r = ctx.indicators.get(id);
    return r?.computed && r.value !== null ? r : null;
  };
  const fromIndicator = (id: string, label: string): Measure[] => {
    const r = ind(id);
    return r ? [{ label, value: r.value!, evidence: r.evidence }] : [];
  };
  const done = (s: { status: ClaimStatus; reason: string }, ms: readonly Measure[], extra: readonly string[] = []) => ({
    ...s,
    evidence: [...new Set([...ms.flatMap((m) => m.evidence), ...extra])],
  });

  switch (c.id) {
    case "C01": {
      const ms = [
        ...fig("E002", "idle share of lit capacity, summer 2001 (100 − E002)", (v) => 100 - v),
        ...fig("E006", "idle share of fibre capacity, 2001 (100 − E006)", (v) => 100 - v),
        ...fig("E007", "dark share of fibre strands, mid-2002 (100 − E007)", (v) => 100 - v),
        ...fig("E001", "idle share of lit networks, 2002 (100 − E001)", (v) => 100 - v),
      ];
      const r = compare(c, ms, tol);
      if (r.status === "unverified") return done(r, ms);
      const status: ClaimStatus = r.status === "supported" ? "qualified" : r.status;
      return done(
        {
          status,
          reason: `every measurement is from 2001-2002, after the March-2000 peak, and the 97% matches idle LIT capacity (a utilisation measure), not dark strands; ${r.reason}`,
        },
        ms,
      );
    }
    case "C02": {
      const ms = [
        ...fig("E011", "idle share of GPU-server time, frontier fleets (100 − E011)", (v) => 100 - v),
        ...fig("E014", "idle share of enterprise Kubernetes GPU capacity (100 − E014)", (v) => 100 - v),
      ];
      if (ms.length === 0) return done({ status: "unverified", reason: "no GPU utilisation measurement known" }, ms);
      const r = compare(c, ms, tol);
      return done(
        {
          status: "qualified",
          reason: `no fleet-wide count of unused GPUs exists; the measurements are idle TIME or capacity shares, a different metric from 'dark': ${r.reason}${rentalNote(known("E018") !== null, known("E019") !== null)}`,
        },
        ms,
        ["E018", "E019"].filter((id) => known(id) !== null),
      );
    }
    case "C03": {
      const ms = [
        ...fig("E021", "market cap / trailing earnings, Dec 1999"),
        ...fig("E022", "trailing P/E, 2000"),
        ...fig("E025", "P/E at the peak on GAAP FY2000 EPS"),
        ...fromIndicator("pe-trailing-2000", "P/E at the peak on GAAP FY1999 net income (computed)"),
      ];
      return done(compare(c, ms, tol), ms);
    }
    case "C04": {
      const ms = [
        ...fig("E031", "trailing P/E, Aug 2025"),
        ...fig("E032", "forward P/E, Aug 2025"),
        ...fig("E034", "forward P/E, Dec 2025"),
        ...fromIndicator("pe-trailing-ai", "market cap / last fiscal-year net income (computed)"),
      ];
      const r = compare(c, ms, tol);
      return done({ ...r, reason: `${r.reason}; the 40x matches FORWARD multiples, trailing ones are higher` }, ms);
    }
    case "C05": {
      const r = ind("roic-change-ai");
      if (!r?.threshold) return done({ status: "unverified", reason: "the ROIC change could not be computed" }, []);
      const spread = r.threshold.healthyAt;
      const diff = (c.quantity ?? 0) - r.value!;
      const status: ClaimStatus = Math.abs(diff) <= spread ? "supported" : "contradicted";
      const per = (r.details ?? []).map((d) => `${d.label} ${formatWithUnit(d.value, d.unit)}`).join(", ");
      return done(
        {
          status,
          reason: `computed mean ΔROIC ${formatWithUnit(r.value!, "percentage points")} (${per}) vs claimed +${c.quantity} pp: the gap ${formatWithUnit(Math.abs(diff), "percentage points")} is ${status === "supported" ? "within" : "beyond"} the inter-provider ROIC spread ${formatWithUnit(spread, "percentage points")} (${r.threshold.source})`,
        },
        [{ label: "ΔROIC", value: r.value!, evidence: r.evidence }],
      );
    }
    case "C06": {
      const ms = [
        ...fig("E070", "combined FCF of the four largest spenders FY2024"),
        ...fig("E071", "combined FCF of the four largest spenders FY2025"),
      ];
      const r = compare(c, ms, tol);
      return done({ ...r, reason: `${r.reason}; the talk did not name the set of companies` }, ms);
    }
    case "C07": {
      const v = known("E082");
      const ms = v === null ? [] : [{ label: "cash of Amazon and Alphabet only", value: v, evidence: ["E082"] }];
      return done(
        {
          status: "unverified",
          reason:
            v === null
              ? "no cash figure known"
              : `the ledger has cash for two of the spenders only (${formatWithUnit(v, "USD bn")}, E082): a lower bound cannot test $500B`,
        },
        ms,
      );
    }
    case "C08": {
      const ms = [
        ...fig("E116", "all-in cost per GW (industry executives)"),
        ...fig("E117", "all-in cost per GW (TrueSolvers)"),
        ...fig("E158", "Nvidia billing per GW (BofA)"),
        ...fig("E309", "GPU procurement per GW"),
      ];
      const r = compare(c, ms, tol);
      return done({ ...r, reason: `${r.reason}; sources disagree by more than 2x and measure different scopes` }, ms);
    }
    case "C09": {
      const r = ind("roundtrip-nvidia-ai");
      if (!r?.threshold) {
        return done({ status: "unverified", reason: "the round-trip share could not be computed or benchmarked" }, []);
      }
      const p05 = r.band?.p05 ?? r.value!;
      const status: ClaimStatus =
        r.verdict === "healthy"
          ? "supported"
          : r.verdict === "bubble-like" && p05 >= r.threshold.bubbleAt
            ? "contradicted"
            : "qualified";
      return done(
        {
          status,
          reason: `Nvidia's deals on cycles back to it (Johnson's algorithm) are ${formatWithUnit(r.value!, "percent")} of its revenue (5th percentile over 'up to' ranges ${formatWithUnit(p05, "percent")}) vs Lucent's 2000 vendor financing at ${formatWithUnit(r.threshold.bubbleAt, "percent")} of revenue: ${r.reason}`,
        },
        [{ label: "round-trip share", value: r.value!, evidence: r.evidence }],
      );
    }
    case "C10": {
      const a = known("E181");
      const b = known("E184");
      const ms =
        a !== null && b !== null
          ? [{ label: "tokens/month growth E184 / E181", value: b / a, evidence: ["E181", "E184"] }]
          : [];
      const r = compare(c, ms, tol);
      return done({ ...r, reason: `${r.reason}; reasoning models inflate tokens per request (E184 note)` }, ms);
    }
    case "C11":
      return done(
        {
          status: "unverified",
          reason: "no independent measure of the installed base of US data centres in the ledger",
        },
        [],
      );
    case "C12": {
      const ms = fig("E166", "cumulative US build-out 2024-2030 (weak secondary source)");
      const r = compare(c, ms, tol);
      return done({ ...r, reason: `${r.reason}; only one, weak, source` }, ms);
    }
    case "C13": {
      const ms = [
        ...fig("E271", "median software gross margin FY2025"),
        ...fig("E269", "median public-SaaS non-GAAP gross margin 2026"),
      ];
      const r = compare(c, ms, tol);
      return done({ ...r, reason: `${r.reason}; 80-90% describes the upper half of SaaS, not its median` }, ms);
    }
    case "C14": {
      const ai = [
        ...fig("E263", "OpenAI gross margin FY2025"),
        ...fig("E235", "Anthropic gross margin FY2025"),
        ...fig("E234", "Anthropic gross margin end-2023"),
      ];
      const saas = [...fig("E271", "median SaaS"), ...fig("E269", "median public SaaS")];
      if (ai.length === 0 || saas.length === 0)
        return done({ status: "unverified", reason: "margins not known" }, [...ai, ...saas]);
      const maxAi = Math.max(...ai.map((m) => m.value));
      const minSaas = Math.min(...saas.map((m) => m.value));
      const status: ClaimStatus = maxAi < minSaas ? "supported" : "qualified";
      return done(
        {
          status,
          reason: `highest AI-lab gross margin ${formatWithUnit(maxAi, "percent")} ${maxAi < minSaas ? "<" : ">="} lowest SaaS median ${formatWithUnit(minSaas, "percent")} (${[...ai, ...saas].map((m) => m.evidence[0]).join(", ")})`,
        },
        [...ai, ...saas],
      );
    }
    case "C15": {
      const talk = ind("gross-profit-ratio-talk");
      const measured = ind("gross-profit-ratio-ai");
      if (!talk) return done({ status: "unverified", reason: "the talk's example could not be computed" }, []);
      const ms = [
        { label: "gross-profit ratio, talk's margins", value: talk.value!, evidence: talk.evidence },
        ...(measured
          ? [{ label: "gross-profit ratio, measured margins", value: measured.value!, evidence: measured.evidence }]
          : []),
      ];
      const holds = ms.every((m) => m.value >= 1);
      return done(
        {
          status: holds ? "qualified" : "contradicted",
          reason: `${ms.map((m) => `${m.label} ${formatWithUnit(m.value, "ratio")}`).join("; ")}: the arithmetic ${holds ? "holds" : "fails"}${holds ? ", but the premise that the AI product sells for 5x the SaaS price is illustrative (E310, E312), not measured" : ""}`,
        },
        ms,
      );
    }
    case "C16": {
      const r = ind("market-structure-ai");
      if (!r?.details) return done({ status: "unverified", reason: "market shares could not be computed" }, []);
      const shares = [...r.details].sort((a, b) => b.value - a.value);
      const top2 = shares.slice(0, 2).map((d) => d.label.split(" ")[0]);
      const named = ["Nvidia", "Google", "Broadcom", "AMD"];
      const present = named.every((n) => shares.some((d) => d.label.startsWith(n)));
      const absent = named.filter((n) => !shares.some((d) => d.label.startsWith(n)));
      // A vendor with no deal known yet is missing evidence, not evidence against the claim.
      const status: ClaimStatus =
        present && top2.includes("Nvidia") && top2.includes("Google")
          ? "supported"
          : present
            ? "qualified"
            : "unverified";
      const why = present
        ? status === "supported"
          ? "Nvidia and Google lead"
          : `all four vendors appear, but the two largest are ${top2.join(" and ")}`
        : `${absent.join(", ")} ${absent.length === 1 ? "has" : "have"} no deal with a GW figure known by then`;
      return done(
        {
          status,
          reason: `shares of announced GW: ${shares.map((d) => `${d.label.split(" ")[0]} ${formatWithUnit(d.value, "percent")}`).join(", ")}; ${why}`,
        },
        [{ label: "HHI", value: r.value!, evidence: r.evidence }],
      );
    }
    default:
      return done({ status: "unverified", reason: `no rule for claim ${c.id}` }, []);
  }
}
