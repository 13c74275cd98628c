// locum forms <workbook.xlsx>: the workbook's Sessions and Locum details → checked Forms A and B as
// PDFs. Node-only: exceljs reads the file, fs writes the PDFs; every rule lives in src/forms.
// Nothing is written unless every file was built in memory first.

import { dirname, join } from "node:path";
import { dateText, pounds } from "../engine";
import { formatMessage, type FontBytes, forMonths, formsFromWorkbook, unprintableWith, monthLabel, type PreparedForms, renderPdfs, type WorkbookForms } from "../forms";
import { type Day, dayToUk, LocumError } from "../rules";
import { orphanMonths, type WriteReport, writeMonths } from "./outFolder";
import { oneLine, parseArgs, readRulesFile, SETTING_FLAGS, settingPairs, settingsOf } from "./args";
import { readWorkbookFile } from "./xlsx";
import { readFileSync } from "node:fs";

export const FORMS_USAGE = `usage: locum forms <workbook.xlsx> [--out DIR] [--month YYYY-MM] [--submitted DATE] [--sheet NAME] [--rules FILE] [--today DATE]

  Reads the Sessions sheet (an Excel table or a plain range: Date worked, Practice, Practice code,
  Fee, Date paid; optional Invoice, Work type, Engaged via, Appraisal authorised, Date submitted,
  Notes) and the "Locum details" sheet (Surname, Other names, Date of birth, NI number, SD number,
  GMC number, Address, Email, Country, EA code; Tier rate or Estimated pensionable pay), checks
  them, and writes GP Locum A and B PDFs, a pack and a PCSE Online entry sheet per month.

  --out DIR          where to write the PDFs (default out/), one folder per month
  --sheet NAME       the sessions sheet (default: "Sessions", else the first sheet with session columns)
  --rules FILE       tier tables / employer rates in the shape of tables.json (a LocumRules sheet
                     in the workbook is read too; the file wins where both cover a date)
  --month YYYY-MM    make only this month's forms (several: 2025-11,2025-12); every row is still
                     read, for box j and the tier
  --submitted DATE   when the forms are (or were) sent, for rows without Date submitted (with
                     --month, for that month's rows only); without it the 10-week rule is checked
                     against the date paid and today, and a warning says when to send them by
  --today DATE       the date "past its due date" is judged on (default: today)
  --year-base 365|actual  --rounding half-up|half-even  --ten-week-anchor first|last
  --upr-year-digits 2|4   the settings for the points no official source settles (a LocumSettings
                     sheet in the workbook sets them too; an option wins over it)

  Exit status: 0 all forms written, 1 an error stopped at least one form, 2 bad usage.`;

export interface FormsIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** The DejaVu Sans fonts shipped in the dejavu-fonts-ttf package: every name prints (Łukasz, Nguyễn). */
export function nodeFonts(): FontBytes {
  const dir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  return { regular: new Uint8Array(readFileSync(join(dir, "DejaVuSans.ttf"))), bold: new Uint8Array(readFileSync(join(dir, "DejaVuSans-Bold.ttf"))) };
}

function dayOption(v: string | true | undefined, name: string): Day | undefined {
  if (v === undefined) return undefined;
  if (v === true) throw new LocumError(`${name} needs a date`);
  return dateText(v, name);
}

function summary(p: PreparedForms, months: string[] | undefined, written: number, outDir: string, io: FormsIo): void {
  io.out(`\n${written} PDF${written === 1 ? "" : "s"} written to ${outDir}${written ? "" : " (nothing written)"}`);
  if (!written) return; // no month to report: the errors above stopped every form
  for (const m of p.months) {
    if (months && !months.includes(m.monthKey)) continue;
    const b = m.formB;
    const label = monthLabel(m.monthKey).padEnd(15);
    if (!b) {
      io.out(`  ${label} ${m.upr.padEnd(16)}  Form B not written (errors above)${m.formsA.length ? `; ${m.formsA.length} Form${m.formsA.length === 1 ? "" : "s"} A written` : ""}`);
      continue;
    }
    io.out(`  ${label} ${b.upr.padEnd(16)}  ${String(b.formsA.length).padStart(2)} Form${b.formsA.length === 1 ? " A " : "s A"}  pensionable ${pounds(b.a)}  employee ${pounds(b.g)}  employer ${pounds(b.h)}  to pay ${pounds(b.i)} by ${dayToUk(b.dueDate)}`);
  }
}

/** --month 2025-11, 11/2025, or several with commas → "2025-11" keys. */
function monthsOption(v: string | true | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  if (v === true) throw new LocumError("--month needs a month, such as 2025-11");
  return v.split(",").map((t) => {
    const iso = /^(\d{4})-(\d{1,2})$/.exec(t.trim());
    const uk = /^(\d{1,2})\/(\d{4})$/.exec(t.trim());
    const [y, mo] = iso ? [Number(iso[1]), Number(iso[2])] : uk ? [Number(uk[2]), Number(uk[1])] : [NaN, NaN];
    if (!(y >= 2015 && mo >= 1 && mo <= 12)) throw new LocumError(`--month must be a month such as 2025-11 or 11/2025 (several: 2025-11,2025-12), not "${t.trim()}"`);
    return `${y}-${String(mo).padStart(2, "0")}`;
  });
}

export async function formsCommand(args: string[], io: FormsIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, ["out", "sheet", "rules", "submitted", "today", "month", ...SETTING_FLAGS], ["help"]);
  } catch (e) {
    io.err(`locum forms: ${(e as Error).message}\n${FORMS_USAGE}`);
    return 2;
  }
  if (parsed.flags.has("help")) {
    io.out(FORMS_USAGE);
    return 0;
  }
  const [file, ...extra] = parsed.positional;
  if (!file || extra.length) {
    io.err(`locum forms: ${file ? `one workbook only (got ${parsed.positional.join(", ")})` : "give the workbook (.xlsx)"}\n${FORMS_USAGE}`);
    return 2;
  }
  const outDir = typeof parsed.flags.get("out") === "string" ? (parsed.flags.get("out") as string) : "out";
  if (outDir.trim() === "") {
    io.err("locum forms: --out needs a folder name");
    return 2;
  }
  let submitted, today, months;
  try {
    settingsOf(parsed); // bad option values are usage errors, before the workbook is read
    submitted = dayOption(parsed.flags.get("submitted"), "--submitted");
    today = dayOption(parsed.flags.get("today"), "--today");
    months = monthsOption(parsed.flags.get("month"));
  } catch (e) {
    io.err(`locum forms: ${oneLine((e as Error).message)}`);
    return 2;
  }

  let input;
  try {
    input = await readWorkbookFile(file);
  } catch (e) {
    io.err(`locum forms: ${oneLine((e as Error).message)}`);
    return 2;
  }
  const fonts = nodeFonts();
  const sheetName = parsed.flags.get("sheet");
  const rulesFile = parsed.flags.get("rules");
  let result: WorkbookForms;
  try {
    // src/forms chooses the sheets (Sessions, Locum details, LocumRules, LocumSettings) as for the task pane.
    result = formsFromWorkbook(input, {
      sheet: typeof sheetName === "string" ? sheetName : undefined,
      rules: typeof rulesFile === "string" ? readRulesFile(rulesFile) : undefined,
      settings: settingPairs(parsed),
      submitted: submitted ?? null,
      months,
      today,
      unprintable: unprintableWith(fonts),
    });
  } catch (e) {
    io.err(`locum forms: ${oneLine((e as Error).message)}`);
    return e instanceof LocumError ? 2 : 1;
  }
  const { prepared, read } = result;
  const sessions = read.sessions;
  if (sessions && (sessions.by === "columns" || sessions.by === "active") && input.sheets.length > 1) {
    io.err(`Reading the sessions from sheet "${sessions.sheet}" (no sheet is named Sessions; --sheet NAME reads another)`);
  }
  const rules = read.ruleSet;
  if (rules?.overrides.length) io.err(`Rules: ${rules.overrides.join("; ")}`);
  // With --month, the messages about those months (and the month-less ones); the rest are counted.
  const chosen = months ?? prepared.months.map((m) => m.monthKey);
  const view = forMonths(prepared, months);
  const messages = view.messages;
  for (const m of messages) io.err(formatMessage(m));
  let extraWarnings = 0;
  const warn = (text: string) => {
    extraWarnings++;
    io.err(`Warning: ${text}`);
  };

  let files: Awaited<ReturnType<typeof renderPdfs>> = [];
  try {
    files = await renderPdfs(prepared, fonts, chosen);
  } catch (e) {
    io.err(`locum forms: could not build the PDFs (${(e as Error).message}); nothing was written`);
    return 1;
  }
  const written: WriteReport = { changed: [], moved: [], kept: [], unlisted: [] };
  let failed: string | null = null;
  try {
    writeMonths(outDir, prepared, chosen, files, written);
  } catch (e) {
    failed = (e as Error).message;
  }
  const list = (xs: string[]) => `${xs.length} PDF${xs.length === 1 ? "" : "s"} (${xs.join(", ")})`;
  if (written.moved.length) warn(`moved ${list(written.moved)} an earlier run made under names not used now (a renumbered Form A) to the month's earlier/ folder`);
  if (written.unlisted.length) warn(`${list(written.unlisted)} in folders an older version made are not written now: they may be out of date (a renumbered Form A, a stopped form); check them before sending`);
  if (written.kept.length) warn(`kept ${list(written.kept)} from an earlier run for forms this run stopped: they may not match the workbook now; fix the errors above and run again before sending them`);
  if (written.changed.length) warn(`${list(written.changed)} now say something different from what an earlier run made; the earlier copies are in each month's earlier/ folder, as a form already sent keeps what it said (the year-end reconciliation settles any difference)`);
  if (failed !== null) {
    io.err(`locum forms: cannot write to ${outDir} (${failed}); what was done before that is listed above`);
    return 1;
  }
  if (!months) {
    for (const k of orphanMonths(outDir, prepared)) {
      warn(`${join(outDir, k)} holds ${prepared.locum?.sdNumber}LOC… PDFs an earlier run made for ${monthLabel(k)}, but the workbook has no pay received in ${monthLabel(k)} now: if those rows moved to another month, delete those PDFs so the old forms are not sent`);
    }
  } else {
    for (const k of months.filter((k) => !prepared.months.some((m) => m.monthKey === k))) warn(`--month ${k}: no pay received in ${monthLabel(k)} in ${sessions?.sheet ?? "the sessions"}, so no forms for it`);
    if (view.others) {
      const errs = prepared.messages.filter((m) => m.level === "error" && !messages.includes(m)).length;
      io.err(`(${view.others} message${view.others === 1 ? "" : "s"} about other months not shown${errs ? `, ${errs} of them error${errs === 1 ? "" : "s"}` : ""}: run without --month to see them)`);
    }
  }
  if (submitted !== undefined && !months && messages.some((m) => m.level === "error" && m.text.includes("(--submitted)"))) {
    io.err(`Hint: --submitted is taken as the date every month's forms were sent; to make only one month's forms (sent on that date), add --month YYYY-MM`);
  }
  summary(prepared, months, files.length, outDir, io);
  const errors = messages.filter((m) => m.level === "error").length;
  const warnings = messages.length - errors + extraWarnings;
  io.out(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}${errors ? ": the forms those errors name were not written; fix the workbook and run again" : ""}`);
  return errors || !view.complete ? 1 : 0;
}
