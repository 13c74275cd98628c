// An .xlsx file → WorkbookInput, the shape the task pane's Excel adapter gives for the open workbook,
// so src/forms chooses and reads the sheets the same way for both (and a folder of workbooks can be
// read in a loop). Node-only: exceljs reads the package. Before it does, the file is checked for what
// it really is (an encrypted or old .xls workbook, a CSV, a zip of something else) and for its size,
// and the relationship targets other tools write as absolute paths are made relative (exceljs #1468).
import { readFile, stat } from "node:fs/promises";
import { posix } from "node:path";
import ExcelJS from "exceljs";
import type { Block, SheetInput, TableInput, WorkbookInput } from "../forms";
import { columnIndex } from "../forms/columns";
import { blockRows } from "../forms/workbook";
import { cellToDay, dayToSerialIn, LocumError } from "../rules";
import { entryBytes, isOle, looksLikeText, oleNames, type ZipEntry, zipEntries } from "./fileKind";

const MB = 1024 * 1024;

/** What is read at most: exceljs holds a whole workbook in memory (about 18 times its cell data). */
export interface Limits {
  /** The file on disk. */
  fileBytes: number;
  /** The sheets and their shared text, unzipped. */
  cellBytes: number;
}

export const LIMITS: Limits = { fileBytes: 20 * MB, cellBytes: 50 * MB };

const mb = (n: number) => `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;
const fail = (text: string) => new LocumError(text.replace(/\s+/g, " "));

/** Read a workbook file, or a LocumError with one line saying what the file is and what to do. */
export async function readWorkbookFile(file: string, limits: Limits = LIMITS): Promise<WorkbookInput> {
  const buf = await readWhole(file, limits);
  const entries = zipOfWorkbook(file, buf);
  const cells = entries.filter((e) => /^\/?xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i.test(e.name)).reduce((n, e) => n + e.size, 0);
  if (cells > limits.cellBytes) throw tooBig(file, `it holds ${mb(cells)} of cell data once unzipped`, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load((await relativeTargets(buf, entries)) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw fail(
      `cannot read ${file} as an .xlsx workbook (${e instanceof Error ? e.message : String(e)}): open it in Excel and save it again as an Excel Workbook (.xlsx)`,
    );
  }
  const date1904 = Boolean(wb.properties?.date1904);
  return { sheets: wb.worksheets.map((ws) => sheetInput(ws, date1904)), date1904 };
}

function tooBig(file: string, what: string, limits: Limits): LocumError {
  return fail(`${file} is too big to read: ${what} (this tool reads workbooks up to ${mb(limits.fileBytes)} on disk and ${mb(limits.cellBytes)} of cell data, about
    150,000 rows): split it by year, one workbook per scheme year (or move earlier years' rows to another workbook), and run each`);
}

async function readWhole(file: string, limits: Limits): Promise<Buffer> {
  let size: number;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw fail(`${file} is a folder: give the workbook (.xlsx) in it`);
    size = s.size;
  } catch (e) {
    if (e instanceof LocumError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (e as Error).message}`);
  }
  if (size > limits.fileBytes) throw tooBig(file, `the file is ${mb(size)}`, limits);
  if (size === 0) throw fail(`${file} is empty (0 bytes): it is not a workbook`);
  return readFile(file);
}

/** The zip's entries when `buf` is an .xlsx package; else a LocumError saying what the file is. */
function zipOfWorkbook(file: string, buf: Buffer): ZipEntry[] {
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

/**
 * Relationship targets written as absolute part names ("/xl/tables/table1.xml", as openpyxl does),
 * made relative to their part's folder ("../tables/table1.xml"), as Excel writes them: exceljs
 * cannot find absolute ones (exceljs issue #1468). The package is rewritten only when one changes.
 */
async function relativeTargets(buf: Buffer, entries: ZipEntry[]): Promise<Buffer> {
  const fixes = new Map<string, string>();
  for (const e of entries) {
    if (!/(^|\/)_rels\/[^/]*\.rels$/.test(e.name) || e.size > MB) continue;
    const xml = entryBytes(buf, e).toString("utf8");
    const fixed = relativeRels(xml, e.name);
    if (fixed !== xml) fixes.set(e.name, fixed);
  }
  if (!fixes.size) return buf;
  const { default: JSZip } = await import("jszip");
  const zip = await JSZip.loadAsync(buf);
  for (const [name, xml] of fixes) zip.file(name, xml);
  // Unchanged entries keep their compressed bytes: only the .rels are deflated again.
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A .rels part (named `relsName`) with its internal absolute targets made relative. */
export function relativeRels(xml: string, relsName: string): string {
  const folder = `/${relsName.replace(/^\//, "").replace(/_rels\/[^/]*$/, "")}`;
  return xml.replace(/<Relationship\b[^>]*>/g, (tag) =>
    /\bTargetMode\s*=\s*["']External["']/i.test(tag)
      ? tag
      : tag.replace(/\bTarget\s*=\s*(["'])(\/[^"']*)\1/, (_m, q: string, target: string) => `Target=${q}${posix.relative(folder, target)}${q}`),
  );
}

// ---- cells ----

const blank = (v: unknown) => v === "" || v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** Excel's range.values for one cell: numbers, text, booleans, dates as serials, errors as "#N/A". */
export function cellValue(cell: ExcelJS.Cell, date1904 = false): unknown {
  if (cell.type === ExcelJS.ValueType.Merge && cell.master !== cell) return ""; // as Excel shows it
  return plain(cell.value, date1904);
}

function plain(v: unknown, date1904: boolean): unknown {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) {
    // exceljs gives a date cell as the moment it means; Excel gives the serial in the workbook's system.
    const d = cellToDay(v);
    return d === null ? "" : dayToSerialIn(d, date1904);
  }
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("error" in o) return String(o.error);
    if ("formula" in o || "sharedFormula" in o) {
      if (o.result === undefined) return `=${String(o.formula ?? o.sharedFormula)}`; // never calculated
      return plain(o.result, date1904);
    }
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
    if ("text" in o) return plain(o.text, date1904);
  }
  return String(v);
}

/** The cells that hold something, by Excel row and column (1-based), read once per sheet. */
interface Grid {
  /** Row numbers that hold something, ascending. */
  rows: number[];
  cells: Map<number, unknown[]>; // row → sparse cells, index column - 1
  hidden: number[];
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Every cell that exists (exceljs keeps only those): never a loop over the used range. */
function gridOf(ws: ExcelJS.Worksheet, date1904: boolean): Grid {
  const g: Grid = { rows: [], cells: new Map(), hidden: [], top: 0, bottom: 0, left: Infinity, right: 0 };
  ws.eachRow((row, r) => {
    if (row.hidden) g.hidden.push(r);
    let line: unknown[] | undefined;
    row.eachCell((cell, c) => {
      const v = cellValue(cell, date1904);
      if (blank(v)) return; // a space far out is not content
      (line ??= [])[c - 1] = v;
      g.left = Math.min(g.left, c);
      g.right = Math.max(g.right, c);
    });
    if (!line) return;
    g.rows.push(r);
    g.cells.set(r, line);
    g.top ||= r;
    g.bottom = r;
  });
  return g;
}

/** Merged areas of the sheet ("B1:C1") that touch rows top..bottom, columns left..right. */
function mergesIn(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): string[] {
  type Merge = { top: number; left: number; bottom: number; right: number; range: string };
  const merges = Object.values((ws as unknown as { _merges?: Record<string, Merge> })._merges ?? {});
  return merges
    .filter((m) => m.bottom >= top && m.top <= bottom && m.right >= left && m.left <= right)
    .map((m) => String(m.range).replace(/^.*!/, "").replace(/\$/g, ""));
}

/**
 * The block at rows top..bottom, columns left..right, ending at the last row with something in those
 * columns. Laid out in full ("" in empty cells) when small, as Excel gives a range; else only the
 * cells that hold something, so one stray cell at XFD1048576 costs nothing.
 */
function blockOf(ws: ExcelJS.Worksheet, g: Grid, top: number, left: number, bottom: number, right: number): Block {
  const found: [number, unknown[]][] = [];
  for (const r of g.rows) {
    if (r < top || r > bottom) continue;
    const line = g.cells.get(r)!;
    const cells: unknown[] = [];
    let any = false;
    line.forEach((v, i) => {
      if (i + 1 < left || i + 1 > right) return;
      cells[i + 1 - left] = v;
      any = true;
    });
    if (any) found.push([r - top, cells]);
  }
  const rows = blockRows(found, right - left + 1);
  const last = top + rows.length - 1;
  return { rows, firstRow: top, firstCol: left - 1, merged: mergesIn(ws, top, left, last, right), hidden: g.hidden.filter((r) => r >= top && r <= last) };
}

function decodeAddress(a: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(a.trim());
  if (!m) return null;
  return { row: Number(m[2]), col: columnIndex(m[1]) + 1 };
}

interface TableModel {
  name?: string;
  displayName?: string;
  tableRef?: string;
  ref?: string;
  totalsRow?: boolean;
}

function tablesOf(ws: ExcelJS.Worksheet, g: Grid): TableInput[] {
  const tables = Object.values((ws as unknown as { tables?: Record<string, { table: TableModel }> }).tables ?? {});
  const out: TableInput[] = [];
  for (const { table } of tables) {
    const [a, b] = String(table.tableRef ?? table.ref ?? "")
      .split(":")
      .map(decodeAddress);
    if (!a || !b) continue;
    const bottom = b.row - (table.totalsRow ? 1 : 0); // the Total Row adds up sessions; it is not one
    out.push({ ...blockOf(ws, g, a.row, a.col, bottom, b.col), name: String(table.displayName ?? table.name ?? ""), totals: Boolean(table.totalsRow) });
  }
  return out;
}

function sheetInput(ws: ExcelJS.Worksheet, date1904: boolean): SheetInput {
  const g = gridOf(ws, date1904);
  const used = g.rows.length ? blockOf(ws, g, g.top, g.left, g.bottom, g.right) : { rows: [], firstRow: 1, firstCol: 0, merged: [], hidden: [] };
  return { name: ws.name, used, tables: tablesOf(ws, g) };
}
