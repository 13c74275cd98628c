// One workbook described once, then made two ways: an .xlsx file written with exceljs (what the
// command line reads) and a fake Excel.run over the same cells (what the task pane and the custom
// functions read), strict like the real API: a property read before load() and sync() throws.
// The fake gives what Office.js gives: dense range.values ("" for empty cells, dates as serials in
// the workbook's date system), a table's range with its header and Total Row, used ranges of the
// cells holding values, merged and visible areas as "Sheet!A1:B2,Sheet!A4:B9" addresses.
import ExcelJS from "exceljs";
import { columnLetter } from "../src/forms";
import type { ExcelRun } from "../src/taskpane/excel";

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
    rows.forEach((r, i) => r.forEach((v, j) => v !== "" && v !== null && v !== undefined && out.set(`${a.row + i},${a.col + j}`, { row: a.row + i, col: a.col + j, v })));
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
      const columns = t.rows[0].map((name, i) => (t.totals ? (i === 0 ? { name: String(name), totalsRowLabel: "Total" } : i === fee ? { name: String(name), totalsRowFunction: "sum" as const } : { name: String(name) }) : { name: String(name) }));
      ws.addTable({ name: t.name, ref: t.at, headerRow: true, totalsRow: t.totals ?? false, columns, rows: t.rows.slice(1) as unknown[][] });
    }
    for (const m of s.merged ?? []) ws.mergeCells(m);
    for (const r of s.hidden ?? []) ws.getRow(r).hidden = true;
  }
  await wb.xlsx.writeFile(file);
}

// ---- the fake Excel ----

const EPOCH = Date.UTC(1899, 11, 30);
const asExcel = (v: unknown, date1904: boolean) => (v instanceof Date ? Math.round((v.getTime() - EPOCH) / 86_400_000) - (date1904 ? 1462 : 0) : v);

class Strict {
  private pending = new Set<string>();
  private ready = new Set<string>();
  constructor(
    private readonly data: Record<string, unknown>,
    ctx: FakeBookContext,
  ) {
    ctx.objects.push(this);
    return new Proxy(this, {
      get: (target, prop: string) => {
        if (prop in target) return (target as unknown as Record<string, unknown>)[prop];
        const v = target.data[prop];
        // Methods, navigation objects and isNullObject need no load (as in Office.js).
        if (typeof v === "function" || prop === "isNullObject" || (v instanceof Object && !Array.isArray(v))) return v;
        if (!target.ready.has(prop)) throw new Error(`PropertyNotLoaded: ${prop} read before load() and sync()`);
        return v;
      },
    });
  }
  load(props: string): this {
    for (const p of props.split(",")) {
      const [head, ...rest] = p.trim().split("/");
      this.pending.add(head);
      const v = this.data[head];
      if (rest.length && Array.isArray(v)) for (const item of v as Strict[]) item.load(rest.join("/"));
      else if (rest.length && v instanceof Strict) v.load(rest.join("/"));
    }
    return this;
  }
  flush(): void {
    for (const p of this.pending) this.ready.add(p);
    this.pending.clear();
  }
}

const quoted = (name: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

export class FakeBookContext {
  objects: Strict[] = [];
  syncs = 0;
  calculated = 0;
  workbook: Record<string, unknown>;
  constructor(book: Book) {
    const d1904 = Boolean(book.date1904);
    const sheetObjs = new Map<string, Strict>();
    const areas = (sheet: string, list: string[]) => list.map((a) => `${quoted(sheet)}!${a}`).join(",");
    // A range over rows top..bottom, columns left..right (0-based) of a sheet, as Excel gives it.
    const range = (s: BookSheet, top: number, left: number, bottom: number, right: number): Strict => {
      const cells = cellsOf(s);
      const values = Array.from({ length: bottom - top + 1 }, (_, i) => Array.from({ length: right - left + 1 }, (_, j) => asExcel(cells.get(`${top + i},${left + j}`)?.v ?? "", d1904)));
      const hidden = new Set(s.hidden ?? []);
      const runs: string[] = [];
      for (let r = top; r <= bottom; r++) {
        if (hidden.has(r)) continue;
        let e = r;
        while (e + 1 <= bottom && !hidden.has(e + 1)) e++;
        runs.push(`${columnLetter(left)}${r}:${columnLetter(right)}${e}`);
        r = e;
      }
      const inside = (s.merged ?? []).filter((m) => {
        const [a, b] = m.split(":").map(decode);
        return a.row <= bottom && b.row >= top && a.col <= right && b.col >= left;
      });
      const rangeAreas = (list: string[]) => new Strict(list.length ? { isNullObject: false, address: areas(s.name, list) } : { isNullObject: true }, this);
      return new Strict(
        {
          isNullObject: false,
          values,
          rowIndex: top - 1,
          columnIndex: left,
          worksheet: sheetObjs.get(s.name),
          getMergedAreasOrNullObject: () => rangeAreas(inside),
          getSpecialCellsOrNullObject: (kind: string) => {
            if (kind !== "Visible") throw new Error(`fake: special cells ${kind}`);
            return rangeAreas(runs);
          },
        },
        this,
      );
    };
    const usedRange = (s: BookSheet) => {
      const cells = [...cellsOf(s).values()];
      if (!cells.length) return new Strict({ isNullObject: true, getMergedAreasOrNullObject: () => new Strict({ isNullObject: true }, this), getSpecialCellsOrNullObject: () => new Strict({ isNullObject: true }, this) }, this);
      const rows = cells.map((c) => c.row);
      const cols = cells.map((c) => c.col);
      return range(s, Math.min(...rows), Math.min(...cols), Math.max(...rows), Math.max(...cols));
    };
    const tableObjs: Strict[] = [];
    for (const s of book.sheets) {
      const tables: Strict[] = [];
      const ws = new Strict({ name: s.name, id: `id-${s.name}`, getUsedRangeOrNullObject: () => usedRange(s), getUsedRange: () => usedRange(s), tables: undefined }, this);
      sheetObjs.set(s.name, ws);
      for (const t of s.tables ?? []) {
        const a = decode(t.at);
        const bottom = a.row + t.rows.length - 1 + (t.totals ? 1 : 0);
        const obj = new Strict({ name: t.name, showTotals: Boolean(t.totals), worksheet: ws, getRange: () => range(s, a.row, a.col, bottom, a.col + t.rows[0].length - 1) }, this);
        tables.push(obj);
        tableObjs.push(obj);
      }
      (ws as unknown as { data: Record<string, unknown> }).data.tables = new Strict({ items: tables }, this);
    }
    const sheetList = [...sheetObjs.values()];
    const byName = (n: string) => sheetList.find((w) => (w as unknown as { data: { name: string; id: string } }).data.name === n || (w as unknown as { data: { id: string } }).data.id === n);
    const active = book.active ?? book.sheets[0]?.name;
    this.workbook = {
      worksheets: new Strict({ items: sheetList, getActiveWorksheet: () => byName(active!), getItem: (n: string) => byName(n), onChanged: { add: () => undefined } }, this),
      tables: new Strict({ items: tableObjs }, this),
      getSelectedRange: () => new Strict({ rowIndex: 0, rowCount: 1, cellCount: 1, worksheet: byName(active!) }, this),
      functions: { date: (y: number, m: number, d: number) => new Strict({ value: asExcel(new Date(Date.UTC(y, m - 1, d)), d1904) }, this) },
      application: { calculate: () => this.calculated++ },
    };
  }
  async sync(): Promise<void> {
    this.syncs++;
    for (const o of this.objects) o.flush();
  }
}

/** An ExcelRun over the book, and the contexts it made (to count syncs). */
export function fakeRun(book: Book): { run: ExcelRun; contexts: FakeBookContext[] } {
  const contexts: FakeBookContext[] = [];
  const run: ExcelRun = async (batch) => {
    const c = new FakeBookContext(book);
    contexts.push(c);
    return batch(c as unknown as Excel.RequestContext);
  };
  return { run, contexts };
}

/** A global Excel whose run() works on the book, for code that calls Excel.run itself (the functions). */
export function installBook(book: Book): FakeBookContext[] {
  const { run, contexts } = fakeRun(book);
  (globalThis as Record<string, unknown>).Excel = { CalculationType: { full: "Full" }, run };
  return contexts;
}
