// The files of `locum yearend`: which workbooks a folder holds, and writing the summaries and the
// CSV whole or not at all, never deleting what was there (a summary may have gone to the client).
// Each file goes to a temporary name beside it (".locum-writing.<computer>.<process>.<name>", as
// the forms' own), is flushed, and only then is an earlier file of that name with other bytes moved
// to earlier/ and the new one renamed into place.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { escapeControls, LocumError } from "../../rules";
import { plainCode } from "./fileCheck";
import { commit, stage, toEarlier } from "./wholeFiles";

/** Files read as workbooks: .xlsx, and the spreadsheet files a client may have saved instead (each is named with what to do). */
const WORKBOOK = /\.(xlsx|xlsm|xls|xlsb|ods)$/i;

export interface ClientFile {
  /** The path to read. */
  file: string;
  /** As shown: the file name in a folder, the path as typed otherwise. */
  client: string;
  /** A folder name for its forms (--forms): the file name without its extension. */
  stem: string;
}

export interface ClientList {
  clients: ClientFile[];
  /** Whether the run is over a folder (or several files): a CSV of every client. */
  many: boolean;
  /** Excel's lock files (~$name.xlsx) and macOS's ._ files, not read. */
  skipped: string[];
  /** Subfolders, not read. */
  subfolders: string[];
}

// A stable order on every computer: case ignored first, then exact (not the locale's collation).
const byName = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/**
 * A folder name for a client's forms: its file name without the extension, letters and digits kept.
 * Dots and spaces at either end go: "..xlsx" would name the forms folder itself, "...xlsx" the one above.
 */
export const stemOf = (name: string) =>
  basename(name, extname(name))
    .replace(/[^\p{L}\p{N} ._()-]/gu, "_")
    .replace(/^[. ]+|[. ]+$/g, "") || "workbook";

/** The workbooks named on the command line: each file as it is, each folder's workbooks (not its subfolders'). */
export function listClients(paths: string[]): ClientList {
  const out: ClientList = { clients: [], many: paths.length > 1, skipped: [], subfolders: [] };
  for (const p of paths) {
    let s;
    try {
      s = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new LocumError(`cannot read ${p}: ${code === "ENOENT" ? "no such file or folder" : plainCode(e)}`);
    }
    if (!s.isDirectory()) {
      out.clients.push({ file: p, client: escapeControls(paths.length > 1 ? p : basename(p)), stem: stemOf(basename(p)) });
      continue;
    }
    out.many = true;
    let names: string[];
    try {
      names = readdirSync(p).sort(byName);
    } catch (e) {
      throw new LocumError(`cannot read the folder ${p}: ${plainCode(e)}`);
    }
    for (const n of names) {
      const path = join(p, n);
      let dir = false;
      try {
        dir = statSync(path).isDirectory();
      } catch {
        // a broken link: not a workbook
      }
      if (dir) {
        out.subfolders.push(n);
        continue;
      }
      if (!WORKBOOK.test(n)) continue;
      if (n.startsWith("~$") || n.startsWith("._")) {
        out.skipped.push(n);
        continue;
      }
      out.clients.push({ file: path, client: escapeControls(paths.length > 1 ? path : n), stem: stemOf(n) });
    }
  }
  if (!out.clients.length) {
    const sub = out.subfolders.length ? ` (its subfolders are not read: give one of them, such as ${join(paths[0], out.subfolders[0])})` : "";
    throw new LocumError(`no workbooks (.xlsx) in ${paths.join(", ")}${sub}`);
  }
  // Two folders' files of one name: forms folders must not collide.
  const seen = new Map<string, number>();
  for (const c of out.clients) {
    const k = c.stem.toLowerCase();
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n > 1) c.stem = `${c.stem} (${n})`;
  }
  return out;
}

export type Written = "written" | "unchanged" | "replaced";

/**
 * Write `bytes` as dir/name, whole or not at all. The same bytes already there: nothing is written.
 * Other bytes there: that file is moved to earlier/ once the new one is safely on the disk.
 */
export function writeKept(dir: string, name: string, bytes: Uint8Array): Written {
  const path = join(dir, name);
  const old = existsSync(path) ? readFileSync(path) : null;
  if (old?.equals(bytes)) return "unchanged";
  mkdirSync(dir, { recursive: true });
  const tmp = stage(path, bytes);
  if (old) {
    try {
      toEarlier(dir, name);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }
  commit(tmp, path);
  return old ? "replaced" : "written";
}
