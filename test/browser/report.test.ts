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
