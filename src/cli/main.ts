/**
 * The `bubblescope` command line. Every failure becomes one line on stderr (`bubblescope: <what went wrong>`) and a
 * non-zero exit code; never a stack trace (set BUBBLESCOPE_DEBUG=1 to see one).
 *
 * Start-up is lazy. This file imports only commander and the table below; a command's module (and whatever it
 * imports: DuckDB, ECharts, zod schemas, Hono, resvg, the report) is loaded with a dynamic import only when that
 * command runs or its own help is asked for. `bubblescope --help` lists every command from the table alone.
 *
 * Adding a command takes two steps:
 *   1. a module `src/cli/<name>.ts` exporting `register<Name>(program: Command): void`, which declares the command
 *      (`program.command("<name>")`, its description, arguments, options, subcommands) and its action. Keep its
 *      heavy imports inside the action (`await import(...)`) when the command has cheap paths such as `--help`;
 *   2. one entry in COMMANDS below: `{ name, summary, args?, load: async () => (await import("./<name>.ts")).register<Name> }`.
 *      `summary` must equal the description the module sets (test/cli/main.test.ts checks every entry), `args` is
 *      shown in the top-level help (e.g. "<file>").
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { errorLine, exitCodeOf, safeLine } from "./errors.ts";

export { UsageError } from "./errors.ts";

/** One command of the CLI: what the top-level help shows, and how to load its real definition. */
export interface CommandEntry {
  readonly name: string;
  /** The command's description (identical to the one its module registers). */
  readonly summary: string;
  /** Arguments shown in the top-level help, e.g. "<file>". */
  readonly args?: string;
  /** Loads the command's module and returns its register function. */
  readonly load: () => Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "psy",
    summary: "PSY GSADF/BSADF bubble tests with critical values and date-stamped episodes",
    args: "<file>",
    load: async () => (await import("./psy.ts")).registerPsy,
  },
  {
    name: "psy-adjusted",
    summary: "technology-adjusted PSY (Chen et al. 2026): PSY on the residual of price on technology proxies",
    args: "[file]",
    load: async () => (await import("./psy-adjusted.ts")).registerPsyAdjusted,
  },
  {
    name: "lppls",
    summary: "LPPLS bubble fit (critical time, qualification, tc distribution) or confidence indicator",
    args: "<file>",
    load: async () => (await import("./lppls.ts")).registerLppls,
  },
  {
    name: "evidence",
    summary: "the evidence ledger: validate, list, model",
    load: async () => (await import("./evidence.ts")).registerEvidence,
  },
  {
    name: "report",
    summary: "Is AI a bubble? The complete, sourced report for both eras (terminal summary + HTML/JSON folder)",
    load: async () => (await import("./report.ts")).registerReport,
  },
  {
    name: "data",
    summary: "price series and fundamentals: import CSV, pull from FRED/Stooq/SEC, list, export",
    load: async () => (await import("./data.ts")).registerData,
  },
  {
    name: "serve",
    summary: "the local dashboard: verdicts, claims, evidence, assumptions, PSY on any series, deals",
    load: async () => (await import("./serve.ts")).registerServe,
  },
  {
    name: "predictions",
    summary: "the predictions ledger: forecasts with status and scores; verify the hash chain",
    load: async () => (await import("./predictions.ts")).registerPredictions,
  },
  {
    name: "scan",
    summary: "scan many series at once: PSY, LPPLS, GSY, GMO per series, ranked, with the basket's breadth",
    args: "[dir]",
    load: async () => (await import("./scan.ts")).registerScan,
  },
  {
    name: "monitor",
    summary: "scan the latest data and report what changed since the last run (exit 3 on a new alarm)",
    args: "[dir]",
    load: async () => (await import("./monitor.ts")).registerMonitor,
  },
  {
    name: "worker",
    summary: "process scan jobs from a BullMQ queue (see scan --queue)",
    load: async () => (await import("./worker.ts")).registerWorker,
  },
];

/** The package's version, read from package.json (the same relative path from src/cli/ and dist/cli/). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * The command that argv addresses (its first word, or the word after `help`), or undefined for the top level.
 *
 * @example
 * targetCommand(["psy", "x.csv"]); // "psy"
 * targetCommand(["help", "report"]); // "report"
 * targetCommand(["--help"]); // undefined
 */
export function targetCommand(argv: readonly string[]): string | undefined {
  const first = argv[0];
  if (first === undefined || first.startsWith("-")) return undefined;
  if (first === "help" && argv[1] !== undefined && !argv[1].startsWith("-")) return argv[1];
  return first;
}

/**
 * Builds the program. The command named `load` (or every command with "all") is registered for real, from its
 * module; the others are listed by name and summary only, so nothing heavy is imported.
 */
export async function buildProgram(load?: string): Promise<Command> {
  const program = new Command();
  program
    .name("bubblescope")
    .description("Is this market in a bubble? Evidence, bubble tests and a sourced report.")
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(`bubblescope: ${safeLine(s.replace(/^error: /, ""))}\n`),
    });
  for (const entry of COMMANDS) {
    if (load === "all" || load === entry.name) {
      (await entry.load())(program);
    } else {
      const stub = program.command(entry.name).description(entry.summary);
      if (entry.args) for (const a of entry.args.split(" ")) stub.argument(a);
    }
  }
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const program = await buildProgram(targetCommand(argv));
    await program.parseAsync([...argv], { from: "user" });
    // A command may set its own exit code on success (monitor: 3 = new alarm).
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version also arrive here with exit code 0; the message was already printed.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (process.env.BUBBLESCOPE_DEBUG) console.error(err);
    process.stderr.write(errorLine(err));
    return exitCodeOf(err);
  }
}
