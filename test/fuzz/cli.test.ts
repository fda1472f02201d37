/**
 * Fuzzing every parser and flag set of the CLI (issue 11): the price CSV behind `psy`/`lppls`, the CSV importer
 * behind `data import`, the ledger CSV behind `evidence check`, and the flags of `psy` and `lppls`. Properties:
 * one line on stderr (`bubblescope: …`, no control character, no stack), the rule's exit code (bad flags 2, bad
 * data 1), and nothing written on failure (no --svg file, no temporary, no series in the store). Runs in-process
 * with main.ts's error mapping; a few hundred cases per parser here, FUZZ_RUNS=10000 (or NIGHTLY=1) nightly.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Command, CommanderError } from "commander";
import fc from "fast-check";
import { errorLine, exitCodeOf } from "../../src/cli/errors.ts";
import { registerLppls } from "../../src/cli/lppls.ts";
import { registerPsy } from "../../src/cli/psy.ts";
import { parseDeals, parseFigures } from "../../src/evidence/load.ts";
import { runDataCli } from "../data/helpers/data-cli.ts";
import { FUZZ_SEED, fuzzRuns, isCleanLine } from "./runs.ts";

const dir = mkdtempSync(join(tmpdir(), "bs-fuzz-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));
process.env.BUBBLESCOPE_CACHE = join(dir, "cache");

/** Runs one command in-process as main.ts does; stdout is captured so results do not reach the test reporter. */
async function run(register: (p: Command) => void, args: string[]): Promise<{ code: number; stderr: string }> {
  const program = new Command().name("bubblescope").exitOverride();
  let stderr = "";
  program.configureOutput({
    writeErr: (s) => {
      stderr += s;
    },
    writeOut: () => {},
    outputError: (s, write) => write(`bubblescope: ${s.replace(/^error: /, "").trim()}\n`),
  });
  register(program);
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await program.parseAsync(args, { from: "user" });
    return { code: 0, stderr };
  } catch (err) {
    if (err instanceof CommanderError) return { code: err.exitCode === 0 ? 0 : 2, stderr };
    return { code: exitCodeOf(err), stderr: errorLine(err) };
  } finally {
    process.stdout.write = write;
  }
}

function assertOneLine(stderr: string, what: string): void {
  const lines = stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `${what}: ${JSON.stringify(stderr)}`);
  assert.match(lines[0], /^bubblescope: /, what);
  assert.ok(isCleanLine(lines[0]), `${what}: ${JSON.stringify(lines[0])}`);
}

const csvPiece = fc.constantFrom(
  ...'0123456789.,-+eE"\n\r\t ;ab'.split(""),
  "date",
  "close",
  "price",
  "2020-01-0",
  "2020-02-30",
  "NA",
  "Inf",
  "-Infinity",
  "1e308",
  "\u001b[31m",
  "\u202e",
  "\ufeff",
  "\u0000",
);
/** Mostly-valid dated tables, damaged at random. */
const table = fc
  .tuple(
    fc.integer({ min: 0, max: 70 }),
    fc.array(fc.tuple(fc.nat({ max: 80 }), csvPiece), { maxLength: 4 }),
    fc.double({ min: -1, max: 3, noNaN: true }),
  )
  .map(([n, damage, drift]) => {
    const rows = ["date,price"];
    let y = 100;
    for (let i = 0; i < n; i++) {
      y = Math.max(0.01, y * (1 + 0.01 * drift) + Math.sin(i) * 2);
      rows.push(`${new Date(Date.UTC(2020, 0, 1) + i * 86400000).toISOString().slice(0, 10)},${y.toFixed(3)}`);
    }
    let text = rows.join("\n");
    for (const [at, piece] of damage) {
      const k = Math.floor((at / 80) * text.length);
      text = text.slice(0, k) + piece + text.slice(k);
    }
    return text;
  });
const csvText = fc.oneof(
  table,
  fc.array(csvPiece, { maxLength: 60 }).map((p) => p.join("")),
);

test("price CSV (psy, lppls): one clean line and exit 1 on bad data; no --svg file and no temporary on failure", async () => {
  let k = 0;
  await fc.assert(
    fc.asyncProperty(csvText, fc.boolean(), async (text, lppls) => {
      const sub = mkdtempSync(join(dir, "p-"));
      const file = join(sub, "in.csv");
      const svg = join(sub, "out.svg");
      writeFileSync(file, text);
      const args = lppls
        ? ["lppls", file, "--svg", svg, "--seed", String(k++)]
        : ["psy", file, "--nrep", "2", "--no-cache", "--json", "--svg", svg];
      const r = await run(lppls ? registerLppls : registerPsy, args);
      if (r.code !== 0) {
        assert.equal(r.code, 1, `${args[0]} on ${JSON.stringify(text)}: ${r.stderr}`);
        assertOneLine(r.stderr, JSON.stringify(text));
        assert.equal(existsSync(svg), false, "no chart written on failure");
      }
      assert.deepEqual(
        readdirSync(sub).filter((f) => f !== "in.csv" && f !== "out.svg"),
        [],
        "no temporary",
      );
      rmSync(sub, { recursive: true, force: true });
    }),
    { numRuns: fuzzRuns(200), seed: FUZZ_SEED },
  );
});

/** Flags and values that are malformed whatever the data (checked before the file is read). */
const BAD_FLAGS: Record<"psy" | "lppls", [string, string[]][]> = {
  psy: [
    ["--lag", ["-1", "x", "1.5", "1e3", "99999999999999999999"]],
    ["--level", ["97", "", "95%"]],
    ["--cv", ["mcc", ""]],
    ["--nrep", ["1", "-5", "two"]],
    ["--seed", ["-1", "1e23", "100000000000000000000000", "0x1"]],
    ["--threads", ["0", "-2", "many"]],
    ["--rng", ["mt"]],
    ["--bsadf-cv", ["paper"]],
    ["--min-duration", ["-3", "log"]],
    ["--option", ["badf"]],
    ["--monitor-from", ["soon", "2020/01/01"]],
    ["--ratio", ["a", "/b", "a/"]],
    ["--ic", ["hqc"]],
  ],
  lppls: [
    ["--preset", ["sornette", ""]],
    ["--fitter", ["slow"]],
    ["--seed", ["-1", "1e23", "99999999999999999999"]],
    ["--tc-range", ["x", "5:1", "1:"]],
    ["--m-range", ["-1:1", "a:b"]],
    ["--omega-range", ["0:5", "-2:3"]],
    ["--denominator", ["some"]],
    ["--window", ["10", "x", "-3"]],
  ],
};
const GOOD_FLAGS: Record<"psy" | "lppls", [string, string[]][]> = {
  psy: [
    ["--lag", ["0", "1"]],
    ["--level", ["90", "95", "99"]],
    ["--nrep", ["2", "50"]],
    ["--seed", ["0", "9007199254740991"]],
    ["--threads", ["1", "2"]],
    ["--min-duration", ["0", "psy"]],
    ["--option", ["gsadf", "sadf"]],
  ],
  lppls: [
    ["--preset", ["lppls", "dgs2017"]],
    ["--fitter", ["fast", "lppls"]],
    ["--seed", ["0", "7"]],
    ["--tc-range", ["-30:60"]],
    ["--denominator", ["same-sign", "all"]],
  ],
};

for (const cmd of ["psy", "lppls"] as const) {
  test(`${cmd} flag sets: one malformed flag exits 2 before any data is read; valid flags reach the data (exit 1)`, async () => {
    const pick = (pairs: [string, string[]][]) =>
      fc.constantFrom(...pairs).chain(([flag, values]) => fc.constantFrom(...values).map((v) => [flag, v] as const));
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(pick(GOOD_FLAGS[cmd]), { maxLength: 4, selector: ([f]) => f }),
        fc.option(pick(BAD_FLAGS[cmd]), { nil: undefined }),
        async (good, bad) => {
          const flags: string[] = good.filter(([f]) => f !== bad?.[0]).flat();
          if (bad) flags.push(bad[0], bad[1]);
          const missing = join(dir, "no-such-file.csv");
          const r = await run(cmd === "psy" ? registerPsy : registerLppls, [cmd, missing, ...flags]);
          assert.equal(r.code, bad ? 2 : 1, `${flags.join(" ")}: ${r.stderr}`);
          assertOneLine(r.stderr, flags.join(" "));
          if (!bad) assert.match(r.stderr, /cannot read/);
        },
      ),
      { numRuns: fuzzRuns(300), seed: FUZZ_SEED },
    );
  });
}

test("CSV importer (data import): exit 0 or a one-line exit 1; a failed import stores nothing", async () => {
  const store = join(dir, "store");
  let id = 0;
  await fc.assert(
    fc.asyncProperty(csvText, async (text) => {
      const file = join(dir, "imp.csv");
      writeFileSync(file, text);
      const sid = `F${id++}`;
      const r = await runDataCli(["data", "import", file, "--id", sid, "--store", store]);
      if (r.code !== 0) {
        assert.equal(r.code, 1, `${JSON.stringify(text)}: ${r.stderr}`);
        assertOneLine(r.stderr, JSON.stringify(text));
        const show = await runDataCli(["data", "show", sid, "--store", store]);
        assert.match(show.stderr, /no series/, "nothing stored");
      }
    }),
    { numRuns: fuzzRuns(60), seed: FUZZ_SEED },
  );
});

test("ledger CSV (evidence): problems or records, never a throw other than a one-line Error", () => {
  const header = fc.constantFrom(
    "id,era,topic,entity,metric,value,low,high,unit,as_of,claim_in_talk,source_title,source_url,note",
    "id,era,date,from_entity,to_entity,kind,amount_usd,gw,low,high,source_title,source_url,note",
    "",
  );
  const cell = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      "E001",
      "2000",
      "ai",
      "USD bn",
      "2000-Q4",
      "javascript:alert(1)",
      "https://x.org",
      "1e999",
      "\u001b[2J",
    ),
  );
  fc.assert(
    fc.property(header, fc.array(fc.array(cell, { maxLength: 15 }), { maxLength: 6 }), (h, rows) => {
      const text = [
        h,
        ...rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")),
      ].join("\n");
      for (const parse of [parseFigures, parseDeals]) {
        try {
          const r = parse(text, "fuzz.csv");
          for (const p of r.problems) assert.ok(!/\n/.test(p.message), JSON.stringify(p.message));
          assert.ok(r.records.length + r.problems.length >= 0);
        } catch (err) {
          assert.ok(err instanceof Error, String(err));
          assert.ok(!/\n/.test(err.message), JSON.stringify(err.message));
        }
      }
    }),
    { numRuns: fuzzRuns(500), seed: FUZZ_SEED },
  );
});
