/**
 * Elementary circuits of a directed graph by Johnson's algorithm (D. B. Johnson, "Finding all the elementary
 * circuits of a directed graph", SIAM J. Comput. 4(1):77-84, 1975), with strongly connected components by
 * Tarjan's algorithm (R. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2), 1972).
 *
 * For s = 0..n-1: take the strong component containing the least vertex of the subgraph induced by {s..n-1};
 * search circuits through that least vertex with the blocked/B-list bookkeeping that makes the enumeration
 * output-sensitive. Complexity O((n + e)(c + 1)) time for c circuits, O(n + e) space. Self-loops count as
 * circuits of length 1. Each circuit is reported once, starting at its least vertex.
 *
 * @example
 * elementaryCircuits(3, [[1], [2], [0, 1]]); // [[0, 1, 2], [1, 2]]
 */

export interface CircuitOptions {
  /** Stop after this many circuits (guards against exponential blow-up on dense graphs). */
  readonly maxCircuits?: number;
}

export const CIRCUIT_DEFAULTS: Readonly<Required<CircuitOptions>> = Object.freeze({ maxCircuits: 100000 });

/**
 * All elementary circuits of the digraph with vertices 0..n-1 and adjacency lists `adj` (parallel edges are
 * ignored; use the edge list to expand a circuit into its edges).
 */
export function elementaryCircuits(
  n: number,
  adj: readonly (readonly number[])[],
  options: CircuitOptions = {},
): number[][] {
  const { maxCircuits } = { ...CIRCUIT_DEFAULTS, ...options };
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (adj.length !== n) throw new RangeError(`adj must have n = ${n} lists, got ${adj.length}`);
  if (!(Number.isInteger(maxCircuits) && maxCircuits >= 1)) {
    throw new RangeError(`maxCircuits must be a positive integer, got ${maxCircuits}`);
  }
  const clean: number[][] = adj.map((list, v) => {
    const set = new Set<number>();
    for (const w of list) {
      if (!Number.isInteger(w) || w < 0 || w >= n)
        throw new RangeError(`adj[${v}] has vertex ${w} outside 0..${n - 1}`);
      set.add(w);
    }
    return [...set].sort((a, b) => a - b);
  });

  const circuits: number[][] = [];
  const blocked = new Array<boolean>(n).fill(false);
  const B: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const stack: number[] = [];

  const unblock = (u: number): void => {
    blocked[u] = false;
    for (const w of B[u]) {
      B[u].delete(w);
      if (blocked[w]) unblock(w);
    }
  };

  let s = 0;
  while (s < n && circuits.length < maxCircuits) {
    const comp = leastComponent(n, clean, s);
    if (comp === null) break;
    s = comp.least;
    const inComp = comp.members;
    for (const v of inComp) {
      blocked[v] = false;
      B[v].clear();
    }
    const start = s;
    const circuit = (v: number): boolean => {
      let found = false;
      stack.push(v);
      blocked[v] = true;
      for (const w of clean[v]) {
        if (!inComp.has(w)) continue;
        if (circuits.length >= maxCircuits) break;
        if (w === start) {
          circuits.push([...stack]);
          found = true;
        } else if (!blocked[w] && circuit(w)) found = true;
      }
      if (found) unblock(v);
      else for (const w of clean[v]) if (inComp.has(w)) B[w].add(v);
      stack.pop();
      return found;
    };
    circuit(start);
    s += 1;
  }
  return circuits;
}

/**
 * Strong component (by Tarjan) of the subgraph induced by vertices >= s that contains the least vertex among all
 * non-trivial components (size >= 2, or a vertex with a self-loop); null when there is none.
 */
function leastComponent(
  n: number,
  adj: readonly (readonly number[])[],
  s: number,
): { least: number; members: Set<number> } | null {
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const st: number[] = [];
  let counter = 0;
  let best: { least: number; members: Set<number> } | null = null;

  const strong = (v: number): void => {
    index[v] = counter;
    low[v] = counter;
    counter++;
    st.push(v);
    onStack[v] = true;
    for (const w of adj[v]) {
      if (w < s) continue;
      if (index[w] === -1) {
        strong(w);
        low[v] = Math.min(low[v], low[w]);
      } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
    }
    if (low[v] === index[v]) {
      const members = new Set<number>();
      let w: number;
      do {
        w = st.pop()!;
        onStack[w] = false;
        members.add(w);
      } while (w !== v);
      const nontrivial = members.size > 1 || adj[v].includes(v);
      if (nontrivial) {
        const least = Math.min(...members);
        if (best === null || least < best.least) best = { least, members };
      }
    }
  };
  for (let v = s; v < n; v++) if (index[v] === -1) strong(v);
  return best;
}
