/**
 * Locates `../shared` (beside the repo root) for conformance tests and benchmarks. Tests call `sharedPath()` and
 * skip with a clear message when it is absent: `test("…", { skip: skipWithoutShared() }, …)`.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const SHARED_DIR = process.env.BUBBLESCOPE_SHARED ?? resolve(here, "../../../shared");

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

/** false when ../shared exists, otherwise the skip message. */
export function skipWithoutShared(...parts: string[]): false | string {
  const p = sharedPath(...parts);
  return existsSync(p) ? false : `../shared not found (${p}): reference data absent, skipped`;
}

/** Parses a reference JSON file, turning "NaN"/"Inf"/"-Inf" strings into numbers is left to the caller. */
export function readSharedJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(sharedPath(...parts), "utf8")) as T;
}

/** Converts the reference files' non-finite markers ("NaN", "Inf", "-Inf", null) to numbers. */
export function num(v: unknown): number {
  if (typeof v === "number") return v;
  if (v === "NaN" || v === null) return Number.NaN;
  if (v === "Inf") return Number.POSITIVE_INFINITY;
  if (v === "-Inf") return Number.NEGATIVE_INFINITY;
  throw new TypeError(`not a number marker: ${JSON.stringify(v)}`);
}
