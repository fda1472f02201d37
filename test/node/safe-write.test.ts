/**
 * The safe-write helper: files via a temporary in the same folder + fsync + rename, temporaries removed on every
 * failure; folders created, written into when empty (mode and identity kept), replaced only when the caller says
 * so (and restored when that fails).
 */
import assert from "node:assert/strict";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  folderState,
  tempSibling,
  writeFileSafe,
  writeFileSafeWith,
  writeFolderSafe,
} from "../../src/node/safe-write.ts";

const root = mkdtempSync(join(tmpdir(), "bs-safe-write-"));
after(() => rmSync(root, { recursive: true, force: true }));
let k = 0;
const fresh = () => {
  const d = join(root, `case${k++}`);
  mkdirSync(d);
  return d;
};
const temps = (d: string) => readdirSync(d).filter((f) => /\.tmp(-dir)?$|\.old-dir$/.test(f));

test("writeFileSafe writes a new file and replaces an old one completely, leaving no temporary", () => {
  const d = fresh();
  const f = join(d, "a.svg");
  writeFileSafe(f, "<svg>1</svg>");
  assert.equal(readFileSync(f, "utf8"), "<svg>1</svg>");
  writeFileSafe(f, new Uint8Array([60, 62]));
  assert.equal(readFileSync(f, "utf8"), "<>");
  assert.deepEqual(readdirSync(d), ["a.svg"]);
});

test("the temporary is a hidden sibling in the same folder (same file system: the rename is atomic)", () => {
  const t = tempSibling("/x/y/report.json");
  assert.match(t, /^\/x\/y\/\.report\.json\.\d+-[0-9a-f]{8}\.tmp$/);
  assert.notEqual(tempSibling("/x/a"), tempSibling("/x/a"));
});

test("a folder at the target is refused, not replaced by a file; nothing is left behind", () => {
  const d = fresh();
  mkdirSync(join(d, "out.svg"));
  writeFileSync(join(d, "out.svg", "keep"), "k");
  assert.throws(() => writeFileSafe(join(d, "out.svg"), "x"), /is a folder: refusing to replace it/);
  assert.equal(readFileSync(join(d, "out.svg", "keep"), "utf8"), "k");
  assert.deepEqual(temps(d), []);
});

test("a missing parent folder is an error (a typo never scatters folders) unless mkdir is asked for", () => {
  const d = fresh();
  assert.throws(
    () => writeFileSafe(join(d, "no", "such", "f.txt"), "x"),
    /cannot write .*f\.txt: the folder .*such does not exist/,
  );
  assert.equal(existsSync(join(d, "no")), false);
  writeFileSafe(join(d, "yes", "f.txt"), "x", { mkdir: true });
  assert.equal(readFileSync(join(d, "yes", "f.txt"), "utf8"), "x");
});

test("a failing final rename removes the temporary in finally (regression: --svg left FILE.tmp)", async () => {
  const d = fresh();
  const target = join(d, "data.parquet");
  await assert.rejects(
    writeFileSafeWith(target, async (tmp) => {
      writeFileSync(tmp, "PAR1");
      // The target becomes a non-empty folder after the check: the rename must fail.
      mkdirSync(target);
      writeFileSync(join(target, "x"), "x");
    }),
  );
  assert.deepEqual(temps(d), [], "no temporary left");
  assert.deepEqual(readdirSync(target), ["x"]);
});

test("a failing producer leaves the old file untouched and no temporary", async () => {
  const d = fresh();
  const target = join(d, "old.csv");
  writeFileSync(target, "old");
  await assert.rejects(
    writeFileSafeWith(target, async (tmp) => {
      writeFileSync(tmp, "half");
      throw new Error("disk full");
    }),
    /disk full/,
  );
  assert.equal(readFileSync(target, "utf8"), "old");
  assert.deepEqual(readdirSync(d), ["old.csv"]);
});

test("an unwritable folder fails before anything is written", {
  skip: process.getuid?.() === 0 ? "root ignores modes" : false,
}, () => {
  const d = fresh();
  chmodSync(d, 0o500);
  try {
    assert.throws(() => writeFileSafe(join(d, "f"), "x"), /is not writable \(EACCES\)/);
  } finally {
    chmodSync(d, 0o700);
  }
  assert.deepEqual(readdirSync(d), []);
});

test("writeFolderSafe creates a new folder from the temporary one", async () => {
  const d = fresh();
  const out = join(d, "report");
  const how = await writeFolderSafe(
    out,
    (tmp) => writeFileSync(join(tmp, "index.html"), "<p>"),
    () => false,
  );
  assert.equal(how, "created");
  assert.deepEqual(readdirSync(out), ["index.html"]);
  assert.deepEqual(readdirSync(d), ["report"]);
});

test("an existing empty folder is written into: its mode and identity are kept (regression: 700 became 755)", async () => {
  const d = fresh();
  const out = join(d, "private");
  mkdirSync(out, { mode: 0o700 });
  chmodSync(out, 0o700);
  const ino = statSync(out).ino;
  const how = await writeFolderSafe(
    out,
    (tmp) => {
      writeFileSync(join(tmp, "a"), "a");
      mkdirSync(join(tmp, "charts"));
      writeFileSync(join(tmp, "charts", "c.svg"), "c");
    },
    () => false,
  );
  assert.equal(how, "filled-empty");
  assert.equal(statSync(out).mode & 0o777, 0o700);
  assert.equal(statSync(out).ino, ino);
  assert.deepEqual(readdirSync(out).sort(), ["a", "charts"]);
  assert.deepEqual(temps(d), []);
});

test("a non-empty folder that is not replaceable is refused before build runs, and kept", async () => {
  const d = fresh();
  const out = join(d, "mine");
  mkdirSync(out);
  writeFileSync(join(out, "precious.txt"), "keep");
  let built = false;
  await assert.rejects(
    writeFolderSafe(
      out,
      () => {
        built = true;
      },
      () => false,
    ),
    /not empty and is not a previous output/,
  );
  assert.equal(built, false);
  assert.equal(readFileSync(join(out, "precious.txt"), "utf8"), "keep");
  assert.deepEqual(readdirSync(d), ["mine"]);
});

test("a replaceable folder is replaced with the new content and keeps its mode; a failing build keeps the old one", async () => {
  const d = fresh();
  const out = join(d, "rep");
  mkdirSync(out);
  chmodSync(out, 0o750);
  writeFileSync(join(out, "index.html"), "old");
  await assert.rejects(
    writeFolderSafe(
      out,
      (tmp) => {
        writeFileSync(join(tmp, "index.html"), "half");
        throw new Error("render failed");
      },
      () => true,
    ),
    /render failed/,
  );
  assert.equal(readFileSync(join(out, "index.html"), "utf8"), "old");
  assert.deepEqual(temps(d), []);
  const how = await writeFolderSafe(
    out,
    (tmp) => writeFileSync(join(tmp, "index.html"), "new"),
    () => true,
  );
  assert.equal(how, "replaced");
  assert.equal(readFileSync(join(out, "index.html"), "utf8"), "new");
  assert.equal(statSync(out).mode & 0o777, 0o750);
  assert.deepEqual(readdirSync(d), ["rep"]);
});

test("a failing build into an empty folder leaves it empty", async () => {
  const d = fresh();
  const out = join(d, "empty");
  mkdirSync(out);
  await assert.rejects(
    writeFolderSafe(
      out,
      (tmp) => {
        writeFileSync(join(tmp, "x"), "x");
        throw new Error("boom");
      },
      () => false,
    ),
  );
  assert.deepEqual(readdirSync(out), []);
  assert.deepEqual(readdirSync(d), ["empty"]);
});

test("folderState: absent, empty, full, a file and a dangling symlink", () => {
  const d = fresh();
  assert.equal(folderState(join(d, "none")), "absent");
  mkdirSync(join(d, "e"));
  assert.equal(folderState(join(d, "e")), "empty");
  writeFileSync(join(d, "e2"), "");
  assert.equal(folderState(join(d, "e2")), "not-a-folder");
  symlinkSync(join(d, "nowhere"), join(d, "link"));
  assert.equal(folderState(join(d, "link")), "not-a-folder");
  assert.equal(folderState(d), "full");
});
