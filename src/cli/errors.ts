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
import { UsageError } from "../core/errors.ts";

export { UsageError };

/** Longest message printed (characters, after escaping); longer ones end with "…". */
export const MAX_MESSAGE = 1000;

// C0 controls, DEL, C1 controls, line/paragraph separators, bidi embeddings/overrides/isolates, BOM.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's purpose.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Escapes control characters so text is inert on a terminal and stays on one line.
 *
 * @example
 * escapeControl("a\u001b[31mb\nc"); // "a\\x1b[31mb\\nc"
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const k = c.charCodeAt(0);
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return k <= 0xff ? `\\x${k.toString(16).padStart(2, "0")}` : `\\u${k.toString(16).padStart(4, "0")}`;
  });
}

/**
 * One printable line: trailing whitespace trimmed, control characters escaped, capped at {@link MAX_MESSAGE}.
 *
 * @example
 * safeLine("bad header \"\u001b]0;pwned\u0007\"\n"); // 'bad header "\\x1b]0;pwned\\x07"'
 */
export function safeLine(text: string): string {
  const s = escapeControl(text.trim());
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1)}…` : s;
}

/** The message of anything thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `bubblescope: <message>` + newline, the line every failure prints on stderr. */
export function errorLine(err: unknown): string {
  return `bubblescope: ${safeLine(errorMessage(err))}\n`;
}

/** `bubblescope: warning: <message>` + newline: warnings go through the same escaping. */
export function warningLine(message: string): string {
  return `bubblescope: warning: ${safeLine(message)}\n`;
}

/** Exit code of a failure: 2 for a UsageError, 1 for anything else (see the rule above). */
export function exitCodeOf(err: unknown): 1 | 2 {
  return err instanceof UsageError ? 2 : 1;
}
