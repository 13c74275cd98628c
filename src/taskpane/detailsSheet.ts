// The pane's "Locum details" form reads and writes the Locum details sheet: the sheet is the record
// (it travels with the workbook to the accountant); nothing personal is kept in the add-in's storage.
// The details sheet is the one src/forms chooses; each field is the row whose key names it there
// (details.ts reads keys the same way), else a new row under the block. No sheet yet: the year
// template's Locum details sheet is added (under a free name) and filled.
import { detailLabel } from "../workbook";
import { planTemplate, yearTemplate, DETAIL_ROWS, detailRow } from "../template";
import { chooseDetails, chooseSessions, type WorkbookInput } from "../workbook";
import { cellToDay, dayToSerialIn, dayToUk, DEFAULT_RULES, from1904, isBlankCell, LocumError, rateText, serialToDay } from "../rules";
import { columnLetter } from "../workbook";
import { type ExcelRun, readWorkbookInput } from "./excel";
import { capabilities, writeSheet } from "./templateWriter";

/* global Excel */

const excelRun: ExcelRun = (batch) => Excel.run(batch);

/** The fields of the pane's form, by the label details.ts reads. */
export const DETAIL_FIELDS = [
  "Surname",
  "Other names",
  "Date of birth",
  "NI number",
  "SD number",
  "GMC number",
  "Address",
  "Email",
  "Country",
  "EA code",
  "Host LHB ref",
  "Tier rate",
] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];
/**
 * Written as text ("@" first, then the value): a leading zero or a code stays as typed, and a name,
 * an address or an email starting with = + or - stays text (Office.js takes such a value as a
 * formula: "=Smith" would be #NAME?). The date of birth and the rate are written as Excel's own.
 */
const TEXT_FIELDS: DetailField[] = DETAIL_FIELDS.filter((f) => f !== "Date of birth" && f !== "Tier rate");

export interface DetailsForm {
  /** The sheet read, or null when the workbook has none yet. */
  sheet: string | null;
  values: Record<DetailField, string>;
  /** Where each field is on the sheet ("B5"), when it is there. */
  cells: Partial<Record<DetailField, string>>;
}

/** A cell as the form shows it: dates dd/mm/yyyy, a rate as 9.8%. */
function shown(field: DetailField, v: unknown, date1904: boolean): string {
  if (isBlankCell(v)) return "";
  if (field === "Date of birth" && typeof v === "number") {
    const d = serialToDay(from1904(v, date1904) as number);
    return d === null ? String(v) : dayToUk(d);
  }
  if (field === "Tier rate" && typeof v === "number" && v > 0 && v < 1) return `${Math.round(v * 10000) / 100}%`;
  return String(v).trim();
}

/** The details block of `input` as the form's fields. */
export function detailsForm(input: WorkbookInput): DetailsForm {
  const sessions = chooseSessions(input);
  const block = chooseDetails(input, sessions?.sheet);
  const values = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, ""])) as Record<DetailField, string>;
  const cells: DetailsForm["cells"] = {};
  if (!block) return { sheet: null, values, cells };
  block.rows.forEach((r, i) => {
    const k = (r ?? []).findIndex((c) => !isBlankCell(c));
    if (k < 0) return;
    const label = detailLabel(r[k]) as DetailField | null;
    if (!label || !DETAIL_FIELDS.includes(label) || cells[label]) return;
    values[label] = shown(label, r[k + 1], input.date1904);
    cells[label] = `${columnLetter(block.firstCol + k + 1)}${block.firstRow + i}`;
  });
  return { sheet: block.sheet, values, cells };
}

/** A field's value as the sheet should hold it: a date of birth as a date, the rest as typed. */
export function cellValue(field: DetailField, text: string, date1904: boolean): string | number {
  const t = text.trim();
  if (field === "Date of birth" && t) {
    const d = cellToDay(t);
    if (d === null) throw new LocumError(`Date of birth: "${t}" is not a date: type it as dd/mm/yyyy`);
    return dayToSerialIn(d, date1904);
  }
  if (field === "Tier rate" && t && rateText(t) === null) throw new LocumError(`Tier rate: "${t}" is not a rate: type it as a percentage such as 9.8%`);
  return t;
}

export interface DetailsWritten {
  sheet: string;
  added: boolean;
  message: string;
}

/**
 * Write the form into the Locum details sheet (reading it first, so the rows are where they are
 * now): three syncs to read, one to write. Fields left empty clear their cells.
 */
export async function writeDetails(values: Record<DetailField, string>, run: ExcelRun = excelRun): Promise<DetailsWritten> {
  const { workbook } = await readWorkbookInput(run);
  const form = detailsForm(workbook);
  const typed = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, cellValue(f, values[f] ?? "", workbook.date1904)])) as Record<DetailField, string | number>;
  return run(async (context) => {
    let sheet = form.sheet;
    let added = false;
    let cells = form.cells;
    if (!sheet) {
      // The template's details sheet under a free name: keys, notes, formats and validation.
      const plan = planTemplate({ sheets: workbook.sheets.map((s) => s.name) });
      const def = yearTemplate(plan, { rules: DEFAULT_RULES }).sheets.find((s) => s.role === "details")!;
      writeSheet(context.workbook.worksheets.add(def.name), def, capabilities());
      sheet = def.name;
      added = true;
      cells = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, `B${detailRow(f)}`]));
    }
    const ws = context.workbook.worksheets.getItem(sheet);
    const block = workbook.sheets.find((s) => s.name === sheet)?.used;
    let next = block ? block.firstRow + block.rows.length : DETAIL_ROWS.length + 2;
    const keyCol = block ? columnLetter(block.firstCol) : "A";
    const valueCol = block ? columnLetter(block.firstCol + 1) : "B";
    for (const f of DETAIL_FIELDS) {
      let at = cells[f];
      if (!at) {
        if (isBlankCell(typed[f])) continue; // nothing to add
        ws.getRange(`${keyCol}${next}`).values = [[f]];
        at = `${valueCol}${next++}`;
      }
      const r = ws.getRange(at);
      if (TEXT_FIELDS.includes(f)) r.numberFormat = [["@"]];
      if (f === "Date of birth" && typeof typed[f] === "number") r.numberFormat = [["dd/mm/yyyy"]];
      r.values = [[typed[f]]];
    }
    await context.sync();
    return {
      sheet,
      added,
      message: added
        ? `Added a "${sheet}" sheet with your details (the sheet is the record: it travels with the workbook).`
        : `Saved to the "${sheet}" sheet (the sheet is the record: it travels with the workbook).`,
    };
  });
}
