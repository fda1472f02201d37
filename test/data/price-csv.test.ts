/** The price importer: layouts, explicit missing values, one-line errors naming the row, quality warnings. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { numberCellHint, readSeriesTable } from "../../src/core/csv.ts";
import { normaliseHeader, parseDateLoose, parsePriceCsv } from "../../src/data/price-csv.ts";
import { fixture } from "./helpers/loopback.ts";
import { detectSplitJumps, inferFrequencyForTest, nonTradingDates } from "./helpers/quality-exports.ts";

test("Yahoo OHLCV layout maps every column and keeps a blank volume as null, not NaN", () => {
  const p = parsePriceCsv(fixture("csv", "unadjusted_split.csv"), { source: "split.csv" });
  assert.equal(p.layout, "ohlcv");
  assert.deepEqual(p.mapping, {
    open: "Open",
    high: "High",
    low: "Low",
    close: "Close",
    adj_close: "Adj Close",
    volume: "Volume",
  });
  assert.equal(p.rows.dates.length, 7);
  assert.equal(p.rows.volume[6], null);
  assert.equal(p.rows.adj_close[0], 116.4);
  for (const c of ["open", "high", "low", "close", "adj_close", "volume"] as const) {
    for (const v of p.rows[c]) assert.ok(v === null || Number.isFinite(v), `${c} has ${v}`);
  }
});

test("split jump and Saturday row are reported as warnings, the data kept", () => {
  const p = parsePriceCsv(fixture("csv", "unadjusted_split.csv"));
  assert.ok(
    p.warnings.some((w) => /possible 10:1 split .* on 2024-06-10/.test(w)),
    p.warnings.join(" | "),
  );
  assert.ok(
    p.warnings.some((w) => /1 non-trading date.*2024-06-08/.test(w)),
    p.warnings.join(" | "),
  );
});

test("FRED keyless CSV: '.' rows are dropped and counted, never NaN", () => {
  const p = parsePriceCsv(fixture("fred", "fredgraph_NASDAQCOM.csv"));
  assert.equal(p.layout, "fred");
  assert.equal(p.rows.close.length, 14);
  assert.ok(!p.rows.dates.includes("2024-01-01"));
  assert.match(p.warnings[0], /^2 row\(s\) with a missing NASDAQCOM value dropped \(first at row 6/);
});

test("older FRED header DATE with CRLF line ends", () => {
  const p = parsePriceCsv(fixture("fred", "fredgraph_GDP.csv"));
  assert.equal(p.layout, "fred");
  assert.deepEqual(p.rows.close, [26813.601, 27063.012, 27610.128, 27956.998, 28269.174]);
});

test("plain two-column file, BOM, custom columns", () => {
  const a = parsePriceCsv("\ufeffday,price\n2020-01-02,1\n2020-01-03,2\n");
  assert.deepEqual(a.rows.close, [1, 2]);
  assert.equal(a.layout, "two-column");
  const b = parsePriceCsv("when,x,y\n2020-01-02,1,5\n2020-01-03,2,6\n", { dateCol: "when", valueCol: "y" });
  assert.deepEqual(b.rows.close, [5, 6]);
  assert.throws(() => parsePriceCsv("date,x,y\n2020-01-02,1,5\n"), /several value columns \(x, y\).*--value-col/);
  assert.deepEqual(parsePriceCsv("date,x,y\n2020-01-02,1,5\n", { pickFirstValue: true }).rows.close, [1]);
});

test("non-numeric cell: one-line RangeError naming row and column", () => {
  const text = "date,close\n2020-01-02,1\n2020-01-03,abc\n";
  assert.throws(
    () => parsePriceCsv(text, { source: "f.csv" }),
    (e: Error) => {
      assert.ok(e instanceof RangeError);
      assert.equal(e.message, 'f.csv: row 3, column "close": "abc" is not a number');
      return true;
    },
  );
});

test("thousands separators get a hint, quoted or not", () => {
  assert.throws(
    () => parsePriceCsv('date,close\n2020-01-02,"1,234.50"\n'),
    /"1,234.50" is not a number \(thousands separators are not supported: write 1234.50\)/,
  );
  assert.throws(
    () => parsePriceCsv("date,close\n2020-01-02,1,234.50\n"),
    /row 2 has 3 cells, the header has 2 \(an unquoted thousands separator/,
  );
  assert.equal(numberCellHint("12"), "");
  assert.match(numberCellHint("1234,5"), /decimal commas/);
  // The shared reader keeps its message and gains the hint.
  assert.throws(
    () => readSeriesTable('date,close\n2020-01-02,"1,234"\n', { columns: ["close"] }),
    /"1,234" is not a number \(thousands separators/,
  );
});

test("unsorted and duplicate dates are errors naming both rows", () => {
  assert.throws(
    () => parsePriceCsv("date,close\n2020-01-03,1\n2020-01-02,2\n"),
    /dates not sorted: 2020-01-03 \(row 2\) before 2020-01-02 \(row 3\)/,
  );
  assert.throws(
    () => parsePriceCsv("date,close\n2020-01-02,1\n2020-01-02,2\n"),
    /duplicate date 2020-01-02 at rows 2 and 3/,
  );
});

test("bad dates, infinities, empty files, HTML and binary are clean errors", () => {
  assert.throws(
    () => parsePriceCsv("date,close\n01/02/2020,1\n"),
    /row 2, column "date": "01\/02\/2020" is not a date/,
  );
  assert.throws(() => parsePriceCsv("date,close\n2020-02-30,1\n"), /is not a date/);
  assert.throws(() => parsePriceCsv("date,close\n2020-01-02,1e400\n"), /infinite value/);
  assert.throws(() => parsePriceCsv("date,close\n2020-01-02,-Infinity\n"), /infinite value/);
  assert.throws(() => parsePriceCsv(""), /empty/);
  assert.throws(() => parsePriceCsv("date,close\n"), /no data rows/);
  assert.throws(() => parsePriceCsv("date,close\n2020-01-02,.\n"), /no rows with a value/);
  assert.throws(() => parsePriceCsv(fixture("stooq", "challenge.html")), /HTML page/);
  assert.throws(() => parsePriceCsv("date,close\n2020-01-02,1\u0000\n"), /NUL byte/);
  assert.throws(() => parsePriceCsv("a,b\n1,2\n"), /no date column/);
  assert.throws(() => parsePriceCsv('date,close\n2020-01-02,"1\n'), SyntaxError);
});

test("compact YYYYMMDD dates and header normalisation", () => {
  assert.equal(parseDateLoose("20240229"), "2024-02-29");
  assert.equal(parseDateLoose("20230229"), undefined);
  assert.equal(normaliseHeader(" Adj Close "), "adj_close");
  assert.equal(normaliseHeader("AdjClose"), "adj_close");
});

test("split detection: 10:1 forward, 3:2, 1:8 reverse; AMD's real +52% is not a split", () => {
  const d = ["a", "b"];
  assert.equal(detectSplitJumps(d, [1208.88, 121.79])[0].split, "10:1");
  assert.equal(detectSplitJumps(d, [150, 100])[0].split, "3:2");
  assert.equal(detectSplitJumps(d, [10, 80.5])[0].split, "1:8");
  assert.equal(detectSplitJumps(d, [7.2, 10.95]).length, 0);
  assert.equal(detectSplitJumps(d, [100, 60]).length, 0);
});

test("non-trading dates: weekends, 1 Jan, 25 Dec", () => {
  assert.deepEqual(nonTradingDates(["2024-01-01", "2024-01-02", "2024-01-06", "2024-12-25", "2024-12-24"]), [
    "2024-01-01",
    "2024-01-06",
    "2024-12-25",
  ]);
  // monthly data on the 1st is not flagged even when the 1st is a Saturday
  const monthly = parsePriceCsv(
    "date,close\n2024-04-01,101\n2024-05-01,102\n2024-06-01,103\n2024-07-01,104\n2024-08-01,105\n2024-09-01,106\n",
  );
  assert.deepEqual(monthly.warnings, []);
  assert.equal(inferFrequencyForTest(["2024-04-01", "2024-05-01", "2024-06-01"]), "monthly");
});
