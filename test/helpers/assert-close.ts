/**
 * One comparison helper for every numerical test: passes when |a−e| <= atol or |a−e| <= rtol·|e| (or both are
 * the same non-finite value); the failure message prints the label, both values, the delta and the tolerance.
 */
import assert from "node:assert/strict";

export interface Tolerance {
  rtol?: number;
  atol?: number;
}

export function isClose(actual: number, expected: number, { rtol = 1e-8, atol = 1e-8 }: Tolerance = {}): boolean {
  if (Object.is(actual, expected)) return true;
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return actual === expected;
  const d = Math.abs(actual - expected);
  return d <= atol || d <= rtol * Math.abs(expected);
}

export function assertClose(actual: number, expected: number, tol: Tolerance = {}, label = "value"): void {
  if (!isClose(actual, expected, tol)) {
    assert.fail(
      `${label}: expected ${expected}, got ${actual} (delta ${Math.abs(actual - expected)}, rtol ${tol.rtol ?? 1e-8}, atol ${tol.atol ?? 1e-8})`,
    );
  }
}

export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: Tolerance = {},
  label = "array",
): void {
  assert.equal(actual.length, expected.length, `${label}: length ${actual.length} vs expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], tol, `${label}[${i}]`);
}
