// The LOCUM.* functions called as Excel calls them: serial dates, ISO text, ranges as 2-D arrays;
// bad input as #VALUE! / #N/A with a message. LocumRules is read through a mocked Excel.
import { handlers, installExcel } from "../support/fakeExcel";
import { watchWorkbookRules } from "../../src/office/workbookRules";
import { CustomFunctionsError, installCustomFunctionsGlobal } from "../../bench/shim";

installCustomFunctionsGlobal();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F = require("../../src/functions/functions") as typeof import("../../src/functions/functions");
import { setState } from "../../src/office/state";
import { DEFAULT_SETTINGS } from "../../src/engine";
import { buildRuleSet, DEFAULT_RULES, upliftCpi } from "../../src/rules";

const serial = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000) + 25569;
function excelError(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CustomFunctionsError);
    return { code: (e as CustomFunctionsError).code, message: (e as CustomFunctionsError).message };
  }
  throw new Error("expected an Excel error, got a value");
}

afterEach(() => setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS }));

test("CONTRIB with serial dates and ISO text gives the DHSC total", () => {
  expect(F.contrib(115000, serial("2022-04-01"), serial("2023-03-31"))).toBe(16101.57);
  expect(F.contrib(115000, "2022-04-01", "2023-03-31")).toBe(16101.57);
  expect(F.contrib(4000, "2024-05-01", "2024-05-31", 10)).toBe(500);
  expect(F.contrib(4000, "2024-05-01", "2024-05-31", null, "Wales")).toBe(392);
});

test("BREAKDOWN spills a header, one row per part and a total row", () => {
  expect(F.breakdown(115000, serial("2022-04-01"), serial("2023-03-31"))).toEqual([
    ["Start", "End", "Days", "Earnings", "Annualised", "Tier", "Rate", "Contribution", "Table", "Status"],
    ["01/04/2022", "30/09/2022", 183, 57657.53, 115000, 7, 0.145, 8360.34, "2015/16 to 2022/23 (to 30 Sep 2022)", "confirmed"],
    ["01/10/2022", "31/03/2023", 182, 57342.47, 115000, 11, 0.135, 7741.23, "2022/23 (from 1 Oct 2022)", "confirmed"],
    ["Total", "", 365, 115000, "", "", "", 16101.57, "", "confirmed"],
  ]);
  expect(F.breakdown(1180.59, "2015-04-01", "2015-07-29", 28)[1].slice(3, 7)).toEqual([1180.59, 15431.99, 1, 0.05]);
  const published = F.breakdown(3000, "2026-06-01", "2026-06-30");
  expect(published[1][9]).toBe("published");
  expect(published[2].slice(8)).toEqual(["", "published"]);
  // A projected 2027/28 (a CPI in LocumRules or --cpi) says so in the part's Status and the Total row.
  setState({ rules: buildRuleSet({ tiers: [], employer: [], cpi: upliftCpi("3.0%", "LocumRules row 9") }), settings: DEFAULT_SETTINGS });
  const projected = F.breakdown(3000, "2027-06-01", "2027-06-30");
  expect(projected[1].slice(8)).toEqual(["2027/28 (projected)", "projected"]);
  expect(projected[2].slice(8)).toEqual(["includes a projected table", "projected"]);
  setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS });
});

test("the small functions", () => {
  expect(F.tier(47845.99, "2021-06-01")).toBe(4);
  expect(F.tier(47846, "2021-06-01")).toBe(5);
  expect(F.rate(47846, serial("2021-06-01"))).toBe(0.125);
  expect(F.annualise(20000, 100, "2023-06-01")).toBe(73200);
  // truncated to the penny: 1180.59 × 366 ÷ 28 = 15,431.9979 looks up tier 1 (up to £15,431)
  expect(F.annualise(1180.59, 28, "2015-06-01")).toBe(15431.99);
  expect(F.tier(15431.99, "2015-06-01")).toBe(1);
  expect(F.pensionable(120)).toBe(108);
  expect(F.employer(108, "2021-06-30")).toBe(15.53);
  expect(F.employer(90, "2016-06-30")).toBe(12.87);
  expect(F.schemeyear(serial("2022-03-31"))).toBe("2021/22");
  expect(F.upr("12345678", serial("2017-02-14"))).toBe("12345678LOCFEB2017");
  expect(F.upr(1234567, "2022-12-01")).toBe("01234567LOCDEC2022");
  expect(F.due(serial("2021-07-15"))).toBe(serial("2021-08-07"));
  expect(
    F.days([
      [serial("2022-09-01"), "2022-09-02"],
      [serial("2022-09-01"), ""],
      [null, serial("2022-09-05")],
    ]),
  ).toBe(3);
  expect(F.table("2026-06-01")).toBe("2026/27: published, in force 01/04/2026 to 31/03/2027");
});

test.each([
  [() => F.contrib("abc", "2022-04-01", "2023-03-31"), "#VALUE!", 'earnings must be a number of pounds, not the text "abc"'],
  [() => F.contrib(-1, "2022-04-01", "2023-03-31"), "#VALUE!", "earnings cannot be negative (-1)"],
  [() => F.contrib(1000, "2023-03-31", "2022-04-01"), "#VALUE!", "end 01/04/2022 is before start 31/03/2023"],
  [() => F.contrib(1000, "2014-04-01", "2014-04-30"), "#VALUE!", "start 01/04/2014 is before 01/04/2015: the 2015 Scheme tables start then"],
  [() => F.contrib(1000, "2022-04-01", "2022-04-30", null, "Scotland"), "#VALUE!", "country: Scotland runs its own NHS pension scheme"],
  [() => F.contrib(1000, "2022-04-01", "2022-04-30", 31), "#VALUE!", "days of service (31) cannot be more than the 30 days"],
  [() => F.contrib(1000, "2030-04-01", "2030-04-30"), "#N/A", "no tier table covers 01/04/2030"],
  [() => F.breakdown(1000, "2022-04-01", "not a date"), "#VALUE!", 'end is not a date: the text "not a date"'],
  [() => F.tier("#N/A", "2022-04-01"), "#VALUE!", "annualised holds the Excel error #N/A"],
  [() => F.employer(90, "2028-04-01"), "#N/A", "no employer rate covers 01/04/2028"],
  [() => F.upr("ABC", "2022-04-01"), "#VALUE!", 'SD number must be 8 digits, not "ABC"'],
  [() => F.days([["2022-09-01", "yesterday"]]), "#VALUE!", "dates (row 1, column 2 of the range) is not a date"],
  [() => F.annualise(1000, 400, "2022-06-01"), "#VALUE!", "days of service (400) cannot be more than the 365 days of scheme year 2022/23"],
  [() => F.pensionable(true), "#VALUE!", "fee must be a number of pounds, not TRUE"],
])("bad input %#: %s", (f, code, message) => {
  const e = excelError(f);
  expect(e.code).toBe(code);
  expect(e.message).toContain(message);
});

// --- LocumRules / LocumSettings read from the workbook through a strict fake Excel ---
function workbook(sheets: Record<string, unknown[][]>, tables: Record<string, unknown[][]> = {}) {
  const contexts = installExcel(sheets, tables);
  return { calculated: () => contexts.flatMap((c) => c.calculated) };
}

const serialNo = serial;
const RULES_2026 = [
  ["From", "To", "Up to", "Rate"],
  [serialNo("2026-04-01"), serialNo("2027-03-31"), 40000, 0.05],
  [serialNo("2026-04-01"), serialNo("2027-03-31"), "", 0.1],
];

test("a LocumRules sheet is read, put in force, reported and the workbook recalculated", async () => {
  const wb = workbook({ Sessions: [["x"]], LocumRules: RULES_2026 });
  const before = F.contrib(3000, "2026-06-01", "2026-06-30");
  const report = await F.loadWorkbookRules();
  expect(report).toEqual({
    used: true,
    read: ["LocumRules"],
    summary: "LocumRules read: the functions now use these tables (no LocumSettings: the default settings are in force).",
    notes: ["tier table 01/04/2026 to 31/03/2027 from LocumRules (confirmed)"],
  });
  expect(wb.calculated()).toEqual(["Full"]);
  expect([before, F.contrib(3000, "2026-06-01", "2026-06-30")]).toEqual([294, 150]);
  expect(F.breakdown(3000, "2026-06-01", "2026-06-30")[1][8]).toBe("01/04/2026 to 31/03/2027 (override from LocumRules)");
});

test("an Excel table named LocumRules wins over a sheet; LocumSettings changes a setting", async () => {
  workbook(
    {
      LocumSettings: [
        ["Setting", "Value"],
        ["UPR year digits", 4],
      ],
    },
    { LocumRules: RULES_2026 },
  );
  const report = await F.loadWorkbookRules();
  expect(report.notes).toContain("setting UPR year digits = 4 (LocumSettings)");
  expect(F.upr("12345678", "2017-02-01")).toBe("12345678LOCFEB2017");
  expect(F.contrib(3000, "2026-06-01", "2026-06-30")).toBe(150);
});

test("the report says what was read: LocumSettings alone is not reported as LocumRules read", async () => {
  workbook({
    Sessions: [["x"]],
    LocumSettings: [
      ["Setting", "Value"],
      ["UPR year digits", 4],
    ],
  });
  const only = await F.loadWorkbookRules();
  // used is the pane's "LocumRules read" line: false, so it says the built-in tables are in force
  expect(only).toEqual({
    used: false,
    read: ["LocumSettings"],
    summary: "LocumSettings read: the functions now use 1 setting from it, with the built-in tables (no LocumRules in this workbook).",
    notes: ["setting UPR year digits = 4 (LocumSettings)"],
  });
  expect(F.upr("12345678", "2017-02-01")).toBe("12345678LOCFEB2017");
  expect(F.contrib(3000, "2026-06-01", "2026-06-30")).toBe(294); // built-in tables still in force

  workbook({
    LocumRules: RULES_2026,
    LocumSettings: [
      ["Setting", "Value"],
      ["UPR year digits", 4],
    ],
  });
  const both = await F.loadWorkbookRules();
  expect([both.used, both.read, both.summary]).toEqual([
    true,
    ["LocumRules", "LocumSettings"],
    "LocumRules and LocumSettings read: the functions now use these tables and 1 setting.",
  ]);

  workbook({
    LocumSettings: [
      ["Setting", "Value"],
      ["UPR year digits", 3],
    ],
  });
  const bad = await F.loadWorkbookRules();
  expect(bad.used).toBe(false);
  expect(bad.summary).toBe(`LocumSettings was not used: ${bad.error}`);
});

test("LocumSettings that change the figures are said in a Settings row of BREAKDOWN", async () => {
  expect(F.breakdown(1180.59, "2015-04-01", "2015-07-29", 28)).toHaveLength(3); // header, part, total
  workbook({
    LocumSettings: [
      ["Setting", "Value"],
      ["Year base", "365"],
      ["UPR year digits", 4],
    ],
  });
  await F.loadWorkbookRules();
  const rows = F.breakdown(1180.59, "2015-04-01", "2015-07-29", 28);
  expect(rows[1][4]).toBe(15389.83);
  expect(rows).toHaveLength(4);
  expect(rows[3]).toEqual([
    "Settings",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "Settings not at their defaults: days in a scheme year: 365 (default: the actual days, 366 when the year holds 29 February).",
    "",
  ]);
});

test("a LocumRules table placed lower on its sheet: messages give the sheet's own row numbers", async () => {
  installExcel(
    { Rates: [["x"]] },
    {
      LocumRules: [
        ["From", "To", "Up to", "Rate"],
        ["2026-04-01", "2027-03-31", 13500, 0.052],
        ["2026-04-01", "2027-03-31", 28500, 0.065],
      ],
    },
    { LocumRules: 6 },
  );
  const report = await F.loadWorkbookRules();
  expect(report.error).toBe(
    'LocumRules rows 7, 8 (the tier table From 01/04/2026, To 31/03/2027): no top band: every band has an "up to", so pay above £28,500 has no rate. Add a row with the same From and To, "Up to" left empty and the rate for pay above £28,500',
  );
  expect(excelError(() => F.contrib(1000, "2022-04-01", "2022-04-30")).message).toBe(report.error);
});

test("a broken LocumRules sheet: every function says why until it is fixed", async () => {
  workbook({
    LocumRules: [
      ["From", "To", "Up to", "Rate"],
      ["2026-04-01", "2027-03-31", "", 12.5],
    ],
  });
  const report = await F.loadWorkbookRules();
  expect(report.error).toBe("LocumRules row 2: rate must be a fraction such as 0.052 or text such as 5.2%, got 12.5");
  const e = excelError(() => F.contrib(1000, "2022-04-01", "2022-04-30"));
  expect([e.code, e.message]).toEqual(["#VALUE!", report.error]);
  workbook({ Sessions: [["x"]] }); // sheet removed: back to the built-in tables
  expect(await F.loadWorkbookRules()).toEqual({
    used: false,
    read: [],
    summary: "No LocumRules or LocumSettings table or sheet in this workbook: the built-in tables and default settings are in force.",
    notes: [],
  });
  expect(F.contrib(3000, "2026-06-01", "2026-06-30")).toBe(294);
});

test("editing a LocumRules sheet reloads the rules, even one added after start; other sheets do not", async () => {
  const sheets: Record<string, unknown[][]> = { Sessions: [["x"]] };
  const wb = installExcel(sheets);
  handlers.length = 0;
  await watchWorkbookRules();
  expect(handlers).toHaveLength(1);
  sheets.LocumRules = RULES_2026; // the user adds the sheet later
  await handlers[0]({ worksheetId: "id-Sessions" });
  expect(F.contrib(3000, "2026-06-01", "2026-06-30")).toBe(294);
  await handlers[0]({ worksheetId: "id-LocumRules" });
  expect(F.contrib(3000, "2026-06-01", "2026-06-30")).toBe(150);
  expect(wb.length).toBeGreaterThan(3);
});

test("TIER and RATE on a formula's result: binary noise is not a pound less, a real fraction still is", () => {
  const noisy = (47846 / 365) * 365; // what =B2/B3*365 gives in Excel: 47845.99999999999, shown as 47,846
  expect(noisy).toBeLessThan(47846);
  expect(F.tier(noisy, "2021-05-01")).toBe(5);
  expect(F.rate(noisy, "2021-05-01")).toBe(0.125);
  expect(F.rate(47845.999, "2021-05-01")).toBe(0.093); // £47,845.999 is £47,845 in whole pounds: tier 4
  expect(F.tier((28707.6 / 219) * 365, "2021-05-01")).toBe(5);
});
