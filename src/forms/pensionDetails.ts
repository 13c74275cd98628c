// Last year's closing pension and the previous September's CPI, from Locum details (issue 9, §8):
// with both, the year end estimates the pension input amount against the annual allowance. Plain
// keys are for the workbook's scheme year; dated keys say which year by what the figure is (the
// closing pension on a scheme year's statement, the CPI of a September), so neither is ambiguous.
// The forms do not need them: a value that cannot be read is a warning (not used), never an error.
import type Decimal from "decimal.js";
import { cpiInRange, cpiOfCell, moneyArg, percent, type PensionInput, schemeYearLabel } from "../engine";
import type { Findings } from "../workbook/findings";

export type PensionWhat = "opening" | "cpi";

/** A pension detail's key: what it gives, and for which scheme year (null: the workbook's year). */
export type PensionKey = { what: PensionWhat; year: number | null } | { bad: string };

/** A pension detail as read from Locum details, before its value is checked. */
export interface PensionRow {
  key: string;
  value: unknown;
  row: number;
  /** The value's cell ("B17"). */
  cell: string;
}

export interface PensionGiven {
  value: Decimal;
  field: string;
  row: number;
  cell: string;
}

export interface PensionDetails {
  /** "Closing pension last year", "September CPI": for the workbook's scheme year. */
  plain: Partial<Record<PensionWhat, PensionGiven>>;
  /** By the scheme year they feed (2025 = 2025/26): "Closing pension 2024/25", "September CPI 2024". */
  byYear: Partial<Record<number, Partial<Record<PensionWhat, PensionGiven>>>>;
}

const words = (key: string) => key.trim().toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, " ");
const YEAR = String.raw`(\d{4})\s*[/-]\s*(\d{2}|\d{4})`;

/** "2024/25" → 2024; null when the second year does not follow the first. */
function yearOf(a: string, b: string): number | null {
  const y = Number(a);
  return Number(b) % 100 === (y + 1) % 100 ? y : null;
}

const OPENING_PLAIN = new Set([
  "closing pension last year",
  "last year's closing pension",
  "closing pension (last year)",
  "opening pension",
  "pension at the start of the year",
]);
const CPI_PLAIN = new Set([
  "september cpi",
  "cpi september",
  "previous september cpi",
  "previous september's cpi",
  "cpi (previous september)",
  "september cpi (previous year)",
]);
const HOW =
  'write "Closing pension 2024/25" (the pension on your statement at 31 March 2025, for the 2025/26 year end) or "Opening pension 2025/26", and "September CPI 2024" (the CPI of September 2024, for 2025/26)';

/** Whether a Locum details key is one of these (null: another detail). */
export function pensionKeyOf(key: string): PensionKey | null {
  const k = words(key);
  if (OPENING_PLAIN.has(k)) return { what: "opening", year: null };
  if (CPI_PLAIN.has(k)) return { what: "cpi", year: null };
  let m = new RegExp(`^closing pension (?:for |at the end of |of )?${YEAR}$`).exec(k);
  if (m) {
    const y = yearOf(m[1], m[2]);
    return y === null ? { bad: `cannot tell the scheme year: ${HOW}` } : { what: "opening", year: y + 1 };
  }
  m = new RegExp(`^opening pension (?:for |at the start of |of )?${YEAR}$`).exec(k);
  if (m) {
    const y = yearOf(m[1], m[2]);
    return y === null ? { bad: `cannot tell the scheme year: ${HOW}` } : { what: "opening", year: y };
  }
  m = /^(?:september cpi|cpi september|cpi of september|cpi for september) (\d{4})$/.exec(k);
  if (m) return { what: "cpi", year: Number(m[1]) + 1 };
  if (/^(closing pension|opening pension|september cpi|cpi september)\b/.test(k)) return { bad: `which year this is for cannot be told: ${HOW}` };
  return null;
}

/** A CPI as a fraction: 1.7% or 0.017; a plain 1.7 is read as 1.7 % (and said). */
function cpiOf(v: unknown, note: (text: string) => void): Decimal {
  const read = cpiOfCell(v);
  if (read === null) throw new Error(`${JSON.stringify(v)} is not a CPI: write it as a percentage such as 1.7% (the ONS figure for that September)`);
  const { cpi, plainPercent } = read;
  if (!cpiInRange(cpi)) throw new Error(`${percent(cpi)} is not a CPI of a September (−10% to 30%): write it as a percentage such as 1.7%`);
  if (plainPercent) note(`${String(v).trim()} is read as ${String(v).trim()}% (write ${String(v).trim()}% to say so)`);
  return cpi;
}

/** The rows' values checked: errors and notes placed at their cells. */
export function readPensionRows(rows: PensionRow[], out: Findings, sheet: string): PensionDetails {
  const got: PensionDetails = { plain: {}, byYear: {} };
  for (const r of rows) {
    const place = { sheet, row: r.row, field: r.key.trim(), cell: r.cell };
    const key = pensionKeyOf(r.key)!;
    if ("bad" in key) {
      out.warning(place, `${key.bad}; not used`, "pension detail");
      continue;
    }
    if (r.value === null || r.value === undefined || (typeof r.value === "string" && r.value.trim() === "")) continue;
    const into = key.year === null ? got.plain : (got.byYear[key.year] ??= {});
    const twin = into[key.what];
    if (twin) {
      out.warning(
        place,
        `given twice (rows ${twin.row} and ${r.row})${key.year === null ? "" : ` for ${schemeYearLabel(key.year)}`}: keep one of them; row ${twin.row} is used`,
        "pension detail",
      );
      continue;
    }
    try {
      const value =
        key.what === "opening" ? moneyArg(r.value, "the closing pension", { allowZero: true }) : cpiOf(r.value, (t) => out.warning(place, t, "rate as number"));
      into[key.what] = { value, field: place.field, row: r.row, cell: r.cell };
    } catch (e) {
      out.warning(place, `${(e as Error).message}; not used`, "pension detail");
    }
  }
  return got;
}

/**
 * The scheme years a figure given once (not per year) is for: the years that have ended, if any,
 * else all. One year: it is that year's; several: it cannot be told (the caller says so).
 */
export function plainYears(years: number[], ended: number[]): number[] {
  const done = years.filter((y) => ended.includes(y));
  return done.length ? done : years;
}

/**
 * The pension inputs of each scheme year of a year end: a year's own keys, else the plain ones when
 * the year end has one year to give them to (the years that have ended, if any, else all). A year
 * with only one of the two figures, or plain keys with several years, gets a message instead.
 */
export function pensionInputs(
  d: PensionDetails | undefined,
  years: number[],
  ended: number[],
  say: (at: PensionGiven, text: string, year?: number) => void,
): Partial<Record<number, PensionInput>> {
  const out: Partial<Record<number, PensionInput>> = {};
  if (!d) return out;
  const plain =
    d.plain.opening || d.plain.cpi
      ? plainYears(
          years.filter((y) => !d.byYear[y]),
          ended,
        )
      : [];
  if (plain.length > 1) {
    say(
      (d.plain.opening ?? d.plain.cpi)!,
      `is for one scheme year, and this workbook has ${plain.map(schemeYearLabel).join(", ")}: ${HOW}, one pair per year; not used`,
    );
  }
  for (const y of Object.keys(d.byYear).map(Number)) {
    if (!years.includes(y))
      say(
        (d.byYear[y]!.opening ?? d.byYear[y]!.cpi)!,
        `is for the ${schemeYearLabel(y)} year end, and this workbook has no work in ${schemeYearLabel(y)}: not used (${HOW})`,
      );
  }
  for (const y of years) {
    const own = d.byYear[y] ?? (plain.length === 1 && plain[0] === y ? d.plain : undefined);
    if (!own) continue;
    if (own.opening && own.cpi) out[y] = { opening: own.opening.value, cpi: own.cpi.value };
    else {
      const has = (own.opening ?? own.cpi)!;
      say(
        has,
        `the ${schemeYearLabel(y)} pension input amount needs both last year's closing pension and the previous September's CPI: give the ${own.opening ? "CPI" : "closing pension"} too (${HOW})`,
        y,
      );
    }
  }
  return out;
}
