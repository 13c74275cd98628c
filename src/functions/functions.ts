// Excel custom functions (namespace LOCUM). A thin host: it turns cell values into engine inputs
// and engine results into cells or CustomFunctions errors; every rule lives in src/engine.
import {
  annualisedShown,
  annualiseInYear,
  BREAKDOWN_HEADER,
  contribJson,
  contributions,
  countryArg,
  dateArg as engineDateArg,
  daysArg,
  distinctDays,
  employerContribution,
  formBDueDate,
  moneyArg,
  pensionablePay,
  schemeYearLabel,
  schemeYearOf,
  settingsNote,
  tableName,
  tierAt,
  tierSegment,
  upr as paymentReference,
} from "../engine";
import { dayToSerialIn, dayToUk, from1904, isoToUk, leastFinal, LocumError, safeMessage, todayDay, ymdOfDay } from "../rules";
import { YEAR_END_HEADER, yearEndRows } from "../engine";
import { formAOfCells, yearEndOfCells } from "../yearend";
import { current } from "../office";
// The forms layer's checks and Forms B, not its PDFs (pdf-lib stays out of functions.js).
import { prepareForms } from "../forms";
import { monthlyRows } from "../template";

import { watchWorkbookRules } from "../office";

export { loadWorkbookRules } from "../office";

// In Excel (not in tests or a plain browser), put the workbook's LocumRules/LocumSettings in force.
if (typeof Office !== "undefined") {
  Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) watchWorkbookRules().catch((e) => console.error("LocumRules:", e));
  });
}

/** Run an engine call; a LocumError becomes #VALUE! (bad input) or #N/A (no table) with its message. */
function run<T>(f: () => T): T {
  try {
    const state = current();
    if (state.error) throw new LocumError(state.error);
    return f();
  } catch (e) {
    if (e instanceof LocumError) {
      const code = e.kind === "na" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
      const text = safeMessage(e.message); // a cell's text quoted back: controls escaped, long quotes cut
      throw new CustomFunctions.Error(code, text.length > 255 ? `${text.slice(0, 252)}...` : text);
    }
    throw e;
  }
}

const given = (v: unknown) => v !== undefined && v !== null && v !== "";

/** A date argument; in a 1904 workbook (state.date1904) a serial is 1,462 days less than the usual one. */
const dateArg = (v: unknown, name: string) => engineDateArg(from1904(v, current().date1904), name);

function contribOf(earnings: unknown, start: unknown, end: unknown, daysOfService: unknown, country: unknown) {
  if (given(country)) countryArg(country);
  const { rules, settings } = current();
  return contributions(
    {
      earnings: moneyArg(earnings, "earnings"),
      start: dateArg(start, "start"),
      end: dateArg(end, "end"),
      daysOfService: given(daysOfService) ? daysArg(daysOfService, "days_of_service") : undefined,
    },
    rules,
    settings,
  );
}

/**
 * Employee pension contributions on locum earnings over a period, apportioned by day across scheme years and tier tables.
 * @customfunction
 * @param earnings Pensionable pay for the period, in pounds.
 * @param start First day of the period (a date, or text dd/mm/yyyy or yyyy-mm-dd).
 * @param end Last day of the period (a date, or text dd/mm/yyyy or yyyy-mm-dd).
 * @param [days_of_service] Days actually worked in the period; leave empty for continuous service.
 * @param [country] England (default) or Wales.
 * @returns Total employee contributions, to the penny.
 */
export function contrib(earnings: any, start: any, end: any, days_of_service?: any, country?: any): number {
  return run(() => contribOf(earnings, start, end, days_of_service, country).total.toNumber());
}

/**
 * The workings behind LOCUM.CONTRIB: one row per part (scheme year and tier table), with a header row and a total row.
 * @customfunction
 * @param earnings Pensionable pay for the period, in pounds.
 * @param start First day of the period (a date, or text dd/mm/yyyy or yyyy-mm-dd).
 * @param end Last day of the period (a date, or text dd/mm/yyyy or yyyy-mm-dd).
 * @param [days_of_service] Days actually worked in the period; leave empty for continuous service.
 * @param [country] England (default) or Wales.
 * @returns A table: Start, End, Days, Earnings, Annualised, Tier, Rate, Contribution, Table, Status.
 */
export function breakdown(earnings: any, start: any, end: any, days_of_service?: any, country?: any): any[][] {
  return run(() => {
    const result = contribOf(earnings, start, end, days_of_service, country);
    const r = contribJson(result);
    const rows: (string | number)[][] = [[...BREAKDOWN_HEADER]];
    for (const p of r.parts) {
      rows.push([isoToUk(p.start), isoToUk(p.end), p.days, +p.earnings, +p.annualised, p.tier, +p.rate, +p.contribution, p.table, p.status]);
    }
    const days = r.parts.reduce((n, p) => n + p.days, 0);
    rows.push([
      "Total",
      "",
      days,
      +r.earnings,
      "",
      "",
      "",
      +r.total,
      r.provisional ? `includes a ${leastFinal(r.parts.map((p) => p.status))} table` : "",
      leastFinal(r.parts.map((p) => p.status)),
    ]);
    // Settings from LocumSettings that change the figures are said in a last row (never hidden).
    const settings = settingsNote(result);
    if (settings) rows.push(["Settings", "", "", "", "", "", "", "", settings, ""]);
    return rows;
  });
}

/**
 * The contribution tier (1 = lowest band) for an annualised pensionable pay on a date.
 * @customfunction
 * @param annualised Annualised pensionable pay, in pounds (compared in whole pounds, rounded down).
 * @param date A date in the scheme year (picks the tier table in force).
 * @returns The tier number.
 */
export function tier(annualised: any, date: any): number {
  return run(() => tierAt(moneyArg(annualised, "annualised", { pennies: "snap" }), dateArg(date, "date"), current().rules).tier);
}

/**
 * The employee contribution rate for an annualised pensionable pay on a date, e.g. 0.145.
 * @customfunction
 * @param annualised Annualised pensionable pay, in pounds (compared in whole pounds, rounded down).
 * @param date A date in the scheme year (picks the tier table in force).
 * @returns The rate as a fraction (format the cell as a percentage).
 */
export function rate(annualised: any, date: any): number {
  return run(() => tierAt(moneyArg(annualised, "annualised", { pennies: "snap" }), dateArg(date, "date"), current().rules).rate.toNumber());
}

/**
 * Annualised pay: pay ÷ days of pensionable service × days in the scheme year.
 * @customfunction
 * @param pay Pensionable pay in the scheme year, in pounds.
 * @param days_of_service Days of pensionable service in the scheme year (a locum: days worked).
 * @param date A date in the scheme year.
 * @returns Annualised pay, truncated to the penny (never rounded up past the whole pounds the tier uses).
 */
export function annualise(pay: any, days_of_service: any, date: any): number {
  return run(() => {
    const year = schemeYearOf(dateArg(date, "date"));
    const { settings } = current();
    const a = annualiseInYear(moneyArg(pay, "pay"), daysArg(days_of_service, "days_of_service"), year, settings);
    return annualisedShown(a).toNumber();
  });
}

/**
 * Form A Box 2: pensionable pay, 90 % of a locum fee.
 * @customfunction
 * @param fee The locum fee (Form A Box 1), in pounds.
 * @returns Pensionable pay, to the penny.
 */
export function pensionable(fee: any): number {
  return run(() => pensionablePay(moneyArg(fee, "fee"), current().settings).toNumber());
}

/**
 * Form A Box 3: the employer contribution on pensionable pay, at the rate in force on the date paid.
 * @customfunction
 * @param pensionable_pay Pensionable pay (Form A Box 2), in pounds.
 * @param date_paid The date the practice paid the fee.
 * @returns The employer contribution, to the penny.
 */
export function employer(pensionable_pay: any, date_paid: any): number {
  return run(() => {
    const { rules, settings } = current();
    return employerContribution(moneyArg(pensionable_pay, "pensionable_pay"), dateArg(date_paid, "date_paid"), rules, settings).amount.toNumber();
  });
}

/**
 * The NHS Pension scheme year a date falls in, e.g. 2022/23.
 * @customfunction
 * @param date A date.
 * @returns The scheme year, 1 April to 31 March.
 */
export function schemeyear(date: any): string {
  return run(() => schemeYearLabel(schemeYearOf(dateArg(date, "date"))));
}

/**
 * The UPR payment reference for a Form B month, e.g. 12345678LOCMAR2026 (four-digit year; LocumSettings "UPR year digits" 2 gives 12345678LOCMAR26).
 * @customfunction
 * @param sd_number The locum's 8-digit SD (pension) number.
 * @param month Any date in the month the pay was received.
 * @returns The UPR.
 */
export function upr(sd_number: any, month: any): string {
  return run(() => {
    const { y, m } = ymdOfDay(dateArg(month, "month"));
    return paymentReference(sd_number, y, m, current().settings);
  });
}

/**
 * The date Form B and its payment are due: the 7th of the month after the pay was received.
 * @customfunction
 * @param date_paid The date the pay was received.
 * @returns The due date (format the cell as a date).
 */
export function due(date_paid: any): number {
  return run(() => dayToSerialIn(formBDueDate(dateArg(date_paid, "date_paid")), current().date1904));
}

/**
 * Distinct days in a range of dates worked: a day worked at two practices counts once.
 * @customfunction
 * @param dates A range of dates worked; empty cells are skipped.
 * @returns The number of distinct days.
 */
export function days(dates: any[][]): number {
  return run(() => {
    const seen: number[] = [];
    dates.forEach((row, r) =>
      row.forEach((v, c) => {
        if (given(v)) seen.push(dateArg(v, `dates (row ${r + 1}, column ${c + 1} of the range)`));
      }),
    );
    return distinctDays(seen);
  });
}

/**
 * The tier table in force on a date, with its status (confirmed or provisional) and any override.
 * @customfunction
 * @param date A date.
 * @returns The table's name and status.
 */
export function table(date: any): string {
  return run(() => {
    const seg = tierSegment(dateArg(date, "date"), current().rules);
    return `${tableName(seg.table)}: ${seg.table.status}, in force ${dayToUk(seg.from)} to ${dayToUk(seg.to)}`;
  });
}

/**
 * Forms B month by month, worked out by the forms' own code: a header row, then one row per Form B month with Forms A, pensionable pay (a), tier rate, employee (g), employer (h), to pay (i), cumulative (j), UPR, due date and status (made, or stopped: why).
 * @customfunction
 * @param sessions The sessions with their header row (Date worked, Practice, Practice code, Fee, Date paid...), e.g. Sessions[[#All],[Date worked]:[Notes]]; rows are counted from its first row as row 1.
 * @param details The Locum details, two columns (detail, value), from its first row.
 * @returns A table: Month, Forms A, Pensionable pay (a), Tier rate, Employee (g), Employer (h), To pay (i), Cumulative (j), UPR, Due date, Status.
 */
export function monthly(sessions: any[][], details: any[][]): any[][] {
  return run(() => {
    const { rules, settings } = current();
    return monthlyRows(prepareForms(sessions, details, { rules, settings }));
  });
}

/**
 * The year-end reconciliation of locum work: for each scheme year (each part in 2022/23), the tier that was right for the work done, the contributions due at it, those paid, and the top-up or refund; a Type 2 self-assessment when there is other practitioner pay or out-of-hours work; a year not yet ended is marked in progress.
 * @customfunction
 * @param dates_worked The days worked: one column (a day a row), or two (the first and last day of a row; a row across 31 March or 1 October 2022 is split as the forms split it). Dates, or text dd/mm/yyyy or yyyy-mm-dd.
 * @param pensionable_pay Each row's pensionable pay (90 % of the fee), in pounds, beside the dates. With form_a it may be unrounded; without it, to the penny.
 * @param [rate_paid] The tier rate used on the Forms B: one rate (9.8% or 0.098) for every row, a range beside the pay with each row's rate, or LOCUM.MONTHLY's table (with its header row; needs form_a). Leave out to see only what was due.
 * @param [other_practitioner_pay] Other practitioner pensionable pay of the scheme year (salaried/type 2, SOLO or out-of-hours), in pounds; several scheme years: one value each, earliest first.
 * @param [other_days_of_service] Days of service in those other posts in the scheme year (every day of a salaried post); several scheme years: one value each, earliest first.
 * @param [form_a] Each row's Form A (LOCUM.FORMA), beside the pay: rows of one Form A are added before rounding, paid is worked out Form B by Form B, and rows LOCUM.FORMA puts on no Form A are left off, as on the forms.
 * @param [country] England (default: settle with PCSE) or Wales (settle with the Local Health Board).
 * @param [last_closing_pension] Last year's closing pension (your NHS Pensions statement at the start of the scheme year), for the estimate of the pension input amount; several scheme years: one value each.
 * @param [september_cpi] The previous September's CPI (1.7% for September 2024, the 2025/26 figure), with last_closing_pension; several scheme years: one value each.
 * @returns A table with a header row: Scheme year, From, To, Days worked, Days of service, Locum pay, Other pay, Annualised, Tier, Rate due, Due, Rate paid, Paid, Difference, Outcome, Type 2 due by, Status, Pension built up, Pension input amount.
 */
export function yearend(
  dates_worked: any[][],
  pensionable_pay: any[][],
  rate_paid?: any[][],
  other_practitioner_pay?: any[][],
  other_days_of_service?: any[][],
  form_a?: any[][],
  country?: any,
  last_closing_pension?: any[][],
  september_cpi?: any[][],
): any[][] {
  return run(() => {
    const { rules, settings, date1904 } = current();
    const { results, paidKnown, notes } = yearEndOfCells(
      {
        dates: dates_worked,
        pay: pensionable_pay,
        rate: rate_paid,
        otherPay: other_practitioner_pay,
        otherDays: other_days_of_service,
        formA: form_a,
        country,
        openingPension: last_closing_pension,
        cpi: september_cpi,
      },
      rules,
      settings,
      { date1904, today: todayDay() },
    );
    return [[...YEAR_END_HEADER], ...yearEndRows(results, paidKnown, notes)];
  });
}

/**
 * The Form A a row of work is declared on, as text starting with its Form B month: "03/2026 Y02345 INV-140"; a row across 31 March (or 1 October 2022) is on two, joined by " + "; a row the forms leave off says why ("not on a Form A: out-of-hours work, on the SOLO form", "not on a Form B yet: not paid"). Give it to LOCUM.YEAREND as form_a.
 * @customfunction
 * @param date_worked The day worked (the first day, with last_day).
 * @param date_paid The date the practice paid; empty when not yet paid (only March work, or September 2022 work, has a Form B then).
 * @param practice_code The practice's ODS code (or the EA code of NHS England or the Local Health Board for appraisals).
 * @param [practice] The practice's name: it names the Form A when there is no code.
 * @param [invoice] The invoice: one Form A per practice per invoice.
 * @param [last_day] The last day, for a run of days on one row (empty: one day).
 * @param [work_type] practice (default), appraisal, out of hours, ICB or private: out-of-hours, ICB and private work go on no Form A.
 * @param [engaged_via] direct (default), limited company, agency, independent provider, PCN scenario 1 to 8: some go on no Form A.
 * @param [date_submitted] When the forms went to PCSE: work submitted (or paid) more than 10 weeks after it was done goes on no Form A.
 * @returns The Form A, e.g. 03/2026 Y02345 INV-140 (work done by 31 March and paid in April is on March's Form B), or why the row is on none.
 */
export function forma(
  date_worked: any,
  date_paid: any,
  practice_code: any,
  practice?: any,
  invoice?: any,
  last_day?: any,
  work_type?: any,
  engaged_via?: any,
  date_submitted?: any,
): string {
  return run(() => {
    const { rules, settings, date1904 } = current();
    return formAOfCells(
      {
        dateWorked: date_worked,
        datePaid: date_paid,
        practiceCode: practice_code,
        practice,
        invoice,
        lastDay: last_day,
        workType: work_type,
        engagedVia: engaged_via,
        dateSubmitted: date_submitted,
      },
      rules,
      settings,
      { date1904 },
    );
  });
}
