/**
 * The Valuation and Scan views in a real browser (Debian Chromium via playwright-core; never a downloaded browser),
 * served by the real `bubblescope serve --port 0` in a child process whose data store (BUBBLESCOPE_HOME) was filled
 * by the real `bubblescope scan` and `monitor` commands (test/web/scan-fixture.ts). Valuation: the CAPE and
 * equities/GDP chart with its marks and 2σ lines, the marked values equal to the report model's, the ratio PSY
 * tables, the technology-adjusted result with its caveat, URL state and exports. Scan: the ranked table, breadth
 * and changes equal to what the CLI printed, choosing another run, the empty state naming the command to run.
 * No page error, no console error from the app and no request leaving the origin. Screenshots go to
 * test-artifacts/.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type Browser, chromium, type Download, type Page } from "playwright-core";
import type { ReportModel } from "../../src/report/build.ts";
import { fmtNum } from "../../src/web/client/components.tsx";
import { REPO } from "../helpers/cli.ts";
import { makeScanFixture, type ScanFixture } from "./scan-fixture.ts";
import { type ServeProcess, startServeProcess } from "./serve-process.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM} (apt-get install chromium); browser tests skipped`;
const ARTIFACTS = join(REPO, "test-artifacts");
const tmp = mkdtempSync(join(tmpdir(), "bubblescope-views-"));

let fx: ScanFixture | undefined;
let server: ServeProcess | undefined;
let browser: Browser | undefined;
let report: ReportModel;
let page: Page;
const problems: string[] = [];
const foreign: string[] = [];

async function open(hash: string): Promise<void> {
  await page.goto(`${server!.url}${hash}`);
  await page.waitForSelector("main[data-state=idle]", { timeout: 60_000 });
}

async function download(click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [d] = (await Promise.all([page.waitForEvent("download", { timeout: 10_000 }), click()])) as [
    Download,
    undefined,
  ];
  const path = join(tmp, d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), body: readFileSync(path) };
}

const rowCount = (table: string) => page.locator(`[data-table=${table}] tbody tr`).count();
const text = async (sel: string) => ((await page.locator(sel).first().textContent()) ?? "").replace(/\s+/g, " ");

describe("Valuation and Scan views in a browser", { skip, timeout: 240_000 }, () => {
  before(
    async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      fx = makeScanFixture();
      // Only the store: the report's prices come from the bundled snapshot (the store holds no price series).
      server = await startServeProcess(["--port", "0", "--nrep", "49"], {
        BUBBLESCOPE_HOME: fx.home,
        BUBBLESCOPE_CACHE: join(tmp, "cache"),
      });
      // The model builds in the background; while a long synchronous step runs the server may drop a waiting
      // connection (its request timeout), so a failed request is retried like a 503.
      let r: Response | null = null;
      for (let i = 0; i < 400 && (r === null || r.status === 503); i++) {
        if (i > 0) await new Promise((res) => setTimeout(res, 500));
        r = await fetch(`${server.url}api/report`).catch(() => null);
      }
      assert.equal(r?.status, 200);
      report = (await r!.json()) as ReportModel;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        timeout: 30_000,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--no-first-run",
        ],
      });
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      context.setDefaultTimeout(20_000);
      page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error" || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("request", (q) => {
        if (!q.url().startsWith(server!.url) && !q.url().startsWith("blob:") && !q.url().startsWith("data:"))
          foreign.push(q.url());
      });
    },
    { timeout: 200_000 },
  );

  after(async () => {
    await browser?.close();
    await server?.stop();
    fx?.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  test("Valuation: chart with marks and 2σ lines, values from the model, ratio PSY, adjusted test and caveat", async () => {
    const m = report.macro;
    assert.ok(m, "the report has a market-wide section");
    await open("#/valuation");
    await page.waitForSelector("[data-chart=valuation-history] svg path", { state: "attached" });
    const svg = (await page.locator("[data-chart=valuation-history] svg").first().innerHTML()) ?? "";
    assert.ok((svg.match(/<path/g) ?? []).length > 10, "history drawn");
    const capeAi = report.indicators.find((i) => i.id === "cape-ai");
    assert.ok(capeAi?.threshold?.bubbleAt, "cape-ai has its 2σ line");
    assert.match(svg, /mean \+ 2σ to \d{4}-\d{2}/, "2σ lines labelled in the chart");
    assert.match(svg, /talk/, "talk date marked");
    // Every marked value is the model's, shown with its unit.
    for (const s of [m.valuation.cape, m.valuation.buffett])
      for (const mk of s.marks) {
        const cell = page.locator(`[data-mark=${s.id}-${mk.key}]`);
        assert.equal(Number(await cell.getAttribute("data-value")), mk.value, `${s.id} ${mk.key}`);
        assert.equal((await cell.textContent())?.trim(), fmtNum(mk.value, s.unit));
      }
    const peak = m.valuation.cape.marks.find((x) => x.key === "peak-2000");
    assert.ok(peak);
    assert.match(await text("[data-table=valuation-marks]"), new RegExp(fmtNum(peak.value).replace(".", "\\.")));
    assert.match(await text("[data-table=valuation-marks]"), /macro:shiller_monthly\.csv/, "evidence ids shown");
    assert.equal(await rowCount("valuation-lines"), 4);
    assert.match(
      await text("[data-table=valuation-lines] tr[data-row=cape-ai]"),
      new RegExp(fmtNum(capeAi.threshold.bubbleAt).replace(".", "\\.")),
    );
    // PSY on the ratios: one row per ratio, the chosen ratio's episodes.
    assert.equal(await rowCount("ratio-psy"), m.ratioPsy.length);
    assert.equal(await rowCount("ratio-psy-episodes"), m.ratioPsy[0].episodes.length);
    await page.getByLabel("BSADF chart of").selectOption("pe");
    assert.match(page.url(), /ratio=pe/);
    assert.equal(await rowCount("ratio-psy-episodes"), m.ratioPsy[1].episodes.length);
    // Technology-adjusted: raw and primary rows, the robustness table, the caveat in plain words.
    const t = m.techAdjusted;
    assert.ok(t);
    assert.equal(await rowCount("adjusted-psy"), 2);
    assert.match(await text("[data-table=adjusted-psy] tr[data-row=primary]"), new RegExp(fmtNum(t.primary.gsadf)));
    assert.equal(await rowCount("adjusted-robustness"), t.robustness.length);
    assert.match(await text("[data-caveat]"), /The adjustment is contested/);
    assert.ok((await page.locator("[data-chart=macro-adjusted] svg path").count()) > 5, "adjusted BSADF drawn");
    // URL state: the chart's start year.
    await page.getByLabel("Chart from").selectOption("1990");
    assert.match(page.url(), /since=1990/);
    await page.locator("[data-chart=valuation-history]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-valuation.png") });
    const exp = await download(() =>
      page.getByRole("button", { name: "Export chart valuation-history as SVG" }).click(),
    );
    assert.match(exp.body.toString("utf8"), /^<svg[\s\S]*CAPE[\s\S]*<\/svg>$/);
    const csv = await download(() => page.getByRole("button", { name: "Export table valuation-marks as CSV" }).click());
    const lines = csv.body.toString("utf8").trim().split("\r\n");
    assert.equal(lines[0], "measure,mark,date,value,percentile,history,evidence");
    assert.equal(lines.length, 1 + m.valuation.cape.marks.length + m.valuation.buffett.marks.length);
  });

  test("Scan: the latest recorded run — ranking, breadth and changes as the CLI printed them", async () => {
    const j = fx!.monitor.scan;
    await open("#/scan");
    await page.waitForSelector("[data-scan-state=ready]", { timeout: 30_000 });
    assert.equal(await page.locator("[data-run]").getAttribute("data-run"), fx!.monitor.runId);
    assert.equal(await rowCount("scan-ranking"), j.series.length);
    const names = await page.locator("[data-table=scan-ranking] tbody tr td:nth-child(2)").allTextContents();
    assert.deepEqual(
      names,
      j.series.map((s) => s.name),
      "ranked as recorded",
    );
    const boom = j.series.find((s) => s.name === "BOOM");
    assert.ok(boom?.current.explosive);
    assert.match(await text("[data-explosive=BOOM]"), new RegExp(`since ${boom.current.since}`));
    assert.match(await text("[data-table=scan-ranking] tr[data-row=BOOM]"), new RegExp(boom.gsadf!.toFixed(2)));
    assert.match(await text("[data-table=scan-ranking] tr[data-row=SHORT]"), /too short/);
    const b = j.breadth;
    const k = b.dates.length - 1;
    assert.match(await text("[data-breadth]"), new RegExp(`${b.explosive[k]} of ${b.covered[k]}`));
    assert.ok((await page.locator("[data-chart^=scan-breadth] svg path").count()) > 3, "breadth chart drawn");
    // The heat map of BSADF / cv: one row per tested series in ranked order (the failed one has none), BOOM
    // explosive somewhere, cells drawn, and the recorded paths (never more than 156 buckets) behind it.
    const tested = j.series.filter((s) => !s.error);
    assert.equal(await page.locator("[data-chart^=scan-episodes]").count(), 0, "the heat map replaces the episode map");
    const heat = page.locator("[data-chart^=scan-heat]");
    const heatLabel = (await heat.locator("[role=img]").getAttribute("aria-label")) ?? "";
    assert.match(heatLabel, new RegExp(`${tested.length} series`));
    assert.match(heatLabel, new RegExp(`rows: ${tested.map((s) => `${s.name}[^,]*`).join(", ")}$`));
    assert.match(heatLabel, /BOOM \(explosive somewhere\)/);
    assert.doesNotMatch(heatLabel, /SHORT/, "the failed series has no row");
    const svgText = await heat.locator("svg").textContent();
    for (const s of tested) assert.ok(svgText?.includes(s.name), `row label ${s.name}`);
    assert.ok(tested.every((s) => s.heat && s.heat.ratio.length <= 156 && s.heat.ratio.length > 0));
    const drawn = await heat.locator("svg path").count();
    assert.ok(drawn > tested.length * 10, `heat cells drawn (${drawn} paths)`);
    assert.match(await text("[data-heat-caption]"), /above 1 \(orange to red\) is explosive/);
    const heatSvg = await download(() =>
      page.getByRole("button", { name: /^Export chart scan-heat-.* as SVG$/ }).click(),
    );
    assert.match(heatSvg.name, /^scan-heat-.*\.svg$/);
    const heatSvgText = heatSvg.body.toString("utf8");
    assert.match(heatSvgText, /^<svg[\s\S]*<\/svg>$/);
    for (const t of ["BSADF / cv95 by series", "nasdaq_composite_daily_fred", "1 – 1.5 (explosive)"])
      assert.ok(heatSvgText.includes(t), `exported SVG has "${t}"`);
    const heatPng = await download(() =>
      page.getByRole("button", { name: /^Export chart scan-heat-.* as PNG$/ }).click(),
    );
    assert.deepEqual([...heatPng.body.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(""), "PNG");
    assert.equal(await rowCount("scan-changes"), fx!.monitor.changes.length);
    assert.match(await text("[data-table=scan-changes] tr[data-row='BOOM:new-alarm']"), /new-alarm/);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-scan.png"), fullPage: true });
    // A series named as a file of the data folder links to the Series view; the others are plain text.
    assert.equal(await page.locator("[data-table=scan-ranking] tr[data-row=BOOM] a").count(), 0);
    const link = page.locator("[data-table=scan-ranking] tr[data-row=nasdaq_composite_daily_fred] a");
    assert.match((await link.getAttribute("href")) ?? "", /^#\/series\?src=api%3Anasdaq_composite_daily_fred$/);
    // A click on a heat-map row (its axis label) opens that series in the Series view; BOOM is not in the data folder.
    await heat.locator("svg text", { hasText: /^BOOM$/ }).click();
    assert.doesNotMatch(page.url(), /#\/series/);
    await heat.locator("svg text", { hasText: /^nasdaq_composite_daily_fred$/ }).click();
    await page.waitForURL(/#\/series\?src=api%3Anasdaq_composite_daily_fred$/);
    await open("#/scan");
    await page.waitForSelector("[data-scan-state=ready]", { timeout: 30_000 });
    // A click on a cell of the row does the same (60 % across the plot: inside the series' tested window).
    const rowLabel = heat.locator("svg text", { hasText: /^nasdaq_composite_daily_fred$/ });
    await rowLabel.scrollIntoViewIfNeeded();
    const rowBox = await rowLabel.boundingBox();
    const svgBox = await heat.locator("svg").first().boundingBox();
    assert.ok(rowBox && svgBox);
    await page.mouse.click(svgBox.x + svgBox.width * 0.6, rowBox.y + rowBox.height / 2);
    await page.waitForURL(/#\/series\?src=api%3Anasdaq_composite_daily_fred$/);
    await open("#/scan");
    await page.waitForSelector("[data-scan-state=ready]", { timeout: 30_000 });
    // Sorting is URL state.
    await page.locator("[data-table=scan-ranking] th button", { hasText: "GMO z" }).click();
    assert.match(page.url(), /ssort=gmo/);
    const csv = await download(() => page.getByRole("button", { name: "Export table scan-ranking as CSV" }).click());
    assert.equal(csv.body.toString("utf8").trim().split("\r\n").length, j.series.length + 1);
  });

  test("Scan: another run of the basket, with its changes since the previous scan", async () => {
    const runs = (await (await fetch(`${server!.url}api/scan/runs`)).json()) as {
      runs: { id: string; kind: string; asOf: string | null }[];
    };
    const latestScan = runs.runs.find((r) => r.kind === "scan" && r.asOf === null);
    const early = runs.runs.find((r) => r.asOf === "2024-01-31");
    assert.ok(latestScan && early);
    await page.getByLabel("Run", { exact: true }).selectOption(latestScan.id);
    await page.waitForSelector(`[data-run='${latestScan.id}']`);
    assert.match(page.url(), new RegExp(`run=${latestScan.id}`));
    assert.equal(await page.locator("[data-previous]").getAttribute("data-previous"), early.id);
    assert.match(await text("[data-previous]"), /data as of 2024-01-31/);
    assert.match(await text("[data-table=scan-changes]"), /BOOM.*explosive since/);
    // The earliest run has nothing to compare with.
    await page.getByLabel("Run", { exact: true }).selectOption(early.id);
    await page.waitForSelector(`[data-run='${early.id}']`);
    assert.equal(await page.locator("[data-no-changes]").count(), 1);
    assert.match(await text("[data-run-meta]"), /data as of 2024-01-31/);
  });

  test("Scan: a run that is not in the store shows the empty state with the command to run", async () => {
    const before = problems.length;
    await open("#/scan?run=scan-20200101000000000-abcdef12");
    await page.waitForSelector("[data-scan-state=empty]");
    assert.match(await text("[data-empty=scan]"), /no scan run "scan-20200101000000000-abcdef12".*bubblescope scan/);
    // The browser logs the API's 404 itself ("Failed to load resource"): that one is expected here.
    const mine = problems.splice(before);
    assert.ok(
      mine.every((p) => /Failed to load resource.*404/.test(p)),
      `only the expected 404: ${mine.join(" | ")}`,
    );
  });

  test("no CSP violation, page error or request outside the origin", () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
  });
});
