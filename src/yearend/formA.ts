// LOCUM.FORMA: the Form A(s) a worksheet row is declared on, or why it is on none. The row is read
// and checked by the forms' own reader and checks (readSessions, checkSessions): the same Form B
// month (the March rule), the same split of a row across 31 March or 1 October 2022, and the same
// rows left off (private, out-of-hours, an agency, too late for the 10-week rule). What it writes is
// a FormAPlace, encoded by formACells.ts, which LOCUM.YEAREND decodes.
import type { Settings } from "../engine";
import { LocumError, type RuleSet } from "../rules";
import { checkSessions } from "../forms/checks";
import { type Field, FIELD_NAMES } from "../workbook/columns";
import { Findings } from "../workbook/findings";
import type { Message, Session } from "../forms/model";
import { monthOfKey } from "../forms/months";
import { practiceKeyOf, readSessions } from "../forms/sessions";
import { encodeFormA, type FormAPlace, type FormARef, given, words } from "./formACells";

/** LOCUM.FORMA's arguments, as the cells give them. */
export interface FormACells {
  dateWorked: unknown;
  datePaid: unknown;
  practiceCode: unknown;
  practice?: unknown;
  invoice?: unknown;
  lastDay?: unknown;
  workType?: unknown;
  engagedVia?: unknown;
  dateSubmitted?: unknown;
}

/** The columns of the one-row sheet LOCUM.FORMA hands the forms' reader, and the argument each comes from. */
const FORMA_COLUMNS: [Field, keyof FormACells, string][] = [
  ["first", "dateWorked", "date_worked"],
  ["last", "lastDay", "last_day"],
  ["practice", "practice", "practice"],
  ["code", "practiceCode", "practice_code"],
  ["paid", "datePaid", "date_paid"],
  ["invoice", "invoice", "invoice"],
  ["workType", "workType", "work_type"],
  ["engagedVia", "engagedVia", "engaged_via"],
  ["submitted", "dateSubmitted", "date_submitted"],
];
const FORMA_HEADER = [...FORMA_COLUMNS.map(([f]) => FIELD_NAMES[f]), FIELD_NAMES.fee];
/** The fee changes nothing of which Form A a row is on: a stand-in lets the reader read the rest. */
const STAND_IN_FEE = 1;
/** Today shapes only warnings (a limit passed by now), which LOCUM.FORMA does not show. */
const NO_DAY = 0;

/** A session's Form A: its Form B month, the practice as the forms key it, the invoice as printed. */
export function formARefOf(s: Pick<Session, "month" | "code" | "practice" | "invoice">): FormARef {
  const { year, month } = monthOfKey(s.month);
  // The ODS code as given; without one, the forms' key of the name ("name:stmaryssurgery").
  return { year, month, practice: s.code || practiceKeyOf("", s.practice), invoice: s.invoice ? s.invoice.toUpperCase() : "" };
}

const ENGAGED_VIA: Record<string, string> = {
  "limited company": "work through a limited company",
  agency: "work through an agency",
  "independent provider": "work for an independent provider",
};

/** Why the forms leave a row off, from the error that does (its kind), in a few words. */
function leftOffPlace(all: Message[], s: Session | undefined): FormAPlace {
  const off = all.filter((m) => m.level === "error" && m.leaveOff);
  if (off.some((m) => m.kind === "solo")) return { on: "none", why: `${s?.workType === "ICB" ? "ICB" : "out-of-hours"} work`, solo: true };
  const m = off[0];
  const none = (why: string): FormAPlace => ({ on: "none", why, solo: false });
  if (m.kind === "engagement") return none(ENGAGED_VIA[s?.engagedVia as string] ?? "not engaged directly by the practice");
  if (m.kind === "pcn") return none(`PCN scenario ${s?.pcnScenario}, which a locum cannot pension`);
  if (m.kind === "ten-week") return none(`${m.field === FIELD_NAMES.paid ? "paid" : "submitted"} more than 10 weeks after the work (the 10-week rule)`);
  return none("work the forms leave off");
}

/** The argument a reader's message is about ("date_paid"), when it is about one. */
const argOf = (m: Message) => FORMA_COLUMNS.find(([f]) => FIELD_NAMES[f] === m.field)?.[2];

/**
 * The kinds of the reader's messages whose text reads on from the field's name ("is empty", "holds a
 * formula", "cannot print"), and of the dates it has the engine read (kind: the field), whose text
 * is the engine's, less the name it was given ("is not a date"). Any other kind ("the last day is
 * before the first", a quoted value that is not a work type) follows "argument: ".
 */
const READS_ON_FROM_NAME = new Set(["empty", "formula", "excel error", "too long", "unprintable", "first", "last", "paid", "submitted"]);

/** A reader's message about a cell, put in the argument's name: "date_worked is not a date", "last_day: the last day is …". */
function said(m: Message): string {
  return `${argOf(m)}${m.kind !== undefined && READS_ON_FROM_NAME.has(m.kind) ? " " : ": "}${m.text}`;
}

/** The row as a one-row sheet, read by the forms' reader (a cell it cannot read throws, named by its argument). */
function readRow(c: FormACells, rules: RuleSet, settings: Settings, date1904: boolean | undefined) {
  if (!given(c.dateWorked)) throw new LocumError("date_worked is empty: give the (first) day worked");
  const code = given(c.practiceCode) ? String(c.practiceCode).replace(/\s/g, "").toUpperCase() : "";
  const name = words(c.practice);
  if (!code && !/[a-z0-9]/i.test(name)) throw new LocumError("practice_code is empty: give the practice's ODS code (or, without one, its name in practice)");
  const row = [...FORMA_COLUMNS.map(([f, k]) => (f === "practice" ? name || code : f === "code" ? code : (c[k] ?? ""))), STAND_IN_FEE];
  const out = new Findings();
  const read = readSessions([FORMA_HEADER, row], out, { sheet: "row", rules, settings, date1904 });
  // A cell the forms cannot read (a date, a work type), named by its argument.
  const unread = out.list.find((m) => m.level === "error" && argOf(m));
  // A day no tier table covers is #N/A, as in every LOCUM function; the rest is #VALUE!.
  if (unread) throw new LocumError(said(unread), unread.kind === "no table" ? "na" : "value");
  return { read, out };
}

/** Where the forms put a row: its Form(s) A, or none and why. A cell it cannot use throws, named by its argument. */
export function formAPlaceOf(c: FormACells, rules: RuleSet, settings: Settings, o: { date1904?: boolean } = {}): FormAPlace {
  const { read, out } = readRow(c, rules, settings, o.date1904);
  checkSessions(read, { settings, submitted: null, today: NO_DAY, out, locum: null, columns: read.columns, firstCol: 0 });
  if (out.list.some((m) => m.level === "error" && m.leaveOff)) return leftOffPlace(out.list, read.sessions[0]);
  // Another error on one of its own cells (pay received before the work): the row must be corrected.
  const wrong = out.list.find((m) => m.level === "error" && argOf(m));
  if (wrong) throw new LocumError(said(wrong));
  if (out.list.some((m) => m.kind === "private")) return { on: "none", why: "private work", solo: false };
  if (!read.sessions.length) return { on: "unpaid" };
  return { on: "formsA", formsA: read.sessions.map(formARefOf) };
}

/** LOCUM.FORMA: the cell for a row. Rows with the same text are on one Form A. */
export function formAOfCells(c: FormACells, rules: RuleSet, settings: Settings, o: { date1904?: boolean } = {}): string {
  return encodeFormA(formAPlaceOf(c, rules, settings, o));
}
