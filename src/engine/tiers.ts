import type Decimal from "decimal.js";
import { type Day, dayToUk, LocumError, type RuleSet, type Segment, type TierTable, tierSegmentAt } from "../rules";
import { Money } from "./money";

interface Compiled {
  upTo: number[]; // Infinity for the open top band
  rates: Decimal[];
}

// Build each table's Decimals once: a lookup is then integer comparisons and no allocation.
const compiled = new WeakMap<TierTable, Compiled>();
function compile(t: TierTable): Compiled {
  let c = compiled.get(t);
  if (!c) {
    c = { upTo: t.bands.map((b) => b.upTo ?? Infinity), rates: t.bands.map((b) => new Money(b.rate)) };
    compiled.set(t, c);
  }
  return c;
}

export interface TierResult {
  /** 1 for the lowest band. */
  tier: number;
  rate: Decimal;
  table: TierTable;
  segment: Segment<TierTable>;
}

export function tierSegment(day: Day, rules: RuleSet): Segment<TierTable> {
  const seg = tierSegmentAt(rules, day);
  if (!seg)
    throw new LocumError(
      `no tier table covers ${dayToUk(day)}: add that year's table (LocumRules sheet or --rules FILE), or give the September CPI to project it (a LocumRules row of Kind CPI, or --cpi)`,
      "na",
    );
  return seg;
}

/** The band holding an annualised figure, compared in whole pounds rounded down (§4). */
export function tierIn(segment: Segment<TierTable>, annualised: Decimal): TierResult {
  const c = compile(segment.table);
  const pounds = annualised.floor().toNumber(); // whole pounds: exact as a JS integer
  let i = 0;
  while (pounds > c.upTo[i]) i++;
  return { tier: i + 1, rate: c.rates[i], table: segment.table, segment };
}

export function tierAt(annualised: Decimal, day: Day, rules: RuleSet): TierResult {
  return tierIn(tierSegment(day, rules), annualised);
}
