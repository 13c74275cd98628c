// The year end from worksheet rows (LOCUM.YEAREND) and the Form A a row is declared on (LOCUM.FORMA).
// LOCUM.FORMA reads its row with the forms' own reader and checks (readSessions, checkSessions): the
// same Form B month (the March rule), the same split of a row across 31 March or 1 October 2022,
// and the same rows left off (private, out-of-hours, an agency, too late for the 10-week rule).
// LOCUM.YEAREND groups rows by that text and rounds where the forms round (Box 2 once per Form A,
// box b once per Form B), then makes the forms' engine call (yearEnds): the same rows give a
// template the pennies of `locum yearend`.
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
import { type Day, dayFromYmd, dayToUk, from1904, LocumError, rateText, type RuleSet, ymdOfDay } from "../rules";
import { checkSessions } from "../forms/checks";
import { type Field, FIELD_NAMES } from "../workbook/columns";
import { Findings } from "../workbook/findings";
import type { Message, Session } from "../forms/model";
import { monthOfKey } from "../forms/months";
import { plainYears } from "../forms/pensionDetails";
import { practiceKeyOf, readSessions } from "../forms/sessions";
import { appendTo } from "../rules/lists";

const given = (v: unknown) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");
const words = (v: unknown) => (given(v) ? String(v).trim().replace(/\s+/g, " ") : "");
const mmyyyy = (y: number, m: number) => `${String(m).padStart(2, "0")}/${y}`;
const EXCEL_ERROR = /^#[A-Z0-9/!?]+[!?A]?$/i;

// ---- LOCUM.FORMA ----

/**
 * What LOCUM.FORMA gives for a row on no Form A, and what LOCUM.YEAREND leaves off: "not on a Form
 * A: private work", "not on a Form A: out-of-hours work, on the SOLO form" (which makes a Type 2
 * due, as the forms say), "not on a Form B yet: not paid" (work paid later goes on that month's).
 */
export const NOT_ON_FORM_A = "not on a Form A";
export const NOT_PAID_YET = "not on a Form B yet: not paid";
/** The end of a reason whose work is pensioned on the SOLO form: it counts towards a Type 2. */
export const ON_SOLO = ", on the SOLO form";
/** Between the Forms A of a row split at 31 March or 1 October 2022: "09/2022 B86047 O-2 + 10/2022 B86047 O-2". */
export const AND_THEN = " + ";

/** LOCUM.FORMA's arguments, as the cells give them. */
export interface FormACells {
  dateWorked: unknown;
  datePaid: unknown;
  practiceCode: unknown;
  practice?: unknown;
  invoice?: unknown;
  lastDay?: unknown;
  workType?: unknown;
  engagedVia?: unknown;
  dateSubmitted?: unknown;
}

/** The columns of the one-row sheet LOCUM.FORMA hands the forms' reader, and the argument each comes from. */
const FORMA_COLUMNS: [Field, keyof FormACells, string][] = [
  ["first", "dateWorked", "date_worked"],
  ["last", "lastDay", "last_day"],
  ["practice", "practice", "practice"],
  ["code", "practiceCode", "practice_code"],
  ["paid", "datePaid", "date_paid"],
  ["invoice", "invoice", "invoice"],
  ["workType", "workType", "work_type"],
  ["engagedVia", "engagedVia", "engaged_via"],
  ["submitted", "dateSubmitted", "date_submitted"],
];
const FORMA_HEADER = [...FORMA_COLUMNS.map(([f]) => FIELD_NAMES[f]), FIELD_NAMES.fee];
/** The fee changes nothing of which Form A a row is on: a stand-in lets the reader read the rest. */
const STAND_IN_FEE = 1;
/** Today shapes only warnings (a limit passed by now), which LOCUM.FORMA does not show. */
const NO_DAY = 0;

/** "03/2026 Y02345 INV-140": the Form B month, the practice as the forms key it, the invoice. */
export function formAText(s: Pick<Session, "month" | "code" | "practice" | "invoice">): string {
  const { year: y, month: m } = monthOfKey(s.month);
  const key = practiceKeyOf(s.code, s.practice);
  const shown = key.startsWith("code:") ? key.slice(5) : key;
  return `${mmyyyy(y, m)} ${shown}${s.invoice ? ` ${s.invoice.toUpperCase()}` : ""}`;
}

/** Why the forms leave a row off, from the error that does (its kind), in a few words. */
function leftOffWhy(all: Message[], s: Session | undefined): string {
  const off = all.filter((m) => m.level === "error" && m.leaveOff);
  const solo = off.find((m) => m.kind === "solo");
  if (solo) return `${s?.workType === "ICB" ? "ICB" : "out-of-hours"} work${ON_SOLO}`;
  const m = off[0];
  if (m.kind === "engagement")
    return (
      { "limited company": "work through a limited company", agency: "work through an agency", "independent provider": "work for an independent provider" }[
        s?.engagedVia as string
      ] ?? "not engaged directly by the practice"
    );
  if (m.kind === "pcn") return `PCN scenario ${s?.pcnScenario}, which a locum cannot pension`;
  if (m.kind === "ten-week") return `${m.field === FIELD_NAMES.paid ? "paid" : "submitted"} more than 10 weeks after the work (the 10-week rule)`;
  return "work the forms leave off";
}

/**
 * LOCUM.FORMA: the Form A(s) a row is declared on, or why it is on none. The row is read and checked
 * by the forms' own code as a one-row sheet; a cell it cannot read is named by its argument. Rows
 * with the same text are on one Form A.
 */
export function formAOfCells(c: FormACells, rules: RuleSet, settings: Settings, o: { date1904?: boolean } = {}): string {
  if (!given(c.dateWorked)) throw new LocumError("date_worked is empty: give the (first) day worked");
  const code = given(c.practiceCode) ? String(c.practiceCode).replace(/\s/g, "").toUpperCase() : "";
  const name = words(c.practice);
  if (!code && !/[a-z0-9]/i.test(name)) throw new LocumError("practice_code is empty: give the practice's ODS code (or, without one, its name in practice)");
  const row = [...FORMA_COLUMNS.map(([f, k]) => (f === "practice" ? name || code : f === "code" ? code : (c[k] ?? ""))), STAND_IN_FEE];
  const out = new Findings();
  const read = readSessions([FORMA_HEADER, row], out, { sheet: "row", rules, settings, date1904: o.date1904 });
  const arg = (m: Message) => FORMA_COLUMNS.find(([f]) => FIELD_NAMES[f] === m.field)?.[2];
  // The reader's text follows its field's name ("is not a date: …"): put the argument's name in front.
  const said = (m: Message) => `${arg(m)}${/^(is|must|holds|has|cannot) /.test(m.text) ? " " : ": "}${m.text}`;
  // A cell the forms cannot read (a date, a work type), named by its argument.
  const unread = out.list.find((m) => m.level === "error" && arg(m));
  // A day no tier table covers is #N/A, as in every LOCUM function; the rest is #VALUE!.
  if (unread) throw new LocumError(said(unread), unread.kind === "no table" ? "na" : "value");
  checkSessions(read, { settings, submitted: null, today: NO_DAY, out, locum: null, columns: read.columns, firstCol: 0 });
  if (out.list.some((m) => m.level === "error" && m.leaveOff)) return `${NOT_ON_FORM_A}: ${leftOffWhy(out.list, read.sessions[0])}`;
  // Another error on one of its own cells (pay received before the work): the row must be corrected.
  const wrong = out.list.find((m) => m.level === "error" && arg(m));
  if (wrong) throw new LocumError(said(wrong));
  if (out.list.some((m) => m.kind === "private")) return `${NOT_ON_FORM_A}: private work`;
  if (!read.sessions.length) return NOT_PAID_YET;
  return read.sessions.map(formAText).join(AND_THEN);
}

/** "03/2026 Y02345 INV-140" → March 2026; null when the text does not start with mm/yyyy. */
export function formBMonthOfName(text: string): { year: number; month: number } | null {
  const m = /^(\d{2})\/(\d{4})(?:\s|$)/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) return null;
  return { year: Number(m[2]), month: Number(m[1]) };
}

/** A LOCUM.FORMA text as its Forms A: one, or one per side of a row split at a cut. */
function formANames(text: string): string[] {
  return text.split(new RegExp(`${AND_THEN.replace(/[+]/g, "\\+")}(?=\\d{2}/\\d{4}(?:\\s|$))`));
}

/** A LOCUM.FORMA text for a row on no Form A (yet): why, and whether its work counts towards a Type 2. */
export function leftOffOf(text: string): { why: string; solo: boolean; unpaid: boolean } | null {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower === NOT_PAID_YET.toLowerCase()) return { why: "not paid yet", solo: false, unpaid: true };
  if (!lower.startsWith(NOT_ON_FORM_A.toLowerCase())) return null;
  const why = t.slice(NOT_ON_FORM_A.length).replace(/^\s*:?\s*/, "");
  return { why, solo: why.toLowerCase().endsWith(ON_SOLO.toLowerCase()), unpaid: false };
}

// ---- LOCUM.YEAREND ----

/** One row of LOCUM.YEAREND on one Form A, read and checked: a row split at a cut gives two. */
export interface YearEndRow {
  /** 1-based, within the ranges given. */
  row: number;
  first: Day;
  last: Day;
  pay: Decimal;
  rate: Decimal | null;
  formA: string | null;
}

/** A row LOCUM.FORMA puts on no Form A (or on no Form B yet): left off, and said in Status. */
export interface YearEndLeftOff {
  row: number;
  first: Day;
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
    throw new LocumError(
      `${name} has ${m.length} row${m.length === 1 ? "" : "s"} but dates_worked has ${rows}: select ${what} on the same rows, beside the dates`,
    );
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
  const day = (v: unknown, name: string) => dateArg(from1904(v, o.date1904), name);

  const rows: YearEndRow[] = [];
  const leftOff: YearEndLeftOff[] = [];
  for (let i = 0; i < dates.length; i++) {
    const n = i + 1;
    const d = dates[i];
    const cells = [...d, pay[i][0], formA?.[i][0]];
    if (!cells.some(given)) continue;
    if (!given(d[0]))
      throw new LocumError(`dates_worked row ${n} is empty, but the row has ${given(pay[i][0]) ? "pay" : "a Form A"}: give the day worked, or clear the row`);
    const first = day(d[0], `dates_worked row ${n}`);
    const last = cols === 2 && given(d[1]) ? day(d[1], `dates_worked row ${n} (last day)`) : first;
    if (last < first) throw new LocumError(`dates_worked row ${n}: the last day ${dayToUk(last)} is before the first ${dayToUk(first)}: swap them`);
    let names: string[] | null = null;
    if (formA) {
      const f = words(formA[i][0]);
      if (!f) throw new LocumError(`form_a row ${n} is empty: give the row's Form A (LOCUM.FORMA), or leave form_a out`);
      if (EXCEL_ERROR.test(f)) throw new LocumError(`form_a row ${n} holds the error ${f}: correct that row (its LOCUM.FORMA says why: hover over the cell)`);
      const off = leftOffOf(f);
      if (off) {
        leftOff.push({ row: n, first, ...off });
        continue;
      }
      names = formANames(f);
      for (const name of names) {
        if (!formBMonthOfName(name))
          throw new LocumError(`form_a row ${n} ("${f.slice(0, 40)}") does not start with its Form B month as mm/yyyy: use LOCUM.FORMA`);
      }
    }
    if (!given(pay[i][0])) throw new LocumError(`pensionable_pay row ${n} is empty: give the row's pensionable pay (90 % of the fee)`);
    const p = payOf(pay[i][0], `pensionable_pay row ${n}`, formA !== null);
    let r: Decimal | null = singleRate;
    if (rate !== null && single === undefined) {
      if (!given(rate[i][0])) throw new LocumError(`rate_paid row ${n} is empty: give the rate used on the row's Form B (or one rate for every row)`);
      r = rateOf(rate[i][0], `rate_paid row ${n}`);
    }
    const split = sides(first, last, p, formA !== null, rules, settings);
    if (names && names.length !== split.length) {
      const cut = periodStartsWithin(first, last, rules).map(dayToUk).join(" and ");
      throw new LocumError(
        split.length > 1
          ? `form_a row ${n}: the days ${dayToUk(first)} to ${dayToUk(last)} cross ${cut}, so the forms put them on ${split.length} Forms A (one per side), but form_a names ${names.length}: give LOCUM.FORMA the row's last day too (its last_day argument), as the year template does`
          : `form_a row ${n} names ${names.length} Forms A, but the days ${dayToUk(first)} to ${dayToUk(last)} are on one: use LOCUM.FORMA of this row`,
      );
    }
    split.forEach((x, k) => {
      const name = names ? names[k] : null;
      const month = name ? formBMonthOfName(name)! : null;
      const rowRate = byMonth && month ? (byMonth.get(mmyyyy(month.year, month.month)) ?? null) : r;
      if (rowRate !== null) checkRate(rowRate, x.first, x.last, n, rules);
      rows.push({ row: n, first: x.first, last: x.last, pay: x.pay, rate: rowRate, formA: name });
    });
  }
  if (!rows.length) {
    if (leftOff.length)
      throw new LocumError(
        `dates_worked: every row is left off (${rowList(leftOff)}: ${[...new Set(leftOff.map((l) => l.why))].join("; ")}): no work on a Form A to reconcile`,
      );
    throw new LocumError("dates_worked: no rows with a date and pay");
  }
  return { rows, leftOff, ratesGiven: rate !== null || byMonth !== null };
}

const partKey = (d: Day, rules: RuleSet) => `${schemeYearOf(d)}|${tierSegment(d, rules).from}`;
const rowList = (rs: { row: number }[]) => {
  const n = [...new Set(rs.map((r) => r.row))];
  return n.length === 1 ? `row ${n[0]}` : `rows ${n.join(", ")}`;
};

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
        label: `pay at ${percent(rs[0].rate!)} (${rowList(rs)})`,
      };
    });
    return { work, formsB };
  }
  const formsA = new Map<string, YearEndRow[]>();
  for (const r of rows) appendTo(formsA, r.formA!, r);
  const work: WorkItem[] = [];
  const byMonth = new Map<string, { month: { year: number; month: number }; box2: Decimal[]; rows: YearEndRow[] }>();
  for (const [text, rs] of formsA) {
    const month = formBMonthOfName(text)!;
    const monthDay = dayFromYmd(month.year, month.month, 1);
    const off = rs.find((r) => partKey(r.first, rules) !== partKey(monthDay, rules));
    if (off) {
      const why =
        schemeYearOf(off.first) !== schemeYearOf(monthDay)
          ? `belongs to ${schemeYearLabel(schemeYearOf(off.first))}`
          : "is on the other side of the 1 October 2022 table change";
      throw new LocumError(
        `form_a row ${off.row}: the Form A "${text}" is on a Form B of ${mmyyyy(month.year, month.month)}, but the work on ${dayToUk(off.first)} ${why}: use LOCUM.FORMA for the row's Form A (with its last_day, for a run of days)`,
      );
    }
    // Form A Box 2 is 90 % of the form's whole fee, rounded once.
    const box2 = toPenny(
      rs.reduce((t, r) => t.plus(r.pay), ZERO),
      settings,
    );
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
    if (rates.length > 1)
      throw new LocumError(
        `rate_paid: rows ${rates[0].row} and ${rates[1].row} are on the ${k} Form B but give ${percent(rates[0].rate!)} and ${percent(rates[1].rate!)}: a Form B has one rate`,
      );
    if (!rates.length) continue;
    const rate = rates[0].rate!;
    const a = box2.reduce((t, x) => t.plus(x), ZERO);
    const first = dayFromYmd(month.year, month.month, 1);
    formsB.push({
      month,
      day: first,
      rate,
      a,
      b: employeeContribution(a, rate, settings),
      h: null,
      sent: null,
      due: formBDueDate(first),
      label: `Form B ${k}`,
    });
  }
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
      off.length ? `left off (on no Form A, as the forms leave them): ${rowList(off)}` : "",
      unpaid.length ? `not paid yet, on no Form B: ${rowList(unpaid)}` : "",
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

/**
 * LOCUM.YEAREND: the cells → rows → the forms' grouping → the engine. Rows on no Form A are left
 * off; out-of-hours or ICB work among them makes a Type 2 due, as the forms say. `today`: a scheme
 * year not ended by then is in progress.
 */
export function yearEndOfCells(c: YearEndCells, rules: RuleSet, settings: Settings, o: { date1904?: boolean; today?: Day } = {}): YearEndOfCells {
  const country = given(c.country) ? countryArg(c.country) : "England";
  const { rows, leftOff, ratesGiven } = yearEndRowsOf(c, rules, settings, o);
  const years = [...new Set(rows.map((r) => schemeYearOf(r.first)))].sort((a, b) => a - b);
  const pays = perYear(c.otherPay, "other_practitioner_pay", years, (x, n) => moneyArg(x, n));
  const days = perYear(c.otherDays, "other_days_of_service", years, daysOf);
  // Given once for several years: the year that has ended, as Locum details' plain keys; else none.
  const ended = years.filter((y) => o.today === undefined || dayFromYmd(y + 1, 3, 31) <= o.today);
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
    const solo = leftOff
      .filter((l) => l.solo && schemeYearOf(l.first) === y)
      .map((l) => `row ${l.row}: ${l.why.replace(ON_SOLO, "")}, left off the forms (the SOLO form)`);
    if (pays.has(y) || days.has(y) || solo.length) other[y] = { pay: pays.get(y) ?? ZERO, days: days.get(y) ?? 0, ...(solo.length ? { unlisted: solo } : {}) };
    if (openings.has(y)) pension[y] = { opening: openings.get(y)!, cpi: cpis.get(y)! };
  }
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
