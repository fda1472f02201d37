/** Loading the exuber/psymonitor reference cases in ../shared/reference/psy (read in place, never copied). */
import { readFileSync } from "node:fs";
import type { CriticalValues } from "../../src/detect/psy/cv.ts";
import { num, sharedPath } from "./shared.ts";

export const PSY_REF = ["reference", "psy"] as const;

export interface RefInput {
  names: string[];
  dates: string[] | null;
  series: { name: string; values: number[] }[];
}

export function readRefInput(caseName: string): RefInput {
  const lines = readFileSync(sharedPath(...PSY_REF, `${caseName}.input.csv`), "utf8")
    .trim()
    .split(/\r?\n/);
  const hdr = lines[0].split(",");
  const names = hdr.filter((h) => h !== "t" && h !== "date");
  const rows = lines.slice(1).map((l) => l.split(","));
  const di = hdr.indexOf("date");
  return {
    names,
    dates: di >= 0 ? rows.map((r) => r[di]) : null,
    series: names.map((name) => ({ name, values: rows.map((r) => Number(r[hdr.indexOf(name)])) })),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: reference JSON is untyped; each test reads the fields it checks.
export type Json = any;

export function readRefJson(file: string): Json {
  return JSON.parse(readFileSync(sharedPath(...PSY_REF, file), "utf8"));
}

/** Converts a stored exuber cv block to our CriticalValues (rows start at observation seq_first_t, 1-based). */
export function refCv(cv: Json, method: CriticalValues["method"] = "mc"): CriticalValues {
  const rows = (x: Json) => (x ? (x as Json[]).map((r: Json[]) => r.map(num)) : null);
  return {
    method,
    n: cv.n,
    minWindow: cv.minw,
    lag: 0,
    ic: "none",
    nrep: cv.iter,
    seed: cv.seed ?? 0,
    rng: "r",
    probs: cv.probs,
    adf: cv.adf_cv ? cv.adf_cv.map(num) : null,
    sadf: cv.sadf_cv ? cv.sadf_cv.map(num) : null,
    gsadf: (cv.gsadf_cv ?? cv.gsadf_panel_cv).map(num),
    firstIndex: cv.seq_first_t - 1,
    badf: rows(cv.badf_cv),
    bsadf: rows(cv.bsadf_cv ?? cv.bsadf_panel_cv)!,
    bsadfRule: method === "mc" ? "exuber" : "bootstrap",
  };
}
