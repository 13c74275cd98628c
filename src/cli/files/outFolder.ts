// Writing a run's PDFs into an output folder that earlier runs (and the user) also use. Nothing is
// ever deleted: a PDF this run would overwrite with other content, or no longer makes under that
// name, is moved to the month's earlier/ folder, so a copy of what was sent is never lost. Only
// files this tool wrote (listed in the month's .locum-forms.json) are ever moved.
//
// Files are written whole or not at all: each goes to a temporary name in its own folder (named so
// it is plainly ours), is flushed to the disk, then renamed over its final name; the month's list
// is written last. A full disk or a killed run leaves no partial file under a form's name, and the
// temporary files a killed run leaves are removed by the next run.
import { closeSync, existsSync, fsync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type OutputFile, type PreparedForms, schemeYearOfMonth } from "../../forms";
import { cleanTemps, commit, toEarlier, writeTemp, writeWhole } from "./wholeFiles";

const INDEX = ".locum-forms.json";

export interface WriteReport {
  /** Files rewritten with other content: the earlier copy is in earlier/. */
  changed: string[];
  /** Files an earlier run made under names this run does not use (a renumbered Form A): moved to earlier/. */
  moved: string[];
  /** Files an earlier run made for forms this run stopped: left where they are. */
  kept: string[];
  /** In a folder an older version made (no list of its files): this locum's PDFs not written now, left. */
  unlisted: string[];
  /** Files an interrupted run left incomplete (empty, cut short, not a PDF): replaced, or removed, never kept in earlier/. */
  broken: string[];
  /** Temporary files of an interrupted run, removed. */
  cleaned: string[];
  /** Months whose every file is in place (written now, or already there with the same bytes). */
  done: string[];
  /** The month a write failed in: its files in place and those not written. */
  partial?: { monthKey: string; inPlace: string[]; notWritten: string[] };
}

export const newWriteReport = (): WriteReport => ({ changed: [], moved: [], kept: [], unlisted: [], broken: [], cleaned: [], done: [] });

/** A file could not be written: which one, and why (the system's message). */
export class WriteFailure extends Error {
  constructor(
    readonly file: string,
    readonly cause: unknown,
  ) {
    // The system's message ("ENOSPC: no space left on device, write"); Node's errors may come from
    // another realm (a test sandbox), so not `instanceof Error`.
    super(typeof (cause as { message?: unknown })?.message === "string" ? (cause as { message: string }).message : String(cause));
    this.name = "WriteFailure";
  }
}

// The names this tool gives ("12345678LOCAPR2025-FormB.pdf", two-digit years too), for folders made before it kept a list.
const OUR_NAME = /^\d{8}LOC[A-Z]{3}\d{2}(\d{2})?-(FormA-\d{2}-.+|FormB|pack-FormB-and-FormsA|PCSE-online-entry-sheet)\.pdf$/;

// A month's files are flushed together: the system's threads flush them side by side, which costs
// about what one flush does (77 files here: 35 ms, against 230 ms one after another).
const flush = (fd: number) => new Promise<void>((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));

/** Make the renames in a folder durable (where the system allows a folder to be flushed). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder: its renames are durable as they are.
  }
}

/** A complete PDF: it starts as a PDF does and ends with %%EOF (a cut-short file does not). */
export function isCompletePdf(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const head = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString("latin1");
  return head === "%PDF-" && /%%EOF\s*$/.test(tail);
}

const looksLikePdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";

function readIndex(dir: string): string[] {
  try {
    const j = JSON.parse(readFileSync(join(dir, INDEX), "utf8")) as { files?: unknown };
    return Array.isArray(j.files) ? j.files.filter((f): f is string => typeof f === "string" && basename(f) === f) : [];
  } catch {
    return [];
  }
}

/** Remove the temporary files runs that are over left in the month folders ("2025-04/.locum-writing…"). */
export function cleanLeftovers(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  let months: string[];
  try {
    months = readdirSync(outDir);
  } catch (e) {
    throw new WriteFailure(outDir, e); // a file, or a folder we may not read
  }
  const removed: string[] = [];
  for (const k of months.filter((n) => /^\d{4}-(0[1-9]|1[0-2])$/.test(n)).sort()) {
    const dir = join(outDir, k);
    let names: string[];
    try {
      names = cleanTemps(dir);
    } catch {
      continue; // not a folder, or one we may not read: its files are not touched
    }
    for (const n of names) removed.push(`${k}/${n}`);
  }
  return removed;
}

/** One month's folder as writeMonth goes: what its list said, and what is in place so far. */
interface MonthFolder {
  monthKey: string;
  dir: string;
  /** This locum's SD number ("\u0000" without one): the list is the folder's, other locums' entries carried over untouched. */
  sd: string;
  /** The names this run writes. */
  writing: Set<string>;
  hasIndex: boolean;
  /** The files the month's list names that are there. */
  listed: string[];
  /** Of those, this locum's, and other locums'. */
  before: string[];
  others: string[];
  /** This run's files in place (written now, or there with the same bytes). */
  inPlace: string[];
  /** The file being written: the one a failure names. */
  current: string;
}

/** A file of the month on its way: its bytes, what was there, and its temporary name and descriptor once written. */
interface Staged {
  f: OutputFile;
  path: string;
  old: Buffer | null;
  same: boolean;
  tmp?: string;
  fd?: number;
}

/**
 * Write one month's files (`monthKey` "2025-04", file names "2025-04/…"); `report` says what was
 * done, even when a write fails part-way (then `report.partial` names the files in place and those
 * not written, and a WriteFailure is thrown).
 */
export async function writeMonth(outDir: string, p: PreparedForms, monthKey: string, mine: OutputFile[], report: WriteReport): Promise<void> {
  const writing = new Set(mine.map((f) => basename(f.name)));
  const m: MonthFolder = {
    monthKey,
    dir: join(outDir, monthKey),
    sd: p.locum?.sdNumber ?? "\u0000",
    writing,
    hasIndex: false,
    listed: [],
    before: [],
    others: [],
    inPlace: [],
    current: "",
  };
  try {
    readFolder(m, report);
    // Every file not already there with the same bytes goes to a temporary name, and all are
    // flushed; then, in order, each replaces its final name (what was there moved to earlier/).
    // A write that fails stops the month there: the files before it are put in place, none after.
    const { entries, failed, flushed } = await stage(outDir, mine);
    const stopped = putInPlace(m, entries, flushed, report) ?? failed;
    if (stopped) {
      m.current = stopped.file;
      throw stopped.error;
    }
    m.current = "";
    retireOld(m, p.months.find((x) => x.monthKey === monthKey)?.complete ?? false, report);
    m.current = `${monthKey}/${INDEX}`;
    writeIndex(m.dir, m.others, m.before, m.inPlace, m.hasIndex, m.listed.length > 0);
    syncFolder(m.dir);
  } catch (e) {
    report.partial = {
      monthKey,
      inPlace: m.inPlace.map((n) => `${monthKey}/${n}`),
      notWritten: mine.map((f) => f.name).filter((n) => !m.inPlace.includes(basename(n))),
    };
    // Keep the month's list true to what is in the folder, so the next run knows these files are ours.
    try {
      writeIndex(m.dir, m.others, m.before, m.inPlace, m.hasIndex, m.listed.length > 0);
    } catch {
      // the disk that refused the PDF may refuse this too: the next run compares the files instead
    }
    throw new WriteFailure(m.current || `${monthKey}/`, e);
  }
  report.done.push(monthKey);
}

/** What the month's folder holds: its list, and (in a folder an older version made, with no list) this locum's PDFs not written now. */
function readFolder(m: MonthFolder, report: WriteReport): void {
  const { dir, sd } = m;
  m.hasIndex = existsSync(join(dir, INDEX));
  m.listed = existsSync(dir) ? readIndex(dir).filter((n) => existsSync(join(dir, n))) : [];
  if (existsSync(dir) && !m.hasIndex) {
    for (const n of readdirSync(dir).sort()) if (OUR_NAME.test(n) && n.startsWith(sd) && !m.writing.has(n)) report.unlisted.push(`${m.monthKey}/${n}`);
  }
  m.before = m.listed.filter((n) => n.startsWith(sd));
  m.others = m.listed.filter((n) => !n.startsWith(sd));
}

/** Each file not already there with the same bytes written under a temporary name (up to the first that fails), then all flushed together. */
async function stage(
  outDir: string,
  mine: OutputFile[],
): Promise<{ entries: Staged[]; failed: { file: string; error: unknown } | null; flushed: PromiseSettledResult<void>[] }> {
  const entries: Staged[] = mine.map((f) => {
    const path = join(outDir, f.name);
    const old = existsSync(path) ? readFileSync(path) : null;
    return { f, path, old, same: old?.equals(f.bytes) ?? false };
  });
  let failed: { file: string; error: unknown } | null = null;
  for (const e of entries) {
    if (e.same) continue;
    try {
      mkdirSync(dirname(e.path), { recursive: true });
      Object.assign(e, writeTemp(e.path, e.f.bytes));
    } catch (err) {
      failed = { file: e.f.name, error: err };
      break;
    }
  }
  const flushed = await Promise.allSettled(entries.map((e) => (e.fd === undefined ? Promise.resolve() : flush(e.fd))));
  for (const e of entries) if (e.fd !== undefined) closeSync(e.fd);
  return { entries, failed, flushed };
}

/**
 * The staged files, in order, each renamed over its final name (what was there moved to earlier/),
 * up to the first whose flush failed: that failure, if any (the temporary files left are removed).
 */
function putInPlace(m: MonthFolder, entries: Staged[], flushed: PromiseSettledResult<void>[], report: WriteReport): { file: string; error: unknown } | null {
  let failed: { file: string; error: unknown } | null = null;
  try {
    let stopped = false;
    for (const [i, e] of entries.entries()) {
      const name = basename(e.f.name);
      if (e.same) {
        m.inPlace.push(name); // already there, the same bytes: nothing to write
        continue;
      }
      const r = flushed[i];
      // The first file, in order, that could not be written stops the month: it and those after it.
      if (!stopped && r.status === "rejected") failed = { file: e.f.name, error: r.reason };
      if (stopped || e.tmp === undefined || r.status === "rejected") {
        stopped = true;
        continue;
      }
      m.current = e.f.name;
      if (e.old) replaced(m, e, name, report);
      commit(e.tmp, e.path);
      e.tmp = undefined;
      m.inPlace.push(name);
    }
  } finally {
    for (const e of entries) if (e.tmp !== undefined) rmSync(e.tmp, { force: true });
  }
  return failed;
}

/**
 * What was under a file's name before this run's: cut short, empty, or (when we listed it) not a
 * PDF at all, it was never a form anyone sent, so it is replaced, not kept in earlier/ as if it
 * were one. Anything else is kept there.
 */
function replaced(m: MonthFolder, e: Staged, name: string, report: WriteReport): void {
  if (!isCompletePdf(e.old!) && (looksLikePdf(e.old!) || e.old!.length === 0 || m.before.includes(name))) report.broken.push(e.f.name);
  else {
    toEarlier(m.dir, name);
    report.changed.push(e.f.name);
  }
}

/** This locum's files an earlier run made that this run does not write: kept when the month is not complete, else moved to earlier/ (removed when never complete). */
function retireOld(m: MonthFolder, complete: boolean, report: WriteReport): void {
  const k = m.monthKey;
  for (const n of m.before) {
    if (m.writing.has(n)) continue;
    if (!complete) {
      report.kept.push(`${k}/${n}`);
      continue;
    }
    m.current = `${k}/${n}`;
    if (!isCompletePdf(readFileSync(join(m.dir, n)))) {
      unlinkSync(join(m.dir, n)); // ours (listed) and never complete: nothing anyone could have sent
      report.broken.push(`${k}/${n}`);
    } else {
      toEarlier(m.dir, n);
      report.moved.push(`${k}/${n}`);
    }
  }
}

/** The month's list: other locums' files, and this locum's files now in the folder. */
function writeIndex(dir: string, others: string[], before: string[], inPlace: string[], hasIndex: boolean, hadFiles: boolean): void {
  const ours = new Set([...inPlace, ...before.filter((n) => existsSync(join(dir, n)))]);
  if (!ours.size && !hadFiles) return;
  const index = JSON.stringify({ files: [...others, ...ours].sort() }, null, 1) + "\n";
  const path = join(dir, INDEX);
  if (hasIndex && readFileSync(path, "utf8") === index) return;
  mkdirSync(dir, { recursive: true });
  writeWhole(path, Buffer.from(index));
}

/** Months with files this tool wrote for this locum, in the scheme years `p` covers, that `p` no longer has. */
export function orphanMonths(outDir: string, p: PreparedForms): string[] {
  if (!p.locum || !existsSync(outDir)) return [];
  const have = new Set(p.months.map((m) => m.monthKey));
  const years = new Set([...have].map(schemeYearOfMonth));
  return readdirSync(outDir)
    .filter((k) => /^\d{4}-(0[1-9]|1[0-2])$/.test(k) && !have.has(k) && years.has(schemeYearOfMonth(k)))
    .filter((k) => readIndex(join(outDir, k)).some((n) => n.startsWith(p.locum!.sdNumber) && existsSync(join(outDir, k, n))))
    .sort();
}
