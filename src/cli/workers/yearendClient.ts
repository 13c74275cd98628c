// One client of `locum yearend`: a workbook → its year end (the forms layer's, as LOCUM.YEAREND's)
// → plain data and the summary PDF's bytes. It runs in a worker thread or in the command's own, so
// what it returns crosses threads: plain objects and one byte array, never Decimals or models.
// Nothing here writes the summary: the command writes each client's in order (one writer, names
// that cannot collide); only --forms writes here, into the client's own folder.
import { outcomeText, pounds, yearEndJson, type YearEndResult } from "../../engine";
import { formsFromWorkbook, groupedLines, type Message, type PreparedForms, schemeYearOfMonth, type WorkbookForms } from "../../forms";
import { type FormsYearEnd, type OffFormRow, yearEndCsvRecord, yearEndMessages, yearEndOfForms, yearEndStatus } from "../../yearend";
import { type FontBytes, unprintableWith, yearEndPdf, yearEndPdfName } from "../../pdf";
import { dayToIso, dayToUk, LocumError, todayDay } from "../../rules";
import { cappedLines } from "../capped";
import { regularFile } from "../files/fileCheck";
import { readWorkbookFile } from "../files/xlsx";
import { type ClientResult, type ClientTask, type ClientYear, clientFailed, type PlainMessage } from "./clientResult";

export { type ClientOptions, type ClientResult, type ClientTask, type ClientYear, clientFailed, type PlainMessage } from "./clientResult";

const plain = (m: Message): PlainMessage => ({
  level: m.level,
  sheet: m.sheet,
  ...(m.row !== undefined ? { row: m.row } : {}),
  ...(m.field ? { field: m.field } : {}),
  ...(m.cell ? { cell: m.cell } : {}),
  text: m.text,
});

/** Messages of one kind in a client's messages file: every one a workbook of real size gives. */
export const FILE_PER_KIND = 1000;
/** Messages shown in full, capped per kind: the lines and the same messages as data. */
function shown(messages: Message[], perKind: number): { lines: string[]; messages: PlainMessage[] } {
  const seen = new Map<string, number>();
  const kept: PlainMessage[] = [];
  for (const m of messages) {
    const k = m.kind ? `kind:${m.kind}` : `level:${m.level}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n <= perKind) kept.push(plain(m));
  }
  return { lines: cappedLines(messages, perKind), messages: kept };
}

interface CsvOf {
  client: string;
  locum: { surname: string; otherNames: string; sdNumber: string } | null;
  errors: number;
  warnings: number;
}

/** A row on no Form B, as JSON: amounts as 2-decimal strings, the first day ISO. */
const offJson = (x: OffFormRow) => ({
  row: x.row,
  first: x.first === null ? null : dayToIso(x.first),
  fee: x.fee === null ? null : x.fee.toFixed(2),
  pensionable: x.pensionable === null ? null : x.pensionable.toFixed(2),
  reason: x.reason,
  why: x.why,
});

function yearOf(r: YearEndResult, c: CsvOf, status: string, final: boolean, off: OffFormRow[]): ClientYear {
  const s = r.settlement;
  const so = r.inProgress ? " so far" : "";
  const direction = s.direction.charAt(0).toUpperCase() + s.direction.slice(1);
  const settle = s.outcome === "none" ? `${direction}${so}` : `${direction} ${pounds(s.difference.abs())}${so}${s.underOnePound ? ", under £1.00" : ""}`;
  const what = !final
    ? `N${outcomeText(r, false).slice(1)}`
    : r.inProgress
      ? `In progress (the year ends ${dayToUk(r.to)}): ${settle.charAt(0).toLowerCase()}${settle.slice(1)}`
      : settle;
  return {
    schemeYear: r.schemeYear,
    label: r.label,
    csv: yearEndCsvRecord({ ...c, result: r, status, final }),
    json: { ...yearEndJson(r), final, rowsOnNoFormB: off.map(offJson), status },
    status,
    final,
    inProgress: r.inProgress,
    outcome: s.outcome,
    difference: s.difference.toFixed(2),
    underOnePound: s.underOnePound,
    line: `${what} (due ${pounds(r.due)}, paid ${pounds(r.paid)})`,
    type2: r.type2 ? `Type 2 due by ${r.type2.dueBy === null ? "(no date known)" : dayToUk(r.type2.dueBy)}` : "no Type 2",
    type2DueBy: r.type2 ? (r.type2.dueBy === null ? "no date known" : dayToUk(r.type2.dueBy)) : null,
  };
}

/**
 * The client's Forms A and B in a folder of its own (--forms), written as locum forms writes them,
 * from the forms this year end already prepared; what it says of the files is kept for the report.
 */
async function formsOf(task: ClientTask, prepared: PreparedForms, fonts: FontBytes, months: string[] | null): Promise<ClientResult["forms"]> {
  const { formsExitCode, writeFormsFolder } = await import("../commands/forms");
  const chosen = months ?? prepared.months.map((m) => m.monthKey);
  const folder = await writeFormsFolder(prepared, fonts, task.formsDir!, chosen, months ?? undefined);
  const code = formsExitCode(prepared, months ?? undefined, folder.failure !== null);
  const summary = `${folder.pdfs} PDF${folder.pdfs === 1 ? "" : "s"} written to ${task.formsDir}${folder.pdfs ? "" : " (nothing written)"}`;
  return { code, summary, lines: [...folder.warnings.map((w) => `Warning: ${w}`), ...(folder.failure ?? [])], writeFailed: folder.failure !== null };
}

/** Today on the clock, as a day (UTC, as prepareForms takes it). */

/** One client's year end: read, check, work out, and the summary PDF's bytes. Never throws. */
export async function yearEndClient(task: ClientTask, fonts: FontBytes): Promise<{ result: ClientResult; pdf: Uint8Array | null }> {
  try {
    return await work(task, fonts);
  } catch (e) {
    // A fault of this tool, not of the workbook: said in one line, and the other clients go on.
    return {
      result: clientFailed(
        task,
        "errors",
        `could not be done: ${e instanceof Error ? e.message : String(e)} (a fault in locum yearend: please report it with the workbook)`,
      ),
      pdf: null,
    };
  }
}

async function work(task: ClientTask, fonts: FontBytes): Promise<{ result: ClientResult; pdf: Uint8Array | null }> {
  const made = await readClient(task, fonts); // the workbook's cells are let go of before the PDF is drawn
  if ("failed" in made) return { result: made.failed, pdf: null };
  const { prepared, read } = made;
  const o = task.options;
  const y = yearEndOfForms(prepared, {
    rules: read.ruleSet,
    settings: read.settingsInForce,
    years: o.years,
    detailsSheet: read.details?.sheet,
    today: o.today ?? todayDay(),
  });
  const result = clientResult(task, prepared, y, notesOf(read));
  const l = prepared.locum;
  let pdf: Uint8Array | null = null;
  if (l && y.results.length) {
    pdf = await yearEndPdf(y.results, l, fonts, {
      incomplete: y.incomplete,
      stopped: y.stopped,
      leftOff: y.leftOff,
      offForms: y.offForms,
      source: task.client,
    });
    result.pdfName = yearEndPdfName(l, y.results);
  }
  // With --year, the forms of that year's months.
  const months = o.years ? prepared.months.filter((m) => o.years!.includes(schemeYearOfMonth(m.monthKey))).map((m) => m.monthKey) : null;
  if (task.formsDir && (months === null || months.length)) result.forms = await formsOf(task, prepared, fonts, months);
  return { result, pdf };
}

/** The client's workbook read and its forms prepared; a workbook that cannot be read or worked out: its failed result. */
async function readClient(task: ClientTask, fonts: FontBytes): Promise<WorkbookForms | { failed: ClientResult }> {
  const o = task.options;
  let input;
  try {
    regularFile(task.file); // a FIFO would hang the read; a looping link, a device: said plainly
    input = await readWorkbookFile(task.file);
  } catch (e) {
    return { failed: clientFailed(task, "unreadable", e instanceof Error ? e.message : String(e)) };
  }
  try {
    return formsFromWorkbook(input, {
      sheet: o.sheet,
      rules: o.rules,
      settings: o.settings,
      submitted: null,
      today: o.today,
      unprintable: unprintableWith(fonts),
    });
  } catch (e) {
    if (e instanceof LocumError) return { failed: clientFailed(task, "errors", e.message) };
    throw e;
  }
}

/** What the run says of how the workbook was read: a sessions sheet not so named, rules laid over the built-in ones. */
function notesOf(read: WorkbookForms["read"]): string[] {
  const notes: string[] = [];
  const s = read.sessions;
  if (s && s.by !== "name" && s.by !== "option")
    notes.push(`Note: the sessions were read from sheet "${s.sheet}" (no sheet is named Sessions; --sheet NAME reads another)`);
  if (read.ruleSet.overrides.length) notes.push(`Note: rules ${read.ruleSet.overrides.join("; ")}`);
  return notes;
}

/** The client's result, its messages counted and shown, its years as the CSV and --json give them (no PDF name yet). */
function clientResult(task: ClientTask, prepared: PreparedForms, y: FormsYearEnd, notes: string[]): ClientResult {
  const o = task.options;
  const messages = yearEndMessages(prepared, y, o.years);
  const errors = messages.filter((m) => m.level === "error").length;
  // Rows to leave off stop their months' forms, not the year end: the figures are final without them.
  const leaveOff = messages.filter((m) => m.level === "error" && m.leaveOff).length;
  const warnings = messages.length - errors;
  const view = shown(messages, o.perKind);
  const l = prepared.locum;
  const csvOf: CsvOf = { client: task.client, locum: l && { surname: l.surname, otherNames: l.otherNames, sdNumber: l.sdNumber }, errors, warnings };
  const years = y.results.map((r) => {
    const final = !y.incomplete.includes(r.schemeYear);
    return yearOf(r, csvOf, yearEndStatus(r, { incomplete: y.incomplete, messages, leftOff: y.leftOff }), final, y.offForms[r.schemeYear] ?? []);
  });
  const result: ClientResult = {
    index: task.index,
    client: task.client,
    state: errors > leaveOff ? "errors" : years.length ? "done" : errors ? "errors" : "empty",
    lines: [...notes, ...view.lines],
    grouped: [...notes, ...groupedLines(messages, prepared)],
    full: [...notes, ...cappedLines(messages, FILE_PER_KIND)],
    messages: view.messages,
    errors,
    leaveOff,
    warnings,
    years,
    locum: l && { name: `${l.otherNames} ${l.surname}`.trim(), sdNumber: l.sdNumber },
    pdfName: null,
  };
  if (!years.length && errors) result.problem = "no year end: its errors stop it";
  return result;
}
