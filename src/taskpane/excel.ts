// The task pane's own Excel calls (the custom functions read LocumRules themselves, in
// src/functions). Everything here that does not need Excel is a plain function, so it can be
// tested without Office; the one Excel.run batch takes its runner as a parameter for the same reason.
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
