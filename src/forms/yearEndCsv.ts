// The CSV of a folder of clients (issue 9): one line per client and scheme year, for a spreadsheet.
// RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark (so Excel reads "£" and "Siân"),
// money as plain 2-decimal numbers, dates dd/mm/yyyy. Text that a spreadsheet would run as a
// formula (a file named "=HYPERLINK(...)") is written with a leading apostrophe.
import { annualisedShown, money2, percent, type2DueText, type YearEndResult } from "../engine";
import { dayToUk } from "../rules";

export const YEAR_END_CSV_HEADER = [
  "Client file",
  "Scheme year",
  "Locum pensionable pay",
  "Days worked",
  "Days of service",
  "Annualised",
  "Rate due",
  "Due",
  "Paid",
  "Difference",
  "Top-up/refund",
  "Type 2 due by",
  "Tax-year contributions",
  "Status",
] as const;

export interface YearEndCsvLine {
  /** The client's workbook, as the accountant knows it ("oneill-2025-26.xlsx"). */
  client: string;
  /** Null when the client's year end could not be worked out at all (status says why). */
  result: YearEndResult | null;
  /** "done", "done (provisional table)", "incomplete: ...", "error: ..." */
  status: string;
}

const FORMULA = /^[=+\-@\t\r]/;

/** One CSV field: quoted when it holds a comma, quote or line break; a formula-like text defused. */
export function csvField(v: string | number): string {
  if (typeof v === "number") return String(v);
  // A plain number (money as "-12.00") is a number, not a formula.
  if (/^-?\d+(\.\d+)?$/.test(v)) return v;
  const t = FORMULA.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** The rate due: "12.5%", or per part in 2022/23 ("14.5% to 30/09/2022; 13.5% from 01/10/2022"). */
function rateDue(r: YearEndResult): string {
  if (r.parts.length === 1) return percent(r.parts[0].rate);
  return r.parts.map((p, i) => `${percent(p.rate)} ${i === 0 ? `to ${dayToUk(p.to)}` : `from ${dayToUk(p.from)}`}`).join("; ");
}

/** The relief figure of each tax year the year's Forms B were paid in: "2025/26: 3707.34; 2026/27: 461.58 (assumed)". */
function taxYears(r: YearEndResult): string {
  const lines = r.taxYears.map((t) => `${t.label}: ${money2(t.relief)}${t.assumed ? " (assumed)" : ""}`);
  if (!r.unplaced.isZero()) lines.push(`no tax year known: ${money2(r.unplaced)}`);
  return lines.join("; ");
}

/** The fields of one line, in YEAR_END_CSV_HEADER's order. */
export function yearEndCsvFields(l: YearEndCsvLine): (string | number)[] {
  const status = l.status.replace(/\s+/g, " ").trim();
  const r = l.result;
  if (!r) return [l.client, "", "", "", "", "", "", "", "", "", "", "", "", status];
  return [
    l.client,
    r.label,
    money2(r.locumPay),
    r.daysWorked,
    r.daysOfService,
    money2(annualisedShown(r.annualised)),
    rateDue(r),
    money2(r.due),
    money2(r.paid),
    money2(r.settlement.difference),
    r.settlement.text,
    r.type2 ? type2DueText(r) : "", // a blank cell where no Type 2 is due
    taxYears(r),
    status,
  ];
}

/** The whole CSV: a header row, then one line per client and scheme year. */
export function yearEndCsv(lines: YearEndCsvLine[], o: { bom?: boolean } = {}): string {
  const rows = [YEAR_END_CSV_HEADER.map(csvField), ...lines.map((l) => yearEndCsvFields(l).map(csvField))];
  return `${o.bom === false ? "" : "\uFEFF"}${rows.map((r) => r.join(",")).join("\r\n")}\r\n`;
}
