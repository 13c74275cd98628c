// The locum's details: a two-column key/value block ("Locum details" sheet). Keys are matched like
// headers (case, spaces and punctuation ignored). Every form needs the identity details, so an error
// here stops every form.
import type Decimal from "decimal.js";
import { countryArg, daysArg, Money, moneyArg, sdNumber } from "../engine";
import { cellToDay, type Day, dayFromYmd, dayToUk, from1904, isBlankCell, rateText } from "../rules";
import { columnLetter, normaliseHeader } from "../workbook/columns";
import { type DetailKey as Key, DETAIL_KEYS as KEYS, DETAIL_LOOKUP as LOOKUP } from "../workbook/detailNames";
import { DETAIL_TEXT_LIMITS, textLength, tooLongText } from "../workbook/limits";
import { type Findings, type Place, reason, unprintableText } from "../workbook/findings";
import type { DatedTierRate, LocumDetails } from "./model";
import { pensionKeyOf, type PensionRow, readPensionRows } from "./pensionDetails";

const HEADER_WORDS = new Set(["field", "detail", "details", "key", "item", "locumdetails", "value"]);

const text = (v: unknown) => (isBlankCell(v) ? "" : String(v).trim());
const REQUIRED: Key[] = ["surname", "otherNames", "dateOfBirth", "niNumber", "sdNumber", "gmcNumber", "address"];

export interface DetailsOptions {
  sheet?: string;
  /** Excel row and column of rows[0][0]. */
  firstRow?: number;
  firstCol?: number;
  /** The workbook has no such sheet at all (as opposed to an empty one). */
  absent?: boolean;
  /** The workbook's sheets, named when the details sheet is absent (it may be there under another name). */
  sheetNames?: string[];
  /** The characters a text cannot be printed with: an error on the detail naming them. */
  unprintable?: (text: string) => string[];
  /** Date serials count from 1904 (1,462 days less than Excel's usual 1900 serials). */
  date1904?: boolean;
}

/**
 * "Tier rate from 01/10/2022" → that day; "Tier rate 2025/26" (or "for 2025-26") → 1 April 2025;
 * null for a "Tier rate …" key whose date cannot be read; undefined for any other key.
 */
export function datedTierKey(key: string): Day | null | undefined {
  const m = /^\s*tier(?:ed contribution)?\s*rate\s*[:,-]?\s*(?:for|from)?\s*(.*?)\s*(?:onwards?)?\s*$/i.exec(key);
  if (!m || m[1] === "") return undefined;
  const q = m[1].replace(/^(?:pay\s+received\s+)?(?:from|for)\s+/i, "");
  const year = /^(?:scheme\s+year\s+)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/i.exec(q);
  if (year) {
    const y = Number(year[1]);
    const next = Number(year[2]);
    return next % 100 === (y + 1) % 100 ? dayFromYmd(y, 4, 1) : null;
  }
  return cellToDay(q);
}

/** A rate detail ("9.8%", 0.098) as a Decimal; throws a message saying how to write one. */
export function readRate(v: unknown): Decimal {
  const r = rateText(v);
  if (r === null) throw new Error(`${JSON.stringify(v)} is not a rate: write it as a percentage such as 9.8% or a fraction such as 0.098`);
  return new Money(r);
}

/**
 * A tier rate typed as a plain number of percent (12.5, or "12.5"): every tier rate lies between 5 %
 * and 15 %, so such a number can only mean a percentage. Null for anything else.
 */
function plainPercent(v: unknown): Decimal | null {
  const t = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  return t >= 5 && t <= 15 ? new Money(String(t)).div(100) : null;
}

/** A tier rate: a rate, or a plain number of percent (12.5 → 12.5 %, `plain` says so). */
export function readTierRate(v: unknown): { rate: Decimal; plain: boolean } {
  const pct = rateText(v) === null ? plainPercent(v) : null;
  return pct ? { rate: pct, plain: true } : { rate: readRate(v), plain: false };
}

/** "QQ 12 34 56 C" → "QQ123456C". */
export function readNiNumber(v: unknown): string {
  const t = String(v).replace(/\s/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{6}[A-D]$/.test(t))
    throw new Error(`"${text(v)}" is not a National Insurance number: write it as two letters, six digits and A, B, C or D (QQ 12 34 56 C)`);
  return t;
}

/** The 7-digit GMC reference number, as a number cell or text. */
export function readGmcNumber(v: unknown): string {
  const t = typeof v === "number" ? String(v) : String(v).replace(/\s/g, "");
  if (!/^\d{7}$/.test(t)) throw new Error(`"${text(v)}" is not a GMC number: give the 7-digit GMC reference number`);
  return t;
}

/** A date cell (serial, Date) or dd/mm/yyyy or yyyy-mm-dd text. */
export function readDate(v: unknown, date1904?: boolean): Day {
  const d = cellToDay(from1904(v, date1904));
  if (d === null) throw new Error(`${JSON.stringify(v)} is not a date: use a date cell, dd/mm/yyyy or yyyy-mm-dd`);
  return d;
}

const money = (label: string, allowZero: boolean) => (v: unknown) => moneyArg(v, label, { allowZero });

/**
 * How each detail typed as a value is read, one small reader per field: each gives the value or
 * throws an Error saying how to write it (readDetails puts it at the detail's place). The details
 * read as text (names, address, email, codes) have no reader.
 */
export const FIELD_READERS = {
  sdNumber: (v: unknown) => sdNumber(v, "the SD number"),
  niNumber: readNiNumber,
  gmcNumber: readGmcNumber,
  dateOfBirth: readDate,
  country: (v: unknown) => countryArg(v, "Country"),
  tierRate: readTierRate,
  estimatedPay: money("Estimated pensionable pay", false),
  otherPay: money("Other practitioner pay", true),
  otherDays: (v: unknown) => daysArg(v, "Other days of service"),
  addedYearsRate: readRate,
  mpavcRate: readRate,
  mpavcAmount: money("MPAVC monthly amount", false),
  additionalPension: money("Additional pension monthly amount", false),
  errboRate: readRate,
} satisfies Partial<Record<Key, (v: unknown, date1904?: boolean) => unknown>>;

type Read = typeof FIELD_READERS;

/** A detail as given: its value and where. */
interface Given {
  value: unknown;
  row: number;
  cell: string;
}

/** A "Tier rate from …" row as given. */
interface DatedGiven extends Given {
  from: Day;
  field: string;
}

/** The rows of the block, sorted by what they give. */
interface Block {
  raw: Map<Key, Given>;
  dated: DatedGiven[];
  pension: PensionRow[];
}

/** Read the key/value block; null when an error makes the details unusable. */
export function readDetails(rows: unknown[][], out: Findings, opts: DetailsOptions = {}): LocumDetails | null {
  const sheet = opts.sheet ?? "Locum details";
  const errorsBefore = out.errors;
  if (rows.every((r) => (r ?? []).every(isBlankCell))) {
    noDetails(out, sheet, opts);
    return null;
  }
  const reading = new Reading(blockOf(rows, out, sheet, opts), out, sheet, opts);
  reading.required();
  const details = reading.details();
  reading.checkTexts(details);
  reading.advise(details);
  return out.errors > errorsBefore ? null : details;
}

/** An empty (or absent) sheet: one error saying what to give, and where the sheets are. */
function noDetails(out: Findings, sheet: string, opts: DetailsOptions): void {
  const sheets =
    opts.absent && opts.sheetNames?.length ? ` (its sheets: ${opts.sheetNames.join(", ")}; a sheet named Locum details, Details or Locum is read)` : "";
  out.error(
    { sheet },
    `${opts.absent ? `no "${sheet}" sheet in the workbook${sheets}: add one, or rename the sheet that holds them, and` : "the sheet is empty:"} give the locum's Surname, Other names, Date of birth, NI number, SD number, GMC number and Address, one per row (name in column A, value in column B)`,
    "details",
  );
}

/** The block's rows by what they give: details by key, dated tier rates, pension rows; the rest said. */
function blockOf(rows: unknown[][], out: Findings, sheet: string, opts: DetailsOptions): Block {
  const firstRow = opts.firstRow ?? 1;
  const firstCol = opts.firstCol ?? 0;
  const block: Block = { raw: new Map(), dated: [], pension: [] };
  rows.forEach((r, i) => {
    const k = (r ?? []).findIndex((c) => !isBlankCell(c));
    if (k < 0) return;
    const row = firstRow + i;
    const cell = `${columnLetter(firstCol + k + 1)}${row}`;
    const name = text(r[k]);
    if (pensionKeyOf(name)) return void block.pension.push({ key: name, value: r[k + 1], row, cell });
    const key = LOOKUP.get(normaliseHeader(r[k]));
    if (key) return addDetail(block, out, sheet, key, { value: r[k + 1], row, cell });
    const from = datedTierKey(name);
    if (from === null)
      out.error(
        { sheet, row, field: name, cell: `${columnLetter(firstCol + k)}${row}` },
        `cannot tell from when this rate applies: write "Tier rate from 01/10/2022" (a date) or "Tier rate 2025/26" (a scheme year)`,
        "detail value",
      );
    else if (from !== undefined) addDated(block, out, sheet, { from, value: r[k + 1], field: name, row, cell });
    else unknownDetail(out, sheet, r, k, row);
  });
  return block;
}

/** A detail, unless given twice. */
function addDetail(block: Block, out: Findings, sheet: string, key: Key, given: Given): void {
  const prev = block.raw.get(key);
  if (prev)
    out.error(
      { sheet, row: given.row, field: KEYS[key][0], cell: given.cell },
      `given twice (rows ${prev.row} and ${given.row}): keep one of them`,
      "detail twice",
    );
  else block.raw.set(key, given);
}

/** A "Tier rate from …" row, unless its date is given twice; a blank one is left out. */
function addDated(block: Block, out: Findings, sheet: string, d: DatedGiven): void {
  const twin = block.dated.find((x) => x.from === d.from);
  if (twin)
    out.error(
      { sheet, row: d.row, field: d.field, cell: d.cell },
      `a rate from ${dayToUk(d.from)} is given twice (rows ${twin.row} and ${d.row}): keep one of them`,
      "detail twice",
    );
  else if (!isBlankCell(d.value)) block.dated.push(d);
}

/** A row naming no detail: a warning, unless it is a heading or a note to the reader. */
function unknownDetail(out: Findings, sheet: string, r: unknown[], k: number, row: number): void {
  // A sentence with no value beside it is a note to the reader, not a detail.
  const note = text(r[k]).split(/\s+/).length > 5 && r.slice(k + 1).every(isBlankCell);
  if (HEADER_WORDS.has(normaliseHeader(r[k])) || note) return;
  out.warning(
    { sheet, row, field: text(r[k]) },
    `not a detail this tool reads: ignored (check the spelling if it should be one of ${Object.values(KEYS)
      .map((x) => x[0])
      .join(", ")})`,
    "unknown detail",
  );
}

/** The details read from a block, each message at the detail's place. */
class Reading {
  constructor(
    private block: Block,
    private out: Findings,
    private sheet: string,
    private opts: DetailsOptions,
  ) {}

  place(k: Key): Place {
    const r = this.block.raw.get(k);
    return r ? { sheet: this.sheet, row: r.row, field: KEYS[k][0], cell: r.cell } : { sheet: this.sheet, field: KEYS[k][0] };
  }

  get(k: Key): unknown {
    return this.block.raw.get(k)?.value;
  }

  /** The details every form shows: an error for each missing or empty. */
  required(): void {
    for (const k of REQUIRED) {
      if (isBlankCell(this.get(k)))
        this.out.error(
          this.place(k),
          this.block.raw.has(k) ? "is empty: fill it in (every form shows it)" : `is missing: add a row "${KEYS[k][0]}" with its value`,
          "detail missing",
        );
    }
  }

  /** A detail through its reader; null when blank, or (with an error at its place) when it cannot be read. */
  read<K extends keyof Read>(k: K): ReturnType<Read[K]> | null {
    const v = this.get(k);
    if (isBlankCell(v)) return null;
    try {
      return FIELD_READERS[k](v, this.opts.date1904) as ReturnType<Read[K]>;
    } catch (e) {
      // The place already names the detail: "Country (B10): Scotland …", not "Country (B10): Country: …".
      const label = KEYS[k][0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      this.out.error(this.place(k), reason(e).replace(new RegExp(`^${label}:?\\s+`, "i"), ""), "detail value");
      return null;
    }
  }

  /** A tier rate of a dated row, with 12.5 read as 12.5 % (and said). */
  private tierRate(value: unknown, where: { row?: number; field: string; cell?: string }): Decimal {
    const t = readTierRate(value);
    if (t.plain) this.plainSaid(value, where);
    return t.rate;
  }

  /** A tier rate typed as a plain number is read as a percentage: said where it was typed. */
  private plainSaid(value: unknown, where: Partial<Place>): void {
    const shown = String(value).trim();
    this.out.warning({ sheet: this.sheet, ...where }, `${shown} is read as ${shown}% (write ${shown}% to say so)`, "rate as number");
  }

  /** Country, taken as England (and said) when not given. */
  private country(): "England" | "Wales" {
    if (!isBlankCell(this.get("country"))) return this.read("country") ?? "England";
    this.out.warning(this.place("country"), "not given: taken as England (write England or Wales)", "detail not given");
    return "England";
  }

  /** The "Tier rate from …" rates, by date. */
  private datedRates(): DatedTierRate[] {
    const rates: DatedTierRate[] = [];
    for (const d of this.block.dated) {
      try {
        rates.push({ from: d.from, rate: this.tierRate(d.value, d), field: d.field, row: d.row, cell: d.cell });
      } catch (e) {
        this.out.error({ sheet: this.sheet, row: d.row, field: d.field, cell: d.cell }, reason(e), "detail value");
      }
    }
    return rates.sort((a, b) => a.from - b.from);
  }

  /** Every detail read, in the order messages come (identity first, then the tier, then the rest). */
  details(): LocumDetails {
    const sd = this.read("sdNumber");
    const ni = this.read("niNumber");
    const gmc = this.read("gmcNumber");
    const dob = this.read("dateOfBirth");
    const country = this.country();
    const tierRatesFrom = this.datedRates();
    const tierRate = isBlankCell(this.get("tierRate")) ? null : this.parseTierRate();
    return {
      surname: text(this.get("surname")),
      otherNames: text(this.get("otherNames")),
      dateOfBirth: dob,
      niNumber: ni ?? "",
      sdNumber: sd ?? "",
      gmcNumber: gmc ?? "",
      address: text(this.get("address")).replace(/\s*\n\s*/g, ", "),
      email: text(this.get("email")),
      country,
      eaCode: text(this.get("eaCode")).toUpperCase(),
      hostLhbRef: text(this.get("hostLhbRef")),
      tierRate,
      tierRatesFrom,
      cells: Object.fromEntries([...this.block.raw].map(([k, v]) => [KEYS[k][0], { row: v.row, cell: v.cell }])),
      estimatedPay: this.read("estimatedPay"),
      otherPay: this.read("otherPay") ?? new Money(0),
      otherDays: isBlankCell(this.get("otherDays")) || this.get("otherDays") === 0 ? 0 : (this.read("otherDays") ?? 0),
      addedYearsRate: this.read("addedYearsRate"),
      mpavcRate: this.read("mpavcRate"),
      mpavcAmount: this.read("mpavcAmount"),
      additionalPension: this.read("additionalPension"),
      errboRate: this.read("errboRate"),
      pension: readPensionRows(this.block.pension, this.out, this.sheet),
    };
  }

  /** The tier rate given on its own; 12.5 read as 12.5 % (and said). */
  private parseTierRate(): Decimal | null {
    const t = this.read("tierRate");
    if (t?.plain) this.plainSaid(this.get("tierRate"), this.place("tierRate"));
    return t?.rate ?? null;
  }

  /** Texts the forms print: within their boxes' limits, and printable with the fonts. */
  checkTexts(details: LocumDetails): void {
    for (const k of ["surname", "otherNames", "address", "email", "eaCode", "hostLhbRef"] as const) {
      const length = textLength(details[k]);
      if (length > DETAIL_TEXT_LIMITS[k]) {
        this.out.error(this.place(k), tooLongText(length, DETAIL_TEXT_LIMITS[k]), "too long");
        continue;
      }
      const missing = this.opts.unprintable?.(details[k]) ?? [];
      if (missing.length) this.out.error(this.place(k), unprintableText(missing), "unprintable");
    }
  }

  /** Details that do not go together, and boxes Form B leaves empty for want of a detail. */
  advise(details: LocumDetails): void {
    const { out } = this;
    if (details.mpavcRate && details.mpavcAmount)
      out.error(this.place("mpavcAmount"), "give MPAVCs either as a rate or as a monthly amount, not both", "detail value");
    if (!details.email) out.warning(this.place("email"), "not given: the email box on Form B is left empty (PCSE replies by email)", "detail not given");
    if (!details.eaCode)
      out.warning(
        this.place("eaCode"),
        `not given: the EA code box on Form B is left empty; write the ${details.country === "Wales" ? "Local Health Board's" : "PCSE"} EA code there or add it here`,
        "detail not given",
      );
    if (details.country === "Wales" && !details.hostLhbRef)
      out.warning(this.place("hostLhbRef"), "not given: Welsh locums give their host Local Health Board reference on Form B", "detail not given");
    if (details.otherDays > 0 && details.otherPay.isZero())
      out.warning(
        this.place("otherPay"),
        "Other days of service are given without Other practitioner pay: the tier is annualised over those days with no pay for them; add the pay",
        "other days without pay",
      );
  }
}
