// Rows of the Sessions sheet → sessions, cell by cell. A row that cannot be read is kept as a "bad
// row" with whatever is known of it (month paid, practice), so the error stops only the forms it
// belongs to. Each field is read by its parser (sessionFields.ts); dates and money by the engine.
import type Decimal from "decimal.js";
import { apportion, DEFAULT_SETTINGS, type FormBMonth, formBMonthOf, formBMonthStart, pounds, type Settings, workPeriodEnd } from "../engine";
import { cellToDay, type Day, dayToUk, DEFAULT_RULES, isBlankCell, isExcelError, quoted, rowList, type RuleSet, tierSegmentAt } from "../rules";
import { columnLetter, type Field, FIELD_NAMES, findColumns, normaliseHeader } from "../workbook/columns";
import { headerIndex } from "../workbook/sheets";
import { feeTooLargeText } from "../workbook/limits";
import { type Findings, paidBeforeWorkText, type Place, reason } from "../workbook/findings";
import type { Message, Session } from "./model";
import { monthKeyOf, monthLabel } from "./months";
import { APPRAISAL, Bad, FIELD_PARSERS, type Parsed, type ParsedField, sessionOf, SheetCells } from "./sessionFields";

export interface SheetOptions {
  sheet?: string;
  /** Excel row and column (0 = A) of rows[0][0]. */
  firstRow?: number;
  firstCol?: number;
  /** The characters a text cannot be printed with (unprintableWith): a printed field naming them is an error. */
  unprintable?: (text: string) => string[];
  /** The tables in force: where a scheme year or table ends, a row is cut (the March rule). */
  rules?: RuleSet;
  /** For sharing a row's fee between the sides of a cut (rounding). */
  settings?: Settings;
  /** Date serials count from 1904 (1,462 days less than Excel's usual 1900 serials). */
  date1904?: boolean;
  /** Today: a day worked after it is a typo, said before any missing table is. */
  today?: Day;
}

/** A row an error stopped, with what could still be read, to know which forms it stops. */
export interface BadRow {
  row: number;
  monthKey: string | null;
  practiceKey: string | null;
  /** The practice's name as written, for naming the stopped Form A. */
  practice: string | null;
  invoice: string;
  messages: Message[];
  /** The row's first day worked and fee, when they could be read (the year end lists the row). */
  first?: Day | null;
  fee?: Decimal | null;
}

/** Work with no Date paid that is on no Form B yet (not March work): left off, listed at the year end. */
export interface UnpaidRow {
  row: number;
  first: Day;
  fee: Decimal;
}

export interface ReadSessions {
  sessions: Session[];
  bad: BadRow[];
  unpaid: UnpaidRow[];
  /** Raw cells of each session row, for the duplicate check. */
  raw: Map<number, unknown[]>;
  /** False when the sheet itself (header, columns) is unusable: nothing can be written. */
  usable: boolean;
  /** Whether the sheet has an Invoice column (grouping per invoice, else per month paid). */
  hasInvoice: boolean;
  sheet: string;
  /** Column (0-based, within the rows) of each field found, for cell addresses. */
  columns: Partial<Record<Field, number>>;
  firstCol: number;
}

const TOTAL_LABEL = /^\s*(grand\s+|sub\s*-?\s*)?totals?\b/i;

/** "Total", "Subtotal May", "Grand total", "Total for April" in some cell, and no date worked or paid. */
function isTotalsRow(r: unknown[], worked: unknown, paid: unknown): boolean {
  if (!noDate(worked) || !noDate(paid)) return false; // the cheap test first: most rows have a date
  for (const c of r) if (typeof c === "string" && TOTAL_LABEL.test(c)) return true;
  return false;
}

const noDate = (v: unknown) => isBlankCell(v) || (typeof v === "string" && TOTAL_LABEL.test(v));

export { monthKeyOf, schemeYearOfMonth } from "./months";

/** The key of the Form A a row belongs to; rows sharing it share a form (and its periods). */
export function groupKeyOf(monthKey: string, practiceKey: string, invoice: string): string {
  return `${monthKey}|${invoiceKeyOf(practiceKey, invoice)}`;
}

/** One practice's invoice, whatever its months ("" when rows name none): case ignored, as on the forms. */
export function invoiceKeyOf(practiceKey: string, invoice: string): string {
  return `${practiceKey}|${invoice.toUpperCase()}`;
}

/** A sessions cell as messages name it: sheet, row, field and (when the column exists) cell. */
export function sessionPlace(read: Pick<ReadSessions, "sheet" | "columns" | "firstCol">, row: number, f?: Field): Place {
  const col = f === undefined ? undefined : read.columns[f];
  return {
    sheet: read.sheet,
    row,
    field: f === undefined ? undefined : FIELD_NAMES[f],
    cell: col === undefined ? undefined : `${columnLetter(read.firstCol + col)}${row}`,
  };
}

/** The practice a row belongs to: its code when given, else its name (spaces and case ignored). */
export function practiceKeyOf(code: string, practice: string): string {
  return code ? `code:${code}` : `name:${normaliseHeader(practice)}`;
}

export function readSessions(rows: unknown[][], out: Findings, opts: SheetOptions = {}): ReadSessions {
  const sheet = opts.sheet ?? "Sessions";
  const firstRow = opts.firstRow ?? 1;
  const firstCol = opts.firstCol ?? 0;
  const result: ReadSessions = { sessions: [], bad: [], unpaid: [], raw: new Map(), usable: false, hasInvoice: false, sheet, columns: {}, firstCol };
  const h = headerIndex(rows);
  if (h < 0) {
    out.error({ sheet }, "the sheet is empty: add a header row (Date worked, Practice, Practice code, Fee, Date paid) and one row per session", "sheet");
    return result;
  }
  const header = readHeader(rows[h], firstRow + h, sheet, firstCol, out);
  if (!header) return result;
  result.usable = true;
  result.columns = header.index;
  result.hasInvoice = header.index.invoice !== undefined;
  const ctx: RowContext = {
    ...header,
    sheet,
    firstCol,
    opts,
    out,
    oddCodes: new Set(),
    yesNoSent: [],
    unpaid: result.unpaid,
    appraisalByName: [],
    rules: opts.rules ?? DEFAULT_RULES,
    settings: opts.settings ?? DEFAULT_SETTINGS,
    cells: new SheetCells(opts.unprintable, Boolean(opts.date1904)),
    periodEnds: new Map(),
    formBMonths: new Map(),
  };
  const rd = new RowReader(ctx);
  // A row is empty when the columns the forms read are: a spare template row still holds the
  // template's own formulas (Form A, Pensionable pay), whose "" results an .xlsx may not keep.
  const read = Object.values(header.index);
  for (let i = h + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if (allBlank(r, read)) continue;
    const row = firstRow + i;
    if (skipped(r, row, ctx)) continue;
    rd.start(r, row);
    const got = readRow(rd);
    if ("bad" in got) result.bad.push(got.bad);
    else if (got.sessions.length) {
      result.raw.set(row, rawCells(r));
      for (const x of got.sessions) result.sessions.push(x);
    }
  }
  sentYesNo(ctx);
  readAsAppraisal(ctx);
  if (!result.sessions.length && !result.bad.length) {
    out.error({ sheet, row: firstRow + h }, "no sessions below the header row: add one row per session (or per period) worked", "sheet");
    result.usable = false;
  }
  return result;
}

function allBlank(r: unknown[], columns: number[]): boolean {
  for (const c of columns) if (!isBlankCell(r[c])) return false;
  return true;
}

/** A row's cells for the duplicate check: a hole (a cell the sheet does not have) is an empty cell. */
function rawCells(r: unknown[]): unknown[] {
  const out = new Array<unknown>(r.length);
  for (let i = 0; i < r.length; i++) out[i] = r[i] ?? "";
  return out;
}

interface Header {
  index: Partial<Record<Field, number>>;
  loose: Partial<Record<Field, string>>;
  headerRow: number;
}

/** The header row's columns; its problems are errors (nothing can be read), its notes warnings. */
function readHeader(cells: unknown[], headerRow: number, sheet: string, firstCol: number, out: Findings): Header | null {
  const { index, problems, notes, loose, unread } = findColumns(cells, firstCol);
  const at = (column: number) => `${columnLetter(firstCol + column)}${headerRow}`;
  for (const n of notes) out.warning({ sheet, row: headerRow, cell: at(n.column) }, n.text, "column not read");
  for (const p of problems) out.error({ sheet, row: headerRow, cell: p.column !== undefined ? at(p.column) : undefined }, p.text, "header");
  if (problems.length) return null;
  if (unread.length) {
    const many = unread.length > 1;
    out.warning(
      { sheet, row: headerRow },
      `column${many ? "s" : ""} ${unread.join(", ")} ${many ? "are" : "is"} not read: the forms read Date worked, Last day, Practice, Practice code, Fee, Date paid, Invoice, Work type, Engaged via, Appraisal authorised, Date submitted, Session and Notes; if ${many ? "one holds" : "it holds"} one of those, rename its header to that name`,
      "column not read",
    );
  }
  return { index, loose, headerRow };
}

interface RowContext extends Header {
  sheet: string;
  firstCol: number;
  opts: SheetOptions;
  out: Findings;
  rules: RuleSet;
  settings: Settings;
  /** Practice codes already warned of as odd (once each). */
  oddCodes: Set<string>;
  /** Rows whose Date submitted holds yes/no rather than a date (one warning for them all). */
  yesNoSent: number[];
  unpaid: UnpaidRow[];
  /** Rows read as appraisal work because their practice name or session says so (one warning for them all). */
  appraisalByName: AppraisalMention[];
  /** The cells read so far, by value. */
  cells: SheetCells;
  /** The last day of each day's period (workPeriodEnd), null when no tier table covers the day. */
  periodEnds: Map<Day, Day | null>;
  /** The Form B month (and its key) of work ending on a day and paid on a day, by periodKey. */
  formBMonths: Map<number, { month: FormBMonth | null; key: string | null }>;
}

/** The end of the period `day` is in, or null when no tier table covers it (said by the caller). */
function periodEnd(ctx: RowContext, day: Day): Day | null {
  let end = ctx.periodEnds.get(day);
  if (end === undefined) ctx.periodEnds.set(day, (end = tierSegmentAt(ctx.rules, day) ? workPeriodEnd(day, ctx.rules) : null));
  return end;
}

/** The Form B month of work ending on `last` and paid on `paid` (days before 2100 fit in 16 bits). */
function formBOf(ctx: RowContext, last: Day, paid: Day | null): { month: FormBMonth | null; key: string | null } {
  const k = last * 65536 + (paid ?? 65535);
  let got = ctx.formBMonths.get(k);
  if (got === undefined) {
    const month = formBMonthOf(last, paid, ctx.rules);
    ctx.formBMonths.set(k, (got = { month, key: month ? monthKeyOf(formBMonthStart(month)) : null }));
  }
  return got;
}

/**
 * The row being read and the errors said on its cells: one per sheet, moved on row by row (so no
 * closures are made per row).
 */
class RowReader {
  r: unknown[] = [];
  row = 0;
  msgs: Message[] = [];
  constructor(readonly ctx: RowContext) {}

  start(r: unknown[], row: number): void {
    this.r = r;
    this.row = row;
    this.msgs = [];
  }

  cell(f: Field): unknown {
    const c = this.ctx.index[f];
    return c === undefined ? undefined : this.r[c];
  }

  place(f: Field): Place {
    const c = this.ctx.index[f];
    return {
      sheet: this.ctx.sheet,
      row: this.row,
      field: FIELD_NAMES[f],
      cell: c === undefined ? undefined : `${columnLetter(this.ctx.firstCol + c)}${this.row}`,
    };
  }

  fail(f: Field, text: string, kind: string = f): null {
    this.msgs.push(this.ctx.out.error(this.place(f), text, kind));
    return null;
  }

  /** A value that does not fit a column found under another name ("Type" holding "Full day"). */
  looseHint(f: Field): string {
    const loose = this.ctx.loose[f];
    return loose ? `; column ${loose} is read as ${FIELD_NAMES[f]}: if it holds something else, rename its header` : "";
  }

  /** A field by its parser; a bad cell is said on the field, and gives null. */
  take<F extends ParsedField>(f: F): Parsed<F> | null {
    const got = FIELD_PARSERS[f](this.cell(f), this.ctx.cells);
    if (got instanceof Bad) return this.fail(f, got.hint ? got.text + this.looseHint(f) : got.text, got.kind);
    return got as Parsed<F>;
  }
}

/** A totals row or a note under the data: not a session (a note is said, a total is not). */
function skipped(r: unknown[], row: number, ctx: RowContext): boolean {
  const { first, paid, fee } = ctx.index;
  const paidCell = paid === undefined ? undefined : r[paid];
  // A totals row ("Total" in a cell, no date paid) is not a session: the forms add up the fees.
  if (isTotalsRow(r, first === undefined ? undefined : r[first], paidCell)) return true;
  // A note has no fee and no date paid (the cheap test first).
  if (!(isBlankCell(fee === undefined ? undefined : r[fee]) && isBlankCell(paidCell))) return false;
  // A line of text alone (a note under the data) is not a session with everything missing.
  // "Note: …" in the first column, with its words spilling into the next ones, is a note too.
  const filled = r.filter((c) => !isBlankCell(c));
  const lone = filled.length === 1 && typeof filled[0] === "string" && cellToDay(filled[0]) === null && !isExcelError(filled[0]);
  const noted = typeof filled[0] === "string" && /^\s*(notes?|n\.?b\.?)\s*[:.-]/i.test(filled[0]);
  if (!(lone || noted)) return false;
  const text = filled.map((c) => String(c).trim()).join(" ");
  ctx.out.warning(
    { sheet: ctx.sheet, row, cell: `${columnLetter(ctx.firstCol + r.findIndex((c) => !isBlankCell(c)))}${row}` },
    `${quoted(text)} looks like a note, not a session: not read (put notes in a Notes column to keep them beside their session)`,
    "note row",
  );
  return true;
}

const YES_NO = /^(yes|y|no|n|true|false|x|✓|✔|sent|done)$/i;

/** A row's fields as read (null: not read, its error said), before the days are checked against the rules. */
interface RowFields {
  first: Day | null;
  last: Day | null;
  paid: Day | null;
  fee: Parsed<"fee"> | null;
  practice: string | null;
  code: string | null;
  invoice: string;
  notes: string;
  session: string;
  work: Parsed<"workType"> | null;
  engaged: Parsed<"engagedVia"> | null;
  authorised: boolean | null;
  submitted: Day | null;
}

/** One row → its session(s) (two when its days cross a period cut), or a bad row with what is known. */
function readRow(rd: RowReader): { sessions: Session[] } | { bad: BadRow } {
  const { ctx, row } = rd;
  const c = readFields(rd);
  const { first, last, paid } = c;
  if (first !== null && last !== null && last < first) rd.fail("last", `the last day is before the first day worked: swap them`, "dates");
  const inRules = covered(rd, first, c) && (last === first || covered(rd, last, c));
  // No Date paid: only work in its period's last month (March) goes on a Form B before the pay comes.
  const monthKey = inRules && first !== null && last !== null && paid !== null ? formBOf(ctx, last, paid).key : paid !== null ? monthKeyOf(paid) : null;
  const { fee, practice, code, work, engaged, authorised } = c;
  if (
    rd.msgs.length ||
    first === null ||
    last === null ||
    fee === null ||
    practice === null ||
    code === null ||
    !work ||
    !engaged ||
    authorised === null ||
    (paid === null && !isBlankCell(rd.cell("paid")))
  ) {
    const unpaidMonth = inRules && paid === null && last !== null && isBlankCell(rd.cell("paid")) ? formBOf(ctx, last, null).key : null;
    // The code identifies the practice even when the name cell is bad, and the name when no code is given.
    const practiceKey = code ? practiceKeyOf(code, "") : code === "" && practice ? practiceKeyOf("", practice) : null;
    return { bad: { row, monthKey: monthKey ?? unpaidMonth, practiceKey, practice, invoice: c.invoice, messages: rd.msgs, first, fee: fee?.fee ?? null } };
  }
  // "NHS England (appraisal)" with no Work type: appraisal work, as its name says (said once, below).
  const named = work.stated ? null : appraisalMention(row, practice, c.session);
  if (named) ctx.appraisalByName.push(named);
  const s: RowSession = {
    row,
    practice,
    code,
    invoice: c.invoice,
    workType: named ? "appraisal" : work.type,
    workTypeStated: work.stated,
    session: c.session,
    engagedVia: engaged.kind,
    pcnScenario: engaged.scenario,
    appraisalAuthorised: authorised,
    submitted: c.submitted,
    notes: c.notes,
    first,
    last,
    fee: fee.fee,
    paid,
  };
  return { sessions: splitAtCuts(s, rd) };
}

/** Each field of the row by its parser, in the order their errors are said. */
function readFields(rd: RowReader): RowFields {
  const first = rd.take("first");
  const last = isBlankCell(rd.cell("last")) ? first : rd.take("last");
  const paid = isBlankCell(rd.cell("paid")) ? null : rd.take("paid");
  const fee = rd.take("fee");
  if (fee?.over) rd.fail("fee", feeTooLargeText(fee.fee), "fee over limit");
  const practice = rd.take("practice");
  const code = rd.take("code");
  if (code?.odd && !rd.ctx.oddCodes.has(code.code)) {
    rd.ctx.oddCodes.add(code.code);
    rd.ctx.out.warning(
      rd.place("code"),
      `"${code.code}" does not look like an ODS or EA code (letters and digits, like Y02345, Q99 or 7A2): the forms print it as given, and each code makes its own Forms A${rd.looseHint("code")}`,
      "odd code",
    );
  }
  const invoice = rd.take("invoice") ?? "";
  const notes = rd.take("notes") ?? "";
  const session = sessionOf(rd.cell("session"));
  const work = rd.take("workType");
  const engaged = rd.take("engagedVia");
  const authorised = rd.take("appraisalAuthorised");
  const sentCell = rd.cell("submitted");
  // "Sent to PCSE: yes" says the forms went, not when: the 10-week rule needs the date (one warning).
  const sentYes = typeof sentCell === "boolean" || (typeof sentCell === "string" && YES_NO.test(sentCell.trim()));
  if (sentYes) rd.ctx.yesNoSent.push(rd.row);
  const submitted = isBlankCell(sentCell) || sentYes ? null : rd.take("submitted");
  return { first, last, paid, fee, practice, code: code && code.code, invoice, notes, session, work, engaged, authorised, submitted };
}

/**
 * Whether a tier table covers a day of the row. Work on days none covers (after the last year the
 * rules hold) has no Form B month: an error on its row, which stops the month it was paid in, not the run.
 */
function covered(rd: RowReader, d: Day | null, c: Pick<RowFields, "first" | "last" | "paid">): boolean {
  if (d === null || periodEnd(rd.ctx, d) !== null) return true;
  const field = d === c.last && c.last !== c.first ? "last" : "first";
  // A date far off is likelier a typo than a year without a table: said first, naming the row.
  const today = rd.ctx.opts.today;
  if (c.paid !== null && c.paid < d) rd.fail("paid", paidBeforeWorkText(c.paid, c.last ?? d), "paid before work");
  else if (today !== undefined && d > today)
    rd.fail(field, `${dayToUk(d)} is after today (${dayToUk(today)}): work is declared once it is done; correct the year if it is a typo`, "future work");
  else rd.fail(field, `${noTableText(d, rd.ctx.rules)}; the forms of other months are made`, "no table");
  return false;
}

/** The engine's own words for a day no tier table covers (only asked once the day is known uncovered). */
function noTableText(d: Day, rules: RuleSet): string {
  try {
    workPeriodEnd(d, rules);
  } catch (e) {
    return reason(e);
  }
  return `no tier table covers ${dayToUk(d)}`;
}

/** A row read whole, before it is cut into its periods' sessions. */
type RowSession = Omit<Session, "month" | "byWork" | "part" | "formKey">;

/**
 * A row's days as sessions, one per period (§3: no Form A holds days on both sides of 31 March or
 * of 30 September 2022), the fee shared by days as the engine apportions earnings (§5, §7). A row
 * with no Date paid goes on March's Form B when it is March work (a warning says the pay is not in
 * yet); other unpaid work is on no Form B yet and is left off, with a warning.
 */
function splitAtCuts(s: RowSession, rd: RowReader): Session[] {
  const { ctx } = rd;
  const within = s.last <= periodEnd(ctx, s.first)!;
  if (within && s.paid !== null) {
    // Most rows: paid, and within one period: one session, the whole fee, on the month paid's Form B.
    const m = formBOf(ctx, s.last, s.paid);
    return [sessionPart(s, s.first, s.last, s.fee, m.key!, m.month!.byWork, practiceKeyOf(s.code, s.practice))];
  }
  // Not paid yet, within one period: one slice, the whole fee (as apportion gives it); across a cut, a slice a side.
  const slices = within ? [{ start: s.first, end: s.last, earnings: s.fee }] : apportion(s.fee, s.first, s.last, ctx.rules, ctx.settings);
  const parts = slices.map((x) => {
    const m = formBOf(ctx, x.end, s.paid);
    return { x, month: m.month, key: m.key };
  });
  if (s.paid === null) {
    if (parts.some((p) => p.month === null)) {
      ctx.unpaid.push({ row: s.row, first: s.first, fee: s.fee });
      ctx.out.warning(
        rd.place("paid"),
        `empty: work not yet paid is on no Form B yet (a Form B is the month the pay is received; only March work goes on March's Form B before it is paid): left off the forms until you fill in Date paid`,
        "not paid yet",
      );
      return [];
    }
    ctx.out.warning(
      rd.place("paid"),
      `empty: this ${monthLabel(parts[0].key!)} work is declared on that month's Form B before it is paid (the March rule); its Form A shows the pay as not yet received: fill in Date paid when it comes, and send the forms by the due date all the same`,
      "not paid yet",
    );
  }
  if (parts.length > 1) splitWarning(s, parts, rd);
  const practiceKey = practiceKeyOf(s.code, s.practice);
  return parts.map(({ x, month, key }, i) => {
    const one = sessionPart(s, x.start, x.end, x.earnings, key!, month!.byWork, practiceKey);
    if (parts.length > 1) one.part = { index: i + 1, of: parts.length };
    return one;
  });
}

/** A session of a row's days, its fields in the row's order (written out: a spread per row was a third of the reading). */
function sessionPart(s: RowSession, first: Day, last: Day, fee: Decimal, month: string, byWork: boolean, practiceKey: string): Session {
  return {
    row: s.row,
    practice: s.practice,
    code: s.code,
    invoice: s.invoice,
    workType: s.workType,
    workTypeStated: s.workTypeStated,
    session: s.session,
    engagedVia: s.engagedVia,
    pcnScenario: s.pcnScenario,
    appraisalAuthorised: s.appraisalAuthorised,
    submitted: s.submitted,
    notes: s.notes,
    first,
    last,
    fee,
    paid: s.paid,
    month,
    byWork,
    formKey: groupKeyOf(month, practiceKey, s.invoice),
  };
}

/** The warning for a row cut into parts, naming each part's days, fee share and Form B. */
function splitWarning(s: RowSession, parts: { x: { start: Day; end: Day; earnings: Decimal }; key: string | null }[], rd: RowReader): void {
  const sides = parts.map((p) => `${dayToUk(p.x.start)} to ${dayToUk(p.x.end)} (${pounds(p.x.earnings)}) on the ${monthLabel(p.key!)} Form B`).join(", and ");
  const cuts = parts
    .slice(1)
    .map((p) => dayToUk(p.x.start - 1))
    .join(" and ");
  rd.ctx.out.warning(
    rd.place("first"),
    `the days ${dayToUk(s.first)} to ${dayToUk(s.last)} cross ${cuts}, where a scheme year or tier table ends: declared in ${parts.length} parts with the fee shared by days, ${sides} (a Form A may not hold days from both sides); invoice the practice for each month separately`,
    "split at cut",
  );
}

/** One warning for a Date submitted column that holds yes/no: the forms need the date the forms went. */
function sentYesNo(ctx: RowContext): void {
  if (!ctx.yesNoSent.length) return;
  const col = ctx.index.submitted!;
  const name = ctx.loose.submitted ?? `${columnLetter(ctx.firstCol + col)} ("Date submitted")`;
  ctx.out.warning(
    { sheet: ctx.sheet, row: ctx.yesNoSent[0], field: FIELD_NAMES.submitted, cell: `${columnLetter(ctx.firstCol + col)}${ctx.yesNoSent[0]}` },
    `column ${name} holds yes/no (${rowList(ctx.yesNoSent)}), not the date the forms were sent: the 10-week rule and the due date need that date, so those rows are checked as not yet sent; write the date sent (dd/mm/yyyy) instead`,
    "sent yes/no",
  );
}

interface AppraisalMention {
  row: number;
  field: "practice" | "session";
  text: string;
}

/** The practice name or session that says appraisal ("NHS England (appraisal)", "Appraisal"), if one does. */
function appraisalMention(row: number, practice: string, session: string): AppraisalMention | null {
  if (APPRAISAL.test(practice)) return { row, field: "practice", text: practice };
  return APPRAISAL.test(session) ? { row, field: "session", text: session } : null;
}

/** One warning for the rows read as appraisal work by their practice name or session: a new user should see why. */
function readAsAppraisal(ctx: RowContext): void {
  const found = ctx.appraisalByName;
  if (!found.length) return;
  const rows = found.map((a) => a.row);
  const one = new Set(rows).size === 1;
  const texts = [...new Set(found.map((a) => `"${a.text}"`))];
  const fields = new Set(found.map((a) => a.field));
  const what = fields.size > 1 ? "practice name or session" : fields.has("practice") ? "practice name" : "session";
  const col = ctx.index[found[0].field]!;
  ctx.out.warning(
    { sheet: ctx.sheet, row: found[0].row, field: FIELD_NAMES[found[0].field], cell: `${columnLetter(ctx.firstCol + col)}${found[0].row}` },
    `${rowList(rows)} ${one ? "is" : "are"} read as appraisal work, as ${one ? "its" : "their"} ${what} (${texts.slice(0, 3).join(", ")}${texts.length > 3 ? ", …" : ""}) says: ${one ? "its Form A says" : "their Forms A say"} the work is appraisal, for NHS England (in Wales the Local Health Board), and one appraisal fee pensions at most three days; if it is practice work, write "practice" in Work type`,
    "appraisal by name",
  );
}
