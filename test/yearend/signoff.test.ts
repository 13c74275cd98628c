// A year end an accountant can sign off (issue 16): an incomplete year states no settlement, every
// row on no Form B is listed with its amount and reason, the forms' warning and the year end round
// alike, dates far off are named before any missing table, and the CSV's columns. Figures by hand.
import { installCustomFunctionsGlobal } from "../../bench/shim";
import { DEFAULT_SETTINGS, type Settings, YEAR_END_HEADER } from "../../src/engine";
import { prepareForms } from "../../src/forms";
import { csvField, yearEndCsv, yearEndCsvRecord, yearEndOfForms } from "../../src/yearend";
import { yearEndPdf } from "../../src/pdf";
import { setState } from "../../src/office/state";
import { dayFromYmd as d, DEFAULT_RULES } from "../../src/rules";
import { details, fontBytes, HEADER, row, serial } from "../support/forms";
import { pdfText, squeeze } from "../support/pdf";

installCustomFunctionsGlobal();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F = require("../../src/functions/functions") as typeof import("../../src/functions/functions");
afterEach(() => setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS }));

const today = d(2026, 5, 1);
const f2 = (x: { toFixed(n: number): string }) => x.toFixed(2);
const monthOf = (i: number) => ({ y: i < 9 ? 2025 : 2026, m: ((3 + i) % 12) + 1 });

/** 2025/26: one session a month from April, `fee` each, paid on the 20th of its month. */
function year(fee: number, over: (i: number) => Partial<Parameters<typeof row>[0]> = () => ({})) {
  return Array.from({ length: 12 }, (_, i) => {
    const { y, m } = monthOf(i);
    return row({ worked: serial(y, m, 3), fee, paid: serial(y, m, 20), invoice: `INV-${i + 1}`, ...over(i) });
  });
}

describe("an incomplete year states no settlement", () => {
  // June's Date paid is 31/02/2026 (no such day): June's Form B is stopped, and box j after it.
  const rows = year(700, (i) => (i === 2 ? { paid: "31/02/2026" } : {}));
  const p = prepareForms([HEADER, ...rows], details({ "Tier rate": "9.8%" }), { today });
  const y = yearEndOfForms(p, { today });
  const r = y.results[0];
  const made = p.months.filter((m) => m.formB).length;

  test("the year is not final and names the stopped months: June's row may be on any Form B from June on", () => {
    expect(y.incomplete).toEqual([2025]);
    expect(made).toBe(2); // April and May: a row worked in June is on no earlier Form B
    expect(y.stopped[2025]).toEqual([
      "July 2025",
      "August 2025",
      "September 2025",
      "October 2025",
      "November 2025",
      "December 2025",
      "January 2026",
      "February 2026",
      "March 2026",
    ]);
    expect(y.offForms[2025]!.map((x) => [x.row, x.reason])).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((r) => [r, "stopped"]));
  });

  test("due and paid cover only the months made (each £630.00: due £78.75 at 12.5 %, paid £61.74 at 9.8 %)", () => {
    // April and May: 1,260.00 over 2 days annualises to 229,950.00 (12.5 %): due 157.50, paid 123.48, 34.02 short.
    expect([f2(r.locumPay), f2(r.due), f2(r.paid), f2(r.settlement.difference)]).toEqual(["1260.00", "157.50", "123.48", "34.02"]);
  });

  test("the CSV says not final in words and in its columns; the PDF states no top-up", async () => {
    const csv = yearEndCsv([yearEndCsvRecord({ client: "patel.xlsx", result: r, final: false, status: "incomplete: errors stop some forms" })], { bom: false });
    const [head, line] = csv.split("\r\n");
    const cells = Object.fromEntries(head.split(",").map((h, i) => [h, line.split(",")[i]]));
    expect(cells).toMatchObject({ Direction: "not final", Final: "no", Difference: "34.02" });
    const text = squeeze(
      await pdfText(await yearEndPdf(y.results, p.locum!, fontBytes(), { incomplete: y.incomplete, stopped: y.stopped, offForms: y.offForms })),
    );
    expect(text).toContain("Not final: £34.02 underpaid so far");
    expect(text).toMatch(/These figures cover only the months whose forms\s+were made: nothing to settle yet/);
    expect(text).not.toMatch(/Top-up to PCSE: £/);
    expect(text).toContain("Rows on no Form B");
  });
});

describe("rows on no Form B are listed with their amounts and reasons", () => {
  // Three February 2026 sessions of £750 not yet paid; one March 2026 session not yet paid (the March rule: on March's Form B).
  const rows = [
    ...year(700).slice(0, 10),
    ...[2, 3, 4].map((day) => row({ worked: serial(2026, 2, day), fee: 750, invoice: `FEB-${day}` })),
    row({ worked: serial(2026, 3, 9), fee: 500, invoice: "MAR-1" }),
    row({ worked: serial(2026, 1, 12), fee: 400, paid: serial(2026, 1, 30), type: "out of hours" }),
  ];
  const p = prepareForms([HEADER, ...rows], details({ "Tier rate": "12.5%" }), { today });
  const y = yearEndOfForms(p, { today });
  const off = y.offForms[2025]!;

  test("unpaid February work: each row with its fee and 90 %", () => {
    const unpaid = off.filter((x) => x.reason === "not paid yet");
    expect(unpaid.map((x) => [x.row, f2(x.fee!), f2(x.pensionable!)])).toEqual([
      [12, "750.00", "675.00"],
      [13, "750.00", "675.00"],
      [14, "750.00", "675.00"],
    ]);
    expect(unpaid[0].why).toMatch(/^Sessions row 12, Date paid \(E12\): empty: work not yet paid is on no Form B yet/);
  });

  test("the SOLO row is listed as such; unpaid March work is on March's Form B and counts", () => {
    expect(off.filter((x) => x.reason === "SOLO form").map((x) => [x.row, f2(x.fee!)])).toEqual([[16, "400.00"]]);
    expect(off.map((x) => x.row)).not.toContain(15);
    // Ten months at £630.00 plus March's £450.00: 6,750.00 of locum pay.
    expect(f2(y.results[0].locumPay)).toBe("6750.00");
  });
});

describe("one rounding: the forms' warning and every year end agree to the penny", () => {
  // Fee £703: Box 2 £632.70 a month. Paid at 9.8 %: 62.0046 → £62.00 a Form B, £744.00 in all. The rows give 12.5 %
  // (7,592.40 ÷ 12 × 365 = 230,935.50). Due Form B by Form B: 632.70 × 12.5 % = 79.0875 → £79.09, × 12 = £949.08,
  // so £205.08 too little; due once for the year: 7,592.40 × 12.5 % = £949.05, so £205.05.
  const rows = year(703);
  const cases: [Settings["yearEndRounding"], string][] = [
    ["each-form-b", "205.08"],
    ["year", "205.05"],
  ];
  test.each(cases)("yearEndRounding %s: £%s in the warning, the year end and LOCUM.YEAREND", (setting, gap) => {
    const settings = { ...DEFAULT_SETTINGS, yearEndRounding: setting };
    const p = prepareForms([HEADER, ...rows], details({ "Tier rate": "9.8%" }), { today, settings });
    const warning = p.messages.find((m) => m.kind === "tier rate contradicted")!;
    expect(warning.text).toContain(`the forms pay about £${gap} too little`);
    const r = yearEndOfForms(p, { settings, today }).results[0];
    expect(f2(r.settlement.difference)).toBe(gap);
    setState({ rules: DEFAULT_RULES, settings });
    const dates = rows.map((x) => [x[0]]);
    const pays = rows.map(() => [632.7]);
    const formA = rows.map((x) => [F.forma(x[0], x[4], "Y02345", "", x[5])]);
    const spill = F.yearend(dates, pays, [[0.098]], undefined, undefined, formA) as unknown[][];
    expect(spill[1][YEAR_END_HEADER.indexOf("Difference")]).toBe(Number(gap));
  });
});

describe("dates far off are named before any missing table", () => {
  test("work in 2052 (a typo) paid in 2025: the Date paid is before the work", () => {
    const p = prepareForms([HEADER, row({ worked: serial(2052, 5, 6), fee: 500, paid: serial(2025, 5, 20) })], details(), { today });
    const m = p.messages.find((x) => x.level === "error")!;
    expect([m.row, m.field, m.kind]).toEqual([2, "Date paid", "paid before work"]);
    expect(m.text).toBe(
      "20/05/2025 is before the last day worked (06/05/2052): pay is declared in the month it was received, after the work; correct the date",
    );
  });

  test("work and pay both in 2052: after today", () => {
    const p = prepareForms([HEADER, row({ worked: serial(2052, 5, 6), fee: 500, paid: serial(2052, 5, 20) })], details(), { today });
    const m = p.messages.find((x) => x.level === "error")!;
    expect([m.row, m.field, m.kind]).toEqual([2, "Date worked", "future work"]);
    expect(m.text).toMatch(/^06\/05\/2052 is after today \(01\/05\/2026\): work is declared once it is done; correct the year if it is a typo/);
  });
});

describe("the folder CSV's columns", () => {
  test("header: who, the figures, one pair of columns a tax year touched, then status and counts", () => {
    const p = prepareForms([HEADER, ...year(700)], details({ "Tier rate": "9.8%" }), { today });
    const r = yearEndOfForms(p, { today }).results[0];
    const l = p.locum!;
    const csv = yearEndCsv(
      [
        yearEndCsvRecord({
          client: "oneill.xlsx",
          locum: { surname: l.surname, otherNames: l.otherNames, sdNumber: l.sdNumber },
          result: r,
          status: "done",
          errors: 0,
          warnings: 3,
        }),
      ],
      { bom: false },
    );
    const [head, line] = csv.split("\r\n");
    expect(head).toBe(
      "Client file,Surname,Other names,SD number,Scheme year,Locum pensionable pay,Days worked,Days of service,Annualised pay,Rate due,Rates paid,Employee due,Employee paid,Employer paid,Difference,Direction,Final,Type 2 due by," +
        "Employee paid in tax year 2025/26,Employer paid in tax year 2025/26,Employee paid in tax year 2026/27,Employer paid in tax year 2026/27,Status,Errors,Warnings",
    );
    // 12 × 630 = 7,560.00; due 12 × 78.75 = 945.00; paid 12 × 61.74 = 740.88; box h 630 × 14.38 % = 90.59, × 12 = 1,087.08.
    // Tax years by due date (no Date submitted): April to February's Forms B in 2025/26, March's (due 07/04/2026) in 2026/27.
    expect(line).toBe(
      "oneill.xlsx,O'Neill,Siân,12345678,2025/26,7560.00,12,12,229950.00,12.5%,9.8%,945.00,740.88,1087.08,204.12,top-up,yes,,679.14,996.49,61.74,90.59,done,0,3",
    );
  });

  test("formula-like text is defused, also after a space and in full width", () => {
    expect([csvField("=1+1"), csvField(" =1+1"), csvField("＝SUM(A1)"), csvField("12.5%"), csvField("-12.00")]).toEqual([
      "'=1+1",
      "' =1+1",
      "'＝SUM(A1)",
      "12.5%",
      "-12.00",
    ]);
  });
});
