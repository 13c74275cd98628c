// The forms layer's public surface, small like pdf-lib's: prepare (check and build the models),
// then render (PDF bytes). Pure: no Office, DOM or Node APIs; the host reads files and fonts.
//
//   const { prepared, read } = formsFromWorkbook(workbook, { submitted }); // or prepareForms(rows, …)
//   for (const m of prepared.messages) console.log(formatMessage(m));
//   const files = await renderPdfs(prepared, { regular, bold }); // [{ name, bytes, kind }]
export { prepareForms, type PrepareOptions, formALabel, formBLabel, forMonths } from "./prepare";
export { renderPdfs, monthFiles, slug, formAFileName, formBFileName, packFileName, entryFileName } from "./pack";
export { type FontBytes, unprintableWith } from "./fonts";
export { bodyText, formatMessage, placeText, stopsMonth } from "./messages";
export { howToPay, monthLabel, monthKeyOf, monthStart } from "./months";
export { normaliseHeader, findColumns, columnIndex, columnLetter, FIELD_NAMES } from "./columns";
export { headerIndex, isDetailsSheet, pickDetailsSheet, pickSessionsSheet, schemeYearOfMonth, sessionsScore } from "./sessions";
export type * from "./model";
export { yearEndMessages, yearEndOfForms, yearEndStatus, type YearEndOptions, type FormsYearEnd } from "./yearEnd";
export { pensionKeyOf, type PensionDetails } from "./pensionDetails";
export { formsDocument, FORMS_SCHEMA_ID, FORMS_SCHEMA_VERSION, type FormsDocument } from "./openData";
export {
  yearEndOfCells,
  yearEndRowsOf,
  yearEndSourceOfRows,
  formAText,
  formAOfCells,
  formBMonthOfName,
  leftOffOf,
  NOT_ON_FORM_A,
  NOT_PAID_YET,
  type FormACells,
  type YearEndCells,
  type YearEndLeftOff,
  type YearEndRow,
} from "./yearEndRows";
export { yearEndPdf, yearEndPdfName, type YearEndPdfOptions } from "./yearEndPdf";
export {
  yearEndCsv,
  yearEndCsvRecord,
  csvFieldsOf,
  yearEndCsvHeader,
  csvField,
  ratesPaid,
  type CsvRecord,
  YEAR_END_CSV_HEAD,
  YEAR_END_CSV_TAIL,
  type YearEndCsvLine,
} from "./yearEndCsv";
export { offFormRows, type OffFormRow, type OffFormReason } from "./offForms";
export { YearEndTotals, type TotalsClient, type TotalsYear, type Type2Due, type YearCopy } from "./yearEndTotals";
export { formsFromWorkbook, type FormsOptions, type ReadBlock, type WorkbookForms, type WorkbookRead } from "./fromWorkbook";
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
} from "./workbook";
export { groupedLines, KINDS, monthsText, rowsText, type GroupingOptions, type GroupingPlaces, type KindInfo } from "./grouping";
