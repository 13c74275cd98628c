// Bench: a busy year (1,200 sessions, 15 practices, 12 months) checked and rendered in memory,
// the same year as a workbook for `locum forms` to read, and the shape of what it writes (pages and
// drawn strings per PDF) for the floor (floor.ts) to write the same amount of.
// Targets (issue 3): every PDF of the year in under 2 s; a single Form A or B under 60 KB.
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import ExcelJS from "exceljs";
import { PDFArray, PDFDocument, PDFRawStream, PDFRef } from "pdf-lib";
import { type OutputFile, prepareForms } from "../src/forms";
import { renderPdfs } from "../src/pdf";
import { nodeFonts } from "../src/cli/resources";
import { dayFromYmd, dayToSerial, dayFromYmd as ymd } from "../src/rules";
import { repertoireOf } from "../src/pdf/pack";
import type { FloorFile, FloorShape } from "./floor";
import { measured } from "./measure";

/** The day the busy year is judged on (its last forms are then not yet overdue). */
export const BUSY_TODAY = "2026-04-01";

export function busyYear(sessions = 1200, practices = 15): { rows: unknown[][]; details: unknown[][] } {
  const rows: unknown[][] = [["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Invoice", "Date submitted", "Notes"]];
  const perMonth = Math.ceil(sessions / 12);
  for (let i = 0; i < sessions; i++) {
    const month = Math.floor(i / perMonth); // 0 = April 2025
    const y = month < 9 ? 2025 : 2026;
    const m = ((month + 3) % 12) + 1;
    const p = i % practices;
    const day = 1 + ((i * 7) % 20);
    const fee = 100 + ((i * 13) % 31); // whole pounds, 100 to 130
    rows.push([
      dayToSerial(dayFromYmd(y, m, day)),
      `Practice ${String.fromCharCode(65 + p)} Medical Centre`,
      `Y${String(10000 + p * 137).padStart(5, "0")}`,
      fee,
      dayToSerial(dayFromYmd(y, m, 25)),
      `INV-${y}${String(m).padStart(2, "0")}-${p + 1}`,
      dayToSerial(m === 12 ? ymd(y + 1, 1, 3) : ymd(y, m + 1, 3)),
      `session ${i + 1}`,
    ]);
  }
  const details = [
    ["Surname", "Nguyễn"],
    ["Other names", "Łukasz Zoë"],
    ["Date of birth", "1980-02-29"],
    ["NI number", "QQ123456C"],
    ["SD number", "87654321"],
    ["GMC number", "1234567"],
    ["Address", "1 Example Street, Leeds LS1 1AA"],
    ["Email", "locum@example.org"],
    ["Country", "England"],
    ["EA code", "Q99"],
    ["Estimated pensionable pay", 60000],
  ];
  return { rows, details };
}

export async function benchForms(): Promise<{ name: string; seconds: number; maxFormBytes: number; pdfs: number; files: OutputFile[]; repertoire: string }> {
  const { rows, details } = busyYear();
  const fonts = nodeFonts();
  const t0 = process.hrtime.bigint();
  const prepared = prepareForms(rows, details, { today: ymd(2026, 4, 1) });
  const files = await renderPdfs(prepared, fonts);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (prepared.errors) throw new Error(`bench year has ${prepared.errors} errors`);
  const single = files.filter((f) => f.kind === "form-a" || f.kind === "form-b");
  return {
    name: "forms: busy year (1,200 sessions, 15 practices, 12 months), every PDF",
    seconds,
    maxFormBytes: Math.max(...single.map((f) => f.bytes.length)),
    pdfs: files.length,
    files,
    repertoire: repertoireOf(prepared),
  };
}

/** The busy year as a user's workbook: a Sessions sheet (dates as date cells) and Locum details. */
export async function writeBusyWorkbook(file: string, count = 1200): Promise<void> {
  const { rows, details } = busyYear(count);
  const wb = new ExcelJS.Workbook();
  const sessions = wb.addWorksheet("Sessions");
  const dateColumns = [0, 4, 6]; // Date worked, Date paid, Date submitted
  rows.forEach((r, i) => sessions.addRow(i === 0 ? r : r.map((v, c) => (dateColumns.includes(c) ? new Date(((v as number) - 25569) * 86_400_000) : v))));
  for (const c of dateColumns) sessions.getColumn(c + 1).numFmt = "dd/mm/yyyy";
  const d = wb.addWorksheet("Locum details");
  for (const r of details) d.addRow(r);
  await wb.xlsx.writeFile(file);
}

/** Pages, and strings drawn on each page (Tj operators) with their glyphs and its form fields, of each PDF; and the run's repertoire. */
export async function shapeOf(files: OutputFile[], repertoire: string): Promise<FloorShape> {
  const out: FloorFile[] = [];
  for (const f of files) {
    const doc = await PDFDocument.load(f.bytes, { updateMetadata: false });
    const pages = doc.getPages().map((page) => {
      const contents = page.node.Contents();
      const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
      let strings = 0;
      let glyphs = 0;
      for (const ref of refs) {
        const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
        if (!(stream instanceof PDFRawStream)) throw new Error(`${f.name}: a page content that is not a stream`);
        // Identity-H: two bytes a glyph, as a literal string (backslash escapes) or in hex
        for (const m of inflateSync(stream.contents)
          .toString("latin1")
          .matchAll(/\(((?:\\[\s\S]|[^\\)])*)\) Tj|<([0-9A-Fa-f]*)> Tj/g)) {
          strings++;
          glyphs += m[2] !== undefined ? m[2].length / 4 : m[1].replace(/\\[\s\S]/g, "x").length / 2;
        }
      }
      return { strings, glyphs, fields: page.node.Annots()?.size() ?? 0 };
    });
    out.push({ name: f.name, pages });
  }
  return { repertoire, files: out };
}

if (require.main === module) {
  benchForms().then(({ files: _files, repertoire: _r, ...r }) => console.log(JSON.stringify(r)));
}

export const FORMS_50K_TARGET_MB = 250;

/** `locum forms` on a workbook of 50,000 sessions rows, a fresh process: its time and peak memory. */
export async function benchForms50k(dir: string): Promise<{ rows: number; seconds: number; peak_mb: number | null }> {
  const rows = 50_000;
  const workbook = join(dir, "rows-50000.xlsx");
  await writeBusyWorkbook(workbook, rows);
  const cli = join(__dirname, "..", "cli", "index.js");
  const r = await measured([cli, "forms", workbook, "--out", join(dir, "forms-50000"), "--today", BUSY_TODAY]);
  // Errors in the rows (a day's sessions past a day) stop forms and give status 1; 2 is a run that did not start.
  if (r.status !== 0 && r.status !== 1) throw new Error(`locum forms on ${rows} rows exited ${r.status}: ${r.stderr.split("\n").slice(-3).join(" / ")}`);
  const seconds = Number(r.seconds.toFixed(3));
  const met = r.peakMb !== null && r.peakMb < FORMS_50K_TARGET_MB ? "met" : "NOT met";
  console.log(
    `locum forms on ${rows.toLocaleString("en-GB")} rows, a fresh process: ${seconds.toFixed(2)} s, peak memory ${r.peakMb === null ? "not measured" : `${r.peakMb} MB`} (target < ${FORMS_50K_TARGET_MB} MB: ${met})`,
  );
  return { rows, seconds, peak_mb: r.peakMb };
}
