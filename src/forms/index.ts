// The forms layer's public surface, small like pdf-lib's: prepare (check and build the models),
// then render (PDF bytes). Pure: no Office, DOM or Node APIs; the host reads files and fonts.
//
//   const { prepared, read } = formsFromWorkbook(workbook, { submitted }); // or prepareForms(rows, …)
//   for (const m of prepared.messages) console.log(formatMessage(m));
//   const files = await renderPdfs(prepared, { regular, bold }); // [{ name, bytes, kind }]
export { prepareForms, type PrepareOptions, formALabel, formBLabel, forMonths, forRows } from "./prepare";
export { slug, formAFileName, formBFileName, packFileName, entryFileName } from "./fileNames";
export { howToPay, monthLabel, monthKeyOf, monthStart } from "./months";
export { schemeYearOfMonth } from "./sessions";
export type * from "./model";
export { pensionKeyOf, type PensionDetails } from "./pensionDetails";
export { formsDocument, FORMS_SCHEMA_ID, FORMS_SCHEMA_VERSION, type FormsDocument } from "./openData";
export { formsFromWorkbook, type FormsOptions, type ReadBlock, type WorkbookForms, type WorkbookRead } from "./fromWorkbook";
export { groupedLines, KINDS, monthsText, type GroupingOptions, type GroupingPlaces, type KindInfo } from "./grouping";
