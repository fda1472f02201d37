/**
 * The published schema of report.json (zod; `npm run schema` writes schema/report.schema.json from it, and a test
 * checks the committed file is current). Required fields are the ones users rely on; objects allow extra fields.
 */
import { z } from "zod";

const evidence = z.array(z.string());
const verdict = z.enum(["bubble-like", "healthy", "inconclusive"]);
const num = z.number().nullable();

const macroValuation = z.looseObject({
  id: z.enum(["cape", "buffett"]),
  label: z.string(),
  unit: z.string(),
  formula: z.string(),
  evidence,
  marks: z.array(z.looseObject({ key: z.string(), date: z.string(), value: z.number(), percentile: z.number() })),
  check: z.looseObject({ compared: z.number().int(), maxRelDeviation: z.number(), tolerance: z.string() }),
  history: z.array(z.tuple([z.string(), num])),
});

const adjustedRow = z.looseObject({
  id: z.string(),
  label: z.string(),
  estimator: z.enum(["ols", "dols"]),
  trend: z.boolean(),
  nullModel: z.enum(["wild", "iid"]),
  from: z.string(),
  to: z.string(),
  n: z.number().int(),
  gsadf: z.number(),
  gsadfCv: z.array(z.number()),
  rejected: z.boolean(),
  eras: z.array(
    z.looseObject({
      era: z.enum(["2000", "ai"]),
      verdict: z.enum(["speculative episode", "no speculative episode", "not covered"]),
      episodes: z.array(z.looseObject({ start: z.string(), end: z.string(), duration: z.number() })),
    }),
  ),
  evidence,
});

export const ReportSchema = z.looseObject({
  schemaVersion: z.literal(1),
  title: z.string(),
  question: z.string(),
  asOf: z.string().nullable(),
  run: z.looseObject({
    tool: z.literal("bubblescope"),
    version: z.string(),
    seed: z.number().int(),
    draws: z.number().int(),
    nrep: z.number().int(),
  }),
  sources: z.looseObject({
    ledger: z.looseObject({ file: z.string(), figures: z.number().int(), deals: z.number().int() }),
    prices: z.looseObject({
      origin: z.string(),
      dir: z.string().nullable(),
      series: z.array(
        z.looseObject({
          key: z.string(),
          id: z.string(),
          file: z.string(),
          from: z.string(),
          to: z.string(),
          observations: z.number().int(),
        }),
      ),
    }),
  }),
  meta: z.looseObject({
    snapshotLastDate: z.string().nullable(),
    prices: z.array(
      z.looseObject({
        key: z.string(),
        section: z.string(),
        id: z.string(),
        origin: z.string(),
        from: z.string(),
        to: z.string(),
        newer: z.boolean(),
      }),
    ),
    pricesLine: z.string(),
  }),
  headline: z.array(z.looseObject({ text: z.string(), evidence })),
  claims: z.array(
    z.looseObject({
      id: z.string(),
      text: z.string(),
      quote: z.string(),
      paragraph: z.number().int(),
      speaker: z.string(),
      source: z.string(),
      judgedAsOf: z.string(),
      status: z.enum(["supported", "qualified", "contradicted", "unverified"]),
      reason: z.string(),
      statusToday: z.enum(["supported", "qualified", "contradicted", "unverified"]),
      reasonToday: z.string(),
      sinceThen: z.array(z.looseObject({ id: z.string(), text: z.string(), knownFrom: z.string(), evidence })),
      evidence,
    }),
  ),
  predictions: z.array(
    z.looseObject({
      id: z.string(),
      origin: z.enum(["talk", "psy", "lppls", "other"]),
      statement: z.string(),
      criterion: z.string(),
      made: z.string(),
      due: z.string(),
      source: z.string(),
      status: z.enum(["open", "due", "resolved-true", "resolved-false"]),
      hash: z.string(),
      evidence,
    }),
  ),
  predictionScore: z.looseObject({ forecasts: z.number().int(), brier: z.number().nullable(), source: z.string() }),
  indicators: z.array(
    z.looseObject({
      id: z.string(),
      era: z.enum(["2000", "ai"]),
      label: z.string(),
      value: num,
      unit: z.string(),
      formula: z.string(),
      evidence,
      verdict,
      reason: z.string(),
      computed: z.boolean(),
    }),
  ),
  frameworks: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      verdict,
      computed: z.boolean(),
      reasons: z.array(z.string()),
      evidence,
      source: z.string(),
    }),
  ),
  sensitivity: z.array(
    z.looseObject({
      subject: z.string(),
      verdict,
      input: z.string(),
      to: z.number(),
      newVerdict: verdict,
      sentence: z.string(),
      evidence,
    }),
  ),
  detectors: z.looseObject({
    psy: z.array(
      z.looseObject({
        id: z.string(),
        era: z.enum(["2000", "ai"]),
        label: z.string(),
        evidence,
        gsadf: num,
        gsadfCv: z.array(z.number()),
        rejected: z.boolean(),
        episodes: z.array(
          z.looseObject({
            start: z.union([z.string(), z.number()]),
            end: z.union([z.string(), z.number()]),
            duration: z.number(),
            ongoing: z.boolean(),
          }),
        ),
        index: z.array(z.union([z.string(), z.number()])),
        bsadf: z.array(num),
        cv95: z.array(num),
      }),
    ),
    lppls: z.array(
      z.looseObject({
        id: z.string(),
        era: z.enum(["2000", "ai"]),
        label: z.string(),
        evidence,
        window: z.looseObject({ start: z.string(), end: z.string(), n: z.number().int() }),
        fit: z.union([
          z.looseObject({
            ok: z.literal(true),
            tcDate: z.string(),
            tcDaysAfterLast: z.number(),
            m: z.number(),
            omega: z.number(),
            qualified: z.boolean(),
          }),
          z.looseObject({ ok: z.literal(false), reason: z.string(), qualified: z.literal(false) }),
        ]),
        tcDistribution: z.looseObject({
          windows: z.number().int(),
          qualified: z.number().int(),
          quantiles: z.array(z.looseObject({ p: z.number(), date: z.string().nullable() })),
        }),
        indicator: z.array(z.looseObject({ date: z.string(), posConf: z.number(), negConf: z.number() })),
      }),
    ),
  }),
  eraPaths: z.looseObject({
    index: z.array(z.looseObject({ label: z.string(), evidence })),
    bellwethers: z.array(z.looseObject({ label: z.string(), evidence })),
  }),
  deals: z.looseObject({
    nodes: z.array(z.looseObject({ id: z.string(), x: z.number(), y: z.number(), evidence })),
    edges: z.array(z.looseObject({ from: z.string(), to: z.string(), evidence })),
    cycles: z.array(z.looseObject({ nodes: z.array(z.string()), evidence })),
  }),
  ledger: z.array(
    z.looseObject({
      id: z.string(),
      value: z.number(),
      unit: z.string(),
      source_title: z.string(),
      source_url: z.string(),
    }),
  ),
  notComputed: z.array(z.looseObject({ section: z.string(), reason: z.string() })),
  // Market-wide valuation and the technology-adjusted test (src/report/macro-section.ts).
  macro: z
    .looseObject({
      source: z.string(),
      evidence,
      valuation: z.looseObject({
        cape: macroValuation,
        buffett: macroValuation,
      }),
      ratioPsy: z.array(
        z.looseObject({
          id: z.string(),
          label: z.string(),
          evidence,
          n: z.number().int(),
          gsadf: num,
          gsadfCv: z.array(z.number()),
          rejected: z.boolean(),
          eras: z.array(z.looseObject({ era: z.enum(["2000", "ai"]), verdict: z.string() })),
        }),
      ),
      techAdjusted: z
        .looseObject({
          source: z.string(),
          evidence,
          nboot: z.number().int(),
          seed: z.number().int(),
          specification: z.looseObject({
            dependent: z.string(),
            proxies: z.array(z.string()),
            controls: z.array(z.string()),
            estimator: z.string(),
            sample: z.string(),
          }),
          primary: adjustedRow,
          raw: adjustedRow,
          robustness: z.array(adjustedRow),
          paper: z.array(z.looseObject({ claim: z.string(), ours: z.string(), agrees: z.boolean() })),
          caveat: z.string(),
        })
        .nullable(),
    })
    .nullable(),
  // Bubble breadth: the 2000 basket at the peak first, then the AI basket (src/report/breadth-section.ts).
  breadth: z
    .looseObject({
      source: z.string(),
      text: z.string(),
      settings: z.looseObject({ window: z.number().int(), lag: z.number().int(), nrep: z.number().int() }),
      entries: z.array(
        z.looseObject({
          basket: z.string(),
          era: z.enum(["2000", "ai"]),
          point: z.enum(["2000 peak", "talk date", "latest"]),
          label: z.string(),
          asOf: z.string().nullable(),
          date: z.string().nullable(),
          refDate: z.string(),
          share: num,
          explosive: z.number().int(),
          covered: z.number().int(),
          members: z.number().int(),
          peakShare: num,
          peakDate: z.string().nullable(),
          explosiveSeries: z.array(z.looseObject({ name: z.string(), since: z.string() })),
          failed: z.array(z.looseObject({ name: z.string(), reason: z.string() })),
          path: z.looseObject({ dates: z.array(z.string()), share: z.array(num) }),
          evidence,
          source: z.string(),
        }),
      ),
    })
    .nullable(),
});

export type ReportJson = z.infer<typeof ReportSchema>;

/** The JSON Schema (draft 2020-12) published beside the report. */
export function reportJsonSchema(): unknown {
  return z.toJSONSchema(ReportSchema, { target: "draft-2020-12" });
}
