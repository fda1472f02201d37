/**
 * The dashboard server's security rules, with real HTTP requests to 127.0.0.1 on an ephemeral port: path traversal
 * (plain, percent-encoded, encoded slashes and backslashes) and directory requests get 404, a file outside the
 * bundle is never served, every response carries the CSP and nosniff headers, bodies over the limit get 413, JSON
 * input is validated with zod (400 naming the field), only GET/HEAD reach static files, and a foreign Host header
 * gets 421. Also the API's content (evidence query filtering, series ids) and the CLI's bind warning.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { serve } from "@hono/node-server";
import { loadEvidence } from "../../src/cli/evidence.ts";
import { bindWarning } from "../../src/cli/serve.ts";
import { CSP, createApp } from "../../src/web/server/app.ts";
import { resolveStatic } from "../../src/web/server/static.ts";

const SECRET = "TOP-SECRET-outside-the-bundle";
const root = mkdtempSync(join(tmpdir(), "bubblescope-web-"));
const bundle = join(root, "web");
mkdirSync(join(bundle, "assets"), { recursive: true });
writeFileSync(join(bundle, "index.html"), "<!doctype html><title>dash</title>");
writeFileSync(join(bundle, "assets", "app-1234.js"), "console.log('app')");
writeFileSync(join(root, "secret.txt"), SECRET);
symlinkSync(join(root, "secret.txt"), join(bundle, "assets", "link.txt"));

const ev = loadEvidence();
let server: Server;
let port = 0;

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request: the path is sent exactly as given (no URL normalisation on the client side). */
function raw(path: string, o: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path, method: o.method ?? "GET", headers: o.headers ?? {}, timeout: 5000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout on ${path}`)));
    req.on("error", reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

const postJson = (path: string, body: string) =>
  raw(path, { method: "POST", body, headers: { "content-type": "application/json" } });

before(async () => {
  const app = createApp({
    clientDir: bundle,
    report: () => ({ state: "building" }),
    evidence: () => ({ evidenceCsv: "", dealsCsv: "", seed: 1, draws: 0, prices: [] }),
    figures: () => ev.ledger.figures,
    listSeries: () => [{ id: "abc_daily", file: "abc_daily.csv", bytes: 10 }],
    loadSeries: (id, q) =>
      id === "abc_daily" ? { id, file: "abc_daily.csv", freq: q.freq, dates: ["2020-01-03"], values: [1] } : null,
    allowedHosts: ["127.0.0.1"],
  });
  server = await new Promise<Server>((res) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => res(s as Server)) as Server;
  });
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((res) => server.close(() => res()));
  rmSync(root, { recursive: true, force: true });
});

describe("static files", () => {
  test("serves index.html at / and bundle assets, with the CSP", async () => {
    const r = await raw("/");
    assert.equal(r.status, 200);
    assert.match(r.body, /<title>dash<\/title>/);
    assert.equal(r.headers["content-security-policy"], CSP);
    assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.doesNotMatch(CSP, /'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
    assert.equal(r.headers["x-content-type-options"], "nosniff");
    assert.equal(r.headers["x-frame-options"], "DENY");
    const js = await raw("/assets/app-1234.js");
    assert.equal(js.status, 200);
    assert.match(String(js.headers["content-type"]), /^text\/javascript/);
    assert.match(String(js.headers["cache-control"]), /immutable/);
  });

  const attacks = [
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2fetc%2fpasswd",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/assets/..%2f..%2fsecret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e/secret.txt",
    "/..%5csecret.txt",
    "/assets/%2e%2e/%2e%2e/secret.txt",
    "/%252e%252e/secret.txt",
    "/index.html%00.js",
    "/assets/link.txt",
    "//etc/passwd",
    "/C:%5cWindows%5cwin.ini",
  ];
  for (const path of attacks)
    test(`path traversal ${path} → 404, nothing outside the bundle`, async () => {
      const r = await raw(path);
      assert.equal(r.status, 404, `${path}: ${r.status}`);
      assert.ok(!r.body.includes(SECRET) && !r.body.includes("root:"), `${path} leaked content`);
      assert.equal(r.headers["content-security-policy"], CSP, "404s carry the CSP too");
    });

  test("no directory listing: /assets and /assets/ are 404", async () => {
    for (const p of ["/assets", "/assets/", "/assets/."]) assert.equal((await raw(p)).status, 404, p);
  });

  test("resolveStatic refuses traversal and directories, accepts bundle files", () => {
    assert.equal(resolveStatic(bundle, "/assets/app-1234.js"), join(bundle, "assets", "app-1234.js"));
    assert.equal(resolveStatic(bundle, "/"), join(bundle, "index.html"));
    for (const p of ["/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/assets", "/%E0%A4%A", "x"])
      assert.equal(resolveStatic(bundle, p), null, p);
  });

  test("only GET and HEAD reach static files (405), HEAD has no body", async () => {
    const r = await raw("/index.html", { method: "DELETE" });
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, "GET, HEAD");
    const h = await raw("/index.html", { method: "HEAD" });
    assert.equal(h.status, 200);
    assert.equal(h.body, "");
  });

  test("a foreign Host header gets 421 (DNS rebinding), localhost names pass", async () => {
    const r = await raw("/api/series", { headers: { host: "evil.example:1234" } });
    assert.equal(r.status, 421);
    assert.equal(r.headers["content-security-policy"], CSP);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`])
      assert.equal((await raw("/api/series", { headers: { host } })).status, 200, host);
  });
});

describe("JSON API", () => {
  test("GET /api/report is 503 with Retry-After while the report builds", async () => {
    const r = await raw("/api/report");
    assert.equal(r.status, 503);
    assert.equal(r.headers["retry-after"], "1");
    assert.deepEqual(JSON.parse(r.body), { status: "building" });
  });

  test("request bodies over 64 KiB get 413", async () => {
    const big = JSON.stringify({ q: "x".repeat(70 * 1024) });
    const r = await postJson("/api/evidence/query", big);
    assert.equal(r.status, 413);
    assert.match(JSON.parse(r.body).error, /larger than 65536 bytes/);
  });

  test("evidence query input is validated with zod: 400 naming the field", async () => {
    const cases: [string, RegExp][] = [
      ["{not json", /not valid JSON/],
      [JSON.stringify({ asOf: "yesterday" }), /^asOf: must be YYYY/],
      [JSON.stringify({ era: "1929" }), /^era:/],
      [JSON.stringify({ limit: 0 }), /^limit:/],
      [JSON.stringify({ limit: 1.5 }), /^limit:/],
      [JSON.stringify({ sql: "drop table" }), /sql|unrecognized|Unrecognized/],
      [JSON.stringify([1, 2]), /input|expected/],
    ];
    for (const [body, msg] of cases) {
      const r = await postJson("/api/evidence/query", body);
      assert.equal(r.status, 400, body);
      assert.match(JSON.parse(r.body).error, msg, body);
    }
    const wrongType = await raw("/api/evidence/query", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "text/plain" },
    });
    assert.equal(wrongType.status, 415);
  });

  test("evidence query returns what was known as of the date, filtered", async () => {
    const all = JSON.parse((await postJson("/api/evidence/query", "{}")).body);
    assert.equal(all.total, ev.ledger.figures.length);
    assert.equal(all.figures.length, 200, "default limit");
    const r = JSON.parse(
      (await postJson("/api/evidence/query", JSON.stringify({ asOf: "2000-12", era: "2000", limit: 1000 }))).body,
    );
    assert.equal(r.asOf, "2000-12-31");
    assert.ok(r.total > 0 && r.total < all.total, `${r.total} of ${all.total}`);
    const expected = ev.ledger.figures.filter((f) => f.era === "2000" && f.knownFrom <= "2000-12-31").map((f) => f.id);
    assert.deepEqual(
      r.figures.map((f: { id: string }) => f.id),
      expected,
    );
    const q = JSON.parse((await postJson("/api/evidence/query", JSON.stringify({ q: "E011" }))).body);
    assert.ok(
      q.figures.some((f: { id: string }) => f.id === "E011"),
      "E011 found",
    );
  });

  test("series ids and query strings are validated; unknown ids are 404", async () => {
    assert.equal((await raw("/api/series/abc_daily?freq=daily")).status, 200);
    assert.equal(JSON.parse((await raw("/api/series/abc_daily")).body).freq, "weekly");
    assert.equal((await raw("/api/series/abc_daily?freq=hourly")).status, 400);
    assert.equal((await raw("/api/series/abc_daily?from=2020-1-1")).status, 400);
    assert.equal((await raw("/api/series/abc_daily?evil=1")).status, 400);
    assert.equal((await raw("/api/series/nope")).status, 404);
    for (const p of ["/api/series/..%2f..%2fetc%2fpasswd", "/api/series/%2e%2e", "/api/series/.hidden"]) {
      const r = await raw(p);
      assert.ok(r.status === 400 || r.status === 404, `${p}: ${r.status}`);
      assert.ok(!r.body.includes("root:"), "no file content");
    }
    assert.equal((await raw("/api/nothing-here")).status, 404);
  });
});

describe("serve command", () => {
  test("warns when binding beyond loopback, not for loopback addresses", () => {
    for (const h of ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"]) assert.equal(bindWarning(h), null, h);
    for (const h of ["0.0.0.0", "::", "192.168.1.10", "example.org"])
      assert.match(bindWarning(h) ?? "", /reachable from other machines/, h);
  });
});
