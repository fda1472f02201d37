/**
 * Vite configuration of the dashboard client (Preact + ECharts), used by `npm run build` (scripts/build.mjs through
 * build-client.ts) and by `npx vite build --config src/web/vite.config.ts`. The bundle goes to dist/dashboard (the
 * prebuilt assets that `bubblescope serve` serves; vite is a devDependency and never loaded at run time); workers
 * are ES modules; no inline scripts are emitted (the server's CSP allows scripts from 'self' only). The paths below
 * resolve to the same folders from src/web/ and from the compiled dist/web/.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { InlineConfig } from "vite";

const here = dirname(fileURLToPath(import.meta.url));

/** The client's source folder (absent from the installed package) and the default output folder. */
export const CLIENT_ROOT = resolve(here, "../../src/web/client");
export const DEFAULT_OUT_DIR = resolve(here, "../../dist/dashboard");

/** The inline config (no config file is read). The Preact plugin is loaded here, at build time only. */
export async function webViteConfig(outDir = DEFAULT_OUT_DIR): Promise<InlineConfig> {
  const { default: preact } = await import("@preact/preset-vite");
  return {
    configFile: false,
    root: CLIENT_ROOT,
    base: "/",
    logLevel: "warn",
    plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })],
    worker: { format: "es" },
    build: {
      outDir,
      emptyOutDir: true,
      // Keep every script an external file (CSP: script-src 'self').
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 2000,
      sourcemap: false,
      target: "es2022",
    },
  };
}

export default () => webViteConfig();
