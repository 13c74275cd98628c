// An .xlsx file → WorkbookInput, the shape the task pane's Excel adapter gives for the open workbook,
// so src/forms chooses and reads the sheets the same way for both (and a folder of workbooks can be
// read in a loop). Node-only, our own reader (docs/reader.md): the file is first checked for what it
// really is (an encrypted or old .xls workbook, a CSV, a zip of something else) and for its size;
// then only the parts a workbook's cells need (the workbook, its relationships, shared strings,
// styles, the worksheets and their tables) are inflated, as streams, each counted against a cap as
// it inflates (./xlsx/parts.ts); media, drawings and the rest are never touched.
import { readFile } from "node:fs/promises";
import type { SheetInput, WorkbookInput } from "../../workbook";
import { LocumError } from "../../rules";
import { isOle, looksLikeText, oleNames, type ZipEntry, zipEntries, zipEntryCount } from "./fileKind";
import { regularFile } from "./fileCheck";
import { dateStyles, readBook, sharedStrings, workbookPart } from "./xlsx/book";
import { BrokenPart, InflatedTooMuch, Package } from "./xlsx/parts";
import { readSheet } from "./xlsx/sheet";

const MB = 1024 * 1024;

/** What is read at most. */
export interface Limits {
  /** The file on disk. */
  fileBytes: number;
  /** The parts read (sheets, shared strings and the rest), as actually inflated, whatever the zip declares. */
  cellBytes: number;
  /** Each part other than the sheets and shared strings (workbook, relationships, styles, tables), inflated. */
  partBytes: number;
  /** Entries in the zip's directory. */
  entries: number;
}

export const LIMITS: Limits = { fileBytes: 20 * MB, cellBytes: 50 * MB, partBytes: 10 * MB, entries: 10_000 };

const mb = (n: number) => `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;
const fail = (text: string) => new LocumError(text.replace(/\s+/g, " "));

/** Read a workbook file, or a LocumError with one line saying what the file is and what to do. */
export async function readWorkbookFile(file: string, limits: Limits = LIMITS): Promise<WorkbookInput> {
  const buf = await readWhole(file, limits);
  const entries = zipOfWorkbook(file, buf, limits);
  // Sizes as the zip declares them: an honest file too big is refused before anything is inflated.
  const cells = entries.filter((e) => /^\/?xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i.test(e.name)).reduce((n, e) => n + e.size, 0);
  if (cells > limits.cellBytes) throw tooBig(file, `it holds ${mb(cells)} of cell data once unzipped`, limits);
  const pkg = new Package(buf, entries, limits.cellBytes);
  try {
    return readPackage(file, pkg, limits);
  } catch (e) {
    if (e instanceof InflatedTooMuch) {
      const cells = e.what === "file" || e.cap === limits.cellBytes;
      throw tooBig(file, cells ? `its cell data unzips to more than ${mb(e.cap)}` : `its part ${e.name} unzips to more than ${mb(e.cap)}`, limits);
    }
    if (e instanceof BrokenPart)
      throw fail(`cannot read ${file} as an .xlsx workbook (${e.message}): open it in Excel and save it again as an Excel Workbook (.xlsx)`);
    throw e;
  }
}

/** The workbook's parts, then each worksheet streamed into its blocks. */
function readPackage(file: string, pkg: Package, limits: Limits): WorkbookInput {
  const book = readBook(pkg, workbookPart(pkg, limits.partBytes), limits.partBytes);
  // The same for sheets under other part names; a zip that declares less is stopped as it inflates.
  const declared = [...book.sheets.map((s) => s.part), book.sharedStrings ?? ""].reduce((n, p) => n + (p ? pkg.declared(p) : 0), 0);
  if (declared > limits.cellBytes) throw tooBig(file, `it holds ${mb(declared)} of cell data once unzipped`, limits);
  const cx = {
    strings: sharedStrings(pkg, book.sharedStrings, limits.cellBytes),
    dateStyles: dateStyles(pkg, book.styles, limits.partBytes),
    date1904: book.date1904,
  };
  const caps = { sheet: limits.cellBytes, part: limits.partBytes };
  const sheets = book.sheets.map((s): SheetInput => ({ ...readSheet(pkg, s.name, s.part, caps, cx), ...(s.hidden ? { hidden: true } : {}) }));
  return { sheets, date1904: book.date1904 };
}

function tooBig(file: string, what: string, limits: Limits): LocumError {
  return fail(`${file} is too big to read: ${what} (this tool reads workbooks up to ${mb(limits.fileBytes)} on disk and ${mb(limits.cellBytes)} of cell data, about
    150,000 rows): split it by year, one workbook per scheme year (or move earlier years' rows to another workbook), and run each`);
}

async function readWhole(file: string, limits: Limits): Promise<Buffer> {
  // A folder, a FIFO (which would hang the read), a device, a looping link, no permission: said plainly.
  const { size } = regularFile(file);
  if (size > limits.fileBytes) throw tooBig(file, `the file is ${mb(size)}`, limits);
  if (size === 0) throw fail(`${file} is empty (0 bytes): it is not a workbook`);
  return readFile(file);
}

/** The zip's entries when `buf` is an .xlsx package; else a LocumError saying what the file is. */
function zipOfWorkbook(file: string, buf: Buffer, limits: Limits): ZipEntry[] {
  if (isOle(buf)) {
    const names = oleNames(buf) ?? [];
    if (names.includes("EncryptedPackage")) {
      throw fail(`${file} is password-protected (encrypted), so it cannot be read: open it in Excel, remove the password (File > Info > Protect Workbook >
        Encrypt with Password, then clear it) and save it, or save a copy without a password, and run this on that`);
    }
    if (names.includes("Workbook") || names.includes("Book"))
      throw fail(`${file} is an old Excel 97-2003 workbook (.xls): open it in Excel and save it as an Excel Workbook (.xlsx), then run this on that`);
    throw fail(`${file} is an older Office file (an OLE compound file), not an .xlsx workbook: open it in Excel and save it as an Excel Workbook (.xlsx)`);
  }
  if (buf.length >= 4 && (buf.readUInt32LE(0) === 0x04034b50 || buf.readUInt32LE(0) === 0x06054b50)) {
    const count = zipEntryCount(buf);
    if (count !== null && count > limits.entries)
      throw tooBig(
        file,
        `it holds ${count.toLocaleString("en-GB")} parts (an Excel workbook has a few dozen; at most ${limits.entries.toLocaleString("en-GB")} are read)`,
        limits,
      );
    const entries = zipEntries(buf);
    if (!entries)
      throw fail(
        `${file} starts like a zip file but cannot be read as one (it may be damaged or cut short): save it again from Excel as an Excel Workbook (.xlsx)`,
      );
    const names = new Set(entries.map((e) => e.name.replace(/^\//, "")));
    if (names.has("xl/workbook.xml")) return entries;
    if (names.has("xl/workbook.bin")) throw fail(`${file} is an Excel binary workbook (.xlsb): open it in Excel and save it as an Excel Workbook (.xlsx)`);
    if (names.has("mimetype") && names.has("content.xml"))
      throw fail(`${file} is an OpenDocument file (such as .ods), not an .xlsx workbook: save it as an Excel Workbook (.xlsx)`);
    throw fail(`${file} is a zip file but not an Excel workbook (it has no xl/workbook.xml): give the .xlsx workbook itself`);
  }
  if (looksLikeText(buf)) throw fail(`${file} is a text file (such as CSV), not an .xlsx workbook: open it in Excel and save it as an Excel Workbook (.xlsx)`);
  throw fail(`${file} is not an .xlsx workbook (neither a zip nor an Office file): save it from Excel as an Excel Workbook (.xlsx)`);
}
