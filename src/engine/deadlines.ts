import { type Day, dayFromYmd, ymdOfDay } from "../rules";
import type { Settings } from "./settings";

/** Form B and its payment are due by the 7th of the month after the pay was received (§3). */
export function formBDueDate(datePaid: Day): Day {
  const { y, m } = ymdOfDay(datePaid);
  return m === 12 ? dayFromYmd(y + 1, 1, 7) : dayFromYmd(y, m + 1, 7);
}

export const TEN_WEEKS = 70;
/** The 10-week rule was suspended for submissions from 1 April 2020 to 30 September 2022. */
export const SUSPENDED_FROM = dayFromYmd(2020, 4, 1);
export const SUSPENDED_TO = dayFromYmd(2022, 9, 30);

/** The last day work can be submitted for pensioning: 10 weeks after its anchor day. */
export function tenWeekCutoff(firstDay: Day, lastDay: Day, settings: Settings): Day {
  return (settings.tenWeekAnchor === "last" ? lastDay : firstDay) + TEN_WEEKS;
}

/** True when work submitted on `submitted` is past the 10-week limit (and the rule was in force). */
export function pastTenWeeks(firstDay: Day, lastDay: Day, submitted: Day, settings: Settings): boolean {
  if (submitted >= SUSPENDED_FROM && submitted <= SUSPENDED_TO) return false;
  return submitted > tenWeekCutoff(firstDay, lastDay, settings);
}

/** Distinct calendar days in a list (a day worked at two practices counts once, §4). */
export function distinctDays(days: Iterable<Day>): number {
  return new Set(days).size;
}
