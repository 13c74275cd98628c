// locum forms --help: kept out of forms.ts, which loads the .xlsx reader and pdf-lib when imported.
export const FORMS_USAGE = `usage: locum forms <workbook.xlsx> [--out DIR] [--month YYYY-MM] [--submitted DATE] [--sheet NAME] [--rules FILE] [--cpi PCT] [--today DATE] [--json] [--verbose]

  Reads the Sessions sheet (an Excel table or a plain range: Date worked, Practice, Practice code,
  Fee, Date paid; optional Invoice, Work type, Engaged via, Appraisal authorised, Date submitted,
  Notes) and the "Locum details" sheet (Surname, Other names, Date of birth, NI number, SD number,
  GMC number, Address, Email, Country, EA code; Tier rate or Estimated pensionable pay), checks
  them, and writes GP Locum A and B PDFs, a pack and a PCSE Online entry sheet per month.

  --out DIR          where to write the PDFs (default out/), one folder per month
  --sheet NAME       the sessions sheet (default: "Sessions", else the first sheet with session columns)
  --rules FILE       tier tables / employer rates in the shape of tables.json (a LocumRules table
                     or sheet in the workbook is read too; the file wins where both cover a date)
  --cpi PCT          the September CPI (e.g. 3.0%) to project the year after the last published
                     tier table from, labelled projected (a LocumRules row of Kind "CPI" does the same)
  --month YYYY-MM    make only this month's forms (several: 2025-11,2025-12); every row is still
                     read, for box j and the tier
  --submitted DATE   when the forms are (or were) sent, for rows without Date submitted (with
                     --month, for that month's rows only); without it the 10-week rule is checked
                     against the date paid and today, and a warning says when to send them by
  --today DATE       the date "past its due date" is judged on (default: today)
  --json             also print the forms as one JSON document on stdout (every Form A and B: its
                     boxes, periods, tier, due date, status; the findings), as described by
                     docs/schema/locum-forms.schema.json; the PDFs are written as ever, and what
                     is otherwise printed goes to stderr
  --verbose          every row's message (by default, one line per kind of finding, with the
                     rows or months it covers: docs/messages.md)
  --year-base 365|actual  --rounding half-up|half-even  --ten-week-anchor first|last
  --upr-year-digits 4|2  --tax-relief employee|employee-and-employer
                     the settings for the points no official source settles (a LocumSettings
                     table or sheet in the workbook sets them too; an option wins over it)

  Exit status: 0 all forms written (with --month: every form of those months), 1 an error
  stopped at least one of them, 2 bad usage.`;
