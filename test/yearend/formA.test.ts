// LOCUM.FORMA's own module: where the forms put a row, as data (formAPlaceOf), and how a cell it
// cannot use is named by its argument, decided by the reader's message kind, never its wording.
import { DEFAULT_SETTINGS } from "../../src/engine";
import { DEFAULT_RULES } from "../../src/rules";
import { type FormACells, formAOfCells, formAPlaceOf } from "../../src/yearend";

const row = (c: Partial<FormACells>): FormACells => ({ dateWorked: "2025-05-09", datePaid: "2025-05-22", practiceCode: "Y02345", ...c });
const place = (c: Partial<FormACells>) => formAPlaceOf(row(c), DEFAULT_RULES, DEFAULT_SETTINGS);
const said = (c: Partial<FormACells>) => {
  try {
    formAOfCells(row(c), DEFAULT_RULES, DEFAULT_SETTINGS);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("no error");
};

test("a row's place, as data", () => {
  expect(place({ invoice: "inv 7" })).toEqual({ on: "formsA", formsA: [{ year: 2025, month: 5, practice: "Y02345", invoice: "INV 7" }] });
  expect(place({ practiceCode: "", practice: "St. Mary's Surgery" })).toEqual({
    on: "formsA",
    formsA: [{ year: 2025, month: 5, practice: "name:stmaryssurgery", invoice: "" }],
  });
  expect(place({ workType: "private" })).toEqual({ on: "none", why: "private work", solo: false });
  expect(place({ workType: "out of hours" })).toEqual({ on: "none", why: "out-of-hours work", solo: true });
  expect(place({ datePaid: "", dateWorked: "2026-02-27" })).toEqual({ on: "unpaid" });
});

describe("a cell it cannot use, named by its argument", () => {
  test("the reader's text reads on from the name: a space", () => {
    expect(said({ datePaid: "not a date" })).toMatch(/^date_paid is not a date/);
    expect(said({ lastDay: "=B2" })).toMatch(/^last_day holds a formula with no saved result \(=B2\)/);
    expect(said({ invoice: "#N/A" })).toMatch(/^invoice holds the Excel error #N\/A/);
    expect(said({ invoice: "x".repeat(200) })).toMatch(/^invoice is 200 characters long/);
    // The engine's own words about a date, after the name it was given (as LOCUM.DUE says them).
    expect(said({ datePaid: "2100-05-05" })).toBe(
      "date_paid 05/05/2100 is after 31/12/2099, the last date taken: check the year (or a number typed where a date goes)",
    );
  });
  test("any other text: after a colon", () => {
    expect(said({ lastDay: "2025-05-05" })).toBe("last_day: the last day is before the first day worked: swap them");
    expect(said({ workType: "locum cover" })).toMatch(/^work_type: "locum cover" is not a work type/);
    expect(said({ dateWorked: "2025-05-20", datePaid: "2025-05-02" })).toMatch(/^date_paid: 02\/05\/2025 is before the last day worked/);
  });
});
