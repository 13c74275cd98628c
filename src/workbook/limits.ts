// How long a printed text may be, and the largest fee one row may hold. The lengths were measured
// on the forms (rendered, read back with pdftotext, looked at as PNGs): the longest ordinary text
// (words in mixed case, an address, an invoice number) that prints whole, without "…", on Form A,
// Form B and the PCSE Online entry sheet, rounded down. Wide capitals (WWW) print fewer: past these
// lengths the fitter still shrinks, wraps and cuts, but a text this long is refused up front.
import { thousands } from "../rules";
import type Decimal from "decimal.js";
import { Money, pounds } from "../engine";

/**
 * Sessions cells. The practice name takes two small lines in Form B's table: names in words fit
 * whole up to 111 to 117 characters (102 in capitals); an invoice number 51 (39 in wide capitals
 * such as "WMQ-HKDBW"); a code 11 (ODS codes have at most 8).
 */
export const SESSION_TEXT_LIMITS = { practice: 110, invoice: 40, code: 10 } as const;

/**
 * Locum details printed on the forms; the entry sheet prints each on one line, so it sets most of
 * these: a name fits whole up to 55 characters (48 in capitals), an address 77 (67 in capitals),
 * an email 72, an EA code 24 to 28, a Host LHB reference 27 to 34.
 */
export const DETAIL_TEXT_LIMITS = { surname: 45, otherNames: 45, address: 75, email: 70, eaCode: 20, hostLhbRef: 25 } as const;

/**
 * The most one sessions row's fee may be: a sanity limit, not a rule of the scheme. A day's or an
 * invoice's fee above it is a slip (an invoice number or a date typed in the Fee column).
 */
export const FEE_LIMIT = new Money(100_000);

/** Characters as a person counts them (an accented letter is one). */
export const textLength = (t: string) => Array.from(t).length;

/** "is 32,767 characters long; the forms print at most 100: shorten it" */
export function tooLongText(length: number, most: number): string {
  return `is ${thousands(length)} characters long; the forms print at most ${most}: shorten it`;
}

export function feeTooLargeText(fee: Decimal): string {
  return `${pounds(fee)} is more than ${pounds(FEE_LIMIT)}, the most one row may hold (a sanity limit, not a scheme rule): check the amount (an invoice number or a date typed in the Fee column?)`;
}
