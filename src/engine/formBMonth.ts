// Which Form B a day of work is declared on (domain README §3, the March rule). A Form B is the month
// the pay was received, except that pay received after the work's own "period" (its scheme year, or
// part of one when the tier table changed inside it, as on 1 October 2022) goes on the period's last
// month: March work paid in April is declared on March's Form B, so the old year's tier counts it.
import { type Day, dayFromYmd, type RuleSet, ymdOfDay } from "../rules";
import { schemeYearEnd, schemeYearOf } from "./schemeYear";
import { tierSegment } from "./tiers";

/** The last day of the period `day` belongs to: 31 March, or the day before a table change in the year. */
export function workPeriodEnd(day: Day, rules: RuleSet): Day {
  return Math.min(schemeYearEnd(schemeYearOf(day)), tierSegment(day, rules).to);
}

/**
 * The days in [first, last] where a new period starts (1 April, 1 October 2022): a row of work
 * that spans one must be split, as no Form A or Form B may hold days from both sides.
 */
export function periodStartsWithin(first: Day, last: Day, rules: RuleSet): Day[] {
  const out: Day[] = [];
  for (let end = workPeriodEnd(first, rules); end < last; end = workPeriodEnd(end + 1, rules)) out.push(end + 1);
  return out;
}

export interface FormBMonth {
  year: number;
  month: number;
  /** True when the month is the work's period end, not the month paid (the March rule). */
  byWork: boolean;
}

/**
 * The Form B month of work ending on `lastWorked` and paid on `paid` (null: not paid yet). Work in
 * its period's last month that is not paid yet is declared there too (March's forms made in early
 * April); other unpaid work has no Form B yet (null).
 */
export function formBMonthOf(lastWorked: Day, paid: Day | null, rules: RuleSet): FormBMonth | null {
  const end = workPeriodEnd(lastWorked, rules);
  const endMonth = ymdOfDay(end);
  if (paid === null) {
    const w = ymdOfDay(lastWorked);
    return w.y === endMonth.y && w.m === endMonth.m ? { year: endMonth.y, month: endMonth.m, byWork: true } : null;
  }
  if (paid > end) return { year: endMonth.y, month: endMonth.m, byWork: true };
  const p = ymdOfDay(paid);
  return { year: p.y, month: p.m, byWork: false };
}

/** The first day of a Form B month, as an Excel-friendly day (for LOCUM.FORMBMONTH and sorting). */
export function formBMonthStart(m: FormBMonth): Day {
  return dayFromYmd(m.year, m.month, 1);
}
