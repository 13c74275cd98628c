import type Decimal from "decimal.js";
import { type Day, dayToUk, LocumError, notFinal, type RuleSet, type TierTable } from "../rules";
import { annualise } from "./annualise";
import { apportion } from "./apportion";
import { ZERO } from "./money";
import { employeeContribution } from "./pay";
import { inclusiveDays } from "./schemeYear";
import type { Settings } from "./settings";
import { tierIn } from "./tiers";

export interface ContribInput {
  earnings: Decimal;
  start: Day;
  end: Day;
  /** Days actually in pensionable service in [start, end]; absent: every day (continuous service). */
  daysOfService?: number;
}

/** One row of the explanation: a slice of the span, its own table and tier. */
export interface ContribPart {
  start: Day;
  end: Day;
  days: number;
  schemeYear: number;
  earnings: Decimal;
  annualised: Decimal;
  tier: number;
  rate: Decimal;
  contribution: Decimal;
  table: TierTable;
}

export interface ContribResult {
  earnings: Decimal;
  start: Day;
  end: Day;
  daysOfService: number;
  continuous: boolean;
  total: Decimal;
  /** The annualised figure of the first scheme year (each part carries its own). */
  annualised: Decimal;
  /** True when any part used a provisional table: every report must say so. */
  provisional: boolean;
  parts: ContribPart[];
  /** The settings used (reports name those that are not the defaults). */
  settings: Settings;
}

/**
 * Employee contributions on earnings over [start, end]: apportioned by day across scheme years and
 * tables, each part at the rate its own table gives the scheme year's annualised figure (§4, §5).
 * Spread evenly, pay per day of service is the same in every year, so the annualised figure of year
 * Y is earnings ÷ days of service × days in Y.
 */
export function contributions(input: ContribInput, rules: RuleSet, settings: Settings): ContribResult {
  const { earnings, start, end } = input;
  if (end < start) throw new LocumError(`end ${dayToUk(end)} is before start ${dayToUk(start)}`);
  const span = inclusiveDays(start, end);
  const service = input.daysOfService ?? span;
  if (service > span) {
    throw new LocumError(`days of service (${service}) cannot be more than the ${span} days from ${dayToUk(start)} to ${dayToUk(end)}`);
  }
  const slices = apportion(earnings, start, end, rules, settings);
  let total = ZERO;
  let provisional = false;
  const parts: ContribPart[] = slices.map((s) => {
    const annualised = annualise(earnings, service, s.schemeYear, settings);
    const { tier, rate, table } = tierIn(s.segment, annualised);
    const contribution = employeeContribution(s.earnings, rate, settings);
    total = total.plus(contribution);
    provisional ||= notFinal(table.status);
    return { start: s.start, end: s.end, days: s.days, schemeYear: s.schemeYear, earnings: s.earnings, annualised, tier, rate, contribution, table };
  });
  return {
    earnings,
    start,
    end,
    daysOfService: service,
    continuous: input.daysOfService === undefined,
    total,
    annualised: parts[0].annualised,
    provisional,
    parts,
    settings,
  };
}
