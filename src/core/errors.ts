/** Error types shared by every layer: a UsageError (a bad option or flag) maps to exit code 2 in the CLI. */
export class UsageError extends Error {}

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

/** `bubblescope: warning: <message>` + newline: warnings go through the same escaping. */
export function warningLine(message: string): string {
  return `bubblescope: warning: ${safeLine(message)}\n`;
}
