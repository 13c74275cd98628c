import { MONTH_NAMES } from "./schemeYear";
import { LocumError } from "../rules";
import type { Settings } from "./settings";

// "MAR": the month's first three letters, as PCSE's reference writes it.
const MONTHS = MONTH_NAMES.map((m) => m.slice(0, 3).toUpperCase());

/**
 * An SD (pension) number as 8 digits. Excel drops a leading zero from a number cell, so a number
 * of fewer digits is padded back; text must already be 8 digits (spaces and dashes ignored).
 */
export function sdNumber(v: unknown, name = "SD number"): string {
  let t: string;
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 0 || v > 99_999_999) throw new LocumError(`${name} must be 8 digits, not ${v}`);
    t = String(v).padStart(8, "0");
  } else if (typeof v === "string") {
    t = v.replace(/[\s-]/g, "");
  } else {
    throw new LocumError(`${name} is empty: give the 8-digit SD (pension) number`);
  }
  if (t === "") throw new LocumError(`${name} is empty: give the 8-digit SD (pension) number`);
  if (!/^\d{8}$/.test(t)) throw new LocumError(`${name} must be 8 digits, not "${String(v)}"`);
  return t;
}

/**
 * The payment reference PCSE matches money to forms with (§3): SD number + LOC + month + year of the
 * Form B month, e.g. 12345678LOCMAR2023 (PCSE's current page: "Month (3 characters) and Year (4
 * characters)"); 12345678LOCFEB17 with the two-digit setting (an older page's 16-character BACS form).
 */
export function upr(sd: unknown, year: number, month: number, settings: Settings): string {
  const yy = settings.uprYearDigits === 4 ? String(year) : String(year % 100).padStart(2, "0");
  return `${sdNumber(sd)}LOC${MONTHS[month - 1]}${yy}`;
}
