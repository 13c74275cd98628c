import type Decimal from "decimal.js";
import { type Day, dayToUk, type EmployerRate, employerSegmentAt, LocumError, type RuleSet } from "../rules";
import { Money, toPenny } from "./money";
import type { Settings } from "./settings";

/** 10 % of a locum fee is deemed expenses: never more, never less (§2). */
export const PENSIONABLE_SHARE = new Money("0.9");

/** Form A Box 2: 90 % of the fee (Box 1), to the penny. */
export function pensionablePay(fee: Decimal, settings: Settings): Decimal {
  return toPenny(fee.times(PENSIONABLE_SHARE), settings);
}

export interface EmployerResult {
  amount: Decimal;
  rate: Decimal;
  table: EmployerRate;
}

const rateCache = new WeakMap<EmployerRate, Decimal>();

/** Form A Box 3: the employer contribution on Box 2 at the rate in force on the date paid. */
export function employerContribution(pensionable: Decimal, datePaid: Day, rules: RuleSet, settings: Settings): EmployerResult {
  const seg = employerSegmentAt(rules, datePaid);
  if (!seg) throw new LocumError(`no employer rate covers ${dayToUk(datePaid)}: add it (LocumRules sheet or --rules FILE)`, "na");
  let rate = rateCache.get(seg.table);
  if (!rate) rateCache.set(seg.table, (rate = new Money(seg.table.rate)));
  return { amount: toPenny(pensionable.times(rate), settings), rate, table: seg.table };
}

/** Employee contribution: one tier rate on the whole pay (not sliced like income tax, §4). */
export function employeeContribution(pensionable: Decimal, rate: Decimal, settings: Settings): Decimal {
  return toPenny(pensionable.times(rate), settings);
}

/**
 * What was due at `rate` on Forms B of boxes a `boxesA` and on `rest` (pay on no Form B), by the
 * yearEndRounding setting: Form B by Form B as box b is rounded (default), or once for the year.
 * The one rule behind the year end's due and the forms' warning of a tier rate paid too low.
 */
export function dueAtRate(boxesA: Decimal[], rest: Decimal, rate: Decimal, settings: Settings): Decimal {
  if (settings.yearEndRounding === "year")
    return employeeContribution(
      boxesA.reduce((n, a) => n.plus(a), rest),
      rate,
      settings,
    );
  return boxesA.reduce((n, a) => n.plus(employeeContribution(a, rate, settings)), employeeContribution(rest, rate, settings));
}
