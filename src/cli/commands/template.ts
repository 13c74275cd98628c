// locum template <file.xlsx>: the year template (src/template) written as a new workbook
// with exceljs. A host: it lays out the definition, it decides nothing about the sheets' content.
// Never touches an existing file: a name that exists is refused (exit 2). The file is written whole
// or not at all: built in memory, saved under a temporary name in the same folder, then linked to
// its name (which fails, rather than overwrite, if a file of that name appeared meanwhile).
import { existsSync, linkSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { type Day, DEFAULT_RULES, type RuleSet, todayDay } from "../../rules";
import { planTemplate, type Spill, type Style, type TemplateSheet, toFileFormula, yearTemplate, type YearTemplate } from "../../template";
import { oneLine, parseArgs } from "../args";
import type { Io } from "../io";

import { TEMPLATE_USAGE } from "./templateUsage";
import { stage } from "../files/wholeFiles";
import { plainCode } from "../files/fileCheck";

export { TEMPLATE_USAGE };

export async function templateCommand(args: string[], io: Io, opts: { rules?: RuleSet; made?: Day } = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, ["rows"], ["help"], "template");
  } catch (e) {
    io.err(`locum template: ${oneLine((e as Error).message)}`);
    return 2;
  }
  if (parsed.flags.has("help")) return (io.out(TEMPLATE_USAGE), 0);
  const [file, ...extra] = parsed.positional;
  const bad = (text: string) => (io.err(`locum template: ${text}`), 2);
  if (!file) return bad("give the name of the new workbook (.xlsx), e.g. locum template my-2025-26.xlsx");
  if (extra.length) return bad(`one workbook only (got ${parsed.positional.join(", ")})`);
  if (extname(file).toLowerCase() !== ".xlsx") return bad(`${file}: the template is an .xlsx workbook: give a name ending in .xlsx`);
  const rowsFlag = parsed.flags.get("rows");
  const rows = rowsFlag === undefined ? 10 : Number(rowsFlag);
  if (!Number.isInteger(rows) || rows < 1 || rows > 5000) return bad(`--rows must be a whole number from 1 to 5000, not "${rowsFlag}"`);
  if (existsSync(file)) return bad(`${file} already exists: nothing was written (the template never replaces a file; give a new name)`);
  const folder = dirname(resolve(file));
  if (!existsSync(folder)) return bad(`there is no folder ${dirname(file)}: make it first (nothing was written)`);
  if (!statSync(folder).isDirectory()) return bad(`${dirname(file)} is a file, not a folder: nothing was written`);

  const template = yearTemplate(planTemplate({ sheets: [] }), { rules: opts.rules ?? DEFAULT_RULES, rows, made: opts.made ?? todayDay() });
  let bytes: Uint8Array;
  try {
    bytes = await templateBytes(template);
  } catch (e) {
    io.err(`locum template: could not build the workbook (${(e as Error).message}); nothing was written`);
    return 1;
  }
  try {
    writeNew(file, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return bad(`${file} appeared while the template was being written: it was left alone, nothing was written`);
    io.err(`locum template: cannot write ${file} (${plainCode(e)}); nothing was written`);
    return 1;
  }
  const sessions = template.sheets.find((s) => s.role === "sessions")!;
  io.out(`Wrote ${file}: ${template.sheets.map((s) => s.name).join(", ")} (the ${sessions.table!.name} table with ${rows} empty row${rows === 1 ? "" : "s"}).`);
  io.out("No chart: an .xlsx written here cannot hold one (exceljs writes no charts); the task pane's Insert year template adds it.");
  io.out("The LOCUM formulas calculate in Excel with the Locum pensions add-in loaded (until then they show #NAME?).");
  return 0;
}

/** Save `bytes` as `file`, which must not exist: flushed under a temporary name beside it, then a hard link. */
export function writeNew(file: string, bytes: Uint8Array): void {
  const tmp = stage(file, bytes);
  try {
    try {
      linkSync(tmp, file); // EEXIST rather than replace a file made meanwhile
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EEXIST" || !["EPERM", "ENOTSUP", "EXDEV", "ENOSYS"].includes(code ?? "")) throw e;
      // A filesystem without hard links: check once more, then rename.
      if (existsSync(file)) throw Object.assign(new Error(`${file} exists`), { code: "EEXIST" });
      renameSync(tmp, file);
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}

const argb = (rgb: string) => `FF${rgb}`;

function styleCell(cell: ExcelJS.Cell, s: Style | undefined): void {
  if (!s) return;
  if (s.numFmt) cell.numFmt = s.numFmt;
  if (s.bold || s.italic || s.color || s.size)
    cell.font = { bold: s.bold, italic: s.italic, size: s.size, color: s.color ? { argb: argb(s.color) } : undefined };
  if (s.wrap) cell.alignment = { wrapText: true, vertical: "top" };
}

const utcDate = (d: Day) => new Date(d * 86_400_000);

export interface XlsxOptions {
  /**
   * Mark the Sessions table's formula columns as calculated columns (calculatedColumnFormula), so
   * Excel fills them in rows typed under the table, as it does for the pane's template. Default
   * true. exceljs 4.4 cannot read such a table back (its issue #1240); the .xlsx reader of
   * `locum forms` (src/cli/files/xlsx.ts) can (Excel saves them for the pane's template too).
   */
  calculatedColumns?: boolean;
}

/** The template as .xlsx bytes (exceljs), then the two things exceljs cannot write, added to the zip. */
export async function templateBytes(template: YearTemplate, options: XlsxOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "locum template";
  // Excel works every formula out when it opens the file (this file carries no results).
  wb.calcProperties = { fullCalcOnLoad: true };
  for (const sheet of template.sheets) addSheet(wb, sheet);
  const written = Buffer.from(await wb.xlsx.writeBuffer());
  return finishZip(written, template, options.calculatedColumns ?? true);
}

/** exceljs has worksheet.dataValidations at run time; its type declarations leave it out. */
type WithValidations = ExcelJS.Worksheet & { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } };

function addSheet(wb: ExcelJS.Workbook, sheet: TemplateSheet): void {
  const ws = wb.addWorksheet(sheet.name, { views: sheet.freezeRows ? [{ state: "frozen", ySplit: sheet.freezeRows }] : [] });
  sheet.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const t = sheet.table;
  if (t) {
    t.columns.forEach((c, i) => {
      if (c.numFmt) ws.getColumn(i + 1).numFmt = c.numFmt; // the whole column: rows typed later too
    });
    ws.addTable({
      name: t.name,
      ref: t.ref,
      headerRow: true,
      style: { theme: t.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
      columns: t.columns.map((c) => ({ name: c.name, filterButton: true })),
      // Typed rows, then empty ones. A formula's result is left for Excel to work out, except in an
      // empty row, where it is "" (its IF gives that): a reader then sees the row as empty.
      rows: Array.from({ length: t.rows }, (_, i) =>
        t.columns.map((c, j) => {
          if (c.formula) return { formula: toFileFormula(c.formula, t.name), ...(i >= t.data.length ? { result: "" } : {}) };
          const v = t.data[i]?.[j];
          return v === undefined || v === "" ? null : v;
        }),
      ),
    });
  }
  for (const c of sheet.cells) {
    const cell = ws.getCell(c.ref);
    if (c.formula !== undefined) cell.value = { formula: toFileFormula(c.formula, t?.name ?? "") } as ExcelJS.CellFormulaValue;
    else if (c.value !== undefined) cell.value = c.value;
    styleCell(cell, c.style);
  }
  for (const s of sheet.spills) {
    ws.getCell(s.ref).value = { formula: toFileFormula(s.formula, t?.name ?? "") } as ExcelJS.CellFormulaValue;
    spillFormats(ws, s);
  }
  const dv = (ws as WithValidations).dataValidations;
  for (const v of sheet.validations) {
    const base = { allowBlank: true, showErrorMessage: true, errorStyle: "stop", errorTitle: "Locum pensions", error: v.error };
    const r = v.rule;
    if (r.kind === "list") dv.add(v.ref, { ...base, type: "list", formulae: [`"${r.values.join(",")}"`] });
    else if (r.kind === "date") dv.add(v.ref, { ...base, type: "date", operator: "between", formulae: [utcDate(r.min), utcDate(r.max)] });
    else dv.add(v.ref, { ...base, type: "decimal", operator: "between", formulae: [r.min, r.max] });
  }
  for (const f of sheet.conditionalFormats) {
    ws.addConditionalFormatting({
      ref: f.ref,
      rules: [
        {
          type: "expression",
          priority: 1,
          formulae: [f.formula],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(f.fill) } }, font: { color: { argb: argb(f.font) } } },
        },
      ],
    });
  }
}

/** Number formats for the rows a spill fills (its header row is text). */
function spillFormats(ws: ExcelJS.Worksheet, s: Spill): void {
  const at = ws.getCell(s.ref);
  const top = Number(at.row);
  const left = Number(at.col);
  at.font = { bold: true };
  s.numFmts.forEach((fmt, i) => {
    if (!fmt) return;
    for (let r = top + 1; r <= top + 60; r++) ws.getCell(r, left + i).numFmt = fmt;
  });
  for (let c = 0; c < s.width; c++) ws.getCell(top, left + c).font = { bold: true };
}

const DYNAMIC_ARRAY_METADATA = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`;

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * What exceljs cannot write, added to its zip: (1) spilling formulas as dynamic arrays (the cell's
 * cm="1" pointing at XLDAPR metadata, as Excel saves them; a plain formula would open as a legacy
 * one showing a single value), (2) the Sessions table's calculated columns (calculatedColumnFormula),
 * so rows typed under the table get the formulas too.
 */
async function finishZip(bytes: Buffer, template: YearTemplate, calculated: boolean): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const sheetFiles = await sheetPaths(zip);
  let dynamic = false;
  for (const sheet of template.sheets) {
    if (!sheet.spills.length) continue;
    const path = sheetFiles.get(sheet.name);
    if (!path) throw new Error(`no part for sheet ${sheet.name}`);
    let xml = await zip.file(path)!.async("string");
    for (const s of sheet.spills) {
      const cell = new RegExp(`<c r="${s.ref}"([^>]*)><f>`);
      if (!cell.test(xml)) throw new Error(`no formula cell ${sheet.name}!${s.ref} to make a dynamic array`);
      xml = xml.replace(cell, `<c r="${s.ref}"$1 cm="1"><f t="array" ref="${s.ref}">`);
      dynamic = true;
    }
    zip.file(path, xml);
  }
  if (dynamic) {
    zip.file("xl/metadata.xml", DYNAMIC_ARRAY_METADATA);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    zip.file(
      "[Content_Types].xml",
      types.replace(
        "</Types>",
        `<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/></Types>`,
      ),
    );
    const relsPath = "xl/_rels/workbook.xml.rels";
    const rels = await zip.file(relsPath)!.async("string");
    zip.file(
      relsPath,
      rels.replace(
        "</Relationships>",
        `<Relationship Id="rIdLocumMetadata" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/></Relationships>`,
      ),
    );
  }
  const table = template.sheets.find((s) => s.table)?.table;
  if (table && calculated) {
    for (const path of Object.keys(zip.files).filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p))) {
      let xml = await zip.file(path)!.async("string");
      if (!new RegExp(`\\bname="${table.name}"`).test(xml)) continue;
      for (const c of table.columns) {
        if (!c.formula) continue;
        const col = new RegExp(`<tableColumn ([^>]*\\bname="${xmlEscape(c.name)}"[^>]*?)\\s*/>`);
        if (!col.test(xml)) throw new Error(`no table column ${c.name}`);
        xml = xml.replace(
          col,
          `<tableColumn $1><calculatedColumnFormula>${xmlEscape(toFileFormula(c.formula, table.name))}</calculatedColumnFormula></tableColumn>`,
        );
      }
      zip.file(path, xml);
    }
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Sheet name → its part ("xl/worksheets/sheet2.xml"), from workbook.xml and its relationships. */
async function sheetPaths(zip: JSZip): Promise<Map<string, string>> {
  const book = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.startsWith("/") ? t.slice(1) : `xl/${t}`);
  }
  const out = new Map<string, string>();
  const unescape = (s: string) =>
    s
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  for (const m of book.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && id && target.has(id)) out.set(unescape(name), target.get(id)!);
  }
  return out;
}
