// The task pane's own Excel calls (the custom functions read LocumRules themselves, in
// src/functions). Everything here that does not need Excel is a plain function, so it can be
// tested without Office; the one Excel.run batch takes its runner as a parameter for the same reason.
import { date1904Probe } from "../office";
import { type Block, blockRows, type WorkbookInput } from "../workbook";
import { chunks, type Rect, readRects, rectOf, totalCells } from "./readPlan";
import { dayToSerial, type EmployerRate, isoToDay, notFinal, plural, type RuleData, type TierTable } from "../rules";

export const RULES_NAME = "LocumRules";

/** The header parseRulesRows reads (src/rules/override.ts): one row per band, or per employer rate. */
export const RULES_HEADER = ["Kind", "From", "To", "Up to", "Rate", "Status", "Label", "Source"] as const;

export type Cell = string | number;

/** Number formats per column; "@" (text) stops Excel reading "14.3 %" or "2022/23" as numbers. */
const FORMATS: Record<(typeof RULES_HEADER)[number], string> = {
  Kind: "@",
  From: "dd/mm/yyyy",
  To: "dd/mm/yyyy",
  "Up to": "£#,##0",
  Rate: "0.00%",
  Status: "@",
  Label: "@",
  Source: "@",
};

function serialOf(iso: string): number {
  const day = isoToDay(iso);
  if (day === null) throw new Error(`not a date: ${iso}`);
  return dayToSerial(day);
}

/**
 * Rows for a LocumRules table, header first: dates as Excel serials, rates as fractions, the top
 * band's "Up to" empty. parseRulesRows reads them back to the same tables.
 */
export function rulesToRows(data: RuleData): Cell[][] {
  const rows: Cell[][] = [[...RULES_HEADER]];
  const common = (t: TierTable | EmployerRate) => [serialOf(t.from), serialOf(t.to)];
  for (const t of data.tiers) {
    for (const b of t.bands) {
      rows.push(["tier", ...common(t), b.upTo ?? "", Number(b.rate), t.status, t.label, t.source]);
    }
  }
  for (const e of data.employer) {
    rows.push(["employer", ...common(e), "", Number(e.rate), e.status, e.label, e.source]);
  }
  return rows;
}

/**
 * The tables worth starting a LocumRules sheet from: the provisional ones (the likeliest to need
 * correcting), or, when every tier table is final, the latest tier table. Every row left in
 * LocumRules overrides the built-in tables for its dates, so the sheet starts small.
 */
export function starterRules(data: RuleData): RuleData {
  const tiers = data.tiers.filter((t) => notFinal(t.status));
  const employer = data.employer.filter((e) => notFinal(e.status));
  if (tiers.length === 0 && data.tiers.length > 0) {
    const latest = [...data.tiers].sort((a, b) => a.from.localeCompare(b.from))[data.tiers.length - 1];
    tiers.push(latest);
  }
  return { tiers, employer };
}

/** Column-by-column number formats for `rows` (same shape as the rows). */
export function formatsFor(rows: Cell[][]): string[][] {
  return rows.map((r, i) => r.map((_, c) => (i === 0 ? "@" : FORMATS[RULES_HEADER[c]])));
}

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const excelRun: ExcelRun = (batch) => Excel.run(batch);

export interface SheetResult {
  /** False when the workbook already had a LocumRules table or sheet (it is shown, not changed). */
  created: boolean;
  /** Data rows written (bands and employer rates), 0 when nothing was created. */
  rows: number;
  message: string;
}

/**
 * Add a LocumRules sheet holding an Excel table named LocumRules, filled with `data`, and show it.
 * An existing LocumRules table or sheet is never overwritten: it is brought into view instead.
 */
export async function createRulesSheet(data: RuleData, run: ExcelRun = excelRun): Promise<SheetResult> {
  const rows = rulesToRows(data);
  return run(async (context) => {
    const workbook = context.workbook;
    const table = workbook.tables.getItemOrNullObject(RULES_NAME);
    const sheet = workbook.worksheets.getItemOrNullObject(RULES_NAME);
    await context.sync();
    if (!table.isNullObject) {
      table.worksheet.activate();
      await context.sync();
      return { created: false, rows: 0, message: `This workbook already has a ${RULES_NAME} table: it is shown, unchanged.` };
    }
    if (!sheet.isNullObject) {
      sheet.activate();
      await context.sync();
      return { created: false, rows: 0, message: `This workbook already has a ${RULES_NAME} sheet: it is shown, unchanged.` };
    }
    const ws = workbook.worksheets.add(RULES_NAME);
    const range = ws.getRangeByIndexes(0, 0, rows.length, RULES_HEADER.length);
    range.numberFormat = formatsFor(rows); // before the values, so text stays text
    range.values = rows;
    const t = ws.tables.add(range, true);
    t.name = RULES_NAME;
    range.format.autofitColumns();
    ws.freezePanes.freezeRows(1);
    ws.activate();
    await context.sync();
    const n = rows.length - 1;
    return {
      created: true,
      rows: n,
      message: `Added a ${RULES_NAME} sheet with ${plural(n, "row")} to edit (choose Reload ${RULES_NAME} after changing it).`,
    };
  });
}

// ---- Forms A and B: the workbook as src/forms reads it, the shape src/cli/files/xlsx.ts gives too ----

/** The open workbook, and the cells the user selected (more than one): their sheet and Excel rows. */
export interface PaneWorkbook {
  workbook: WorkbookInput;
  selection: { sheet: string; rows: [number, number] } | null;
}

/** An Excel API requirement set, where Office can say; else whether the method is there (tests). */
export function supports(version: string, method?: unknown): boolean {
  const req = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return req ? req.isSetSupported("ExcelApi", version) : method === undefined || typeof method === "function";
}

/** The areas of an Office address ("Sessions!A1:G3, Sessions!A5:G9", "'Dr''s, 2025'!$B$2"), sheet names dropped. */
export function areasOf(address: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let part = "";
  for (const ch of address) {
    if (ch === "'") quoted = !quoted; // '' inside a quoted name toggles twice: no harm
    if (ch === "," && !quoted) {
      parts.push(part);
      part = "";
    } else part += ch;
  }
  parts.push(part);
  return parts
    .map((p) =>
      p
        .slice(p.lastIndexOf("!") + 1)
        .replace(/\$/g, "")
        .trim(),
    )
    .filter(Boolean);
}

/** Excel rows first … first + count - 1 that no visible area covers ("A2:G9", "3:5"; "A:G" covers all). */
export function hiddenRowsOf(first: number, count: number, visible: string[]): number[] {
  const shown = new Uint8Array(count);
  for (const a of visible) {
    const rows = [...a.matchAll(/(?:^|:)[A-Z]*(\d+)/gi)].map((m) => Number(m[1]));
    const [top, bottom] = rows.length ? [Math.min(...rows), Math.max(...rows)] : [first, first + count - 1];
    for (let r = Math.max(first, top); r <= Math.min(first + count - 1, bottom); r++) shown[r - first] = 1;
  }
  const hidden: number[] = [];
  shown.forEach((v, i) => v || hidden.push(first + i));
  return hidden;
}

/** A sheet's cells as read: row → cells by column (sparse), and where its formulas are. */
interface SheetCells {
  rows: Map<number, unknown[]>;
  formulas: Rect[];
  merged: string[];
  /** Visible areas, or null when the host cannot say (then no row is taken as hidden). */
  visible: string[] | null;
}

const inRect = (r: Rect, row: number, col: number) => row >= r.r0 && row <= r.r1 && col >= r.c0 && col <= r.c1;

/** The block at `box` (0-based), ending at its last row holding something, as the .xlsx reader gives it. */
function blockOf(g: SheetCells, box: Rect): Block {
  const present = (row: number, col: number, v: unknown) => (v !== "" && v !== null && v !== undefined) || g.formulas.some((f) => inRect(f, row, col));
  const found: [number, unknown[]][] = [];
  for (const row of [...g.rows.keys()].sort((a, b) => a - b)) {
    if (row < box.r0 || row > box.r1) continue;
    const line = g.rows.get(row)!;
    const cells: unknown[] = [];
    let any = false;
    for (let c = box.c0; c <= Math.min(box.c1, line.length - 1); c++) {
      if (!(c in line) || !present(row, c, line[c])) continue;
      cells[c - box.c0] = line[c];
      any = true;
    }
    if (any) found.push([row - box.r0, cells]);
  }
  const rows = blockRows(found, box.c1 - box.c0 + 1);
  const height = rows.length;
  const last = box.r0 + height - 1;
  const firstRow = box.r0 + 1;
  const merged = g.merged.filter((m) => {
    const r = rectOf(m);
    return r !== null && r.r1 >= box.r0 && r.r0 <= last && r.c1 >= box.c0 && r.c0 <= box.c1;
  });
  const hidden = g.visible && height ? hiddenRowsOf(firstRow, height, g.visible) : [];
  return { rows, firstRow, firstCol: box.c0, merged, hidden };
}

const EMPTY_BLOCK: Block = { rows: [], firstRow: 1, firstCol: 0, merged: [], hidden: [] };

/** Plain words for a workbook too big to read through Office. */
export class TooBigError extends Error {}

const rectsOfAddress = (address: string | null) =>
  address
    ? areasOf(address)
        .map(rectOf)
        .filter((r): r is Rect => r !== null)
    : [];

/**
 * Every sheet and Excel table as src/forms reads them (the shape src/cli/files/xlsx.ts gives), in three
 * syncs whatever the workbook holds (four when it holds over 160,000 cells): (1) the sheets and
 * tables, (2) where each sheet holds constants and formulas (and its hidden rows, merged cells and
 * tables' places), (3) the values of only those cells, a far stray cell read on its own, in
 * requests that stay under Excel on the web's 5 MB limit. src/forms chooses the sessions, details,
 * LocumRules and LocumSettings.
 */
export async function readWorkbookInput(run: ExcelRun = excelRun): Promise<PaneWorkbook> {
  return run(async (context) => {
    const book = await loadSheets(context);
    const { geometry, tables } = await loadGeometry(context, book);
    const cells = await loadCells(context, geometry);
    return paneWorkbook(book, geometry, tables, cells);
  });
}

/** Sync 1's answer: the sheets, the active one, the selection, the date system. */
interface Book {
  sheets: Excel.WorksheetCollection;
  tables: Excel.TableCollection;
  active: Excel.Worksheet;
  selection: Excel.Range;
  selSheet: Excel.Worksheet;
  dates: () => boolean;
}

/** Where a sheet holds something, as sync 2 found it. */
interface Geometry {
  ws: Excel.Worksheet;
  areas: Rect[];
  formulas: Rect[];
  merged: string[];
  visible: string[] | null;
}

/** A table and its range (rows and columns, 0-based), as sync 2 loaded them. */
interface TableProbe {
  t: Excel.Table;
  range: Excel.Range;
}

/** Sync 1: the sheets and tables, the active sheet, the selection and the date system. */
async function loadSheets(context: Excel.RequestContext): Promise<Book> {
  const workbook = context.workbook;
  const sheets = workbook.worksheets;
  sheets.load("items/name,items/visibility");
  const tables = workbook.tables;
  tables.load("items/name,items/showTotals");
  const active = sheets.getActiveWorksheet();
  active.load("name");
  const selection = workbook.getSelectedRange();
  selection.load("rowIndex,rowCount,cellCount");
  // A navigation property (a proxy to load), not a read: the rule cannot tell.
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  const selSheet = selection.worksheet;
  selSheet.load("name");
  const dates = date1904Probe(context);
  await context.sync();
  return { sheets, tables, active, selection, selSheet, dates };
}

/**
 * Sync 2: where each sheet holds something: constants and formulas as areas (ExcelApi 1.9), so
 * neither a column formatted to the last row nor a stray cell at XFD1048576 makes the read the
 * whole sheet; its visible areas and merged cells; each table's place.
 */
async function loadGeometry(context: Excel.RequestContext, { sheets, tables: all }: Book): Promise<{ geometry: Geometry[]; tables: TableProbe[] }> {
  const special = supports("1.9");
  const merges = supports("1.13");
  const probes = sheets.items.map((ws) => {
    const whole = ws.getRange();
    const areas = (kind: string) => (special ? whole.getSpecialCellsOrNullObject(kind as Excel.SpecialCellType).load("address") : null);
    const used = special ? null : ws.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount");
    return {
      ws,
      constants: areas("Constants"),
      formulas: areas("Formulas"),
      visible: areas("Visible"),
      merged: merges ? whole.getMergedAreasOrNullObject().load("address") : null,
      used,
    };
  });
  const tables = all.items.map((t) => {
    t.worksheet.load("name");
    return { t, range: t.getRange().load("rowIndex,columnIndex,rowCount,columnCount") };
  });
  await context.sync();

  const addr = (a: Excel.RangeAreas | null) => (a && !a.isNullObject ? a.address : null);
  const geometry = probes.map((p): Geometry => {
    const formulas = rectsOfAddress(addr(p.formulas));
    let areas: Rect[];
    if (p.used)
      areas = p.used.isNullObject
        ? []
        : [{ r0: p.used.rowIndex, c0: p.used.columnIndex, r1: p.used.rowIndex + p.used.rowCount - 1, c1: p.used.columnIndex + p.used.columnCount - 1 }];
    else areas = [...rectsOfAddress(addr(p.constants)), ...formulas];
    return { ws: p.ws, areas, formulas, merged: areasOf(addr(p.merged) ?? ""), visible: p.visible ? areasOf(addr(p.visible) ?? "") : null };
  });
  return { geometry, tables };
}

/**
 * Sync 3 (and a fourth past 160,000 cells): the values of only the cells that hold something, in
 * chunks that each stay under Excel on the web's 5 MB a request; TooBigError past what the pane reads.
 */
async function loadCells(context: Excel.RequestContext, geometry: Geometry[]): Promise<SheetCells[]> {
  const pieces = geometry.flatMap((g, i) => readRects(g.areas).map((rect) => ({ of: i, rect })));
  const planned = chunks(pieces);
  if (!planned) {
    const cells = totalCells(pieces.map((p) => p.rect));
    throw new TooBigError(
      `This workbook holds about ${cells.toLocaleString("en-GB")} cells with something in them, more than the pane can read through Excel (Excel on the web takes at most 5 MB at a time). Split it, one workbook per scheme year, or save it and run locum forms on the file.`,
    );
  }
  const cells: SheetCells[] = geometry.map((g) => ({ rows: new Map(), formulas: g.formulas, merged: g.merged, visible: g.visible }));
  for (const chunk of planned) {
    const loaded = chunk.map((p) => ({
      p,
      range: geometry[p.of].ws.getRangeByIndexes(p.rect.r0, p.rect.c0, p.rect.r1 - p.rect.r0 + 1, p.rect.c1 - p.rect.c0 + 1).load("values"),
    }));
    // One sync a chunk, by design: a chunk is as much as one 5 MB request holds (two for 30,000 rows).
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const { p, range } of loaded) {
      const grid = cells[p.of].rows;
      range.values.forEach((line, i) => {
        const row = p.rect.r0 + i;
        const target = grid.get(row) ?? [];
        line.forEach((v, j) => (target[p.rect.c0 + j] = v));
        grid.set(row, target);
      });
    }
  }
  return cells;
}

/** The smallest rectangle holding every area; null for none. */
function bounds(areas: Rect[]): Rect | null {
  return areas.length
    ? {
        r0: Math.min(...areas.map((a) => a.r0)),
        c0: Math.min(...areas.map((a) => a.c0)),
        r1: Math.max(...areas.map((a) => a.r1)),
        c1: Math.max(...areas.map((a) => a.c1)),
      }
    : null;
}

/** No sync: what was read, as the workbook src/forms reads and the selection the pane offers. */
function paneWorkbook(book: Book, geometry: Geometry[], tables: TableProbe[], cells: SheetCells[]): PaneWorkbook {
  const input: WorkbookInput = {
    sheets: geometry.map((g, i) => {
      const box = bounds(g.areas);
      // Hidden or very hidden: src/forms chooses such a sheet only when no visible one will do, and says so.
      const hidden = g.ws.visibility === "Hidden" || g.ws.visibility === "VeryHidden";
      return { name: g.ws.name, used: box ? blockOf(cells[i], box) : EMPTY_BLOCK, tables: [], ...(hidden ? { hidden } : {}) };
    }),
    active: book.active.name,
    date1904: book.dates(),
  };
  for (const { t, range } of tables) {
    const i = book.sheets.items.findIndex((ws) => ws.name === t.worksheet.name);
    if (i < 0) continue;
    // The Total Row adds up sessions; it is not one.
    const box = {
      r0: range.rowIndex,
      c0: range.columnIndex,
      r1: range.rowIndex + range.rowCount - 1 - (t.showTotals ? 1 : 0),
      c1: range.columnIndex + range.columnCount - 1,
    };
    input.sheets[i].tables.push({ ...blockOf(cells[i], box), name: t.name, totals: t.showTotals });
  }
  const { selection, selSheet } = book;
  const selected =
    selection.cellCount > 1 ? { sheet: selSheet.name, rows: [selection.rowIndex + 1, selection.rowIndex + selection.rowCount] as [number, number] } : null;
  return { workbook: input, selection: selected };
}

/** Show the cell a message is about (a row's first cell when no cell is named). */
export async function selectCell(sheet: string, address: string, run: ExcelRun = excelRun): Promise<void> {
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
  });
}
