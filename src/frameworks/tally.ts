/**
 * One vote per independent fact: the indicators of an era that carry a verdict line, grouped by the fact they
 * measure (`IndicatorResult.fact`). Several measures of one fact (e.g. Lucent's and Cisco's vendor financing) give one
 * vote: their common verdict when they agree, else "inconclusive". Complexity O(indicators).
 */
import type { Era } from "../evidence/schema.ts";
import type { Verdict } from "./classify.ts";
import type { IndicatorResult } from "./engine.ts";

export interface FactVote {
  readonly fact: string;
  readonly era: Era;
  readonly verdict: Verdict;
  /** The indicators measuring this fact (all computed, all with a verdict line). */
  readonly indicators: readonly string[];
  readonly evidence: readonly string[];
}

export interface FactTally {
  readonly era: Era;
  readonly votes: readonly FactVote[];
  readonly bubbleLike: number;
  readonly healthy: number;
  readonly inconclusive: number;
  /** Strict majority of the votes, else inconclusive (bubblescope convention). */
  readonly verdict: Verdict;
}

/**
 * Tallies an era's computed indicators with a verdict line, one vote per fact.
 *
 * @example
 * tallyByFact(model.indicators, "ai").votes.map((v) => `${v.fact}: ${v.verdict}`);
 */
export function tallyByFact(indicators: readonly IndicatorResult[], era: Era): FactTally {
  const groups = new Map<string, IndicatorResult[]>();
  for (const i of indicators) {
    if (i.era !== era || !i.computed || i.threshold === null) continue;
    const key = i.fact ?? i.id;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  const votes: FactVote[] = [...groups].map(([fact, xs]) => ({
    fact,
    era,
    verdict: xs.every((x) => x.verdict === xs[0].verdict) ? xs[0].verdict : "inconclusive",
    indicators: xs.map((x) => x.id),
    evidence: [...new Set(xs.flatMap((x) => x.evidence))],
  }));
  const n = (v: Verdict) => votes.filter((x) => x.verdict === v).length;
  const b = n("bubble-like");
  const h = n("healthy");
  const i = n("inconclusive");
  const verdict: Verdict = b > h + i ? "bubble-like" : h > b + i ? "healthy" : "inconclusive";
  return { era, votes, bubbleLike: b, healthy: h, inconclusive: i, verdict };
}
