import { thousands } from "../rules";
import Decimal from "decimal.js";
import type { Settings } from "./settings";

/** Our own Decimal: 34 significant digits, half-up by default, never exponent notation for money. */
export const Money = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -20, toExpPos: 30 });
export type Money = Decimal;

export const ZERO = new Money(0);

const MODES = { "half-up": Decimal.ROUND_HALF_UP, "half-even": Decimal.ROUND_HALF_EVEN } as const;

/** Round to the penny with the configured mode (OPEN §7: half up unless set otherwise). */
export function toPenny(x: Decimal, settings: Settings): Decimal {
  return x.toDecimalPlaces(2, MODES[settings.rounding]);
}

/**
 * An annualised figure as shown to a person or a program: truncated to the penny (ROUND_DOWN),
 * never rounded up, so it never reads above the whole pounds the tier is looked up on (§4):
 * £15,431.99 looks up £15,431, where a rounded £15,432.00 would seem to be in the next band.
 */
export function annualisedShown(x: Decimal): Decimal {
  return x.toDecimalPlaces(2, Decimal.ROUND_DOWN);
}

/** "1234.5" → "1234.50": the machine form used in JSON. */
export function money2(x: Decimal): string {
  return x.toFixed(2);
}

/** £1,234.56 (−£12.00 for negatives): the form a person reads. */
export function pounds(x: Decimal): string {
  const [int, frac] = x.abs().toFixed(2).split(".");
  return `${x.isNegative() && !x.isZero() ? "−" : ""}£${thousands(int)}.${frac}`;
}

/** 0.145 → "14.5%" */
export function percent(rate: Decimal): string {
  return `${rate.times(100).toString()}%`;
}
