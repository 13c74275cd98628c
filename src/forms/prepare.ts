// Rows and details → checked Forms A and B. Every finding is collected before anything is built,
// and each error is tagged with the forms it stops, so a host can print one honest list.
import { DEFAULT_SETTINGS, schemeYearLabel, type Settings, upr, ZERO } from "../engine";
import { type Day, dayFromYmd, dayToUk, DEFAULT_RULES, rowList, type RuleSet } from "../rules";
import type Decimal from "decimal.js";
import { checkSessions, LEAVE_OFF, monthLabel } from "./checks";
import { type Field, FIELD_NAMES, normaliseHeader } from "./columns";
import { readDetails } from "./details";
import { buildFormA, groupSessions } from "./formA";
import { buildFormB } from "./formB";
import { Findings, reason } from "./messages";
import type { FormA, FormB, Message, MonthForms, PreparedForms, Session } from "./model";
import { groupKeyOf, headerIndex, monthKeyOf, readSessions, type ReadSessions, schemeYearOfMonth, sessionPlace } from "./sessions";
import { TierChooser } from "./tier";

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
  /** Excel rows of the sessions block hidden by the user or a filter: read, and named in a warning. */
  hiddenRows?: number[];
  /** The workbook counts dates from 1904: date serials in the sessions and details are 1,462 days less. */
  date1904?: boolean;
}

export const formALabel = (f: { monthKey: string; practice: string; invoice: string }) =>
  `Form A ${monthLabel(f.monthKey)} ${f.practice}${f.invoice ? ` (invoice ${f.invoice})` : ""}`;
export const formBLabel = (monthKey: string) => `Form B ${monthLabel(monthKey)} and its pack`;

function tag(msgs: Iterable<Message>, label: string): void {
  for (const m of msgs) {
    if (m.level !== "error") continue;
    m.stops ??= [];
    if (!m.stops.includes(label)) m.stops.push(label);
  }
}

function todayDay(): Day {
  const now = new Date();
  return dayFromYmd(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}

export function prepareForms(sessionsRows: unknown[][], detailsRows: unknown[][], options: PrepareOptions = {}): PreparedForms {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const rules = options.rules ?? DEFAULT_RULES;
  const out = new Findings();
  /** Errors whose rows box j of later months is added up without: a run of those months shows them. */
  const carried: Message[] = [];
  const detailsSheet = options.detailsSheet ?? "Locum details";
  const locum = readDetails(detailsRows, out, { sheet: detailsSheet, firstRow: options.detailsFirstRow, firstCol: options.detailsFirstCol, absent: options.detailsAbsent, unprintable: options.unprintable, date1904: options.date1904 });
  const read = readSessions(sessionsRows, out, { sheet: options.sessionsSheet, firstRow: options.sessionsFirstRow, firstCol: options.sessionsFirstCol, unprintable: options.unprintable, date1904: options.date1904 });
  const headerRow = (options.sessionsFirstRow ?? 1) + Math.max(0, headerIndex(sessionsRows));
  for (const range of options.mergedHeaderCells ?? []) {
    out.error({ sheet: read.sheet, row: headerRow, cell: range }, `header cells ${range} are merged: unmerge them and give each column its own header (Date worked, Practice, Practice code, Fee, Date paid…)`);
  }
  if (options.mergedHeaderCells?.length) read.usable = false;
  // Hidden rows count like the others (a filter left on hides sessions from the eye, not the forms).
  const hidden = new Set(options.hiddenRows ?? []);
  const hiddenRead = [...read.sessions.map((s) => s.row), ...read.bad.map((b) => b.row)].filter((r) => hidden.has(r));
  const one = hiddenRead.length === 1;
  if (hiddenRead.length) out.warning({ sheet: read.sheet }, `${rowList(hiddenRead)} ${one ? "is" : "are"} hidden (by a filter or Hide) and read like every other row: unhide ${one ? "it" : "them"} to check, and delete any that is not a session`).kind = "hidden-rows";
  const today = options.today ?? todayDay();
  const kept = read.usable
    ? checkSessions(read, { settings, submitted: options.submitted ?? null, submittedLabel: options.submittedLabel, months: options.months, today, out, locum, columns: read.columns, firstCol: read.firstCol })
    : [];
  // The order a person fixes them in: the details, then the sessions row by row.
  const rank = (m: Message) => [m.sheet === detailsSheet ? 0 : 1, m.row ?? 0];
  const ordered = () => [...out.list].sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1]);
  const rowMonths: Record<number, string> = {};
  for (const s of read.sessions) rowMonths[s.row] = monthKeyOf(s.paid);
  for (const b of read.bad) if (b.monthKey) rowMonths[b.row] = b.monthKey;
  const result = (months: MonthForms[]): PreparedForms => ({
    locum,
    months,
    rowMonths,
    carried,
    sessionsSheet: read.sheet,
    messages: ordered(),
    errors: out.list.filter((m) => m.level === "error").length,
    warnings: out.list.filter((m) => m.level === "warning").length,
  });
  if (!locum || !read.usable) {
    tag(out.list, "every form (fix these first)");
    // The months the rows are for, with nothing written: a host clears what an earlier run left there.
    const keys = [...new Set([...kept.map((s) => monthKeyOf(s.paid)), ...read.bad.flatMap((b) => (b.monthKey ? [b.monthKey] : []))])].sort();
    return result(keys.map((k) => {
      const [y, m] = k.split("-").map(Number);
      return { monthKey: k, year: y, month: m, upr: "", formB: null, formsA: [], complete: false };
    }));
  }

  // Which forms the bad rows stop: their Form A (when known), their month's Form B, or every Form B.
  const badGroups = new Map<string, Message[]>();
  const badGroupNames = new Map<string, { monthKey: string; practice: string; invoice: string }>();
  const badMonths = new Map<string, Message[]>();
  const unknownMonth: Message[] = [];
  for (const b of read.bad) {
    if (b.monthKey === null) {
      unknownMonth.push(...b.messages);
      continue;
    }
    badMonths.set(b.monthKey, [...(badMonths.get(b.monthKey) ?? []), ...b.messages]);
    if (b.practiceKey !== null) {
      const k = groupKeyOf(b.monthKey, b.practiceKey, b.invoice);
      badGroups.set(k, [...(badGroups.get(k) ?? []), ...b.messages]);
      if (!badGroupNames.has(k)) badGroupNames.set(k, { monthKey: b.monthKey, practice: b.practice ?? b.practiceKey.replace(/^code:/, ""), invoice: b.invoice });
    }
  }

  const groups = groupSessions(kept);
  // A bad row whose practice cannot be told (its code or name unreadable) may belong to any Form A
  // of its month with the same invoice or practice name, or to any at all: stop each it could be in.
  for (const b of read.bad) {
    if (b.monthKey === null || b.practiceKey !== null) continue;
    const name = b.practice ? normaliseHeader(b.practice) : null;
    for (const g of groups) {
      if (g.monthKey !== b.monthKey) continue;
      const s = g.sessions[0];
      const could = b.invoice ? s.invoice.toUpperCase() === b.invoice.toUpperCase() : name ? normaliseHeader(s.practice) === name : true;
      if (could) badGroups.set(g.key, [...(badGroups.get(g.key) ?? []), ...b.messages]);
    }
  }
  // A Form A whose every row is bad has no group left: it is stopped all the same, and said so.
  const groupKeys = new Set(groups.map((g) => g.key));
  for (const [k, names] of badGroupNames) if (!groupKeys.has(k)) tag(badGroups.get(k)!, formALabel(names));
  const formsA = new Map<string, FormA[]>();
  const stoppedA = new Map<string, Message[]>();
  const perMonth = new Map<string, number>();
  for (const g of groups) {
    const index = (perMonth.get(g.monthKey) ?? 0) + 1;
    perMonth.set(g.monthKey, index);
    const label = formALabel({ monthKey: g.monthKey, practice: g.sessions[0].practice, invoice: g.sessions[0].invoice });
    const blockers = badGroups.get(g.key);
    if (blockers) {
      tag(blockers, label);
      stoppedA.set(g.monthKey, [...(stoppedA.get(g.monthKey) ?? []), ...blockers]);
      continue;
    }
    try {
      const f = buildFormA(g, locum, rules, settings, read.sheet);
      f.index = index;
      formsA.set(g.monthKey, [...(formsA.get(g.monthKey) ?? []), f]);
    } catch (e) {
      const m = out.error({ sheet: read.sheet, row: g.sessions[0].row, field: "Date paid" }, reason(e));
      tag([m], label);
      stoppedA.set(g.monthKey, [...(stoppedA.get(g.monthKey) ?? []), m]);
    }
  }
  for (const list of formsA.values()) for (const f of list) f.count = perMonth.get(f.monthKey) ?? list.length;

  // Rows to be left off are not "left out until fixed": the annualised tier is already right without them.
  const excludedRows = read.bad.filter((b) => !b.messages.every((x) => LEAVE_OFF.has(x))).map((b) => b.row).sort((a, b) => a - b);
  const chooser = new TierChooser({ sessions: kept, locum, rules, settings, out, detailsSheet, sessionsSheet: read.sheet, excludedRows, place: (row, f) => sessionPlace(read, row, f) });
  const monthKeys = [...new Set([...perMonth.keys(), ...badMonths.keys()])].sort();
  const months: MonthForms[] = [];
  /** The month's Form B as it will be with the rows to leave off removed (null if it cannot be told). */
  const monthWithout = (key: string): { j: Decimal } | null => {
    const mine = groups.filter((g) => g.monthKey === key);
    if (!mine.length) return { j };
    const [y, m] = key.split("-").map(Number);
    const before = out.list.length;
    const t = chooser.choose(dayFromYmd(y, m, 1));
    if (!t || out.list.slice(before).some((x) => x.level === "error")) return null;
    try {
      const as = mine.map((g) => buildFormA(g, locum, rules, settings, read.sheet));
      return { j: buildFormB(key, as, t, locum, settings, j).j };
    } catch {
      return null;
    }
  };
  let j: Decimal = ZERO;
  let year = -1;
  let chainBroken: { month: string; msgs: Message[] } | null = null;
  for (const key of monthKeys) {
    const [y, m] = key.split("-").map(Number);
    const start = dayFromYmd(y, m, 1);
    const schemeYear = schemeYearOfMonth(key);
    if (schemeYear !== year) {
      year = schemeYear;
      j = ZERO;
      chainBroken = null;
    }
    const written = formsA.get(key) ?? [];
    const before = out.list.length;
    const tier = written.length ? chooser.choose(start) : null;
    const tierErrors = out.list.slice(before).filter((x) => x.level === "error");
    const blockers = [...(badMonths.get(key) ?? []), ...(stoppedA.get(key) ?? []), ...unknownMonth, ...tierErrors];
    const label = formBLabel(key);
    let formB: FormB | null = null;
    if (chainBroken) {
      // Name the month once per error: as its own blocker, or as a month whose box j it breaks.
      const own = new Set(blockers);
      tag(chainBroken.msgs.filter((x) => !own.has(x)), `${label} (box j adds up the year from ${monthLabel(chainBroken.month)})`);
      tag(blockers, label);
    } else if (blockers.length || !tier) {
      tag(blockers, label);
      // Stopped only by rows to leave off: box j goes on as it will be once they are gone.
      const after = blockers.every((x) => LEAVE_OFF.has(x)) ? monthWithout(key) : null;
      if (after) {
        j = after.j;
        // Said on the error, as the later months' forms rest on it.
        const later = monthKeys.some((k) => k > key && schemeYearOfMonth(k) === schemeYear);
        if (later) for (const x of blockers) if (!x.text.includes("box j")) x.text += `; box j of the later ${schemeYearLabel(schemeYear)} Forms B is added up without this row`;
        carried.push(...blockers);
      } else chainBroken = { month: key, msgs: blockers };
    } else {
      formB = buildFormB(key, written, tier, locum, settings, j);
      j = formB.j;
      if (!options.months || options.months.includes(key)) lateWarning(formB, kept, { ...options, today }, out, read);
    }
    months.push({ monthKey: key, year: y, month: m, upr: upr(locum.sdNumber, y, m, settings), formB, formsA: written, complete: formB !== null });
  }
  return result(months);
}

/**
 * What a run that makes only `months` (every month when absent) has to say: the messages about
 * those months (their rows, the errors that stop their forms) and about no month in particular; how
 * many others it leaves out; and whether every form of those months was made.
 */
export function forMonths(p: PreparedForms, only?: string[]): { messages: Message[]; others: number; complete: boolean } {
  const months = only ?? p.months.map((m) => m.monthKey);
  const labels = months.map(monthLabel);
  // A row left off earlier in the scheme year changes these months' box j: its error is theirs too.
  const before = (k: string | undefined) => k !== undefined && months.some((c) => schemeYearOfMonth(c) === schemeYearOfMonth(k) && k < c);
  const mine = (m: Message) =>
    m.sheet !== p.sessionsSheet ||
    (m.level === "error" && m.row !== undefined && p.carried.includes(m) && before(p.rowMonths[m.row])) ||
    m.row === undefined ||
    months.includes(p.rowMonths[m.row]) ||
    (m.level === "error" && (m.stops ?? []).some((s) => s.startsWith("every form") || labels.some((l) => s.startsWith(`Form A ${l} `) || s.startsWith(`Form B ${l}`))));
  const messages = only ? p.messages.filter(mine) : p.messages;
  const made = months.map((k) => p.months.find((m) => m.monthKey === k)).filter((m) => m !== undefined);
  return { messages, others: p.messages.length - messages.length, complete: p.locum !== null && made.every((m) => m.complete) };
}

/** Warn when a Form B was (or is being) sent after the 7th of the next month. */
function lateWarning(b: FormB, sessions: Session[], options: PrepareOptions, out: Findings, read: ReadSessions): void {
  const sheet = read.sheet;
  // The Date submitted cell when the sheet has that column, else the Date paid the due date comes from.
  const field: Field = read.columns.submitted !== undefined ? "submitted" : "paid";
  const place = (row: number | undefined) => (row === undefined ? { sheet, field: FIELD_NAMES[field] } : sessionPlace(read, row, field));
  const rows = new Set(b.formsA.flatMap((f) => f.rows));
  const mine = sessions.filter((s) => rows.has(s.row));
  const sent = mine.map((s) => s.submitted ?? options.submitted ?? null).filter((d): d is Day => d !== null);
  const label = `Form B ${monthLabel(b.monthKey)}`;
  if (sent.length) {
    const last = Math.max(...sent);
    if (last > b.dueDate) {
      const row = mine.find((s) => (s.submitted ?? options.submitted) === last)?.row;
      out.warning(place(row), `${label} was sent ${dayToUk(last)}, after its due date ${dayToUk(b.dueDate)}: PCSE may query it; send forms and payment by the 7th of the month after the pay`);
    }
    return;
  }
  const today = options.today ?? todayDay();
  if (today > b.dueDate) {
    out.warning(place(Math.min(...mine.map((s) => s.row))), `${label} is past its due date ${dayToUk(b.dueDate)}: if it has not been sent, send it and the payment now (if it has, give Date submitted to check it)`);
  }
}
