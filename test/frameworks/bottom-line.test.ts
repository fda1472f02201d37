import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { dateFigures, parseDeals, parseFigures } from "../../src/evidence/load.ts";
import { makeLedger } from "../../src/evidence/query.ts";
import { bottomLine, linePosition } from "../../src/frameworks/bottom-line.ts";
import { calibratePriceTests, type PriceTestRun } from "../../src/frameworks/calibration.ts";
import { buildEvidenceModel } from "../../src/frameworks/model.ts";
import { tallyByFact } from "../../src/frameworks/tally.ts";

const text = readFileSync(new URL("../../data/evidence.csv", import.meta.url), "utf8");
const deals = parseDeals(readFileSync(new URL("../../data/deals.csv", import.meta.url), "utf8")).records;
const build = (csv: string, asOf?: string) =>
  buildEvidenceModel({
    ledger: makeLedger(dateFigures(parseFigures(csv).records)),
    deals,
    draws: 20,
    ...(asOf ? { asOf } : {}),
  });

const run = (over: Partial<PriceTestRun>): PriceTestRun => ({
  test: "PSY",
  role: "index",
  series: "Nasdaq",
  era: "2000",
  point: "2000 peak",
  at: "2000-03-10",
  signal: true,
  text: "GSADF 2.6 vs 2.2",
  settings: "weekly",
  evidence: ["prices:X"],
  ...over,
});

test("calibration: a test that misses 2000 with the same settings clears nothing about the AI era", () => {
  const c = calibratePriceTests([
    run({ signal: false }),
    run({ era: "ai", point: "talk date", at: "2025-10-31", signal: false }),
    run({ test: "GSY" }),
    run({ test: "GSY", era: "ai", point: "latest", at: "2026-05-01", signal: false }),
  ]);
  const psy = c.find((x) => x.test === "PSY")!;
  assert.equal(psy.detects2000, false);
  assert.match(psy.reading, /misses 2000 .* clears nothing/);
  const gsy = c.find((x) => x.test === "GSY")!;
  assert.equal(gsy.detects2000, true);
  assert.match(gsy.reading, /flags 2000 with the same settings and does not flag the AI era/);
  assert.deepEqual(
    c.map((x) => x.test),
    ["PSY", "GSY"],
    "PSY, LPPLS, GMO, GSY order",
  );
});

test("linePosition: 0 at the healthy line, 1 at the bubble line, either direction", () => {
  const hi = { direction: "higher-is-bubblier" as const, bubbleAt: 100, healthyAt: 40 };
  const lo = { direction: "lower-is-bubblier" as const, bubbleAt: 0.5, healthyAt: 1 };
  assert.equal(linePosition({ value: 40, threshold: hi }), 0);
  assert.equal(linePosition({ value: 100, threshold: hi }), 1);
  assert.equal(linePosition({ value: 0.5, threshold: lo }), 1);
  assert.equal(linePosition({ value: 1.5, threshold: lo }), -1);
  assert.equal(linePosition({ value: null, threshold: hi }), null);
  assert.equal(linePosition({ value: 1, threshold: null }), null);
});

test("bottom line: opens with the answer, every sentence carries evidence, counts are the tallies' own", () => {
  const model = build(text);
  const atTalk = build(text, "2025-10-31");
  const b = bottomLine({ model, atTalk, calibration: [], talkDate: "2025-10-31" });
  assert.equal(b.sentences[0].kind, "answer");
  for (const s of b.sentences) assert.ok(s.evidence.length > 0 && s.text.length > 20, s.kind);
  const ai = tallyByFact(model.indicators, "ai");
  const y2000 = new Set(tallyByFact(model.indicators, "2000").votes.map((v) => v.fact));
  const both = ai.votes.filter((v) => y2000.has(v.fact));
  assert.equal(b.counts.factsBothEras, both.length);
  assert.equal(b.counts.like2000, both.filter((v) => v.verdict === "bubble-like").length);
  assert.equal(b.counts.unlike2000, both.filter((v) => v.verdict === "healthy").length);
  assert.ok(b.sentences.some((s) => s.kind === "how-sure"));
  assert.ok(b.sentences.some((s) => s.kind === "worse"));
});

test("bottom line responds to the evidence: debt share pushed over the line turns 'open' into 'like 2000'", () => {
  const before = bottomLine({ model: build(text), atTalk: null, calibration: [], talkDate: "2025-10-31" });
  const pushed = text.replace(/^(E084,(?:[^,]*,){4})182,/m, "$1600,");
  assert.notEqual(pushed, text, "E084 rewritten");
  const after = bottomLine({ model: build(pushed), atTalk: null, calibration: [], talkDate: "2025-10-31" });
  assert.equal(after.counts.like2000, before.counts.like2000 + 1);
  assert.match(after.sentences.find((s) => s.kind === "like-2000")!.text, /debt-financed share/i);
  assert.ok(after.sentences.find((s) => s.kind === "like-2000")!.evidence.includes("E084"));
});

test("getting worse: an AI indicator that moved toward its bubble line since the talk is named", () => {
  const model = build(text);
  const atTalk = build(text, "2025-10-31");
  const b = bottomLine({ model, atTalk, calibration: [], talkDate: "2025-10-31" });
  // Nvidia's round-trip deals grew after the talk (D037 on 2025-11-18), so circular financing moved up.
  assert.match(b.sentences.find((s) => s.kind === "worse")!.text, /circular financing toward the bubble line/);
  assert.ok(b.counts.worse >= 1);
});
