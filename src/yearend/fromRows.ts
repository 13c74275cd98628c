// LOCUM.YEAREND: the year end from worksheet rows. Each row's Form A is the cell LOCUM.FORMA wrote
// (decoded by formACells.ts); rows are grouped by it and rounded where the forms round (Box 2 once
// per Form A, box b once per Form B), then the forms' engine call is made (yearEnds): the same rows
// give a template the pennies of `locum yearend`.
import type Decimal from "decimal.js";
import {
  cpiInRange,
  cpiOfCell,
  apportion,
  countryArg,
  dateArg,
  employeeContribution,
  type FormBItem,
  formBDueDate,
  Money,
  moneyArg,
  type OtherPractitioner,
  PENSIONABLE_SHARE,
  percent,
  type PensionInput,
  periodStartsWithin,
  schemeYearLabel,
  schemeYearOf,
  type Settings,
  tierSegment,
  toPenny,
  type WorkItem,
  type YearEndResult,
  withinSchemeYear,
  yearEnds,
  ZERO,
} from "../engine";
import { type Day, dayFromYmd, dayToUk, from1904, LocumError, plural, rateText, rowList, type RuleSet, ymdOfDay } from "../rules";
import { plainYears } from "../forms/pensionDetails";
import { appendTo } from "../rules/lists";
import { decodeFormA, type FormAPlace, type FormARef, formARefText, given, isFormACellError, monthText, ON_SOLO } from "./formACells";

/** One row of LOCUM.YEAREND on one Form A, read and checked: a row split at a cut gives two. */
export interface YearEndRow {
  /** 1-based, within the ranges given. */
  row: number;
  first: Day;
  last: Day;
  pay: Decimal;
  rate: Decimal | null;
  formA: FormARef | null;
}

/** A row LOCUM.FORMA puts on no Form A (or on no Form B yet): left off, and said in Status. */
export interface YearEndLeftOff {
  row: number;
  first: Day;
  /** In a few words, as LOCUM.FORMA wrote it ("private work", "out-of-hours work"); "not paid yet" when unpaid. */
  why: string;
  /** Out-of-hours or ICB work (the SOLO form): a Type 2 is due, as the forms say. */
  solo: boolean;
  unpaid: boolean;
}

export interface YearEndCells {
  dates: unknown;
  pay: unknown;
  rate?: unknown;
  otherPay?: unknown;
  otherDays?: unknown;
  formA?: unknown;
  country?: unknown;
  /** Last year's closing pension, one value a scheme year (the pension input amount's estimate). */
  openingPension?: unknown;
  /** The previous September's CPI, one value a scheme year. */
  cpi?: unknown;
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
  if (!p.eq(d))
    throw new LocumError(
      `${name} has a fraction of a penny (${d.toString()}): give Form A Box 2 figures, or add form_a (LOCUM.FORMA) so each Form A's pay is rounded once, as on the form`,
    );
  return p;
}

function sameRows(name: string, m: unknown[][], rows: number, what: string): void {
  if (m.length !== rows)
    throw new LocumError(`${name} has ${plural(m.length, "row")} but dates_worked has ${rows}: select ${what} on the same rows, beside the dates`);
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
    out.set(monthText(y, month), rateOf(row[r], `rate_paid row ${i + 2} (Tier rate)`));
  });
  return out;
}

/** A rate_paid that is no rate of the table in force for the work: refused, as the forms refuse such a Tier rate. */
function checkRate(rate: Decimal, first: Day, last: Day, n: number, rules: RuleSet): void {
  const seg = tierSegment(first, rules);
  if (seg.table.bands.some((b) => rate.eq(b.rate))) return;
  const { from, to } = withinSchemeYear(seg, schemeYearOf(first));
  throw new LocumError(
    `rate_paid row ${n}: ${percent(rate)} is not a rate of the ${seg.table.label} table (${seg.table.bands.map((b) => percent(new Money(b.rate))).join(", ")}), in force for work done ${dayToUk(from)} to ${dayToUk(to)} (this row's ${dayToUk(first)}${last !== first ? ` to ${dayToUk(last)}` : ""}): give the rate that row's Form B used`,
  );
}

/**
 * A row's days as the forms split them at 31 March or 1 October 2022 (§3): the fee shared by days
 * (the engine's apportion, the last side the remainder), each side 90 % of its share. With form_a
 * the pay is 90 % of the fee, unrounded, so the fee is pay ÷ 90 %, as the forms' fee; without it
 * the pay is Box 2 figures, shared as they are.
 */
function sides(first: Day, last: Day, pay: Decimal, fromFee: boolean, rules: RuleSet, settings: Settings): { first: Day; last: Day; pay: Decimal }[] {
  if (!periodStartsWithin(first, last, rules).length) return [{ first, last, pay }];
  const shared = apportion(fromFee ? pay.div(PENSIONABLE_SHARE) : pay, first, last, rules, settings);
  return shared.map((x) => ({ first: x.start, last: x.end, pay: fromFee ? x.earnings.times(PENSIONABLE_SHARE) : x.earnings }));
}

/** LOCUM.YEAREND's ranges, their shapes checked against dates_worked's. */
interface Ranges {
  dates: unknown[][];
  /** dates_worked's columns: 1 (a day a row) or 2 (first and last day). */
  cols: number;
  pay: unknown[][];
  /** One rate for every row, when one is given for several rows. */
  singleRate: Decimal | null;
  /** Each row's rate, when given row by row. */
  rowRates: unknown[][] | null;
  /** Each Form B month's rate, when rate_paid is LOCUM.MONTHLY's table. */
  byMonth: Map<string, Decimal> | null;
  formA: unknown[][] | null;
}

function rangesOf(c: YearEndCells): Ranges {
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
  if (byMonth && !formA)
    throw new LocumError("rate_paid is a table of months (LOCUM.MONTHLY's): give form_a too (LOCUM.FORMA of each row), so each row's Form B month is known");
  const singleRate = single === undefined ? null : rateOf(single, "rate_paid");
  return { dates, cols, pay, singleRate, rowRates: single === undefined ? rate : null, byMonth, formA };
}

/** A row's form_a cell as its place, or why it names none. */
function placeOfRow(cell: unknown, n: number): FormAPlace {
  const got = decodeFormA(cell);
  if (!isFormACellError(got)) return got;
  if (got.error === "empty") throw new LocumError(`form_a row ${n} is empty: give the row's Form A (LOCUM.FORMA), or leave form_a out`);
  if (got.error === "excel error")
    throw new LocumError(`form_a row ${n} holds the error ${got.value}: correct that row (its LOCUM.FORMA says why: hover over the cell)`);
  throw new LocumError(`form_a row ${n} ("${got.text.slice(0, 40)}") does not start with its Form B month as mm/yyyy: use LOCUM.FORMA`);
}

/** A row's days, checked: the first (and last) day worked. */
function daysOfRow(g: Ranges, i: number, day: (v: unknown, name: string) => Day): { first: Day; last: Day } {
  const n = i + 1;
  const d = g.dates[i];
  if (!given(d[0]))
    throw new LocumError(`dates_worked row ${n} is empty, but the row has ${given(g.pay[i][0]) ? "pay" : "a Form A"}: give the day worked, or clear the row`);
  const first = day(d[0], `dates_worked row ${n}`);
  const last = g.cols === 2 && given(d[1]) ? day(d[1], `dates_worked row ${n} (last day)`) : first;
  if (last < first) throw new LocumError(`dates_worked row ${n}: the last day ${dayToUk(last)} is before the first ${dayToUk(first)}: swap them`);
  return { first, last };
}

/** A row's pay and rate paid (null: none given), checked. */
function payAndRate(g: Ranges, i: number): { pay: Decimal; rate: Decimal | null } {
  const n = i + 1;
  if (!given(g.pay[i][0])) throw new LocumError(`pensionable_pay row ${n} is empty: give the row's pensionable pay (90 % of the fee)`);
  const pay = payOf(g.pay[i][0], `pensionable_pay row ${n}`, g.formA !== null);
  if (!g.rowRates) return { pay, rate: g.singleRate };
  if (!given(g.rowRates[i][0])) throw new LocumError(`rate_paid row ${n} is empty: give the rate used on the row's Form B (or one rate for every row)`);
  return { pay, rate: rateOf(g.rowRates[i][0], `rate_paid row ${n}`) };
}

/** One row → its rows on Forms A (two when split at a cut), or left off; null for an empty row. */
function rowOf(g: Ranges, i: number, rules: RuleSet, settings: Settings, day: (v: unknown, name: string) => Day): YearEndRow[] | YearEndLeftOff | null {
  const n = i + 1;
  if (![...g.dates[i], g.pay[i][0], g.formA?.[i][0]].some(given)) return null;
  const { first, last } = daysOfRow(g, i, day);
  const place = g.formA ? placeOfRow(g.formA[i][0], n) : null;
  if (place?.on === "unpaid") return { row: n, first, why: "not paid yet", solo: false, unpaid: true };
  if (place?.on === "none") return { row: n, first, why: place.why, solo: place.solo, unpaid: false };
  const refs = place?.formsA ?? null;
  const { pay, rate } = payAndRate(g, i);
  const split = sides(first, last, pay, g.formA !== null, rules, settings);
  if (refs && refs.length !== split.length) {
    const cut = periodStartsWithin(first, last, rules).map(dayToUk).join(" and ");
    throw new LocumError(
      split.length > 1
        ? `form_a row ${n}: the days ${dayToUk(first)} to ${dayToUk(last)} cross ${cut}, so the forms put them on ${split.length} Forms A (one per side), but form_a names ${refs.length}: give LOCUM.FORMA the row's last day too (its last_day argument), as the year template does`
        : `form_a row ${n} names ${refs.length} Forms A, but the days ${dayToUk(first)} to ${dayToUk(last)} are on one: use LOCUM.FORMA of this row`,
    );
  }
  return split.map((x, k) => {
    const formA = refs ? refs[k] : null;
    const rowRate = g.byMonth && formA ? (g.byMonth.get(monthText(formA.year, formA.month)) ?? null) : rate;
    if (rowRate !== null) checkRate(rowRate, x.first, x.last, n, rules);
    return { row: n, first: x.first, last: x.last, pay: x.pay, rate: rowRate, formA };
  });
}

/** A row left off in words, as LOCUM.FORMA wrote it: "out-of-hours work, on the SOLO form". */
const leftOffWords = (l: YearEndLeftOff) => `${l.why}${l.solo ? ON_SOLO : ""}`;

/**
 * LOCUM.YEAREND's ranges → checked rows on Forms A, and the rows LOCUM.FORMA puts on none. Empty
 * rows (a template's spare lines) are skipped. `date1904`: dates_worked's serials count from 1904.
 */
export function yearEndRowsOf(
  c: YearEndCells,
  rules: RuleSet,
  settings: Settings,
  o: { date1904?: boolean } = {},
): { rows: YearEndRow[]; leftOff: YearEndLeftOff[]; ratesGiven: boolean } {
  const g = rangesOf(c);
  const day = (v: unknown, name: string) => dateArg(from1904(v, o.date1904), name);
  const rows: YearEndRow[] = [];
  const leftOff: YearEndLeftOff[] = [];
  for (let i = 0; i < g.dates.length; i++) {
    const got = rowOf(g, i, rules, settings, day);
    if (Array.isArray(got)) rows.push(...got);
    else if (got) leftOff.push(got);
  }
  if (!rows.length) {
    if (leftOff.length)
      throw new LocumError(
        `dates_worked: every row is left off (${rowsOf(leftOff)}: ${[...new Set(leftOff.map(leftOffWords))].join("; ")}): no work on a Form A to reconcile`,
      );
    throw new LocumError("dates_worked: no rows with a date and pay");
  }
  return { rows, leftOff, ratesGiven: g.rowRates !== null || g.singleRate !== null || g.byMonth !== null };
}

const partKey = (d: Day, rules: RuleSet) => `${schemeYearOf(d)}|${tierSegment(d, rules).from}`;
const rowsOf = (rs: { row: number }[]) => rowList(rs.map((r) => r.row));

/** Rows without form_a: each row its own work, and "paid assumes one Form B": the pay at each rate in each part, rounded once (examples.json). */
function sourceWithoutFormsA(rows: YearEndRow[], rules: RuleSet, settings: Settings): { work: WorkItem[]; formsB: FormBItem[] } {
  const work = rows.map((r) => ({ pay: r.pay, periods: [[r.first, r.last]] as [Day, Day][], label: `row ${r.row}` }));
  const byRate = new Map<string, YearEndRow[]>();
  for (const r of rows) {
    if (r.rate === null) continue;
    const k = `${partKey(r.first, rules)}|${r.rate.toString()}`;
    appendTo(byRate, k, r);
  }
  const formsB = [...byRate.values()].map((rs): FormBItem => {
    const a = rs.reduce((t, r) => t.plus(r.pay), ZERO);
    return {
      month: null,
      day: rs[0].first,
      rate: rs[0].rate!,
      a,
      b: employeeContribution(a, rs[0].rate!, settings),
      h: null,
      sent: null,
      due: null,
      label: `pay at ${percent(rs[0].rate!)} (${rowsOf(rs)})`,
    };
  });
  return { work, formsB };
}

/** A Form A's rows must be work of its Form B month's scheme year and tier table: else the row names the wrong Form A. */
function checkFormAMonth(text: string, ref: FormARef, rs: YearEndRow[], rules: RuleSet): void {
  const monthDay = dayFromYmd(ref.year, ref.month, 1);
  const off = rs.find((r) => partKey(r.first, rules) !== partKey(monthDay, rules));
  if (!off) return;
  const why =
    schemeYearOf(off.first) !== schemeYearOf(monthDay)
      ? `belongs to ${schemeYearLabel(schemeYearOf(off.first))}`
      : "is on the other side of the 1 October 2022 table change";
  throw new LocumError(
    `form_a row ${off.row}: the Form A "${text}" is on a Form B of ${monthText(ref.year, ref.month)}, but the work on ${dayToUk(off.first)} ${why}: use LOCUM.FORMA for the row's Form A (with its last_day, for a run of days)`,
  );
}

/** A Form B month's Forms A: their Box 2 figures and rows. */
interface MonthOfRows {
  ref: FormARef;
  box2: Decimal[];
  rows: YearEndRow[];
}

/** Rows with form_a → Forms A (rows of one text, Box 2 rounded once), and each Form B month's. */
function formsAOfRows(rows: YearEndRow[], rules: RuleSet, settings: Settings): { work: WorkItem[]; months: Map<string, MonthOfRows> } {
  const formsA = new Map<string, { ref: FormARef; rows: YearEndRow[] }>();
  for (const r of rows) {
    const text = formARefText(r.formA!);
    const f = formsA.get(text) ?? { ref: r.formA!, rows: [] };
    f.rows.push(r);
    formsA.set(text, f);
  }
  const work: WorkItem[] = [];
  const months = new Map<string, MonthOfRows>();
  for (const [text, { ref, rows: rs }] of formsA) {
    checkFormAMonth(text, ref, rs, rules);
    // Form A Box 2 is 90 % of the form's whole fee, rounded once.
    const box2 = toPenny(
      rs.reduce((t, r) => t.plus(r.pay), ZERO),
      settings,
    );
    work.push({ pay: box2, periods: rs.map((r) => [r.first, r.last] as [Day, Day]), label: `Form A "${text}" (${rowsOf(rs)})` });
    const k = monthText(ref.year, ref.month);
    const b = months.get(k) ?? { ref, box2: [], rows: [] };
    b.box2.push(box2);
    b.rows.push(...rs);
    months.set(k, b);
  }
  return { work, months };
}

/** A Form B month's Form B, at the one rate its rows give; null when they give none. */
function formBOfMonth(k: string, m: MonthOfRows, settings: Settings): FormBItem | null {
  const rates = [...new Map(m.rows.filter((r) => r.rate !== null).map((r) => [r.rate!.toString(), r])).values()];
  if (rates.length > 1)
    throw new LocumError(
      `rate_paid: rows ${rates[0].row} and ${rates[1].row} are on the ${k} Form B but give ${percent(rates[0].rate!)} and ${percent(rates[1].rate!)}: a Form B has one rate`,
    );
  if (!rates.length) return null;
  const rate = rates[0].rate!;
  const a = m.box2.reduce((t, x) => t.plus(x), ZERO);
  const first = dayFromYmd(m.ref.year, m.ref.month, 1);
  const month = { year: m.ref.year, month: m.ref.month };
  return { month, day: first, rate, a, b: employeeContribution(a, rate, settings), h: null, sent: null, due: formBDueDate(first), label: `Form B ${k}` };
}

/** Rows → Forms A and B as the forms would make them (form_a given), or pay at each rate in each part. */
export function yearEndSourceOfRows(rows: YearEndRow[], rules: RuleSet, settings: Settings): { work: WorkItem[]; formsB: FormBItem[] } {
  if (!rows.some((r) => r.formA !== null)) return sourceWithoutFormsA(rows, rules, settings);
  const { work, months } = formsAOfRows(rows, rules, settings);
  const formsB = [...months].map(([k, m]) => formBOfMonth(k, m, settings)).filter((b): b is FormBItem => b !== null);
  return { work, formsB };
}

/**
 * other_practitioner_pay, other_days_of_service, the pension inputs: one value a scheme year,
 * earliest first; or one value for rows over several years, given to `one` of them (the forms take
 * Locum details' one figure so: other pay for each year, the pension inputs for the year that ended).
 */
function perYear<T>(v: unknown, name: string, years: number[], read: (x: unknown, n: string) => T, one: number[] = years): Map<number, T> {
  const out = new Map<number, T>();
  if (v === undefined || !isGiven(v)) return out;
  const values = matrix(v).flat().filter(given);
  if (values.length === 1 && years.length > 1) {
    const value = read(values[0], name);
    for (const y of one) out.set(y, value);
    return out;
  }
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
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
    throw new LocumError(`${name} must be a whole number of days (0 or more), not ${typeof v === "string" ? `the text "${v}"` : String(v)}`);
  return n;
}

/** A CPI cell: 1.7% or 0.017 (a plain number above 0.3, such as 1.7, is read as 1.7 %). */
function cpiOf(v: unknown, name: string): Decimal {
  const cpi = cpiOfCell(v)?.cpi ?? null;
  if (cpi === null || !cpiInRange(cpi))
    throw new LocumError(`${name} must be the CPI of a September, such as 1.7% (−10% to 30%), not ${typeof v === "string" ? `the text "${v}"` : String(v)}`);
  return cpi;
}

/** What Status says of the rows left off in each scheme year: "left off (on no Form A): rows 3, 4", "not paid yet: row 6". */
function leftOffNotes(leftOff: YearEndLeftOff[]): Partial<Record<number, string[]>> {
  const out: Partial<Record<number, string[]>> = {};
  const byYear = new Map<number, YearEndLeftOff[]>();
  for (const l of leftOff) appendTo(byYear, schemeYearOf(l.first), l);
  for (const [y, ls] of byYear) {
    const off = ls.filter((l) => !l.unpaid);
    const unpaid = ls.filter((l) => l.unpaid);
    out[y] = [
      off.length ? `left off (on no Form A, as the forms leave them): ${rowsOf(off)}` : "",
      unpaid.length ? `not paid yet, on no Form B: ${rowsOf(unpaid)}` : "",
    ].filter(Boolean);
  }
  return out;
}

export interface YearEndOfCells {
  results: YearEndResult[];
  /** False when no rate was given: nothing is known of what was paid. */
  paidKnown: boolean;
  /** Status notes by scheme year: the rows left off. */
  notes: Partial<Record<number, string[]>>;
}

/** The other posts and the pension inputs of each scheme year, from their cells; SOLO rows left off make a Type 2 due. */
function perYearInputs(c: YearEndCells, years: number[], leftOff: YearEndLeftOff[], today: Day | undefined) {
  const pays = perYear(c.otherPay, "other_practitioner_pay", years, (x, n) => moneyArg(x, n));
  const days = perYear(c.otherDays, "other_days_of_service", years, daysOf);
  // Given once for several years: the year that has ended, as Locum details' plain keys; else none.
  const ended = years.filter((y) => today === undefined || dayFromYmd(y + 1, 3, 31) <= today);
  const plain = plainYears(years, ended);
  const once = plain.length === 1 ? plain : [];
  const openings = perYear(c.openingPension, "last_closing_pension", years, (x, n) => moneyArg(x, n), once);
  const cpis = perYear(c.cpi, "september_cpi", years, cpiOf, once);
  if (openings.size !== cpis.size)
    throw new LocumError(
      `the pension input amount needs both last_closing_pension and september_cpi: give ${openings.size ? "september_cpi" : "last_closing_pension"} too, or neither`,
    );
  const other: Partial<Record<number, OtherPractitioner>> = {};
  const pension: Partial<Record<number, PensionInput>> = {};
  for (const y of years) {
    const solo = leftOff.filter((l) => l.solo && schemeYearOf(l.first) === y).map((l) => `row ${l.row}: ${l.why}, left off the forms (the SOLO form)`);
    if (pays.has(y) || days.has(y) || solo.length) other[y] = { pay: pays.get(y) ?? ZERO, days: days.get(y) ?? 0, ...(solo.length ? { unlisted: solo } : {}) };
    if (openings.has(y)) pension[y] = { opening: openings.get(y)!, cpi: cpis.get(y)! };
  }
  return { other, pension, openings };
}

/**
 * LOCUM.YEAREND: the cells → rows → the forms' grouping → the engine. Rows on no Form A are left
 * off; out-of-hours or ICB work among them makes a Type 2 due, as the forms say. `today`: a scheme
 * year not ended by then is in progress.
 */
export function yearEndOfCells(c: YearEndCells, rules: RuleSet, settings: Settings, o: { date1904?: boolean; today?: Day } = {}): YearEndOfCells {
  const country = given(c.country) ? countryArg(c.country) : "England";
  const { rows, leftOff, ratesGiven } = yearEndRowsOf(c, rules, settings, o);
  const years = [...new Set(rows.map((r) => schemeYearOf(r.first)))].sort((a, b) => a - b);
  const { other, pension, openings } = perYearInputs(c, years, leftOff, o.today);
  const src = yearEndSourceOfRows(rows, rules, settings);
  const notes = leftOffNotes(leftOff);
  const add = (y: number, note: string) => (notes[y] ??= []).push(note);
  if (years.length > 1) {
    for (const y of years) {
      if (
        matrix(c.otherPay ?? "")
          .flat()
          .filter(given).length === 1
      )
        add(y, "other pay: the one value given, for each scheme year");
      if (openings.size && !openings.has(y)) add(y, "no pension input amount: the pension figures given are for one scheme year (one value each)");
    }
  }
  return { results: yearEnds({ country, ...src, other, pension, asOf: o.today }, rules, settings), paidKnown: ratesGiven, notes };
}
