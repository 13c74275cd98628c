// Rows of the Sessions sheet → sessions, cell by cell. A row that cannot be read is kept as a "bad
// row" with whatever is known of it (month paid, practice), so the error stops only the forms it
// belongs to. Dates and money are parsed by the engine, which names the field in its messages.
import type Decimal from "decimal.js";
import { apportion, dateArg, DEFAULT_SETTINGS, formBMonthOf, formBMonthStart, moneyArg, pounds, type Settings, workPeriodEnd } from "../engine";
import { cellToDay, type Day, dayToUk, DEFAULT_RULES, from1904, quoted, rowList, type RuleSet } from "../rules";
import { columnLetter, type Field, FIELD_NAMES, findColumns, normaliseHeader } from "../workbook/columns";
import { detailsScore } from "./details";
import { FEE_LIMIT, feeTooLargeText, SESSION_TEXT_LIMITS, textLength, tooLongText } from "../workbook/limits";
import { type Findings, paidBeforeWorkText, type Place, reason, unprintableText } from "../workbook/findings";
import type { Engagement, Message, Session, WorkType } from "./model";
import { monthKeyOf, monthLabel } from "./months";

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

const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const EXCEL_ERROR = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;
const isErrorValue = (v: unknown) => typeof v === "string" && EXCEL_ERROR.test(v.trim());

const TOTAL_LABEL = /^\s*(grand\s+|sub\s*-?\s*)?totals?\b/i;

/** "Total", "Subtotal May", "Grand total", "Total for April" in some cell, and no date worked or paid. */
function isTotalsRow(r: unknown[], worked: unknown, paid: unknown): boolean {
  if (!r.some((c) => typeof c === "string" && TOTAL_LABEL.test(c))) return false;
  const noDate = (v: unknown) => blank(v) || (typeof v === "string" && TOTAL_LABEL.test(v));
  return noDate(worked) && noDate(paid);
}

export { monthKeyOf, schemeYearOfMonth } from "./months";

/** The key of the Form A a row belongs to; rows sharing it share a form (and its periods). */
export function groupKeyOf(monthKey: string, practiceKey: string, invoice: string): string {
  return `${monthKey}|${practiceKey}|${invoice.toUpperCase()}`;
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

const DETAILS_SHEETS = ["locumdetails", "details", "locum"];
/** Sheets that hold the locum's details, rules or settings: never the sessions. */
const NOT_SESSIONS = [...DETAILS_SHEETS, "locumrules", "rules", "locumsettings", "settings"];

/** Whether a sheet is the Locum details sheet, by its name ("Locum details", "Details", "Locum"). */
export function isDetailsSheet(name: string): boolean {
  return DETAILS_SHEETS.includes(normaliseHeader(name));
}

/**
 * Which sheet holds the locum's details: the one named Locum details (or Details, Locum), else the
 * sheet, other than the sessions, whose first column names the most details (three at least):
 * "My details" or "Personal" with Surname, SD number and NI number in it. Both hosts choose with it.
 */
export function pickDetailsSheet<T extends { name: string; rows: unknown[][] }>(sheets: T[], sessions?: string): T | undefined {
  const named = sheets.find((s) => isDetailsSheet(s.name));
  if (named) return named;
  let best: T | undefined;
  let score = 2;
  for (const s of sheets) {
    if (s.name === sessions || NOT_SESSIONS.slice(DETAILS_SHEETS.length).includes(normaliseHeader(s.name))) continue;
    const n = detailsScore(s.rows);
    if (n > score) [best, score] = [s, n];
  }
  return best;
}

/**
 * Which of a workbook's sheets holds the sessions: the active one when it has every session column,
 * else the one named Sessions, else the first with every session column, then with some, then any
 * that is not details, rules or settings. Both hosts choose with it.
 */
export function pickSessionsSheet<T extends { name: string; rows: unknown[][] }>(sheets: T[], active?: string): T | undefined {
  const candidates = sheets.filter((s) => !NOT_SESSIONS.includes(normaliseHeader(s.name)));
  const act = candidates.find((s) => s.name === active);
  if (act && sessionsScore(act.rows) === 2) return act;
  return (
    sheets.find((s) => ["sessions", "session"].includes(normaliseHeader(s.name))) ??
    candidates.find((s) => sessionsScore(s.rows) === 2) ??
    candidates.find((s) => sessionsScore(s.rows) === 1) ??
    candidates[0]
  );
}

/** The practice a row belongs to: its code when given, else its name (spaces and case ignored). */
export function practiceKeyOf(code: string, practice: string): string {
  return code ? `code:${code}` : `name:${normaliseHeader(practice)}`;
}

const WORK_TYPES: [WorkType, string[]][] = [
  ["practice", ["practice", "gppractice", "surgery", "locum", "gp", "nhs", "gms", "pms", "apms", "gmspmsapms", "clinical"]],
  ["appraisal", ["appraisal", "appraisals", "appraiser", "appraisalwork"]],
  ["out of hours", ["outofhours", "ooh", "oohs", "ooh111", "111"]],
  ["ICB", ["icb", "ccg", "icbwork", "ccgwork"]],
  ["private", ["private", "privatework", "nonnhs"]],
];
/**
 * A session's length or part of the day (a "Session" column: AM, PM, Full day): practice work, as a
 * session says how long, not what kind. Not a statement of the work type (the OOH check still looks).
 */
const SESSION_LENGTHS =
  /^(|sessions?|am|pm|ampm|morning|afternoon|evening|allday|fullday|full|halfday|half|day|double|doublesession|extended|extendedhours|\d{1,2}|\d{1,2}sessions?|\d{1,2}hours?|\d{1,2}hrs?)$/;

const ENGAGEMENTS: [Engagement, string[]][] = [
  ["direct", ["", "direct", "directly", "self", "selfemployed", "individual", "practice", "freelance", "sole", "soletrader"]],
  ["limited company", ["limitedcompany", "ltd", "ltdcompany", "limited", "company", "personalservicecompany", "psc"]],
  ["agency", ["agency", "locumagency", "deputisingservice", "commercialdeputisingservice", "chambers"]],
  ["independent provider", ["independentprovider", "independent", "privateprovider"]],
];
const YES = new Set(["yes", "y", "true", "1", "authorised", "authorized", "x", "✓"]);
const NO = new Set(["", "no", "n", "false", "0", "none"]);

/** Find the header row: the first row naming at least two session fields (a title may sit above). */
export function headerIndex(rows: unknown[][]): number {
  for (let i = 0; i < rows.length; i++) {
    const map = findColumns(rows[i] ?? []);
    if (Object.keys(map.index).length >= 2) return i;
  }
  return rows.findIndex((r) => (r ?? []).some((c) => !blank(c)));
}

/**
 * How much a sheet looks like the sessions: 2 when a row among the first ten has every required
 * column, 1 when one names two session columns, else 0. Hosts pick the sheet with it.
 */
export function sessionsScore(rows: unknown[][]): 0 | 1 | 2 {
  let best: 0 | 1 | 2 = 0;
  for (const r of rows.slice(0, 10)) {
    const map = findColumns(r ?? []);
    if (!map.problems.some((p) => p.column === undefined)) return 2;
    if (Object.keys(map.index).length >= 2) best = 1;
  }
  return best;
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
  };
  // A row is empty when the columns the forms read are: a spare template row still holds the
  // template's own formulas (Form A, Pensionable pay), whose "" results an .xlsx may not keep.
  const read = Object.values(header.index);
  for (let i = h + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if (read.every((c) => blank(r[c]))) continue;
    const row = firstRow + i;
    if (skipped(r, row, ctx)) continue;
    const got = readRow(r, row, ctx);
    if ("bad" in got) result.bad.push(got.bad);
    else if (got.sessions.length) {
      result.raw.set(
        row,
        Array.from(r, (c) => c ?? ""),
      ); // a hole (a cell the sheet does not have) is an empty cell
      result.sessions.push(...got.sessions);
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
}

/** A totals row or a note under the data: not a session (a note is said, a total is not). */
function skipped(r: unknown[], row: number, ctx: RowContext): boolean {
  const cellOf = (f: Field) => (ctx.index[f] === undefined ? undefined : r[ctx.index[f]!]);
  // A totals row ("Total" in a cell, no date paid) is not a session: the forms add up the fees.
  if (isTotalsRow(r, cellOf("first"), cellOf("paid"))) return true;
  // A line of text alone (a note under the data) is not a session with everything missing.
  // "Note: …" in the first column, with its words spilling into the next ones, is a note too.
  const filled = r.filter((c) => !blank(c));
  const lone = filled.length === 1 && typeof filled[0] === "string" && cellToDay(filled[0]) === null && !isErrorValue(filled[0]);
  const noted = typeof filled[0] === "string" && /^\s*(notes?|n\.?b\.?)\s*[:.-]/i.test(filled[0]);
  if (!((lone || noted) && blank(cellOf("fee")) && blank(cellOf("paid")))) return false;
  const text = filled.map((c) => String(c).trim()).join(" ");
  ctx.out.warning(
    { sheet: ctx.sheet, row, cell: `${columnLetter(ctx.firstCol + r.findIndex((c) => !blank(c)))}${row}` },
    `${quoted(text)} looks like a note, not a session: not read (put notes in a Notes column to keep them beside their session)`,
    "note row",
  );
  return true;
}

const YES_NO = /^(yes|y|no|n|true|false|x|✓|✔|sent|done)$/i;

/** One row → its session(s) (two when its days cross a period cut), or a bad row with what is known. */
function readRow(r: unknown[], row: number, ctx: RowContext): { sessions: Session[] } | { bad: BadRow } {
  const { index, sheet, firstCol, opts, out } = ctx;
  const cellOf = (f: Field) => (index[f] === undefined ? undefined : r[index[f]!]);
  const place = (f: Field) => ({ sheet, row, field: FIELD_NAMES[f], cell: index[f] === undefined ? undefined : `${columnLetter(firstCol + index[f]!)}${row}` });
  // A value that does not fit a column found under another name ("Type" holding "Full day").
  const looseHint = (f: Field) => (ctx.loose[f] ? `; column ${ctx.loose[f]} is read as ${FIELD_NAMES[f]}: if it holds something else, rename its header` : "");
  const msgs: Message[] = [];
  const fail = (f: Field, text: string, kind: string = f) => {
    msgs.push(out.error(place(f), text, kind));
    return null;
  };
  const attempt = <T>(f: Field, fn: (v: unknown) => T): T | null => {
    const v = cellOf(f);
    // The .xlsx reader gives a formula that was never calculated as its text ("=B2*1.2").
    if (typeof v === "string" && v.startsWith("="))
      return fail(f, `holds a formula with no saved result (${v}): open the workbook in Excel and save it, so the result is stored`, "formula");
    try {
      // A 1904 workbook's date serials are 1,462 days less than the usual (1900) ones.
      return fn(from1904(v, Boolean(opts.date1904) && ["first", "last", "paid", "submitted"].includes(f)));
    } catch (e) {
      const text = reason(e).replace(/^(Date worked|Date paid|Last day|Date submitted|Fee) /, "");
      const hint = f === "fee" && /not the text/.test(text) ? ": type the amount as a number (a number stored as text, often from an import, is not read)" : "";
      return fail(f, text + hint + looseHint(f));
    }
  };
  const textCell = (f: Field, required: boolean): string | null => {
    const v = cellOf(f);
    if (isErrorValue(v)) return fail(f, `holds the Excel error ${String(v).trim()}: fix the formula or type the value`, "excel error");
    if (required && blank(v))
      return fail(
        f,
        `is empty: give the ${f === "practice" ? "practice's name (NHS England or the LHB for appraisal work)" : FIELD_NAMES[f].toLowerCase()}`,
        "empty",
      );
    const t = blank(v) ? "" : String(v).trim().replace(/\s+/g, " ");
    const most = (SESSION_TEXT_LIMITS as Partial<Record<Field, number>>)[f];
    if (most !== undefined && textLength(t) > most) return fail(f, tooLongText(textLength(t), most), "too long");
    const missing = f === "notes" ? [] : (opts.unprintable?.(t) ?? []);
    if (missing.length) return fail(f, unprintableText(missing), "unprintable");
    return t;
  };

  const first = attempt("first", (v) => dateArg(v, "Date worked"));
  const last = blank(cellOf("last")) ? first : attempt("last", (v) => dateArg(v, "Last day"));
  const paid = blank(cellOf("paid")) ? null : attempt("paid", (v) => dateArg(v, "Date paid"));
  const fee = attempt("fee", (v) => moneyArg(v, "Fee", { allowZero: false, limit: Infinity })); // FEE_LIMIT, below, is stricter
  if (fee?.gt(FEE_LIMIT)) fail("fee", feeTooLargeText(fee), "fee over limit");
  const practice = textCell("practice", true);
  const codeText = textCell("code", false);
  const code = codeText === null ? null : codeText.replace(/\s/g, "").toUpperCase();
  // ODS and EA codes are letters and digits with a digit among them (Y02345, B86021, Q99, 7A2 for a
  // Welsh health board): "AM" is not one.
  if (code && !/^(?=[A-Z0-9]*\d)[A-Z0-9]{2,8}$/.test(code) && !ctx.oddCodes.has(code)) {
    ctx.oddCodes.add(code);
    out.warning(
      place("code"),
      `"${code}" does not look like an ODS or EA code (letters and digits, like Y02345, Q99 or 7A2): the forms print it as given, and each code makes its own Forms A${looseHint("code")}`,
      "odd code",
    );
  }
  const invoice = textCell("invoice", false) ?? "";
  const notes = textCell("notes", false) ?? "";
  const session = blank(cellOf("session")) || isErrorValue(cellOf("session")) ? "" : String(cellOf("session")).trim();
  const work = workTypeOf(cellOf("workType"), (v) =>
    fail(
      "workType",
      `"${v}" is not a work type: use practice, appraisal, out of hours, ICB or private (or a session such as AM, PM, Full day)${looseHint("workType")}`,
    ),
  );
  const engaged = engagement(cellOf("engagedVia"), (v) =>
    fail(
      "engagedVia",
      `"${v}" is not a way of engagement: use direct, limited company, agency, independent provider, or PCN scenario 1 to 8${looseHint("engagedVia")}`,
    ),
  );
  const authorised = yesNo(cellOf("appraisalAuthorised"), (v) =>
    fail(
      "appraisalAuthorised",
      `"${v}" is not yes or no: write yes when the commissioner authorised more than three appraisal days in writing${looseHint("appraisalAuthorised")}`,
    ),
  );
  const sentCell = cellOf("submitted");
  // "Sent to PCSE: yes" says the forms went, not when: the 10-week rule needs the date (one warning).
  const sentYes = typeof sentCell === "boolean" || (typeof sentCell === "string" && YES_NO.test(sentCell.trim()));
  if (sentYes) ctx.yesNoSent.push(row);
  const submitted = blank(sentCell) || sentYes ? null : attempt("submitted", (v) => dateArg(v, "Date submitted"));
  if (first !== null && last !== null && last < first) fail("last", `the last day is before the first day worked: swap them`, "dates");
  // Work on days no tier table covers (after the last year the rules hold) has no Form B month:
  // an error on its row, which stops the month it was paid in, not the run.
  const covered = (d: Day | null) => {
    if (d === null) return true;
    try {
      workPeriodEnd(d, ctx.rules);
      return true;
    } catch (e) {
      const field = d === last && last !== first ? "last" : "first";
      // A date far off is likelier a typo than a year without a table: said first, naming the row.
      const today = ctx.opts.today;
      if (paid !== null && paid < d) fail("paid", paidBeforeWorkText(paid, last ?? d), "paid before work");
      else if (today !== undefined && d > today)
        fail(field, `${dayToUk(d)} is after today (${dayToUk(today)}): work is declared once it is done; correct the year if it is a typo`, "future work");
      else fail(field, `${reason(e)}; the forms of other months are made`, "no table");
      return false;
    }
  };
  const inRules = covered(first) && (last === first || covered(last));
  // No Date paid: only work in its period's last month (March) goes on a Form B before the pay comes.
  const month = inRules && first !== null && last !== null && paid !== null ? formBMonthOf(last, paid, ctx.rules) : null;
  const monthKey = month ? monthKeyOf(formBMonthStart(month)) : paid !== null ? monthKeyOf(paid) : null;

  if (
    msgs.length ||
    first === null ||
    last === null ||
    fee === null ||
    practice === null ||
    code === null ||
    !work ||
    !engaged ||
    authorised === null ||
    (paid === null && !blank(cellOf("paid")))
  ) {
    const unpaidMonth = inRules && paid === null && last !== null && blank(cellOf("paid")) ? formBMonthOf(last, null, ctx.rules) : null;
    return {
      bad: {
        row,
        monthKey: monthKey ?? (unpaidMonth ? monthKeyOf(formBMonthStart(unpaidMonth)) : null),
        // The code identifies the practice even when the name cell is bad, and the name when no code is given.
        practiceKey: code ? practiceKeyOf(code, "") : code === "" && practice ? practiceKeyOf("", practice) : null,
        practice,
        invoice,
        messages: msgs,
        first,
        fee,
      },
    };
  }
  // "NHS England (appraisal)" with no Work type: appraisal work, as its name says (said once, below).
  const named = work.stated ? null : appraisalMention(row, practice, session);
  if (named) ctx.appraisalByName.push(named);
  const base = {
    row,
    practice,
    code,
    invoice,
    workType: named ? ("appraisal" as const) : work.type,
    workTypeStated: work.stated,
    session,
    engagedVia: engaged.kind,
    pcnScenario: engaged.scenario,
    appraisalAuthorised: authorised,
    submitted,
    notes,
  };
  return { sessions: splitAtCuts({ ...base, first, last, fee, paid }, ctx, place) };
}

/**
 * A row's days as sessions, one per period (§3: no Form A holds days on both sides of 31 March or
 * of 30 September 2022), the fee shared by days as the engine apportions earnings (§5, §7). A row
 * with no Date paid goes on March's Form B when it is March work (a warning says the pay is not in
 * yet); other unpaid work is on no Form B yet and is left off, with a warning.
 */
function splitAtCuts(s: Omit<Session, "month" | "byWork" | "part">, ctx: RowContext, place: (f: Field) => Place): Session[] {
  const slices = apportion(s.fee, s.first, s.last, ctx.rules, ctx.settings);
  const parts = slices.map((x, i) => {
    const month = formBMonthOf(x.end, s.paid, ctx.rules);
    return { x, i, month };
  });
  if (s.paid === null) {
    const open = parts.filter((p) => p.month === null);
    if (open.length) {
      ctx.unpaid.push({ row: s.row, first: s.first, fee: s.fee });
      ctx.out.warning(
        place("paid"),
        `empty: work not yet paid is on no Form B yet (a Form B is the month the pay is received; only March work goes on March's Form B before it is paid): left off the forms until you fill in Date paid`,
        "not paid yet",
      );
      return [];
    }
    ctx.out.warning(
      place("paid"),
      `empty: this ${monthLabel(monthKeyOf(formBMonthStart(parts[0].month!)))} work is declared on that month's Form B before it is paid (the March rule); its Form A shows the pay as not yet received: fill in Date paid when it comes, and send the forms by the due date all the same`,
      "not paid yet",
    );
  }
  if (parts.length > 1) {
    const sides = parts
      .map((p) => `${dayToUk(p.x.start)} to ${dayToUk(p.x.end)} (${pounds(p.x.earnings)}) on the ${monthLabel(monthKeyOf(formBMonthStart(p.month!)))} Form B`)
      .join(", and ");
    ctx.out.warning(
      place("first"),
      `the days ${dayToUk(s.first)} to ${dayToUk(s.last)} cross ${parts
        .slice(1)
        .map((p) => dayToUk(p.x.start - 1))
        .join(
          " and ",
        )}, where a scheme year or tier table ends: declared in ${parts.length} parts with the fee shared by days, ${sides} (a Form A may not hold days from both sides); invoice the practice for each month separately`,
      "split at cut",
    );
  }
  return parts.map(({ x, i, month }) => ({
    ...s,
    first: x.start,
    last: x.end,
    fee: x.earnings,
    month: monthKeyOf(formBMonthStart(month!)),
    byWork: month!.byWork,
    ...(parts.length > 1 ? { part: { index: i + 1, of: parts.length } } : {}),
  }));
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

const APPRAISAL = /apprais/i;

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

/** A Work type cell: a kind of work (stated), a session length or blank (practice, not stated), or a bad value. */
function workTypeOf(v: unknown, bad: (v: string) => null): { type: WorkType; stated: boolean } | null {
  const n = normaliseHeader(v);
  if (SESSION_LENGTHS.test(n)) return { type: "practice", stated: false };
  // "NHS England appraisal", "GP appraisal (NHSE)": a work type saying appraisal is one.
  if (typeof v === "string" && APPRAISAL.test(v)) return { type: "appraisal", stated: true };
  const type = pick(WORK_TYPES, v, bad);
  return type ? { type, stated: true } : null;
}

function pick<T>(table: [T, string[]][], v: unknown, bad: (v: string) => null): T | null {
  const n = normaliseHeader(v);
  for (const [value, names] of table) if (names.includes(n)) return value;
  return bad(String(v).trim());
}

function engagement(v: unknown, bad: (v: string) => null): { kind: Engagement; scenario: number | null } | null {
  const t = String(v ?? "").trim();
  const pcn = /\b(?:pcn|scenario)\b\D*([1-8])\b/i.exec(t) ?? /^pcn\s*([1-8])$/i.exec(t);
  if (pcn) return { kind: "PCN", scenario: Number(pcn[1]) };
  if (/^pcn$/i.test(t)) return bad(t + " (say which scenario, 1 to 8)");
  const kind = pick(ENGAGEMENTS, v, bad);
  return kind ? { kind, scenario: null } : null;
}

function yesNo(v: unknown, bad: (v: string) => null): boolean | null {
  if (typeof v === "boolean") return v;
  const t = String(v ?? "")
    .trim()
    .toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return bad(String(v).trim());
}
