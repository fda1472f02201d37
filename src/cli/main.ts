/**
 * The `bubblescope` command line: one file per command, registered here. Every failure becomes one line on
 * stderr (`bubblescope: <what went wrong>`) and a non-zero exit code; never a stack trace (set
 * BUBBLESCOPE_DEBUG=1 to see one).
 */
import { Command, CommanderError } from "commander";
import { registerData } from "./data.ts";
import { UsageError } from "./errors.ts";
import { registerEvidence } from "./evidence.ts";
import { registerLppls } from "./lppls.ts";
import { registerMonitor } from "./monitor.ts";
import { registerPsy } from "./psy.ts";
import { registerReport } from "./report.ts";
import { registerScan } from "./scan.ts";
import { registerServe } from "./serve.ts";
import { registerWorker } from "./worker.ts";

export { UsageError } from "./errors.ts";

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("bubblescope")
    .description("Is this market in a bubble? Evidence, bubble tests and a sourced report.")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(`bubblescope: ${s.replace(/^error: /, "").trim()}\n`),
    });
  registerPsy(program);
  registerLppls(program);
  registerEvidence(program);
  registerReport(program);
  registerData(program);
  registerServe(program);
  registerScan(program);
  registerMonitor(program);
  registerWorker(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: "user" });
    // A command may set its own exit code on success (monitor: 3 = new alarm).
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version also arrive here with exit code 0; the message was already printed.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (process.env.BUBBLESCOPE_DEBUG) console.error(err);
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`bubblescope: ${msg.split("\n")[0]}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}
