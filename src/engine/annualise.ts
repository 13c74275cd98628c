import type Decimal from "decimal.js";
import { LocumError } from "../rules";
import { daysInSchemeYear, schemeYearEnd, schemeYearLabel, schemeYearStart } from "./schemeYear";
import type { Settings } from "./settings";

/**
 * Annualised pay = pay ÷ days of pensionable service in the scheme year × days in the scheme year
 * (§4). Unrounded: the tier lookup rounds down to whole pounds, reports round to the penny.
 */
export function annualise(pay: Decimal, daysOfService: number, schemeYear: number, settings: Settings): Decimal {
  const yearDays = daysInSchemeYear(schemeYear, settings);
  if (!Number.isInteger(daysOfService) || daysOfService < 1) {
    throw new LocumError(`days of service must be a whole number of days, at least 1 (got ${daysOfService})`);
  }
  return pay.times(yearDays).div(daysOfService);
}

/** annualise() for pay earned inside one scheme year: service cannot exceed that year's days. */
export function annualiseInYear(pay: Decimal, daysOfService: number, schemeYear: number, settings: Settings): Decimal {
  const actual = schemeYearEnd(schemeYear) - schemeYearStart(schemeYear) + 1;
  if (daysOfService > actual) {
    throw new LocumError(`days of service (${daysOfService}) cannot be more than the ${actual} days of scheme year ${schemeYearLabel(schemeYear)}`);
  }
  return annualise(pay, daysOfService, schemeYear, settings);
}
