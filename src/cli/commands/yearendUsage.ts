// The usage of `locum yearend`, apart from the command so `locum --help` loads neither exceljs nor pdf-lib.

export const YEAREND_USAGE = `usage: locum yearend <workbook.xlsx | folder> [--out DIR] [--year 2025/26] [--rules FILE] [--cpi PCT] [--json] [--forms] [--verbose]

  The year-end reconciliation of each client's workbook (read as locum forms reads it): per scheme
  year, the tier the year's work gives, the contributions due at it and those paid on the Forms B,
  the top-up or refund to settle with PCSE (the LHB in Wales), whether a Type 2 self-assessment is
  due, and the tax-year lines. A summary PDF per client and, for a folder, one CSV of every client.

  <folder>           every .xlsx workbook in it, in name order (not its subfolders; Excel's ~$ lock
                     files are skipped)
  --out DIR          where to write (default out/yearend): the summary PDFs, year-end.csv for a
                     folder, and with --forms each client's Forms A and B under forms/<workbook>/
  --year 2025/26     only this scheme year (the messages about its months only)
  --rules FILE       tier tables / employer rates in the shape of tables.json, for every workbook (a
                     LocumRules table or sheet in a workbook is read too; the file wins)
  --cpi PCT          the September CPI (e.g. 3.0%) to project the year after the last published
                     tier table from, labelled projected (a LocumRules row of Kind "CPI" does the same)
  --json             print one JSON object (each client's years, figures and messages; totals)
  --forms            also write each client's Forms A and B, as locum forms does (slower)
  --verbose          print every message of every client (by default a folder prints one line per
                     client, and a single workbook one line per kind of finding)
  --sheet NAME       the sessions sheet of every workbook (default: found as locum forms finds it)
  --today DATE       the date "past its due date" is judged on (default: today)
  --workers N        clients worked on at once, each on its own thread (default 2, or 1 on a single core)
  --year-base 365|actual  --rounding half-up|half-even  --ten-week-anchor first|last
  --upr-year-digits 2|4   --tax-relief employee|employee-and-employer   the settings (as for forms)

  One line per client on stdout: its years and its counts of errors and warnings. Each client's
  messages go to "<workbook> messages.txt" beside its summary (one line per kind of finding, then
  every message); docs/messages.md says how they are grouped. The bar (on a terminal only) is on
  stderr. One client's errors never stop the others: each is named with its file and rows.
  Exit status: 0 every client done, 1 some clients had errors, 2 bad usage.`;
