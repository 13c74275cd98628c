// What both Office entries share (the custom functions and the task pane run in one shared
// runtime): the rules and settings in force, read from the workbook's LocumRules and LocumSettings.
export { current, setState, type State } from "./state";
export { date1904Probe, loadWorkbookRules, type RulesReport, type RulesSource, watchWorkbookRules } from "./workbookRules";
