// Turning what a user typed (a cell value or a command-line word) into checked engine values.
// Every message names the argument and says what is wrong, so a host can show it as it is.
import { cellToDay, type Day, dayFromYmd, dayToSerial, dayToUk, isExcelError, LocumError, textToDay } from "../rules";
import { Money } from "./money";
import type Decimal from "decimal.js";

/** The first day the engine covers: the 2015 Scheme's first tier table. */
export const FIRST_DAY: Day = dayFromYmd(2015, 4, 1);
/**
 * The last day taken: later is a slip (a serial typed as a number, a year mistyped), not a day of
 * work or pay. Tables a user adds for later years still work up to it.
 */
export const LAST_DAY: Day = dayFromYmd(2099, 12, 31);

const isBlank = (v: unknown) => v === null || v === undefined || v === "";

/** What is wrong with an argument, as data: a reader decides on it, never on the message's words. */
export type ArgProblem =
  | "empty"
  | "excel error"
  /** Text where a number goes ("200", "£1,200.00"): a number stored as text, often from an import. */
  | "number as text"
  | "not a number"
  | "not finite"
  | "negative"
  | "too large"
  | "zero"
  | "fraction of a penny"
  | "not a date"
  | "after last day"
  | "before first day"
  | "not whole days"
  | "other scheme"
  | "not a country";

/**
 * A bad argument: `arg` is its name ("Date paid"), `problem` what is wrong, `said` the message
 * without the name ("is not a date: …"), so a host can put its own name for the cell in front.
 */
export class ArgError extends LocumError {
  constructor(
    readonly arg: string,
    readonly problem: ArgProblem,
    readonly said: string,
    message = `${arg} ${said}`,
  ) {
    super(message);
  }
}

/**
 * The most any amount of money may be (a sanity limit, not a scheme rule): far past a locum's year
 * (the forms take at most £100,000 a row), and far inside what a cell holds to the penny (about
 * £90 trillion), so no sum, annualised figure or contribution is ever rounded away or infinite.
 */
export const MONEY_LIMIT = 1_000_000_000;

/** The one message for an amount past MONEY_LIMIT, wherever it is given. */
export function moneyTooLargeText(name: string, shown: string): string {
  return `${name} ${tooLargeSaid(shown)}`;
}

const tooLargeSaid = (shown: string) =>
  `is ${shown}, more than £1,000,000,000.00, the most an amount may be (a sanity limit, not a scheme rule): check the amount (a date, a reference or a total typed as money?)`;

/** An Excel error value ("#REF!") where a value goes. */
function excelError(v: string, name: string): ArgError {
  return new ArgError(name, "excel error", `holds the Excel error ${v.trim()}: fix that cell first`);
}

function tooLarge(name: string, shown: string): ArgError {
  return new ArgError(name, "too large", tooLargeSaid(shown));
}

function describe(v: unknown): string {
  return typeof v === "string" ? `the text "${v}"` : typeof v === "boolean" ? `${v ? "TRUE" : "FALSE"}` : String(v);
}

/**
 * Pounds: a finite number, never text (text in a money cell is usually an import gone wrong).
 * `pennies`: true (default) refuses a fraction of a penny; "snap" keeps a real fraction (an
 * annualised figure) but removes a formula's binary noise, so =B2/B3*365 giving 47845.99999999999
 * for £47,846 is not read as £47,845 when rounded down to whole pounds. `limit`: a caller with a
 * stricter limit of its own (a sessions row's fee) checks it after, in its own words.
 */
export function moneyArg(v: unknown, name: string, opts: { allowZero?: boolean; pennies?: boolean | "snap"; limit?: number } = {}): Decimal {
  if (isBlank(v)) throw new ArgError(name, "empty", "is empty: give an amount in pounds");
  if (isExcelError(v)) throw excelError(String(v), name);
  if (typeof v !== "number")
    throw new ArgError(name, typeof v === "string" ? "number as text" : "not a number", `must be a number of pounds, not ${describe(v)}`);
  if (!Number.isFinite(v)) throw new ArgError(name, "not finite", "must be a finite number");
  if (v < 0) throw new ArgError(name, "negative", `cannot be negative (${v})`);
  if (v > (opts.limit ?? MONEY_LIMIT)) throw tooLarge(name, String(v));
  if (v === 0 && opts.allowZero === false) throw new ArgError(name, "zero", "must be more than £0.00");
  if (opts.pennies === false) return new Money(v);
  if (opts.pennies === "snap") return snapNoise(new Money(v));
  return toPennies(new Money(v), name);
}

function snapNoise(d: Decimal): Decimal {
  const p = d.toDecimalPlaces(2);
  return d.minus(p).abs().lt("0.000001") ? p : d;
}

// A cell computed by a formula (=B2*1.2) can carry binary noise (120.00000000000001): that is
// snapped to the penny. A real fraction of a penny (100.005) is the user's to fix.
function toPennies(d: Decimal, name: string): Decimal {
  const p = d.toDecimalPlaces(2);
  if (p.eq(d)) return d;
  if (d.minus(p).abs().lt("0.000001")) return p;
  throw new ArgError(name, "fraction of a penny", `has a fraction of a penny (${d.toString()}): round it to pounds and pence`);
}

/** A money amount given as command-line text ("1234.56", "£1,234.56"). */
export function moneyText(t: string, name: string, opts: { allowZero?: boolean } = {}): Decimal {
  const clean = t
    .trim()
    .replace(/^£/, "")
    .replace(/,(?=\d{3}\b)/g, "");
  if (!/^\d+(\.\d+)?$/.test(clean)) {
    if (/^-/.test(clean)) throw new ArgError(name, "negative", `cannot be negative (${t})`);
    throw new ArgError(name, "not a number", `must be a number of pounds, not "${t}"`);
  }
  if (new Money(clean).gt(MONEY_LIMIT)) throw tooLarge(name, t.trim());
  if (opts.allowZero === false && new Money(clean).isZero()) throw new ArgError(name, "zero", "must be more than £0.00");
  return toPennies(new Money(clean), name);
}

/** A date: an Excel serial number, yyyy-mm-dd or dd/mm/yyyy text; from 1 April 2015 to 31 December 2099. */
export function dateArg(v: unknown, name: string): Day {
  if (isBlank(v)) throw new ArgError(name, "empty", "is empty: give a date");
  if (typeof v === "boolean") throw new ArgError(name, "not a date", `must be a date, not ${describe(v)}`);
  if (isExcelError(v)) throw excelError(String(v), name);
  const day = cellToDay(v);
  // A serial past Excel's last date (31/12/9999) is no day at all, but it is a date typed too far.
  if (day === null && !(typeof v === "number" && v > dayToSerial(LAST_DAY))) {
    throw new ArgError(name, "not a date", `is not a date: ${describe(v)} (use a date cell, yyyy-mm-dd or dd/mm/yyyy)`);
  }
  if (day === null || day > LAST_DAY) {
    throw new ArgError(
      name,
      "after last day",
      `${day === null ? `${describe(v)} (as a date serial)` : dayToUk(day)} is after 31/12/2099, the last date taken: check the year (or a number typed where a date goes)`,
    );
  }
  if (day < FIRST_DAY) {
    throw new ArgError(name, "before first day", `${dayToUk(day)} is before 01/04/2015: the 2015 Scheme tables start then`);
  }
  return day;
}

/** A date given as command-line text: yyyy-mm-dd or dd/mm/yyyy (d/m/yyyy too); from 1 April 2015 to 31 December 2099. */
export function dateText(t: string, name: string): Day {
  if (textToDay(t) === null) {
    throw new ArgError(name, "not a date", `is not a date: "${t}" (use a date like 2025-04-01 or 01/04/2025)`);
  }
  return dateArg(t, name);
}

/**
 * Days of service given as command-line text: a whole number from 1 to the days from start to end
 * (a day cannot be worked twice). Checked against the span only when end is not before start
 * (that mistake has its own message).
 */
export function daysText(t: string, name: string, start: Day, end: Day): number {
  const span = end - start + 1;
  const n = /^\s*\d+\s*$/.test(t) ? Number(t) : NaN;
  if (span >= 1 && !(n >= 1 && n <= span)) {
    throw new ArgError(
      name,
      "not whole days",
      `must be a whole number of days from 1 to ${span} (the days from ${dayToUk(start)} to ${dayToUk(end)}), not "${t}"`,
    );
  }
  if (!(n >= 1)) throw new ArgError(name, "not whole days", `must be a whole number of days, at least 1, not "${t}"`);
  return n;
}

/** A whole number of days, at least 1. */
export function daysArg(v: unknown, name: string): number {
  if (typeof v === "string" && /^\s*\d+\s*$/.test(v)) v = Number(v);
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ArgError(name, "not whole days", `must be a whole number of days, not ${describe(v)}`);
  if (!Number.isInteger(v) || v < 1) throw new ArgError(name, "not whole days", `must be a whole number of days, at least 1 (got ${v})`);
  return v;
}

/** England or Wales only: Scotland and Northern Ireland run their own schemes. */
export function countryArg(v: unknown, name = "country"): "England" | "Wales" {
  const t = String(v ?? "")
    .trim()
    .toLowerCase();
  if (t === "" || t === "england" || t === "eng") return "England";
  if (t === "wales" || t === "cymru") return "Wales";
  if (t === "scotland" || t === "northern ireland" || t === "ni") {
    const said = `${String(v).trim()} runs its own NHS pension scheme; this tool covers England and Wales only`;
    throw new ArgError(name, "other scheme", said, `${name}: ${said}`);
  }
  throw new ArgError(name, "not a country", `must be England or Wales, not ${describe(v)}`);
}
