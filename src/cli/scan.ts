/**
 * `bubblescope scan [DIR] [--store] [--watchlist NAME|FILE] [--as-of DATE] [--json] [--out DIR] [--queue URL]`:
 * PSY (GSADF, cv95, episodes, explosive now and since when), the LPPLS confidence at the last date, the GSY run-up
 * and GMO's z-score for every series of a folder, the data store or a watchlist; a ranked table, the basket's
 * breadth, the run recorded in the data store. The shared flag set and input resolution are exported for
 * `bubblescope monitor`.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Table from "cli-table3";
import type { Command } from "commander";
import pc from "picocolors";
import type { ScanJson } from "../scan/assemble.ts";
import { breadthAt } from "../scan/breadth.ts";
import { margin } from "../scan/rank.ts";
import { resolveScanSettings, type ScanSettings } from "../scan/settings.ts";
import { UsageError } from "./errors.ts";
import { progressBar } from "./progress.ts";

export interface ScanFlags {
  store?: boolean;
  storeDir?: string;
  watchlist?: string;
  data?: string;
  asOf?: string;
  json?: boolean;
  out?: string;
  queue?: string;
  threads?: string;
  frequency: string;
  window: string;
  minObs: string;
  lag: string;
  nrep: string;
  seed: string;
  level: string;
  minDuration: string;
  lppls: boolean;
  cache: boolean;
  record: boolean;
}

function int(name: string, v: string, min: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${v}"`);
  return Number(v);
}

/** Adds the flags shared by scan and monitor. */
export function addScanOptions(cmd: Command): Command {
  return cmd
    .option("--store", "scan the series in the data store (with --watchlist: look members up there first)")
    .option("--store-dir <dir>", "data store directory (default: $BUBBLESCOPE_HOME or ~/.local/share/bubblescope)")
    .option("--watchlist <name|file>", "a shipped watchlist (telecom-2000, ai) or a file of symbols")
    .option(
      "--data <dir>",
      "with --watchlist: look members up in this folder first (then --store, $BUBBLESCOPE_DATA, the bundled snapshot)",
    )
    .option("--json", "print the result as JSON")
    .option("--queue <url>", "run the series on BullMQ workers through Redis (redis://HOST:PORT)")
    .option("--threads <n>", "worker threads on this machine (default: available cores, at most 8)")
    .option("--frequency <weekly|as-is>", "resample to weekly closes (default) or test the rows as they are", "weekly")
    .option("--window <n>", "test the last n observations (0 = all)", "260")
    .option("--min-obs <n>", "a series with fewer observations fails alone", "52")
    .option("--lag <p>", "ADF lag", "0")
    .option("--nrep <n>", "Monte Carlo replications of the critical values", "2000")
    .option("--seed <s>", "seed of the critical values and the LPPLS fits", "123")
    .option("--level <90|95|99>", "date-stamping level", "95")
    .option("--min-duration <n>", "drop episodes shorter than n observations", "0")
    .option("--no-lppls", "skip the LPPLS confidence indicator")
    .option("--no-cache", "do not read or write the critical-value cache")
    .option("--no-record", "do not record the run in the data store");
}

export function settingsFrom(f: ScanFlags): ScanSettings {
  if (!["weekly", "as-is"].includes(f.frequency))
    throw new UsageError(`--frequency must be weekly or as-is, got "${f.frequency}"`);
  if (!["90", "95", "99"].includes(f.level)) throw new UsageError(`--level must be 90, 95 or 99, got "${f.level}"`);
  try {
    return resolveScanSettings({
      frequency: f.frequency as ScanSettings["frequency"],
      window: int("window", f.window, 0),
      minObservations: int("min-obs", f.minObs, 20),
      lag: int("lag", f.lag, 0),
      nrep: int("nrep", f.nrep, 2),
      seed: int("seed", f.seed, 0),
      level: Number(f.level) as 90 | 95 | 99,
      minDuration: int("min-duration", f.minDuration, 0),
      lppls: f.lppls,
    });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

function checkDate(name: string, v: string | undefined): void {
  if (v !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))))
    throw new UsageError(`--${name} must be a date YYYY-MM-DD, got "${v}"`);
}

/** Runs a scan from the CLI flags (inputs, engine, progress); shared with monitor. */
export async function scanFromFlags(
  dir: string | undefined,
  f: ScanFlags,
  asOf: string | undefined,
): Promise<{ json: ScanJson; engine: string; stats: { cvSeconds: number; scanSeconds: number } }> {
  const settings = settingsFrom(f);
  checkDate("as-of", asOf);
  const sources = [dir !== undefined, !!f.watchlist, !!f.store && !f.watchlist].filter(Boolean).length;
  if (sources === 0) throw new UsageError("what to scan: give a folder of CSVs, --store or --watchlist NAME|FILE");
  if (sources > 1)
    throw new UsageError("give one of: a folder, --store, --watchlist (with --store to read members from the store)");
  if (f.data !== undefined && !f.watchlist)
    throw new UsageError("--data DIR names where watchlist members are found: use it with --watchlist");
  if (f.threads !== undefined) int("threads", f.threads, 1);
  if (f.queue !== undefined && !/^rediss?:\/\/[^\s/]+(:\d+)?(\/\d+)?$/.test(f.queue))
    throw new UsageError(`--queue must be redis://HOST:PORT, got "${f.queue}"`);
  const inputsMod = await import("../node/scan-inputs.ts");
  let inputs: Awaited<ReturnType<typeof inputsMod.inputsFromDir>>;
  let watchlist: string | null = null;
  let source: string;
  if (dir !== undefined) {
    inputs = inputsMod.inputsFromDir(dir);
    source = `folder ${resolve(dir)}`;
  } else {
    const store = f.store ? await inputsMod.openStoreReader(f.storeDir) : undefined;
    try {
      if (f.watchlist) {
        const wl = inputsMod.loadWatchlist(f.watchlist);
        watchlist = wl.name;
        inputs = await inputsMod.inputsFromWatchlist(wl, {
          ...(asOf ? { asOf } : {}),
          ...(store ? { store } : {}),
          ...(f.data !== undefined ? { dataDir: f.data } : {}),
        });
        source = `watchlist ${wl.name}: ${inputsMod.watchlistSourcesLine({ ...(f.data !== undefined ? { dataDir: f.data } : {}), storeDir: store?.dir ?? null })}`;
      } else {
        inputs = await inputsMod.inputsFromStore(store!);
        source = `data store ${store!.dir}`;
      }
    } finally {
      store?.close();
    }
  }
  const { runScan, threadEngine } = await import("../node/scan-run.ts");
  const threads = f.threads !== undefined ? Number(f.threads) : undefined;
  const cvBar = progressBar("critical values");
  const bar = progressBar("scan");
  let engine = threadEngine(threads);
  let closeEngine = async () => {};
  if (f.queue) {
    const { queueEngine } = await import("../node/scan-queue.ts");
    const q = queueEngine(f.queue);
    engine = q;
    closeEngine = () => q.close();
  }
  try {
    const { json, stats } = await runScan(inputs, {
      settings,
      ...(asOf ? { asOf } : {}),
      watchlist,
      source,
      engine,
      ...(threads ? { threads } : {}),
      cache: f.cache,
      onCvProgress: cvBar.tick,
      onProgress: bar.tick,
    });
    return { json, engine: engine.name, stats };
  } finally {
    cvBar.stop();
    bar.stop();
    await closeEngine();
  }
}

const n2 = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? "n/a" : v.toFixed(d));

/** The ranked terminal table and the breadth line. */
export function formatScan(json: ScanJson): string {
  const t = new Table({
    head: [
      "#",
      "series",
      "n",
      "window",
      "GSADF",
      "cv95",
      "margin",
      "explosive now",
      "LPPLS +/−",
      "GSY run-up",
      "GMO z",
    ],
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  const failed: string[] = [];
  json.series.forEach((s, i) => {
    if (s.error) {
      failed.push(`  ${s.name}: ${s.error.startsWith(`${s.name}: `) ? s.error.slice(s.name.length + 2) : s.error}`);
      return;
    }
    t.push([
      String(i + 1),
      s.name,
      String(s.n),
      `${s.from} – ${s.to}`,
      n2(s.gsadf),
      n2(s.cv95),
      n2(margin(s)),
      s.current.explosive ? pc.red(`since ${s.current.since}`) : s.rejected ? "past episode" : "no",
      s.lppls ? `${n2(s.lppls.posConf)} / ${n2(s.lppls.negConf)}` : "n/a",
      s.gsy ? `${n2(s.gsy.runUpPct, 0)}% (p ${n2(s.gsy.crashProbabilityPct, 0)}%)` : "n/a",
      n2(s.gmo?.z),
    ]);
  });
  const m = json.meta;
  const b = json.breadth;
  const last = b.dates.length ? breadthAt(b, b.dates[b.dates.length - 1], 52) : null;
  const lines = [
    `${m.watchlist ? `watchlist ${m.watchlist}` : m.source} · as of ${m.asOf ?? "latest data"} · ${m.settings.frequency} ${m.settings.log ? "log " : ""}prices, window ${m.settings.window || "all"}, lag ${m.settings.lag}, ${m.settings.nrep} replications, seed ${m.settings.seed}`,
    t.toString(),
    last?.date
      ? `breadth on ${last.date}: ${last.explosive} of ${last.covered} series explosive (${n2((last.share ?? 0) * 100, 0)}%); peak over the previous 52 observations ${n2((last.peakShare ?? 0) * 100, 0)}% on ${last.peakDate}`
      : "breadth: no series could be tested",
  ];
  if (failed.length) lines.push(`failed (${failed.length}):`, ...failed);
  return `${lines.join("\n")}\n`;
}

/** Writes index.html + scan.json into DIR atomically; never replaces a folder that is not a scan page. */
export async function writeScanPage(out: string, json: ScanJson): Promise<void> {
  const target = resolve(out);
  if (existsSync(target)) {
    const entries = readdirSync(target);
    if (entries.length > 0 && !entries.includes(".bubblescope-scan"))
      throw new UsageError(`--out ${out}: the folder exists and is not a bubblescope scan page; choose another`);
  }
  const { renderSvg } = await import("../report/svg.ts");
  const { breadthChartOption } = await import("../scan/breadth-chart.ts");
  const { scanPageHtml } = await import("../scan/page.ts");
  const svg = renderSvg(
    breadthChartOption({
      title: `Breadth: ${json.meta.watchlist ?? "basket"}`,
      lines: [{ name: json.meta.watchlist ?? "basket", breadth: json.breadth }],
    }),
    { width: 1000, height: 360 },
  );
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  mkdirSync(tmp);
  try {
    writeFileSync(join(tmp, "index.html"), scanPageHtml(json, svg));
    writeFileSync(join(tmp, "scan.json"), `${JSON.stringify(json, null, 1)}\n`);
    writeFileSync(join(tmp, ".bubblescope-scan"), "");
    const old = `${target}.old-${process.pid}`;
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Records a run in the data store (opened only for this). */
export async function recordInStore(
  f: ScanFlags,
  kind: "scan" | "monitor",
  json: ScanJson,
  engine: string,
  changes: Parameters<typeof import("../node/scan-store.ts").recordRun>[4] = [],
): Promise<string> {
  const { openStore } = await import("../data/store.ts");
  const { recordRun } = await import("../node/scan-store.ts");
  const store = await openStore(f.storeDir ? { dir: f.storeDir } : {});
  try {
    return await recordRun(store, kind, json, engine, changes);
  } finally {
    store.close();
  }
}

export function registerScan(program: Command): void {
  addScanOptions(
    program
      .command("scan")
      .description("scan many series at once: PSY, LPPLS, GSY, GMO per series, ranked, with the basket's breadth")
      .argument("[dir]", "a folder of price CSVs"),
  )
    .option("--as-of <date>", "use data up to this date")
    .option("--out <dir>", "write an HTML page (table + breadth chart) and scan.json into this folder")
    .action(async (dir: string | undefined, f: ScanFlags) => {
      const { json, engine, stats } = await scanFromFlags(dir, f, f.asOf);
      if (json.meta.counts.series > 0 && json.meta.counts.failed === json.meta.counts.series)
        throw new Error(`no series could be scanned (first: ${json.series[0].error})`);
      if (f.out) await writeScanPage(f.out, json);
      if (f.record) await recordInStore(f, "scan", json, engine);
      process.stdout.write(f.json ? `${JSON.stringify(json)}\n` : formatScan(json));
      if (!f.json)
        process.stderr.write(
          pc.dim(
            `${engine}: critical values ${stats.cvSeconds.toFixed(1)} s, series ${stats.scanSeconds.toFixed(1)} s${f.out ? `; page in ${f.out}` : ""}\n`,
          ),
        );
    });
}
