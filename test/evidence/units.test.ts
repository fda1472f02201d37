import assert from "node:assert/strict";
import { test } from "node:test";
import { convert, formatWithUnit, KNOWN_UNITS, parseUnit, toBase } from "../../src/evidence/units.ts";
import { assertClose } from "../helpers/assert-close.ts";

test("parseUnit knows the ledger vocabulary and rejects variants", () => {
  assert.equal(parseUnit("USD bn")?.scale, 1e9);
  assert.equal(parseUnit("USD bn per GW")?.dimension, "money-per-gw");
  assert.equal(parseUnit(" percent ")?.dimension, "percent");
  assert.equal(parseUnit("percent of capacity"), undefined);
  assert.equal(parseUnit("USD bn (nominal)"), undefined);
  assert.equal(parseUnit("EUR bn"), undefined);
  assert.equal(parseUnit("toString"), undefined, "prototype keys are not units");
  for (const u of Object.values(KNOWN_UNITS)) assert.ok(u.scale > 0);
});

test("toBase and convert scale billions, millions and dollars explicitly", () => {
  assert.equal(toBase(2.7, "USD bn"), 2.7e9);
  assert.equal(toBase(8.1, "USD m"), 8.1e6);
  assertClose(convert(8.1, "USD m", "USD bn"), 0.0081, { rtol: 1e-15 });
  assert.equal(convert(23000000000, "USD", "USD bn"), 23);
  assert.equal(convert(9.7, "trillion tokens/month", "trillion tokens/month"), 9.7);
});

test("convert refuses to mix dimensions and names the bad unit", () => {
  assert.throws(() => convert(1, "USD bn", "percent"), /cannot convert "USD bn" \(money\) to "percent"/);
  assert.throws(() => convert(1, "USD bn/yr", "USD bn"), RangeError, "a rate is not a stock");
  assert.throws(() => toBase(1, "furlongs"), /unit must be one of the known units, got "furlongs"/);
});

test("formatWithUnit writes compact sentences", () => {
  assert.equal(formatWithUnit(27.5, "percent"), "27.5%");
  assert.equal(formatWithUnit(193.7, "USD bn"), "$194bn");
  assert.equal(formatWithUnit(45, "USD bn per GW"), "$45bn/GW");
  assert.equal(formatWithUnit(3, "x"), "3x");
});
