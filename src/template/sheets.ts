// The year template: its five sheets in the order they are added, and the same filled in as a user
// would (for tests and examples). Pure: no Office, DOM or Node APIs.
//
//   const plan = planTemplate({ sheets: ["Sheet1"], tables: [] });   // free names, never an existing sheet
//   const t = yearTemplate(plan, { rules: current().rules });         // the sheets to write
import { detailsSheet, fillDetails } from "./details";
import { monthlySheet } from "./monthly";
import type { TemplatePlan } from "./plan";
import { fillSessions, sessionsSheet } from "./sessions";
import { tablesSheet } from "./tablesInForce";
import type { Cell, TemplateOptions, YearTemplate } from "./types";
import { yearEndSheet } from "./yearEnd";

export function yearTemplate(plan: TemplatePlan, options: TemplateOptions): YearTemplate {
  const rows = Math.max(1, Math.floor(options.rows ?? 10));
  return { plan, sheets: [sessionsSheet(plan, rows), detailsSheet(plan), tablesSheet(plan, options), monthlySheet(plan), yearEndSheet(plan)] };
}

/**
 * The template with rows typed into the Sessions table (by column name: {"Date worked": 45748, ...})
 * and values into Locum details (by key), as a user fills it: for tests and examples, so every host
 * lays out the same filled workbook. The table grows to hold the rows.
 */
export function fillTemplate(t: YearTemplate, fill: { sessions?: Record<string, Cell>[]; details?: Record<string, Cell> }): YearTemplate {
  const sheets = t.sheets.map((sheet) => {
    if (sheet.table && fill.sessions) return { ...sheet, table: fillSessions(sheet.table, fill.sessions) };
    if (sheet.role === "details" && fill.details) return { ...sheet, cells: fillDetails(sheet.cells, fill.details) };
    return sheet;
  });
  return { ...t, sheets };
}
