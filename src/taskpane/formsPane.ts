// The pane's work on the open workbook: Check (the messages, no PDFs), Make forms (month by month,
// with progress and Cancel), the year end. This file only moves values: Excel → src/forms → the
// page. pdf-lib, fontkit, the fonts and the PDF code load on first use (the "forms" chunk), so
// opening the pane stays light. Nothing leaves the computer: the fonts come from the add-in's own
// folder and the PDFs are blob links.
import type { OutputFile, PreparedForms, WorkbookRead } from "../forms";
import type { FontBytes } from "../pdf";
import type { FormsYearEnd } from "../yearend";
import { monthLabel } from "../forms";
import { chooseSessions, headerRowOf, type WorkbookInput } from "../workbook";
import { ArgError, dateArg, type YearEndResult } from "../engine";
import { type Day, LocumError, textToDay, todayDay } from "../rules";
import { type ExcelRun, readWorkbookInput } from "./excel";

/* global fetch */

type Forms = typeof import("./formsChunk");
let formsModule: Promise<Forms> | null = null;
/** The forms layer with pdf-lib and fontkit: its own chunk, fetched the first time it is needed. */
export function loadForms(): Promise<Forms> {
  formsModule ??= import(/* webpackChunkName: "forms" */ "./formsChunk");
  formsModule.catch(() => (formsModule = null));
  return formsModule;
}

let fonts: Promise<FontBytes> | null = null;
/** DejaVu Sans, copied into the add-in's assets by webpack (the same files the command line uses). */
function loadFonts(): Promise<FontBytes> {
  fonts ??= Promise.all(
    ["assets/DejaVuSans.ttf", "assets/DejaVuSans-Bold.ttf"].map(async (u) => {
      const r = await fetch(u);
      if (!r.ok) throw new Error(`the form font ${u} is missing from the add-in (${r.status})`);
      return new Uint8Array(await r.arrayBuffer());
    }),
  ).then(([regular, bold]) => ({ regular, bold }));
  fonts.catch(() => (fonts = null));
  return fonts;
}

/** Let the page draw and take clicks (Cancel) between months. */
export const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface Progress {
  (text: string, done?: number, of?: number): void;
}
export interface RunOptions {
  onProgress?: Progress;
  /** Set `cancelled` to stop between months. */
  signal?: { cancelled: boolean };
}

export interface Checked {
  /** What to show: the messages of the chosen months (all, without a selection). */
  prepared: PreparedForms;
  /** Every month's forms, for rendering and the year end. */
  full: PreparedForms;
  read: WorkbookRead;
  workbook: WorkbookInput;
  /** The months the run is about ("2025-04"), in order. */
  months: string[];
  /** How the months were chosen, for the pane to say. */
  scope: string;
  /** Session rows below the header that hold something, on the sheet read. */
  rows: number;
  forms: Forms;
  fontBytes: FontBytes;
}

export interface FormsRun extends Checked {
  files: OutputFile[];
  /** The months whose PDFs were made (all of `months`, unless cancelled). */
  made: string[];
  cancelled: boolean;
}

export type Problem = { problem: string };

/** Rows below the header row that hold something: what the pane counts as "rows read". */
export function sessionRows(workbook: WorkbookInput): number {
  const block = chooseSessions(workbook);
  if (!block) return 0;
  const header = headerRowOf(block) - block.firstRow;
  let n = 0;
  block.rows.forEach((r, i) => {
    if (i > header && r && r.some((v) => v !== "" && v !== null && v !== undefined)) n++;
  });
  return n;
}

/**
 * "Forms sent on" as typed: dd/mm/yyyy whatever the browser's locale (the project's own parser, which
 * takes yyyy-mm-dd too); null when empty; else what is wrong, in words for the box's inline message.
 */
export function sentOnDay(text: string): { day: Day | null } | Problem {
  const t = text.trim();
  if (!t) return { day: null };
  const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (textToDay(t) === null) {
    const [, a, b, y] = parts ?? [];
    let problem = `"${t}" is not a date: type it as dd/mm/yyyy, such as 12/06/2025`;
    if (parts && y.length === 2) problem = `"${t}": give the year in full, as dd/mm/yyyy (${a.padStart(2, "0")}/${b.padStart(2, "0")}/20${y}?)`;
    else if (parts && Number(b) > 12 && Number(a) <= 12)
      problem = `"${t}" is not a date: the day comes first, then the month (dd/mm/yyyy): ${b.padStart(2, "0")}/${a.padStart(2, "0")}/${y}?`;
    else if (parts && t.includes("/") === false) problem = `"${t}" is not a date: write it with slashes, as dd/mm/yyyy`;
    return { problem };
  }
  try {
    return { day: dateArg(t, "Forms sent on") };
  } catch (e) {
    // "01/01/2010 is before 01/04/2015: …": the box's label already names it.
    if (e instanceof ArgError) return { problem: e.said };
    if (e instanceof LocumError) return { problem: e.message };
    throw e;
  }
}

/**
 * Read and check. With rows selected on the sessions sheet, only the months those rows are paid in
 * are chosen; every row is still read, so box j and the annualised tier are right.
 */
export async function checkForms(sentOn: string, run?: ExcelRun, o: RunOptions = {}): Promise<Checked | Problem> {
  const sent = sentOnDay(sentOn);
  if ("problem" in sent) return { problem: `Forms sent on: ${sent.problem}${/[.?]$/.test(sent.problem) ? "" : "."}` };
  const submitted = sent.day;
  o.onProgress?.("Reading the workbook…");
  const [{ workbook, selection }, forms, fontBytes] = await Promise.all([readWorkbookInput(run), loadForms(), loadFonts()]);
  o.onProgress?.("Checking the rows…");
  await yieldToPage();
  const prepare = (sent: typeof submitted, months?: string[]) =>
    forms.formsFromWorkbook(workbook, { submitted: sent, submittedLabel: '"Forms sent on"', months, unprintable: forms.unprintableWith(fontBytes) });
  const selected0 = selection !== null;
  let first;
  try {
    // Without a selection one pass does: the months are every month, sent on `submitted`.
    first = prepare(selected0 ? null : submitted);
  } catch (e) {
    if (!(e instanceof LocumError)) throw e;
    return { problem: `LocumRules or LocumSettings has a problem, so no forms are made until it is fixed: ${e.message}` };
  }
  const sessions = first.read.sessions;
  if (!sessions)
    return {
      problem:
        'No sessions sheet: insert the year template (below), or add a sheet named "Sessions" with a header row (Date worked, Practice, Practice code, Fee, Date paid) and one row per session.',
    };
  const rows = sessionRows(workbook);
  const selected = selection && selection.sheet === sessions.sheet ? selection.rows : null;
  const { months, scope } = selected
    ? selectedMonths(first.prepared, sessions.sheet, selected)
    : { months: undefined, scope: `every month of ${sessions.sheet}` };
  const full = selected0 ? (selected ? prepare(months?.length === 0 ? null : submitted, months) : prepare(submitted)) : first;
  const prepared = shownFor(full.prepared, months, selected, forms);
  const chosen = months ?? full.prepared.months.map((m) => m.monthKey);
  return { prepared, full: full.prepared, read: full.read, workbook, months: chosen, scope, rows, forms, fontBytes };
}

/** Check, then make each chosen month's PDFs, yielding to the page between months (Cancel stops there). */
export async function makeForms(sentOn: string, run?: ExcelRun, o: RunOptions = {}): Promise<FormsRun | Problem> {
  const checked = await checkForms(sentOn, run, o);
  if ("problem" in checked) return checked;
  const full = checked.full;
  const files: OutputFile[] = [];
  const made: string[] = [];
  const todo = checked.months.filter((k) => full.months.some((m) => m.monthKey === k));
  let cancelled = false;
  for (const [i, key] of todo.entries()) {
    if (o.signal?.cancelled) {
      cancelled = true;
      break;
    }
    o.onProgress?.(`Making month ${i + 1} of ${todo.length}: ${monthLabel(key)}`, i, todo.length);
    await yieldToPage();
    files.push(...(await checked.forms.renderPdfs(full, checked.fontBytes, [key])));
    made.push(key);
  }
  if (o.signal?.cancelled && made.length < todo.length) cancelled = true;
  return { ...checked, files, made, cancelled };
}

export interface YearEndRun {
  yearEnd: FormsYearEnd;
  pdf: { name: string; bytes: Uint8Array } | null;
  checked: Checked;
  /** A year's status in a word or two, counted over every message as `locum yearend` counts it. */
  status: (r: YearEndResult) => string;
}

/** The open workbook's year end (the figures `locum yearend` gives) and its summary PDF. */
export async function yearEnd(run?: ExcelRun, o: RunOptions = {}): Promise<YearEndRun | Problem> {
  const checked = await checkForms("", run, o);
  if ("problem" in checked) return checked;
  o.onProgress?.("Working out the year end…");
  await yieldToPage();
  const { forms, read } = checked;
  const full = checked.full;
  // As `locum yearend` works it out: a year not ended by today is in progress.
  const y = forms.yearEndOfForms(full, { rules: read.ruleSet, settings: read.settingsInForce, detailsSheet: read.details?.sheet, today: todayDay() });
  const messages = forms.yearEndMessages(full, y);
  const status = (r: YearEndResult) => forms.yearEndStatus(r, { incomplete: y.incomplete, messages, leftOff: y.leftOff });
  if (!y.results.length || !full.locum) return { yearEnd: y, pdf: null, checked, status };
  o.onProgress?.("Drawing the year-end summary…");
  await yieldToPage();
  const bytes = await forms.yearEndPdf(y.results, full.locum, checked.fontBytes, {
    incomplete: y.incomplete,
    stopped: y.stopped,
    leftOff: y.leftOff,
    offForms: y.offForms,
  });
  return { yearEnd: y, pdf: { name: forms.yearEndPdfName(full.locum, y.results), bytes }, checked, status };
}

/** The months the selected rows are paid in (found without "Forms sent on": it is for them only), and the run's scope in words. */
function selectedMonths(first: PreparedForms, sheet: string, [from, to]: [number, number]): { months: string[]; scope: string } {
  const which = from === to ? `row ${from}` : `rows ${from} to ${to}`;
  const picked = [
    ...new Set(
      Object.entries(first.rowMonths)
        .filter(([r]) => Number(r) >= from && Number(r) <= to)
        .flatMap(([, k]) => k),
    ),
  ].sort();
  if (picked.length) return { months: picked, scope: `the months of ${sheet} ${which} (${picked.map(monthLabel).join(", ")})` };
  // No Date paid that can be read in the selection: no month to make; say what is wrong there.
  return { months: [], scope: `${sheet} ${which}: no forms, as ${from === to ? "it has" : "they have"} no Date paid that can be read` };
}

/**
 * The run as shown: with months chosen, the messages about them (and about no month in particular);
 * with none, the messages about the selected rows.
 */
function shownFor(full: PreparedForms, months: string[] | undefined, selected: [number, number] | null, forms: Forms): PreparedForms {
  if (months === undefined) return full;
  if (months.length) return { ...full, messages: forms.forMonths(full, months).messages };
  return selected ? { ...full, messages: forms.forRows(full, selected) } : full; // no months: only a selection makes none
}
