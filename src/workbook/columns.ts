// Session columns are found by header name, not position: accountants order and name columns their
// own way. Case, spaces, punctuation and a bracketed unit ("Fee (£)") are ignored.

export type Field =
  "first" | "last" | "practice" | "code" | "fee" | "paid" | "invoice" | "workType" | "engagedVia" | "appraisalAuthorised" | "submitted" | "session" | "notes";

/** The name each field is shown by in messages: the issue's own header names. */
export const FIELD_NAMES: Record<Field, string> = {
  first: "Date worked",
  last: "Last day",
  practice: "Practice",
  code: "Practice code",
  fee: "Fee",
  paid: "Date paid",
  invoice: "Invoice",
  workType: "Work type",
  engagedVia: "Engaged via",
  appraisalAuthorised: "Appraisal authorised",
  submitted: "Date submitted",
  session: "Session",
  notes: "Notes",
};

// Synonyms, already normalised. "Date worked" and "First day" are the same field: a one-day row
// simply has no last day.
const SYNONYMS: Record<Field, string[]> = {
  first: [
    "dateworked",
    "firstday",
    "firstdayworked",
    "date",
    "sessiondate",
    "dayworked",
    "workdate",
    "worked",
    "workedon",
    "from",
    "startdate",
    "start",
    "datefrom",
  ],
  last: ["lastday", "lastdayworked", "to", "enddate", "end", "dateto", "until"],
  practice: ["practice", "practicename", "surgery", "surgeryname", "employingauthority", "eaname", "nameofpractice"],
  code: ["practicecode", "odscode", "ods", "eacode", "code", "employingauthoritycode", "practiceodscode", "practiceodsea", "odsea"],
  fee: ["fee", "fees", "locumfee", "amount", "box1", "grossfee", "feeexcludingemployercontribution", "feeexclemployers"],
  paid: [
    "datepaid",
    "paid",
    "paidon",
    "datepayreceived",
    "payreceived",
    "paymentdate",
    "datereceived",
    "received",
    "paymentreceived",
    "receivedon",
    "moneyreceived",
    "datemoneyreceived",
  ],
  invoice: ["invoice", "invoiceno", "invoicenumber", "invoiceref", "invoicereference", "inv", "invno"],
  workType: ["worktype", "type", "typeofwork", "kindofwork"],
  // A session's length or part of the day (AM, Full day): free text, read only for a mention of
  // out-of-hours work (an "OOH" shift), never as the work type.
  session: ["session", "sessions", "sessiontype", "sessionlength", "shift", "shifttype", "sessiontime", "hours"],
  engagedVia: ["engagedvia", "engagement", "engagedby", "engagedthrough", "via", "contract", "contractedvia"],
  appraisalAuthorised: ["appraisalauthorised", "appraisalauthorized", "authorised", "authorized", "authorisation", "authorization"],
  submitted: [
    "datesubmitted",
    "submitted",
    "submittedon",
    "submissiondate",
    "datesent",
    "senton",
    "sent",
    "senttopcse",
    "senttolhb",
    "senttopcselhb",
    "datesenttopcse",
    "submittedtopcse",
    "datesubmittedtopcse",
    "formssent",
    "dateformssent",
  ],
  notes: ["notes", "note", "comments", "comment", "remarks"],
};

export const REQUIRED: Field[] = ["first", "practice", "code", "fee", "paid"];

/**
 * Columns this tool (or its year template) writes beside the sessions: read by nobody, warned of
 * never. The rest of the columns no field claims are named once, so a column that was meant to be
 * read ("Sent to PCSE" before it was known) is never ignored in silence.
 */
const OUR_COLUMNS = new Set([
  "forma",
  "upr",
  "pensionablepay",
  "employercontribution",
  "employercontributions",
  "formbdue",
  "status",
  "formbmonth",
  "box2",
  "box3",
]);

/** "Fee (£)" → "fee"; "Practice code (ODS/EA)" → "practicecode". */
export function normaliseHeader(v: unknown): string {
  return String(v ?? "")
    .toLowerCase()
    .replace(/\([^)]*\)/g, "")
    .replace(/[^a-z0-9]/g, "");
}

const LOOKUP = new Map<string, Field>();
for (const [field, names] of Object.entries(SYNONYMS) as [Field, string[]][]) for (const n of names) LOOKUP.set(n, field);

export interface ColumnMap {
  index: Partial<Record<Field, number>>;
  /** Problems with the header row itself, in plain words (the caller adds sheet and row). */
  problems: { text: string; column?: number }[];
  /** Columns left unread because a better-named one holds the same field (warnings). */
  notes: { text: string; column: number }[];
  /** Fields found under a name other than their own ("Type" for Work type): a bad value says so. */
  loose: Partial<Record<Field, string>>;
  /** Columns with a header that no field reads (and that this tool did not write), as 'H ("Mileage")'. */
  unread: string[];
}

/** A header that names its field outright ("Date paid", "Paid on"), not a word that might ("Received"). */
const strong = (f: Field, h: string) => normaliseHeader(h) === normaliseHeader(FIELD_NAMES[f]) || (STRONG[f] ?? []).includes(normaliseHeader(h));
const STRONG: Partial<Record<Field, string[]>> = {
  first: ["firstday", "firstdayworked", "sessiondate"],
  paid: ["paidon", "datepayreceived", "paymentdate", "datereceived", "receivedon", "datemoneyreceived"],
  code: ["odscode", "eacode"],
  practice: ["practicename", "surgery", "surgeryname"],
  submitted: ["submittedon", "datesent"],
};

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A column's letters as its 0-based number: "A" → 0, "AA" → 26 (the inverse of columnLetter). */
export function columnIndex(letters: string): number {
  return columnAt(letters, 0) - 1;
}

/**
 * The column of the cell reference at `from` in `s`, counted from 1: "BC12" → 55; 0 when it starts
 * with no letter. Read in place, case ignored: the .xlsx reader takes it from a sheet's XML as it scans.
 */
export function columnAt(s: string, from: number): number {
  let col = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  return col;
}

/** Map a header row to fields; name each missing required column and each field found twice. */
export function findColumns(header: unknown[], firstCol = 0): ColumnMap {
  const index: Partial<Record<Field, number>> = {};
  const problems: ColumnMap["problems"] = [];
  const notes: ColumnMap["notes"] = [];
  const name = (i: number) => `${columnLetter(firstCol + i)} ("${String(header[i]).trim()}")`;
  const unread: string[] = [];
  header.forEach((h, i) => {
    const field = LOOKUP.get(normaliseHeader(h));
    if (!field) {
      if (normaliseHeader(h) !== "" && !OUR_COLUMNS.has(normaliseHeader(h))) unread.push(name(i));
      return;
    }
    const prev = index[field];
    if (prev === undefined) index[field] = i;
    else if (strong(field, String(header[prev])) !== strong(field, String(h))) {
      // "Date paid" beside a yes/no "Received": the plain name wins, the other is left unread.
      const [keep, skip] = strong(field, String(h)) ? [i, prev] : [prev, i];
      index[field] = keep;
      notes.push({ column: skip, text: `column ${name(skip)} is not read: ${FIELD_NAMES[field]} comes from column ${name(keep)}` });
    } else {
      problems.push({
        column: i,
        text: `columns ${columnLetter(firstCol + prev)} ("${String(header[prev]).trim()}") and ${columnLetter(firstCol + i)} ("${String(h).trim()}") both look like ${FIELD_NAMES[field]}: rename or delete one of them`,
      });
    }
  });
  for (const f of REQUIRED) {
    if (index[f] !== undefined) continue;
    const alt = f === "first" ? ' (or "First day" and "Last day")' : "";
    // The columns not read are where a locum's own name for it most likely is ("Money in").
    const others = unread.length ? ` (the columns not read: ${unread.slice(0, 6).join(", ")}${unread.length > 6 ? ", …" : ""})` : "";
    problems.push({ text: `no "${FIELD_NAMES[f]}" column${alt} in the header row: add it, or rename the column that holds it${others}` });
  }
  const loose: ColumnMap["loose"] = {};
  for (const [f, i] of Object.entries(index) as [Field, number][]) if (normaliseHeader(header[i]) !== normaliseHeader(FIELD_NAMES[f])) loose[f] = name(i);
  return { index, problems, notes, loose, unread };
}
