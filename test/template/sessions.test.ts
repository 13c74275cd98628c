// The Sessions sheet (src/template/sessions.ts): the columns the forms read, then the calculated
// ones, and validation and the 10-week highlight the forms agree with.
import { findColumns } from "../../src/workbook";
import { prepareForms } from "../../src/forms";
import { FIELD_NAMES } from "../../src/workbook/columns";
import { ENGAGEMENTS, LAST_DATE, planTemplate, sessionColumns, WORK_TYPES, yearTemplate } from "../../src/template";
import { FIRST_DAY } from "../../src/engine";
import { dayFromYmd, dayToSerial, DEFAULT_RULES } from "../../src/rules";
import { details, serial } from "../support/forms";

const plan = planTemplate({ sheets: [] });
const template = yearTemplate(plan, { rules: DEFAULT_RULES, made: dayFromYmd(2025, 4, 1) });
const sheet = (role: string) => template.sheets.find((s) => s.role === role)!;

describe("the Sessions table", () => {
  const cols = sessionColumns();

  test("holds the forms' own columns, in the order docs/workbook-format.md lists them, then Form A and Pensionable pay", () => {
    // Every field but Session (a free-text session length, read only for a mention of out-of-hours work).
    expect(cols.map((c) => c.name)).toEqual([...Object.values(FIELD_NAMES).filter((n) => n !== "Session"), "Form A", "Pensionable pay"]);
    expect(cols.map((c) => c.name)).toEqual([
      "Date worked",
      "Last day",
      "Practice",
      "Practice code",
      "Fee",
      "Date paid",
      "Invoice",
      "Work type",
      "Engaged via",
      "Appraisal authorised",
      "Date submitted",
      "Notes",
      "Form A",
      "Pensionable pay",
    ]);
  });

  test("the forms find every field in its header, with no problem and no loose name", () => {
    const map = findColumns(cols.map((c) => c.name));
    expect(map.problems).toEqual([]);
    expect(map.notes).toEqual([]);
    expect(map.loose).toEqual({});
    expect(Object.keys(map.index).sort()).toEqual(
      Object.keys(FIELD_NAMES)
        .filter((k) => k !== "session")
        .sort(),
    );
  });

  test("the calculated columns: Form A from LOCUM.FORMA, pensionable pay 90 % unrounded", () => {
    // Every cell the forms decide a row's Form A with, in LOCUM.FORMA's order: the first and last day (a run across 31
    // March is split), the kind of work and engagement (some go on no Form A), the date sent (the 10-week rule).
    expect(cols[12].formula).toBe(
      'IF([@[Date worked]]="","",LOCUM.FORMA([@[Date worked]],[@[Date paid]],[@[Practice code]],[@[Practice]],[@[Invoice]],[@[Last day]],[@[Work type]],[@[Engaged via]],[@[Date submitted]]))',
    );
    expect(cols[13].formula).toBe('IF([@[Fee]]="","",ROUND([@[Fee]]*0.9,3))');
    // A formula in a text-formatted cell stays text in Excel: the formula columns have no "@" format.
    expect(cols[12].numFmt).toBeUndefined();
    expect(cols[13].numFmt).toBe("£#,##0.00");
  });

  test("is at A1, so rows counted from the table's header are the sheet's rows", () => {
    expect(sheet("sessions").table!.ref).toBe("A1");
    expect(sheet("sessions").table!.rows).toBe(10);
    expect(sheet("sessions").table!.data).toEqual([]);
  });
});

describe("validation the forms agree with", () => {
  const v = sheet("sessions").validations;
  const byRef = (letter: string) => v.find((x) => x.ref.startsWith(`${letter}2:`))!;

  test("dates from 01/04/2015 (the engine's first day) to 31/12/2099 on the four date columns", () => {
    for (const letter of ["A", "B", "F", "K"]) expect(byRef(letter).rule).toEqual({ kind: "date", min: FIRST_DAY, max: LAST_DATE });
    expect(dayToSerial(FIRST_DAY)).toBe(42095); // 01/04/2015
    expect(dayToSerial(LAST_DATE)).toBe(73050); // 31/12/2099
    expect(byRef("A").ref).toBe("A2:A5001");
  });

  test("money from £0 to £100,000 on Fee; pick-lists on Work type, Engaged via, Appraisal authorised", () => {
    expect(byRef("E").rule).toEqual({ kind: "decimal", min: 0, max: 100000 });
    expect(byRef("H").rule).toEqual({ kind: "list", values: ["practice", "appraisal", "out of hours", "ICB", "private"] });
    expect(byRef("I").rule).toEqual({
      kind: "list",
      values: [
        "direct",
        "limited company",
        "agency",
        "independent provider",
        "PCN scenario 1",
        "PCN scenario 2",
        "PCN scenario 3",
        "PCN scenario 4",
        "PCN scenario 5",
        "PCN scenario 6",
        "PCN scenario 7",
        "PCN scenario 8",
      ],
    });
    expect(byRef("J").rule).toEqual({ kind: "list", values: ["yes", "no"] });
  });

  // What the pick-lists offer is what the forms read: each value gives no message about its column.
  test.each([
    ...WORK_TYPES.map((w) => ["Work type", w] as const),
    ...ENGAGEMENTS.map((e) => ["Engaged via", e] as const),
    ["Appraisal authorised", "yes"] as const,
    ["Appraisal authorised", "no"] as const,
  ])("%s %s is read by the forms", (field, value) => {
    const header = ["Date worked", "Practice", "Practice code", "Fee", "Date paid", field];
    const p = prepareForms(
      [header, [serial(2025, 4, 1), "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 20), value]],
      details({ "Tier rate": "9.8%" }),
      { today: dayFromYmd(2025, 4, 21) },
    );
    expect(p.messages.filter((m) => m.field === field && /is not (a work type|a way of engagement|yes or no)/.test(m.text))).toEqual([]);
  });

  test("a value outside a pick-list is refused by the forms too", () => {
    const p = prepareForms(
      [
        ["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Work type"],
        [serial(2025, 4, 1), "R", "Y02345", 100, serial(2025, 4, 20), "locum agency"],
      ],
      details(),
      { today: dayFromYmd(2025, 4, 21) },
    );
    expect(p.messages.some((m) => m.level === "error" && m.field === "Work type")).toBe(true);
  });

  test("the 10-week highlight covers the table's columns, and says its anchor", () => {
    const cf = sheet("sessions").conditionalFormats[0];
    expect(cf.ref).toBe("A2:N5001");
    expect(cf.formula).toBe(
      "AND(ISNUMBER($A2),IF(ISNUMBER($K2),$K2,TODAY())-IF(ISNUMBER($B2),$B2,$A2)>70,OR(IF(ISNUMBER($K2),$K2,TODAY())<DATE(2020,4,1),IF(ISNUMBER($K2),$K2,TODAY())>DATE(2022,9,30)))",
    );
    expect(cf.description).toMatch(/counts from the row's last day \(the default Ten week anchor/);
  });
});
