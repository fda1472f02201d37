/** The library entry point loads without Node built-ins and exposes the detectors and the evidence engine. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import * as bubblescope from "../src/index.ts";

test("the entry point exposes psy, lppls, evidence and frameworks", () => {
  assert.equal(typeof bubblescope.psy.radf, "function");
  assert.equal(typeof bubblescope.lppls.fitLppls, "function");
  assert.equal(typeof bubblescope.frameworks.buildEvidenceModel, "function");
  assert.equal(typeof bubblescope.core.RandomStream, "function");
});

test("core, detectors, evidence and frameworks never import node:* (they run in a browser)", async () => {
  const { readdirSync, statSync } = await import("node:fs");
  const root = join(dirname(fileURLToPath(import.meta.url)), "../src");
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) =>
      statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : f.endsWith(".ts") ? [join(d, f)] : [],
    );
  const files = ["core", "detect", "evidence", "frameworks", "analysis"].flatMap((d) => walk(join(root, d)));
  const offenders = files.filter((f) => /from\s+["']node:|import\(["']node:/.test(readFileSync(f, "utf8")));
  assert.deepEqual(offenders, []);
});
