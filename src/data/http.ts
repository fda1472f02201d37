/**
 * HTTP GET for the connectors, on the global `fetch`: a timeout per attempt, retries with exponential backoff and
 * jitter on 429, 5xx, timeouts and dropped connections (honouring `Retry-After`), an optional rate limiter (SEC
 * asks for at most 10 requests/s), a declared User-Agent, and checks that the body is what was asked for: an
 * HTML page served with status 200 (a bot challenge or a login page) or a wrong content type fails with a clear
 * one-line message instead of being parsed as data. DNS failures and refused connections fail at once with an
 * "offline?" message. The clock and the random source are injectable so tests are deterministic.
 */

import { RandomStream } from "../core/rng.ts";

/**
 * Jitter only spreads retries of concurrent clients apart, so it is seeded from the clock and process id rather than
 * fixed; it never touches results (the project's rule: no Math.random).
 */
const jitterStream = new RandomStream((Date.now() ^ (process.pid << 10)) >>> 0, 0);
const defaultJitter = (): number => jitterStream.uniform();

/** What went wrong, for callers and tests. */
export type HttpErrorKind = "offline" | "timeout" | "status" | "html" | "content-type" | "network" | "too-large";

/** A failed request; the message is one line and names the URL (API keys redacted). */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly kind: HttpErrorKind,
    readonly status?: number,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** What body the caller expects. */
export type Expect = "json" | "csv" | "any";

/** Options of {@link httpGet}. */
export interface HttpOptions {
  /** Per-attempt timeout in ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  readonly retries?: number;
  /** First backoff delay in ms (default 500); doubles each retry. */
  readonly baseDelayMs?: number;
  /** Backoff cap in ms (default 20 000). */
  readonly maxDelayMs?: number;
  /** Random numbers in [0, 1) for the jitter (default: a RandomStream seeded per process; inject one in tests). */
  readonly random?: () => number;
  /** Sleep (default setTimeout; inject to record delays in tests). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** User-Agent header (default "bubblescope/0.1.0"). */
  readonly userAgent?: string;
  /** Extra headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Rate limiter shared by all requests to one service. */
  readonly limiter?: RateLimiter;
  /** Body size limit in bytes (default 256 MB). */
  readonly maxBytes?: number;
  /** URL to show in messages (e.g. with the API key redacted); default the URL itself. */
  readonly displayUrl?: string;
  /** Called before each retry (for progress output and tests). */
  readonly onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

/** A successful response. */
export interface HttpResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly bytes: number;
}

const DEFAULTS = Object.freeze({
  timeoutMs: 30_000,
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  userAgent: "bubblescope/0.1.0",
  maxBytes: 256 * 1024 * 1024,
});

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Spaces request starts at least `1000 / perSecond` ms apart (a token bucket of size 1).
 *
 * @example
 * const sec = new RateLimiter(10); await sec.take(); // at most 10 starts per second
 */
export class RateLimiter {
  private next = 0;
  constructor(
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = defaultSleep,
  ) {
    if (!(perSecond > 0)) throw new RangeError(`RateLimiter needs perSecond > 0, got ${perSecond}`);
  }

  /** Waits for the next slot. */
  async take(): Promise<void> {
    const t = this.now();
    const slot = Math.max(t, this.next);
    this.next = slot + 1000 / this.perSecond;
    if (slot > t) await this.sleep(slot - t);
  }
}

/**
 * Backoff delay before retry `attempt` (0-based): min(cap, base·2^attempt) scaled by a jitter in [0.5, 1)
 * ("equal jitter": never less than half the exponential step, so retries stay spread out).
 *
 * @example
 * backoffDelay(2, 500, 20000, () => 0); // 1000
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const exp = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(exp * (0.5 + 0.5 * random()));
}

/** Parses Retry-After (seconds or an HTTP date) to ms, or undefined. */
export function parseRetryAfter(v: string | null, now: number = Date.now()): number | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** True when the first bytes of a body look like an HTML document. */
export function looksLikeHtml(body: string): boolean {
  const head = body.slice(0, 1024).trimStart().toLowerCase();
  return /^(<!doctype html|<html|<head|<body|<!--)/.test(head) || (head.startsWith("<") && head.includes("<title"));
}

function htmlTitle(body: string): string {
  const m = /<title[^>]*>([^<]{0,120})/i.exec(body);
  return m ? ` (page title: "${m[1].trim().replace(/\s+/g, " ")}")` : "";
}

const JSON_TYPES = /(^application\/([a-z.+-]*\+)?json|^text\/json|^text\/plain)/;
const CSV_TYPES =
  /^(text\/csv|text\/plain|text\/x-csv|text\/comma-separated-values|application\/csv|application\/x-csv|application\/octet-stream|application\/vnd\.ms-excel|binary\/octet-stream)/;

function checkBody(expect: Expect, contentType: string, body: string, shown: string, status: number): void {
  const ct = contentType.toLowerCase();
  if (expect !== "any" && (ct.startsWith("text/html") || looksLikeHtml(body))) {
    throw new HttpError(
      `${shown} returned an HTML page (HTTP ${status}) instead of ${expect.toUpperCase()}${htmlTitle(body)}: probably a bot check, a captcha or an error page; try later or import a CSV file instead`,
      "html",
      status,
    );
  }
  if (ct === "") return;
  if (expect === "json" && !JSON_TYPES.test(ct)) {
    throw new HttpError(`${shown} returned content-type "${contentType}", expected JSON`, "content-type", status);
  }
  if (expect === "csv" && !CSV_TYPES.test(ct)) {
    throw new HttpError(`${shown} returned content-type "${contentType}", expected CSV`, "content-type", status);
  }
}

const OFFLINE_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ENETUNREACH", "EHOSTUNREACH", "ENETDOWN"]);

function causeCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === "object"; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * GETs `url` and returns its body as text, retrying transient failures.
 *
 * @example
 * const { body } = await httpGet("https://fred.stlouisfed.org/graph/fredgraph.csv?id=GDP", "csv");
 */
export async function httpGet(url: string, expect: Expect, options: HttpOptions = {}): Promise<HttpResponse> {
  const o = { ...DEFAULTS, ...options };
  const random = options.random ?? defaultJitter;
  const sleep = options.sleep ?? defaultSleep;
  const shown = options.displayUrl ?? url;
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      throw new RangeError(`not a valid URL: ${shown}`);
    }
  })();
  let lastReason = "";
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    if (options.limiter) await options.limiter.take();
    let retryAfterMs: number | undefined;
    try {
      const res = await fetch(url, {
        headers: { "User-Agent": o.userAgent, Accept: acceptHeader(expect), ...(options.headers ?? {}) },
        signal: AbortSignal.timeout(o.timeoutMs),
        redirect: "follow",
      });
      const contentType = res.headers.get("content-type") ?? "";
      if (res.status === 429 || res.status >= 500) {
        retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
        await res.body?.cancel().catch(() => {});
        lastReason = `HTTP ${res.status}${res.status === 429 ? " (too many requests)" : ""}`;
        throw new RetryableSignal(lastReason, res.status);
      }
      const len = Number(res.headers.get("content-length") ?? "0");
      if (len > o.maxBytes) {
        await res.body?.cancel().catch(() => {});
        throw new HttpError(`${shown}: response of ${len} bytes exceeds the ${o.maxBytes}-byte limit`, "too-large");
      }
      const buf = new Uint8Array(await res.arrayBuffer());
      if (buf.length > o.maxBytes) throw new HttpError(`${shown}: response exceeds ${o.maxBytes} bytes`, "too-large");
      const body = new TextDecoder("utf-8").decode(buf);
      if (res.status >= 400) {
        checkBody("any", contentType, body, shown, res.status);
        const detail = body.trim().replace(/\s+/g, " ").slice(0, 160);
        throw new HttpError(
          `${shown} answered HTTP ${res.status} ${res.statusText}${detail ? `: ${detail}` : ""}`,
          "status",
          res.status,
        );
      }
      checkBody(expect, contentType, body, shown, res.status);
      return { status: res.status, contentType, body, bytes: buf.length };
    } catch (err) {
      if (err instanceof HttpError) throw err;
      let kind: HttpErrorKind = "network";
      if (err instanceof RetryableSignal) {
        kind = "status";
      } else if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
        kind = "timeout";
        lastReason = `timed out after ${o.timeoutMs} ms`;
      } else {
        const code = causeCode(err);
        if (code && OFFLINE_CODES.has(code)) {
          throw new HttpError(
            `cannot reach ${host} (${code}): are you offline? Use --offline to work from the cache`,
            "offline",
          );
        }
        lastReason = `connection failed (${code ?? (err instanceof Error ? err.message : String(err))})`;
      }
      if (attempt === o.retries) {
        const status = err instanceof RetryableSignal ? err.status : undefined;
        throw new HttpError(`${shown}: ${lastReason}; gave up after ${o.retries + 1} attempts`, kind, status);
      }
      const delay = Math.max(
        backoffDelay(attempt, o.baseDelayMs, o.maxDelayMs, random),
        Math.min(retryAfterMs ?? 0, 60_000),
      );
      options.onRetry?.({ attempt: attempt + 1, delayMs: delay, reason: lastReason });
      await sleep(delay);
    }
  }
  throw new HttpError(`${shown}: ${lastReason}`, "network");
}

class RetryableSignal extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function acceptHeader(expect: Expect): string {
  if (expect === "json") return "application/json";
  if (expect === "csv") return "text/csv, text/plain;q=0.9, */*;q=0.5";
  return "*/*";
}
