/**
 * Starts the dashboard: builds the client if needed, loads the evidence, builds the report model once (PSY with a
 * small number of replications; the critical values come from the on-disk cv cache after the first run), then
 * listens on 127.0.0.1 (or the host given) and returns the URL and a close function. Used by `bubblescope serve`
 * and by the tests (port 0 = an ephemeral port).
 */

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { loadEvidence } from "../../cli/evidence.ts";
import { buildReport } from "../../report/build.ts";
import { resolvePriceDir } from "../../report/prices.ts";
import { DEFAULT_OUT_DIR } from "../vite.config.ts";
import { createApp, type ReportState } from "./app.ts";
import { ensureClientBuilt } from "./build-client.ts";
import { evidenceBundle, listSeries, loadSeries } from "./sources.ts";

export interface ServeOptions {
  /** Port (default 8787; 0 = any free port). */
  readonly port?: number;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Folder of price CSVs (else resolved like `bubblescope report`). */
  readonly dataDir?: string;
  /** PSY Monte Carlo replications for the report (default 499). */
  readonly nrep?: number;
  readonly seed?: number;
  /** Built client folder (default dist/web). */
  readonly clientDir?: string;
  /** Rebuild the client even when it looks current. */
  readonly rebuild?: boolean;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

export const SERVE_DEFAULTS = Object.freeze({ port: 8787, host: "127.0.0.1", nrep: 499, seed: 123 });

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts the server; resolves once it listens.
 *
 * @example
 * const s = await startServer({ port: 0 }); console.log(s.url); await s.close();
 */
export async function startServer(o: ServeOptions = {}): Promise<RunningServer> {
  const host = o.host ?? SERVE_DEFAULTS.host;
  const port = o.port ?? SERVE_DEFAULTS.port;
  const seed = o.seed ?? SERVE_DEFAULTS.seed;
  const nrep = o.nrep ?? SERVE_DEFAULTS.nrep;
  const clientDir = o.clientDir ?? DEFAULT_OUT_DIR;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0–65535, got ${port}`);
  await ensureClientBuilt(clientDir, { force: o.rebuild === true, ...(o.log ? { log: o.log } : {}) });

  const ev = loadEvidence();
  if (ev.problems.length > 0)
    throw new Error(`the evidence ledger has ${ev.problems.length} problem(s); run \`bubblescope evidence check\``);
  const { dir } = resolvePriceDir(o.dataDir);
  if (!dir) o.log?.("no price folder (--data DIR or $BUBBLESCOPE_DATA): price-based parts are not computed");
  o.log?.("building the report model …");
  let state: ReportState = { state: "building" };
  try {
    const report = await buildReport({
      figures: ev.figures,
      deals: ev.deals,
      ledgerFile: "data/evidence.csv",
      // The resolved price folder is passed explicitly, so the report reads exactly the prices the browser gets in
      // the evidence bundle (the as-of replay and the assumptions rebuild the same model).
      ...(dir ? { dataDir: dir } : {}),
      seed,
      nrep,
      ...(o.log ? { onProgress: (w: string) => o.log?.(`  … ${w}`) } : {}),
    });
    state = { state: "ready", report };
  } catch (e) {
    state = { state: "failed", error: (e as Error).message.split("\n")[0] };
    o.log?.(`the report could not be built: ${state.error}`);
  }
  const bundle = evidenceBundle(dir, { seed, draws: state.state === "ready" ? state.report.run.draws : 2000 });
  const app = createApp({
    clientDir,
    report: () => state,
    evidence: () => bundle,
    figures: () => ev.ledger.figures,
    listSeries: () => listSeries(dir),
    loadSeries: (id, q) => loadSeries(dir, id, q),
    allowedHosts: host === "0.0.0.0" || host === "::" ? "any" : [host],
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
  return {
    url: `http://${shown}:${bound}/`,
    port: bound,
    close: () =>
      new Promise<void>((res) => {
        server.closeAllConnections?.();
        server.close(() => res());
      }),
  };
}
