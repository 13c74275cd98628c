// The year end of a client's workbook (issue 9): PreparedForms → the engine's inputs per scheme year
// (Σ Box 2 of the year's Forms A by date worked, their days, the Forms B as paid, the other posts
// from Locum details) → yearEnds(), the same engine call LOCUM.YEAREND makes. Its own findings are
// placed as the forms place theirs (sheet, row, field); a host shows prepared.messages first.
import {
  DEFAULT_SETTINGS,
  type FormBItem,
  type OtherPractitioner,
  type PensionInput,
  periodStartsWithin,
  pounds,
  schemeYearEnd,
  schemeYearLabel,
  schemeYearOf,
  schemeYearDays,
  type Settings,
  type WorkItem,
  type YearEndResult,
  yearEnds,
} from "../engine";
import { type Day, dayFromYmd, dayToUk, DEFAULT_RULES, plural, type RuleSet, type2Deadline } from "../rules";
import { type OffFormRow, offFormRows } from "./offForms";
import { pensionInputs } from "../forms/pensionDetails";
import { monthLabel } from "../forms/months";
import { FIELD_NAMES } from "../workbook/columns";
import { Findings, reason } from "../workbook/findings";
import type { FormA, FormB, LocumDetails, Message, MonthForms, PreparedForms } from "../forms/model";
import { formALabel, forMonths } from "../forms/prepare";
import { schemeYearOfMonth } from "../forms/sessions";
import { appendTo } from "../rules/lists";

export interface YearEndOptions {
  rules?: RuleSet;
  settings?: Settings;
  /** Last year's closing pension and the previous September's CPI, by scheme year (2025 = 2025/26). */
  pension?: Partial<Record<number, PensionInput>>;
  /** Only these scheme years (2025 = 2025/26); every year of the workbook when absent. */
  years?: number[];
  /** The Locum details sheet's name, for messages (default "Locum details"). */
  detailsSheet?: string;
  /** The day the year end is worked out on (--today, or the clock): a year not ended by then is in progress. Absent: every year is taken as ended. */
  today?: Day;
}

export interface FormsYearEnd {
  results: YearEndResult[];
  /** Scheme years whose figures leave out forms that errors stop: not final (each has an error message). */
  incomplete: number[];
  /** The year end's own findings; prepared.messages are not repeated here. */
  messages: Message[];
  /** The months whose forms errors stop, by scheme year ("November 2025"): what `incomplete` leaves out. */
  stopped: Partial<Record<number, string[]>>;
  /**
   * Rows to leave off (work that can never go on a Form A) by scheme year: their months' forms wait
   * until they are removed, but the year's figures are final without them (box j, the tier and the
   * Forms B are as they will be).
   */
  leftOff: Partial<Record<number, number[]>>;
  /** Rows on no Form B made, by scheme year, each with its amount and reason (unpaid, SOLO, left off, stopped). */
  offForms: Partial<Record<number, OffFormRow[]>>;
}

/** Practitioner work the forms leave off (out-of-hours, ICB: the SOLO form): rows and scheme years. */
function soloRows(p: PreparedForms): { message: Message; year: number | null }[] {
  return p.messages
    .filter((m) => m.level === "error" && m.sheet === p.sessionsSheet && m.row !== undefined && m.kind === "solo")
    .map((m) => ({ message: m, year: p.rowMonths[m.row!]?.length ? schemeYearOfMonth(p.rowMonths[m.row!][0]) : null }));
}

function workItemOf(f: FormA): WorkItem {
  return { pay: f.box2, periods: f.periods.map((x) => [x.first, x.last] as [Day, Day]), label: formALabel(f) };
}

/** What the steps of one year end share: the forms, the options, and the findings they add to. */
interface Run {
  p: PreparedForms;
  o: YearEndOptions;
  rules: RuleSet;
  settings: Settings;
  detailsSheet: string;
  locum: LocumDetails;
  out: Findings;
}

/** The forms by scheme year: the work (by date worked), the Forms B (by month), the months errors stop. */
interface ByYear {
  work: Map<number, WorkItem[]>;
  formsB: Map<number, FormBItem[]>;
  stopped: Map<number, string[]>;
}

const rowPlace = (run: Run, row: number, field: string) => ({ sheet: run.p.sessionsSheet, row, field });

function stop(by: ByYear, year: number, what: string): void {
  if (!by.stopped.get(year)?.includes(what)) appendTo(by.stopped, year, what);
}

/** A month's Form A as work of the scheme year it was done in; one that holds both sides of a cut stops its month. */
function addFormA(run: Run, by: ByYear, f: FormA, m: MonthForms, year: number): void {
  const first = f.periods[0].first;
  const last = Math.max(...f.periods.map((x) => x.last));
  const cut = periodStartsWithin(first, last, run.rules)[0];
  if (cut !== undefined) {
    run.out.error(
      rowPlace(run, f.rows[0], FIELD_NAMES.first),
      `${formALabel(f)} holds work from both sides of ${dayToUk(cut)}: the year end needs one Form A per side (invoice each month separately)`,
    ).schemeYear = schemeYearOf(first);
    stop(by, schemeYearOf(first), monthLabel(m.monthKey));
    return;
  }
  const workYear = schemeYearOf(first);
  if (workYear !== year) {
    run.out.warning(
      rowPlace(run, f.rows[0], FIELD_NAMES.paid),
      `${formALabel(f)} is work done in ${schemeYearLabel(workYear)} on a ${monthLabel(m.monthKey)} Form B (${schemeYearLabel(year)}): the year end counts its pay in ${schemeYearLabel(workYear)}, by date worked, and what was paid for it in ${schemeYearLabel(year)}; work done by 31 March belongs on March's Form B`,
    ).schemeYear = workYear;
  }
  appendTo(by.work, workYear, workItemOf(f));
}

function formBItemOf(b: FormB): FormBItem {
  const day = dayFromYmd(b.year, b.month, 1);
  return {
    month: { year: b.year, month: b.month },
    day,
    rate: b.tier.rate,
    a: b.a,
    b: b.b,
    g: b.g,
    h: b.h,
    sent: b.sent ?? null,
    due: b.dueDate,
    label: `Form B ${monthLabel(b.monthKey)}`,
  };
}

/** The months' forms by scheme year. */
function byYearOf(run: Run): ByYear {
  const by: ByYear = { work: new Map(), formsB: new Map(), stopped: new Map() };
  for (const m of run.p.months) {
    const year = schemeYearOfMonth(m.monthKey);
    // A month stopped only by rows to leave off counts as it will be once they are removed.
    const b = m.formB ?? m.leftOff?.formB ?? null;
    // A stopped month holds back the figures it feeds: its work and its Form B are both left out,
    // so due and paid cover the same months (the year is not final, and says which months).
    if (!m.formB && !m.leftOff) {
      stop(by, year, monthLabel(m.monthKey));
      continue;
    }
    for (const f of b?.formsA ?? []) addFormA(run, by, f, m, year);
    if (b) appendTo(by.formsB, year, formBItemOf(b));
  }
  return by;
}

/** The scheme years to work out, and each one's pension inputs from Locum details (warned of as they are read). */
function yearsOf(run: Run, by: ByYear): { years: number[]; pension: Partial<Record<number, PensionInput>> } {
  const { o, out, locum, detailsSheet } = run;
  // A year whose every month is stopped is still a year: not final, with nothing made to show.
  const all = [...new Set([...by.work.keys(), ...by.formsB.keys(), ...by.stopped.keys()])].sort((a, b) => a - b);
  const ended = (y: number) => o.today === undefined || schemeYearEnd(y) <= o.today;
  const pension = pensionInputs(locum.pension, all, all.filter(ended), (at, text, year) => {
    const m = out.warning({ sheet: detailsSheet, row: at.row, field: at.field, cell: at.cell }, text, "pension detail");
    if (year !== undefined) m.schemeYear = year;
  });
  const years = o.years ? all.filter((y) => o.years!.includes(y)) : all;
  if (years.length > 1 && !locum.otherPay.isZero()) {
    out.warning(
      detail(run, "Other practitioner pay"),
      `${pounds(locum.otherPay)} is taken as the other practitioner pay of each scheme year here (${years.map(schemeYearLabel).join(", ")}): keep one scheme year a workbook when they differ`,
    );
  }
  return { years, pension };
}

const detail = (run: Run, label: string) => ({ sheet: run.detailsSheet, field: label, ...run.locum.cells[label] });

/** One scheme year's engine call; null (with an error said) when its inputs are refused. */
function yearResult(run: Run, by: ByYear, y: number, pension: PensionInput | undefined, unlisted: string[] | undefined): YearEndResult | null {
  const { locum, out, o } = run;
  const actual = schemeYearDays(y);
  if (locum.otherDays > actual) {
    out.error(
      detail(run, "Other days of service"),
      `${locum.otherDays} days cannot be more than the ${actual} days of ${schemeYearLabel(y)}: give the days of the other posts in that scheme year`,
    ).schemeYear = y;
    return null;
  }
  const other: OtherPractitioner = { pay: locum.otherPay, days: locum.otherDays, unlisted };
  try {
    const source = { country: locum.country, work: by.work.get(y) ?? [], formsB: by.formsB.get(y) ?? [], other: { [y]: other } };
    // Days capped at the year's: the forms' tier says so already (it counts at least these days).
    return yearEnds({ ...source, pension: { [y]: o.pension?.[y] ?? pension }, asOf: o.today, years: [y] }, run.rules, run.settings)[0];
  } catch (e) {
    out.error({ sheet: run.p.sessionsSheet }, `the ${schemeYearLabel(y)} year end cannot be worked out: ${reason(e)}`).schemeYear = y;
    return null;
  }
}

/** SOLO work left off the forms: a Type 2 is due for its year, and its pay belongs in Other practitioner pay. */
function soloWarnings(run: Run, solo: ReturnType<typeof soloRows>, years: number[]): void {
  for (const s of solo) {
    if (s.year === null || !years.includes(s.year)) continue;
    const t2 = type2Deadline(s.year);
    const by = t2 ? ` (by ${dayToUk(t2.day)})` : "";
    const pay = run.locum.otherPay.isZero()
      ? "add its pensionable pay to Other practitioner pay in Locum details (and its days to Other days of service) so the tier counts it"
      : "make sure its pensionable pay is in Other practitioner pay in Locum details";
    run.out.add(
      "warning",
      { sheet: run.p.sessionsSheet, row: s.message.row, field: s.message.field, cell: s.message.cell },
      `out-of-hours or ICB work is practitioner work pensioned on the SOLO form: a Type 2 self-assessment is due for ${schemeYearLabel(s.year)}${by}; ${pay}`,
    ).kind = "yearend-solo";
  }
}

/** Years whose figures leave out stopped months (not final), and years final without rows to leave off. */
function finalityMessages(run: Run, by: ByYear, years: number[]): { incomplete: number[]; leftOff: Partial<Record<number, number[]>> } {
  const { out, p } = run;
  const incomplete = years.filter((y) => by.stopped.has(y));
  for (const y of incomplete) {
    out.add(
      "error",
      { sheet: p.sessionsSheet },
      `the ${schemeYearLabel(y)} year end leaves out the forms that errors stop (${by.stopped.get(y)!.join(", ")}): its figures are not final until those errors are fixed`,
    ).kind = "yearend-incomplete";
  }
  const leftOff = leftOffRows(
    p,
    years.filter((y) => !by.stopped.has(y)),
  );
  for (const [y, rows] of Object.entries(leftOff)) {
    const one = rows!.length === 1;
    out.add(
      "warning",
      { sheet: p.sessionsSheet, row: rows![0] },
      `the ${schemeYearLabel(Number(y))} year end leaves off ${one ? "row" : "rows"} ${rows!.join(", ")} (work that can never go on a Form A: the errors above say why), and is final without ${one ? "it" : "them"}: its figures do not change when ${one ? "it is" : "they are"} removed; remove ${one ? "it" : "them"} from ${p.sessionsSheet} so ${one ? "its month's" : "their months'"} forms can be made`,
    ).kind = "yearend-leave-off";
  }
  return { incomplete, leftOff };
}

/** The year end of every scheme year in the forms (or of `years`), with its own messages. */
export function yearEndOfForms(p: PreparedForms, o: YearEndOptions = {}): FormsYearEnd {
  const detailsSheet = o.detailsSheet ?? "Locum details";
  const out = new Findings();
  if (!p.locum) {
    out.error({ sheet: detailsSheet }, "the year end needs the Locum details (the country, other practitioner pay and days): fix the errors in them first");
    return { results: [], incomplete: [], messages: out.list, stopped: {}, leftOff: {}, offForms: {} };
  }
  const run: Run = { p, o, rules: o.rules ?? DEFAULT_RULES, settings: o.settings ?? DEFAULT_SETTINGS, detailsSheet, locum: p.locum, out };
  const by = byYearOf(run);
  const solo = soloRows(p);
  const unlisted = new Map<number, string[]>();
  for (const s of solo)
    if (s.year !== null) appendTo(unlisted, s.year, `${p.sessionsSheet} row ${s.message.row}: out-of-hours or ICB work, left off the forms (the SOLO form)`);
  const { years, pension } = yearsOf(run, by);
  const results = years.map((y) => yearResult(run, by, y, pension[y], unlisted.get(y))).filter((r): r is YearEndResult => r !== null);
  soloWarnings(run, solo, years);
  const { incomplete, leftOff } = finalityMessages(run, by, years);
  const off = offFormRows(p, run.settings);
  return {
    results,
    incomplete,
    messages: out.list,
    stopped: Object.fromEntries(incomplete.map((y) => [y, by.stopped.get(y)!])),
    leftOff,
    offForms: Object.fromEntries(years.filter((y) => off.has(y)).map((y) => [y, off.get(y)!])),
  };
}

/** The rows of each of `years` whose only errors are to leave them off (Message.leaveOff), by the scheme year of their month. */
function leftOffRows(p: PreparedForms, years: number[]): Partial<Record<number, number[]>> {
  const byRow = new Map<number, Message[]>();
  for (const m of p.messages) if (m.level === "error" && m.sheet === p.sessionsSheet && m.row !== undefined) appendTo(byRow, m.row, m);
  const out: Partial<Record<number, number[]>> = {};
  for (const [row, msgs] of [...byRow].sort(([a], [b]) => a - b)) {
    const month = p.rowMonths[row]?.[0];
    if (!month || !msgs.every((m) => m.leaveOff)) continue;
    const y = schemeYearOfMonth(month);
    if (years.includes(y)) (out[y] ??= []).push(row);
  }
  return out;
}

/**
 * The messages a year end shows: the forms' and its own; for `years` only (--year), those about
 * their months' rows and forms, and about no month in particular, but not another year's tier.
 */
export function yearEndMessages(p: PreparedForms, y: FormsYearEnd, years?: number[]): Message[] {
  if (!years) return [...p.messages, ...y.messages];
  const months = p.months.filter((m) => years.includes(schemeYearOfMonth(m.monthKey))).map((m) => m.monthKey);
  const mine = (m: Message) => m.schemeYear === undefined || years.includes(m.schemeYear);
  const rowIn = (m: Message) => m.row === undefined || m.sheet !== p.sessionsSheet || (p.rowMonths[m.row] ?? []).some((k) => months.includes(k));
  return [...forMonths(p, months).messages.filter(mine), ...y.messages.filter((m) => mine(m) && rowIn(m))];
}

/** "done", "in progress", "incomplete: ..." — a client's year in one word or two, for the CSV. */
export function yearEndStatus(r: YearEndResult, y: Pick<FormsYearEnd, "incomplete" | "messages"> & Partial<Pick<FormsYearEnd, "leftOff">>): string {
  if (y.incomplete.includes(r.schemeYear)) return "incomplete: errors stop some forms";
  const warnings = y.messages.filter((m) => m.level === "warning").length;
  const off = y.leftOff?.[r.schemeYear]?.length ?? 0;
  const parts = [
    r.provisional ? `${r.tableStatus} table` : "",
    r.settlement.underOnePound ? "under £1.00" : "",
    off ? `${plural(off, "row")} to remove` : "",
    warnings ? plural(warnings, "warning") : "",
  ].filter(Boolean);
  const head = r.inProgress ? `in progress to ${dayToUk(r.asOf!)}: figures so far` : "done";
  return parts.length ? `${head} (${parts.join(", ")})` : head;
}
