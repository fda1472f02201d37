/**
 * Vite configuration of the dashboard client (Preact + ECharts), used by `bubblescope serve` through Vite's JS API
 * and by `npx vite build --config src/web/vite.config.ts`. The bundle goes to dist/web (git-ignored); workers are
 * ES modules; no inline scripts are emitted (the server's CSP allows scripts from 'self' only).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import type { InlineConfig } from "vite";

const here = dirname(fileURLToPath(import.meta.url));

/** The client's source folder and the default output folder. */
export const CLIENT_ROOT = resolve(here, "client");
export const DEFAULT_OUT_DIR = resolve(here, "../../dist/web");

/** The inline config (no config file is read). */
export function webViteConfig(outDir = DEFAULT_OUT_DIR): InlineConfig {
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

export default webViteConfig();
