import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { elementaryCircuits } from "../../src/evidence/johnson.ts";

const key = (c: readonly number[]) => c.join(">");

/** Brute force: every simple path from its least vertex back to it (exponential; tiny graphs only). */
function bruteForce(n: number, adj: readonly (readonly number[])[]): string[] {
  const out = new Set<string>();
  const edges = adj.map((l) => new Set(l));
  const walk = (start: number, path: number[]) => {
    const v = path[path.length - 1];
    for (const w of edges[v]) {
      if (w === start) out.add(key(path));
      else if (w > start && !path.includes(w)) walk(start, [...path, w]);
    }
  };
  for (let s = 0; s < n; s++) walk(s, [s]);
  return [...out].sort();
}

test("Johnson's algorithm finds the two circuits of the hand-worked example", () => {
  assert.deepEqual(elementaryCircuits(3, [[1], [2], [0, 1]]), [
    [0, 1, 2],
    [1, 2],
  ]);
});

test("self-loops are circuits of length 1; a DAG has none", () => {
  assert.deepEqual(elementaryCircuits(2, [[0, 1], []]), [[0]]);
  assert.deepEqual(elementaryCircuits(4, [[1, 2], [3], [3], []]), []);
  assert.deepEqual(elementaryCircuits(0, []), []);
});

test("complete digraphs have Σ_k C(n,k)(k-1)! circuits (5 for n = 3, 20 for n = 4)", () => {
  const complete = (n: number) =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => j).filter((j) => j !== i));
  assert.equal(elementaryCircuits(3, complete(3)).length, 5);
  assert.equal(elementaryCircuits(4, complete(4)).length, 20);
});

test("parallel edges do not duplicate circuits; maxCircuits caps the output", () => {
  assert.deepEqual(
    elementaryCircuits(2, [
      [1, 1, 1],
      [0, 0],
    ]),
    [[0, 1]],
  );
  const complete4 = [
    [1, 2, 3],
    [0, 2, 3],
    [0, 1, 3],
    [0, 1, 2],
  ];
  assert.equal(elementaryCircuits(4, complete4, { maxCircuits: 7 }).length, 7);
});

test("bad input raises RangeError naming the option", () => {
  assert.throws(() => elementaryCircuits(2, [[5], []]), /adj\[0\] has vertex 5 outside 0..1/);
  assert.throws(() => elementaryCircuits(2, [[]]), /adj must have n = 2 lists, got 1/);
  assert.throws(() => elementaryCircuits(1, [[]], { maxCircuits: 0 }), /maxCircuits must be a positive integer, got 0/);
});

test("property: equals brute-force enumeration on random digraphs up to 6 vertices", () => {
  fc.assert(
    fc.property(
      fc
        .integer({ min: 1, max: 6 })
        .chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }), { minLength: n, maxLength: n }),
          ),
        ),
      ([n, adj]) => {
        const got = elementaryCircuits(n, adj).map(key).sort();
        assert.deepEqual(got, bruteForce(n, adj));
      },
    ),
    { numRuns: 300, seed: 42 },
  );
});
