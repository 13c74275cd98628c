// "Insert year template": the year template of src/template written into the open workbook
// with Office.js, the same definition `locum template` writes with exceljs. A host: it lays out the
// sheets it is given and decides nothing about their content. Never overwrites a sheet (planTemplate
// picks free names) and takes two syncs: the names in use, then every sheet in one batch.
//
// Requirement sets (checked with Office.context.requirements.isSetSupported, each with a fallback):
//   ExcelApi 1.4  getRangeByIndexes: needed at all (older Excel: nothing is inserted, and it says so)
//   ExcelApi 1.6  conditional formats (rows past the 10-week limit in red): else left out, said
//   ExcelApi 1.7  freeze panes and a chart with three series: else no frozen header, a one-series chart
//   ExcelApi 1.8  data validation (dates, money, pick-lists): else sheets without validation, said
// The sheets are built cell by cell, not inserted from a base64 workbook (insertWorksheetsFromBase64
// needs ExcelApi 1.13, is missing on iOS and fails on the web for sheets with charts).
import { type Existing, MONTHLY_HEADER, planTemplate, type TemplatePlan, type TemplateSheet, type YearTemplate, yearTemplate } from "../template";
import { columnIndex, columnLetter } from "../workbook";
import { type Day, type RuleSet, ymdOfDay } from "../rules";
import { type ExcelRun, supports } from "./excel";

/* global Excel */

const excelRun: ExcelRun = (batch) => Excel.run(batch);

export interface Capabilities {
  validation: boolean;
  conditional: boolean;
  freeze: boolean;
  chartSeries: boolean;
}

export function capabilities(): Capabilities {
  return { validation: supports("1.8"), conditional: supports("1.6"), freeze: supports("1.7"), chartSeries: supports("1.7") };
}

/** What the fallbacks leave out, in plain words (empty when the host has everything). */
export function fallbackNotes(c: Capabilities): string[] {
  const notes: string[] = [];
  if (!c.validation)
    notes.push("This Excel has no data validation for add-ins (ExcelApi 1.8): the Sessions columns take any value; the forms still check every cell.");
  if (!c.conditional)
    notes.push("This Excel has no conditional formats for add-ins (ExcelApi 1.6): rows past the 10-week limit are not shown in red; Check still names them.");
  if (!c.freeze) notes.push("This Excel cannot freeze panes for add-ins (ExcelApi 1.7): the header rows scroll away.");
  if (!c.chartSeries) notes.push("This Excel cannot set chart series for add-ins (ExcelApi 1.7): the Monthly chart shows pensionable pay only.");
  return notes;
}

/** Months the Monthly chart plots: a scheme year's twelve and one more (March work paid in April). */
export const CHART_MONTHS = 13;

const points = (chars: number) => Math.round((chars * 7 + 5) * 0.75 * 10) / 10;
const hex = (rgb: string) => `#${rgb}`;
const dateFormula = (d: Day) => {
  const { y, m, d: day } = ymdOfDay(d);
  return `=DATE(${y},${m},${day})`;
};
const cellRef = (ref: string) => /^([A-Z]+)(\d+)$/.exec(ref)!;

/** Lay out one sheet of the template on a new worksheet (queued; the caller syncs). */
export function writeSheet(ws: Excel.Worksheet, sheet: TemplateSheet, caps: Capabilities): void {
  sheet.widths.forEach((w, i) => {
    const col = columnLetter(i);
    ws.getRange(`${col}:${col}`).format.columnWidth = points(w);
  });
  if (sheet.table) writeTable(ws, sheet.table);
  writeCells(ws, sheet);
  writeSpills(ws, sheet);
  if (caps.validation) writeValidations(ws, sheet);
  if (caps.conditional) writeConditionalFormats(ws, sheet);
  if (sheet.chart) addChart(ws, sheet, caps);
  if (sheet.freezeRows && caps.freeze) ws.freezePanes.freezeRows(sheet.freezeRows);
}

type Table = NonNullable<TemplateSheet["table"]>;

/** The sheet's Excel table: its header, rows and calculated columns. */
function writeTable(ws: Excel.Worksheet, t: Table): void {
  const rows = Math.max(t.rows, t.data.length);
  const width = t.columns.length;
  const [, col, row] = cellRef(t.ref);
  const range = ws.getRangeByIndexes(Number(row) - 1, columnIndex(col), 1 + rows, width);
  // Formats first, so a typed code such as 01234 stays text; formula columns take theirs below.
  range.numberFormat = [t.columns.map(() => "@"), ...Array.from({ length: rows }, () => t.columns.map((c) => c.numFmt ?? "General"))];
  range.values = [t.columns.map((c) => c.name), ...Array.from({ length: rows }, (_, i) => t.columns.map((c, j) => (c.formula ? "" : (t.data[i]?.[j] ?? ""))))];
  const table = ws.tables.add(range, true);
  table.name = t.name;
  table.style = t.style;
  for (const c of t.columns) {
    if (!c.formula) continue;
    // The same formula in every row makes it a calculated column: Excel fills it in new rows too.
    table.columns.getItem(c.name).getDataBodyRange().formulas = Array.from({ length: rows }, () => [`=${c.formula}`]);
  }
}

/** The sheet's single cells: value or formula, number format and font. */
function writeCells(ws: Excel.Worksheet, sheet: TemplateSheet): void {
  for (const c of sheet.cells) {
    const r = ws.getRange(c.ref);
    const s = c.style;
    if (s?.numFmt) r.numberFormat = [[s.numFmt]];
    if (c.formula !== undefined) r.formulas = [[`=${c.formula}`]];
    else if (c.value !== undefined) r.values = [[c.value]];
    if (s?.bold) r.format.font.bold = true;
    if (s?.italic) r.format.font.italic = true;
    if (s?.color) r.format.font.color = hex(s.color);
    if (s?.size) r.format.font.size = s.size;
    if (s?.wrap) r.format.wrapText = true;
  }
}

/** The sheet's spilling formulas: the formula, a bold header row, the formats of the 60 rows below. */
function writeSpills(ws: Excel.Worksheet, sheet: TemplateSheet): void {
  for (const sp of sheet.spills) {
    const [, col, row] = cellRef(sp.ref);
    const top = Number(row) - 1;
    const left = columnIndex(col);
    ws.getRange(sp.ref).formulas = [[`=${sp.formula}`]];
    if (sp.width) ws.getRangeByIndexes(top, left, 1, sp.width).format.font.bold = true;
    else ws.getRange(sp.ref).format.font.bold = true;
    sp.numFmts.forEach((fmt, i) => {
      if (fmt) ws.getRangeByIndexes(top + 1, left + i, 60, 1).numberFormat = Array.from({ length: 60 }, () => [fmt]);
    });
  }
}

/** Data validation: a list, a date between two days, or a number between two bounds, with its alert and prompt. */
function writeValidations(ws: Excel.Worksheet, sheet: TemplateSheet): void {
  for (const v of sheet.validations) {
    const range = ws.getRange(v.ref);
    const r = v.rule;
    range.dataValidation.rule =
      r.kind === "list"
        ? { list: { inCellDropDown: true, source: r.values.join(",") } }
        : r.kind === "date"
          ? { date: { formula1: dateFormula(r.min), formula2: dateFormula(r.max), operator: "Between" as Excel.DataValidationOperator } }
          : { decimal: { formula1: r.min, formula2: r.max, operator: "Between" as Excel.DataValidationOperator } };
    range.dataValidation.errorAlert = { message: v.error, showAlert: true, style: "Stop" as Excel.DataValidationAlertStyle, title: "Locum pensions" };
    if (v.prompt) range.dataValidation.prompt = { message: v.prompt, showPrompt: true, title: "Locum pensions" };
  }
}

/** Conditional formats: a custom formula, its fill and font colour. */
function writeConditionalFormats(ws: Excel.Worksheet, sheet: TemplateSheet): void {
  for (const f of sheet.conditionalFormats) {
    const cf = ws.getRange(f.ref).conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    cf.custom.rule.formula = `=${f.formula}`;
    cf.custom.format.fill.color = hex(f.fill);
    cf.custom.format.font.color = hex(f.font);
  }
}

/** A native column chart over the Monthly spill's first CHART_MONTHS rows. */
function addChart(ws: Excel.Worksheet, sheet: TemplateSheet, caps: Capabilities): void {
  const spec = sheet.chart!;
  const [, col, row] = cellRef(spec.spill);
  const top = Number(row);
  const left = columnIndex(col);
  const column = (i: number) => columnLetter(left + i);
  const span = (i: number, from: number) => ws.getRange(`${column(i)}${from}:${column(i)}${top + CHART_MONTHS}`);
  const [first, ...more] = spec.valueColumns;
  const chart = ws.charts.add("ColumnClustered" as Excel.ChartType, span(first, top), "Columns" as Excel.ChartSeriesBy);
  chart.title.text = spec.title;
  const [, aCol, aRow] = cellRef(spec.anchor);
  chart.setPosition(spec.anchor, `${columnLetter(columnIndex(aCol) + 8)}${Number(aRow) + 16}`);
  if (!caps.chartSeries) return;
  const months = span(spec.categoryColumn, top + 1);
  const s0 = chart.series.getItemAt(0);
  s0.name = MONTHLY_HEADER[first];
  s0.setValues(span(first, top + 1));
  s0.setXAxisValues(months);
  for (const c of more) {
    const s = chart.series.add(MONTHLY_HEADER[c]);
    s.setValues(span(c, top + 1));
    s.setXAxisValues(months);
  }
}

export interface InsertResult {
  inserted: boolean;
  plan: TemplatePlan | null;
  /** One paragraph for the pane: what was added, under which names, and what was left out. */
  message: string;
  notes: string[];
}

/** The names a workbook already uses (sheets, tables, defined names), for planTemplate. */
async function existingNames(context: Excel.RequestContext): Promise<Existing> {
  const wb = context.workbook;
  wb.worksheets.load("items/name");
  wb.tables.load("items/name");
  wb.names.load("items/name");
  await context.sync();
  return { sheets: wb.worksheets.items.map((w) => w.name), tables: wb.tables.items.map((t) => t.name), names: wb.names.items.map((n) => n.name) };
}

/**
 * Insert the year template (two syncs). `sessionsSheet`: the sheet the forms read the sessions from
 * now, when the pane knows it, so the note can say when the template's sheet takes its place.
 */
export async function insertTemplate(
  rules: RuleSet,
  o: { made?: Day; rows?: number; sessionsSheet?: string; fill?: (t: YearTemplate) => YearTemplate } = {},
  run: ExcelRun = excelRun,
): Promise<InsertResult> {
  if (!supports("1.4")) {
    return {
      inserted: false,
      plan: null,
      notes: [],
      message:
        "This Excel is too old for add-ins to build sheets (ExcelApi 1.4). Run locum template new.xlsx (the command line) for the same template as a new file.",
    };
  }
  const caps = capabilities();
  return run(async (context) => {
    const existing = await existingNames(context);
    const plan = planTemplate({ ...existing, sessionsSheet: o.sessionsSheet });
    let template = yearTemplate(plan, { rules, rows: o.rows ?? 10, made: o.made });
    if (o.fill) template = o.fill(template);
    for (const sheet of template.sheets) writeSheet(context.workbook.worksheets.add(sheet.name), sheet, caps);
    const sessions = context.workbook.worksheets.getItem(plan.sheets.sessions);
    sessions.activate();
    sessions.getRange("A2").select();
    await context.sync();
    const notes = fallbackNotes(caps);
    return {
      inserted: true,
      plan,
      notes,
      message: `${plan.note} Type your sessions into the ${plan.table} table, one row per session, and your details into ${plan.sheets.details}.`,
    };
  });
}
