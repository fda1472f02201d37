/**
 * The bottom line: a short answer in words, read off the evidence model — what is like 2000, what is not, what is
 * getting worse (the AI-era indicators at the talk date against the latest data), how sure (independent facts,
 * interval verdicts, price tests calibrated on 2000) and what would change the answer (the sensitivity analysis).
 * Every sentence carries the evidence ids of the numbers in it. It adds no judgement of its own: counts and
 * comparisons of the verdicts the indicators already carry, one vote per independent fact.
 *
 * Positions: an indicator's value is placed between its healthy line (0) and its bubble line (1),
 *   position = (value − healthy) / (bubble − healthy),
 * which is direction-free (for a lower-is-bubblier indicator the bubble line is below the healthy one). That is the
 * common scale of the comparison chart and of "moved toward the bubble line". Complexity O(indicators + sensitivity).
 */
import { formatWithUnit } from "../evidence/units.ts";
import type { Calibration } from "./calibration.ts";
import type { Verdict } from "./classify.ts";
import type { IndicatorResult } from "./engine.ts";
import type { EvidenceModel } from "./model.ts";
import { tallyByFact } from "./tally.ts";

export type BottomLineKind = "answer" | "like-2000" | "not-like-2000" | "worse" | "how-sure" | "would-change";

export interface BottomLineSentence {
  readonly kind: BottomLineKind;
  readonly text: string;
  readonly evidence: readonly string[];
}

export interface BottomLine {
  readonly sentences: readonly BottomLineSentence[];
  /** Counts behind the answer (one vote per independent fact). */
  readonly counts: {
    readonly factsBothEras: number;
    readonly like2000: number;
    readonly unlike2000: number;
    readonly open: number;
    readonly worse: number;
    readonly bounds: number;
    readonly priceTestsDetecting2000: number;
    readonly priceTests: number;
  };
  readonly source: string;
}

export interface BottomLineInput {
  readonly model: EvidenceModel;
  /** The same model as of the talk date (null when the report is itself as of an earlier date). */
  readonly atTalk: EvidenceModel | null;
  readonly calibration: readonly Calibration[];
  readonly talkDate: string;
}

/**
 * Position of a value between the healthy line (0) and the bubble line (1) of its threshold; null without one.
 *
 * @example
 * linePosition({ value: 75, threshold: { direction: "higher-is-bubblier", bubbleAt: 100, healthyAt: 50 } }); // 0.5
 */
export function linePosition(i: {
  readonly value: number | null;
  readonly threshold: {
    readonly direction: "higher-is-bubblier" | "lower-is-bubblier";
    readonly bubbleAt: number;
    readonly healthyAt: number;
  } | null;
}): number | null {
  if (i.value === null || i.threshold === null || !Number.isFinite(i.value)) return null;
  const { bubbleAt, healthyAt, direction } = i.threshold;
  // One line for both verdicts (e.g. a ratio of 1): 0.5 on the line, the relative distance either side.
  if (bubbleAt === healthyAt) {
    const s = direction === "higher-is-bubblier" ? 1 : -1;
    return 0.5 + (s * (i.value - bubbleAt)) / (Math.abs(bubbleAt) || 1);
  }
  return (i.value - healthyAt) / (bubbleAt - healthyAt);
}

const uniq = (xs: readonly string[]) => [...new Set(xs)];
const fmt = (i: IndicatorResult) =>
  i.value === null
    ? "n/a"
    : `${i.bound ? (i.bound.kind === "lower-bound" ? "≥ " : "≤ ") : ""}${formatWithUnit(i.value, i.unit)}`;

/** A short name of a fact from its first indicator's label (before the colon). */
function factName(i: IndicatorResult): string {
  const head = i.label.split(":")[0].trim();
  if (head.length <= 3) return i.fact;
  // Lower-case the first letter unless it starts an acronym (ROIC, GMO).
  return /^[A-Z][a-z]/.test(head) ? head.charAt(0).toLowerCase() + head.slice(1) : head;
}

function list(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join("; ")} and ${xs[xs.length - 1]}`;
}

/**
 * The bottom line of a model.
 *
 * @example
 * bottomLine({ model, atTalk, calibration, talkDate: "2025-10-31" }).sentences.map((s) => s.text);
 */
export function bottomLine(input: BottomLineInput): BottomLine {
  const { model, atTalk, calibration, talkDate } = input;
  const t2000 = tallyByFact(model.indicators, "2000");
  const tAi = tallyByFact(model.indicators, "ai");
  const byId = new Map(model.indicators.map((i) => [i.id, i]));
  const vote2000 = new Map(t2000.votes.map((v) => [v.fact, v]));
  const both = tAi.votes.filter((v) => vote2000.has(v.fact));
  const primary = (ids: readonly string[]) => byId.get(ids[0])!;
  const pair = (fact: string) => {
    const a = tAi.votes.find((v) => v.fact === fact)!;
    const b = vote2000.get(fact)!;
    return { ai: primary(a.indicators), y2000: primary(b.indicators), aiVote: a, vote2000: b };
  };
  const describe = (fact: string) => {
    const p = pair(fact);
    return `${factName(p.ai)} (AI ${fmt(p.ai)} vs 2000 ${fmt(p.y2000)})`;
  };
  const evOf = (facts: readonly string[]) =>
    uniq(facts.flatMap((f) => [...pair(f).aiVote.evidence, ...pair(f).vote2000.evidence]));

  const like = both.filter((v) => v.verdict === "bubble-like").map((v) => v.fact);
  const unlike = both
    .filter(
      (v) =>
        v.verdict === "healthy" || (v.verdict === "inconclusive" && vote2000.get(v.fact)!.verdict === "bubble-like"),
    )
    .filter((v) => v.verdict === "healthy")
    .map((v) => v.fact);
  const open = both.filter((v) => !like.includes(v.fact) && !unlike.includes(v.fact)).map((v) => v.fact);
  const aiOnly = tAi.votes.filter((v) => !vote2000.has(v.fact));

  const sentences: BottomLineSentence[] = [];
  const n = both.length;
  const answer: Verdict =
    like.length > unlike.length + open.length
      ? "bubble-like"
      : unlike.length > like.length + open.length
        ? "healthy"
        : "inconclusive";
  const detecting = calibration.filter((c) => c.detects2000 === true);
  const priceFlags = calibration.filter(
    (c) => c.detects2000 === true && [c.aiTalk, c.aiLatest].some((r) => r?.signal === true),
  );
  sentences.push({
    kind: "answer",
    text:
      n === 0
        ? "No fact is measured in both eras with a verdict line, so the evidence cannot say whether the AI era is like 2000."
        : `${answer === "bubble-like" ? "On most of the facts measured in both eras, the AI era looks like 2000" : answer === "healthy" ? "On most of the facts measured in both eras, the AI era does not look like 2000" : "The evidence does not settle it: the AI era is like 2000 on some facts, unlike it on others, and open on the rest"} — ${like.length} of ${n} independent facts look like 2000, ${unlike.length} do not, ${open.length} are open; ${priceFlags.length} of the ${detecting.length} price tests that detect 2000 with the same settings flag the AI era.`,
    evidence: uniq([...evOf(both.map((v) => v.fact)), ...detecting.flatMap((c) => c.evidence)]),
  });
  if (like.length > 0)
    sentences.push({
      kind: "like-2000",
      text: `Like 2000: ${list(like.map(describe))}.`,
      evidence: evOf(like),
    });
  const aiRed = aiOnly.filter((v) => v.verdict === "bubble-like");
  if (aiRed.length > 0)
    sentences.push({
      kind: "like-2000",
      text: `Bubble-like in the AI era with no 2000 measure on the same basis: ${list(aiRed.map((v) => `${factName(primary(v.indicators))} (${fmt(primary(v.indicators))})`))}.`,
      evidence: uniq(aiRed.flatMap((v) => v.evidence)),
    });
  if (unlike.length > 0)
    sentences.push({
      kind: "not-like-2000",
      text: `Not like 2000: ${list(unlike.map(describe))}.`,
      evidence: evOf(unlike),
    });
  if (open.length > 0)
    sentences.push({
      kind: "not-like-2000",
      text: `Open (between the lines, or a bound that straddles one): ${list(open.map(describe))}.`,
      evidence: evOf(open),
    });

  // Getting worse: AI-era indicators that moved toward their bubble line since the talk date.
  let worse = 0;
  if (atTalk) {
    const moved: { text: string; evidence: string[]; delta: number }[] = [];
    for (const now of model.indicators) {
      if (now.era !== "ai" || !now.computed || now.threshold === null) continue;
      const then = atTalk.indicators.find((i) => i.id === now.id);
      if (!then?.computed || then.threshold === null) continue;
      const p0 = linePosition(then);
      const p1 = linePosition(now);
      if (p0 === null || p1 === null) continue;
      const delta = p1 - p0;
      if (Math.abs(delta) < 0.05 && now.verdict === then.verdict) continue;
      moved.push({
        text: `${factName(now)} ${delta > 0 ? "toward" : "away from"} the bubble line (${fmt(then)} → ${fmt(now)}${now.verdict !== then.verdict ? `, ${then.verdict} → ${now.verdict}` : ""})`,
        evidence: uniq([...then.evidence, ...now.evidence]),
        delta,
      });
    }
    const toward = moved.filter((m) => m.delta > 0);
    const away = moved.filter((m) => m.delta <= 0);
    worse = toward.length;
    const priceMoves = calibration
      .filter((c) => c.aiTalk?.signal !== null && c.aiLatest?.signal !== null && c.aiTalk && c.aiLatest)
      .filter((c) => c.aiTalk!.signal !== c.aiLatest!.signal)
      .map(
        (c) =>
          `${c.test} on the ${c.role === "index" ? "Nasdaq" : "bellwether"} ${c.aiLatest!.signal ? "now flags" : "no longer flags"} a bubble`,
      );
    sentences.push({
      kind: "worse",
      text:
        moved.length === 0 && priceMoves.length === 0
          ? `Since the talk (${talkDate}) no AI-era indicator has moved materially toward or away from its lines.`
          : `Since the talk (${talkDate}): ${toward.length > 0 ? `getting worse — ${list(toward.map((m) => m.text))}` : "nothing moved toward the bubble line"}${away.length > 0 ? `; better — ${list(away.map((m) => m.text))}` : ""}${priceMoves.length > 0 ? `; ${list(priceMoves)}` : ""}.`,
      evidence: uniq([
        ...moved.flatMap((m) => m.evidence),
        ...calibration.flatMap((c) => (c.aiTalk && c.aiLatest ? c.evidence : [])),
      ]),
    });
  }

  // How sure.
  const bounds = model.indicators.filter((i) => i.era === "ai" && i.computed && i.bound && i.threshold !== null);
  const misses = calibration.filter((c) => c.detects2000 === false);
  sentences.push({
    kind: "how-sure",
    text: `How sure: ${tAi.votes.length} independent AI-era facts carry a verdict line (${tAi.bubbleLike} bubble-like, ${tAi.healthy} healthy, ${tAi.inconclusive} open), ${n} of them measured on the same basis in 2000; ${bounds.length} AI-era value${bounds.length === 1 ? " is a bound" : "s are bounds"} judged as intervals (${bounds.map((b) => b.id).join(", ") || "none"}); ${detecting.length} of ${calibration.length} price-test runs detect 2000 with the AI era's settings${misses.length > 0 ? `, and ${misses.length} miss it (${misses.map((c) => `${c.test} on the ${c.role === "index" ? "Nasdaq" : "bellwether"}`).join(", ")}), so their silence on AI clears nothing` : ""}.`,
    evidence: uniq([
      ...tAi.votes.flatMap((v) => v.evidence),
      ...bounds.flatMap((b) => b.evidence),
      ...calibration.flatMap((c) => c.evidence),
    ]),
  });

  // What would change the answer: the smallest single-input moves that flip an AI-era fact with a verdict line.
  const aiIds = new Set(tAi.votes.flatMap((v) => v.indicators));
  const flips = model.sensitivity
    .filter((s) => aiIds.has(s.subject))
    .sort(
      (a, b) =>
        Number(b.withinLedgerRange) - Number(a.withinLedgerRange) ||
        Math.abs(Math.log1p(a.relativeChange)) - Math.abs(Math.log1p(b.relativeChange)),
    );
  const seen = new Set<string>();
  const top = flips
    .filter((s) => {
      if (seen.has(s.subject)) return false;
      seen.add(s.subject);
      return true;
    })
    .slice(0, 3);
  if (top.length > 0)
    sentences.push({
      kind: "would-change",
      text: `What would change it: ${list(top.map((s) => s.sentence.replace(/\.$/, "")))}.`,
      evidence: uniq(top.flatMap((s) => s.evidence)),
    });

  return {
    sentences,
    counts: {
      factsBothEras: n,
      like2000: like.length,
      unlike2000: unlike.length,
      open: open.length,
      worse,
      bounds: bounds.length,
      priceTestsDetecting2000: detecting.length,
      priceTests: calibration.length,
    },
    source:
      "bubblescope bottom line: counts of the indicators' own verdicts, one vote per independent fact (src/frameworks/bottom-line.ts)",
  };
}
