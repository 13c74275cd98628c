// What a cell holds, tested one way in every layer: nothing, or one of Excel's error values.

/** Excel's error values, as range.values and a file's saved results give them. */
const EXCEL_ERRORS = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

/** One of Excel's error values ("#N/A", "#REF!"), spaces around it allowed. */
export const isExcelError = (v: unknown): boolean => typeof v === "string" && EXCEL_ERRORS.test(v.trim());

/** A cell that holds nothing: no value, or text of spaces only (a number, even 0, is something). */
export const isBlankCell = (v: unknown): boolean => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
