// The year-end engine (issue 9) on hand-checked cases. Every expected figure is worked out in the
// comment beside it from the rules of shared/domain/README.md §4, §5, §8, never by the code under test.
import type Decimal from "decimal.js";
import {
  DEFAULT_SETTINGS,
  type FormBItem,
  Money,
  settingsFrom,
  type Settings,
  taxYearOf,
  type WorkItem,
  type YearEndResult,
  yearEnds,
  type YearEndSource,
  yearEndJson,
  yearEndNotes,
  yearEndText,
} from "../../src/engine";
import {
  accrualOf,
  annualAllowanceOf,
  type Day,
  dayFromYmd as d,
  dayToIso,
  DEFAULT_RULES,
  LocumError,
  parseYearEndData,
  type2Deadline,
  YEAR_END_DATA,
} from "../../src/rules";
import examples from "../support/yearend-examples.json";

const M = (x: string | number) => new Money(x);
const S = DEFAULT_SETTINGS;
const f2 = (x: Decimal) => x.toFixed(2);
const work = (first: Day, last: Day, pay: string | number, label = "w"): WorkItem => ({ pay: M(pay), periods: [[first, last]], label });
/** A Form B whose box b is given by hand (not worked out by the code under test). */
function formB(
  y: number,
  m: number,
  a: string | number,
  rate: string,
  b: string | number,
  o: { sent?: Day | null; due?: Day; h?: string | number } = {},
): FormBItem {
  const next = m === 12 ? d(y + 1, 1, 7) : d(y, m + 1, 7);
  return {
    month: { year: y, month: m },
    day: d(y, m, 1),
    rate: M(rate),
    a: M(a),
    b: M(b),
    h: o.h === undefined ? null : M(o.h),
    sent: o.sent ?? null,
    due: o.due ?? next,
    label: `Form B ${m}/${y}`,
  };
}
const one = (src: Partial<YearEndSource>, settings: Settings = S): YearEndResult => {
  const rs = yearEnds({ country: "England", work: [], formsB: [], ...src }, DEFAULT_RULES, settings);
  expect(rs).toHaveLength(1);
  return rs[0];
};
const figures = (r: YearEndResult) => ({
  locumPay: f2(r.locumPay),
  days: r.daysWorked,
  service: r.daysOfService,
  annualised: f2(r.annualised),
  parts: r.parts.map((p) => [p.tier, p.rate.toString(), f2(p.due), f2(p.paid), f2(p.settlement.difference)]),
  due: f2(r.due),
  paid: f2(r.paid),
  difference: f2(r.settlement.difference),
  outcome: r.settlement.text,
});

describe("examples.json yearEnd cases", () => {
  test("locum only 2023/24 (leap): 30 days, £21,600, 9.8% paid all year → top-up £799.20", () => {
    const e = examples.yearEnd[0];
    // Six months, each 5 days at a fee of £800: pensionable 5 × 720 = £3,600.00 a Form B; box b 3,600 × 9.8% = £352.80.
    const months: [number, number][] = [
      [2023, 4],
      [2023, 6],
      [2023, 8],
      [2023, 10],
      [2023, 12],
      [2024, 2],
    ];
    const src = { work: months.map(([y, m]) => work(d(y, m, 4), d(y, m, 8), 3600)), formsB: months.map(([y, m]) => formB(y, m, 3600, "0.098", "352.80")) };
    const r = one(src);
    // 21,600 ÷ 30 × 366 = 263,520.00 (2023/24 holds 29/02/2024) → above £75,632: 13.5%, tier 11.
    // Due 21,600 × 13.5% = 2,916.00; paid 6 × 352.80 = 2,116.80; difference 799.20.
    expect(figures(r)).toEqual({
      locumPay: "21600.00",
      days: e.days_worked,
      service: 30,
      annualised: "263520.00",
      parts: [[11, "0.135", "2916.00", "2116.80", "799.20"]],
      due: "2916.00",
      paid: "2116.80",
      difference: "799.20",
      outcome: e.outcome,
    });
    expect([+r.annualised, +r.parts[0].rate, +r.due, +r.paid, +r.settlement.difference]).toEqual([e.annualised, e.rate_due, e.due, e.paid, e.difference]);
    expect(r.type2).toBeNull();
    expect(r.yearDays).toBe(366);
    // The 365 base (a setting): 21,600 ÷ 30 × 365 = 262,800.00, still 13.5%.
    expect(f2(one(src, { ...S, yearBase: "365" }).annualised)).toBe(e.annualised_365_base!.toFixed(2));
  });

  test("locum + salaried all year 2024/25: £9,100 + £40,000 crosses £49,078 → 10.7%, Type 2 by 28/02/2026", () => {
    const e = examples.yearEnd[1];
    // 15 days worked + 365 days salaried = 380, capped at the 365 days of 2024/25: (9,100 + 40,000) ÷ 365 × 365 = 49,100.00
    // → above £49,078: 10.7%, tier 5. Due 9,100 × 10.7% = 973.70; paid (one Form B) 9,100 × 9.8% = 891.80; difference 81.90.
    const r = one({
      work: [work(d(2024, 6, 3), d(2024, 6, 17), 9100)],
      formsB: [formB(2024, 7, 9100, "0.098", "891.80")],
      other: { 2024: { pay: M(40000), days: 365 } },
    });
    expect(figures(r)).toEqual({
      locumPay: "9100.00",
      days: e.days_worked,
      service: 365,
      annualised: "49100.00",
      parts: [[5, "0.107", "973.70", "891.80", "81.90"]],
      due: "973.70",
      paid: "891.80",
      difference: "81.90",
      outcome: e.outcome,
    });
    expect(r.capped).toBe(true);
    expect(dayToIso(r.type2!.dueBy!)).toBe(e.type2_due_by);
    expect(r.type2!.entry!.status).toBe("confirmed");
    expect(r.form).toBe("Type 2 self-assessment due by 28/02/2026, to PCSE: it settles the year across every post.");
    // The figures the Type 2 asks for: locum pay at 90 %, the other post, the contributions already paid.
    expect([f2(r.type2!.locumPay), f2(r.type2!.otherPay), r.type2!.otherDays, f2(r.type2!.contributionsPaid)]).toEqual(["9100.00", "40000.00", 365, "891.80"]);
    expect(yearEndNotes(r).some((n) => n.includes("taken as 365"))).toBe(true);
  });
});

test("the annualisation trap: 10 days at £1,000 a day is a 12.5% year, not 5.2%", () => {
  // 2025/26: 10 days, fee £1,000 → £900 a day → £9,000. Two Forms B (May, November), 5 days each: a 4,500.00 at 5.2% → b 234.00.
  // 9,000 ÷ 10 × 365 = 328,500.00 → above £65,190: 12.5%, tier 6. Due 9,000 × 12.5% = 1,125.00; paid 468.00; top-up 657.00.
  const r = one({
    work: [work(d(2025, 5, 5), d(2025, 5, 9), 4500), work(d(2025, 11, 3), d(2025, 11, 7), 4500)],
    formsB: [formB(2025, 6, 4500, "0.052", "234.00"), formB(2025, 12, 4500, "0.052", "234.00")],
  });
  expect(figures(r)).toEqual({
    locumPay: "9000.00",
    days: 10,
    service: 10,
    annualised: "328500.00",
    parts: [[6, "0.125", "1125.00", "468.00", "657.00"]],
    due: "1125.00",
    paid: "468.00",
    difference: "657.00",
    outcome: "top-up to PCSE",
  });
  expect(r.type2).toBeNull();
  expect(r.form).toBe("No end-of-year form (locum work only): settle the difference with PCSE.");
  // Per Form B the rate used beside the rate due.
  expect(r.parts[0].formsB.map((l) => [l.rateUsed.toString(), l.rateDue.toString(), f2(l.atRateDue)])).toEqual([
    ["0.052", "0.125", "562.50"],
    ["0.052", "0.125", "562.50"],
  ]);
});

test("a locum who is also salaried all year: Type 2 due, the 2025/26 date marked not yet confirmed", () => {
  // 2025/26: locum 20 days at fee £600 → £540 a day → £10,800; salaried £60,000 over 365 days.
  // 20 + 365 = 385 days, capped at 365: 70,800 ÷ 365 × 365 = 70,800.00 → above £65,190: 12.5%, tier 6.
  // Due 10,800 × 12.5% = 1,350.00. Four Forms B of £2,700.00 at 10.7%: 288.90 each, paid 1,155.60; top-up 194.40.
  const months = [5, 7, 9, 11];
  const r = one({
    work: months.map((m) => work(d(2025, m, 1), d(2025, m, 5), 2700)),
    formsB: months.map((m) => formB(2025, m, 2700, "0.107", "288.90")),
    other: { 2025: { pay: M(60000), days: 365 } },
  });
  expect(figures(r)).toEqual({
    locumPay: "10800.00",
    days: 20,
    service: 365,
    annualised: "70800.00",
    parts: [[6, "0.125", "1350.00", "1155.60", "194.40"]],
    due: "1350.00",
    paid: "1155.60",
    difference: "194.40",
    outcome: "top-up to PCSE",
  });
  // 28 February after the scheme year ends (31/03/2026): 28/02/2027, the standing rule, not yet confirmed for 2025/26.
  expect(dayToIso(r.type2!.dueBy!)).toBe("2027-02-28");
  expect(r.form).toBe("Type 2 self-assessment due by 28/02/2027 (the usual date, not yet confirmed), to PCSE: it settles the year across every post.");
  expect(r.type2!.reasons).toEqual(["other practitioner pay of £60,000.00 (salaried/type 2, SOLO or out-of-hours)"]);
  // Pension built up (estimate): (10,800 + 60,000) ÷ 54 = 1,311.111… → 1,311.11.
  expect(f2(r.pension.accrual!)).toBe("1311.11");
});

describe("2022/23 across the 1 October 2022 table change", () => {
  // Part 1 (01/04–30/09/2022): four 10-day spans at £450 a day, £4,500 each → 40 days, £18,000.
  // Part 2 (01/10/2022–31/03/2023): six such spans → 60 days, £27,000.
  const p1: [number, number, number][] = [
    [4, 4, 13],
    [5, 9, 18],
    [6, 6, 15],
    [9, 19, 28],
  ];
  const p2: [number, number, number][] = [
    [10, 3, 12],
    [11, 7, 16],
    [12, 5, 14],
    [1, 9, 18],
    [2, 6, 15],
    [3, 6, 15],
  ];
  const y = (m: number) => (m >= 4 ? 2022 : 2023);
  const src = {
    work: [...p1, ...p2].map(([m, a, b]) => work(d(y(m), m, a), d(y(m), m, b), 4500)),
    // Each Form B £4,500.00 at 12.5% (tier 5 of the old table, tier 10 of the new): 562.50.
    formsB: [...p1, ...p2].map(([m]) => formB(y(m), m, 4500, "0.125", "562.50")),
  };

  test("one annualised figure for the year, each part's tier in its own table", () => {
    const r = one(src);
    // (18,000 + 27,000) ÷ 100 × 365 = 164,250.00. Old table: above £111,376 → 14.5%, tier 7; new table: above £72,030 → 13.5%, tier 11.
    // Due 18,000 × 14.5% = 2,610.00 and 27,000 × 13.5% = 3,645.00; paid 4 × 562.50 = 2,250.00 and 6 × 562.50 = 3,375.00.
    // Differences 360.00 and 270.00; the year 630.00.
    expect(figures(r)).toEqual({
      locumPay: "45000.00",
      days: 100,
      service: 100,
      annualised: "164250.00",
      parts: [
        [7, "0.145", "2610.00", "2250.00", "360.00"],
        [11, "0.135", "3645.00", "3375.00", "270.00"],
      ],
      due: "6255.00",
      paid: "5625.00",
      difference: "630.00",
      outcome: "top-up to PCSE",
    });
    expect(r.parts.map((p) => [dayToIso(p.from), dayToIso(p.to), p.daysWorked])).toEqual([
      ["2022-04-01", "2022-09-30", 40],
      ["2022-10-01", "2023-03-31", 60],
    ]);
    expect(r.parts.map((p) => p.formsB.length)).toEqual([4, 6]);
  });

  test("other pay is apportioned by days; the Type 2 of 2022/23 was due 31/03/2024 (extended)", () => {
    const r = one({ ...src, other: { 2022: { pay: M(30000), days: 365 } } });
    // 45,000 + 30,000 = 75,000 over 100 + 365 days capped at 365 → 75,000.00: old table above £70,630 → 13.5% (tier 6);
    // new table above £72,030 → 13.5% (tier 11). Due 18,000 × 13.5% = 2,430.00; 27,000 × 13.5% = 3,645.00.
    expect(r.parts.map((p) => [p.tier, p.rate.toString(), f2(p.due)])).toEqual([
      [6, "0.135", "2430.00"],
      [11, "0.135", "3645.00"],
    ]);
    // 30,000 × 183 ÷ 365 = 15,041.0958… → 15,041.10; the rest, 14,958.90, to the second part.
    expect(r.parts.map((p) => f2(p.otherPay))).toEqual(["15041.10", "14958.90"]);
    expect(dayToIso(r.type2!.dueBy!)).toBe("2024-03-31");
  });

  test("work across 30 September / 1 October 2022 is refused, naming the day", () => {
    expect(() => one({ work: [work(d(2022, 9, 29), d(2022, 10, 2), 1800, "row 4")] })).toThrow(
      "row 4: its days 29/09/2022 to 02/10/2022 cross 01/10/2022, when the tier table changes",
    );
    expect(() => one({ work: [work(d(2026, 3, 30), d(2026, 4, 2), 1800, "row 9")] })).toThrow("cross 01/04/2026, when a new scheme year starts");
  });
});

test("a leap scheme year: 29 February is a day of service, and the 366 base can move the tier", () => {
  // 2023/24: 03/04–01/06/2023 (28 + 31 + 1 = 60 days) and 01/02–11/03/2024 (29 + 11 = 40 days, 29/02/2024 among them): 100 days at £126.
  // Pay 7,560 + 5,040 = 12,600. Actual days: 12,600 ÷ 100 × 366 = 46,116.00 → above £45,996: 10.0%, tier 8 → due 1,260.00.
  // 365 base: 12,600 ÷ 100 × 365 = 45,990.00 → 9.8%, tier 7 → due 1,234.80.
  const src = { work: [work(d(2023, 4, 3), d(2023, 6, 1), 7560), work(d(2024, 2, 1), d(2024, 3, 11), 5040)] };
  const actual = one(src);
  expect([actual.daysWorked, actual.yearDays, f2(actual.annualised), actual.parts[0].tier, f2(actual.due)]).toEqual([100, 366, "46116.00", 8, "1260.00"]);
  const base365 = one(src, { ...S, yearBase: "365" });
  expect([base365.yearDays, f2(base365.annualised), base365.parts[0].tier, f2(base365.due)]).toEqual([365, "45990.00", 7, "1234.80"]);
  expect(yearEndNotes(actual)).toContain("No Forms B for 2023/24: nothing counted as paid.");
});

test("March work paid in April counts in the old year, on March's Form B; its tax year is the new one", () => {
  // 2025/26: 10 days in January 2026 (£9,000, Form B February 2026, sent 03/03/2026) and 16–20 March 2026 (£4,500,
  // paid 10/04/2026, so on March 2026's Form B by the March rule; no date sent: due 07/04/2026 assumed).
  // 13,500 ÷ 15 × 365 = 328,500.00 → 12.5%: due 1,687.50; paid 9,000 × 12.5% = 1,125.00 + 4,500 × 12.5% = 562.50 = 1,687.50.
  const rs = yearEnds(
    {
      country: "England",
      work: [work(d(2026, 1, 5), d(2026, 1, 14), 9000), work(d(2026, 3, 16), d(2026, 3, 20), 4500)],
      formsB: [formB(2026, 2, 9000, "0.125", "1125.00", { sent: d(2026, 3, 3), h: "1294.20" }), formB(2026, 3, 4500, "0.125", "562.50", { h: "647.10" })],
    },
    DEFAULT_RULES,
    S,
  );
  expect(rs.map((r) => r.label)).toEqual(["2025/26"]);
  const r = rs[0];
  expect(figures(r)).toEqual({
    locumPay: "13500.00",
    days: 15,
    service: 15,
    annualised: "328500.00",
    parts: [[6, "0.125", "1687.50", "1687.50", "0.00"]],
    due: "1687.50",
    paid: "1687.50",
    difference: "0.00",
    outcome: "nothing to settle",
  });
  // Tax years by the date paid to PCSE: 03/03/2026 → 2025/26 (1,125.00; employer 1,294.20); 07/04/2026 (assumed) → 2026/27.
  // Relief on both halves (the default, §8): 1,125.00 + 1,294.20 = 2,419.20; 562.50 + 647.10 = 1,209.60.
  expect(r.taxYears.map((t) => [t.label, f2(t.employee), t.employer && f2(t.employer), f2(t.relief), t.assumed])).toEqual([
    ["2025/26", "1125.00", "1294.20", "2419.20", false],
    ["2026/27", "562.50", "647.10", "1209.60", true],
  ]);
  // With relief on the employee contributions only (the setting): 1,125.00 and 562.50.
  const employeeOnly = yearEnds(
    {
      country: "England",
      work: [work(d(2026, 1, 5), d(2026, 1, 14), 9000)],
      formsB: [formB(2026, 2, 9000, "0.125", "1125.00", { sent: d(2026, 3, 3), h: "1294.20" }), formB(2026, 3, 4500, "0.125", "562.50", { h: "647.10" })],
    },
    DEFAULT_RULES,
    { ...S, taxRelief: "employee" },
  );
  expect(employeeOnly[0].taxYears.map((t) => f2(t.relief))).toEqual(["1125.00", "562.50"]);
});

test("the tax year turns on 6 April", () => {
  expect(taxYearOf(d(2026, 4, 5))).toBe(2025);
  expect(taxYearOf(d(2026, 4, 6))).toBe(2026);
  expect(taxYearOf(d(2026, 1, 1))).toBe(2025);
  const sentOn = (day: Day) =>
    one({ work: [work(d(2026, 3, 2), d(2026, 3, 3), 900)], formsB: [formB(2026, 3, 900, "0.098", "88.20", { sent: day })] }).taxYears.map((t) => t.label);
  expect(sentOn(d(2026, 4, 5))).toEqual(["2025/26"]);
  expect(sentOn(d(2026, 4, 6))).toEqual(["2026/27"]);
});

test("a rate too high all year: refund from PCSE", () => {
  // 2024/25: 25 days in each of the 12 months at £126 (fee £140) → £3,150.00 a month, 300 days, £37,800.
  // 37,800 ÷ 300 × 365 = 45,990.00 → above £32,691, up to £49,078: 9.8%, tier 4. Due 37,800 × 9.8% = 3,704.40.
  // Paid at 12.5%: 3,150 × 12.5% = 393.75 a month, × 12 = 4,725.00. Difference −1,020.60: a refund.
  const months = Array.from({ length: 12 }, (_, i) => [i < 9 ? 2024 : 2025, ((3 + i) % 12) + 1]);
  const r = one({ work: months.map(([y, m]) => work(d(y, m, 1), d(y, m, 25), 3150)), formsB: months.map(([y, m]) => formB(y, m, 3150, "0.125", "393.75")) });
  expect(figures(r)).toEqual({
    locumPay: "37800.00",
    days: 300,
    service: 300,
    annualised: "45990.00",
    parts: [[4, "0.098", "3704.40", "4725.00", "-1020.60"]],
    due: "3704.40",
    paid: "4725.00",
    difference: "-1020.60",
    outcome: "refund from PCSE",
  });
  expect(r.settlement.outcome).toBe("refund");
});

test("a year paid at the rate due has nothing to settle: due is Σ of each Form B's box a × the rate due, rounded as box b is (§7)", () => {
  // 2025/26: 10 Forms B of £1,000.06 at 9.8%: 1,000.06 × 0.098 = 98.00588 → 98.01 each, paid 10 × 98.01 = 980.10.
  // Work: 10 × 10 days; 10,000.60 ÷ 100 × 365 = 36,502.19 → above £33,868, up to £50,845: 9.8%, the rate used.
  // Due is the same ten lines at 9.8%, 98.01 each: 980.10, so nothing to settle. (Worked once on the
  // year's pay, 10,000.60 × 9.8% = 980.0588 → 980.06 would have made a refund of 4p that nobody paid.)
  const months = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1].map((m) => [m >= 4 ? 2025 : 2026, m]);
  const r = one({
    work: months.map(([y, m]) => work(d(y, m, 1), d(y, m, 10), "1000.06")),
    formsB: months.map(([y, m]) => formB(y, m, "1000.06", "0.098", "98.01")),
  });
  expect([f2(r.due), f2(r.paid), f2(r.settlement.difference), r.settlement.text, r.settlement.underOnePound]).toEqual([
    "980.10",
    "980.10",
    "0.00",
    "nothing to settle",
    false,
  ]);
  expect(r.parts[0].formsB.map((l) => f2(l.atRateDue))).toEqual(Array(10).fill("98.01"));
  expect([f2(r.parts[0].onNoFormB.pay), f2(r.parts[0].onNoFormB.due)]).toEqual(["0.00", "0.00"]);
  expect(yearEndText(r)).toContain("Due £980.10 (each Form B's box a × the rate due, rounded as box b is, added up)");
});

test("due: pay on no Form B is added at the rate due; the part's figure is the lines' sum", () => {
  // 2025/26 at 9.8% (the previous test's year) with an 11th month of work, £500.00, whose Form B is not
  // made: 10,500.60 ÷ 110 × 365 = 34,843.44 → 9.8%. Due 10 × 98.01 + 500 × 9.8% (49.00) = 1,029.10; paid 980.10.
  const months = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1].map((m) => [m >= 4 ? 2025 : 2026, m]);
  const r = one({
    work: [...months.map(([y, m]) => work(d(y, m, 1), d(y, m, 10), "1000.06")), work(d(2026, 2, 1), d(2026, 2, 10), "500.00")],
    formsB: months.map(([y, m]) => formB(y, m, "1000.06", "0.098", "98.01")),
  });
  expect([f2(r.due), f2(r.paid), f2(r.settlement.difference), f2(r.parts[0].onNoFormB.pay), f2(r.parts[0].onNoFormB.due)]).toEqual([
    "1029.10",
    "980.10",
    "49.00",
    "500.00",
    "49.00",
  ]);
  expect(yearEndText(r)).toContain("plus £500.00 of pay on no Form B × the rate due");
});

test("a difference under £1.00 is shown and marked (OPEN), never dropped", () => {
  // One Form B of £1,000.00 at 9.8% (tier 4 of 2025/26 for 10 days: 1,000 ÷ 10 × 365 = 36,500), box b
  // sent as £97.60 instead of 98.00: due 98.00, paid 97.60, a top-up of 40p, under £1.00.
  const r = one({ work: [work(d(2025, 4, 1), d(2025, 4, 10), "1000.00")], formsB: [formB(2025, 4, "1000.00", "0.098", "97.60")] });
  expect([f2(r.due), f2(r.paid), f2(r.settlement.difference), r.settlement.text, r.settlement.underOnePound]).toEqual([
    "98.00",
    "97.60",
    "0.40",
    "top-up to PCSE (under £1.00)",
    true,
  ]);
  expect(yearEndNotes(r).some((n) => n.includes("under £1.00") && n.includes("OPEN"))).toBe(true);
  // £1.00 exactly is not under £1.00.
  const pound = one({ work: [work(d(2025, 4, 1), d(2025, 4, 10), "1000.00")], formsB: [formB(2025, 4, "1000.00", "0.098", "97.00")] });
  expect([f2(pound.settlement.difference), pound.settlement.underOnePound]).toEqual(["1.00", false]);
});

test("a scheme year whose 31 March is after asOf is in progress: the figures so far, said so", () => {
  // 2025/26 ends 31/03/2026: on 30/03/2026 it is in progress; on 31/03/2026 it has ended; without asOf, ended.
  const src = { work: [work(d(2025, 4, 1), d(2025, 4, 10), "1000.00")], formsB: [formB(2025, 4, "1000.00", "0.098", "98.00")] };
  const so = one({ ...src, asOf: d(2026, 3, 30) });
  expect([so.inProgress, so.asOf]).toEqual([true, d(2026, 3, 30)]);
  expect(yearEndNotes(so).some((n) => n.startsWith("In progress: 2025/26 ends on 31/03/2026, after 30/03/2026"))).toBe(true);
  expect(yearEndJson(so)).toMatchObject({ inProgress: true, asOf: "2026-03-30" });
  expect(yearEndText(so).split("\n")[0]).toBe(
    "Year end 2025/26 (01/04/2025 to 31/03/2026), England: in progress to 30/03/2026 (figures so far; the year ends 31/03/2026)",
  );
  expect(one({ ...src, asOf: d(2026, 3, 31) }).inProgress).toBe(false);
  expect(one(src).inProgress).toBe(false);
  // The figures themselves do not change: only the label.
  expect(figures(so)).toEqual(figures(one(src)));
});

test("Wales: settled with the Local Health Board", () => {
  // The annualisation-trap year again: top-up 657.00, now to the LHB.
  const r = one({ country: "Wales", work: [work(d(2025, 5, 5), d(2025, 5, 14), 9000)], formsB: [formB(2025, 6, 9000, "0.052", "468.00")] });
  expect([f2(r.settlement.difference), r.settlement.text, r.settleWith]).toEqual(["657.00", "top-up to the LHB", "the Local Health Board"]);
  expect(r.form).toBe("No end-of-year form (locum work only): settle the difference with the Local Health Board.");
  const refund = one({ country: "Wales", work: [work(d(2025, 5, 5), d(2025, 5, 14), 9000)], formsB: [formB(2025, 6, 9000, "0.135", "1215.00")] });
  expect(refund.settlement.text).toBe("refund from the LHB");
  // The Forms B's column names the body too, not PCSE.
  expect(yearEndText(r)).toContain("Paid to the LHB");
  expect(yearEndText(r)).not.toContain("PCSE");
});

describe("pension built up (estimates)", () => {
  const base = { work: [work(d(2025, 5, 1), d(2025, 5, 20), 10800)], other: { 2025: { pay: M(60000), days: 365 } } };
  test("accrual and the pension input amount against the annual allowance", () => {
    // Pay 70,800 ÷ 54 = 1,311.11. Opening 20,000, September CPI 1.7%: revalued 20,000 × 1.032 = 20,640.00; closing 21,951.11;
    // base 20,000 × 1.017 = 20,340.00; input amount 16 × (21,951.11 − 20,340.00) = 16 × 1,611.11 = 25,777.76: within £60,000.
    const r = one({ ...base, pension: { 2025: { opening: M(20000), cpi: M("0.017") } } });
    const g = r.pension.growth!;
    expect([f2(r.pension.accrual!), f2(g.revalued), f2(g.closing), f2(g.base), f2(g.inputAmount), g.allowance!.amount, g.over]).toEqual([
      "1311.11",
      "20640.00",
      "21951.11",
      "20340.00",
      "25777.76",
      "60000",
      false,
    ]);
    expect(yearEndText(r)).toContain("Pension input amount (estimate):");
  });
  test("above the allowance, and 2022/23's £40,000", () => {
    // Opening 200,000: revalued 206,400.00; closing 207,711.11; base 203,400.00; 16 × 4,311.11 = 68,977.76 > 60,000.
    const r = one({ ...base, pension: { 2025: { opening: M(200000), cpi: M("0.017") } } });
    expect([f2(r.pension.growth!.inputAmount), r.pension.growth!.over]).toEqual(["68977.76", true]);
    expect(annualAllowanceOf(2022)!.amount).toBe("40000");
    expect(annualAllowanceOf(2023)!.amount).toBe("60000");
  });
  test("a CPI given as a percentage number is refused", () => {
    expect(() => one({ ...base, pension: { 2025: { opening: M(20000), cpi: M("1.7") } } })).toThrow("the September CPI must be a fraction such as 0.017");
  });
});

describe("inputs the engine refuses or notes", () => {
  test("other days beyond the year's days", () => {
    expect(() => one({ work: [work(d(2025, 5, 1), d(2025, 5, 1), 900)], other: { 2025: { pay: M(1000), days: 366 } } })).toThrow(
      "other days of service (366) cannot be more than the 365 days of scheme year 2025/26",
    );
  });
  test("a Form B that declares other pay than the work of its part is noted", () => {
    const r = one({ work: [work(d(2025, 5, 1), d(2025, 5, 2), 900)], formsB: [formB(2025, 5, 1800, "0.098", "176.40")] });
    expect(yearEndNotes(r).some((n) => n.includes("declare £1,800.00") && n.includes("£900.00"))).toBe(true);
  });
  test("a day at two practices counts once", () => {
    const r = one({ work: [work(d(2025, 5, 1), d(2025, 5, 1), 450), work(d(2025, 5, 1), d(2025, 5, 1), 450)] });
    expect(r.daysWorked).toBe(1);
  });
});

describe("the dated year-end data", () => {
  test("Type 2 deadlines", () => {
    expect(dayToIso(type2Deadline(2024)!.day)).toBe("2026-02-28");
    expect(dayToIso(type2Deadline(2022)!.day)).toBe("2024-03-31");
    expect(dayToIso(type2Deadline(2021)!.day)).toBe("2023-02-28");
    // 28 February, even when that February has a 29th (2028).
    expect(dayToIso(type2Deadline(2026)!.day)).toBe("2028-02-28");
    expect(type2Deadline(2026)!.entry.status).toBe("provisional");
    expect(type2Deadline(2027)).toBeNull();
    expect(accrualOf(2025)!.denominator).toBe(54);
    expect(accrualOf(2025)!.revaluationAboveCpi).toBe("0.015");
  });
  test("a broken entry is named", () => {
    const bad = JSON.parse(JSON.stringify(YEAR_END_DATA));
    bad.type2Deadlines[1].date = "2024-02-30";
    expect(() => parseYearEndData(bad, "my.json")).toThrow(
      new LocumError('my.json: type2Deadlines[1] (31 March 2024 (extended)): "date" must be yyyy-mm-dd, not "2024-02-30"'),
    );
    const both = JSON.parse(JSON.stringify(YEAR_END_DATA));
    both.type2Deadlines[0].date = "2024-03-31";
    expect(() => parseYearEndData(both, "my.json")).toThrow('give either "date" (yyyy-mm-dd) or "monthDay" (mm-dd), not both or neither');
    const sourceless = JSON.parse(JSON.stringify(YEAR_END_DATA));
    sourceless.annualAllowance[1].source = "";
    sourceless.annualAllowance[1].from = "2023/25";
    expect(() => parseYearEndData(sourceless, "my.json")).toThrow(
      'my.json: annualAllowance[1] (£60,000): "from" must be a year such as 2024/25, not "2023/25"; give its source',
    );
    expect(() => parseYearEndData({ type2Deadlines: [] }, "x")).toThrow('x: "annualAllowance" must be a list');
  });
});

describe("the tax relief setting", () => {
  test("read from LocumSettings or the command line, default both halves (§8)", () => {
    expect(DEFAULT_SETTINGS.taxRelief).toBe("employee-and-employer");
    expect(settingsFrom([["Tax relief", "employee-and-employer"]], "LocumSettings").taxRelief).toBe("employee-and-employer");
    expect(settingsFrom([["--tax-relief", "Employee"]], "option").taxRelief).toBe("employee");
    expect(() => settingsFrom([["Tax relief", "both"]], "LocumSettings")).toThrow(
      'LocumSettings: Tax relief must be one of employee-and-employer, employee, not "both"',
    );
  });
});

test("the text and JSON explain the same figures", () => {
  const r = one({ work: [work(d(2025, 5, 5), d(2025, 5, 14), 9000)], formsB: [formB(2025, 6, 9000, "0.052", "468.00")] }, { ...S, taxRelief: "employee" });
  const text = yearEndText(r);
  expect(text).toContain("Annualised (add then annualise, every post): £9,000.00 ÷ 10 days of service × 365 = £328,500.00.");
  expect(text).toContain("Difference £657.00: top-up to PCSE.");
  expect(text).toContain("Settings not at their defaults: tax relief figure: employee contributions only (default: employee and employer contributions).");
  const j = yearEndJson(r);
  expect([j.due, j.paid, j.difference, j.outcome, j.annualised]).toEqual(["1125.00", "468.00", "657.00", "top-up", "328500.00"]);
  expect((j.parts as { formsB: { rateUsed: string; rateDue: string }[] }[])[0].formsB[0]).toMatchObject({
    rateUsed: "0.052",
    rateDue: "0.125",
    month: "2025-06",
    due: "2025-07-07",
    assumed: true,
    taxYear: "2025/26",
  });
});
