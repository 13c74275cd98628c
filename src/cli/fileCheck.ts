// What the system says of a file, in plain words: "permission denied", not "EACCES: permission
// denied, open 'x'".

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
