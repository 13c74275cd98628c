// Calendar days as whole numbers (days since 1970-01-01, UTC). Integer day numbers make
// spans, comparisons and day counts exact and cheap; no time zone can shift a date.

export type Day = number;

const MS_PER_DAY = 86_400_000;
/** Excel's 1900 date system: serial 25569 is 1970-01-01 (serial 61 is 1 March 1900). */
export const EXCEL_EPOCH_OFFSET = 25569;

export function dayFromYmd(y: number, m: number, d: number): Day {
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function ymdOfDay(day: Day): { y: number; m: number; d: number } {
  const dt = new Date(day * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function checked(y: number, m: number, d: number): Day | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const day = dayFromYmd(y, m, d);
  const back = ymdOfDay(day);
  return back.y === y && back.m === m && back.d === d ? day : null; // rejects 31/02
}

/** "2022-09-01" → Day, or null when the text is not a real ISO date. */
export function isoToDay(text: string): Day | null {
  const m = ISO.exec(text.trim());
  return m ? checked(+m[1], +m[2], +m[3]) : null;
}

/** ISO "yyyy-mm-dd" or UK "dd/mm/yyyy" text → Day, or null. */
export function textToDay(text: string): Day | null {
  const t = text.trim();
  const uk = UK.exec(t);
  if (uk) return checked(+uk[3], +uk[2], +uk[1]);
  return isoToDay(t);
}

export function dayToIso(day: Day): string {
  const { y, m, d } = ymdOfDay(day);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** dd/mm/yyyy, the way a UK reader expects a date. */
export function dayToUk(day: Day): string {
  const { y, m, d } = ymdOfDay(day);
  return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
}

/** An ISO date as a UK reader reads it: "2026-04-01" → "01/04/2026" (text that is not a date, unchanged). */
export function isoToUk(iso: string): string {
  const d = isoToDay(iso);
  return d === null ? iso : dayToUk(d);
}

/** Excel's last date, 31/12/9999: a larger number is no date (and past it a Day would print NaN). */
export const LAST_SERIAL = 2958465;

/** Excel serial (1900 system) → Day; a time of day is dropped. Null below serial 61 or past 31/12/9999. */
export function serialToDay(serial: number): Day | null {
  if (!Number.isFinite(serial) || serial < 61 || serial >= LAST_SERIAL + 1) return null;
  return Math.floor(serial) - EXCEL_EPOCH_OFFSET;
}

export function dayToSerial(day: Day): number {
  return day + EXCEL_EPOCH_OFFSET;
}

/** A workbook that counts dates from 1904 (Excel for Mac's old default) numbers every day 1,462 lower. */
const DATE1904_OFFSET = 1462;

/** A day as a serial of the workbook's own date system. */
export function dayToSerialIn(day: Day, date1904: boolean | undefined): number {
  return dayToSerial(day) - (date1904 ? DATE1904_OFFSET : 0);
}

/** A cell's value with a 1904 workbook's serial made a 1900 one (anything else as it is), for the readers. */
export function from1904(v: unknown, date1904: boolean | undefined): unknown {
  return date1904 && typeof v === "number" ? v + DATE1904_OFFSET : v;
}

/**
 * Today by the computer's clock, as the person at it reads the date (local time): every host's
 * default for "today" (past due dates, years in progress, the day a template is made).
 */
export function todayDay(): Day {
  const now = new Date();
  return dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** A cell value as a date: an Excel serial, ISO text or dd/mm/yyyy text, else null. */
export function cellToDay(value: unknown): Day | null {
  if (typeof value === "number") return serialToDay(value);
  if (typeof value === "string") return textToDay(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return dayFromYmd(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  return null;
}
