// Form B months as keys and as people read them (src/forms/months.ts), worked out by hand.
import { howToPay, monthEnd, monthKeyOf, monthLabel, monthOfKey, monthStart, schemeYearOfMonth } from "../../src/forms/months";
import { dayFromYmd } from "../../src/rules";

test.each([
  ["2026-03", { year: 2026, month: 3 }, 2025, "March 2026"], // March closes the scheme year that began in April 2025
  ["2026-04", { year: 2026, month: 4 }, 2026, "April 2026"], // April opens the next
  ["2025-12", { year: 2025, month: 12 }, 2025, "December 2025"],
  ["2026-01", { year: 2026, month: 1 }, 2025, "January 2026"],
])("%s: %j, scheme year %i, %s", (key, parts, schemeYear, label) => {
  expect(monthOfKey(key)).toEqual(parts);
  expect(schemeYearOfMonth(key)).toBe(schemeYear);
  expect(monthLabel(key)).toBe(label);
});

test("a month's first and last day, and the key of any day in it", () => {
  expect(monthStart("2024-02")).toBe(dayFromYmd(2024, 2, 1));
  expect(monthEnd("2024-02")).toBe(dayFromYmd(2024, 2, 29)); // 2024 is a leap year
  expect(monthEnd("2025-02")).toBe(dayFromYmd(2025, 2, 28));
  expect(monthEnd("2025-12")).toBe(dayFromYmd(2025, 12, 31)); // the day before 1 January 2026
  expect(monthKeyOf(dayFromYmd(2025, 12, 31))).toBe("2025-12");
  expect(monthKeyOf(dayFromYmd(2026, 1, 1))).toBe("2026-01");
});

test("how to pay: England by card or BACS with the UPR, Wales by cheque to the LHB (§3)", () => {
  expect(howToPay("England", "12345678LOCAPR2026")).toBe(
    "pay by card through GOV.UK Pay from the Locum B screen in PCSE Online once the forms are submitted, or by BACS with 12345678LOCAPR2026 as the reference",
  );
  expect(howToPay("Wales", "12345678LOCAPR2026")).toBe("pay by cheque to your Local Health Board, sent with the forms");
});
