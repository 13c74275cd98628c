// The cell LOCUM.FORMA writes for a row and LOCUM.YEAREND reads back: where the row is declared,
// as data (FormAPlace), and its one text. encode and decode are each other's inverse, so what
// LOCUM.YEAREND decides rides on fields, never on wording. The texts are those accountants' workbooks
// already hold: "03/2026 Y02345 INV-140", "09/2022 B86047 O-2 + 10/2022 B86047 O-2",
// "not on a Form A: private work", "not on a Form A: out-of-hours work, on the SOLO form",
// "not on a Form B yet: not paid". Reading is forgiving as before: any case, spaces collapsed.
import { isExcelError } from "../rules";

/**
 * One Form A as its cell names it: its Form B month, the practice as the forms key it (the ODS code,
 * or "name:" and the name's letters) and the invoice. `practice` has no spaces; `invoice` is words
 * with single spaces; neither holds a lone "+" (it joins the Forms A of a split row).
 */
export interface FormARef {
  year: number;
  /** 1 to 12. */
  month: number;
  /** Empty only with an empty invoice (a hand-typed "03/2026"). */
  practice: string;
  invoice: string;
}

/**
 * Where a row is declared: on its Form(s) A (two for a row split at 31 March or 1 October 2022), on
 * none (why, in a few words, and whether its work is pensioned on the SOLO form, which makes a Type 2
 * due), or on no Form B yet (not paid; work paid later goes on that month's).
 */
export type FormAPlace = { on: "formsA"; formsA: FormARef[] } | { on: "none"; why: string; solo: boolean } | { on: "unpaid" };

/** A cell that names no place: empty, an Excel error, or text that does not start with a Form B month. */
export type FormACellError = { error: "empty" } | { error: "excel error"; value: string } | { error: "no month"; text: string };

export const NOT_ON_FORM_A = "not on a Form A";
export const NOT_PAID_YET = "not on a Form B yet: not paid";
/** The end of a reason whose work is pensioned on the SOLO form: it counts towards a Type 2. */
export const ON_SOLO = ", on the SOLO form";
/** Between the Forms A of a row split at a cut. */
const AND_THEN = " + ";
/** AND_THEN where the next Form A's month follows it (an invoice may hold " + " of its own). */
const NEXT_FORM_A = / \+ (?=\d{2}\/\d{4}(?:\s|$))/;
const MONTH_FIRST = /^(\d{2})\/(\d{4})(?:\s|$)/;

/** A cell with something in it (not empty, not only spaces): LOCUM.FORMA's and LOCUM.YEAREND's test. */
export const given = (v: unknown) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");
/** A cell's text as words: trimmed, spaces collapsed ("" when empty). */
export const words = (v: unknown) => (given(v) ? String(v).trim().replace(/\s+/g, " ") : "");

/** "03/2026": a Form B month as the cells write it. */
export const monthText = (year: number, month: number) => `${String(month).padStart(2, "0")}/${String(year).padStart(4, "0")}`;

/** One Form A's text, "03/2026 Y02345 INV-140": also the key the rows of one Form A share. */
export function formARefText(f: FormARef): string {
  return [monthText(f.year, f.month), f.practice, f.invoice].filter(Boolean).join(" ");
}

/** The cell LOCUM.FORMA writes for a place. */
export function encodeFormA(p: FormAPlace): string {
  if (p.on === "unpaid") return NOT_PAID_YET;
  if (p.on === "none") return `${NOT_ON_FORM_A}: ${p.why}${p.solo ? ON_SOLO : ""}`;
  return p.formsA.map(formARefText).join(AND_THEN);
}

/** One Form A's text back to its parts; null when it does not start with a month (01 to 12) as mm/yyyy. */
function refOf(text: string): FormARef | null {
  const m = MONTH_FIRST.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) return null;
  const rest = text.slice(7).trim();
  const gap = rest.indexOf(" ");
  return {
    year: Number(m[2]),
    month: Number(m[1]),
    practice: gap < 0 ? rest : rest.slice(0, gap),
    invoice: gap < 0 ? "" : rest.slice(gap + 1),
  };
}

/** A row on no Form A (yet), from its text; null when the text names Forms A. */
function leftOffOf(text: string): FormAPlace | null {
  const lower = text.toLowerCase();
  if (lower === NOT_PAID_YET.toLowerCase()) return { on: "unpaid" };
  if (!lower.startsWith(NOT_ON_FORM_A.toLowerCase())) return null;
  const why = text.slice(NOT_ON_FORM_A.length).replace(/^\s*:?\s*/, "");
  const solo = why.toLowerCase().endsWith(ON_SOLO.toLowerCase());
  return { on: "none", why: solo ? why.slice(0, -ON_SOLO.length) : why, solo };
}

/** The cell LOCUM.YEAREND is given back to its place, or why it names none. */
export function decodeFormA(cell: unknown): FormAPlace | FormACellError {
  const text = words(cell);
  if (!text) return { error: "empty" };
  if (isExcelError(text)) return { error: "excel error", value: text };
  const off = leftOffOf(text);
  if (off) return off;
  const formsA = text.split(NEXT_FORM_A).map(refOf);
  if (formsA.some((f) => f === null)) return { error: "no month", text };
  return { on: "formsA", formsA: formsA as FormARef[] };
}

export const isFormACellError = (x: FormAPlace | FormACellError): x is FormACellError => "error" in x;
