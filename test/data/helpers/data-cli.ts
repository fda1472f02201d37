/**
 * A stand-alone `bubblescope data …` entry for tests: the same error mapping as src/cli/main.ts (one escaped line
 * `bubblescope: <message>` on stderr, exit 2 for a UsageError, else 1) but registering only the data commands, so data tests do not depend
 * on other commands' files. `runDataCli` runs in-process and captures stdout/stderr; run this file directly
 * (`node --import tsx test/data/helpers/data-cli.ts data pull …`) for child-process tests.
 */
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { type DataIo, registerData } from "../../../src/cli/data.ts";
import { errorLine, exitCodeOf } from "../../../src/cli/errors.ts";

/** Builds a program with only the data commands. */
const STD: DataIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

export function dataProgram(io: DataIo = STD): Command {
  const program = new Command().name("bubblescope").exitOverride();
  program.configureOutput({
    writeErr: io.stderr,
    writeOut: io.stdout,
    outputError: (s, write) => write(`bubblescope: ${s.replace(/^error: /, "").trim()}\n`),
  });
  registerData(program, io);
  return program;
}

/** Runs argv; resolves to the exit code like main.ts. */
export async function runArgv(argv: readonly string[], io: DataIo = STD): Promise<number> {
  try {
    await dataProgram(io).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    io.stderr(errorLine(err));
    return exitCodeOf(err);
  }
}

/** Runs the data CLI in-process, capturing its output (the process streams are left alone: node:test uses them). */
/** ANSI colour sequences (ESC [ … m). */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

export async function runDataCli(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runArgv(argv, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  });
  // Colours depend on the environment (picocolors turns them on when CI is set): compare plain text.
  const plain = (t: string) => t.replace(ANSI, "");
  return { code, stdout: plain(stdout), stderr: plain(stderr) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runArgv(process.argv.slice(2));
}
