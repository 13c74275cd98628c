// The March rule (domain README §3): the Form B a day of work is declared on. Cases from
// shared/domain/examples.json ("formB_month") and the 1 October 2022 table change.
import { formBMonthOf, periodStartsWithin, workPeriodEnd } from "../../src/engine";
import { dayFromYmd as d, DEFAULT_RULES, dayToIso } from "../../src/rules";

const month = (last: number, paid: number | null) => formBMonthOf(last, paid, DEFAULT_RULES);

describe("formBMonthOf", () => {
  test("March 2025 work paid 08/04/2025 goes on March 2025's Form B (examples.json)", () => {
    expect(month(d(2025, 3, 21), d(2025, 4, 8))).toEqual({ year: 2025, month: 3, byWork: true });
  });
  test("work paid inside its own period goes on the month paid", () => {
    expect(month(d(2025, 3, 21), d(2025, 3, 31))).toEqual({ year: 2025, month: 3, byWork: false });
    expect(month(d(2025, 1, 20), d(2025, 2, 3))).toEqual({ year: 2025, month: 2, byWork: false });
    expect(month(d(2025, 4, 1), d(2025, 4, 15))).toEqual({ year: 2025, month: 4, byWork: false });
  });
  test("earlier work paid after 31 March also stays in its scheme year, on March's Form B", () => {
    expect(month(d(2025, 2, 10), d(2025, 4, 2))).toEqual({ year: 2025, month: 3, byWork: true });
  });
  test("September 2022 work paid in October 2022 stays on September's Form B (the table change)", () => {
    expect(month(d(2022, 9, 30), d(2022, 10, 5))).toEqual({ year: 2022, month: 9, byWork: true });
    expect(month(d(2022, 10, 1), d(2022, 10, 5))).toEqual({ year: 2022, month: 10, byWork: false });
  });
  test("not paid yet: March work on March's Form B, other work on none yet", () => {
    expect(month(d(2026, 3, 30), null)).toEqual({ year: 2026, month: 3, byWork: true });
    expect(month(d(2022, 9, 12), null)).toEqual({ year: 2022, month: 9, byWork: true });
    expect(month(d(2026, 2, 27), null)).toBeNull();
  });
});

describe("work periods", () => {
  test("end on 31 March, or on 30 September 2022 in 2022/23", () => {
    expect(dayToIso(workPeriodEnd(d(2025, 4, 1), DEFAULT_RULES))).toBe("2026-03-31");
    expect(dayToIso(workPeriodEnd(d(2022, 4, 1), DEFAULT_RULES))).toBe("2022-09-30");
    expect(dayToIso(workPeriodEnd(d(2022, 10, 1), DEFAULT_RULES))).toBe("2023-03-31");
    expect(dayToIso(workPeriodEnd(d(2019, 7, 1), DEFAULT_RULES))).toBe("2020-03-31");
  });
  test("a span across 31 March or 30 September 2022 is cut there", () => {
    expect(periodStartsWithin(d(2025, 3, 31), d(2025, 4, 1), DEFAULT_RULES).map(dayToIso)).toEqual(["2025-04-01"]);
    expect(periodStartsWithin(d(2022, 9, 29), d(2023, 4, 2), DEFAULT_RULES).map(dayToIso)).toEqual(["2022-10-01", "2023-04-01"]);
    expect(periodStartsWithin(d(2025, 3, 1), d(2025, 3, 31), DEFAULT_RULES)).toEqual([]);
  });
});
