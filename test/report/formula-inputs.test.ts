/**
 * Every ledger id (E…, D…, SEC-…) named in an indicator's formula text is among that indicator's inputs: the
 * formula shown to the reader names nothing the number was not computed from. Generic over the model (every
 * indicator and every framework component, whatever the indicator set): for each computed indicator, each id
 * named in the formula must be an input id or in its evidence; ids inside a parenthesised "X, else Y" or "X or Y"
 * group are alternatives (the first known one, or the one for the date, is used), so one of the group must be.
 * A named figure that was not yet known at the as-of date (published later) is excused: the formula states the
 * definition, and the optional input is absent because of the as-of rule, not because of a missing provenance.
 */
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { frameworkPrices, selectSeries } from "../../src/analysis/series.ts";
import { buildEvidenceModel } from "../../src/frameworks/model.ts";
import { loadEvidence } from "../../src/node/evidence-files.ts";
import { loadReportInputs } from "../../src/report/prices.ts";

const ID = /\b(?:[ED]\d{3,}|SEC-[A-Z]+-[A-Za-z_-]+-FY\d{4})\b/g;

/** Ids named in a formula, as groups of alternatives (a lone id is a group of one). */
export function namedIds(formula: string): string[][] {
  const groups: string[][] = [];
  let rest = formula;
  for (const m of formula.matchAll(/\(([^()]*\b(?:else|or)\b[^()]*)\)/g)) {
    const ids = m[1].match(ID) ?? [];
    if (ids.length > 0) groups.push(ids);
    rest = rest.replace(m[0], " ");
  }
  for (const id of rest.match(ID) ?? []) groups.push([id]);
  return groups;
}

test("namedIds reads lone ids and 'else' alternatives", () => {
  assert.deepEqual(namedIds("x = (E071, else E070) + E082 / D005 (E307 or E026)"), [
    ["E071", "E070"],
    ["E307", "E026"],
    ["E082"],
    ["D005"],
  ]);
});

test("every id named in an indicator's formula is among its inputs", async () => {
  const ev = loadEvidence();
  const inputs = await loadReportInputs({ storeDir: join(tmpdir(), "bubblescope-no-store") });
  for (const asOf of [undefined, "2000-12-31"]) {
    const model = buildEvidenceModel({
      ledger: ev.ledger,
      deals: ev.deals,
      ...(asOf ? { asOf } : {}),
      prices: frameworkPrices(selectSeries(inputs.roles, asOf).selected, asOf),
      seed: 1,
      draws: 10,
    });
    const all = [...model.indicators, ...model.frameworks.flatMap((f) => f.components ?? [])];
    assert.ok(all.filter((i) => i.computed).length >= 5, `indicators computed as of ${asOf ?? "now"}`);
    const bad: string[] = [];
    for (const i of all) {
      if (!i.computed) continue;
      const have = new Set([...i.evidence, ...i.inputs.flatMap((x) => [x.id, ...x.evidence])]);
      const later = (id: string) => {
        const f = ev.ledger.byId.get(id);
        return asOf !== undefined && f !== undefined && f.knownFrom > asOf;
      };
      for (const g of namedIds(i.formula))
        if (!g.some((id) => have.has(id) || later(id))) bad.push(`${i.id} (as of ${asOf ?? "now"}): ${g.join(" or ")}`);
    }
    assert.deepEqual(bad, []);
  }
});
