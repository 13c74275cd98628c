// The usage of `locum template`, on its own so --help loads neither exceljs nor the template.
export const TEMPLATE_USAGE = `usage: locum template <new-workbook.xlsx> [--rows N]

  Writes the year template as a new workbook: a Sessions table (the columns the forms read, date,
  money and pick-list validation, rows past the 10-week limit in red, calculated Form A and
  Pensionable pay columns), Locum details, the tables in force, a Monthly sheet (LOCUM.MONTHLY:
  each month's Form B figures) and a Year end sheet (LOCUM.YEAREND). Its LOCUM formulas calculate
  in Excel with the Locum pensions add-in loaded. An existing file is never touched: give a new name.

  --rows N   empty rows in the Sessions table (default 10; Excel adds more as you type under it)

  Exit status: 0 written, 1 it could not be written, 2 bad usage or the file exists.`;
