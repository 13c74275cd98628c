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
 * change of tier table. Rounding is cumulative: a slice is the rounded running total to its last
 * day less the rounded running total before it. So the slices add back to the total exactly (the
 * last takes the remainder), none is ever negative, and each is within a penny of its exact share.
 * (Rounding each slice on its own can overshoot: £0.15 over three slices of £0.05 each.)
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
  let days = 0;
  let allocated = ZERO;
  slices.forEach((s, i) => {
    days += s.days;
    const upTo = i === slices.length - 1 ? earnings : toPenny(earnings.times(days).div(total), settings);
    s.earnings = upTo.minus(allocated);
    allocated = upTo;
  });
  return slices;
}
