/**
 * Web Worker for the Series view: runs one PSY analysis (`runPsy`; progress of the Monte Carlo critical values
 * posted about 20 times) or one LPPLS fit (`runLppls`) off the page's thread, then posts the result. The page
 * cancels a run by terminating the worker.
 */
import { type LpplsRunOptions, type LpplsRunResult, runLppls } from "./lppls-run.ts";
import { type PsyRunOptions, type PsyRunResult, runPsy } from "./psy-run.ts";

export type AnalysisRequest = {
  readonly id: number;
  readonly name: string;
  readonly values: number[];
  readonly dates: string[] | null;
} & (
  | { readonly kind: "psy"; readonly options: PsyRunOptions }
  | { readonly kind: "lppls"; readonly options: LpplsRunOptions }
);

export type AnalysisResponse =
  | { readonly type: "progress"; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: "psy"; readonly id: number; readonly result: PsyRunResult; readonly ms: number }
  | { readonly type: "lppls"; readonly id: number; readonly result: LpplsRunResult; readonly ms: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };

interface WorkerScope {
  onmessage: ((e: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(m: AnalysisResponse): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const r = e.data;
  const t0 = performance.now();
  try {
    if (r.kind === "lppls") {
      const result = runLppls(r.name, r.values, r.dates, r.options);
      scope.postMessage({ type: "lppls", id: r.id, result, ms: performance.now() - t0 });
      return;
    }
    let last = -1;
    const result = runPsy(r.name, r.values, r.dates, r.options, (done, total) => {
      const step = Math.floor((20 * done) / total);
      if (step !== last || done === total) {
        last = step;
        scope.postMessage({ type: "progress", id: r.id, done, total });
      }
    });
    scope.postMessage({ type: "psy", id: r.id, result, ms: performance.now() - t0 });
  } catch (err) {
    scope.postMessage({ type: "error", id: r.id, message: (err as Error).message.split("\n")[0] });
  }
};
