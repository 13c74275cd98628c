// What the system says of a file, in plain words: "permission denied", not "EACCES: permission
// denied, open 'x'". And whether a path is a file to read at all.
import { accessSync, constants, statSync } from "node:fs";
import { LocumError } from "../../rules";

/** A system error as a person reads it: the words for its code, else its message. */
export function plainCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const text: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "not permitted",
    EROFS: "the disk is read-only",
    ENOSPC: "the disk is full",
    ENOTDIR: "a part of the path is a file, not a folder",
    ENOENT: "no such file or folder",
    ELOOP: "too many symbolic links (a link that points back to itself?)",
    EISDIR: "it is a folder",
    EMFILE: "too many files open",
    EBUSY: "the file is in use",
  };
  return (code && text[code]) ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Check that `path` is a file that can be read as one: not a folder, a FIFO, a device or a socket
 * (reading a FIFO would wait for ever; a device is no workbook), and not a broken or looping link.
 * Its size, or a LocumError in one plain line. (xlsx.ts's reader and the commands call it first.)
 */
export function regularFile(path: string): { size: number } {
  let s;
  try {
    s = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LocumError(`cannot read ${path}: ${code === "ENOENT" ? "no such file" : plainCode(e)}`);
  }
  if (s.isDirectory()) throw new LocumError(`${path} is a folder: give the workbook (.xlsx) in it`);
  if (!s.isFile()) {
    const what = s.isFIFO() ? "a pipe (FIFO)" : s.isSocket() ? "a socket" : s.isCharacterDevice() || s.isBlockDevice() ? "a device" : "not a file";
    throw new LocumError(`${path} is not a regular file (${what}), so it is not read: give the workbook (.xlsx) itself`);
  }
  try {
    accessSync(path, constants.R_OK);
  } catch (e) {
    throw new LocumError(`cannot read ${path}: ${plainCode(e)}`);
  }
  return { size: s.size };
}
