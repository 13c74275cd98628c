import type Decimal from "decimal.js";
import { type Day, type RuleSet, type Segment, type TierTable } from "../rules";
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
 * change of tier table. Each slice is rounded to the penny; the last takes the remainder, so the
 * slices add back to the total exactly.
 */
export function apportion(earnings: Decimal, start: Day, end: Day, rules: RuleSet, settings: Settings): Slice[] {
  const total = inclusiveDays(start, end);
  const slices: Slice[] = [];
  for (let cur = start; cur <= end; ) {
    const segment = tierSegment(cur, rules);
    const schemeYear = schemeYearOf(cur);
    const stop = Math.min(end, segment.to, schemeYearEnd(schemeYear));
    slices.push({ start: cur, end: stop, days: inclusiveDays(cur, stop), schemeYear, segment, earnings: ZERO });
    cur = stop + 1;
  }
  let allocated = ZERO;
  slices.forEach((s, i) => {
    if (i === slices.length - 1) s.earnings = earnings.minus(allocated);
    else {
      s.earnings = toPenny(earnings.times(s.days).div(total), settings);
      allocated = allocated.plus(s.earnings);
    }
  });
  return slices;
}
