// The Excel side of rule overrides: read a table (or else a sheet) named LocumRules, and one named
// LocumSettings, hand the rows to src/rules and src/engine to parse, then recalculate. The parsing
// and every check live there; this file only fetches values.
import { DEFAULT_SETTINGS, settingPairsOf, settingsFrom } from "../engine";
import { buildRuleSet, DEFAULT_RULES, LocumError, parseRulesRows } from "../rules";
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
  const counted = `${settings} setting${settings === 1 ? "" : "s"}`;
  if (rules && read.includes("LocumSettings")) return `LocumRules and LocumSettings read: the functions now use these tables and ${counted}.`;
  if (rules) return "LocumRules read: the functions now use these tables (no LocumSettings: the default settings are in force).";
  if (read.includes("LocumSettings")) return `LocumSettings read: the functions now use ${counted} from it, with the built-in tables (no LocumRules in this workbook).`;
  return "No LocumRules or LocumSettings table or sheet in this workbook: the built-in tables and default settings are in force.";
}

/** Sheets whose edits reload the rules (those holding LocumRules / LocumSettings). */
const watchedSheets = new Set<string>();

/**
 * The values of a table named `name`, else of the used range of a sheet named `name`, else null;
 * with the sheet row (as Excel numbers it) of the first value row, so messages name real rows.
 * Names are matched from loaded collections (no null objects), so the lookups also run under
 * office-addin-mock.
 */
async function valuesNamed(context: Excel.RequestContext, name: string): Promise<{ values: unknown[][]; firstRow: number } | null> {
  const tables = context.workbook.tables;
  const sheets = context.workbook.worksheets;
  tables.load("items/name");
  sheets.load("items/name,items/id");
  await context.sync();
  const lower = name.toLowerCase();
  const table = tables.items.find((t) => t.name.toLowerCase() === lower);
  const range = table ? table.getRange() : sheets.items.find((s) => s.name.toLowerCase() === lower)?.getUsedRange();
  if (!range) return null;
  const ws = range.worksheet;
  range.load("values,rowIndex");
  ws.load("id");
  await context.sync();
  watchedSheets.add(ws.id);
  return { values: range.values, firstRow: typeof range.rowIndex === "number" ? range.rowIndex + 1 : 1 };
}

/** Read LocumRules and LocumSettings from the open workbook and put them in force. */
export async function loadWorkbookRules(): Promise<RulesReport> {
  return Excel.run(async (context) => {
    const ruleRange = await valuesNamed(context, "LocumRules");
    const ruleRows = ruleRange?.values;
    const settingRows = (await valuesNamed(context, "LocumSettings"))?.values;
    const read: RulesSource[] = [...(ruleRows ? ["LocumRules" as const] : []), ...(settingRows ? ["LocumSettings" as const] : [])];
    const notes: string[] = [];
    let reading: RulesSource = "LocumRules";
    try {
      const rules = ruleRows ? buildRuleSet(parseRulesRows(ruleRows, "LocumRules", ruleRange!.firstRow)) : DEFAULT_RULES;
      notes.push(...rules.overrides);
      reading = "LocumSettings";
      const pairs = settingPairsOf(settingRows ?? []);
      const settings = settingsFrom(pairs, "LocumSettings");
      if (pairs.length) notes.push(...pairs.map(([k, v]) => `setting ${k} = ${v} (LocumSettings)`));
      setState({ rules, settings });
      if (ruleRows || settingRows) context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
      return { used: Boolean(ruleRows), read, summary: summaryOf(read, pairs.length), notes };
    } catch (e) {
      if (!(e instanceof LocumError)) throw e;
      // Keep the error in force: every function reports it until the sheet is fixed.
      setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS, error: e.message });
      context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
      return { used: false, read, summary: `${reading} was not used: ${e.message}`, notes, error: e.message };
    }
  });
}

const RULE_NAMES = ["locumrules", "locumsettings"];

/** Does an edited sheet hold the overrides? (It may have been added after the runtime started.) */
async function holdsRules(worksheetId: string): Promise<boolean> {
  if (watchedSheets.has(worksheetId)) return true;
  return Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(worksheetId);
    ws.load("name");
    ws.tables.load("items/name");
    await context.sync();
    return [ws.name, ...ws.tables.items.map((t) => t.name)].some((n) => RULE_NAMES.includes(n.toLowerCase()));
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
