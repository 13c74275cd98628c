// The year template a locum fills in, as data a host writes (the command line with exceljs, the task
// pane with Office.js): the plan of names, the five sheets, and the formula rewriter.
//   plan.ts           free names for the sheets and the Sessions table, and the note saying so
//   sheets.ts         yearTemplate (the five sheets in order) and fillTemplate
//   sessions.ts       the Sessions table: columns, validation, the 10-week highlight
//   details.ts        the Locum details keys the forms read
//   tablesInForce.ts  the tier tables and employer rates, for reading
//   monthly.ts        LOCUM.MONTHLY's sheet and the rows it returns
//   yearEnd.ts        LOCUM.YEAREND's sheet
//   formulas.ts       formula text and the rewriter of structured references (to A1, to the file's form)
//   types.ts, styles.ts  the shapes every writer lays out, and the formats the sheets share
export { planTemplate, ROLES, SESSIONS_TABLE, TEMPLATE_SHEETS, type Existing, type SheetRole, type TemplatePlan } from "./plan";
export { fillTemplate, yearTemplate } from "./sheets";
export { ENGAGEMENTS, LAST_DATE, RULE_ROWS, sessionColumns, sessionsGeometry, TEN_WEEK_TEXT, WORK_TYPES } from "./sessions";
export { DETAIL_ROWS, DETAILS_ROWS_READ, detailRow } from "./details";
export { TABLE_HEADER, tableRows } from "./tablesInForce";
export { MONTHLY_HEADER, MONTHLY_ROWS_READ, monthlyRows } from "./monthly";
export { addr, sheetRef, tenWeekFormula, toA1, toFileFormula, type TableGeometry, type TableRow } from "./formulas";
export type {
  Cell,
  ChartSpec,
  ConditionalFormat,
  Spill,
  Style,
  TemplateCell,
  TemplateColumn,
  TemplateOptions,
  TemplateSheet,
  TemplateTable,
  Validation,
  ValidationRule,
  YearTemplate,
} from "./types";
