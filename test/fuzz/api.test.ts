/**
 * Fuzzing the dashboard API's bodies and query strings (issue 11): whatever arrives, the answer is a 2xx with
 * data or a 4xx with one line of JSON naming the problem — never a 500, never a stack. Plus the regressions:
 * impossible calendar dates are 400, from > to is 400, a wrong method on a known route is 405.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import fc from "fast-check";
import { loadEvidence } from "../../src/cli/evidence.ts";
import { createApp, type SeriesQuery } from "../../src/web/server/app.ts";
import { FUZZ_SEED, fuzzRuns, isCleanLine } from "./runs.ts";

const root = mkdtempSync(join(tmpdir(), "bs-fuzz-api-"));
after(() => rmSync(root, { recursive: true, force: true }));
const ev = loadEvidence();
const seen: SeriesQuery[] = [];
const app = createApp({
  clientDir: root,
  report: () => ({ state: "building" }),
  evidence: () => ({ evidenceCsv: "", dealsCsv: "", seed: 1, draws: 0, prices: [] }),
  figures: () => ev.ledger.figures,
  listSeries: () => [{ id: "abc_daily", file: "abc_daily.csv", bytes: 10 }],
  loadSeries: (id, q) => {
    seen.push(q);
    return id === "abc_daily" ? { id, file: "abc_daily.csv", freq: q.freq, dates: ["2020-01-03"], values: [1] } : null;
  },
});
const H = { host: "127.0.0.1" };

async function check(res: Response, what: string): Promise<number> {
  assert.ok(res.status < 500, `${what}: status ${res.status}`);
  const text = await res.text();
  if (res.status >= 400 && (res.headers.get("content-type") ?? "").includes("json")) {
    const j = JSON.parse(text) as { error?: unknown };
    assert.equal(typeof j.error, "string", `${what}: ${text}`);
    assert.ok(isCleanLine(j.error as string), `${what}: ${text}`);
  }
  return res.status;
}

test("impossible dates are 400 (regression: ?from=2000-13-45 gave 200 with shifted data); from > to is 400", async () => {
  for (const q of ["from=2000-13-45", "to=2001-02-29", "from=2000-00-10", "from=2000-01-32"]) {
    const r = await app.request(`/api/series/abc_daily?${q}`, { headers: H });
    assert.equal(r.status, 400, q);
    assert.match(((await r.json()) as { error: string }).error, /calendar date/);
  }
  const r = await app.request("/api/series/abc_daily?from=2001-01-01&to=2000-01-01", { headers: H });
  assert.equal(r.status, 400);
  assert.match(((await r.json()) as { error: string }).error, /^from: must not be after to/);
  assert.equal((await app.request("/api/series/abc_daily?from=2000-02-29&to=2000-02-29", { headers: H })).status, 200);
});

test("a wrong method on a known route is 405 with Allow (regression: GET on the POST-only route was 404)", async () => {
  const g = await app.request("/api/evidence/query", { headers: H });
  assert.equal(g.status, 405);
  assert.equal(g.headers.get("allow"), "POST");
  const p = await app.request("/api/series", { method: "POST", headers: H });
  assert.equal(p.status, 405);
  assert.equal(p.headers.get("allow"), "GET, HEAD");
  assert.equal((await app.request("/api/nope", { headers: H })).status, 404);
});

const token = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("2000-02-29", "2001-02-29", "2000-13-45", "1999-12-31", "0000-00-00", "9999-12-31", "", "%00", "%ZZ"),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

test("query strings: random keys and values never give a 500 and pass only calendar dates on", async () => {
  const keys = fc.constantFrom("freq", "from", "to", "x", "from[]", "__proto__", "constructor");
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(keys, token), { maxLength: 4 }),
      fc.constantFrom("abc_daily", "zzz", "..", "a%2fb"),
      async (pairs, id) => {
        seen.length = 0;
        const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
        const status = await check(await app.request(`/api/series/${id}?${qs}`, { headers: H }), qs);
        assert.ok([200, 400, 404].includes(status), `${qs}: ${status}`);
        for (const q of seen) {
          for (const d of [q.from, q.to])
            if (d !== undefined) assert.equal(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10), d);
          if (q.from !== undefined && q.to !== undefined) assert.ok(q.from <= q.to);
        }
      },
    ),
    { numRuns: fuzzRuns(300), seed: FUZZ_SEED },
  );
});

test("POST bodies: random JSON and bytes are 200 or a one-line 4xx, never a 500", async () => {
  const jsonBody = fc.oneof(
    fc.json(),
    fc
      .record(
        {
          asOf: token,
          era: fc.constantFrom("2000", "ai", "x", ""),
          topic: fc.string({ maxLength: 70 }),
          q: fc.string({ maxLength: 210 }),
          limit: fc.oneof(fc.integer(), fc.double(), fc.string()),
        },
        { requiredKeys: [] },
      )
      .map((o) => JSON.stringify(o)),
    fc.string({ maxLength: 200 }),
  );
  await fc.assert(
    fc.asyncProperty(
      jsonBody,
      fc.constantFrom("application/json", "text/plain", "application/json; charset=utf-8"),
      async (body, type) => {
        const r = await app.request("/api/evidence/query", {
          method: "POST",
          headers: { ...H, "content-type": type },
          body,
        });
        const status = await check(r, body);
        assert.ok([200, 400, 415].includes(status), `${body}: ${status}`);
      },
    ),
    { numRuns: fuzzRuns(300), seed: FUZZ_SEED },
  );
});
