/**
 * Whole-process timings of the compiled CLI (`node bin/bubblescope.js …`, i.e. dist/; `npm run bench` builds it
 * first): median wall time of 5 runs after one warm-up, against the issue-10 targets. The bare `node -e ""` start
 * is shown beside them: on this 2-core shared machine it is most of the --help figure.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RandomStream } from "../src/core/rng.ts";
import type { BenchSection } from "./run.ts";

const RUNS = 5;
/** What "cold" means in the table (written beside it). */
const COLD =
  "Cold = an empty user cache and no data store (`BUBBLESCOPE_CACHE` and `BUBBLESCOPE_HOME` pointing at empty folders): the model, the charts and every data-dependent table are computed; the Monte Carlo null tables of the default settings come from the package (`data/cv`, like exuber's `radf_crit`; `BUBBLESCOPE_BUNDLED_CV=0` turns them off). Warm = the same command again: the model and charts are read from the cache.";
/** lppls 0.6.24's CPU seconds for the confidence-indicator workload (../shared/reference/lppls/baseline.md). */
const LPPLS_INDICATOR_CPU_S = 191.5;
const REF_OBS = resolve(
  process.env.BUBBLESCOPE_SHARED ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../shared"),
  "reference/lppls/nasdaq_dotcom_obs.csv",
);

/**
 * CPU seconds (user + system) of a whole child process, read from GNU time (/usr/bin/time -f): Node cannot read a
 * child's rusage. Median of RUNS runs; null when GNU time is absent.
 */
function medianCpu(args: string[]): number | null {
  if (!existsSync("/usr/bin/time")) return null;
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync("/usr/bin/time", ["-f", "%U %S", process.execPath, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr.split("\n")[0]}`);
    const [u, sys] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
    t.push(u + sys);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

function wall(args: string[], env: Record<string, string> = {}): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr.split("\n")[0]}`);
  return ms;
}

/** Median of RUNS runs; `before` runs untimed before each (e.g. to empty the caches). */
function median(args: string[], env: Record<string, string> = {}, before?: () => void, warmup = true): number {
  if (warmup) wall(args, env);
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    before?.();
    t.push(wall(args, env));
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

export async function run(): Promise<BenchSection> {
  const tmp = mkdtempSync(join(tmpdir(), "bubblescope-bench-cli-"));
  try {
    // A seeded 1,000-row random walk (daily dates).
    const rng = new RandomStream(20260101, 0);
    let x = 100;
    const rows = ["date,close"];
    for (let i = 0; i < 1000; i++) {
      x += rng.normal();
      rows.push(`${new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${x.toFixed(4)}`);
    }
    const csv = join(tmp, "walk.csv");
    writeFileSync(csv, `${rows.join("\n")}\n`);
    const bin = "bin/bubblescope.js";
    const warmEnv = { BUBBLESCOPE_CACHE: join(tmp, "cache-warm") };
    const coldCache = join(tmp, "cache-cold");
    const coldEnv = { BUBBLESCOPE_CACHE: coldCache, BUBBLESCOPE_HOME: join(tmp, "home-cold") };
    const out = join(tmp, "report");
    const rowsOut: [string, number, string][] = [
      ['`node -e ""` (bare Node start, for scale)', median(["-e", ""]), "—"],
      ["`bubblescope --help`", median([bin, "--help"]), "≤ 150 ms"],
      ["`bubblescope psy` on 1,000 rows, cached critical values", median([bin, "psy", csv], warmEnv), "≤ 400 ms"],
      ["`bubblescope report`, warm caches", median([bin, "report", "--out", out], warmEnv), "≤ 2 s"],
      [
        "`bubblescope report`, cold (empty caches)",
        median(
          [bin, "report", "--out", out],
          coldEnv,
          () => rmSync(coldCache, { recursive: true, force: true }),
          false,
        ),
        "≤ 8 s",
      ],
    ];
    const table = rowsOut.map(([what, ms, target]) => `| ${what} | ${ms.toFixed(0)} | ${target} |`).join("\n");
    // The LPPLS confidence-indicator workload of the LPPLS section (111 window ends × 30 fits), as a whole process.
    let lpplsLine = "LPPLS confidence indicator as a whole process: not measured (../shared/reference absent).";
    if (existsSync(REF_OBS)) {
      const args = [bin, "lppls", REF_OBS, "--column", "y_ln_adj_close", "--indicator"];
      const cpu = medianCpu([...args, "--from", "1998-01-02", "--to", "2000-03-09", "--json"]);
      const wallMs = median([...args, "--from", "1998-01-02", "--to", "2000-03-09", "--json"]);
      lpplsLine = `LPPLS confidence indicator, 1998-01-02 … 2000-03-09 (3,330 fits), \`bubblescope lppls --indicator\` as a whole process (start-up included): median wall ${(wallMs / 1000).toFixed(2)} s${cpu === null ? "" : `, CPU ${cpu.toFixed(2)} s`} vs lppls's ${LPPLS_INDICATOR_CPU_S} s CPU → **${(LPPLS_INDICATOR_CPU_S / (cpu ?? wallMs / 1000)).toFixed(0)}×** by ${cpu === null ? "wall" : "CPU"} time (target ≥ 50×).`;
    }
    return {
      title: "Whole-process CLI timings (compiled)",
      markdown: `Median wall time of ${RUNS} runs (after one warm-up run, except cold) of \`node bin/bubblescope.js …\` (dist/).\n\n| command | median (ms) | target |\n|---|---:|---|\n${table}\n\n${COLD}\n\n${lpplsLine}`,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
