// locum forms <workbook.xlsx>: real .xlsx files (written with exceljs as Excel would keep them),
// the messages printed, the PDFs written (or not), the exit status.
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { formsCommand } from "../../../src/cli/commands/forms";
import { pdfInfo, pdfText, squeeze } from "../../support/pdf";
import { tempDir } from "../../support/tempDir";

const EXAMPLE = join(__dirname, "..", "..", "..", "examples", "locum-2025-26.xlsx");
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await formsCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  // The month's .locum-forms.json (what this tool wrote there) is not one of the forms.
  return readdirSync(dir)
    .filter((n) => !n.startsWith("."))
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? listFiles(join(dir, n)).map((x) => `${n}/${x}`) : [n]))
    .sort();
}

const tmp = () => tempDir("forms-cli-");

const DETAILS: [string, unknown][] = [
  ["Surname", "Nguyễn"],
  ["Other names", "Zoë"],
  ["Date of birth", utc(1979, 11, 30)],
  ["NI number", "QQ123456C"],
  ["SD number", 1234567], // Excel dropped the leading zero: read back as 01234567
  ["GMC number", 7654321],
  ["Address", "3 Rose Lane\nYork YO1 7HH"],
  ["Email", "zoe@example.org"],
  ["Country", "England"],
  ["EA code", "Q99"],
  // £100 a day annualises to £90 × 365 = £32,850, in the 8.3 % tier: the rows bear this rate out.
  ["Tier rate", "8.3%"],
];

/** The details with another Tier rate: the one the rows of a test annualise to, so none is contradicted. */
const tiered = (rate: string): [string, unknown][] => DETAILS.map(([k, v]) => [k, k === "Tier rate" ? rate : v]);
// Riverside's £100 and Castle Street's £120 on two days: £198 ÷ 2 × 365 = £36,135, the 9.8 % tier.
const RIVERSIDE_AND_CASTLE = tiered("9.8%");

/** A workbook: Sessions rows (header first) placed at `at`, and a Locum details sheet. */
async function workbook(
  rows: unknown[][],
  opts: {
    table?: boolean;
    totals?: boolean;
    sheet?: string;
    at?: [number, number];
    details?: [string, unknown][] | null;
    edit?: (ws: ExcelJS.Worksheet) => void;
  } = {},
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? "Sessions");
  const [r0, c0] = opts.at ?? [1, 1];
  if (opts.table && rows.length > 1) {
    // A Total Row as Excel's Table Design makes it: a label in the first column, SUBTOTAL under Fee.
    const columns = (rows[0] as string[]).map((name, i) =>
      opts.totals ? (i === 0 ? { name, totalsRowLabel: "Total" } : name === "Fee" ? { name, totalsRowFunction: "sum" as const } : { name }) : { name },
    );
    ws.addTable({
      name: "Sessions",
      ref: ws.getCell(r0, c0).address,
      headerRow: true,
      totalsRow: opts.totals ?? false,
      columns,
      rows: rows.slice(1) as unknown[][],
    });
  } else {
    rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(r0 + i, c0 + j).value = v as ExcelJS.CellValue)));
  }
  opts.edit?.(ws);
  if (opts.details !== null) {
    const d = wb.addWorksheet("Locum details");
    for (const r of opts.details ?? DETAILS) d.addRow(r);
  }
  const file = join(tmp(), "book.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

const HEADER = ["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Invoice", "Date submitted"];
const riverside = (d: number, fee: unknown = 100): unknown[] => [
  utc(2025, 4, d),
  "Riverside Medical Centre",
  "Y02345",
  fee,
  utc(2025, 4, 20),
  "R-1",
  utc(2025, 5, 2),
];
const castle = (d: number, fee: unknown = 120): unknown[] => [
  utc(2025, 4, d),
  "Castle Street Surgery",
  "B86021",
  fee,
  utc(2025, 4, 25),
  "C-1",
  utc(2025, 5, 2),
];

describe("the sample year in examples/", () => {
  let dir: string;
  let r: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    dir = tmp();
    r = await run([EXAMPLE, "--out", dir]);
  }, 60_000);

  test("writes every form with warnings only, and a summary per month", () => {
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/^Error/m);
    expect(r.out).toMatch(/^\d+ PDFs written to /m);
    expect(r.out).toMatch(
      /December 2025 +12345678LOCDEC2025 +4 Forms A +pensionable £1,822\.50 +employee £195\.01 +employer £262\.08 +to pay £457\.09 by 07\/01\/2026/,
    );
    expect(r.out).toMatch(/0 errors, \d warnings?/);
    // The sample year gives no Tier rate: the tier is annualised from the rows, and it says it can move.
    expect(r.err).toMatch(
      /^Warning: Locum details row 12, Tier rate \(B12\): not given, so the 2025\/26 tier comes from the year's rows annualised: it can change as rows are added/m,
    );
    const files = listFiles(dir);
    expect(files.length).toBeGreaterThan(60);
    for (const month of ["2025-05", "2025-12", "2026-03"]) {
      expect(files.filter((f) => f.startsWith(month) && /FormB\.pdf$/.test(f))).toHaveLength(1);
      expect(files.filter((f) => f.startsWith(month) && /pack/.test(f))).toHaveLength(1);
      expect(files.filter((f) => f.startsWith(month) && /entry-sheet/.test(f))).toHaveLength(1);
    }
  });

  test("the late payment: November's work at Castle Street is on December's Form B", () => {
    const b = squeeze(pdfText(readFileSync(join(dir, "2025-12", "12345678LOCDEC2025-FormB.pdf"))));
    expect(b).toMatch(/B86021 Castle Street Surgery 03\/11\/2025 24\/11\/2025 30\/12\/2025/);
  });

  test("appraisal work is declared to NHS England; Riverside's five-Tuesday month has a supplementary Form A", () => {
    const files = listFiles(dir);
    expect(files.some((f) => /FormA-\d+-Y63-NHS-England/.test(f))).toBe(true);
    const sep = files.find((f) => f.startsWith("2025-10/") && /Riverside/.test(f))!;
    expect(pdfInfo(readFileSync(join(dir, sep)))).toMatch(/Pages:\s+2/);
  });

  test("every PDF: no syntax errors, single forms under 60 KB", () => {
    for (const f of listFiles(dir)) {
      const bytes = readFileSync(join(dir, f));
      expect(pdfInfo(bytes)).not.toMatch(/Syntax Error|FAILED/);
      if (/Form[AB]/.test(f) && !/pack/.test(f)) expect(bytes.length).toBeLessThan(60_000);
    }
  });

  test("the same workbook gives byte-identical PDFs", async () => {
    const again = tmp();
    await run([EXAMPLE, "--out", again]);
    for (const f of listFiles(dir)) expect(readFileSync(join(again, f)).equals(readFileSync(join(dir, f)))).toBe(true);
  }, 60_000);
});

describe("workbooks as accountants keep them", () => {
  test("an Excel table away from A1, real dates, a formula's saved result, an SD number that lost its zero", async () => {
    const rows = [HEADER, riverside(1), castle(2, { formula: "100*1.2", result: 120 })];
    const file = await workbook(rows, { table: true, at: [3, 2], details: RIVERSIDE_AND_CASTLE });
    const dir = tmp();
    const r = await run([file, "--out", dir, "--today", "2025-05-01"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(listFiles(dir)).toEqual([
      "2025-04/01234567LOCAPR2025-FormA-01-Y02345-Riverside-Medical-Centre-R-1.pdf",
      "2025-04/01234567LOCAPR2025-FormA-02-B86021-Castle-Street-Surgery-C-1.pdf",
      "2025-04/01234567LOCAPR2025-FormB.pdf",
      "2025-04/01234567LOCAPR2025-PCSE-online-entry-sheet.pdf",
      "2025-04/01234567LOCAPR2025-pack-FormB-and-FormsA.pdf",
    ]);
    const b = squeeze(pdfText(readFileSync(join(dir, "2025-04/01234567LOCAPR2025-FormB.pdf"))));
    expect(b).toContain("£108.00 £15.53");
    expect(b).toContain("3 Rose Lane, York YO1 7HH");
    expect(b).toContain("Nguyễn");
  });

  test("a plain range under a title row, dates as serial numbers and dd/mm/yyyy text", async () => {
    const rows = [
      ["Dr Nguyễn: sessions 2025/26"],
      [],
      ["Date", "Surgery", "ODS code", "Fee (£)", "Paid on"],
      [45748, "Riverside Medical Centre", "Y02345", 100, "20/04/2025"],
    ];
    const dir = tmp();
    const r = await run([await workbook(rows), "--out", dir, "--today", "2025-05-01"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/April 2025 .* pensionable £90\.00 .* employer £12\.94/);
  });

  test("--sheet picks the sessions sheet by name", async () => {
    const file = await workbook([HEADER, riverside(1)], {
      edit: (ws) => {
        ws.name = "2025-26 work";
      },
    });
    expect((await run([file, "--out", tmp(), "--sheet", "2025-26 work", "--today", "2025-05-01"])).code).toBe(0);
    const r = await run([file, "--out", tmp(), "--sheet", "Nope"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no sheet "Nope"');
  });
});

describe("bad workbooks: a message naming the place, and no partial PDF", () => {
  test("an empty Sessions sheet", async () => {
    const dir = tmp();
    const r = await run([await workbook([]), "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Error: Sessions: the sheet is empty");
    expect(listFiles(dir)).toEqual([]);
  });

  test("merged header cells", async () => {
    const file = await workbook([HEADER, riverside(1)], { edit: (ws) => ws.mergeCells("B1:C1") });
    const dir = tmp();
    const r = await run([file, "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Error: Sessions row 1 \(B1:C1\): header cells B1:C1 are merged: unmerge them/);
    expect(listFiles(dir)).toEqual([]);
  });

  test("text in money cells: that Form A and the month's Form B are not written; the other Form A is", async () => {
    const dir = tmp();
    const r = await run([await workbook([HEADER, riverside(1, "£100.00"), castle(2)]), "--out", dir, "--today", "2025-05-01"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Error: Sessions row 2, Fee (D2): must be a number of pounds, not the text "£100.00": type the amount as a number');
    expect(r.err).toContain("Not written: Form A April 2025 Riverside Medical Centre (invoice R-1); Form B April 2025 and its pack.");
    expect(listFiles(dir)).toEqual(["2025-04/01234567LOCAPR2025-FormA-01-B86021-Castle-Street-Surgery-C-1.pdf"]);
    expect(r.out).toContain("Form B not written (errors above); 1 Form A written");
  });

  test("Excel error values: #REF! in a fee, #N/A from a lookup in a practice code", async () => {
    const rows = [
      HEADER,
      riverside(1, { error: "#REF!" }),
      castle(2),
      [
        utc(2025, 4, 3),
        "Castle Street Surgery",
        { formula: "VLOOKUP(B4,Codes!A:B,2,0)", result: { error: "#N/A" } },
        120,
        utc(2025, 4, 25),
        "C-1",
        utc(2025, 5, 2),
      ],
    ];
    const dir = tmp();
    const r = await run([await workbook(rows), "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Error: Sessions row 2, Fee (D2): holds the Excel error #REF!");
    expect(r.err).toContain("Error: Sessions row 4, Practice code (C4): holds the Excel error #N/A");
    expect(r.err).toContain("Not written: Form A April 2025 Castle Street Surgery (invoice C-1)");
    expect(listFiles(dir)).toEqual([]);
  });

  test("a formula that was never calculated (no saved result)", async () => {
    const r = await run([await workbook([HEADER, riverside(1, { formula: "B9*1.2" })]), "--out", tmp()]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Error: Sessions row 2, Fee (D2): holds a formula with no saved result (=B9*1.2): open the workbook in Excel and save it");
  });

  test("duplicate rows", async () => {
    const dir = tmp();
    const r = await run([await workbook([HEADER, riverside(1), riverside(1)]), "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Error: Sessions row 3 (A3:G3): repeats row 2 cell for cell");
    expect(listFiles(dir)).toEqual([]);
  });

  test("no Locum details sheet", async () => {
    const dir = tmp();
    const r = await run([await workbook([HEADER, riverside(1)], { details: null }), "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no "Locum details" sheet');
    expect(listFiles(dir)).toEqual([]);
  });

  test("--submitted: the 10-week rule against the date the forms are sent", async () => {
    const rows = [HEADER.slice(0, 6), riverside(1).slice(0, 6)];
    const r = await run([await workbook(rows), "--out", tmp(), "--submitted", "2025-06-11"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("to be submitted 11/06/2025 (--submitted), more than 10 weeks after the work (the limit was 10/06/2025");
  });
});

describe("workbooks the review found wanting", () => {
  test("a totals row under the sessions, in a plain range and as an Excel table's Total Row, is not a session", async () => {
    const plainRows = [HEADER, riverside(1), castle(2), ["Total", "", "", { formula: "SUM(D2:D3)", result: 220 }, "", "", ""]];
    const a = await run([await workbook(plainRows, { details: RIVERSIDE_AND_CASTLE }), "--out", tmp(), "--today", "2025-05-01"]);
    expect(a.err).toBe("");
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/April 2025 +01234567LOCAPR2025 +2 Forms A +pensionable £198\.00/);
    const b = await run([
      await workbook([HEADER, riverside(1), castle(2)], { table: true, totals: true, details: RIVERSIDE_AND_CASTLE }),
      "--out",
      tmp(),
      "--today",
      "2025-05-01",
    ]);
    expect(b.err).toBe("");
    expect(b.code).toBe(0);
    expect(b.out).toMatch(/pensionable £198\.00/);
  });

  test("a merged group heading above the header row is a title, not a header", async () => {
    const file = await workbook([["Dr Nguyễn, sessions 2025/26"], HEADER, riverside(1)], { edit: (ws) => ws.mergeCells("A1:G1") });
    const dir = tmp();
    const r = await run([file, "--out", dir, "--today", "2025-05-01"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(listFiles(dir)).toHaveLength(4);
  });

  test("when errors stop every form the summary lists no month as if written", async () => {
    const r = await run([await workbook([HEADER, riverside(1)], { edit: (ws) => ws.mergeCells("B1:C1") }), "--out", tmp()]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("0 PDFs written");
    expect(r.out).not.toMatch(/April 2025/);
  });

  describe("the 2022/23 table change on 1 October 2022", () => {
    const rows = [
      HEADER,
      [utc(2022, 9, 5), "Riverside Medical Centre", "Y02345", 1000, utc(2022, 9, 20), "R-9", utc(2022, 10, 3)],
      [utc(2022, 10, 3), "Riverside Medical Centre", "Y02345", 1000, utc(2022, 10, 20), "R-10", utc(2022, 11, 3)],
    ];
    const details = (extra: [string, unknown][]) => [...DETAILS.filter(([k]) => k !== "Tier rate"), ...extra];

    test("a plain Tier rate cannot serve both tables: the message says which dates and what row to add", async () => {
      const dir = tmp();
      const r = await run([await workbook(rows, { details: details([["Tier rate", "9.3%"]]) }), "--out", dir, "--today", "2022-11-01"]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(
        'Error: Locum details row 11, Tier rate (B11): 9.3% is not a rate of the 2022/23 (from 1 Oct 2022) table (5.1%, 5.7%, 6.1%, 6.8%, 7.7%, 8.8%, 9.8%, 10%, 11.6%, 12.5%, 13.5%), in force for pay received 01/10/2022 to 31/03/2023: give one of these; the table changed on 01/10/2022, so add a row "Tier rate from 01/10/2022"',
      );
      expect(listFiles(dir).filter((f) => f.startsWith("2022-09/"))).toHaveLength(4);
      expect(listFiles(dir).filter((f) => f.startsWith("2022-10/") && /FormB/.test(f))).toEqual([]);
    });

    test('"Tier rate from 01/10/2022" gives October on its own rate; September keeps Tier rate', async () => {
      const dir = tmp();
      // £900 a day annualises to £328,500: the top tier of each table, 14.5 % then 13.5 %.
      const r = await run([
        await workbook(rows, {
          details: details([
            ["Tier rate", "14.5%"],
            ["Tier rate from 01/10/2022", "13.5%"],
          ]),
        }),
        "--out",
        dir,
        "--today",
        "2022-11-01",
      ]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/September 2022 .* pensionable £900\.00 +employee £130\.50/);
      expect(r.out).toMatch(/October 2022 .* pensionable £900\.00 +employee £121\.50/);
    });

    test("a dated Tier rate whose date cannot be read is named", async () => {
      const r = await run([
        await workbook(rows, {
          details: details([
            ["Tier rate", "9.3%"],
            ["Tier rate from the autumn", "9.8%"],
          ]),
        }),
        "--out",
        tmp(),
        "--today",
        "2022-11-01",
      ]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(
        'Error: Locum details row 12, Tier rate from the autumn (A12): cannot tell from when this rate applies: write "Tier rate from 01/10/2022"',
      );
    });
  });

  test("an earlier run's PDFs: kept and named where an error stops the month, replaced where it is written again, never another locum's", async () => {
    const dir = tmp();
    expect(
      (await run([await workbook([HEADER, riverside(1), castle(2)], { details: RIVERSIDE_AND_CASTLE }), "--out", dir, "--today", "2025-05-01"])).code,
    ).toBe(0);
    const first = listFiles(dir);
    expect(first).toHaveLength(5);
    require("fs").writeFileSync(join(dir, "2025-04", "my notes.pdf"), "mine");
    // Another locum's April in the same folder.
    const other = DETAILS.map(([k, v]) => [k, k === "SD number" ? 87654321 : v] as [string, unknown]);
    expect((await run([await workbook([HEADER, castle(3)], { details: other }), "--out", dir, "--today", "2025-05-01"])).code).toBe(0);
    const theirs = listFiles(dir).filter((f) => f.includes("87654321"));
    expect(theirs).toHaveLength(4);

    // A bad fee stops April: nothing of April is deleted; the PDFs left are named.
    const r = await run([await workbook([HEADER, riverside(1, "£100"), castle(2)], { details: RIVERSIDE_AND_CASTLE }), "--out", dir, "--today", "2025-05-01"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "Warning: kept 5 PDFs (2025-04/01234567LOCAPR2025-FormA-01-Y02345-Riverside-Medical-Centre-R-1.pdf, 2025-04/01234567LOCAPR2025-FormA-02-B86021-Castle-Street-Surgery-C-1.pdf, 2025-04/01234567LOCAPR2025-FormB.pdf, 2025-04/01234567LOCAPR2025-PCSE-online-entry-sheet.pdf, 2025-04/01234567LOCAPR2025-pack-FormB-and-FormsA.pdf) from an earlier run for forms this run stopped",
    );
    for (const f of first) expect(listFiles(dir)).toContain(f);

    // Riverside's row gone for good: April is written again. Nothing is deleted: the old files under
    // names not used now, and the old copies of files that changed, go to 2025-04/earlier/.
    const again = await run([await workbook([HEADER, castle(2)], { details: RIVERSIDE_AND_CASTLE }), "--out", dir, "--today", "2025-05-01"]);
    expect(again.code).toBe(0);
    expect(again.err).toContain(
      "Warning: moved 2 PDFs (2025-04/01234567LOCAPR2025-FormA-01-Y02345-Riverside-Medical-Centre-R-1.pdf, 2025-04/01234567LOCAPR2025-FormA-02-B86021-Castle-Street-Surgery-C-1.pdf) an earlier run made under names not used now (a renumbered Form A) to the month's earlier/ folder",
    );
    // Castle's Form A was written in the run before, from row 3; now it is row 2: named as changed.
    expect(again.err).toContain(
      "Warning: 4 PDFs (2025-04/01234567LOCAPR2025-FormB.pdf, 2025-04/01234567LOCAPR2025-FormA-01-B86021-Castle-Street-Surgery-C-1.pdf, 2025-04/01234567LOCAPR2025-pack-FormB-and-FormsA.pdf, 2025-04/01234567LOCAPR2025-PCSE-online-entry-sheet.pdf) now say something different from what an earlier run made; the earlier copies are in each month's earlier/ folder",
    );
    expect(listFiles(dir).filter((f) => f.includes("01234567") && !f.includes("/earlier/"))).toEqual([
      "2025-04/01234567LOCAPR2025-FormA-01-B86021-Castle-Street-Surgery-C-1.pdf",
      "2025-04/01234567LOCAPR2025-FormB.pdf",
      "2025-04/01234567LOCAPR2025-PCSE-online-entry-sheet.pdf",
      "2025-04/01234567LOCAPR2025-pack-FormB-and-FormsA.pdf",
    ]);
    // Every file of the first run is still there, byte for byte, in April or in April's earlier/.
    const earlier = listFiles(dir).filter((f) => f.startsWith("2025-04/earlier/"));
    expect(earlier).toHaveLength(6); // 5 from the first run, and the Castle Form A of the stopped run
    expect(earlier).toEqual(expect.arrayContaining(first.map((f) => f.replace("2025-04/", "2025-04/earlier/"))));
    // An unchanged run rewrites nothing and says nothing (identical files are left as they are).
    const calm = await run([await workbook([HEADER, castle(2)], { details: RIVERSIDE_AND_CASTLE }), "--out", dir, "--today", "2025-05-01"]);
    expect([calm.code, calm.err]).toEqual([0, ""]);
    // A folder an older version made (no list of its files): PDFs not written now are named, not moved.
    const legacy = tmp();
    await run([await workbook([HEADER, riverside(1), castle(2)], { details: RIVERSIDE_AND_CASTLE }), "--out", legacy, "--today", "2025-05-01"]);
    require("fs").unlinkSync(join(legacy, "2025-04", ".locum-forms.json"));
    const old = await run([await workbook([HEADER, castle(2)], { details: RIVERSIDE_AND_CASTLE }), "--out", legacy, "--today", "2025-05-01"]);
    expect(old.err).toContain(
      "Warning: 2 PDFs (2025-04/01234567LOCAPR2025-FormA-01-Y02345-Riverside-Medical-Centre-R-1.pdf, 2025-04/01234567LOCAPR2025-FormA-02-B86021-Castle-Street-Surgery-C-1.pdf) in folders an older version made are not written now",
    );
    expect(listFiles(legacy)).toContain("2025-04/01234567LOCAPR2025-FormA-02-B86021-Castle-Street-Surgery-C-1.pdf");
    // A user's own copy beside ours ("as sent") is never moved: it is not in the month's list.
    require("fs").copyFileSync(join(dir, "2025-04/01234567LOCAPR2025-FormB.pdf"), join(dir, "2025-04/01234567LOCAPR2025-FormB (as sent).pdf"));
    expect((await run([await workbook([HEADER, castle(2)], { details: RIVERSIDE_AND_CASTLE }), "--out", dir, "--today", "2025-05-01"])).err).toBe("");
    expect(listFiles(dir)).toContain("2025-04/01234567LOCAPR2025-FormB (as sent).pdf");
    expect(listFiles(dir).filter((f) => f.includes("87654321"))).toEqual(theirs);
    expect(listFiles(dir)).toContain("2025-04/my notes.pdf");
  });

  test("a practice code with a slash or dots stays inside the month's folder", async () => {
    const dir = tmp();
    const row = riverside(1);
    row[2] = "../Y0/2345";
    const r = await run([await workbook([HEADER, row]), "--out", dir, "--today", "2025-05-01"]);
    expect(r.code).toBe(0);
    expect(listFiles(dir)).toContain("2025-04/01234567LOCAPR2025-FormA-01-Y0-2345-Riverside-Medical-Centre-R-1.pdf");
    expect(listFiles(dir).every((f) => /^2025-04\/[^/]+$/.test(f))).toBe(true);
  });

  test("the 10-week message names a field: Date worked with --submitted, the blank Date submitted beside a month's others", async () => {
    const r = await run([await workbook([HEADER.slice(0, 6), riverside(1).slice(0, 6)]), "--out", tmp(), "--submitted", "2025-06-11"]);
    expect(r.err).toContain("Error: Sessions row 2, Date worked (A2): to be submitted 11/06/2025 (--submitted)");
    const late = riverside(2);
    // One period, 01/04 to 02/04/2025: 10 weeks from its last day is 11/06/2025, so 12/06 is past.
    late[6] = utc(2025, 6, 12);
    const blankSent = riverside(1);
    blankSent[6] = "";
    const m = await run([await workbook([HEADER, blankSent, late]), "--out", tmp(), "--verbose"]);
    expect(m.err).toContain(
      "Error: Sessions row 2, Date submitted (G2): submitted 12/06/2025 with the April 2025 Form B (the Date submitted of its other rows), more than 10 weeks after the work",
    );
  });

  test("a name the form font cannot print is an error naming the field and the character, not an empty box", async () => {
    const dir = tmp();
    const r = await run([await workbook([HEADER, riverside(1)], { details: DETAILS.map(([k, v]) => [k, k === "Surname" ? "李" : v]) }), "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Error: Locum details row 1, Surname (B1): cannot print "李": the form font has no such letter');
    expect(listFiles(dir)).toEqual([]);
    const row = castle(2);
    row[1] = "城堡診所";
    const p = await run([await workbook([HEADER, riverside(1), row]), "--out", tmp(), "--today", "2025-05-01"]);
    expect(p.err).toContain('Error: Sessions row 3, Practice (B3): cannot print "城", "堡", "診", "所"');
    expect(p.err).toContain("Not written: Form A April 2025 B86021 (invoice C-1); Form B April 2025 and its pack.");
  });

  test("two appraisals back to back on separate invoices are two appraisals; four days on one invoice need authorisation", async () => {
    const head = [...HEADER, "Work type"];
    const ap = (d: number, inv: string) => [utc(2025, 4, d), "NHS England", "Y63", 500, utc(2025, 4, 25), inv, utc(2025, 5, 2), "appraisal"];
    // £450 pensionable a day annualises to £164,250: the top 12.5 % tier.
    const two = await run([
      await workbook([head, ap(7, "AP-1"), ap(8, "AP-1"), ap(9, "AP-2"), ap(10, "AP-2")], { details: tiered("12.5%") }),
      "--out",
      tmp(),
      "--today",
      "2025-05-01",
    ]);
    expect(two.err).toBe("");
    expect(two.code).toBe(0);
    const one = await run([await workbook([head, ap(7, "AP-1"), ap(8, "AP-1"), ap(9, "AP-1"), ap(10, "AP-1")]), "--out", tmp(), "--today", "2025-05-01"]);
    expect(one.code).toBe(1);
    expect(one.err).toContain(
      "the appraisal on invoice AP-1 (rows 2 to 5) counts 4 days (07/04/2025 to 10/04/2025); one appraisal fee pensions at most three days, consecutive or not",
    );
  });

  test("messages name the real sheet and field: Form A's source line, a late Form B without Date submitted, a projected table", async () => {
    const dir = tmp();
    const rows = [HEADER.slice(0, 6), [utc(2027, 4, 7), "Riverside Medical Centre", "Y02345", 100, utc(2027, 4, 20), "R-1"]];
    const r = await run([await workbook(rows, { sheet: "Timesheet" }), "--out", dir, "--today", "2027-06-01", "--cpi", "3.0%"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("Warning: Timesheet row 2, Date paid (E2): Form B April 2027 is past its due date 07/05/2027");
    expect(r.err).toContain(
      'Warning: Timesheet row 2, Date worked (A2): the 2027/28 forms use a projected tier table ("2027/28 (projected)"), projected from the September CPI you gave, not yet published',
    );
    const a = squeeze(pdfText(readFileSync(join(dir, "2027-04", "01234567LOCAPR2027-FormA-01-Y02345-Riverside-Medical-Centre-R-1.pdf"))));
    expect(a).toContain("Prepared from Timesheet row 2 of the locum's workbook.");
  });

  test("an error that stops several months names each Form B once, with a full stop before Not written", async () => {
    const bad = castle(2);
    bad[4] = "someday";
    const may = [utc(2025, 5, 6), "Riverside Medical Centre", "Y02345", 100, utc(2025, 5, 20), "R-2", utc(2025, 6, 2)];
    const r = await run([await workbook([HEADER, riverside(1), may, bad]), "--out", tmp(), "--today", "2025-06-01"]);
    expect(r.code).toBe(1);
    const line = r.err.split("\n").find((l) => l.includes("Sessions row 4, Date paid"))!;
    expect(line).toMatch(/\. Not written: .*Form B April 2025 and its pack; Form B May 2025 and its pack\.$/);
    expect(line).not.toMatch(/May 2025 \(box j/);
    expect(r.out).toMatch(/May 2025 +01234567LOCMAY2025 +Form B not written/);
  });

  test("a LocumRules sheet is named by its real rows; a broken --rules file by its name, on one line", async () => {
    const file = await workbook([HEADER, riverside(1)], {
      edit: (ws) => {
        const r = ws.workbook.addWorksheet("LocumRules");
        r.getCell("A1").value = "Our corrections";
        r.getRow(3).values = ["Kind", "From", "To", "Up to", "Rate"];
        r.getRow(4).values = ["tier", "2025-04-01", "2026-03-31", 13500, "lots"];
      },
    });
    const r = await run([file, "--out", tmp()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^locum forms: LocumRules row 4: rate must be a fraction/);
    const bad = join(tmp(), "bad.json");
    require("fs").writeFileSync(bad, '{ "tiers": [ }\n');
    const j = await run([await workbook([HEADER, riverside(1)]), "--out", tmp(), "--rules", bad]);
    expect(j.code).toBe(2);
    expect(j.err).toMatch(new RegExp(`^locum forms: --rules ${bad.replace(/[/.]/g, "\\$&")}: not valid JSON \\(`));
    expect(j.err.split("\n")).toHaveLength(1);
  });

  test("no Locum details sheet: one error, saying so", async () => {
    const r = await run([await workbook([HEADER, riverside(1)], { details: null }), "--out", tmp()]);
    expect(r.err.split("\n").filter((l) => l.startsWith("Error"))).toEqual([
      'Error: Locum details: no "Locum details" sheet in the workbook (its sheets: Sessions; a sheet named Locum details, Details or Locum is read): add one, or rename the sheet that holds them, and give the locum\'s Surname, Other names, Date of birth, NI number, SD number, GMC number and Address, one per row (name in column A, value in column B). Not written: every form (fix these first).',
    ]);
  });
});

describe("a month at a time, as a locum sends them", () => {
  // April and May at Riverside, no Date submitted column: the monthly workflow.
  const head = HEADER.slice(0, 6);
  const apr = [utc(2025, 4, 1), "Riverside Medical Centre", "Y02345", 100, utc(2025, 4, 20), "R-1"];
  const may = [utc(2025, 5, 6), "Riverside Medical Centre", "Y02345", 300, utc(2025, 5, 20), "R-2"];

  test("--month makes one month; --submitted is that month's sending date only; other months' PDFs are left alone", async () => {
    const dir = tmp();
    // £90 and £270 over two days annualise to £65,700: the 12.5 % tier.
    const file = await workbook([head, apr, may], { details: tiered("12.5%") });
    expect((await run([file, "--out", dir, "--today", "2025-05-05"])).code).toBe(0);
    const april = listFiles(dir).filter((f) => f.startsWith("2025-04/"));
    expect(april).toHaveLength(4);
    // In June the locum sends May's forms: April's rows would be late if sent now, but April went in April.
    const r = await run([file, "--out", dir, "--month", "2025-05", "--submitted", "2025-06-05", "--today", "2025-06-05"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^4 PDFs written/m);
    expect(r.out).not.toMatch(/April 2025/);
    expect(r.out).toMatch(/May 2025 +01234567LOCMAY2025 +1 Form A +pensionable £270\.00/);
    expect(listFiles(dir).filter((f) => f.startsWith("2025-04/"))).toEqual(april);
    // Without --month the same date is every month's: April is then too late, and the hint says why.
    const all = await run([file, "--out", tmp(), "--submitted", "2025-06-12"]);
    expect(all.code).toBe(1);
    expect(all.err).toContain("Error: Sessions row 2, Date worked (A2): to be submitted 12/06/2025 (--submitted), more than 10 weeks after the work");
    expect(all.err).toContain(
      "Hint: --submitted is taken as the date every month's forms were sent; to make only one month's forms (sent on that date), add --month YYYY-MM",
    );
    const bad = await run([file, "--month", "May"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('locum forms: --month must be a month such as 2025-11 or 11/2025 (several: 2025-11,2025-12), not "May"');
  });

  test("work that can never be pensioned stops its own month only: box j goes on as it will be once the row is gone", async () => {
    const ooh = [...HEADER.slice(0, 6), "Work type"];
    const rows = [
      ooh,
      [...apr, "practice"],
      [utc(2025, 4, 2), "Riverside Medical Centre", "Y02345", 500, utc(2025, 4, 20), "R-1", "out of hours"],
      [...may, "practice"],
    ];
    const dir = tmp();
    const r = await run([await workbook(rows), "--out", dir, "--today", "2025-05-05"]);
    expect(r.code).toBe(1);
    const line = r.err.split("\n").find((l) => l.includes("row 3, Work type"))!;
    expect(line).toBe(
      "Error: Sessions row 3, Work type (G3): out-of-hours work is pensioned on the SOLO form, not Form A: remove the row here and ask the out-of-hours provider for a SOLO form (its pay still counts towards the tier: add it to Other practitioner pay in Locum details); box j of the later 2025/26 Forms B is added up without this row. Not written: Form A April 2025 Riverside Medical Centre (invoice R-1); Form B April 2025 and its pack.",
    );
    // May is written, box j counting April's £90.00 without the out-of-hours row: £90.00 + £270.00.
    const b = squeeze(pdfText(readFileSync(join(dir, "2025-05", "01234567LOCMAY2025-FormB.pdf"))));
    expect(b).toMatch(/£360\.00/);
    expect(listFiles(dir).filter((f) => f.startsWith("2025-04/"))).toEqual([]);
  });

  test("no Date submitted: the 10-week limit judged against today, once a month", async () => {
    const r = await run([await workbook([head, apr, [utc(2025, 4, 3), ...apr.slice(1)]]), "--out", tmp(), "--today", "2025-06-20"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      "Warning: Sessions row 2, Date worked (A2): the 10-week limit for the work on the April 2025 Form B (rows 2, 3) was 10/06/2025, 10 weeks from the last day of the period worked, 01/04/2025: if those forms have not been sent yet, that work can no longer be pensioned; give Date submitted (or --submitted) to check the date you send them",
    );
    expect(r.err.match(/10-week limit/g)).toHaveLength(1);
  });

  test("a Date submitted before the pay arrived is a slip in the dates", async () => {
    const row = riverside(1);
    row[6] = utc(2025, 4, 10); // paid 20/04/2025
    const r = await run([await workbook([HEADER, row]), "--out", tmp(), "--today", "2025-05-01"]);
    expect(r.err).toContain("Warning: Sessions row 2, Date submitted (G2): Date submitted 10/04/2025 is before this pay was received (20/04/2025)");
  });

  test("a LocumSettings sheet is read as the add-in reads it; an option wins over it", async () => {
    const file = await workbook([HEADER, riverside(1)], {
      edit: (ws) =>
        ws.workbook.addWorksheet("LocumSettings").addRows([
          ["Setting", "Value"],
          ["UPR year digits", 2],
        ]),
    });
    const dir = tmp();
    expect((await run([file, "--out", dir, "--today", "2025-05-01"])).code).toBe(0);
    expect(listFiles(dir)).toContain("2025-04/01234567LOCAPR25-FormB.pdf");
    const four = tmp();
    expect((await run([file, "--out", four, "--today", "2025-05-01", "--upr-year-digits", "4"])).code).toBe(0);
    expect(listFiles(four)).toContain("2025-04/01234567LOCAPR2025-FormB.pdf");
  });

  test("the sessions sheet is the one with the session columns, and the command says which it read", async () => {
    const file = await workbook(
      [
        ["Practice", "Fee", "Date paid"],
        ["Riverside Medical Centre", 100, utc(2025, 4, 20)],
      ],
      {
        sheet: "Summary",
        edit: (ws) => ws.workbook.addWorksheet("Locum sessions 2025-26").addRows([HEADER, riverside(1)]),
      },
    );
    const r = await run([file, "--out", tmp(), "--today", "2025-05-01"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('Reading the sessions from sheet "Locum sessions 2025-26" (no sheet is named Sessions; --sheet NAME reads another)');
  });

  test("a month the workbook no longer has is named, not deleted", async () => {
    const dir = tmp();
    await run([await workbook([head, apr, may]), "--out", dir, "--today", "2025-06-01"]);
    const moved = [...may];
    moved[4] = utc(2025, 6, 2);
    const r = await run([await workbook([head, apr, moved]), "--out", dir, "--today", "2025-06-01"]);
    expect(r.err).toContain(
      `Warning: ${join(dir, "2025-05")} holds 01234567LOC… PDFs an earlier run made for May 2025, but the workbook has no pay received in May 2025 now: if those rows moved to another month, delete those PDFs`,
    );
    expect(listFiles(dir).filter((f) => f.startsWith("2025-05/"))).toHaveLength(4);
  });

  test("columns as accountants name them: a yes/no Received beside Date paid, a Type that is not the work type, a note under the data", async () => {
    const rows = [[...HEADER, "Received"], [...riverside(1), "yes"], [], ["Fees agreed by email with the practice manager"]];
    const r = await run([await workbook(rows), "--out", tmp(), "--today", "2025-05-01"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('Warning: Sessions row 1 (H1): column H ("Received") is not read: Date paid comes from column E ("Date paid")');
    expect(r.err).toContain('Warning: Sessions row 4 (A4): "Fees agreed by email with the practice manager" looks like a note, not a session: not read');
    // "Full day" under Type is a session length: practice work (issue 7); a word that is neither is named.
    const t = await run([
      await workbook([
        [...HEADER, "Type"],
        [...riverside(1), "Full day"],
      ]),
      "--out",
      tmp(),
      "--today",
      "2025-05-01",
    ]);
    expect([t.code, t.err]).toEqual([0, ""]);
    const u = await run([
      await workbook([
        [...HEADER, "Type"],
        [...riverside(1), "Locum cover"],
      ]),
      "--out",
      tmp(),
      "--today",
      "2025-05-01",
    ]);
    expect(u.err).toContain(
      'Error: Sessions row 2, Work type (H2): "Locum cover" is not a work type: use practice, appraisal, out of hours, ICB or private (or a session such as AM, PM, Full day); column H ("Type") is read as Work type: if it holds something else, rename its header',
    );
  });

  test("--month: another month's problem is counted, not listed, unless the month made rests on it; the status is about the month made", async () => {
    const ooh = [...HEADER.slice(0, 6), "Work type"];
    const rows = [
      ooh,
      [...apr, "practice"],
      [utc(2025, 4, 2), "Riverside Medical Centre", "Y02345", 500, utc(2025, 4, 20), "R-1", "out of hours"],
      [...may, "practice"],
    ];
    const file = await workbook(rows, { details: tiered("12.5%") });
    // May's box j is added up without April's out-of-hours row: May's run shows that error as context,
    // and exits 0, as every form of May is written.
    const r = await run([file, "--out", tmp(), "--month", "2025-05", "--submitted", "2025-06-02", "--today", "2025-06-02"]);
    expect(r.err).toMatch(
      /^Also shown, as the months made rest on them .*\n {2}Error: Sessions row 3, Work type \(G3\): .*; box j of the later 2025\/26 Forms B is added up without this row\./m,
    );
    expect(r.err).not.toMatch(/^Error/m);
    expect(r.out).toMatch(/^ +May 2025 .* pensionable £270\.00/m);
    expect(r.out).toMatch(/^0 errors, 0 warnings; 1 error of earlier months shown as context$/m);
    expect(r.code).toBe(0);
    // A problem in a later month is no part of May's forms: counted, not listed.
    const late = [
      ...rows.slice(0, 2),
      [...may, "practice"],
      [utc(2025, 6, 2), "Riverside Medical Centre", "Y02345", 500, utc(2025, 6, 20), "R-3", "out of hours"],
    ];
    const m = await run([
      await workbook(late, { details: tiered("12.5%") }),
      "--out",
      tmp(),
      "--month",
      "2025-05",
      "--submitted",
      "2025-06-02",
      "--today",
      "2025-06-02",
    ]);
    expect(m.err).not.toMatch(/^Error/m);
    expect(m.err).toMatch(/^\(1 message about other months not shown, 1 of them error: run without --month to see them\)$/m);
    expect(m.out).toMatch(/0 errors, 0 warnings$/);
    expect(m.code).toBe(0);
    const april = await run([file, "--out", tmp(), "--month", "2025-04", "--today", "2025-05-02"]);
    expect(april.code).toBe(1);
    expect(april.err).toMatch(/^Error: Sessions row 3, Work type/m);
  });

  test("the 10-week rule counts from the last day of the period (the default), not of the row; --ten-week-anchor first stops it", async () => {
    const day = (d: number) => [utc(2025, 4, d), "Riverside Medical Centre", "Y02345", 100, utc(2025, 6, 12), "R-1"];
    const file = await workbook([head, day(1), day(2), day(3)]);
    const last = await run([file, "--out", tmp(), "--today", "2025-06-13", "--submitted", "2025-06-12"]);
    expect(last.err).not.toMatch(/^Error/m);
    expect(last.err).toContain("rows 2, 3 reached PCSE within 10 weeks of the last day of the period worked, but not of the first day");
    expect(last.code).toBe(0);
    // --verbose: each row's message, with its dates (by default the rows share one line).
    const first = await run([file, "--out", tmp(), "--today", "2025-06-13", "--submitted", "2025-06-12", "--ten-week-anchor", "first", "--verbose"]);
    expect(first.code).toBe(1);
    expect(first.err).toContain(
      "paid 12/06/2025, more than 10 weeks after the work (the limit was 10/06/2025, 10 weeks from the first day worked, 01/04/2025)",
    );
  });

  test("subtotal and note lines under the data are not sessions; an odd practice code and a date column under a loose name are named", async () => {
    const rows = [head, apr, ["Subtotal April", "", "", { formula: "SUM(D2)", result: 100 }, "", ""], ["Note:", "fees agreed by email", "", "", "", ""], may];
    const r = await run([await workbook(rows), "--out", tmp(), "--today", "2025-06-01"]);
    expect(r.err).not.toMatch(/^Error/m);
    expect(r.err).toContain('Warning: Sessions row 4 (A4): "Note: fees agreed by email" looks like a note, not a session: not read');
    const am = await run([
      await workbook([
        ["Date worked", "Practice", "Code", "Practice code", "Fee", "Date paid", "To"],
        [utc(2025, 4, 1), "Riverside Medical Centre", "AM", "Y02345", 100, utc(2025, 4, 20), "Mrs Smith"],
      ]),
      "--out",
      tmp(),
      "--today",
      "2025-05-01",
    ]);
    expect(am.err).toContain('Warning: Sessions row 1 (C1): column C ("Code") is not read: Practice code comes from column D ("Practice code")');
    expect(am.err).toContain('Error: Sessions row 2, Last day (G2): is not a date: the text "Mrs Smith"');
    expect(am.err).toContain('column G ("To") is read as Last day: if it holds something else, rename its header');
    const odd = await run([
      await workbook([
        ["Date worked", "Practice", "Code", "Fee", "Date paid"],
        [utc(2025, 4, 1), "Riverside Medical Centre", "AM", 100, utc(2025, 4, 20)],
      ]),
      "--out",
      tmp(),
      "--today",
      "2025-05-01",
    ]);
    expect(odd.err).toContain(
      'Warning: Sessions row 2, Practice code (C2): "AM" does not look like an ODS or EA code (letters and digits, like Y02345, Q99 or 7A2): the forms print it as given, and each code makes its own Forms A; column C ("Code") is read as Practice code',
    );
  });

  test("details messages name their row and cell; the estimate warning once for 2022/23's two tables", async () => {
    const rows = [
      HEADER,
      [utc(2022, 9, 5), "Riverside Medical Centre", "Y02345", 1000, utc(2022, 9, 20), "R-9", utc(2022, 10, 3)],
      [utc(2022, 10, 3), "Riverside Medical Centre", "Y02345", 1000, utc(2022, 10, 20), "R-10", utc(2022, 11, 3)],
    ];
    const details = [...DETAILS.filter(([k]) => k !== "Tier rate"), ["Estimated pensionable pay", 20000]] as [string, unknown][];
    const r = await run([await workbook(rows, { details }), "--out", tmp(), "--today", "2022-11-01"]);
    const est = r.err.split("\n").filter((l) => l.includes("Estimated pensionable pay"));
    expect(est).toHaveLength(1);
    expect(est[0]).toMatch(/^Warning: Locum details row 11, Estimated pensionable pay \(B11\): £20,000\.00 gives/);
  });
});

describe("the March rule on a folder an earlier run made", () => {
  test("March's Form B that gains work paid in April is a changed form: the old one kept, and a message to send it again", async () => {
    const march = (d: number, paid: number[]) => [
      utc(2025, 3, d),
      "Riverside Medical Centre",
      "Y02345",
      100,
      utc(...(paid as [number, number, number])),
      "R-3",
      utc(2025, 4, 3),
    ];
    const dir = tmp();
    // £90 a day annualises to £32,850: 9.8 % in 2024/25 (32,692 to 49,078).
    const det = { details: tiered("9.8%") };
    const first = await run([await workbook([HEADER, march(10, [2025, 3, 28])], det), "--out", dir, "--today", "2025-04-04"]);
    expect([first.code, first.err]).toEqual([0, ""]);
    // The practice's second March invoice is paid on 08/04/2025: it joins March's Form B of 2024/25.
    const again = await run([
      await workbook([HEADER, march(10, [2025, 3, 28]), [...march(24, [2025, 4, 8]).slice(0, 5), "R-4", utc(2025, 4, 3)]], det),
      "--out",
      dir,
      "--today",
      "2025-04-09",
    ]);
    expect(again.code).toBe(0);
    expect(again.err).toContain(
      "Warning: the March 2025 Form B now holds work done by the month's end but paid after it (the March rule): if the earlier one was sent, send this one again with its Forms A, so the 2024/25 tier counts that work",
    );
    expect(listFiles(dir)).toContain("2025-03/earlier/01234567LOCMAR2025-FormB.pdf");
    expect(listFiles(dir).some((f) => f.startsWith("2025-04/"))).toBe(false);
    expect(again.out).toMatch(/March 2025 +01234567LOCMAR2025 +2 Forms A +pensionable £180\.00/);
  });
});

describe("where the output goes", () => {
  test("--out naming a file is refused in one line, nothing written", async () => {
    const file = join(tmp(), "not-a-folder");
    require("fs").writeFileSync(file, "mine");
    expect(await run([await workbook([HEADER, riverside(1)]), "--out", file])).toEqual({
      code: 2,
      out: "",
      err: `locum forms: --out ${file} is a file, not a folder: give a folder (it is made if it does not exist)`,
    });
    expect(readFileSync(file, "utf8")).toBe("mine");
  });
});

describe("usage", () => {
  test("bad usage exits 2 with one line saying what is wrong and where the usage is; --help exits 0 with all of it", async () => {
    const cases: [string[], string][] = [
      [[], "locum forms: give the workbook (.xlsx): locum forms <workbook.xlsx> [--out DIR] ... (try locum forms --help)"],
      [["a.xlsx", "b.xlsx"], "locum forms: one workbook only, got a.xlsx, b.xlsx (try locum forms --help)"],
      [
        ["a.xlsx", "--nope"],
        "locum forms: unknown option --nope for forms (its options: --out, --sheet, --rules, --cpi, --submitted, --today, --month, --year-base, --rounding, --ten-week-anchor, --upr-year-digits, --tax-relief, --year-end-rounding, --json, --verbose, --help; try locum forms --help)",
      ],
      [["a.xlsx", "--out"], "locum forms: --out needs a value"],
      [["a.xlsx", "--month", "2025-04", "--month", "2025-05"], "locum forms: --month is given twice: give it once"],
    ];
    for (const [args, line] of cases) expect(await run(args)).toEqual({ code: 2, out: "", err: line });
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out.split("\n").length).toBeGreaterThan(20);
    expect(help.out).toMatch(/^usage: locum forms <workbook\.xlsx>/);
    const missing = await run([join(tmp(), "missing.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("cannot read");
    expect(await run([EXAMPLE, "--out", ""])).toEqual({ code: 2, out: "", err: "locum forms: --out needs a folder name" });
    const date = await run([EXAMPLE, "--submitted", "someday"]);
    expect(date.code).toBe(2);
    expect(date.err).toContain("--submitted is not a date");
  });
});
