/**
 * `bubblescope report`: build the report model, validate it against the published schema, and write the report
 * folder — index.html (self-contained), report.json, report.schema.json, charts/*.svg and charts/*.png — then print
 * a terminal summary. Files are written to a temporary folder and moved into place at the end, so an interrupted
 * run never leaves a half-written report.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import pc from "picocolors";
import { UsageError, warningLine } from "../core/errors.ts";
import { resolveStoreDir, storePaths } from "../data/paths.ts";
import { dateBound } from "../evidence/period.ts";
import { ENGINE_DEFAULTS } from "../frameworks/engine.ts";
import { DEFAULT_DEALS_FILE, DEFAULT_EVIDENCE_FILE, loadEvidence, readText } from "../node/evidence-files.ts";
import { folderState, writeFolderSafe } from "../node/safe-write.ts";
import type { ReportModel } from "./build.ts";
import { REPORT_TOOL_VERSION, REPORT_VERSION } from "./build-version.ts";
import { chartSetFrom } from "./chart-set.ts";
import { renderHtml } from "./html.ts";
import { loadReportInputs } from "./prices.ts";

export interface ReportFlags {
  out: string;
  data?: string;
  asOf?: string;
  json?: boolean;
  seed: string;
  nrep: string;
  /** false with --no-cache: rebuild the model and the charts even when cached. */
  cache?: boolean;
}

/** A cache write that fails (read-only or full disk) costs only the next run's time: the report goes on. */
function tryCache(write: () => void): void {
  try {
    write();
  } catch (e) {
    process.stderr.write(warningLine(`the report model was not cached: ${(e as Error).message.split("\n")[0]}`));
  }
}

/** The committed JSON Schema of report.json (shipped in the package's schema/ folder). */
const SCHEMA_FILE = fileURLToPath(new URL("../../schema/report.schema.json", import.meta.url));

function intFlag(name: string, v: string, min: number): number {
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) < min)
    throw new UsageError(`--${name} must be an integer >= ${min} (and at most 2^53 - 1), got "${v}"`);
  return Number(v);
}

export async function runReport(flags: ReportFlags): Promise<void> {
  let asOf: string | undefined;
  if (flags.asOf !== undefined) {
    // The end of the period named: 2000 → 2000-12-31, 2000-02 → 2000-02-29 (the evidence engine's rule).
    asOf = dateBound(flags.asOf, "end");
    if (asOf === undefined || !/^\d{4}(-\d{2}){0,2}$/.test(flags.asOf.trim()))
      throw new UsageError(`--as-of must be a date YYYY, YYYY-MM or YYYY-MM-DD, got "${flags.asOf}"`);
  }
  const seed = intFlag("seed", flags.seed, 0);
  const nrep = intFlag("nrep", flags.nrep, 2);
  // The target is checked before the (seconds-long) model is built: a refusal comes at once.
  const out = resolve(flags.out);
  checkOutFolder(out);
  const ev = loadEvidence();
  if (ev.problems.length > 0)
    throw new Error(`the evidence ledger has ${ev.problems.length} problem(s); run \`bubblescope evidence check\``);
  const quiet = flags.json === true;
  const t0 = performance.now();
  const step = (what: string) => {
    if (!quiet && process.stderr.isTTY) process.stderr.write(pc.dim(`  … ${what}\n`));
  };
  const { loadPredictions, DEFAULT_PREDICTIONS_FILE } = await import("../node/predictions-file.ts");
  const predictions = loadPredictions(DEFAULT_PREDICTIONS_FILE);
  const today = asOf ?? new Date().toISOString().slice(0, 10);
  // The inputs are read first (prices: --data, the store, $BUBBLESCOPE_DATA, the snapshot); the model and its
  // charts are cached under a hash of everything they depend on, code version included (src/node/model-cache.ts).
  const inputs = await loadReportInputs(flags.data ? { dataDir: flags.data } : {});
  const cache = await import("../node/model-cache.ts");
  const key = cache.reportModelKey({
    ledgerText: readText(DEFAULT_EVIDENCE_FILE),
    dealsText: readText(DEFAULT_DEALS_FILE),
    predictionsText: readText(DEFAULT_PREDICTIONS_FILE),
    today,
    asOf: asOf ?? null,
    inputs,
    seed,
    nrep,
    draws: ENGINE_DEFAULTS.draws,
    version: `${REPORT_TOOL_VERSION}/${REPORT_VERSION}`,
    sources: cache.breadthSources({
      ...(flags.data ? { dataDir: flags.data } : {}),
      storeDb: storePaths(resolveStoreDir()).db,
    }),
  });
  const useCache = flags.cache !== false;
  let model = useCache ? cache.readCachedModel<ReportModel>(key) : undefined;
  const fromCache = model !== undefined;
  if (!model) {
    const { buildReport } = await import("./build.ts");
    model = await buildReport({
      figures: ev.figures,
      deals: ev.deals,
      predictions,
      today,
      ledgerFile: "data/evidence.csv",
      inputs,
      ...(asOf ? { asOf } : {}),
      seed,
      nrep,
      onProgress: step,
    });
    const { ReportSchema } = await import("./schema.ts");
    const checked = ReportSchema.safeParse(JSON.parse(JSON.stringify(model)));
    if (!checked.success)
      throw new Error(
        `internal error: report.json does not match its schema: ${checked.error.issues[0]?.path.join(".")}: ${checked.error.issues[0]?.message}`,
      );
    if (useCache) tryCache(() => cache.writeCachedModel(key, model));
  }
  const built = model;
  let rendered = useCache ? cache.readCachedCharts(key) : undefined;
  if (!rendered) {
    step("charts");
    const { buildCharts } = await import("./charts.ts");
    const { svgToPngAsync } = await import("./png.ts");
    const svgs = buildCharts(built).svgs;
    // PNGs convert on resvg's thread pool, all charts at once (the same bytes as the synchronous call).
    const pngs = await Promise.all([...svgs].map(async ([name, svg]) => [name, await svgToPngAsync(svg)] as const));
    rendered = { svgs, pngs: new Map(pngs) };
    const done = rendered;
    if (useCache) tryCache(() => cache.writeCachedCharts(key, done));
  }
  const charts = chartSetFrom(built, rendered.svgs);
  const html = renderHtml(built, charts);
  const pngs = rendered.pngs;

  await writeFolderSafe(
    out,
    (tmp) => {
      mkdirSync(join(tmp, "charts"));
      writeFileSync(join(tmp, "index.html"), html);
      writeFileSync(join(tmp, "report.json"), `${JSON.stringify(built, null, 2)}\n`);
      // The published JSON Schema of report.json (schema/report.schema.json; a test keeps it equal to the zod schema).
      writeFileSync(join(tmp, "report.schema.json"), readFileSync(SCHEMA_FILE));
      for (const [name, svg] of charts.svgs) {
        writeFileSync(join(tmp, "charts", `${name}.svg`), svg);
        const png = pngs.get(name);
        if (png) writeFileSync(join(tmp, "charts", `${name}.png`), png);
      }
    },
    isPreviousReport,
  );

  if (flags.json) {
    process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${summary(built, out, (performance.now() - t0) / 1000, fromCache)}\n`);
}

/** The files a report folder holds; a folder with anything else is not (only) a report. */
const REPORT_FILES = new Set(["index.html", "report.json", "report.schema.json", "charts"]);

/**
 * True when `dir` is a report bubblescope wrote and holds nothing else: its report.json names bubblescope as the
 * tool that wrote it (`run.tool`, with `schemaVersion` and `run.version`), its entries are only the report's own
 * files (index.html, report.json, report.schema.json, charts/ with *.svg and *.png files), none a symlink.
 */
export function isPreviousReport(dir: string): boolean {
  try {
    const entries = readdirSync(dir);
    if (!entries.includes("report.json") || entries.some((e) => !REPORT_FILES.has(e))) return false;
    for (const e of entries) {
      const st = lstatSync(join(dir, e));
      if (e === "charts" ? !st.isDirectory() : !st.isFile()) return false;
    }
    if (entries.includes("charts")) {
      for (const c of readdirSync(join(dir, "charts"))) {
        if (!/^[\w.-]+\.(svg|png)$/.test(c) || !lstatSync(join(dir, "charts", c)).isFile()) return false;
      }
    }
    const doc = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as {
      schemaVersion?: unknown;
      run?: { tool?: unknown; version?: unknown };
    };
    return (
      doc.run?.tool === "bubblescope" && typeof doc.run.version === "string" && typeof doc.schemaVersion === "number"
    );
  } catch {
    return false;
  }
}

/**
 * `--out` may name a new folder, an existing empty folder (written into, keeping its mode) or a previous report
 * ({@link isPreviousReport}); anything else — a folder with other files, a file, the working folder or one of its
 * parents (`/` included) — is refused with a usage error (exit 2) and never touched.
 */
export function checkOutFolder(out: string, cwd = process.cwd()): void {
  const rel = relative(out, cwd);
  const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (!outside)
    throw new UsageError(`--out ${out} is the working folder or one of its parents: choose a folder for the report`);
  const state = folderState(out);
  if (state === "not-a-folder") throw new UsageError(`--out ${out} exists and is not a folder`);
  if (state === "full" && !isPreviousReport(out))
    throw new UsageError(
      `--out ${out} is not empty and is not a bubblescope report: refusing to replace it (only a folder holding nothing but a report's index.html, report.json, report.schema.json and charts/ is replaced)`,
    );
}

const colour = (v: string) =>
  v === "bubble-like" || v === "contradicted"
    ? pc.red(v)
    : v === "healthy" || v === "supported"
      ? pc.blue(v)
      : v === "qualified"
        ? pc.yellow(v)
        : pc.dim(v);

/** The terminal summary: headline, frameworks, each indicator for both eras, claims. */
export function summary(r: ReportModel, out: string, seconds: number, fromCache = false): string {
  const lines: string[] = [];
  lines.push(
    pc.bold(r.title),
    pc.dim(
      `as of ${r.asOf ?? "the whole ledger"} · ${r.sources.ledger.figures} figures, ${r.sources.ledger.deals} deals · prices: ${r.sources.prices.origin}`,
    ),
    pc.dim(r.meta.pricesLine),
    "",
  );
  // The bottom line opens the summary (src/frameworks/bottom-line.ts).
  lines.push(pc.bold("Bottom line"));
  for (const b of r.bottomLine.sentences)
    lines.push(`  ${b.text} ${pc.dim(`[${b.evidence.slice(0, 8).join(" ")}${b.evidence.length > 8 ? " …" : ""}]`)}`);
  lines.push("");
  for (const h of r.headline) lines.push(`• ${h.text}`);
  if (r.breadth) lines.push(`• ${r.breadth.text}`);
  lines.push("", pc.bold("Frameworks"));
  for (const f of r.frameworks)
    lines.push(`  ${f.name}: ${f.computed ? colour(f.verdict) : pc.dim("not computed")} — ${f.reasons[0] ?? ""}`);
  lines.push("", pc.bold("Indicators (2000 era | AI era)"));
  const byKey = new Map<string, { label: string; e2000?: string; ai?: string }>();
  for (const i of r.indicators) {
    const key = i.id.replace(/-(2000|ai)(?=-|$)/, "");
    const row = byKey.get(key) ?? { label: i.label };
    const bound = i.bound ? (i.bound.kind === "lower-bound" ? "≥ " : "≤ ") : "";
    const cell =
      i.computed && i.value !== null
        ? `${bound}${fmt(i.value)} ${i.unit} ${i.threshold ? colour(i.verdict) : pc.dim("(no line)")}`
        : pc.dim("n/a");
    if (i.era === "2000") row.e2000 = row.e2000 ? `${row.e2000}; ${cell}` : cell;
    else row.ai = row.ai ? `${row.ai}; ${cell}` : cell;
    byKey.set(key, row);
  }
  for (const [, row] of byKey) lines.push(`  ${row.label}: ${row.e2000 ?? pc.dim("—")} | ${row.ai ?? pc.dim("—")}`);
  lines.push(...claimLines(r));
  if (r.notComputed.length > 0)
    lines.push("", pc.dim(`${r.notComputed.length} items not computed (listed in the report with the reason).`));
  lines.push(
    "",
    `Report: ${join(out, "index.html")} (and report.json, charts/) in ${seconds.toFixed(1)} s${fromCache ? " (model and charts from the cache: same inputs and code; --no-cache rebuilds them)" : ""}`,
  );
  return lines.join("\n");
}

/** The talk's claims (status at the recording date → today, with ¶) and the predictions ledger, for the summary. */
function claimLines(r: ReportModel): string[] {
  const lines = ["", pc.bold(`The talk's claims (judged as of ${r.claims[0]?.judgedAsOf ?? "the talk"} → today)`)];
  for (const c of r.claims) {
    const today = c.statusToday !== c.status ? ` → ${colour(c.statusToday)}` : "";
    lines.push(`  ${c.id} ¶${c.paragraph} ${colour(c.status)}${today}: ${c.text}`);
  }
  const s = r.predictionScore;
  lines.push("", pc.bold("Predictions ledger (talk forecasts and detector alarms)"));
  for (const p of r.predictions)
    lines.push(`  ${p.id} ${p.status}${p.status === "open" ? ` (due ${p.due})` : ""}: ${p.statement}`);
  lines.push(
    pc.dim(
      `  ${s.forecasts} forecasts: ${s.open} open, ${s.due} due, ${s.resolvedTrue} resolved true, ${s.resolvedFalse} resolved false; Brier ${s.brier === null ? "n/a (no probabilities given)" : s.brier.toFixed(3)}`,
    ),
  );
  return lines;
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a >= 1000 ? v.toFixed(0) : a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
}
