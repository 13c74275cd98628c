// locum forms <workbook.xlsx>: the workbook's Sessions and Locum details → checked Forms A and B as
// PDFs. Node-only: our .xlsx reader (xlsx.ts) reads the file, fs writes the PDFs; every rule lives in src/forms.
// Each month is written as soon as it is made (memory holds one month's PDFs, not the year's), and
// every file whole or not at all (outFolder.ts).

import { join } from "node:path";
import { dateText, FIRST_DAY, LAST_DAY, pounds, schemeYearLabel } from "../../engine";
import {
  type FormB,
  forMonths,
  formsDocument,
  formsFromWorkbook,
  groupedLines,
  type Message,
  howToPay,
  monthLabel,
  type PreparedForms,
  type WorkbookForms,
} from "../../forms";
import { formBFileName } from "../../forms";
import { type FontBytes, unprintableWith } from "../../pdf";
import type { WorkbookInput } from "../../workbook";
import { type Day, dayToUk, LocumError, todayDay, ymdOfDay } from "../../rules";
import { cappedLines, count, namesText } from "../capped";
import { cleanLeftovers, newWriteReport, orphanMonths, WriteFailure, type WriteReport, writeMonth } from "../files/outFolder";
import { oneLine, type Parsed, parseArgs, ruleDataOf, SETTING_FLAGS, settingPairs, settingsOf, UsageError } from "../args";
import { renderByMonth } from "../workers/renderPool";
import { BIG_RUN_ROWS, collectGarbage } from "../files/memory";
import { readWorkbookFile } from "../files/xlsx";
import { existsSync, statSync } from "node:fs";
import { nodeFonts } from "../resources";
import { FORMS_USAGE } from "./formsUsage";
import { plainCode, regularFile } from "../files/fileCheck";
import { lockOut } from "../files/outLock";

// The usage text lives apart so that `locum --help` prints it without loading the reader and pdf-lib.
export { FORMS_USAGE };

export interface FormsIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

function dayOption(v: string | true | undefined, name: string): Day | undefined {
  if (v === undefined) return undefined;
  if (v === true) throw new LocumError(`${name} needs a date`);
  return dateText(v, name);
}

/** Months as a person reads them: "April 2025, May 2025". */
const monthsText = (keys: string[]) =>
  keys.length > 24 ? `${keys.slice(0, 24).map(monthLabel).join(", ")}, … and ${keys.length - 24} more` : keys.map(monthLabel).join(", ");

/** After a failure part-way: which months and files are in place, which not, and what to do. */
function progressLines(report: WriteReport, made: Map<string, number>, p: PreparedForms, chosen: string[], writing: boolean): string[] {
  const files = (xs: string[]) => {
    const names = xs.map((x) => x.split("/").pop()!);
    return names.length > 20 ? `${names.slice(0, 20).join(", ")}, … and ${count(names.length - 20)} more` : names.join(", ");
  };
  const part = report.partial;
  const done = report.done.filter((k) => (made.get(k) ?? 0) > 0);
  const some = (xs: string[]) => `${monthLabel(part!.monthKey)}, ${xs.length} of its ${part!.inPlace.length + part!.notWritten.length} PDFs: ${files(xs)}`;
  const written = [...(done.length ? [`${monthsText(done)} (every PDF)`] : []), ...(part?.inPlace.length ? [some(part.inPlace)] : [])];
  // Months not reached that have forms to write (a month every form of which was stopped has none).
  const reached = new Set([...report.done, ...(part ? [part.monthKey] : [])]);
  const rest = chosen.filter((k) => !reached.has(k) && p.months.some((m) => m.monthKey === k && (m.formB || m.formsA.length)));
  const missing = [...(part?.notWritten.length ? [some(part.notWritten)] : []), ...(rest.length ? [`${monthsText(rest)} (every PDF)`] : [])];
  return [
    `  Written: ${written.length ? written.join("; ") : "nothing"}`,
    `  Not written: ${missing.length ? missing.join("; ") : "nothing"}`,
    `  No file under a form's name is part-written (a PDF not written keeps what an earlier run wrote there, if anything). ${writing ? "Make room (or fix the folder)" : "Fix that"} and run again: PDFs already written are not rewritten.`,
  ];
}

function summary(p: PreparedForms, months: string[] | undefined, written: number, outDir: string, io: FormsIo): void {
  io.out(`\n${written} PDF${written === 1 ? "" : "s"} written to ${outDir}${written ? "" : " (nothing written)"}`);
  if (!written) return; // no month to report: the errors above stopped every form
  for (const m of p.months) {
    if (months && !months.includes(m.monthKey)) continue;
    const b = m.formB;
    const label = monthLabel(m.monthKey).padEnd(15);
    if (!b) {
      io.out(
        `  ${label} ${m.upr.padEnd(16)}  Form B not written (errors above)${m.formsA.length ? `; ${m.formsA.length} Form${m.formsA.length === 1 ? "" : "s"} A written` : ""}`,
      );
      continue;
    }
    io.out(
      `  ${label} ${b.upr.padEnd(16)}  ${String(b.formsA.length).padStart(2)} Form${b.formsA.length === 1 ? " A " : "s A"}  pensionable ${pounds(b.a)}  employee ${pounds(b.g)}  employer ${pounds(b.h)}  to pay ${pounds(b.i)} by ${dayToUk(b.dueDate)}`,
    );
  }
  if (p.months.some((m) => m.formB)) io.out(`Each month, ${howToPay(p.locum?.country ?? "England", "the month's UPR")}`);
}

/** Which sheets (and tables) were read, said in every run: "Read the sessions from sheet "Sessions" (table Sessions); …". */
export function readText(read: WorkbookForms["read"]): string {
  const where = (b: { sheet: string; table?: string; hiddenSheet?: boolean }) =>
    `sheet "${b.sheet}"${b.table ? ` (table ${b.table})` : ""}${b.hiddenSheet ? ", a hidden sheet" : ""}`;
  const sessions = read.sessions ? `Read the sessions from ${where(read.sessions)}` : "No sessions sheet found";
  return `${sessions}; the Locum details from ${read.details ? where(read.details) : "no sheet (none found)"}.`;
}

/** --month 2025-11, 11/2025, or several with commas → "2025-11" keys. */
function monthsOption(v: string | true | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  if (v === true) throw new LocumError("--month needs a month, such as 2025-11");
  return v.split(",").map((t) => {
    const iso = /^(\d{4})-(\d{1,2})$/.exec(t.trim());
    const uk = /^(\d{1,2})\/(\d{4})$/.exec(t.trim());
    const [y, mo] = iso ? [Number(iso[1]), Number(iso[2])] : uk ? [Number(uk[2]), Number(uk[1])] : [NaN, NaN];
    if (!(y >= ymdOfDay(FIRST_DAY).y && y <= ymdOfDay(LAST_DAY).y && mo >= 1 && mo <= 12))
      throw new LocumError(`--month must be a month such as 2025-11 or 11/2025 (several: 2025-11,2025-12), not "${t.trim()}"`);
    return `${y}-${String(mo).padStart(2, "0")}`;
  });
}

/** What `locum forms` was asked, checked before the workbook is read. */
interface FormsArgs {
  file: string;
  outDir: string;
  /** The options as given: the --rules file and the settings are read with the workbook, as they always were. */
  parsed: Parsed;
  submitted: Day | undefined;
  today: Day | undefined;
  months: string[] | undefined;
  json: boolean;
}

/** The command's words → what it was asked; anything wrong throws (a UsageError, or the engine's LocumError on a value). */
function formsArgs(args: string[]): FormsArgs | "help" {
  const parsed = parseArgs(args, ["out", "sheet", "rules", "cpi", "submitted", "today", "month", ...SETTING_FLAGS], ["json", "verbose", "help"], "forms");
  if (parsed.flags.has("help")) return "help";
  const [file, ...extra] = parsed.positional;
  if (!file || extra.length)
    throw new UsageError(
      `${file ? `one workbook only, got ${parsed.positional.join(", ")}` : "give the workbook (.xlsx): locum forms <workbook.xlsx> [--out DIR] ..."} (try locum forms --help)`,
    );
  const out = parsed.flags.get("out");
  const outDir = typeof out === "string" ? out : "out";
  if (outDir.trim() === "") throw new UsageError("--out needs a folder name");
  if (existsSync(outDir) && !statSync(outDir).isDirectory())
    throw new UsageError(`--out ${outDir} is a file, not a folder: give a folder (it is made if it does not exist)`);
  settingsOf(parsed); // bad option values are usage errors, before the workbook is read
  const submitted = dayOption(parsed.flags.get("submitted"), "--submitted");
  const today = dayOption(parsed.flags.get("today"), "--today");
  return { file, outDir, parsed, submitted, today, months: monthsOption(parsed.flags.get("month")), json: parsed.flags.has("json") };
}

export async function formsCommand(args: string[], given: FormsIo): Promise<number> {
  try {
    const a = formsArgs(args);
    if (a === "help") return (given.out(FORMS_USAGE), 0);
    const release = lockOut(a.outDir, "locum forms"); // a second run into this folder waits its turn
    try {
      return await formsRun(a, given);
    } finally {
      release();
    }
  } catch (e) {
    // The one place a problem the user can fix is said: an option (UsageError), a value the engine
    // refuses, the --out folder, the workbook (LocumError, UsageError's base). One line, as contrib's.
    if (!(e instanceof LocumError)) throw e;
    given.err(`locum forms: ${oneLine(e.message)}`);
    return 2;
  }
}

/** The workbook read and its forms prepared (src/forms chooses the sheets as for the task pane). */
async function readForms({ file, parsed, submitted, today, months }: FormsArgs, fonts: FontBytes): Promise<{ result: WorkbookForms; sheetCount: number }> {
  let input: WorkbookInput;
  try {
    regularFile(file); // a FIFO would hang the read; a looping link, a device: said plainly
    input = await readWorkbookFile(file);
  } catch (e) {
    throw e instanceof LocumError ? e : new UsageError((e as Error).message); // a file the system would not read: the user's to fix too
  }
  // A big workbook's reading (its XML, the cells as read) let go of before its forms are prepared.
  if (input.sheets.reduce((n, s) => n + s.used.rows.length, 0) >= BIG_RUN_ROWS) collectGarbage();
  const sheet = parsed.flags.get("sheet");
  const result = formsFromWorkbook(input, {
    sheet: typeof sheet === "string" ? sheet : undefined,
    rules: ruleDataOf(parsed),
    settings: settingPairs(parsed),
    submitted: submitted ?? null,
    months,
    today,
    unprintable: unprintableWith(fonts),
  });
  return { result, sheetCount: input.sheets.length };
}

/** The run, once its options are checked and its --out folder is its own. */
async function formsRun(a: FormsArgs, given: FormsIo): Promise<number> {
  // --json: stdout holds the document alone; what is otherwise printed goes to stderr.
  const io = a.json ? { out: given.err, err: given.err } : given;
  const fonts = nodeFonts();
  let read;
  try {
    read = await readForms(a, fonts); // the workbook's cells are let go of once the forms are prepared
  } catch (e) {
    if (e instanceof LocumError) throw e;
    io.err(`locum forms: ${oneLine((e as Error).message)}`); // our failure, not the workbook's: status 1
    return 1;
  }
  const { prepared } = read.result;
  if (prepared.rows.length >= BIG_RUN_ROWS) collectGarbage();
  const view = sayFindings(a, read.result, read.sheetCount, io);
  let extraWarnings = 0;
  const warn = (text: string) => (extraWarnings++, io.err(`Warning: ${text}`));
  const chosen = a.months ?? prepared.months.map((m) => m.monthKey);
  const folder = await writeFormsFolder(prepared, fonts, a.outDir, chosen, a.months);
  for (const w of folder.warnings) warn(w);
  if (folder.failure) {
    for (const line of folder.failure) io.err(line);
    return 1;
  }
  sayMonthsAsked(a, read.result, view, warn, io);
  io.out(readText(read.result.read));
  summary(prepared, a.months, folder.pdfs, a.outDir, io);
  io.out(countsLine(view, extraWarnings));
  if (a.json) given.out(JSON.stringify(formsDocument(prepared, { today: a.today ?? todayDay(), months: a.months }), null, 2));
  return formsExitCode(prepared, a.months, false);
}

/** Before the PDFs: which sheet, the rules used, and the findings (with --month, those of its months; the rest counted). */
function sayFindings({ parsed, months }: FormsArgs, { prepared, read }: WorkbookForms, sheetCount: number, io: FormsIo): ReturnType<typeof forMonths> {
  const sessions = read.sessions;
  if (sessions && (sessions.by === "columns" || sessions.by === "active") && sheetCount > 1) {
    io.err(`Reading the sessions from sheet "${sessions.sheet}" (no sheet is named Sessions; --sheet NAME reads another)`);
  }
  const rules = read.ruleSet;
  if (rules?.overrides.length) io.err(`Rules: ${rules.overrides.join("; ")}`);
  const view = forMonths(prepared, months);
  // One line per kind of finding; --verbose: every message, as found (capped per kind).
  const lines = (ms: Message[]) => (parsed.flags.has("verbose") ? cappedLines(ms) : groupedLines(ms, prepared, { more: "--verbose shows each" }));
  for (const line of lines(view.messages)) io.err(line);
  if (view.context.length) {
    io.err(`Also shown, as the months made rest on them (box j adds up the scheme year), errors on rows of earlier months:`);
    for (const line of lines(view.context)) io.err(`  ${line}`);
  }
  return view;
}

/** After the PDFs, with --month: months asked for with no pay, messages of other months not shown; a hint on --submitted. */
function sayMonthsAsked(
  { months, submitted }: FormsArgs,
  { prepared, read }: WorkbookForms,
  view: ReturnType<typeof forMonths>,
  warn: (text: string) => void,
  io: FormsIo,
): void {
  const messages = view.messages;
  if (months) {
    for (const k of months.filter((k) => !prepared.months.some((m) => m.monthKey === k)))
      warn(`--month ${k}: no pay received in ${monthLabel(k)} in ${read.sessions?.sheet ?? "the sessions"}, so no forms for it`);
    if (view.others) {
      const errs = prepared.messages.filter((m) => m.level === "error" && !messages.includes(m)).length;
      io.err(
        `(${view.others} message${view.others === 1 ? "" : "s"} about other months not shown${errs ? `, ${errs} of them error${errs === 1 ? "" : "s"}` : ""}: run without --month to see them)`,
      );
    }
  }
  if (submitted !== undefined && !months && messages.some((m) => m.level === "error" && m.fromRunDate)) {
    io.err(`Hint: --submitted is taken as the date every month's forms were sent; to make only one month's forms (sent on that date), add --month YYYY-MM`);
  }
}

/** The last line: "0 errors, 1 warning", and what errors mean for the forms. */
function countsLine(view: ReturnType<typeof forMonths>, extraWarnings: number): string {
  const errors = view.messages.filter((m) => m.level === "error").length;
  const warnings = view.messages.length - errors + extraWarnings;
  const context = view.context.length ? `; ${view.context.length} error${view.context.length === 1 ? "" : "s"} of earlier months shown as context` : "";
  return `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}${context}${errors ? ": the forms those errors name were not written; fix the workbook and run again" : ""}`;
}

/** What writing a run's forms into their folder did. */
export interface FolderWrite {
  /** PDFs written. */
  pdfs: number;
  /** What it says of the files (a killed run's leftovers, copies moved to earlier/, months no longer made): warnings. */
  warnings: string[];
  /** Why it stopped part-way, and what was and was not written; null when every month was written. */
  failure: string[] | null;
}

/**
 * The forms of the `chosen` months written into `outDir`, month by month, each written as soon as it
 * is made, then let go (outFolder.ts keeps every file whole and every earlier copy). `months`: the
 * months asked for (--month); without it, months an earlier run made and the workbook no longer
 * has are named too. `locum forms` and `locum yearend --forms` both write with it.
 */
export async function writeFormsFolder(prepared: PreparedForms, fonts: FontBytes, outDir: string, chosen: string[], months?: string[]): Promise<FolderWrite> {
  const warnings: string[] = [];
  const warn = (text: string) => warnings.push(text);
  const written = newWriteReport();
  const made = new Map<string, number>();
  let failure: string[] | null = null;
  try {
    written.cleaned = cleanLeftovers(outDir);
    const big = prepared.rows.length >= BIG_RUN_ROWS;
    for await (const { monthKey, files } of renderByMonth(prepared, fonts, chosen)) {
      made.set(monthKey, files.length);
      await writeMonth(outDir, prepared, monthKey, files, written);
      if (big) collectGarbage(); // the month's PDFs and their drawing, let go of
    }
    // Months with nothing made (every form stopped, no pay that month): earlier runs' files are named.
    for (const k of chosen) if (!made.has(k)) await writeMonth(outDir, prepared, k, [], written);
  } catch (e) {
    const next = chosen.find((k) => !made.has(k));
    failure =
      e instanceof WriteFailure
        ? [`locum forms: could not write ${e.file === outDir ? `to ${outDir}` : `${e.file} in ${outDir}`} (${plainCode(e.cause)})`]
        : [`locum forms: could not make the PDFs${next ? ` of ${monthLabel(next)}` : ""} (${(e as Error).message})`];
    failure.push(...progressLines(written, made, prepared, chosen, e instanceof WriteFailure));
  }
  warnings.push(...writeWarnings(prepared, written));
  const pdfs = [...made.values()].reduce((a, b) => a + b, 0);
  if (failure) return { pdfs, warnings, failure };
  if (!months)
    for (const k of orphanMonths(outDir, prepared))
      warn(
        `${join(outDir, k)} holds ${prepared.locum?.sdNumber}LOC… PDFs an earlier run made for ${monthLabel(k)}, but the workbook has no pay received in ${monthLabel(k)} now: if those rows moved to another month, delete those PDFs so the old forms are not sent`,
      );
  return { pdfs, warnings, failure: null };
}

/** What writing did to the files that were there (leftovers, copies moved or kept, forms changed), as warnings. */
function writeWarnings(prepared: PreparedForms, written: WriteReport): string[] {
  const warnings: string[] = [];
  const warn = (text: string) => warnings.push(text);
  const list = namesText;
  if (written.cleaned.length)
    warn(
      `removed ${written.cleaned.length} temporary file${written.cleaned.length === 1 ? "" : "s"} an interrupted run left (${written.cleaned.slice(0, 10).join(", ")}${written.cleaned.length > 10 ? ", …" : ""}): no form had been written from ${written.cleaned.length === 1 ? "it" : "them"}`,
    );
  if (written.broken.length)
    warn(
      `replaced ${list(written.broken)} that an interrupted run left broken (empty, cut short or not a PDF): never a complete form, so not kept in earlier/`,
    );
  if (written.moved.length)
    warn(`moved ${list(written.moved)} an earlier run made under names not used now (a renumbered Form A) to the month's earlier/ folder`);
  if (written.unlisted.length)
    warn(
      `${list(written.unlisted)} in folders an older version made are not written now: they may be out of date (a renumbered Form A, a stopped form); check them before sending`,
    );
  if (written.kept.length)
    warn(
      `kept ${list(written.kept)} from an earlier run for forms this run stopped: they may not match the workbook now; fix the errors above and run again before sending them`,
    );
  if (written.changed.length)
    warn(
      `${list(written.changed)} now say something different from what an earlier run made; the earlier copies are in each month's earlier/ folder, as a form already sent keeps what it said (the year-end reconciliation settles any difference)`,
    );
  // A month's Form B that now holds work paid after the month (the March rule) must go again.
  for (const b of resent(prepared, written.changed))
    warn(
      `the ${monthLabel(b.monthKey)} Form B now holds work done by the month's end but paid after it (the March rule): if the earlier one was sent, send this one again with its Forms A, so the ${schemeYearLabel(b.schemeYear)} tier counts that work`,
    );
  return warnings;
}

/**
 * locum forms' exit status: 0 when every form was written. With --month (`months`), the months
 * asked for decide it, all their forms written being success; else any error does.
 */
export function formsExitCode(prepared: PreparedForms, months: string[] | undefined, failed: boolean): number {
  const view = forMonths(prepared, months);
  return failed || (months ? !view.complete : view.messages.some((m) => m.level === "error") || !view.complete) ? 1 : 0;
}

/** The Forms B among the changed files that now hold work paid after their month. */
function resent(p: PreparedForms, changed: string[]): FormB[] {
  return p.months.flatMap((m) => (m.formB && m.formB.paidAfterMonth && changed.includes(formBFileName(m.formB)) ? [m.formB] : []));
}
