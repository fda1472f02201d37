/**
 * Scan benchmark (whole processes): N synthetic random-walk series × 2,000 observations, PSY lag 0, no LPPLS,
 * Monte Carlo critical values (2,000 replications) computed once into a fresh cache before the timed runs.
 * Worker threads (default) against 2 BullMQ workers on the same machine (a local redis-server), for N = 250, 500
 * and 1,000; wall time and peak resident memory of the scan process (GNU time).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { RandomStream } from "../src/core/rng.ts";
import type { BenchSection } from "./run.ts";

const BIN = resolve(import.meta.dirname, "../bin/bubblescope.js");
const N_OBS = 2000;

function folder(nSeries: number): string {
  const dir = mkdtempSync(join(tmpdir(), `bs-bench-scan-${nSeries}-`));
  const dates: string[] = [];
  for (let t = Date.UTC(2010, 0, 4); dates.length < N_OBS; t += 86400000) {
    const d = new Date(t).getUTCDay();
    if (d !== 0 && d !== 6) dates.push(new Date(t).toISOString().slice(0, 10));
  }
  for (let s = 0; s < nSeries; s++) {
    const r = new RandomStream(2026, s);
    let y = 0;
    const rows = dates.map((d) => {
      y += 0.01 * r.normal();
      return `${d},${Math.exp(y + 4)}`;
    });
    writeFileSync(join(dir, `rw${String(s).padStart(4, "0")}.csv`), `date,close\n${rows.join("\n")}\n`);
  }
  return dir;
}

function timed(args: string[], env: NodeJS.ProcessEnv): { seconds: number; peakMiB: number } {
  const out = join(mkdtempSync(join(tmpdir(), "bs-bench-t-")), "time.txt");
  const t0 = performance.now();
  execFileSync("/usr/bin/time", ["-f", "%M", "-o", out, process.execPath, BIN, ...args], { env, stdio: "ignore" });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, peakMiB: Number(readFileSync(out, "utf8").trim().split("\n").pop()) / 1024 };
}

export async function run(): Promise<BenchSection> {
  const home = mkdtempSync(join(tmpdir(), "bs-bench-home-"));
  mkdirSync(join(home, "cv"));
  const env = {
    ...process.env,
    BUBBLESCOPE_HOME: home,
    BUBBLESCOPE_CACHE: join(home, "cv"),
    BUBBLESCOPE_PROGRESS: "0",
  };
  const base = ["--frequency", "as-is", "--window", "0", "--no-lppls", "--json", "--no-record"];
  const sizes = [250, 500, 1000];
  const dirs = new Map(sizes.map((n) => [n, folder(n)]));
  // Critical values once (cold cache), on a one-series folder of the same length.
  const one = folder(1);
  const cv = timed(["scan", one, ...base], env);
  const rows: string[] = [];
  let redis: ChildProcess | null = null;
  const workers: ChildProcess[] = [];
  const haveRedis = existsSync("/usr/bin/redis-server");
  const port = 6400 + (process.pid % 500);
  const url = `redis://127.0.0.1:${port}`;
  if (haveRedis) {
    redis = spawn(
      "/usr/bin/redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    await new Promise((r) => setTimeout(r, 500));
    for (let k = 0; k < 2; k++)
      workers.push(spawn(process.execPath, [BIN, "worker", "--queue", url, "--quiet"], { env, stdio: "ignore" }));
    await new Promise((r) => setTimeout(r, 3000));
  }
  const load = loadavg()[0];
  const last: { n: number; th: number; q: number | null; peak: number; qPeak: number | null }[] = [];
  try {
    for (const n of sizes) {
      const th = timed(["scan", dirs.get(n)!, ...base], env);
      const q = haveRedis ? timed(["scan", dirs.get(n)!, ...base, "--queue", url], env) : null;
      rows.push(
        `| ${n} | ${th.seconds.toFixed(1)} | ${th.peakMiB.toFixed(0)} | ${q ? q.seconds.toFixed(1) : "n/a"} | ${q ? q.peakMiB.toFixed(0) : "n/a"} | ${q ? (q.seconds / th.seconds).toFixed(2) : "n/a"} |`,
      );
      last.push({ n, th: th.seconds, q: q?.seconds ?? null, peak: th.peakMiB, qPeak: q?.peakMiB ?? null });
      process.stderr.write(`scan bench: ${rows.at(-1)}\n`);
    }
  } finally {
    for (const w of workers) w.kill("SIGTERM");
    redis?.kill("SIGTERM");
  }
  return {
    title: "Scan: many series (bubblescope scan)",
    markdown: `Synthetic random walks (seeded), ${N_OBS} observations each, PSY lag 0, no LPPLS (\`--no-lppls\`), whole \`bubblescope scan\` processes including start-up, reading the CSVs and the JSON output; the Monte Carlo table (n = ${N_OBS}, 2,000 replications) is computed once into a fresh cache first (${cv.seconds.toFixed(1)} s, peak ${cv.peakMiB.toFixed(0)} MiB) and read from the cache by the timed runs. Threads = the default worker threads; queue = \`--queue\` with 2 \`bubblescope worker\` processes on the same machine and a local redis-server (each folder is enqueued once: a second run of the same folder would be served from the completed jobs). Peak memory = maximum resident set of the scan process (GNU time; the queue workers' memory is not included). Load average when the run started: ${load.toFixed(2)} on 2 cores.

| series | threads (s) | threads peak (MiB) | 2 BullMQ workers (s) | queue scan peak (MiB) | queue / threads |
|---:|---:|---:|---:|---:|---:|
${rows.join("\n")}\n\n${targets(last)}`,
  };
}

/** The issue-12 targets against the largest run: ≤ 30 s with threads, queue ≤ 1.3×, linear, peak ≤ 1 GiB. */
function targets(
  runs: readonly { n: number; th: number; q: number | null; peak: number; qPeak: number | null }[],
): string {
  const big = runs[runs.length - 1];
  if (!big) return "";
  const perSeries = runs.map((r) => `${((r.th / r.n) * 1000).toFixed(1)} ms`).join(", ");
  const ok = (b: boolean) => (b ? "met" : "**not met**");
  const ratio = big.q === null ? null : big.q / big.th;
  const peak = Math.max(big.peak, big.qPeak ?? 0);
  return `Targets at ${big.n} series: threads ${big.th.toFixed(1)} s (≤ 30 s: ${ok(big.th <= 30)}); 2 BullMQ workers ${ratio === null ? "not run (no redis-server)" : `${ratio.toFixed(2)}× (≤ 1.3×: ${ok(ratio <= 1.3)})`}; time per series ${perSeries} for ${runs.map((r) => r.n).join(" / ")} series (linear once start-up is paid); peak ${peak.toFixed(0)} MiB (≤ 1 GiB: ${ok(peak <= 1024)}).`;
}
