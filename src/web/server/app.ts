/**
 * The dashboard's HTTP app (Hono): a small JSON API beside the static client bundle.
 *
 *   GET  /api/report            the report model (built in the background; 503 + Retry-After + { status,
 *                               progress: { step, done, total } } while building)
 *   GET  /api/evidence          the evidence bundle the browser recomputes the model from (503 while loading)
 *   POST /api/evidence/query    figures known as of a date, filtered ({ asOf?, era?, topic?, q?, limit? }, zod)
 *   GET  /api/series            price CSVs in the data folder
 *   GET  /api/series/:id        one series (?freq=weekly|daily&from=YYYY-MM-DD&to=YYYY-MM-DD, zod)
 *   GET  /api/scan/runs         recorded scan/monitor runs, newest first (?watchlist=&kind=&until=&limit=; read-only)
 *   GET  /api/scan/latest       the latest run's document + changes since the previous run (?watchlist=&kind=&until=&limit=)
 *   GET  /api/scan/runs/:id     one run (?limit=); 404 with "run `bubblescope scan …` first" when there is none
 *   GET  /*                     files of the built bundle only (see static.ts); anything else is 404
 *
 * Security: every response carries a Content-Security-Policy (scripts only from this origin, no inline script and no
 * eval — WebAssembly compilation is allowed for the PSY kernels — no framing, no plugins) and nosniff/no-referrer/frame headers; request bodies are limited to 64 KiB (413) and
 * JSON input is validated with zod (400 with one line naming the field); only GET/HEAD reach static files (405
 * otherwise); the Host header must name the address the server is bound to or localhost (421 otherwise), which
 * stops DNS-rebinding pages from reading the API. Errors are one line of JSON, never a stack trace.
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { DatedFigure } from "../../evidence/load.ts";
import { parseAsOfDate } from "../../evidence/period.ts";
import { isKnownOn } from "../../evidence/query.ts";
import { ERAS } from "../../evidence/schema.ts";
import type { ReportModel } from "../../report/build.ts";
import type { EvidenceBundle, SeriesInfo, SeriesPayload } from "../client/types.ts";
import type { ScanSource, ScanUnavailable } from "./scans.ts";
import { readStatic, resolveStatic } from "./static.ts";

/** Where the report stands. */
export type ReportState =
  | {
      readonly state: "building";
      /** What the background build is doing: the current step and how many of `total` are done. */
      readonly progress?: { readonly step: string; readonly done: number; readonly total: number };
    }
  | { readonly state: "ready"; readonly report: ReportModel }
  | { readonly state: "failed"; readonly error: string };

export interface AppOptions {
  /** Folder of the built client (index.html + assets/). */
  readonly clientDir: string;
  readonly report: () => ReportState;
  /** The evidence bundle, or null while the inputs are still being read. */
  readonly evidence: () => EvidenceBundle | null;
  /** The dated figures (for the query endpoint). */
  readonly figures: () => readonly DatedFigure[];
  readonly listSeries: () => readonly SeriesInfo[];
  readonly loadSeries: (id: string, q: SeriesQuery) => SeriesPayload | null;
  /** Whether the client bundle is built (default "ready"); static files answer 503 until it is. */
  readonly client?: () => "ready" | "building" | { readonly error: string };
  /**
   * Host names accepted in the Host header besides localhost/127.0.0.1/[::1] (e.g. the --host value), or "any"
   * when bound to a wildcard address (0.0.0.0, ::) on purpose.
   */
  readonly allowedHosts?: readonly string[] | "any";
  /** Largest accepted request body, bytes (default 64 KiB). */
  readonly maxBodyBytes?: number;
  /** Recorded scan runs (read-only; absent = the Scan API answers 404 with how to record one). */
  readonly scans?: ScanSource;
}

export interface SeriesQuery {
  readonly freq: "daily" | "weekly";
  readonly from?: string;
  readonly to?: string;
}

export const APP_DEFAULTS = Object.freeze({ maxBodyBytes: 64 * 1024 });

export const CSP = [
  "default-src 'none'",
  // 'wasm-unsafe-eval' allows compiling WebAssembly only (the PSY SIMD kernels), never JS eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  // ECharts writes inline style attributes into its tooltip markup.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");

/** A real calendar date (2000-02-29 yes, 2001-02-29 and 2000-13-45 no). */
function isCalendarDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine(isCalendarDate, "must be a calendar date");

export const SeriesQuerySchema = z
  .strictObject({
    freq: z.enum(["daily", "weekly"]).default("weekly"),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: "must not be after to",
    path: ["from"],
  });

export const SeriesIdSchema = z
  .string()
  .max(120)
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/, "must be a series id from /api/series");

export const EvidenceQuerySchema = z.strictObject({
  asOf: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD")
    .optional(),
  era: z.enum(ERAS).optional(),
  topic: z.string().max(60).optional(),
  q: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

const limitParam = (max: number, dflt: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, "must be a positive integer")
    .transform(Number)
    .pipe(z.number().int().min(1, "must be at least 1").max(max, `must be at most ${max}`))
    .default(dflt);

/** Watchlist (basket) names as `bubblescope scan` records them: a shipped name or a watchlist file's name. */
const scanFilters = {
  watchlist: z
    .string()
    .max(120)
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_. -]*$/, "must be a watchlist name (e.g. ai, telecom-2000)")
    .optional(),
  kind: z.enum(["scan", "monitor"]).optional(),
  until: isoDate.optional(),
};

export const ScanRunsQuerySchema = z.strictObject({ ...scanFilters, limit: limitParam(500, 50) });
export const ScanLatestQuerySchema = z.strictObject({ ...scanFilters, limit: limitParam(5000, 500) });
export const ScanRunQuerySchema = z.strictObject({ limit: limitParam(5000, 500) });
export const ScanRunIdSchema = z
  .string()
  .max(80)
  .regex(/^(scan|monitor)-[0-9]{8,20}-[0-9a-f]{8}$/, "must be a run id from /api/scan/runs");

function issue(e: z.ZodError): string {
  const i = e.issues[0];
  return `${i?.path.join(".") || "input"}: ${i?.message ?? "invalid"}`;
}

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** Host name of a Host header value (without the port). */
function hostName(h: string): string {
  const v = h.trim().toLowerCase();
  if (v.startsWith("[")) return v.slice(0, v.indexOf("]") + 1);
  const k = v.lastIndexOf(":");
  return k >= 0 ? v.slice(0, k) : v;
}

/**
 * Builds the app.
 *
 * @example
 * const app = createApp({ clientDir, report: () => ({ state: "building" }), ... });
 */
export function createApp(o: AppOptions): Hono {
  const app = new Hono();
  const extra = o.allowedHosts === "any" ? [] : (o.allowedHosts ?? []);
  const allowed = new Set([
    ...LOCAL_HOSTS,
    ...extra.map((h) => hostName(h.includes(":") && !h.startsWith("[") ? `[${h}]:0` : `${h}:0`)),
  ]);
  const maxBody = o.maxBodyBytes ?? APP_DEFAULTS.maxBodyBytes;

  app.use("*", async (c, next) => {
    const host = c.req.header("host");
    if (o.allowedHosts !== "any" && (host === undefined || !allowed.has(hostName(host)))) {
      const r = c.json({ error: `host ${JSON.stringify(host ?? "")} is not served here` }, 421);
      setSecurityHeaders(r.headers);
      return r;
    }
    await next();
    setSecurityHeaders(c.res.headers);
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: maxBody,
      onError: (c) => c.json({ error: `request body larger than ${maxBody} bytes` }, 413),
    }),
  );

  app.get("/api/report", (c) => {
    const s = o.report();
    if (s.state === "ready") return c.json(s.report);
    if (s.state === "failed") return c.json({ error: `the report could not be built: ${s.error}` }, 500);
    c.header("retry-after", "1");
    return c.json({ status: "building", ...(s.progress ? { progress: s.progress } : {}) }, 503);
  });

  app.get("/api/evidence", (c) => {
    const b = o.evidence();
    if (b) return c.json(b);
    c.header("retry-after", "1");
    return c.json({ status: "loading" }, 503);
  });

  app.post("/api/evidence/query", async (c) => {
    if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json"))
      return c.json({ error: "content-type must be application/json" }, 415);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: "the body is not valid JSON" }, 400);
    }
    const p = EvidenceQuerySchema.safeParse(body);
    if (!p.success) return c.json({ error: issue(p.error) }, 400);
    const { asOf, era, topic, q, limit } = p.data;
    let date: string | null = null;
    if (asOf !== undefined) {
      try {
        date = parseAsOfDate(asOf);
      } catch (e) {
        return c.json({ error: `asOf: ${(e as Error).message}` }, 400);
      }
    }
    const needle = q?.toLowerCase();
    const rows = o
      .figures()
      .filter(
        (f) =>
          (date === null || isKnownOn(f, date)) &&
          (era === undefined || f.era === era) &&
          (topic === undefined || f.topic === topic) &&
          (needle === undefined ||
            [f.id, f.entity, f.metric, f.topic, f.source_title].some((s) => s.toLowerCase().includes(needle))),
      );
    return c.json({
      asOf: date,
      total: rows.length,
      figures: rows.slice(0, limit).map((f) => ({
        id: f.id,
        era: f.era,
        topic: f.topic,
        entity: f.entity,
        metric: f.metric,
        value: f.value,
        unit: f.unit,
        as_of: f.as_of,
        knownFrom: f.knownFrom,
        source_title: f.source_title,
        source_url: f.source_url,
      })),
    });
  });

  app.get("/api/series", (c) => c.json({ series: o.listSeries() }));

  app.get("/api/series/:id", (c) => {
    const id = SeriesIdSchema.safeParse(c.req.param("id"));
    if (!id.success) return c.json({ error: `id: ${id.error.issues[0]?.message}` }, 400);
    const q = SeriesQuerySchema.safeParse(c.req.query());
    if (!q.success) return c.json({ error: issue(q.error) }, 400);
    let s: SeriesPayload | null;
    try {
      s = o.loadSeries(id.data, q.data);
    } catch (e) {
      return c.json({ error: (e as Error).message.split("\n")[0] }, 422);
    }
    return s ? c.json(s) : c.json({ error: `no series "${id.data}"` }, 404);
  });

  const scanAnswer = (c: Context, r: ScanUnavailable) => {
    if (r.unavailable === "busy") {
      c.header("retry-after", "2");
      return c.json({ error: r.message, status: r.unavailable }, 503);
    }
    return c.json({ error: r.message, status: r.unavailable }, 404);
  };
  const noScans = (): ScanUnavailable => ({
    unavailable: "no-store",
    message: "this server reads no data store; run `bubblescope scan --watchlist ai` first",
  });

  app.get("/api/scan/runs", async (c) => {
    const q = ScanRunsQuerySchema.safeParse(c.req.query());
    if (!q.success) return c.json({ error: issue(q.error) }, 400);
    const r = o.scans ? await o.scans.runs(q.data) : noScans();
    if ("unavailable" in r) {
      if (r.unavailable === "busy") return scanAnswer(c, r);
      // An empty list (with the reason), not an error: there is simply nothing recorded yet.
      return c.json({ store: null, total: 0, limit: q.data.limit, baskets: [], runs: [], message: r.message });
    }
    return c.json(r);
  });

  app.get("/api/scan/latest", async (c) => {
    const q = ScanLatestQuerySchema.safeParse(c.req.query());
    if (!q.success) return c.json({ error: issue(q.error) }, 400);
    const r = o.scans ? await o.scans.run(q.data) : noScans();
    return "unavailable" in r ? scanAnswer(c, r) : c.json(r);
  });

  app.get("/api/scan/runs/:id", async (c) => {
    const id = ScanRunIdSchema.safeParse(c.req.param("id"));
    if (!id.success) return c.json({ error: `id: ${id.error.issues[0]?.message}` }, 400);
    const q = ScanRunQuerySchema.safeParse(c.req.query());
    if (!q.success) return c.json({ error: issue(q.error) }, 400);
    const r = o.scans ? await o.scans.run({ id: id.data, limit: q.data.limit }) : noScans();
    return "unavailable" in r ? scanAnswer(c, r) : c.json(r);
  });

  // A known route asked with the wrong method is 405 with the methods it takes (not 404).
  const only = (allow: string) => (c: Context) => {
    c.header("allow", allow);
    return c.json({ error: `method not allowed (allowed: ${allow})` }, 405);
  };
  app.all("/api/evidence/query", only("POST"));
  for (const route of [
    "/api/report",
    "/api/evidence",
    "/api/series",
    "/api/series/:id",
    "/api/scan/runs",
    "/api/scan/latest",
    "/api/scan/runs/:id",
  ])
    app.all(route, only("GET, HEAD"));
  app.all("/api/*", (c) => c.json({ error: "not found" }, 404));

  app.all("*", (c) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      c.header("allow", "GET, HEAD");
      return c.text("method not allowed", 405);
    }
    const client = o.client?.() ?? "ready";
    if (client !== "ready") {
      if (typeof client === "object") return c.text(`the dashboard client could not be built: ${client.error}`, 500);
      // No script (the CSP forbids inline ones): the page reloads itself until the bundle is there.
      c.header("retry-after", "1");
      return c.html(
        '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="1"><title>bubblescope</title><p>Preparing the dashboard…</p>',
        503,
      );
    }
    // The raw (still encoded) path: decoding is done per segment by resolveStatic.
    const url = c.req.url;
    const start = url.indexOf("/", url.indexOf("//") + 2);
    const end = url.search(/[?#]/);
    const raw = start < 0 ? "/" : url.slice(start, end > start ? end : undefined);
    const file = resolveStatic(o.clientDir, raw);
    if (!file) return c.text("not found", 404);
    const { body, headers } = readStatic(file);
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    if (c.req.method === "HEAD") return c.body(null, 200);
    return c.body(new Uint8Array(body), 200);
  });

  app.onError((err, c) => c.json({ error: err.message.split("\n")[0] }, 500));
  return app;
}

function setSecurityHeaders(h: Headers): void {
  h.set("content-security-policy", CSP);
  h.set("x-content-type-options", "nosniff");
  h.set("referrer-policy", "no-referrer");
  h.set("x-frame-options", "DENY");
  h.set("cross-origin-opener-policy", "same-origin");
  h.set("cross-origin-resource-policy", "same-origin");
  h.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
}
