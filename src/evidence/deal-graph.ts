/**
 * The deal graph: entities as nodes, deals as directed edges (value flows from → to), circular financing as the
 * elementary cycles found by Johnson's algorithm (`johnson.ts`), and a deterministic force-directed layout
 * (Fruchterman & Reingold, "Graph drawing by force-directed placement", Softw. Pract. Exp. 21(11), 1991: repulsion
 * k²/d between all pairs, attraction d²/k along edges, linear cooling; started from a circle, so no randomness).
 *
 * Vendor financing is circular by definition (the loan buys the lender's equipment): with
 * `impliedVendorFinancingReturn` each vendor_financing edge gets an implied return edge customer → vendor,
 * flagged `implied: true` and carrying the same deal id as evidence.
 *
 * Complexity: cycle enumeration O((n + e)(c + 1)); layout O(iterations · (n² + e)).
 */
import { elementaryCircuits } from "./johnson.ts";
import type { Deal, DealKind, Era } from "./schema.ts";
import { convert } from "./units.ts";

export interface DealGraphOptions {
  /** Entity name aliases applied before building nodes (e.g. "Amazon (AWS)" → "Amazon"). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Add an implied customer → vendor purchase edge for every vendor_financing deal. */
  readonly impliedVendorFinancingReturn?: boolean;
  /** Force-directed layout iterations (0 = circular layout). */
  readonly layoutIterations?: number;
}

export const DEAL_GRAPH_DEFAULTS: Readonly<Required<DealGraphOptions>> = Object.freeze({
  aliases: Object.freeze({ "Amazon (AWS)": "Amazon", "xAI (via SPV)": "xAI", Alphabet: "Google" }),
  impliedVendorFinancingReturn: true,
  layoutIterations: 300,
});

export interface DealNode {
  readonly id: string;
  readonly label: string;
  readonly eras: readonly Era[];
  readonly x: number;
  readonly y: number;
  readonly degree: number;
  /** Deal ids of the edges touching this node (the layout is computed from them). */
  readonly evidence: readonly string[];
}

export interface DealEdge {
  /** Deal id, with "~" appended for an implied return edge. */
  readonly id: string;
  readonly deal: string;
  readonly from: string;
  readonly to: string;
  readonly kind: DealKind | "implied_purchase";
  readonly era: Era;
  readonly date: string;
  readonly amountUsdBn: number | null;
  readonly lowUsdBn: number | null;
  readonly highUsdBn: number | null;
  readonly gw: number | null;
  readonly implied: boolean;
  readonly evidence: readonly string[];
}

export interface DealCycle {
  readonly era: Era;
  /** Entities in order; the cycle closes back to the first. */
  readonly nodes: readonly string[];
  /** For each hop nodes[i] → nodes[i+1 mod k], the edge ids on that hop. */
  readonly hops: readonly (readonly string[])[];
  /** True when at least one hop exists only through an implied vendor-financing return edge. */
  readonly implied: boolean;
  readonly evidence: readonly string[];
}

export interface DealGraph {
  readonly nodes: readonly DealNode[];
  readonly edges: readonly DealEdge[];
  readonly cycles: readonly DealCycle[];
}

const toBn = (usd: number | null): number | null => (usd === null ? null : convert(usd, "USD", "USD bn"));

/**
 * Builds nodes, edges, cycles and layout from deals.
 *
 * @example
 * buildDealGraph(deals).cycles.map((c) => c.nodes.join(" → "));
 */
export function buildDealGraph(deals: readonly Deal[], options: DealGraphOptions = {}): DealGraph {
  const o = { ...DEAL_GRAPH_DEFAULTS, ...options };
  if (!(Number.isInteger(o.layoutIterations) && o.layoutIterations >= 0)) {
    throw new RangeError(`layoutIterations must be a non-negative integer, got ${o.layoutIterations}`);
  }
  const alias = (name: string): string => {
    const t = name.trim();
    return Object.hasOwn(o.aliases, t) ? o.aliases[t] : t;
  };
  const edges: DealEdge[] = [];
  for (const d of deals) {
    const from = alias(d.from_entity);
    const to = alias(d.to_entity);
    const base = {
      deal: d.id,
      era: d.era,
      date: d.date,
      amountUsdBn: toBn(d.amount_usd),
      lowUsdBn: toBn(d.low),
      highUsdBn: toBn(d.high),
      gw: d.gw,
      evidence: [d.id],
    };
    edges.push({ ...base, id: d.id, from, to, kind: d.kind, implied: false });
    if (o.impliedVendorFinancingReturn && d.kind === "vendor_financing") {
      edges.push({ ...base, id: `${d.id}~`, from: to, to: from, kind: "implied_purchase", implied: true });
    }
  }

  // Nodes in a stable order: by first era seen, then name.
  const eraOfNode = new Map<string, Set<Era>>();
  for (const e of edges) {
    for (const n of [e.from, e.to]) {
      if (!eraOfNode.has(n)) eraOfNode.set(n, new Set());
      eraOfNode.get(n)!.add(e.era);
    }
  }
  const names = [...eraOfNode.keys()].sort((a, b) => {
    const ea = eraOfNode.get(a)!.has("2000") ? 0 : 1;
    const eb = eraOfNode.get(b)!.has("2000") ? 0 : 1;
    return ea - eb || (a < b ? -1 : a > b ? 1 : 0);
  });
  const index = new Map(names.map((n, i) => [n, i]));

  // Cycles per era (a cycle never mixes eras).
  const cycles: DealCycle[] = [];
  for (const era of ["2000", "ai"] as const) {
    const eraEdges = edges.filter((e) => e.era === era);
    const adj: number[][] = names.map(() => []);
    const hopEdges = new Map<string, DealEdge[]>();
    for (const e of eraEdges) {
      const a = index.get(e.from)!;
      const b = index.get(e.to)!;
      adj[a].push(b);
      const key = `${a}>${b}`;
      if (!hopEdges.has(key)) hopEdges.set(key, []);
      hopEdges.get(key)!.push(e);
    }
    for (const circuit of elementaryCircuits(names.length, adj)) {
      const hops = circuit.map((v, i) => hopEdges.get(`${v}>${circuit[(i + 1) % circuit.length]}`)!);
      const evidence = [...new Set(hops.flatMap((h) => h.map((e) => e.deal)))].sort();
      cycles.push({
        era,
        nodes: circuit.map((v) => names[v]),
        hops: hops.map((h) => h.map((e) => e.id)),
        implied: hops.some((h) => h.every((e) => e.implied)),
        evidence,
      });
    }
  }

  const { xs, ys } = layout(names, edges, index, o.layoutIterations);
  const nodes: DealNode[] = names.map((n, i) => {
    const touching = edges.filter((e) => e.from === n || e.to === n);
    return {
      id: n,
      label: n,
      eras: [...eraOfNode.get(n)!].sort(),
      x: xs[i],
      y: ys[i],
      degree: touching.filter((e) => !e.implied).length,
      evidence: [...new Set(touching.map((e) => e.deal))].sort(),
    };
  });
  return { nodes, edges, cycles };
}

/** Deterministic Fruchterman-Reingold layout in the unit square, started from a circle. */
function layout(
  names: readonly string[],
  edges: readonly DealEdge[],
  index: ReadonlyMap<string, number>,
  iterations: number,
): { xs: number[]; ys: number[] } {
  const n = names.length;
  const xs = names.map((_, i) => 0.5 + 0.4 * Math.cos((2 * Math.PI * i) / Math.max(n, 1)));
  const ys = names.map((_, i) => 0.5 + 0.4 * Math.sin((2 * Math.PI * i) / Math.max(n, 1)));
  if (n <= 1 || iterations === 0) return { xs, ys };
  const pairs = new Set<string>();
  for (const e of edges) {
    const a = index.get(e.from)!;
    const b = index.get(e.to)!;
    if (a !== b) pairs.add(a < b ? `${a},${b}` : `${b},${a}`);
  }
  const links = [...pairs].map((p) => p.split(",").map(Number) as [number, number]);
  const k = Math.sqrt(1 / n);
  const gravity = 0.1;
  for (let it = 0; it < iterations; it++) {
    const t = 0.1 * (1 - it / iterations);
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = xs[i] - xs[j];
        let ddy = ys[i] - ys[j];
        let d = Math.hypot(ddx, ddy);
        if (d < 1e-9) {
          // Coincident points: separate deterministically along the index difference.
          ddx = 1e-3 * (j - i);
          ddy = 1e-3;
          d = Math.hypot(ddx, ddy);
        }
        const f = (k * k) / d;
        dx[i] += (ddx / d) * f;
        dy[i] += (ddy / d) * f;
        dx[j] -= (ddx / d) * f;
        dy[j] -= (ddy / d) * f;
      }
    }
    for (const [a, b] of links) {
      const ddx = xs[a] - xs[b];
      const ddy = ys[a] - ys[b];
      const d = Math.max(Math.hypot(ddx, ddy), 1e-9);
      const f = (d * d) / k;
      dx[a] -= (ddx / d) * f;
      dy[a] -= (ddy / d) * f;
      dx[b] += (ddx / d) * f;
      dy[b] += (ddy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] += gravity * (0.5 - xs[i]);
      dy[i] += gravity * (0.5 - ys[i]);
      const d = Math.hypot(dx[i], dy[i]);
      if (d > 0) {
        const step = Math.min(d, t);
        xs[i] += (dx[i] / d) * step;
        ys[i] += (dy[i] / d) * step;
      }
    }
  }
  // Normalise into [0.05, 0.95] keeping the aspect ratio.
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const span = Math.max(maxX - minX, maxY - minY, 1e-12);
  return {
    xs: xs.map((x) => 0.05 + (0.9 * (x - minX)) / span),
    ys: ys.map((y) => 0.05 + (0.9 * (y - minY)) / span),
  };
}

/** Flows of one entity along the cycles through it. */
export interface CycleFlows {
  readonly entity: string;
  /** Edges leaving the entity that lie on a cycle through it (its money going out to customers/partners). */
  readonly outEdges: readonly DealEdge[];
  /** Edges entering the entity that lie on a cycle through it (money coming back). */
  readonly inEdges: readonly DealEdge[];
}

/**
 * The out- and in-edges of `entity` that lie on at least one cycle through it.
 *
 * @example
 * cycleFlows(graph, "Nvidia").outEdges.map((e) => e.deal);
 */
export function cycleFlows(graph: DealGraph, entity: string): CycleFlows {
  const out = new Set<string>();
  const inn = new Set<string>();
  for (const c of graph.cycles) {
    const k = c.nodes.indexOf(entity);
    if (k < 0) continue;
    for (const id of c.hops[k]) out.add(id);
    for (const id of c.hops[(k - 1 + c.nodes.length) % c.nodes.length]) inn.add(id);
  }
  return {
    entity,
    outEdges: graph.edges.filter((e) => out.has(e.id)),
    inEdges: graph.edges.filter((e) => inn.has(e.id)),
  };
}
