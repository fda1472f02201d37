/**
 * The report's PNGs: the thread-pool conversion (`svgToPngAsync`, used by `bubblescope report`) gives the same bytes
 * as the synchronous one, for a chart with text, lines and fills; the result is a PNG of the SVG's size.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { eraPathsOption } from "../../src/report/charts/era-paths.ts";
import { svgToPng, svgToPngAsync } from "../../src/report/png.ts";
import { renderSvg } from "../../src/report/svg.ts";

test("svgToPngAsync equals svgToPng byte for byte, several at once", async () => {
  const points = (k: number): [number, number][] =>
    Array.from({ length: 60 }, (_, i) => [i - 30, 100 * Math.exp(-((i - 30 - k) ** 2) / 200)]);
  const svgs = [0, 5, 10].map((k) =>
    renderSvg(
      eraPathsOption(`Test chart ${k}`, [
        { label: "A", peakDate: "2000-03-10", peakValue: 5048.62, points: points(k) },
        { label: "B", peakDate: "2025-10-31", peakValue: 23724.96, points: points(-k) },
      ]),
      { width: 560, height: 380 },
    ),
  );
  const sync = svgs.map((s) => svgToPng(s));
  const async = await Promise.all(svgs.map((s) => svgToPngAsync(s)));
  for (let i = 0; i < svgs.length; i++) assert.equal(Buffer.compare(sync[i], async[i]), 0, `chart ${i}`);
  // PNG signature and the IHDR size (560 × 380).
  assert.deepEqual([...sync[0].subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  assert.equal(sync[0].readUInt32BE(16), 560);
  assert.equal(sync[0].readUInt32BE(20), 380);
});
