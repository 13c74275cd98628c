// Hostile and foreign workbooks at the command line's reader (src/cli/files/xlsx.ts): a stray cell far
// away, a table written by openpyxl, a password-protected file, an old .xls, a zip that is not a
// workbook, a CSV, a workbook over the size limit, the 1904 date system, hidden rows. Each says
// what it is in one line (exit 2, no stack trace), or makes forms whose PDFs open.
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { formsCommand } from "../../../src/cli/commands/forms";
import { oleNames } from "../../../src/cli/files/fileKind";
import { LIMITS, readWorkbookFile } from "../../../src/cli/files/xlsx";
import { formatMessage } from "../../../src/workbook";
import { formsFromWorkbook } from "../../../src/forms";
import { readWorkbookInput } from "../../../src/taskpane/excel";
import { type Book, fakeRun, writeXlsx } from "../../support/fakeWorkbook";
import { pdfInfo } from "../../support/pdf";
import { threeSessions, utc, zoeDetails } from "../../support/forms";
import { tempDir } from "../../support/tempDir";

const FIXTURES = join(__dirname, "..", "..", "support", "workbooks");
const tmp = () => tempDir("reader-xlsx-");
const MB = 1024 * 1024;

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await formsCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err };
}

/** `locum forms` on a file: exit 2 and exactly one line on stderr, no stack trace; that line. */
async function refused(file: string): Promise<string> {
  const r = await run([file, "--out", join(tmp(), "out")]);
  expect(r.code).toBe(2);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).not.toMatch(/\n|\bat .*\(.*:\d+:\d+\)|TypeError|Cannot read properties/);
  expect(r.out).toBe("");
  return r.err[0];
}

/** Forms were written (exit 0) and every PDF opens without a syntax error. */
async function madeForms(file: string): Promise<{ err: string[]; pdfs: string[] }> {
  const out = join(tmp(), "out");
  const r = await run([file, "--out", out]);
  expect(r.err.filter((l) => l.startsWith("Error"))).toEqual([]);
  expect(r.code).toBe(0);
  const pdfs = r.out.match(/^(\d+) PDFs written/m);
  expect(Number(pdfs?.[1])).toBeGreaterThan(0);
  const files = require("fs")
    .readdirSync(join(out, "2025-04"))
    .filter((n: string) => n.endsWith(".pdf"));
  for (const f of files) expect(pdfInfo(readFileSync(join(out, "2025-04", f)))).not.toMatch(/Syntax Error|FAILED/);
  return { err: r.err, pdfs: files };
}

const SESSIONS = threeSessions(utc);
const DETAILS = zoeDetails(utc, "9.8%", ["Nguyen", "Zoe"]);
const book = (sessions = SESSIONS, extra: Partial<Book> = {}): Book => ({
  sheets: [
    { name: "Sessions", blocks: [{ at: "A1", rows: sessions }] },
    { name: "Locum details", blocks: [{ at: "A1", rows: DETAILS }] },
  ],
  ...extra,
});

async function xlsxWith(edit: (wb: ExcelJS.Workbook) => void, b: Book = book()): Promise<string> {
  const plain = join(tmp(), "plain.xlsx");
  await writeXlsx(b, plain);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(plain);
  edit(wb);
  const file = join(tmp(), "book.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

describe("a stray cell far away", () => {
  test("a space in AZ200000 is not content: the sessions block is the same as without it", async () => {
    const file = await xlsxWith((wb) => (wb.getWorksheet("Sessions")!.getCell("AZ200000").value = " "));
    const sheet = (await readWorkbookFile(file)).sheets[0];
    expect([sheet.used.rows.length, sheet.used.rows[0].length]).toEqual([4, 7]);
    await madeForms(file);
  });

  test('an "x" in XFD1048576: read as the one cell it is (the rows keep their holes), and passed over', async () => {
    const file = await xlsxWith((wb) => (wb.getWorksheet("Sessions")!.getCell("XFD1048576").value = "x"));
    const used = (await readWorkbookFile(file)).sheets[0].used;
    expect(used.rows.length).toBe(1_048_576);
    expect(Object.keys(used.rows).length).toBe(5); // header, three sessions, the stray row
    expect(Object.keys(used.rows[1_048_575]).map(Number)).toEqual([16_383]);
    const { err } = await madeForms(file);
    // Under no column the forms read, the stray "x" is no session and no note: nothing to say of it.
    expect(err).not.toContain("1048576");
  });

  test("empty rows and columns around a table are not read; its last row with content ends it", async () => {
    const b = book();
    b.sheets[0] = { name: "Sessions", tables: [{ name: "S", at: "C5", rows: [...SESSIONS, ["", "", "", "", "", "", ""]] }] };
    const file = await xlsxWith((wb) => (wb.getWorksheet("Sessions")!.getCell("A1048000").value = "far away"), b);
    const t = (await readWorkbookFile(file)).sheets[0].tables[0];
    expect([t.firstRow, t.firstCol, t.rows.length]).toEqual([5, 2, 4]);
  });
});

describe("a workbook openpyxl (Python) wrote, with the Sessions as an Excel table", () => {
  const file = join(FIXTURES, "openpyxl-table.xlsx");

  test("exceljs alone cannot read it (issue #1468): the fixture has the absolute table target", async () => {
    await expect(new ExcelJS.Workbook().xlsx.readFile(file)).rejects.toThrow("Cannot read properties of undefined (reading 'name')");
    const zip = await JSZip.loadAsync(readFileSync(file));
    expect(await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string")).toContain('Target="/xl/tables/table1.xml"');
  });

  test("reads, with its table, and makes forms", async () => {
    const input = await readWorkbookFile(file);
    expect(input.sheets.map((s) => [s.name, s.tables.map((t) => t.name)])).toEqual([
      ["Sessions", ["SessionsTable"]],
      ["Locum details", []],
    ]);
    expect(formsFromWorkbook(input).read.sessions).toMatchObject({ sheet: "Sessions", table: "SessionsTable" });
    const { pdfs } = await madeForms(file);
    expect(pdfs.sort()).toEqual([
      "01234567LOCAPR2025-FormA-01-Y02345-Riverside-Medical-Centre-R-1.pdf",
      "01234567LOCAPR2025-FormA-02-B86021-Castle-Street-Surgery-C-1.pdf",
      "01234567LOCAPR2025-FormB.pdf",
      "01234567LOCAPR2025-PCSE-online-entry-sheet.pdf",
      "01234567LOCAPR2025-pack-FormB-and-FormsA.pdf",
    ]);
  });
});

describe("files that are not .xlsx workbooks: one line saying what the file is and what to do", () => {
  test("a password-protected workbook (a real one: ECMA-376 encryption in an OLE file)", async () => {
    const file = join(FIXTURES, "encrypted.xlsx");
    expect(oleNames(readFileSync(file))).toEqual(expect.arrayContaining(["EncryptionInfo", "EncryptedPackage"]));
    expect(await refused(file)).toBe(
      `locum forms: ${file} is password-protected (encrypted), so it cannot be read: open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, then clear it) and save it, or save a copy without a password, and run this on that`,
    );
  });

  test("an old Excel 97-2003 .xls", async () => {
    const file = join(FIXTURES, "old.xls");
    expect(oleNames(readFileSync(file))).toContain("Workbook");
    expect(await refused(file)).toBe(
      `locum forms: ${file} is an old Excel 97-2003 workbook (.xls): open it in Excel and save it as an Excel Workbook (.xlsx), then run this on that`,
    );
  });

  test("a zip that is not a workbook, a binary workbook, a cut-short one", async () => {
    const dir = tmp();
    const zipOf = async (name: string, files: Record<string, string>) => {
      const z = new JSZip();
      for (const [n, t] of Object.entries(files)) z.file(n, t);
      writeFileSync(join(dir, name), await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
      return join(dir, name);
    };
    const photos = await zipOf("photos.xlsx", { "holiday.txt": "not a workbook" });
    expect(await refused(photos)).toBe(
      `locum forms: ${photos} is a zip file but not an Excel workbook (it has no xl/workbook.xml): give the .xlsx workbook itself`,
    );
    const docx = await zipOf("letter.xlsx", { "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" });
    expect(await refused(docx)).toContain("is a zip file but not an Excel workbook");
    const xlsb = await zipOf("book.xlsb", { "xl/workbook.bin": "\u0000" });
    expect(await refused(xlsb)).toBe(`locum forms: ${xlsb} is an Excel binary workbook (.xlsb): open it in Excel and save it as an Excel Workbook (.xlsx)`);
    const cut = join(dir, "cut.xlsx");
    const whole = readFileSync(join(FIXTURES, "openpyxl-table.xlsx"));
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(await refused(cut)).toBe(
      `locum forms: ${cut} starts like a zip file but cannot be read as one (it may be damaged or cut short): save it again from Excel as an Excel Workbook (.xlsx)`,
    );
  });

  test("a CSV (also in UTF-16 with a byte-order mark), a binary file, an empty file, a folder, no file", async () => {
    const dir = tmp();
    const csv = join(dir, "sessions.xlsx");
    writeFileSync(csv, "Date worked,Practice,Practice code,Fee,Date paid\n01/04/2025,Riverside,Y02345,100,20/04/2025\n");
    expect(await refused(csv)).toBe(
      `locum forms: ${csv} is a text file (such as CSV), not an .xlsx workbook: open it in Excel and save it as an Excel Workbook (.xlsx)`,
    );
    const utf16 = join(dir, "export.csv");
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Date worked\tFee\n", "utf16le")]));
    expect(await refused(utf16)).toContain("is a text file (such as CSV)");
    const bin = join(dir, "image.xlsx");
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    expect(await refused(bin)).toBe(
      `locum forms: ${bin} is not an .xlsx workbook (neither a zip nor an Office file): save it from Excel as an Excel Workbook (.xlsx)`,
    );
    const empty = join(dir, "empty.xlsx");
    writeFileSync(empty, "");
    expect(await refused(empty)).toBe(`locum forms: ${empty} is empty (0 bytes): it is not a workbook`);
    mkdirSync(join(dir, "folder.xlsx"));
    expect(await refused(join(dir, "folder.xlsx"))).toBe(`locum forms: ${join(dir, "folder.xlsx")} is a folder: give the workbook (.xlsx) in it`);
    expect(await refused(join(dir, "missing.xlsx"))).toBe(`locum forms: cannot read ${join(dir, "missing.xlsx")}: no such file`);
  });
});

describe("size: refused, with the limits and what to do, before the workbook is read whole", () => {
  const said = (file: string, what: string) =>
    `locum forms: ${file} is too big to read: ${what} (this tool reads workbooks up to 20 MB on disk and 50 MB of cell data, about 150,000 rows): split it by year, one workbook per scheme year (or move earlier years' rows to another workbook), and run each`;

  test("a file over 20 MB (a 28 MB, million-row workbook ran out of memory before)", async () => {
    const file = join(tmp(), "huge.xlsx");
    writeFileSync(file, "PK\u0003\u0004");
    truncateSync(file, 28 * MB); // its size is all that is looked at
    expect(await refused(file)).toBe(said(file, "the file is 28 MB"));
  });

  test("a small file whose sheets unzip to more than 50 MB", async () => {
    const z = new JSZip();
    z.file("xl/workbook.xml", "<workbook/>");
    z.file("xl/worksheets/sheet1.xml", "<row/>".repeat(10_000_000)); // 60,000,000 bytes: 57 MB
    const file = join(tmp(), "bomb.xlsx");
    writeFileSync(file, await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    expect(readFileSync(file).length).toBeLessThan(MB);
    expect(await refused(file)).toBe(said(file, "it holds 57 MB of cell data once unzipped")); // as its zip declares
  });

  test("the limits are what the message states, and a workbook under them reads", async () => {
    expect(LIMITS).toEqual({ fileBytes: 20 * MB, cellBytes: 50 * MB, partBytes: 10 * MB, entries: 10_000 });
    const file = join(tmp(), "ok.xlsx");
    await writeXlsx(book(), file);
    await expect(readWorkbookFile(file, { ...LIMITS, fileBytes: 1000 })).rejects.toThrow(
      /is too big to read: the file is \d\.\d MB \(this tool reads workbooks up to 0\.0 MB on disk/,
    );
    await expect(readWorkbookFile(file, { ...LIMITS, cellBytes: 100 })).rejects.toThrow(/it holds 0\.0 MB of cell data once unzipped/);
    expect((await readWorkbookFile(file)).sheets).toHaveLength(2);
  });
});

describe("the 1904 date system (Excel for Mac's old default)", () => {
  // Date paid as a plain number (no date format) too: a serial in the workbook's own system.
  const withPlainSerial = (serial: number) => SESSIONS.map((r, i) => (i === 1 ? [r[0], r[1], r[2], r[3], serial, r[5], r[6]] : r));
  const d1900 = book(withPlainSerial(45767)); // 20/04/2025
  const d1904 = book(withPlainSerial(45767 - 1462), { date1904: true });

  test("read from the workbook: dates come as the workbook's serials, and make the same forms", async () => {
    const dir = tmp();
    await writeXlsx(d1900, join(dir, "1900.xlsx"));
    await writeXlsx(d1904, join(dir, "1904.xlsx"));
    const a = await readWorkbookFile(join(dir, "1900.xlsx"));
    const b = await readWorkbookFile(join(dir, "1904.xlsx"));
    expect([a.date1904, b.date1904]).toEqual([false, true]);
    expect(a.sheets[0].used.rows[1].slice(0, 5)).toEqual([45748, "Riverside Medical Centre", "Y02345", 100, 45767]);
    expect(b.sheets[0].used.rows[1].slice(0, 5)).toEqual([45748 - 1462, "Riverside Medical Centre", "Y02345", 100, 45767 - 1462]);
    const [outA, outB] = [join(dir, "a"), join(dir, "b")];
    expect((await run([join(dir, "1900.xlsx"), "--out", outA])).code).toBe(0);
    expect((await run([join(dir, "1904.xlsx"), "--out", outB])).code).toBe(0);
    for (const f of [
      "2025-04/01234567LOCAPR2025-FormB.pdf",
      "2025-05/01234567LOCMAY2025-pack-FormB-and-FormsA.pdf",
      "2025-04/01234567LOCAPR2025-PCSE-online-entry-sheet.pdf",
    ]) {
      expect(Buffer.compare(readFileSync(join(outA, f)), readFileSync(join(outB, f)))).toBe(0);
    }
  });

  test("in the pane: the same forms as the 1900 workbook; without the flag, dates would be four years early", async () => {
    const p1900 = formsFromWorkbook((await readWorkbookInput(fakeRun(d1900).run)).workbook).prepared;
    const input = (await readWorkbookInput(fakeRun(d1904).run)).workbook;
    expect(input.date1904).toBe(true);
    const p1904 = formsFromWorkbook(input).prepared;
    expect(p1904.months.map((m) => m.monthKey)).toEqual(["2025-04", "2025-05"]);
    expect(p1904.messages.map(formatMessage)).toEqual(p1900.messages.map(formatMessage));
    expect(p1904.locum?.dateOfBirth).toBe(p1900.locum?.dateOfBirth);
    // Read as 1900 serials, every date would be 1,462 days (four years and a day) early.
    // (01/04/2025 read so is 31/03/2021: March work, paid in April, on March's Form B.)
    expect(formsFromWorkbook({ ...input, date1904: false }).prepared.months.map((m) => m.monthKey)).toEqual(["2021-03", "2021-04", "2021-05"]);
  });
});

describe("hidden rows (Hide, or a filter left on)", () => {
  test("read like the others, named in one warning in both hosts; hidden rows that are not sessions are not named", async () => {
    const rows = [...SESSIONS, ["Total", "", "", 520, "", "", ""]];
    const b = book(rows);
    b.sheets[0].hidden = [3, 4, 5];
    const file = join(tmp(), "hidden.xlsx");
    await writeXlsx(b, file);
    const warning =
      "Warning: Sessions: rows 3, 4 are hidden (by a filter or Hide) and read like every other row: unhide them to check, and delete any that is not a session";
    const cli = await madeForms(file);
    expect(cli.err).toContain(warning);
    const pane = formsFromWorkbook((await readWorkbookInput(fakeRun(b).run)).workbook).prepared;
    expect(pane.messages.map(formatMessage)).toContain(warning);
    expect(pane.months.find((m) => m.monthKey === "2025-04")?.formsA).toHaveLength(2);
  });
});

test("a broken LocumRules table on another sheet: one line naming it and the sheet's rows, in both hosts", async () => {
  const b = book();
  b.sheets.push({
    name: "Rates",
    tables: [
      {
        name: "LocumRules",
        at: "B3",
        rows: [
          ["Kind", "From", "To", "Up to", "Rate"],
          ["employer", utc(2025, 4, 1), utc(2026, 3, 31), "", "lots"],
        ],
      },
    ],
  });
  const file = join(tmp(), "broken.xlsx");
  await writeXlsx(b, file);
  const line = 'LocumRules row 4: rate must be a fraction such as 0.052 or text such as 5.2%, got "lots"';
  expect(await refused(file)).toBe(`locum forms: ${line}`);
  const input = (await readWorkbookInput(fakeRun(b).run)).workbook;
  expect(() => formsFromWorkbook(input)).toThrow(line);
});
