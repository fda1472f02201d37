/**
 * Node entry point for critical values: builds the replication job, runs it on worker threads, assembles the
 * quantiles and caches the table on disk (keyed by every parameter, including a hash of the data for bootstraps).
 */
import {
  assembleCriticalValues,
  buildHlstJob,
  buildMcJob,
  buildPanelJob,
  buildPsJob,
  type CriticalValues,
  type HlstCvOptions,
  keepFor,
  type McCvOptions,
  type PanelCvOptions,
  type Progress,
  type PsCvOptions,
} from "../detect/psy/cv.ts";
import type { KeepSequences, ReplicationJob } from "../detect/psy/replicate.ts";
import { type CacheStatus, cachedCv } from "./cv-cache.ts";
import { runReplicationsParallel } from "./parallel.ts";

export type CvRequest =
  | { method: "mc"; n: number; options?: McCvOptions }
  | { method: "wb-hlst"; values: ArrayLike<number>; options?: HlstCvOptions }
  | { method: "wb-ps"; values: ArrayLike<number>; options?: PsCvOptions }
  | { method: "sb-panel"; series: readonly ArrayLike<number>[]; options?: PanelCvOptions };

export interface ComputeOptions {
  threads?: number;
  onProgress?: Progress;
  /** Use the disk cache (default true). */
  cache?: boolean;
  cacheDir?: string;
  onCache?: (s: CacheStatus) => void;
}

function buildJob(req: CvRequest): {
  job: ReplicationJob;
  nrep: number;
  keep: KeepSequences;
  rule?: "exuber" | "psy2015";
  tb?: number;
} {
  switch (req.method) {
    case "mc": {
      const rule = req.options?.bsadfRule ?? "exuber";
      return { job: buildMcJob(req.n, req.options), nrep: req.options?.nrep ?? 2000, keep: keepFor("mc", rule), rule };
    }
    case "wb-hlst":
      return { job: buildHlstJob(req.values, req.options), nrep: req.options?.nrep ?? 999, keep: "both" };
    case "wb-ps": {
      const tb = req.options?.tb;
      return {
        job: buildPsJob(req.values, req.options),
        nrep: req.options?.nrep ?? 999,
        keep: keepFor("wb-ps", "bootstrap", tb),
        tb,
      };
    }
    case "sb-panel":
      return { job: buildPanelJob(req.series, req.options), nrep: req.options?.nrep ?? 999, keep: "both" };
  }
}

/**
 * Recomputes a Monte Carlo table from its cache parameters (`{ job, nrep, rule }` as stored in a cache file), never
 * reading a cache: how the bundled tables in data/cv are checked.
 */
export async function recomputeMcTable(params: {
  readonly job: ReplicationJob;
  readonly nrep: number;
  readonly rule?: "exuber" | "psy2015";
}): Promise<CriticalValues> {
  if (params.job.kind !== "mc")
    throw new RangeError(`only Monte Carlo tables are recomputed here, got ${params.job.kind}`);
  const rule = params.rule ?? "exuber";
  const out = await runReplicationsParallel(params.job, params.nrep, keepFor("mc", rule), {});
  return assembleCriticalValues(params.job, out, params.nrep, { bsadfRule: rule });
}

/** Computes (or loads from the cache) a critical-value table. */
export async function computeCriticalValues(req: CvRequest, options: ComputeOptions = {}): Promise<CriticalValues> {
  const { job, nrep, keep, rule, tb } = buildJob(req);
  if (!Number.isInteger(nrep) || nrep < 2) throw new RangeError(`nrep must be an integer >= 2, got ${nrep}`);
  const params = { job, nrep, rule, tb, engine: 1 };
  return cachedCv(
    params,
    async () => {
      const out = await runReplicationsParallel(job, nrep, keep, {
        threads: options.threads,
        onProgress: options.onProgress,
      });
      return assembleCriticalValues(job, out, nrep, {
        ...(rule ? { bsadfRule: rule } : {}),
        ...(tb !== undefined ? { tb } : {}),
      });
    },
    { enabled: options.cache ?? true, dir: options.cacheDir, onStatus: options.onCache },
  );
}
