// The Excel side of rule overrides: read LocumRules and LocumSettings where src/forms says they are
// (the choice the forms use in both hosts), hand the rows to src/forms and src/rules to parse, then
// recalculate. The parsing and every check live there; this file only fetches values.
import { DEFAULT_SETTINGS } from "../engine";
import { blockName, holdsOverrides, type OverridesKind, overridesPlace, rulesOfBlock, settingPairsOfBlock, settingsOfBlock } from "../workbook";
import { buildRuleSet, DEFAULT_RULES, LocumError, plural } from "../rules";
import { setState } from "./state";

export type RulesSource = "LocumRules" | "LocumSettings";

export interface RulesReport {
  /**
   * True when a LocumRules table or sheet was read and its tables are in force. LocumSettings alone
   * does not set it: the built-in tables are then still in force, with the settings (in `notes`).
   */
  used: boolean;
  /** What the workbook held and was read, in this order: LocumRules, LocumSettings, both or neither. */
  read: RulesSource[];
  /** One sentence saying what was read and what is in force now, for the top of a report. */
  summary: string;
  /** One line per override in force (each names its source), for a list under the summary. */
  notes: string[];
  error?: string;
}

/** The report's first sentence: what was read (LocumRules, LocumSettings, both, neither) and so what is in force. */
function summaryOf(read: RulesSource[], settings: number): string {
  const rules = read.includes("LocumRules");
  const counted = plural(settings, "setting");
  if (rules && read.includes("LocumSettings")) return `LocumRules and LocumSettings read: the functions now use these tables and ${counted}.`;
  if (rules) return "LocumRules read: the functions now use these tables (no LocumSettings: the default settings are in force).";
  if (read.includes("LocumSettings"))
    return `LocumSettings read: the functions now use ${counted} from it, with the built-in tables (no LocumRules in this workbook).`;
  return "No LocumRules or LocumSettings table or sheet in this workbook: the built-in tables and default settings are in force.";
}

/** Sheets whose edits reload the rules (those holding LocumRules / LocumSettings). */
const watchedSheets = new Set<string>();

/**
 * Queue a check of the workbook's date system (no sync): Office.js has no property for it, but
 * DATE(2000,1,1) evaluated by the workbook (Excel.Functions, ExcelApi 1.2) is 36526 in the 1900
 * system and 35064 in the 1904 one. Read the answer after the next sync; false where Excel cannot say.
 */
export function date1904Probe(context: Excel.RequestContext): () => boolean {
  const functions = (context.workbook as { functions?: Excel.Functions }).functions;
  if (typeof functions?.date !== "function") return () => false;
  const result = functions.date(2000, 1, 1);
  result.load("value");
  return () => result.value === 35064;
}

interface OverridesRange {
  rows: unknown[][];
  firstRow: number;
  sheet: string;
  table?: string;
}

/**
 * LocumRules and LocumSettings where src/forms says they are (a table of that name anywhere, else a
 * sheet named LocumRules or Rules, LocumSettings or Settings: its table, else its used range), with
 * the sheet row (as Excel numbers it) of the first value row. Only the chosen ranges' values are
 * read, in three syncs. Names are matched from loaded collections (no null objects).
 */
async function overridesRanges(context: Excel.RequestContext): Promise<{ rules: OverridesRange | null; settings: OverridesRange | null; date1904: boolean }> {
  const tables = context.workbook.tables;
  const sheets = context.workbook.worksheets;
  tables.load("items/name");
  sheets.load("items/name,items/id");
  const dates = date1904Probe(context);
  await context.sync();
  // The tables of the sheets named like the overrides: only those sheets' tables are ever read.
  const named = sheets.items.filter((ws) => holdsOverrides(ws.name, []));
  for (const ws of named) ws.tables.load("items/name");
  if (named.length) await context.sync();
  const tableNames = tables.items.map((t) => t.name);
  const sheetTables = sheets.items.map((ws) => ({ name: ws.name, tables: named.includes(ws) ? ws.tables.items.map((t) => t.name) : [] }));
  const queue = (kind: OverridesKind) => {
    const place = overridesPlace(kind, tableNames, sheetTables);
    if (!place) return null;
    const ws = place.sheet === undefined ? undefined : sheets.items.find((x) => x.name === place.sheet);
    const table = place.table === undefined ? undefined : [...tables.items, ...(ws ? ws.tables.items : [])].find((t) => t.name === place.table);
    const range = table ? table.getRange() : ws!.getUsedRange();
    range.load("values,rowIndex");
    range.worksheet.load("id,name");
    return { range, place };
  };
  const rules = queue("rules");
  const settings = queue("settings");
  await context.sync();
  const done = (q: ReturnType<typeof queue>): OverridesRange | null => {
    if (!q) return null;
    watchedSheets.add(q.range.worksheet.id);
    const sheet = q.place.sheet ?? String(q.range.worksheet.name ?? "");
    return { rows: q.range.values, firstRow: typeof q.range.rowIndex === "number" ? q.range.rowIndex + 1 : 1, sheet, table: q.place.table };
  };
  return { rules: done(rules), settings: done(settings), date1904: dates() };
}

/** Read LocumRules and LocumSettings from the open workbook and put them in force. */
export async function loadWorkbookRules(): Promise<RulesReport> {
  return Excel.run(async (context) => {
    const found = await overridesRanges(context);
    const [ruleRange, settingRange] = [found.rules, found.settings];
    const read: RulesSource[] = [...(ruleRange ? ["LocumRules" as const] : []), ...(settingRange ? ["LocumSettings" as const] : [])];
    const notes: string[] = [];
    let reading: RulesSource = "LocumRules";
    try {
      const rules = ruleRange ? buildRuleSet(rulesOfBlock(ruleRange)) : DEFAULT_RULES;
      notes.push(...rules.overrides);
      reading = "LocumSettings";
      const pairs = settingRange ? settingPairsOfBlock(settingRange) : [];
      const settings = settingRange ? settingsOfBlock(settingRange) : DEFAULT_SETTINGS;
      if (pairs.length) notes.push(...pairs.map(([k, v]) => `setting ${k} = ${v} (${blockName(settingRange!)})`));
      setState({ rules, settings, date1904: found.date1904 });
      if (ruleRange || settingRange || found.date1904) context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
      return { used: Boolean(ruleRange), read, summary: summaryOf(read, pairs.length), notes };
    } catch (e) {
      if (!(e instanceof LocumError)) throw e;
      // Keep the error in force: every function reports it until the sheet is fixed.
      setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS, error: e.message, date1904: found.date1904 });
      context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
      return { used: false, read, summary: `${reading} was not used: ${e.message}`, notes, error: e.message };
    }
  });
}

/** Does an edited sheet hold the overrides? (It may have been added after the runtime started.) */
async function holdsRules(worksheetId: string): Promise<boolean> {
  if (watchedSheets.has(worksheetId)) return true;
  return Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(worksheetId);
    ws.load("name");
    ws.tables.load("items/name");
    await context.sync();
    return holdsOverrides(
      ws.name,
      ws.tables.items.map((t) => t.name),
    );
  });
}

/** In Excel: read the overrides when the runtime starts and again whenever their sheet is edited. */
export async function watchWorkbookRules(): Promise<void> {
  await loadWorkbookRules();
  await Excel.run(async (context) => {
    context.workbook.worksheets.onChanged.add(async (event) => {
      if (await holdsRules(event.worksheetId)) await loadWorkbookRules();
    });
    await context.sync();
  });
}
