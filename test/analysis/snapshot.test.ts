/**
 * The bundled price snapshot (data/prices): each file matches its manifest entry (sha256, rows, range), has only
 * `date,close` with increasing ISO dates and positive closes, PROVENANCE.md lists every file with its sha256, and
 * — when the research folder is present — every close equals the source's split-adjusted close on that date.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { REPORT_SERIES } from "../../src/analysis/series.ts";
import { SNAPSHOT_FILES, snapshotDir, snapshotManifest } from "../../src/report/snapshot.ts";
import { sharedPath, skipWithoutShared } from "../helpers/shared.ts";

const dir = snapshotDir();
const manifest = snapshotManifest(dir);

test("the manifest lists every snapshot file with its sha256, rows and range", () => {
  assert.ok(manifest, `${dir}/manifest.json exists`);
  assert.deepEqual(
    manifest.files.map((f) => f.file),
    SNAPSHOT_FILES.map((f) => f.file),
  );
  const provenance = readFileSync(join(dir, "PROVENANCE.md"), "utf8");
  for (const m of manifest.files) {
    const text = readFileSync(join(dir, m.file), "utf8");
    assert.equal(createHash("sha256").update(text).digest("hex"), m.sha256, `${m.file} sha256`);
    const lines = text.trimEnd().split("\n");
    assert.equal(lines[0], "date,close");
    assert.equal(lines.length - 1, m.rows, `${m.file} rows`);
    assert.equal(lines[1].slice(0, 10), m.from);
    assert.equal(lines[lines.length - 1].slice(0, 10), m.to);
    let prev = "";
    for (const l of lines.slice(1)) {
      const [d, v] = l.split(",");
      assert.ok(/^\d{4}-\d{2}-\d{2}$/.test(d) && d > prev, `${m.file}: date ${d} after ${prev}`);
      assert.ok(Number(v) > 0, `${m.file}: close ${v} on ${d}`);
      prev = d;
    }
    assert.ok(provenance.includes(m.sha256), `PROVENANCE.md names ${m.file}'s sha256`);
  }
  assert.equal(
    manifest.lastDate,
    manifest.files
      .map((f) => f.to)
      .sort()
      .at(-1),
  );
});

test("the snapshot covers every report series over its window", () => {
  for (const s of REPORT_SERIES) {
    const m = manifest!.files.find((f) => f.file === s.file);
    assert.ok(m, `${s.key}: ${s.file} in the snapshot`);
    assert.ok(m.from <= (s.from > "1995-01-31" ? s.from.replace(/-01-01$/, "-12-31") : "1995-01-31"), `${s.key} from`);
  }
  // The Nasdaq Composite's whole daily history (PSY calibration on 2000 with a comparable sample length).
  assert.equal(manifest!.files.find((f) => f.file === "nasdaq_composite_daily_fred.csv")!.from, "1971-02-05");
});

test("every snapshot close equals the research folder's close on that date", {
  skip: skipWithoutShared("data", "prices"),
}, () => {
  for (const m of manifest!.files) {
    const src = readFileSync(sharedPath("data", "prices", m.file), "utf8")
      .replace(/\r/g, "")
      .trimEnd()
      .split("\n");
    const header = src[0].split(",");
    const di = header.indexOf("date");
    const ci = header.indexOf("close");
    const byDate = new Map(src.slice(1).map((l) => [l.split(",")[di], Number(l.split(",")[ci])]));
    const snap = readFileSync(join(dir, m.file), "utf8").trimEnd().split("\n").slice(1);
    for (const l of snap) {
      const [d, v] = l.split(",");
      assert.equal(Number(v), byDate.get(d), `${m.file} ${d}`);
    }
    assert.ok(existsSync(sharedPath("data", "prices", m.file)));
  }
});
