/**
 * Monitor alarms → the predictions ledger: a new PSY alarm becomes a forecast appended to a temporary ledger whose
 * hash chain verifies afterwards; a second registration of the same alarms appends nothing; a broken chain is
 * refused with nothing written; `monitor --register-predictions FILE` does it end to end (exit 3, then 0).
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { RandomStream } from "../../src/core/rng.ts";
import { readLedger, registerAlarms } from "../../src/node/scan-alarms.ts";
import type { ScanInput } from "../../src/node/scan-inputs.ts";
import { runScan } from "../../src/node/scan-run.ts";
import { parsePredictionLines, verifyChain } from "../../src/predictions/index.ts";
import { alarmDrafts } from "../../src/scan/alarm-drafts.ts";
import type { ScanJson } from "../../src/scan/assemble.ts";
import { diffScans } from "../../src/scan/changes.ts";
import { resolveScanSettings } from "../../src/scan/settings.ts";
import { dates, freshEnv, run, walk } from "./helpers.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-alarms-"));
process.env.BUBBLESCOPE_CACHE = join(tmp, "cv");
after(() => rmSync(tmp, { recursive: true, force: true }));

const N = 300;
/** A random walk in log price whose last 45 observations follow an explosive AR(1) (ρ = 1.06) away from it. */
function explosive(seed: number): number[] {
  const r = new RandomStream(seed, 0);
  const out: number[] = [];
  let y = 4;
  let d = 0;
  for (let i = 0; i < N; i++) {
    y += 0.01 * r.normal();
    if (i >= N - 45) d = (d === 0 ? 0.03 : d * 1.06) + 0.002 * r.normal();
    out.push(Math.exp(y + d));
  }
  return out;
}

function writeFolder(): string {
  const dir = mkdtempSync(join(tmp, "prices-"));
  const d = dates(N);
  const put = (name: string, v: number[]) =>
    writeFileSync(join(dir, `${name}.csv`), `date,close\n${d.map((x, i) => `${x},${v[i]}`).join("\n")}\n`);
  put("BOOM", explosive(7));
  put("CALM", walk(11, N));
  return dir;
}

const LEDGER = resolve(import.meta.dirname, "../../data/predictions.jsonl");

describe("registering monitor alarms in a temporary ledger", () => {
  let scan: ScanJson;
  let changes: ReturnType<typeof diffScans>;
  before(async () => {
    const dir = writeFolder();
    const inputs: ScanInput[] = ["BOOM", "CALM"].map((name) => {
      const text = readFileSync(join(dir, `${name}.csv`), "utf8")
        .trim()
        .split("\n")
        .slice(1);
      return {
        name,
        origin: join(dir, `${name}.csv`),
        raw: { name, dates: text.map((l) => l.split(",")[0]), values: text.map((l) => Number(l.split(",")[1])) },
      };
    });
    const settings = resolveScanSettings({ frequency: "as-is", window: 0, nrep: 99, lppls: false });
    ({ json: scan } = await runScan(inputs, { settings, watchlist: null, source: "test folder", threads: 1 }));
    changes = diffScans(null, scan.series, settings.lpplsSignal);
  });

  test("the explosive series raises a new PSY alarm and becomes a PSY forecast (GSY crash rule, due in two years)", () => {
    const boom = scan.series.find((s) => s.name === "BOOM")!;
    assert.equal(boom.current.explosive, true, JSON.stringify(boom));
    const drafts = alarmDrafts(changes, scan, { runId: "r1", registered: "2026-05-16" });
    const d = drafts.find((x) => x.id.startsWith("P-psy-scan-BOOM-"))!;
    assert.ok(d, drafts.map((x) => x.id).join(", "));
    assert.equal(d.id, `P-psy-scan-BOOM-${boom.current.since}`);
    assert.equal(d.origin, "psy");
    assert.equal(d.made, boom.to);
    assert.equal(d.due, `${Number(boom.to!.slice(0, 4)) + 2}${boom.to!.slice(4)}`);
    assert.match(d.criterion, /40% or more below its highest close within 2 years/);
    assert.deepEqual(d.evidence, ["scan:BOOM", "scan-run:r1"]);
    // Ended episodes and series that are not explosive are not forecasts.
    assert.ok(
      drafts.every((x) => !x.id.includes("CALM") || scan.series.find((s) => s.name === "CALM")!.current.explosive),
    );
  });

  test("appended to a copy of the repository's ledger: the chain verifies; a second run appends nothing", async () => {
    const file = join(tmp, "ledger.jsonl");
    copyFileSync(LEDGER, file);
    const before = readLedger(file).length;
    const a = await registerAlarms(changes, scan, { file, runId: null, registered: "2026-05-16" });
    assert.ok(a.registered.length >= 1);
    assert.ok(a.registered.some((id) => id.startsWith("P-psy-scan-BOOM-")));
    const raw = parsePredictionLines(readFileSync(file, "utf8"));
    assert.deepEqual(verifyChain(raw), { ok: true, entries: before + a.registered.length });
    const bytes = readFileSync(file, "utf8");
    const b = await registerAlarms(changes, scan, { file, runId: null, registered: "2026-05-17" });
    assert.deepEqual(b.registered, []);
    assert.deepEqual(b.known, a.registered);
    assert.equal(readFileSync(file, "utf8"), bytes, "the second run leaves the file as it was");
  });

  test("a missing ledger file starts a new chain; a broken chain is refused and nothing is written", async () => {
    const fresh = join(tmp, "new.jsonl");
    const r = await registerAlarms(changes, scan, { file: fresh, runId: null, registered: "2026-05-16" });
    assert.equal(r.entries, r.registered.length);
    assert.equal(verifyChain(parsePredictionLines(readFileSync(fresh, "utf8"))).ok, true);
    const broken = join(tmp, "broken.jsonl");
    const lines = readFileSync(LEDGER, "utf8").split("\n");
    lines[1] = lines[1].replace(/"statement":"/, '"statement":"edited ');
    writeFileSync(broken, lines.join("\n"));
    const text = readFileSync(broken, "utf8");
    await assert.rejects(
      registerAlarms(changes, scan, { file: broken, runId: null, registered: "2026-05-16" }),
      /chain broken at entry 2 .*nothing registered/,
    );
    assert.equal(readFileSync(broken, "utf8"), text);
    assert.throws(() => readLedger(join(tmp, "no-such-folder", "l.jsonl")), /its folder does not exist/);
  });
});

test("monitor --register-predictions FILE: registers the new alarm (exit 3); a rerun registers nothing (exit 0)", async () => {
  const dir = writeFolder();
  const env = freshEnv();
  const file = join(tmp, "cli-ledger.jsonl");
  copyFileSync(LEDGER, file);
  const n0 = readLedger(file).length;
  const args = ["monitor", dir, "--frequency", "as-is", "--window", "0", "--nrep", "99", "--no-lppls"];
  const a = await run([...args, "--register-predictions", file, "--json"], env);
  assert.equal(a.code, 3, a.stderr);
  const ja = JSON.parse(a.stdout);
  assert.ok(ja.predictions.registered.some((id: string) => id.startsWith("P-psy-scan-BOOM-")));
  const v = await run(["predictions", "verify", "--file", file], env);
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, new RegExp(`chain intact: ${n0 + ja.predictions.registered.length} entries`));
  const bytes = readFileSync(file, "utf8");
  const b = await run([...args, "--register-predictions", file], env);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /no change/);
  assert.equal(readFileSync(file, "utf8"), bytes);
  // Without the flag nothing is registered, and a broken ledger is refused before scanning (exit 1, one line).
  writeFileSync(join(tmp, "bad.jsonl"), "{not json\n");
  const c = await run([...args, "--register-predictions", join(tmp, "bad.jsonl")], env);
  assert.equal(c.code, 1);
  assert.match(c.stderr, /^bubblescope: /);
  assert.equal(c.stderr.trim().split("\n").length, 1);
});
