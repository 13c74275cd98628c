// LOCUM.YEAREND and LOCUM.FORMA as Excel calls them (ranges as 2-D arrays, dates as serials or text),
// their bad input as #VALUE! / #N/A with a message, and the same figures as the forms-layer year
// end on the same rows (the one engine call both make).
import { CustomFunctionsError, installCustomFunctionsGlobal } from "../src/cli/bench/shim";
import { DEFAULT_SETTINGS, YEAR_END_HEADER, yearEndRows } from "../src/engine";
import { prepareForms } from "../src/forms";
import { yearEndOfForms } from "../src/forms/yearEnd";
import { setState } from "../src/functions/state";
import { DEFAULT_RULES, dayFromYmd } from "../src/rules";
import { details, HEADER, row, serial } from "./fixtures/forms";
import examples from "./fixtures/yearend-examples.json";

installCustomFunctionsGlobal();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F = require("../src/functions/functions") as typeof import("../src/functions/functions");

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
    const spans = [["2023-04-03", "2023-04-07"], ["2023-06-05", "2023-06-09"], ["2023-08-07", "2023-08-11"], ["2023-10-02", "2023-10-06"], ["2023-12-04", "2023-12-08"], ["2024-02-05", "2024-02-09"]];
    const spill = F.yearend(spans, col(spans.map(() => 3600)), [[e.rate_paid]]);
    expect(spill[0]).toEqual([...YEAR_END_HEADER]);
    expect(spill).toHaveLength(2);
    for (const r of spill) expect(r).toHaveLength(YEAR_END_HEADER.length);
    // 21,600 ÷ 30 × 366 = 263,520.00 → 13.5% (tier 11); due 2,916.00; paid (one rate, rounded once) 21,600 × 9.8% = 2,116.80.
    expect(named(spill)).toEqual({
      "Scheme year": e.scheme_year, From: "01/04/2023", To: "31/03/2024", "Days worked": e.days_worked, "Days of service": 30,
      "Locum pay": e.locum_pensionable_pay, "Other pay": 0, Annualised: e.annualised, Tier: 11, "Rate due": e.rate_due, Due: e.due,
      "Rate paid": e.rate_paid, Paid: e.paid, Difference: e.difference, Outcome: e.outcome, "Type 2 due by": "not due", Status: "confirmed",
    });
  });

  test("locum + salaried 2024/25: Type 2 due by 28/02/2026", () => {
    const e = examples.yearEnd[1];
    // Fifteen one-day rows of £606.66 and one of £606.76: 14 × 606.66 + 606.76 = 9,100.00 over 15 days.
    const dates = Array.from({ length: 15 }, (_, i) => serial(2024, 6, 2 + i));
    const pay = dates.map((_, i) => (i === 14 ? 606.76 : 606.66));
    const spill = F.yearend(col(dates), col(pay), e.rate_paid as never, e.other_practitioner_pay as never, e.other_days_of_service as never);
    expect(named(spill)).toMatchObject({
      "Days worked": e.days_worked, "Days of service": 365, "Locum pay": e.locum_pensionable_pay, "Other pay": e.other_practitioner_pay,
      Annualised: e.annualised, Tier: 5, "Rate due": e.rate_due, Due: e.due, Paid: e.paid, Difference: e.difference, Outcome: e.outcome, "Type 2 due by": "28/02/2026",
    });
  });
});

describe("LOCUM.YEAREND", () => {
  test("2022/23: one row per part, each tier in its own table", () => {
    // Part 1: 4 × 10-day spans of £4,500 (40 days, £18,000); part 2: 6 spans (60 days, £27,000), all paid at 12.5%.
    // 45,000 ÷ 100 × 365 = 164,250.00 → 14.5% (old table), 13.5% (new); due 2,610.00 and 3,645.00; paid 2,250.00 and 3,375.00.
    const spans = [["2022-04-04", "2022-04-13"], ["2022-05-09", "2022-05-18"], ["2022-06-06", "2022-06-15"], ["2022-09-19", "2022-09-28"], ["2022-10-03", "2022-10-12"], ["2022-11-07", "2022-11-16"], ["2022-12-05", "2022-12-14"], ["2023-01-09", "2023-01-18"], ["2023-02-06", "2023-02-15"], ["2023-03-06", "2023-03-15"]];
    const spill = F.yearend(spans, col(spans.map(() => 4500)), col(spans.map(() => "12.5%")));
    expect(spill.slice(1).map((r) => r.slice(0, 15))).toEqual([
      ["2022/23", "01/04/2022", "30/09/2022", 40, 100, 18000, 0, 164250, 7, 0.145, 2610, 0.125, 2250, 360, "top-up to PCSE"],
      ["2022/23", "01/10/2022", "31/03/2023", 60, 100, 27000, 0, 164250, 11, 0.135, 3645, 0.125, 3375, 270, "top-up to PCSE"],
    ]);
  });

  test("without rate_paid, what was paid is left empty, not taken as nothing", () => {
    const spill = F.yearend([["2025-05-05"], ["2025-05-06"]], [[4500], [4500]]);
    // 9,000 ÷ 2 × 365 = 1,642,500.00 → 12.5%; due 1,125.00.
    expect(named(spill)).toMatchObject({ Annualised: 1642500, "Rate due": 0.125, Due: 1125, "Rate paid": "", Paid: "", Difference: "", Outcome: "give rate_paid to compare" });
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

  test("under £1.00 is marked in the outcome", () => {
    // 10,000.60 over 100 days → 36,502.19 → 9.8%: due 980.06; ten Forms B (form_a) of 1,000.06 at 9.8%: 98.01 each = 980.10.
    const dates: unknown[][] = [];
    const forms: unknown[][] = [];
    const pays: unknown[][] = [];
    [4, 5, 6, 7, 8, 9, 10, 11, 12, 1].forEach((m) => {
      const y = m >= 4 ? 2025 : 2026;
      dates.push([serial(y, m, 1), serial(y, m, 10)]);
      pays.push([1000.06]);
      forms.push([F.forma(serial(y, m, 10), serial(y, m, 28), "Y02345")]);
    });
    expect(named(F.yearend(dates, pays, [[0.098]], undefined, undefined, forms))).toMatchObject({ Due: 980.06, Paid: 980.1, Difference: -0.04, Outcome: "refund from PCSE (under £1.00)" });
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

  test("bad input", () => {
    expect(excelError(() => F.forma("2026-02-27", "", "Y02345"))).toEqual({ code: "#N/A", message: expect.stringContaining("date_paid is empty: work done 27/02/2026 has no Form B until it is paid") });
    expect(excelError(() => F.forma("2025-05-20", "2025-05-02", "Y02345")).message).toBe("date_paid 02/05/2025 is before date_worked 20/05/2025: pay is received after the work");
    expect(excelError(() => F.forma("2025-05-20", "2025-05-22", "", "")).message).toMatch(/^practice_code is empty/);
    expect(excelError(() => F.forma("not a date", "2025-05-22", "Y02345")).message).toMatch(/^date_worked is not a date/);
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
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900]]))).toBe("pensionable_pay has 1 row but dates_worked has 2: select the pay on the same rows, beside the dates");
    expect(v(() => F.yearend([["2025-05-05", "2025-05-06", "2025-05-07"]], [[900]]))).toBe("dates_worked must be one column (a day a row) or two (the first and last day of a row), not 3");
    expect(v(() => F.yearend([["2025-05-05"]], [[900, 10]]))).toBe("pensionable_pay must be one column, not 2");
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900], [900]], [[0.098], [0.098], [0.098]]))).toMatch(/^rate_paid has 3 rows but dates_worked has 2/);
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900], [900]], undefined, undefined, undefined, [["05/2025 Y02345"]]))).toMatch(/^form_a has 1 row but dates_worked has 2/);
  });
  test("cells that are not what they should be", () => {
    expect(v(() => F.yearend([["2025-05-05"]], [["900"]]))).toBe('pensionable_pay row 1 must be a number of pounds, not the text "900"');
    expect(v(() => F.yearend([["2025-05-05"]], [[-900]]))).toBe("pensionable_pay row 1 cannot be negative (-900)");
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900], [899.995]]))).toMatch(/^pensionable_pay row 2 has a fraction of a penny \(899\.995\): give Form A Box 2 figures, or add form_a/);
    expect(v(() => F.yearend([["2025-05-05"], [""]], [[900], [450]]))).toBe("dates_worked row 2 is empty, but the row has pay: give the day worked, or clear the row");
    expect(v(() => F.yearend([["2025-05-05"]], [[""]]))).toMatch(/^pensionable_pay row 1 is empty/);
    expect(v(() => F.yearend([["2025-05-09", "2025-05-05"]], [[900]]))).toBe("dates_worked row 1: the last day 05/05/2025 is before the first 09/05/2025: swap them");
    expect(v(() => F.yearend([["05/13/2025"]], [[900]]))).toMatch(/^dates_worked row 1 is not a date/);
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900], [900]], [[9.8]]))).toBe("rate_paid is 9.8: write a rate as a percentage (9.8%) or a fraction (0.098)");
    expect(v(() => F.yearend([["2025-05-05"]], [[900]], [[9.8]]))).toBe("rate_paid row 1 is 9.8: write a rate as a percentage (9.8%) or a fraction (0.098)");
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-06"]], [[900], [900]], [["9.8%"], ["tier 4"]]))).toBe('rate_paid row 2 must be a rate such as 9.8% or 0.098, not the text "tier 4"');
    expect(v(() => F.yearend([["2025-05-05"]], [[900]], undefined, undefined, undefined, [["Y02345 May"]]))).toBe('form_a row 1 ("Y02345 May") does not start with its Form B month as mm/yyyy: use LOCUM.FORMA');
    expect(v(() => F.yearend([["2025-05-05"]], [[900]], undefined, undefined, undefined, undefined, "Scotland"))).toMatch(/Scotland runs its own NHS pension scheme/);
    expect(v(() => F.yearend([[""]], [[""]]))).toBe("dates_worked: no rows with a date and pay");
  });
  test("rows the forms would not allow", () => {
    expect(v(() => F.yearend([["2026-03-30", "2026-04-02"]], [[1800]]))).toBe("row 1: its days 30/03/2026 to 02/04/2026 cross 01/04/2026, when a new scheme year starts: split it into one row (one Form A) per side");
    // A Form A text naming another scheme year than its work.
    expect(v(() => F.yearend([["2026-03-20"]], [[900]], [[0.098]], undefined, undefined, [["04/2026 Y02345"]]))).toMatch(/^form_a row 1: the Form A "04\/2026 Y02345" is on a Form B of 04\/2026, but the work on 20\/03\/2026 belongs to 2025\/26/);
    expect(v(() => F.yearend([["2025-05-05"], ["2025-05-12"]], [[900], [900]], [[0.098], [0.107]], undefined, undefined, [["05/2025 Y02345"], ["05/2025 B86021"]]))).toBe("rate_paid: rows 1 and 2 are on the 05/2025 Form B but give 9.8% and 10.7%: a Form B has one rate");
  });
  test("other posts", () => {
    expect(v(() => F.yearend([["2024-06-03"], ["2025-06-02"]], [[900], [900]], undefined, [[40000]]))).toBe("other_practitioner_pay: the rows cover 2 scheme years (2024/25, 2025/26): give one value per scheme year, earliest first, not 1");
    expect(v(() => F.yearend([["2025-06-02"]], [[900]], undefined, [["£40,000"]]))).toMatch(/^other_practitioner_pay must be a number of pounds/);
    expect(v(() => F.yearend([["2025-06-02"]], [[900]], undefined, [[40000]], [[366]]))).toBe("other days of service (366) cannot be more than the 365 days of scheme year 2025/26");
    expect(v(() => F.yearend([["2025-06-02"]], [[900]], undefined, [[40000]], [[36.5]]))).toBe("other_days_of_service must be a whole number of days (0 or more), not 36.5");
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
  // Due 3,877.55 × 12.5% = 484.69375 → 484.69. Forms B at 9.8%: May 615.04 → 60.27; June 731.25 → 71.66; July 71.66;
  // February 900.00 → 88.20; March 900.01 → 88.20; paid 379.99; top-up 104.70.
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
    expect(formA.map((x) => x[0])).toEqual(["05/2025 Y02345 INV-1", "05/2025 Y02345 INV-1", "05/2025 B86021 CS-1", "06/2025 name:hillviewpractice", "07/2025 name:hillviewpractice", "02/2026 Y02345 INV-9", "03/2026 Y02345 INV-10"]);
    const spill = F.yearend(col(sessions.map((s) => s.worked)), col(sessions.map((s) => 0.9 * s.fee)), [[0.098]], [[5000]], [[20]], formA);
    expect(spill.slice(1)).toEqual(fromForms);
    expect(named(spill)).toEqual({
      "Scheme year": "2025/26", From: "01/04/2025", To: "31/03/2026", "Days worked": 6, "Days of service": 26, "Locum pay": 3877.55, "Other pay": 5000,
      Annualised: 124627.14, Tier: 6, "Rate due": 0.125, Due: 484.69, "Rate paid": 0.098, Paid: 379.99, Difference: 104.7, Outcome: "top-up to PCSE",
      "Type 2 due by": "28/02/2027", Status: "confirmed",
    });
  });

  test("without form_a each row stands alone: Box 2 rounded per row, paid rounded once", () => {
    const perRow = sessions.map((s) => [F.pensionable(s.fee)]);
    const spill = F.yearend(col(sessions.map((s) => s.worked)), perRow, [[0.098]], [[5000]], [[20]]);
    // 300.00 + 90.05 + 225.00 + 731.25 + 731.25 + 900.00 + 900.01 = 3,877.56; paid once: 3,877.56 × 9.8% = 380.00088 → 380.00.
    expect(named(spill)).toMatchObject({ "Locum pay": 3877.56, Paid: 380 });
  });
});
