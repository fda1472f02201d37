import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  dateFigures,
  FIGURE_COLUMNS,
  formatProblem,
  parseDeals,
  parseFigureRecords,
  parseFigures,
} from "../../src/evidence/load.ts";
import { sharedPath, skipWithoutShared } from "../helpers/shared.ts";

const HEADER = `${FIGURE_COLUMNS.join(",")},published`;
const row = (over: Record<string, string> = {}) => {
  const base: Record<string, string> = {
    id: "E001",
    era: "ai",
    topic: "capex",
    entity: "Acme",
    metric: "capex",
    value: "10",
    unit: "USD bn",
    as_of: "FY2024",
    low: "",
    high: "",
    claim_in_talk: "",
    source_title: "Acme 10-K",
    source_url: "https://example.com/10k",
    note: "",
    published: "",
  };
  const r = { ...base, ...over };
  return [...FIGURE_COLUMNS, "published"].map((c) => (r[c].includes(",") ? `"${r[c]}"` : r[c])).join(",");
};
const csv = (...rows: string[]) => `${HEADER}\n${rows.join("\n")}\n`;

test("parseFigures reads a valid row into typed fields", () => {
  const { records, problems } = parseFigures(csv(row({ low: "8", high: "12", note: "a, quoted note" })));
  assert.deepEqual(problems, []);
  assert.equal(records.length, 1);
  assert.equal(records[0].value, 10);
  assert.equal(records[0].low, 8);
  assert.equal(records[0].note, "a, quoted note");
  assert.equal(records[0].published, null);
});

test("parseFigures reports one problem per defect with line and id", () => {
  const text = csv(
    row(),
    row({ id: "E001" }),
    row({ id: "E002", unit: "USD bn (nominal)" }),
    row({ id: "E003", source_url: "" }),
    row({ id: "E004", as_of: "sometime" }),
    row({ id: "E005", low: "11" }),
    row({ id: "E006", value: "n/a" }),
    row({ id: "E007", era: "1929" }),
    row({ id: "E008", source_title: " " }),
    row({ id: "E009", high: "9" }),
  );
  const { records, problems } = parseFigures(text, "t.csv");
  const lines = problems.map(formatProblem);
  assert.deepEqual(lines, [
    "t.csv:3: E001 id: duplicate id (first at line 2)",
    "t.csv:4: E002 unit: unknown unit",
    "t.csv:5: E003 source_url: source_url must be a URL",
    "t.csv:6: E004 as_of: as_of is not a parsable period",
    "t.csv:7: E005 value: value 10 < low 11",
    't.csv:8: E006 value: "n/a" is not a number',
    't.csv:9: E007 era: Invalid option: expected one of "2000"|"ai"',
    "t.csv:10: E008 source_title: source_title is empty",
    "t.csv:11: E009 value: value 10 > high 9",
  ]);
  assert.deepEqual(
    records.map((r) => r.id),
    ["E001"],
  );
});

test("parseFigures reports a missing column and an empty file", () => {
  assert.match(formatProblem(parseFigures("id,era\nE001,ai\n").problems[0]), /missing column\(s\): topic/);
  assert.match(formatProblem(parseFigures("").problems[0]), /the file is empty/);
});

test("line numbers count quoted newlines", () => {
  const text = csv(
    row({ note: '"two\nlines"' }).replace('""two', '"two').replace('lines""', 'lines"'),
    row({ id: "E002", unit: "bogus" }),
  );
  const { problems } = parseFigures(text, "t.csv");
  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 4);
});

test("dateFigures: known-from is the publication date if given, else the period end", () => {
  const { records } = parseFigures(
    csv(row(), row({ id: "E002", published: "2025-10" }), row({ id: "E003", as_of: "FY2025 (guidance, Oct 2025)" })),
  );
  const d = dateFigures(records);
  assert.deepEqual(
    d.map((f) => f.knownFrom),
    ["2024-12-31", "2025-10-31", "2025-10-31"],
  );
});

const DEAL_HEADER = "id,era,date,from_entity,to_entity,kind,amount_usd,gw,low,high,source_title,source_url,note";

test("parseDeals validates kind, era (column or note tag), self-loops and ranges", () => {
  const text = [
    DEAL_HEADER,
    "D001,ai,2025-09,Nvidia,OpenAI,equity_investment,100000000000,10,0,100000000000,S,https://e.com,",
    "D002,,2000-H2,Lucent,CLECs,vendor_financing,7000000000,,,,S,https://e.com,[era 2000] note",
    "D003,ai,2025-09,Nvidia,Nvidia,chip_purchase,1,,,,S,https://e.com,",
    "D004,ai,2025-09,A,B,gift,1,,,,S,https://e.com,",
    "D005,ai,2025-09,A,B,loan,5,,6,,S,https://e.com,",
    "D006,,2025-09,A,B,loan,5,,,,S,https://e.com,no tag",
  ].join("\n");
  const { records, problems } = parseDeals(text, "d.csv");
  assert.deepEqual(
    records.map((r) => [r.id, r.era]),
    [
      ["D001", "ai"],
      ["D002", "2000"],
    ],
  );
  assert.deepEqual(
    problems.map((p) => `${p.id} ${p.field}`),
    ["D003 to_entity", "D004 kind", "D005 amount_usd", "D006 era"],
  );
});

const dataDir = fileURLToPath(new URL("../../data/", import.meta.url));

test("the curated ledger and deals have no validation problems", () => {
  const f = parseFigures(readFileSync(`${dataDir}evidence.csv`, "utf8"), "evidence.csv");
  const d = parseDeals(readFileSync(`${dataDir}deals.csv`, "utf8"), "deals.csv");
  assert.deepEqual(f.problems.map(formatProblem), []);
  assert.deepEqual(d.problems.map(formatProblem), []);
  assert.ok(f.records.length >= 303);
  assert.equal(d.records.length, 41);
});

test("the validator finds the seven defects of the shared source ledger (fixed in data/CHANGES.md)", {
  skip: skipWithoutShared("data/facts/evidence.csv"),
}, () => {
  const f = parseFigures(readFileSync(sharedPath("data/facts/evidence.csv"), "utf8"), "src");
  assert.deepEqual(
    f.problems.map((p) => `${p.id} ${p.field}`),
    ["E001 unit", "E011 unit", "E115 source_url", "E161 unit", "E162 unit", "E164 unit", "E165 unit"],
  );
});

test("parseFigureRecords validates row objects from elsewhere (e.g. SEC-derived rows) with the same rules", () => {
  const good = {
    id: "SEC-MSFT-capex-FY2025",
    era: "ai",
    topic: "capex",
    entity: "Microsoft",
    metric: "capital expenditure, fiscal year 2025",
    value: 64.551,
    unit: "USD bn",
    as_of: "FY2025 (Jun)",
    low: null,
    high: null,
    claim_in_talk: "",
    source_title: "SEC EDGAR company facts",
    source_url: "https://data.sec.gov/api/xbrl/companyfacts/CIK0000789019.json",
    note: "",
  };
  const { records, problems } = parseFigureRecords(
    [good, { ...good }, { ...good, id: "SEC-x", unit: "USD billions" }, { ...good, id: "SEC-y", low: 70 }],
    "sec",
  );
  assert.deepEqual(
    records.map((r) => r.id),
    ["SEC-MSFT-capex-FY2025"],
  );
  assert.deepEqual(problems.map(formatProblem), [
    "sec:2: SEC-MSFT-capex-FY2025 id: duplicate id (first at record 1)",
    "sec:3: SEC-x unit: unknown unit",
    "sec:4: SEC-y value: value 64.551 < low 70",
  ]);
});

test("a javascript: or file: source URL is refused (regression: z.string().url() accepted them)", async () => {
  const { parseFigures } = await import("../../src/evidence/load.ts");
  const head = "id,era,topic,entity,metric,value,unit,as_of,low,high,claim_in_talk,source_title,source_url,note";
  for (const url of ["javascript:alert(1)//", "file:///etc/passwd"]) {
    const r = parseFigures(`${head}\nE001,ai,capex,X,capex,1,USD bn,2025,,,,T,${url},\n`, "t.csv");
    assert.deepEqual(
      r.problems.map((p) => p.field),
      ["source_url"],
      url,
    );
  }
});
