/**
 * Starts the dashboard. It listens at once (well under a second) and does the slow work in the background: it
 * builds the client bundle if needed, reads the evidence and the report's price inputs exactly as `bubblescope
 * report` does (data store, `--data`, `$BUBBLESCOPE_DATA`, the bundled snapshot; src/report/prices.ts), then
 * builds the report model — or reads it back from the on-disk model cache, keyed by a hash of the ledger, deals,
 * prices, seed, replications and code version, so a restart is instant. The model is built on a worker thread
 * (report-worker.ts), so the server answers at once throughout. Until the model is ready GET /api/report
 * answers 503 with the progress, and the page shows it. Used by `bubblescope serve` and the tests (port 0 = an
 * ephemeral port).
 */

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { ANALYSIS_DEFAULTS, REPORT_SERIES } from "../../analysis/series.ts";
import { resolveStoreDir, storePaths } from "../../data/paths.ts";
import { dateFigures } from "../../evidence/load.ts";
import { ENGINE_DEFAULTS } from "../../frameworks/engine.ts";
import { DEFAULT_DEALS_FILE, DEFAULT_EVIDENCE_FILE, loadEvidence, readText } from "../../node/evidence-files.ts";
import { breadthSources, readCachedModel, reportModelKey, writeCachedModel } from "../../node/model-cache.ts";
import { spawnModuleWorker } from "../../node/spawn-worker.ts";
import { type BuildOptions, REPORT_TOOL_VERSION, REPORT_VERSION, type ReportModel } from "../../report/build.ts";
import { loadReportInputs, type ReportInputs, resolvePriceDir } from "../../report/prices.ts";
import type { EvidenceBundle } from "../client/types.ts";
import { DEFAULT_OUT_DIR } from "../vite.config.ts";
import { createApp, type ReportState } from "./app.ts";
import { ensureClientBuilt } from "./build-client.ts";
import type { ReportWorkerMessage, ReportWorkerRequest } from "./report-worker.ts";
import { storeScanSource } from "./scans.ts";
import { evidenceBundle, listSeries, loadSeries } from "./sources.ts";

/**
 * Builds the report model on a worker thread (report-worker.ts), so the server's event loop stays free: compiled, it
 * runs report-worker.js; from the TypeScript sources (tests, `node --import tsx`) tsx's loader is registered inside
 * the worker first. `stop` terminates it (a closed server never waits for a build).
 */
function buildReportOffThread(
  o: ReportWorkerRequest,
  onProgress: (what: string) => void,
): { result: Promise<ReportModel>; stop: () => void } {
  const worker = spawnModuleWorker(import.meta.url, "report-worker");
  const result = new Promise<ReportModel>((resolve, reject) => {
    worker.on("message", (m: ReportWorkerMessage) => {
      if ("progress" in m) onProgress(m.progress);
      else if ("report" in m) resolve(m.report as ReportModel);
      else reject(new Error(m.error));
    });
    worker.once("error", (e) => reject(e));
    worker.once("exit", (code) => reject(new Error(`the report worker exited with code ${code}`)));
  }).finally(() => void worker.terminate());
  worker.postMessage(o satisfies Omit<BuildOptions, "onProgress">);
  return { result, stop: () => void worker.terminate() };
}

export interface ServeOptions {
  /** Port (default 8787; 0 = any free port). */
  readonly port?: number;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Folder of price CSVs (else resolved like `bubblescope report`). */
  readonly dataDir?: string;
  /** Data store folder (default: the user's store, as `bubblescope report`). */
  readonly storeDir?: string;
  /** PSY Monte Carlo replications for the report (default ANALYSIS_DEFAULTS.psyNrep, as `bubblescope report`). */
  readonly nrep?: number;
  readonly seed?: number;
  /** Built client folder (default dist/web). */
  readonly clientDir?: string;
  /** Rebuild the client even when it looks current. */
  readonly rebuild?: boolean;
  /** Use the on-disk model cache (default true). */
  readonly cache?: boolean;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

export const SERVE_DEFAULTS = Object.freeze({
  port: 8787,
  host: "127.0.0.1",
  nrep: ANALYSIS_DEFAULTS.psyNrep,
  seed: ANALYSIS_DEFAULTS.seed,
});

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Resolves when the model is ready (or failed); `cached` tells whether it came from the model cache. */
  readonly ready: Promise<{ state: ReportState["state"]; cached: boolean }>;
  close(): Promise<void>;
}

/**
 * Starts the server; resolves once it listens (the model is built in the background).
 *
 * @example
 * const s = await startServer({ port: 0 }); console.log(s.url); await s.ready; await s.close();
 */
export async function startServer(o: ServeOptions = {}): Promise<RunningServer> {
  const host = o.host ?? SERVE_DEFAULTS.host;
  const port = o.port ?? SERVE_DEFAULTS.port;
  const seed = o.seed ?? SERVE_DEFAULTS.seed;
  const nrep = o.nrep ?? SERVE_DEFAULTS.nrep;
  const clientDir = o.clientDir ?? DEFAULT_OUT_DIR;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0–65535, got ${port}`);
  // Fast and synchronous: a missing --data folder or a broken ledger is an error before listening.
  const { dir } = resolvePriceDir(o.dataDir);
  const ev = loadEvidence();
  if (ev.problems.length > 0)
    throw new Error(`the evidence ledger has ${ev.problems.length} problem(s); run \`bubblescope evidence check\``);

  let state: ReportState = { state: "building", progress: { step: "starting", done: 0, total: 1 } };
  let clientReady = false;
  let clientError: string | null = null;
  let bundle: EvidenceBundle | null = null;
  let inputs: ReportInputs | null = null;
  const app = createApp({
    clientDir,
    report: () => state,
    evidence: () => bundle,
    figures: () => (inputs ? dateFigures([...ev.figures, ...inputs.secFigures]) : ev.ledger.figures),
    listSeries: () => listSeries(dir),
    loadSeries: (id, q) => loadSeries(dir, id, q),
    client: () => (clientReady ? "ready" : clientError ? { error: clientError } : "building"),
    allowedHosts: host === "0.0.0.0" || host === "::" ? "any" : [host],
    // Scan runs recorded by `bubblescope scan`/`monitor` in the data store (read-only, opened per request).
    scans: storeScanSource(o.storeDir),
  });

  const server = await new Promise<Server>((resolveListen, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port,
        hostname: host,
        serverOptions: { maxHeaderSize: 16 * 1024, requestTimeout: 30_000, headersTimeout: 15_000 },
      },
      () => resolveListen(s as Server),
    ) as Server;
    s.once("error", reject);
  });
  const bound = (server.address() as AddressInfo).port;
  const shown = host.includes(":") ? `[${host}]` : host;
  let closed = false;
  let stopBuild = () => {};

  // Background: the client bundle (only when stale) and the model, concurrently.
  const client = ensureClientBuilt(clientDir, { force: o.rebuild === true, ...(o.log ? { log: o.log } : {}) }).then(
    () => {
      clientReady = true;
    },
    (e: Error) => {
      clientError = e.message.split("\n")[0];
      o.log?.(`the dashboard client could not be built: ${clientError}`);
    },
  );
  // Steps: reading the data, the evidence model, then PSY and LPPLS per series.
  const total = 2 + 2 * REPORT_SERIES.length;
  let done = 0;
  const step = (what: string) => {
    state = { state: "building", progress: { step: what, done: Math.min(done, total - 1), total } };
    done++;
    o.log?.(`  … ${what}`);
  };
  const ready = (async (): Promise<{ state: ReportState["state"]; cached: boolean }> => {
    step("reading the evidence and the price series");
    // Connections already on their way get their turn before the first synchronous step (parsing the prices).
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    try {
      inputs = await loadReportInputs({
        ...(o.dataDir ? { dataDir: o.dataDir } : {}),
        ...(o.storeDir ? { storeDir: o.storeDir } : {}),
      });
      const draws = ENGINE_DEFAULTS.draws;
      bundle = evidenceBundle(inputs, { seed, draws });
      const key = reportModelKey({
        ledgerText: readText(DEFAULT_EVIDENCE_FILE),
        dealsText: readText(DEFAULT_DEALS_FILE),
        predictionsText: null,
        today: null,
        asOf: null,
        inputs,
        seed,
        nrep,
        draws,
        version: `${REPORT_TOOL_VERSION}/${REPORT_VERSION}`,
        sources: breadthSources({
          ...(o.dataDir ? { dataDir: o.dataDir } : {}),
          storeDb: storePaths(resolveStoreDir(o.storeDir)).db,
        }),
      });
      const cached = o.cache === false ? undefined : readCachedModel<ReportModel>(key);
      if (cached) {
        state = { state: "ready", report: cached };
        o.log?.("report model read from the cache");
        return { state: "ready", cached: true };
      }
      if (closed) return { state: "failed", cached: false };
      const build = buildReportOffThread(
        { figures: ev.figures, deals: ev.deals, ledgerFile: "data/evidence.csv", inputs, seed, nrep, draws },
        step,
      );
      stopBuild = build.stop;
      const report = await build.result;
      if (closed) return { state: "failed", cached: false };
      state = { state: "ready", report };
      if (o.cache !== false) {
        try {
          writeCachedModel(key, report);
        } catch (e) {
          o.log?.(`the report model was not cached: ${(e as Error).message.split("\n")[0]}`);
        }
      }
      o.log?.("report model ready");
      return { state: "ready", cached: false };
    } catch (e) {
      if (closed) return { state: "failed", cached: false };
      state = { state: "failed", error: (e as Error).message.split("\n")[0] };
      o.log?.(`the report could not be built: ${state.error}`);
      return { state: "failed", cached: false };
    }
  })();

  return {
    url: `http://${shown}:${bound}/`,
    port: bound,
    ready: Promise.all([ready, client]).then(([r]) => r),
    close: () =>
      new Promise<void>((res) => {
        closed = true;
        stopBuild();
        server.closeAllConnections?.();
        server.close(() => res());
      }),
  };
}
