/**
 * `bubblescope worker --queue redis://HOST:PORT [--concurrency N]`: processes scan jobs from BullMQ until stopped
 * (SIGINT/SIGTERM finish the jobs in hand, then exit). Run it on as many machines as you like.
 */
import type { Command } from "commander";
import { UsageError } from "./errors.ts";

interface WorkerFlags {
  queue?: string;
  concurrency: string;
  lockMs: string;
  quiet?: boolean;
}

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("process scan jobs from a BullMQ queue (see scan --queue)")
    .requiredOption("--queue <url>", "Redis URL, redis://HOST:PORT")
    .option("--concurrency <n>", "jobs at once, each on its own thread", "1")
    .option("--lock-ms <ms>", "job lock: a killed worker's job goes to another worker after about this long", "30000")
    .option("--quiet", "no line per job")
    .action(async (f: WorkerFlags) => {
      if (!/^rediss?:\/\/[^\s/]+(:\d+)?(\/\d+)?$/.test(f.queue ?? ""))
        throw new UsageError(`--queue must be redis://HOST:PORT, got "${f.queue}"`);
      if (!/^\d+$/.test(f.concurrency) || Number(f.concurrency) < 1)
        throw new UsageError(`--concurrency must be an integer >= 1, got "${f.concurrency}"`);
      if (!/^\d+$/.test(f.lockMs) || Number(f.lockMs) < 1000)
        throw new UsageError(`--lock-ms must be an integer >= 1000, got "${f.lockMs}"`);
      const { startScanWorker, redactUrl } = await import("../node/scan-queue.ts");
      const w = await startScanWorker(f.queue as string, {
        concurrency: Number(f.concurrency),
        lockMs: Number(f.lockMs),
        onJob: f.quiet ? undefined : (name, ok) => process.stderr.write(`${ok ? "done" : "failed"} ${name}\n`),
      });
      process.stderr.write(
        `bubblescope worker: listening on ${redactUrl(f.queue as string)} (concurrency ${f.concurrency}, pid ${process.pid})\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await w.close();
      process.stderr.write(`bubblescope worker: stopped after ${w.processed()} jobs\n`);
    });
}
