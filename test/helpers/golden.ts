/**
 * Golden and snapshot files: compared, never written silently. A missing file is a failure (in CI and locally);
 * `UPDATE_GOLDEN=1` writes it on purpose. On a mismatch the new output is written beside it as `<name>-changed.<ext>`
 * for review.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";

/** True when the user asked to (re)write golden files. */
export const updating = (): boolean => process.env.UPDATE_GOLDEN === "1" || process.env.UPDATE_GOLDEN === "true";

/**
 * Asserts `actual` equals the golden `file`; `changed` is what to write for review on a mismatch (default `actual`).
 *
 * @example
 * assertGolden("test/golden/x.json", JSON.stringify(v, null, 2));
 */
export function assertGolden(file: string, actual: string, changed: string = actual): void {
  const changedFile = file.replace(/(\.[a-z]+)$/, "-changed$1");
  if (updating()) {
    writeFileSync(file, actual);
    rmSync(changedFile, { force: true });
    return;
  }
  if (!existsSync(file)) {
    writeFileSync(changedFile, changed);
    assert.fail(
      `golden file ${file} is missing${process.env.CI ? " (CI)" : ""}: review ${changedFile} and run with UPDATE_GOLDEN=1 to write it`,
    );
  }
  const want = readFileSync(file, "utf8");
  if (actual !== want) writeFileSync(changedFile, changed);
  else rmSync(changedFile, { force: true });
  assert.equal(actual, want, `${file} changed: see ${changedFile} (UPDATE_GOLDEN=1 to accept)`);
}
