import type Decimal from "decimal.js";
import type { Day, RuleSet, Segment, TierTable } from "../rules";
import { toPenny, ZERO } from "./money";
import { inclusiveDays, schemeYearEnd, schemeYearOf } from "./schemeYear";
import type { Settings } from "./settings";
import { tierSegment } from "./tiers";

export interface Slice {
  start: Day;
  end: Day;
  days: number;
  schemeYear: number;
  segment: Segment<TierTable>;
  earnings: Decimal;
}

/**
 * Earnings over [start, end] spread evenly by day (§5), cut at every scheme-year boundary and every
 * change of tier table. Each slice is its own share rounded to the penny and the last takes the
 * remainder (§7), so a person re-checking a line by hand gets the same penny. Only when that would
 * leave the last slice negative (pennies over many slices: £0.04 over six) is the rounding made
 * cumulative instead: the rounded running total less the one before, never negative.
 */
export function apportion(earnings: Decimal, start: Day, end: Day, rules: RuleSet, settings: Settings): Slice[] {
  const total = inclusiveDays(start, end);
  const slices: Slice[] = [];
  for (let cur = start; cur <= end;) {
    const segment = tierSegment(cur, rules);
    const schemeYear = schemeYearOf(cur);
    const stop = Math.min(end, segment.to, schemeYearEnd(schemeYear));
    slices.push({ start: cur, end: stop, days: inclusiveDays(cur, stop), schemeYear, segment, earnings: ZERO });
    cur = stop + 1;
  }
  let allocated = ZERO;
  slices.forEach((s, i) => {
    s.earnings = i === slices.length - 1 ? earnings.minus(allocated) : toPenny(earnings.times(s.days).div(total), settings);
    allocated = allocated.plus(s.earnings);
  });
  if (slices[slices.length - 1].earnings.isNegative()) {
    let days = 0;
    allocated = ZERO;
    slices.forEach((s, i) => {
      days += s.days;
      const upTo = i === slices.length - 1 ? earnings : toPenny(earnings.times(days).div(total), settings);
      s.earnings = upTo.minus(allocated);
      allocated = upTo;
    });
  }
  return slices;
}
