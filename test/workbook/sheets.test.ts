// The forms layer's side of reading a workbook (src/workbook/sheets.ts, fromWorkbook.ts): which block
// is the sessions, the details, LocumRules and LocumSettings; rows with holes read like full ones;
// hidden rows and 1904 dates; and the custom functions' 1904 dates.
import fc from "fast-check";
import {
  blockRows,
  chooseOverrides,
  chooseSessions,
  formatMessage,
  holdsOverrides,
  overridesPlace,
  type SheetInput,
  type TableInput,
  type WorkbookInput,
} from "../../src/workbook";
import { formsFromWorkbook, prepareForms } from "../../src/forms";
import { denseRows, mergedOnRow } from "../../src/workbook/sheets";
import { LocumError } from "../../src/rules";
import { installCustomFunctionsGlobal } from "../../bench/shim";
import { setState } from "../../src/office/state";
import { loadWorkbookRules } from "../../src/office/workbookRules";
import { DEFAULT_SETTINGS } from "../../src/engine";
import { DEFAULT_RULES } from "../../src/rules";
import { details, fontBytes, HEADER, row, serial } from "../support/forms";
import { installBook } from "../support/fakeWorkbook";

installCustomFunctionsGlobal();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F = require("../../src/functions/functions") as typeof import("../../src/functions/functions");
afterEach(() => setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS }));

const block = (rows: unknown[][], firstRow = 1) => ({ rows, firstRow, firstCol: 0, merged: [], hidden: [] });
const table = (name: string, rows: unknown[][], firstRow = 1): TableInput => ({ ...block(rows, firstRow), name, totals: false });
const sheet = (name: string, rows: unknown[][] = [["x"]], tables: TableInput[] = []): SheetInput => ({ name, used: block(rows), tables });
const wb = (...sheets: SheetInput[]): WorkbookInput => ({ sheets, date1904: false });

const SESSION_ROWS = [HEADER, row({ worked: serial(2025, 4, 1), paid: serial(2025, 4, 20) })];
const RULES = [
  ["Kind", "From", "To", "Up to", "Rate"],
  ["employer", serial(2025, 4, 1), serial(2026, 3, 31), "", 0.15],
];

describe("choosing the blocks", () => {
  test("the sessions: --sheet by exact name, else by its normalised name; a missing one lists the sheets", () => {
    const w = wb(sheet("Sessions", SESSION_ROWS), sheet("Locum sessions 2025", SESSION_ROWS), sheet("Locum details"));
    expect(chooseSessions(w)).toMatchObject({ sheet: "Sessions", by: "name" });
    expect(chooseSessions(w, "Locum sessions 2025")).toMatchObject({ sheet: "Locum sessions 2025", by: "option" });
    expect(chooseSessions(w, "locum-sessions 2025")).toMatchObject({ sheet: "Locum sessions 2025", by: "option" });
    expect(() => chooseSessions(w, "Nope")).toThrow(
      new LocumError('no sheet "Nope" in the workbook (its sheets: Sessions, Locum sessions 2025, Locum details)'),
    );
  });

  test("the sessions: the active sheet when it has every column; by columns otherwise; its table over its range", () => {
    const t = table("S", SESSION_ROWS, 4);
    const w = {
      ...wb(sheet("Notes", [["Nothing here"]]), sheet("Year", [["A title"]], [table("Summary", [["Month", "Total"]]), t]), sheet("Locum details")),
      active: "Year",
    };
    expect(chooseSessions(w)).toMatchObject({ sheet: "Year", table: "S", firstRow: 4, by: "active" });
    expect(chooseSessions({ ...w, active: "Notes" })).toMatchObject({ sheet: "Year", table: "S", by: "columns" });
    // A LocumRules table on the sessions sheet is never taken for the sessions.
    const rulesToo = wb(sheet("Sessions", SESSION_ROWS, [table("LocumRules", RULES)]));
    expect(chooseSessions(rulesToo)).toMatchObject({ sheet: "Sessions", rows: SESSION_ROWS });
    expect(chooseSessions(rulesToo)?.table).toBeUndefined();
  });

  test("LocumRules: a table of that name anywhere, else a sheet LocumRules or Rules (its table, else its range)", () => {
    const names = (tables: string[], sheets: [string, string[]][]) =>
      overridesPlace(
        "rules",
        tables,
        sheets.map(([name, t]) => ({ name, tables: t })),
      );
    expect(
      names(
        ["Sessions", "LocumRules"],
        [
          ["Rules", []],
          ["Rates", ["LocumRules"]],
        ],
      ),
    ).toEqual({ table: "LocumRules" });
    expect(names(["locumrules"], [])).toEqual({ table: "locumrules" }); // Excel table names ignore case
    expect(names(["LocumRules2"], [["Rules", []]])).toEqual({ sheet: "Rules" });
    expect(names([], [["Locum Rules", ["Table1"]]])).toEqual({ sheet: "Locum Rules", table: "Table1" });
    expect(
      names(
        [],
        [
          ["Sessions", []],
          ["Rates", []],
        ],
      ),
    ).toBeNull();
    expect(overridesPlace("settings", ["LocumRules"], [{ name: "Settings", tables: [] }])).toEqual({ sheet: "Settings" });
    const w = wb(sheet("Sessions", SESSION_ROWS), sheet("Rules", RULES), sheet("Rates", [["title"]], [table("LocumRules", RULES, 3)]));
    expect(chooseOverrides(w, "rules")).toMatchObject({ sheet: "Rates", table: "LocumRules", firstRow: 3 });
    expect(chooseOverrides(wb(sheet("Rules", RULES)), "rules")).toMatchObject({ sheet: "Rules", rows: RULES });
    expect(chooseOverrides(wb(sheet("Rules", RULES)), "rules")?.table).toBeUndefined();
    expect(chooseOverrides(w, "settings")).toBeNull();
  });

  test("an edit reloads the overrides on the sheets and tables they can be on", () => {
    expect(["LocumRules", "Rules", "locum settings", "Settings"].map((n) => holdsOverrides(n, []))).toEqual([true, true, true, true]);
    expect([holdsOverrides("Rates", ["LocumRules"]), holdsOverrides("Rates", ["Table1"]), holdsOverrides("Sessions", [])]).toEqual([true, false, false]);
  });

  test("a --rules file wins over LocumRules where both cover a date; options win over LocumSettings", () => {
    const rulesFile = {
      tiers: [],
      employer: [{ id: "f", label: "file", from: "2025-04-01", to: "2026-03-31", status: "confirmed" as const, source: "f", override: "my.json", rate: "0.2" }],
    };
    const w = wb(
      sheet("Sessions", SESSION_ROWS),
      sheet("Locum details", details()),
      sheet("LocumRules", RULES),
      sheet("LocumSettings", [
        ["Setting", "Value"],
        ["UPR year digits", 4],
        ["Rounding", "half-even"],
      ]),
    );
    const { prepared, read } = formsFromWorkbook(w, { rules: rulesFile, settings: [["--upr-year-digits", "2"]], today: serial(2025, 5, 1) - 25569 });
    expect(read.ruleSet.overrides).toEqual([
      "employer rate 01/04/2025 to 31/03/2026 from LocumRules (confirmed)",
      "employer rate 01/04/2025 to 31/03/2026 from my.json (confirmed)",
    ]);
    expect(prepared.months[0].formsA[0].box3.toFixed(2)).toBe("18.00"); // 20 % of £90, the file's rate
    expect(read.settingsInForce).toMatchObject({ uprYearDigits: 2, rounding: "half-even" });
    expect(() =>
      formsFromWorkbook({
        ...w,
        sheets: [
          ...w.sheets.slice(0, 3),
          sheet("LocumSettings", [
            ["Setting", "Value"],
            ["Colour", "red"],
          ]),
        ],
      }),
    ).toThrow(/^LocumSettings: unknown setting "Colour"/);
  });
});

describe("rows with holes (a block read from only the cells that exist) read like full ones", () => {
  const rows = (): unknown[][] => [
    ["Sessions 2025/26"],
    HEADER,
    row({ worked: serial(2025, 4, 1), paid: serial(2025, 4, 20), invoice: "R-1" }),
    row({ worked: serial(2025, 4, 2), paid: serial(2025, 4, 20), invoice: "R-1", fee: "£100" }),
    ["", "", "", "", "", "", "", "", "", "", ""],
    row({ worked: serial(2025, 5, 6), practice: "Castle Street Surgery", code: "B86021", paid: serial(2025, 5, 20), notes: "late" }),
    ["Note: May's invoice was paid late", "", ""],
    row({ worked: serial(2025, 5, 6), practice: "Castle Street Surgery", code: "B86021", paid: serial(2025, 5, 20), notes: "late" }),
  ];
  const view = (p: ReturnType<typeof prepareForms>) => ({
    messages: p.messages.map(formatMessage),
    months: p.months.map((m) => [m.monthKey, m.formsA.map((f) => f.box1.toFixed(2)), m.formB?.j.toFixed(2)]),
  });

  test("property: any blank cell, or any all-blank row, left out as a hole gives the same messages and forms", () => {
    const opts = { sessionsFirstRow: 3, detailsFirstRow: 1, today: serial(2025, 7, 1) - 25569, unprintable: undefined };
    const full = view(prepareForms(rows(), details(), opts));
    expect(full.messages.filter((m) => /repeats row 8 cell for cell|looks like a note|Fee \(D6\)/.test(m))).toHaveLength(3);
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }), (drop) => {
        let k = 0;
        const holed = rows().map((r) => {
          const out: unknown[] = [];
          r.forEach((v, i) => {
            if (!(v === "" && drop[k++ % drop.length])) out[i] = v;
          });
          out.length = r.length;
          return out;
        });
        const sparse: unknown[][] = [];
        holed.forEach((r, i) => {
          if (!(r.every((v) => v === "") && drop[i])) sparse[i] = r;
        });
        sparse.length = holed.length;
        expect(view(prepareForms(sparse, details(), opts))).toEqual(full);
      }),
      { numRuns: 60 },
    );
  });

  test("denseRows fills holes as Excel gives a range, up to the widest row; huge sparse blocks keep their width", () => {
    const sparse: unknown[][] = [];
    sparse[0] = ["From"];
    sparse[2] = [];
    sparse[2][3] = 0.1;
    sparse.length = 4;
    expect(denseRows(sparse)).toEqual([
      ["From", "", "", ""],
      ["", "", "", ""],
      ["", "", "", 0.1],
      ["", "", "", ""],
    ]);
    const far: unknown[][] = [];
    far[0] = ["From"];
    far[9999] = [];
    far[9999][16_383] = "x";
    const dense = denseRows(far);
    expect([dense.length, dense[0].length, dense[1].length, dense[9999].length]).toEqual([10_000, 1, 0, 16_384]);
  });
});

describe("what the host gives beside the cells", () => {
  test("merged areas on the header row stop the forms; those above it (a title) do not", () => {
    expect(mergedOnRow(["A1:K1", "B2:C2", "D1:D3", "F5:G5"], 2)).toEqual(["B2:C2", "D1:D3"]);
    const w = wb(
      { name: "Sessions", used: { rows: [["Sessions 2025/26"], ...SESSION_ROWS], firstRow: 1, firstCol: 0, merged: ["A1:K1"], hidden: [] }, tables: [] },
      sheet("Locum details", details()),
    );
    expect(formsFromWorkbook(w).prepared.messages.some((m) => m.cell === "A1:K1")).toBe(false);
    w.sheets[0].used.merged.push("B2:C2");
    expect(formsFromWorkbook(w).prepared.messages.find((m) => m.cell === "B2:C2")?.text).toMatch(/^header cells B2:C2 are merged/);
  });

  test("hidden session rows: one warning, by its kind; none when no session row is hidden", () => {
    const rows = [HEADER, ...[1, 2, 3].map((d) => row({ worked: serial(2025, 4, d), paid: serial(2025, 4, 20) })), ["Total", "", "", 300]];
    const one = prepareForms(rows, details(), { hiddenRows: [3, 5, 40] });
    const hidden = one.messages.filter((m) => m.kind === "hidden-rows");
    expect(hidden.map(formatMessage)).toEqual([
      "Warning: Sessions: row 3 is hidden (by a filter or Hide) and read like every other row: unhide it to check, and delete any that is not a session",
    ]);
    expect(one.months[0].formsA[0].periods.map((p) => p.last - p.first + 1)).toEqual([3]); // row 3 still counts
    expect(prepareForms(rows, details(), { hiddenRows: [1, 5] }).messages.filter((m) => m.kind === "hidden-rows")).toEqual([]);
  });

  test("1904 serials (1,462 days less) with date1904 read as the 1900 ones do, in sessions and details", () => {
    const shift = (rows: unknown[][]) => rows.map((r) => r.map((v) => (typeof v === "number" && v > 20000 ? v - 1462 : v)));
    const a = prepareForms(SESSION_ROWS, details(), {});
    const b = prepareForms(shift(SESSION_ROWS), shift(details()), { date1904: true });
    expect(b.messages.map(formatMessage)).toEqual(a.messages.map(formatMessage));
    expect([b.locum?.dateOfBirth, b.months[0].monthKey, b.months[0].formB?.dueDate]).toEqual([a.locum?.dateOfBirth, "2025-04", a.months[0].formB?.dueDate]);
    // The fee (a number, not a date) is never shifted.
    expect(b.months[0].formsA[0].box1.toFixed(2)).toBe("100.00");
  });

  test("the form font's check still runs through formsFromWorkbook", () => {
    const { unprintableWith } = require("../../src/pdf") as typeof import("../../src/pdf");
    const w = wb(
      sheet("Sessions", [HEADER, row({ worked: serial(2025, 4, 1), paid: serial(2025, 4, 20), practice: "诊所" })]),
      sheet("Locum details", details()),
    );
    expect(
      formsFromWorkbook(w, { unprintable: unprintableWith(fontBytes()) }).prepared.messages.some(
        (m) => m.field === "Practice" && /cannot print "诊"/.test(m.text),
      ),
    ).toBe(true);
  });
});

describe("the custom functions in a 1904 workbook", () => {
  // 1904 serials of 01/04/2022, 31/03/2023 and 15/07/2021 (1900 serials 44652, 45016, 44392).
  const [start, end, paid] = [44652 - 1462, 45016 - 1462, 44392 - 1462];

  test("the workbook's date system is found when the rules are read, and date arguments and DUE follow it", async () => {
    installBook({ sheets: [{ name: "Sessions", blocks: [{ at: "A1", rows: [["x"]] }] }], date1904: true });
    await loadWorkbookRules();
    expect(F.contrib(115000, start, end)).toBe(16101.57);
    expect(F.schemeyear(end)).toBe("2022/23");
    expect(F.upr("12345678", start)).toBe("12345678LOCAPR2022");
    expect(F.due(paid)).toBe(44415 - 1462); // 07/08/2021, as a 1904 serial
    expect(F.contrib(115000, "2022-04-01", "2023-03-31")).toBe(16101.57); // text dates are not shifted
    installBook({ sheets: [{ name: "Sessions", blocks: [{ at: "A1", rows: [["x"]] }] }] });
    await loadWorkbookRules();
    expect(F.schemeyear(end)).toBe("2018/19"); // the same number in a 1900 workbook is four years earlier
    expect(F.due(44392)).toBe(44415);
  });
});

describe("blockRows", () => {
  test("rows found laid out in full are kept as they are, and give the block rows found sparse give", () => {
    const sparse: [number, unknown[]][] = [
      [0, ["Date worked", , "Fee"]],
      [2, [, "Riverside", 250]],
    ];
    const laidOut: [number, unknown[]][] = sparse.map(([r, cells]) => [r, Array.from({ length: 3 }, (_, i) => (i in cells ? cells[i] : ""))]);
    const expected = [
      ["Date worked", "", "Fee"],
      ["", "", ""],
      ["", "Riverside", 250],
    ];
    expect(blockRows(sparse, 3)).toEqual(expected);
    const full = blockRows(laidOut, 3, true);
    expect(full).toEqual(expected);
    expect(full[2]).toBe(laidOut[1][1]); // not copied
    expect(blockRows([], 3, true)).toEqual([]);
  });
});
