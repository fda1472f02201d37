/** Worker-thread entry: runs one slice of replications of a critical-value job and returns the statistics. */
import { parentPort } from "node:worker_threads";
import { type KeepSequences, type ReplicationJob, runReplications } from "../detect/psy/replicate.ts";

interface Task {
  job: ReplicationJob;
  from: number;
  to: number;
  keep: KeepSequences;
}

parentPort?.on("message", (task: Task) => {
  try {
    const out = runReplications(task.job, task.from, task.to, task.keep, (done) =>
      parentPort?.postMessage({ progress: done }),
    );
    const buffers = [out.adf.buffer, out.sadf.buffer, out.gsadf.buffer];
    if (out.badf) buffers.push(out.badf.buffer);
    if (out.bsadf) buffers.push(out.bsadf.buffer);
    parentPort?.postMessage({ result: out }, buffers as ArrayBuffer[]);
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
