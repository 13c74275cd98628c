// LOCUM.YEAREND and LOCUM.FORMA as Excel calls them (ranges as 2-D arrays, dates as serials or text),
// their bad input as #VALUE! / #N/A with a message, and the same figures as the forms-layer year
// end on the same rows (the one engine call both make).
import { CustomFunctionsError, installCustomFunctionsGlobal } from "../../bench/shim";
import { DEFAULT_SETTINGS, YEAR_END_HEADER, yearEndRows } from "../../src/engine";
import { prepareForms } from "../../src/forms";
import { yearEndOfForms } from "../../src/yearend/fromForms";
import { setState } from "../../src/office/state";
import { DEFAULT_RULES, dayFromYmd } from "../../src/rules";
import { details, HEADER, row, serial } from "../support/forms";
import examples from "../support/yearend-examples.json";

installCustomFunctionsGlobal();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F = require("../../src/functions/functions") as typeof import("../../src/functions/functions");

afterEach(() => setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS }));

function excelError(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CustomFunctionsError);
    const { code, message } = e as CustomFunctionsError;
    expect(message.length).toBeLessThanOrEqual(255);
    return { code, message };
  }
  throw new Error("expected an Excel error, got a value");
}
const col = (xs: unknown[]) => xs.map((x) => [x]);
/** A spill row as an object, by the header's names. */
const named = (spill: unknown[][], i = 1) => Object.fromEntries(YEAR_END_HEADER.map((h, k) => [h, spill[i][k]]));

describe("LOCUM.YEAREND on the examples.json cases", () => {
  test("locum only 2023/24: six Forms B at 9.8%, one row a span of five days", () => {
    const e = examples.yearEnd[0];
    const spans = [
      ["2023-04-03", "2023-04-07"],
      ["2023-06-05", "2023-06-09"],
      ["2023-08-07", "2023-08-11"],
      ["2023-10-02", "2023-10-06"],
      ["2023-12-04", "2023-12-08"],
      ["2024-02-05", "2024-02-09"],
    ];
    const spill = F.yearend(spans, col(spans.map(() => 3600)), [[e.rate_paid]]);
    expect(spill[0]).toEqual([...YEAR_END_HEADER]);
    expect(spill).toHaveLength(2);
    for (const r of spill) expect(r).toHaveLength(YEAR_END_HEADER.length);
    // 21,600 ÷ 30 × 366 = 263,520.00 → 13.5% (tier 11); due 2,916.00; paid (one rate, rounded once) 21,600 × 9.8% = 2,116.80.
    expect(named(spill)).toEqual({
      "Scheme year": e.scheme_year,
      From: "01/04/2023",
      To: "31/03/2024",
      "Days worked": e.days_worked,
      "Days of service": 30,
      "Locum pay": e.locum_pensionable_pay,
      "Other pay": 0,
      Annualised: e.annualised,
      Tier: 11,
      "Rate due": e.rate_due,
      Due: e.due,
      "Rate paid": e.rate_paid,
      Paid: e.paid,
      Difference: e.difference,
      Outcome: e.outcome,
      "Type 2 due by": "not due",
      Status: "confirmed",
      // 21,600 ÷ 54 = 400.00 a year built up; no closing pension or CPI given, so no input amount.
      "Pension built up (estimate)": 400,
      "Pension input amount (estimate)": "",
    });
  });

  test("locum + salaried 2024/25: Type 2 due by 28/02/2026", () => {
    const e = examples.yearEnd[1];
    // Fifteen one-day rows of £606.66 and one of £606.76: 14 × 606.66 + 606.76 = 9,100.00 over 15 days.
    const dates = Array.from({ length: 15 }, (_, i) => serial(2024, 6, 2 + i));
    const pay = dates.map((_, i) => (i === 14 ? 606.76 : 606.66));
    const spill = F.yearend(col(dates), col(pay), e.rate_paid as never, e.other_practitioner_pay as never, e.other_days_of_service as never);
    expect(named(spill)).toMatchObject({
      "Days worked": e.days_worked,
      "Days of service": 365,
      "Locum pay": e.locum_pensionable_pay,
      "Other pay": e.other_practitioner_pay,
      Annualised: e.annualised,
      Tier: 5,
      "Rate due": e.rate_due,
      Due: e.due,
      Paid: e.paid,
      Difference: e.difference,
      Outcome: e.outcome,
      "Type 2 due by": "28/02/2026",
    });
  });
});

describe("LOCUM.YEAREND", () => {
  test("2022/23: one row per part, each tier in its own table", () => {
    // Part 1: 4 × 10-day spans of £4,500 (40 days, £18,000); part 2: 6 spans (60 days, £27,000), all paid at 12.5%.
    // 45,000 ÷ 100 × 365 = 164,250.00 → 14.5% (old table), 13.5% (new); due 2,610.00 and 3,645.00; paid 2,250.00 and 3,375.00.
    const spans = [
      ["2022-04-04", "2022-04-13"],
      ["2022-05-09", "2022-05-18"],
      ["2022-06-06", "2022-06-15"],
      ["2022-09-19", "2022-09-28"],
      ["2022-10-03", "2022-10-12"],
      ["2022-11-07", "2022-11-16"],
      ["2022-12-05", "2022-12-14"],
      ["2023-01-09", "2023-01-18"],
      ["2023-02-06", "2023-02-15"],
      ["2023-03-06", "2023-03-15"],
    ];
    const spill = F.yearend(spans, col(spans.map(() => 4500)), col(spans.map(() => "12.5%")));
    expect(spill.slice(1).map((r) => r.slice(0, 15))).toEqual([
      ["2022/23", "01/04/2022", "30/09/2022", 40, 100, 18000, 0, 164250, 7, 0.145, 2610, 0.125, 2250, 360, "top-up to PCSE"],
      ["2022/23", "01/10/2022", "31/03/2023", 60, 100, 27000, 0, 164250, 11, 0.135, 3645, 0.125, 3375, 270, "top-up to PCSE"],
    ]);
  });

  test("without rate_paid, what was paid is left empty, not taken as nothing", () => {
    const spill = F.yearend([["2025-05-05"], ["2025-05-06"]], [[4500], [4500]]);
    // 9,000 ÷ 2 × 365 = 1,642,500.00 → 12.5%; due 1,125.00.
    expect(named(spill)).toMatchObject({
      Annualised: 1642500,
      "Rate due": 0.125,
      Due: 1125,
      "Rate paid": "",
      Paid: "",
      Difference: "",
      Outcome: "give rate_paid to compare",
    });
  });

  test("each row's rate: paid is rounded once per rate, and the spill names both rates", () => {
    // 2025/26: £1,000.05 at 9.8% → 98.0049 → 98.00; £1,000.05 at 10.7% → 107.00535 → 107.01; paid 205.01.
    const spill = F.yearend([["2025-05-05"], ["2025-09-05"]], [[1000.05], [1000.05]], [["9.8%"], [0.107]]);
    expect(named(spill)).toMatchObject({ "Rate paid": "9.8% and 10.7%", Paid: 205.01 });
  });

  test("Wales: the LHB", () => {
    const spill = F.yearend([["2025-05-05"]], [[900]], [[0.052]], undefined, undefined, undefined, "Wales");
    // 900 ÷ 1 × 365 = 328,500 → 12.5%: due 112.50; paid 900 × 5.2% = 46.80; top-up 65.70 to the LHB.
    expect(named(spill)).toMatchObject({ Due: 112.5, Paid: 46.8, Difference: 65.7, Outcome: "top-up to the LHB" });
  });

  test("a year paid at the rate due has nothing to settle: due is Σ of each Form B's box a at the rate due, rounded", () => {
    // 10,000.60 over 100 days → 36,502.19 → 9.8%. Ten Forms B (form_a) of 1,000.06 at 9.8%: 98.00588 → 98.01 each,
    // paid 980.10; due the same lines at the rate due, 980.10 (on the year's pay once it would be 980.06, a 4p "refund").
    const dates: unknown[][] = [];
    const forms: unknown[][] = [];
    const pays: unknown[][] = [];
    [4, 5, 6, 7, 8, 9, 10, 11, 12, 1].forEach((m) => {
      const y = m >= 4 ? 2025 : 2026;
      dates.push([serial(y, m, 1), serial(y, m, 10)]);
      pays.push([1000.06]);
      forms.push([F.forma(serial(y, m, 1), serial(y, m, 28), "Y02345", "", "", serial(y, m, 10))]);
    });
    expect(named(F.yearend(dates, pays, [[0.098]], undefined, undefined, forms))).toMatchObject({
      Due: 980.1,
      Paid: 980.1,
      Difference: 0,
      Outcome: "nothing to settle",
    });
  });

  test("under £1.00 is marked in the outcome", () => {
    // 2025/26: £190.00 on 05/05 (May's Form B, 10.7%) and £100.00 on 05/06 (June's, paid at 9.8%): 290 ÷ 2 × 365 =
    // 52,925.00 → 10.7% (over £50,845). Due 190 × 10.7% = 20.33 + 100 × 10.7% = 10.70: 31.03; paid 20.33 + 9.80 = 30.13.
    const spill = F.yearend([["2025-05-05"], ["2025-06-05"]], [[190], [100]], [["10.7%"], ["9.8%"]], undefined, undefined, [
      ["05/2025 Y02345"],
      ["06/2025 Y02345"],
    ]);
    expect(named(spill)).toMatchObject({ Due: 31.03, Paid: 30.13, Difference: 0.9, Outcome: "top-up to PCSE (under £1.00)" });
  });

  test("several scheme years and other pay given once (one Locum details cell): taken for each year, as the forms take it", () => {
    const spill = F.yearend([["2024-06-03"], ["2025-06-02"]], [[900], [900]], [[0.098]], [[40000]]);
    // 40,900 ÷ 1 × 365 = 14,928,500.00 in each year: the forms' "Other practitioner pay" is every year's too.
    expect(spill.slice(1).map((r) => [r[0], r[6], r[7], r[16]])).toEqual([
      ["2024/25", 40000, 14928500, "confirmed; other pay: the one value given, for each scheme year"],
      ["2025/26", 40000, 14928500, "confirmed; other pay: the one value given, for each scheme year"],
    ]);
  });

  test("several scheme years: other pay one value each, earliest first", () => {
    const spill = F.yearend([["2024-06-03"], ["2025-06-02"]], [[900], [900]], [[0.098]], [[40000], [0]], [[365], [0]]);
    expect(spill.slice(1).map((r) => [r[0], r[6], r[7], r[15]])).toEqual([
      // 40,900 over 1 + 365 days capped at 365 → 40,900.00; Type 2 due for 2024/25 only.
      ["2024/25", 40000, 40900, "28/02/2026"],
      // 900 ÷ 1 × 365 = 328,500.00.
      ["2025/26", 0, 328500, "not due"],
    ]);
  });
});

describe("LOCUM.FORMA", () => {
  test("the Form B month first, then the practice and the invoice as the forms key them", () => {
    expect(F.forma(serial(2026, 3, 20), serial(2026, 4, 10), "Y02345", "Riverside", "inv-140")).toBe("03/2026 Y02345 INV-140");
    expect(F.forma("2025-05-02", "20/05/2025", " y02 345 ", "", "")).toBe("05/2025 Y02345");
    // No code: the practice's name, case, spaces and punctuation ignored, as the forms group it.
    expect(F.forma("2025-05-02", "2025-05-20", "", "St. Mary's  Surgery")).toBe("05/2025 name:stmaryssurgery");
    expect(F.forma("2025-05-02", "2025-05-20", null, "st marys surgery")).toBe("05/2025 name:stmaryssurgery");
    // September 2022 work paid in October 2022 stays on September's Form B (the table change).
    expect(F.forma("2022-09-30", "2022-10-05", "Y02345")).toBe("09/2022 Y02345");
    // March work not yet paid: on March's Form B (the forms made in early April).
    expect(F.forma("2026-03-30", "", "Y02345")).toBe("03/2026 Y02345");
    expect(F.forma(serial(2025, 6, 30), serial(2025, 7, 2), "Y02345", "", 140)).toBe("07/2025 Y02345 140");
  });

  test("rows the forms leave off say why; LOCUM.YEAREND leaves them off too", () => {
    // As the forms read them (checks.ts): the SOLO form's work, private work, an agency, a PCN scenario a locum cannot pension.
    expect(F.forma("2025-06-11", "2025-06-20", "Y60001", "LCD", "L1", "", "out of hours")).toBe("not on a Form A: out-of-hours work, on the SOLO form");
    expect(F.forma("2025-06-11", "2025-06-20", "Y60001", "ICB", "", "", "ICB")).toBe("not on a Form A: ICB work, on the SOLO form");
    expect(F.forma("2025-06-10", "2025-06-20", "B86021", "Castle St", "C1", "", "private")).toBe("not on a Form A: private work");
    expect(F.forma("2025-06-12", "2025-06-20", "B86022", "", "", "", "", "agency")).toBe("not on a Form A: work through an agency");
    expect(F.forma("2025-06-12", "2025-06-20", "B86022", "", "", "", "", "Ltd")).toBe("not on a Form A: work through a limited company");
    expect(F.forma("2025-06-12", "2025-06-20", "B86022", "", "", "", "", "PCN scenario 5")).toBe(
      "not on a Form A: PCN scenario 5, which a locum cannot pension",
    );
    // The 10-week rule (from 1 October 2022), from the first day: 01/07/2025 + 70 days = 09/09/2025.
    expect(F.forma("2025-07-01", "2025-09-10", "B86023", "", "LP1")).toBe("not on a Form A: paid more than 10 weeks after the work (the 10-week rule)");
    expect(F.forma("2025-07-01", "2025-09-09", "B86023", "", "LP1")).toBe("09/2025 B86023 LP1");
    expect(F.forma("2025-07-01", "2025-07-20", "B86023", "", "LP1", "", "", "", "2025-09-10")).toBe(
      "not on a Form A: submitted more than 10 weeks after the work (the 10-week rule)",
    );
    expect(F.forma("2025-07-01", "2025-07-20", "B86023", "", "LP1", "", "", "", "2025-09-09")).toBe("07/2025 B86023 LP1");
    // Suspended for work sent by 30 September 2022.
    expect(F.forma("2022-06-01", "2022-09-20", "B86023")).toBe("09/2022 B86023");
    // Practice work, said as a session length or "direct": on its Form A.
    expect(F.forma("2025-06-10", "2025-06-20", "B86021", "", "", "", "Full day", "direct")).toBe("06/2025 B86021");
    // Not yet paid, not March work: on no Form B yet (the forms leave it off with a warning), no longer #N/A.
    expect(F.forma("2026-02-27", "", "Y02345")).toBe("not on a Form B yet: not paid");
  });

  test("a row across 31 March or 1 October 2022, given its last day: one Form A per side, as the forms split it", () => {
    expect(F.forma("2026-03-30", "2026-04-20", "Y02345", "R", "r10", "2026-04-02")).toBe("03/2026 Y02345 R10 + 04/2026 Y02345 R10");
    expect(F.forma("2022-09-29", "2022-10-25", "B86047", "", "O-2", "2022-10-03")).toBe("09/2022 B86047 O-2 + 10/2022 B86047 O-2");
    // A run of days inside one period is one Form A, on the month paid (the last day decides only the March rule).
    expect(F.forma("2025-06-28", "2025-07-10", "Y02345", "", "", "2025-07-02")).toBe("07/2025 Y02345");
  });

  test("bad input", () => {
    expect(excelError(() => F.forma("2025-05-20", "2025-05-02", "Y02345")).message).toBe(
      "date_paid: 02/05/2025 is before the last day worked (20/05/2025): pay is declared in the month it was received, after the work; correct the date",
    );
    expect(excelError(() => F.forma("2025-05-20", "2025-05-22", "", "")).message).toMatch(/^practice_code is empty/);
    expect(excelError(() => F.forma("not a date", "2025-05-22", "Y02345")).message).toMatch(/^date_worked is not a date/);
    expect(excelError(() => F.forma("", "2025-05-22", "Y02345")).message).toMatch(/^date_worked is empty/);
    expect(excelError(() => F.forma("2025-05-09", "2025-05-22", "Y02345", "", "", "2025-05-05")).message).toBe(
      "last_day: the last day is before the first day worked: swap them",
    );
    expect(excelError(() => F.forma("2025-05-09", "2025-05-22", "Y02345", "", "", "", "locum cover")).message).toMatch(
      /^work_type: "locum cover" is not a work type/,
    );
    expect(excelError(() => F.forma("2025-05-09", "2025-05-22", "Y02345", "", "", "", "", "a friend")).message).toMatch(
      /^engaged_via: "a friend" is not a way of engagement/,
    );
    expect(excelError(() => F.forma("2025-05-09", "2025-05-22", "Y02345", "", "", "", "", "", "yesterday")).message).toMatch(/^date_submitted is not a date/);
    expect(excelError(() => F.forma("2030-05-20", "2030-05-22", "Y02345")).code).toBe("#N/A");
  });
});

describe("LOCUM.YEAREND bad input: a message naming the argument and the row", () => {
  const v = (f: () => unknown) => {
    const e = excelError(f);
    expect(e.code).toBe("#VALUE!");
    return e.message;
  };
  test("ranges that do not line up", () => {
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900]]))).toBe(
      "pensionable_pay has 1 row but dates_worked has 2: select the pay on the same rows, beside the dates",
    );
    expect(v(() => F.yearend([["2025-05-05", "2025-05-06", "2025-05-07"]], [[900]]))).toBe(
      "dates_worked must be one column (a day a row) or two (the first and last day of a row), not 3",
    );
    expect(v(() => F.yearend([["2025-05-05"]], [[900, 10]]))).toBe("pensionable_pay must be one column, not 2");
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900], [900]], [[0.098], [0.098], [0.098]]))).toMatch(
      /^rate_paid has 3 rows but dates_worked has 2/,
    );
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900], [900]], undefined, undefined, undefined, [["05/2025 Y02345"]]))).toMatch(
      /^form_a has 1 row but dates_worked has 2/,
    );
  });
  test("cells that are not what they should be", () => {
    expect(v(() => F.yearend([["2025-05-05"]], [["900"]]))).toBe('pensionable_pay row 1 must be a number of pounds, not the text "900"');
    expect(v(() => F.yearend([["2025-05-05"]], [[-900]]))).toBe("pensionable_pay row 1 cannot be negative (-900)");
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900], [899.995]]))).toMatch(
      /^pensionable_pay row 2 has a fraction of a penny \(899\.995\): give Form A Box 2 figures, or add form_a/,
    );
    expect(v(() => F.yearend([["2025-05-05"], [""]], [[900], [450]]))).toBe(
      "dates_worked row 2 is empty, but the row has pay: give the day worked, or clear the row",
    );
    expect(v(() => F.yearend([["2025-05-05"]], [[""]]))).toMatch(/^pensionable_pay row 1 is empty/);
    expect(v(() => F.yearend([["2025-05-09", "2025-05-05"]], [[900]]))).toBe(
      "dates_worked row 1: the last day 05/05/2025 is before the first 09/05/2025: swap them",
    );
    expect(v(() => F.yearend([["05/13/2025"]], [[900]]))).toMatch(/^dates_worked row 1 is not a date/);
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900], [900]], [[9.8]]))).toBe(
      "rate_paid is 9.8: write a rate as a percentage (9.8%) or a fraction (0.098)",
    );
    expect(v(() => F.yearend([["2025-05-05"]], [[900]], [[9.8]]))).toBe("rate_paid row 1 is 9.8: write a rate as a percentage (9.8%) or a fraction (0.098)");
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900], [900]], [["9.8%"], ["tier 4"]]))).toBe(
      'rate_paid row 2 must be a rate such as 9.8% or 0.098, not the text "tier 4"',
    );
    expect(v(() => F.yearend([["2025-05-05"]], [[900]], undefined, undefined, undefined, [["Y02345 May"]]))).toBe(
      'form_a row 1 ("Y02345 May") does not start with its Form B month as mm/yyyy: use LOCUM.FORMA',
    );
    expect(v(() => F.yearend([["2025-05-05"]], [[900]], undefined, undefined, undefined, undefined, "Scotland"))).toMatch(
      /Scotland runs its own NHS pension scheme/,
    );
    expect(v(() => F.yearend([[""]], [[""]]))).toBe("dates_worked: no rows with a date and pay");
  });
  test("rows the forms would not allow", () => {
    // A row across 31 March with a Form A text naming one side: the message says how to get both (not "use LOCUM.FORMA" again).
    expect(v(() => F.yearend([["2026-03-30", "2026-04-02"]], [[1800]], [[0.098]], undefined, undefined, [["03/2026 Y02345 R10"]]))).toBe(
      "form_a row 1: the days 30/03/2026 to 02/04/2026 cross 01/04/2026, so the forms put them on 2 Forms A (one per side), but form_a names 1: give LOCUM.FORMA the row's last day too (its last_day argument), as the year template does",
    );
    expect(v(() => F.yearend([["2025-05-05"]], [[900]], undefined, undefined, undefined, [["#N/A"]]))).toBe(
      "form_a row 1 holds the error #N/A: correct that row (its LOCUM.FORMA says why: hover over the cell)",
    );
    // A Form A text naming another scheme year than its work.
    expect(v(() => F.yearend([["2026-03-20"]], [[900]], [[0.098]], undefined, undefined, [["04/2026 Y02345"]]))).toMatch(
      /^form_a row 1: the Form A "04\/2026 Y02345" is on a Form B of 04\/2026, but the work on 20\/03\/2026 belongs to 2025\/26/,
    );
    expect(
      v(() => F.yearend([["2025-05-05"], ["2025-05-12"]], [[900], [900]], [[0.098], [0.107]], undefined, undefined, [["05/2025 Y02345"], ["05/2025 B86021"]])),
    ).toBe("rate_paid: rows 1 and 2 are on the 05/2025 Form B but give 9.8% and 10.7%: a Form B has one rate");
  });
  test("other posts", () => {
    expect(v(() => F.yearend([["2024-06-03"], ["2025-06-02"], ["2025-06-03"]], [[900], [900], [900]], undefined, [[40000], [1], [2]]))).toBe(
      "other_practitioner_pay: the rows cover 2 scheme years (2024/25, 2025/26): give one value per scheme year, earliest first, not 3",
    );
    expect(v(() => F.yearend([["2025-06-02"]], [[900]], undefined, [["£40,000"]]))).toMatch(/^other_practitioner_pay must be a number of pounds/);
    expect(v(() => F.yearend([["2025-06-02"]], [[900]], undefined, [[40000]], [[366]]))).toBe(
      "other days of service (366) cannot be more than the 365 days of scheme year 2025/26",
    );
    expect(v(() => F.yearend([["2025-06-02"]], [[900]], undefined, [[40000]], [[36.5]]))).toBe(
      "other_days_of_service must be a whole number of days (0 or more), not 36.5",
    );
  });
  test("dates no table covers are #N/A; before the 2015 Scheme #VALUE!", () => {
    expect(excelError(() => F.yearend([["2030-05-05"]], [[900]])).code).toBe("#N/A");
    expect(v(() => F.yearend([["2015-03-05"]], [[900]]))).toMatch(/before 01\/04\/2015/);
  });
  test("a workbook's broken LocumRules shows on YEAREND too", () => {
    setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS, error: "LocumRules row 3: bad" });
    expect(v(() => F.yearend([["2025-05-05"]], [[900]]))).toBe("LocumRules row 3: bad");
  });
  test("a whole column with spare rows: only the filled rows count", () => {
    const dates: unknown[][] = Array.from({ length: 5000 }, () => [""]);
    const pay: unknown[][] = Array.from({ length: 5000 }, () => [null]);
    dates[10] = ["2025-05-05"];
    pay[10] = [900];
    expect(named(F.yearend(dates, pay))).toMatchObject({ "Days worked": 1, "Locum pay": 900 });
  });
});

describe("the same rows through the forms and through LOCUM.YEAREND give the same figures", () => {
  // 2025/26. Riverside (Y02345) invoice INV-1: 02/05 £333.33 and 03/05 £100.05, paid in May → one Form A:
  // Box 2 = 90 % × 433.38 = 390.042 → 390.04 (per row it would be 300.00 + 90.05 = 390.05). Castle Street 02/05 £250 (the
  // same day elsewhere): 225.00. Hillview (no code) 10/06 £812.50 paid in June, 11/06 £812.50 paid in July: 731.25 each.
  // 16/02/2026 £1,000 paid in February: 900.00; 09/03/2026 £1,000.01 paid in March: 900.009 → 900.01.
  // Locum pay 3,877.55 over 6 days (02/05 once) + other pay 5,000 over 20 days: 8,877.55 ÷ 26 × 365 = 124,627.14 → 12.5%.
  // Due, each Form B's box a at 12.5%: May 615.04 → 76.88; June 731.25 → 91.40625 → 91.41; July 91.41; February
  // 900.00 → 112.50; March 900.01 → 112.50125 → 112.50: 484.70. Forms B at 9.8%: May 615.04 → 60.27; June 731.25 →
  // 71.66; July 71.66; February 900.00 → 88.20; March 900.01 → 88.20; paid 379.99; top-up 104.71. Pension built up
  // (3,877.55 + 5,000) ÷ 54 = 164.3990… → 164.40.
  const sessions = [
    { worked: serial(2025, 5, 2), practice: "Riverside Medical Centre", code: "Y02345", fee: 333.33, paid: serial(2025, 5, 20), invoice: "INV-1" },
    { worked: serial(2025, 5, 3), practice: "Riverside Medical Centre", code: "Y02345", fee: 100.05, paid: serial(2025, 5, 21), invoice: "inv-1" },
    { worked: serial(2025, 5, 2), practice: "Castle Street Surgery", code: "B86021", fee: 250, paid: serial(2025, 5, 25), invoice: "CS-1" },
    { worked: serial(2025, 6, 10), practice: "Hillview Practice", code: "", fee: 812.5, paid: serial(2025, 6, 30), invoice: "" },
    { worked: serial(2025, 6, 11), practice: "Hillview  practice", code: "", fee: 812.5, paid: serial(2025, 7, 2), invoice: "" },
    { worked: serial(2026, 2, 16), practice: "Riverside Medical Centre", code: "Y02345", fee: 1000, paid: serial(2026, 2, 27), invoice: "INV-9" },
    { worked: serial(2026, 3, 9), practice: "Riverside Medical Centre", code: "Y02345", fee: 1000.01, paid: serial(2026, 3, 25), invoice: "INV-10" },
  ];
  const rows = [HEADER, ...sessions.map((s) => row(s))];
  const locum = details({ "Tier rate": "9.8%", "Other practitioner pay": 5000, "Other days of service": 20 });

  test("hand-checked, and equal cell for cell", () => {
    const p = prepareForms(rows, locum, { today: dayFromYmd(2026, 4, 1) });
    expect(p.errors).toBe(0);
    const forms = yearEndOfForms(p);
    expect(forms.messages).toEqual([]);
    const fromForms = yearEndRows(forms.results);

    const formA = sessions.map((s) => [F.forma(s.worked, s.paid, s.code, s.practice, s.invoice)]);
    expect(formA.map((x) => x[0])).toEqual([
      "05/2025 Y02345 INV-1",
      "05/2025 Y02345 INV-1",
      "05/2025 B86021 CS-1",
      "06/2025 name:hillviewpractice",
      "07/2025 name:hillviewpractice",
      "02/2026 Y02345 INV-9",
      "03/2026 Y02345 INV-10",
    ]);
    const spill = F.yearend(col(sessions.map((s) => s.worked)), col(sessions.map((s) => 0.9 * s.fee)), [[0.098]], [[5000]], [[20]], formA);
    expect(spill.slice(1)).toEqual(fromForms);
    expect(named(spill)).toEqual({
      "Scheme year": "2025/26",
      From: "01/04/2025",
      To: "31/03/2026",
      "Days worked": 6,
      "Days of service": 26,
      "Locum pay": 3877.55,
      "Other pay": 5000,
      Annualised: 124627.14,
      Tier: 6,
      "Rate due": 0.125,
      Due: 484.7,
      "Rate paid": 0.098,
      Paid: 379.99,
      Difference: 104.71,
      Outcome: "top-up to PCSE",
      "Type 2 due by": "28/02/2027",
      Status: "confirmed",
      "Pension built up (estimate)": 164.4,
      "Pension input amount (estimate)": "",
    });
  });

  test("without form_a each row stands alone: Box 2 rounded per row, paid rounded once", () => {
    const perRow = sessions.map((s) => [F.pensionable(s.fee)]);
    const spill = F.yearend(col(sessions.map((s) => s.worked)), perRow, [[0.098]], [[5000]], [[20]]);
    // 300.00 + 90.05 + 225.00 + 731.25 + 731.25 + 900.00 + 900.01 = 3,877.56; paid once: 3,877.56 × 9.8% = 380.00088 → 380.00.
    expect(named(spill)).toMatchObject({ "Locum pay": 3877.56, Paid: 380 });
  });
});

describe("LOCUM.YEAREND leaves off the rows LOCUM.FORMA puts on no Form A, as locum yearend does", () => {
  // The reviewer's rows (2025/26, Tier rate 9.8%): two Riverside days at £1,000 on invoice R1, paid in May; a private
  // session, an out-of-hours one, one through an agency, and one paid more than 10 weeks after it was done.
  const H = ["Date worked", "Last day", "Practice", "Practice code", "Fee", "Date paid", "Invoice", "Work type", "Engaged via", "Date submitted"];
  const s = (d: number[], practice: string, code: string, paid: number[], invoice: string, type = "", via = "", sent: number[] = [paid[0], paid[1] + 1, 3]) => [
    serial(d[0], d[1], d[2]),
    "",
    practice,
    code,
    1000,
    serial(paid[0], paid[1], paid[2]),
    invoice,
    type,
    via,
    serial(sent[0], sent[1], sent[2]),
  ];
  const rows = [
    s([2025, 5, 5], "Riverside", "Y02345", [2025, 5, 20], "R1"),
    s([2025, 5, 6], "Riverside", "Y02345", [2025, 5, 20], "R1"),
    s([2025, 6, 10], "Castle St", "B86021", [2025, 6, 20], "C1", "private"),
    s([2025, 6, 11], "LCD", "Y60001", [2025, 6, 20], "L1", "out of hours"),
    s([2025, 6, 12], "Agency Practice", "B86022", [2025, 6, 20], "A1", "", "agency"),
    s([2025, 7, 1], "Late Practice", "B86023", [2025, 9, 20], "LP1"),
  ];
  const locum = details({ "Tier rate": "9.8%" });

  test("the template's chain (MONTHLY → FORMA → YEAREND) gives the forms' year end to the penny", () => {
    const monthly = F.monthly([H, ...rows], locum);
    const formA = rows.map((r) => [F.forma(r[0], r[5], r[3], r[2], r[6], r[1], r[7], r[8], r[9])]);
    expect(formA.map((f) => f[0])).toEqual([
      "05/2025 Y02345 R1",
      "05/2025 Y02345 R1",
      "not on a Form A: private work",
      "not on a Form A: out-of-hours work, on the SOLO form",
      "not on a Form A: work through an agency",
      "not on a Form A: paid more than 10 weeks after the work (the 10-week rule)",
    ]);
    const spill = F.yearend(
      rows.map((r) => [r[0], r[1]]),
      rows.map((r) => [0.9 * (r[4] as number)]),
      monthly,
      [[""]],
      [[""]],
      formA,
      "England",
    );
    // By hand: only May's Form A counts: 2 × 900 = £1,800.00 over 2 days → 328,500.00 → 12.5%; due 1,800 × 12.5% =
    // 225.00; paid May's box b 1,800 × 9.8% = 176.40; top-up 48.60; the out-of-hours row makes a Type 2 due (28/02/2027).
    expect(named(spill)).toMatchObject({
      "Days worked": 2,
      "Locum pay": 1800,
      Due: 225,
      Paid: 176.4,
      Difference: 48.6,
      Outcome: "top-up to PCSE",
      "Type 2 due by": "28/02/2027",
    });
    expect(named(spill).Status).toBe("confirmed; left off (on no Form A, as the forms leave them): rows 3 to 6");
    // The forms layer on the same rows: the same cells.
    const p = prepareForms([H, ...rows], locum, { today: dayFromYmd(2026, 11, 30) });
    const y = yearEndOfForms(p, { today: dayFromYmd(2026, 11, 30) });
    expect(y.incomplete).toEqual([]);
    expect(y.leftOff).toEqual({ 2025: [5, 6, 7] });
    expect(spill[1].slice(0, 16)).toEqual(yearEndRows(y.results)[0].slice(0, 16));
  });

  test("a row not yet paid (not March work) is left off with a note, not #VALUE! for the whole sheet", () => {
    const formA = [[F.forma("2025-05-05", "2025-05-20", "Y02345", "R", "R1")], [F.forma("2025-06-10", "", "Y02345", "R", "R2")]];
    const spill = F.yearend(
      [
        ["2025-05-05", ""],
        ["2025-06-10", ""],
      ],
      [[900], [900]],
      [[0.098]],
      undefined,
      undefined,
      formA,
    );
    // 900 over 1 day → 328,500 → 12.5%: due 112.50, paid 88.20.
    expect(named(spill)).toMatchObject({ "Locum pay": 900, Due: 112.5, Paid: 88.2, Status: "confirmed; not paid yet, on no Form B: row 2" });
  });

  test("every row left off: said, not a table of zeros", () => {
    expect(excelError(() => F.yearend([["2025-06-10"]], [[900]], undefined, undefined, undefined, [["not on a Form A: private work"]])).message).toBe(
      "dates_worked: every row is left off (row 1: private work): no work on a Form A to reconcile",
    );
  });
});

describe("LOCUM.YEAREND splits a row across 1 October 2022 or 31 March as the forms do", () => {
  // 30/09/2022 to 02/10/2022, a fee of £100.01, paid 20/10/2022: the forms share the fee by days (1 day old table,
  // 2 new): 100.01 × 1/3 = 33.3366… → 33.34, the rest 66.67; Box 2 of each side's Form A: 30.006 → 30.01 and
  // 60.003 → 60.00. (Sharing the pay, 90.009, would give 30.00 and 60.01: not the forms' pennies.)
  // 90.01 over 3 days × 365 = 10,951.21 → tier 1 in both tables: 5% (old), 5.1% (new). Rates used, from the Monthly
  // table: "Tier rate" 5%, "Tier rate from 01/10/2022" 5.1%. Due 30.01 × 5% = 1.5005 → 1.50 and 60.00 × 5.1% = 3.06;
  // paid the same: nothing to settle.
  const H = ["Date worked", "Last day", "Practice", "Practice code", "Fee", "Date paid", "Invoice", "Date submitted"];
  const rows = [[serial(2022, 9, 30), serial(2022, 10, 2), "Oakfield", "B86047", 100.01, serial(2022, 10, 20), "O-2", serial(2022, 10, 25)]];
  const locum = details({ "Tier rate": "5%", "Tier rate from 01/10/2022": "5.1%" });

  test("hand-checked, and the forms' figures cell for cell", () => {
    const formA = rows.map((r) => [F.forma(r[0], r[5], r[3], r[2], r[6], r[1], "", "", r[7])]);
    expect(formA[0][0]).toBe("09/2022 B86047 O-2 + 10/2022 B86047 O-2");
    const spill = F.yearend(
      rows.map((r) => [r[0], r[1]]),
      [[90.009]],
      F.monthly([H, ...rows], locum),
      undefined,
      undefined,
      formA,
    );
    expect(spill.slice(1).map((r) => r.slice(0, 15))).toEqual([
      ["2022/23", "01/04/2022", "30/09/2022", 1, 3, 30.01, 0, 10951.21, 1, 0.05, 1.5, 0.05, 1.5, 0, "nothing to settle"],
      ["2022/23", "01/10/2022", "31/03/2023", 2, 3, 60, 0, 10951.21, 1, 0.051, 3.06, 0.051, 3.06, 0, "nothing to settle"],
    ]);
    const p = prepareForms([H, ...rows], locum, { today: dayFromYmd(2023, 4, 1) });
    expect(p.months.map((m) => m.formB?.formsA.map((f) => f.box2.toFixed(2)))).toEqual([["30.01"], ["60.00"]]);
    expect(spill.slice(1).map((r) => r.slice(0, 16))).toEqual(yearEndRows(yearEndOfForms(p).results).map((r) => r.slice(0, 16)));
  });

  test("without form_a, Box 2 figures are shared by days as they are", () => {
    // 30/03/2026 to 02/04/2026, £1,800.00 of Box 2 over 4 days: 900.00 to 2025/26 (30 and 31 March), 900.00 to 2026/27.
    jest.useFakeTimers({ now: new Date(Date.UTC(2027, 5, 1)), doNotFake: ["nextTick", "setImmediate"] });
    try {
      const spill = F.yearend([["2026-03-30", "2026-04-02"]], [[1800]]);
      expect(spill.slice(1).map((r) => [r[0], r[3], r[5]])).toEqual([
        ["2025/26", 2, 900],
        ["2026/27", 2, 900],
      ]);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("LOCUM.YEAREND: a rate_paid that no table of the work has is refused, as locum forms refuses it", () => {
  test("9.8% for work before 1 October 2022 (the old table has no 9.8%)", () => {
    const e = excelError(() => F.yearend([["2022-06-06"]], [[900]], [["9.8%"]]));
    expect(e.message).toBe(
      "rate_paid row 1: 9.8% is not a rate of the 2015/16 to 2022/23 (to 30 Sep 2022) table (5%, 5.6%, 7.1%, 9.3%, 12.5%, 13.5%, 14.5%), in force for work done 01/04/2022 to 30/09/2022 (this row's 06/06/2022): give the rate that row's Form B used",
    );
    // The same rate from 1 October 2022 is one of the new table's.
    expect(named(F.yearend([["2022-10-06"]], [[900]], [["9.8%"]]), 2)).toMatchObject({ From: "01/10/2022", "Rate paid": 0.098 });
    // 9.3% is the old table's, not 2025/26's.
    expect(excelError(() => F.yearend([["2025-06-06"]], [[900]], [[0.093]])).message).toMatch(/^rate_paid row 1: 9.3% is not a rate of the 2025\/26 table/);
  });
});

describe("LOCUM.YEAREND: a year not ended is in progress, said in Status", () => {
  afterEach(() => jest.useRealTimers());
  test("2026/27 on 01/12/2026: in progress; on 31/03/2027 ended", () => {
    jest.useFakeTimers({ now: new Date(2026, 11, 1, 12), doNotFake: ["nextTick", "setImmediate"] });
    expect(named(F.yearend([["2026-05-05"]], [[900]], [["12.5%"]])).Status).toBe(
      "published; in progress to 01/12/2026 (figures so far; the year ends 31/03/2027)",
    );
    jest.setSystemTime(new Date(2027, 2, 31, 12));
    expect(named(F.yearend([["2026-05-05"]], [[900]], [["12.5%"]])).Status).toBe("published");
  });
});

describe("LOCUM.YEAREND: last year's closing pension and the September CPI give the pension input amount", () => {
  test("hand-checked", () => {
    // 2024/25: £9,100 of locum pay + £40,000 other: 49,100 ÷ 54 = 909.259… → 909.26 built up. Opening £20,000.00,
    // CPI (September 2023) 6.7%: revalued 20,000 × (1 + 6.7% + 1.5%) = 21,640.00; closing 21,640.00 + 909.26 =
    // 22,549.26; base 20,000 × 1.067 = 21,340.00; input amount 16 × (22,549.26 − 21,340.00) = 16 × 1,209.26 = 19,348.16.
    const dates = Array.from({ length: 15 }, (_, i) => [serial(2024, 6, 2 + i)]);
    const pay = dates.map((_, i) => [i === 14 ? 606.76 : 606.66]);
    const spill = F.yearend(dates, pay, [[0.098]], [[40000]], [[350]], undefined, "England", [[20000]], [["6.7%"]]);
    expect(named(spill)).toMatchObject({ "Pension built up (estimate)": 909.26, "Pension input amount (estimate)": 19348.16 });
    // A plain 6.7 is read as 6.7 %, the same figure.
    expect(named(F.yearend(dates, pay, [[0.098]], [[40000]], [[350]], undefined, "England", [[20000]], [[6.7]]))["Pension input amount (estimate)"]).toBe(
      19348.16,
    );
  });
  test("bad input", () => {
    expect(excelError(() => F.yearend([["2025-05-05"]], [[900]], undefined, undefined, undefined, undefined, undefined, [[20000]])).message).toBe(
      "the pension input amount needs both last_closing_pension and september_cpi: give september_cpi too, or neither",
    );
    expect(excelError(() => F.yearend([["2025-05-05"]], [[900]], undefined, undefined, undefined, undefined, undefined, [[20000]], [["high"]])).message).toBe(
      'september_cpi must be the CPI of a September, such as 1.7% (−10% to 30%), not the text "high"',
    );
    expect(excelError(() => F.yearend([["2025-05-05"]], [[900]], undefined, undefined, undefined, undefined, undefined, [[-5]], [["1.7%"]])).message).toMatch(
      /^last_closing_pension cannot be negative/,
    );
  });
});

describe("a workbook that counts dates from 1904", () => {
  test("LOCUM.FORMA and LOCUM.YEAREND read its serials 1,462 days on", () => {
    setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS, date1904: true });
    // 05/05/2025 is serial 45782 in the 1900 system, 44320 in the 1904 one; paid 20/05/2025: 44335.
    const worked = serial(2025, 5, 5) - 1462;
    const paid = serial(2025, 5, 20) - 1462;
    const f = F.forma(worked, paid, "Y02345");
    expect(f).toBe("05/2025 Y02345");
    expect(named(F.yearend([[worked]], [[900]], [[0.098]], undefined, undefined, [[f]]))).toMatchObject({
      "Scheme year": "2025/26",
      "Days worked": 1,
      Due: 112.5,
      Paid: 88.2,
    });
  });
});
