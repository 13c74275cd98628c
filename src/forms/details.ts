// The locum's details: a two-column key/value block ("Locum details" sheet). Keys are matched like
// headers (case, spaces and punctuation ignored). Every form needs the identity details, so an error
// here stops every form.
import type Decimal from "decimal.js";
import { countryArg, daysArg, Money, moneyArg, sdNumber } from "../engine";
import { cellToDay, type Day, dayFromYmd, dayToUk, from1904, rateText } from "../rules";
import { columnLetter, normaliseHeader } from "../workbook/columns";
import { DETAIL_TEXT_LIMITS, textLength, tooLongText } from "../workbook/limits";
import { type Findings, reason, unprintableText } from "../workbook/findings";
import type { DatedTierRate, LocumDetails } from "./model";
import { pensionKeyOf, type PensionRow, readPensionRows } from "./pensionDetails";

type Key =
  | "surname"
  | "otherNames"
  | "dateOfBirth"
  | "niNumber"
  | "sdNumber"
  | "gmcNumber"
  | "address"
  | "email"
  | "country"
  | "eaCode"
  | "hostLhbRef"
  | "tierRate"
  | "estimatedPay"
  | "otherPay"
  | "otherDays"
  | "addedYearsRate"
  | "mpavcRate"
  | "mpavcAmount"
  | "additionalPension"
  | "errboRate";

const KEYS: Record<Key, [label: string, ...synonyms: string[]]> = {
  surname: ["Surname", "lastname", "familyname"],
  otherNames: ["Other names", "firstnames", "firstname", "forenames", "forename", "givennames", "givenname"],
  dateOfBirth: ["Date of birth", "dob", "birthdate", "dateofbirthddmmyyyy"],
  niNumber: ["NI number", "nationalinsurancenumber", "nino", "ni", "nationalinsuranceno", "nino"],
  sdNumber: [
    "SD number",
    "sd",
    "sdref",
    "sdreference",
    "pensionnumber",
    "nhsbsanumber",
    "nhspsrefnumber",
    "nhspsref",
    "membershipnumber",
    "schemenumber",
    "sdnumbernhspension",
  ],
  gmcNumber: ["GMC number", "gmc", "gmcno", "gmcreference", "gmcregistrationnumber"],
  address: ["Address", "homeaddress", "postaladdress"],
  email: ["Email", "emailaddress", "e-mail"],
  country: ["Country", "nation"],
  eaCode: ["EA code", "pcselhbeacode", "employingauthoritycode", "pcseeacode", "lhbeacode", "eacodepcselhb"],
  hostLhbRef: ["Host LHB ref", "hostlhbrefno", "hostlhbreference", "lhbref", "hostlhbrefnowalesonly"],
  tierRate: ["Tier rate", "tier", "tieredcontributionrate", "contributionrate", "tierrate"],
  estimatedPay: ["Estimated pensionable pay", "estimate", "estimatedpay", "estimatedannualpensionablepay", "estimatedpensionablepayfortheyear"],
  otherPay: ["Other practitioner pay", "otherpay", "otherpensionablepay", "otherpractitionerpensionablepay", "othergppay"],
  otherDays: ["Other days of service", "otherdays", "otherdaysinservice"],
  addedYearsRate: ["Added years rate", "addedyears", "addedyearspercent"],
  mpavcRate: ["MPAVC rate", "mpavcpercent", "mpavcs"],
  mpavcAmount: ["MPAVC monthly amount", "mpavcamount", "mpavcmonthly"],
  additionalPension: ["Additional pension monthly amount", "additionalpension", "additionalpensioncontributions", "additionalpensionmonthly"],
  errboRate: ["ERRBO rate", "errbo", "errbopercent"],
};

const LOOKUP = new Map<string, Key>();
for (const [k, [label, ...syn]] of Object.entries(KEYS) as [Key, string[]][]) {
  for (const n of [label, ...syn]) LOOKUP.set(normaliseHeader(n), k);
}
/** The detail a key cell names, by its label ("DOB" → "Date of birth"); null for any other text. */
export function detailLabel(key: unknown): string | null {
  const k = LOOKUP.get(normaliseHeader(key));
  return k ? KEYS[k][0] : null;
}
const HEADER_WORDS = new Set(["field", "detail", "details", "key", "item", "locumdetails", "value"]);

/** How many of the locum's details a sheet's rows name (Surname, SD number, NI number…), each once. */
export function detailsScore(rows: unknown[][]): number {
  const found = new Set<Key>();
  for (const r of rows.slice(0, 60)) {
    const first = (r ?? []).find((c) => !blank(c));
    const key = LOOKUP.get(normaliseHeader(first));
    if (key) found.add(key);
  }
  return found.size;
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const text = (v: unknown) => (blank(v) ? "" : String(v).trim());
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
function rateValue(v: unknown): Decimal {
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

/** Read the key/value block; null when an error makes the details unusable. */
export function readDetails(rows: unknown[][], out: Findings, opts: DetailsOptions = {}): LocumDetails | null {
  const sheet = opts.sheet ?? "Locum details";
  const firstRow = opts.firstRow ?? 1;
  const firstCol = opts.firstCol ?? 0;
  const errorsBefore = out.errors;
  if (rows.every((r) => (r ?? []).every(blank))) {
    const sheets =
      opts.absent && opts.sheetNames?.length ? ` (its sheets: ${opts.sheetNames.join(", ")}; a sheet named Locum details, Details or Locum is read)` : "";
    out.error(
      { sheet },
      `${opts.absent ? `no "${sheet}" sheet in the workbook${sheets}: add one, or rename the sheet that holds them, and` : "the sheet is empty:"} give the locum's Surname, Other names, Date of birth, NI number, SD number, GMC number and Address, one per row (name in column A, value in column B)`,
      "details",
    );
    return null;
  }
  const raw = new Map<Key, { value: unknown; row: number; cell: string }>();
  const dated: { from: Day; value: unknown; field: string; row: number; cell: string }[] = [];
  const pension: PensionRow[] = [];
  rows.forEach((r, i) => {
    const k = (r ?? []).findIndex((c) => !blank(c));
    if (k < 0) return;
    if (pensionKeyOf(text(r[k])))
      return void pension.push({ key: text(r[k]), value: r[k + 1], row: firstRow + i, cell: `${columnLetter(firstCol + k + 1)}${firstRow + i}` });
    const row = firstRow + i;
    const norm = normaliseHeader(r[k]);
    const key = LOOKUP.get(norm);
    const cell = `${columnLetter(firstCol + k + 1)}${row}`;
    const from = key ? undefined : datedTierKey(text(r[k]));
    if (from !== undefined) {
      if (from === null) {
        out.error(
          { sheet, row, field: text(r[k]), cell: `${columnLetter(firstCol + k)}${row}` },
          `cannot tell from when this rate applies: write "Tier rate from 01/10/2022" (a date) or "Tier rate 2025/26" (a scheme year)`,
          "detail value",
        );
        return;
      }
      const twin = dated.find((d) => d.from === from);
      if (twin)
        out.error(
          { sheet, row, field: text(r[k]), cell },
          `a rate from ${dayToUk(from)} is given twice (rows ${twin.row} and ${row}): keep one of them`,
          "detail twice",
        );
      else if (!blank(r[k + 1])) dated.push({ from, value: r[k + 1], field: text(r[k]), row, cell });
      return;
    }
    if (!key) {
      // A sentence with no value beside it is a note to the reader, not a detail.
      const note = text(r[k]).split(/\s+/).length > 5 && r.slice(k + 1).every(blank);
      if (!HEADER_WORDS.has(norm) && !note)
        out.warning(
          { sheet, row, field: text(r[k]) },
          `not a detail this tool reads: ignored (check the spelling if it should be one of ${Object.values(KEYS)
            .map((x) => x[0])
            .join(", ")})`,
          "unknown detail",
        );
      return;
    }
    const prev = raw.get(key);
    if (prev) {
      out.error({ sheet, row, field: KEYS[key][0], cell }, `given twice (rows ${prev.row} and ${row}): keep one of them`, "detail twice");
      return;
    }
    raw.set(key, { value: r[k + 1], row, cell });
  });

  const place = (k: Key) => {
    const r = raw.get(k);
    return r ? { sheet, row: r.row, field: KEYS[k][0], cell: r.cell } : { sheet, field: KEYS[k][0] };
  };
  const get = (k: Key) => raw.get(k)?.value;
  for (const k of REQUIRED) {
    if (blank(get(k)))
      out.error(place(k), raw.has(k) ? "is empty: fill it in (every form shows it)" : `is missing: add a row "${KEYS[k][0]}" with its value`, "detail missing");
  }
  /** Run a parser; on failure record the message at the detail's place and give null. */
  const parse = <T>(k: Key, f: (v: unknown) => T): T | null => {
    if (blank(get(k))) return null;
    try {
      return f(get(k));
    } catch (e) {
      // The place already names the detail: "Country (B10): Scotland …", not "Country (B10): Country: …".
      const label = KEYS[k][0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      out.error(place(k), reason(e).replace(new RegExp(`^${label}:?\\s+`, "i"), ""), "detail value");
      return null;
    }
  };

  const sd = parse("sdNumber", (v) => sdNumber(v, "the SD number"));
  const ni = parse("niNumber", (v) => {
    const t = String(v).replace(/\s/g, "").toUpperCase();
    if (!/^[A-Z]{2}\d{6}[A-D]$/.test(t))
      throw new Error(`"${text(v)}" is not a National Insurance number: write it as two letters, six digits and A, B, C or D (QQ 12 34 56 C)`);
    return t;
  });
  const gmc = parse("gmcNumber", (v) => {
    const t = typeof v === "number" ? String(v) : String(v).replace(/\s/g, "");
    if (!/^\d{7}$/.test(t)) throw new Error(`"${text(v)}" is not a GMC number: give the 7-digit GMC reference number`);
    return t;
  });
  const dob = parse("dateOfBirth", (v): Day => {
    const d = cellToDay(from1904(v, opts.date1904));
    if (d === null) throw new Error(`${JSON.stringify(v)} is not a date: use a date cell, dd/mm/yyyy or yyyy-mm-dd`);
    return d;
  });
  let country: "England" | "Wales" = "England";
  if (blank(get("country"))) out.warning(place("country"), "not given: taken as England (write England or Wales)", "detail not given");
  else country = parse("country", (v) => countryArg(v, "Country")) ?? "England";
  const money = (k: Key, allowZero: boolean) => parse(k, (v) => moneyArg(v, KEYS[k][0], { allowZero }));
  const rate = (k: Key) => parse(k, rateValue);
  /** A tier rate, with 12.5 read as 12.5 % (and said). */
  const tierRate = (value: unknown, where: { row?: number; field: string; cell?: string }): Decimal => {
    const pct = rateText(value) === null ? plainPercent(value) : null;
    if (pct)
      out.warning(
        { sheet, ...where },
        `${String(value).trim()} is read as ${String(value).trim()}% (write ${String(value).trim()}% to say so)`,
        "rate as number",
      );
    return pct ?? rateValue(value);
  };

  const tierRatesFrom: DatedTierRate[] = [];
  for (const d of dated) {
    try {
      tierRatesFrom.push({ from: d.from, rate: tierRate(d.value, d), field: d.field, row: d.row, cell: d.cell });
    } catch (e) {
      out.error({ sheet, row: d.row, field: d.field, cell: d.cell }, reason(e), "detail value");
    }
  }
  tierRatesFrom.sort((a, b) => a.from - b.from);

  const details: LocumDetails = {
    surname: text(get("surname")),
    otherNames: text(get("otherNames")),
    dateOfBirth: dob,
    niNumber: ni ?? "",
    sdNumber: sd ?? "",
    gmcNumber: gmc ?? "",
    address: text(get("address")).replace(/\s*\n\s*/g, ", "),
    email: text(get("email")),
    country,
    eaCode: text(get("eaCode")).toUpperCase(),
    hostLhbRef: text(get("hostLhbRef")),
    tierRate: parse("tierRate", (v) => tierRate(v, place("tierRate"))),
    tierRatesFrom,
    cells: Object.fromEntries([...raw].map(([k, v]) => [KEYS[k][0], { row: v.row, cell: v.cell }])),
    estimatedPay: money("estimatedPay", false),
    otherPay: money("otherPay", true) ?? new Money(0),
    otherDays: blank(get("otherDays")) || get("otherDays") === 0 ? 0 : (parse("otherDays", (v) => daysArg(v, "Other days of service")) ?? 0),
    addedYearsRate: rate("addedYearsRate"),
    mpavcRate: rate("mpavcRate"),
    mpavcAmount: money("mpavcAmount", false),
    additionalPension: money("additionalPension", false),
    errboRate: rate("errboRate"),
    pension: readPensionRows(pension, out, sheet),
  };
  for (const k of ["surname", "otherNames", "address", "email", "eaCode", "hostLhbRef"] as const) {
    const length = textLength(details[k]);
    if (length > DETAIL_TEXT_LIMITS[k]) {
      out.error(place(k), tooLongText(length, DETAIL_TEXT_LIMITS[k]), "too long");
      continue;
    }
    const missing = opts.unprintable?.(details[k]) ?? [];
    if (missing.length) out.error(place(k), unprintableText(missing), "unprintable");
  }
  if (details.mpavcRate && details.mpavcAmount)
    out.error(place("mpavcAmount"), "give MPAVCs either as a rate or as a monthly amount, not both", "detail value");
  if (!details.email) out.warning(place("email"), "not given: the email box on Form B is left empty (PCSE replies by email)", "detail not given");
  if (!details.eaCode)
    out.warning(
      place("eaCode"),
      `not given: the EA code box on Form B is left empty; write the ${country === "Wales" ? "Local Health Board's" : "PCSE"} EA code there or add it here`,
      "detail not given",
    );
  if (country === "Wales" && !details.hostLhbRef)
    out.warning(place("hostLhbRef"), "not given: Welsh locums give their host Local Health Board reference on Form B", "detail not given");
  if (details.otherDays > 0 && details.otherPay.isZero())
    out.warning(
      place("otherPay"),
      "Other days of service are given without Other practitioner pay: the tier is annualised over those days with no pay for them; add the pay",
      "other days without pay",
    );
  return out.errors > errorsBefore ? null : details;
}
