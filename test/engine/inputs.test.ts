// Every class of bad input gets a message naming the argument and the problem, never a number.
import { ArgError, contributions, countryArg, dateArg, dateText, daysArg, daysText, DEFAULT_SETTINGS, Money, moneyArg, moneyText } from "../../src/engine";
import { dayFromYmd, DEFAULT_RULES, isoToDay, LocumError } from "../../src/rules";

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

// Each typed error of the argument parsers: its problem, its argument's name apart from the words,
// and the message people see (the name, then the words), on both sides of each limit.

/** The ArgError `fn` throws. */
function thrown(fn: () => unknown): ArgError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ArgError);
    expect(e).toBeInstanceOf(LocumError); // hosts still show it as bad input
    return e as ArgError;
  }
  throw new Error("nothing thrown");
}

/** The error's fields, and that its message is the name then the words. */
function expectArg(fn: () => unknown, arg: string, problem: string, said: string) {
  const e = thrown(fn);
  expect({ arg: e.arg, problem: e.problem, said: e.said }).toEqual({ arg, problem, said });
  expect(e.message).toBe(`${arg} ${said}`);
  expect(e.kind).toBe("value");
}

describe("moneyArg", () => {
  test("each problem, typed", () => {
    expectArg(() => moneyArg("", "Fee"), "Fee", "empty", "is empty: give an amount in pounds");
    expectArg(() => moneyArg(" #DIV/0! ", "Fee"), "Fee", "excel error", "holds the Excel error #DIV/0!: fix that cell first");
    expectArg(() => moneyArg("1,200", "Fee"), "Fee", "number as text", 'must be a number of pounds, not the text "1,200"');
    expectArg(() => moneyArg(false, "Fee"), "Fee", "not a number", "must be a number of pounds, not FALSE");
    expectArg(() => moneyArg(Infinity, "Fee"), "Fee", "not finite", "must be a finite number");
    expectArg(() => moneyArg(-0.01, "Fee"), "Fee", "negative", "cannot be negative (-0.01)");
    expectArg(() => moneyArg(0, "Fee", { allowZero: false }), "Fee", "zero", "must be more than £0.00");
    expectArg(() => moneyArg(10.001, "Fee"), "Fee", "fraction of a penny", "has a fraction of a penny (10.001): round it to pounds and pence");
  });

  test("£1,000,000,000 is the most; a penny more is too large", () => {
    expect(moneyArg(1_000_000_000, "Pay").toString()).toBe("1000000000");
    expectArg(
      () => moneyArg(1_000_000_000.01, "Pay"),
      "Pay",
      "too large",
      "is 1000000000.01, more than £1,000,000,000.00, the most an amount may be (a sanity limit, not a scheme rule): check the amount (a date, a reference or a total typed as money?)",
    );
    expect(moneyArg(0, "Pay").toString()).toBe("0");
  });
});

describe("moneyText", () => {
  test("pounds typed as text, and each problem", () => {
    expect(moneyText("£1,234.56", "--pay").toString()).toBe("1234.56");
    expectArg(() => moneyText("-5", "--pay"), "--pay", "negative", "cannot be negative (-5)");
    expectArg(() => moneyText("lots", "--pay"), "--pay", "not a number", 'must be a number of pounds, not "lots"');
    expectArg(() => moneyText("0", "--pay", { allowZero: false }), "--pay", "zero", "must be more than £0.00");
    expect(thrown(() => moneyText("1000000001", "--pay")).problem).toBe("too large");
  });
});

describe("dateArg and dateText", () => {
  test("from 01/04/2015 to 31/12/2099, and the days either side", () => {
    expect(dateArg("01/04/2015", "Date paid")).toBe(dayFromYmd(2015, 4, 1));
    expectArg(() => dateArg("31/03/2015", "Date paid"), "Date paid", "before first day", "31/03/2015 is before 01/04/2015: the 2015 Scheme tables start then");
    expect(dateArg("2099-12-31", "Date paid")).toBe(dayFromYmd(2099, 12, 31));
    expectArg(
      () => dateArg("2100-01-01", "Date paid"),
      "Date paid",
      "after last day",
      "01/01/2100 is after 31/12/2099, the last date taken: check the year (or a number typed where a date goes)",
    );
    expect(thrown(() => dateArg(3_000_000, "Date paid")).said).toMatch(/^3000000 \(as a date serial\) is after/);
  });

  test("empty, a boolean, an Excel error and text that is no date", () => {
    expectArg(() => dateArg(null, "Date worked"), "Date worked", "empty", "is empty: give a date");
    expectArg(() => dateArg(true, "Date worked"), "Date worked", "not a date", "must be a date, not TRUE");
    expectArg(() => dateArg("#N/A", "Date worked"), "Date worked", "excel error", "holds the Excel error #N/A: fix that cell first");
    expectArg(
      () => dateArg("30/02/2025", "Date worked"),
      "Date worked",
      "not a date",
      'is not a date: the text "30/02/2025" (use a date cell, yyyy-mm-dd or dd/mm/yyyy)',
    );
    expectArg(() => dateText("1 April", "--today"), "--today", "not a date", 'is not a date: "1 April" (use a date like 2025-04-01 or 01/04/2025)');
  });
});

describe("days and country", () => {
  test("days within the span, and outside it", () => {
    const from = dayFromYmd(2025, 4, 1);
    expect(daysText("3", "--days", from, from + 2)).toBe(3);
    expectArg(
      () => daysText("4", "--days", from, from + 2),
      "--days",
      "not whole days",
      'must be a whole number of days from 1 to 3 (the days from 01/04/2025 to 03/04/2025), not "4"',
    );
    expectArg(() => daysArg(0, "days"), "days", "not whole days", "must be a whole number of days, at least 1 (got 0)");
    expect(daysArg("1", "days")).toBe(1);
  });

  test("England or Wales; Scotland runs its own scheme (said after a colon)", () => {
    expect(countryArg("Cymru")).toBe("Wales");
    const e = thrown(() => countryArg("Scotland"));
    expect({ arg: e.arg, problem: e.problem, said: e.said }).toEqual({
      arg: "country",
      problem: "other scheme",
      said: "Scotland runs its own NHS pension scheme; this tool covers England and Wales only",
    });
    expect(e.message).toBe("country: Scotland runs its own NHS pension scheme; this tool covers England and Wales only");
    expectArg(() => countryArg("France"), "country", "not a country", 'must be England or Wales, not the text "France"');
  });
});
