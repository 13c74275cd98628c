// The floor `locum forms` is measured against: what any program making these PDFs in Node must
// spend. A fresh process loads exceljs and pdf-lib, reads the same workbook, and writes the same
// number of PDFs, each with the same pages and on each page the same number of strings (of the same
// length) in a standard font (Helvetica, nothing embedded), by pdf-lib's own means: one content
// stream a page, deflated as pdf-lib deflates (pako). No checks, no fields, no atomic writes.
//
//   node build/cli/bench/floor.js <workbook.xlsx> <shape.json> <out-dir>
//
// It imports nothing of this project's: only the libraries a forms tool cannot do without.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";

export interface FloorFile {
  /** Relative path, as `locum forms` names it ("2025-04/…-FormB.pdf"). */
  name: string;
  pages: { strings: number; glyphs: number }[];
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

async function writePdf(f: FloorFile): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const ctx = doc.context;
  let k = 0;
  for (const p of f.pages) {
    const page = doc.addPage(A4);
    page.node.setFontDictionary(PDFName.of("F1"), font.ref);
    const length = p.strings ? Math.max(1, Math.round(p.glyphs / p.strings)) : 0;
    const ops: string[] = [];
    for (let i = 0; i < p.strings; i++, k++) {
      const at = k % FILLER.length;
      const text = (FILLER + FILLER).slice(at, at + Math.min(length, FILLER.length));
      ops.push(`BT /F1 ${8 + (k % 3)} Tf ${36 + ((k * 37) % 480)} ${40 + ((k * 11) % 760)} Td ${font.encodeText(text).toString()} Tj ET`);
    }
    page.node.addContentStream(ctx.register(ctx.flateStream(ops.join("\n"))));
  }
  return doc.save({ useObjectStreams: false });
}

export async function floor(workbook: string, shapeFile: string, outDir: string): Promise<number> {
  const shape = JSON.parse(readFileSync(shapeFile, "utf8")) as FloorFile[];
  if (!(await readWorkbook(workbook))) throw new Error(`${workbook}: no cells`);
  for (const f of shape) {
    const bytes = await writePdf(f);
    const file = join(outDir, f.name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return shape.length;
}

if (require.main === module) {
  const [workbook, shapeFile, outDir] = process.argv.slice(2);
  floor(workbook, shapeFile, outDir).catch((e: Error) => {
    process.stderr.write(`floor: ${e.message}\n`);
    process.exitCode = 1;
  });
}
