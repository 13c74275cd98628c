// The Sessions sheet: the table the forms read (its columns, the forms' own, then two calculated
// ones the year end uses), validation the forms agree with, the 10-week highlight and help beside
// the table.
import { FIRST_DAY, LAST_DAY, PENSIONABLE_SHARE } from "../engine";
import { type Day, dayToUk } from "../rules";
import { columnLetter, type Field, FIELD_NAMES } from "../workbook/columns";
import { FEE_LIMIT } from "../workbook/limits";
import { addr, type TableGeometry, tenWeekFormula } from "./formulas";
import type { TemplatePlan } from "./plan";
import { DATE, HEAD, MONEY, NOTE, TEXT } from "./styles";
import type { Cell, ConditionalFormat, TemplateCell, TemplateColumn, TemplateSheet, TemplateTable, Validation } from "./types";

/** Rows the validation and conditional formatting cover below the header: a busy decade of sessions. */
export const RULE_ROWS = 5000;
/** The last date a date column accepts: the engine's own last date. */
export const LAST_DATE: Day = LAST_DAY;
/** The most a Fee cell accepts: the forms' own limit on one row. */
const MAX_FEE = FEE_LIMIT.toNumber();

export const WORK_TYPES = ["practice", "appraisal", "out of hours", "ICB", "private"];
export const ENGAGEMENTS = ["direct", "limited company", "agency", "independent provider", ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `PCN scenario ${n}`)];

export const TEN_WEEK_TEXT =
  "the last day worked is more than 10 weeks (70 days) before Date submitted, or before today when the row has no Date submitted (from 01/10/2022): past the 10-week limit, it cannot be pensioned. This counts from the row's last day (the default Ten week anchor: PCSE's submit page and NHSBSA); the forms count from the last day of the period on one Form A and take a month's Date submitted from its other rows, and with the anchor set to first they count from the first day worked.";

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

const FIELD_WIDTHS: Partial<Record<Field, number>> = { practice: 28, code: 13, notes: 30, engagedVia: 18, appraisalAuthorised: 11, workType: 13 };
const FIELD_FORMATS: Partial<Record<Field, string>> = {
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

/** The Sessions table's columns: the forms' own (src/workbook/columns.ts), then two the year end uses. */
export function sessionColumns(): TemplateColumn[] {
  const typed = FIELD_ORDER.map((f) => ({ name: FIELD_NAMES[f], field: f, width: FIELD_WIDTHS[f] ?? 12, numFmt: FIELD_FORMATS[f], note: SESSION_NOTES[f] }));
  return [...typed, ...calculatedColumns()];
}

function calculatedColumns(): TemplateColumn[] {
  const c = (f: Field) => `[@[${FIELD_NAMES[f]}]]`;
  const formA: TemplateColumn = {
    name: "Form A",
    width: 34,
    // No text format: a formula typed into a cell formatted as text stays text in Excel.
    // LOCUM.FORMA: the Form A a row goes on, its text beginning with the Form B month (mm/yyyy).
    // Every cell the forms decide a row's Form A with: its days (a run across 31 March is split), the
    // kind of work and engagement (some go on no Form A) and the date sent (the 10-week rule).
    formula: `IF(${c("first")}="","",LOCUM.FORMA(${c("first")},${c("paid")},${c("code")},${c("practice")},${c("invoice")},${c("last")},${c("workType")},${c("engagedVia")},${c("submitted")}))`,
    note: "Calculated: the Form A this row goes on (rows with the same Form A are added before rounding), or why it is on none",
  };
  const pensionable: TemplateColumn = {
    name: "Pensionable pay",
    width: 15,
    numFmt: MONEY,
    // 90 % of the fee, unrounded: a Form A rounds the sum of its rows (Box 2). A fee in pennies has at
    // most three decimals at 90 %, so ROUND(…,3) only removes a binary product's noise (90.04499…).
    formula: `IF(${c("fee")}="","",ROUND(${c("fee")}*${PENSIONABLE_SHARE.toString()},3))`,
    note: "Calculated: 90 % of the fee, unrounded (the year end adds a Form A's rows, then rounds)",
  };
  return [formA, pensionable];
}

/** The table's references the other sheets' formulas use: its typed columns with the header, one column's data. */
export function sessionsRefs(plan: TemplatePlan) {
  const t = plan.table;
  return {
    all: `${t}[[#All],[${sessionColumns()[0].name}]:[${FIELD_NAMES.notes}]]`,
    column: (name: string) => `${t}[${name}]`,
  };
}

/** The geometry of the template's Sessions table with `rows` data rows. */
export function sessionsGeometry(plan: TemplatePlan, rows: number): TableGeometry {
  return { name: plan.table, sheet: plan.sheets.sessions, headerRow: 1, firstCol: 0, columns: sessionColumns().map((c) => c.name), rows };
}

export function sessionsSheet(plan: TemplatePlan, rows: number): TemplateSheet {
  const columns = sessionColumns();
  // Help beside the table (column P on): the forms read the table only.
  const helpCol = columns.length + 1;
  const widths = columns.map((c) => c.width);
  widths[helpCol - 1] = 3;
  widths[helpCol] = 90;
  return {
    role: "sessions",
    name: plan.sheets.sessions,
    // At A1: messages (and LOCUM.MONTHLY's status) count rows from the table's header as row 1.
    table: { name: plan.table, ref: "A1", columns, rows, data: [], style: "TableStyleMedium2" },
    cells: help(columns, helpCol),
    widths,
    spills: [],
    validations: validations(columns),
    conditionalFormats: [tenWeekHighlight(columns)],
    freezeRows: 1,
  };
}

function help(columns: TemplateColumn[], helpCol: number): TemplateCell[] {
  return [
    { ref: addr(helpCol, 1), value: "One row per session (or per run of days, with Last day)", style: HEAD },
    ...columns.map((c, i) => ({ ref: addr(helpCol, i + 2), value: `${c.name}: ${c.note}`, style: NOTE })),
    { ref: addr(helpCol, columns.length + 3), value: `Red rows: ${TEN_WEEK_TEXT}`, style: { ...NOTE, color: "9C0006" } },
  ];
}

/** The letter of a field's column in the table. */
function letterOf(columns: TemplateColumn[], f: Field): string {
  return columnLetter(columns.findIndex((c) => c.name === FIELD_NAMES[f]));
}

function validations(columns: TemplateColumn[]): Validation[] {
  const span = (f: Field) => `${letterOf(columns, f)}2:${letterOf(columns, f)}${1 + RULE_ROWS}`;
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
  return [
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
  ];
}

/** Rows past the 10-week limit in red, across the table's columns. */
function tenWeekHighlight(columns: TemplateColumn[]): ConditionalFormat {
  const first = (f: Field) => `$${letterOf(columns, f)}2`;
  return {
    ref: `A2:${columnLetter(columns.length - 1)}${1 + RULE_ROWS}`,
    formula: tenWeekFormula(first("first"), first("last"), first("submitted")),
    fill: "FFC7CE",
    font: "9C0006",
    description: TEN_WEEK_TEXT,
  };
}

/**
 * The table with rows typed in (by column name: {"Date worked": 45748, ...}), as a user fills it;
 * it grows to hold them. A calculated column cannot be typed into.
 */
export function fillSessions(table: TemplateTable, sessions: Record<string, Cell>[]): TemplateTable {
  const cols = table.columns;
  const data = sessions.map((r, i) => {
    const unknown = Object.keys(r).filter((k) => !cols.some((c) => c.name === k && !c.formula));
    if (unknown.length) throw new Error(`row ${i + 1}: no typed column ${unknown.join(", ")} in the Sessions table`);
    return cols.map((c) => (c.formula ? "" : (r[c.name] ?? "")));
  });
  return { ...table, data, rows: Math.max(table.rows, data.length) };
}
