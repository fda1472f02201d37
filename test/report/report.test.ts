/**
 * The report model on the bundled price snapshot (data/prices; no research folder needed, nothing skipped):
 * schema-valid, every number traced to evidence, a golden summary (verdicts, statuses, rounded values) that changes
 * only on purpose, the HTML's numbers all carrying evidence ids, a normalised SVG snapshot, the header naming the
 * snapshot and each series used, the as-of replay, the store path and the no-price-data path.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { dateFigures } from "../../src/evidence/load.ts";
import { loadEvidence } from "../../src/node/evidence-files.ts";
import { buildReport, type ReportModel } from "../../src/report/build.ts";
import { buildCharts } from "../../src/report/charts.ts";
import { renderHtml } from "../../src/report/html.ts";
import { ReportSchema, reportJsonSchema } from "../../src/report/schema.ts";
import { snapshotManifest } from "../../src/report/snapshot.ts";
import { REPO } from "../helpers/cli.ts";
import { assertGolden } from "../helpers/golden.ts";
import { untracedNumbers } from "../helpers/provenance.ts";

const cache = mkdtempSync(join(tmpdir(), "bubblescope-report-"));
process.env.BUBBLESCOPE_CACHE = join(cache, "cv");
// Only the bundled snapshot: no user store, no $BUBBLESCOPE_DATA.
delete process.env.BUBBLESCOPE_DATA;
const noStore = join(cache, "no-store");
after(() => rmSync(cache, { recursive: true, force: true }));

const ev = loadEvidence();
const base = {
  figures: ev.figures,
  deals: ev.deals,
  ledgerFile: "data/evidence.csv",
  storeDir: noStore,
  seed: 123,
  nrep: 199,
  draws: 400,
};

/** The parts of the report a reader acts on, rounded so that only real changes show. */
function goldenSummary(r: ReportModel) {
  const r4 = (v: number | null) => (v === null ? null : Number(v.toPrecision(4)));
  return {
    claims: Object.fromEntries(r.claims.map((c) => [c.id, c.status])),
    indicators: Object.fromEntries(r.indicators.map((i) => [i.id, [r4(i.value), i.verdict]])),
    frameworks: Object.fromEntries(
      r.frameworks.map((f) => [
        `${f.id}${f.name.includes("(") ? ` ${f.name.slice(f.name.indexOf("("))}` : ""}`,
        f.verdict,
      ]),
    ),
    psy: Object.fromEntries(r.detectors.psy.map((p) => [p.id, { n: p.n, gsadf: r4(p.gsadf), rejected: p.rejected }])),
    lppls: Object.fromEntries(
      r.detectors.lppls.map((l) => [
        l.id,
        { qualifiedWindows: l.tcDistribution.qualified, fitQualified: l.fit.qualified },
      ]),
    ),
    cycles: r.deals.cycles.length,
    breadth: (r.breadth?.entries ?? []).map((e) => ({
      basket: e.basket,
      point: e.point,
      date: e.date,
      explosive: e.explosiveSeries.map((x) => x.name),
      covered: e.covered,
    })),
  };
}

function normaliseSvg(svg: string): string {
  return svg.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, "0").replace(/zr\d+-c\d+/g, "id");
}

describe("report on the bundled price snapshot", () => {
  let r: ReportModel;
  before(async () => {
    r = await buildReport(base);
  });
  test("every price section is computed from the snapshot, and the header names it and each series", () => {
    const manifest = snapshotManifest();
    assert.ok(manifest, "data/prices/manifest.json exists");
    assert.equal(r.meta.snapshotLastDate, manifest.lastDate);
    assert.deepEqual(
      r.meta.prices.map((p) => [p.key, p.id, p.origin]),
      [
        ["NASDAQ_2000", "prices:nasdaq_composite_daily_fred", "the bundled snapshot (data/prices)"],
        ["CSCO", "prices:csco_daily_yahoo_to2020", "the bundled snapshot (data/prices)"],
        ["NASDAQ_AI", "prices:nasdaq_composite_daily_fred", "the bundled snapshot (data/prices)"],
        ["NVDA", "prices:nvda_daily_yahoo_2019_2026", "the bundled snapshot (data/prices)"],
        ["NASDAQ", "prices:nasdaq_composite_daily_fred", "the bundled snapshot (data/prices)"],
      ],
    );
    assert.ok(r.meta.prices.every((p) => !p.newer));
    assert.match(r.meta.pricesLine, new RegExp(`snapshot to ${manifest.lastDate}`));
    assert.match(r.meta.pricesLine, /Nvidia \(AI era\): prices:nvda_daily_yahoo_2019_2026, 2019-05-16 – 2026-05-15/);
    // No price section is "not computed": PSY and LPPLS on the two 2000-era series at their peak and on the two
    // AI-era series at the talk date and at the latest date; GMO/GSY from prices.
    assert.equal(r.detectors.psy.length, 6);
    assert.equal(r.detectors.lppls.length, 6);
    // GMO's trend is fitted out of sample (10+ years before the 5-year window it judges): a single stock's bundled
    // history is too short for it (Cisco from 1993, Nvidia from 2019), so GMO runs on the Nasdaq's whole history,
    // at the 2000 peak, the talk date and the latest date; the stocks' GMO runs say why they are not computed.
    const shortHistory = (n: { section: string; reason: string }) =>
      /^framework gmo-2sigma:(CSCO|NVDA)@/.test(n.section) && /needs at least 10 years of data/.test(n.reason);
    const priceSections = r.notComputed.filter(
      (n) =>
        !shortHistory(n) &&
        (/^(Nasdaq Composite|Cisco|Nvidia) \(|^LPPLS|^framework (gmo|gsy)/.test(n.section) ||
          /price data|price series|prices/i.test(n.reason)),
    );
    assert.deepEqual(priceSections, []);
    for (const at of ["2000-peak", "talk-date", "latest"])
      assert.ok(
        r.frameworks.some((f) => f.id === `gmo-2sigma:NASDAQ@${at}` && f.computed),
        `GMO 2σ on the Nasdaq at ${at}`,
      );
    const html = renderHtml(r, buildCharts(r));
    assert.match(html, /data-meta="prices">Bundled price snapshot to \d{4}-\d{2}-\d{2}/);
  });
  test("validates against the published schema, and the committed schema file is current", () => {
    const parsed = ReportSchema.safeParse(JSON.parse(JSON.stringify(r)));
    assert.ok(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3)));
    const committed = JSON.parse(readFileSync(join(REPO, "schema/report.schema.json"), "utf8"));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(reportJsonSchema())), "run `npm run schema`");
  });
  test("every number in report.json carries the evidence it was computed from", () => {
    // schemaVersion is the file format's version, not a figure.
    const bad = untracedNumbers(JSON.parse(JSON.stringify(r))).filter((p) => p !== "$.schemaVersion");
    assert.deepEqual(bad.slice(0, 10), [], `${bad.length} numbers without provenance`);
  });
  test("golden summary: claim statuses, indicator values and verdicts, framework verdicts, PSY decisions", () => {
    const now = `${JSON.stringify(goldenSummary(r), null, 2)}\n`;
    assertGolden(join(REPO, "test/golden/report-summary.json"), now);
  });
  test("both eras are present: indicators, PSY series and aligned price paths", () => {
    for (const era of ["2000", "ai"]) {
      assert.ok(
        r.indicators.some((i) => i.era === era && i.computed),
        `indicators ${era}`,
      );
      assert.ok(
        r.detectors.psy.some((p) => p.era === era),
        `psy ${era}`,
      );
      assert.ok(
        r.eraPaths.index.some((p) => p.era === era),
        `paths ${era}`,
      );
    }
    const nasdaq2000 = r.eraPaths.index.find((p) => p.era === "2000")!;
    assert.equal(nasdaq2000.peakDate, "2000-03-10");
    assert.equal(nasdaq2000.peakValue, 5048.62);
  });
  test("bubble breadth: the 2000 basket at the peak first, then the AI basket; a section and a chart in the HTML", () => {
    assert.deepEqual(
      r.breadth?.entries.map((e) => `${e.basket}@${e.point}`),
      ["telecom-2000@2000 peak", "ai@talk date", "ai@latest"],
    );
    const html = renderHtml(r, buildCharts(r));
    const at = (re: RegExp) => html.search(re);
    assert.ok(at(/<h3 id="breadth">/) > 0, "breadth section");
    assert.ok(at(/data-basket="telecom-2000"/) < at(/data-basket="ai"/), "2000 row before the AI rows");
    assert.ok(at(/data-chart="breadth"/) > at(/<h3 id="breadth">/), "breadth chart inside the section");
  });
  test("HTML: every number carries evidence ids, every chart is an inline SVG, sources are linked", () => {
    const charts = buildCharts(r);
    const html = renderHtml(r, charts);
    const nums = [...html.matchAll(/<span class="num" data-evidence="([^"]*)">/g)];
    assert.ok(nums.length > 100, `${nums.length} numbers`);
    assert.deepEqual(nums.filter((m) => m[1].trim() === "").length, 0);
    const figures = [...html.matchAll(/<figure class="chart" data-chart="([^"]+)"[^>]*>(.{0,5})/g)];
    assert.ok(figures.length >= 10, `${figures.length} charts`);
    for (const f of figures) assert.equal(f[2], "<svg ", `${f[1]} is inline SVG`);
    assert.match(html, /<a href="https?:\/\/[^"]+" rel="noopener">/);
    assert.ok(!/<script/i.test(html), "no scripts: works offline");
  });
  test("a failed LPPLS fit reaches the table, the chart and the headline as text, never as numbers", () => {
    const l = r.detectors.lppls[0];
    const failed: ReportModel = {
      ...r,
      detectors: {
        ...r.detectors,
        lppls: [
          {
            ...l,
            fit: { ok: false, reason: "every LPPLS search failed (no fit)", qualified: false },
            chart: { ...l.chart, fitT: [], fitY: [], tc: null },
          },
        ],
      },
    };
    const charts = buildCharts(failed);
    const html = renderHtml(failed, charts);
    assert.match(html, /no fit: every LPPLS search failed/);
    assert.doesNotMatch(html, /NaT|NaN|-7\d{5}|−7\d{2},\d{3}/);
    const svg = charts.get(`${l.id}-fit`)!;
    assert.ok(svg.includes("<svg"));
    assert.doesNotMatch(svg, /NaN|NaT/);
  });
  test("SVG snapshot (numbers and ids normalised): the aligned price paths", () => {
    const svg = buildCharts(r).get("era-paths-index")!;
    assertGolden(join(REPO, "test/golden/era-paths-index.svg"), normaliseSvg(svg), svg);
  });
});

describe("report without price data", () => {
  test("says which sections it could not compute and still renders the ledger-based ones", async () => {
    const empty = mkdtempSync(join(tmpdir(), "bubblescope-noprices-"));
    try {
      const r = await buildReport({ ...base, dataDir: empty });
      assert.equal(r.detectors.psy.length, 0);
      assert.ok(r.notComputed.some((n) => /Nasdaq Composite/.test(n.section) && /not found/.test(n.reason)));
      assert.ok(r.indicators.filter((i) => i.computed).length >= 10);
      assert.ok(r.claims.length >= 10);
      assert.ok(r.frameworks.some((f) => f.id === "gmo-2sigma" && !f.computed));
      const html = renderHtml(r, buildCharts(r));
      assert.match(html, /Not computed, and why/);
      assert.deepEqual(untracedNumbers(JSON.parse(JSON.stringify(r))), ["$.schemaVersion"]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
  test("as of 2000-06-30 the AI era is absent and the 2000 evidence remains", async () => {
    const r = await buildReport({ ...base, asOf: "2000-06-30" });
    assert.equal(r.asOf, "2000-06-30");
    assert.ok(r.detectors.psy.length >= 1, "the 2000-era PSY tests run on prices up to the date");
    assert.ok(r.detectors.psy.every((p) => p.era === "2000" && p.to <= "2000-06-30"));
    assert.ok(r.meta.prices.every((p) => p.to <= "2000-06-30"));
    // Nothing known only later: every computed indicator rests on rows known by the date.
    const knownFrom = new Map(dateFigures(ev.figures).map((f) => [f.id, f.knownFrom]));
    const computed = r.indicators.filter((i) => i.computed);
    assert.ok(computed.length > 0);
    const late = computed.flatMap((i) => i.evidence).filter((id) => (knownFrom.get(id) ?? "") > "2000-06-30");
    assert.deepEqual(late, []);
    assert.equal(r.indicators.filter((i) => i.era === "ai" && i.computed).length, 0);
    assert.ok(r.indicators.some((i) => i.era === "2000" && i.computed));
    assert.ok(r.notComputed.some((n) => /AI era/.test(n.section) && /before this series starts/.test(n.reason)));
  });
});

describe("report prices from the data store", () => {
  test("with no --data, the store's series are used and cited as store:ID", async () => {
    const { openStore } = await import("../../src/data/store.ts");
    const { importCsvFile } = await import("../../src/data/import.ts");
    const storeDir = mkdtempSync(join(tmpdir(), "bubblescope-store-"));
    try {
      const st = await openStore({ dir: storeDir });
      try {
        await importCsvFile(st, join(REPO, "data/prices/nvda_daily_yahoo_2019_2026.csv"), { id: "NVDA" });
      } finally {
        st.close();
      }
      const r = await buildReport({ ...base, storeDir, nrep: 19 });
      const nvda = r.sources.prices.series.find((s) => s.key === "NVDA")!;
      assert.equal(nvda.id, "store:NVDA");
      assert.match(r.sources.prices.origin, /data store/);
      assert.ok(r.detectors.psy.some((p) => p.evidence.includes("store:NVDA")));
      // Series the store lacks still come from the price folder.
      assert.ok(r.sources.prices.series.some((s) => s.id.startsWith("prices:")));
    } finally {
      rmSync(storeDir, { recursive: true, force: true });
    }
  });
});

describe("SEC fundamentals from the data store feed the evidence engine", () => {
  test("capex / OCF of the four spenders is computed from SEC rows, cited by EDGAR URL and accession", async () => {
    const { openStore } = await import("../../src/data/store.ts");
    const storeDir = mkdtempSync(join(tmpdir(), "bubblescope-sec-"));
    // Test rows in EDGAR's shape; the values are made up for this test and cited nowhere.
    const companies: [string, string, number, number][] = [
      ["MSFT", "0000789019", 60, 130],
      ["GOOGL", "0001652044", 50, 120],
      ["AMZN", "0001018724", 80, 110],
      ["META", "0001326801", 40, 90],
    ];
    try {
      const st = await openStore({ dir: storeDir });
      try {
        for (const [t, cik, capex, ocf] of companies) {
          const row = (metric: string, concept: string, value: number) => ({
            company: t,
            cik,
            entityName: `${t} Corp`,
            metric,
            concept,
            periodType: "annual" as const,
            periodStart: "2024-07-01",
            periodEnd: "2025-06-30",
            fiscalYear: 2025,
            fiscalPeriod: "FY",
            value: value * 1e9,
            unit: "USD",
            form: "10-K",
            accession: `${cik}-25-000001`,
            filed: "2025-07-30",
            frame: "CY2024",
            derived: false,
          });
          await st.putFundamentals(
            t,
            [
              row("capex", "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment", capex),
              row("operating_cash_flow", "us-gaap:NetCashProvidedByUsedInOperatingActivities", ocf),
            ],
            {
              source: "sec",
              sourceUrl: `https://data.sec.gov/api/xbrl/companyfacts/CIK${cik}.json`,
              retrievedAt: "2025-08-01T00:00:00Z",
              checksum: "0".repeat(64),
              bytes: 1,
            },
          );
        }
      } finally {
        st.close();
      }
      const withStore = await buildReport({ ...base, storeDir, draws: 50 });
      const ind = withStore.indicators.find((i) => i.id === "capex-ocf-ai-sec")!;
      assert.ok(ind.computed, ind.reason);
      assert.ok(Math.abs(ind.value! - (100 * 230) / 450) < 1e-9, String(ind.value));
      assert.deepEqual(
        [...ind.evidence].sort(),
        companies.flatMap(([t]) => [`SEC-${t}-capex-FY2025`, `SEC-${t}-fcf-FY2025`]).sort(),
      );
      const row = withStore.ledger.find((l) => l.id === "SEC-MSFT-capex-FY2025")!;
      assert.match(row.source_url, /data\.sec\.gov\/api\/xbrl\/companyfacts\/CIK0000789019\.json/);
      assert.match(row.note, /0000789019-25-000001/);
      assert.equal(withStore.sources.ledger.secFigures > 0, true);
    } finally {
      rmSync(storeDir, { recursive: true, force: true });
    }
  });
});
