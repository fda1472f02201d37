/**
 * `bubblescope data …`: the data layer's commands. import / import-dir load CSV files into the store; list, show,
 * export, remove manage series; pull downloads the default universe (FRED, Stooq, SEC EDGAR) with a progress bar;
 * fundamentals and evidence show what SEC data gave; check verifies the store and the cache. Every command takes
 * `--store DIR` (default $BUBBLESCOPE_HOME, else $XDG_DATA_HOME/bubblescope, else ~/.local/share/bubblescope).
 * Failures throw one-line Errors; main.ts prints them as `bubblescope: <message>` and exits 1 (bad data) or 2
 * (a UsageError: a bad flag value, or `import` of an existing id without --replace).
 */
import Table from "cli-table3";
import type { Command } from "commander";
import pc from "picocolors";
import { DiskCache } from "../data/cache.ts";
import { fundamentalsAsEvidence } from "../data/evidence.ts";
import { type ExportFormat, exportSeries } from "../data/export.ts";
import { importCsvFile, importCsvUrl, importDir } from "../data/import.ts";
import { resolveStoreDir, storePaths } from "../data/paths.ts";
import { pullUniverse } from "../data/pull.ts";
import type { Store } from "../data/store.ts";
import { selectUniverse } from "../data/universe.ts";
import { FIGURE_COLUMNS } from "../evidence/load.ts";
import { safeLine, UsageError } from "./errors.ts";
import { progressBar } from "./progress.ts";

/** Where the data commands write (tests capture it; default the process streams). */
export interface DataIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

let io: DataIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};
const out = (s: string): void => io.stdout(s.endsWith("\n") ? s : `${s}\n`);
const warn = (s: string): void => io.stderr(`${pc.yellow("warning:")} ${safeLine(s)}\n`);

/** `data export ID | head` closes the pipe early: stop quietly instead of crashing with EPIPE. */
function ignoreEpipe(): void {
  process.stdout.once("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}

interface StoreOpt {
  store?: string;
}

async function withStore<T>(opts: StoreOpt, body: (store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import("../data/store.ts");
  const store = await openStore({ dir: resolveStoreDir(opts.store) });
  try {
    return await body(store);
  } finally {
    store.close();
  }
}

function positiveNumber(name: string, allowZero = true) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
      throw new UsageError(`${name} must be a ${allowZero ? "non-negative" : "positive"} number, got "${v}"`);
    }
    return n;
  };
}

function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  for (const r of rows) t.push(r.map(String));
  return t.toString();
}

/**
 * Registers `data` and its subcommands on the program; `output` redirects what they print (for tests).
 *
 * @example
 * registerData(program); // bubblescope data import FILE --id ID, data list, data pull, …
 */
export function registerData(program: Command, output?: DataIo): void {
  if (output) io = output;
  const data = program
    .command("data")
    .description("price series and fundamentals: import CSV, pull from FRED/Stooq/SEC, list, export");
  const storeOption = (c: Command): Command =>
    c.option("--store <dir>", "store directory (default $BUBBLESCOPE_HOME or ~/.local/share/bubblescope)");

  storeOption(
    data
      .command("import")
      .argument("<file>", "CSV file (Yahoo OHLCV, FRED date,value with '.', or two columns), or an http(s) URL")
      .requiredOption("--id <id>", "series id in the store, e.g. NVDA")
      .option("--date-col <name>", "date column (default: date/Date/observation_date)")
      .option("--value-col <name>", "value column that becomes close (default: close, value, or the only one)")
      .option("--adjusted", "the values are already split-adjusted", false)
      .option("--ticker <symbol>", "ticker recorded as metadata")
      .option("--name <text>", "descriptive name")
      .option("--replace", "replace the series if the id is already in the store (else refused, exit 2)", false)
      .description("import one CSV file as a series"),
  ).action(
    async (
      file: string,
      o: StoreOpt & {
        id: string;
        dateCol?: string;
        valueCol?: string;
        adjusted: boolean;
        ticker?: string;
        name?: string;
        replace: boolean;
      },
    ) => {
      await withStore(o, async (store) => {
        // Checked before anything is read or downloaded; importCsvText checks again inside (replace: false).
        const existing = await store.getSeriesInfo(o.id);
        if (existing && !o.replace)
          throw new UsageError(
            `series "${o.id}" is already in the store (${existing.rows} rows ${existing.firstDate}..${existing.lastDate}): add --replace to replace it`,
          );
        const opts = {
          replace: o.replace,
          id: o.id,
          dateCol: o.dateCol,
          valueCol: o.valueCol,
          adjusted: o.adjusted,
          ticker: o.ticker ?? null,
          name: o.name ?? null,
        };
        const r = /^https?:\/\//i.test(file)
          ? await importCsvUrl(store, file, opts)
          : await importCsvFile(store, file, opts);
        for (const w of r.warnings) warn(`${o.id}: ${w}`);
        if (r.replaced)
          out(
            `replaced ${r.replaced.id}: was ${r.replaced.rows} rows ${r.replaced.firstDate}..${r.replaced.lastDate} (${r.replaced.source}, imported ${r.replaced.importedAt})`,
          );
        out(
          `imported ${r.info.id}: ${r.info.rows} rows ${r.info.firstDate}..${r.info.lastDate} (${r.info.frequency}, ${r.layout}, close <- ${r.info.valueColumn}) into ${store.dbPath}`,
        );
      });
    },
  );

  storeOption(
    data
      .command("import-dir")
      .argument("<dir>", "folder of CSV files; id = file name without .csv")
      .description("import every CSV file of a folder (format of the shared prices folder)"),
  ).action(async (dir: string, o: StoreOpt) => {
    await withStore(o, async (store) => {
      const bar = progressBar("import");
      let r: Awaited<ReturnType<typeof importDir>>;
      try {
        r = await importDir(store, dir, (done, total) => bar.tick(done, total));
      } finally {
        bar.stop();
      }
      out(
        table(
          ["id", "ticker", "rows", "from", "to", "warnings"],
          r.imported.map((x) => [
            x.info.id,
            x.info.ticker ?? "",
            x.info.rows,
            x.info.firstDate,
            x.info.lastDate,
            x.warnings.length,
          ]),
        ),
      );
      for (const f of r.failed) warn(`${f.file}: ${f.error}`);
      out(
        `imported ${r.imported.length} file(s)${r.failed.length ? `, ${r.failed.length} failed` : ""} into ${store.dbPath}`,
      );
      if (r.failed.length > 0 && r.imported.length === 0) throw new Error(`no file of ${dir} could be imported`);
    });
  });

  storeOption(
    data.command("list").option("--json", "print JSON", false).description("list the stored series and fundamentals"),
  ).action(async (o: StoreOpt & { json: boolean }) => {
    await withStore(o, async (store) => {
      const list = await store.listSeries();
      const fund = await store.getFundamentals();
      const companies = [...new Set(fund.map((f) => f.company))];
      if (o.json) {
        out(
          JSON.stringify(
            {
              series: list,
              fundamentals: companies.map((c) => ({ company: c, rows: fund.filter((f) => f.company === c).length })),
            },
            null,
            1,
          ),
        );
        return;
      }
      if (list.length === 0 && companies.length === 0) {
        out(`the store ${store.dbPath} is empty; try \`bubblescope data import-dir DIR\` or \`bubblescope data pull\``);
        return;
      }
      if (list.length > 0) {
        out(
          table(
            ["id", "ticker", "source", "freq", "rows", "from", "to"],
            list.map((s) => [s.id, s.ticker ?? "", s.source, s.frequency, s.rows, s.firstDate, s.lastDate]),
          ),
        );
      }
      if (companies.length > 0) {
        out(
          `fundamentals (SEC): ${companies.map((c) => `${c} (${fund.filter((f) => f.company === c).length} values)`).join(", ")}`,
        );
      }
    });
  });

  storeOption(
    data
      .command("show")
      .argument("<id>", "series id")
      .option("--rows <n>", "rows to show at each end", positiveNumber("--rows"), 5)
      .description("show a series' metadata, provenance, warnings and first/last rows"),
  ).action(async (id: string, o: StoreOpt & { rows: number }) => {
    await withStore(o, async (store) => {
      const info = await store.getSeriesInfo(id);
      if (!info) throw new RangeError(`no series "${id}" in the store (see \`bubblescope data list\`)`);
      const rows = await store.getPrices(id);
      const lines = [
        `${pc.bold(info.id)}${info.name ? ` — ${info.name}` : ""}${info.ticker ? ` [${info.ticker}]` : ""}`,
        `rows ${info.rows}, ${info.firstDate}..${info.lastDate}, ${info.frequency}, close <- ${info.valueColumn}${info.adjusted ? ", split-adjusted" : ""}`,
        `source ${info.source}: ${info.provenance.sourceUrl}`,
        `retrieved ${info.provenance.retrievedAt}, sha256 ${info.provenance.checksum.slice(0, 16)}…, ${info.provenance.bytes} bytes; imported ${info.importedAt}`,
        ...info.warnings.map((w) => `${pc.yellow("warning:")} ${safeLine(w)}`),
      ];
      const k = Math.max(0, Math.floor(o.rows));
      const idx =
        rows.dates.length <= 2 * k
          ? rows.dates.map((_, i) => i)
          : [...Array(k).keys(), ...Array.from({ length: k }, (_, j) => rows.dates.length - k + j)];
      const f = (v: number | null): string => (v === null ? "" : String(v));
      const t = table(
        ["date", "open", "high", "low", "close", "adj_close", "volume"],
        idx.map((i) => [
          rows.dates[i],
          f(rows.open[i]),
          f(rows.high[i]),
          f(rows.low[i]),
          f(rows.close[i]),
          f(rows.adj_close[i]),
          f(rows.volume[i]),
        ]),
      );
      out(`${lines.join("\n")}\n${k > 0 ? t : ""}`);
    });
  });

  storeOption(
    data
      .command("export")
      .argument("<id>", "series id")
      .option("--format <fmt>", "csv, json or parquet", "csv")
      .option("--out <file>", "write to a file (required for parquet; default stdout)")
      .description("export a series as CSV, JSON or Parquet"),
  ).action(async (id: string, o: StoreOpt & { format: string; out?: string }) => {
    if (!["csv", "json", "parquet"].includes(o.format))
      throw new UsageError(`--format must be csv, json or parquet, got "${o.format}"`);
    await withStore(o, async (store) => {
      const text = await exportSeries(store, id, o.format as ExportFormat, o.out);
      if (!o.out) ignoreEpipe();
      if (o.out) out(`wrote ${o.out} (${o.format === "parquet" ? text : `${Buffer.byteLength(text)} bytes`})`);
      else io.stdout(text);
    });
  });

  storeOption(data.command("remove").argument("<id>", "series id").description("remove a series")).action(
    async (id: string, o: StoreOpt) => {
      await withStore(o, async (store) => {
        if (!(await store.removeSeries(id))) throw new RangeError(`no series "${id}" in the store`);
        out(`removed ${id}`);
      });
    },
  );

  storeOption(
    data
      .command("update")
      .option("--offline", "(refused: the update needs the network)", false)
      .option("--timeout <seconds>", "per-request timeout", positiveNumber("--timeout", false), 30)
      .option("--retries <n>", "retries on 429/5xx/timeouts", positiveNumber("--retries"), 2)
      .description(
        "refresh the report's price series (Nasdaq Composite from FRED, Cisco and Nvidia from Stooq) into the store",
      ),
  ).action(async (o: StoreOpt & { offline: boolean; timeout: number; retries: number }) => {
    const { REPORT_SERIES } = await import("../analysis/series.ts");
    if (o.offline || process.env.BUBBLESCOPE_OFFLINE === "1")
      throw new Error("data update needs the network and this run is offline: nothing changed");
    // The report's series, once each (the Nasdaq plays two roles), from their public sources.
    const ids = [...new Set(REPORT_SERIES.map((s) => s.update.id))];
    const items = selectUniverse(ids).filter((i) => i.kind !== "sec");
    await withStore(o, async (store) => {
      const before = new Map<string, string>();
      for (const i of items) {
        const info = await store.getSeriesInfo(i.id);
        if (info) before.set(i.id, info.lastDate);
      }
      const bar = progressBar("update");
      let summary: Awaited<ReturnType<typeof pullUniverse>>;
      try {
        summary = await pullUniverse(store, {
          items,
          // Always the network (never a cached copy): an update that cannot reach its source says so.
          maxAgeMs: 0,
          http: { timeoutMs: o.timeout * 1000, retries: Math.floor(o.retries) },
          onProgress: (done, total) => bar.tick(done, total),
        });
      } finally {
        bar.stop();
      }
      const failed = summary.filter((r) => r.status !== "ok" || r.from !== "network");
      if (failed.length === summary.length)
        throw new Error(
          `data update: the sources cannot be reached (${failed[0]?.id}: ${failed[0]?.message || failed[0]?.status}): nothing changed`,
        );
      for (const r of summary) {
        const info = await store.getSeriesInfo(r.id);
        const was = before.get(r.id);
        out(
          r.status === "ok" && info
            ? `${r.id}: ${info.firstDate} – ${info.lastDate} (${info.rows} rows)${was ? (info.lastDate > was ? `, newer than before (${was})` : ", unchanged last date") : ", new in the store"} · ${r.url}`
            : `${r.id}: ${pc.red("failed")} — ${r.message}`,
        );
      }
      out(
        `the report now reads these series from the store ${store.dbPath} (where they reach past the bundled snapshot)`,
      );
      if (failed.length > 0)
        throw new Error(
          `${failed.length} of ${summary.length} series not updated, first: ${failed[0].id}: ${failed[0].message}`,
        );
    });
  });

  storeOption(
    data
      .command("pull")
      .option("--only <ids>", "comma-separated subset, e.g. NASDAQCOM,NVDA,sec:MSFT")
      .option("--offline", "use the cache only, never the network", false)
      .option("--refresh", "ignore cache age and download again", false)
      .option("--max-age <hours>", "reuse cache entries younger than this", positiveNumber("--max-age"), 12)
      .option(
        "--user-agent <ua>",
        'declared User-Agent for SEC ("Your Name you@example.com"; default $BUBBLESCOPE_SEC_USER_AGENT)',
      )
      .option("--timeout <seconds>", "per-request timeout", positiveNumber("--timeout", false), 30)
      .option("--retries <n>", "retries on 429/5xx/timeouts", positiveNumber("--retries"), 4)
      .description("download the default universe (Nasdaq, SOX, AI and 2000 bellwethers, GDP, CPI, SEC fundamentals)"),
  ).action(
    async (
      o: StoreOpt & {
        only?: string;
        offline: boolean;
        refresh: boolean;
        maxAge: number;
        userAgent?: string;
        timeout: number;
        retries: number;
      },
    ) => {
      let items: ReturnType<typeof selectUniverse>;
      try {
        items = selectUniverse(o.only ? o.only.split(",") : undefined);
      } catch (err) {
        throw new UsageError(`--only: ${(err as Error).message}`);
      }
      await withStore(o, async (store) => {
        const bar = progressBar("pull");
        let summary: Awaited<ReturnType<typeof pullUniverse>>;
        try {
          summary = await pullUniverse(store, {
            items,
            offline: o.offline || process.env.BUBBLESCOPE_OFFLINE === "1",
            maxAgeMs: o.refresh ? 0 : o.maxAge * 3600 * 1000,
            secUserAgent: o.userAgent,
            http: { timeoutMs: o.timeout * 1000, retries: Math.floor(o.retries) },
            onProgress: (done, total) => bar.tick(done, total),
          });
        } finally {
          bar.stop();
        }
        const mark = (s: string): string => (s === "ok" ? pc.green(s) : s === "failed" ? pc.red(s) : pc.yellow(s));
        out(
          table(
            ["item", "status", "from", "rows", "span", "source / message"],
            summary.map((r) => [
              r.id,
              mark(r.status),
              r.from,
              r.rows || "",
              r.span,
              r.status === "ok" ? r.url : r.message,
            ]),
          ),
        );
        const n = (s: string): number => summary.filter((r) => r.status === s).length;
        const net = summary.filter((r) => r.from === "network").length;
        const cached = summary.filter((r) => r.from === "cache").length;
        out(
          `${n("ok")} ok (${net} downloaded, ${cached} from cache), ${n("skipped")} skipped, ${n("failed")} failed; store ${store.dbPath}`,
        );
        for (const r of summary) if (r.status === "ok" && r.message) warn(`${r.id}: ${r.message}`);
        const skipped = summary.find((r) => r.status === "skipped");
        if (skipped) warn(skipped.message);
        if (n("failed") > 0)
          throw new Error(
            `${n("failed")} of ${summary.length} item(s) failed, first: ${summary.find((r) => r.status === "failed")?.id}: ${summary.find((r) => r.status === "failed")?.message}`,
          );
      });
    },
  );

  storeOption(
    data
      .command("fundamentals")
      .argument("<ticker>", "company ticker, e.g. MSFT")
      .option("--metric <name>", "one metric (capex, revenue, operating_cash_flow, …)")
      .option("--period <type>", "annual, quarterly or instant")
      .option("--json", "print JSON", false)
      .description("show stored SEC fundamentals of a company"),
  ).action(async (ticker: string, o: StoreOpt & { metric?: string; period?: string; json: boolean }) => {
    await withStore(o, async (store) => {
      const rows = (await store.getFundamentals({ company: ticker.toUpperCase(), metric: o.metric })).filter(
        (r) => o.period === undefined || r.periodType === o.period,
      );
      if (rows.length === 0)
        throw new RangeError(
          `no fundamentals for ${ticker} in the store (run \`bubblescope data pull --only sec:${ticker}\`)`,
        );
      if (o.json) {
        out(JSON.stringify(rows, null, 1));
        return;
      }
      out(
        table(
          ["metric", "period", "fiscal", "value (USD)", "form", "accession", "concept"],
          rows.map((r) => [
            r.metric,
            `${r.periodStart ?? ""}..${r.periodEnd}`,
            `${r.fiscalYear ?? ""} ${r.fiscalPeriod ?? ""}${r.derived ? "*" : ""}`,
            r.value.toLocaleString("en-US"),
            r.form ?? "",
            r.accession,
            r.concept.replace("us-gaap:", ""),
          ]),
        ),
      );
      if (rows.some((r) => r.derived)) out("* quarter derived from two year-to-date values");
    });
  });

  storeOption(
    data
      .command("evidence")
      .option("--format <fmt>", "csv or json", "csv")
      .description("evidence rows computed from SEC fundamentals, in the ledger's columns"),
  ).action(async (o: StoreOpt & { format: string }) => {
    await withStore(o, async (store) => {
      const rows = await fundamentalsAsEvidence(store);
      if (o.format === "json") {
        out(JSON.stringify(rows, null, 1));
        return;
      }
      if (o.format !== "csv") throw new UsageError(`--format must be csv or json, got "${o.format}"`);
      // The ledger's own column order, plus the filing date.
      const cols = [...FIGURE_COLUMNS, "published"] as const;
      const q = (v: unknown): string => {
        const s = v === null || v === undefined ? "" : String(v);
        return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      };
      out([cols.join(","), ...rows.map((r) => cols.map((c) => q(r[c])).join(","))].join("\n"));
    });
  });

  storeOption(
    data
      .command("check")
      .option("--clean", "remove temporary files and broken cache entries", false)
      .description("verify the store's invariants and the cache's checksums"),
  ).action(async (o: StoreOpt & { clean: boolean }) => {
    await withStore(o, async (store) => {
      const problems = await store.checkConsistency();
      const cache = new DiskCache(storePaths(store.dir).cache);
      const rep = cache.verify();
      out(`store ${store.dbPath}: ${problems.length === 0 ? "consistent" : `${problems.length} problem(s)`}`);
      for (const p of problems) out(`  ${p}`);
      out(
        `cache ${cache.dir}: ${rep.ok.length} ok, ${rep.corrupt.length} corrupt, ${rep.orphans.length} orphan, ${rep.temps.length} temporary`,
      );
      if (o.clean) out(`removed ${cache.clean()} file(s)`);
      if (problems.length > 0 || (!o.clean && rep.corrupt.length > 0))
        throw new Error("the store or the cache is inconsistent (see above)");
    });
  });
}
