// The year end from worksheet rows (LOCUM.YEAREND) and the Form A a row is declared on (LOCUM.FORMA).
// Rows are grouped by the forms' own rules (groupKeyOf, practiceKeyOf, formBMonthOf) and rounded
// where the forms round (Box 2 once per Form A, box b once per Form B), then handed to the same
// engine call as the forms (yearEnds), so a template built on these functions agrees with them.
import type Decimal from "decimal.js";
import {
  countryArg,
  dateArg,
  employeeContribution,
  type FormBItem,
  formBDueDate,
  formBMonthOf,
  Money,
  moneyArg,
  type OtherPractitioner,
  schemeYearLabel,
  schemeYearOf,
  type Settings,
  tierSegment,
  toPenny,
  type WorkItem,
  type YearEndResult,
  yearEnds,
  ZERO,
} from "../engine";
import { type Day, dayFromYmd, dayToUk, LocumError, rateText, type RuleSet, ymdOfDay } from "../rules";
import { groupKeyOf, practiceKeyOf } from "./sessions";

const given = (v: unknown) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");
const words = (v: unknown) => (given(v) ? String(v).trim().replace(/\s+/g, " ") : "");
const mmyyyy = (y: number, m: number) => `${String(m).padStart(2, "0")}/${y}`;

export interface FormAName {
  /** What LOCUM.FORMA shows: "03/2026 Y02345 INV-140" (the Form B month first). */
  text: string;
  /** The forms' own Form A key (groupKeyOf). */
  key: string;
  month: { year: number; month: number };
}

/**
 * The Form A a row of work is declared on: its Form B month (the March rule, the 1 October 2022
 * cut), the practice as the forms key it (its code; without one its name, case, spaces and
 * punctuation ignored, shown as "name:..."), and the invoice. Rows with the same text are on one
 * Form A. Null when the work has no Form B yet (not paid, and not in its period's last month).
 */
export function formAName(lastWorked: Day, paid: Day | null, code: string, practice: string, invoice: string, rules: RuleSet): FormAName | null {
  const m = formBMonthOf(lastWorked, paid, rules);
  if (!m) return null;
  const monthKey = `${m.year}-${String(m.month).padStart(2, "0")}`;
  const practiceKey = practiceKeyOf(code, practice);
  const shown = practiceKey.startsWith("code:") ? practiceKey.slice(5) : practiceKey;
  return { text: `${mmyyyy(m.year, m.month)} ${shown}${invoice ? ` ${invoice.toUpperCase()}` : ""}`, key: groupKeyOf(monthKey, practiceKey, invoice), month: { year: m.year, month: m.month } };
}

/** LOCUM.FORMA's cells → the Form A's text; bad cells are named by their argument. */
export function formAOfCells(dateWorked: unknown, datePaid: unknown, practiceCode: unknown, practice: unknown, invoice: unknown, rules: RuleSet): string {
  const last = dateArg(dateWorked, "date_worked");
  const paid = given(datePaid) ? dateArg(datePaid, "date_paid") : null;
  if (paid !== null && paid < last) throw new LocumError(`date_paid ${dayToUk(paid)} is before date_worked ${dayToUk(last)}: pay is received after the work`);
  const code = given(practiceCode) ? String(practiceCode).replace(/\s/g, "").toUpperCase() : "";
  const name = words(practice);
  if (!code && !/[a-z0-9]/i.test(name)) throw new LocumError("practice_code is empty: give the practice's ODS code (or, without one, its name in practice)");
  const named = formAName(last, paid, code, name, words(invoice), rules);
  if (!named) throw new LocumError(`date_paid is empty: work done ${dayToUk(last)} has no Form B until it is paid (only work in March, or in September 2022, goes on its month's Form B unpaid)`, "na");
  return named.text;
}

/** "03/2026 Y02345 INV-140" → March 2026; null when the text does not start with mm/yyyy. */
export function formBMonthOfName(text: string): { year: number; month: number } | null {
  const m = /^(\d{2})\/(\d{4})(?:\s|$)/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) return null;
  return { year: Number(m[2]), month: Number(m[1]) };
}

/** One row of LOCUM.YEAREND, read and checked. */
export interface YearEndRow {
  /** 1-based, within the ranges given. */
  row: number;
  first: Day;
  last: Day;
  pay: Decimal;
  rate: Decimal | null;
  formA: string | null;
}

export interface YearEndCells {
  dates: unknown;
  pay: unknown;
  rate?: unknown;
  otherPay?: unknown;
  otherDays?: unknown;
  formA?: unknown;
  country?: unknown;
}

/** A cell argument as rows: a range stays as it is, a single value becomes one row of one cell. */
function matrix(v: unknown): unknown[][] {
  if (!Array.isArray(v)) return [[v]];
  return v.length && Array.isArray(v[0]) ? (v as unknown[][]) : [v as unknown[]];
}

const isGiven = (v: unknown) => (Array.isArray(v) ? matrix(v).some((r) => r.some(given)) : given(v));

function rateOf(v: unknown, name: string): Decimal {
  const r = rateText(v);
  if (r === null) {
    if (typeof v === "number" && v >= 1 && v < 100) throw new LocumError(`${name} is ${v}: write a rate as a percentage (${v}%) or a fraction (${v / 100})`);
    throw new LocumError(`${name} must be a rate such as 9.8% or 0.098, not ${typeof v === "string" ? `the text "${v}"` : String(v)}`);
  }
  return new Money(r);
}

/**
 * Pay beside a Form A column is 90 % of a fee, unrounded (Box 2 is rounded once per Form A): any
 * fraction is kept, less a formula's binary noise (0.9 × 100.05 = 90.04499999999999 is 90.045).
 * Without form_a each row is taken as given, so it must be pounds and pence.
 */
function payOf(v: unknown, name: string, fractions: boolean): Decimal {
  const d = moneyArg(v, name, { pennies: false }).toDecimalPlaces(6);
  if (fractions) return d;
  const p = d.toDecimalPlaces(2);
  if (!p.eq(d)) throw new LocumError(`${name} has a fraction of a penny (${d.toString()}): give Form A Box 2 figures, or add form_a (LOCUM.FORMA) so each Form A's pay is rounded once, as on the form`);
  return p;
}

function sameRows(name: string, m: unknown[][], rows: number, what: string): void {
  if (m.length !== rows) throw new LocumError(`${name} has ${m.length} row${m.length === 1 ? "" : "s"} but dates_worked has ${rows}: select ${what} on the same rows, beside the dates`);
  if (m[0].length !== 1) throw new LocumError(`${name} must be one column, not ${m[0].length}`);
}

const MONTH = "month";
const TIER_RATE = "tierrate";
const headerKey = (v: unknown) => (typeof v === "string" ? v.toLowerCase().replace(/[^a-z]/g, "") : "");

/**
 * rate_paid given as LOCUM.MONTHLY's table (its header row first: Month, ..., Tier rate): the rate of
 * each Form B month ("03/2026"), as the forms used it; a month without one (its Form B stopped) is
 * left out. Null when `rate` is not such a table.
 */
function monthRatesOf(rate: unknown[][]): Map<string, Decimal> | null {
  const head = rate[0] ?? [];
  const m = head.findIndex((v) => headerKey(v) === MONTH);
  const r = head.findIndex((v) => headerKey(v) === TIER_RATE);
  if (m < 0 || r < 0) return null;
  const out = new Map<string, Decimal>();
  rate.slice(1).forEach((row, i) => {
    if (!given(row[m]) || !given(row[r])) return;
    const { y, m: month } = ymdOfDay(dateArg(row[m], `rate_paid row ${i + 2} (Month)`));
    out.set(mmyyyy(y, month), rateOf(row[r], `rate_paid row ${i + 2} (Tier rate)`));
  });
  return out;
}

/** LOCUM.YEAREND's ranges → checked rows. Empty rows (a template's spare lines) are skipped. */
export function yearEndRowsOf(c: YearEndCells): { rows: YearEndRow[]; ratesGiven: boolean } {
  const dates = matrix(c.dates);
  const pay = matrix(c.pay);
  const cols = dates[0]?.length ?? 0;
  if (cols !== 1 && cols !== 2) throw new LocumError(`dates_worked must be one column (a day a row) or two (the first and last day of a row), not ${cols}`);
  sameRows("pensionable_pay", pay, dates.length, "the pay");
  const rateCells = c.rate === undefined || !isGiven(c.rate) ? null : matrix(c.rate);
  const byMonth = rateCells ? monthRatesOf(rateCells) : null;
  const rate = byMonth ? null : rateCells;
  const single = rate !== null && rate.length === 1 && rate[0].length === 1 && dates.length !== 1 ? rate[0][0] : undefined;
  if (rate !== null && single === undefined) sameRows("rate_paid", rate, dates.length, "one rate, or each row's rate");
  const formA = c.formA === undefined || !isGiven(c.formA) ? null : matrix(c.formA);
  if (formA) sameRows("form_a", formA, dates.length, "each row's Form A (LOCUM.FORMA)");
  if (byMonth && !formA) throw new LocumError("rate_paid is a table of months (LOCUM.MONTHLY's): give form_a too (LOCUM.FORMA of each row), so each row's Form B month is known");
  const singleRate = single === undefined ? null : rateOf(single, "rate_paid");

  const rows: YearEndRow[] = [];
  for (let i = 0; i < dates.length; i++) {
    const n = i + 1;
    const d = dates[i];
    const cells = [...d, pay[i][0], formA?.[i][0]];
    if (!cells.some(given)) continue;
    if (!given(d[0])) throw new LocumError(`dates_worked row ${n} is empty, but the row has ${given(pay[i][0]) ? "pay" : "a Form A"}: give the day worked, or clear the row`);
    const first = dateArg(d[0], `dates_worked row ${n}`);
    const last = cols === 2 && given(d[1]) ? dateArg(d[1], `dates_worked row ${n} (last day)`) : first;
    if (last < first) throw new LocumError(`dates_worked row ${n}: the last day ${dayToUk(last)} is before the first ${dayToUk(first)}: swap them`);
    if (!given(pay[i][0])) throw new LocumError(`pensionable_pay row ${n} is empty: give the row's pensionable pay (90 % of the fee)`);
    const p = payOf(pay[i][0], `pensionable_pay row ${n}`, formA !== null);
    let r: Decimal | null = singleRate;
    if (rate !== null && single === undefined) {
      if (!given(rate[i][0])) throw new LocumError(`rate_paid row ${n} is empty: give the rate used on the row's Form B (or one rate for every row)`);
      r = rateOf(rate[i][0], `rate_paid row ${n}`);
    }
    let f: string | null = null;
    if (formA) {
      f = words(formA[i][0]);
      if (!f) throw new LocumError(`form_a row ${n} is empty: give the row's Form A (LOCUM.FORMA), or leave form_a out`);
      const month = formBMonthOfName(f);
      if (!month) throw new LocumError(`form_a row ${n} ("${f.slice(0, 40)}") does not start with its Form B month as mm/yyyy: use LOCUM.FORMA`);
      if (byMonth) r = byMonth.get(mmyyyy(month.year, month.month)) ?? null;
    }
    rows.push({ row: n, first, last, pay: p, rate: r, formA: f });
  }
  if (!rows.length) throw new LocumError("dates_worked: no rows with a date and pay");
  return { rows, ratesGiven: rate !== null || byMonth !== null };
}

const partKey = (d: Day, rules: RuleSet) => `${schemeYearOf(d)}|${tierSegment(d, rules).from}`;
const rowList = (rs: YearEndRow[]) => (rs.length === 1 ? `row ${rs[0].row}` : `rows ${rs.map((r) => r.row).join(", ")}`);

/** Rows → Forms A and B as the forms would make them (form_a given), or pay at each rate in each part. */
export function yearEndSourceOfRows(rows: YearEndRow[], rules: RuleSet, settings: Settings): { work: WorkItem[]; formsB: FormBItem[] } {
  const withA = rows.some((r) => r.formA !== null);
  if (!withA) {
    const work = rows.map((r) => ({ pay: r.pay, periods: [[r.first, r.last]] as [Day, Day][], label: `row ${r.row}` }));
    // "Paid assumes one Form B": the pay at each rate in each part, rounded once (examples.json).
    const byRate = new Map<string, YearEndRow[]>();
    for (const r of rows) {
      if (r.rate === null) continue;
      const k = `${partKey(r.first, rules)}|${r.rate.toString()}`;
      byRate.set(k, [...(byRate.get(k) ?? []), r]);
    }
    const formsB = [...byRate.values()].map((rs): FormBItem => {
      const a = rs.reduce((t, r) => t.plus(r.pay), ZERO);
      return { month: null, day: rs[0].first, rate: rs[0].rate!, a, b: employeeContribution(a, rs[0].rate!, settings), h: null, sent: null, due: null, label: `pay at ${rs[0].rate!.times(100).toString()}% (${rowList(rs)})` };
    });
    return { work, formsB };
  }
  const formsA = new Map<string, YearEndRow[]>();
  for (const r of rows) formsA.set(r.formA!, [...(formsA.get(r.formA!) ?? []), r]);
  const work: WorkItem[] = [];
  const byMonth = new Map<string, { month: { year: number; month: number }; box2: Decimal[]; rows: YearEndRow[] }>();
  for (const [text, rs] of formsA) {
    const month = formBMonthOfName(text)!;
    const monthDay = dayFromYmd(month.year, month.month, 1);
    const off = rs.find((r) => partKey(r.first, rules) !== partKey(monthDay, rules));
    if (off) {
      const why = schemeYearOf(off.first) !== schemeYearOf(monthDay) ? `belongs to ${schemeYearLabel(schemeYearOf(off.first))}` : "is on the other side of the 1 October 2022 table change";
      throw new LocumError(`form_a row ${off.row}: the Form A "${text}" is on a Form B of ${mmyyyy(month.year, month.month)}, but the work on ${dayToUk(off.first)} ${why}: use LOCUM.FORMA for the row's Form A`);
    }
    // Form A Box 2 is 90 % of the form's whole fee, rounded once.
    const box2 = toPenny(rs.reduce((t, r) => t.plus(r.pay), ZERO), settings);
    work.push({ pay: box2, periods: rs.map((r) => [r.first, r.last] as [Day, Day]), label: `Form A "${text}" (${rowList(rs)})` });
    const k = mmyyyy(month.year, month.month);
    const b = byMonth.get(k) ?? { month, box2: [], rows: [] };
    b.box2.push(box2);
    b.rows.push(...rs);
    byMonth.set(k, b);
  }
  const formsB: FormBItem[] = [];
  for (const [k, { month, box2, rows: rs }] of byMonth) {
    const rates = [...new Map(rs.filter((r) => r.rate !== null).map((r) => [r.rate!.toString(), r])).values()];
    if (rates.length > 1) throw new LocumError(`rate_paid: rows ${rates[0].row} and ${rates[1].row} are on the ${k} Form B but give ${rates[0].rate!.times(100)}% and ${rates[1].rate!.times(100)}%: a Form B has one rate`);
    if (!rates.length) continue;
    const rate = rates[0].rate!;
    const a = box2.reduce((t, x) => t.plus(x), ZERO);
    const first = dayFromYmd(month.year, month.month, 1);
    formsB.push({ month, day: first, rate, a, b: employeeContribution(a, rate, settings), h: null, sent: null, due: formBDueDate(first), label: `Form B ${k}` });
  }
  return { work, formsB };
}

/** other_practitioner_pay / other_days_of_service: one value for one scheme year, else one per year, earliest first. */
function perYear<T>(v: unknown, name: string, years: number[], read: (x: unknown, n: string) => T): Map<number, T> {
  const out = new Map<number, T>();
  if (v === undefined || !isGiven(v)) return out;
  const values = matrix(v).flat().filter(given);
  if (values.length !== years.length) {
    const list = years.map(schemeYearLabel).join(", ");
    throw new LocumError(
      years.length === 1
        ? `${name}: give one value for ${list}, not ${values.length}`
        : `${name}: the rows cover ${years.length} scheme years (${list}): give one value per scheme year, earliest first, not ${values.length}`,
    );
  }
  values.forEach((x, i) => out.set(years[i], read(x, years.length === 1 ? name : `${name} (${schemeYearLabel(years[i])})`)));
  return out;
}

function daysOf(v: unknown, name: string): number {
  const n = typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw new LocumError(`${name} must be a whole number of days (0 or more), not ${typeof v === "string" ? `the text "${v}"` : String(v)}`);
  return n;
}

/**
 * LOCUM.YEAREND: the cells → rows → the forms' grouping → the engine. `paidKnown` is false when no
 * rate was given: nothing is known of what was paid.
 */
export function yearEndOfCells(c: YearEndCells, rules: RuleSet, settings: Settings): { results: YearEndResult[]; paidKnown: boolean } {
  const country = given(c.country) ? countryArg(c.country) : "England";
  const { rows, ratesGiven } = yearEndRowsOf(c);
  const years = [...new Set(rows.map((r) => schemeYearOf(r.first)))].sort((a, b) => a - b);
  const pays = perYear(c.otherPay, "other_practitioner_pay", years, (x, n) => moneyArg(x, n));
  const days = perYear(c.otherDays, "other_days_of_service", years, daysOf);
  const other: Partial<Record<number, OtherPractitioner>> = {};
  for (const y of years) if (pays.has(y) || days.has(y)) other[y] = { pay: pays.get(y) ?? ZERO, days: days.get(y) ?? 0 };
  const src = yearEndSourceOfRows(rows, rules, settings);
  return { results: yearEnds({ country, ...src, other }, rules, settings), paidKnown: ratesGiven };
}
