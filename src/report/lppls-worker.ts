/**
 * Worker thread of the report's LPPLS runs (see `runLpplsTasks` in lppls-section.ts): receives the tasks once,
 * answers with their entries in the same order. The computation is `lpplsForReport`, the same function the main
 * thread runs when no worker is used, so the results are identical either way (seeded).
 */
import { parentPort } from "node:worker_threads";
import { type LpplsTask, lpplsForReport } from "./lppls-section.ts";

parentPort?.once("message", (tasks: LpplsTask[]) => {
  try {
    parentPort?.postMessage({ entries: tasks.map((t) => lpplsForReport(t.series, t.at, t.seed)) });
  } catch (e) {
    parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
