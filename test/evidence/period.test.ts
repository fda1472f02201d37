import assert from "node:assert/strict";
import { test } from "node:test";
import { monthsBetween, parseAsOfDate, parsePeriod } from "../../src/evidence/period.ts";

const p = (s: string) => {
  const r = parsePeriod(s);
  return r ? [r.start, r.end, r.published] : undefined;
};

test("parsePeriod reads calendar years, months, days, quarters and halves", () => {
  assert.deepEqual(p("2000"), ["2000-01-01", "2000-12-31", null]);
  assert.deepEqual(p("2001-12"), ["2001-12-01", "2001-12-31", null]);
  assert.deepEqual(p("2000-02"), ["2000-02-01", "2000-02-29", null], "2000 is a leap year");
  assert.deepEqual(p("2000-03-27"), ["2000-03-27", "2000-03-27", null]);
  assert.deepEqual(p("2000-Q4"), ["2000-10-01", "2000-12-31", null]);
  assert.deepEqual(p("Q2-2001"), ["2001-04-01", "2001-06-30", null]);
  assert.deepEqual(p("2000-H2"), ["2000-07-01", "2000-12-31", null]);
  assert.deepEqual(p("2001 (summer)"), ["2001-06-01", "2001-08-31", null]);
});

test("parsePeriod reads fiscal years and quarters with their closing month", () => {
  assert.deepEqual(p("FY2025 (Jan)"), ["2024-02-01", "2025-01-31", null]);
  assert.deepEqual(p("FY2000 (Jul)"), ["1999-08-01", "2000-07-31", null]);
  assert.deepEqual(p("FY2024"), ["2024-01-01", "2024-12-31", null]);
  assert.deepEqual(p("FQ4-2001 (Sep)"), ["2001-07-01", "2001-09-30", null]);
  assert.deepEqual(p("FQ1-2025 (Sep 2024)"), ["2024-07-01", "2024-09-30", null]);
  assert.deepEqual(p("FQ1-2026 (to 2025-08-31)"), ["2025-06-01", "2025-08-31", null]);
  assert.deepEqual(p("Q3-2025 (Sep)"), ["2025-07-01", "2025-09-30", null]);
});

test("parsePeriod takes the publication date from guidance and forecast notes", () => {
  assert.deepEqual(p("FY2025 (guidance, Oct 2025)"), ["2025-01-01", "2025-12-31", "2025-10-31"]);
  assert.deepEqual(p("FY2026 (forecast, Feb 2026)"), ["2026-01-01", "2026-12-31", "2026-02-28"]);
  assert.deepEqual(p("FY2026 (forecast)"), ["2026-01-01", "2026-12-31", null]);
});

test("parsePeriod reads ranges", () => {
  assert.deepEqual(p("2020-2024"), ["2020-01-01", "2024-12-31", null]);
  assert.equal(parsePeriod("c.2002-2005")?.approximate, true);
  assert.deepEqual(p("2000-03 to 2002-10"), ["2000-03-01", "2002-10-31", null]);
  assert.deepEqual(p("2000-03-27 to 2002-10-08"), ["2000-03-27", "2002-10-08", null]);
  assert.deepEqual(p("2025-10/11"), ["2025-10-01", "2025-11-30", null]);
  assert.deepEqual(p("17 months to 2025-10"), ["2024-05-01", "2025-10-31", null]);
});

test("parsePeriod rejects what it cannot date", () => {
  for (const bad of [
    "",
    "soon",
    "2001-13",
    "2001-02-30",
    "FY2025 (Jam)",
    "FY2025 (guidance, Smarch 2025)",
    "2025-11/10",
    "2005-2001",
  ]) {
    assert.equal(parsePeriod(bad), undefined, bad);
  }
});

test("parseAsOfDate is the end of the stated period and names a bad value", () => {
  assert.equal(parseAsOfDate("2000-03"), "2000-03-31");
  assert.equal(parseAsOfDate("2000"), "2000-12-31");
  assert.equal(parseAsOfDate("2000-03-10"), "2000-03-10");
  assert.throws(() => parseAsOfDate("March 2000"), /asOf must be YYYY, YYYY-MM or YYYY-MM-DD, got "March 2000"/);
});

test("monthsBetween counts calendar months", () => {
  assert.equal(Math.round(monthsBetween("2024-05-31", "2025-10-31")), 17);
  assert.equal(Math.round(monthsBetween("2025-01-31", "2026-01-31")), 12);
});
