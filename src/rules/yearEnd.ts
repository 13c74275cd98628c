// The year end's dated facts (src/rules/yearEnd.json): the Type 2 self-assessment deadline, the
// annual allowance of each tax year, the 2015 Scheme's accrual and revaluation. Checked when loaded,
// so a slip in the file is named there, never met as a wrong date in a report.
import builtIn from "./yearEnd.json";
import { type Day, dayFromYmd, isoToDay } from "./day";
import { LocumError } from "./errors";
import type { Sourced } from "./types";

/** A year-end row: `from` and `to` are scheme or tax year labels ("2024/25"), both inclusive. */
type YearSpan = Sourced;

/** A Type 2 deadline: a fixed date, or a day of the calendar year after the scheme year ends ("02-28"). */
export interface Type2DeadlineEntry extends YearSpan {
  date?: string;
  monthDay?: string;
}

export interface AllowanceEntry extends YearSpan {
  /** Whole pounds, as text. */
  amount: string;
  /** What the taper does (never modelled: said wherever the allowance is shown). */
  tapered: string;
}

export interface AccrualEntry extends YearSpan {
  /** 54: a year's pension is 1/54 of its pensionable pay. */
  denominator: number;
  /** 0.015: active members' pension is revalued by CPI plus this. */
  revaluationAboveCpi: string;
}

export interface YearEndData {
  type2Deadlines: Type2DeadlineEntry[];
  annualAllowance: AllowanceEntry[];
  accrual: AccrualEntry[];
}

/** 2024 → "2024/25": a scheme year or a tax year by the year it starts in (yearOfLabel reads it back). */
export function labelOfYear(y: number): string {
  return `${y}/${String((y + 1) % 100).padStart(2, "0")}`;
}

/** "2024/25" → 2024; null when the label is not a year and the one after it. */
export function yearOfLabel(label: string): number | null {
  const m = /^(\d{4})\/(\d{2})$/.exec(String(label).trim());
  if (!m) return null;
  const y = Number(m[1]);
  return Number(m[2]) === (y + 1) % 100 ? y : null;
}

const RATE = /^0?\.\d+$|^0$/;

function spanProblems(e: YearSpan): string[] {
  const out: string[] = [];
  const from = yearOfLabel(e.from);
  const to = yearOfLabel(e.to);
  if (from === null) out.push(`"from" must be a year such as 2024/25, not ${JSON.stringify(e.from)}`);
  if (to === null) out.push(`"to" must be a year such as 2024/25, not ${JSON.stringify(e.to)}`);
  if (from !== null && to !== null && to < from) out.push(`"to" (${e.to}) is before "from" (${e.from})`);
  if (e.status !== "confirmed" && e.status !== "provisional") out.push(`status must be confirmed or provisional, not ${JSON.stringify(e.status)}`);
  if (typeof e.source !== "string" || !e.source.trim()) out.push("give its source");
  return out;
}

function entryProblems(kind: keyof YearEndData, e: Type2DeadlineEntry | AllowanceEntry | AccrualEntry): string[] {
  const out = spanProblems(e);
  if (kind === "type2Deadlines") {
    const t = e as Type2DeadlineEntry;
    if ((t.date === undefined) === (t.monthDay === undefined)) out.push('give either "date" (yyyy-mm-dd) or "monthDay" (mm-dd), not both or neither');
    if (t.date !== undefined && isoToDay(t.date) === null) out.push(`"date" must be yyyy-mm-dd, not ${JSON.stringify(t.date)}`);
    if (t.monthDay !== undefined && (!/^\d{2}-\d{2}$/.test(t.monthDay) || isoToDay(`2001-${t.monthDay}`) === null))
      out.push(`"monthDay" must be mm-dd (02-28), not ${JSON.stringify(t.monthDay)}`);
  } else if (kind === "annualAllowance") {
    const a = e as AllowanceEntry;
    if (!/^\d+$/.test(String(a.amount)) || Number(a.amount) <= 0) out.push(`"amount" must be whole pounds as text ("60000"), not ${JSON.stringify(a.amount)}`);
    if (typeof a.tapered !== "string") out.push('"tapered" must say how the taper works (it is not modelled)');
  } else {
    const a = e as AccrualEntry;
    if (!Number.isInteger(a.denominator) || a.denominator < 1) out.push(`"denominator" must be a whole number (54), not ${JSON.stringify(a.denominator)}`);
    if (!RATE.test(String(a.revaluationAboveCpi)))
      out.push(`"revaluationAboveCpi" must be a fraction as text ("0.015"), not ${JSON.stringify(a.revaluationAboveCpi)}`);
  }
  return out;
}

/** The year-end data, every entry checked; problems name the entry (`where: type2Deadlines[1] (...)`). */
export function parseYearEndData(json: unknown, where: string): YearEndData {
  if (!json || typeof json !== "object" || Array.isArray(json))
    throw new LocumError(`${where}: expected a JSON object with "type2Deadlines", "annualAllowance" and "accrual"`);
  const o = json as Record<string, unknown>;
  const kinds = ["type2Deadlines", "annualAllowance", "accrual"] as const;
  for (const k of kinds) if (!Array.isArray(o[k])) throw new LocumError(`${where}: "${k}" must be a list`);
  for (const k of kinds) {
    (o[k] as YearSpan[]).forEach((e, i) => {
      const problems = e && typeof e === "object" ? entryProblems(k, e as Type2DeadlineEntry) : ["must be an object"];
      if (problems.length) throw new LocumError(`${where}: ${k}[${i}]${e && typeof e === "object" && e.label ? ` (${e.label})` : ""}: ${problems.join("; ")}`);
    });
  }
  return {
    type2Deadlines: o.type2Deadlines as Type2DeadlineEntry[],
    annualAllowance: o.annualAllowance as AllowanceEntry[],
    accrual: o.accrual as AccrualEntry[],
  };
}

export const YEAR_END_DATA: YearEndData = parseYearEndData(builtIn, "built-in year-end data (src/rules/yearEnd.json)");

/** The entry covering a year: the last listed that does (an exception after its standing rule). */
function covering<T extends YearSpan>(list: T[], year: number): T | null {
  let hit: T | null = null;
  for (const e of list) if (yearOfLabel(e.from)! <= year && year <= yearOfLabel(e.to)!) hit = e;
  return hit;
}

export interface Type2Deadline {
  day: Day;
  entry: Type2DeadlineEntry;
}

/** When the Type 2 self-assessment of scheme year `year` (2024 = 2024/25) is due; null when no entry covers it. */
export function type2Deadline(year: number, data: YearEndData = YEAR_END_DATA): Type2Deadline | null {
  const e = covering(data.type2Deadlines, year);
  if (!e) return null;
  if (e.date) return { day: isoToDay(e.date)!, entry: e };
  const [m, d] = e.monthDay!.split("-").map(Number);
  // The scheme year ends on 31 March of year + 1; "28 February after it" is in year + 2.
  return { day: dayFromYmd(year + 2, m, d), entry: e };
}

/** The annual allowance of tax year `taxYear` (2024 = 6 April 2024 to 5 April 2025); null when not covered. */
export function annualAllowanceOf(taxYear: number, data: YearEndData = YEAR_END_DATA): AllowanceEntry | null {
  return covering(data.annualAllowance, taxYear);
}

/** The accrual and revaluation of scheme year `year`; null when not covered. */
export function accrualOf(year: number, data: YearEndData = YEAR_END_DATA): AccrualEntry | null {
  return covering(data.accrual, year);
}
