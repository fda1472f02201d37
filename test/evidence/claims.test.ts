/**
 * The talk as data: data/claims.json validates, the committed generated module equals what scripts/build-talk.ts
 * produces, every claim and forecast points at a real paragraph whose words it quotes, the recording date's cues
 * are in the transcript, and malformed files are refused with the first problem named.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { generateTalkModule, TALK_GENERATED, TALK_JSON } from "../../scripts/build-talk.ts";
import { CLAIMS, parseTalkFile, RECORDING_DATE, TALK_FORECASTS, TALK_META } from "../../src/evidence/claims.ts";
import { sharedPath, skipWithoutShared } from "../helpers/shared.ts";

const json = () => JSON.parse(readFileSync(TALK_JSON, "utf8"));

test("the committed talk-data.generated.ts equals what scripts/build-talk.ts makes from data/claims.json", () => {
  assert.equal(
    readFileSync(TALK_GENERATED, "utf8"),
    generateTalkModule(readFileSync(TALK_JSON, "utf8")),
    "run `npm run build:talk`",
  );
});

test("the talk file: 40+ statements and forecasts, C01-C16 kept, unique ids, recorded before it was published", () => {
  assert.ok(CLAIMS.length + TALK_FORECASTS.length >= 40, `${CLAIMS.length} + ${TALK_FORECASTS.length}`);
  for (let k = 1; k <= 16; k++) assert.ok(CLAIMS.some((c) => c.id === `C${String(k).padStart(2, "0")}`));
  assert.equal(RECORDING_DATE, "2025-10-21");
  assert.ok(TALK_META.recorded < TALK_META.published);
  assert.match(TALK_META.recordedBasis, /Atlas/);
  for (const f of TALK_FORECASTS) assert.ok(f.due > RECORDING_DATE, f.id);
});

test("malformed talk files are refused naming the first problem", () => {
  const dup = json();
  dup.claims.push({ ...dup.claims[0] });
  assert.throws(() => parseTalkFile(dup), /id "C01" appears twice/);
  const noOver = json();
  noOver.claims[9].measures[0].over = undefined;
  assert.throws(() => parseTalkFile(noOver), /ratio needs "over"/);
  const badId = json();
  badId.claims[0].measures[0].ids = ["not-an-id"];
  assert.throws(() => parseTalkFile(badId), /measure id must be/);
  const noMeasure = json();
  noMeasure.claims[5].measures = [];
  assert.throws(() => parseTalkFile(noMeasure), /point rule needs measures/);
  const badRange = json();
  badRange.claims[2].low = 200;
  assert.throws(() => parseTalkFile(badRange), /low must be <= high/);
  const badStance = json();
  badStance.claims.find((c: { id: string }) => c.id === "C23").comparison.evidence[0].stance = "likes";
  assert.throws(() => parseTalkFile(badStance), /stance/);
});

/** Lower-cased words of a text, with the transcript's punctuation dropped. */
const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9%$ ]+/g, " ")
    .split(/\s+/)
    .filter(Boolean);

test("every claim and forecast quotes the paragraph it cites (fragments outside [editorial brackets])", {
  skip: skipWithoutShared("talk/transcript-en.md"),
}, () => {
  const text = readFileSync(sharedPath("talk/transcript-en.md"), "utf8");
  const para = new Map<number, string>();
  for (const m of text.matchAll(/\*\*¶(\d+)\*\* \(([^)]*)\): ([\s\S]*?)(?=\n\*\*¶|\s*$)/g))
    para.set(Number(m[1]), m[3]);
  assert.ok(para.size >= 116);
  for (const x of [...CLAIMS, ...TALK_FORECASTS]) {
    // A quote may span the next paragraphs (a reply), so the cited paragraph and the two after are searched.
    const hay = ` ${words([0, 1, 2].map((k) => para.get(x.paragraph + k) ?? "").join(" ")).join(" ")} `;
    assert.ok(para.has(x.paragraph), `${x.id}: ¶${x.paragraph}`);
    for (const frag of x.quote.split(/\[[^\]]*\]|\.\.\.|—|"/)) {
      const w = words(frag);
      for (let i = 0; i + 3 <= w.length; i += 3) {
        const probe = ` ${w.slice(i, i + 3).join(" ")} `;
        assert.ok(hay.includes(probe), `${x.id} (¶${x.paragraph}): "${probe.trim()}" not in the paragraph`);
      }
    }
  }
  // The recording-date cues the talk file cites.
  assert.match(para.get(71)!, /I tried the browser today/);
  assert.match(para.get(92)!, /just rumored/);
  assert.match(para.get(100)!, /two days ago/);
});
