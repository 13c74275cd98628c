// Files written whole or not at all, and never lost: the pieces `locum forms` (outFolder.ts) and
// `locum yearend` (yearendFiles.ts) both write with. Each file goes to a temporary name in its own
// folder, plainly ours (".locum-writing.<host>.<pid>.<final name>"), is flushed to the disk, then
// renamed over its final name. A file it replaces with other bytes goes to the folder's earlier/.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, extname, join } from "node:path";

// The host and process in a temporary name let a run remove only those of runs that are over; a
// run on another computer sharing the folder is judged by the file's age.
const HOST = hostname().replace(/[^A-Za-z0-9-]/g, "-") || "host";
const TEMP_NAME = /^\.locum-writing\.([A-Za-z0-9-]+)\.(\d+)\./;
const STALE_MS = 24 * 3600 * 1000;
const tempPath = (path: string) => join(dirname(path), `.locum-writing.${HOST}.${process.pid}.${basename(path)}`);

/** Bytes written to a temporary name beside `path`, still open: flush it, close it, rename it into place. */
export function writeTemp(path: string, bytes: Uint8Array): { tmp: string; fd: number } {
  const tmp = tempPath(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "w");
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    return { tmp, fd };
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Bytes written to a temporary name beside `path` and flushed to the disk: rename it into place (commit). */
export function stage(path: string, bytes: Uint8Array): string {
  const { tmp, fd } = writeTemp(path, bytes);
  try {
    fsyncSync(fd);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    closeSync(fd);
  }
  return tmp;
}

/** A staged file renamed over its final name; on failure the temporary file goes. */
export function commit(tmp: string, path: string): void {
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Write a file whole or not at all. */
export function writeWhole(path: string, bytes: Uint8Array): void {
  commit(stage(path, bytes), path);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // someone else's process: alive
  }
};

/** Remove the temporary files that runs now over left in `dir` (a killed run); their names. */
export function cleanTemps(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const m = TEMP_NAME.exec(n);
    if (!m) continue;
    const path = join(dir, n);
    const over = m[1] === HOST ? Number(m[2]) !== process.pid && !alive(Number(m[2])) : Date.now() - statSync(path).mtimeMs > STALE_MS;
    if (!over) continue;
    rmSync(path, { force: true });
    removed.push(n);
  }
  return removed;
}

/** Move `dir/name` into dir/earlier/, under a free name ("x (2).pdf"), unless the same bytes are there. */
export function toEarlier(dir: string, name: string): void {
  const from = join(dir, name);
  const to = join(dir, "earlier");
  mkdirSync(to, { recursive: true });
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  const bytes = readFileSync(from);
  for (let n = 1; ; n++) {
    const target = join(to, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!existsSync(target)) return renameSync(from, target);
    if (readFileSync(target).equals(bytes)) return rmSync(from);
  }
}
