/**
 * `report --out DIR` never deletes what is not ours (issue 11, defect 1): only a folder whose report.json says
 * bubblescope wrote it and that holds nothing but the report's files is replaced; an empty folder is written into
 * (mode kept); the target is checked before the model is built; the working folder's parents, `/` included, are
 * refused.
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
import { after, describe, test } from "node:test";
import { UsageError } from "../../src/cli/errors.ts";
import { checkOutFolder, isPreviousReport } from "../../src/report/run.ts";
import { runCli } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "bs-report-out-"));
const env = { BUBBLESCOPE_CACHE: join(dir, "cache") };
after(() => rmSync(dir, { recursive: true, force: true }));

/** A folder shaped like a report that bubblescope wrote. */
function fakeReport(path: string, extra?: (p: string) => void): string {
  mkdirSync(join(path, "charts"), { recursive: true });
  writeFileSync(join(path, "index.html"), "<html></html>");
  writeFileSync(
    join(path, "report.json"),
    JSON.stringify({ schemaVersion: 1, run: { tool: "bubblescope", version: "0.1.0" } }),
  );
  writeFileSync(join(path, "report.schema.json"), "{}");
  writeFileSync(join(path, "charts", "psy-nasdaq.svg"), "<svg/>");
  writeFileSync(join(path, "charts", "psy-nasdaq.png"), "PNG");
  extra?.(path);
  return path;
}

describe("report --out", () => {
  test("a folder with index.html, report.json {} and other files is refused and kept whole (regression: precious.txt, src/, .git/ deleted)", () => {
    const v = join(dir, "V");
    mkdirSync(join(v, "src"), { recursive: true });
    mkdirSync(join(v, ".git"));
    writeFileSync(join(v, "index.html"), "x");
    writeFileSync(join(v, "report.json"), "{}");
    writeFileSync(join(v, "precious.txt"), "keep");
    writeFileSync(join(v, ".git", "HEAD"), "ref: refs/heads/main");
    // --data names a missing folder: that error only comes while building, so a refusal proves the order.
    const r = runCli(["report", "--out", v, "--data", join(dir, "no-such-data"), "--nrep", "99"], env);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1);
    assert.match(r.stderr, /^bubblescope: --out .*V is not empty and is not a bubblescope report/);
    assert.equal(readFileSync(join(v, "precious.txt"), "utf8"), "keep");
    assert.ok(existsSync(join(v, "src")) && existsSync(join(v, ".git", "HEAD")));
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes("tmp")),
      [],
    );
  });

  test("isPreviousReport: bubblescope's own report only, with nothing else in it", () => {
    assert.equal(isPreviousReport(fakeReport(join(dir, "r-ok"))), true);
    assert.equal(
      isPreviousReport(fakeReport(join(dir, "r-extra"), (p) => writeFileSync(join(p, "notes.txt"), "x"))),
      false,
    );
    assert.equal(
      isPreviousReport(fakeReport(join(dir, "r-chart-extra"), (p) => writeFileSync(join(p, "charts", "x.txt"), "x"))),
      false,
    );
    assert.equal(
      isPreviousReport(fakeReport(join(dir, "r-empty-json"), (p) => writeFileSync(join(p, "report.json"), "{}"))),
      false,
    );
    assert.equal(
      isPreviousReport(
        fakeReport(join(dir, "r-other-tool"), (p) =>
          writeFileSync(
            join(p, "report.json"),
            JSON.stringify({ schemaVersion: 1, run: { tool: "other", version: "1" } }),
          ),
        ),
      ),
      false,
    );
    assert.equal(
      isPreviousReport(
        fakeReport(join(dir, "r-link"), (p) => {
          rmSync(join(p, "index.html"));
          symlinkSync("/etc/hostname", join(p, "index.html"));
        }),
      ),
      false,
    );
    assert.equal(
      isPreviousReport(fakeReport(join(dir, "r-bad-json"), (p) => writeFileSync(join(p, "report.json"), "{"))),
      false,
    );
  });

  test("checkOutFolder refuses the working folder and every parent, / included (regression: / never matched)", () => {
    assert.throws(() => checkOutFolder("/", "/work/project"), UsageError);
    assert.throws(() => checkOutFolder("/", "/"), UsageError);
    assert.throws(() => checkOutFolder("/work", "/work/project/sub"), /is the working folder or one of its parents/);
    assert.throws(() => checkOutFolder("/work/project", "/work/project"), UsageError);
    // A sibling whose name starts like the working folder is not a parent.
    assert.doesNotThrow(() => checkOutFolder(join(dir, "new-folder"), `${join(dir, "new-folder")}-x`));
    assert.doesNotThrow(() => checkOutFolder(join(dir, "..x-new"), dir));
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    assert.throws(() => checkOutFolder(file, "/"), /exists and is not a folder/);
  });

  test("`report --out /` is a one-line usage error", () => {
    const r = runCli(["report", "--out", "/", "--nrep", "99"], env, dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^bubblescope: --out \/ is the working folder or one of its parents/);
  });

  test("an existing empty folder is written into and keeps its mode 700; a second run replaces its own report", () => {
    const e = join(dir, "E");
    mkdirSync(e);
    chmodSync(e, 0o700);
    const ino = statSync(e).ino;
    const r = runCli(["report", "--out", e, "--nrep", "99"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(statSync(e).mode & 0o777, 0o700, "mode kept");
    assert.equal(statSync(e).ino, ino, "the same folder, written into");
    for (const f of ["index.html", "report.json", "report.schema.json"]) assert.ok(existsSync(join(e, f)), f);
    const doc = JSON.parse(readFileSync(join(e, "report.json"), "utf8"));
    assert.equal(doc.run.tool, "bubblescope", "the marker that allows a later replacement");
    assert.equal(isPreviousReport(e), true);
    const again = runCli(["report", "--out", e, "--nrep", "99"], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(statSync(e).mode & 0o777, 0o700, "mode kept on replacement");
    assert.deepEqual(
      readdirSync(dir).filter((f) => /\.tmp|\.old/.test(f)),
      [],
      "no temporary or backup left",
    );
  });
});
