/**
 * The report as a reader sees it: Debian Chromium (driven by playwright-core, never a downloaded browser) opens
 * index.html from disk, every chart is drawn with a real size, and a screenshot is kept in test-artifacts/.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { REPO, runCli } from "../helpers/cli.ts";
import { sharedPath, skipWithoutShared } from "../helpers/shared.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = !existsSync(CHROMIUM)
  ? `Chromium not found at ${CHROMIUM} (apt-get install chromium)`
  : skipWithoutShared("data", "prices");
const dir = mkdtempSync(join(tmpdir(), "bubblescope-browser-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("report in a browser", { skip }, () => {
  test("index.html renders every chart offline; screenshot saved", async () => {
    const out = join(dir, "rep");
    const r = runCli(["report", "--out", out, "--data", sharedPath("data", "prices"), "--nrep", "199"], {
      BUBBLESCOPE_CACHE: join(dir, "cache"),
    });
    assert.equal(r.code, 0, r.stderr);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on("request", (q) => {
        if (!q.url().startsWith("file:")) requests.push(q.url());
      });
      await page.goto(pathToFileURL(join(out, "index.html")).href);
      const sizes = await page.$$eval("figure.chart svg", (els) =>
        els.map((e) => {
          const b = e.getBoundingClientRect();
          return [b.width, b.height, e.querySelectorAll("path").length];
        }),
      );
      assert.ok(sizes.length >= 10, `${sizes.length} charts`);
      for (const [w, h, paths] of sizes)
        assert.ok(w > 200 && h > 100 && paths > 3, `chart drawn: ${w}×${h}, ${paths} paths`);
      // Readable charts: every SVG text lies inside its viewBox, and the title overlaps no other text (legend,
      // axis names, labels), measured on the rendered boxes in the SVG's own coordinates.
      const problems = await page.$$eval("figure.chart", (figs) =>
        figs.flatMap((f) => {
          const svg = f.querySelector("svg");
          if (!svg) return [];
          const vb = svg.viewBox.baseVal;
          const name = f.getAttribute("data-chart") ?? "?";
          const boxes = Array.from(svg.querySelectorAll("text"))
            .filter((t) => (t.textContent ?? "").trim() !== "")
            .map((t) => {
              const b = (t as SVGGraphicsElement).getBBox();
              const m = (t as SVGGraphicsElement).getCTM();
              // The box's four corners through the text's transform (rotated axis names included).
              const corners = [
                [b.x, b.y],
                [b.x + b.width, b.y],
                [b.x, b.y + b.height],
                [b.x + b.width, b.y + b.height],
              ].map(([px, py]) => (m ? [m.a * px + m.c * py + m.e, m.b * px + m.d * py + m.f] : [px, py]));
              const xs = corners.map((c) => c[0]);
              const ys = corners.map((c) => c[1]);
              const x = Math.min(...xs);
              const y = Math.min(...ys);
              const size = Number.parseFloat(getComputedStyle(t).fontSize) || 0;
              return { text: t.textContent ?? "", x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y, size };
            });
          const out: string[] = [];
          for (const b of boxes)
            if (b.x < vb.x - 1 || b.y < vb.y - 1 || b.x + b.w > vb.x + vb.width + 1 || b.y + b.h > vb.y + vb.height + 1)
              out.push(`${name}: "${b.text}" clipped`);
          // The title is the text in the largest font (ECharts writes it last); ties go to the topmost.
          const title = boxes.reduce<(typeof boxes)[number] | undefined>(
            (best, b) => (!best || b.size > best.size || (b.size === best.size && b.y < best.y) ? b : best),
            undefined,
          );
          const rest = boxes.filter((b) => b !== title);
          if (title)
            for (const b of rest)
              if (b.x < title.x + title.w && title.x < b.x + b.w && b.y < title.y + title.h && title.y < b.y + b.h)
                out.push(`${name}: title overlaps "${b.text}"`);
          return out;
        }),
      );
      assert.deepEqual(problems, [], "chart texts clipped or colliding with the title");
      assert.deepEqual(requests, [], "no network requests");
      assert.ok((await page.locator("h1").textContent())?.includes("Is AI in a bubble"));
      const artifacts = join(REPO, "test-artifacts");
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, "report-top.png") });
      await page.locator("#prices").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, "report-prices.png") });
      await page.screenshot({ path: join(artifacts, "report-full.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
