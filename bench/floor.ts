// The floor `locum forms` is measured against: equal work. A fresh process loads exceljs, pdf-lib
// and fontkit, reads the same workbook, and writes the same files: each with the same pages, on
// each page the same number of strings (of the same length) and the same number of form fields,
// with DejaVu Sans embedded as subsets of the run's repertoire by the project's own font code
// (src/pdf/fonts.ts, as locum forms embeds them), each file flushed to the disk and renamed into
// place, a folder's files flushed together. What it leaves out is what locum forms adds: the
// checks, the layout and the run's bookkeeping (earlier copies, the months' lists).
//
//   node build/bench/floor.js <workbook.xlsx> <shape.json> <out-dir>
import { closeSync, fsync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { AnnotationFlags, PDFName, PDFWidgetAnnotation } from "pdf-lib";
import { encodeText, type FontBytes, newDocument, saveDocument } from "../src/pdf/fonts";
import { appendTo } from "../src/rules/lists";

/** DejaVu Sans and its bold, as locum forms loads them. */
function fontFiles(): FontBytes {
  const dir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  return { regular: new Uint8Array(readFileSync(join(dir, "DejaVuSans.ttf"))), bold: new Uint8Array(readFileSync(join(dir, "DejaVuSans-Bold.ttf"))) };
}

export interface FloorPage {
  strings: number;
  glyphs: number;
  /** Form fields (text fields, one widget each) on the page. */
  fields: number;
}

export interface FloorFile {
  /** Relative path, as `locum forms` names it ("2025-04/…-FormB.pdf"). */
  name: string;
  pages: FloorPage[];
}

export interface FloorShape {
  /** The run's font repertoire (every document's subsets hold these glyphs). */
  repertoire: string;
  files: FloorFile[];
}

const A4: [number, number] = [595.28, 841.89];
const FILLER = "Practice A Medical Centre, Y10137 INV-202504-1 £1,234.56 01/04/2025 to 30/04/2025 ";

async function readWorkbook(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  let cells = 0;
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell(() => void cells++));
  return cells;
}

async function writePdf(f: FloorFile, repertoire: string, fontBytes: FontBytes): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(fontBytes, { title: f.name, author: "floor", subject: "floor", date: 20000, repertoire });
  const ctx = doc.context;
  const form = doc.getForm();
  let k = 0;
  let n = 0;
  for (const p of f.pages) {
    const page = doc.addPage(A4);
    page.node.setFontDictionary(PDFName.of("F1"), fonts.regular.ref);
    if (fonts.bold) page.node.setFontDictionary(PDFName.of("F2"), fonts.bold.ref);
    const length = p.strings ? Math.max(1, Math.round(p.glyphs / p.strings)) : 0;
    const ops: string[] = [];
    for (let i = 0; i < p.strings; i++, k++) {
      const at = k % FILLER.length;
      const text = (FILLER + FILLER).slice(at, at + Math.min(length, FILLER.length));
      const font = fonts.bold && k % 5 === 0 ? fonts.bold : fonts.regular;
      ops.push(
        `BT /${font === fonts.regular ? "F1" : "F2"} ${8 + (k % 3)} Tf ${36 + ((k * 37) % 480)} ${40 + ((k * 11) % 760)} Td ${encodeText(font, text)} Tj ET`,
      );
    }
    page.node.addContentStream(ctx.register(ctx.flateStream(ops.join("\n"))));
    for (let i = 0; i < p.fields; i++, n++) {
      const field = form.createTextField(`field.${n}`);
      const widget = PDFWidgetAnnotation.create(ctx, field.ref);
      widget.setRectangle({ x: 40, y: 40 + ((i * 23) % 700), width: 200, height: 14 });
      widget.setP(page.ref);
      widget.setFlagTo(AnnotationFlags.Print, true);
      const ref = ctx.register(widget.dict);
      field.acroField.addWidget(ref);
      page.node.addAnnot(ref);
    }
  }
  return saveDocument(doc);
}

const flush = (fd: number) => new Promise<void>((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));

export async function floor(workbook: string, shapeFile: string, outDir: string): Promise<number> {
  const shape = JSON.parse(readFileSync(shapeFile, "utf8")) as FloorShape;
  if (!(await readWorkbook(workbook))) throw new Error(`${workbook}: no cells`);
  const fontBytes = fontFiles();
  // A folder's files written, flushed together, then renamed into place.
  const byFolder = new Map<string, FloorFile[]>();
  for (const f of shape.files) appendTo(byFolder, dirname(f.name), f);
  for (const [folder, files] of byFolder) {
    mkdirSync(join(outDir, folder), { recursive: true });
    const open: { fd: number; tmp: string; path: string }[] = [];
    for (const f of files) {
      const bytes = await writePdf(f, shape.repertoire, fontBytes);
      const path = join(outDir, f.name);
      const tmp = join(dirname(path), `.writing.${process.pid}.${f.name.split("/").pop()}`);
      const fd = openSync(tmp, "w");
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      open.push({ fd, tmp, path });
    }
    await Promise.all(open.map((o) => flush(o.fd)));
    for (const o of open) {
      closeSync(o.fd);
      renameSync(o.tmp, o.path);
    }
  }
  return shape.files.length;
}

if (require.main === module) {
  const [workbook, shapeFile, outDir] = process.argv.slice(2);
  floor(workbook, shapeFile, outDir).catch((e: Error) => {
    process.stderr.write(`floor: ${e.message}\n`);
    process.exitCode = 1;
  });
}
