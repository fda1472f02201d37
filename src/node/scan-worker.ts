/** Worker-thread entry of the scan pool: keeps the critical-value tables it was sent and runs scan tasks. */
import { parentPort } from "node:worker_threads";
import type { CriticalValues } from "../detect/psy/cv.ts";
import { runScanTask, type ScanTask } from "./scan-task.ts";

const tables = new Map<string, CriticalValues>();

type Msg = { type: "cv"; key: string; cv: CriticalValues } | { type: "task"; task: ScanTask };

parentPort?.on("message", (msg: Msg) => {
  if (msg.type === "cv") {
    tables.set(msg.key, msg.cv);
    return;
  }
  const cv = tables.get(msg.task.cvKey);
  if (!cv) {
    parentPort?.postMessage({ id: msg.task.id, fatal: `no critical values ${msg.task.cvKey} in this worker` });
    return;
  }
  parentPort?.postMessage({ id: msg.task.id, result: runScanTask(msg.task, cv) });
});
