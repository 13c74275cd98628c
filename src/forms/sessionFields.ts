// One small parser per kind of Sessions field: a cell's value → the field's value, or what is wrong
// with it (a Bad, which the row reader says on the field). Parsers decide on the engine's typed
// errors (ArgError.problem), never on a message's words. A sheet repeats its cells (a practice's
// name, a Date paid, a fee), so each distinct cell value is parsed once per sheet (SheetCells).
import type Decimal from "decimal.js";
import { ArgError, dateArg, moneyArg } from "../engine";
import { type Day, from1904, isBlankCell, isExcelError } from "../rules";
import { type Field, FIELD_NAMES, normaliseHeader } from "../workbook/columns";
import { FEE_LIMIT, SESSION_TEXT_LIMITS, textLength, tooLongText } from "../workbook/limits";
import { reason, unprintableText } from "../workbook/findings";
import type { Engagement, WorkType } from "./model";

/** What is wrong with a cell, as said on its field; `kind` names the finding (the field when absent). */
export class Bad {
  constructor(
    readonly text: string,
    readonly kind?: string,
    /** Whether the hint for a column found under another name ("Type" read as Work type) follows. */
    readonly hint = false,
  ) {}
}

/** A text cell read once: whether it is an Excel error, its words with spaces made single, and (when asked) its length and the characters the form font lacks. */
interface TextCell {
  error: boolean;
  text: string;
  length?: number;
  missing?: string[];
}

/** What a sheet's cells were read as, by value: each distinct cell is parsed once. */
export class SheetCells {
  readonly texts = new Map<unknown, TextCell>();
  readonly dates = new Map<unknown, Day | Bad>();
  readonly fees = new Map<unknown, Fee | Bad>();
  readonly codes = new Map<string, Code>();
  readonly choices: { [F in ChoiceField]: Map<unknown, ReturnType<(typeof CHOICES)[F]>> } = {
    workType: new Map(),
    engagedVia: new Map(),
    appraisalAuthorised: new Map(),
  };

  constructor(
    /** The characters a text cannot be printed with (unprintableWith): a printed field naming them is an error. */
    readonly unprintable?: (text: string) => string[],
    /** Date serials count from 1904. */
    readonly date1904 = false,
  ) {}
}

/** A value parsed once per sheet: cells are kept by value (an object cell, such as a Date, is rare: parsed each time). */
function once<T>(cache: Map<unknown, T>, v: unknown, parse: (v: unknown) => T): T {
  if (typeof v === "object" && v !== null) return parse(v);
  let got = cache.get(v);
  if (got === undefined) cache.set(v, (got = parse(v)));
  return got;
}

/** The .xlsx reader gives a formula that was never calculated as its text ("=B2*1.2"). */
function formula(v: unknown): Bad | null {
  return typeof v === "string" && v.startsWith("=")
    ? new Bad(`holds a formula with no saved result (${v}): open the workbook in Excel and save it, so the result is stored`, "formula")
    : null;
}

/** The engine's error said on the field (its text follows the field's name, which the place gives). */
function engineBad(e: unknown, hint = ""): Bad {
  return new Bad((e instanceof ArgError ? e.said : reason(e)) + hint, undefined, true);
}

export type DateField = "first" | "last" | "paid" | "submitted";

function parseDate(v: unknown): Day | Bad {
  try {
    return dateArg(v, "date"); // the name is the field's, given by the place
  } catch (e) {
    return engineBad(e);
  }
}

/** A date cell (Date worked, Last day, Date paid, Date submitted); a 1904 workbook's serials are 1,462 days less. */
export function dateOf(v: unknown, cells: SheetCells): Day | Bad {
  return formula(v) ?? once(cells.dates, from1904(v, cells.date1904), parseDate);
}

/** A fee, and whether it passes FEE_LIMIT (the row is then bad, but the year end still lists its fee). */
export interface Fee {
  fee: Decimal;
  over: boolean;
}

const AS_TEXT_HINT = ": type the amount as a number (a number stored as text, often from an import, is not read)";

function parseFee(v: unknown): Fee | Bad {
  try {
    const fee = moneyArg(v, "Fee", { allowZero: false, limit: Infinity }); // FEE_LIMIT is stricter, in its own words
    return { fee, over: fee.gt(FEE_LIMIT) };
  } catch (e) {
    return engineBad(e, e instanceof ArgError && e.problem === "number as text" ? AS_TEXT_HINT : "");
  }
}

export function feeOf(v: unknown, cells: SheetCells): Fee | Bad {
  return formula(v) ?? once(cells.fees, v, parseFee);
}

function parseText(v: unknown): TextCell {
  return { error: isExcelError(v), text: isBlankCell(v) ? "" : String(v).trim().replace(/\s+/g, " ") };
}

const TEXT_LIMITS: Partial<Record<Field, number>> = SESSION_TEXT_LIMITS;

/** A printed text (Practice, Practice code, Invoice) or a note: not an Excel error, within its length, printable. */
export function textOf(v: unknown, f: Field, required: boolean, cells: SheetCells): string | Bad {
  const c = once(cells.texts, v, parseText);
  if (c.error) return new Bad(`holds the Excel error ${String(v).trim()}: fix the formula or type the value`, "excel error");
  if (required && c.text === "")
    return new Bad(
      `is empty: give the ${f === "practice" ? "practice's name (NHS England or the LHB for appraisal work)" : FIELD_NAMES[f].toLowerCase()}`,
      "empty",
    );
  const most = TEXT_LIMITS[f];
  if (most !== undefined && (c.length ??= textLength(c.text)) > most) return new Bad(tooLongText(c.length, most), "too long");
  if (f === "notes" || !cells.unprintable) return c.text;
  const missing = (c.missing ??= cells.unprintable(c.text));
  return missing.length ? new Bad(unprintableText(missing), "unprintable") : c.text;
}

/** A practice code with its spaces taken out, in capitals; `odd` when it does not look like an ODS or EA code. */
export interface Code {
  code: string;
  odd: boolean;
}

// ODS and EA codes are letters and digits with a digit among them (Y02345, B86021, Q99, 7A2 for a
// Welsh health board): "AM" is not one.
const ODS_CODE = /^(?=[A-Z0-9]*\d)[A-Z0-9]{2,8}$/;

export function codeOf(v: unknown, cells: SheetCells): Code | Bad {
  const t = textOf(v, "code", false, cells);
  if (t instanceof Bad) return t;
  let c = cells.codes.get(t);
  if (c === undefined) {
    const code = t.replace(/\s/g, "").toUpperCase();
    cells.codes.set(t, (c = { code, odd: code !== "" && !ODS_CODE.test(code) }));
  }
  return c;
}

/** The Session column (AM, PM, Full day): as written; an Excel error or blank is none. */
export function sessionOf(v: unknown): string {
  return isBlankCell(v) || isExcelError(v) ? "" : String(v).trim();
}

const WORK_TYPES: [WorkType, string[]][] = [
  ["practice", ["practice", "gppractice", "surgery", "locum", "gp", "nhs", "gms", "pms", "apms", "gmspmsapms", "clinical"]],
  ["appraisal", ["appraisal", "appraisals", "appraiser", "appraisalwork"]],
  ["out of hours", ["outofhours", "ooh", "oohs", "ooh111", "111"]],
  ["ICB", ["icb", "ccg", "icbwork", "ccgwork"]],
  ["private", ["private", "privatework", "nonnhs"]],
];
/**
 * A session's length or part of the day (a "Session" column: AM, PM, Full day): practice work, as a
 * session says how long, not what kind. Not a statement of the work type (the OOH check still looks).
 */
const SESSION_LENGTHS =
  /^(|sessions?|am|pm|ampm|morning|afternoon|evening|allday|fullday|full|halfday|half|day|double|doublesession|extended|extendedhours|\d{1,2}|\d{1,2}sessions?|\d{1,2}hours?|\d{1,2}hrs?)$/;

const ENGAGEMENTS: [Engagement, string[]][] = [
  ["direct", ["", "direct", "directly", "self", "selfemployed", "individual", "practice", "freelance", "sole", "soletrader"]],
  ["limited company", ["limitedcompany", "ltd", "ltdcompany", "limited", "company", "personalservicecompany", "psc"]],
  ["agency", ["agency", "locumagency", "deputisingservice", "commercialdeputisingservice", "chambers"]],
  ["independent provider", ["independentprovider", "independent", "privateprovider"]],
];
const YES = new Set(["yes", "y", "true", "1", "authorised", "authorized", "x", "✓"]);
const NO = new Set(["", "no", "n", "false", "0", "none"]);

export const APPRAISAL = /apprais/i;

export interface Work {
  type: WorkType;
  stated: boolean;
}

/** A Work type cell: a kind of work (stated), a session length or blank (practice, not stated). */
export function workTypeOf(v: unknown): Work | Bad {
  const n = normaliseHeader(v);
  if (SESSION_LENGTHS.test(n)) return { type: "practice", stated: false };
  // "NHS England appraisal", "GP appraisal (NHSE)": a work type saying appraisal is one.
  if (typeof v === "string" && APPRAISAL.test(v)) return { type: "appraisal", stated: true };
  const type = pick(WORK_TYPES, n);
  return type !== null
    ? { type, stated: true }
    : new Bad(
        `"${String(v).trim()}" is not a work type: use practice, appraisal, out of hours, ICB or private (or a session such as AM, PM, Full day)`,
        undefined,
        true,
      );
}

function pick<T>(table: [T, string[]][], n: string): T | null {
  for (const [value, names] of table) if (names.includes(n)) return value;
  return null;
}

export interface Engaged {
  kind: Engagement;
  scenario: number | null;
}

const notEngagement = (shown: string) =>
  new Bad(`"${shown}" is not a way of engagement: use direct, limited company, agency, independent provider, or PCN scenario 1 to 8`, undefined, true);

/** An Engaged via cell: direct (blank), limited company, agency, independent provider, or PCN with its scenario. */
export function engagementOf(v: unknown): Engaged | Bad {
  const t = String(v ?? "").trim();
  const pcn = /\b(?:pcn|scenario)\b\D*([1-8])\b/i.exec(t) ?? /^pcn\s*([1-8])$/i.exec(t);
  if (pcn) return { kind: "PCN", scenario: Number(pcn[1]) };
  if (/^pcn$/i.test(t)) return notEngagement(t + " (say which scenario, 1 to 8)");
  const kind = pick(ENGAGEMENTS, normaliseHeader(v));
  return kind !== null ? { kind, scenario: null } : notEngagement(String(v).trim());
}

/** An Appraisal authorised cell: yes or no (blank is no). */
export function yesNoOf(v: unknown): boolean | Bad {
  if (typeof v === "boolean") return v;
  const t = String(v ?? "")
    .trim()
    .toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return new Bad(
    `"${String(v).trim()}" is not yes or no: write yes when the commissioner authorised more than three appraisal days in writing`,
    undefined,
    true,
  );
}

/** The fields read from a choice of words, each by its parser. */
const CHOICES = { workType: workTypeOf, engagedVia: engagementOf, appraisalAuthorised: yesNoOf };
type ChoiceField = keyof typeof CHOICES;

/** A choice cell, parsed once per distinct value. */
export function choiceOf<F extends ChoiceField>(f: F, v: unknown, cells: SheetCells): ReturnType<(typeof CHOICES)[F]> {
  return once(cells.choices[f], v, CHOICES[f] as (v: unknown) => ReturnType<(typeof CHOICES)[F]>);
}

/** Each field a row is read into, by its parser: the row reader takes them in this order. */
export const FIELD_PARSERS = {
  first: dateOf,
  last: dateOf,
  paid: dateOf,
  fee: feeOf,
  practice: (v: unknown, cells: SheetCells) => textOf(v, "practice", true, cells),
  code: codeOf,
  invoice: (v: unknown, cells: SheetCells) => textOf(v, "invoice", false, cells),
  notes: (v: unknown, cells: SheetCells) => textOf(v, "notes", false, cells),
  workType: (v: unknown, cells: SheetCells) => choiceOf("workType", v, cells),
  engagedVia: (v: unknown, cells: SheetCells) => choiceOf("engagedVia", v, cells),
  appraisalAuthorised: (v: unknown, cells: SheetCells) => choiceOf("appraisalAuthorised", v, cells),
  submitted: dateOf,
} satisfies Partial<Record<Field, (v: unknown, cells: SheetCells) => unknown>>;

export type ParsedField = keyof typeof FIELD_PARSERS;
/** What a field's parser gives when the cell is good. */
export type Parsed<F extends ParsedField> = Exclude<ReturnType<(typeof FIELD_PARSERS)[F]>, Bad>;
