/**
 * The dashboard as a user runs it: the real `bubblescope serve --port 0` in a child process prints its URL on
 * 127.0.0.1 and stops on SIGTERM; in a real browser (Debian Chromium driven by playwright-core; never a downloaded
 * browser) each view is opened and used — the as-of slider replays the
 * ledger and updates the other views, an assumption slider changes an indicator's value and verdict (and a reload
 * of the URL reproduces it), the claims filter, sorting, a CSV dropped on the Series view is analysed with PSY in
 * a worker with a progress bar, charts and tables export as SVG/PNG/CSV — with no CSP violation, no page error and
 * no request leaving the origin. Screenshots go to test-artifacts/.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type Browser, chromium, type Download, type Page } from "playwright-core";
import { RandomStream } from "../../src/core/rng.ts";
import { REPO } from "../helpers/cli.ts";
import { type ServeProcess, startServeProcess } from "./serve-process.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM} (apt-get install chromium); browser tests skipped`;
const ARTIFACTS = join(REPO, "test-artifacts");
const tmp = mkdtempSync(join(tmpdir(), "bubblescope-dash-"));

let server: ServeProcess | undefined;
let browser: Browser | undefined;
let page: Page;
const problems: string[] = [];
const foreign: string[] = [];

async function idle(): Promise<void> {
  await page.waitForSelector("main[data-state=idle]", { timeout: 20_000 });
}

async function open(hash: string): Promise<void> {
  await page.goto(`${server!.url}${hash}`);
  await idle();
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`) });
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

before(
  async () => {
    // A fresh user: no data store (BUBBLESCOPE_HOME does not exist), the bundled price snapshot.
    server = await startServeProcess(["--port", "0", "--nrep", "49"], {
      BUBBLESCOPE_CACHE: join(tmp, "cache"),
      BUBBLESCOPE_HOME: join(tmp, "no-store"),
    });
  },
  { timeout: 90_000 },
);

after(async () => {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("bubblescope serve", () => {
  test("prints a 127.0.0.1 URL and serves the app and the report with a CSP", async () => {
    assert.match(server!.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.doesNotMatch(server!.stderr(), /warning/, "no warning on loopback");
    // The client bundle may still be building in the background (503, a page that reloads itself).
    // While a long synchronous build step runs, the server can drop a kept-alive connection (ECONNRESET): such a
    // failed request is retried like a 503.
    const poll = async (url: string): Promise<Response> => {
      let r: Response | null = null;
      for (let i = 0; i < 240 && (r === null || r.status === 503); i++) {
        if (i > 0) await new Promise((res) => setTimeout(res, 500));
        r = await fetch(url).catch(() => null);
      }
      assert.ok(r, `${url} never answered`);
      return r;
    };
    const r = await poll(server!.url);
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    assert.match(await r.text(), /<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
    // The model is built in the background: 503 with progress, then 200.
    const api = await poll(`${server!.url}api/report`);
    assert.equal(api.status, 200);
    assert.equal(((await api.json()) as { run: { nrep: number } }).run.nrep, 49);
  });
});

describe("dashboard in a browser", { skip, timeout: 120_000 }, () => {
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
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
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => {
      if (!r.url().startsWith(server!.url) && !r.url().startsWith("blob:") && !r.url().startsWith("data:"))
        foreign.push(r.url());
    });
  });

  after(async () => {
    await browser?.close();
  });

  test("Verdict: frameworks, every indicator with chart and flip sentence, click-through to evidence", async () => {
    await open("#/verdict");
    const charts = await page.$$eval("figure.chart svg", (els) =>
      els.map((e) => [e.getBoundingClientRect().width, e.querySelectorAll("path").length]),
    );
    assert.ok(charts.length >= 10, `${charts.length} charts`);
    for (const [w, paths] of charts) assert.ok(w > 200 && paths > 2, `chart drawn: ${w}px, ${paths} paths`);
    assert.ok((await rowCount("frameworks")) >= 5, "frameworks listed");
    const flips = await page.locator("[data-flip]").count();
    assert.ok(flips >= 5, `${flips} flip sentences`);
    assert.match((await page.locator("[data-flip=utilisation-ai]").textContent()) ?? "", /Would flip:.*E011/);
    assert.match((await page.locator("[data-tally=ai]").textContent()) ?? "", /AI era: \d+ indicators bubble-like/);
    await shot("verdict");
    await page.locator("[data-indicator=utilisation-ai] a[data-evidence=E011]").click();
    await page.waitForSelector("tr.hl[data-row=E011]");
    assert.match(page.url(), /#\/evidence\?q=E011$/);
  });

  test("Claims: filter by status changes the table, the chart and the URL; CSV export", async () => {
    await open("#/claims");
    const all = await rowCount("claims");
    // The status column (the second; the "today" column carries badges too).
    const supported = await page.locator("[data-table=claims] tbody td:nth-child(2) [data-verdict=supported]").count();
    assert.ok(all > 0 && supported > 0, `${all} claims, ${supported} supported`);
    await page.locator("input[name=status][value=supported]").uncheck();
    assert.equal(await rowCount("claims"), all - supported);
    assert.match(page.url(), /status=qualified%2Ccontradicted%2Cunverified|status=qualified,contradicted,unverified/);
    assert.match(
      (await page.locator("[data-chart=claims-by-status] [role=img]").getAttribute("aria-label")) ?? "",
      /supported 0/,
    );
    const csv = await download(() => page.getByRole("button", { name: "Export table claims as CSV" }).click());
    assert.equal(csv.name, "claims.csv");
    const lines = csv.body.toString("utf8").trim().split("\r\n");
    assert.match(lines[0], /^id,status,today,/);
    assert.ok(!lines.slice(1).some((l) => /^C\d+,supported,/.test(l)), "no supported claim exported");
    await shot("claims");
  });

  test("Evidence: the as-of slider replays the ledger and updates the other views", async () => {
    await open("#/evidence");
    const total = await rowCount("evidence");
    assert.ok(total > 100, `${total} ledger rows`);
    // Sort by value, ascending then descending (state in the URL).
    await page.locator("[data-table=evidence] th button", { hasText: "Value" }).click();
    assert.match(page.url(), /sort=value/);
    assert.equal(await page.locator("[data-table=evidence] th[aria-sort=ascending]").count(), 1);
    // Search: a partial id is a substring search, a whole id selects its row.
    const search = page.getByRole("searchbox", { name: "Search" });
    await search.fill("E01");
    const partial = await rowCount("evidence");
    assert.ok(partial >= 10 && partial < total, `${partial} rows match "E01"`);
    await search.fill("E011");
    assert.equal(await rowCount("evidence"), 1);
    await search.fill("");
    assert.equal(await rowCount("evidence"), total);
    const slider = page.locator("#asof-slider");
    const idx = await slider.evaluate((el) => Number((el as HTMLInputElement).max));
    assert.ok(idx > 300, `${idx} months`);
    await slider.fill(String((2000 - 1995) * 12 + 5)); // 2000-06
    await page.waitForSelector("main[data-model*='2000-06']", { timeout: 20_000 });
    await idle();
    const known = await rowCount("evidence");
    assert.ok(known > 0 && known < total, `${known} of ${total} figures known in 2000-06`);
    assert.match(page.url(), /asOf=2000-06/);
    assert.match((await page.locator("#asof-out").textContent()) ?? "", /2000-06/);
    // Keyboard: one step left is a month earlier.
    await slider.focus();
    await page.keyboard.press("ArrowLeft");
    await page.waitForSelector("main[data-model*='2000-05']");
    await idle();
    await shot("evidence-2000");
    // The other views follow the date.
    await page.locator("nav a[data-view=verdict]").click();
    await idle();
    assert.match(page.url(), /#\/verdict\?asOf=2000-05/);
    assert.match(
      (await page.locator("[data-tally=ai]").textContent()) ?? "",
      /0 indicators bubble-like, 0 healthy, 0 inconclusive/,
    );
    await page.locator("nav a[data-view=deals]").click();
    await idle();
    assert.equal(await page.locator("[data-empty-era=ai]").count(), 1, "no AI-era deals in 2000");
    // Deals count from the end of their dated period (no look-ahead): none of the 2000-era deals (dated 1995-2000,
    // 1999-2000, 2000-H2, …) is known in May 2000.
    assert.equal(await page.locator("[data-empty-era='2000']").count(), 1, "2000-era deals not yet known in May 2000");
    await page.getByRole("button", { name: "clear" }).click();
    await idle();
    assert.equal(await page.locator("[data-chart=deal-graph-ai]").count(), 1, "AI-era graph back");
    assert.ok((await page.locator("[data-chart=deal-graph-2000] svg path").count()) > 3, "2000-era graph drawn");
  });

  test("Assumptions: utilisation and GPU life sliders recompute values and verdicts; the URL reproduces them", async () => {
    await open("#/assumptions");
    await page.waitForSelector("#as-util:not([disabled])");
    const row = page.locator("[data-table=assumption-effects] tr[data-row=utilisation-ai]");
    assert.equal((await page.locator("[data-now=utilisation-ai]").textContent())?.trim(), "80 percent");
    assert.equal(await row.locator("td:nth-child(5) [data-verdict]").getAttribute("data-verdict"), "healthy");
    await page.locator("#as-util").fill("30");
    await page.waitForSelector("main[data-model*='30']");
    await idle();
    assert.equal((await page.locator("[data-now=utilisation-ai]").textContent())?.trim(), "30 percent");
    assert.equal(await row.locator("td:nth-child(5) [data-verdict]").getAttribute("data-verdict"), "bubble-like");
    assert.match((await row.getAttribute("class")) ?? "", /changed/);
    await page.locator("#as-life").fill("5.5");
    await page.waitForSelector("main[data-model*='5.5']");
    await idle();
    assert.equal((await page.locator("[data-now=depreciation-ai]").textContent())?.trim(), "0 percent");
    assert.match(page.url(), /life=5\.5/);
    assert.match(page.url(), /util=30/);
    await shot("assumptions");
    // A fresh load of the same URL reproduces the state, in every view.
    const url = page.url().replace("#/assumptions", "#/verdict");
    await page.goto("about:blank");
    await page.goto(url);
    await page.waitForSelector("main[data-model*='30']");
    await idle();
    assert.equal(await page.locator("[data-indicator=utilisation-ai] td.num").first().getAttribute("data-value"), "30");
    assert.match((await page.locator(".status").textContent()) ?? "", /2 assumption\(s\) changed/);
  });

  test("Series: a dropped CSV is analysed with PSY in a worker, with progress; chart, episodes and exports", async () => {
    const rng = new RandomStream(11, 0);
    const lines = ["date,close,volume"];
    let v = 50;
    for (let t = 0; t < 320; t++) {
      v = t >= 220 && t < 260 ? v * 1.03 + 0.3 * rng.normal() : Math.max(1, v + 0.8 * rng.normal());
      const d = new Date(Date.UTC(2010, 0, 1 + 7 * t)).toISOString().slice(0, 10);
      lines.push(`${d},${v.toFixed(4)},${1000 + t}`);
    }
    await open("#/series?nrep=199&mind=psy");
    await page
      .locator("#csv-file")
      .setInputFiles({ name: "bubble.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
    await page.waitForSelector("[data-loaded='320']");
    assert.match((await page.locator("[data-loaded]").textContent()) ?? "", /bubble\.csv: close.*not uploaded/);
    assert.equal(await page.getByLabel("Column").inputValue(), "close");
    await page.getByRole("button", { name: "Run PSY" }).click();
    await page.waitForSelector("#psy-progress", { timeout: 10_000 });
    const t0 = Date.now();
    await page.evaluate(() => document.title);
    assert.ok(Date.now() - t0 < 1000, "the page stays responsive while PSY runs");
    await page.waitForSelector(".psy-result", { timeout: 60_000 });
    const gsadf = Number(await page.locator(".psy-result").getAttribute("data-gsadf"));
    assert.ok(Number.isFinite(gsadf) && gsadf > 1, `GSADF ${gsadf}`);
    assert.match((await page.locator(".psy-result p").first().textContent()) ?? "", /explosive/);
    const episodes = await rowCount("psy-episodes");
    assert.ok(episodes >= 1, `${episodes} episodes`);
    const start = (await page.locator("[data-table=psy-episodes] tbody tr td").first().textContent()) ?? "";
    assert.ok(start >= "2014-03-01" && start <= "2015-01-31", `episode starts in the explosive stretch: ${start}`);
    assert.ok((await page.locator("[data-chart=psy-bsadf] svg path").count()) > 5, "BSADF chart drawn");
    await shot("series");
    const svg = await download(() => page.getByRole("button", { name: "Export chart psy-bsadf as SVG" }).click());
    assert.equal(svg.name, "psy-bsadf.svg");
    assert.match(svg.body.toString("utf8"), /^<svg[\s\S]*BSADF[\s\S]*<\/svg>$/);
    const png = await download(() => page.getByRole("button", { name: "Export chart psy-bsadf as PNG" }).click());
    assert.deepEqual([...png.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.body.length > 5000, `PNG of ${png.body.length} bytes`);
    const csv = await download(() => page.getByRole("button", { name: "Export table psy-episodes as CSV" }).click());
    assert.equal(csv.body.toString("utf8").trim().split("\r\n").length, episodes + 1);
    // Changing a setting asks for a new run; the 99% level dates no more observations than the 95% one.
    await page.getByLabel("Level").selectOption("99");
    await page.waitForSelector("text=Settings or data changed since the last run");
    assert.match(page.url(), /level=99/);
    await page.getByRole("button", { name: "Run PSY" }).click();
    await page.waitForSelector(".psy-result", { timeout: 60_000 });
    const dur = async () =>
      (await page.locator("[data-table=psy-episodes] tbody tr td:nth-child(4)").allTextContents()).reduce(
        (a, b) => a + Number(b),
        0,
      );
    assert.ok((await dur()) <= 320, "durations are observation counts");
    // LPPLS on the same data, in the worker.
    await page.getByRole("button", { name: "Fit LPPLS" }).click();
    await page.waitForSelector(".lppls-result", { timeout: 60_000 });
    assert.match((await page.locator(".lppls-result").getAttribute("data-tc")) ?? "", /^\d{4}-\d{2}-\d{2}$|^n\/a$/);
    assert.ok((await page.locator("[data-chart=lppls-fit] svg path").count()) > 3, "LPPLS chart drawn");
    assert.equal(await rowCount("lppls-tc-quantiles"), 5);
    await page.locator(".lppls-result").scrollIntoViewIfNeeded();
    await shot("series-lppls");
  });

  test("Deals: both eras' graphs, cycles and edges", async () => {
    await open("#/deals");
    for (const era of ["2000", "ai"])
      assert.ok((await page.locator(`[data-chart=deal-graph-${era}] svg path`).count()) > 5, `${era} graph drawn`);
    assert.ok((await rowCount("deal-cycles")) > 0, "cycles listed");
    assert.ok((await rowCount("deal-edges")) > 10, "edges listed");
    const svg = await download(() => page.getByRole("button", { name: "Export chart deal-graph-ai as SVG" }).click());
    assert.match(svg.body.toString("utf8"), /Nvidia/);
    await shot("deals");
  });

  test("Scan with no data store: the empty state names the command to run (no failed request)", async () => {
    await open("#/scan");
    await page.waitForSelector("[data-scan-state=empty]");
    assert.match(
      (await page.locator("[data-empty=scan]").textContent()) ?? "",
      /no data store at .*no-store.*run `bubblescope scan --watchlist ai`/,
    );
    assert.equal(await page.locator("[data-table=scan-ranking]").count(), 0);
  });

  test("keyboard and labels: nav by keyboard, every control labelled", async () => {
    await page.goto("about:blank");
    await open("#/verdict");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== "Claims" && guard++ < 10)
      await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await idle();
    assert.match(page.url(), /#\/claims/);
    for (const view of ["claims", "evidence", "assumptions", "series", "valuation", "scan"]) {
      await open(`#/${view}`);
      const unlabelled = await page.$$eval("input, select", (els) =>
        els
          .filter((e) => {
            const i = e as HTMLInputElement;
            return (i.labels?.length ?? 0) === 0 && !i.getAttribute("aria-label");
          })
          .map((e) => e.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(unlabelled, [], `${view}: unlabelled controls`);
    }
  });

  test("the browser enforces the CSP: an injected inline script does not run", async () => {
    const before = problems.length;
    await page.addScriptTag({ content: "document.body.dataset.inline = 'ran'" }).catch(() => undefined);
    assert.equal(await page.evaluate(() => document.body.dataset.inline ?? null), null);
    // The refusal is reported as a CSP violation: this test's own, not the app's.
    const mine = problems.splice(before);
    assert.ok(
      mine.some((p) => /Content Security Policy/i.test(p)),
      `violation reported: ${mine.join(" | ")}`,
    );
  });

  test("no CSP violation, page error or request outside the origin", () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
  });
});

describe("bubblescope serve, stopping", () => {
  test("exits with code 0 on SIGTERM", async () => {
    assert.equal(await server!.stop(), 0);
  });
});
