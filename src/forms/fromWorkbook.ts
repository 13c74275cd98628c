// The one entry both hosts call: a workbook (WorkbookInput) → its rules, settings and checked forms.
// The command line (an .xlsx file, or a folder of them at the year-end) and the task pane (the open
// workbook) read through here, so the same workbook gives the same PDFs in both.
import { DEFAULT_SETTINGS, type Settings, settingsFrom } from "../engine";
import { buildRuleSet, DEFAULT_RULES, mergeRuleData, type RuleData, type RuleSet } from "../rules";
import type { PreparedForms } from "./model";
import { type PrepareOptions, prepareForms } from "./prepare";
import { sheetFindings } from "../workbook/sheetFindings";
import {
  type ChosenBlock,
  chooseDetails,
  chooseOverrides,
  chooseSessions,
  headerRowOf,
  mergedOnRow,
  rulesOfBlock,
  type SessionsFoundBy,
  settingsOfBlock,
  type WorkbookInput,
} from "../workbook/sheets";

export interface FormsOptions extends Pick<PrepareOptions, "submitted" | "submittedLabel" | "months" | "today" | "unprintable"> {
  /** The sessions sheet by name (--sheet NAME); else it is found (chooseSessions). */
  sheet?: string;
  /** Tables from outside the workbook (a --rules file): they win over LocumRules where both cover a date. */
  rules?: RuleData;
  /** Settings given outside the workbook, as name/value pairs (["--year-base", "365"]): they win over LocumSettings. */
  settings?: [string, unknown][];
  /** What to call those settings in messages ("option"). */
  settingsWhere?: string;
}

/** A block that was read: its sheet, its table (when it is one) and its first row. */
export interface ReadBlock {
  sheet: string;
  table?: string;
  firstRow: number;
  /** The sheet is hidden (a warning says it was read). */
  hiddenSheet?: boolean;
}

export interface WorkbookRead {
  /** The sessions block, and how its sheet was found; null when the workbook has no sheet. */
  sessions: (ReadBlock & { by: SessionsFoundBy }) | null;
  details: ReadBlock | null;
  /** LocumRules / LocumSettings as read from the workbook, or null when it has none. */
  rules: ReadBlock | null;
  settings: ReadBlock | null;
  /** The rules and settings the forms were made with (the workbook's, the options' over them). */
  ruleSet: RuleSet;
  settingsInForce: Settings;
}

export interface WorkbookForms {
  prepared: PreparedForms;
  read: WorkbookRead;
}

const readBlock = (b: ChosenBlock | null): ReadBlock | null =>
  b ? { sheet: b.sheet, ...(b.table ? { table: b.table } : {}), firstRow: b.firstRow, ...(b.hiddenSheet ? { hiddenSheet: true } : {}) } : null;

/**
 * Choose the blocks, build the rules (LocumRules, then `rules` over it) and the settings
 * (LocumSettings, then `settings` over it), and prepare the forms. A broken LocumRules or
 * LocumSettings, or a `sheet` the workbook does not have, is a LocumError naming it.
 */
export function formsFromWorkbook(input: WorkbookInput, options: FormsOptions = {}): WorkbookForms {
  const sessions = chooseSessions(input, options.sheet);
  const details = chooseDetails(input, sessions?.sheet);
  const rulesBlock = chooseOverrides(input, "rules");
  const settingsBlock = chooseOverrides(input, "settings");

  const parts: RuleData[] = [...(rulesBlock ? [rulesOfBlock(rulesBlock)] : []), ...(options.rules ? [options.rules] : [])];
  const merged = mergeRuleData(parts);
  const ruleSet = merged ? buildRuleSet(merged) : DEFAULT_RULES;
  const fromSheet = settingsBlock ? settingsOfBlock(settingsBlock) : DEFAULT_SETTINGS;
  const settings = settingsFrom(options.settings ?? [], options.settingsWhere ?? "option", fromSheet);

  const prepared = prepareForms(sessions?.rows ?? [], details?.rows ?? [], {
    submitted: options.submitted,
    submittedLabel: options.submittedLabel,
    months: options.months,
    today: options.today,
    unprintable: options.unprintable,
    settings,
    rules: ruleSet,
    sessionsSheet: sessions?.sheet ?? "Sessions",
    sessionsFirstRow: sessions?.firstRow ?? 1,
    sessionsFirstCol: sessions?.firstCol ?? 0,
    detailsSheet: details?.sheet ?? "Locum details",
    detailsFirstRow: details?.firstRow ?? 1,
    detailsFirstCol: details?.firstCol ?? 0,
    detailsAbsent: !details,
    sheetNames: input.sheets.map((s) => s.name),
    mergedHeaderCells: sessions ? mergedOnRow(sessions.merged, headerRowOf(sessions)) : [],
    hiddenRows: sessions?.hidden ?? [],
    date1904: input.date1904,
  });
  // What the choice of sheets found (a hidden sheet read, cells beside the table) comes first.
  const found = sheetFindings(input, sessions, details);
  prepared.messages.unshift(...found);
  prepared.warnings += found.length;
  return {
    prepared,
    read: {
      sessions: sessions && { ...readBlock(sessions)!, by: sessions.by },
      details: readBlock(details),
      rules: readBlock(rulesBlock),
      settings: readBlock(settingsBlock),
      ruleSet,
      settingsInForce: settings,
    },
  };
}
