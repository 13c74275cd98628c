// Rows of the Sessions sheet → sessions, cell by cell. A row that cannot be read is kept as a "bad
// row" with whatever is known of it (month paid, practice), so the error stops only the forms it
// belongs to. Dates and money are parsed by the engine, which names the field in its messages.
import { dateArg, moneyArg, schemeYearOf } from "../engine";
import { cellToDay, type Day, dayFromYmd, ymdOfDay } from "../rules";
import { columnLetter, type Field, FIELD_NAMES, findColumns, normaliseHeader } from "./columns";
import { type Findings, type Place, reason, unprintableText } from "./messages";
import type { Engagement, Message, Session, WorkType } from "./model";

export interface SheetOptions {
  sheet?: string;
  /** Excel row and column (0 = A) of rows[0][0]. */
  firstRow?: number;
  firstCol?: number;
  /** The characters a text cannot be printed with (unprintableWith): a printed field naming them is an error. */
  unprintable?: (text: string) => string[];
  /** Date serials count from 1904 (1,462 days less than Excel's usual 1900 serials). */
  date1904?: boolean;
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
}

export interface ReadSessions {
  sessions: Session[];
  bad: BadRow[];
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

export function monthKeyOf(day: Day): string {
  const { y, m } = ymdOfDay(day);
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** The scheme year a Form B month ("2026-03") belongs to: 2025 (April to March). */
export function schemeYearOfMonth(key: string): number {
  const [y, m] = key.split("-").map(Number);
  return schemeYearOf(dayFromYmd(y, m, 1));
}

/** The key of the Form A a row belongs to; rows sharing it share a form (and its periods). */
export function groupKeyOf(monthKey: string, practiceKey: string, invoice: string): string {
  return `${monthKey}|${practiceKey}|${invoice.toUpperCase()}`;
}

/** A sessions cell as messages name it: sheet, row, field and (when the column exists) cell. */
export function sessionPlace(read: Pick<ReadSessions, "sheet" | "columns" | "firstCol">, row: number, f?: Field): Place {
  const col = f === undefined ? undefined : read.columns[f];
  return { sheet: read.sheet, row, field: f === undefined ? undefined : FIELD_NAMES[f], cell: col === undefined ? undefined : `${columnLetter(read.firstCol + col)}${row}` };
}

const DETAILS_SHEETS = ["locumdetails", "details", "locum"];
/** Sheets that hold the locum's details, rules or settings: never the sessions. */
const NOT_SESSIONS = [...DETAILS_SHEETS, "locumrules", "rules", "locumsettings", "settings"];

/** Whether a sheet is the Locum details sheet, by its name ("Locum details", "Details", "Locum"). */
export function isDetailsSheet(name: string): boolean {
  return DETAILS_SHEETS.includes(normaliseHeader(name));
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
  ["practice", ["", "practice", "gppractice", "surgery", "session", "sessions", "locum", "gp", "nhs", "gms", "pms", "apms", "gmspmsapms", "clinical"]],
  ["appraisal", ["appraisal", "appraisals", "appraiser", "appraisalwork"]],
  ["out of hours", ["outofhours", "ooh", "oohs", "ooh111", "111"]],
  ["ICB", ["icb", "ccg", "icbwork", "ccgwork"]],
  ["private", ["private", "privatework", "nonnhs"]],
];
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
  const result: ReadSessions = { sessions: [], bad: [], raw: new Map(), usable: false, hasInvoice: false, sheet, columns: {}, firstCol };
  const h = headerIndex(rows);
  if (h < 0) {
    out.error({ sheet }, "the sheet is empty: add a header row (Date worked, Practice, Practice code, Fee, Date paid) and one row per session");
    return result;
  }
  const headerRow = firstRow + h;
  const { index, problems, notes, loose } = findColumns(rows[h], firstCol);
  for (const n of notes) out.warning({ sheet, row: headerRow, cell: `${columnLetter(firstCol + n.column)}${headerRow}` }, n.text);
  // A value that does not fit a column found under another name ("Type" holding "Full day").
  const looseHint = (f: Field) => (loose[f] ? `; column ${loose[f]} is read as ${FIELD_NAMES[f]}: if it holds something else, rename its header` : "");
  for (const p of problems) out.error({ sheet, row: headerRow, cell: p.column !== undefined ? `${columnLetter(firstCol + p.column)}${headerRow}` : undefined }, p.text);
  if (problems.length) return result;
  result.usable = true;
  result.columns = index;
  result.hasInvoice = index.invoice !== undefined;

  const oddCodes = new Set<string>();
  for (let i = h + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if (r.every(blank)) continue;
    const row = firstRow + i;
    const cellOf = (f: Field) => (index[f] === undefined ? undefined : r[index[f]!]);
    const place = (f: Field) => ({ sheet, row, field: FIELD_NAMES[f], cell: index[f] === undefined ? undefined : `${columnLetter(firstCol + index[f]!)}${row}` });
    // A totals row ("Total" in a cell, no date paid) is not a session: the forms add up the fees.
    if (isTotalsRow(r, cellOf("first"), cellOf("paid"))) continue;
    // A line of text alone (a note under the data) is not a session with everything missing.
    // "Note: …" in the first column, with its words spilling into the next ones, is a note too.
    const filled = r.filter((c) => !blank(c));
    const lone = filled.length === 1 && typeof filled[0] === "string" && cellToDay(filled[0]) === null && !isErrorValue(filled[0]);
    const noted = typeof filled[0] === "string" && /^\s*(notes?|n\.?b\.?)\s*[:.-]/i.test(filled[0]);
    if ((lone || noted) && blank(cellOf("fee")) && blank(cellOf("paid"))) {
      const text = filled.map((c) => String(c).trim()).join(" ");
      out.warning({ sheet, row, cell: `${columnLetter(firstCol + r.findIndex((c) => !blank(c)))}${row}` }, `"${text.slice(0, 60)}${text.length > 60 ? "…" : ""}" looks like a note, not a session: not read (put notes in a Notes column to keep them beside their session)`);
      continue;
    }
    const msgs: Message[] = [];
    const fail = (f: Field, text: string) => {
      msgs.push(out.error(place(f), text));
      return null;
    };
    const attempt = <T>(f: Field, fn: (v: unknown) => T): T | null => {
      const v = cellOf(f);
      // The .xlsx reader gives a formula that was never calculated as its text ("=B2*1.2").
      if (typeof v === "string" && v.startsWith("=")) return fail(f, `holds a formula with no saved result (${v}): open the workbook in Excel and save it, so the result is stored`);
      try {
        // A 1904 workbook's date serials are 1,462 days less than the usual (1900) ones.
        const from1904 = opts.date1904 && typeof v === "number" && ["first", "last", "paid", "submitted"].includes(f);
        return fn(from1904 ? (v as number) + 1462 : v);
      } catch (e) {
        const text = reason(e).replace(/^(Date worked|Date paid|Last day|Date submitted|Fee) /, "");
        const hint = f === "fee" && /not the text/.test(text) ? ": type the amount as a number (a number stored as text, often from an import, is not read)" : "";
        return fail(f, text + hint + looseHint(f));
      }
    };
    const textCell = (f: Field, required: boolean): string | null => {
      const v = cellOf(f);
      if (isErrorValue(v)) return fail(f, `holds the Excel error ${String(v).trim()}: fix the formula or type the value`);
      if (required && blank(v)) return fail(f, `is empty: give the ${f === "practice" ? "practice's name (NHS England or the LHB for appraisal work)" : FIELD_NAMES[f].toLowerCase()}`);
      const t = blank(v) ? "" : String(v).trim().replace(/\s+/g, " ");
      const missing = f === "notes" ? [] : (opts.unprintable?.(t) ?? []);
      if (missing.length) return fail(f, unprintableText(missing));
      return t;
    };

    const first = attempt("first", (v) => dateArg(v, "Date worked"));
    const last = blank(cellOf("last")) ? first : attempt("last", (v) => dateArg(v, "Last day"));
    const paid = attempt("paid", (v) => dateArg(v, "Date paid"));
    const fee = attempt("fee", (v) => moneyArg(v, "Fee", { allowZero: false }));
    const practice = textCell("practice", true);
    const codeText = textCell("code", false);
    const code = codeText === null ? null : codeText.replace(/\s/g, "").toUpperCase();
    // ODS and EA codes are letters and digits with a digit among them (Y02345, B86021, Q99, 7A2 for a
    // Welsh health board): "AM" is not one.
    if (code && !/^(?=[A-Z0-9]*\d)[A-Z0-9]{2,8}$/.test(code) && !oddCodes.has(code)) {
      oddCodes.add(code);
      out.warning(place("code"), `"${code}" does not look like an ODS or EA code (letters and digits, like Y02345, Q99 or 7A2): the forms print it as given, and each code makes its own Forms A${looseHint("code")}`);
    }
    const invoice = textCell("invoice", false) ?? "";
    const notes = textCell("notes", false) ?? "";
    const workType = pick(WORK_TYPES, cellOf("workType"), (v) => fail("workType", `"${v}" is not a work type: use practice, appraisal, out of hours, ICB or private${looseHint("workType")}`));
    const engaged = engagement(cellOf("engagedVia"), (v) => fail("engagedVia", `"${v}" is not a way of engagement: use direct, limited company, agency, independent provider, or PCN scenario 1 to 8${looseHint("engagedVia")}`));
    const authorised = yesNo(cellOf("appraisalAuthorised"), (v) => fail("appraisalAuthorised", `"${v}" is not yes or no: write yes when the commissioner authorised more than three appraisal days in writing${looseHint("appraisalAuthorised")}`));
    const submitted = blank(cellOf("submitted")) ? null : attempt("submitted", (v) => dateArg(v, "Date submitted"));
    if (first !== null && last !== null && last < first) fail("last", `the last day is before the first day worked: swap them`);

    if (msgs.length || first === null || last === null || paid === null || fee === null || practice === null || code === null || !workType || !engaged || authorised === null) {
      result.bad.push({
        row,
        monthKey: paid === null ? null : monthKeyOf(paid),
        // The code identifies the practice even when the name cell is bad, and the name when no code is given.
        practiceKey: code ? practiceKeyOf(code, "") : code === "" && practice ? practiceKeyOf("", practice) : null,
        practice,
        invoice,
        messages: msgs,
      });
      continue;
    }
    result.raw.set(row, Array.from(r, (c) => c ?? "")); // a hole (a cell the sheet does not have) is an empty cell
    result.sessions.push({
      row,
      first,
      last,
      practice,
      code,
      fee,
      paid,
      invoice,
      workType,
      engagedVia: engaged.kind,
      pcnScenario: engaged.scenario,
      appraisalAuthorised: authorised,
      submitted,
      notes,
    });
  }
  if (!result.sessions.length && !result.bad.length) {
    out.error({ sheet, row: headerRow }, "no sessions below the header row: add one row per session (or per period) worked");
    result.usable = false;
  }
  return result;
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
  const t = String(v ?? "").trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return bad(String(v).trim());
}
