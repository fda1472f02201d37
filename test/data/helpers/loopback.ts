/**
 * A loopback HTTP server (127.0.0.1, ephemeral port) for connector tests: each request is answered by a handler
 * that sees the path and how many times that path was requested, and returns a canned reply: status, headers,
 * body, an optional delay, `hang` (never answer), or `truncate` (announce more bytes than sent, then drop the
 * socket). Every request is recorded (path and User-Agent). `close()` ends open sockets, so tests never leak.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/data");

/** Reads a fixture file as text. */
export function fixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), "utf8");
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  hang?: boolean;
  truncate?: boolean;
}

export type Handler = (path: string, nth: number, req: IncomingMessage) => Reply;

export interface Loopback {
  readonly url: string;
  readonly requests: { path: string; userAgent: string; at: number }[];
  close(): Promise<void>;
}

/** Starts a server; `handler` gets the path (with query) and the 1-based count of requests to that path. */
export async function startLoopback(handler: Handler): Promise<Loopback> {
  const counts = new Map<string, number>();
  const requests: { path: string; userAgent: string; at: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? "/";
    const nth = (counts.get(path) ?? 0) + 1;
    counts.set(path, nth);
    requests.push({ path, userAgent: String(req.headers["user-agent"] ?? ""), at: Date.now() });
    const r = handler(path, nth, req);
    if (r.hang) return;
    const send = (): void => {
      const body = Buffer.from(r.body ?? "", "utf8");
      if (r.truncate) {
        res.writeHead(r.status ?? 200, { "content-length": String(body.length * 2), ...(r.headers ?? {}) });
        res.write(body);
        res.socket?.destroy();
        return;
      }
      res.writeHead(r.status ?? 200, { "content-length": String(body.length), ...(r.headers ?? {}) });
      res.end(body);
    };
    if (r.delayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        send();
      }, r.delayMs);
      timers.add(t);
    } else send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A handler serving the recorded fixtures at the paths the connectors request (404 elsewhere). */
export function fixtureRoutes(path: string): Reply {
  const json = { "content-type": "application/json" };
  const csv = { "content-type": "text/csv; charset=utf-8" };
  if (path === "/api/xbrl/companyfacts/CIK0000789019.json")
    return { headers: json, body: fixture("sec", "companyfacts_CIK0000789019.json") };
  if (path === "/graph/fredgraph.csv?id=NASDAQCOM")
    return { headers: csv, body: fixture("fred", "fredgraph_NASDAQCOM.csv") };
  if (path === "/graph/fredgraph.csv?id=GDP") return { headers: csv, body: fixture("fred", "fredgraph_GDP.csv") };
  if (path.startsWith("/fred/series/observations?series_id=CPIAUCSL&"))
    return { headers: json, body: fixture("fred", "observations_CPIAUCSL.json") };
  if (path === "/q/d/l/?s=nvda.us&i=d")
    return { headers: { "content-type": "application/octet-stream" }, body: fixture("stooq", "nvda.us.csv") };
  if (path === "/q/d/l/?s=%5Esox&i=d") return { headers: csv, body: fixture("stooq", "sox.csv") };
  return { status: 404, headers: { "content-type": "text/plain" }, body: "Not Found" };
}
