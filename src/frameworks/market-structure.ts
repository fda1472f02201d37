/**
 * Market structure of AI accelerators from the deal graph: each vendor's share of the gigawatts of accelerator
 * capacity committed in announced chip/compute deals, and the Herfindahl-Hirschman index of those shares
 * (`concentration.ts`). Complexity O(deals).
 */
import type { Deal } from "../evidence/schema.ts";
import { hhi, hhiClass, marketShares } from "./concentration.ts";
import type { IndicatorSpec } from "./engine.ts";
import { inp } from "./indicators.ts";
import { HHI_SOURCE } from "./thresholds.ts";

export interface MarketStructureOptions {
  /** Accelerator vendors (entities receiving chip/compute purchases) counted in the market. */
  readonly vendors?: readonly string[];
}

export const MARKET_STRUCTURE_DEFAULTS: Readonly<Required<MarketStructureOptions>> = Object.freeze({
  vendors: Object.freeze(["Nvidia", "AMD", "Broadcom", "Google"]),
});

/** AI-era chip, compute and cloud deals that state GW and go to an accelerator vendor. */
export function acceleratorDeals(deals: readonly Deal[], vendors: readonly string[]): Deal[] {
  return deals.filter(
    (d) =>
      d.era === "ai" &&
      d.gw !== null &&
      (d.kind === "chip_purchase" || d.kind === "compute_purchase" || d.kind === "cloud_contract") &&
      vendors.includes(d.to_entity.trim()),
  );
}

/**
 * Spec of the GW-share HHI over chip/compute/cloud deals whose receiving entity is an accelerator vendor and which
 * state gigawatts.
 *
 * @example
 * marketStructureSpec(deals).inputs.map((i) => i.key); // deal ids
 */
export function marketStructureSpec(deals: readonly Deal[], options: MarketStructureOptions = {}): IndicatorSpec {
  const { vendors } = { ...MARKET_STRUCTURE_DEFAULTS, ...options };
  if (vendors.length === 0) throw new RangeError("vendors must not be empty");
  const counted = acceleratorDeals(deals, vendors);
  const byVendor = (v: Readonly<Record<string, number>>) =>
    vendors.map((name) => ({
      name,
      ids: counted.filter((d) => d.to_entity.trim() === name).map((d) => d.id),
      gw: counted.filter((d) => d.to_entity.trim() === name).reduce((a, d) => a + v[d.id], 0),
    }));
  return {
    id: "market-structure-ai",
    era: "ai",
    label: "Market structure: accelerator vendors' shares of announced GW (HHI)",
    unit: "HHI",
    formula: `HHI = Σ (100 · sᵢ)², sᵢ = vendor i's GW / all GW in chip, compute and cloud deals with a GW figure (${counted.map((d) => d.id).join(", ")})`,
    basis:
      "shares of gigawatts in announced chip, compute and cloud commitments (not revenue), up to the as-of date; the 2000 counterpart is revenue shares of the core-router market",
    fact: "market-structure",
    inputs: counted.map((d) => inp(d.id, d.id, "GW")),
    compute: (v) => {
      const rows = byVendor(v).filter((r) => r.gw > 0);
      return rows.length === 0 ? Number.NaN : hhi(marketShares(rows.map((r) => r.gw)));
    },
    threshold: () => null,
    describe: (x) => `${hhiClass(x)} (${HHI_SOURCE})`,
    details: (v) => {
      const rows = byVendor(v);
      const total = rows.reduce((a, r) => a + r.gw, 0);
      return rows
        .filter((r) => r.gw > 0)
        .map((r) => ({
          label: `${r.name} share of announced GW`,
          value: (100 * r.gw) / total,
          unit: "percent",
          evidence: r.ids,
        }));
    },
    caveat:
      "announced commitments, mostly OpenAI's, not shipments; Google's TPU capacity sold inside Google Cloud is not visible in deals",
  };
}

/**
 * Funding coverage in gigawatts: GW payable from one year's FCF + cash of the four largest spenders at the all-in
 * cost per GW, beside the GW announced in accelerator deals and the talk's own arithmetic.
 *   GW = (FCF (E071, else E070) + cash (E082)) / cost per GW (E117, else E115). Complexity O(deals).
 *
 * @example
 * fundingGwSpec(deals).id; // "funding-gw-ai"
 */
export function fundingGwSpec(deals: readonly Deal[], options: MarketStructureOptions = {}): IndicatorSpec {
  const { vendors } = { ...MARKET_STRUCTURE_DEFAULTS, ...options };
  const gwDeals = acceleratorDeals(deals, vendors).map((d) => d.id);
  return {
    id: "funding-gw-ai",
    era: "ai",
    label: "Funding coverage in gigawatts: GW payable from one year's FCF + cash",
    basis:
      "one year's FCF (already after that year's capex) plus cash, against the cost of new capacity; a capacity-terms view of funding coverage, not tallied",
    fact: "funding-coverage-gw",
    unit: "GW",
    formula: `GW = (big-4 FCF (E071, else E070) + cash (E082)) / all-in cost per GW (E117, else the talk's E115); beside the GW announced in accelerator deals (${gwDeals.join(", ")}) and the talk's own figures ((E085 + E086) / E115)`,
    inputs: [
      inp("fcf", ["E071", "E070"], "USD bn"),
      inp("cash", "E082", "USD bn"),
      inp("cost", ["E117", "E115"], "USD bn per GW"),
      inp("talkFcf", "E085", "USD bn"),
      inp("talkCash", "E086", "USD bn"),
      inp("talkCost", "E115", "USD bn per GW"),
      ...gwDeals.map((id) => inp(id, id, "GW")),
    ],
    compute: (v) => (v.fcf + v.cash) / v.cost,
    threshold: () => null,
    details: (v, ids) => [
      {
        label: "GW announced in accelerator deals",
        value: gwDeals.reduce((a, id) => a + v[id], 0),
        unit: "GW",
        evidence: gwDeals,
      },
      {
        label: "GW payable on the talk's own figures (FCF + cash at its cost per GW)",
        value: (v.talkFcf + v.talkCash) / v.talkCost,
        unit: "GW",
        evidence: [ids.talkFcf, ids.talkCash, ids.talkCost],
      },
    ],
    caveat:
      "one year of FCF plus a lower-bound cash figure against commitments deployed over 2026-2030; no sourced line turns this into a verdict",
  };
}

/** A named vendor share (percent) from the ledger. */
export interface ShareInput {
  readonly name: string;
  readonly id: string;
}

/**
 * The 2000-era market structure from the ledger's market-share rows: HHI of the core-router market (full year 2000,
 * Dell'Oro, by revenue), with the optical-transport market's HHI over its named vendors as a detail. Shares not
 * named in the ledger are unknown, so each HHI over the named shares is a lower bound (the residual can only add).
 *
 * @example
 * marketStructure2000Spec().id; // "market-structure-2000"
 */
export function marketStructure2000Spec(
  routers: readonly ShareInput[] = [
    { name: "Cisco", id: "E404" },
    { name: "Juniper", id: "E405" },
  ],
  optical: readonly ShareInput[] = [
    { name: "Alcatel", id: "E415" },
    { name: "Lucent", id: "E416" },
    { name: "Nortel", id: "E417" },
    { name: "Fujitsu", id: "E418" },
    { name: "Ciena", id: "E419" },
  ],
): IndicatorSpec {
  const sq = (v: Readonly<Record<string, number>>, xs: readonly ShareInput[]) =>
    xs.reduce((a, x) => a + v[x.id] ** 2, 0);
  return {
    id: "market-structure-2000",
    era: "2000",
    label: "Market structure: core-router vendors' revenue shares (HHI)",
    unit: "HHI",
    formula: `HHI ≥ Σ (100 · sᵢ)² over the named vendors (${routers.map((r) => `${r.name} ${r.id}`).join(", ")}); detail: optical transport 2001 (${optical.map((r) => r.id).join(", ")})`,
    basis:
      "revenue shares of one product market over one full year (core routers, 2000, Dell'Oro); the AI counterpart is shares of announced GW",
    fact: "market-structure",
    bound: "lower-bound",
    inputs: [
      ...routers.map((r) => inp(r.id, r.id, "percent")),
      ...optical.map((r) => ({ ...inp(r.id, r.id, "percent"), optional: true })),
    ],
    compute: (v) => sq(v, routers),
    threshold: () => null,
    describe: (x) => `${hhiClass(x)} (${HHI_SOURCE})`,
    details: (v) => [
      ...routers.map((r) => ({
        label: `${r.name} share of core-router revenue, 2000`,
        value: v[r.id],
        unit: "percent",
        evidence: [r.id],
      })),
      {
        label: "optical transport HHI over the named vendors, 2001 (lower bound)",
        value: optical.every((r) => Number.isFinite(v[r.id])) ? sq(v, optical) : Number.NaN,
        unit: "HHI",
        evidence: optical.map((r) => r.id),
      },
    ],
    caveat: "shares not named in the ledger are unknown, so the HHI over the named vendors is a lower bound",
  };
}
