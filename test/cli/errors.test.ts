/**
 * The CLI's one error path (issue 11, defects 4 and 10): control characters from input are escaped in every
 * message and warning, a message is one line, and the exit code follows one rule (bad flags 2, bad data 1).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  errorLine,
  escapeControl,
  exitCodeOf,
  MAX_MESSAGE,
  safeLine,
  UsageError,
  warningLine,
} from "../../src/cli/errors.ts";
import { capThreads, checkInputSize, intFlag } from "../../src/cli/limits.ts";
import { runCli } from "../helpers/cli.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-errors-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const ESC = String.fromCharCode(27);
const BEL = String.fromCharCode(7);
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 32 && c !== "\n");

test("escapeControl shows ESC, BEL, CR, LF, tab, C1 and bidi overrides as escapes", () => {
  assert.equal(escapeControl(`a${ESC}[31mb`), "a\\x1b[31mb");
  assert.equal(escapeControl(`t${ESC}]0;title${BEL}`), "t\\x1b]0;title\\x07");
  assert.equal(escapeControl("l1\nl2\r\t"), "l1\\nl2\\r\\t");
  assert.equal(escapeControl("\u009b31m"), "\\x9b31m");
  assert.equal(escapeControl("abc\u202edef"), "abc\\u202edef");
  assert.equal(escapeControl("plain ASCII, accents é and — dashes"), "plain ASCII, accents é and — dashes");
});

test("safeLine is one line and bounded; errorLine and warningLine use it", () => {
  assert.equal(safeLine("  x\n"), "x");
  assert.equal(safeLine("a".repeat(5000)).length, MAX_MESSAGE);
  assert.equal(errorLine(new Error(`bad "${ESC}[2J"\nsecond`)), 'bubblescope: bad "\\x1b[2J"\\nsecond\n');
  assert.equal(warningLine(`w${ESC}`), "bubblescope: warning: w\\x1b\n");
  assert.equal(errorLine("str"), "bubblescope: str\n");
});

test("exit-code rule: a UsageError is 2, anything else 1", () => {
  assert.equal(exitCodeOf(new UsageError("x")), 2);
  assert.equal(exitCodeOf(new RangeError("x")), 1);
  assert.equal(exitCodeOf(new Error("x")), 1);
  assert.equal(exitCodeOf("thrown string"), 1);
});

test("integer flags: safe integers only; an oversized --seed is a usage error (regression: exit 1 'got 1e+23')", () => {
  assert.equal(intFlag("seed", "123", 0), 123);
  assert.equal(intFlag("lag", "+2", 0), 2);
  for (const bad of ["100000000000000000000000", "9007199254740993", "1e3", "1.5", "", " ", "-1", "0x10", "NaN"])
    assert.throws(() => intFlag("seed", bad, 0), UsageError, bad);
  assert.throws(() => intFlag("level", "7", 1, 5), /--level must be an integer in 1..5, got "7"/);
});

test("capThreads caps at the cores and warns once", () => {
  assert.equal(capThreads(1, 2), 1);
  assert.equal(capThreads(2, 2), 2);
  const writes: string[] = [];
  const orig = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => {
    writes.push(String(s));
    return true;
  }) as typeof process.stderr.write;
  try {
    assert.equal(capThreads(999, 2), 2);
    assert.equal(capThreads(500, 2), 2);
  } finally {
    process.stderr.write = orig;
  }
  assert.equal(writes.length, 1, "said once");
  assert.match(
    writes[0],
    /^bubblescope: warning: --threads 999 is more than the 2 core\(s\) of this machine: using 2 threads\n$/,
  );
});

test("checkInputSize: refuses above the limit with a suggestion, unless allowed", () => {
  assert.doesNotThrow(() => checkInputSize("psy", 10, 10, false, "observations"));
  assert.doesNotThrow(() => checkInputSize("psy", 11, 10, true, "observations"));
  assert.throws(
    () => checkInputSize("psy", 757000, 5000, false, "observations"),
    /psy: 757000 observations is above the limit of 5000 .*--from\/--to.*weekly.*--allow-large/,
  );
});

test("a CSV header with terminal escapes reaches stderr escaped, on one line (regression: raw ESC on the terminal)", () => {
  const f = join(tmp, "evil.csv");
  writeFileSync(f, `date,"${ESC}]0;pwned${BEL}${ESC}[31mclose\r"\n2020-01-01,abc\n`);
  const r = runCli(["psy", f]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(hasControl(r.stderr), false, JSON.stringify(r.stderr));
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /\\x1b\]0;pwned\\x07\\x1b\[31mclose"/);
  // An unknown option (Commander's own message) goes through the same escaping.
  const u = runCli(["psy", f, `--x${ESC}[2J`]);
  assert.equal(u.code, 2);
  assert.equal(hasControl(u.stderr), false, JSON.stringify(u.stderr));
});
