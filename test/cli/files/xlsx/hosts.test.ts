// One workbook, both hosts, the same forms. Each workbook below is described once (test/support/fakeWorkbook.ts)
// and made two ways: an .xlsx file that `locum forms` reads (src/cli/files/xlsx.ts), and a fake Excel that
// the task pane's "Make Forms A and B" reads (src/taskpane/excel.ts → formsPane.ts). LocumRules and
// LocumSettings sit as a table on another sheet, as a sheet, as "Rules"/"Settings", both, neither.
// The PDFs must be byte-identical and the messages the same; the figures show which source won.
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { dirname, join } from "path";
import { formsCommand } from "../../../../src/cli/commands/forms";
import { readWorkbookFile } from "../../../../src/cli/files/xlsx";
import { formatMessage } from "../../../../src/workbook";
import { formsFromWorkbook } from "../../../../src/forms";
import { areasOf, hiddenRowsOf, readWorkbookInput } from "../../../../src/taskpane/excel";
import { makeForms } from "../../../../src/taskpane/formsPane";
import { installCustomFunctionsGlobal } from "../../../../bench/shim";
import { loadWorkbookRules } from "../../../../src/office/workbookRules";
import { current, setState } from "../../../../src/office/state";
import { DEFAULT_SETTINGS } from "../../../../src/engine";
import { DEFAULT_RULES } from "../../../../src/rules";
import { type Book, type BookSheet, fakeRun, installBook, writeXlsx } from "../../../support/fakeWorkbook";
import { pdfInfo } from "../../../support/pdf";
import { threeSessions, utc, zoeDetails } from "../../../support/forms";
import { tempDir } from "../../../support/tempDir";

installCustomFunctionsGlobal();
const tmp = () => tempDir("reader-hosts-");

// The pane loads its fonts from the add-in's folder: here, the same files the command line uses.
const FONTS = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
(globalThis as Record<string, unknown>).fetch = async (url: string) => {
  const bytes = readFileSync(join(FONTS, String(url).split("/").pop()!));
  return { ok: true, status: 200, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
};
afterEach(() => setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS }));

const SESSIONS = threeSessions(utc);
const DETAILS = zoeDetails(utc, "9.8%");
/** An employer rate for 2025/26 in LocumRules rows, at `rate` (the built-in one is 14.38 %). */
const employerRule = (rate: number): unknown[][] => [
  ["Kind", "From", "To", "Up to", "Rate"],
  ["employer", utc(2025, 4, 1), utc(2026, 3, 31), "", rate],
];
const uprDigits = (n: number): unknown[][] => [
  ["Setting", "Value"],
  ["UPR year digits", n],
];

const base = (): BookSheet[] => [
  { name: "Sessions", tables: [{ name: "SessionsTable", at: "A1", rows: SESSIONS, totals: true }] },
  { name: "Locum details", blocks: [{ at: "A1", rows: DETAILS }] },
];

type Case = { name: string; extra: BookSheet[]; box3: string; upr: string; rules: object | null; settings: object | null };
const CASES: Case[] = [
  { name: "neither", extra: [], box3: "12.94", upr: "01234567LOCAPR2025", rules: null, settings: null },
  {
    name: "LocumRules as a table on another sheet",
    extra: [
      {
        name: "Rates",
        blocks: [{ at: "A1", rows: [["Our corrections to the scheme tables"]] }],
        tables: [{ name: "LocumRules", at: "B4", rows: employerRule(0.15) }],
      },
    ],
    box3: "13.50",
    upr: "01234567LOCAPR2025",
    rules: { sheet: "Rates", table: "LocumRules", firstRow: 4 },
    settings: null,
  },
  {
    name: "LocumRules as a sheet, a title above its header",
    extra: [
      {
        name: "LocumRules",
        blocks: [
          { at: "A1", rows: [["Our corrections"]] },
          { at: "A3", rows: employerRule(0.16) },
        ],
      },
    ],
    box3: "14.40",
    upr: "01234567LOCAPR2025",
    rules: { sheet: "LocumRules", firstRow: 1 },
    settings: null,
  },
  {
    name: "a sheet named Rules (the pane used to ignore it)",
    extra: [{ name: "Rules", blocks: [{ at: "A1", rows: employerRule(0.16) }] }],
    box3: "14.40",
    upr: "01234567LOCAPR2025",
    rules: { sheet: "Rules", firstRow: 1 },
    settings: null,
  },
  {
    name: "both a LocumRules table and a Rules sheet: the table wins (the command line used to read the sheet)",
    extra: [
      { name: "Rules", blocks: [{ at: "A1", rows: employerRule(0.16) }] },
      { name: "Rates", tables: [{ name: "LocumRules", at: "A1", rows: employerRule(0.15) }] },
    ],
    box3: "13.50",
    upr: "01234567LOCAPR2025",
    rules: { sheet: "Rates", table: "LocumRules", firstRow: 1 },
    settings: null,
  },
  {
    name: "LocumSettings as a table on another sheet",
    extra: [{ name: "Options", tables: [{ name: "LocumSettings", at: "C2", rows: uprDigits(2) }] }],
    box3: "12.94",
    upr: "01234567LOCAPR25",
    rules: null,
    settings: { sheet: "Options", table: "LocumSettings", firstRow: 2 },
  },
  {
    name: "a sheet named Settings",
    extra: [{ name: "Settings", blocks: [{ at: "A1", rows: uprDigits(2) }] }],
    box3: "12.94",
    upr: "01234567LOCAPR25",
    rules: null,
    settings: { sheet: "Settings", firstRow: 1 },
  },
  {
    name: "both a LocumSettings table and a LocumSettings sheet, and both rules: the tables win",
    extra: [
      { name: "LocumSettings", blocks: [{ at: "A1", rows: uprDigits(4) }] },
      { name: "Options", tables: [{ name: "LocumSettings", at: "A1", rows: uprDigits(2) }] },
      { name: "LocumRules", blocks: [{ at: "A1", rows: employerRule(0.16) }] },
      { name: "Rates", tables: [{ name: "LocumRules", at: "A1", rows: employerRule(0.15) }] },
    ],
    box3: "13.50",
    upr: "01234567LOCAPR25",
    rules: { sheet: "Rates", table: "LocumRules", firstRow: 1 },
    settings: { sheet: "Options", table: "LocumSettings", firstRow: 1 },
  },
];

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith("."))
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? listFiles(join(dir, n)).map((x) => `${n}/${x}`) : [n]))
    .sort();
}

describe.each(CASES)("both hosts on one workbook: $name", (c) => {
  const book: Book = { sheets: [...base(), ...c.extra] };
  let file = "";
  let out = "";
  let cli = { code: -1, err: [] as string[] };
  beforeAll(async () => {
    const dir = tmp();
    file = join(dir, "book.xlsx");
    out = join(dir, "out");
    await writeXlsx(book, file);
    const err: string[] = [];
    const code = await formsCommand([file, "--out", out], { out: () => undefined, err: (s) => err.push(s) });
    cli = { code, err };
  }, 60_000);

  test("the command line and the pane choose the same blocks and rules", async () => {
    const fromFile = formsFromWorkbook(await readWorkbookFile(file));
    const fromPane = formsFromWorkbook((await readWorkbookInput(fakeRun(book).run)).workbook);
    for (const read of [fromFile.read, fromPane.read]) {
      expect(read.sessions).toMatchObject({ sheet: "Sessions", table: "SessionsTable", firstRow: 1, by: "name" });
      expect(read.details).toMatchObject({ sheet: "Locum details", firstRow: 1 });
      expect(read.rules).toEqual(c.rules);
      expect(read.settings).toEqual(c.settings);
    }
    expect(fromPane.read.ruleSet.overrides).toEqual(fromFile.read.ruleSet.overrides);
    expect(fromPane.read.settingsInForce).toEqual(fromFile.read.settingsInForce);
  });

  test("byte-identical PDFs and the same messages", async () => {
    expect(cli.code).toBe(0);
    const pane = await makeForms("", fakeRun(book).run);
    if ("problem" in pane) throw new Error(pane.problem);
    const written = listFiles(out);
    expect(pane.files.map((f) => f.name).sort()).toEqual(written);
    expect(written.length).toBe(9);
    for (const f of pane.files) expect(Buffer.compare(Buffer.from(f.bytes), readFileSync(join(out, f.name)))).toBe(0);
    expect(pane.prepared.messages.map(formatMessage)).toEqual(cli.err.filter((l) => /^(Error|Warning): /.test(l)));
    // What won shows in the figures: Form A box 3 (employer, on £90 pensionable) and the UPR.
    const april = pane.prepared.months.find((m) => m.monthKey === "2025-04")!;
    expect(april.formsA[0].box3.toFixed(2)).toBe(c.box3);
    expect(april.upr).toBe(c.upr);
    expect(written[0]).toContain(c.upr);
    expect(pdfInfo(readFileSync(join(out, written[0])))).not.toMatch(/Syntax Error/);
  });

  test("the custom functions read the same LocumRules and LocumSettings", async () => {
    installBook(book);
    const report = await loadWorkbookRules();
    expect(report.error).toBeUndefined();
    expect(report.read).toEqual([...(c.rules ? ["LocumRules"] : []), ...(c.settings ? ["LocumSettings"] : [])]);
    const fromFile = formsFromWorkbook(await readWorkbookFile(file)).read;
    expect(current().rules.overrides).toEqual(fromFile.ruleSet.overrides);
    expect(current().settings).toEqual(fromFile.settingsInForce);
  });
});

test("the pane reads a workbook of any number of sheets in three syncs (test/taskpane/excel.test.ts counts more)", async () => {
  const many: Book = {
    sheets: [
      ...base(),
      ...Array.from({ length: 10 }, (_, i) => ({
        name: `Notes ${i}`,
        blocks: [{ at: "B2", rows: [["x", i]] }],
        tables: [
          {
            name: `T${i}`,
            at: "D4",
            rows: [
              ["a", "b"],
              [1, 2],
            ],
          },
        ],
      })),
    ],
  };
  for (const book of [{ sheets: base() }, many]) {
    const { run, contexts } = fakeRun(book);
    const { workbook } = await readWorkbookInput(run);
    expect(workbook.sheets.map((s) => s.name)).toEqual(book.sheets.map((s) => s.name));
    expect(contexts[0].syncs).toBe(3);
  }
});

test("the pane's blocks are what the .xlsx reader gives for the same cells", async () => {
  const book: Book = {
    sheets: [
      { name: "Sessions", blocks: [{ at: "B3", rows: SESSIONS }], merged: ["B1:D1"], hidden: [5] },
      { name: "Locum details", blocks: [{ at: "A1", rows: DETAILS }] },
      { name: "Rates", tables: [{ name: "LocumRules", at: "C2", rows: employerRule(0.15), totals: false }] },
    ],
  };
  book.sheets[0].blocks!.push({ at: "B1", rows: [["Sessions 2025/26"]] });
  const file = join(tmp(), "b.xlsx");
  await writeXlsx(book, file);
  const a = await readWorkbookFile(file);
  const b = (await readWorkbookInput(fakeRun(book).run)).workbook;
  expect(b.sheets).toEqual(a.sheets);
  expect(a.sheets[0].used).toMatchObject({ firstRow: 1, firstCol: 1, merged: ["B1:D1"], hidden: [5] });
  expect(a.sheets[2].tables[0]).toMatchObject({ name: "LocumRules", firstRow: 2, firstCol: 2, totals: false });
});

test("the pane reads Office's area addresses: quoted sheet names with commas, spaces after commas, whole rows and columns", () => {
  expect(areasOf("Sessions!$A$1:$G$3,Sessions!A5:G9")).toEqual(["A1:G3", "A5:G9"]);
  expect(areasOf("'Dr O''Neill, 2025'!B2:C2, 'Dr O''Neill, 2025'!E7")).toEqual(["B2:C2", "E7"]);
  expect(hiddenRowsOf(1, 10, ["A1:G3", "A5:G9"])).toEqual([4, 10]);
  expect(hiddenRowsOf(4, 4, ["4:5"])).toEqual([6, 7]);
  expect(hiddenRowsOf(1, 3, ["A:G"])).toEqual([]);
  expect(hiddenRowsOf(2, 3, [])).toEqual([2, 3, 4]); // no visible cells at all
});
