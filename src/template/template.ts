// The year template as data: the sheets, the Sessions table, its validation and conditional
// formatting, and the LOCUM.* formulas of the Monthly and Year end sheets. Every writer (the command
// line with exceljs, the task pane with Office.js, the tests with HyperFormula) lays out this one
// definition, so they all make the same workbook. Pure: no Office, DOM or Node APIs.
//
//   const plan = planTemplate({ sheets: ["Sheet1"], tables: [] });   // free names, never an existing sheet
//   const t = yearTemplate(plan, { rules: current().rules });         // the sheets to write
//
// Formulas are written as a person types them in Excel (structured references such as Sessions[Fee]
// and [@Fee]); `toA1` turns them into plain ranges for a host without tables, `toFileFormula` into
// the form an .xlsx file stores. Validation and conditional-format formulas are A1 references
// relative to the top-left cell of their range: Excel allows no structured references there.
import { FIRST_DAY, LAST_DAY, PENSIONABLE_SHARE, SUSPENDED_FROM, SUSPENDED_TO, TEN_WEEKS, YEAR_END_HEADER } from "../engine";
import { type Day, dayFromYmd, dayToSerial, dayToUk, type RuleSet, ymdOfDay } from "../rules";
import { FEE_LIMIT } from "../workbook/limits";
import { columnLetter, type Field, FIELD_NAMES } from "../workbook/columns";
import { placeText, stopsMonth } from "../workbook/findings";
import type { PreparedForms } from "../forms/model";

export type Cell = string | number;

// ---- Names: which sheets and table the template adds, never an existing one ----

export type SheetRole = "sessions" | "details" | "tables" | "monthly" | "yearEnd";

/** The names the template asks for, in the order its sheets are added. */
export const TEMPLATE_SHEETS: Record<SheetRole, string> = {
  sessions: "Sessions",
  details: "Locum details",
  // Not "LocumRules": a sheet of that name is read as overrides (see tablesSheet below).
  tables: "Tables in force",
  monthly: "Monthly",
  yearEnd: "Year end",
};
export const SESSIONS_TABLE = "Sessions";
export const ROLES = Object.keys(TEMPLATE_SHEETS) as SheetRole[];

export interface TemplatePlan {
  sheets: Record<SheetRole, string>;
  /** The Excel table holding the sessions. */
  table: string;
  /** Every name that differs from the one asked for, because the workbook already had it. */
  renamed: { role: SheetRole | "table"; wanted: string; used: string }[];
  /** One or two sentences for the user: what was added, under which names, and what that means. */
  note: string;
}

/** Excel compares sheet and table names without case. */
const lower = (s: string) => s.toLocaleLowerCase("en-GB");

export interface Existing {
  sheets: string[];
  tables?: string[];
  /** Defined names (they share the table names' namespace). */
  names?: string[];
  /** The sheet the forms read the sessions from now (pickSessionsSheet), when the workbook has one. */
  sessionsSheet?: string;
}

/**
 * Free names for the template's sheets and table, given the workbook's: "Sessions" when free, else
 * "Sessions (2)", "Sessions (3)"... (Excel's own pattern); the table "Sessions2"... Nothing existing
 * is ever reused, so inserting the template can never overwrite a sheet.
 */
export function planTemplate(existing: Existing): TemplatePlan {
  const taken = new Set(existing.sheets.map(lower));
  const renamed: TemplatePlan["renamed"] = [];
  const sheets = {} as Record<SheetRole, string>;
  for (const role of ROLES) {
    const wanted = TEMPLATE_SHEETS[role];
    let used = wanted;
    for (let n = 2; taken.has(lower(used)); n++) {
      const suffix = ` (${n})`;
      used = wanted.slice(0, 31 - suffix.length) + suffix; // a sheet name holds at most 31 characters
    }
    taken.add(lower(used));
    sheets[role] = used;
    if (used !== wanted) renamed.push({ role, wanted, used });
  }
  // Table names share one namespace with defined names, workbook-wide.
  const tableTaken = new Set([...(existing.tables ?? []), ...(existing.names ?? [])].map(lower));
  let table = SESSIONS_TABLE;
  for (let n = 2; tableTaken.has(lower(table)); n++) table = `${SESSIONS_TABLE}${n}`;
  if (table !== SESSIONS_TABLE) renamed.push({ role: "table", wanted: SESSIONS_TABLE, used: table });
  return { sheets, table, renamed, note: planNote(sheets, renamed, existing.sessionsSheet) };
}

function planNote(sheets: Record<SheetRole, string>, renamed: TemplatePlan["renamed"], readNow?: string): string {
  const added = `Added the sheets ${ROLES.map((r) => sheets[r]).join(", ")}.`;
  // A sheet named Sessions is the one the forms read: the template's new one now comes first.
  const moved =
    readNow && sheets.sessions === TEMPLATE_SHEETS.sessions && lower(readNow) !== lower(sheets.sessions)
      ? ` The forms now read the template's "${sheets.sessions}" sheet, not "${readNow}" (a sheet named Sessions is read first): copy your rows into it, or rename it.`
      : "";
  if (!renamed.length) return added + moved;
  const list = renamed.map((r) => `${r.role === "table" ? "the table " : ""}"${r.used}" (this workbook already has "${r.wanted}")`).join(", ");
  // The forms read the sheet named Sessions and the Locum details sheet that come first: say so.
  const shadowed = renamed.some((r) => r.role === "sessions" || r.role === "details");
  const forms = shadowed
    ? ` The forms still read this workbook's own "${TEMPLATE_SHEETS.sessions}" and "${TEMPLATE_SHEETS.details}" sheets; the template's Monthly and Year end sheets read the template's.`
    : "";
  return `${added} Nothing was overwritten: ${list}.${forms}${moved}`;
}

// ---- The definition ----

export interface Style {
  bold?: boolean;
  italic?: boolean;
  wrap?: boolean;
  /** An Excel number format: "dd/mm/yyyy", "£#,##0.00", "@" (text). */
  numFmt?: string;
  /** RGB hex, no #: "595959". */
  color?: string;
  size?: number;
}

export interface TemplateCell {
  /** A1 address on its sheet. */
  ref: string;
  value?: Cell;
  /** A formula as typed in Excel, without the "=". */
  formula?: string;
  style?: Style;
}

export interface TemplateColumn {
  name: string;
  /** The forms field it holds, when the forms read it. */
  field?: Field;
  width: number;
  numFmt?: string;
  /** A calculated column: the formula of every row, as typed in Excel ([@Fee]). */
  formula?: string;
  /** What the column is for (the pane shows it; the .xlsx keeps it on the sheet beside the table). */
  note: string;
}

export interface TemplateTable {
  name: string;
  /** Top-left (header) cell. */
  ref: string;
  columns: TemplateColumn[];
  /** Data rows, ready to type into (at least as many as `data`). */
  rows: number;
  /** Rows already typed, in column order (a calculated column's cell is ignored): fillTemplate sets them. */
  data: Cell[][];
  style: string;
}

export type ValidationRule = { kind: "date"; min: Day; max: Day } | { kind: "decimal"; min: number; max: number } | { kind: "list"; values: string[] };

export interface Validation {
  /** A1 range: "A2:A1001". */
  ref: string;
  rule: ValidationRule;
  /** Shown when a value is refused, in plain words. */
  error: string;
  prompt?: string;
}

export interface ConditionalFormat {
  ref: string;
  /** A1 formula, relative to the top-left cell of `ref`, TRUE where the format applies. */
  formula: string;
  fill: string;
  font: string;
  /** What it means, for the legend on the sheet and the pane. */
  description: string;
}

/** A formula whose result spills (a dynamic array): one cell in Excel, a block of rows when it calculates. */
export interface Spill {
  ref: string;
  formula: string;
  /** Columns of the result (its header row's width). */
  width: number;
  /** Number formats by column of the result (rows after the header). */
  numFmts: (string | undefined)[];
}

/** A chart of the Monthly spill, for hosts that can draw one (Office.js; exceljs cannot). */
export interface ChartSpec {
  title: string;
  /** The spill it plots and its columns (0-based): categories, then one series per value column. */
  spill: string;
  categoryColumn: number;
  valueColumns: number[];
  kind: "columnClustered";
  /** Where its top-left corner goes. */
  anchor: string;
}

export interface TemplateSheet {
  role: SheetRole;
  name: string;
  cells: TemplateCell[];
  /** Column widths in characters, from column A. */
  widths: number[];
  table?: TemplateTable;
  spills: Spill[];
  validations: Validation[];
  conditionalFormats: ConditionalFormat[];
  chart?: ChartSpec;
  freezeRows?: number;
}

export interface YearTemplate {
  plan: TemplatePlan;
  sheets: TemplateSheet[];
}

export interface TemplateOptions {
  /** The tables in force, shown on the Tables in force sheet (the host's rules: built-in or overridden). */
  rules: RuleSet;
  /** Empty rows in the Sessions table (Excel adds more as rows are typed under it). Default 10. */
  rows?: number;
  /** The day the template is made, said on the Tables in force sheet. */
  made?: Day;
}

/** Rows the validation and conditional formatting cover below the header: a busy decade of sessions. */
export const RULE_ROWS = 5000;
/** The last date a date column accepts: the engine's own last date. */
export const LAST_DATE: Day = LAST_DAY;
/** The most a Fee cell accepts: the forms' own limit on one row. */
const MAX_FEE = FEE_LIMIT.toNumber();

export const WORK_TYPES = ["practice", "appraisal", "out of hours", "ICB", "private"];
export const ENGAGEMENTS = ["direct", "limited company", "agency", "independent provider", ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `PCN scenario ${n}`)];

const DATE = "dd/mm/yyyy";
const MONEY = "£#,##0.00";
const TEXT = "@";
const NOTE: Style = { italic: true, color: "595959", wrap: true };
const TITLE: Style = { bold: true, size: 14 };
const HEAD: Style = { bold: true };

const SESSION_NOTES: Record<Field, string> = {
  first: "The day worked (the first day of a run of days)",
  last: "The last day, for a run of days on one row; empty for one day",
  practice: "The practice's name (NHS England or the LHB for appraisal work)",
  code: "The practice's ODS code (the EA code of NHS England or the LHB for appraisals)",
  fee: "The fee, excluding the employer contribution",
  paid: "The date the practice paid (decides the Form B month, but March work stays on March's Form B)",
  invoice: "One Form A per invoice",
  workType: "practice (default), appraisal, out of hours, ICB or private",
  engagedVia: "direct (default), limited company, agency, independent provider, PCN scenario 1 to 8",
  appraisalAuthorised: "yes when the commissioner authorised more than three days for one appraisal",
  session: "The session's length or time of day (AM, PM, Full day): read only for a mention of out-of-hours work",
  submitted: "The date the forms went to PCSE (the 10-week rule and the due date)",
  notes: "Anything; not printed on the forms",
};

const FIELD_ORDER: Field[] = [
  "first",
  "last",
  "practice",
  "code",
  "fee",
  "paid",
  "invoice",
  "workType",
  "engagedVia",
  "appraisalAuthorised",
  "submitted",
  "notes",
];

/** The Sessions table's columns: the forms' own (src/forms/columns.ts), then two the year end uses. */
export function sessionColumns(): TemplateColumn[] {
  const widths: Partial<Record<Field, number>> = { practice: 28, code: 13, notes: 30, engagedVia: 18, appraisalAuthorised: 11, workType: 13 };
  const fmt: Partial<Record<Field, string>> = {
    first: DATE,
    last: DATE,
    paid: DATE,
    submitted: DATE,
    fee: MONEY,
    code: TEXT,
    invoice: TEXT,
    practice: TEXT,
    notes: TEXT,
  };
  const cols: TemplateColumn[] = FIELD_ORDER.map((f) => ({ name: FIELD_NAMES[f], field: f, width: widths[f] ?? 12, numFmt: fmt[f], note: SESSION_NOTES[f] }));
  const c = (f: Field) => `[@[${FIELD_NAMES[f]}]]`;
  cols.push({
    name: "Form A",
    width: 34,
    // No text format: a formula typed into a cell formatted as text stays text in Excel.
    // LOCUM.FORMA: the Form A a row goes on, its text beginning with the Form B month (mm/yyyy).
    // Every cell the forms decide a row's Form A with: its days (a run across 31 March is split), the
    // kind of work and engagement (some go on no Form A) and the date sent (the 10-week rule).
    formula: `IF(${c("first")}="","",LOCUM.FORMA(${c("first")},${c("paid")},${c("code")},${c("practice")},${c("invoice")},${c("last")},${c("workType")},${c("engagedVia")},${c("submitted")}))`,
    note: "Calculated: the Form A this row goes on (rows with the same Form A are added before rounding), or why it is on none",
  });
  cols.push({
    name: "Pensionable pay",
    width: 15,
    numFmt: MONEY,
    // 90 % of the fee, unrounded: a Form A rounds the sum of its rows (Box 2). A fee in pennies has at
    // most three decimals at 90 %, so ROUND(…,3) only removes a binary product's noise (90.04499…).
    formula: `IF(${c("fee")}="","",ROUND(${c("fee")}*${PENSIONABLE_SHARE.toString()},3))`,
    note: "Calculated: 90 % of the fee, unrounded (the year end adds a Form A's rows, then rounds)",
  });
  return cols;
}

/** The Excel cell of a column (0-based) and row. */
export const addr = (col: number, row: number) => `${columnLetter(col)}${row}`;

/** A sheet name as a formula writes it: 'Locum details'!, Monthly!. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

/**
 * The row's last day worked (its first when it has no last) is more than 10 weeks (70 days) before
 * Date submitted, or before today when the row has none; from 1 October 2022 (the rule was
 * suspended for submissions from 1 April 2020 to 30 September 2022), as src/engine/deadlines.ts
 * says. The anchor is the default Ten week anchor, the last day worked (§3).
 */
export function tenWeekFormula(first: string, last: string, submitted: string): string {
  const sent = `IF(ISNUMBER(${submitted}),${submitted},TODAY())`;
  const anchor = `IF(ISNUMBER(${last}),${last},${first})`;
  return `AND(ISNUMBER(${first}),${sent}-${anchor}>${TEN_WEEKS},OR(${sent}<${excelDate(SUSPENDED_FROM)},${sent}>${excelDate(SUSPENDED_TO)}))`;
}

/** A day as an Excel formula writes it: DATE(2020,4,1), the same in either date system. */
function excelDate(day: Day): string {
  const { y, m, d } = ymdOfDay(day);
  return `DATE(${y},${m},${d})`;
}

// The Locum details keys src/forms/details.ts reads, with what each is for.
export const DETAIL_ROWS: [key: string, note: string, style?: Style][] = [
  ["Surname", "As on your NHS Pensions record"],
  ["Other names", "First and middle names"],
  ["Date of birth", "dd/mm/yyyy", { numFmt: DATE }],
  ["NI number", "Two letters, six digits, A to D: QQ 12 34 56 C"],
  ["SD number", "Your 8-digit NHS Pensions (SD) number, for the UPR", { numFmt: TEXT }],
  ["GMC number", "7 digits", { numFmt: TEXT }],
  ["Address", "Home address, on one line or several", { wrap: true }],
  ["Email", "PCSE replies by email"],
  ["Country", "England or Wales (Scotland and Northern Ireland have their own schemes)"],
  ["EA code", "The employing authority code of PCSE (England) or your Local Health Board (Wales)", { numFmt: TEXT }],
  ["Host LHB ref", "Wales only: your host Local Health Board reference", { numFmt: TEXT }],
  [
    "Tier rate",
    'The rate you pay each month (e.g. 9.8%); for a year with two tables add a row "Tier rate from 01/10/2022" or "Tier rate 2025/26"',
    { numFmt: "0.0%" },
  ],
  [
    "Estimated pensionable pay",
    "Instead of a Tier rate: your estimate of the year's pensionable pay; empty for both: the year's rows annualised",
    { numFmt: MONEY },
  ],
  ["Other practitioner pay", "Salaried, SOLO or out-of-hours GP pay in the scheme year (it counts towards the tier)", { numFmt: MONEY }],
  ["Other days of service", "Days of those other posts (a day counted once)"],
  ["Added years rate", "Form B box c, if you buy added years", { numFmt: "0.00%" }],
  ["MPAVC rate", "Form B box d as a rate (or the monthly amount below, not both)", { numFmt: "0.00%" }],
  ["MPAVC monthly amount", "Form B box d as a monthly amount", { numFmt: MONEY }],
  ["Additional pension monthly amount", "Form B box e", { numFmt: MONEY }],
  ["ERRBO rate", "Form B box f", { numFmt: "0.00%" }],
  [
    "Closing pension last year",
    "Year end only: your pension at the start of the scheme year (last year's NHS Pensions statement); with September CPI, the pension input amount is estimated",
    { numFmt: MONEY },
  ],
  ["September CPI", "Year end only: the CPI of the September before the scheme year (1.7% for 2025/26)", { numFmt: "0.0%" }],
];
/** Rows of Locum details that LOCUM.MONTHLY and LOCUM.YEAREND read (room for dated Tier rate rows). */
export const DETAILS_ROWS_READ = 40;

/** The Excel row of a detail on the Locum details sheet (header on row 1). */
export function detailRow(key: string): number {
  const i = DETAIL_ROWS.findIndex(([k]) => k === key);
  if (i < 0) throw new Error(`no detail ${key}`);
  return i + 2;
}

export const MONTHLY_HEADER = [
  "Month",
  "Forms A",
  "Pensionable pay (a)",
  "Tier rate",
  "Employee (g)",
  "Employer (h)",
  "To pay (i)",
  "Cumulative (j)",
  "UPR",
  "Due date",
  "Status",
] as const;
const MONTHLY_FORMATS = ["mmm yyyy", "0", MONEY, "0.0%", MONEY, MONEY, MONEY, MONEY, TEXT, DATE, undefined];

export function yearTemplate(plan: TemplatePlan, options: TemplateOptions): YearTemplate {
  const rows = Math.max(1, Math.floor(options.rows ?? 10));
  return { plan, sheets: [sessionsSheet(plan, rows), detailsSheet(plan), tablesSheet(plan, options), monthlySheet(plan), yearEndSheet(plan)] };
}

/** The Sessions table's ranges the other sheets' formulas use. */
function ranges(plan: TemplatePlan) {
  const t = plan.table;
  const d = sheetRef(plan.sheets.details);
  const cols = sessionColumns();
  return {
    sessionsAll: `${t}[[#All],[${cols[0].name}]:[${FIELD_NAMES.notes}]]`,
    details: `${d}$A$1:$B$${DETAILS_ROWS_READ}`,
    detail: (key: string) => `${d}$B$${detailRow(key)}`,
    column: (name: string) => `${t}[${name}]`,
  };
}

function sessionsSheet(plan: TemplatePlan, rows: number): TemplateSheet {
  const columns = sessionColumns();
  const last = 1 + RULE_ROWS;
  const col = (name: string) => columns.findIndex((c) => c.name === name);
  const letter = (f: Field) => columnLetter(col(FIELD_NAMES[f]));
  const span = (f: Field) => `${letter(f)}2:${letter(f)}${last}`;
  const dates = (f: Field): Validation => ({
    ref: span(f),
    rule: { kind: "date", min: FIRST_DAY, max: LAST_DATE },
    error: `${FIELD_NAMES[f]} must be a date from ${dayToUk(FIRST_DAY)} (the 2015 Scheme) to ${dayToUk(LAST_DATE)}, typed as dd/mm/yyyy.`,
  });
  const list = (f: Field, values: string[]): Validation => ({
    ref: span(f),
    rule: { kind: "list", values },
    error: `${FIELD_NAMES[f]}: pick one of ${values.join(", ")}.`,
  });
  // Help beside the table (column P on): the forms read the table only.
  const helpCol = columns.length + 1;
  const help: TemplateCell[] = [
    { ref: addr(helpCol, 1), value: "One row per session (or per run of days, with Last day)", style: HEAD },
    ...columns.map((c, i) => ({ ref: addr(helpCol, i + 2), value: `${c.name}: ${c.note}`, style: NOTE })),
    { ref: addr(helpCol, columns.length + 3), value: `Red rows: ${TEN_WEEK_TEXT}`, style: { ...NOTE, color: "9C0006" } },
  ];
  const widths = columns.map((c) => c.width);
  widths[helpCol - 1] = 3;
  widths[helpCol] = 90;
  return {
    role: "sessions",
    name: plan.sheets.sessions,
    // At A1: messages (and LOCUM.MONTHLY's status) count rows from the table's header as row 1.
    table: { name: plan.table, ref: "A1", columns, rows, data: [], style: "TableStyleMedium2" },
    cells: help,
    widths,
    spills: [],
    validations: [
      dates("first"),
      dates("last"),
      dates("paid"),
      dates("submitted"),
      {
        ref: span("fee"),
        rule: { kind: "decimal", min: 0, max: MAX_FEE },
        error: `Fee must be an amount in pounds from £0.00 to £${MAX_FEE.toLocaleString("en-GB")}.00, typed as a number (no text).`,
      },
      list("workType", WORK_TYPES),
      list("engagedVia", ENGAGEMENTS),
      list("appraisalAuthorised", ["yes", "no"]),
    ],
    conditionalFormats: [
      {
        ref: `A2:${columnLetter(columns.length - 1)}${last}`,
        formula: tenWeekFormula(`$${letter("first")}2`, `$${letter("last")}2`, `$${letter("submitted")}2`),
        fill: "FFC7CE",
        font: "9C0006",
        description: TEN_WEEK_TEXT,
      },
    ],
    freezeRows: 1,
  };
}

export const TEN_WEEK_TEXT =
  "the last day worked is more than 10 weeks (70 days) before Date submitted, or before today when the row has no Date submitted (from 01/10/2022): past the 10-week limit, it cannot be pensioned. This counts from the row's last day (the default Ten week anchor: PCSE's submit page and NHSBSA); the forms count from the last day of the period on one Form A and take a month's Date submitted from its other rows, and with the anchor set to first they count from the first day worked.";

function detailsSheet(plan: TemplatePlan): TemplateSheet {
  const cells: TemplateCell[] = [
    { ref: "A1", value: "Detail", style: HEAD },
    { ref: "B1", value: "Value", style: HEAD },
    { ref: "C1", value: "What it is", style: HEAD },
  ];
  DETAIL_ROWS.forEach(([key, note, style], i) => {
    cells.push({ ref: `A${i + 2}`, value: key, style: HEAD });
    if (style) cells.push({ ref: `B${i + 2}`, style });
    cells.push({ ref: `C${i + 2}`, value: note, style: NOTE });
  });
  const row = (k: string) => `B${detailRow(k)}`;
  return {
    role: "details",
    name: plan.sheets.details,
    cells,
    widths: [32, 36, 90],
    spills: [],
    validations: [
      {
        ref: row("Date of birth"),
        rule: { kind: "date", min: dayFromYmd(1920, 1, 1), max: LAST_DATE },
        error: "Date of birth must be a date, typed as dd/mm/yyyy.",
      },
      {
        ref: row("Country"),
        rule: { kind: "list", values: ["England", "Wales"] },
        error: "Country: England or Wales (Scotland and Northern Ireland run their own schemes).",
      },
      { ref: row("Tier rate"), rule: { kind: "decimal", min: 0.01, max: 0.2 }, error: "Tier rate is a percentage such as 9.8%." },
    ],
    conditionalFormats: [],
    freezeRows: 1,
  };
}

/**
 * The tables in force, for reading: a display, not a LocumRules table. Every row of a LocumRules
 * table or sheet overrides the built-in tables for its dates, so a copy of today's tables would
 * keep overriding them after a release corrects them (2026/27's bands, a retrospective SI such as
 * 2025/26's), and an empty one is an error. This sheet's name is not one either reader takes as
 * overrides; the live column shows what the add-in has in force as the workbook calculates.
 */
function tablesSheet(plan: TemplatePlan, options: TemplateOptions): TemplateSheet {
  const rows = tableRows(options.rules);
  const made = options.made === undefined ? "" : ` on ${dayToUk(options.made)}`;
  const cells: TemplateCell[] = [
    { ref: "A1", value: "The tier tables and employer rates in force", style: TITLE },
    {
      ref: "A2",
      value: `As this template was made${made}, for reference: this sheet is not read. To change a table, add a sheet named LocumRules with these columns holding only the rows that differ (every LocumRules row overrides the built-in tables for its dates); the pane's Create LocumRules starts one.`,
      style: NOTE,
    },
  ];
  const header = [...TABLE_HEADER, "In force now (LOCUM.TABLE)"];
  header.forEach((h, c) => cells.push({ ref: addr(c, 4), value: h, style: HEAD }));
  rows.forEach((r, i) => {
    r.cells.forEach((v, c) => cells.push({ ref: addr(c, 5 + i), value: v, style: { numFmt: TABLE_FORMATS[c] } }));
    // One live line per table: what the add-in uses on its first day (an override shows here).
    if (r.firstOfTable) cells.push({ ref: addr(header.length - 1, 5 + i), formula: `LOCUM.TABLE(${addr(1, 5 + i)})` });
  });
  return {
    role: "tables",
    name: plan.sheets.tables,
    cells,
    widths: [10, 12, 12, 11, 8, 12, 12, 60, 70],
    spills: [],
    validations: [],
    conditionalFormats: [],
    freezeRows: 4,
  };
}

/** The columns of src/taskpane/excel.ts RULES_HEADER (what a LocumRules table holds). */
export const TABLE_HEADER = ["Kind", "From", "To", "Up to", "Rate", "Status", "Label", "Source"] as const;
const TABLE_FORMATS = [TEXT, DATE, DATE, "£#,##0", "0.00%", TEXT, TEXT, TEXT];

/**
 * One row per band and per employer rate of the rules in force (an override's days carved out of the
 * built-in table it replaces, as the engine uses them): dates as serials, rates as fractions, the top
 * band's Up to empty.
 */
export function tableRows(rules: RuleSet): { cells: Cell[]; firstOfTable: boolean }[] {
  const out: { cells: Cell[]; firstOfTable: boolean }[] = [];
  for (const s of rules.tiers) {
    const t = s.table;
    t.bands.forEach((b, i) =>
      out.push({ cells: ["tier", dayToSerial(s.from), dayToSerial(s.to), b.upTo ?? "", Number(b.rate), t.status, t.label, t.source], firstOfTable: i === 0 }),
    );
  }
  for (const s of rules.employer) {
    const e = s.table;
    out.push({ cells: ["employer", dayToSerial(s.from), dayToSerial(s.to), "", Number(e.rate), e.status, e.label, e.source], firstOfTable: false });
  }
  return out;
}

const SPILL_ROW = 5;
const SPILL_AT = `A${SPILL_ROW}`;

function monthlySheet(plan: TemplatePlan): TemplateSheet {
  const r = ranges(plan);
  const formula = `LOCUM.MONTHLY(${r.sessionsAll},${r.details})`;
  return {
    role: "monthly",
    name: plan.sheets.monthly,
    cells: [
      { ref: "A1", value: "Forms B month by month", style: TITLE },
      {
        ref: "A2",
        value: `The figures of each month's Form B, worked out by the forms' own code from the ${plan.sheets.sessions} and ${plan.sheets.details} sheets: LOCUM.MONTHLY(sessions, details). A month an error stops says why in Status (make the forms for the full message).`,
        style: NOTE,
      },
      {
        ref: "A3",
        value: "#NAME? here means the Locum pensions add-in is not loaded: open it from the Home tab (if it stays, recalculate with Ctrl+Alt+F9).",
        style: NOTE,
      },
    ],
    widths: [11, 8, 16, 9, 13, 13, 13, 14, 20, 11, 60],
    spills: [{ ref: SPILL_AT, formula, width: MONTHLY_HEADER.length, numFmts: MONTHLY_FORMATS }],
    validations: [],
    conditionalFormats: [],
    // Pensionable pay, employee and employer contributions by month.
    chart: {
      title: "Pensionable pay and contributions by month",
      spill: SPILL_AT,
      categoryColumn: 0,
      valueColumns: [2, 4, 5],
      kind: "columnClustered",
      anchor: "M5",
    },
    freezeRows: 5,
  };
}

/** Rows of the Monthly sheet the Year end reads (its spill: a header, then at most a few dozen months). */
export const MONTHLY_ROWS_READ = 400;

// The Year end's columns (YEAR_END_HEADER): dates as text, money and rates as numbers.
const YEAR_END_FORMATS = [TEXT, TEXT, TEXT, "0", "0", MONEY, MONEY, MONEY, "0", "0.0%", MONEY, "0.0%", MONEY, MONEY, undefined, TEXT, TEXT, MONEY, MONEY];

function yearEndSheet(plan: TemplatePlan): TemplateSheet {
  const r = ranges(plan);
  const t = plan.table;
  // The rows with both day columns (a run of days on one row: Date worked to Last day), their pay
  // and Form A; the rate each Form B used is the Monthly sheet's (the forms' own, whatever the tier
  // basis: Tier rate, an estimate, or the rows annualised), so the sheet gives locum yearend's figures.
  const dates = `${t}[[${FIELD_NAMES.first}]:[${FIELD_NAMES.last}]]`;
  const monthly = `${sheetRef(plan.sheets.monthly)}$A$${SPILL_ROW}:$${columnLetter(MONTHLY_HEADER.length - 1)}$${SPILL_ROW + MONTHLY_ROWS_READ}`;
  const formula = `LOCUM.YEAREND(${dates},${r.column("Pensionable pay")},${monthly},${r.detail("Other practitioner pay")},${r.detail("Other days of service")},${r.column("Form A")},${r.detail("Country")},${r.detail("Closing pension last year")},${r.detail("September CPI")})`;
  return {
    role: "yearEnd",
    name: plan.sheets.yearEnd,
    cells: [
      { ref: "A1", value: "Year end", style: TITLE },
      {
        ref: "A2",
        value: `Per scheme year: the tier the year's work gives, the contributions due at it, those the Forms B paid (the ${plan.sheets.monthly} sheet's rates), and the top-up or refund to settle with PCSE (the LHB in Wales): LOCUM.YEAREND, the same figures as locum yearend.`,
        style: NOTE,
      },
    ],
    widths: [11, 11, 11, 8, 9, 13, 13, 13, 6, 9, 12, 9, 12, 12, 30, 13, 30, 13, 13],
    spills: [{ ref: "A4", formula, width: YEAR_END_HEADER.length, numFmts: YEAR_END_FORMATS }],
    validations: [],
    conditionalFormats: [],
    freezeRows: 4,
  };
}

/**
 * The template with rows typed into the Sessions table (by column name: {"Date worked": 45748, ...})
 * and values into Locum details (by key), as a user fills it: for tests and examples, so every host
 * lays out the same filled workbook. The table grows to hold the rows.
 */
export function fillTemplate(t: YearTemplate, fill: { sessions?: Record<string, Cell>[]; details?: Record<string, Cell> }): YearTemplate {
  const sheets = t.sheets.map((sheet) => {
    if (sheet.table && fill.sessions) {
      const cols = sheet.table.columns;
      const data = fill.sessions.map((r, i) => {
        const unknown = Object.keys(r).filter((k) => !cols.some((c) => c.name === k && !c.formula));
        if (unknown.length) throw new Error(`row ${i + 1}: no typed column ${unknown.join(", ")} in the Sessions table`);
        return cols.map((c) => (c.formula ? "" : (r[c.name] ?? "")));
      });
      return { ...sheet, table: { ...sheet.table, data, rows: Math.max(sheet.table.rows, data.length) } };
    }
    if (sheet.role === "details" && fill.details) {
      const cells = [...sheet.cells];
      for (const [key, value] of Object.entries(fill.details)) {
        const ref = `B${detailRow(key)}`;
        const at = cells.findIndex((c) => c.ref === ref);
        if (at >= 0) cells[at] = { ...cells[at], value };
        else cells.push({ ref, value });
      }
      return { ...sheet, cells };
    }
    return sheet;
  });
  return { ...t, sheets };
}

// ---- LOCUM.MONTHLY's table, from the forms layer's own Forms B ----

/**
 * The Monthly sheet's rows: a header, then one row per Form B month with its figures (numbers, dates
 * as Excel serials), or, for a month an error stops, why. No month at all: one row saying why.
 */
export function monthlyRows(p: PreparedForms): Cell[][] {
  const rows: Cell[][] = [[...MONTHLY_HEADER]];
  const blankFigures = (n: number) => Array<Cell>(n).fill("");
  for (const m of p.months) {
    const b = m.formB;
    const month = dayToSerial(dayFromYmd(m.year, m.month, 1));
    // Stopped only by rows to leave off: the Form B as it will be once they go (the year end counts it so).
    const f = b ?? m.leftOff?.formB;
    if (!f) {
      rows.push([month, m.formsA.length, ...blankFigures(5), "", m.upr, "", `stopped: ${stopReason(p, m.monthKey)}`]);
      continue;
    }
    const status = b ? "made" : `stopped until the rows to leave off are removed (the figures are this Form B's once they are): ${stopReason(p, m.monthKey)}`;
    rows.push([
      month,
      f.formsA.length,
      f.a.toNumber(),
      f.tier.rate.toNumber(),
      f.g.toNumber(),
      f.h.toNumber(),
      f.i.toNumber(),
      f.j.toNumber(),
      f.upr,
      dayToSerial(f.dueDate),
      status,
    ]);
  }
  if (!p.months.length) {
    const first = p.messages.find((x) => x.level === "error");
    rows.push(["", "", ...blankFigures(8), first ? `no Form B yet: ${placeText(first)}: ${first.text}` : "no Form B yet: no sessions"]);
  }
  return rows;
}

/** The first error that stops a month's Form B, placed ("Sessions row 5, Fee (E5): …"), and how many. */
function stopReason(p: PreparedForms, monthKey: string): string {
  const stopping = p.messages.filter((x) => stopsMonth(x, monthKey));
  if (!stopping.length) return "see the forms' messages";
  const more = stopping.length > 1 ? ` (and ${stopping.length - 1} more error${stopping.length > 2 ? "s" : ""})` : "";
  const first = stopping[0];
  return `${placeText(first)}: ${first.text}${more}`;
}

// ---- Structured references: to A1 ranges (a host without tables) and to the file's form ----

export interface TableGeometry {
  name: string;
  sheet: string;
  /** Header row and first column (0 = A), as Excel numbers rows. */
  headerRow: number;
  firstCol: number;
  columns: string[];
  rows: number;
}

/** The geometry of the template's Sessions table with `rows` data rows. */
export function sessionsGeometry(plan: TemplatePlan, rows: number): TableGeometry {
  return { name: plan.table, sheet: plan.sheets.sessions, headerRow: 1, firstCol: 0, columns: sessionColumns().map((c) => c.name), rows };
}

interface RefPart {
  kind: "all" | "data" | "headers" | "thisRow";
  from?: string;
  to?: string;
}

/** The inside of a structured reference's brackets → which rows and columns ("[#All],[A]:[B]", "@Fee", "Fee"). */
function parseSpec(spec: string): RefPart {
  const s = spec.trim();
  if (s.startsWith("@")) {
    const col = s.slice(1).trim();
    return { kind: "thisRow", from: col ? unbracket(col) : undefined };
  }
  if (!s.startsWith("[")) return s.startsWith("#") ? { kind: special(s) } : { kind: "data", from: unescapeColumn(s) };
  const items = splitTop(s);
  let kind: RefPart["kind"] = "data";
  let from: string | undefined;
  let to: string | undefined;
  for (const item of items) {
    const range = item.split(/\]\s*:\s*\[/);
    const names = range.map((x) => unbracket(x.startsWith("[") ? x : `[${x}`));
    if (names.length === 1 && names[0].startsWith("#")) kind = special(names[0]);
    else [from, to] = [names[0], names[1] ?? names[0]];
  }
  return { kind, from, to };
}

function special(s: string): RefPart["kind"] {
  const k = s.replace(/\s+/g, " ").toLowerCase();
  if (k === "#all") return "all";
  if (k === "#data") return "data";
  if (k === "#headers") return "headers";
  if (k === "#this row") return "thisRow";
  throw new Error(`unsupported structured reference item ${s}`);
}

const unescapeColumn = (s: string) => s.replace(/'(.)/g, "$1");

function unbracket(s: string): string {
  const t = s.trim();
  return unescapeColumn(t.startsWith("[") && t.endsWith("]") ? t.slice(1, -1) : t.replace(/^\[|\]$/g, ""));
}

/** "[#All],[A]:[B]" → ["[#All]", "[A]:[B]"]: commas at the top level only. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" && i + 1 < s.length) {
      cur += ch + s[++i];
      continue;
    }
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The end of a bracketed group starting at `i` (s[i] === "["), honouring nesting and ' escapes. */
function closing(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === "'") {
      j++;
      continue;
    }
    if (s[j] === "[") depth++;
    else if (s[j] === "]" && --depth === 0) return j;
  }
  throw new Error(`unclosed [ in ${s}`);
}

interface Found {
  start: number;
  end: number;
  table: string | null;
  spec: string;
}

/** Each structured reference in a formula, outside string literals and quoted sheet names. */
function structuredRefs(formula: string, tables: string[]): Found[] {
  const found: Found[] = [];
  const names = [...tables].sort((a, b) => b.length - a.length);
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      const close = formula.indexOf(ch, i + 1);
      i = close < 0 ? formula.length : close;
      continue;
    }
    const before = i === 0 ? "" : formula[i - 1];
    if (/[A-Za-z0-9_.\\]/.test(before)) continue;
    const name = names.find((n) => formula.slice(i, i + n.length).toLowerCase() === n.toLowerCase() && formula[i + n.length] === "[");
    if (name) {
      const end = closing(formula, i + name.length);
      found.push({ start: i, end: end + 1, table: name, spec: formula.slice(i + name.length + 1, end) });
      i = end;
    } else if (ch === "[") {
      const end = closing(formula, i);
      found.push({ start: i, end: end + 1, table: null, spec: formula.slice(i + 1, end) });
      i = end;
    }
  }
  return found;
}

function replaceRefs(formula: string, tables: string[], f: (x: Found) => string): string {
  let out = "";
  let at = 0;
  for (const x of structuredRefs(formula, tables)) {
    out += formula.slice(at, x.start) + f(x);
    at = x.end;
  }
  return out + formula.slice(at);
}

/**
 * A formula with structured references as plain A1 ranges, for a host without Excel tables
 * (HyperFormula): Sessions[Fee] → 'Sessions'!$E$2:$E$41; [@Fee] → 'Sessions'!$E$7 on row 7.
 * `at` is the table and row a formula inside the table is on (for [@...]).
 */
export function toA1(formula: string, tables: TableGeometry[], at?: { table: string; row: number }): string {
  return replaceRefs(
    formula,
    tables.map((t) => t.name),
    (x) => {
      const t = tables.find((g) => g.name.toLowerCase() === (x.table ?? at?.table ?? "").toLowerCase());
      if (!t) throw new Error(`a structured reference [${x.spec}] outside a table`);
      const part = parseSpec(x.spec);
      const col = (name: string | undefined, fallback: number) => {
        if (name === undefined) return fallback;
        const i = t.columns.findIndex((c) => c.toLowerCase() === name.toLowerCase()); // Excel ignores case
        if (i < 0) throw new Error(`no column [${name}] in table ${t.name}`);
        return t.firstCol + i;
      };
      const c1 = col(part.from, t.firstCol);
      const c2 = part.from === undefined ? t.firstCol + t.columns.length - 1 : col(part.to ?? part.from, c1);
      const first = t.headerRow + 1;
      const last = t.headerRow + t.rows;
      const [r1, r2] =
        part.kind === "all"
          ? [t.headerRow, last]
          : part.kind === "headers"
            ? [t.headerRow, t.headerRow]
            : part.kind === "thisRow"
              ? thisRow(t, at)
              : [first, last];
      const sheet = sheetRef(t.sheet);
      const cell = (c: number, r: number) => `$${columnLetter(c)}$${r}`;
      return r1 === r2 && c1 === c2 ? `${sheet}${cell(c1, r1)}` : `${sheet}${cell(c1, r1)}:${cell(c2, r2)}`;
    },
  );
}

function thisRow(t: TableGeometry, at?: { table: string; row: number }): [number, number] {
  if (!at || at.table.toLowerCase() !== t.name.toLowerCase()) throw new Error(`[@…] of table ${t.name} used outside it`);
  return [at.row, at.row];
}

/**
 * A formula as an .xlsx file stores it: [@Fee] and [@[Date worked]] (Excel's typing shorthand) as
 * Table[[#This Row],[Fee]]; other structured references as they are.
 */
export function toFileFormula(formula: string, table: string): string {
  return replaceRefs(formula, [table], (x) => {
    const spec = x.spec.trim();
    if (!spec.startsWith("@")) return `${x.table ?? table}[${x.spec}]`;
    const col = spec.slice(1).trim();
    const inner = col.startsWith("[") ? col : `[${col}]`;
    return `${x.table ?? table}[[#This Row],${inner}]`;
  });
}
