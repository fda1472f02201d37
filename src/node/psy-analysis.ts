/**
 * One PSY analysis as the CLI, the report and the dashboard server run it: statistics for each series, critical
 * values (Monte Carlo, wild bootstrap or panel sieve bootstrap, cached on disk), the decision and the date-stamped
 * episodes, packed into one JSON-serialisable result. NaN statistics (degenerate windows) become null in JSON.
 */
import { ANALYSIS_DEFAULTS } from "../analysis/series.ts";
import type { CriticalValues, Progress } from "../detect/psy/cv.ts";
import { datestamp, diagnostics, type SeriesDatestamp } from "../detect/psy/datestamp.ts";
import { psyDs } from "../detect/psy/minw.ts";
import { type RadfOptions, type RadfResult, radf } from "../detect/psy/radf.ts";
import { computeCriticalValues } from "./critical-values.ts";

export type CvChoice = "mc" | "wb" | "wb-harvey" | "sb";

export interface PsyAnalysisOptions {
  readonly test?: RadfOptions;
  readonly cv?: CvChoice;
  readonly nrep?: number;
  readonly seed?: number;
  readonly level?: 90 | 95 | 99;
  readonly bsadfRule?: "exuber" | "psy2015";
  readonly rng?: "stream" | "r";
  /** Family-wise window for the PS wild bootstrap. */
  readonly tb?: number;
  readonly minDuration?: number | "psy";
  readonly option?: "gsadf" | "sadf";
  /** Stamp series that do not reject (default true for analysis output; exuber's default is false). */
  readonly nonrejected?: boolean;
  readonly threads?: number;
  readonly cache?: boolean;
  readonly onProgress?: Progress;
}

export interface PsyEpisodeJson {
  start: string | number;
  peak: string | number;
  end: string | number;
  duration: number;
  ongoing: boolean;
  signal: "positive" | "negative";
}

export interface PsySeriesJson {
  name: string;
  minWindow: number;
  lag: number;
  adf: number | null;
  sadf: number | null;
  gsadf: number | null;
  badf: (number | null)[];
  bsadf: (number | null)[];
  cv: {
    adf: number[] | null;
    sadf: number[] | null;
    gsadf: number[];
    /** Critical value at `level` for each element of badf/bsadf. */
    badf: (number | null)[] | null;
    bsadf: (number | null)[];
  };
  rejected: boolean;
  significance: string;
  episodes: PsyEpisodeJson[];
}

export interface PsyAnalysisJson {
  n: number;
  /** Date (or 1-based t) of each element of the badf/bsadf arrays. */
  index: (string | number)[];
  firstIndex: number;
  minWindow: number;
  minWindowLevels: number;
  lag: number;
  ic: string;
  icMode: string;
  level: number;
  minDuration: number;
  option: "gsadf" | "sadf";
  criticalValues: {
    method: string;
    nrep: number;
    seed: number;
    rng: string;
    bsadfRule: string;
    tb?: number;
    probs: readonly number[];
  };
  series: PsySeriesJson[];
  panel?: {
    gsadf: number | null;
    bsadf: (number | null)[];
    cv: { gsadf: number[]; bsadf: (number | null)[] } | null;
    episodes: PsyEpisodeJson[];
  };
}

const nz = (v: number): number | null => (Number.isFinite(v) ? v : null);
const arr = (a: ArrayLike<number>) => Array.from(a, nz);

function levelCol(level: number): number {
  return level === 90 ? 0 : level === 95 ? 1 : 2;
}

function alignCv(
  r: RadfResult,
  cv: CriticalValues,
  rows: readonly (readonly number[])[] | null,
  col: number,
): (number | null)[] | null {
  if (!rows) return null;
  const L = r.n - r.firstIndex;
  return Array.from({ length: L }, (_, k) =>
    nz((cv.tb !== undefined ? rows[0] : rows[r.firstIndex + k - cv.firstIndex])[col]),
  );
}

function episodesJson(d: SeriesDatestamp | undefined): PsyEpisodeJson[] {
  return (d?.episodes ?? []).map((e) => ({
    start: e.start,
    peak: e.peak,
    end: e.end,
    duration: e.duration,
    ongoing: e.ongoing,
    signal: e.signal,
  }));
}

/** Runs the complete analysis on named series (equal length) with optional dates. */
export async function analysePsy(
  series: readonly { name: string; values: ArrayLike<number> }[],
  dates: readonly string[] | null,
  options: PsyAnalysisOptions = {},
): Promise<{ json: PsyAnalysisJson; radf: RadfResult; cvs: CriticalValues[] }> {
  const level = options.level ?? 95;
  if (![90, 95, 99].includes(level)) throw new RangeError(`level must be 90, 95 or 99, got ${level}`);
  const cvChoice = options.cv ?? "mc";
  if (!["mc", "wb", "wb-harvey", "sb"].includes(cvChoice))
    throw new RangeError(`cv must be one of mc, wb, wb-harvey, sb; got "${cvChoice}"`);
  for (const s of series) {
    let constant = true;
    for (let i = 1; i < s.values.length && constant; i++) if (s.values[i] !== s.values[0]) constant = false;
    if (constant && s.values.length > 0)
      throw new RangeError(`series "${s.name}" is constant (${s.values[0]}): the ADF regression is undefined`);
  }
  const r = radf(series, options.test ?? {});
  const seed = options.seed ?? ANALYSIS_DEFAULTS.seed;
  const common = { threads: options.threads, cache: options.cache, onProgress: options.onProgress };
  let cvs: CriticalValues[];
  if (cvChoice === "mc") {
    // As exuber 1.1.0: the null is simulated with lag-0 statistics whatever the test's lag; rows are matched by
    // observation. (The wild bootstraps, by contrast, apply the test's own lag or IC to each bootstrap series.)
    const cv = await computeCriticalValues(
      {
        method: "mc",
        n: r.n,
        options: {
          minWindow: r.minWindow,
          lag: 0,
          nrep: options.nrep ?? ANALYSIS_DEFAULTS.psyNrep,
          seed,
          bsadfRule: options.bsadfRule,
          rng: options.rng,
        },
      },
      common,
    );
    cvs = [cv];
  } else if (cvChoice === "sb") {
    if (series.length < 2)
      throw new RangeError("--cv sb (panel sieve bootstrap) needs at least two series (repeat --column)");
    cvs = [
      await computeCriticalValues(
        {
          method: "sb-panel",
          series: series.map((s) => s.values),
          options: {
            minWindow: r.minWindow,
            lag: r.lag,
            nrep: options.nrep ?? ANALYSIS_DEFAULTS.psyNrepBootstrap,
            seed,
          },
        },
        common,
      ),
    ];
  } else {
    cvs = [];
    for (const s of series) {
      cvs.push(
        cvChoice === "wb"
          ? await computeCriticalValues(
              {
                method: "wb-ps",
                values: s.values,
                options: {
                  test: { ...options.test, minWindow: r.minWindow, windowConvention: "rows" },
                  nrep: options.nrep ?? ANALYSIS_DEFAULTS.psyNrepBootstrap,
                  seed,
                  tb: options.tb,
                },
              },
              common,
            )
          : await computeCriticalValues(
              {
                method: "wb-hlst",
                values: s.values,
                options: {
                  minWindow: r.minWindow,
                  nrep: options.nrep ?? ANALYSIS_DEFAULTS.psyNrepBootstrap,
                  seed,
                  rng: options.rng,
                },
              },
              common,
            ),
      );
    }
  }
  const minDuration = options.minDuration === "psy" ? psyDs(r.n) : (options.minDuration ?? 0);
  const option = options.option ?? "gsadf";
  const col = levelCol(level);
  const nonrejected = options.nonrejected ?? true;
  const values = series.map((s) => s.values);
  const out: PsySeriesJson[] = r.series.map((s, i) => {
    const cv = cvChoice === "mc" || cvChoice === "sb" ? cvs[0] : cvs[i];
    const single: RadfResult = { ...r, series: [s] };
    delete (single as { panel?: unknown }).panel;
    const diag = cvChoice === "sb" ? undefined : diagnostics(single, cv, option)[0];
    const ds =
      cvChoice === "sb" || (!nonrejected && !diag?.rejected)
        ? undefined
        : datestamp(single, cv, { minDuration, level, option, nonrejected: true, dates, values: [values[i]] })[0];
    return {
      name: s.name,
      minWindow: r.minWindow,
      lag: r.lag,
      adf: nz(s.adf),
      sadf: nz(s.sadf),
      gsadf: nz(s.gsadf),
      badf: arr(s.badf),
      bsadf: arr(s.bsadf),
      cv: {
        adf: cv.adf ? [...cv.adf] : null,
        sadf: cv.sadf ? [...cv.sadf] : null,
        gsadf: [...cv.gsadf],
        badf: cvChoice === "sb" ? null : alignCv(r, cv, cv.badf, col),
        bsadf: cvChoice === "sb" ? [] : (alignCv(r, cv, cv.bsadf, col) ?? []),
      },
      rejected: diag?.rejected ?? false,
      significance: diag?.significance ?? "n/a",
      episodes: episodesJson(ds),
    };
  });
  let panel: PsyAnalysisJson["panel"];
  if (r.panel) {
    const pcv = cvChoice === "sb" ? cvs[0] : null;
    const pds = pcv ? datestamp(r, pcv, { minDuration, level, nonrejected: true, dates })[0] : undefined;
    panel = {
      gsadf: nz(r.panel.gsadf),
      bsadf: arr(r.panel.bsadf),
      cv: pcv ? { gsadf: [...pcv.gsadf], bsadf: alignCv(r, pcv, pcv.bsadf, col) ?? [] } : null,
      episodes: episodesJson(pds),
    };
  }
  const cv0 = cvs[0];
  const json: PsyAnalysisJson = {
    n: r.n,
    index: Array.from({ length: r.n - r.firstIndex }, (_, k) =>
      dates ? dates[r.firstIndex + k] : r.firstIndex + k + 1,
    ),
    firstIndex: r.firstIndex,
    minWindow: r.minWindow,
    minWindowLevels: r.minWindowLevels,
    lag: r.lag,
    ic: r.ic,
    icMode: r.icMode,
    level,
    minDuration,
    option,
    criticalValues: {
      method: cv0.method,
      nrep: cv0.nrep,
      seed: cv0.seed,
      rng: cv0.rng,
      bsadfRule: cv0.bsadfRule,
      ...(cv0.tb !== undefined ? { tb: cv0.tb } : {}),
      probs: cv0.probs,
    },
    series: out,
    ...(panel ? { panel } : {}),
  };
  return { json, radf: r, cvs };
}
