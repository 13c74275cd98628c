// locum forms <workbook.xlsx>: the workbook's Sessions and Locum details → checked Forms A and B as
// PDFs. Node-only: exceljs reads the file, fs writes the PDFs; every rule lives in src/forms.
// Nothing is written unless every file was built in memory first.

import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { dateText, pounds, settingPairsOf, settingsFrom } from "../engine";
import { formatMessage, type FontBytes, forMonths, headerIndex, isDetailsSheet, pickSessionsSheet, unprintableWith, type Message, monthLabel, normaliseHeader, prepareForms, type PreparedForms, renderPdfs } from "../forms";
import { buildRuleSet, cellToDay, type Day, dayToSerial, dayToUk, LocumError, parseRulesRows, type RuleData } from "../rules";
import { orphanMonths, type WriteReport, writeMonths } from "./outFolder";
import { oneLine, parseArgs, readRulesFile, SETTING_FLAGS, settingsOf } from "./args";
import { readFileSync } from "node:fs";
import { FORMS_USAGE } from "./formsUsage";

// The usage text lives apart so that `locum --help` prints it without loading exceljs and pdf-lib.
export { FORMS_USAGE };

export interface FormsIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Excel's range.values for one cell: numbers, text, booleans, dates as serials, errors as "#N/A". */
export function cellValue(cell: ExcelJS.Cell): unknown {
  if (cell.type === ExcelJS.ValueType.Merge && cell.master !== cell) return ""; // as Excel shows it
  return plain(cell.value);
}

function plain(v: unknown): unknown {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) {
    const d = cellToDay(v);
    return d === null ? "" : dayToSerial(d);
  }
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("error" in o) return String(o.error);
    if ("formula" in o || "sharedFormula" in o) {
      if (o.result === undefined) return `=${String(o.formula ?? o.sharedFormula)}`; // never calculated
      return plain(o.result);
    }
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
    if ("text" in o) return plain(o.text);
  }
  return String(v);
}

interface Block {
  rows: unknown[][];
  firstRow: number;
  firstCol: number; // 0 = column A
  headerCells: ExcelJS.Cell[];
}

function decodeAddress(a: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(a.trim());
  if (!m) throw new LocumError(`cannot read the cell address ${a}`);
  const col = [...m[1].toUpperCase()].reduce((t, c) => t * 26 + c.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), col };
}

/** The block of cells holding the data: an Excel table when there is one, else the used range. */
function blockOf(ws: ExcelJS.Worksheet): Block {
  const tables = Object.values((ws as unknown as { tables?: Record<string, { table: { tableRef?: string; ref?: string; totalsRow?: boolean } }> }).tables ?? {});
  let top = 1;
  let left = 1;
  let bottom = ws.rowCount;
  let right = ws.columnCount;
  const ref = tables[0]?.table.tableRef ?? tables[0]?.table.ref;
  if (ref && ref.includes(":")) {
    const [a, b] = ref.split(":").map(decodeAddress);
    [top, left, bottom, right] = [a.row, a.col, b.row, b.col];
    if (tables[0]?.table.totalsRow) bottom--; // the table's Total Row adds up sessions; it is not one
  }
  const rows: unknown[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row = ws.getRow(r);
    const cells: unknown[] = [];
    for (let c = left; c <= right; c++) cells.push(cellValue(row.getCell(c)));
    rows.push(cells);
  }
  // The header row as the forms layer finds it (a title or a merged group heading may sit above).
  const header = headerIndex(rows);
  const headerCells: ExcelJS.Cell[] = [];
  if (header >= 0) for (let c = left; c <= right; c++) headerCells.push(ws.getRow(top + header).getCell(c));
  return { rows, firstRow: top, firstCol: left - 1, headerCells };
}

const norm = (s: string) => normaliseHeader(s);

function findSheet(wb: ExcelJS.Workbook, names: string[]): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((ws) => names.includes(norm(ws.name)));
}

/** The merged areas in the header row ("B1:C1"): the forms layer says what is wrong with them. */
function mergedHeaderCells(ws: ExcelJS.Worksheet, block: Block): string[] {
  const seen = new Set<string>();
  for (const cell of block.headerCells) {
    if (!cell.isMerged || seen.has(cell.master.address)) continue;
    seen.add(cell.master.address);
  }
  const merges = (ws as unknown as { _merges?: Record<string, { range?: string }> })._merges ?? {};
  return [...seen].map((a) => merges[a]?.range ?? a);
}

function rulesFrom(wb: ExcelJS.Workbook, file: string | undefined): ReturnType<typeof buildRuleSet> | undefined {
  const parts: RuleData[] = [];
  const sheet = findSheet(wb, ["locumrules", "rules"]);
  if (sheet) {
    const b = blockOf(sheet);
    parts.push(parseRulesRows(b.rows, sheet.name, b.firstRow));
  }
  if (file) parts.push(readRulesFile(file));
  if (!parts.length) return undefined;
  return buildRuleSet({ tiers: parts.flatMap((p) => p.tiers), employer: parts.flatMap((p) => p.employer) });
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

/** The LocumSettings sheet, as the add-in reads it: Setting, Value rows under a header. */
function sheetSettings(wb: ExcelJS.Workbook): [string, unknown][] {
  const sheet = findSheet(wb, ["locumsettings", "settings"]);
  if (!sheet) return [];
  return settingPairsOf(blockOf(sheet).rows);
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

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    io.err(`locum forms: cannot read ${file} as an .xlsx workbook (${(e as Error).message})`);
    return 2;
  }
  const sheetName = parsed.flags.get("sheet");
  let sessions: ExcelJS.Worksheet | undefined;
  if (typeof sheetName === "string") {
    sessions = wb.worksheets.find((ws) => ws.name === sheetName) ?? findSheet(wb, [norm(sheetName)]);
    if (!sessions) {
      io.err(`locum forms: no sheet "${sheetName}" in ${file} (sheets: ${wb.worksheets.map((w) => w.name).join(", ")})`);
      return 2;
    }
  } else {
    // "Sessions" by name, else by its columns (src/forms decides, as for the task pane).
    sessions = pickSessionsSheet(wb.worksheets.map((ws) => ({ name: ws.name, rows: blockOf(ws).rows, ws })))?.ws;
    if (sessions && wb.worksheets.length > 1 && !["sessions", "session"].includes(norm(sessions.name))) {
      io.err(`Reading the sessions from sheet "${sessions.name}" (no sheet is named Sessions; --sheet NAME reads another)`);
    }
  }
  const details = wb.worksheets.find((ws) => isDetailsSheet(ws.name));

  let rules, settings;
  try {
    settings = settingsOf(parsed, settingsFrom(sheetSettings(wb), "LocumSettings"));
    rules = rulesFrom(wb, typeof parsed.flags.get("rules") === "string" ? (parsed.flags.get("rules") as string) : undefined);
  } catch (e) {
    io.err(`locum forms: ${oneLine((e as Error).message)}`);
    return e instanceof LocumError ? 2 : 1;
  }

  const sBlock = sessions ? blockOf(sessions) : { rows: [], firstRow: 1, firstCol: 0, headerCells: [] };
  const dBlock = details ? blockOf(details) : { rows: [], firstRow: 1, firstCol: 0, headerCells: [] };
  const fonts = nodeFonts();
  const prepared = prepareForms(sBlock.rows, dBlock.rows, {
    settings,
    unprintable: unprintableWith(fonts),
    rules,
    submitted: submitted ?? null,
    months,
    today,
    sessionsSheet: sessions?.name ?? "Sessions",
    sessionsFirstRow: sBlock.firstRow,
    sessionsFirstCol: sBlock.firstCol,
    detailsSheet: details?.name ?? "Locum details",
    detailsFirstRow: dBlock.firstRow,
    detailsFirstCol: dBlock.firstCol,
    detailsAbsent: !details,
    mergedHeaderCells: sessions ? mergedHeaderCells(sessions, sBlock) : [],
  });
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
    for (const k of months.filter((k) => !prepared.months.some((m) => m.monthKey === k))) warn(`--month ${k}: no pay received in ${monthLabel(k)} in ${sessions?.name ?? "the sessions"}, so no forms for it`);
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
