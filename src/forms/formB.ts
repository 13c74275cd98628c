// GP Locum B: one per calendar month of pay received, listing that month's Forms A (§3).
// a = Σ Box 2; b = a × tier rate; c–f only when given; g = b+c+d+e+f; h = Σ Box 3 (sum of rounded
// lines, §7); i = g + h; j = cumulative locum pensionable pay in the scheme year to this month.
import type Decimal from "decimal.js";
import { employeeContribution, formBDueDate, schemeYearOf, type Settings, toPenny, upr, ZERO } from "../engine";
import type { Day } from "../rules";
import { monthOfKey, monthStart } from "./months";
import type { FormA, FormB, LocumDetails, TierChoice } from "./model";

/** `sent`: when the month's forms went (or go) to PCSE, for the year end's tax year; null when unknown. */
export function buildFormB(
  monthKey: string,
  formsA: FormA[],
  tier: TierChoice,
  locum: LocumDetails,
  settings: Settings,
  jBefore: Decimal,
  sent: Day | null = null,
): FormB {
  const { year, month } = monthOfKey(monthKey);
  const first = monthStart(monthKey);
  const a = formsA.reduce((t, f) => t.plus(f.box2), ZERO);
  const b = employeeContribution(a, tier.rate, settings);
  const onA = (r: Decimal | null) => (r ? toPenny(a.times(r), settings) : null);
  const c = onA(locum.addedYearsRate);
  const d = locum.mpavcRate ? onA(locum.mpavcRate) : locum.mpavcAmount;
  const e = locum.additionalPension;
  const f = onA(locum.errboRate);
  const g = [c, d, e, f].reduce<Decimal>((t, x) => (x ? t.plus(x) : t), b);
  const h = formsA.reduce((t, x) => t.plus(x.box3), ZERO);
  return {
    id: monthKey,
    monthKey,
    year,
    month,
    upr: upr(locum.sdNumber, year, month, settings),
    schemeYear: schemeYearOf(first),
    formsA,
    tier,
    a,
    b,
    c,
    d,
    e,
    f,
    g,
    h,
    i: g.plus(h),
    j: jBefore.plus(a),
    dueDate: formBDueDate(first),
    paidAfterMonth: formsA.some((f) => f.paidAfterMonth),
    sent,
  };
}
