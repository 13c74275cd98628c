// A workbook as both hosts hand it to the forms layer (the command line from an .xlsx file, the task
// pane from the open workbook), and the one choice of the blocks that hold the sessions, the Locum
// details, LocumRules and LocumSettings. One choice, so one workbook gives the same forms everywhere.
// Light on purpose (no form building here): the custom functions use the LocumRules choice too.
import { type Settings, settingPairsOf, settingsFrom } from "../engine";
import { LocumError, parseRulesRows, type RuleData } from "../rules";
import { normaliseHeader } from "./columns";
import { headerIndex, isDetailsSheet, pickSessionsSheet, sessionsScore } from "./sessions";

/**
 * A block of cells as Office.js `range.values` gives them: numbers, text, booleans, "" for empty,
 * dates as serials in the workbook's date system, errors as text ("#N/A"). A row, or a cell in a
 * row, may be missing (a hole) where the sheet has nothing, so a stray cell far away costs nothing.
 */
export interface Block {
  rows: unknown[][];
  /** Excel row number of rows[0]. */
  firstRow: number;
  /** Column of rows[n][0]: 0 = A. */
  firstCol: number;
  /** Merged areas within the block ("B1:C1"); the forms layer picks those on the header row. */
  merged: string[];
  /** Excel rows of the block hidden by the user or a filter. */
  hidden: number[];
}

export interface TableInput extends Block {
  name: string;
  /** The table has a Total Row: `rows` leave it out (it adds up sessions; it is not one). */
  totals: boolean;
}

export interface SheetInput {
  name: string;
  /** The used range: from the first to the last cell holding something. */
  used: Block;
  tables: TableInput[];
}

export interface WorkbookInput {
  sheets: SheetInput[];
  /** The sheet the user is on (the task pane); the command line leaves it out. */
  active?: string;
  /** The workbook counts dates from 1904 (Excel for Mac's old default): serials are 1,462 days less. */
  date1904: boolean;
}

/** Where a block was read from: a sheet, and the Excel table on it when it is one. */
export interface ChosenBlock extends Block {
  sheet: string;
  table?: string;
}

const SESSIONS_NAMES = ["sessions", "session"];
const OVERRIDES = {
  rules: { table: "locumrules", sheets: ["locumrules", "rules"], label: "LocumRules" },
  settings: { table: "locumsettings", sheets: ["locumsettings", "settings"], label: "LocumSettings" },
} as const;
export type OverridesKind = keyof typeof OVERRIDES;

const chosen = (sheet: SheetInput, t?: TableInput): ChosenBlock => (t ? { ...t, sheet: sheet.name, table: t.name } : { ...sheet.used, sheet: sheet.name });
const isOverridesTable = (name: string) => Object.values(OVERRIDES).some((o) => normaliseHeader(name) === o.table);

/** A sheet's data: the table on it that looks most like the sessions (the first on a tie), else its used range. */
function sheetBlock(s: SheetInput): ChosenBlock {
  const tables = s.tables.filter((t) => !isOverridesTable(t.name));
  let best: TableInput | undefined;
  for (const t of tables) if (!best || sessionsScore(t.rows) > sessionsScore(best.rows)) best = t;
  return chosen(s, best);
}

/** How the sessions sheet was found, for a host to say: --sheet, its name, the active sheet, or its columns. */
export type SessionsFoundBy = "option" | "name" | "active" | "columns";

/**
 * The sessions block: the sheet `sheet` names (exactly, else by its normalised name), else the one
 * pickSessionsSheet picks (the active sheet when it has every session column, else "Sessions", else
 * by its columns). A LocumError when `sheet` names no sheet.
 */
export function chooseSessions(input: WorkbookInput, sheet?: string): (ChosenBlock & { by: SessionsFoundBy }) | null {
  if (sheet !== undefined) {
    const s = input.sheets.find((x) => x.name === sheet) ?? input.sheets.find((x) => normaliseHeader(x.name) === normaliseHeader(sheet));
    if (!s) throw new LocumError(`no sheet "${sheet}" in the workbook (its sheets: ${input.sheets.map((x) => x.name).join(", ") || "none"})`);
    return { ...sheetBlock(s), by: "option" };
  }
  const blocks = input.sheets.map(sheetBlock);
  const picked = pickSessionsSheet(blocks.map((b) => ({ ...b, name: b.sheet })), input.active);
  if (!picked) return null;
  const by: SessionsFoundBy = SESSIONS_NAMES.includes(normaliseHeader(picked.sheet)) ? "name" : picked.sheet === input.active ? "active" : "columns";
  return { ...blocks.find((b) => b.sheet === picked.sheet)!, by };
}

/** The Locum details block: the sheet isDetailsSheet names (its table if it has one). */
export function chooseDetails(input: WorkbookInput): ChosenBlock | null {
  const s = input.sheets.find((x) => isDetailsSheet(x.name));
  return s ? chosen(s, s.tables[0]) : null;
}

/** Where overrides are: a table by name (anywhere in the workbook), or a sheet's used range. */
export type OverridesPlace = { table: string; sheet?: string } | { sheet: string; table?: undefined };

/**
 * Where LocumRules (or LocumSettings) is: an Excel table of that name anywhere in the workbook, else
 * a sheet named LocumRules or Rules (LocumSettings or Settings): its table if it has one, else its
 * used range. Names only, so a host can read just the chosen range; `tables` are every table's name,
 * `sheets` each sheet with its tables' names (only the sheet chosen by name needs them).
 */
export function overridesPlace(kind: OverridesKind, tables: string[], sheets: { name: string; tables: string[] }[]): OverridesPlace | null {
  const o = OVERRIDES[kind];
  const table = tables.find((t) => normaliseHeader(t) === o.table);
  if (table) return { table };
  const sheet = sheets.find((s) => (o.sheets as readonly string[]).includes(normaliseHeader(s.name)));
  if (!sheet) return null;
  return sheet.tables[0] ? { table: sheet.tables[0], sheet: sheet.name } : { sheet: sheet.name };
}

/** Whether an edit on this sheet (named so, holding these tables) can change LocumRules or LocumSettings. */
export function holdsOverrides(sheet: string, tables: string[]): boolean {
  const n = normaliseHeader(sheet);
  return Object.values(OVERRIDES).some((o) => (o.sheets as readonly string[]).includes(n)) || tables.some(isOverridesTable);
}

/** The LocumRules or LocumSettings block of a workbook, by overridesPlace. */
export function chooseOverrides(input: WorkbookInput, kind: OverridesKind): ChosenBlock | null {
  const place = overridesPlace(
    kind,
    input.sheets.flatMap((s) => s.tables.map((t) => t.name)),
    input.sheets.map((s) => ({ name: s.name, tables: s.tables.map((t) => t.name) })),
  );
  if (!place) return null;
  for (const s of input.sheets) {
    if (place.table === undefined) {
      if (s.name === place.sheet) return chosen(s);
    } else {
      const t = s.tables.find((x) => x.name === place.table);
      if (t) return chosen(s, t);
    }
  }
  return null;
}

/** A block's name in messages: the table's name when it is a table ("LocumRules"), else its sheet's. */
export const blockName = (b: { sheet: string; table?: string }) => b.table ?? b.sheet;

/**
 * Holes filled with "" (up to the widest row when that stays small), as Excel gives a range: the
 * rules and settings parsers, and their messages, then read the same in both hosts.
 */
export function denseRows(rows: unknown[][]): unknown[][] {
  let width = 0;
  rows.forEach((r) => (width = Math.max(width, r.length)));
  const pad = rows.length * width <= 1_000_000 ? width : 0;
  return Array.from(rows, (r) => {
    const out = Array.from(r ?? [], (v) => (v === undefined || v === null ? "" : v));
    while (out.length < pad) out.push("");
    return out;
  });
}

/** A LocumRules block's tables; a LocumError names the block and its rows as Excel numbers them. */
export function rulesOfBlock(b: { rows: unknown[][]; firstRow: number; sheet: string; table?: string }): RuleData {
  return parseRulesRows(denseRows(b.rows), blockName(b), b.firstRow);
}

/** A LocumSettings block's Setting, Value pairs. */
export function settingPairsOfBlock(b: { rows: unknown[][] }): [string, unknown][] {
  return settingPairsOf(denseRows(b.rows));
}

/** The settings of a LocumSettings block over `base`; a LocumError names the block. */
export function settingsOfBlock(b: { rows: unknown[][]; sheet: string; table?: string }, base?: Settings): Settings {
  return settingsFrom(settingPairsOfBlock(b), blockName(b), base);
}

/** Merged areas ("B1:C1") that cover Excel row `row`. */
export function mergedOnRow(areas: string[], row: number): string[] {
  return areas.filter((a) => {
    const rows = [...a.matchAll(/[A-Z]+(\d+)/gi)].map((m) => Number(m[1]));
    return rows.length > 0 && row >= Math.min(...rows) && row <= Math.max(...rows);
  });
}

/** The Excel row of a sessions block's header row (the first naming two session columns). */
export function headerRowOf(b: Pick<Block, "rows" | "firstRow">): number {
  return b.firstRow + Math.max(0, headerIndex(b.rows));
}
