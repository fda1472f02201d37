/**
 * Web Worker: parses the evidence bundle once, then rebuilds the evidence model for each (as-of date,
 * assumptions) request, so dragging a slider never blocks the page. Messages: `init` → `ready` (the ledger rows
 * and the assumptions' baseline values); `compute` → `model` (or `error`), tagged with the request id.
 */

import type { EvidenceModel } from "../../frameworks/model.ts";
import {
  type AssumptionBaseline,
  assumptionBaseline,
  type ParsedBundle,
  parseBundle,
  recomputeModel,
} from "./recompute.ts";
import type { Assumptions, EvidenceBundle } from "./types.ts";

/** A ledger row as the Evidence view lists it. */
export interface FigureRow {
  readonly id: string;
  readonly era: string;
  readonly topic: string;
  readonly entity: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly as_of: string;
  readonly knownFrom: string;
  readonly low: number | null;
  readonly high: number | null;
  readonly source_title: string;
  readonly source_url: string;
}

export type ModelRequest =
  | { readonly type: "init"; readonly bundle: EvidenceBundle }
  | { readonly type: "compute"; readonly id: number; readonly asOf: string | null; readonly assumptions: Assumptions };

export type ModelResponse =
  | { readonly type: "ready"; readonly figures: FigureRow[]; readonly baseline: AssumptionBaseline }
  | { readonly type: "model"; readonly id: number; readonly model: EvidenceModel; readonly ms: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };

interface WorkerScope {
  onmessage: ((e: MessageEvent<ModelRequest>) => void) | null;
  postMessage(m: ModelResponse): void;
}
const scope = self as unknown as WorkerScope;
let parsed: ParsedBundle | null = null;

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === "init") {
    try {
      parsed = parseBundle(m.bundle);
      scope.postMessage({
        type: "ready",
        baseline: assumptionBaseline(parsed.figures),
        figures: parsed.figures.map((f) => ({
          id: f.id,
          era: f.era,
          topic: f.topic,
          entity: f.entity,
          metric: f.metric,
          value: f.value,
          unit: f.unit,
          as_of: f.as_of,
          knownFrom: f.knownFrom,
          low: f.low,
          high: f.high,
          source_title: f.source_title,
          source_url: f.source_url,
        })),
      });
    } catch (err) {
      scope.postMessage({ type: "error", id: -1, message: (err as Error).message.split("\n")[0] });
    }
    return;
  }
  if (!parsed) {
    scope.postMessage({ type: "error", id: m.id, message: "the evidence bundle is not loaded yet" });
    return;
  }
  const t0 = performance.now();
  try {
    const model = recomputeModel(parsed, m.asOf, m.assumptions);
    scope.postMessage({ type: "model", id: m.id, model, ms: performance.now() - t0 });
  } catch (err) {
    scope.postMessage({ type: "error", id: m.id, message: (err as Error).message.split("\n")[0] });
  }
};
