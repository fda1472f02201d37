/**
 * Static files for the dashboard, served only from the built client bundle. A request path is decoded one segment
 * at a time and refused (null → 404) when a segment is `.` or `..`, contains a slash, a backslash or a NUL byte
 * after decoding, or is malformed percent-encoding; the joined path must stay inside the bundle folder and name a
 * regular file (never a directory: there is no directory listing, and no symlink is followed out of the bundle).
 * `/` serves index.html. Complexity O(path length) plus one lstat.
 */
import { lstatSync, readFileSync, realpathSync } from "node:fs";
import { extname, join, sep } from "node:path";

const TYPES: Readonly<Record<string, string>> = Object.freeze({
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
});

/**
 * Maps a raw (still percent-encoded) URL path to a file inside `root`, or null.
 *
 * @example
 * resolveStatic("/srv/dist/web", "/%2e%2e/etc/passwd"); // null
 */
export function resolveStatic(root: string, rawPath: string): string | null {
  if (!rawPath.startsWith("/")) return null;
  const parts = rawPath === "/" ? ["index.html"] : rawPath.slice(1).split("/");
  const segments: string[] = [];
  for (const raw of parts) {
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (s === "" || s === "." || s === ".." || /[/\\\0]/.test(s) || s.includes(":")) return null;
    segments.push(s);
  }
  let base: string;
  try {
    base = realpathSync(root);
  } catch {
    return null;
  }
  const file = join(base, ...segments);
  if (!file.startsWith(base + sep)) return null;
  try {
    const st = lstatSync(file);
    if (!st.isFile()) return null;
  } catch {
    return null;
  }
  return file;
}

/** Content type by extension; unknown types are served as octet streams (never sniffed: nosniff is set). */
export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** Reads a resolved static file with its headers. */
export function readStatic(file: string): { body: Buffer; headers: Record<string, string> } {
  const body = readFileSync(file);
  const hashed = file.includes(`${sep}assets${sep}`);
  return {
    body,
    headers: {
      "content-type": contentType(file),
      "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
    },
  };
}
