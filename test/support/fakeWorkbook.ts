// One workbook described once, then made two ways: an .xlsx file written with exceljs (what the
// command line reads) and a fake Excel.run over the same cells (what the task pane and the custom
// functions read), strict like the real API: a property read before load() and sync() throws.
// The fake gives what Office.js gives: dense range.values ("" for empty cells, dates as serials in
// the workbook's date system), a table's range with its header and Total Row, used ranges of the
// cells holding values, merged and visible areas as "Sheet!A1:B2,Sheet!A4:B9" addresses.
import ExcelJS from "exceljs";
import { columnLetter } from "../../src/workbook";
import type { ExcelRun } from "../../src/taskpane/excel";
import { type FakeHost, type HostState, installFakeHost, type SyncLog } from "./fakeHost";

export interface BookTable {
  name: string;
  /** Top-left cell of the header row. */
  at: string;
  /** Header first, then the data rows. */
  rows: unknown[][];
  /** A Total Row under the data (a label in the first column, a sum under Fee). */
  totals?: boolean;
}

export interface BookSheet {
  name: string;
  /** Plain cells, placed with their top-left cell ("A1"). */
  blocks?: { at: string; rows: unknown[][] }[];
  tables?: BookTable[];
  merged?: string[];
  /** Excel rows hidden (by Hide or a filter). */
  hidden?: number[];
  /** The sheet itself hidden (Hide), or very hidden (by a macro). */
  state?: "hidden" | "veryHidden";
}

export interface Book {
  sheets: BookSheet[];
  active?: string;
  date1904?: boolean;
}

const decode = (a: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a)!;
  return { row: Number(m[2]), col: [...m[1]].reduce((t, c) => t * 26 + c.charCodeAt(0) - 64, 0) - 1 };
};

/** Every cell of a sheet that holds something (tables included), by [row, col] (1-based row, 0-based col). */
function cellsOf(s: BookSheet): Map<string, { row: number; col: number; v: unknown }> {
  const out = new Map<string, { row: number; col: number; v: unknown }>();
  const put = (at: string, rows: unknown[][]) => {
    const a = decode(at);
    rows.forEach((r, i) =>
      r.forEach((v, j) => v !== "" && v !== null && v !== undefined && out.set(`${a.row + i},${a.col + j}`, { row: a.row + i, col: a.col + j, v })),
    );
  };
  for (const b of s.blocks ?? []) put(b.at, b.rows);
  for (const t of s.tables ?? []) {
    put(t.at, t.rows);
    if (t.totals) put(`${columnLetter(decode(t.at).col)}${decode(t.at).row + t.rows.length}`, [totalsRow(t)]);
  }
  return out;
}

/** A Total Row as Excel's Table Design makes it: "Total" in the first column, the fees added up. */
function totalsRow(t: BookTable): unknown[] {
  const fee = t.rows[0].findIndex((h) => h === "Fee");
  return t.rows[0].map((_, i) => (i === 0 ? "Total" : i === fee ? t.rows.slice(1).reduce((n, r) => n + Number(r[i]), 0) : ""));
}

// ---- the .xlsx file ----

export async function writeXlsx(book: Book, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  if (book.date1904) wb.properties.date1904 = true;
  for (const s of book.sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const b of s.blocks ?? []) {
      const a = decode(b.at);
      b.rows.forEach((r, i) => r.forEach((v, j) => v !== "" && (ws.getCell(a.row + i, a.col + j + 1).value = v as ExcelJS.CellValue)));
    }
    for (const t of s.tables ?? []) {
      const fee = t.rows[0].findIndex((h) => h === "Fee");
      const columns = t.rows[0].map((name, i) =>
        t.totals
          ? i === 0
            ? { name: String(name), totalsRowLabel: "Total" }
            : i === fee
              ? { name: String(name), totalsRowFunction: "sum" as const }
              : { name: String(name) }
          : { name: String(name) },
      );
      ws.addTable({ name: t.name, ref: t.at, headerRow: true, totalsRow: t.totals ?? false, columns, rows: t.rows.slice(1) as unknown[][] });
    }
    for (const m of s.merged ?? []) ws.mergeCells(m);
    for (const r of s.hidden ?? []) ws.getRow(r).hidden = true;
    if (s.state) ws.state = s.state;
  }
  await wb.xlsx.writeFile(file);
}

// ---- the fake Excel (test/support/fakeHost.ts) over the same cells ----

const EPOCH = Date.UTC(1899, 11, 30);
const asExcel = (v: unknown, date1904: boolean) => (v instanceof Date ? Math.round((v.getTime() - EPOCH) / 86_400_000) - (date1904 ? 1462 : 0) : v);

/** The book as the simulated host's state: cells keyed "row,col" (0-based), dates as serials. */
export function hostState(book: Book, extra: Partial<HostState> = {}): HostState {
  const d1904 = Boolean(book.date1904);
  const tables: HostState["tables"] = [];
  const sheets = book.sheets.map((s, i) => {
    const cells: HostState["sheets"][number]["cells"] = {};
    for (const c of cellsOf(s).values()) cells[`${c.row - 1},${c.col}`] = { v: asExcel(c.v, d1904) as string | number | boolean };
    for (const t of s.tables ?? []) {
      const a = decode(t.at);
      tables.push({
        name: t.name,
        sheet: s.name,
        r0: a.row - 1,
        c0: a.col,
        r1: a.row - 2 + t.rows.length + (t.totals ? 1 : 0),
        c1: a.col + t.rows[0].length - 1,
        showTotals: Boolean(t.totals),
      });
    }
    const visibility = s.state === "hidden" ? "Hidden" : s.state === "veryHidden" ? "VeryHidden" : undefined;
    return { name: s.name, id: `id-${i}`, cells, merged: s.merged, hidden: s.hidden, ...(visibility ? { visibility } : {}) };
  });
  return { sheets, tables, active: book.active ?? book.sheets[0]?.name, date1904: d1904, ...extra };
}

/** An ExcelRun over the book, and each run's sync log (to count syncs). */
export function fakeRun(book: Book, extra: Partial<HostState> = {}): { run: ExcelRun; contexts: SyncLog[]; host: FakeHost } {
  const host = installFakeHost({}, hostState(book, extra), false);
  return { run: host.run as ExcelRun, contexts: host.runs, host };
}

/** A global Excel whose run() works on the book, for code that calls Excel.run itself (the functions). */
export function installBook(book: Book): SyncLog[] {
  const host = installFakeHost(globalThis as unknown as Record<string, unknown>, hostState(book), false);
  return host.runs;
}
