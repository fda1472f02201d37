/**
 * Builds the dashboard client with Vite's JS API when the bundle is missing or older than its sources (so
 * `npm ci && npx bubblescope serve` works on a fresh clone; Vite is a devDependency). Vite is imported lazily:
 * serving an existing bundle never loads it. The build goes to a temporary folder that is then swapped in.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CLIENT_ROOT, DEFAULT_OUT_DIR } from "../vite.config.ts";

/** Source folders the client bundle is built from. */
const SOURCES = [
  CLIENT_ROOT,
  ...["report/charts", "frameworks", "evidence", "detect/psy", "core", "analysis", "detect/lppls"].map((p) =>
    resolve(CLIENT_ROOT, "../..", p),
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
 * await ensureClientBuilt(); // dist/web/index.html exists afterwards
 */
export async function ensureClientBuilt(
  outDir = DEFAULT_OUT_DIR,
  o: { force?: boolean; log?: (line: string) => void } = {},
): Promise<boolean> {
  if (!o.force && !clientIsStale(outDir)) return false;
  o.log?.(`building the dashboard client into ${outDir} …`);
  let vite: typeof import("vite");
  try {
    vite = await import("vite");
  } catch {
    throw new Error(
      "the dashboard client is not built and Vite is not installed: run `npm ci` (Vite is a devDependency)",
    );
  }
  const { webViteConfig } = await import("../vite.config.ts");
  // Build beside the target and swap it in, so a concurrent `serve` (or test) never sees a half-written bundle.
  const tmp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  try {
    await vite.build(webViteConfig(tmp));
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
