// The workbook layer: a workbook as blocks of cells (the same for Excel and a file), which sheet is
// which, the columns and overrides read from them, and the findings that name a sheet, row and cell.
export { bodyText, formatMessage, placeText, stopsMonth } from "./findings";
export { normaliseHeader, findColumns, columnAt, columnIndex, columnLetter, FIELD_NAMES } from "./columns";
export {
  type Block,
  chooseDetails,
  chooseOverrides,
  chooseSessions,
  holdsOverrides,
  overridesPlace,
  type SheetInput,
  type TableInput,
  type WorkbookInput,
} from "./sheets";
export { blockRows, denseBlock, headerRowOf } from "./sheets";
export { blockName, OverridesKind, rulesOfBlock, settingPairsOfBlock, settingsOfBlock } from "./overrides";
export { headerIndex, isDetailsSheet, pickDetailsSheet, pickSessionsSheet, sessionsScore } from "./sheets";
export { detailLabel, detailsScore } from "./detailNames";
