// The task pane's Excel adapter on the simulated host (test/support/fakeHost.ts, strict like Office.js):
// how many context.sync() calls a read, a write back, the template and the details take whatever the
// rows and sheets (at most 4), the 5 MB limit, a far stray cell, the year template written with
// Office.js against the same definition written with exceljs, write back and the details sheet.
import { readFileSync } from "fs";
import { dirname, join } from "path";
import ExcelJS from "exceljs";
import { readWorkbookFile } from "../../src/cli/files/xlsx";
import { templateBytes } from "../../src/cli/commands/template";
import { formatMessage } from "../../src/workbook";
import { formsFromWorkbook } from "../../src/forms";
import { fillTemplate, planTemplate, sessionColumns, toFileFormula, yearTemplate } from "../../src/template";
import { DEFAULT_RULES, dayFromYmd } from "../../src/rules";
import { installCustomFunctionsGlobal } from "../../bench/shim";
import { readWorkbookInput, TooBigError } from "../../src/taskpane/excel";
import { detailsForm, writeDetails } from "../../src/taskpane/detailsSheet";
import { checkForms, makeForms } from "../../src/taskpane/formsPane";
import { chunks, readRects } from "../../src/taskpane/readPlan";
import { insertTemplate } from "../../src/taskpane/templateWriter";
import { WRITE_BACK_COLUMNS, writeBack, writeBackRows } from "../../src/taskpane/writeBack";
import { type FakeHost, type HostState, installFakeHost } from "../support/fakeHost";
import { type Book, fakeRun, hostState, writeXlsx } from "../support/fakeWorkbook";
import { serial, utc, zoeDetails } from "../support/forms";
import { YEAR_DETAILS, YEAR_ROWS } from "../support/year";
import { tempDir } from "../support/tempDir";

installCustomFunctionsGlobal();
const FONTS = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
(globalThis as Record<string, unknown>).fetch = async (url: string) => {
  const bytes = readFileSync(join(FONTS, String(url).split("/").pop()!));
  return { ok: true, status: 200, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
};
const tmp = () => tempDir("pane-adapter-");

const HEADER = ["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Invoice", "Date submitted"];
const DETAILS = zoeDetails(utc, "9.8%");
/** `n` sessions over a year at one practice, one a day from 1 April 2025, each paid at the month's end. */
function sessions(n: number): unknown[][] {
  const rows: unknown[][] = [HEADER];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2025, 3, 1 + (i % 360)));
    const paid = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
    rows.push([d, "Riverside Medical Centre", "Y02345", 100 + (i % 7), paid, `R-${i}`, new Date(paid.getTime() + 3 * 86_400_000)]);
  }
  return rows;
}
function book(sheets: number, rows: number, table = false): Book {
  return {
    sheets: [
      table
        ? { name: "Sessions", tables: [{ name: "SessionsTable", at: "A1", rows: sessions(rows) }] }
        : { name: "Sessions", blocks: [{ at: "A1", rows: sessions(rows) }] },
      { name: "Locum details", blocks: [{ at: "A1", rows: DETAILS }] },
      ...Array.from({ length: sheets - 2 }, (_, i) => ({ name: `Notes ${i + 1}`, blocks: [{ at: "B2", rows: [["a note", i]] }] })),
    ],
  };
}

describe("what the pane asks Excel for", () => {
  test("readRects keeps a far stray cell apart and joins cells that are near", () => {
    expect(
      readRects([
        { r0: 0, c0: 0, r1: 40, c1: 6 },
        { r0: 1048575, c0: 16383, r1: 1048575, c1: 16383 },
      ]),
    ).toEqual([
      { r0: 0, c0: 0, r1: 40, c1: 6 },
      { r0: 1048575, c0: 16383, r1: 1048575, c1: 16383 },
    ]);
    // A notes column beside, a title above, two blocks 10 rows apart: one rectangle.
    expect(
      readRects([
        { r0: 2, c0: 0, r1: 40, c1: 6 },
        { r0: 0, c0: 0, r1: 0, c1: 0 },
        { r0: 50, c0: 0, r1: 60, c1: 6 },
        { r0: 2, c0: 8, r1: 9, c1: 8 },
      ]),
    ).toEqual([{ r0: 0, c0: 0, r1: 60, c1: 8 }]);
    // A stray far to the right of the data, on one of its rows: its own rectangle, not 16,384 columns.
    expect(
      readRects([
        { r0: 0, c0: 0, r1: 40, c1: 6 },
        { r0: 5, c0: 16383, r1: 5, c1: 16383 },
      ]),
    ).toHaveLength(2);
  });

  test("chunks: one request up to 160,000 cells, two up to 320,000, refused beyond", () => {
    const piece = (rows: number) => ({ of: 0, rect: { r0: 0, c0: 0, r1: rows - 1, c1: 9 } });
    expect(chunks([piece(16_000)])).toHaveLength(1); // 160,000 cells: the limit, inside it
    expect(chunks([piece(16_001)])).toHaveLength(2); // one row over: cut into two requests
    const two = chunks([piece(32_000)])!;
    expect(two.map((c) => c.reduce((n, p) => n + (p.rect.r1 - p.rect.r0 + 1) * 10, 0))).toEqual([160_000, 160_000]);
    expect(two.flat().map((p) => [p.rect.r0, p.rect.r1])).toEqual([
      [0, 15_999],
      [16_000, 31_999],
    ]);
    expect(chunks([piece(32_001)])).toBeNull();
  });

  // The sync counter: 1 and 20 sheets, 10 and 5,000 rows; the same three syncs each time.
  for (const sheets of [2, 20]) {
    for (const rows of [10, 5000]) {
      test(`reading ${sheets === 2 ? "1 sessions sheet (and details)" : "20 sheets"} with ${rows} rows: 3 syncs, every request under 5 MB`, async () => {
        const { run, contexts } = fakeRun(book(sheets, rows));
        const { workbook } = await readWorkbookInput(run);
        expect(workbook.sheets).toHaveLength(sheets);
        expect(workbook.sheets[0].used.rows).toHaveLength(rows + 1);
        expect(contexts).toHaveLength(1);
        expect(contexts[0].syncs).toBe(3);
        expect(contexts[0].maxResponse).toBeLessThan(5 * 1024 * 1024);
      });
    }
  }

  test("Check and Make forms read once (3 syncs) whatever the rows", async () => {
    for (const rows of [10, 5000]) {
      const { run, contexts } = fakeRun(book(2, rows));
      const checked = await checkForms("", run);
      if ("problem" in checked) throw new Error(checked.problem);
      expect(checked.rows).toBe(rows);
      expect(contexts.map((c) => c.syncs)).toEqual([3]);
    }
  }, 60_000);

  test("30,000 rows: the values in two requests (4 syncs), each under 5 MB; 60,000 rows: too big, said in plain words", async () => {
    const big = fakeRun(book(2, 30_000));
    const { workbook } = await readWorkbookInput(big.run);
    expect(workbook.sheets[0].used.rows).toHaveLength(30_001);
    expect(big.contexts[0].syncs).toBe(4);
    expect(big.contexts[0].maxResponse).toBeLessThan(5 * 1024 * 1024);
    const huge = fakeRun(book(2, 60_000));
    await expect(readWorkbookInput(huge.run)).rejects.toThrow(TooBigError);
    await expect(readWorkbookInput(huge.run)).rejects.toThrow(/about 420,0\d\d cells .* one workbook per scheme year/);
  }, 120_000);

  test("a stray cell at XFD1048576: the pane reads it alone (no whole used range), and gives the forms the .xlsx reader gives", async () => {
    const b = book(2, 10);
    b.sheets[0].blocks!.push({ at: "XFD1048576", rows: [["stray"]] });
    const { run, contexts, host } = fakeRun(b);
    const { workbook } = await readWorkbookInput(run);
    expect(contexts[0].syncs).toBe(3);
    expect(contexts[0].maxResponse).toBeLessThan(20_000); // eleven rows of seven cells and one more
    expect(host.calls.filter((c) => c.startsWith("getUsedRange"))).toEqual([]);
    const used = workbook.sheets[0].used;
    expect(used.rows).toHaveLength(1048576);
    expect(Object.keys(used.rows)).toHaveLength(12); // sparse: the header, ten rows, the stray
    expect(used.rows[1048575][16383]).toBe("stray");
    const file = join(tmp(), "stray.xlsx");
    await writeXlsx(b, file);
    const cli = formsFromWorkbook(await readWorkbookFile(file)).prepared;
    const pane = formsFromWorkbook(workbook).prepared;
    expect(pane.messages.map(formatMessage)).toEqual(cli.messages.map(formatMessage));
    expect(pane.months.map((m) => m.formB?.i.toFixed(2))).toEqual(cli.months.map((m) => m.formB?.i.toFixed(2)));
  }, 60_000);

  test("the selection: its sheet and Excel rows when more than one cell is selected, else none", async () => {
    for (const [address, want] of [
      ["A4:G6", { sheet: "Sessions", rows: [4, 6] }],
      ["C7", null],
      ["B2:B2", null],
      ["A:G", { sheet: "Sessions", rows: [1, 1048576] }],
    ] as const) {
      const { run, contexts } = fakeRun(book(2, 10), { selection: { sheet: "Sessions", address } });
      expect((await readWorkbookInput(run)).selection).toEqual(want);
      expect(contexts[0].syncs).toBe(3);
    }
  });

  test("without ExcelApi 1.9 (no special cells) the used range is read whole, as before", async () => {
    const host = installFakeHost({}, hostState(book(2, 10)), false);
    (globalThis as Record<string, unknown>).Office = { context: { requirements: { isSetSupported: (_: string, v: string) => Number(v.split(".")[1]) < 9 } } };
    try {
      const { workbook } = await readWorkbookInput(host.run as never);
      expect(workbook.sheets[0].used.rows).toHaveLength(11);
      expect(host.runs[0].syncs).toBe(3);
      expect(host.calls.filter((c) => c.startsWith("getSpecialCells"))).toEqual([]);
    } finally {
      delete (globalThis as Record<string, unknown>).Office;
    }
  });
});

// ---- the year template with Office.js ----

const MADE = dayFromYmd(2025, 4, 1);
const emptyHost = (extra: Partial<HostState> = {}): FakeHost =>
  installFakeHost({}, { sheets: [{ name: "Sheet1", id: "s1", cells: {} }], tables: [], ...extra }, false);
const sheetOf = (h: FakeHost, n: string) => h.state.sheets.find((s) => s.name === n)!;
const cell = (h: FakeHost, sheet: string, ref: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  const col = [...m[1]].reduce((t, c) => t * 26 + c.charCodeAt(0) - 64, 0) - 1;
  return sheetOf(h, sheet).cells[`${Number(m[2]) - 1},${col}`];
};

describe("Insert year template (Office.js), from the definition `locum template` writes", () => {
  test("adds the five sheets in two syncs, never overwriting, with the table, validation, red rows, formulas, formats and a chart", async () => {
    const h = emptyHost();
    const r = await insertTemplate(DEFAULT_RULES, { made: MADE }, h.run as never);
    expect(r.inserted).toBe(true);
    expect(h.runs[0].syncs).toBe(2);
    expect(h.state.sheets.map((s) => s.name)).toEqual(["Sheet1", "Sessions", "Locum details", "Tables in force", "Monthly", "Year end"]);
    expect(r.message).toMatch(/^Added the sheets Sessions, Locum details, Tables in force, Monthly, Year end\./);
    expect(r.notes).toEqual([]);
    const t = h.state.tables.find((x) => x.name === "Sessions")!;
    const cols = sessionColumns();
    expect([t.sheet, t.r0, t.c0, t.r1, t.c1]).toEqual(["Sessions", 0, 0, 10, cols.length - 1]);
    expect(cols.map((c, i) => cell(h, "Sessions", `${String.fromCharCode(65 + i)}1`)?.v)).toEqual(cols.map((c) => c.name));
    // The calculated columns in every row; money and dates formatted.
    expect(cell(h, "Sessions", "M2").f).toBe(`=${cols[12].formula}`);
    expect(cell(h, "Sessions", "N11").f).toBe(`=${cols[13].formula}`);
    expect(cell(h, "Sessions", "E2").fmt).toBe("£#,##0.00");
    expect(cell(h, "Sessions", "A2").fmt).toBe("dd/mm/yyyy");
    const s = sheetOf(h, "Sessions");
    expect(s.validations!.map((v) => v.address)).toEqual(["A2:A5001", "B2:B5001", "F2:F5001", "K2:K5001", "E2:E5001", "H2:H5001", "I2:I5001", "J2:J5001"]);
    expect(s.validations![0].rule).toEqual({ date: { formula1: "=DATE(2015,4,1)", formula2: "=DATE(2099,12,31)", operator: "Between" } });
    expect(s.validations![5].rule).toEqual({ list: { inCellDropDown: true, source: "practice,appraisal,out of hours,ICB,private" } });
    expect(s.conditionalFormats).toEqual([
      expect.objectContaining({
        address: "A2:N5001",
        type: "Custom",
        fill: "#FFC7CE",
        font: "#9C0006",
        formula: expect.stringMatching(/^=AND\(ISNUMBER\(\$A2\),/),
      }),
    ]);
    expect(s.freezeRows).toBe(1);
    const monthly = sheetOf(h, "Monthly");
    expect(cell(h, "Monthly", "A5").f).toBe("=LOCUM.MONTHLY(Sessions[[#All],[Date worked]:[Notes]],'Locum details'!$A$1:$B$40)");
    expect(monthly.charts).toEqual([
      {
        name: "Chart 1",
        type: "ColumnClustered",
        source: "C5:C18",
        title: "Pensionable pay and contributions by month",
        position: ["M5", "U21"],
        series: [
          { name: "Pensionable pay (a)", values: "C6:C18", xValues: "A6:A18" },
          { name: "Employee (g)", values: "E6:E18", xValues: "A6:A18" },
          { name: "Employer (h)", values: "F6:F18", xValues: "A6:A18" },
        ],
      },
    ]);
    // The Year end formula is the definition's, as written (the exceljs writer's too).
    const defined = yearTemplate(planTemplate({ sheets: ["Sheet1"] }), { rules: DEFAULT_RULES }).sheets.find((x) => x.role === "yearEnd")!.spills[0].formula;
    expect(defined).toMatch(/^LOCUM\.YEAREND\(/);
    expect(cell(h, "Year end", "A4").f).toBe(`=${defined}`);
    // Where the pane asks Excel for it: the active sheet and the first empty row.
    expect([h.state.active, h.selected]).toEqual(["Sessions", "Sessions!A2"]);
  });

  test("lays out the same cells, formulas, formats, validation and conditional formats as the exceljs writer", async () => {
    const h = emptyHost();
    await insertTemplate(DEFAULT_RULES, { made: MADE }, h.run as never);
    const plan = planTemplate({ sheets: ["Sheet1"] });
    // Without calculated-column markup: exceljs cannot read it back (exceljs issue #1240); the cells are the same.
    const bytes = await templateBytes(yearTemplate(plan, { rules: DEFAULT_RULES, rows: 10, made: MADE }), { calculatedColumns: false });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    let compared = 0;
    for (const ws of wb.worksheets) {
      const mine = sheetOf(h, ws.name);
      const fromFile = new Map<string, { v: unknown; f?: string; fmt?: string }>();
      ws.eachRow((row) =>
        row.eachCell((c) => {
          const v = c.value as { formula?: string; sharedFormula?: string } | string | number | null;
          const f = v && typeof v === "object" && "formula" in v ? v.formula : undefined;
          // exceljs reads a date-formatted number back as a Date: as Excel's serial again.
          const plain = v instanceof Date ? Math.round(v.getTime() / 86_400_000) + 25569 : v;
          fromFile.set(`${Number(c.row) - 1},${Number(c.col) - 1}`, { v: f ? "" : plain, f, fmt: c.numFmt });
        }),
      );
      for (const [k, x] of fromFile) {
        const got = mine.cells[k];
        if (x.f) expect([k, got?.f && toFileFormula(got.f.slice(1), "Sessions")]).toEqual([k, x.f]);
        else if (x.v !== null && x.v !== "") expect([k, got?.v]).toEqual([k, x.v]);
        // (The exceljs writer formats whole columns, the table's header too; the pane keeps headers text.)
        const header = ws.name === "Sessions" && k.startsWith("0,");
        if (!header && x.fmt && x.fmt !== "General" && (x.f || (x.v !== null && x.v !== ""))) expect([k, got?.fmt]).toEqual([k, x.fmt]);
        compared++;
      }
      // Nothing written by one writer and not the other (cells with a value or formula).
      const mineFilled = Object.entries(mine.cells)
        .filter(([, c]) => c.f || (c.v !== "" && c.v !== null))
        .map(([k]) => k);
      expect(mineFilled.filter((k) => !fromFile.has(k))).toEqual([]);
      // exceljs reads validation back cell by cell: compare cell by cell, and the kind of rule.
      const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string }> } }).dataValidations.model;
      const expand = (a: string) => {
        const [p, q = p] = a.split(":");
        const [, col, r0] = /^([A-Z]+)(\d+)$/.exec(p)!;
        const r1 = Number(/(\d+)$/.exec(q)![1]);
        return Array.from({ length: r1 - Number(r0) + 1 }, (_, i) => `${col}${Number(r0) + i}`);
      };
      const kind = (rule: unknown) => Object.keys(rule as object)[0];
      const mineCells = (mine.validations ?? []).flatMap((v) => expand(v.address).map((c) => `${c} ${kind(v.rule)}`));
      expect(mineCells.sort()).toEqual(
        Object.entries(dv)
          .map(([c, v]) => `${c} ${v.type}`)
          .sort(),
      );
      const cf = ((ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings ?? []).map((c) => [
        c.ref,
        `=${c.rules[0].formulae[0]}`,
      ]);
      expect((mine.conditionalFormats ?? []).map((c) => [c.address, c.formula])).toEqual(cf);
      expect(mine.freezeRows ?? 0).toBe((ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 0);
    }
    expect(compared).toBeGreaterThan(150);
  });

  test("a workbook that has a Sessions sheet and table: new names, nothing overwritten, and the pane says which", async () => {
    const h = installFakeHost(
      {},
      hostState({
        sheets: [
          { name: "Sessions", tables: [{ name: "Sessions", at: "A1", rows: sessions(3) }] },
          { name: "Monthly", blocks: [{ at: "A1", rows: [["mine"]] }] },
        ],
      }),
      false,
    );
    const before = JSON.stringify(h.state.sheets.slice(0, 2));
    const r = await insertTemplate(DEFAULT_RULES, { made: MADE, sessionsSheet: "Sessions" }, h.run as never);
    expect(h.state.sheets.map((s) => s.name)).toEqual(["Sessions", "Monthly", "Sessions (2)", "Locum details", "Tables in force", "Monthly (2)", "Year end"]);
    expect(JSON.stringify(h.state.sheets.slice(0, 2))).toBe(before);
    expect(h.state.tables.map((t) => t.name)).toEqual(["Sessions", "Sessions2"]);
    expect(r.message).toContain(
      'Nothing was overwritten: "Sessions (2)" (this workbook already has "Sessions"), "Monthly (2)" (this workbook already has "Monthly"), the table "Sessions2" (this workbook already has "Sessions")',
    );
    expect(cell(h, "Monthly (2)", "A5").f).toBe("=LOCUM.MONTHLY(Sessions2[[#All],[Date worked]:[Notes]],'Locum details'!$A$1:$B$40)");
  });

  test("an older Excel: no validation (ExcelApi 1.8) or red rows (1.6), a one-series chart (1.7), each said; too old (1.4): nothing, and the command-line route", async () => {
    const old = emptyHost({ api: "1.5" });
    (globalThis as Record<string, unknown>).Office = { context: { requirements: { isSetSupported: (_: string, v: string) => Number(v.split(".")[1]) <= 5 } } };
    try {
      const r = await insertTemplate(DEFAULT_RULES, { made: MADE }, old.run as never);
      expect(r.inserted).toBe(true);
      expect(sheetOf(old, "Sessions").validations).toBeUndefined();
      expect(sheetOf(old, "Sessions").conditionalFormats).toBeUndefined();
      expect(sheetOf(old, "Sessions").freezeRows).toBeUndefined();
      expect(sheetOf(old, "Monthly").charts![0].series).toEqual([{ name: "Series1", values: "C5:C18" }]);
      expect(r.notes.join(" ")).toMatch(
        /ExcelApi 1\.8\): the Sessions columns take any value.*ExcelApi 1\.6\): rows past the 10-week limit.*ExcelApi 1\.7\): the header rows.*pensionable pay only/,
      );
      (globalThis as Record<string, unknown>).Office = {
        context: { requirements: { isSetSupported: (_: string, v: string) => Number(v.split(".")[1]) <= 3 } },
      };
      const none = emptyHost();
      const r2 = await insertTemplate(DEFAULT_RULES, { made: MADE }, none.run as never);
      expect(r2).toMatchObject({ inserted: false, message: expect.stringMatching(/too old .* locum template new\.xlsx \(the command line\)/) });
      expect(none.state.sheets).toHaveLength(1);
    } finally {
      delete (globalThis as Record<string, unknown>).Office;
    }
  });
});

// ---- write back and the details sheet ----

/** The template inserted with a year of rows and details typed in, as the user would. */
async function filledTemplate(): Promise<FakeHost> {
  const h = emptyHost();
  await insertTemplate(DEFAULT_RULES, { made: MADE, fill: (t) => fillTemplate(t, { sessions: YEAR_ROWS, details: YEAR_DETAILS }) }, h.run as never);
  return h;
}

describe("write back", () => {
  test("into the template's table: four columns added, its formula columns kept, three syncs; the forms then read the same", async () => {
    const h = await filledTemplate();
    const run = h.run as never;
    const made = await makeForms("", run);
    if ("problem" in made) throw new Error(made.problem);
    expect(made.prepared.errors).toBe(0);
    const values = writeBackRows(made.full, made.made, (f) => made.forms.formAFileName(f).split("/").pop()!);
    const runs = h.runs.length;
    const r = await writeBack("Sessions", values, run);
    expect(h.runs.slice(runs).map((x) => x.syncs)).toEqual([3]);
    expect(r.kept).toEqual(["Form A", "Pensionable pay"]);
    expect(r.added).toEqual(["UPR", "Employer contribution", "Form B due", "Status"]);
    expect(r.rows).toBe(YEAR_ROWS.length);
    expect(r.message).toMatch(
      /^Wrote 39 rows back into the Sessions table .* Form A and Pensionable pay hold formulas \(the year template's\), so they were left as they are\./,
    );
    // April 2025's first row (R-0425, rows 2 to 4): the Form A's boxes on its first row only.
    const april = made.full.months[0];
    const formA = april.formsA.find((f) => f.invoice === "R-0425")!;
    expect(cell(h, "Sessions", "O1").v).toBe("UPR");
    expect(["O2", "P2", "Q2", "R2"].map((a) => cell(h, "Sessions", a)?.v)).toEqual([formA.upr, formA.box3.toNumber(), 45784, "made"]);
    expect(cell(h, "Sessions", "P3")?.v ?? "").toBe(""); // no Box 3 again on the Form A's second row
    expect(cell(h, "Sessions", "Q2").fmt).toBe("dd/mm/yyyy");
    expect(cell(h, "Sessions", "M2").f).toMatch(/^=IF\(/); // the formula column untouched
    // The forms ignore the written columns: the same messages and PDFs as before.
    const again = await makeForms("", run);
    if ("problem" in again) throw new Error(again.problem);
    expect(again.prepared.messages.map(formatMessage)).toEqual(made.prepared.messages.map(formatMessage));
    expect(again.files.map((f) => Buffer.from(f.bytes).toString("base64"))).toEqual(made.files.map((f) => Buffer.from(f.bytes).toString("base64")));
  }, 120_000);

  test("into a plain table: every column added; a stopped row says why; 10 and 5,000 rows in three syncs", async () => {
    for (const n of [10, 5000]) {
      const b = book(2, n, true);
      const rows = b.sheets[0].tables![0].rows;
      rows[2] = [...rows[2]];
      rows[2][3] = "£100"; // row 3: a fee written as text
      const { run, host } = fakeRun(b);
      const made = await makeForms("", run);
      if ("problem" in made) throw new Error(made.problem);
      const values = writeBackRows(made.full, made.made, (f) => made.forms.formAFileName(f).split("/").pop()!);
      const before = host.runs.length;
      const r = await writeBack("SessionsTable", values, run);
      expect(host.runs.slice(before).map((x) => x.syncs)).toEqual([3]);
      expect(host.runs[before].maxRequest).toBeLessThan(5 * 1024 * 1024);
      expect(r.added).toEqual([...WRITE_BACK_COLUMNS]);
      const sheet = host.state.sheets[0];
      const at = (row: number, col: number) => sheet.cells[`${row - 1},${col}`]?.v;
      expect(at(1, 7)).toBe("Form A");
      expect(at(3, 12)).toMatch(/^stopped: Fee: must be a number of pounds, not the text "£100"/);
      expect(at(2, 12)).toMatch(/^(made|stopped: Form B April 2025 not made)/);
      expect(String(at(2, 7))).toMatch(/^01234567LOCAPR2025-FormA-01-Y02345-Riverside-Medical-Centre-R-0\.pdf$/);
    }
  }, 180_000);
});

describe("Locum details: the sheet is the record", () => {
  test("the form reads the template's details; saving writes them where they are (one read, one write sync), codes kept as text", async () => {
    const h = await filledTemplate();
    const run = h.run as never;
    const { workbook } = await readWorkbookInput(run);
    const form = detailsForm(workbook);
    expect(form.sheet).toBe("Locum details");
    expect(form.values.Surname).toBe("O'Neill");
    expect(form.values["Date of birth"]).toBe("03/06/1984");
    expect(form.cells["SD number"]).toBe("B6");
    const before = h.runs.length;
    const w = await writeDetails(
      { ...form.values, Surname: "O'Neill-Smith", "SD number": "01234567", "Date of birth": "04/06/1984", "Tier rate": "10.7%" },
      run,
    );
    expect(h.runs.slice(before).map((r) => r.syncs)).toEqual([3, 1]);
    expect(w).toMatchObject({ sheet: "Locum details", added: false });
    expect(cell(h, "Locum details", "B2").v).toBe("O'Neill-Smith");
    expect(cell(h, "Locum details", "B6")).toMatchObject({ v: "01234567", fmt: "@" });
    expect(cell(h, "Locum details", "B4")).toMatchObject({ v: serial(1984, 6, 4), fmt: "dd/mm/yyyy" });
    expect(cell(h, "Locum details", "B13").v).toBeCloseTo(0.107, 10);
    const again = detailsForm((await readWorkbookInput(run)).workbook);
    expect(again.values).toMatchObject({ Surname: "O'Neill-Smith", "SD number": "01234567", "Date of birth": "04/06/1984", "Tier rate": "10.7%" });
  }, 60_000);

  test("no details sheet: it is added (the template's layout) and filled; keys another sheet lacks are added under it", async () => {
    const h = installFakeHost({}, hostState({ sheets: [{ name: "Sessions", blocks: [{ at: "A1", rows: sessions(2) }] }] }), false);
    const values = {
      Surname: "Khan",
      "Other names": "Amir",
      "Date of birth": "01/02/1980",
      "NI number": "QQ123456C",
      "SD number": "12345678",
      "GMC number": "1234567",
      Address: "1 High St",
      Email: "",
      Country: "England",
      "EA code": "Q99",
      "Host LHB ref": "",
      "Tier rate": "",
    };
    const w = await writeDetails(values, h.run as never);
    expect(w).toMatchObject({ sheet: "Locum details", added: true, message: expect.stringMatching(/^Added a "Locum details" sheet/) });
    expect(cell(h, "Locum details", "A2").v).toBe("Surname");
    expect(cell(h, "Locum details", "B2").v).toBe("Khan");
    expect(cell(h, "Locum details", "B4").v).toBe(serial(1980, 2, 1));
    const made = await makeForms("", h.run as never);
    if ("problem" in made) throw new Error(made.problem);
    expect(made.full.locum?.surname).toBe("Khan");

    const h2 = installFakeHost(
      {},
      hostState({
        sheets: [
          { name: "Sessions", blocks: [{ at: "A1", rows: sessions(2) }] },
          { name: "My details", blocks: [{ at: "B3", rows: DETAILS.slice(0, 8) }] },
        ],
      }),
      false,
    );
    await writeDetails({ ...values, Country: "Wales", "EA code": "7A1" }, h2.run as never);
    expect(cell(h2, "My details", "C3").v).toBe("Khan");
    expect([cell(h2, "My details", "B11").v, cell(h2, "My details", "C11").v, cell(h2, "My details", "B12").v, cell(h2, "My details", "C12").v]).toEqual([
      "Country",
      "Wales",
      "EA code",
      "7A1",
    ]);
  }, 60_000);

  test("a date of birth or a rate the sheet cannot take is refused in the field's words, nothing written", async () => {
    const h = await filledTemplate();
    const f = detailsForm((await readWorkbookInput(h.run as never)).workbook);
    await expect(writeDetails({ ...f.values, "Date of birth": "31/02/1984" }, h.run as never)).rejects.toThrow(
      'Date of birth: "31/02/1984" is not a date: type it as dd/mm/yyyy',
    );
    await expect(writeDetails({ ...f.values, "Tier rate": "lots" }, h.run as never)).rejects.toThrow('Tier rate: "lots" is not a rate');
    expect(cell(h, "Locum details", "B2").v).toBe("O'Neill");
  }, 60_000);
});

describe("Locum details: text stays text", () => {
  test("Save details writes every text field as text first: =Smith, +44, -Jones are kept as typed, not taken as formulas", async () => {
    const h = await filledTemplate();
    const run = h.run as never;
    const form = detailsForm((await readWorkbookInput(run)).workbook);
    const typed = {
      ...form.values,
      Surname: "=Smith",
      "Other names": "-Jones",
      Address: "+1 High St",
      Email: '=HYPERLINK("http://x")',
      Country: "England",
      "Host LHB ref": "=1+1",
      "Tier rate": "10.7%",
    };
    await writeDetails(typed, run);
    const fields = ["Surname", "Other names", "Address", "Email", "Country", "Host LHB ref", "SD number", "NI number", "GMC number", "EA code"] as const;
    for (const f of fields) {
      const at = form.cells[f]!;
      expect([f, cell(h, "Locum details", at)]).toEqual([f, expect.objectContaining({ v: typed[f].trim(), fmt: "@" })]);
      expect(cell(h, "Locum details", at).f).toBeUndefined();
    }
    // The date and the rate are Excel's own: a date serial, a number.
    expect(cell(h, "Locum details", form.cells["Tier rate"]!).v).toBeCloseTo(0.107, 10);
    expect(cell(h, "Locum details", form.cells["Date of birth"]!).fmt).toBe("dd/mm/yyyy");
    const again = detailsForm((await readWorkbookInput(run)).workbook);
    expect(again.values).toMatchObject({ Surname: "=Smith", "Other names": "-Jones", Address: "+1 High St" });
  }, 60_000);
});
