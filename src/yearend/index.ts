// The year end: from the forms a workbook makes (the command line, the pane) or from the rows
// LOCUM.FORMA writes (LOCUM.YEAREND), the totals over a folder of clients, and the accountant's CSV.
export { yearEndMessages, yearEndOfForms, yearEndStatus, type YearEndOptions, type FormsYearEnd } from "./fromForms";
export { yearEndOfCells, yearEndRowsOf, yearEndSourceOfRows, type YearEndCells, type YearEndLeftOff, type YearEndOfCells, type YearEndRow } from "./fromRows";
export { formAOfCells, formAPlaceOf, formARefOf, type FormACells } from "./formA";
export {
  decodeFormA,
  encodeFormA,
  formARefText,
  isFormACellError,
  NOT_ON_FORM_A,
  NOT_PAID_YET,
  type FormACellError,
  type FormAPlace,
  type FormARef,
} from "./formACells";
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
} from "./csv";
export { offFormRows, type OffFormRow, type OffFormReason } from "./offForms";
export { YearEndTotals, type TotalsClient, type TotalsYear, type Type2Due, type YearCopy } from "./totals";
