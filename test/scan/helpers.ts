/** Test helpers for the scan: seeded synthetic price folders and a CLI runner. */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { RandomStream } from "../../src/core/rng.ts";

export const BIN = resolve(import.meta.dirname, "../../bin/bubblescope.js");

/** Business-day dates from 2015-01-05. */
export function dates(n: number): string[] {
  const out: string[] = [];
  let t = Date.UTC(2015, 0, 5);
  while (out.length < n) {
    const d = new Date(t).getUTCDay();
    if (d !== 0 && d !== 6) out.push(new Date(t).toISOString().slice(0, 10));
    t += 86400000;
  }
  return out;
}

/** A seeded random walk in log price; with `boom`, an explosive stretch at the end. */
export function walk(seed: number, n: number, boom = false): number[] {
  const r = new RandomStream(seed, 0);
  const out: number[] = [];
  let y = 4;
  for (let i = 0; i < n; i++) {
    y += 0.01 * r.normal() + (boom && i > n - 60 ? 0.004 * (i - (n - 60)) * 0.25 : 0);
    out.push(Math.exp(y));
  }
  return out;
}

/** A folder of k good series, one malformed and one too short. */
export function makeFolder(k: number, n = 400): string {
  const dir = mkdtempSync(join(tmpdir(), "bs-scan-"));
  const d = dates(n);
  for (let s = 0; s < k; s++) {
    const v = walk(100 + s, n, s === 0);
    writeFileSync(join(dir, `s${s}.csv`), `date,close\n${d.map((x, i) => `${x},${v[i]}`).join("\n")}\n`);
  }
  writeFileSync(join(dir, "bad.csv"), `date,close\n${d[0]},1\n${d[1]},abc\n${d[2]},2\n`);
  writeFileSync(
    join(dir, "short.csv"),
    `date,close\n${d
      .slice(0, 30)
      .map((x, i) => `${x},${10 + i}`)
      .join("\n")}\n`,
  );
  return dir;
}

export function freshEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), "bs-scan-home-"));
  mkdirSync(join(home, "cv"), { recursive: true });
  return { ...process.env, BUBBLESCOPE_HOME: home, BUBBLESCOPE_CACHE: join(home, "cv"), BUBBLESCOPE_PROGRESS: "0" };
}

export function run(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, [BIN, ...args], { env });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (b) => {
      stdout += b;
    });
    p.stderr.on("data", (b) => {
      stderr += b;
    });
    p.on("close", (code) => res({ code, stdout, stderr }));
  });
}
