/**
 * Connector parsing on recorded-format fixtures: SEC company facts (duplicates across filings, a restatement,
 * two revenue concepts, several units, an 8-K fact, derived quarters), FRED (keyless CSV with ".", API JSON with
 * the key redacted everywhere), Stooq ("No data", daily-limit text), and evidence rows from the fundamentals.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { DiskCache } from "../../src/data/cache.ts";
import { fetchFredSeries, parseFredCsv, parseFredObservations, redactApiKey } from "../../src/data/connectors/fred.ts";
import { companyFactsUrl, padCik, parseCompanyFacts, resolveSecUserAgent } from "../../src/data/connectors/sec.ts";
import { parseStooqCsv } from "../../src/data/connectors/stooq.ts";
import { fundamentalsAsEvidence } from "../../src/data/evidence.ts";
import { openStore } from "../../src/data/store.ts";
import { fixture, fixtureRoutes, startLoopback } from "./helpers/loopback.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-conn-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const facts = (): ReturnType<typeof parseCompanyFacts> =>
  parseCompanyFacts(JSON.parse(fixture("sec", "companyfacts_CIK0000789019.json")), "MSFT", 789019);

test("SEC: CIK padding, URL, declared User-Agent required", () => {
  assert.equal(padCik(2488), "0000002488");
  assert.equal(companyFactsUrl("CIK789019"), "https://data.sec.gov/api/xbrl/companyfacts/CIK0000789019.json");
  assert.throws(() => padCik("12a"), /invalid CIK/);
  assert.throws(() => resolveSecUserAgent(undefined, {}), /set BUBBLESCOPE_SEC_USER_AGENT=/);
  assert.throws(() => resolveSecUserAgent("bot", {}), /no contact e-mail address/);
  assert.equal(resolveSecUserAgent(undefined, { BUBBLESCOPE_SEC_USER_AGENT: "A B a@b.org" }), "A B a@b.org");
});

test("SEC: annual capex resolved to the latest filing when several report the same year", () => {
  const f = facts();
  const capex = f.rows.filter((r) => r.metric === "capex" && r.periodType === "annual");
  assert.deepEqual(
    capex.map((r) => [r.fiscalYear, r.value, r.accession]),
    [
      [2023, 28107000000, "0000950170-25-100235"],
      [2024, 44477000000, "0000950170-25-100235"],
      [2025, 64551000000, "0000950170-25-100235"],
    ],
  );
  assert.equal(capex[2].concept, "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment");
  assert.equal(capex[2].frame, "CY2024");
  assert.equal(f.report.duplicatesResolved, 8);
});

test("SEC: discrete quarters, reported and derived from year-to-date values", () => {
  const q = facts().rows.filter((r) => r.metric === "capex" && r.periodType === "quarterly");
  assert.deepEqual(
    q.map((r) => [r.periodStart, r.periodEnd, r.value, r.derived, r.fiscalYear, r.fiscalPeriod, r.accession]),
    [
      ["2023-07-01", "2023-09-30", 9917000000, false, 2024, "Q1", "0000950170-24-118967"],
      ["2024-07-01", "2024-09-30", 14923000000, false, 2025, "Q1", "0000950170-25-010491"],
      ["2024-10-01", "2024-12-31", 15917000000, true, 2025, "Q2", "0000950170-25-010491"],
      ["2025-01-01", "2025-03-31", 16695000000, true, 2025, "Q3", "0000950170-25-061046"],
      ["2025-04-01", "2025-06-30", 17016000000, true, 2025, "Q4", "0000950170-25-100235"],
    ],
  );
});

test("SEC: restated revenue, old Revenues concept for early years, 8-K and non-USD units ignored", () => {
  const f = facts();
  const rev = f.rows.filter((r) => r.metric === "revenue" && r.periodType === "annual");
  assert.deepEqual(
    rev.map((r) => [r.fiscalYear, r.value, r.concept]),
    [
      [2017, 89950000000, "us-gaap:Revenues"],
      [2023, 211915000000, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"],
      [2024, 245100000000, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"],
      [2025, 281724000000, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"],
    ],
  );
  const ni = f.rows.filter((r) => r.metric === "net_income");
  assert.deepEqual(
    ni.map((r) => r.value),
    [101832000000],
  );
  assert.deepEqual(f.report.ignoredUnits, ["GrossProfit:EUR"]);
  assert.deepEqual(f.report.missingMetrics, []);
  assert.ok(f.rows.every((r) => r.unit === "USD" && Number.isFinite(r.value)));
  const cash = f.rows.filter((r) => r.metric === "cash_and_marketable_securities");
  assert.deepEqual(
    cash.map((r) => [r.periodEnd, r.periodType, r.fiscalYear, r.fiscalPeriod, r.value]),
    [
      ["2024-06-30", "instant", 2024, "FY", 75543000000],
      ["2025-06-30", "instant", 2025, "FY", 94565000000],
    ],
  );
  assert.equal(f.entityName, "MICROSOFT CORPORATION");
});

test("SEC: a document for another CIK, or not company facts, is refused", () => {
  const doc = JSON.parse(fixture("sec", "companyfacts_CIK0000789019.json"));
  assert.throws(
    () => parseCompanyFacts(doc, "NVDA", 1045810),
    /asked for CIK 0001045810, the document is for CIK 0000789019/,
  );
  assert.throws(() => parseCompanyFacts({ cik: 1 }, "X"), /no "facts" object/);
  assert.throws(() => parseCompanyFacts([], "X"), /no "facts" object|not a JSON object/);
  const empty = parseCompanyFacts({ cik: 5, entityName: "E", facts: { "us-gaap": {} } }, "E");
  assert.equal(empty.rows.length, 0);
  assert.equal(empty.report.missingMetrics.length, 10);
});

test("evidence rows from stored fundamentals follow the ledger's columns and cite the accession", async () => {
  const store = await openStore({ dir: join(tmp, "ev") });
  try {
    assert.deepEqual(await fundamentalsAsEvidence(store), []);
    const f = facts();
    await store.putFundamentals("MSFT", f.rows, {
      source: "sec",
      sourceUrl: companyFactsUrl(789019),
      retrievedAt: "2025-08-01T00:00:00Z",
      checksum: "x",
      bytes: 1,
    });
    const ev = await fundamentalsAsEvidence(store);
    const by = new Map(ev.map((e) => [e.id, e]));
    assert.deepEqual(
      ev.map((e) => [e.id, e.value, e.unit]),
      [
        ["SEC-MSFT-capex-FY2025", 64.551, "USD bn"],
        ["SEC-MSFT-capex-growth-FY2025", 45.13, "percent"],
        ["SEC-MSFT-capex-to-ocf-FY2025", 47.41, "percent"],
        ["SEC-MSFT-fcf-FY2025", 71.611, "USD bn"],
        ["SEC-MSFT-capex-to-revenue-FY2025", 22.91, "percent"],
        ["SEC-MSFT-operating-margin-FY2025", 45.62, "percent"],
        ["SEC-MSFT-cash-FY2025", 94.565, "USD bn"],
        ["SEC-MSFT-debt-FY2025", 43.151, "USD bn"],
        ["SEC-MSFT-capex-2025-06-30", 17.016, "USD bn"],
      ],
    );
    const capex = by.get("SEC-MSFT-capex-FY2025");
    assert.ok(capex);
    const LEDGER =
      "id,era,topic,entity,metric,value,unit,as_of,low,high,claim_in_talk,source_title,source_url,note".split(",");
    assert.deepEqual(Object.keys(capex).sort(), [...LEDGER, "published"].sort());
    assert.equal(capex.era, "ai");
    assert.equal(capex.topic, "capex");
    assert.equal(capex.as_of, "FY2025 (Jun)");
    assert.equal(capex.published, "2025-07-30");
    assert.equal(by.get("SEC-MSFT-cash-FY2025")?.as_of, "2025-06-30");
    assert.equal(by.get("SEC-MSFT-capex-2025-06-30")?.as_of, "2025-Q2");
    assert.equal(capex.source_url, "https://data.sec.gov/api/xbrl/companyfacts/CIK0000789019.json");
    assert.match(
      capex.note,
      /accession 0000950170-25-100235 \(10-K filed 2025-07-30, https:\/\/www\.sec\.gov\/Archives\/edgar\/data\/789019\/000095017025100235\/\)/,
    );
    assert.match(by.get("SEC-MSFT-capex-2025-06-30")?.note ?? "", /quarter derived from year-to-date values/);
    assert.equal(by.get("SEC-MSFT-capex-2025-06-30")?.metric, "capital expenditure, FY2025 Q4");
  } finally {
    store.close();
  }
});

test("FRED keyless CSV and API JSON: '.' dropped and counted, key redacted in cache and messages", async () => {
  const csv = parseFredCsv(fixture("fred", "fredgraph_NASDAQCOM.csv"), "NASDAQCOM");
  assert.equal(csv.rows.close.length, 14);
  const api = parseFredObservations(JSON.parse(fixture("fred", "observations_CPIAUCSL.json")), "CPIAUCSL");
  assert.deepEqual(api.rows.close, [313.534, 314.121, 314.686, 316.449, 317.603]);
  assert.match(api.warnings[0], /^1 row\(s\) with a missing CPIAUCSL value dropped/);
  assert.throws(
    () =>
      parseFredObservations(
        { error_code: 400, error_message: "Bad Request. The value for variable api_key is not registered." },
        "X",
      ),
    /FRED X: Bad Request/,
  );
  assert.equal(
    redactApiKey("https://x/y?series_id=A&api_key=abc123&file_type=json"),
    "https://x/y?series_id=A&api_key=REDACTED&file_type=json",
  );
  const srv = await startLoopback(fixtureRoutes);
  try {
    const cache = new DiskCache(join(tmp, "fred-cache"));
    const r = await fetchFredSeries({ cache }, { seriesId: "CPIAUCSL", apiKey: "sekret-key-123", apiBaseUrl: srv.url });
    assert.equal(r.value.via, "api");
    assert.equal(r.meta.url, `${srv.url}/fred/series/observations?series_id=CPIAUCSL&api_key=REDACTED&file_type=json`);
    assert.match(srv.requests[0].path, /api_key=sekret-key-123/);
    for (const f of readdirSync(cache.dir)) assert.ok(!readFileSync(join(cache.dir, f), "utf8").includes("sekret"), f);
    const k = await fetchFredSeries({ cache }, { seriesId: "NASDAQCOM", apiKey: "", csvBaseUrl: srv.url });
    assert.equal(k.value.via, "csv");
    assert.equal(k.value.rows.close.length, 14);
    await assert.rejects(fetchFredSeries({ cache }, { seriesId: "BAD ID" }), /invalid FRED series id/);
  } finally {
    await srv.close();
  }
});

test("Stooq: daily CSV parsed; 'No data' and the daily-limit text fail clearly", () => {
  const p = parseStooqCsv(fixture("stooq", "nvda.us.csv"), "nvda.us");
  assert.equal(p.rows.close.length, 8);
  assert.equal(p.rows.adj_close[0], null);
  assert.deepEqual(p.warnings, []);
  assert.throws(() => parseStooqCsv("No data", "zzzz.us"), /Stooq has no data for symbol "zzzz.us"/);
  assert.throws(() => parseStooqCsv("Exceeded the daily hits limit", "nvda.us"), /daily hits limit exceeded/);
  assert.throws(() => parseStooqCsv("date,close\n2024-01-02,1\n", "x"), /expected Date,Open,High,Low,Close,Volume/);
});

test("evidence rows satisfy the ledger's unit and period vocabularies", async () => {
  const { parseUnit } = await import("../../src/evidence/units.ts");
  const { parsePeriod } = await import("../../src/evidence/period.ts");
  const store = await openStore({ dir: join(tmp, "ev2") });
  try {
    await store.putFundamentals("MSFT", facts().rows, {
      source: "sec",
      sourceUrl: "u",
      retrievedAt: "2025-08-01T00:00:00Z",
      checksum: "x",
      bytes: 1,
    });
    for (const e of await fundamentalsAsEvidence(store)) {
      assert.ok(parseUnit(e.unit), `${e.id}: unit ${e.unit}`);
      assert.ok(parsePeriod(e.as_of), `${e.id}: as_of ${e.as_of}`);
      assert.ok(["capex", "cash_flow", "margin"].includes(e.topic));
    }
  } finally {
    store.close();
  }
});
