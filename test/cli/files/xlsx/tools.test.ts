// Workbooks as other tools write them, read by `locum forms` (src/cli/files/xlsx.ts): LibreOffice (formula
// results, "" included, a merged title), openpyxl (1904 dates, a hidden sheet, a column beside a
// table), exceljs (a hidden sheet), and our own template as Excel saves it filled (calculated
// columns kept, a Total Row). The fixtures are made by test/support/workbooks/make-tools.py.
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import JSZip from "jszip";
import { formsCommand } from "../../../../src/cli/commands/forms";
import { templateBytes } from "../../../../src/cli/commands/template";
import { readWorkbookFile } from "../../../../src/cli/files/xlsx";
import { formatMessage } from "../../../../src/workbook";
import { formsFromWorkbook } from "../../../../src/forms";
import { fillTemplate, planTemplate, yearTemplate } from "../../../../src/template";
import { readWorkbookInput } from "../../../../src/taskpane/excel";
import { DEFAULT_RULES } from "../../../../src/rules";
import { type Book, fakeRun, writeXlsx } from "../../../support/fakeWorkbook";
import { threeSessions, utc, zoeDetails } from "../../../support/forms";
import { tempDir } from "../../../support/tempDir";
import { YEAR_DETAILS, YEAR_ROWS } from "../../../support/year";

const FIXTURES = join(__dirname, "..", "..", "..", "support", "workbooks");
const tmp = () => tempDir("reader-tools-");

async function forms(file: string, extra: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const dir = join(tmp(), "out");
  const code = await formsCommand([file, "--out", dir, "--today", "2026-06-01", ...extra], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err, dir };
}

// The three sessions every fixture holds (100, 120 in April; 300 in May), as the forms add them up.
const APRIL = /April 2025 +01234567LOCAPR2025 +2 Forms A +pensionable £198\.00 +employee £19\.40 +employer £28\.47 +to pay £47\.87 by 07\/05\/2025/;
const MAY = /May 2025 +01234567LOCMAY2025 +1 Form A +pensionable £270\.00 +employee £26\.46 +employer £38\.83 +to pay £65\.29 by 07\/06\/2025/;

describe("LibreOffice Calc's .xlsx", () => {
  const file = join(FIXTURES, "libreoffice.xlsx");

  test('formula results as saved (a number, a text, and "" from <v></v>); the merged title\'s other cells empty', async () => {
    const s = (await readWorkbookFile(file)).sheets[0];
    expect(s.used.rows[0]).toEqual(["Dr Zoe Nguyen: sessions 2025/26", "", "", "", "", "", "", "", ""]);
    expect(s.used.merged).toEqual(["A1:C1"]);
    expect(s.used.rows.slice(2).map((r) => r.slice(7))).toEqual([
      [90, ""],
      [108, ""],
      [270, "large"],
    ]);
    expect(s.used.rows[2].slice(0, 5)).toEqual([45748, "Riverside Medical Centre", "Y02345", 100, 45767]); // dates as serials
  });

  test("makes the forms of its sessions, naming the sheet read", async () => {
    const r = await forms(file);
    expect(r.err.filter((l) => l.startsWith("Error"))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Read the sessions from sheet "Sessions"; the Locum details from sheet "Locum details".');
    expect(r.out).toMatch(APRIL);
    expect(r.out).toMatch(MAY);
  });
});

describe("the 1904 date system, as openpyxl writes it", () => {
  test("dates come as the workbook's own serials (1,462 days less) and make the same forms", async () => {
    const input = await readWorkbookFile(join(FIXTURES, "openpyxl-1904.xlsx"));
    expect(input.date1904).toBe(true);
    expect(input.sheets[0].used.rows[1].slice(0, 5)).toEqual([45748 - 1462, "Riverside Medical Centre", "Y02345", 100, 45767 - 1462]);
    const r = await forms(join(FIXTURES, "openpyxl-1904.xlsx"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(APRIL);
    expect(r.out).toMatch(MAY);
  });
});

describe("hidden sheets", () => {
  test("a hidden Sessions with an old £99,999 row loses to the visible Sessions 2025 (openpyxl)", async () => {
    const file = join(FIXTURES, "openpyxl-hidden.xlsx");
    const input = await readWorkbookFile(file);
    expect(input.sheets.map((s) => [s.name, Boolean(s.hidden)])).toEqual([
      ["Sessions 2025", false],
      ["Sessions", true],
      ["Locum details", false],
    ]);
    const r = await forms(file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Read the sessions from sheet "Sessions 2025"; the Locum details from sheet "Locum details".');
    expect(r.out).not.toContain("99,999");
    expect(r.out).toMatch(APRIL);
  });

  // A workbook whose only sessions are on a hidden sheet: read, and said, in both hosts.
  const book: Book = {
    sheets: [
      { name: "Notes", blocks: [{ at: "A1", rows: [["My locum year"]] }] },
      { name: "Sessions", blocks: [{ at: "A1", rows: threeSessions(utc) }], state: "hidden" },
      { name: "Locum details", blocks: [{ at: "A1", rows: zoeDetails(utc, "9.8%", ["Nguyen", "Zoe"]) }] },
    ],
  };
  const warning =
    "Warning: Sessions: the sessions are read from this hidden sheet, as no visible sheet holds them: unhide it (right-click a sheet tab > Unhide) and check that it holds what the forms should";

  test("read from a hidden sheet only when no visible one holds sessions, with a warning naming it (exceljs; the pane)", async () => {
    const file = join(tmp(), "hidden.xlsx");
    await writeXlsx(book, file);
    const r = await forms(file);
    expect(r.err).toContain(warning);
    expect(r.out).toContain('Read the sessions from sheet "Sessions", a hidden sheet; the Locum details from sheet "Locum details".');
    expect(r.out).toMatch(APRIL);
    const pane = formsFromWorkbook((await readWorkbookInput(fakeRun(book).run)).workbook);
    expect(pane.prepared.messages.map(formatMessage)).toContain(warning);
    expect(pane.read.sessions).toMatchObject({ sheet: "Sessions", hiddenSheet: true });
  });

  test("very hidden counts as hidden; a hidden sheet named by --sheet is read, and said", async () => {
    const file = join(tmp(), "very.xlsx");
    await writeXlsx({ sheets: book.sheets.map((s) => (s.state ? { ...s, state: "veryHidden" as const } : s)) }, file);
    expect((await readWorkbookFile(file)).sheets[1].hidden).toBe(true);
    const r = await forms(file, ["--sheet", "Sessions"]);
    expect(r.err).toContain(warning.replace("as no visible sheet holds them", "as asked"));
  });
});

test("Locum details only on a hidden sheet: read, and said; a visible details sheet wins over a hidden one", () => {
  const sheet = (name: string, rows: unknown[][], hidden?: boolean) => ({
    name,
    used: { rows, firstRow: 1, firstCol: 0, merged: [], hidden: [] },
    tables: [],
    ...(hidden ? { hidden } : {}),
  });
  const sessions = sheet("Sessions", threeSessions());
  const mine = zoeDetails(undefined, "9.8%", ["Nguyen", "Zoe"]);
  const old = zoeDetails(undefined, "9.8%", ["Old", "Name"]);
  const hiddenOnly = formsFromWorkbook({ sheets: [sessions, sheet("Locum details", mine, true)], date1904: false });
  expect(hiddenOnly.read.details).toMatchObject({ sheet: "Locum details", hiddenSheet: true });
  expect(hiddenOnly.prepared.messages.map(formatMessage)).toContain(
    "Warning: Locum details: the Locum details are read from this hidden sheet, as no visible sheet holds them: unhide it (right-click a sheet tab > Unhide) and check that it holds what the forms should",
  );
  const both = formsFromWorkbook({ sheets: [sessions, sheet("Locum details", old, true), sheet("Details 2025", mine)], date1904: false });
  expect(both.read.details).toMatchObject({ sheet: "Details 2025" });
  expect(both.prepared.locum?.surname).toBe("Nguyen");
  expect(both.prepared.messages.map(formatMessage).filter((m) => m.includes("hidden"))).toEqual([]);
});

describe("cells beside an Excel table", () => {
  const warning =
    "Warning: Sessions: \"Work type\" (I1:I4) beside the table Sessions (A1:G4): not read, as only the table's own columns are. To have those cells read, widen the table to take them in (Table Design > Resize Table); else move them off the table's rows";

  test("a Work type column outside the table is named in one warning (openpyxl; the pane)", async () => {
    const r = await forms(join(FIXTURES, "openpyxl-beside.xlsx"));
    expect(r.err.filter((l) => /beside|Work type/.test(l))).toEqual([warning]); // one line (the other: the tier rate)
    expect(r.code).toBe(0);
    expect(r.out).toMatch(APRIL); // read as practice work: the agency column is not part of the table
    const rows = threeSessions(utc).map((row, i) => [...row, "", i ? "Agency" : "Work type"]);
    const book: Book = {
      sheets: [
        {
          name: "Sessions",
          tables: [{ name: "Sessions", at: "A1", rows: rows.map((x) => x.slice(0, 7)) }],
          blocks: [{ at: "H1", rows: rows.map((x) => x.slice(7)) }],
        },
        { name: "Locum details", blocks: [{ at: "A1", rows: zoeDetails(utc, "9.8%", ["Nguyen", "Zoe"]) }] },
      ],
    };
    const pane = formsFromWorkbook((await readWorkbookInput(fakeRun(book).run)).workbook).prepared;
    expect(pane.messages.map(formatMessage)).toContain(warning);
  });
});

/**
 * The template, filled, as Excel saves it: the calculated columns kept (calculatedColumnFormula),
 * each formula's result saved with it ("" in the empty rows, <v></v>), Pensionable pay as a shared
 * formula, and a Total Row added.
 */
async function asExcelSaves(rows: number, filled: number): Promise<Buffer> {
  const t = fillTemplate(yearTemplate(planTemplate({ sheets: [] }), { rules: DEFAULT_RULES, rows }), {
    sessions: YEAR_ROWS.slice(0, filled),
    details: YEAR_DETAILS,
  });
  const zip = await JSZip.loadAsync(await templateBytes(t));
  const sheet = "xl/worksheets/sheet1.xml";
  let xml = await zip.file(sheet)!.async("string");
  const last = rows + 1;
  const cell = (ref: string) => new RegExp(`<c r="${ref}"[^>]*>(?:<f>([^<]*)</f>)?.*?</c>`);
  for (let r = 2; r < 2 + filled; r++) {
    const fee = Number(YEAR_ROWS[r - 2].Fee);
    xml = xml.replace(cell(`M${r}`), (_m, f: string) => `<c r="M${r}" t="str"><f>${f}</f><v>Form A ${r}</v></c>`);
    xml = xml.replace(cell(`N${r}`), (_m, f: string) =>
      r === 2
        ? `<c r="N2" s="3"><f t="shared" ref="N2:N${last}" si="0">${f}</f><v>${fee * 0.9}</v></c>`
        : `<c r="N${r}" s="3"><f t="shared" si="0"/><v>${fee * 0.9}</v></c>`,
    );
  }
  const total = `<row r="${last + 1}"><c r="A${last + 1}" t="str"><v>Total</v></c><c r="E${last + 1}"><f>SUBTOTAL(109,Sessions[Fee])</f><v>9999</v></c></row>`;
  xml = xml.replace("</sheetData>", `${total}</sheetData>`);
  zip.file(sheet, xml);
  const table = Object.keys(zip.files).find((n) => /^xl\/tables\/table\d+\.xml$/.test(n))!;
  const tx = (await zip.file(table)!.async("string")).replace(/ref="A1:N(\d+)"/g, (_m, n: string) => `ref="A1:N${Number(n) + 1}"`);
  zip.file(table, tx.replace("<table ", '<table totalsRowCount="1" '));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("our own template as Excel saves it filled", () => {
  test("calculated columns, results and a Total Row: the sessions typed, the empty rows and the total not", async () => {
    const file = join(tmp(), "filled.xlsx");
    writeFileSync(file, await asExcelSaves(10, 8));
    const zip = await JSZip.loadAsync(readFileSync(file));
    const table = await zip.file(Object.keys(zip.files).find((n) => /^xl\/tables\/table\d+\.xml$/.test(n))!)!.async("string");
    expect(table).toContain("<calculatedColumnFormula>");
    const t = (await readWorkbookFile(file)).sheets[0].tables[0];
    expect([t.name, t.totals, t.rows.length]).toEqual(["Sessions", true, 11]); // header and 10 rows, the Total Row left out
    expect(t.rows[1].slice(12)).toEqual(["Form A 2", Number(YEAR_ROWS[0].Fee) * 0.9]);
    expect(t.rows[3].slice(12)).toEqual(["Form A 4", Number(YEAR_ROWS[2].Fee) * 0.9]); // a shared formula's own result
    expect(t.rows[10].slice(12)).toEqual(["", ""]); // an empty row's results: ""
    const r = await forms(file);
    expect(r.err.filter((l) => l.startsWith("Error"))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Read the sessions from sheet "Sessions" (table Sessions); the Locum details from sheet "Locum details".');
    // The figures of the same eight rows written without calculated columns (template.cli.test.ts).
    expect(r.out).toMatch(
      /April 2025 +12345678LOCAPR(20)?25 +2 Forms A +pensionable £495\.14 +employee £48\.52 +employer £71\.21 +to pay £119\.73 by 07\/05\/2025/,
    );
    expect(r.out).toMatch(
      /May 2025 +12345678LOCMAY(20)?25 +2 Forms A +pensionable £765\.14 +employee £74\.98 +employer £110\.03 +to pay £185\.01 by 07\/06\/2025/,
    );
  });
});
