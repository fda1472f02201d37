/**
 * `bubblescope psy-adjusted PRICES.csv --column close --adjust PROXIES.csv --adjust-column tfp …`: the
 * technology-adjusted PSY test (Chen et al. 2026; src/detect/psy/adjusted.ts) — OLS or DOLS of the (log) price on
 * the proxies and controls, GSADF/BSADF on the residual, two-step bootstrap critical values, episodes. The two files
 * are joined on their dates (only dates present in both are used); `--macro` runs the declared NASDAQ specification
 * and its robustness table from data/macro instead.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { readSeriesTable } from "../core/csv.ts";
import { adjustedPsy } from "../detect/psy/adjusted.ts";
import { UsageError } from "./errors.ts";

interface Flags {
  column?: string;
  dateColumn?: string;
  adjust?: string;
  adjustColumn: string[];
  log?: boolean;
  logAdjust?: boolean;
  estimator: string;
  leadsLags: string;
  trend?: boolean;
  nboot: string;
  seed: string;
  null: string;
  minDuration: string;
  json?: boolean;
  macro?: boolean;
}

function int(name: string, v: string, min: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${v}"`);
  return Number(v);
}

function read(file: string, columns: string[], dateColumn?: string) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  // Rows with a missing cell are dropped (the join on dates then uses only complete rows).
  const t = readSeriesTable(text, { columns, missing: "drop", ...(dateColumn ? { dateColumn } : {}), source: file });
  if (!t.dates) throw new UsageError(`${file} has no date column (use --date-column)`);
  return t;
}

export function registerPsyAdjusted(program: Command): void {
  program
    .command("psy-adjusted")
    .description("technology-adjusted PSY (Chen et al. 2026): PSY on the residual of price on technology proxies")
    .argument("[file]", "CSV with a date column and the price column")
    .option("--column <name>", "price column")
    .option("--date-column <name>", "date column (both files)")
    .option("--adjust <file>", "CSV with the proxies/controls (joined on the date)")
    .option("--adjust-column <name>", "proxy or control column (repeat)", (v: string, a: string[]) => [...a, v], [])
    .option("--log", "take the log of the price")
    .option("--log-adjust", "take the log of every proxy/control")
    .option("--estimator <e>", "dols | ols", "dols")
    .option("--leads-lags <k>", "DOLS leads and lags", "3")
    .option("--trend", "add a linear trend")
    .option("--nboot <n>", "bootstrap replications of the two-step procedure", "499")
    .option("--seed <s>", "seed", "123")
    .option("--null <m>", "bootstrap null: wild | iid", "wild")
    .option("--min-duration <n>", "minimum episode length in observations", "0")
    .option("--json", "JSON output")
    .option("--macro", "run the declared NASDAQ specification and robustness table from data/macro")
    .action(async (file: string | undefined, f: Flags) => {
      const nboot = int("nboot", f.nboot, 2);
      const seed = int("seed", f.seed, 0);
      if (!["dols", "ols"].includes(f.estimator))
        throw new UsageError(`--estimator must be dols or ols, got "${f.estimator}"`);
      if (!["wild", "iid"].includes(f.null)) throw new UsageError(`--null must be wild or iid, got "${f.null}"`);
      if (f.macro) {
        const { MACRO_DIR } = await import("../report/macro-section.ts");
        const { parseDateTable, techMonthly, PRIMARY_SPEC, ROBUSTNESS_SPECS, runAdjustSpec } = await import(
          "../macro/index.ts"
        );
        const rd = (n: string) => parseDateTable(readFileSync(`${MACRO_DIR}/${n}`, "utf8"), n);
        const data = techMonthly(rd("nasdaq_macro_monthly.csv"), rd("tech_quarterly.csv"), rd("tech_annual.csv"));
        const rows = [PRIMARY_SPEC, ...ROBUSTNESS_SPECS].map((s) => runAdjustSpec(data, s, { nboot, seed }));
        const out = rows.map((r) => ({
          id: r.spec.id,
          label: r.spec.label,
          from: r.from,
          to: r.to,
          n: r.n,
          gsadf: r.result.gsadf,
          gsadfCv: r.result.gsadfCv,
          rejected: r.result.rejected,
          eras: r.eras,
        }));
        if (f.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        else
          for (const r of out)
            process.stdout.write(
              `${r.id.padEnd(18)} ${r.from.slice(0, 7)}–${r.to.slice(0, 7)} GSADF ${r.gsadf.toFixed(2)} cv95 ${r.gsadfCv[1].toFixed(2)} ${r.rejected ? "REJECTS" : "does not reject"} | 2000: ${r.eras[0].episodes.map((e) => `${e.start.slice(0, 7)}→${e.end.slice(0, 7)}`).join(", ") || r.eras[0].verdict} | AI: ${r.eras[1].episodes.map((e) => `${e.start.slice(0, 7)}→${e.end.slice(0, 7)}`).join(", ") || r.eras[1].verdict}\n`,
            );
        return;
      }
      if (!file) throw new UsageError("give a price file, or --macro");
      if (!f.column) throw new UsageError("--column is required");
      if (!f.adjust) throw new UsageError("--adjust FILE is required");
      if (f.adjustColumn.length === 0) throw new UsageError("at least one --adjust-column is required");
      const p = read(file, [f.column], f.dateColumn);
      const a = read(f.adjust, f.adjustColumn, f.dateColumn);
      const aIdx = new Map(a.dates!.map((d, i) => [d, i]));
      const keep = p.dates!.map((d, i) => [d, i, aIdx.get(d)] as const).filter((x) => x[2] !== undefined);
      if (keep.length < 30) throw new Error(`only ${keep.length} dates are common to ${file} and ${f.adjust}`);
      const tr = (v: number, on: boolean | undefined, what: string) => {
        if (!on) return v;
        if (!(v > 0)) throw new Error(`--log needs positive values; ${what} has ${v}`);
        return Math.log(v);
      };
      const y = keep.map(([d, i]) => tr(p.columns[0].values[i], f.log, `${f.column} at ${d}`));
      const regs = a.columns.map((c) => ({
        name: c.name,
        values: keep.map(([d, , j]) => tr(c.values[j!], f.logAdjust, `${c.name} at ${d}`)),
      }));
      const dates = keep.map(([d]) => d);
      const r = adjustedPsy(y, regs, {
        estimator: f.estimator as "dols" | "ols",
        leadsLags: int("leads-lags", f.leadsLags, 0),
        trend: f.trend === true,
        nboot,
        seed,
        nullModel: f.null as "wild" | "iid",
        minDuration: int("min-duration", f.minDuration, 0),
        dates,
      });
      const json = {
        n: r.n,
        from: dates[0],
        to: dates[dates.length - 1],
        estimator: r.estimator,
        leadsLags: r.leadsLags,
        trend: r.trend,
        regression: r.regression,
        gsadf: r.gsadf,
        gsadfCv: r.gsadfCv,
        rejected: r.rejected,
        significance: r.significance,
        episodes: r.episodes.map(({ start, peak, end, duration, ongoing, signal }) => ({
          start,
          peak,
          end,
          duration,
          ongoing,
          signal,
        })),
        bootstrap: r.bootstrap,
      };
      if (f.json) {
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      const lines = [
        `technology-adjusted PSY: ${r.estimator.toUpperCase()}${r.estimator === "dols" ? `(${r.leadsLags})` : ""}${r.trend ? " + trend" : ""}, n = ${r.n} (${json.from} – ${json.to}), R² ${r.regression.r2.toFixed(3)}`,
        ...r.regression.coefficients.map((c) => `  ${c.name}: ${c.estimate.toPrecision(5)}`),
        `GSADF ${r.gsadf.toFixed(3)}; bootstrap cv 90/95/99% ${r.gsadfCv.map((v) => v.toFixed(3)).join(" / ")} (${r.bootstrap.nboot} replications, seed ${seed}, ${r.bootstrap.nullModel} null)`,
        r.rejected ? `rejects "no bubble" at ${r.significance}` : "does not reject at 5%",
        ...r.episodes.map(
          (e) => `  episode ${e.start} → ${e.end}${e.ongoing ? " (ongoing)" : ""}, peak ${e.peak}, ${e.duration} obs.`,
        ),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
