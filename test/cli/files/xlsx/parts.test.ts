// The reader (src/cli/files/xlsx.ts, src/cli/files/xlsx/) on workbooks written part by part as Excel lays them
// out: shared strings with rich text and phonetic runs, inline strings, shared and array formulas
// with their saved results ("" included), booleans and errors, date formats (built-in and custom,
// and formats that only look like dates), ISO date cells, merged cells, hidden rows, a table with a
// Total Row under an absolute target; then hostile zips, refused in one line before memory grows.
import { writeFileSync } from "fs";
import { join } from "path";
import { deflateRawSync } from "zlib";
import { formsCommand } from "../../../../src/cli/commands/forms";
import { LIMITS, readWorkbookFile } from "../../../../src/cli/files/xlsx";
import { isDateFormat } from "../../../../src/cli/files/xlsx/book";
import { tempDir } from "../../../support/tempDir";
import { numCell, rowXml, textCell, workbookParts, type ZipPart, zipOf } from "../../../support/xlsxParts";

const tmp = () => tempDir("reader-parts-");
const MB = 1024 * 1024;

function fileOf(parts: ZipPart[]): string {
  const file = join(tmp(), "book.xlsx");
  writeFileSync(file, zipOf(parts));
  return file;
}

async function run(file: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await formsCommand([file, "--out", join(tmp(), "out"), "--today", "2026-06-01"], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err };
}

// Styles: 0 General, 1 built-in 14 (a date), 2 custom dd/mm/yyyy, 3 a number in "days" (quoted d), 4 [Red] colour only, 5 a time h:mm (built-in 20).
const STYLES =
  '<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0 &quot;days&quot;"/><numFmt numFmtId="166" formatCode="[Red]0.00"/></numFmts>' +
  '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
  '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="20"/></cellXfs>';
// Shared strings: plain, rich text in two runs, with a phonetic run (left out), and with &amp;.
const STRINGS =
  '<si><t>Date worked</t></si><si><r><rPr><b/></rPr><t>Prac</t></r><r><t>tice</t></r><rPh sb="0" eb="1"><t>プラ</t></rPh></si>' +
  '<si><t xml:space="preserve">Castle  Street &amp; Co </t></si>';

describe("cells as Excel saves them", () => {
  const sheet = {
    name: "Sessions",
    rows: [
      rowXml(1, ['<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>', textCell("C1", "Fee"), textCell("D1", "Pay"), textCell("E1", "Note")]),
      rowXml(2, [
        numCell("A2", 45748.75, 1), // a date with a time of day: the day
        '<c r="B2" t="inlineStr"><is><r><t>Riverside </t></r><r><rPr><i/></rPr><t>Medical Centre</t></r></is></c>',
        numCell("C2", 100, 3),
        '<c r="D2"><f t="shared" ref="D2:D3" si="0">C2*0.9</f><v>90</v></c>',
        '<c r="E2" t="str"><f>IF(C2&gt;200,"large","")</f><v></v></c>',
      ]),
      rowXml(
        3,
        [
          numCell("A3", 45749, 2),
          '<c r="B3" t="s"><v>2</v></c>',
          numCell("C3", 120.5, 4),
          '<c r="D3"><f t="shared" si="0"/><v>108.45</v></c>',
          '<c r="E3" t="str"><f>IF(C3&gt;200,"large","")</f><v/></c>',
        ],
        ' hidden="1"',
      ),
      rowXml(4, [
        '<c r="A4" t="d"><v>2025-05-06</v></c>',
        '<c r="B4" t="b"><v>1</v></c>',
        '<c r="C4" t="e"><v>#N/A</v></c>',
        '<c r="D4"><f t="array" ref="D4">SUM(D2:D3)</f><v>198.45</v></c>',
        numCell("E4", 0.375, 5), // a time of day alone: no day, so the number as it is
      ]),
      rowXml(5, [textCell("A5", "merged"), textCell("B5", "under the merge")]),
      rowXml(6, ['<c r="A6"><f>NOW()</f></c>', '<c r="B6" s="2"/>', '<c r="C6" t="inlineStr"><is><t>  </t></is></c>']),
    ].join(""),
    after: '<mergeCells count="1"><mergeCell ref="A5:B5"/></mergeCells>',
  };

  test("each cell as Excel's range.values gives it", async () => {
    const input = await readWorkbookFile(fileOf(workbookParts([sheet], { sharedStrings: STRINGS, styles: STYLES })));
    const used = input.sheets[0].used;
    expect(used.rows).toEqual([
      ["Date worked", "Practice", "Fee", "Pay", "Note"],
      [45748, "Riverside Medical Centre", 100, 90, ""],
      [45749, "Castle  Street & Co ", 120.5, 108.45, ""],
      [45783, true, "#N/A", 198.45, 0.375],
      ["merged", "", "", "", ""],
      ["=NOW()", "", "", "", ""], // a formula never calculated shows as itself; a styled empty cell and spaces are nothing
    ]);
    expect(used.merged).toEqual(["A5:B5"]);
    expect(used.hidden).toEqual([3]);
    expect([used.firstRow, used.firstCol]).toEqual([1, 0]);
  });

  test("in a 1904 workbook a date cell's serial is the workbook's own", async () => {
    const input = await readWorkbookFile(fileOf(workbookParts([sheet], { sharedStrings: STRINGS, styles: STYLES, date1904: true })));
    expect(input.date1904).toBe(true);
    expect(input.sheets[0].used.rows.map((r) => r[0]).slice(1, 4)).toEqual([45748, 45749, 45783 - 1462]);
  });

  test("number formats that mark dates: d, m or y outside [...] and quotes", () => {
    expect(["dd/mm/yyyy", "d-mmm-yy", "[$-F800]dddd, mmmm dd, yyyy", "yyyy-mm-dd h:mm", "mmm yy", '"Date "dd/mm'].map(isDateFormat)).toEqual(
      Array(6).fill(true),
    );
    expect(["General", "0.00", '0 "days"', "[Red]0.00", '#,##0 "m"', "£#,##0.00", "0\\d"].map(isDateFormat)).toEqual(Array(7).fill(false));
  });
});

test("rows out of order, a row given twice, and a cell past XFD (not Excel's, a hostile file's): read in order, the stray cell left out", async () => {
  const rows = [
    rowXml(3, [numCell("A3", 3)]),
    rowXml(1, [numCell("A1", 1), '<c r="XFE1"><v>9</v></c>']),
    rowXml(2, [numCell("A2", 2)]),
    rowXml(2, [numCell("B2", 22)]),
  ].join("");
  const used = (await readWorkbookFile(fileOf(workbookParts([{ name: "S", rows }])))).sheets[0].used;
  expect(used.rows).toEqual([
    [1, ""],
    ["", 22],
    [3, ""],
  ]);
});

test("a sheet of several hundred KB (handed to the scanner in chunks cut before a tag): every cell read, names in any script whole", async () => {
  const name = (i: number) => `Siân Łukasz Nguyễn & Zoë ${i} 😀`;
  const rows = Array.from({ length: 4000 }, (_, k) =>
    rowXml(k + 1, [textCell(`A${k + 1}`, name(k).replace("&", "&amp;")), numCell(`B${k + 1}`, k + 0.5)]),
  ).join("");
  expect(rows.length).toBeGreaterThan(300_000);
  const used = (await readWorkbookFile(fileOf(workbookParts([{ name: "S", rows }])))).sheets[0].used;
  expect(used.rows).toHaveLength(4000);
  expect(used.rows.every((r, k) => r[0] === name(k) && r[1] === k + 0.5)).toBe(true);
});

describe("tables", () => {
  // A table with a Total Row, its relationship under an absolute target (as openpyxl writes it).
  const table = (ref: string, extra: string) =>
    `<?xml version="1.0"?><table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="T1" displayName="Sessions" ref="${ref}"${extra}><tableColumns count="2"><tableColumn id="1" name="Practice"/><tableColumn id="2" name="Fee" totalsRowFunction="sum"><calculatedColumnFormula>1</calculatedColumnFormula></tableColumn></tableColumns></table>`;
  const sheet = (ref: string, extra: string) => ({
    name: "Sessions",
    rows: [
      rowXml(3, [textCell("B3", "Practice"), textCell("C3", "Fee")]),
      rowXml(4, [textCell("B4", "Riverside"), numCell("C4", 100)]),
      rowXml(5, [textCell("B5", "Total"), '<c r="C5"><f>SUBTOTAL(109,[Fee])</f><v>100</v></c>']),
    ].join(""),
    after: '<tableParts count="1"><tablePart r:id="rId7"/></tableParts>',
    rels: '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="/xl/tables/table1.xml"/>',
    parts: [{ name: "xl/tables/table1.xml", data: table(ref, extra) }],
  });

  test("the Total Row is left out; the table's place and name as Excel gives them", async () => {
    const t = (await readWorkbookFile(fileOf(workbookParts([sheet("B3:C5", ' totalsRowCount="1"')])))).sheets[0].tables[0];
    expect(t).toEqual({
      name: "Sessions",
      totals: true,
      rows: [
        ["Practice", "Fee"],
        ["Riverside", 100],
      ],
      firstRow: 3,
      firstCol: 1,
      merged: [],
      hidden: [],
    });
  });

  test("without a Total Row, its last row is read", async () => {
    const t = (await readWorkbookFile(fileOf(workbookParts([sheet("B3:C5", ' totalsRowShown="0"')])))).sheets[0].tables[0];
    expect([t.totals, t.rows.length]).toEqual([false, 3]);
  });
});

describe("hostile zips: refused in one line, before memory grows", () => {
  const said = (file: string, what: string) =>
    `locum forms: ${file} is too big to read: ${what} (this tool reads workbooks up to 20 MB on disk and 50 MB of cell data, about 150,000 rows): split it by year, one workbook per scheme year (or move earlier years' rows to another workbook), and run each`;
  const sessions = rowXml(1, [textCell("A1", "Date worked"), textCell("B1", "Fee")]);

  async function refused(file: string): Promise<string> {
    const r = await run(file);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.out).toBe("");
    return r.err[0];
  }

  test("a sheet that declares a small size and inflates past the cap: stopped there", async () => {
    const parts = workbookParts([{ name: "Sessions", rows: sessions }]);
    const bomb = "<row/>".repeat(1_000_000); // 6,000,000 bytes inflated, about 6 KB deflated
    const at = parts.findIndex((p) => p.name === "xl/worksheets/sheet1.xml");
    parts[at] = { name: parts[at].name, deflated: deflateRawSync(`<worksheet><sheetData>${bomb}</sheetData></worksheet>`), declared: 1000 };
    const file = fileOf(parts);
    // At 5 MB, as at 50 MB (the CLI's limit; the many-sheets case below meets that one): parsing 50 MB takes a while.
    await expect(readWorkbookFile(file, { ...LIMITS, cellBytes: 5 * MB })).rejects.toThrow(
      `${file} is too big to read: its cell data unzips to more than 5.0 MB (this tool reads workbooks up to 20 MB on disk and 5.0 MB of cell data`,
    );
  });

  test("media entries of gigabytes (declared, and inflating to 64 MB) are never inflated: the workbook reads", async () => {
    const parts = workbookParts([{ name: "Sessions", rows: sessions }]);
    const media = deflateRawSync(Buffer.alloc(64 * MB)); // about 64 KB
    for (let i = 1; i <= 5; i++) parts.push({ name: `xl/media/image${i}.png`, deflated: media, declared: 1900 * MB });
    const file = fileOf(parts);
    const input = await readWorkbookFile(file);
    expect(input.sheets[0].used.rows).toEqual([["Date worked", "Fee"]]);
  });

  test("a zip of more parts than a workbook has", async () => {
    const parts = workbookParts([{ name: "Sessions", rows: sessions }]);
    for (let i = 0; i < LIMITS.entries; i++) parts.push({ name: `xl/x${i}.xml`, data: "" });
    const file = fileOf(parts);
    expect(await refused(file)).toBe(said(file, "it holds 10,005 parts (an Excel workbook has a few dozen; at most 10,000 are read)"));
  });

  test("many sheets, each small, that together inflate past 50 MB", async () => {
    const big = `${sessions}${rowXml(2, [textCell("A2", "x".repeat(200_000))])}`;
    const parts = workbookParts(Array.from({ length: 300 }, (_, i) => ({ name: `S${i}`, rows: big })));
    const file = fileOf(parts.map((p) => (p.name.startsWith("xl/worksheets/") ? { ...p, declared: 1000 } : p))); // each declares 1 KB
    expect(await refused(file)).toBe(said(file, "its cell data unzips to more than 50 MB"));
  });

  test("a styles part past its own cap (10 MB)", async () => {
    const file = fileOf(workbookParts([{ name: "Sessions", rows: sessions }], { styles: `<fonts>${"<font/>".repeat(2_000_000)}</fonts>` }));
    expect(await refused(file)).toBe(said(file, "its part xl/styles.xml unzips to more than 10 MB"));
  });

  test("a sheet that declares more than 50 MB: refused before it is inflated", async () => {
    const parts = workbookParts([{ name: "Sessions", rows: sessions }]);
    const at = parts.findIndex((p) => p.name === "xl/worksheets/sheet1.xml");
    parts[at] = { ...parts[at], declared: 3000 * MB };
    const file = fileOf(parts);
    expect(await refused(file)).toBe(said(file, "it holds 3000 MB of cell data once unzipped"));
  });

  test("damaged parts: data that does not inflate, XML that is not well-formed", async () => {
    const parts = workbookParts([{ name: "Sessions", rows: sessions }]);
    const at = parts.findIndex((p) => p.name === "xl/worksheets/sheet1.xml");
    parts[at] = { name: parts[at].name, deflated: Buffer.from([0xff, 0xff, 0xff, 0xff]), declared: 10 };
    const bad = fileOf(parts);
    expect(await refused(bad)).toMatch(
      new RegExp(
        `^locum forms: cannot read ${bad} as an \\.xlsx workbook \\(xl/worksheets/sheet1\\.xml: .+\\): open it in Excel and save it again as an Excel Workbook \\(\\.xlsx\\)$`,
      ),
    );
    const broken = fileOf(workbookParts([{ name: "Sessions", rows: "<row><c>" }]));
    expect(await refused(broken)).toMatch(/cannot read .* as an \.xlsx workbook \(xl\/worksheets\/sheet1\.xml: not well-formed XML \(.+\)\): open it in Excel/);
  });
});
