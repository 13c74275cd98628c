// The task pane's own Excel calls (the custom functions read LocumRules themselves, in
// src/functions). Everything here that does not need Excel is a plain function, so it can be
// tested without Office; the one Excel.run batch takes its runner as a parameter for the same reason.
import { date1904Probe } from "../functions/workbookRules";
import type { Block, WorkbookInput } from "../forms/workbook";
import { dayToSerial, isoToDay, type EmployerRate, type RuleData, type TierTable } from "../rules";

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
 * correcting), or, when every table is confirmed, the latest tier table. Every row left in
 * LocumRules overrides the built-in tables for its dates, so the sheet starts small.
 */
export function starterRules(data: RuleData): RuleData {
  const tiers = data.tiers.filter((t) => t.status === "provisional");
  const employer = data.employer.filter((e) => e.status === "provisional");
  if (tiers.length === 0 && employer.length === 0 && data.tiers.length > 0) {
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
      message: `Added a ${RULES_NAME} sheet with ${n} row${n === 1 ? "" : "s"} to edit (choose Reload ${RULES_NAME} after changing it).`,
    };
  });
}

// ---- Forms A and B: the workbook as src/forms reads it, the shape src/cli/xlsx.ts gives too ----

/** The open workbook, and the cells the user selected (more than one): their sheet and Excel rows. */
export interface PaneWorkbook {
  workbook: WorkbookInput;
  selection: { sheet: string; rows: [number, number] } | null;
}

/** An Excel API requirement set, where Office can say; else whether the method is there (tests). */
function supports(version: string, method: unknown): boolean {
  const req = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return req ? req.isSetSupported("ExcelApi", version) : typeof method === "function";
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
  return parts.map((p) => p.slice(p.lastIndexOf("!") + 1).replace(/\$/g, "").trim()).filter(Boolean);
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

interface BlockRequest {
  range: Excel.Range;
  merged: Excel.RangeAreas | null;
  visible: Excel.RangeAreas | null;
}

/** Queue what a block needs: its values and place, its merged areas, its visible cells (no sync). */
function requestBlock(range: Excel.Range, withMerges: boolean): BlockRequest {
  range.load("values,rowIndex,columnIndex");
  // ExcelApi 1.13 and 1.9; an older Excel skips the merged-header check and the hidden-rows warning.
  const merged = withMerges && supports("1.13", range.getMergedAreasOrNullObject) ? range.getMergedAreasOrNullObject() : null;
  merged?.load("address");
  const visible = supports("1.9", range.getSpecialCellsOrNullObject) ? range.getSpecialCellsOrNullObject("Visible") : null;
  visible?.load("address");
  return { range, merged, visible };
}

function blockOf(req: BlockRequest, dropLast = false): Block {
  if (req.range.isNullObject) return { rows: [], firstRow: 1, firstCol: 0, merged: [], hidden: [] };
  const all = req.range.values;
  const rows = dropLast ? all.slice(0, -1) : all;
  const firstRow = req.range.rowIndex + 1;
  const merged = req.merged && !req.merged.isNullObject ? areasOf(req.merged.address) : [];
  // No visible cells at all is a null object: then every row is hidden.
  const hidden = req.visible ? hiddenRowsOf(firstRow, rows.length, req.visible.isNullObject ? [] : areasOf(req.visible.address)) : [];
  return { rows, firstRow, firstCol: req.range.columnIndex, merged, hidden };
}

/**
 * Every sheet's used range and every Excel table, as range.values gives them, in two syncs however
 * many sheets there are; src/forms chooses the sessions, details, LocumRules and LocumSettings.
 */
export async function readWorkbookInput(run: ExcelRun = excelRun): Promise<PaneWorkbook> {
  return run(async (context) => {
    const workbook = context.workbook;
    const sheets = workbook.worksheets;
    sheets.load("items/name");
    workbook.tables.load("items/name,items/showTotals");
    const active = sheets.getActiveWorksheet();
    active.load("name");
    const selection = workbook.getSelectedRange();
    selection.load("rowIndex,rowCount,cellCount");
    const selSheet = selection.worksheet;
    selSheet.load("name");
    const dates = date1904Probe(context);
    await context.sync();

    // Values only: a column formatted to the last row does not make the range a million rows long.
    const used = sheets.items.map((ws) => requestBlock(ws.getUsedRangeOrNullObject(true), true));
    const tables = workbook.tables.items.map((t) => {
      t.worksheet.load("name");
      return { t, req: requestBlock(t.getRange(), false) }; // a table cannot hold merged cells
    });
    await context.sync();

    const input: WorkbookInput = {
      sheets: sheets.items.map((ws, i) => ({ name: ws.name, used: blockOf(used[i]), tables: [] })),
      active: active.name,
      date1904: dates(),
    };
    for (const { t, req } of tables) {
      const sheet = input.sheets.find((s) => s.name === t.worksheet.name);
      sheet?.tables.push({ ...blockOf(req, t.showTotals), name: t.name, totals: t.showTotals });
    }
    const selected = selection.cellCount > 1 ? { sheet: selSheet.name, rows: [selection.rowIndex + 1, selection.rowIndex + selection.rowCount] as [number, number] } : null;
    return { workbook: input, selection: selected };
  });
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
