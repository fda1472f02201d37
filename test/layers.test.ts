/**
 * Layers point one way: nothing under src/{report,web,data,node} (nor the browser-safe areas) imports src/cli, and
 * the browser-safe areas (core, detect, evidence, frameworks, analysis, the web client) never import `node:*`.
 * Scans every static and dynamic import of every source file.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

/** Every module specifier a file imports (static `from "…"`, side-effect `import "…"`, dynamic `import("…")`). */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)) out.push(m[1]);
  return out;
}

const files = (area: string) => walk(join(SRC, area));

test("importsOf finds static, side-effect and dynamic imports", () => {
  assert.deepEqual(importsOf('import a from "./a.ts";\nimport "./b.css";\nconst c = await import("../cli/c.ts");'), [
    "./a.ts",
    "./b.css",
    "../cli/c.ts",
  ]);
});

test("nothing outside src/cli imports src/cli", () => {
  const offenders: string[] = [];
  for (const area of ["report", "web", "data", "node", "analysis", "core", "detect", "evidence", "frameworks"])
    for (const f of files(area))
      for (const spec of importsOf(readFileSync(f, "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const target = relative(SRC, resolve(dirname(f), spec));
        if (target === "cli" || target.startsWith("cli/")) offenders.push(`${relative(SRC, f)} → ${spec}`);
      }
  assert.deepEqual(offenders, []);
});

test("browser-safe areas and the dashboard client never import node:*", () => {
  const offenders: string[] = [];
  for (const area of ["core", "detect", "evidence", "frameworks", "analysis", "web/client"])
    for (const f of files(area))
      for (const spec of importsOf(readFileSync(f, "utf8")))
        if (spec.startsWith("node:")) offenders.push(`${relative(SRC, f)} → ${spec}`);
  assert.deepEqual(offenders, []);
});
