// The CSV of a folder of clients, the file an accountant keeps (issue 16): one line per client and
// scheme year, one value a cell, numbers as numbers (money 2 decimals, rates as 12.5%, which a
// spreadsheet reads as a number), dates dd/mm/yyyy. RFC 4180 quoting, CRLF line ends, UTF-8 with a
// byte-order mark (so Excel reads "£" and "Siân"). The tax-year columns are those the lines touch.
// Text that a spreadsheet would run as a formula is written with a leading apostrophe. The column
// order is documented in docs/year-end.md.
import { annualisedShown, money2, monthAbbr, percent, taxYearLabel as taxLabel, type YearEndResult, ZERO } from "../engine";
import { dayToUk } from "../rules";

/** The columns before the tax years', in order. */
export const YEAR_END_CSV_HEAD = [
  "Client file",
  "Surname",
  "Other names",
  "SD number",
  "Scheme year",
  "Locum pensionable pay",
  "Days worked",
  "Days of service",
  "Annualised pay",
  "Rate due",
  "Rates paid",
  "Employee due",
  "Employee paid",
  "Employer paid",
  "Difference",
  "Direction",
  "Final",
  "Type 2 due by",
] as const;

/** The columns after the tax years'. */
export const YEAR_END_CSV_TAIL = ["Status", "Errors", "Warnings"] as const;

export interface YearEndCsvLine {
  /** The client's workbook, as the accountant knows it ("oneill-2025-26.xlsx"). */
  client: string;
  locum?: { surname: string; otherNames: string; sdNumber: string } | null;
  /** Null when the client's year end could not be worked out at all (status says why). */
  result: YearEndResult | null;
  /** False when errors stop some of the year's forms: the difference is not a settlement. */
  final?: boolean;
  /** "done", "in progress ...", "incomplete: ...", "error: ..." */
  status: string;
  errors?: number;
  warnings?: number;
}

// A leading space or tab before "=" runs as a formula too, and so does the full-width "＝".
const FORMULA = /^[\s\u3000]*[=+\-@＝＋－＠]|^[\t\r]/;

/** One CSV field: quoted when it holds a comma, quote or line break; a formula-like text defused. */
export function csvField(v: string | number): string {
  if (typeof v === "number") return String(v);
  // A plain number (money as "-12.00") or a rate ("12.5%") is a number, not a formula.
  if (/^-?\d+(\.\d+)?%?$/.test(v)) return v;
  const t = FORMULA.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** The rate due: "12.5%", or per part in 2022/23 ("14.5% to 30/09/2022; 13.5% from 01/10/2022"). */
function rateDue(r: YearEndResult): string {
  if (r.parts.length === 1) return percent(r.parts[0].rate);
  return r.parts.map((p, i) => `${percent(p.rate)} ${i === 0 ? `to ${dayToUk(p.to)}` : `from ${dayToUk(p.from)}`}`).join("; ");
}

/** The rates the Forms B used, each with its months in runs: "9.8% (Apr–Jul), 12.5% (Aug–Mar)". */
export function ratesPaid(r: YearEndResult): string {
  const lines = r.parts.flatMap((p) => p.formsB).filter((l) => l.month !== null);
  const runs: { rate: string; from: string; to: string }[] = [];
  for (const l of lines) {
    const rate = percent(l.rateUsed);
    const m = monthAbbr(l.month!.month);
    const last = runs[runs.length - 1];
    if (last && last.rate === rate) last.to = m;
    else runs.push({ rate, from: m, to: m });
  }
  if (runs.length === 1) return runs[0].rate;
  return runs.map((x) => `${x.rate} (${x.from === x.to ? x.from : `${x.from}–${x.to}`})`).join(", ");
}

/**
 * A line as plain data (it travels from a worker as it is): the head fields, each tax year's
 * employee and employer paid in it, and the tail.
 */
export interface CsvRecord {
  head: (string | number)[];
  taxYears: Record<number, [string, string]>;
  tail: (string | number)[];
}

/** The header: the head columns, two a tax year (employee and employer paid in it), the tail. */
export function yearEndCsvHeader(taxYears: number[]): string[] {
  return [
    ...YEAR_END_CSV_HEAD,
    ...taxYears.flatMap((y) => [`Employee paid in tax year ${taxLabel(y)}`, `Employer paid in tax year ${taxLabel(y)}`]),
    ...YEAR_END_CSV_TAIL,
  ];
}

function direction(r: YearEndResult, final: boolean): string {
  if (!final) return "not final";
  if (r.inProgress) return "so far";
  return r.settlement.outcome;
}

/** One line's values, before the tax-year columns are known. */
export function yearEndCsvRecord(l: YearEndCsvLine): CsvRecord {
  const who = [l.client, l.locum?.surname ?? "", l.locum?.otherNames ?? "", l.locum?.sdNumber ?? ""];
  const tail = [l.status.replace(/\s+/g, " ").trim(), l.errors ?? 0, l.warnings ?? 0];
  const r = l.result;
  if (!r) return { head: [...who, ...Array(YEAR_END_CSV_HEAD.length - who.length).fill("")], taxYears: {}, tail };
  const final = l.final ?? true;
  const formsB = r.parts.flatMap((p) => p.formsB);
  const employer = formsB.every((b) => b.h !== null) ? money2(formsB.reduce((n, b) => n.plus(b.h!), ZERO)) : "";
  const head = [
    ...who,
    r.label,
    money2(r.locumPay),
    r.daysWorked,
    r.daysOfService,
    money2(annualisedShown(r.annualised)),
    rateDue(r),
    ratesPaid(r),
    money2(r.due),
    money2(r.paid),
    employer,
    money2(r.settlement.difference),
    direction(r, final),
    final ? "yes" : "no",
    r.type2?.dueBy ? dayToUk(r.type2.dueBy) : r.type2 ? "no date known" : "",
  ];
  const taxYears: Record<number, [string, string]> = {};
  for (const t of r.taxYears) taxYears[t.taxYear] = [money2(t.employee), t.employer === null ? "" : money2(t.employer)];
  return { head, taxYears, tail };
}

/** A record's fields under `yearEndCsvHeader(taxYears)`. */
export function csvFieldsOf(c: CsvRecord, taxYears: number[]): (string | number)[] {
  return [...c.head, ...taxYears.flatMap((y) => c.taxYears[y] ?? ["", ""]), ...c.tail];
}

/** The whole CSV: a header row (with the tax years the lines touch), then one line per client and scheme year. */
export function yearEndCsv(records: CsvRecord[], o: { bom?: boolean } = {}): string {
  const taxYears = [...new Set(records.flatMap((c) => Object.keys(c.taxYears).map(Number)))].sort((a, b) => a - b);
  const rows = [yearEndCsvHeader(taxYears).map(csvField), ...records.map((c) => csvFieldsOf(c, taxYears).map(csvField))];
  return `${o.bom === false ? "" : "\uFEFF"}${rows.map((r) => r.join(",")).join("\r\n")}\r\n`;
}
