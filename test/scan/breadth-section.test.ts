import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { priceDirs } from "../../src/node/scan-inputs.ts";
import { breadthForReport, breadthSectionHtml } from "../../src/report/breadth-section.ts";

const have = priceDirs().some(
  (d) => existsSync(`${d.dir}/csco_daily_yahoo_to2020.csv`) && existsSync(`${d.dir}/nvda_daily_yahoo_2019_2026.csv`),
);
const skip = have ? false : "no price folder with the watchlists' files (../shared/data/prices or data/prices)";

test("report breadth: both baskets with the same settings; JNPR fails alone in March 2000", {
  skip,
  timeout: 300000,
}, async () => {
  const { entries } = await breadthForReport({ nrep: 199, seed: 123 });
  assert.deepEqual(
    entries.map((e) => [e.basket, e.asOf]),
    [
      ["telecom-2000", "2000-03-10"],
      ["ai", "2025-10-31"],
      ["ai", null],
    ],
  );
  for (const e of entries) {
    assert.ok(e.covered > 0 && e.explosive <= e.covered);
    assert.equal(e.share, e.explosive / e.covered);
    assert.equal(e.explosiveSeries.length, e.explosive);
    assert.ok(e.date !== null && (e.asOf === null || e.date <= e.asOf));
  }
  assert.match(entries[0].failed.find((f) => f.name === "JNPR")?.reason ?? "", /too short/);
  const html = breadthSectionHtml(entries);
  assert.match(html, /id="breadth"/);
  assert.equal(breadthSectionHtml([]), "");
});
