// Rows and details → checked Forms A and B. Every finding is collected before anything is built,
// and each error is tagged with the forms it stops, so a host can print one honest list. The
// stages, in order: read (details, sessions, checks), stoppers (which forms each bad row stops),
// Forms A, months (Forms B with box j, the tier), then the result.
import type Decimal from "decimal.js";
import { DEFAULT_SETTINGS, percent, schemeYearLabel, type Settings, upr, ZERO } from "../engine";
import { type Day, dayToUk, DEFAULT_RULES, employerSegmentAt, notFinal, notFinalWords, rowList, type RuleSet, todayDay } from "../rules";
import { checkSessions, sentByMonth } from "./checks";
import { type Field, FIELD_NAMES, normaliseHeader } from "../workbook/columns";
import { readDetails } from "./details";
import { buildFormA, type FormAGroup, groupSessions } from "./formA";
import { buildFormB } from "./formB";
import { Findings, reason, stopsMonth } from "../workbook/findings";
import type { FormA, FormB, LocumDetails, Message, MonthForms, PreparedForms, RowRecord, Session } from "./model";
import { monthKeyOf, monthLabel, monthOfKey, monthStart, scheme, schemeYearOfMonth } from "./months";
import { groupKeyOf, readSessions, type ReadSessions, sessionPlace } from "./sessions";
import { headerIndex } from "../workbook/sheets";
import { TierChooser } from "./tier";
import { appendAll, appendTo } from "../rules/lists";

export interface PrepareOptions {
  settings?: Settings;
  rules?: RuleSet;
  /** The date the forms are sent, for rows without a Date submitted (the 10-week rule). */
  submitted?: Day | null;
  /** What to call that date in messages: "--submitted" (default), "Forms sent on". */
  submittedLabel?: string;
  /**
   * The months being made now ("2025-11"): `submitted` is for their rows only, and only they are
   * checked against their due date. Every row is still read (box j, the annualised tier).
   */
  months?: string[];
  /** Today, for "Form B already past its due date"; defaults to the clock. */
  today?: Day;
  sessionsSheet?: string;
  sessionsFirstRow?: number;
  sessionsFirstCol?: number;
  detailsSheet?: string;
  detailsFirstRow?: number;
  detailsFirstCol?: number;
  /** The characters the form font cannot print (unprintableWith(fonts)); without it, no check. */
  unprintable?: (text: string) => string[];
  /**
   * Merged cells in the sessions header row ("B1:C1"), as the host finds them: merged headers hide
   * which column is which, so they stop every form.
   */
  mergedHeaderCells?: string[];
  /** The workbook has no Locum details sheet at all. */
  detailsAbsent?: boolean;
  /** Every sheet of the workbook, so a missing Locum details sheet can be told from a misnamed one. */
  sheetNames?: string[];
  /** Excel rows of the sessions block hidden by the user or a filter: read, and named in a warning. */
  hiddenRows?: number[];
  /** The workbook counts dates from 1904: date serials in the sessions and details are 1,462 days less. */
  date1904?: boolean;
}

export const formALabel = (f: { monthKey: string; practice: string; invoice: string }) =>
  `Form A ${monthLabel(f.monthKey)} ${f.practice}${f.invoice ? ` (invoice ${f.invoice})` : ""}`;
export const formBLabel = (monthKey: string) => `Form B ${monthLabel(monthKey)} and its pack`;

/** Mark errors as stopping a form: its label for people, its month (or all) for hosts to decide with. */
function tag(msgs: Iterable<Message>, label: string, month: string | null): void {
  for (const m of msgs) {
    if (m.level !== "error") continue;
    m.stops ??= [];
    if (!m.stops.includes(label)) m.stops.push(label);
    if (month === null) m.stopsAll = true;
    else if (!(m.stopsMonths ??= []).includes(month)) m.stopsMonths.push(month);
  }
}

export function prepareForms(sessionsRows: unknown[][], detailsRows: unknown[][], options: PrepareOptions = {}): PreparedForms {
  const run = readInput(sessionsRows, detailsRows, options);
  const { out, locum, read, kept } = run;
  if (!locum || !read.usable) {
    tag(out.list, "every form (fix these first)", null);
    // The months the rows are for, with nothing written: a host clears what an earlier run left there.
    const keys = [...new Set([...kept.map((s) => s.month), ...read.bad.flatMap((b) => (b.monthKey ? [b.monthKey] : []))])].sort();
    return result(
      run,
      keys.map((k) => ({ ...monthOf(k), upr: "", formB: null, formsA: [], complete: false })),
      [],
    );
  }
  const groups = groupSessions(kept);
  const stop = stoppers(read, groups);
  const formsA = buildFormsA(run, locum, groups, stop);
  const carried: Message[] = [];
  const months = buildMonths(run, locum, groups, stop, formsA, carried);
  provisionalYears(run, months);
  return result(run, months, carried);
}

/** What a run knows after reading: the findings so far, the details, the sessions and those kept. */
interface Run {
  options: PrepareOptions;
  settings: Settings;
  rules: RuleSet;
  today: Day;
  out: Findings;
  detailsSheet: string;
  locum: LocumDetails | null;
  read: ReadSessions;
  kept: Session[];
}

function readInput(sessionsRows: unknown[][], detailsRows: unknown[][], options: PrepareOptions): Run {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const rules = options.rules ?? DEFAULT_RULES;
  const today = options.today ?? todayDay();
  const out = new Findings();
  const detailsSheet = options.detailsSheet ?? "Locum details";
  const locum = readDetails(detailsRows, out, {
    sheet: detailsSheet,
    firstRow: options.detailsFirstRow,
    firstCol: options.detailsFirstCol,
    absent: options.detailsAbsent,
    sheetNames: options.sheetNames,
    unprintable: options.unprintable,
    date1904: options.date1904,
  });
  const read = readSessions(sessionsRows, out, {
    today,
    sheet: options.sessionsSheet,
    firstRow: options.sessionsFirstRow,
    firstCol: options.sessionsFirstCol,
    unprintable: options.unprintable,
    rules,
    settings,
    date1904: options.date1904,
  });
  const headerRow = (options.sessionsFirstRow ?? 1) + Math.max(0, headerIndex(sessionsRows));
  for (const range of options.mergedHeaderCells ?? []) {
    out.error(
      { sheet: read.sheet, row: headerRow, cell: range },
      `header cells ${range} are merged: unmerge them and give each column its own header (Date worked, Practice, Practice code, Fee, Date paid…)`,
      "merged header",
    );
  }
  if (options.mergedHeaderCells?.length) read.usable = false;
  // Hidden rows count like the others (a filter left on hides sessions from the eye, not the forms).
  const hidden = new Set(options.hiddenRows ?? []);
  const hiddenRead = [...read.sessions.map((s) => s.row), ...read.bad.map((b) => b.row)].filter((r) => hidden.has(r));
  const one = hiddenRead.length === 1;
  if (hiddenRead.length)
    out.warning(
      { sheet: read.sheet },
      `${rowList(hiddenRead)} ${one ? "is" : "are"} hidden (by a filter or Hide) and read like every other row: unhide ${one ? "it" : "them"} to check, and delete any that is not a session`,
      "hidden-rows",
    );
  const kept = read.usable
    ? checkSessions(read, {
        settings,
        submitted: options.submitted ?? null,
        submittedLabel: options.submittedLabel,
        months: options.months,
        today,
        out,
        locum,
        columns: read.columns,
        firstCol: read.firstCol,
      })
    : [];
  return { options, settings, rules, today, out, detailsSheet, locum, read, kept };
}

function monthOf(key: string): { monthKey: string; year: number; month: number } {
  return { monthKey: key, ...monthOfKey(key) };
}

function result(run: Run, months: MonthForms[], carried: Message[]): PreparedForms {
  const { out, read, locum, detailsSheet } = run;
  // The order a person fixes them in: the details, then the sessions row by row.
  const rank = (m: Message) => [m.sheet === detailsSheet ? 0 : 1, m.row ?? 0];
  const messages = [...out.list].sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1]);
  const rowMonths: Record<number, string[]> = {};
  const add = (row: number, k: string) => {
    if (!(rowMonths[row] ??= []).includes(k)) rowMonths[row].push(k);
  };
  for (const s of read.sessions) add(s.row, s.month);
  for (const b of read.bad) if (b.monthKey) add(b.row, b.monthKey);
  return {
    locum,
    months,
    rowMonths,
    carried,
    rows: rowRecords(read),
    sessionsSheet: read.sheet,
    messages,
    errors: out.list.filter((m) => m.level === "error").length,
    warnings: out.list.filter((m) => m.level === "warning").length,
  };
}

/** Each row read once: a row split at a cut adds its parts' fees back up and keeps its first day. */
function rowRecords(read: ReadSessions): RowRecord[] {
  const byRow = new Map<number, RowRecord>();
  for (const s of read.sessions) {
    const had = byRow.get(s.row);
    byRow.set(s.row, had ? { row: s.row, first: Math.min(had.first!, s.first), fee: had.fee!.plus(s.fee) } : { row: s.row, first: s.first, fee: s.fee });
  }
  for (const b of read.bad) if (!byRow.has(b.row)) byRow.set(b.row, { row: b.row, first: b.first ?? null, fee: b.fee ?? null });
  for (const u of read.unpaid) byRow.set(u.row, { row: u.row, first: u.first, fee: u.fee });
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}

/** The errors of bad rows whose month cannot be told that may be on the Form B of `key`. */
const anyMonthAt = (stop: Stoppers, key: string): Message[] => stop.anyMonth.filter((a) => a.from === null || key >= a.from).flatMap((a) => a.messages);

/** Which forms the bad rows stop: their Form A (when known), their month's Form B, or every Form B. */
interface Stoppers {
  groups: Map<string, Message[]>;
  groupNames: Map<string, { monthKey: string; practice: string; invoice: string }>;
  months: Map<string, Message[]>;
  /** Bad rows whose month cannot be told: they may belong to any Form B. */
  anyMonth: { messages: Message[]; from: string | null }[];
}

function stoppers(read: ReadSessions, groups: FormAGroup[]): Stoppers {
  const stop: Stoppers = { groups: new Map(), groupNames: new Map(), months: new Map(), anyMonth: [] };
  const push = <K>(map: Map<K, Message[]>, k: K, msgs: Message[]) => appendAll(map, k, msgs);
  for (const b of read.bad) {
    if (b.monthKey === null) {
      // Its pay came after its work: it can be on no Form B of a month before the one it was worked in.
      stop.anyMonth.push({ messages: b.messages, from: b.first === undefined || b.first === null ? null : monthKeyOf(b.first) });
      continue;
    }
    push(stop.months, b.monthKey, b.messages);
    if (b.practiceKey !== null) {
      const k = groupKeyOf(b.monthKey, b.practiceKey, b.invoice);
      push(stop.groups, k, b.messages);
      if (!stop.groupNames.has(k))
        stop.groupNames.set(k, { monthKey: b.monthKey, practice: b.practice ?? b.practiceKey.replace(/^code:/, ""), invoice: b.invoice });
    }
  }
  // A bad row whose practice cannot be told (its code or name unreadable) may belong to any Form A
  // of its month with the same invoice or practice name, or to any at all: stop each it could be in.
  for (const b of read.bad) {
    if (b.monthKey === null || b.practiceKey !== null) continue;
    const name = b.practice ? normaliseHeader(b.practice) : null;
    for (const g of groups) {
      if (g.monthKey !== b.monthKey) continue;
      const s = g.sessions[0];
      const could = b.invoice ? s.invoice.toUpperCase() === b.invoice.toUpperCase() : name ? normaliseHeader(s.practice) === name : true;
      if (could) push(stop.groups, g.key, b.messages);
    }
  }
  // A Form A whose every row is bad has no group left: it is stopped all the same, and said so.
  const groupKeys = new Set(groups.map((g) => g.key));
  for (const [k, names] of stop.groupNames) if (!groupKeys.has(k)) tag(stop.groups.get(k)!, formALabel(names), names.monthKey);
  return stop;
}

interface BuiltA {
  byMonth: Map<string, FormA[]>;
  /** Errors that stopped a Form A of the month (they stop its Form B too). */
  stopped: Map<string, Message[]>;
}

function buildFormsA(run: Run, locum: LocumDetails, groups: FormAGroup[], stop: Stoppers): BuiltA {
  const built: BuiltA = { byMonth: new Map(), stopped: new Map() };
  const perMonth = new Map<string, number>();
  for (const g of groups) {
    const index = (perMonth.get(g.monthKey) ?? 0) + 1;
    perMonth.set(g.monthKey, index);
    const label = formALabel({ monthKey: g.monthKey, practice: g.sessions[0].practice, invoice: g.sessions[0].invoice });
    const blockers = stop.groups.get(g.key);
    if (blockers) {
      tag(blockers, label, g.monthKey);
      appendAll(built.stopped, g.monthKey, blockers);
      continue;
    }
    try {
      const f = buildFormA(g, locum, run.rules, run.settings, run.read.sheet);
      f.index = index;
      appendTo(built.byMonth, g.monthKey, f);
    } catch (e) {
      const m = run.out.error({ sheet: run.read.sheet, row: g.sessions[0].row, field: "Date paid" }, reason(e), "no employer rate");
      tag([m], label, g.monthKey);
      appendTo(built.stopped, g.monthKey, m);
    }
  }
  for (const list of built.byMonth.values()) for (const f of list) f.count = perMonth.get(f.monthKey) ?? list.length;
  return built;
}

/**
 * The months in order, each with its Form B when nothing stops it. Box j runs through a scheme year:
 * a month stopped only by rows to leave off (work that can never go on Form A) is added up as it
 * will be without them, so the months after it still get their forms; any other stopped month
 * breaks the chain for the rest of its year.
 */
function buildMonths(run: Run, locum: LocumDetails, groups: FormAGroup[], stop: Stoppers, built: BuiltA, carried: Message[]): MonthForms[] {
  const monthKeys = [...new Set([...groups.map((g) => g.monthKey), ...stop.months.keys()])].sort();
  const chain = new MonthChain(run, locum, groups, stop, built, carried, monthKeys);
  return monthKeys.map((key) => chain.month(key));
}

/** The tier chooser of a run: rows to be left off are not "left out until fixed" (the annualised tier is already right without them). */
function tierChooserOf(run: Run, locum: LocumDetails): TierChooser {
  const { out, rules, settings, read } = run;
  const excludedRows = [...new Set(read.bad.filter((b) => !b.messages.every((x) => x.leaveOff)).map((b) => b.row))].sort((a, b) => a - b);
  return new TierChooser({
    sessions: run.kept,
    locum,
    rules,
    settings,
    out,
    detailsSheet: run.detailsSheet,
    sessionsSheet: read.sheet,
    excludedRows,
    place: (row, f) => sessionPlace(read, row, f),
  });
}

/** The months of a run one after another, carrying box j through each scheme year (buildMonths). */
class MonthChain {
  private readonly chooser: TierChooser;
  private readonly sent: Map<string, Day>;
  private readonly noted = new Set<Message>();
  private j: Decimal = ZERO;
  private year = -1;
  private chainBroken: { month: string; msgs: Message[] } | null = null;

  constructor(
    private readonly run: Run,
    private readonly locum: LocumDetails,
    private readonly groups: FormAGroup[],
    private readonly stop: Stoppers,
    private readonly built: BuiltA,
    private readonly carried: Message[],
    private readonly monthKeys: string[],
  ) {
    this.chooser = tierChooserOf(run, locum);
    this.sent = sentDates(run);
  }

  /** The tier of a month, its findings placed in the month's scheme year; errors among them. */
  private tierOf(key: string): { tier: ReturnType<TierChooser["choose"]>; errors: Message[] } {
    const out = this.run.out;
    const before = out.list.length;
    const tier = this.chooser.choose(monthStart(key));
    // The tier's findings are about this scheme year: a host showing one year shows only its own.
    for (const x of out.list.slice(before)) x.schemeYear ??= schemeYearOfMonth(key);
    return { tier, errors: out.list.slice(before).filter((x) => x.level === "error") };
  }

  month(key: string): MonthForms {
    const { run, locum, stop, built } = this;
    const schemeYear = schemeYearOfMonth(key);
    if (schemeYear !== this.year) [this.year, this.j, this.chainBroken] = [schemeYear, ZERO, null];
    const written = built.byMonth.get(key) ?? [];
    const { tier, errors } = written.length ? this.tierOf(key) : { tier: null, errors: [] };
    const blockers = [...(stop.months.get(key) ?? []), ...(built.stopped.get(key) ?? []), ...anyMonthAt(stop, key), ...errors];
    let formB: FormB | null = null;
    let leftOff: MonthForms["leftOff"];
    if (this.chainBroken) this.brokenBefore(key, blockers);
    else if (blockers.length || !tier) leftOff = this.stopped(key, blockers);
    else {
      formB = buildFormB(key, written, tier, locum, run.settings, this.j, this.sent.get(key) ?? null);
      this.j = formB.j;
      if (!run.options.months || run.options.months.includes(key)) lateWarning(formB, run);
    }
    const m = monthOf(key);
    return {
      ...m,
      upr: upr(locum.sdNumber, m.year, m.month, run.settings),
      formB,
      formsA: written,
      complete: formB !== null,
      ...(leftOff ? { leftOff } : {}),
    };
  }

  /** A month after one that broke the chain: each error named once, as its own blocker or as the month whose box j it breaks. */
  private brokenBefore(key: string, blockers: Message[]): void {
    const label = formBLabel(key);
    const broken = this.chainBroken!;
    const own = new Set(blockers);
    tag(
      broken.msgs.filter((x) => !own.has(x)),
      `${label} (box j adds up the year from ${monthLabel(broken.month)})`,
      key,
    );
    tag(blockers, label, key);
  }

  /** A stopped month: stopped only by rows to leave off, box j goes on as it will be once they are gone; else the chain breaks. */
  private stopped(key: string, blockers: Message[]): MonthForms["leftOff"] {
    tag(blockers, formBLabel(key), key);
    const after = blockers.length && blockers.every((x) => x.leaveOff) ? this.withoutLeftOff(key) : null;
    if (!after) {
      this.chainBroken = { month: key, msgs: blockers };
      return undefined;
    }
    this.j = after.j;
    // Said on the error, as the later months' forms rest on it.
    const schemeYear = schemeYearOfMonth(key);
    const later = this.monthKeys.some((k) => k > key && schemeYearOfMonth(k) === schemeYear);
    for (const x of blockers) {
      if (!later || this.noted.has(x)) continue;
      this.noted.add(x);
      x.text += `; box j of the later ${schemeYearLabel(schemeYear)} Forms B is added up without this row`;
    }
    this.carried.push(...blockers);
    return { formB: after.formB };
  }

  /** A month as it will be once the rows to leave off are removed: its box j and Form B (null: none left; the whole: cannot be told). */
  private withoutLeftOff(key: string): { j: Decimal; formB: FormB | null } | null {
    const { run, locum } = this;
    const mine = this.groups.filter((g) => g.monthKey === key);
    if (!mine.length) return { j: this.j, formB: null };
    const { tier, errors } = this.tierOf(key);
    if (!tier || errors.length) return null;
    try {
      const formAs = mine.map((g) => buildFormA(g, locum, run.rules, run.settings, run.read.sheet));
      const formB = buildFormB(key, formAs, tier, locum, run.settings, this.j, this.sent.get(key) ?? null);
      return { j: formB.j, formB };
    } catch {
      return null;
    }
  }
}

/** When each month's forms went (or go): the latest Date submitted of its rows, else the run's date. */
function sentDates(run: Run): Map<string, Day> {
  const out = sentByMonth(run.kept);
  const { submitted, months } = run.options;
  if (submitted != null) for (const s of run.kept) if (!out.has(s.month) && (!months || months.includes(s.month))) out.set(s.month, submitted);
  return out;
}

/**
 * A year whose tier table or employer rate is not yet confirmed (2026/27): one warning for the
 * year, saying why each may change (from the rules data), where that year's forms start.
 */
function provisionalYears(run: Run, months: MonthForms[]): void {
  const told = new Set<number>();
  for (const m of months) {
    const b = m.formB;
    if (!b || told.has(b.schemeYear) || (run.options.months && !run.options.months.includes(m.monthKey))) continue;
    const employer = b.formsA.find((f) => f.employerProvisional);
    if (!b.tier.provisional && !employer) continue;
    told.add(b.schemeYear);
    const year = schemeYearLabel(b.schemeYear);
    const parts = [
      b.tier.provisional
        ? `a ${notFinalWords(b.tier.tableStatus).title.toLowerCase()} tier table ("${b.tier.tableLabel}"), ${notFinalWords(b.tier.tableStatus).state}${b.tier.tableNote ? `: ${b.tier.tableNote}` : ""}`
        : "",
      employer ? `a provisional employer rate in Box 3 (${employerWhy(run, employer)})` : "",
    ].filter(Boolean);
    // The tier's note belongs to the year's first row; the employer rate's alone, to the first row paid at it.
    const paidAtIt = run.kept
      .filter((s) => s.month === b.monthKey && s.paid !== null && notFinal(employerSegmentAt(run.rules, s.paid)?.table.status ?? "confirmed"))
      .map((s) => s.row);
    const place =
      !b.tier.provisional && paidAtIt.length
        ? sessionPlace(run.read, Math.min(...paidAtIt), "paid")
        : sessionPlace(run.read, Math.min(...b.formsA.flatMap((f) => f.rows)), "first");
    run.out.warning(
      place,
      `the ${year} forms use ${parts.join(", and ")}; re-make them when the figures are confirmed, or give them yourself (LocumRules sheet or --rules FILE)`,
      "provisional",
    );
  }
}

/** A Form A's provisional employer rate: the rate, from when it applies (by date paid) and why it may change. */
function employerWhy(run: Run, f: FormA): string {
  const seg = employerSegmentAt(run.rules, f.employerOn); // the day Box 3 took its rate on
  const from = seg ? `, for pay received from ${dayToUk(seg.from)}` : "";
  return `${percent(f.employerRate)}${from}${seg?.table.note ? `: ${seg.table.note}` : ""}`;
}

/**
 * What a run that makes only `months` (every month when absent) has to say: the messages about
 * those months (their rows, the errors that stop their forms) and about no month in particular; the
 * errors of other months shown as context (rows left off earlier in the year, whose box j those
 * months rest on); how many others it leaves out; and whether every form of those months was made.
 */
export function forMonths(p: PreparedForms, only?: string[]): { messages: Message[]; context: Message[]; others: number; complete: boolean } {
  const months = only ?? p.months.map((m) => m.monthKey);
  const made = months.map((k) => p.months.find((m) => m.monthKey === k)).filter((m) => m !== undefined);
  const complete = p.locum !== null && made.every((m) => m.complete);
  if (!only) return { messages: p.messages, context: [], others: 0, complete };
  const rowIn = (m: Message) => m.row !== undefined && (p.rowMonths[m.row] ?? []).some((k) => months.includes(k));
  const mine = (m: Message) => m.sheet !== p.sessionsSheet || m.row === undefined || rowIn(m) || months.some((k) => stopsMonth(m, k));
  // A row left off earlier in the scheme year changes these months' box j: its error is shown too.
  const earlier = (m: Message) =>
    m.level === "error" &&
    m.row !== undefined &&
    p.carried.includes(m) &&
    (p.rowMonths[m.row] ?? []).some((k) => months.some((c) => schemeYearOfMonth(c) === schemeYearOfMonth(k) && k < c));
  const messages = p.messages.filter(mine);
  const context = p.messages.filter((m) => !mine(m) && earlier(m));
  return { messages, context, others: p.messages.length - messages.length - context.length, complete };
}

/** The messages about rows from..to of the sessions sheet, and those about no row of it (a selection that makes no month). */
export function forRows(p: PreparedForms, [from, to]: [number, number]): Message[] {
  return p.messages.filter((m) => m.sheet !== p.sessionsSheet || m.row === undefined || (m.row >= from && m.row <= to));
}

/** Warn when a Form B was (or is being) sent after the 7th of the next month. */
function lateWarning(b: FormB, run: Run): void {
  const { read, out } = run;
  const sheet = read.sheet;
  // The Date submitted cell when the sheet has that column, else the Date paid of its first row.
  const field: Field = read.columns.submitted !== undefined ? "submitted" : "paid";
  const place = (row: number | undefined) => (row === undefined ? { sheet, field: FIELD_NAMES[field] } : sessionPlace(read, row, field));
  const rows = new Set(b.formsA.flatMap((f) => f.rows));
  const mine = run.kept.filter((s) => rows.has(s.row) && s.month === b.monthKey);
  const label = `Form B ${monthLabel(b.monthKey)}`;
  // March work paid after the month still goes on March's form: it is due all the same.
  const march = b.paidAfterMonth ? "; work paid after the month still goes on this form, which is due by then even before that pay arrives" : "";
  if (b.sent !== null) {
    if (b.sent > b.dueDate) {
      const row = mine.find((s) => s.submitted === b.sent)?.row ?? mine[0]?.row;
      out.warning(
        place(row),
        `${label} was sent ${dayToUk(b.sent)}, after its due date ${dayToUk(b.dueDate)}: ${scheme(run.locum)} may query it; send forms and payment by the 7th of the month after the pay${march}`,
        "late",
      );
    }
    return;
  }
  if (run.today > b.dueDate) {
    out.warning(
      place(Math.min(...mine.map((s) => s.row))),
      `${label} is past its due date ${dayToUk(b.dueDate)}: if it has not been sent, send it and the payment now (if it has, give Date submitted to check it)${march}`,
      "past due",
    );
  }
}
