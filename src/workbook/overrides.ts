// Where a workbook's LocumRules and LocumSettings are, by name only (so a host can read just that
// range), and their rows → tables and settings. The one choice for the forms in both hosts and for
// the custom functions; small, so the custom functions stay light.
import { type Settings, settingPairsOf, settingsFrom } from "../engine";
import { parseRulesRows, type RuleData } from "../rules";
import { normaliseHeader } from "./columns";

const OVERRIDES = {
  rules: { table: "locumrules", sheets: ["locumrules", "rules"] },
  settings: { table: "locumsettings", sheets: ["locumsettings", "settings"] },
} as const;
export type OverridesKind = keyof typeof OVERRIDES;

export const isOverridesTable = (name: string) => Object.values(OVERRIDES).some((o) => normaliseHeader(name) === o.table);

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
