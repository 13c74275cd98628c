// Form B months as keys ("2026-03") and as a person reads them ("March 2026").
import { monthName, settleWith } from "../engine";
import { type Day, dayFromYmd, ymdOfDay } from "../rules";

export function monthKeyOf(day: Day): string {
  const { y, m } = ymdOfDay(day);
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** A Form B month's key read back: "2026-03" → { year: 2026, month: 3 }. */
export function monthOfKey(key: string): { year: number; month: number } {
  const dash = key.indexOf("-"); // read without splitting: a busy year asks this for every session
  return { year: Number(key.slice(0, dash)), month: Number(key.slice(dash + 1)) };
}

/** The scheme year a Form B month ("2026-03") belongs to: 2025 (April to March). */
export function schemeYearOfMonth(key: string): number {
  const { year, month } = monthOfKey(key);
  return month >= 4 ? year : year - 1;
}

/** The first day of a Form B month. */
export function monthStart(key: string): Day {
  const { year, month } = monthOfKey(key);
  return dayFromYmd(year, month, 1);
}

/** The last day of a Form B month. */
export function monthEnd(key: string): Day {
  const { year, month } = monthOfKey(key);
  return dayFromYmd(year, month + 1, 1) - 1;
}

/** "2026-03" → "March 2026". */
export function monthLabel(key: string): string {
  return monthName(monthOfKey(key));
}

/** Where a locum's forms and money go: PCSE in England, the Local Health Board in Wales (§1). */
export function scheme(locum: { country: "England" | "Wales" } | null | undefined): string {
  return settleWith(locum?.country ?? "England");
}

/**
 * How a month's money is paid, said wherever its pay-by date is shown (§3): in England by card
 * through GOV.UK Pay from the Locum B screen in PCSE Online, or by BACS with the UPR as reference;
 * in Wales a cheque to the Local Health Board with the forms.
 */
export function howToPay(country: "England" | "Wales", upr: string): string {
  return country === "Wales"
    ? "pay by cheque to your Local Health Board, sent with the forms"
    : `pay by card through GOV.UK Pay from the Locum B screen in PCSE Online once the forms are submitted, or by BACS with ${upr} as the reference`;
}
