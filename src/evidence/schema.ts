/**
 * zod schemas for the three record types of the evidence layer: figures (rows of `data/evidence.csv`), deals
 * (rows of `data/deals.csv`) and claims (the talk's statements, defined in `claims.ts`). The schemas check one
 * record at a time; cross-record rules (unique ids, low <= value <= high) live in `validate.ts`.
 */
import { z } from "zod";

/** An absolute http(s) URL: sources are web pages (a `javascript:` or `file:` link is refused). */
export function isHttpUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

import { parsePeriod } from "./period.ts";
import { parseUnit } from "./units.ts";

/** The two eras compared throughout: the 2000 telecom/dot-com bubble and today's AI build-out. */
export const ERAS = Object.freeze(["2000", "ai"] as const);
export type Era = (typeof ERAS)[number];

/** Topics used in the ledger. */
export const TOPICS = Object.freeze([
  "utilization",
  "valuation",
  "roic",
  "cash_flow",
  "capex",
  "demand",
  "circular_deal",
  "margin",
  "market_structure",
  "market_price",
  "macro",
] as const);
export type Topic = (typeof TOPICS)[number];

/** Kinds of deal edge. Every edge points the way value flows: from the payer/investor/lender to the receiver. */
export const DEAL_KINDS = Object.freeze([
  "vendor_financing",
  "equity_investment",
  "loan",
  "compute_purchase",
  "cloud_contract",
  "chip_purchase",
  "warrant",
] as const);
export type DealKind = (typeof DEAL_KINDS)[number];

const nonEmpty = (what: string) => z.string().trim().min(1, `${what} is empty`);

/** One figure of the ledger after parsing (numbers as numbers, blanks as null). */
export const FigureSchema = z
  .object({
    // Curated rows are E001…; rows derived elsewhere (e.g. "SEC-MSFT-capex-FY2025") keep their own prefix.
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]*$/, "id must start with a letter (E001, SEC-MSFT-…)"),
    era: z.enum(ERAS),
    topic: z.enum(TOPICS),
    entity: nonEmpty("entity"),
    metric: nonEmpty("metric"),
    value: z.number().refine(Number.isFinite, "value must be finite"),
    unit: z.string().refine((u) => parseUnit(u) !== undefined, { message: "unknown unit" }),
    as_of: z.string().refine((s) => parsePeriod(s) !== undefined, { message: "as_of is not a parsable period" }),
    low: z.number().nullable(),
    high: z.number().nullable(),
    claim_in_talk: z.string(),
    source_title: nonEmpty("source_title"),
    source_url: z.string().trim().refine(isHttpUrl, "source_url must be a URL"),
    note: z.string(),
    published: z
      .string()
      .regex(/^\d{4}-\d{2}(-\d{2})?$/, "published must be YYYY-MM or YYYY-MM-DD")
      .nullable(),
  })
  .strict();
export type Figure = z.infer<typeof FigureSchema>;

/** One deal edge after parsing. Amounts are in USD (not billions) as in the CSV; `gw` in gigawatts. */
export const DealSchema = z
  .object({
    id: z.string().regex(/^D\d{3,}$/, "id must look like D001"),
    era: z.enum(ERAS),
    date: z.string().refine((s) => parsePeriod(s) !== undefined, { message: "date is not a parsable period" }),
    from_entity: nonEmpty("from_entity"),
    to_entity: nonEmpty("to_entity"),
    kind: z.enum(DEAL_KINDS),
    amount_usd: z.number().nonnegative().nullable(),
    gw: z.number().positive().nullable(),
    low: z.number().nonnegative().nullable(),
    high: z.number().nonnegative().nullable(),
    source_title: nonEmpty("source_title"),
    source_url: z.string().trim().refine(isHttpUrl, "source_url must be a URL"),
    note: z.string(),
  })
  .strict();
export type Deal = z.infer<typeof DealSchema>;

/** A claim of the talk, linked to the ledger rows bearing on it. */
export const ClaimSchema = z
  .object({
    id: z.string().regex(/^C\d{2,}$/),
    text: nonEmpty("text"),
    /** The claimed number (midpoint when the talk gave a range), null for qualitative claims. */
    quantity: z.number().nullable(),
    low: z.number().nullable(),
    high: z.number().nullable(),
    unit: z.string(),
    era: z.enum(ERAS),
    asOf: z.string(),
    /** The ledger row recording the claim itself (talk quote), if any. */
    claimEvidence: z.string().nullable(),
    /** Ledger rows (E…) and deals (D…) bearing on the claim. */
    evidence: z.array(z.string()).min(1),
  })
  .strict();
export type Claim = z.infer<typeof ClaimSchema>;

/** The claim statuses, in the order of strength. */
export const CLAIM_STATUSES = Object.freeze(["supported", "qualified", "contradicted", "unverified"] as const);
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
