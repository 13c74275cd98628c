// Scheme years, leap years, apportionment across years and tables, employer rates, deadlines, UPR.
import {
  annualiseInYear,
  apportion,
  contributions,
  DEFAULT_SETTINGS,
  daysInSchemeYear,
  distinctDays,
  employerContribution,
  formBDueDate,
  inclusiveDays,
  Money,
  pastTenWeeks,
  pensionablePay,
  pounds,
  schemeYearLabel,
  schemeYearOf,
  sdNumber,
  settingsFrom,
  tenWeekCutoff,
  upr,
} from "../../src/engine";
import { DEFAULT_RULES, dayToIso, dayToSerial, dayToUk, isoToDay, serialToDay, textToDay } from "../../src/rules";

const S = DEFAULT_SETTINGS;
const d = (iso: string) => isoToDay(iso)!;
const run = (earnings: string, start: string, end: string, days?: number, settings = S) =>
  contributions({ earnings: new Money(earnings), start: d(start), end: d(end), daysOfService: days }, DEFAULT_RULES, settings);
const summary = (r: ReturnType<typeof run>) =>
  r.parts.map((p) => [
    dayToIso(p.start),
    dayToIso(p.end),
    p.days,
    p.earnings.toFixed(2),
    p.annualised.toFixed(2),
    p.rate.toString(),
    p.contribution.toFixed(2),
  ]);

describe("dates", () => {
  test("Excel serials, ISO and UK text", () => {
    expect(dayToIso(serialToDay(44805)!)).toBe("2022-09-01");
    expect(dayToSerial(d("2021-08-07"))).toBe(44415);
    expect(dayToIso(serialToDay(44805.75)!)).toBe("2022-09-01"); // a time of day is dropped
    expect(serialToDay(60)).toBeNull();
    expect(dayToIso(textToDay("01/09/2022")!)).toBe("2022-09-01");
    expect(textToDay("31/02/2023")).toBeNull();
    expect(textToDay("2023-02-29")).toBeNull();
    expect(dayToIso(textToDay("2024-02-29")!)).toBe("2024-02-29");
    expect(dayToUk(d("2022-09-01"))).toBe("01/09/2022");
  });

  test("scheme year of a date, its label and its days", () => {
    expect(schemeYearOf(d("2022-03-31"))).toBe(2021);
    expect(schemeYearOf(d("2022-04-01"))).toBe(2022);
    expect(schemeYearLabel(2022)).toBe("2022/23");
    expect(schemeYearLabel(2099)).toBe("2099/00");
    expect([2015, 2019, 2023, 2027].map((y) => daysInSchemeYear(y, S))).toEqual([366, 366, 366, 366]);
    expect([2016, 2020, 2022, 2024, 2026].map((y) => daysInSchemeYear(y, S))).toEqual([365, 365, 365, 365, 365]);
    expect(daysInSchemeYear(2023, { ...S, yearBase: "365" })).toBe(365);
    expect(inclusiveDays(d("2022-09-01"), d("2022-09-30"))).toBe(30);
    expect(inclusiveDays(d("2022-09-01"), d("2022-09-01"))).toBe(1);
  });
});

describe("apportionment and annualisation", () => {
  test("a span across scheme years, same table: each year annualised on its own days", () => {
    const r = run("6100.00", "2021-03-01", "2021-04-30");
    expect(summary(r)).toEqual([
      ["2021-03-01", "2021-03-31", 31, "3100.00", "36500.00", "0.093", "288.30"],
      ["2021-04-01", "2021-04-30", 30, "3000.00", "36500.00", "0.093", "279.00"],
    ]);
    expect(r.total.toFixed(2)).toBe("567.30");
  });

  test("a span into a leap scheme year: 2023/24 has 366 days", () => {
    const r = run("6100.00", "2024-03-01", "2024-04-30");
    expect(summary(r)).toEqual([
      ["2024-03-01", "2024-03-31", 31, "3100.00", "36600.00", "0.098", "303.80"],
      ["2024-04-01", "2024-04-30", 30, "3000.00", "36500.00", "0.098", "294.00"],
    ]);
    expect(r.total.toFixed(2)).toBe("597.80");
  });

  test("three parts: old table, new table, next scheme year", () => {
    const r = run("21300.00", "2022-09-15", "2023-04-15");
    expect(summary(r)).toEqual([
      ["2022-09-15", "2022-09-30", 16, "1600.00", "36500.00", "0.093", "148.80"],
      ["2022-10-01", "2023-03-31", 182, "18200.00", "36500.00", "0.098", "1783.60"],
      ["2023-04-01", "2023-04-15", 15, "1500.00", "36600.00", "0.098", "147.00"],
    ]);
    expect(r.total.toFixed(2)).toBe("2079.40");
  });

  test("a full leap year annualises to the actual pay; the 365 setting does not", () => {
    expect(summary(run("51800.00", "2023-04-01", "2024-03-31"))).toEqual([["2023-04-01", "2024-03-31", 366, "51800.00", "51800.00", "0.116", "6008.80"]]);
    const r365 = run("51800.00", "2023-04-01", "2024-03-31", undefined, { ...S, yearBase: "365" });
    expect(r365.annualised.toFixed(2)).toBe("51658.47");
    expect(r365.total.toFixed(2)).toBe("5180.00");
  });

  test("days of service: a locum is in service only on days worked (the annualisation trap)", () => {
    expect(run("4000.00", "2024-05-01", "2024-05-31").total.toFixed(2)).toBe("392.00"); // 47,096.77 → 9.8 %
    const locum = run("4000.00", "2024-05-01", "2024-05-31", 10); // 146,000.00 → 12.5 %
    expect([locum.annualised.toFixed(2), locum.parts[0].tier, locum.total.toFixed(2)]).toEqual(["146000.00", 6, "500.00"]);
    expect(locum.continuous).toBe(false);
  });

  test("uneven split: the last part takes the remainder so parts add up exactly", () => {
    const slices = apportion(new Money("1000.00"), d("2022-09-30"), d("2022-10-02"), DEFAULT_RULES, S);
    expect(slices.map((s) => s.earnings.toFixed(2))).toEqual(["333.33", "666.67"]);
  });

  test("annualise inside one scheme year", () => {
    expect(annualiseInYear(new Money(20000), 100, 2023, S).toFixed(2)).toBe("73200.00");
    expect(annualiseInYear(new Money(20000), 100, 2022, S).toFixed(2)).toBe("73000.00");
    expect(() => annualiseInYear(new Money(20000), 366, 2022, S)).toThrow("cannot be more than the 365 days of scheme year 2022/23");
  });

  test("2026/27 is published, not provisional", () => {
    const r = run("5000.00", "2026-05-01", "2026-05-31");
    expect(r.provisional).toBe(false);
    expect(r.parts[0].table.status).toBe("published");
    expect(run("5000.00", "2026-03-01", "2026-03-31").parts[0].table.status).toBe("confirmed");
  });
});

describe("employer contribution by date paid", () => {
  const at = (iso: string, pay = "90.00") => employerContribution(new Money(pay), d(iso), DEFAULT_RULES, S);
  test("14.3 % to 31/03/2017, 14.38 % from 01/04/2017", () => {
    expect([at("2016-06-01").amount.toFixed(2), at("2017-03-31").amount.toFixed(2), at("2017-04-01").amount.toFixed(2)]).toEqual(["12.87", "12.87", "12.94"]);
    expect(at("2026-06-01").rate.toString()).toBe("0.1438");
  });
  test("2027/28 provisional at 14.38 %; no rate for 2028/29 yet: #N/A kind", () => {
    expect([at("2027-04-01").rate.toString(), at("2027-04-01").table.status]).toEqual(["0.1438", "provisional"]);
    expect(() => at("2028-04-01")).toThrow(expect.objectContaining({ kind: "na" }));
  });
});

describe("deadlines, the 10-week rule and distinct days", () => {
  test("Form B due by the 7th of the next month, across a year end", () => {
    expect(dayToIso(formBDueDate(d("2021-12-15")))).toBe("2022-01-07");
    expect(dayToIso(formBDueDate(d("2022-01-31")))).toBe("2022-02-07");
  });
  test("10 weeks from the last day of the period (default, §3) or the first day worked (setting)", () => {
    const first = d("2023-01-02");
    const last = d("2023-01-06");
    const F = { ...S, tenWeekAnchor: "first" as const };
    expect(dayToIso(tenWeekCutoff(first, last, S))).toBe("2023-03-17");
    expect(dayToIso(tenWeekCutoff(first, last, F))).toBe("2023-03-13");
    expect(pastTenWeeks(first, last, d("2023-03-13"), F)).toBe(false);
    expect(pastTenWeeks(first, last, d("2023-03-14"), F)).toBe(true);
    expect(pastTenWeeks(first, last, d("2023-03-14"), S)).toBe(false);
    expect(pastTenWeeks(first, last, d("2023-03-18"), { ...S, tenWeekAnchor: "last" })).toBe(true);
  });
  test("suspended for submissions 01/04/2020 to 30/09/2022", () => {
    expect(pastTenWeeks(d("2021-01-04"), d("2021-01-04"), d("2021-06-01"), S)).toBe(false);
    expect(pastTenWeeks(d("2022-06-01"), d("2022-06-01"), d("2022-10-01"), S)).toBe(true);
    expect(pastTenWeeks(d("2019-06-03"), d("2019-06-03"), d("2020-03-31"), S)).toBe(true);
  });
  test("a day worked at two practices counts once", () => {
    expect(distinctDays([d("2022-09-01"), d("2022-09-01"), d("2022-09-02")])).toBe(2);
  });
});

describe("UPR and SD numbers", () => {
  test("four-digit year by default (PCSE's current page), two by setting (the older 16-character form)", () => {
    expect(upr("12345678", 2023, 3, S)).toBe("12345678LOCMAR2023");
    expect(upr("12345678", 2017, 2, S)).toBe("12345678LOCFEB2017");
    expect(upr("12345678", 2017, 2, { ...S, uprYearDigits: 2 })).toBe("12345678LOCFEB17");
    expect(upr("12345678", 2017, 2, { ...S, uprYearDigits: 2 })).toHaveLength(16);
    expect(upr(1234567, 2022, 12, S)).toBe("01234567LOCDEC2022");
  });
  test("SD numbers: Excel's dropped leading zero restored; spaces ignored; bad ones refused", () => {
    expect(sdNumber(1234567)).toBe("01234567");
    expect(sdNumber("1234 5678")).toBe("12345678");
    expect(() => sdNumber("1234567X")).toThrow('SD number must be 8 digits, not "1234567X"');
    expect(() => sdNumber(123456789)).toThrow("SD number must be 8 digits");
    expect(() => sdNumber("")).toThrow("SD number is empty");
  });
});

describe("settings", () => {
  test("from name/value pairs; unknown names and values are refused", () => {
    expect(
      settingsFrom(
        [
          ["Year base", "365"],
          ["UPR year digits", 4],
        ],
        "LocumSettings",
      ),
    ).toEqual({ ...S, yearBase: "365", uprYearDigits: 4 });
    expect(() => settingsFrom([["colour", "red"]], "LocumSettings")).toThrow('LocumSettings: unknown setting "colour"');
    expect(() => settingsFrom([["rounding", "up"]], "LocumSettings")).toThrow("rounding must be one of half-up, half-even");
  });
  test("half-even rounding changes an exact half penny, half-up is the default", () => {
    // £1.05 × 90 % = £0.945 exactly: half up gives £0.95, half even £0.94.
    expect(pensionablePay(new Money("1.05"), S).toFixed(2)).toBe("0.95");
    expect(pensionablePay(new Money("1.05"), { ...S, rounding: "half-even" }).toFixed(2)).toBe("0.94");
    expect(pensionablePay(new Money("1.15"), { ...S, rounding: "half-even" }).toFixed(2)).toBe("1.04"); // 1.035 → 1.04
  });
  test("money for people: £1,234.56", () => {
    expect(pounds(new Money("1234567.5"))).toBe("£1,234,567.50");
    expect(pounds(new Money("-12"))).toBe("−£12.00");
    expect(pounds(new Money("0"))).toBe("£0.00");
  });
});

test("tiny earnings over many parts: no part is negative (found by the property test)", () => {
  // £0.15 over 720 days from 13/04/2022 (seed 1591015915): rounding each part alone left the last at −£0.01
  const start = 19095;
  const slices = apportion(new Money("0.15"), start, 19814, DEFAULT_RULES, S);
  expect(slices.map((s) => [dayToIso(s.start), s.days])).toEqual([
    ["2022-04-13", 171],
    ["2022-10-01", 182],
    ["2023-04-01", 366],
    ["2024-04-01", 1],
  ]);
  expect(slices.map((s) => s.earnings.toFixed(2))).toEqual(["0.04", "0.03", "0.08", "0.00"]); // exact shares 0.0356, 0.0379, 0.0763, 0.0002
});

test("each part is its own share rounded to the penny, the last the remainder (§7), as a person checks it by hand", () => {
  // £109.68 over 31/03/2022 to 01/10/2022 (185 days): 109.68 × 1/185 = 0.5929, × 183/185 = 108.4946
  const slices = apportion(new Money("109.68"), 19082, 19266, DEFAULT_RULES, S);
  expect(slices.map((s) => [dayToIso(s.start), s.days, s.earnings.toFixed(2)])).toEqual([
    ["2022-03-31", 1, "0.59"],
    ["2022-04-01", 183, "108.49"],
    ["2022-10-01", 1, "0.60"],
  ]);
});
