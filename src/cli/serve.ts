/**
 * `bubblescope serve`: the local dashboard (Hono server + Preact/ECharts client; see src/web/ and
 * docs/dashboard.md). Binds 127.0.0.1 unless --host is given; binding anything else prints a warning on stderr.
 * Prints the URL on stdout and runs until interrupted.
 */
import type { Command } from "commander";
import { ANALYSIS_DEFAULTS } from "../analysis/series.ts";
import { UsageError } from "./errors.ts";

interface ServeFlags {
  port: string;
  host?: string;
  data?: string;
  nrep: string;
  seed: string;
  rebuild?: boolean;
}

function intFlag(name: string, v: string, min: number, max: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
    throw new UsageError(`--${name} must be an integer in ${min}–${max}, got "${v}"`);
  return Number(v);
}

/**
 * The warning printed when the dashboard is bound beyond the loopback interface, or null for a loopback address.
 *
 * @example
 * bindWarning("0.0.0.0"); // "binding 0.0.0.0 makes the dashboard reachable …"
 */
export function bindWarning(host: string): string | null {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return null;
  return `binding ${host} makes the dashboard reachable from other machines (it has no authentication)`;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("the local dashboard: verdicts, claims, evidence, assumptions, PSY on any series, deals")
    .option("--port <n>", "port (0 = any free port)", "8787")
    .option("--host <h>", "address to bind (default 127.0.0.1; anything else exposes the dashboard)")
    .option("--data <dir>", "folder of price CSVs (date,open,high,low,close,adj_close,volume)")
    .option(
      "--nrep <n>",
      "Monte Carlo replications for the report's PSY critical values",
      String(ANALYSIS_DEFAULTS.psyNrep),
    )
    .option("--seed <s>", "seed for the Monte Carlo parts", "123")
    .option("--rebuild", "rebuild the client bundle even if it looks current")
    .action(async (flags: ServeFlags) => {
      const port = intFlag("port", flags.port, 0, 65535);
      const nrep = intFlag("nrep", flags.nrep, 2, 100_000);
      const seed = intFlag("seed", flags.seed, 0, Number.MAX_SAFE_INTEGER);
      if (flags.host !== undefined && !/^[A-Za-z0-9.:-]+$/.test(flags.host))
        throw new UsageError(`--host must be a host name or IP address, got "${flags.host}"`);
      const host = flags.host ?? "127.0.0.1";
      const warning = bindWarning(host);
      if (warning) process.stderr.write(`bubblescope: warning: ${warning}\n`);
      const { startServer } = await import("../web/server/start.ts");
      const s = await startServer({
        port,
        host,
        nrep,
        seed,
        ...(flags.data ? { dataDir: flags.data } : {}),
        rebuild: flags.rebuild === true,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`bubblescope dashboard: ${s.url}\n`);
      const stop = () => {
        void s.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
