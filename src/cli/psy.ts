/**
 * `bubblescope psy FILE.csv`: PSY recursive right-tailed unit-root tests (exuber's radf + critical values +
 * datestamp) on one or more columns of a CSV file, with a table, --json or --svg output.
 */
import { readFileSync } from "node:fs";
import Table from "cli-table3";
import type { Command } from "commander";
import pc from "picocolors";
import { readSeriesTable } from "../core/csv.ts";
import { monitor } from "../detect/psy/monitor.ts";
import { dateBound } from "../evidence/period.ts";
import { computeCriticalValues } from "../node/critical-values.ts";
import { analysePsy, type CvChoice, type PsyAnalysisJson } from "../node/psy-analysis.ts";
import { writeFileSafe } from "../node/safe-write.ts";
import { UsageError } from "./errors.ts";
import { capThreads, checkInputSize, intFlag, LIMITS } from "./limits.ts";
import { progressBar } from "./progress.ts";

interface PsyFlags {
  column: string[];
  dateColumn?: string;
  log?: boolean;
  ratio?: string;
  from?: string;
  to?: string;
  dropMissing?: boolean;
  lag?: string;
  ic?: string;
  maxLag?: string;
  icMode?: string;
  minWindow?: string;
  windowConvention?: string;
  cv: string;
  nrep?: string;
  seed: string;
  level: string;
  bsadfCv: string;
  rng: string;
  tb?: string;
  minDuration: string;
  option: string;
  rejectedOnly?: boolean;
  threads: string;
  cache: boolean;
  json?: boolean;
  svg?: string;
  monitorFrom?: string;
  allowLarge?: boolean;
}

function int(name: string, v: string | undefined, min: number): number | undefined {
  return v === undefined ? undefined : intFlag(name, v, min);
}

/** cli-table3 colours its borders and headers itself (ignoring NO_COLOR and pipes): plain style, bold via picocolors. */
const PLAIN = { head: [] as string[], border: [] as string[] };
const heads = (h: string[]) => h.map((x) => pc.bold(x));

function oneOf<T extends string>(name: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`--${name} must be one of ${allowed.join(", ")}; got "${v}"`);
  return v as T;
}

const fmt = (v: number | null | undefined, d = 3) => (v === null || v === undefined ? "NaN" : v.toFixed(d));

export function registerPsy(program: Command): void {
  program
    .command("psy")
    .description("PSY GSADF/BSADF bubble tests with critical values and date-stamped episodes")
    .argument("<file>", "CSV file with a date column and one or more numeric columns")
    .option(
      "--column <name>",
      "column to test (repeatable; default: the only numeric column)",
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option("--date-column <name>", "date column (default: a column named date/Date/t…)")
    .option("--log", "test the natural log of each column")
    .option("--ratio <num/den>", "test the ratio of two columns, e.g. SP500/Dividend (price/dividend ratio)")
    .option("--from <date>", "first date to use")
    .option("--to <date>", "last date to use")
    .option("--drop-missing", "drop rows with a missing value instead of failing")
    .option("--lag <p>", "fixed ADF lag order (default 0)")
    .option("--ic <aic|bic>", "choose the lag per window by information criterion, up to --max-lag")
    .option("--max-lag <p>", "largest lag for --ic (default 4)")
    .option("--ic-mode <common|psymonitor>", "IC variant: scale-invariant common-sample (default) or psymonitor's")
    .option("--min-window <m>", "minimum window (default: PSY rule floor((0.01 + 1.8/sqrt(n))·n))")
    .option(
      "--window-convention <rows|levels>",
      "count --min-window in regression rows (exuber, default) or levels (psymonitor)",
    )
    .option("--cv <method>", "critical values: mc | wb (Phillips–Shi 2020) | wb-harvey (HLST 2016) | sb (panel)", "mc")
    .option("--nrep <n>", "replications (default 2000 for mc, 999 for bootstraps)")
    .option("--seed <s>", "random seed", "123")
    .option("--level <90|95|99>", "significance level for date-stamping", "95")
    .option(
      "--bsadf-cv <exuber|psy2015>",
      "MC BSADF cv sequence: exuber's running-max rule or PSY (2015)'s simulated BSADF",
      "exuber",
    )
    .option(
      "--rng <stream|r>",
      "random numbers: parallel-safe streams or R's sequence (reproduces exuber exactly)",
      "stream",
    )
    .option("--tb <n>", "family-wise size control over tb observations (with --cv wb)")
    .option("--min-duration <n|psy>", "minimum episode duration; 'psy' = round(log n)", "0")
    .option("--option <gsadf|sadf>", "date-stamp with BSADF (gsadf) or BADF (sadf)", "gsadf")
    .option("--rejected-only", "stamp only series that reject at 95% (exuber's default)")
    .option("--monitor-from <date>", "real-time monitoring: alarms as known at each date after this training end")
    .option("--threads <n>", "worker threads for critical values", "1")
    .option("--no-cache", "do not read or write the critical-value cache")
    .option("--json", "print the full result as JSON")
    .option("--svg <file>", "write the BSADF-vs-critical-value chart as SVG")
    .option(
      "--allow-large",
      `compute above ${LIMITS.psyObservations} observations (slow: the test is O(n²) per replication)`,
    )
    .action(async (file: string, flags: PsyFlags) => {
      await runPsy(file, flags);
    });
}

async function runPsy(file: string, f: PsyFlags): Promise<void> {
  // Every flag is checked before the file is read: a bad flag is exit 2 whatever the data.
  const ic: "none" | "aic" | "bic" = f.ic ? oneOf("ic", f.ic, ["aic", "bic"] as const) : "none";
  if (f.ic && f.lag !== undefined) throw new UsageError("use either --lag (fixed) or --ic with --max-lag, not both");
  if (!f.ic && (f.maxLag !== undefined || f.icMode !== undefined))
    throw new UsageError("--max-lag and --ic-mode need --ic aic|bic");
  const test = {
    ...(f.minWindow !== undefined ? { minWindow: int("min-window", f.minWindow, 1) } : {}),
    ...(f.windowConvention
      ? { windowConvention: oneOf("window-convention", f.windowConvention, ["rows", "levels"] as const) }
      : {}),
    lag: int("lag", f.lag, 0) ?? 0,
    ic,
    ...(f.maxLag !== undefined ? { maxLag: int("max-lag", f.maxLag, 0) } : {}),
    ...(f.icMode ? { icMode: oneOf("ic-mode", f.icMode, ["common", "psymonitor"] as const) } : {}),
  };
  const cv = oneOf("cv", f.cv, ["mc", "wb", "wb-harvey", "sb"] as const) as CvChoice;
  const level = Number(oneOf("level", f.level, ["90", "95", "99"] as const)) as 90 | 95 | 99;
  const minDuration: number | "psy" = f.minDuration === "psy" ? "psy" : int("min-duration", f.minDuration, 0)!;
  const seed = int("seed", f.seed, 0)!;
  const analysisOptions = {
    test,
    cv,
    ...(f.nrep !== undefined ? { nrep: int("nrep", f.nrep, 2) } : {}),
    seed,
    level,
    bsadfRule: oneOf("bsadf-cv", f.bsadfCv, ["exuber", "psy2015"] as const),
    rng: oneOf("rng", f.rng, ["stream", "r"] as const),
    ...(f.tb !== undefined ? { tb: int("tb", f.tb, 1) } : {}),
    minDuration,
    option: oneOf("option", f.option, ["gsadf", "sadf"] as const),
    nonrejected: !f.rejectedOnly,
    threads: capThreads(int("threads", f.threads, 1)!),
    cache: f.cache,
  };
  if (f.tb !== undefined && cv !== "wb") throw new UsageError("--tb applies to --cv wb (Phillips–Shi wild bootstrap)");
  if (f.monitorFrom !== undefined && !/^(\d{4}(-\d{2}){0,2}|-?\d+(\.\d+)?)$/.test(f.monitorFrom))
    throw new UsageError(
      `--monitor-from must be a date YYYY-MM-DD (or a number for a numeric index), got "${f.monitorFrom}"`,
    );
  let columns = f.column;
  let ratio: [string, string] | undefined;
  if (f.ratio) {
    const parts = f.ratio.split("/");
    if (parts.length !== 2 || !parts[0] || !parts[1])
      throw new UsageError(`--ratio must look like NUM/DEN, got "${f.ratio}"`);
    ratio = [parts[0], parts[1]];
    columns = [...parts];
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`,
    );
  }
  const table = readSeriesTable(text, {
    source: file,
    columns,
    ...(f.dateColumn ? { dateColumn: f.dateColumn } : {}),
    missing: f.dropMissing ? "drop" : "error",
  });
  let dates = table.dates ? [...table.dates] : null;
  // File row of each observation (header = row 1), kept through the filters for error messages.
  let rows = table.rows ? [...table.rows] : Array.from({ length: table.columns[0].values.length }, (_, i) => i + 2);
  let series = table.columns.map((c) => ({ name: c.name, values: Array.from(c.values) }));
  if (f.from || f.to) {
    if (!dates) throw new UsageError("--from/--to need a date column");
    const numeric = dates.every((d) => /^-?\d+(\.\d+)?$/.test(d));
    const bound = (flag: "from" | "to", raw: string | undefined): string | number | undefined => {
      if (raw === undefined) return undefined;
      if (numeric) {
        if (!/^-?\d+(\.\d+)?$/.test(raw))
          throw new UsageError(`--${flag} must be a number for a numeric index, got "${raw}"`);
        return Number(raw);
      }
      // 2000 → 2000-01-01 (from) / 2000-12-31 (to); 1999-12 → its first / last day.
      const b = dateBound(raw, flag === "from" ? "start" : "end");
      if (b === undefined) throw new UsageError(`--${flag} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got "${raw}"`);
      return b;
    };
    const lo = bound("from", f.from);
    const hi = bound("to", f.to);
    const keep = dates.map((d) => {
      const v = numeric ? Number(d) : d;
      return (lo === undefined || v >= lo) && (hi === undefined || v <= hi);
    });
    dates = dates.filter((_, i) => keep[i]);
    rows = rows.filter((_, i) => keep[i]);
    series = series.map((s) => ({ name: s.name, values: s.values.filter((_, i) => keep[i]) }));
    if (dates.length === 0) throw new RangeError(`no observations between ${f.from ?? "start"} and ${f.to ?? "end"}`);
  }
  if (ratio) {
    const [a, b] = series;
    series = [{ name: `${ratio[0]}/${ratio[1]}`, values: a.values.map((v, i) => v / b.values[i]) }];
    series[0].values.forEach((v, i) => {
      if (!Number.isFinite(v))
        throw new RangeError(
          `${file}: ${ratio[0]}/${ratio[1]} is not finite at ${dates ? dates[i] : `observation ${i + 1}`} (file row ${rows[i]}, denominator ${b.values[i]})`,
        );
    });
  }
  if (f.log) {
    series = series.map((s) => {
      s.values.forEach((v, i) => {
        if (!(v > 0))
          throw new RangeError(
            `--log needs positive values: "${s.name}" is ${v} at ${dates ? dates[i] : `observation ${i + 1}`}`,
          );
      });
      return { name: `log(${s.name})`, values: s.values.map(Math.log) };
    });
  }
  checkInputSize("psy", series[0]?.values.length ?? 0, LIMITS.psyObservations, f.allowLarge === true, "observations");
  const bar = progressBar("critical values");
  let result: Awaited<ReturnType<typeof analysePsy>>;
  try {
    result = await analysePsy(series, dates, { ...analysisOptions, onProgress: bar.tick });
  } finally {
    bar.stop();
  }
  const { json } = result;
  let monitorJson: unknown;
  if (f.monitorFrom) {
    if (!dates) throw new UsageError("--monitor-from needs a date column");
    if (series.length !== 1) throw new UsageError("--monitor-from takes one series");
    const te = dates.findLastIndex((d) => d <= f.monitorFrom!);
    if (te < 0) throw new RangeError(`--monitor-from ${f.monitorFrom} is before the first date ${dates[0]}`);
    const mcv = await computeCriticalValues(
      {
        method: "mc",
        n: dates.length,
        options: { minWindow: json.minWindow, nrep: analysisOptions.nrep ?? 2000, seed, rng: analysisOptions.rng },
      },
      { threads: analysisOptions.threads, cache: f.cache },
    );
    monitorJson = monitor(series[0].values, {
      ...test,
      minWindow: json.minWindow,
      trainingEnd: te,
      cv: mcv,
      level,
      dates,
    });
  }
  if (f.svg) await writeSvg(f.svg, json, series);
  if (f.json) {
    process.stdout.write(`${JSON.stringify(monitorJson ? { ...json, monitor: monitorJson } : json, null, 2)}\n`);
    return;
  }
  printHuman(json, file);
  if (monitorJson) printMonitor(monitorJson as ReturnType<typeof monitor>);
}

async function writeSvg(
  path: string,
  json: PsyAnalysisJson,
  series: { name: string; values: number[] }[],
): Promise<void> {
  // ECharts is large: load it only when a chart is asked for, so the rest of the CLI starts fast.
  const [{ psyChartOption }, { renderSvg }] = await Promise.all([
    import("../report/charts/psy.ts"),
    import("../report/svg.ts"),
  ]);
  const s = json.series[0];
  const stat = json.option === "gsadf" ? s.bsadf : s.badf;
  const cv = json.option === "gsadf" ? s.cv.bsadf : (s.cv.badf ?? []);
  const svg = renderSvg(
    psyChartOption({
      title: `${s.name}: ${json.option === "gsadf" ? "BSADF" : "BADF"} vs ${json.level}% critical value (${json.criticalValues.method})`,
      x: json.index,
      stat: stat.map((v) => v ?? Number.NaN),
      statName: json.option === "gsadf" ? "BSADF" : "BADF",
      cv: cv.map((v) => v ?? Number.NaN),
      cvName: `${json.level}% critical value`,
      episodes: s.episodes,
      level: series[0].values.slice(json.firstIndex),
      levelName: series[0].name,
    }),
    { width: 1000, height: 460 },
  );
  writeFileSafe(path, svg);
}

function printHuman(json: PsyAnalysisJson, file: string): void {
  const out: string[] = [];
  const cvm = json.criticalValues;
  out.push(
    pc.bold(`PSY bubble tests — ${file}`),
    `n = ${json.n}, minimum window ${json.minWindow} rows (${json.minWindowLevels} observations), ${json.ic === "none" ? `lag ${json.lag}` : `lag by ${json.ic.toUpperCase()} ≤ ${json.lag} (${json.icMode})`}`,
    `critical values: ${cvm.method}, ${cvm.nrep} replications, seed ${cvm.seed} (${cvm.rng})${cvm.tb !== undefined ? `, family-wise over tb = ${cvm.tb}` : ""}; BSADF cv rule: ${cvm.bsadfRule}`,
  );
  const t = new Table({
    style: PLAIN,
    head: heads(["series", "statistic", "value", "90%", "95%", "99%", "reject H0?"]),
  });
  for (const s of json.series) {
    for (const key of ["adf", "sadf", "gsadf"] as const) {
      const c = s.cv[key];
      t.push([
        key === "adf" ? s.name : "",
        key.toUpperCase(),
        fmt(s[key]),
        fmt(c?.[0]),
        fmt(c?.[1]),
        fmt(c?.[2]),
        key === "gsadf" ? (s.rejected ? pc.red(`yes (${s.significance})`) : "no") : "",
      ]);
    }
  }
  out.push(t.toString());
  if (json.panel) {
    out.push(
      `panel GSADF (mean BSADF across series) = ${fmt(json.panel.gsadf)}${json.panel.cv ? `; cv 90/95/99% = ${json.panel.cv.gsadf.map((v) => fmt(v)).join(" / ")}` : " (use --cv sb for its critical values)"}`,
    );
  }
  const e = new Table({
    style: PLAIN,
    head: heads(["series", "start", "peak", "end", "duration", "ongoing", "signal"]),
  });
  let count = 0;
  for (const s of json.series)
    for (const ep of s.episodes) {
      e.push([
        s.name,
        String(ep.start),
        String(ep.peak),
        String(ep.end),
        String(ep.duration),
        ep.ongoing ? "yes" : "",
        ep.signal,
      ]);
      count++;
    }
  for (const ep of json.panel?.episodes ?? []) {
    e.push([
      "panel",
      String(ep.start),
      String(ep.peak),
      String(ep.end),
      String(ep.duration),
      ep.ongoing ? "yes" : "",
      "",
    ]);
    count++;
  }
  out.push(
    pc.bold(
      `Episodes (${json.option === "gsadf" ? "BSADF" : "BADF"} > ${json.level}% cv${json.minDuration > 0 ? `, duration ≥ ${json.minDuration}` : ""}): ${count}`,
    ),
  );
  if (count > 0) out.push(e.toString());
  process.stdout.write(`${out.join("\n")}\n`);
}

function printMonitor(m: ReturnType<typeof monitor>): void {
  const t = new Table({ style: PLAIN, head: heads(["alarm start", "raised on", "ended", "duration", "ongoing"]) });
  for (const e of m.episodes)
    t.push([String(e.start), String(e.alarmDate), String(e.end ?? ""), String(e.duration), e.ongoing ? "yes" : ""]);
  process.stdout.write(
    `${pc.bold(`Real-time monitoring after ${m.trainingEnd} (minimum window ${m.minWindow} from the training sample): ${m.episodes.length} alarms`)}\n${m.episodes.length ? `${t.toString()}\n` : ""}`,
  );
}
