/**
 * Safe writes (Node only): every file or folder bubblescope writes for a user — `report --out`, `psy/lppls --svg`,
 * `data export --out`, the critical-value cache and the download cache — goes through here, so that nothing the
 * user already has is lost, replaced by a half-written file, or left behind as a stray temporary.
 *
 * Files: the content goes to a temporary file in the same folder (same file system, so the rename is atomic), is
 * flushed to disk (fsync), then renamed over the target; the temporary is removed in `finally` whatever happens
 * (a failing write, a failing fsync, a failing rename). A reader sees the old file or the new one, never a mix.
 *
 * Folders: the new folder is built beside the target and moved into place at the end. An existing *empty* folder
 * is written into (its entries are moved in), so its mode, owner and identity are kept; an existing non-empty
 * folder is replaced only when the caller's `replaceable` check says it is a previous output of the same kind,
 * and it is restored if the replacement fails.
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";

/** A temporary name beside `target`: hidden, tagged with the process id and random bytes. */
export function tempSibling(target: string, suffix = ".tmp"): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}${suffix}`);
}

/** fsync a folder so a rename inside it survives a crash; best effort (not every platform allows it). */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `content` to `file` safely: temporary file in the same folder, fsync, rename; the temporary is removed
 * in `finally` when anything fails. The parent folder must exist (it is not created: a typo in a path should fail,
 * not scatter folders) unless `mkdir` is set.
 *
 * @example
 * writeFileSafe("chart.svg", "<svg/>"); // chart.svg is either the old file or the complete new one
 */
export function writeFileSafe(file: string, content: string | Uint8Array, options: { mkdir?: boolean } = {}): void {
  if (options.mkdir) mkdirSync(dirname(file), { recursive: true });
  refuseDirectory(file);
  const tmp = tempSibling(file);
  let done = false;
  try {
    const fd = openTemp(tmp, file);
    try {
      const buf = typeof content === "string" ? Buffer.from(content, "utf8") : content;
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    done = true;
    fsyncDir(dirname(file));
  } finally {
    if (!done) rmSync(tmp, { force: true });
  }
}

/**
 * Like {@link writeFileSafe} for content that a library writes to a path itself (DuckDB's COPY … TO): `produce`
 * writes the temporary path, which is then fsynced and renamed over `file`; removed in `finally` on failure.
 */
export async function writeFileSafeWith(file: string, produce: (tmpPath: string) => Promise<void>): Promise<void> {
  refuseDirectory(file);
  const tmp = tempSibling(file);
  let done = false;
  try {
    await produce(tmp);
    const fd = openSync(tmp, "r+");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    done = true;
    fsyncDir(dirname(file));
  } finally {
    if (!done) rmSync(tmp, { recursive: true, force: true });
  }
}

/** Opens the temporary for writing; a missing or unwritable folder is reported for the target, not the temporary. */
function openTemp(tmp: string, file: string): number {
  try {
    return openSync(tmp, "wx", 0o666);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new Error(`cannot write ${file}: the folder ${dirname(file)} does not exist`);
    if (code === "EACCES" || code === "EPERM" || code === "EROFS")
      throw new Error(`cannot write ${file}: the folder ${dirname(file)} is not writable (${code})`);
    throw err;
  }
}

function refuseDirectory(file: string): void {
  let st: ReturnType<typeof lstatSync> | undefined;
  try {
    st = statSync(file);
  } catch {
    return;
  }
  if (st.isDirectory()) throw new Error(`${file} is a folder: refusing to replace it with a file`);
}

/** What {@link writeFolderSafe} did with the target. */
export type FolderOutcome = "created" | "filled-empty" | "replaced";

/**
 * Builds a folder safely. `build(tmpDir)` writes the new content into a temporary folder beside `target`; then:
 * - no `target`: the temporary folder is renamed to it;
 * - `target` is an empty folder: the new entries are moved into it (the folder keeps its mode and identity);
 * - `target` is not empty: it is replaced only when `replaceable(target)` is true (old → backup, new → target,
 *   backup removed; the old folder is restored if that fails, and the new one gets the old one's mode),
 *   otherwise an Error is thrown before `build` runs.
 * The temporary folder is removed in `finally`.
 *
 * @example
 * await writeFolderSafe("out", (tmp) => writeFileSync(join(tmp, "a.txt"), "a"), () => false);
 */
export async function writeFolderSafe(
  target: string,
  build: (tmpDir: string) => void | Promise<void>,
  replaceable: (dir: string) => boolean,
): Promise<FolderOutcome> {
  const kind = folderState(target);
  if (kind === "not-a-folder") throw new Error(`${target} exists and is not a folder`);
  if (kind === "full" && !replaceable(target))
    throw new Error(`${target} is not empty and is not a previous output: refusing to replace it`);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = tempSibling(target, ".tmp-dir");
  const backup = tempSibling(target, ".old-dir");
  mkdirSync(tmp);
  try {
    await build(tmp);
    // Re-check: the target may have changed while we were building.
    const now = folderState(target);
    if (now === "absent") {
      renameSync(tmp, target);
      fsyncDir(parent);
      return "created";
    }
    if (now === "empty") {
      const moved: string[] = [];
      try {
        for (const name of readdirSync(tmp)) {
          renameSync(join(tmp, name), join(target, name));
          moved.push(name);
        }
      } catch (err) {
        for (const name of moved) rmSync(join(target, name), { recursive: true, force: true });
        throw err;
      }
      fsyncDir(target);
      return "filled-empty";
    }
    if (now === "not-a-folder" || !replaceable(target))
      throw new Error(`${target} changed while it was being written: refusing to replace it`);
    const mode = statSync(target).mode & 0o7777;
    renameSync(target, backup);
    try {
      renameSync(tmp, target);
    } catch (err) {
      renameSync(backup, target);
      throw err;
    }
    try {
      // Keep the user's permissions on the replaced folder.
      chmodSync(target, mode);
    } catch {
      // Mode could not be kept (another owner): the content is still complete.
    }
    rmSync(backup, { recursive: true, force: true });
    fsyncDir(parent);
    return "replaced";
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** absent | empty folder | non-empty folder | something else (a file, a socket…). */
export function folderState(target: string): "absent" | "empty" | "full" | "not-a-folder" {
  if (!existsSync(target)) {
    try {
      lstatSync(target); // a dangling symlink exists but does not resolve
    } catch {
      return "absent";
    }
    return "not-a-folder";
  }
  if (!statSync(target).isDirectory()) return "not-a-folder";
  return readdirSync(target).length === 0 ? "empty" : "full";
}
