/**
 * `bubblescope lppls FILE.csv`: LPPLS bubble fit (one window ending at --end) with its qualification and
 * crash-time distribution, or the multi-window confidence indicator (--indicator), as tables, --json or --svg.
 */
import { readFileSync } from "node:fs";
import Table from "cli-table3";
import type { Command } from "commander";
import pc from "picocolors";
import { readSeriesTable } from "../core/csv.ts";
import {
  crashTimeDistribution,
  dayOrdinal,
  fitLppls,
  type IndicatorPoint,
  type LpplsFit,
  logPrices,
  lpplsIndicator,
  lpplsModel,
  ordinalToDate,
  type PresetName,
} from "../detect/lppls/index.ts";
import { writeFileSafe } from "../node/safe-write.ts";
import { lpplsFitChartOption, lpplsIndicatorChartOption } from "../report/charts/lppls.ts";
import type { renderSvg as RenderSvg } from "../report/svg.ts";
import { UsageError } from "./errors.ts";
import { checkInputSize, intFlag, LIMITS } from "./limits.ts";
import { progressBar } from "./progress.ts";

// ECharts (~1 s to import) is loaded only when --svg asks for a chart: see the action below.
let renderSvg: typeof RenderSvg;

interface LpplsFlags {
  column?: string;
  dateColumn?: string;
  log?: boolean;
  end?: string;
  window?: string;
  tcRange?: string;
  mRange?: string;
  omegaRange?: string;
  preset: string;
  fitter: string;
  indicator?: boolean;
  from?: string;
  to?: string;
  denominator: string;
  seed: string;
  json?: boolean;
  svg?: string;
  dropMissing?: boolean;
  allowLarge?: boolean;
}

function parseRange(name: string, v: string | undefined): [number, number] | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*([+-]?[\d.]+(?:e[+-]?\d+)?)\s*:\s*([+-]?[\d.]+(?:e[+-]?\d+)?)\s*$/i.exec(v);
  if (!m) throw new UsageError(`--${name} must be LO:HI (two numbers), got "${v}"`);
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
    throw new UsageError(`--${name} must be LO:HI with LO <= HI, got "${v}"`);
  }
  return [lo, hi];
}

function parseInt10(name: string, v: string, min: number): number {
  return intFlag(name, v, min);
}

function oneOf<T extends string>(name: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(", ")}; got "${v}"`);
  }
  return v as T;
}

interface Series {
  /** Times: day ordinals when the file has ISO dates, else the numeric time column or 0..n-1. */
  t: Float64Array;
  y: Float64Array;
  labels: string[];
  isDate: boolean;
  column: string;
  /** The values as read (before --log), for messages. */
  raw: ArrayLike<number>;
}

function loadSeries(file: string, flags: LpplsFlags): Series {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  const table = readSeriesTable(text, {
    source: file,
    dateColumn: flags.dateColumn,
    columns: flags.column ? [flags.column] : undefined,
    missing: flags.dropMissing ? "drop" : "error",
  });
  const col = table.columns[0];
  const raw = col.values;
  // Errors name the file row (header = row 1), as psy's do.
  const fileRow = (i: number) => table.rows?.[i] ?? i + 2;
  for (let i = 0; i < raw.length; i++) {
    if (!Number.isFinite(raw[i]))
      throw new RangeError(`${file}: ${col.name} at file row ${fileRow(i)} is not finite (${raw[i]})`);
    if (flags.log && !(raw[i] > 0))
      throw new RangeError(`--log needs positive prices: ${col.name} is ${raw[i]} at file row ${fileRow(i)}`);
  }
  const y = flags.log ? logPrices(raw, `--log: ${col.name} row`) : Float64Array.from(raw);
  const n = y.length;
  const t = new Float64Array(n);
  let labels: string[];
  let isDate = false;
  if (table.dates) {
    isDate = /^\d{4}-\d{2}-\d{2}$/.test(table.dates[0]);
    labels = [...table.dates];
    for (let i = 0; i < n; i++) t[i] = isDate ? dayOrdinal(table.dates[i]) : Number(table.dates[i]);
  } else {
    labels = [];
    for (let i = 0; i < n; i++) {
      t[i] = i;
      labels.push(String(i));
    }
  }
  return { t, y, labels, isDate, column: col.name, raw };
}

/** Index of the last row at or before `date` (ISO date or number). */
/** A --end/--from/--to value as a time: a calendar date for dated files, a number otherwise (UsageError if not). */
function timeFlag(s: Series, name: string, v: string): number {
  const ok = s.isDate ? /^\d{4}-\d{2}-\d{2}$/.test(v) && validDate(v) : /^[+-]?\d+(\.\d+)?$/.test(v);
  if (!ok) throw new UsageError(`--${name} must be a date (YYYY-MM-DD) or time value, got "${v}"`);
  return s.isDate ? dayOrdinal(v) : Number(v);
}

/** True for a real calendar date YYYY-MM-DD (2000-02-30 is not). */
function validDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function rowAtOrBefore(s: Series, name: string, v: string): number {
  const x = timeFlag(s, name, v);
  let r = -1;
  for (let i = 0; i < s.t.length && s.t[i] <= x; i++) r = i;
  if (r < 0) throw new RangeError(`--${name} ${v} is before the first observation (${s.labels[0]})`);
  return r;
}

function rowAtOrAfter(s: Series, name: string, v: string): number {
  const x = timeFlag(s, name, v);
  for (let i = 0; i < s.t.length; i++) if (s.t[i] >= x) return i;
  throw new RangeError(`--${name} ${v} is after the last observation (${s.labels[s.labels.length - 1]})`);
}

const timeLabel = (s: Series) => (v: number) => (s.isDate ? ordinalToDate(v) : String(Number(v.toFixed(2))));
const num = (v: number, d = 4) => (Number.isFinite(v) ? Number(v.toPrecision(d + 4)) : null);

function fitJson(f: LpplsFit, s: Series) {
  const q = f.qualification;
  return {
    tc: { date: timeLabel(s)(f.tc), daysAfterLast: num(f.tc - f.t2), value: num(f.tc, 10) },
    m: num(f.m),
    omega: num(f.omega),
    A: num(f.A),
    B: num(f.B),
    C1: num(f.C1),
    C2: num(f.C2),
    C: num(f.C),
    sse: num(f.sse, 10),
    rmse: num(f.rmse),
    oscillations: num(f.O),
    damping: num(f.D),
    sign: f.sign,
    qualified: q.qualified,
    conditions: {
      tcInRange: q.tcInRange,
      mInRange: q.mInRange,
      omegaInRange: q.omegaInRange,
      oscillationsOk: q.oscillationsOk,
      dampingOk: q.dampingOk,
    },
    n: f.n,
  };
}

function writeSvg(path: string, svg: string): void {
  writeFileSafe(path, svg);
}

/** A constant window has no bubble to fit (B comes out as rounding noise, ±1e-25, with a meaningless sign). */
function refuseConstant(y: ArrayLike<number>, s: Series, from: number): void {
  for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) return;
  throw new RangeError(
    `${s.column} is constant (${s.raw[from]}) from ${s.labels[from] ?? "the start"} on: the LPPLS model is undefined`,
  );
}

const yes = (b: boolean) => (b ? pc.green("yes") : pc.red("no"));

function runFit(file: string, s: Series, flags: LpplsFlags, common: CommonOptions): void {
  const end = flags.end ? rowAtOrBefore(s, "end", flags.end) : s.t.length - 1;
  const window = flags.window ? parseInt10("window", flags.window, 1) : end + 1;
  if (window > end + 1) {
    throw new RangeError(
      `--window ${window} needs ${window} observations up to ${s.labels[end]}, only ${end + 1} available`,
    );
  }
  if (window < 20) throw new RangeError(`the fit window needs at least 20 observations, got ${window}`);
  checkInputSize(
    "lppls",
    window,
    LIMITS.lpplsFitObservations,
    flags.allowLarge === true,
    "observations in the fit window",
    `choose a window with --window N (and --end DATE)`,
  );
  const start = end - window + 1;
  const t = s.t.subarray(start, end + 1);
  const y = s.y.subarray(start, end + 1);
  refuseConstant(y, s, start);
  const fitter = oneOf("fitter", flags.fitter, ["fast", "lppls"] as const);
  // Progress: the fit, then the ~30 nested windows of the crash-time distribution.
  const bar = progressBar("LPPLS fit");
  let fit: LpplsFit;
  let dist: ReturnType<typeof crashTimeDistribution>;
  try {
    bar.tick(0, 2);
    fit = fitLppls(t, y, { ...common, fitter });
    bar.tick(1, 2);
    dist = crashTimeDistribution(t, y, { ...common, windowSize: window });
    bar.tick(2, 2);
  } finally {
    bar.stop();
  }
  const label = timeLabel(s);
  if (flags.svg) {
    const horizon = Math.max(t[t.length - 1], Math.min(fit.tc, t[t.length - 1] + 0.5 * (t[t.length - 1] - t[0])));
    const fitT: number[] = [];
    const stepT = (horizon - t[0]) / 400;
    for (let x = t[0]; x <= horizon + 1e-9; x += stepT) fitT.push(x);
    const fitY = lpplsModel(fitT, fit);
    const svg = renderSvg(
      lpplsFitChartOption({
        title: `LPPLS fit: ${s.column} ${s.labels[start]} … ${s.labels[end]}`,
        t,
        y,
        fitT,
        fitY,
        tc: fit.tc,
        tcQuantiles: dist.quantiles,
        xLabel: label,
        yName: flags.log ? `ln ${s.column}` : s.column,
      }),
    );
    writeSvg(flags.svg, svg);
  }
  if (flags.json) {
    const out = {
      command: "lppls",
      mode: "fit",
      file,
      column: s.column,
      log: Boolean(flags.log),
      window: { start: s.labels[start], end: s.labels[end], n: window },
      preset: common.preset,
      fitter,
      seed: common.seed,
      fit: fitJson(fit, s),
      tcDistribution: {
        windows: dist.nFits,
        qualified: dist.nQualified,
        quantiles: dist.quantiles.map((q) => ({
          p: q.p,
          date: Number.isFinite(q.tc) ? label(q.tc) : null,
          daysAfterLast: num(q.tc - dist.t2),
        })),
        widthDays: num(dist.width),
      },
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const tbl = new Table({ style: { head: [], border: [] }, head: ["parameter", "value"].map((h) => pc.bold(h)) });
  const d = (v: number, k = 4) => (Number.isFinite(v) ? v.toPrecision(k) : "NaN");
  tbl.push(
    ["window", `${s.labels[start]} … ${s.labels[end]} (${window} obs)`],
    ["critical time tc", `${label(fit.tc)} (${(fit.tc - fit.t2).toFixed(1)} days after the last observation)`],
    ["m", d(fit.m)],
    ["ω", d(fit.omega)],
    ["A, B", `${d(fit.A, 6)}, ${d(fit.B)}`],
    ["C1, C2 (C)", `${d(fit.C1)}, ${d(fit.C2)} (${d(fit.C)})`],
    ["SSE / RMSE", `${d(fit.sse, 6)} / ${d(fit.rmse)}`],
    ["oscillations O", d(fit.O, 3)],
    ["damping D", d(fit.D, 3)],
    [
      "bubble sign",
      fit.sign === "positive"
        ? pc.red("positive (B < 0)")
        : fit.sign === "negative"
          ? pc.green("negative (B > 0)")
          : "none",
    ],
  );
  process.stdout.write(
    `${pc.bold(`LPPLS fit — ${s.column}${flags.log ? " (log)" : ""}, preset ${common.preset}, fitter ${fitter}`)}\n${tbl.toString()}\n`,
  );
  const q = fit.qualification;
  const qt = new Table({ style: { head: [], border: [] }, head: ["condition", "holds"].map((h) => pc.bold(h)) });
  qt.push(
    ["tc in range", yes(q.tcInRange)],
    ["m in range", yes(q.mInRange)],
    ["ω in range", yes(q.omegaInRange)],
    ["oscillations O", yes(q.oscillationsOk)],
    ["damping D", yes(q.dampingOk)],
    [pc.bold("qualified"), yes(q.qualified)],
  );
  process.stdout.write(`${qt.toString()}\n`);
  const dt = new Table({
    style: { head: [], border: [] },
    head: ["quantile", "tc date", "days after last obs"].map((h) => pc.bold(h)),
  });
  for (const x of dist.quantiles) {
    dt.push([
      `${Math.round(x.p * 100)}%`,
      Number.isFinite(x.tc) ? label(x.tc) : "—",
      Number.isFinite(x.tc) ? (x.tc - dist.t2).toFixed(1) : "—",
    ]);
  }
  process.stdout.write(
    `${pc.bold("crash-time distribution")}: ${dist.nQualified} of ${dist.nFits} nested windows ending ${s.labels[end]} qualified` +
      (dist.nQualified > 0
        ? `; ${Math.round(dist.quantiles[0].p * 100)}–${Math.round(dist.quantiles[dist.quantiles.length - 1].p * 100)}% range ${dist.width.toFixed(0)} days wide`
        : " — no crash-time distribution") +
      (dist.nQualified > 0 ? `\n${dt.toString()}\n` : "\n"),
  );
  if (flags.svg) process.stdout.write(`wrote ${flags.svg}\n`);
}

interface CommonOptions {
  preset: PresetName;
  seed: number;
  tcOffset?: [number, number];
  m?: [number, number];
  omega?: [number, number];
}

function runIndicator(file: string, s: Series, flags: LpplsFlags, common: CommonOptions): void {
  const ws = 80;
  if (s.t.length < ws) throw new RangeError(`--indicator needs at least ${ws} observations, got ${s.t.length}`);
  let fromRow = flags.from ? rowAtOrAfter(s, "from", flags.from) : ws - 1;
  if (fromRow < ws - 1) {
    if (flags.from) {
      throw new RangeError(
        `--from ${flags.from} leaves fewer than ${ws} observations before it (first possible: ${s.labels[ws - 1]})`,
      );
    }
    fromRow = ws - 1;
  }
  const toRow = flags.to ? rowAtOrBefore(s, "to", flags.to) : s.t.length - 1;
  if (toRow < fromRow) throw new RangeError(`--to ${flags.to} is before --from ${flags.from ?? s.labels[fromRow]}`);
  checkInputSize(
    "lppls --indicator",
    toRow - fromRow + 1,
    LIMITS.lpplsIndicatorEnds,
    flags.allowLarge === true,
    "window ends",
  );
  refuseConstant(s.y.subarray(Math.max(0, fromRow - ws + 1), toRow + 1), s, Math.max(0, fromRow - ws + 1));
  const fitter = oneOf("fitter", flags.fitter, ["fast", "lppls"] as const);
  const denominator = oneOf("denominator", flags.denominator, ["same-sign", "all"] as const);
  const bar = progressBar("LPPLS indicator");
  let points: IndicatorPoint[];
  try {
    points = lpplsIndicator(s.t, s.y, { ...common, fitter, denominator, fromRow, toRow, onProgress: bar.tick }).points;
  } finally {
    bar.stop();
  }
  const label = timeLabel(s);
  if (flags.svg) {
    const a = Math.max(0, fromRow - ws + 1);
    writeSvg(
      flags.svg,
      renderSvg(
        lpplsIndicatorChartOption({
          title: `LPPLS confidence indicator: ${s.column}`,
          t: s.t.subarray(a, toRow + 1),
          y: s.y.subarray(a, toRow + 1),
          points,
          xLabel: label,
          yName: flags.log ? `ln ${s.column}` : s.column,
        }),
      ),
    );
  }
  if (flags.json) {
    const out = {
      command: "lppls",
      mode: "indicator",
      file,
      column: s.column,
      log: Boolean(flags.log),
      preset: common.preset,
      fitter,
      denominator,
      seed: common.seed,
      settings: { windowSize: 80, smallestWindowSize: 20, outerIncrement: 5, innerIncrement: 2 },
      points: points.map((p) => ({
        date: s.labels[p.row],
        posConf: p.posConf,
        negConf: p.negConf,
        posCount: p.posCount,
        posQualified: p.posQualified,
        negCount: p.negCount,
        negQualified: p.negQualified,
        nFits: p.nFits,
        nFailed: p.nFailed,
      })),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const mean = (k: "posConf" | "negConf") => points.reduce((a, p) => a + p[k], 0) / points.length;
  const maxP = points.reduce((b, p) => (p.posConf > b.posConf ? p : b), points[0]);
  const maxN = points.reduce((b, p) => (p.negConf > b.negConf ? p : b), points[0]);
  const sum = new Table({
    style: { head: [], border: [] },
    head: ["", "positive bubble", "negative bubble"].map((h) => pc.bold(h)),
  });
  sum.push(
    ["mean confidence", mean("posConf").toFixed(3), mean("negConf").toFixed(3)],
    [
      "max confidence",
      maxP.posConf > 0 ? `${maxP.posConf.toFixed(3)} (${s.labels[maxP.row]})` : "0",
      maxN.negConf > 0 ? `${maxN.negConf.toFixed(3)} (${s.labels[maxN.row]})` : "0",
    ],
    [
      "window ends > 0",
      String(points.filter((p) => p.posConf > 0).length),
      String(points.filter((p) => p.negConf > 0).length),
    ],
  );
  process.stdout.write(
    `${pc.bold(`LPPLS confidence indicator — ${s.column}${flags.log ? " (log)" : ""}, ${points.length} window ends ${s.labels[points[0].row]} … ${s.labels[points[points.length - 1].row]}, preset ${common.preset}, fitter ${fitter}`)}\n${sum.toString()}\n`,
  );
  const nz = points.filter((p) => p.posConf > 0 || p.negConf > 0);
  if (nz.length > 0) {
    const tb = new Table({
      style: { head: [], border: [] },
      head: ["window end", "pos conf", "neg conf", "qualified / fits (B<0)", "qualified / fits (B>0)"].map((h) =>
        pc.bold(h),
      ),
    });
    for (const p of nz) {
      tb.push([
        s.labels[p.row],
        p.posConf.toFixed(3),
        p.negConf.toFixed(3),
        `${p.posQualified}/${p.posCount}`,
        `${p.negQualified}/${p.negCount}`,
      ]);
    }
    process.stdout.write(`window ends with a non-zero indicator:\n${tb.toString()}\n`);
  } else process.stdout.write("no window end has a qualified fit\n");
  if (flags.svg) process.stdout.write(`wrote ${flags.svg}\n`);
}

/** Registers `bubblescope lppls`. */
export function registerLppls(program: Command): void {
  program
    .command("lppls")
    .description("LPPLS bubble fit (critical time, qualification, tc distribution) or confidence indicator")
    .argument("<file>", "CSV file with a date column and a price column")
    .option("--column <name>", "price column (default: the only numeric column)")
    .option("--date-column <name>", "date column (default: a column named date/Date/t…)")
    .option("--log", "fit the natural log of the column (prices must be positive)")
    .option("--end <date>", "last observation of the fit window (default: the last row)")
    .option("--window <n>", "number of observations in the fit window (default: all rows up to --end)")
    .option(
      "--tc-range <lo:hi>",
      "tc search range in calendar days relative to the window's last date (default: preset)",
    )
    .option("--m-range <lo:hi>", "m search range (default: preset)")
    .option("--omega-range <lo:hi>", "ω search range (default: preset)")
    .option("--preset <name>", "search box and filter preset: lppls | dgs2017", "lppls")
    .option("--fitter <name>", "fast (best fit in the box) | lppls (lppls's first-success Nelder–Mead)", "fast")
    .option("--indicator", "multi-window confidence indicator (lppls nested windows 80/20/5/2)")
    .option("--from <date>", "indicator: first window end")
    .option("--to <date>", "indicator: last window end")
    .option("--denominator <kind>", "indicator: same-sign (lppls) | all (Sornette)", "same-sign")
    .option("--seed <s>", "random seed", "0")
    .option("--json", "machine-readable output")
    .option("--svg <file>", "write an SVG chart")
    .option("--drop-missing", "drop rows with a missing value instead of failing")
    .option(
      "--allow-large",
      `fit more than ${LIMITS.lpplsFitObservations} observations or ${LIMITS.lpplsIndicatorEnds} indicator window ends (slow)`,
    )
    .action(async (file: string, flags: LpplsFlags) => {
      const preset = oneOf("preset", flags.preset, ["lppls", "dgs2017"] as const);
      const seed = parseInt10("seed", flags.seed, 0);
      const common: CommonOptions = {
        preset,
        seed,
        tcOffset: parseRange("tc-range", flags.tcRange),
        m: parseRange("m-range", flags.mRange),
        omega: parseRange("omega-range", flags.omegaRange),
      };
      if (common.m && common.m[0] < 0) throw new UsageError(`--m-range must be non-negative, got "${flags.mRange}"`);
      if (common.omega && common.omega[0] <= 0)
        throw new UsageError(`--omega-range must be positive, got "${flags.omegaRange}"`);
      if (!flags.indicator && (flags.from || flags.to))
        throw new UsageError("--from/--to need --indicator (use --end and --window for one fit)");
      if (flags.indicator && (flags.end || flags.window))
        throw new UsageError("--end/--window apply to one fit, not to --indicator (use --from/--to)");
      oneOf("fitter", flags.fitter, ["fast", "lppls"] as const);
      oneOf("denominator", flags.denominator, ["same-sign", "all"] as const);
      if (flags.window !== undefined) {
        const w = parseInt10("window", flags.window, 1);
        if (w < 20) throw new UsageError(`--window must be at least 20 observations, got ${w}`);
      }
      const s = loadSeries(file, flags);
      if (flags.svg) ({ renderSvg } = await import("../report/svg.ts"));
      if (flags.indicator) runIndicator(file, s, flags, common);
      else runFit(file, s, flags, common);
    });
}
