/**
 * PSY (2015) §5 on the S&P 500 price/dividend ratio 1871–2010 (monthly, Shiller's data): the two BSADF
 * critical-value definitions side by side. The paper's rule (the MC quantile of BSADF(t) itself) dates the
 * paper's episodes — including 1928–29 and the late-1990s boom; exuber's rule (the quantile of the running
 * maximum of BADF, higher in mid-sample) is more conservative and dates a subset.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { readSeriesTable } from "../../src/core/csv.ts";
import { datestamp, mcCriticalValues, psyDs, radf } from "../../src/detect/psy/index.ts";
import { sharedPath, skipWithoutShared } from "../helpers/shared.ts";

const FILE = ["data", "prices", "sp500_shiller_monthly.csv"] as const;

describe("S&P 500 P/D 1871–2010: exuber's vs PSY (2015)'s BSADF critical values", {
  skip: skipWithoutShared(...FILE),
}, () => {
  test("the paper's rule dates the 1928–29 and 1990s booms; exuber's rule dates a subset, with higher mid-sample cvs", () => {
    const t = readSeriesTable(readFileSync(sharedPath(...FILE), "utf8"), {
      columns: ["SP500", "Dividend"],
      dateColumn: "Date",
    });
    const keep = t.dates!.map((d) => d <= "2010-12-31");
    const dates = t.dates!.filter((_, i) => keep[i]);
    const pd = Array.from(t.columns[0].values)
      .map((p, i) => p / t.columns[1].values[i])
      .filter((_, i) => keep[i]);
    assert.equal(pd.length, 1680);
    const r = radf(pd);
    const opts = { nrep: 200, seed: 2015 };
    const paper = mcCriticalValues(pd.length, { ...opts, bsadfRule: "psy2015" });
    const exuber = mcCriticalValues(pd.length, opts);
    const stamp = (cv: typeof paper) =>
      datestamp(r, cv, { minDuration: psyDs(pd.length), dates }).flatMap((d) =>
        d.episodes.map((e) => [String(e.start), String(e.end)]),
      );
    const pEp = stamp(paper);
    const eEp = stamp(exuber);
    const covers = (eps: string[][], from: string, to: string) => eps.some(([s, e]) => s <= to && e >= from);
    assert.ok(covers(pEp, "1928-06-01", "1929-09-01"), `paper rule: ${JSON.stringify(pEp)}`);
    assert.ok(covers(pEp, "1997-01-01", "2000-12-01"), `paper rule: ${JSON.stringify(pEp)}`);
    assert.ok(covers(eEp, "1997-01-01", "2000-12-01"), `exuber rule: ${JSON.stringify(eEp)}`);
    assert.ok(!covers(eEp, "1928-06-01", "1929-09-01"), `exuber rule is more conservative: ${JSON.stringify(eEp)}`);
    assert.ok(pEp.length > eEp.length);
    assert.ok(
      exuber.bsadf[800 - exuber.firstIndex][1] > paper.bsadf[800 - paper.firstIndex][1] + 0.5,
      "exuber's mid-sample cv is higher",
    );
  });
});
