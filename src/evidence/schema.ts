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

/** The claim statuses, in the order of strength. */
export const CLAIM_STATUSES = Object.freeze(["supported", "qualified", "contradicted", "unverified"] as const);
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** The two speakers of the talk (labels as in the transcript; see its note on label slips). */
export const SPEAKERS = Object.freeze(["Gavin Baker", "David George"] as const);
export type Speaker = (typeof SPEAKERS)[number];

/**
 * The closed set of transforms a claim's measure may apply to its inputs (each group of ids is summed first, or
 * multiplied with `combine: "product"`):
 * `value` one id as is; `complement` 100 − value (a share's complement, in percent); `sum` Σ ids; `difference`
 * Σ ids − Σ over; `ratio` Σ ids / Σ over; `product` Σ ids · Σ over; `annualise` Σ ids / years.
 */
export const MEASURE_TRANSFORMS = Object.freeze([
  "value",
  "complement",
  "sum",
  "difference",
  "ratio",
  "product",
  "annualise",
] as const);
export type MeasureTransform = (typeof MEASURE_TRANSFORMS)[number];

/**
 * An input id of a measure: a ledger row (`E123`, `SEC-…`), a deal (`D012`: its amount in USD, or its GW when the
 * measure reads `dealField: "gw"`) or a computed indicator (`ind:roic-change-ai`, optionally `ind:ID#Label` for the
 * indicator's detail whose label starts with `Label`).
 */
const measureId = z.string().regex(/^(E\d{3,}|SEC-[A-Za-z0-9_.:-]+|D\d{3,}|ind:[a-z0-9-]+(#.+)?)$/, {
  message: "measure id must be E123, SEC-…, D012 or ind:indicator-id[#detail]",
});

/** How a claim is measured: which ids, combined how, on what basis. */
export const ClaimMeasureSchema = z
  .object({
    label: nonEmpty("label"),
    transform: z.enum(MEASURE_TRANSFORMS),
    ids: z.array(measureId).min(1),
    /** Second group for difference / ratio / product. */
    over: z.array(measureId).min(1).optional(),
    /** How each group's members combine: summed after unit conversion (default) or multiplied as they stand. */
    combine: z.enum(["sum", "product"]).optional(),
    /** For `annualise`: the span in years the summed amount covers. */
    years: z.number().positive().optional(),
    /** Unit of the measure's result (default: the claim's unit); inputs are converted to it where they can be. */
    unit: z.string().optional(),
    /** Deals read their GW instead of their amount. */
    dealField: z.enum(["amount", "gw"]).optional(),
    /**
     * The measure restates the talk's own numbers (e.g. its illustrative arithmetic): known when spoken, so it is
     * evaluated with everything in the ledger at any date.
     */
    asStated: z.boolean().optional(),
    /** The measure is only a bound on the claimed quantity (e.g. a partial sum): judged as an interval. */
    bound: z.enum(["lower", "upper"]).optional(),
    /** What the measure is and how it differs from the claim's basis. */
    basis: nonEmpty("basis"),
  })
  .strict()
  .superRefine((m, ctx) => {
    const two = m.transform === "difference" || m.transform === "ratio" || m.transform === "product";
    if (two && !m.over) ctx.addIssue({ code: "custom", message: `${m.transform} needs "over"` });
    if (!two && m.over) ctx.addIssue({ code: "custom", message: `${m.transform} takes no "over"` });
    if (m.transform === "annualise" && m.years === undefined)
      ctx.addIssue({ code: "custom", message: 'annualise needs "years"' });
    if ((m.transform === "value" || m.transform === "complement") && m.ids.length !== 1)
      ctx.addIssue({ code: "custom", message: `${m.transform} takes exactly one id` });
  });
export type ClaimMeasure = z.infer<typeof ClaimMeasureSchema>;

/** One listed piece of evidence for a qualitative claim and what it says about the claim. */
export const StanceSchema = z
  .object({
    id: z.string().regex(/^(E\d{3,}|D\d{3,})$/, "stance evidence must be a ledger row or a deal"),
    stance: z.enum(["supports", "qualifies", "refutes"]),
    note: nonEmpty("note"),
  })
  .strict();
export type Stance = z.infer<typeof StanceSchema>;

/** A bound of an at-least / at-most rule: a number, or a verdict line of a computed indicator. */
const boundSchema = z.union([
  z.number(),
  z.object({ indicator: z.string(), line: z.enum(["bubbleAt", "healthyAt"]) }).strict(),
]);

/**
 * How measurements are compared with the claim:
 * `point` the claimed quantity within a relative tolerance; `range` inside [low, high]; `at-least` / `at-most` a
 * bound (`than`, default the claimed quantity); `qualitative` by the listed evidence and its stances.
 */
export const ComparisonSchema = z.discriminatedUnion("rule", [
  z.object({ rule: z.literal("point"), tolerance: z.number().positive().lt(1).optional() }).strict(),
  z.object({ rule: z.literal("range"), tolerance: z.number().positive().lt(1).optional() }).strict(),
  z.object({ rule: z.literal("at-least"), than: boundSchema.optional() }).strict(),
  z.object({ rule: z.literal("at-most"), than: boundSchema.optional() }).strict(),
  z.object({ rule: z.literal("qualitative"), evidence: z.array(StanceSchema) }).strict(),
]);
export type Comparison = z.infer<typeof ComparisonSchema>;

/** A cap on a claim's status: the measures cannot establish more than `status`, for `reason`. */
export const StatusCapSchema = z
  .object({ status: z.enum(["qualified", "unverified"]), reason: nonEmpty("reason") })
  .strict();
export type StatusCap = z.infer<typeof StatusCapSchema>;

/** A claim of the talk: the quote and where it is, what it asserts, how it is measured and compared. */
export const ClaimSchema = z
  .object({
    id: z.string().regex(/^C\d{2,}$/),
    /** The claim as a checkable proposition. */
    text: nonEmpty("text"),
    /** The transcript's words (automatic transcript, slips corrected in [brackets]). */
    quote: nonEmpty("quote"),
    /** Paragraph of `transcript-en.md` (cite as talk ¶N). */
    paragraph: z.number().int().positive(),
    speaker: z.enum(SPEAKERS),
    /** The claimed number (midpoint when the talk gave a range), null for qualitative claims. */
    quantity: z.number().nullable(),
    low: z.number().nullable(),
    high: z.number().nullable(),
    unit: z.string(),
    era: z.enum(ERAS),
    /** The period the claim describes. */
    asOf: z.string(),
    /** The ledger row recording the claim itself (talk quote), if any. */
    claimEvidence: z.string().nullable(),
    /** Further ledger rows (E…) and deals (D…) shown with the claim (context, not measured). */
    evidence: z.array(z.string()),
    measures: z.array(ClaimMeasureSchema),
    comparison: ComparisonSchema,
    cap: StatusCapSchema.nullable(),
    /** Caveats shown with the reason. */
    note: z.string(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const q = c.comparison.rule;
    if (q === "point" && c.quantity === null) ctx.addIssue({ code: "custom", message: "point rule needs quantity" });
    if (q === "range" && (c.low === null || c.high === null))
      ctx.addIssue({ code: "custom", message: "range rule needs low and high" });
    if ((q === "at-least" || q === "at-most") && c.comparison.than === undefined && c.quantity === null)
      ctx.addIssue({ code: "custom", message: `${q} needs "than" or a quantity` });
    if (q !== "qualitative" && c.measures.length === 0)
      ctx.addIssue({
        code: "custom",
        message: `${q} rule needs measures (use qualitative with no evidence when none)`,
      });
    if (c.low !== null && c.high !== null && c.low > c.high)
      ctx.addIssue({ code: "custom", message: "low must be <= high" });
  });
export type Claim = z.infer<typeof ClaimSchema>;

/** A forecast made in the talk: registered in the predictions ledger with a resolution criterion and due date. */
export const TalkForecastSchema = z
  .object({
    id: z.string().regex(/^T\d{2,}$/),
    statement: nonEmpty("statement"),
    quote: nonEmpty("quote"),
    paragraph: z.number().int().positive(),
    speaker: z.enum(SPEAKERS),
    /** What would make it true, observable from a public source. */
    criterion: nonEmpty("criterion"),
    /** YYYY-MM-DD: when it can be judged. */
    due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** Why that due date (the talk's horizon, or a bubblescope convention). */
    dueBasis: nonEmpty("dueBasis"),
    /** A probability stated or clearly implied by the speaker, else null (Brier scores need one). */
    probability: z.number().min(0).max(1).nullable(),
  })
  .strict();
export type TalkForecast = z.infer<typeof TalkForecastSchema>;

/** The talk's data file: its recording date (and how it was derived), its claims and its forecasts. */
export const TalkFileSchema = z
  .object({
    talk: z
      .object({
        title: nonEmpty("title"),
        published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        recorded: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        recordedBasis: nonEmpty("recordedBasis"),
        transcript: nonEmpty("transcript"),
      })
      .strict(),
    claims: z.array(ClaimSchema),
    forecasts: z.array(TalkForecastSchema),
  })
  .strict();
export type TalkFile = z.infer<typeof TalkFileSchema>;
