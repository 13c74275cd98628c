// A workbook as both hosts hand it to the forms layer (the command line from an .xlsx file, the task
// pane from the open workbook), and the one choice of the blocks that hold the sessions, the Locum
// details, LocumRules and LocumSettings. One choice, so one workbook gives the same forms everywhere.
// Where LocumRules and LocumSettings are is decided in ./overrides.ts, which the custom functions use too.
import { LocumError } from "../rules";
import { normaliseHeader } from "./columns";
import { isOverridesTable, type OverridesKind, overridesPlace } from "./overrides";
import { detailsScore } from "./detailNames";
import { findColumns } from "./columns";
import { isBlankCell } from "../rules";

export {
  blockName,
  denseRows,
  holdsOverrides,
  type OverridesKind,
  type OverridesPlace,
  overridesPlace,
  rulesOfBlock,
  settingPairsOfBlock,
  settingsOfBlock,
} from "./overrides";

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

/** Cells a block lays out in full; a bigger one holds only the rows and cells that have something. */
const DENSE_CELLS = 2_000_000;

/** A block of this many rows and columns is laid out in full ("" in empty cells), as Excel gives a range. */
export const denseBlock = (height: number, width: number) => height * width <= DENSE_CELLS;

/**
 * A block's rows from the rows found in it, each as its offset from the block's first row and its
 * cells (holes where nothing is), in order: laid out in full ("" in empty cells) when small, as Excel
 * gives a range; else only what was found, so one stray cell at XFD1048576 costs nothing. Both hosts'
 * readers give their blocks so.
 */
export function blockRows(found: [number, unknown[]][], width: number, full = false): unknown[][] {
  const height = found.length ? found[found.length - 1][0] + 1 : 0;
  const rows: unknown[][] = [];
  if (full && denseBlock(height, width)) {
    // Rows found already laid out in full (a reader that knew the block's size), each once, in order: kept as they are.
    let k = 0;
    for (let i = 0; i < height; i++) rows.push(k < found.length && found[k][0] === i ? found[k++][1] : Array<unknown>(width).fill(""));
  } else if (denseBlock(height, width)) {
    for (let i = 0; i < height; i++) rows.push(Array<unknown>(width).fill(""));
    for (const [r, cells] of found) cells.forEach((v, i) => (rows[r][i] = v));
  } else {
    rows.length = height;
    for (const [r, cells] of found) rows[r] = cells;
  }
  return rows;
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
  /** The sheet is hidden (Hide, or "very hidden" by a macro): chosen only when no visible sheet will do, and then said. */
  hidden?: boolean;
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
  /** The sheet is hidden: chosen as no visible sheet would do (or it was named), so the host must say so. */
  hiddenSheet?: boolean;
}

const SESSIONS_NAMES = ["sessions", "session"];
const chosen = (sheet: SheetInput, t?: TableInput): ChosenBlock => ({
  ...(t ? { ...t, sheet: sheet.name, table: t.name } : { ...sheet.used, sheet: sheet.name }),
  ...(sheet.hidden ? { hiddenSheet: true } : {}),
});

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
 * by its columns) among the visible sheets; among all only when no visible sheet is named Sessions or
 * has a session column, and then marked `hiddenSheet`. A LocumError when `sheet` names no sheet.
 */
export function chooseSessions(input: WorkbookInput, sheet?: string): (ChosenBlock & { by: SessionsFoundBy }) | null {
  if (sheet !== undefined) {
    const s = input.sheets.find((x) => x.name === sheet) ?? input.sheets.find((x) => normaliseHeader(x.name) === normaliseHeader(sheet));
    if (!s) throw new LocumError(`no sheet "${sheet}" in the workbook (its sheets: ${input.sheets.map((x) => x.name).join(", ") || "none"})`);
    return { ...sheetBlock(s), by: "option" };
  }
  const blocks = input.sheets.map(sheetBlock);
  const pick = (bs: ChosenBlock[]) =>
    pickSessionsSheet(
      bs.map((b) => ({ ...b, name: b.sheet })),
      input.active,
    );
  const visible = pick(blocks.filter((b) => !b.hiddenSheet));
  const will = visible && (SESSIONS_NAMES.includes(normaliseHeader(visible.sheet)) || sessionsScore(visible.rows) > 0);
  const picked = will ? visible : (pick(blocks) ?? visible);
  if (!picked) return null;
  const by: SessionsFoundBy = SESSIONS_NAMES.includes(normaliseHeader(picked.sheet)) ? "name" : picked.sheet === input.active ? "active" : "columns";
  return { ...blocks.find((b) => b.sheet === picked.sheet)!, by };
}

/** The Locum details block: the sheet pickDetailsSheet picks (by name, else by its contents), its table if it has one; a visible sheet first. */
export function chooseDetails(input: WorkbookInput, sessionsSheet?: string): ChosenBlock | null {
  const blocks = input.sheets.map((s) => ({ s, block: chosen(s, s.tables[0]) }));
  const pick = (bs: typeof blocks) =>
    pickDetailsSheet(
      bs.map((b) => ({ name: b.s.name, rows: b.block.rows })),
      sessionsSheet,
    );
  const picked = pick(blocks.filter((b) => !b.s.hidden)) ?? pick(blocks);
  return picked ? blocks.find((b) => b.s.name === picked.name)!.block : null;
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

// ---- Which sheet is which: the guesses both hosts make, in one place ----

const DETAILS_SHEETS = ["locumdetails", "details", "locum"];
/** Sheets that hold the locum's details, rules or settings: never the sessions. */
const NOT_SESSIONS = [...DETAILS_SHEETS, "locumrules", "rules", "locumsettings", "settings"];

/** Whether a sheet is the Locum details sheet, by its name ("Locum details", "Details", "Locum"). */
export function isDetailsSheet(name: string): boolean {
  return DETAILS_SHEETS.includes(normaliseHeader(name));
}

/**
 * Which sheet holds the locum's details: the one named Locum details (or Details, Locum), else the
 * sheet, other than the sessions, whose first column names the most details (three at least):
 * "My details" or "Personal" with Surname, SD number and NI number in it. Both hosts choose with it.
 */
export function pickDetailsSheet<T extends { name: string; rows: unknown[][] }>(sheets: T[], sessions?: string): T | undefined {
  const named = sheets.find((s) => isDetailsSheet(s.name));
  if (named) return named;
  let best: T | undefined;
  let score = 2;
  for (const s of sheets) {
    if (s.name === sessions || NOT_SESSIONS.slice(DETAILS_SHEETS.length).includes(normaliseHeader(s.name))) continue;
    const n = detailsScore(s.rows);
    if (n > score) [best, score] = [s, n];
  }
  return best;
}

/**
 * Which of a workbook's sheets holds the sessions: the active one when it has every session column,
 * else the one named Sessions, else the first with every session column, then with some, then any
 * that is not details, rules or settings. Both hosts choose with it.
 */
export function pickSessionsSheet<T extends { name: string; rows: unknown[][] }>(sheets: T[], active?: string): T | undefined {
  const candidates = sheets.filter((s) => !NOT_SESSIONS.includes(normaliseHeader(s.name)));
  const act = candidates.find((s) => s.name === active);
  if (act && sessionsScore(act.rows) === 2) return act;
  return (
    sheets.find((s) => ["sessions", "session"].includes(normaliseHeader(s.name))) ??
    candidates.find((s) => sessionsScore(s.rows) === 2) ??
    candidates.find((s) => sessionsScore(s.rows) === 1) ??
    candidates[0]
  );
}

/** Find the header row: the first row naming at least two session fields (a title may sit above). */
export function headerIndex(rows: unknown[][]): number {
  for (let i = 0; i < rows.length; i++) {
    const map = findColumns(rows[i] ?? []);
    if (Object.keys(map.index).length >= 2) return i;
  }
  return rows.findIndex((r) => (r ?? []).some((c) => !isBlankCell(c)));
}

/**
 * How much a sheet looks like the sessions: 2 when a row among the first ten has every required
 * column, 1 when one names two session columns, else 0. Hosts pick the sheet with it.
 */
export function sessionsScore(rows: unknown[][]): 0 | 1 | 2 {
  let best: 0 | 1 | 2 = 0;
  for (const r of rows.slice(0, 10)) {
    const map = findColumns(r ?? []);
    if (!map.problems.some((p) => p.column === undefined)) return 2;
    if (Object.keys(map.index).length >= 2) best = 1;
  }
  return best;
}
