// The rules and settings the functions use: the built-in tables until the workbook's LocumRules /
// LocumSettings are read. A broken override is kept as an error every function reports, so a
// typo in LocumRules can never fall back silently to the built-in numbers.
import { DEFAULT_SETTINGS, type Settings } from "../engine";
import { DEFAULT_RULES, type RuleSet } from "../rules";

export interface State {
  rules: RuleSet;
  settings: Settings;
  error?: string;
  /** The workbook counts dates from 1904: date serials the functions get are 1,462 days less. */
  date1904?: boolean;
}

let state: State = { rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS };

export function current(): State {
  return state;
}

export function setState(next: State): void {
  state = next;
}
