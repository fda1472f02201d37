/**
 * Where the data layer keeps its files. The store directory is, in order of precedence: the `--store DIR` option,
 * `$BUBBLESCOPE_HOME`, `$XDG_DATA_HOME/bubblescope`, `~/.local/share/bubblescope`. Inside it live the DuckDB file
 * (`bubblescope.duckdb`) and the HTTP cache (`cache/`).
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** Paths of one store directory. */
export interface StorePaths {
  readonly dir: string;
  readonly db: string;
  readonly cache: string;
}

/**
 * Resolves the store directory.
 *
 * @example
 * resolveStoreDir(undefined, { XDG_DATA_HOME: "/x" }); // "/x/bubblescope"
 */
export function resolveStoreDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit !== undefined && explicit !== "") return resolve(explicit);
  if (env.BUBBLESCOPE_HOME) return resolve(env.BUBBLESCOPE_HOME);
  if (env.XDG_DATA_HOME) return resolve(env.XDG_DATA_HOME, "bubblescope");
  return join(env.HOME ?? homedir(), ".local", "share", "bubblescope");
}

/**
 * The files inside a store directory.
 *
 * @example
 * storePaths("/s").db; // "/s/bubblescope.duckdb"
 */
export function storePaths(dir: string): StorePaths {
  return { dir, db: join(dir, "bubblescope.duckdb"), cache: join(dir, "cache") };
}
