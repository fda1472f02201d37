/**
 * The report's bubble breadth on the bundled snapshot alone (data/prices; no store, no $BUBBLESCOPE_DATA, no
 * research folder): the 2000 basket first, then the AI basket at the talk date and at the latest data, with the
 * same settings; the readings within tolerances that say why; the section's HTML and chart; as-of handling.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { TALK_DATE } from "../../src/analysis/series.ts";
import {
  type BreadthSection,
  breadthForReport,
  breadthSectionHtml,
  breadthText,
  PEAK_2000,
} from "../../src/report/breadth-section.ts";
import { breadthAlignedChartOption, weeksFrom } from "../../src/scan/breadth-chart.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-breadth-"));
process.env.BUBBLESCOPE_CACHE = join(tmp, "cv");
delete process.env.BUBBLESCOPE_DATA;
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("report breadth on the bundled snapshot (2,000 replications, seed 123: the report's defaults)", () => {
  let s: BreadthSection;
  let notComputed: { section: string; reason: string }[];
  before(async () => {
    const r = await breadthForReport({ nrep: 2000, seed: 123 });
    assert.ok(r.section, JSON.stringify(r.notComputed));
    s = r.section;
    notComputed = r.notComputed;
  });

  test("the 2000 basket comes first, then the AI basket at the talk date and at the latest data", () => {
    assert.deepEqual(
      s.entries.map((e) => [e.basket, e.point, e.asOf, e.refDate]),
      [
        ["telecom-2000", "2000 peak", PEAK_2000, PEAK_2000],
        ["ai", "talk date", TALK_DATE, TALK_DATE],
        ["ai", "latest", null, TALK_DATE],
      ],
    );
    assert.deepEqual(notComputed, []);
    // The same settings for every reading, LPPLS off, and named in every reading's source.
    assert.equal(s.settings.lppls, false);
    assert.equal(s.settings.window, 260);
    for (const e of s.entries)
      assert.match(e.source, /--no-lppls \(weekly log closes, the last 260 weeks, PSY lag 0, 2000 Monte/);
  });

  test("every member comes from the bundled snapshot, and the counts are consistent", () => {
    for (const e of s.entries) {
      assert.ok(e.evidence.length > 0 && e.evidence.every((id) => id.startsWith("prices:")), e.evidence.join(" "));
      assert.match(e.source, /bundled snapshot \(data\/prices\)/);
      assert.equal(e.covered + e.failed.length, e.members, `${e.label}: tested + failed = members`);
      assert.equal(e.share, e.explosive / e.covered);
      assert.equal(e.explosiveSeries.length, e.explosive);
      assert.ok(e.explosiveSeries.every((x) => x.since <= (e.date as string)));
      assert.ok(e.peakShare !== null && e.peakShare >= (e.share as number));
      assert.equal(e.path.dates.at(-1), e.date);
      assert.equal(e.path.share.at(-1), e.share);
    }
  });

  test("the readings, within tolerances that say why", () => {
    const [y2000, talk, latest] = s.entries;
    // The weekly close of the peak's week is the peak itself (Friday 2000-03-10); the talk date is a Friday too.
    assert.equal(y2000.date, PEAK_2000);
    assert.equal(talk.date, TALK_DATE);
    assert.ok((latest.date as string) > TALK_DATE);
    // Juniper listed in June 1999 and CoreWeave in March 2025: fewer than the 52 weeks the scan needs then.
    assert.deepEqual(
      y2000.failed.map((f) => f.name),
      ["JNPR"],
    );
    assert.match(y2000.failed[0].reason, /too short/);
    assert.deepEqual(
      talk.failed.map((f) => f.name),
      ["CRWV"],
    );
    assert.deepEqual(latest.failed, []);
    // The known bubble: at the Nasdaq peak a large part of the basket is explosive (measured 6 of 15 = 40 %). The
    // band allows the Monte Carlo error of the 95 % critical value to move a member or two either way; below a
    // quarter the measure would fail to show the 2000 bubble it is calibrated on.
    assert.ok(y2000.share! >= 0.25 && y2000.share! <= 0.6, `2000: ${y2000.share}`);
    // Qualcomm (+2,600 % in 1999) and JDS Uniphase are the textbook explosive runs of that basket.
    const names2000 = y2000.explosiveSeries.map((x) => x.name);
    assert.ok(names2000.includes("QCOM") && names2000.includes("VIAV"), names2000.join(", "));
    // The AI basket with the same settings: measured 2 of 14 at the talk date and 3 of 15 at the latest data
    // (optics — Ciena, Corning — and memory); narrower than 2000 by more than the tolerance above.
    assert.ok(talk.share! <= 0.3 && latest.share! <= 0.35, `AI: ${talk.share}, ${latest.share}`);
    assert.ok(talk.share! < y2000.share! && latest.share! < y2000.share!);
    assert.match(s.text, /^Bubble breadth — 2000 telecom\/tech basket at the Nasdaq peak \(2000-03-10\): \d+ %/);
    assert.match(s.text, /talk date narrower, latest narrower\.$/);
  });

  test("another Monte Carlo seed moves each reading by at most one member (the tolerance above is wider)", async () => {
    const other = await breadthForReport({ nrep: 2000, seed: 1 });
    assert.ok(other.section);
    assert.deepEqual(
      other.section.entries.map((e) => [e.basket, e.point, e.covered]),
      s.entries.map((e) => [e.basket, e.point, e.covered]),
    );
    other.section.entries.forEach((e, i) => {
      assert.ok(
        Math.abs(e.explosive - s.entries[i].explosive) <= 1,
        `${e.label}: ${e.explosive} vs ${s.entries[i].explosive}`,
      );
    });
  });

  test("the HTML section: the comparison, one row per reading in order, the chart inline", () => {
    const lines = s.entries.map((e) => ({ name: e.basket, ref: e.refDate, breadth: e.path }));
    const opt = breadthAlignedChartOption({ title: "t", lines }) as { series: { data: [number, number][] }[] };
    // Each line is aligned at its reference date: the 2000 and talk-date readings end at week 0.
    assert.equal(opt.series[0].data.at(-1)?.[0], 0);
    assert.equal(opt.series[1].data.at(-1)?.[0], 0);
    assert.ok(opt.series[2].data.at(-1)![0] > 0);
    const html = breadthSectionHtml(s, '<figure data-chart="breadth"></figure>');
    assert.match(html, /id="breadth"/);
    const rows = [...html.matchAll(/<tr data-basket="([^"]+)" data-point="([^"]+)">/g)].map((m) => `${m[1]}@${m[2]}`);
    assert.deepEqual(rows, ["telecom-2000@2000 peak", "ai@talk date", "ai@latest"]);
    assert.match(html, /data-chart="breadth"/);
    assert.match(html, /JNPR: too short/);
    assert.equal(breadthSectionHtml(null), "");
  });
});

test("breadth as of a date: readings after it are not computed, the latest reading is at it", {
  timeout: 120000,
}, async () => {
  const r = await breadthForReport({ nrep: 199, seed: 123, asOf: "2001-06-30" });
  assert.deepEqual(
    r.section?.entries.map((e) => [e.basket, e.point]),
    [["telecom-2000", "2000 peak"]],
  );
  assert.deepEqual(
    r.notComputed.map((n) => n.section),
    ["breadth: AI basket at the talk date", "breadth: AI basket at 2001-06-30"],
  );
  const early = await breadthForReport({ nrep: 199, seed: 123, asOf: "1999-12-31" });
  assert.equal(early.section, null);
  assert.equal(early.notComputed.length, 3);
});

test("a missing --data folder is a clear error; members absent from it fall back to the snapshot", async () => {
  const empty = mkdtempSync(join(tmp, "empty-"));
  const r = await breadthForReport({ nrep: 199, seed: 123, dataDir: empty });
  assert.equal(r.section?.entries.length, 3);
  assert.ok(r.section?.entries.every((e) => e.evidence.every((id) => id.startsWith("prices:"))));
  // As in the report (loadReportInputs), a --data folder that does not exist is an error, not a silent fallback.
  await assert.rejects(
    breadthForReport({ nrep: 199, seed: 123, dataDir: join(tmp, "nope") }),
    /--data .*nope: no such folder/,
  );
});

test("breadthText compares each AI reading with the 2000 one", () => {
  const e = (era: "2000" | "ai", point: "2000 peak" | "talk date" | "latest", share: number) =>
    ({ era, point, share, label: point, date: "d", explosive: 1, covered: 2 }) as never;
  assert.match(breadthText([e("2000", "2000 peak", 0.4), e("ai", "talk date", 0.5)]), /talk date broader\.$/);
  assert.match(breadthText([e("ai", "latest", 0.1)]), /2000 basket at the peak: not computed/);
  assert.equal(weeksFrom("2000-03-10", "2000-03-17"), 1);
});
