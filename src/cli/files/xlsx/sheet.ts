// One worksheet part, streamed: each cell becomes the value Excel's range.values gives (numbers,
// text, booleans, dates as serials, errors as "#N/A") as it is parsed, and each row is kept only as
// the cells that hold something, so memory follows the cells, never the XML. Then the blocks src/forms
// reads: the used range and each Excel table (its Total Row left out), as the task pane gives them.
import type { Block, SheetInput, TableInput } from "../../../workbook";
import { blockRows, columnAt, denseBlock } from "../../../workbook";
import { cellToDay, dayToSerialIn, EXCEL_EPOCH_OFFSET, isBlankCell } from "../../../rules";
import { relsOf, TextCollector } from "./book";
import { attr, type Package } from "./parts";

/** What a sheet's cells need from the workbook. */
export interface SheetContext {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** The cells that hold something, by Excel row and column (1-based), read once per sheet. */
interface Grid {
  /** Row numbers that hold something, ascending as Excel writes them. */
  rows: number[];
  cells: Map<number, unknown[]>; // row → sparse cells, index column - 1
  hidden: number[];
  merged: string[];
  tableIds: string[];
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** "BC12" → [12, 55]; a reference without a row ("BC") → [0, 55]. */
function cellRef(ref: string): [number, number] {
  const digits = ref.search(/[^A-Za-z]/);
  const row = digits < 0 ? 0 : Number(ref.slice(digits).replace(/\$/g, ""));
  return [row, columnAt(ref, 0)];
}

const MS_PER_DAY = 86_400_000;
/** The last moment a JavaScript Date holds, in ms from 1970: a later serial is no date. */
const LAST_MS = 8.64e15;

/**
 * A number styled as a date (at least 1): the serial of its day, a time of day dropped, rounded to
 * the millisecond as a Date would hold it; "" past a Date's range. In whole-number arithmetic: a
 * Date per cell was a sizeable part of reading a sheet.
 */
function dateSerial(v: number, date1904: boolean): number | "" {
  const shift = date1904 ? 1462 : 0;
  const ms = Math.round((v - EXCEL_EPOCH_OFFSET + shift) * MS_PER_DAY); // in the order the Date was made
  if (ms > LAST_MS) return "";
  return (ms - (((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY)) / MS_PER_DAY + EXCEL_EPOCH_OFFSET - shift;
}

/** One cell's value from its type (`t`), style (`s`), value text and formula. */
function valueOf(t: string, s: number, v: string | null, formula: string | null, inline: string, cx: SheetContext): unknown {
  if (t === "inlineStr") return inline;
  if (v === null) return formula !== null ? `=${formula}` : ""; // a formula never calculated shows as itself
  switch (t) {
    case "s":
      return cx.strings[Number(v)] ?? "";
    case "str":
      return v; // a formula's text result, "" included
    case "b":
      return v === "1" || v.toLowerCase() === "true";
    case "e":
      return v;
    case "d": {
      const d = cellToDay(new Date(v.length <= 10 ? `${v}T00:00:00Z` : /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`));
      return d === null ? v : dayToSerialIn(d, cx.date1904);
    }
  }
  if (v.trim() === "") return "";
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  return cx.dateStyles[s] && n >= 1 ? dateSerial(n, cx.date1904) : n; // under 1: a time of day alone, no date
}

/** Excel's last column and row: a reference past them is no cell (a hostile file's, not Excel's). */
const MAX_COL = 16_384;
const MAX_ROW = 1_048_576;

/** A worksheet part's events → its grid of cells that hold something, row by row as they come. */
class GridReader {
  readonly g: Grid = { rows: [], cells: new Map(), hidden: [], merged: [], tableIds: [], top: 0, bottom: 0, left: Infinity, right: 0 };
  private row = 0;
  private rowHidden = false;
  private line: unknown[] | undefined;
  // The cell being read: its column, type, style, value text and formula, and which of them text goes to.
  private col = 0;
  private t = "";
  private s = 0;
  private v: string | null = null;
  private formula: string | null = null;
  private into: "v" | "f" | "is" | null = null;
  private readonly inline = new TextCollector();
  /** A shared formula's text by its si, for the cells that only point at it; the si being defined. */
  private readonly shared = new Map<string, string>();
  private definingSi: string | undefined;

  constructor(private readonly cx: SheetContext) {}

  open(name: string, a: Record<string, string>): void {
    if (name === "row") {
      this.endRow();
      this.row = a.r ? Number(a.r) : this.row + 1;
      this.col = 0;
      this.rowHidden = a.hidden === "1" || a.hidden === "true";
    } else if (name === "c") {
      this.col = a.r ? columnAt(a.r, 0) : this.col + 1;
      this.t = a.t ?? "n";
      this.s = a.s ? Number(a.s) : 0;
      this.v = null;
      this.formula = null;
    } else if (name === "v") {
      this.v = "";
      this.into = "v";
    } else if (name === "f") {
      const defines = a.t === "shared" && a.ref !== undefined;
      this.formula = a.t === "shared" && !defines && a.si !== undefined ? (this.shared.get(a.si) ?? "") : "";
      this.definingSi = defines ? a.si : undefined;
      this.into = "f";
    } else if (name === "is") this.into = "is";
    else if (this.into === "is") this.inline.open(name);
    else if (name === "mergeCell" && a.ref) this.g.merged.push(a.ref.replace(/\$/g, ""));
    else if (name === "tablePart") {
      const id = attr(a, "r:id") ?? attr(a, "id");
      if (id) this.g.tableIds.push(id);
    }
  }

  /** A cell of the usual shape in one call (XmlEvents.cell): as open, text and close would read it. */
  cell(col: number, style: number, t: string | undefined, v: string | null): void {
    this.col = col < 0 ? this.col + 1 : col;
    this.t = t ?? "n";
    this.s = style;
    this.v = v;
    this.formula = null;
    if (v !== null) this.into = null;
    this.endCell();
  }

  text(x: string): void {
    if (this.into === "v") this.v += x;
    else if (this.into === "f") this.formula += x;
    else if (this.into === "is") this.inline.text(x);
  }

  close(name: string): void {
    if (name === "v" || name === "is") this.into = null;
    else if (name === "f") {
      if (this.definingSi !== undefined) this.shared.set(this.definingSi, this.formula ?? "");
      this.into = null;
    } else if (this.into === "is") this.inline.close(name);
    else if (name === "c") this.endCell();
    else if (name === "row") this.endRow();
  }

  private endCell(): void {
    const { t, col, formula } = this;
    const value = valueOf(t, this.s, this.v, formula, t === "inlineStr" ? this.inline.take() : "", this.cx);
    // A formula's cell holds something even when its result is "" (as the task pane reads it).
    if ((formula === null && isBlankCell(value)) || col < 1 || col > MAX_COL || this.row < 1 || this.row > MAX_ROW) return;
    (this.line ??= [])[col - 1] = value;
    if (col < this.g.left) this.g.left = col;
    if (col > this.g.right) this.g.right = col;
  }

  endRow(): void {
    const { g, line, row } = this;
    if (!line) return;
    if (this.rowHidden) g.hidden.push(row); // as before: a hidden row counts when it holds something
    g.rows.push(row);
    g.cells.set(row, line);
    g.top ||= row;
    g.bottom = row;
    this.line = undefined;
  }
}

/** Stream a worksheet part into its grid of cells that hold something. */
function readGrid(pkg: Package, part: string, cap: number, cx: SheetContext): Grid {
  const reader = new GridReader(cx);
  pkg.parse(part, cap, {
    open: (name, a) => reader.open(name, a),
    text: (x) => reader.text(x),
    close: (name) => reader.close(name),
    cell: (col, style, t, v) => reader.cell(col, style, t, v),
  });
  reader.endRow();
  const g = reader.g;
  // Excel writes rows in order; a file that does not is put in order (each row once), as blocks need.
  if (g.rows.some((r, i) => i > 0 && r <= g.rows[i - 1])) {
    g.rows = [...new Set(g.rows)].sort((a, b) => a - b);
    [g.top, g.bottom] = [g.rows[0], g.rows[g.rows.length - 1]];
  }
  return g;
}

/** Cells under a merged area, bar its top-left one, read as empty (as Excel shows them). */
function clearMerged(g: Grid): void {
  for (const m of g.merged) {
    const [a, b = a] = m.split(":");
    const [r0, c0] = cellRef(a);
    const [r1, c1] = cellRef(b);
    if (r1 - r0 < g.rows.length) {
      for (let r = r0; r <= r1; r++) clearRow(g.cells.get(r), r === r0 ? c0 + 1 : c0, c1);
    } else for (const r of g.rows) if (r >= r0 && r <= r1) clearRow(g.cells.get(r), r === r0 ? c0 + 1 : c0, c1);
  }
}

function clearRow(line: unknown[] | undefined, from: number, to: number): void {
  if (!line) return;
  for (let c = from; c <= to && c <= line.length; c++) delete line[c - 1];
}

/** Merged areas of the sheet ("B1:C1") that touch rows top..bottom, columns left..right. */
function mergesIn(g: Grid, top: number, left: number, bottom: number, right: number): string[] {
  return g.merged.filter((m) => {
    const [a, b = a] = m.split(":");
    const [r0, c0] = cellRef(a);
    const [r1, c1] = cellRef(b);
    return r1 >= top && r0 <= bottom && c1 >= left && c0 <= right;
  });
}

/** The block at rows top..bottom, columns left..right, ending at its last row with something. */
function blockOf(g: Grid, top: number, left: number, bottom: number, right: number): Block {
  const found: [number, unknown[]][] = [];
  const width = right - left + 1;
  // A block that will be laid out in full gets its rows so at once (no second copy in blockRows).
  const full = denseBlock(bottom - top + 1, width);
  for (const r of g.rows) {
    if (r < top || r > bottom) continue;
    const line = g.cells.get(r)!;
    let cells: unknown[] | undefined;
    const end = Math.min(line.length, right);
    for (let i = left - 1; i < end; i++) {
      if (!(i in line)) continue;
      cells ??= full ? Array<unknown>(width).fill("") : [];
      cells[i + 1 - left] = line[i];
    }
    if (cells) found.push([r - top, cells]);
  }
  const rows = blockRows(found, width, full);
  const last = top + rows.length - 1;
  return { rows, firstRow: top, firstCol: left - 1, merged: mergesIn(g, top, left, last, right), hidden: g.hidden.filter((r) => r >= top && r <= last) };
}

/** The sheet's Excel tables, in the order the sheet lists them. */
function tablesOf(pkg: Package, part: string, g: Grid, cap: number): TableInput[] {
  if (!g.tableIds.length) return [];
  const rels = relsOf(pkg, part, cap);
  const out: TableInput[] = [];
  for (const id of g.tableIds) {
    const rel = rels.get(id);
    if (!rel || rel.type !== "table") continue;
    let table: Record<string, string> | undefined;
    pkg.parse(rel.target, cap, { open: (name, a) => void (name === "table" && (table ??= a)) });
    const [a, b] = (table?.ref ?? "").split(":");
    if (!table || !a || !b) continue;
    const [r0, c0] = cellRef(a);
    const [r1, c1] = cellRef(b);
    if (!r0 || !c0 || !r1 || !c1) continue;
    const totals = Number(table.totalsRowCount ?? 0) > 0;
    const bottom = r1 - (totals ? 1 : 0); // the Total Row adds up sessions; it is not one
    out.push({ ...blockOf(g, r0, c0, bottom, c1), name: table.displayName ?? table.name ?? "", totals });
  }
  return out;
}

/** A worksheet as src/forms reads it: its used range and its tables. */
export function readSheet(pkg: Package, name: string, part: string, caps: { sheet: number; part: number }, cx: SheetContext): SheetInput {
  const g = readGrid(pkg, part, caps.sheet, cx);
  clearMerged(g);
  const used = g.rows.length ? blockOf(g, g.top, g.left, g.bottom, g.right) : { rows: [], firstRow: 1, firstCol: 0, merged: [], hidden: [] };
  return { name, used, tables: tablesOf(pkg, part, g, caps.part) };
}
