/**
 * Worker-thread entry: builds the report model (`buildReport`) off the dashboard server's main thread, so the server
 * keeps answering (503 with progress, static files, the scan API) while the evidence model's Monte Carlo, PSY and
 * LPPLS run. Posts `{ progress }` for each step, then `{ report }` or `{ error }` (one line).
 */
import { parentPort } from "node:worker_threads";
import type { BuildOptions } from "../../report/build.ts";

export type ReportWorkerRequest = Omit<BuildOptions, "onProgress">;
export type ReportWorkerMessage =
  | { readonly progress: string }
  | { readonly report: unknown }
  | { readonly error: string };

parentPort?.once("message", async (o: ReportWorkerRequest) => {
  const post = (m: ReportWorkerMessage) => parentPort?.postMessage(m);
  try {
    const { buildReport } = await import("../../report/build.ts");
    const report = await buildReport({ ...o, onProgress: (progress) => post({ progress }) });
    post({ report });
  } catch (e) {
    post({ error: (e instanceof Error ? e.message : String(e)).split("\n")[0] });
  }
});
