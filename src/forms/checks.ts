// The scheme's rules about what may go on Forms A (domain README §3, §6), applied to read sessions.
// Errors make the row "bad" (its forms are stopped); warnings leave the forms written.
import { DEFAULT_SETTINGS, formBDueDate, pastTenWeeks, type Settings, tenWeekCutoff } from "../engine";
import { type Day, dayFromYmd, daysInRuns, dayToUk, rowList, runsOfSpans, ymdOfDay } from "../rules";
import { columnLetter, type Field } from "../workbook/columns";
import { type Findings, paidBeforeWorkText, type Place } from "../workbook/findings";
import type { LocumDetails, Message, Session } from "./model";
import { monthKeyOf, monthLabel, monthStart, scheme, schemeYearOfMonth } from "./months";
import { type BadRow, invoiceKeyOf, practiceKeyOf, type ReadSessions, sessionPlace } from "./sessions";
import { appendTo } from "../rules/lists";

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

export { monthLabel } from "./months";

/** Sessions that may go on Forms A; errors move rows to read.bad. */
export function checkSessions(read: ReadSessions, ctx: CheckContext): Session[] {
  const { out } = ctx;
  const bad = new Map<number, Message[]>();
  const place = (s: Session, f?: Field): Place => sessionPlace(read, s.row, f);
  const error: RowError = (s, f, text, kind, leaveOff = false) => {
    const m = out.error(place(s, f), text, kind);
    if (leaveOff) m.leaveOff = true;
    appendTo(bad, s.row, m);
  };
  const kept: Session[] = [];
  const unsent = new Map<string, Unsent>();
  const firstDayOnly: number[] = [];
  const periodEnd = periodEnds(read.sessions);
  // A Form B goes in with all its Forms A: a Date submitted on any row of a month is the month's.
  const sentInMonth = sentByMonth(read.sessions);

  for (let i = 0; i < read.sessions.length; i++) {
    const s = read.sessions[i];
    if (s.workType === "private") {
      // Said once per row, not per part of a row split at 31 March.
      if (s.part === undefined || s.part.index === 1)
        out.warning(place(s, "workType"), "private work is not NHS work: left off the forms (pension it privately, if at all)", "private");
      continue;
    }
    if (s.part === undefined || s.part.index === 1) cannotGoOnFormA(s, error, out, place, ctx);
    if (s.paid !== null && s.paid < s.last) {
      error(s, "paid", paidBeforeWorkText(s.paid, s.last), "paid before work");
    } else {
      tenWeeks(s, periodEnd[i], sentInMonth.get(s.month) ?? null, ctx, error, unsent, firstDayOnly);
    }
    kept.push(s);
  }
  // The blank Date submitted cell when the sheet has that column, else the date the limit runs from.
  unsentWarnings(unsent, ctx, (row) => sessionPlace(read, row, read.columns.submitted !== undefined ? "submitted" : "first"));
  if (firstDayOnly.length)
    out.warning(
      sessionPlace(read, Math.min(...firstDayOnly), read.columns.submitted !== undefined ? "submitted" : "paid"),
      `${rowList(firstDayOnly)} reached ${scheme(ctx.locum)} within 10 weeks of the last day of the period worked, but not of the first day: pensioned, as PCSE's submit page and NHSBSA count from the last day; PCSE's help page counts from the first day: send sooner to be safe`,
      "ten-week first day",
    );
  sentBeforePaid(
    kept,
    sentInMonth,
    ctx,
    (s) => place(s, "submitted"),
    (s) => place(s, "paid"),
  );
  appraisalLength(kept, error);
  duplicates(read, kept, out, bad);
  regularPost(kept, read.sheet, out);
  practiceCodes(kept, read.sheet, out);
  invoicesAcrossCuts(kept, read.sheet, out);
  ages(kept, ctx.locum, read.sheet, out);
  badRows(read, bad);
  return kept.filter((s) => !bad.has(s.row));
}

/** Rows an error stopped, moved to read.bad once per Form B month they are on. */
function badRows(read: ReadSessions, bad: Map<number, Message[]>): void {
  if (!bad.size) return;
  const seen = new Set<number>();
  // Each side of a split row goes on its own Form B: the error stops both (gathered once, not a
  // pass over every session for each bad row).
  const monthsOfRow = new Map<number, Set<string>>();
  for (const x of read.sessions) (monthsOfRow.get(x.row) ?? monthsOfRow.set(x.row, new Set()).get(x.row)!).add(x.month);
  for (const s of read.sessions) {
    const msgs = bad.get(s.row);
    if (msgs && !seen.has(s.row)) {
      seen.add(s.row);
      for (const monthKey of monthsOfRow.get(s.row)!)
        read.bad.push({ row: s.row, monthKey, practiceKey: practiceKeyOf(s.code, s.practice), practice: s.practice, invoice: s.invoice, messages: msgs });
    }
  }
}

/** The strict reading of the 10-week rule, for the warning beside the default's. */
const FIRST_DAY = { ...DEFAULT_SETTINGS, tenWeekAnchor: "first" } as const;

/** The latest Date submitted of each Form B month's rows. */
export function sentByMonth(sessions: Session[]): Map<string, Day> {
  const out = new Map<string, Day>();
  for (const s of sessions) if (s.submitted !== null) out.set(s.month, Math.max(out.get(s.month) ?? s.submitted, s.submitted));
  return out;
}

// "111" alone or as NHS 111 work ("NHS 111", "111 shift", "111 CAS"), not any number 111: "session 111"
// and "111 Church Road" are not out-of-hours work.
const OOH =
  /\b(out[\s-]*of[\s-]*hours?|o\.?o\.?h\.?s?|nhs\s*111|111\s+(?:shifts?|sessions?|service|clinical|clinician|cas|calls?|hub|online)|urgent\s+care|urgent\s+treatment|utc|gp\s+out[\s-]*of[\s-]*hours)\b|^\s*111\s*$/i;

const OOH_PLACES = [
  ["practice", "the practice name"],
  ["session", "the session"],
  ["notes", "the note"],
] as const;

/** Whether a text mentions out-of-hours work: practice names repeat, so each is tested once. */
const oohSeen = new Map<string, boolean>();
function mentionsOoh(t: string): boolean {
  let got = oohSeen.get(t);
  if (got === undefined) {
    if (oohSeen.size > 10_000) oohSeen.clear(); // a bound on what is kept between workbooks
    oohSeen.set(t, (got = OOH.test(t)));
  }
  return got;
}

/** Where a session that does not state its work type mentions out-of-hours work, if it does. */
function oohPlace(s: Session): (typeof OOH_PLACES)[number] | undefined {
  for (const p of OOH_PLACES) if (mentionsOoh(s[p[0]])) return p;
  return undefined;
}

/** Work that can never go on Form A (§6): an error to leave the row off; or a warning to look again. */
function cannotGoOnFormA(s: Session, error: RowError, out: Findings, place: (s: Session, f?: Field) => Place, ctx: CheckContext): void {
  if (s.workType === "out of hours" || s.workType === "ICB") {
    error(
      s,
      "workType",
      `${s.workType === "ICB" ? "ICB (formerly CCG)" : "out-of-hours"} work is pensioned on the SOLO form, not Form A: remove the row here and ask the ${s.workType === "ICB" ? "ICB" : "out-of-hours provider"} for a SOLO form (its pay still counts towards the tier: add it to Other practitioner pay in Locum details)`,
      "solo",
      true,
    );
  } else if (!s.workTypeStated) {
    // "Local Care Direct OOH", a Session of "OOH": out-of-hours work may hide in a name, a session or a note.
    const where = oohPlace(s);
    if (where) {
      out.warning(
        place(s, where[0]),
        `${where[1]} "${s[where[0]]}" mentions out-of-hours or urgent-care work, which is pensioned on the SOLO form, not Form A: if it is, remove the row (and add its pay to Other practitioner pay); if it is practice work, write "practice" in Work type and this warning goes`,
        "ooh mention",
      );
    }
  }
  if (s.engagedVia === "limited company" || s.engagedVia === "agency" || s.engagedVia === "independent provider") {
    const why = {
      "limited company": "work done through a limited company cannot be pensioned as a freelance GP locum",
      agency: "work arranged through an agency or commercial deputising service cannot be pensioned on Form A",
      "independent provider": "work for an independent provider is not NHS work a locum can pension on Form A",
    }[s.engagedVia];
    error(s, "engagedVia", `${why}: remove the row (or correct Engaged via if you were engaged directly by the practice)`, "engagement", true);
  }
  if (s.engagedVia === "PCN" && s.pcnScenario !== null) {
    if ([3, 5, 6, 7].includes(s.pcnScenario)) {
      error(
        s,
        "engagedVia",
        `PCN scenario ${s.pcnScenario}: a self-employed GP engaged by a non-employing-authority company, a non-GP-owned APMS provider, an NHS Standard Contract provider or an NHS trust cannot pension it; remove the row`,
        "pcn",
        true,
      );
    } else if (s.pcnScenario === 8) {
      out.warning(
        place(s, "engagedVia"),
        `PCN scenario 8 (jointly employed staff): the DHSC guidance says nothing of locums; the form is written, but confirm with ${scheme(ctx.locum)} before sending it`,
        "pcn",
      );
    }
  }
}

/** The sending date given for this run (--submitted), for a month being made now; else null. */
function sentNow(ctx: CheckContext, month: string): Day | null {
  return ctx.months && !ctx.months.includes(month) ? null : ctx.submitted;
}

/** Record an error on a row (all its parts): `leaveOff` when the remedy is to remove the row. */
type RowError = (s: Session, f: Field | undefined, text: string, kind: string, leaveOff?: boolean) => void;

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
function tenWeeks(
  s: Session,
  periodLast: Day,
  monthSent: Day | null,
  ctx: CheckContext,
  error: RowError,
  unsent: Map<string, Unsent>,
  firstDayOnly: number[],
): void {
  // "last": the period's last day (a run of days on one Form A), not the row's: one row a day is common.
  const cutoff = tenWeekCutoff(s.first, periodLast, ctx.settings);
  // The words are made only for a message (most rows have none).
  const anchor = () =>
    ctx.settings.tenWeekAnchor === "last" ? `the last day of the period worked, ${dayToUk(periodLast)}` : `the first day worked, ${dayToUk(s.first)}`;
  const limit = () => `the limit was ${dayToUk(cutoff)}, 10 weeks from ${anchor()}`;
  // March work on March's Form B may go in before its pay arrives (the March rule): only its sending
  // date counts. Earlier work paid after 31 March could not have gone before its pay.
  const sentBeforePay = s.byWork && s.month === monthKeyOf(s.last);
  if (s.paid !== null && !sentBeforePay && pastTenWeeks(s.first, periodLast, s.paid, ctx.settings)) {
    error(
      s,
      "paid",
      `paid ${dayToUk(s.paid)}, more than 10 weeks after the work (${limit()}): work cannot be pensioned when the forms reach ${scheme(ctx.locum)} that late; leave the row off, or correct the dates`,
      "ten-week",
      true,
    );
    return;
  }
  const run = s.submitted === null && monthSent === null ? sentNow(ctx, s.month) : null;
  const submitted = s.submitted ?? monthSent ?? run;
  if (submitted !== null) {
    if (pastTenWeeks(s.first, periodLast, submitted, ctx.settings)) {
      const how =
        s.submitted !== null
          ? `submitted ${dayToUk(submitted)}`
          : monthSent !== null
            ? `submitted ${dayToUk(submitted)} with the ${monthLabel(s.month)} Form B (the Date submitted of its other rows)`
            : `to be submitted ${dayToUk(submitted)} (${ctx.submittedLabel ?? "--submitted"})`;
      // The blank Date submitted cell when the sheet has the column, else the date the limit runs from.
      const field: Field = s.submitted !== null || ctx.columns?.submitted !== undefined ? "submitted" : "first";
      error(
        s,
        field,
        `${how}, more than 10 weeks after the work (${limit()}): it cannot be pensioned; leave the row off, or correct the dates`,
        "ten-week",
        true,
      );
      if (run !== null) ctx.out.list[ctx.out.list.length - 1].fromRunDate = true;
    } else firstDayWarn(s, periodLast, submitted, ctx, firstDayOnly);
    return;
  }
  const due = formBDueDate(monthStart(s.month));
  if (pastTenWeeks(s.first, periodLast, due, ctx.settings) || ctx.today > cutoff) {
    const u = unsent.get(s.month);
    if (!u) unsent.set(s.month, { rows: [s.row], due, cutoff, anchor: anchor() });
    else {
      if (!u.rows.includes(s.row)) u.rows.push(s.row);
      if (cutoff < u.cutoff) [u.cutoff, u.anchor] = [cutoff, anchor()];
    }
  }
}

/** Passes from the last day but not from the first: made, and said once (§3, the first-day reading). */
function firstDayWarn(s: Session, periodLast: Day, on: Day, ctx: CheckContext, firstDayOnly: number[]): void {
  if (ctx.settings.tenWeekAnchor === "last" && pastTenWeeks(s.first, periodLast, on, FIRST_DAY) && !firstDayOnly.includes(s.row)) firstDayOnly.push(s.row);
}

/** One warning a month for rows with no submission date: send by the 10-week limit, or it has passed. */
function unsentWarnings(unsent: Map<string, Unsent>, ctx: CheckContext, place: (row: number) => Place): void {
  for (const [month, u] of [...unsent].sort(([a], [b]) => a.localeCompare(b))) {
    const rows = u.rows.length === 1 ? `row ${u.rows[0]}` : `rows ${u.rows.join(", ")}`;
    const how = `give Date submitted (or ${ctx.submittedLabel ?? "--submitted"}) to check the date you send them`;
    const text =
      ctx.today > u.cutoff
        ? `the 10-week limit for the work on the ${monthLabel(month)} Form B (${rows}) was ${dayToUk(u.cutoff)}, 10 weeks from ${u.anchor}: if those forms have not been sent yet, that work can no longer be pensioned; ${how}`
        : `send the ${monthLabel(month)} forms by ${dayToUk(u.cutoff)} (10 weeks from ${u.anchor}; ${rows}), earlier than the Form B due date ${dayToUk(u.due)}; ${how}`;
    // Two kinds: a limit passed loses the work; one to come only needs the forms sent in time.
    ctx.out.warning(place(u.rows[0]), text, ctx.today > u.cutoff ? "ten-week passed" : "ten-week unsent");
  }
}

/**
 * The last day of the period each row part belongs to, by its place in `sessions`: consecutive
 * days of one Form A (practice, invoice or Form B month) make one period, as Form A lists them.
 */
function periodEnds(sessions: Session[]): Day[] {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < sessions.length; i++) appendTo(groups, sessions[i].formKey, i);
  const out: Day[] = new Array<Day>(sessions.length);
  for (const list of groups.values()) {
    const spans = runsOfSpans(list.map((i) => sessions[i]));
    for (const i of list) {
      const last = sessions[i].last;
      const span = spans.find(([a, b]) => last >= a && last <= b);
      out[i] = span ? span[1] : last;
    }
  }
  return out;
}

/**
 * A Form B declares pay already received: sending it before the pay arrived is a slip in the dates.
 * Not for work declared by the March rule: it goes on March's Form B whenever it is paid.
 */
function sentBeforePaid(
  sessions: Session[],
  sentInMonth: Map<string, Day>,
  ctx: CheckContext,
  place: (s: Session) => Place,
  paidPlace: (s: Session) => Place,
): void {
  const told = new Set<string>();
  for (const s of [...sessions].sort((a, b) => a.row - b.row)) {
    if (s.byWork || s.paid === null || told.has(s.month)) continue;
    const own = s.submitted ?? sentInMonth.get(s.month) ?? null;
    const sent = own ?? sentNow(ctx, s.month);
    if (sent === null || sent >= s.paid) continue;
    told.add(s.month);
    const what = own !== null ? `Date submitted ${dayToUk(sent)}` : `${ctx.submittedLabel ?? "--submitted"} ${dayToUk(sent)}`;
    ctx.out.warning(
      own !== null ? place(s) : paidPlace(s),
      `${what} is before this pay was received (${dayToUk(s.paid)}): a Form B declares pay already received, so the ${monthLabel(s.month)} forms cannot have been sent then; check the dates`,
      "sent before paid",
    );
  }
}

/**
 * One appraisal fee pensions at most three days, consecutive or not (§4, the 2026/27 notes); more
 * needs the commissioner's written authorisation. With an Invoice column, one appraisal is one
 * invoice; without one, a run of consecutive days (two back-to-back appraisals need two invoices).
 */
function appraisalLength(sessions: Session[], error: RowError): void {
  const byFee = new Map<string, Session[]>();
  for (const s of sessions) {
    if (s.workType !== "appraisal") continue;
    const k = invoiceKeyOf(practiceKeyOf(s.code, s.practice), s.invoice);
    appendTo(byFee, k, s);
  }
  for (const list of byFee.values()) {
    const invoice = list[0].invoice;
    const appraisals = invoice ? [list] : runsOfSpans(list).map(([from, to]) => list.filter((s) => s.first <= to && s.last >= from));
    for (const one of appraisals) {
      const days = runsOfSpans(one);
      const count = daysInRuns(days);
      if (count <= 3 || one.some((s) => s.appraisalAuthorised)) continue;
      const rows = rowList(one.map((s) => s.row));
      const when = days.map(([a, b]) => (a === b ? dayToUk(a) : `${dayToUk(a)} to ${dayToUk(b)}`)).join(", ");
      const what = invoice
        ? `the appraisal on invoice ${invoice} (${rows})`
        : `the appraisal from ${dayToUk(days[0][0])} to ${dayToUk(days[days.length - 1][1])} (${rows})`;
      // The whole story once, on its first row; the others point to it (each is stopped all the same).
      const firstRow = Math.min(...one.map((s) => s.row));
      const told = new Set<number>();
      for (const s of [...one].sort((a, b) => a.row - b.row)) {
        if (told.has(s.row)) continue;
        told.add(s.row);
        const text =
          s.row === firstRow
            ? `${what} counts ${count} days (${when}); one appraisal fee pensions at most three days, consecutive or not: write yes in Appraisal authorised once the commissioner has authorised more in writing, or put the days on separate invoices if they were separate appraisals`
            : `part of ${what}, which counts ${count} days: see row ${firstRow}`;
        error(s, "appraisalAuthorised", text, "appraisal days");
      }
    }
  }
}

/** A row repeated cell for cell is almost always a paste gone wrong. */
function duplicates(read: ReadSessions, sessions: Session[], out: Findings, bad: Map<number, Message[]>): void {
  const seen = new Map<string, number>();
  const rows = [...new Set(sessions.map((s) => s.row))];
  // Rows repeated cell for cell share their Date worked and Fee: only rows sharing both are compared whole.
  const pairs = new Map<unknown, Map<unknown, number>>();
  const { first: worked = 0, fee = -1 } = read.columns;
  for (const row of rows) countPair(pairs, read.raw.get(row) ?? [], worked, fee, 1);
  for (const row of rows) {
    const raw = read.raw.get(row) ?? [];
    if (countPair(pairs, raw, worked, fee, 0) === 1) continue;
    const key = JSON.stringify(raw.map(sameCell));
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, row);
      continue;
    }
    // The whole row is the finding: name its cells (A3:G3) rather than one field.
    const cell = `${columnLetter(read.firstCol)}${row}:${columnLetter(read.firstCol + Math.max(raw.length - 1, 0))}${row}`;
    const m = out.error(
      { sheet: read.sheet, row, cell },
      `repeats row ${first} cell for cell: delete one; if you really worked two sessions, put them on one row with the total fee, or tell them apart in Notes`,
      "duplicate",
    );
    appendTo(bad, row, m);
  }
}

/** How many rows have this row's cells in columns a and b (after adding `add`). */
function countPair(pairs: Map<unknown, Map<unknown, number>>, raw: unknown[], a: number, b: number, add: number): number {
  const ka = cellKey(raw[a]);
  const kb = cellKey(raw[b]); // a column the sheet lacks (-1) reads as an empty cell
  const inner = pairs.get(ka) ?? pairs.set(ka, new Map()).get(ka)!;
  const n = (inner.get(kb) ?? 0) + add;
  inner.set(kb, n);
  return n;
}

/** A cell as the duplicate check compares it: text without its outer spaces, an empty cell as "". */
const sameCell = (c: unknown) => (typeof c === "string" ? c.trim() : (c ?? ""));

/** A cell as a key that is equal whenever the cells compare the same (as JSON) */
function cellKey(c: unknown): unknown {
  const v = sameCell(c);
  if (typeof v === "number") return Number.isFinite(v) ? v : "null"; // JSON writes NaN and Infinity as null
  return typeof v === "string" || typeof v === "boolean" ? v : JSON.stringify(v);
}

/** A week (Monday to Sunday) as a number, for counting days a week at a practice. */
const weekOf = (d: Day) => Math.floor((d + 3) / 7); // day 0 (1 January 1970) was a Thursday

/**
 * Work that looks like a salaried post rather than locum sessions (§6, a warning): at one practice,
 * three or more days a week in at least 20 of 26 consecutive weeks. NASGP says the old six-month
 * rule no longer exists, so occasional sessions over many months are never warned of.
 */
function regularPost(sessions: Session[], sheet: string, out: Findings): void {
  const byPractice = new Map<string, Session[]>();
  for (const s of sessions) {
    const k = practiceKeyOf(s.code, s.practice);
    appendTo(byPractice, k, s);
  }
  for (const list of byPractice.values()) {
    const perWeek = new Map<number, Set<Day>>();
    for (const s of list) for (let d = s.first; d <= s.last; d++) perWeek.set(weekOf(d), (perWeek.get(weekOf(d)) ?? new Set()).add(d));
    const busy = [...perWeek]
      .filter(([, days]) => days.size >= 3)
      .map(([w]) => w)
      .sort((a, b) => a - b);
    for (let i = 0; i + REGULAR_WEEKS - 1 < busy.length; i++) {
      if (busy[i + REGULAR_WEEKS - 1] - busy[i] >= WINDOW_WEEKS) continue;
      const from = busy[i] * 7 - 3;
      const to = busy[i + REGULAR_WEEKS - 1] * 7 + 3;
      const first = list.filter((s) => s.last >= from).sort((a, b) => a.row - b.row)[0];
      out.warning(
        { sheet, row: first.row, field: "Practice" },
        `${first.practice}: three or more days a week in ${REGULAR_WEEKS} of ${WINDOW_WEEKS} weeks (${dayToUk(from)} to ${dayToUk(to)}): work as regular as a salaried post may be treated as type 2 (salaried) rather than locum work; check with the practice and PCSE. The forms are written.`,
        "regular post",
      );
      break;
    }
  }
}
const REGULAR_WEEKS = 20;
const WINDOW_WEEKS = 26;

/**
 * An invoice whose days fall on both sides of 31 March (or 30 September 2022) makes one Form A per
 * side (§3: forms holding both are rejected): say so once, so the practice invoices per month.
 */
function invoicesAcrossCuts(sessions: Session[], sheet: string, out: Findings): void {
  const byInvoice = new Map<string, Session[]>();
  for (const s of sessions) {
    if (!s.invoice || s.part) continue; // a split row has its own warning
    const k = invoiceKeyOf(practiceKeyOf(s.code, s.practice), s.invoice);
    appendTo(byInvoice, k, s);
  }
  for (const list of byInvoice.values()) {
    const months = [...new Set(list.map((s) => s.month))].sort();
    if (months.length < 2) continue; // most invoices are of one month: no scheme years to find
    const years = new Set(months.map(schemeYearOfMonth));
    if (years.size < 2 && !list.some((s) => s.byWork)) continue;
    const rows = [...new Set(list.map((s) => s.row))].sort((a, b) => a - b);
    out.warning(
      { sheet, row: rows[0], field: "Invoice" },
      `invoice ${list[0].invoice} (${rowList(rows)}) holds days on both sides of a scheme year's end (or of the 1 October 2022 table change): one Form A per side, on the ${months.map(monthLabel).join(" and ")} Forms B, as forms holding both are rejected; ask the practice to invoice each month separately`,
      "invoice across cut",
    );
  }
}

/** Missing practice codes, once per practice; one code with two names, once per code. */
function practiceCodes(sessions: Session[], sheet: string, out: Findings): void {
  const missing = new Map<string, Set<number>>();
  const names = new Map<string, Map<string, number>>();
  for (const s of sessions) {
    if (!s.code) (missing.get(s.practice) ?? missing.set(s.practice, new Set()).get(s.practice)!).add(s.row);
    else {
      const m = names.get(s.code) ?? new Map<string, number>();
      if (!m.has(s.practice)) m.set(s.practice, s.row);
      names.set(s.code, m);
    }
  }
  for (const [practice, set] of missing) {
    const rows = [...set];
    out.warning(
      { sheet, row: rows[0], rows, field: "Practice code" },
      `empty for ${practice} (${rowList(rows)}): Form A and Form B show the code box empty for the practice to fill; add the ODS code (e.g. Y02345) to have it printed`,
      "no code",
    );
  }
  for (const [code, m] of names) {
    if (m.size < 2) continue;
    const list = [...m].map(([n, r]) => `"${n}" (row ${r})`).join(", ");
    out.warning(
      { sheet, row: [...m.values()][1], field: "Practice" },
      `practice code ${code} has different names: ${list}; the forms use the first; make them the same`,
      "code names",
    );
  }
}

/** The scheme covers ages 16 to 75: a birth date outside that is more likely a typing slip. */
function ages(sessions: Session[], locum: LocumDetails | null, sheet: string, out: Findings): void {
  if (!locum?.dateOfBirth || !sessions.length) return;
  const { y, m, d } = ymdOfDay(locum.dateOfBirth);
  const at16 = dayFromYmd(y + 16, m, d);
  const at75 = dayFromYmd(y + 75, m, d);
  const odd = sessions.find((s) => s.first < at16 || s.last >= at75);
  if (odd)
    out.warning(
      { sheet, row: odd.row, field: "Date worked" },
      `the locum was under 16 or 75 or over on this date (born ${dayToUk(locum.dateOfBirth)}): the scheme covers ages 16 to 75; check Date of birth in Locum details`,
      "age",
    );
}

export type { BadRow };
