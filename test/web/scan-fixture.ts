/**
 * Test helper: a temporary data store filled by the real `bubblescope scan` and `monitor` commands (child
 * processes, as a user runs them) on a small watchlist file — two bundled series (data/prices: NVDA and the
 * NASDAQ Composite), a seeded synthetic series that turns explosive in its last months, and one too short to test
 * (it fails alone). Three runs of the same basket and settings: a scan as of 2024-01-31 (before the boom), a scan on
 * the latest data, then a monitor run. Each command's `--json` output is kept so tests can compare what the
 * dashboard API serves with what the CLI printed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RandomStream } from "../../src/core/rng.ts";
import type { ScanJson } from "../../src/scan/assemble.ts";
import type { ScanChange } from "../../src/scan/changes.ts";
import { runCli } from "../helpers/cli.ts";

export interface ScanFixture {
  /** BUBBLESCOPE_HOME of the store. */
  readonly home: string;
  readonly env: Record<string, string>;
  readonly watchlist: string;
  /** `scan --as-of 2024-01-31 --json`, `scan --json`, `monitor --json` outputs, in order. */
  readonly early: ScanJson;
  readonly latest: ScanJson;
  readonly monitor: { previousRun: string | null; runId: string | null; changes: ScanChange[]; scan: ScanJson };
  cleanup(): void;
}

/** Business days from 2019-01-02 to 2026-06-30 with a seeded random walk that explodes over the last ~70 weeks. */
function boomCsv(seed: number): string {
  const r = new RandomStream(seed, 0);
  const lines = ["date,close"];
  let y = 3;
  const end = Date.UTC(2026, 5, 30);
  const boomFrom = Date.UTC(2025, 0, 6);
  for (let t = Date.UTC(2019, 0, 2); t <= end; t += 86_400_000) {
    const wd = new Date(t).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    y += 0.012 * r.normal() + (t >= boomFrom ? 0.006 : 0);
    lines.push(`${new Date(t).toISOString().slice(0, 10)},${Math.exp(y).toFixed(4)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Builds the store (three real CLI runs; ~10–30 s on this machine). */
export function makeScanFixture(): ScanFixture {
  const home = mkdtempSync(join(tmpdir(), "bubblescope-scanstore-"));
  const data = join(home, "prices");
  mkdirSync(data);
  writeFileSync(join(data, "boom_synthetic.csv"), boomCsv(7));
  writeFileSync(join(data, "short_synthetic.csv"), "date,close\n2026-01-05,10\n2026-01-06,11\n2026-01-07,12\n");
  const watchlist = join(home, "demo.json");
  writeFileSync(
    watchlist,
    JSON.stringify({
      name: "demo",
      title: "dashboard test basket",
      why: "two bundled series, a synthetic boom and a too-short series",
      members: [
        { symbol: "NVDA", files: ["nvda_daily_yahoo_2019_2026.csv"] },
        // Named as the bundled file, so the Scan view links it to the Series view (a file of the data folder).
        { symbol: "nasdaq_composite_daily_fred", files: ["nasdaq_composite_daily_fred.csv"] },
        { symbol: "BOOM", files: ["boom_synthetic.csv"] },
        { symbol: "SHORT", files: ["short_synthetic.csv"] },
      ],
    }),
  );
  const env = {
    BUBBLESCOPE_HOME: home,
    BUBBLESCOPE_CACHE: join(home, "cv"),
    BUBBLESCOPE_DATA: data,
    BUBBLESCOPE_PROGRESS: "0",
  };
  const common = ["--watchlist", watchlist, "--nrep", "49", "--threads", "1", "--json"];
  const run = (args: string[], okCodes: number[] = [0]) => {
    const r = runCli(args, env);
    if (!okCodes.includes(r.code)) throw new Error(`bubblescope ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const early = run(["scan", ...common, "--as-of", "2024-01-31"]) as ScanJson;
  const latest = run(["scan", ...common]) as ScanJson;
  // monitor exits 3 when it finds a new alarm (the boom is running at the last date).
  const monitor = run(["monitor", ...common], [0, 3]) as ScanFixture["monitor"];
  return {
    home,
    env,
    watchlist,
    early,
    latest,
    monitor,
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}
