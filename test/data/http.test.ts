/**
 * Fault tests of the HTTP layer and the fetch-through cache against a loopback server: timeout, 429 then
 * success (Retry-After honoured), 500s exhausted, dropped connection, truncated JSON, an HTML page with status
 * 200, a wrong content type, a refused connection (offline), and the SEC rate limit. Sleeps are injected and
 * recorded, jitter comes from a seeded stream, so the backoff schedule is checked exactly.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { RandomStream } from "../../src/core/rng.ts";
import { cacheKey, DiskCache } from "../../src/data/cache.ts";
import { fetchCompanyFacts } from "../../src/data/connectors/sec.ts";
import { fetchStooqDaily } from "../../src/data/connectors/stooq.ts";
import { fetchSource } from "../../src/data/fetch-source.ts";
import { backoffDelay, HttpError, httpGet, parseRetryAfter, RateLimiter } from "../../src/data/http.ts";
import { fixture, startLoopback } from "./helpers/loopback.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-http-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function recorder(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

const json = { "content-type": "application/json" };

test("backoff: exponential, capped, jitter in [0.5, 1) of the step", () => {
  assert.equal(
    backoffDelay(0, 500, 20000, () => 0),
    250,
  );
  assert.equal(
    backoffDelay(3, 500, 20000, () => 0.999999),
    4000,
  );
  assert.equal(
    backoffDelay(10, 500, 20000, () => 0),
    10000,
  );
  assert.equal(parseRetryAfter("3"), 3000);
  assert.equal(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("Wed, 21 Oct 2015 07:27:58 GMT")), 2000);
  assert.equal(parseRetryAfter(null), undefined);
});

test("429 then success: retried after the backoff (or Retry-After), body returned", async () => {
  const srv = await startLoopback((_p, nth) =>
    nth === 1
      ? { status: 429, headers: { "retry-after": "1" }, body: "slow down" }
      : nth === 2
        ? { status: 429 }
        : { headers: json, body: '{"ok":1}' },
  );
  try {
    const rec = recorder();
    const rng = new RandomStream(1);
    const r = await httpGet(`${srv.url}/x`, "json", {
      sleep: rec.sleep,
      random: () => rng.uniform(),
      baseDelayMs: 100,
    });
    assert.equal(r.body, '{"ok":1}');
    assert.equal(srv.requests.length, 3);
    const rng2 = new RandomStream(1);
    const j0 = rng2.uniform();
    const j1 = rng2.uniform();
    assert.deepEqual(rec.delays, [
      Math.max(
        1000,
        backoffDelay(0, 100, 20000, () => j0),
      ),
      backoffDelay(1, 100, 20000, () => j1),
    ]);
  } finally {
    await srv.close();
  }
});

test("500s exhausted: one-line error naming the URL, status and attempts", async () => {
  const srv = await startLoopback(() => ({ status: 503, body: "down" }));
  try {
    const rec = recorder();
    await assert.rejects(
      httpGet(`${srv.url}/y`, "csv", { retries: 2, sleep: rec.sleep, random: () => 0 }),
      (e: Error) => {
        assert.ok(e instanceof HttpError);
        assert.equal(e.kind, "status");
        assert.equal(e.status, 503);
        assert.equal(e.message, `${srv.url}/y: HTTP 503; gave up after 3 attempts`);
        return true;
      },
    );
    assert.equal(srv.requests.length, 3);
    assert.deepEqual(rec.delays, [250, 500]);
  } finally {
    await srv.close();
  }
});

test("timeout: each attempt aborted after timeoutMs, then retried, then a clear error", async () => {
  const srv = await startLoopback(() => ({ hang: true }));
  try {
    const t0 = Date.now();
    await assert.rejects(
      httpGet(`${srv.url}/slow`, "json", { timeoutMs: 150, retries: 1, sleep: async () => {} }),
      (e: Error) =>
        e instanceof HttpError &&
        e.kind === "timeout" &&
        /timed out after 150 ms; gave up after 2 attempts/.test(e.message),
    );
    assert.ok(Date.now() - t0 < 3000);
    assert.equal(srv.requests.length, 2);
  } finally {
    await srv.close();
  }
});

test("a dropped connection (fewer bytes than Content-Length) is retried, then succeeds", async () => {
  const srv = await startLoopback((_p, nth) =>
    nth === 1 ? { headers: json, body: '{"a":', truncate: true } : { headers: json, body: '{"a":1}' },
  );
  try {
    const r = await httpGet(`${srv.url}/t`, "json", { sleep: async () => {} });
    assert.equal(r.body, '{"a":1}');
    assert.equal(srv.requests.length, 2);
  } finally {
    await srv.close();
  }
});

test("HTML challenge page with status 200 fails clearly (never parsed as CSV)", async () => {
  const srv = await startLoopback(() => ({
    headers: { "content-type": "text/html; charset=UTF-8" },
    body: fixture("stooq", "challenge.html"),
  }));
  try {
    const cache = new DiskCache(join(tmp, "c-html"));
    await assert.rejects(
      fetchStooqDaily({ cache }, { symbol: "nvda.us", baseUrl: srv.url }),
      /returned an HTML page \(HTTP 200\) instead of CSV \(page title: "Just a moment..."\): probably a bot check/,
    );
    assert.deepEqual(cache.verify().ok, []);
    // Also when the server lies about the content type.
    const srv2 = await startLoopback(() => ({
      headers: { "content-type": "text/csv" },
      body: fixture("stooq", "challenge.html"),
    }));
    try {
      await assert.rejects(httpGet(`${srv2.url}/q`, "csv"), (e: Error) => e instanceof HttpError && e.kind === "html");
    } finally {
      await srv2.close();
    }
  } finally {
    await srv.close();
  }
});

test("wrong content type is refused", async () => {
  const srv = await startLoopback(() => ({ headers: { "content-type": "image/png" }, body: "PNG..." }));
  try {
    await assert.rejects(httpGet(`${srv.url}/i`, "json"), /returned content-type "image\/png", expected JSON/);
    await assert.rejects(httpGet(`${srv.url}/i`, "csv"), /returned content-type "image\/png", expected CSV/);
  } finally {
    await srv.close();
  }
});

test("4xx is not retried and carries the server's message", async () => {
  const srv = await startLoopback(() => ({
    status: 403,
    headers: { "content-type": "text/plain" },
    body: "Undeclared Automated Tool",
  }));
  try {
    await assert.rejects(
      httpGet(`${srv.url}/f`, "json", { sleep: async () => {} }),
      /answered HTTP 403 Forbidden: Undeclared Automated Tool/,
    );
    assert.equal(srv.requests.length, 1);
  } finally {
    await srv.close();
  }
});

test("offline (connection refused) fails at once with an --offline hint", async () => {
  const srv = await startLoopback(() => ({}));
  const url = srv.url;
  await srv.close();
  await assert.rejects(
    httpGet(`${url}/z`, "csv", { sleep: async () => assert.fail("must not retry") }),
    (e: Error) =>
      e instanceof HttpError &&
      e.kind === "offline" &&
      /cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): are you offline\? Use --offline/.test(e.message),
  );
});

test("truncated JSON served whole: clean SyntaxError, nothing cached, a later good response is cached", async () => {
  const good = fixture("sec", "companyfacts_CIK0000789019.json");
  let broken = true;
  const srv = await startLoopback(() => ({ headers: json, body: broken ? good.slice(0, 1000) : good }));
  try {
    const cache = new DiskCache(join(tmp, "c-trunc"));
    const o = {
      ticker: "MSFT",
      cik: 789019,
      userAgent: "Test Suite test@example.com",
      baseUrl: srv.url,
      limiter: new RateLimiter(1000),
    };
    await assert.rejects(
      fetchCompanyFacts({ cache }, o),
      (e: Error) => e instanceof SyntaxError && /response is not valid JSON .*truncated download\?/.test(e.message),
    );
    assert.deepEqual(cache.verify(), { ok: [], corrupt: [], orphans: [], temps: [] });
    broken = false;
    const r = await fetchCompanyFacts({ cache }, o);
    assert.equal(r.fromCache, false);
    assert.equal(cache.verify().ok.length, 1);
    assert.equal(srv.requests[0].userAgent, "Test Suite test@example.com");
    const again = await fetchCompanyFacts({ cache }, o);
    assert.equal(again.fromCache, true);
    assert.equal(srv.requests.length, 2);
    // Offline uses the cache whatever its age; a missing entry is a clear error.
    const off = await fetchCompanyFacts({ cache, offline: true, maxAgeMs: 0 }, o);
    assert.equal(off.fromCache, true);
    await assert.rejects(
      fetchCompanyFacts({ cache, offline: true }, { ...o, cik: 2488 }),
      /is not in the cache; run once without --offline/,
    );
  } finally {
    await srv.close();
  }
});

test("fetchSource refreshes an entry older than maxAgeMs", async () => {
  let v = 1;
  const srv = await startLoopback(() => ({
    headers: { "content-type": "text/csv" },
    body: `date,close\n2020-01-02,${v++}\n`,
  }));
  try {
    const cache = new DiskCache(join(tmp, "c-age"));
    let now = Date.parse("2025-01-01T00:00:00Z");
    const ctx = { cache, maxAgeMs: 1000, now: () => new Date(now) };
    const req = {
      service: "t",
      label: "x",
      url: `${srv.url}/a`,
      displayUrl: `${srv.url}/a`,
      expect: "csv" as const,
      parse: (b: string) => b,
    };
    assert.match((await fetchSource(ctx, req)).value, /,1\n$/);
    now += 500;
    assert.match((await fetchSource(ctx, req)).value, /,1\n$/);
    now += 1000;
    const r = await fetchSource(ctx, req);
    assert.match(r.value, /,2\n$/);
    assert.equal(r.fromCache, false);
  } finally {
    await srv.close();
  }
});

test("rate limiter spaces request starts 1/rate apart (SEC: 10 per second)", async () => {
  let t = 0;
  const waits: number[] = [];
  const lim = new RateLimiter(
    10,
    () => t,
    async (ms) => {
      waits.push(ms);
      t += ms;
    },
  );
  for (let i = 0; i < 5; i++) await lim.take();
  assert.deepEqual(waits, [100, 100, 100, 100]);
  assert.equal(t, 400);
  t += 1000;
  await lim.take();
  assert.equal(waits.length, 4);
  assert.throws(() => new RateLimiter(0), RangeError);
  // Real clock against the loopback server: 6 SEC-limited requests take at least 0.5 s.
  const srv = await startLoopback(() => ({ headers: json, body: "{}" }));
  try {
    const real = new RateLimiter(10);
    const t0 = Date.now();
    for (let i = 0; i < 6; i++) await httpGet(`${srv.url}/r${i}`, "json", { limiter: real });
    assert.ok(Date.now() - t0 >= 480, `took ${Date.now() - t0} ms`);
    const at = srv.requests.map((r) => r.at);
    for (let i = 1; i < at.length; i++) assert.ok(at[i] - at[i - 1] >= 80, `gap ${at[i] - at[i - 1]} ms`);
  } finally {
    await srv.close();
  }
});

test("a cached body that no longer parses is downloaded again (online) or reported (offline)", async () => {
  const srv = await startLoopback(() => ({
    headers: { "content-type": "text/csv" },
    body: "date,close\n2020-01-02,5\n",
  }));
  try {
    const cache = new DiskCache(join(tmp, "c-stale"));
    const url = `${srv.url}/s`;
    const strict = (b: string): string => {
      if (!b.includes(",5")) throw new RangeError("unexpected body");
      return b;
    };
    const req = { service: "t", label: "s", url, displayUrl: url, expect: "csv" as const, parse: strict };
    cache.put(cacheKey("t", "s", url), "date,close\n2020-01-02,oops\n", {
      url,
      retrievedAt: new Date().toISOString(),
      contentType: "text/csv",
    });
    await assert.rejects(fetchSource({ cache, offline: true }, req), /unexpected body/);
    const r = await fetchSource({ cache }, req);
    assert.equal(r.fromCache, false);
    assert.equal(srv.requests.length, 1);
    assert.equal((await fetchSource({ cache, offline: true }, req)).value, "date,close\n2020-01-02,5\n");
  } finally {
    await srv.close();
  }
});
