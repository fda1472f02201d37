/**
 * The dashboard client bundle (dist/dashboard). `npm run build` (scripts/build.mjs) builds it with Vite's JS API, so
 * the installed package carries it prebuilt and `bubblescope serve` only serves files: Vite is a devDependency and
 * is imported lazily, only to rebuild. In a clone (the dev path), `serve` rebuilds a bundle that is older than its
 * sources when Vite is installed; without Vite it serves the prebuilt bundle and says it may be stale. The build goes
 * to a temporary folder that is then swapped in.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CLIENT_ROOT, DEFAULT_OUT_DIR } from "../vite.config.ts";

/** Source folders the client bundle is built from (absent from the installed package: never stale there). */
const SOURCES = [
  CLIENT_ROOT,
  ...["report/charts", "frameworks", "evidence", "detect/psy", "core", "analysis", "detect/lppls", "scan", "macro"].map(
    (p) => resolve(CLIENT_ROOT, "../..", p),
  ),
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const name of readdirSync(path)) m = Math.max(m, newest(join(path, name)));
  return m;
}

/** True when outDir has no index.html or a source file is newer than it. */
export function clientIsStale(outDir = DEFAULT_OUT_DIR): boolean {
  const index = join(outDir, "index.html");
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newest(s) > built);
}

/**
 * Builds the client into outDir when needed (or always with force); returns whether it built.
 *
 * @example
 * await ensureClientBuilt(); // dist/dashboard/index.html exists afterwards
 */
export async function ensureClientBuilt(
  outDir = DEFAULT_OUT_DIR,
  o: { force?: boolean; log?: (line: string) => void } = {},
): Promise<boolean> {
  if (!o.force && !clientIsStale(outDir)) return false;
  let vite: typeof import("vite");
  try {
    vite = await import("vite");
  } catch {
    if (!o.force && existsSync(join(outDir, "index.html"))) {
      o.log?.("the dashboard sources are newer than the prebuilt bundle and Vite is not installed: serving the bundle");
      return false;
    }
    throw new Error(`the dashboard bundle is missing from ${outDir}: run \`npm run build\` (Vite is a devDependency)`);
  }
  o.log?.(`building the dashboard client into ${outDir} …`);
  const { webViteConfig } = await import("../vite.config.ts");
  // Build beside the target and swap it in, so a concurrent `serve` (or test) never sees a half-written bundle.
  const tmp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  try {
    await vite.build(await webViteConfig(tmp));
    rmSync(outDir, { recursive: true, force: true });
    try {
      renameSync(tmp, outDir);
    } catch (e) {
      // Another process swapped its build in first: keep that one.
      if (!existsSync(join(outDir, "index.html"))) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return true;
}
