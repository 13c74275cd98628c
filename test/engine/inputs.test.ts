// Every class of bad input gets a message naming the argument and the problem, never a number.
import { contributions, countryArg, dateArg, daysArg, DEFAULT_SETTINGS, Money, moneyArg, moneyText } from "../../src/engine";
import { DEFAULT_RULES, isoToDay, LocumError } from "../../src/rules";

const err = (f: () => unknown): LocumError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LocumError);
    return e as LocumError;
  }
  throw new Error("expected a LocumError, got a value");
};

test.each([
  ["text for a number", () => moneyArg("abc", "earnings"), 'earnings must be a number of pounds, not the text "abc"'],
  ["a number stored as text", () => moneyArg("1234.56", "earnings"), 'earnings must be a number of pounds, not the text "1234.56"'],
  ["an empty cell", () => moneyArg(null, "fee"), "fee is empty"],
  ["negative pay", () => moneyArg(-5, "earnings"), "earnings cannot be negative (-5)"],
  ["a fraction of a penny", () => moneyArg(100.005, "fee"), "fee has a fraction of a penny (100.005)"],
  ["an Excel error in the cell", () => moneyArg("#REF!", "fee"), "fee holds the Excel error #REF!"],
  ["TRUE for money", () => moneyArg(true, "fee"), "fee must be a number of pounds, not TRUE"],
  ["infinity", () => moneyArg(Infinity, "fee"), "fee must be a finite number"],
  ["zero where a fee is needed", () => moneyArg(0, "fee", { allowZero: false }), "fee must be more than £0.00"],
  ["command-line text", () => moneyText("12,34x", "earnings"), 'earnings must be a number of pounds, not "12,34x"'],
  ["command-line negative", () => moneyText("-10", "earnings"), "earnings cannot be negative (-10)"],
  ["a date before April 2015", () => dateArg("2015-03-31", "start"), "start 31/03/2015 is before 01/04/2015"],
  ["an impossible date", () => dateArg("31/02/2023", "end"), 'end is not a date: the text "31/02/2023"'],
  ["a date as TRUE", () => dateArg(true, "start"), "start must be a date, not TRUE"],
  ["an empty date", () => dateArg("", "start"), "start is empty"],
  ["a serial before 1900-03-01", () => dateArg(12, "start"), "start is not a date: 12"],
  ["days of service 0", () => daysArg(0, "days_of_service"), "days_of_service must be a whole number of days, at least 1 (got 0)"],
  ["days of service 1.5", () => daysArg(1.5, "days_of_service"), "at least 1 (got 1.5)"],
  ["Scotland", () => countryArg("Scotland"), "Scotland runs its own NHS pension scheme"],
  ["Northern Ireland", () => countryArg("Northern Ireland"), "Northern Ireland runs its own NHS pension scheme"],
  ["another country", () => countryArg("France"), 'country must be England or Wales, not the text "France"'],
])("%s", (_what, f, message) => {
  const e = err(f);
  expect(e.message).toContain(message);
  expect(e.kind).toBe("value");
});

const contrib = (start: string, end: string, days?: number) =>
  contributions({ earnings: new Money(1000), start: isoToDay(start)!, end: isoToDay(end)!, daysOfService: days }, DEFAULT_RULES, DEFAULT_SETTINGS);

test("end before start", () => {
  expect(err(() => contrib("2022-09-30", "2022-09-01")).message).toBe("end 01/09/2022 is before start 30/09/2022");
});

test("more days of service than days in the span", () => {
  expect(err(() => contrib("2022-09-01", "2022-09-30", 31)).message).toBe("days of service (31) cannot be more than the 30 days from 01/09/2022 to 30/09/2022");
});

test("a date no table covers is #N/A with a message, not #VALUE!", () => {
  const e = err(() => contrib("2027-03-01", "2027-04-30"));
  expect(e.kind).toBe("na");
  expect(e.message).toBe(
    "no tier table covers 01/04/2027: add that year's table (LocumRules sheet or --rules FILE), or give the September CPI to project it (a LocumRules row of Kind CPI, or --cpi)",
  );
});

test("binary noise from a formula is snapped to the penny, not refused", () => {
  expect(moneyArg(120.00000000000001, "fee").toFixed(2)).toBe("120.00");
  expect(moneyArg(0.1 + 0.2, "fee").toString()).toBe("0.3");
  expect(moneyText("£1,234.56", "earnings").toString()).toBe("1234.56");
});
