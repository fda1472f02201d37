/**
 * The predictions ledger: pure-TS SHA-256 equals node:crypto's, canonical JSON is key-order free, the hash chain
 * detects edits, insertions, deletions and reordering (naming the entry), the committed ledger verifies, statuses
 * follow the date, and the Brier score is the mean squared error of stated probabilities.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import {
  appendPrediction,
  canonicalJson,
  detectorDrafts,
  type ForecastFields,
  GENESIS_HASH,
  type PredictionEntry,
  parsePredictionLines,
  predictionStatuses,
  psyAlarmDraft,
  scorePredictions,
  sha256Hex,
  verifyChain,
} from "../../src/predictions/index.ts";

const nodeSha = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

test("sha256Hex equals node:crypto on the FIPS vectors, block boundaries, unicode and random strings", () => {
  assert.equal(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 1000])
    assert.equal(sha256Hex("a".repeat(n)), nodeSha("a".repeat(n)), `${n}`);
  assert.equal(sha256Hex("¶ — 市场 🫧"), nodeSha("¶ — 市场 🫧"));
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => sha256Hex(s) === nodeSha(s)),
    {
      seed: 42,
      numRuns: 300,
    },
  );
});

test("canonicalJson sorts keys at every depth, drops undefined, refuses non-finite numbers", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, "x"], c: null }, u: undefined }),
    '{"a":{"c":null,"d":[1,"x"]},"b":1}',
  );
  assert.equal(canonicalJson({ a: 1, b: 2 }), canonicalJson({ b: 2, a: 1 }));
  assert.throws(() => canonicalJson({ x: Number.NaN }), /cannot hold NaN/);
  assert.throws(() => canonicalJson({ x: Number.POSITIVE_INFINITY }), /cannot hold Infinity/);
});

const draft = (id: string, extra: Partial<ForecastFields> = {}): ForecastFields => ({
  kind: "forecast",
  id,
  origin: "other",
  made: "2025-10-21",
  registered: "2025-10-22",
  statement: `statement ${id}`,
  criterion: "true if it happens",
  due: "2026-01-31",
  source: "test",
  speaker: null,
  quote: null,
  probability: null,
  evidence: [],
  ...extra,
});

function sample(): PredictionEntry[] {
  let l: PredictionEntry[] = [];
  l = appendPrediction(l, draft("P-a", { probability: 0.8 }));
  l = appendPrediction(l, draft("P-b", { probability: 0.3, due: "2030-01-01" }));
  l = appendPrediction(l, draft("P-c", { due: "2026-01-31" }));
  l = appendPrediction(l, {
    kind: "resolution",
    id: "R-a",
    resolves: "P-a",
    registered: "2026-02-01",
    resolvedOn: "2026-02-01",
    outcome: false,
    evidence: ["E001"],
    note: "it did not happen",
  });
  return l;
}

test("appendPrediction chains entries: seq, prevHash = previous hash, hash = SHA-256 of the canonical entry", () => {
  const l = sample();
  assert.equal(l[0].prevHash, GENESIS_HASH);
  for (let i = 1; i < l.length; i++) assert.equal(l[i].prevHash, l[i - 1].hash);
  const { hash, ...rest } = l[2];
  assert.equal(hash, nodeSha(canonicalJson(rest)));
  assert.deepEqual(verifyChain(l), { ok: true, entries: 4 });
  assert.throws(() => appendPrediction(l, draft("P-a")), /id already in the ledger/);
  const { seq: _s, prevHash: _p, hash: _hh, ...again } = l[3] as Extract<PredictionEntry, { kind: "resolution" }>;
  assert.throws(() => appendPrediction(l, { ...again, id: "R-a2" }), /P-a is already resolved/);
  assert.throws(() => appendPrediction(l, { ...again, id: "R-x", resolves: "P-nope" }), /unknown forecast "P-nope"/);
  assert.throws(() => appendPrediction(l, draft("P-z", { due: "2020-01-01" })), /before it was made/);
});

test("verifyChain names the first broken entry for an edit, a re-hashed edit, a deletion and a swap", () => {
  const l = sample();
  const edited = structuredClone(l);
  (edited[1] as { statement: string }).statement = "something else";
  assert.deepEqual(verifyChain(edited), {
    ok: false,
    index: 1,
    id: "P-b",
    problem: "hash does not match the entry's content (the entry was edited)",
  });
  // Re-hashing the edited entry moves the break to the next entry's link.
  const { hash: _h, ...body } = edited[1];
  edited[1] = { ...edited[1], hash: nodeSha(canonicalJson(body)) };
  const r = verifyChain(edited);
  assert.ok(!r.ok && r.id === "P-c" && /prevHash/.test(r.problem), JSON.stringify(r));
  const deleted = [l[0], l[2], l[3]];
  const d = verifyChain(deleted);
  assert.ok(!d.ok && d.id === "P-c" && /seq is 3, expected 2/.test(d.problem), JSON.stringify(d));
  const swapped = [l[1], l[0], l[2], l[3]];
  const s = verifyChain(swapped);
  assert.ok(!s.ok && s.index === 0, JSON.stringify(s));
  const bad = verifyChain([{ ...l[0], probability: 2 }]);
  assert.ok(!bad.ok && /probability/.test(bad.problem));
});

test("statuses follow the date: open before due, due after, resolved once a resolution is known", () => {
  const l = sample();
  const at = (d: string) => Object.fromEntries(predictionStatuses(l, d).map((p) => [p.id, p.status]));
  assert.deepEqual(at("2026-01-15"), { "P-a": "open", "P-b": "open", "P-c": "open" });
  assert.deepEqual(
    at("2026-01-31"),
    { "P-a": "open", "P-b": "open", "P-c": "open" },
    "due on its due date is still open",
  );
  assert.deepEqual(at("2026-02-01"), { "P-a": "resolved-false", "P-b": "open", "P-c": "due" });
  assert.deepEqual(at("2025-10-21"), {}, "nothing is registered before its registration date");
  const res = predictionStatuses(l, "2026-03-01").find((p) => p.id === "P-a")!;
  assert.deepEqual(res.evidence, ["E001"]);
});

test("Brier score: mean of (p − outcome)² over resolved forecasts with a probability", () => {
  let l = sample();
  l = appendPrediction(l, {
    kind: "resolution",
    id: "R-b",
    resolves: "P-b",
    registered: "2026-03-01",
    resolvedOn: "2026-03-01",
    outcome: true,
    evidence: ["E002"],
    note: "it happened",
  });
  const s = scorePredictions(predictionStatuses(l, "2026-03-02"));
  assert.equal(s.brierCount, 2);
  assert.ok(Math.abs(s.brier! - ((0.8 - 0) ** 2 + (0.3 - 1) ** 2) / 2) < 1e-15);
  assert.equal(s.resolvedTrue, 1);
  assert.equal(s.resolvedFalse, 1);
  assert.equal(s.due, 1);
  assert.equal(scorePredictions([]).brier, null);
});

test("detectorDrafts: a running PSY episode and a qualified LPPLS tc window become forecasts; old or quiet series do not", () => {
  const psy = (id: string, to: string, ongoing: boolean) => ({
    id,
    label: id,
    to,
    frequency: "weekly",
    evidence: [`file:${id}`],
    episodes: [{ start: "2024-01-05", end: to, ongoing }],
  });
  const lppls = {
    id: "lppls-NVDA",
    label: "Nvidia",
    evidence: ["file:nvda"],
    window: { end: "2025-10-31" },
    fit: { qualified: true, sign: "positive" },
    tcDistribution: {
      qualified: 12,
      quantiles: [
        { p: 0.1, date: "2025-12-01" },
        { p: 0.5, date: "2026-01-15" },
        { p: 0.9, date: "2026-03-01" },
      ],
    },
  };
  const d = detectorDrafts(
    {
      psy: [
        psy("psy-NVDA", "2025-10-31", true),
        psy("psy-CSCO", "2002-12-27", true),
        psy("psy-QQQ", "2025-10-31", false),
      ],
      lppls: [lppls],
    },
    { registered: "2026-12-05", since: "2025-01-01" },
  );
  assert.deepEqual(
    d.map((x) => [x.id, x.due]),
    [
      ["P-psy-psy-NVDA-2025-10-31", "2027-10-31"],
      ["P-lppls-lppls-NVDA-2025-10-31", "2026-05-30"],
    ],
  );
  let l: PredictionEntry[] = [];
  for (const x of d) l = appendPrediction(l, x);
  assert.ok(verifyChain(l).ok);
});

test("psyAlarmDraft: a monitor alarm on 29 Feb is due two years later on 28 Feb, and chains", () => {
  const d = psyAlarmDraft(
    { series: "X", label: "X", date: "2028-02-29", since: "2028-01-07", method: "weekly", evidence: ["x.csv"] },
    { registered: "2028-03-01" },
  );
  assert.equal(d.due, "2030-02-28");
  assert.equal(d.id, "P-psy-X-2028-02-29");
  assert.ok(verifyChain(appendPrediction([], d)).ok);
});

test("the committed data/predictions.jsonl verifies and holds every talk forecast", async () => {
  const { TALK_FORECASTS } = await import("../../src/evidence/claims.ts");
  const raw = parsePredictionLines(readFileSync(new URL("../../data/predictions.jsonl", import.meta.url), "utf8"));
  const r = verifyChain(raw);
  assert.ok(r.ok, JSON.stringify(r));
  const ids = new Set((raw as PredictionEntry[]).map((e) => e.id));
  for (const f of TALK_FORECASTS) assert.ok(ids.has(`P-${f.id}`), f.id);
});
