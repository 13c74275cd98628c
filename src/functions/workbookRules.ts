// The Excel side of rule overrides: read a table (or else a sheet) named LocumRules, and one named
// LocumSettings, hand the rows to src/rules and src/engine to parse, then recalculate. The parsing
// and every check live there; this file only fetches values.
import { DEFAULT_SETTINGS, settingsFrom } from "../engine";
import { buildRuleSet, DEFAULT_RULES, LocumError, parseRulesRows } from "../rules";
import { setState } from "./state";

export interface RulesReport {
  /** True when a LocumRules or LocumSettings override is in force. */
  used: boolean;
  notes: string[];
  error?: string;
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
    const notes: string[] = [];
    try {
      const rules = ruleRows ? buildRuleSet(parseRulesRows(ruleRows, "LocumRules", ruleRange!.firstRow)) : DEFAULT_RULES;
      notes.push(...rules.overrides);
      const pairs = (settingRows ?? [])
        .slice(1)
        .filter((r) => r[0] !== "" && r[0] !== null)
        .map((r) => [String(r[0]), r[1]] as [string, unknown]);
      const settings = settingsFrom(pairs, "LocumSettings");
      if (pairs.length) notes.push(...pairs.map(([k, v]) => `setting ${k} = ${v} (LocumSettings)`));
      setState({ rules, settings });
      if (ruleRows || settingRows) context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
      return { used: Boolean(ruleRows || pairs.length), notes };
    } catch (e) {
      if (!(e instanceof LocumError)) throw e;
      // Keep the error in force: every function reports it until the sheet is fixed.
      setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS, error: e.message });
      context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
      return { used: false, notes, error: e.message };
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
