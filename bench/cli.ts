/**
 * Whole-process timings of the compiled CLI (`node bin/bubblescope.js …`, i.e. dist/; `npm run bench` builds it
 * first): median wall time of 5 runs after one warm-up, against the issue-10 targets. The bare `node -e ""` start
 * is shown beside them: on this 2-core shared machine it is most of the --help figure.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RandomStream } from "../src/core/rng.ts";
import type { BenchSection } from "./run.ts";

const RUNS = 5;

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
    return {
      title: "Whole-process CLI timings (compiled)",
      markdown: `Median wall time of ${RUNS} runs (after one warm-up run, except cold) of \`node bin/bubblescope.js …\` (dist/).\n\n| command | median (ms) | target |\n|---|---:|---|\n${table}`,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
