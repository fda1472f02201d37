import assert from "node:assert/strict";
import { test } from "node:test";
import { dayOrdinal, isLeapYear, ordinalToDate } from "../../../src/detect/lppls/index.ts";

test("dayOrdinal matches Python's date.toordinal on anchor dates", () => {
  assert.equal(dayOrdinal("0001-01-01"), 1);
  assert.equal(dayOrdinal("1970-01-01"), 719163);
  assert.equal(dayOrdinal("2000-03-10"), 730189);
  assert.equal(dayOrdinal("1994-01-03"), 727931); // first row of nasdaq_dotcom_obs.csv
  assert.equal(dayOrdinal("0099-12-31"), 36159); // years < 100 are not shifted to 19xx
});

test("leap years: 2000 and 2024 have Feb 29, 1900 and 2100 do not", () => {
  assert.equal(dayOrdinal("2000-03-01") - dayOrdinal("2000-02-28"), 2);
  assert.equal(dayOrdinal("1900-03-01") - dayOrdinal("1900-02-28"), 1);
  assert.equal(dayOrdinal("2024-03-01") - dayOrdinal("2024-02-28"), 2);
  assert.equal(dayOrdinal("2101-01-01") - dayOrdinal("2100-01-01"), 365);
  assert.equal(dayOrdinal("2001-01-01") - dayOrdinal("2000-01-01"), 366);
  assert.ok(isLeapYear(2000) && isLeapYear(2024) && !isLeapYear(1900) && !isLeapYear(2100));
  assert.throws(() => dayOrdinal("1900-02-29"), RangeError);
  assert.equal(ordinalToDate(dayOrdinal("2000-02-29")), "2000-02-29");
});

test("ordinalToDate inverts dayOrdinal on every day of 1999–2001 and floors fractional ordinals", () => {
  for (let o = dayOrdinal("1999-01-01"); o <= dayOrdinal("2001-12-31"); o++)
    assert.equal(dayOrdinal(ordinalToDate(o)), o);
  assert.equal(ordinalToDate(730189.999), "2000-03-10");
  assert.equal(ordinalToDate(730190.7), "2000-03-11");
});

test("invalid dates and ordinals: RangeError / NaT", () => {
  assert.throws(() => dayOrdinal("2000-13-01"), /not a calendar date/);
  assert.throws(() => dayOrdinal("2000-3-1"), /YYYY-MM-DD/);
  assert.equal(ordinalToDate(Number.NaN), "NaT");
  assert.equal(ordinalToDate(0), "NaT");
  assert.equal(ordinalToDate(1e9), "NaT");
});
