#!/usr/bin/env node
// `npm run build` (also run by `prepare`, so `npm ci` on a clone builds): compiles src/ with tsc into dist/ (ESM
// JavaScript, .d.ts, source maps; `.ts` import specifiers rewritten to `.js`; see tsconfig.build.json), then builds
// the dashboard client with Vite into dist/dashboard (the prebuilt assets `bubblescope serve` serves). The WASM
// kernels are generated TypeScript (src/detect/psy/wasm/*.generated.ts) and compile with the rest.
//   --clean      remove dist/ first (what `npm run build` does)
//   --if-stale   compile only when a file under src/ (or a tsconfig) is newer than the last compile, and rebuild the
//                dashboard only when its sources are newer than the bundle (scripts/test.mjs, npm run bench)
// tsc is incremental (dist/.tsbuildinfo, deleted with dist/, so a deleted dist/ is always rebuilt in full).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const t0 = performance.now();
if (args.has("--clean")) rmSync(join(root, "dist"), { recursive: true, force: true });

/** Newest modification time (ms) of a file or of any file below a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const name of readdirSync(path)) m = Math.max(m, newest(join(path, name)));
  return m;
}

const buildInfo = join(root, "dist/.tsbuildinfo");
const inputs = ["src", "tsconfig.json", "tsconfig.build.json", "package.json"].map((p) => join(root, p));
const compileNeeded =
  !args.has("--if-stale") || !existsSync(buildInfo) || Math.max(...inputs.map(newest)) > statSync(buildInfo).mtimeMs;
if (compileNeeded) {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
    stdio: "inherit",
    cwd: root,
  });
  if (r.status !== 0) {
    console.error("build: tsc failed");
    process.exit(r.status ?? 1);
  }
  // tsc leaves the build info untouched when no output changed: stamp it so the next --if-stale sees it current.
  const now = new Date();
  if (existsSync(buildInfo)) utimesSync(buildInfo, now, now);
}
const t1 = performance.now();

const { ensureClientBuilt } = await import(pathToFileURL(join(root, "dist/web/server/build-client.js")).href);
const built = await ensureClientBuilt(undefined, { force: !args.has("--if-stale") });
const t2 = performance.now();
console.error(
  `build: dist/ ${compileNeeded ? `compiled in ${((t1 - t0) / 1000).toFixed(1)} s` : "current"}; dashboard ${built ? `built in ${((t2 - t1) / 1000).toFixed(1)} s` : "current"}`,
);
