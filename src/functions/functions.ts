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
import { dayToSerial, dayToUk, isoToUk, LocumError, ymdOfDay } from "../rules";
import { current } from "./state";

import { watchWorkbookRules } from "./workbookRules";

export { loadWorkbookRules } from "./workbookRules";

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
      throw new CustomFunctions.Error(code, e.message.length > 255 ? `${e.message.slice(0, 252)}...` : e.message);
    }
    throw e;
  }
}

const given = (v: unknown) => v !== undefined && v !== null && v !== "";

/** A date argument; in a 1904 workbook (state.date1904) a serial is 1,462 days less than the usual one. */
const dateArg = (v: unknown, name: string) => engineDateArg(current().date1904 && typeof v === "number" ? v + 1462 : v, name);

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
    rows.push(["Total", "", days, +r.earnings, "", "", "", +r.total, r.provisional ? "includes a provisional table" : "", r.provisional ? "provisional" : "confirmed"]);
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
 * The UPR payment reference for a Form B month, e.g. 12345678LOCFEB17.
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
  return run(() => dayToSerial(formBDueDate(dateArg(date_paid, "date_paid"))) - (current().date1904 ? 1462 : 0));
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
