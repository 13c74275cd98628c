// What a year template is, as data: the sheets, their cells, table, validation, conditional formats,
// spills and chart. Every writer (the command line with exceljs, the task pane with Office.js, the
// tests with HyperFormula) lays out these shapes, so they all make the same workbook.
import type { Day, RuleSet } from "../rules";
import type { Field } from "../workbook/columns";
import type { SheetRole, TemplatePlan } from "./plan";

export type Cell = string | number;

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
