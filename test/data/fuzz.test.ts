/**
 * Fuzzing the CSV importer with fast-check: random bytes, random text built from CSV-significant characters,
 * valid tables damaged by truncation, BOMs, CRLF and thousands separators. Properties: the importer either
 * returns rows with no NaN (every value finite or an explicit null, dates strictly increasing) or throws a
 * clean Error/RangeError/SyntaxError with a one-line message; and valid tables survive export → import exactly.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { priceRowsToCsv } from "../../src/data/export.ts";
import { type ParsedPrices, PRICE_COLUMNS, parsePriceCsv } from "../../src/data/price-csv.ts";

const RUNS = 400;

function checkOutcome(text: string): "ok" | "error" {
  let p: ParsedPrices;
  try {
    p = parsePriceCsv(text, { source: "fuzz.csv" });
  } catch (err) {
    assert.ok(
      err instanceof RangeError || err instanceof SyntaxError || (err instanceof Error && err.constructor === Error),
      `unexpected error type ${(err as Error)?.constructor?.name}: ${String(err)}`,
    );
    const msg = (err as Error).message;
    assert.ok(msg.length > 0 && msg.length < 600, `message length ${msg.length}`);
    assert.ok(!/[\r\n]/.test(msg), `multi-line message: ${JSON.stringify(msg)}`);
    return "error";
  }
  const n = p.rows.dates.length;
  assert.ok(n > 0);
  for (const c of PRICE_COLUMNS) {
    assert.equal(p.rows[c].length, n);
    for (const v of p.rows[c]) assert.ok(v === null || Number.isFinite(v), `${c}: ${v}`);
  }
  for (const v of p.rows.close) assert.ok(Number.isFinite(v));
  for (let i = 1; i < n; i++) assert.ok(p.rows.dates[i] > p.rows.dates[i - 1]);
  return "ok";
}

test("random bytes never crash the importer and never yield NaN", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      checkOutcome(new TextDecoder().decode(bytes));
    }),
    { numRuns: RUNS, seed: 42 },
  );
});

const csvChar = fc.constantFrom(
  ...'0123456789.,-+eE"\n\r\t ;abcdNA\ufeff'.split(""),
  "date",
  "close",
  "2020-01-0",
  "Inf",
  "1,234.5",
  ".",
);

test("random CSV-like text never crashes the importer and never yields NaN", () => {
  fc.assert(
    fc.property(fc.array(csvChar, { maxLength: 120 }), (parts) => {
      checkOutcome(`date,close\n${parts.join("")}`);
      checkOutcome(parts.join(""));
    }),
    { numRuns: RUNS, seed: 7 },
  );
});

test("random header cells (quotes, newlines, duplicates) give one-line errors", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(csvChar, { maxLength: 6 }), { minLength: 1, maxLength: 5 }),
      fc.array(csvChar, { maxLength: 40 }),
      (cells, body) => {
        const header = cells.map((c) => `"${c.join("").replace(/"/g, '""')}"`).join(",");
        checkOutcome(`${header}\n${body.join("")}`);
      },
    ),
    { numRuns: RUNS, seed: 5 },
  );
});

test("regression: a header name containing a newline is escaped in the message", () => {
  assert.throws(
    () => parsePriceCsv('"x\ny",z\n1,2\n'),
    (e: Error) => e.message.includes("x\\ny") && !e.message.includes("\n"),
  );
});

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });
const table = fc
  .record({
    start: fc.integer({ min: 0, max: 20000 }),
    gaps: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 30 }),
    cols: fc.subarray(["open", "high", "low", "adj_close", "volume"] as const),
    seed: fc.array(fc.option(finite, { nil: null, freq: 6 }), { minLength: 200, maxLength: 200 }),
    close: fc.array(finite, { minLength: 31, maxLength: 31 }),
  })
  .map(({ start, gaps, cols, seed, close }) => {
    let day = start;
    const dates: string[] = [];
    for (const g of gaps) {
      day += g;
      dates.push(new Date(Date.UTC(1970, 0, 1) + day * 86400000).toISOString().slice(0, 10));
    }
    const header = ["date", ...cols.slice(0, 2), "close", ...cols.slice(2)];
    const lines = dates.map((d, i) =>
      header
        .map((h, j) => (h === "date" ? d : h === "close" ? String(close[i]) : fmt(seed[(i * 7 + j) % 200])))
        .join(","),
    );
    return { header, lines, n: dates.length };
  });
const fmt = (v: number | null): string => (v === null ? "" : String(v));

test("valid tables: import → export → import gives identical rows (fuzzed)", () => {
  fc.assert(
    fc.property(table, ({ header, lines }) => {
      const text = `${header.join(",")}\n${lines.join("\n")}\n`;
      const a = parsePriceCsv(text);
      const b = parsePriceCsv(priceRowsToCsv(a.rows));
      assert.deepEqual(b.rows, a.rows);
    }),
    { numRuns: 150, seed: 3 },
  );
});

test("damaged tables (truncated, BOM, CRLF, thousands separators) fail cleanly or parse a faithful prefix", () => {
  fc.assert(
    fc.property(table, fc.nat(), fc.boolean(), fc.boolean(), fc.boolean(), (t, cut, bom, crlf, thousands) => {
      let lines = t.lines;
      if (thousands)
        lines = lines.map((l, i) =>
          i === Math.floor(lines.length / 2) ? l.replace(/,(\d)(\d{3})(?=[,.]|$)/, ',"$1,$2"') : l,
        );
      let text = `${t.header.join(",")}\n${lines.join("\n")}\n`;
      if (crlf) text = text.replace(/\n/g, "\r\n");
      if (bom) text = `\ufeff${text}`;
      const truncated = text.slice(0, cut % (text.length + 1));
      for (const s of [text, truncated]) {
        if (checkOutcome(s) === "ok") {
          const full = parsePriceCsv(`${t.header.join(",")}\n${t.lines.join("\n")}\n`);
          const p = parsePriceCsv(s);
          // Whatever parsed must agree with the undamaged table on the common dates, except a truncated last cell.
          const k = p.rows.dates.length - 1;
          for (let i = 0; i < k; i++) {
            assert.equal(p.rows.dates[i], full.rows.dates[i]);
            assert.equal(p.rows.close[i], full.rows.close[i]);
          }
        }
      }
    }),
    { numRuns: 300, seed: 11 },
  );
});
