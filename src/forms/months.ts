// Form B months as keys ("2026-03") and as a person reads them ("March 2026").
import { monthName, schemeYearOf, settleWith } from "../engine";
import { type Day, dayFromYmd, ymdOfDay } from "../rules";

export function monthKeyOf(day: Day): string {
  const { y, m } = ymdOfDay(day);
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** The scheme year a Form B month ("2026-03") belongs to: 2025 (April to March). */
export function schemeYearOfMonth(key: string): number {
  const [y, m] = key.split("-").map(Number);
  return schemeYearOf(dayFromYmd(y, m, 1));
}

/** The first day of a Form B month. */
export function monthStart(key: string): Day {
  const [y, m] = key.split("-").map(Number);
  return dayFromYmd(y, m, 1);
}

/** "2026-03" → "March 2026". */
export function monthLabel(key: string): string {
  const [year, month] = key.split("-").map(Number);
  return monthName({ year, month });
}

/** Where a locum's forms and money go: PCSE in England, the Local Health Board in Wales (§1). */
export function scheme(locum: { country: "England" | "Wales" } | null | undefined): string {
  return settleWith(locum?.country ?? "England");
}
