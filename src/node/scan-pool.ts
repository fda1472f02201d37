/**
 * A pool of worker threads for scan tasks (Node only). Each thread receives each critical-value table once and
 * then one task at a time; results are keyed by task id, so the order in which threads finish never matters.
 * With one thread the tasks run on the calling thread. A thread that dies or reports a fatal error rejects every
 * pending task (the caller stops), so a failure never hangs the scan.
 */
import type { Worker } from "node:worker_threads";
import type { CriticalValues } from "../detect/psy/cv.ts";
import type { ScanSeriesResult } from "../scan/scan-series.ts";
import { defaultThreads } from "./parallel.ts";
import { runScanTask, type ScanTask } from "./scan-task.ts";
import { spawnModuleWorker } from "./spawn-worker.ts";

/**
 * Starts a worker. Compiled (dist/node/scan-pool.js) it runs scan-worker.js directly; from the TypeScript sources
 * (tests, `node --import tsx`) tsx's loader is registered inside the worker first (as parallel.ts).
 */
function spawn(): Worker {
  return spawnModuleWorker(import.meta.url, "scan-worker");
}

interface Slot {
  worker: Worker;
  sent: Set<string>;
  busy: ScanTask | null;
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: { task: ScanTask; resolve: (r: ScanSeriesResult) => void; reject: (e: Error) => void }[] = [];
  private readonly pending = new Map<string, { resolve: (r: ScanSeriesResult) => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;

  constructor(
    private readonly tables: ReadonlyMap<string, CriticalValues>,
    readonly threads = defaultThreads(),
  ) {
    if (!Number.isInteger(threads) || threads < 1)
      throw new RangeError(`threads must be a positive integer, got ${threads}`);
    if (threads === 1) return;
    for (let k = 0; k < threads; k++) {
      const slot: Slot = { worker: spawn(), sent: new Set(), busy: null };
      slot.worker.on("message", (m: { id: string; result?: ScanSeriesResult; fatal?: string }) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        slot.busy = null;
        if (m.fatal !== undefined) this.fail(new Error(m.fatal));
        else p?.resolve(m.result as ScanSeriesResult);
        this.pump();
      });
      slot.worker.on("error", (e) => this.fail(e));
      slot.worker.on("exit", (code) => {
        if (!this.closed) this.fail(new Error(`a scan worker thread exited (code ${code})`));
      });
      this.slots.push(slot);
    }
  }

  private closed = false;

  private fail(e: Error): void {
    if (this.failed) return;
    this.failed = e;
    for (const p of this.pending.values()) p.reject(e);
    for (const q of this.queue) q.reject(e);
    this.pending.clear();
    this.queue.length = 0;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const next = this.queue.shift()!;
      const { task } = next;
      if (!slot.sent.has(task.cvKey)) {
        const cv = this.tables.get(task.cvKey);
        if (!cv) {
          next.reject(new Error(`no critical values for ${task.cvKey}`));
          continue;
        }
        slot.worker.postMessage({ type: "cv", key: task.cvKey, cv });
        slot.sent.add(task.cvKey);
      }
      slot.busy = task;
      this.pending.set(task.id, next);
      slot.worker.postMessage({ type: "task", task });
    }
  }

  /** Runs one task (on a thread when the pool has more than one). */
  run(task: ScanTask): Promise<ScanSeriesResult> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.threads === 1) {
      const cv = this.tables.get(task.cvKey);
      if (!cv) return Promise.reject(new Error(`no critical values for ${task.cvKey}`));
      // Yield between tasks so progress bars and signals are served.
      return new Promise((resolve) => setImmediate(() => resolve(runScanTask(task, cv))));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.pump();
    });
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
