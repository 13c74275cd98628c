import { type Day, dayFromYmd, labelOfYear, ymdOfDay } from "../rules";
import type { Settings } from "./settings";

/** The scheme year runs 1 April to 31 March; it is named by the year it starts in (2022 = 2022/23). */
export function schemeYearOf(day: Day): number {
  const { y, m } = ymdOfDay(day);
  return m >= 4 ? y : y - 1;
}

export function schemeYearStart(year: number): Day {
  return dayFromYmd(year, 4, 1);
}

export function schemeYearEnd(year: number): Day {
  return dayFromYmd(year + 1, 3, 31);
}

/** The months' names, January first: every label of a month is made from these. */
export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

const SHORT = MONTH_NAMES.map((m) => m.slice(0, 3));

/** "March 2026" */
export function monthName(m: { year: number; month: number }): string {
  return `${MONTH_NAMES[m.month - 1]} ${m.year}`;
}

/** "Mar" for 3. */
export const monthAbbr = (month: number): string => SHORT[month - 1];

/** "Mar 2026" */
export function monthShort(m: { year: number; month: number }): string {
  return `${monthAbbr(m.month)} ${m.year}`;
}

/** The part of a dated span (a tier table's days in force) inside a scheme year. */
export function withinSchemeYear(span: { from: Day; to: Day }, year: number): { from: Day; to: Day } {
  return { from: Math.max(span.from, schemeYearStart(year)), to: Math.min(span.to, schemeYearEnd(year)) };
}

/** "2022/23" */
export function schemeYearLabel(year: number): string {
  return labelOfYear(year);
}

/** The scheme year's days on the calendar: 366 when it holds 29 February (2023/24, 2027/28...), else 365. */
export function schemeYearDays(year: number): number {
  return schemeYearEnd(year) - schemeYearStart(year) + 1;
}

/** The days a year's pay is annualised to: the calendar's (schemeYearDays), or always 365 by setting. */
export function daysInSchemeYear(year: number, settings: Settings): number {
  return settings.yearBase === "365" ? 365 : schemeYearDays(year);
}

/**
 * Days of service in a scheme year: the days worked plus the other posts' days, at most the year's
 * own days (`capped` when the two came to more: other service counted on locum days too, §4).
 */
export function daysOfServiceIn(year: number, daysWorked: number, otherDays: number): { days: number; given: number; yearDays: number; capped: boolean } {
  const yearDays = schemeYearDays(year);
  const given = daysWorked + otherDays;
  return { days: Math.min(given, yearDays), given, yearDays, capped: given > yearDays };
}

/** Days from start to end, both counted. */
export function inclusiveDays(start: Day, end: Day): number {
  return end - start + 1;
}
