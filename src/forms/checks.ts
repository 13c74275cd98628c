// The scheme's rules about what may go on Forms A (domain README §3, §6), applied to read sessions.
// Errors make the row "bad" (its forms are stopped); warnings leave the forms written.
import { formBDueDate, pastTenWeeks, type Settings, tenWeekCutoff } from "../engine";
import { type Day, dayFromYmd, dayToUk, ymdOfDay } from "../rules";
import { columnLetter, type Field } from "./columns";
import type { Findings, Place } from "./messages";
import type { LocumDetails, Message, Session } from "./model";
import { type BadRow, groupKeyOf, monthKeyOf, practiceKeyOf, type ReadSessions, sessionPlace } from "./sessions";

export interface CheckContext {
  settings: Settings;
  /** --submitted: the date the forms are (or were) sent, for rows without a Date submitted. */
  submitted: Day | null;
  /** What to call that date in messages ("--submitted", "Forms sent on"). */
  submittedLabel?: string;
  /** The months being made now ("2025-11"): `submitted` is for their rows only. All when absent. */
  months?: string[];
  /** Today, for "the 10-week limit has passed" when no submission date is known. */
  today: Day;
  out: Findings;
  locum: LocumDetails | null;
  /** Column of each field, for cell addresses in messages. */
  columns?: Partial<Record<Field, number>>;
  firstCol?: number;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export function monthLabel(key: string): string {
  const [y, m] = key.split("-").map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

/**
 * Errors whose remedy is to leave the row off (work that can never be pensioned on Form A). The
 * month's forms stop until the row goes, but what they will then hold is known, so box j of the
 * months after it can still be added up.
 */
export const LEAVE_OFF = new WeakSet<Message>();

/** Sessions that may go on Forms A; errors move rows to read.bad. */
export function checkSessions(read: ReadSessions, ctx: CheckContext): Session[] {
  const { out } = ctx;
  const bad = new Map<number, Message[]>();
  const place = (s: Session, f?: Field): Place => sessionPlace(read, s.row, f);
  const error = (s: Session, f: Field | undefined, text: string, leaveOff = false) => {
    const m = out.error(place(s, f), text);
    if (leaveOff) LEAVE_OFF.add(m);
    bad.set(s.row, [...(bad.get(s.row) ?? []), m]);
  };
  const kept: Session[] = [];
  const unsent = new Map<string, Unsent>();
  const periodEnd = periodEnds(read.sessions);
  // A Form B goes in with all its Forms A: a Date submitted on any row of a month is the month's.
  const sentInMonth = new Map<string, Day>();
  for (const s of read.sessions) {
    if (s.submitted === null) continue;
    const k = monthKeyOf(s.paid);
    sentInMonth.set(k, Math.max(sentInMonth.get(k) ?? s.submitted, s.submitted));
  }

  for (const s of read.sessions) {
    if (s.workType === "private") {
      out.warning(place(s, "workType"), "private work is not NHS work: left off the forms (pension it privately, if at all)");
      continue;
    }
    if (s.workType === "out of hours" || s.workType === "ICB") {
      error(s, "workType", `${s.workType === "ICB" ? "ICB (formerly CCG)" : "out-of-hours"} work is pensioned on the SOLO form, not Form A: remove the row here and ask the ${s.workType === "ICB" ? "ICB" : "out-of-hours provider"} for a SOLO form (its pay still counts towards the tier: add it to Other practitioner pay in Locum details)`, true);
    }
    if (s.engagedVia === "limited company" || s.engagedVia === "agency" || s.engagedVia === "independent provider") {
      const why = {
        "limited company": "work done through a limited company cannot be pensioned as a freelance GP locum",
        agency: "work arranged through an agency or commercial deputising service cannot be pensioned on Form A",
        "independent provider": "work for an independent provider is not NHS work a locum can pension on Form A",
      }[s.engagedVia];
      error(s, "engagedVia", `${why}: remove the row (or correct Engaged via if you were engaged directly by the practice)`, true);
    }
    if (s.engagedVia === "PCN" && s.pcnScenario !== null) {
      if ([3, 5, 6, 7].includes(s.pcnScenario)) {
        error(s, "engagedVia", `PCN scenario ${s.pcnScenario}: a self-employed GP engaged by a non-employing-authority company, a non-GP-owned APMS provider, an NHS Standard Contract provider or an NHS trust cannot pension it; remove the row`, true);
      } else if (s.pcnScenario === 8) {
        out.warning(place(s, "engagedVia"), "PCN scenario 8 (jointly employed staff): the DHSC guidance says nothing of locums; the form is written, but confirm with PCSE before sending it");
      }
    }
    if (s.paid < s.last) {
      error(s, "paid", `${dayToUk(s.paid)} is before the last day worked (${dayToUk(s.last)}): pay is declared in the month it was received, after the work; correct the date`);
    } else {
      tenWeeks(s, periodEnd.get(s.row) ?? s.last, sentInMonth.get(monthKeyOf(s.paid)) ?? null, ctx, error, unsent);
    }
    kept.push(s);
  }
  // The blank Date submitted cell when the sheet has that column, else the date the limit runs from.
  unsentWarnings(unsent, ctx, (row) => sessionPlace(read, row, read.columns.submitted !== undefined ? "submitted" : "first"));
  sentBeforePaid(kept, sentInMonth, ctx, (s) => place(s, "submitted"), (s) => place(s, "paid"));
  appraisalLength(kept, error);
  duplicates(read, kept, out, bad);
  sixMonths(kept, read.sheet, out);
  practiceCodes(kept, read.sheet, out);
  ages(kept, ctx.locum, read.sheet, out);

  for (const s of read.sessions) {
    const msgs = bad.get(s.row);
    if (msgs) read.bad.push({ row: s.row, monthKey: monthKeyOf(s.paid), practiceKey: practiceKeyOf(s.code, s.practice), practice: s.practice, invoice: s.invoice, messages: msgs });
  }
  return kept.filter((s) => !bad.has(s.row));
}

/** The sending date given for this run (--submitted), for a month being made now; else null. */
function sentNow(ctx: CheckContext, month: string): Day | null {
  return ctx.months && !ctx.months.includes(month) ? null : ctx.submitted;
}

type RowError = (s: Session, f: Field | undefined, text: string, leaveOff?: boolean) => void;

/** Rows of a month with no submission date whose 10-week limit comes before (or has passed by) the due date. */
interface Unsent {
  rows: number[];
  due: Day;
  cutoff: Day;
  anchor: string;
}

/**
 * 10-week rule: work paid or submitted too late cannot be pensioned (suspended Apr 2020–Sep 2022).
 * With no submission date, the month's rows are noted in `unsent` for one warning per month.
 */
function tenWeeks(s: Session, periodLast: Day, monthSent: Day | null, ctx: CheckContext, error: RowError, unsent: Map<string, Unsent>): void {
  // "last": the period's last day (a run of days on one Form A), not the row's: one row a day is common.
  const cutoff = tenWeekCutoff(s.first, periodLast, ctx.settings);
  const anchor = ctx.settings.tenWeekAnchor === "last" ? `the last day of the period worked, ${dayToUk(periodLast)}` : `the first day worked, ${dayToUk(s.first)}`;
  const limit = `the limit was ${dayToUk(cutoff)}, 10 weeks from ${anchor}`;
  if (pastTenWeeks(s.first, periodLast, s.paid, ctx.settings)) {
    error(s, "paid", `paid ${dayToUk(s.paid)}, more than 10 weeks after the work (${limit}): work cannot be pensioned when the forms reach PCSE that late; leave the row off, or correct the dates`, true);
    return;
  }
  const month = monthKeyOf(s.paid);
  const submitted = s.submitted ?? monthSent ?? sentNow(ctx, month);
  if (submitted !== null) {
    if (pastTenWeeks(s.first, periodLast, submitted, ctx.settings)) {
      const how = s.submitted !== null ? `submitted ${dayToUk(submitted)}` : monthSent !== null ? `submitted ${dayToUk(submitted)} with the ${monthLabel(monthKeyOf(s.paid))} Form B (the Date submitted of its other rows)` : `to be submitted ${dayToUk(submitted)} (${ctx.submittedLabel ?? "--submitted"})`;
      // The blank Date submitted cell when the sheet has the column, else the date the limit runs from.
      const field: Field = s.submitted !== null || ctx.columns?.submitted !== undefined ? "submitted" : "first";
      error(s, field, `${how}, more than 10 weeks after the work (${limit}): it cannot be pensioned; leave the row off, or correct the dates`, true);
    }
    return;
  }
  const due = formBDueDate(s.paid);
  if (pastTenWeeks(s.first, periodLast, due, ctx.settings) || ctx.today > cutoff) {
    const u = unsent.get(month);
    if (!u) unsent.set(month, { rows: [s.row], due, cutoff, anchor });
    else {
      u.rows.push(s.row);
      if (cutoff < u.cutoff) [u.cutoff, u.anchor] = [cutoff, anchor];
    }
  }
}

/** One warning a month for rows with no submission date: send by the 10-week limit, or it has passed. */
function unsentWarnings(unsent: Map<string, Unsent>, ctx: CheckContext, place: (row: number) => Place): void {
  for (const [month, u] of [...unsent].sort(([a], [b]) => a.localeCompare(b))) {
    const rows = u.rows.length === 1 ? `row ${u.rows[0]}` : `rows ${u.rows.join(", ")}`;
    const how = `give Date submitted (or ${ctx.submittedLabel ?? "--submitted"}) to check the date you send them`;
    const text =
      ctx.today > u.cutoff
        ? `the 10-week limit for the work paid in ${monthLabel(month)} (${rows}) was ${dayToUk(u.cutoff)}, 10 weeks from ${u.anchor}: if those forms have not been sent yet, that work can no longer be pensioned; ${how}`
        : `send the ${monthLabel(month)} forms by ${dayToUk(u.cutoff)} (10 weeks from ${u.anchor}; ${rows}), earlier than the Form B due date ${dayToUk(u.due)}; ${how}`;
    ctx.out.warning(place(u.rows[0]), text);
  }
}

/**
 * The last day of the period each row belongs to: consecutive days of one Form A (practice, invoice
 * or month paid) make one period, as Form A lists them.
 */
function periodEnds(sessions: Session[]): Map<number, Day> {
  const groups = new Map<string, Session[]>();
  for (const s of sessions) {
    const k = groupKeyOf(monthKeyOf(s.paid), practiceKeyOf(s.code, s.practice), s.invoice);
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  const out = new Map<number, Day>();
  for (const list of groups.values()) {
    const spans = runs(list.flatMap(daysOf));
    for (const s of list) out.set(s.row, spans.find(([a, b]) => s.last >= a && s.last <= b)?.[1] ?? s.last);
  }
  return out;
}

/** Consecutive days as runs: [[d1, d2], [d5, d5]]. */
export function runs(days: Day[]): [Day, Day][] {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const out: [Day, Day][] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

export function daysOf(s: Session): Day[] {
  const out: Day[] = [];
  for (let d = s.first; d <= s.last; d++) out.push(d);
  return out;
}

/** A Form B declares pay already received: sending it before the pay arrived is a slip in the dates. */
function sentBeforePaid(sessions: Session[], sentInMonth: Map<string, Day>, ctx: CheckContext, place: (s: Session) => Place, paidPlace: (s: Session) => Place): void {
  const told = new Set<string>();
  for (const s of [...sessions].sort((a, b) => a.row - b.row)) {
    const month = monthKeyOf(s.paid);
    if (told.has(month)) continue;
    const own = s.submitted ?? sentInMonth.get(month) ?? null;
    const sent = own ?? sentNow(ctx, month);
    if (sent === null || sent >= s.paid) continue;
    told.add(month);
    const what = own !== null ? `Date submitted ${dayToUk(sent)}` : `${ctx.submittedLabel ?? "--submitted"} ${dayToUk(sent)}`;
    ctx.out.warning(own !== null ? place(s) : paidPlace(s), `${what} is before this pay was received (${dayToUk(s.paid)}): a Form B declares pay already received, so the ${monthLabel(month)} forms cannot have been sent then; check the dates`);
  }
}

/**
 * One appraisal counts as one to three days; more needs the commissioner's written authorisation.
 * An appraisal is a run of consecutive days on one invoice: two appraisals back to back are two
 * invoices, not one four-day appraisal.
 */
function appraisalLength(sessions: Session[], error: RowError): void {
  const byCommissioner = new Map<string, Session[]>();
  for (const s of sessions) {
    if (s.workType !== "appraisal") continue;
    const k = `${practiceKeyOf(s.code, s.practice)}|${s.invoice.toUpperCase()}`;
    byCommissioner.set(k, [...(byCommissioner.get(k) ?? []), s]);
  }
  for (const list of byCommissioner.values()) {
    for (const [from, to] of runs(list.flatMap(daysOf))) {
      if (to - from + 1 <= 3) continue;
      const inRun = list.filter((s) => s.first <= to && s.last >= from);
      if (inRun.some((s) => s.appraisalAuthorised)) continue;
      const rows = inRun.map((s) => s.row).join(", ");
      for (const s of inRun) {
        error(s, "appraisalAuthorised", `the appraisal from ${dayToUk(from)} to ${dayToUk(to)} (rows ${rows}) counts ${to - from + 1} days; more than three needs written authorisation from the commissioner: write yes in Appraisal authorised once you have it, or split the days`);
      }
    }
  }
}

/** A row repeated cell for cell is almost always a paste gone wrong. */
function duplicates(read: ReadSessions, sessions: Session[], out: Findings, bad: Map<number, Message[]>): void {
  const seen = new Map<string, number>();
  for (const s of sessions) {
    const raw = read.raw.get(s.row) ?? [];
    const key = JSON.stringify(raw.map((c) => (typeof c === "string" ? c.trim() : c ?? "")));
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, s.row);
      continue;
    }
    // The whole row is the finding: name its cells (A3:G3) rather than one field.
    const cell = `${columnLetter(read.firstCol)}${s.row}:${columnLetter(read.firstCol + Math.max(raw.length - 1, 0))}${s.row}`;
    const m = out.error({ sheet: read.sheet, row: s.row, cell }, `repeats row ${first} cell for cell: delete one; if you really worked two sessions, put them on one row with the total fee, or tell them apart in Notes`);
    bad.set(s.row, [...(bad.get(s.row) ?? []), m]);
  }
}

/** Six months or more at one practice may make the locum a type 2 practitioner there: warn once. */
function sixMonths(sessions: Session[], sheet: string, out: Findings): void {
  const byPractice = new Map<string, Session[]>();
  for (const s of sessions) {
    const k = practiceKeyOf(s.code, s.practice);
    byPractice.set(k, [...(byPractice.get(k) ?? []), s]);
  }
  for (const list of byPractice.values()) {
    const months = [...new Set(list.flatMap((s) => [monthIndex(s.first), monthIndex(s.last)]))].sort((a, b) => a - b);
    let start = 0;
    for (let i = 1; i <= months.length; i++) {
      if (i < months.length && months[i] === months[i - 1] + 1) continue;
      const n = months[i - 1] - months[start] + 1;
      if (n >= 6) {
        const firstRow = list.filter((s) => monthIndex(s.first) >= months[start]).sort((a, b) => a.row - b.row)[0];
        out.warning(
          { sheet, row: firstRow.row, field: "Practice" },
          `${firstRow.practice}: work in ${n} consecutive months (${monthName(months[start])} to ${monthName(months[i - 1])}); six months or more at one practice may make you a type 2 (salaried) practitioner there: check with the practice and PCSE. The forms are written.`,
        );
      }
      start = i;
    }
  }
}

const monthIndex = (d: Day) => {
  const { y, m } = ymdOfDay(d);
  return y * 12 + m - 1;
};
const monthName = (i: number) => `${MONTHS[i % 12]} ${Math.floor(i / 12)}`;

/** Missing practice codes, once per practice; one code with two names, once per code. */
function practiceCodes(sessions: Session[], sheet: string, out: Findings): void {
  const missing = new Map<string, number[]>();
  const names = new Map<string, Map<string, number>>();
  for (const s of sessions) {
    if (!s.code) missing.set(s.practice, [...(missing.get(s.practice) ?? []), s.row]);
    else {
      const m = names.get(s.code) ?? new Map<string, number>();
      if (!m.has(s.practice)) m.set(s.practice, s.row);
      names.set(s.code, m);
    }
  }
  for (const [practice, rows] of missing) {
    out.warning({ sheet, row: rows[0], field: "Practice code" }, `empty for ${practice} (rows ${rows.join(", ")}): Form A and Form B show the code box empty for the practice to fill; add the ODS code (e.g. Y02345) to have it printed`);
  }
  for (const [code, m] of names) {
    if (m.size < 2) continue;
    const list = [...m].map(([n, r]) => `"${n}" (row ${r})`).join(", ");
    out.warning({ sheet, row: [...m.values()][1], field: "Practice" }, `practice code ${code} has different names: ${list}; the forms use the first; make them the same`);
  }
}

/** The scheme covers ages 16 to 75: a birth date outside that is more likely a typing slip. */
function ages(sessions: Session[], locum: LocumDetails | null, sheet: string, out: Findings): void {
  if (!locum?.dateOfBirth || !sessions.length) return;
  const { y, m, d } = ymdOfDay(locum.dateOfBirth);
  const at16 = dayFromYmd(y + 16, m, d);
  const at75 = dayFromYmd(y + 75, m, d);
  const odd = sessions.find((s) => s.first < at16 || s.last >= at75);
  if (odd) out.warning({ sheet, row: odd.row, field: "Date worked" }, `the locum was under 16 or 75 or over on this date (born ${dayToUk(locum.dateOfBirth)}): the scheme covers ages 16 to 75; check Date of birth in Locum details`);
}

export type { BadRow };
