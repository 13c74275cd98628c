// The forms as open data: every Form A and Form B of a run as one JSON document, its fields named
// after the forms' boxes (Form A boxes 1-3, Form B boxes a-j), described by the JSON Schema in
// docs/schema/locum-forms.schema.json. Built from the same models the PDFs are drawn from, so the
// figures are the PDFs' to the penny. Pure: `locum forms --json` prints it, the pane offers it.
// Money is a string with two decimals ("1234.50"), a rate a decimal fraction ("0.098"), a date ISO.
import type Decimal from "decimal.js";
import { formBDueDate, schemeYearLabel } from "../engine";
import { type Day, dayToIso } from "../rules";
import { placeText } from "../workbook/findings";
import type { FormA, FormB, LocumDetails, Message, MonthForms, PreparedForms } from "./model";
import { monthStart, schemeYearOfMonth } from "./months";
import { formAFileName, formBFileName } from "./fileNames";
import { forMonths } from "./prepare";

/** The schema's version: a new major version when a field changes meaning or goes, a minor one when fields are added. */
export const FORMS_SCHEMA_VERSION = "1.0";
export const FORMS_SCHEMA_ID = `urn:locum-pensions:schema:locum-forms:${FORMS_SCHEMA_VERSION}`;

export type Money = string;
export type IsoDate = string;

export interface FormADoc {
  /** The PDF's name in the run's folder ("2025-04/12345678LOCAPR2025-FormA-01-….pdf"). */
  pdf: string;
  upr: string;
  /** Its place among the month's Forms A: 1 of 3. */
  number: number;
  of: number;
  practice: string;
  practiceCode: string;
  invoice: string;
  appraisal: boolean;
  periods: { from: IsoDate; to: IsoDate; days: number }[];
  boxes: { "1": Money; "2": Money; "3": Money };
  employerRate: string;
  employerRateProvisional: boolean;
  datePaid: IsoDate | null;
  paidAfterMonth: boolean;
  dueDate: IsoDate;
  source: { sheet: string; rows: number[] };
}

export interface FormBDoc {
  pdf: string;
  upr: string;
  tier: { tier: number; rate: string; rates: string[]; basis: string; explanation: string; provisional: boolean; table: string };
  boxes: Record<"a" | "b" | "g" | "h" | "i" | "j", Money> & Record<"c" | "d" | "e" | "f", Money | null>;
  dueDate: IsoDate;
  paidAfterMonth: boolean;
  sent: IsoDate | null;
}

export interface MonthDoc {
  /** The month the pay was received ("2025-04"): one Form B, its Forms A. */
  month: string;
  upr: string;
  schemeYear: string;
  /** "made": every form of the month was made; "stopped": an error (in findings) stopped some or all. */
  status: "made" | "stopped";
  dueDate: IsoDate;
  /** Sent by the due date, after it, not sent (as far as the workbook says) and due, or past due on asOf. */
  sending: "sent" | "sent-late" | "due" | "past-due";
  sent: IsoDate | null;
  formB: FormBDoc | null;
  formsA: FormADoc[];
}

export interface FindingDoc {
  level: "error" | "warning";
  kind: string | null;
  /** Where, as Excel shows it: "Sessions row 5, Fee (D5)". */
  place: string;
  sheet: string;
  row: number | null;
  field: string | null;
  cell: string | null;
  text: string;
  /** The months it is about (its row's, the forms it stops). */
  months: string[];
  /** The forms it stopped, as people name them ("Form A April 2025, Y02345"). */
  stops: string[];
  stopsAll: boolean;
}

export interface FormsDocument {
  $schema: string;
  schemaVersion: string;
  /** The day the run judged "past its due date" on. */
  asOf: IsoDate;
  locum: {
    surname: string;
    otherNames: string;
    dateOfBirth: IsoDate | null;
    niNumber: string;
    sdNumber: string;
    gmcNumber: string;
    eaCode: string;
    hostLhbRef: string;
    country: "England" | "Wales";
    address: string;
    email: string;
  } | null;
  months: MonthDoc[];
  findings: FindingDoc[];
  errors: number;
  warnings: number;
  /** Every form of the months in the document was made. */
  complete: boolean;
}

const money = (d: Decimal): Money => d.toFixed(2);
const moneyOrNull = (d: Decimal | null): Money | null => (d === null ? null : money(d));
const iso = (d: Day): IsoDate => dayToIso(d);
const isoOrNull = (d: Day | null): IsoDate | null => (d === null ? null : dayToIso(d));

/**
 * The run's forms as one document: every month prepared (or the `months` named, as locum forms
 * --month makes them, with the findings about them), judged on `today`.
 */
export function formsDocument(p: PreparedForms, o: { today: Day; months?: string[] }): FormsDocument {
  const view = forMonths(p, o.months);
  const months = p.months.filter((m) => !o.months || o.months.includes(m.monthKey));
  const findings = [...view.context, ...view.messages].sort((a, b) => p.messages.indexOf(a) - p.messages.indexOf(b));
  const errors = findings.filter((m) => m.level === "error").length;
  return {
    $schema: FORMS_SCHEMA_ID,
    schemaVersion: FORMS_SCHEMA_VERSION,
    asOf: iso(o.today),
    locum: p.locum && locumDoc(p.locum),
    months: months.map((m) => monthDoc(m, o.today)),
    findings: findings.map((m) => findingDoc(m, p)),
    errors,
    warnings: findings.length - errors,
    complete: view.complete,
  };
}

function locumDoc(l: LocumDetails): NonNullable<FormsDocument["locum"]> {
  const { surname, otherNames, niNumber, sdNumber, gmcNumber, eaCode, hostLhbRef, country, address, email } = l;
  return { surname, otherNames, dateOfBirth: isoOrNull(l.dateOfBirth), niNumber, sdNumber, gmcNumber, eaCode, hostLhbRef, country, address, email };
}

function monthDoc(m: MonthForms, today: Day): MonthDoc {
  const b = m.formB;
  const due = b?.dueDate ?? formBDueDate(monthStart(m.monthKey));
  const sent = b?.sent ?? null;
  const sending = sent !== null ? (sent > due ? "sent-late" : "sent") : today > due ? "past-due" : "due";
  return {
    month: m.monthKey,
    upr: m.upr,
    schemeYear: schemeYearLabel(schemeYearOfMonth(m.monthKey)),
    status: m.complete ? "made" : "stopped",
    dueDate: iso(due),
    sending,
    sent: isoOrNull(sent),
    formB: b && formBDoc(b),
    formsA: m.formsA.map(formADoc),
  };
}

function formADoc(f: FormA): FormADoc {
  return {
    pdf: formAFileName(f),
    upr: f.upr,
    number: f.index,
    of: f.count,
    practice: f.practice,
    practiceCode: f.code,
    invoice: f.invoice,
    appraisal: f.appraisal,
    periods: f.periods.map((r) => ({ from: iso(r.first), to: iso(r.last), days: r.days })),
    boxes: { "1": money(f.box1), "2": money(f.box2), "3": money(f.box3) },
    employerRate: f.employerRate.toString(),
    employerRateProvisional: f.employerProvisional,
    datePaid: isoOrNull(f.datePaid),
    paidAfterMonth: f.paidAfterMonth,
    dueDate: iso(f.dueDate),
    source: { sheet: f.sheet, rows: f.rows },
  };
}

function formBDoc(b: FormB): FormBDoc {
  const t = b.tier;
  return {
    pdf: formBFileName(b),
    upr: b.upr,
    tier: {
      tier: t.tier,
      rate: t.rate.toString(),
      rates: t.rates.map((r) => r.toString()),
      basis: t.basis,
      explanation: t.explanation,
      provisional: t.provisional,
      table: t.tableLabel,
    },
    boxes: {
      a: money(b.a),
      b: money(b.b),
      c: moneyOrNull(b.c),
      d: moneyOrNull(b.d),
      e: moneyOrNull(b.e),
      f: moneyOrNull(b.f),
      g: money(b.g),
      h: money(b.h),
      i: money(b.i),
      j: money(b.j),
    },
    dueDate: iso(b.dueDate),
    paidAfterMonth: b.paidAfterMonth,
    sent: isoOrNull(b.sent),
  };
}

function findingDoc(m: Message, p: PreparedForms): FindingDoc {
  const months = new Set([...(m.row !== undefined && m.sheet === p.sessionsSheet ? (p.rowMonths[m.row] ?? []) : []), ...(m.stopsMonths ?? [])]);
  return {
    level: m.level,
    kind: m.kind ?? null,
    place: placeText(m),
    sheet: m.sheet,
    row: m.row ?? null,
    field: m.field ?? null,
    cell: m.cell ?? null,
    text: m.text,
    months: [...months].sort(),
    stops: m.stops ?? [],
    stopsAll: Boolean(m.stopsAll),
  };
}
