/**
 * Runs the replications of a critical-value job on N worker threads (Node only). Replication r always draws from
 * stream (seed, r), and slices are concatenated in replication order, so the result is bit-identical to the serial
 * run for any thread count (tested). The R-compatible generator is one sequential stream and always runs serially.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { Progress } from "../detect/psy/cv.ts";
import {
  type KeepSequences,
  type ReplicationJob,
  type ReplicationOutput,
  runReplications,
} from "../detect/psy/replicate.ts";
import { spawnModuleWorker } from "./spawn-worker.ts";

export interface ParallelOptions {
  /** Worker threads (default: available cores, at most 8); 1 runs on this thread. */
  readonly threads?: number;
  readonly onProgress?: Progress;
}

export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/**
 * Starts a worker. Compiled (dist/node/parallel.js) it runs cv-worker.js directly; from the TypeScript sources (tests,
 * `node --import tsx`) tsx's loader is registered inside the worker first.
 */
function spawnWorker(): Worker {
  return spawnModuleWorker(import.meta.url, "cv-worker");
}

export async function runReplicationsParallel(
  job: ReplicationJob,
  nrep: number,
  keep: KeepSequences,
  options: ParallelOptions = {},
): Promise<ReplicationOutput> {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const sequentialRng = "rng" in job && job.rng === "r";
  if (threads === 1 || sequentialRng || nrep < 2 * threads) {
    return runReplications(job, 0, nrep, keep, options.onProgress ? (d) => options.onProgress?.(d, nrep) : undefined);
  }
  const bounds: [number, number][] = [];
  for (let k = 0; k < threads; k++)
    bounds.push([Math.floor((k * nrep) / threads), Math.floor(((k + 1) * nrep) / threads)]);
  const done = new Array<number>(threads).fill(0);
  // Every worker is terminated as soon as one fails (or exits without a result), so a failure never hangs.
  const workers: Worker[] = [];
  const stopAll = () => {
    for (const w of workers) void w.terminate();
  };
  let parts: ReplicationOutput[];
  try {
    parts = await Promise.all(
      bounds.map(
        ([from, to], k) =>
          new Promise<ReplicationOutput>((resolve, reject) => {
            const w = spawnWorker();
            workers.push(w);
            let settled = false;
            w.on("message", (msg: { progress?: number; result?: ReplicationOutput; error?: string }) => {
              if (msg.progress !== undefined) {
                done[k] = msg.progress;
                options.onProgress?.(
                  done.reduce((a, b) => a + b, 0),
                  nrep,
                );
              } else if (msg.error !== undefined) {
                settled = true;
                reject(new Error(msg.error));
              } else if (msg.result) {
                settled = true;
                resolve(msg.result);
                void w.terminate();
              }
            });
            w.on("error", (err) => {
              settled = true;
              reject(err);
            });
            w.on("exit", (code) => {
              if (!settled)
                reject(new Error(`critical-value worker exited (code ${code}) before returning its replications`));
            });
            w.postMessage({ job, from, to, keep });
          }),
      ),
    );
  } finally {
    stopAll();
  }
  const L = parts[0].L;
  const cat = (key: "adf" | "sadf" | "gsadf") => {
    const a = new Float64Array(nrep);
    parts.forEach((p, k) => a.set(p[key], bounds[k][0]));
    return a;
  };
  const catSeq = (key: "badf" | "bsadf") => {
    if (parts[0][key] === undefined) return undefined;
    const a = new Float64Array(nrep * L);
    parts.forEach((p, k) => a.set(p[key]!, bounds[k][0] * L));
    return a;
  };
  const badf = catSeq("badf");
  const bsadf = catSeq("bsadf");
  return {
    adf: cat("adf"),
    sadf: cat("sadf"),
    gsadf: cat("gsadf"),
    L,
    ...(badf ? { badf } : {}),
    ...(bsadf ? { bsadf } : {}),
  };
}
