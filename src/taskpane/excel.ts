// The task pane's own Excel calls (the custom functions read LocumRules themselves, in
// src/functions). Everything here that does not need Excel is a plain function, so it can be
// tested without Office; the one Excel.run batch takes its runner as a parameter for the same reason.
import { headerIndex, pickDetailsSheet, pickSessionsSheet } from "../forms/sessions";
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

// ---- Forms A and B: read the rows the way the command line does (src/cli/forms.ts) ----

/** A block of cells as range.values gives them, and where it starts (Excel row, column 0 = A). */
export interface SheetBlock {
  sheet: string;
  rows: unknown[][];
  firstRow: number;
  firstCol: number;
}

export interface FormsInput {
  sessions: (SheetBlock & { merged: string[] }) | null;
  details: SheetBlock | null;
  /** Excel rows the user selected on the sessions sheet (first, last), when more than one cell. */
  selected: [number, number] | null;
}


/**
 * The sessions and Locum details as range.values gives them. The sessions sheet is the active one
 * when it looks like one (a row naming two session columns), else "Sessions", else the first sheet
 * that is not details or rules. An Excel table on that sheet is read without its Total Row.
 */
export async function readFormsInput(run: ExcelRun = excelRun): Promise<FormsInput> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const active = sheets.getActiveWorksheet();
    active.load("name");
    const selection = context.workbook.getSelectedRange();
    selection.load("rowIndex,rowCount,cellCount");
    const selSheet = selection.worksheet;
    selSheet.load("name");
    await context.sync();

    const block = async (ws: Excel.Worksheet): Promise<SheetBlock> => {
      ws.tables.load("items/name,items/showTotals");
      await context.sync();
      const table = ws.tables.items[0];
      const range = table ? table.getRange() : ws.getUsedRangeOrNullObject();
      range.load("values,rowIndex,columnIndex");
      await context.sync();
      if ((range as Excel.Range & { isNullObject?: boolean }).isNullObject) return { sheet: ws.name, rows: [], firstRow: 1, firstCol: 0 };
      const rows = table?.showTotals ? range.values.slice(0, -1) : range.values;
      return { sheet: ws.name, rows, firstRow: range.rowIndex + 1, firstCol: range.columnIndex };
    };
    // Every sheet's cells; src/forms picks the sessions sheet (the active one when it has every
    // session column, else "Sessions", else by its columns), as for the command line.
    const blocks: (SheetBlock & { name: string })[] = [];
    for (const ws of sheets.items) blocks.push({ ...(await block(ws)), name: ws.name });
    const sessions: SheetBlock | null = pickSessionsSheet(blocks, active.name) ?? null;
    // Merged cells in the header row hide which column is which: the forms layer refuses them.
    let merged: string[] = [];
    if (sessions && sessions.rows.length) {
      const ws = sheets.getItem(sessions.sheet);
      const header = ws.getRangeByIndexes(sessions.firstRow - 1 + Math.max(0, headerIndex(sessions.rows)), sessions.firstCol, 1, Math.max(1, sessions.rows[0]?.length ?? 1));
      if (typeof header.getMergedAreasOrNullObject === "function") {
        const areas = header.getMergedAreasOrNullObject(); // ExcelApi 1.13; older Excel skips the check
        areas.load("address");
        await context.sync();
        if (!areas.isNullObject) merged = areas.address.split(",").map((a) => a.replace(/^.*!/, "").replace(/\$/g, "").trim());
      }
    }
    const details = pickDetailsSheet(blocks, sessions?.sheet) ?? null;
    const selected: [number, number] | null =
      sessions && selSheet.name === sessions.sheet && selection.cellCount > 1 ? [selection.rowIndex + 1, selection.rowIndex + selection.rowCount] : null;
    return { sessions: sessions && { ...sessions, merged }, details, selected };
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
