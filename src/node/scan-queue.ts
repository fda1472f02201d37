/**
 * The scan on BullMQ (Node only): one job per series, processed by `bubblescope worker` processes on any number
 * of machines sharing one Redis.
 *
 * - Idempotent: the job id is the SHA-256 of the series data, the settings and the critical-value table
 *   (`taskId`), so enqueueing the same series twice is one job, and a rerun finds the results of jobs that
 *   already completed (a scan interrupted by a Redis outage resumes where it stopped).
 * - Never lost, never counted twice: a worker killed mid-job stops renewing its lock; BullMQ's stalled-job check
 *   in the surviving workers puts the job back in the queue (up to `maxStalledCount` times), and the scan keys
 *   results by job id, so a job finished twice still counts once. Other failures are retried (3 attempts,
 *   exponential back-off); a series whose data are bad completes with its reason in `error` (it is not retried).
 * - Critical-value tables are stored once in Redis (`bubblescope:scan:cv:<key>`, 7 days) and cached by workers.
 * - The scan polls the jobs' state in one pipelined round trip per tick; if Redis goes away it stops with one
 *   line and nothing is recorded (runs are written to the data store only when complete).
 */
import { Job, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { CriticalValues } from "../detect/psy/cv.ts";
import { failedResult, type ScanSeriesResult } from "../scan/scan-series.ts";
import { ScanPool } from "./scan-pool.ts";
import type { ScanEngine } from "./scan-run.ts";
import type { ScanTask } from "./scan-task.ts";

export const QUEUE_NAME = "bubblescope-scan";
const PREFIX = "bull";
const CV_PREFIX = "bubblescope:scan:cv:";
const KEEP_SECONDS = 7 * 86400;

type JobData = Omit<ScanTask, "id">;

/** Redacts a password in a Redis URL for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, "//***@");
}

function connect(url: string, fatal?: (e: Error) => void): Redis {
  const r = new Redis(url, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    // The scan gives up after a few seconds without Redis; a worker (no `fatal`) keeps retrying.
    retryStrategy: (times) => (fatal && times > 5 ? null : Math.min(times * 200, 2000)),
  });
  let last = "";
  r.on("error", (e: Error & { code?: string }) => {
    last = e.code ?? e.message;
  });
  r.on("end", () => fatal?.(new Error(`lost the connection to Redis at ${redactUrl(url)} (${last || "closed"})`)));
  return r;
}

async function ready(r: Redis, url: string): Promise<void> {
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    const code = (e as { code?: string }).code ?? (e as Error).message;
    r.disconnect();
    throw new Error(`cannot reach Redis at ${redactUrl(url)} (${code}); is redis-server running?`);
  }
}

/** Engine that runs the tasks as BullMQ jobs and collects their results. */
export function queueEngine(
  url: string,
  options: { pollMs?: number } = {},
): ScanEngine & { close(): Promise<void>; reused: () => number } {
  let fatal: Error | null = null;
  let wake: (() => void) | null = null;
  const conn = connect(url, (e) => {
    fatal ??= e;
    wake?.();
  });
  let queue: Queue | null = null;
  let reused = 0;
  return {
    name: "queue",
    reused: () => reused,
    async run(tasks, tables, onProgress) {
      await ready(conn, url);
      queue = new Queue(QUEUE_NAME, { connection: conn, prefix: PREFIX });
      queue.on("error", () => {});
      const guard = async <T>(p: Promise<T>): Promise<T> => {
        try {
          return await p;
        } catch (e) {
          throw fatal ?? new Error(`Redis at ${redactUrl(url)}: ${(e as Error).message}`);
        }
      };
      // Tables first (workers need them before any job).
      const used = new Set(tasks.map((t) => t.cvKey));
      for (const key of used) {
        const cv = tables.get(key);
        if (!cv) throw new Error(`no critical values for ${key}`);
        await guard(conn.set(CV_PREFIX + key, JSON.stringify(cv), "EX", KEEP_SECONDS));
      }
      const ids = [...new Set(tasks.map((t) => t.id))];
      const byId = new Map(tasks.map((t) => [t.id, t]));
      const results = new Map<string, ScanSeriesResult>();
      const tick = () => onProgress?.(results.size, ids.length);
      // A job that failed for good in an earlier run is retried; completed ones are reused.
      const states = await guard(checkStates(conn, ids));
      for (const [id, st] of states) {
        if (st.result) {
          results.set(id, st.result);
          reused++;
        } else if (st.failed) {
          const job = await guard(Job.fromId(queue, id));
          if (job) await guard(job.retry("failed"));
        }
      }
      const toAdd = ids.filter((id) => !states.get(id)?.exists);
      for (let i = 0; i < toAdd.length; i += 200) {
        await guard(
          queue.addBulk(
            toAdd.slice(i, i + 200).map((id) => {
              const t = byId.get(id)!;
              const data: JobData = { series: t.series, cvKey: t.cvKey, settings: t.settings };
              return {
                name: "series",
                data,
                opts: {
                  jobId: id,
                  attempts: 3,
                  backoff: { type: "exponential", delay: 1000 },
                  removeOnComplete: { age: KEEP_SECONDS },
                  removeOnFail: { age: KEEP_SECONDS },
                },
              };
            }),
          ),
        );
      }
      tick();
      const pollMs = options.pollMs ?? 250;
      while (results.size < ids.length) {
        if (fatal) throw fatal;
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, pollMs);
        });
        wake = null;
        if (fatal) throw fatal;
        const pending = ids.filter((id) => !results.has(id));
        const st = await guard(checkStates(conn, pending));
        for (const [id, s] of st) {
          if (s.result) results.set(id, s.result);
          else if (s.failed)
            results.set(
              id,
              failedResult(byId.get(id)!.series.name, `worker failed: ${s.failed}`, byId.get(id)!.series),
            );
          else if (!s.exists) throw new Error(`job ${id} disappeared from the queue (was it removed by hand?)`);
        }
        tick();
      }
      return tasks.map((t) => results.get(t.id) as ScanSeriesResult);
    },
    async close() {
      await queue?.close().catch(() => {});
      conn.disconnect();
    },
  };
}

/** State of each job in one pipelined round trip: finished (result or failure), or still to do. */
async function checkStates(
  conn: Redis,
  ids: readonly string[],
): Promise<Map<string, { exists: boolean; result?: ScanSeriesResult; failed?: string }>> {
  const out = new Map<string, { exists: boolean; result?: ScanSeriesResult; failed?: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const p = conn.pipeline();
    for (const id of chunk)
      p.hmget(`${PREFIX}:${QUEUE_NAME}:${id}`, "finishedOn", "returnvalue", "failedReason", "data");
    const res = (await p.exec()) ?? [];
    chunk.forEach((id, k) => {
      const [err, v] = res[k] ?? [null, null];
      if (err) throw err;
      const [finishedOn, returnvalue, failedReason, data] = (v as (string | null)[]) ?? [];
      if (data === null || data === undefined) out.set(id, { exists: false });
      else if (finishedOn && returnvalue && returnvalue !== "null")
        out.set(id, { exists: true, result: JSON.parse(returnvalue) as ScanSeriesResult });
      else if (finishedOn && failedReason) out.set(id, { exists: true, failed: failedReason });
      else out.set(id, { exists: true });
    });
  }
  return out;
}

export interface WorkerOptions {
  /** Jobs processed at once, each on its own thread (default 1). */
  readonly concurrency?: number;
  /** Lock duration in ms: a killed worker's job is given to another after about this long (default 30000). */
  readonly lockMs?: number;
  readonly onJob?: (name: string, ok: boolean) => void;
}

/** Starts a BullMQ worker for scan jobs; resolves once it is connected. */
export async function startScanWorker(
  url: string,
  options: WorkerOptions = {},
): Promise<{ close(): Promise<void>; processed(): number }> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const lockMs = options.lockMs ?? 30000;
  if (!Number.isInteger(lockMs) || lockMs < 1000) throw new RangeError(`lock must be >= 1000 ms, got ${lockMs}`);
  const conn = connect(url);
  await ready(conn, url);
  const tables = new Map<string, CriticalValues>();
  const pool = new ScanPool(tables, concurrency);
  let processed = 0;
  const worker = new Worker<JobData, ScanSeriesResult>(
    QUEUE_NAME,
    async (job) => {
      const { cvKey } = job.data;
      if (!tables.has(cvKey)) {
        const text = await conn.get(CV_PREFIX + cvKey);
        if (!text) throw new Error(`critical values ${cvKey} are not in Redis (expired?)`);
        tables.set(cvKey, JSON.parse(text) as CriticalValues);
      }
      const r = await pool.run({ id: String(job.id), ...job.data });
      processed++;
      options.onJob?.(job.data.series.name, !r.error);
      return r;
    },
    {
      connection: conn,
      prefix: PREFIX,
      concurrency,
      lockDuration: lockMs,
      stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
      maxStalledCount: 5,
    },
  );
  worker.on("error", () => {});
  await worker.waitUntilReady();
  return {
    processed: () => processed,
    async close() {
      await worker.close();
      await pool.close();
      conn.disconnect();
    },
  };
}
