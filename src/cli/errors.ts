/**
 * The CLI's one error path. Exit-code rule, for every command: a bad flag or flag value (unknown option, value out
 * of range, wrong format, conflicting flags, an unusable --out path) is a UsageError → exit 2; bad data (a file
 * that is missing, malformed, too short, too large, non-finite) or any other failure → exit 1; success → 0.
 *
 * Every message reaches the terminal through {@link safeLine}: control characters (ESC, CR, LF, BEL, C1 controls,
 * bidirectional overrides) that a CSV header, a file name or a server response could carry are shown escaped
 * (`\x1b`, `\n`, `\u202e`), so input can never move the cursor, recolour or rewrite the terminal, and a message
 * is always exactly one line.
 */

/** A bad flag or flag value: exit code 2 (defined in core so every layer can throw it). */
import { escapeControl, MAX_MESSAGE, safeLine, UsageError, warningLine } from "../core/errors.ts";

export { escapeControl, MAX_MESSAGE, safeLine, UsageError, warningLine };

/** The message of anything thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `bubblescope: <message>` + newline, the line every failure prints on stderr. */
export function errorLine(err: unknown): string {
  return `bubblescope: ${safeLine(errorMessage(err))}\n`;
}

/** Exit code of a failure: 2 for a UsageError, 1 for anything else (see the rule above). */
export function exitCodeOf(err: unknown): 1 | 2 {
  return err instanceof UsageError ? 2 : 1;
}
