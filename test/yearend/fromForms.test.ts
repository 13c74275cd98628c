// The year end of a workbook (PreparedForms → engine): its placed messages, the summary PDF read back
// with poppler, and the folder CSV.
import { DEFAULT_SETTINGS, Money, type YearEndResult, yearEnds } from "../../src/engine";
import { prepareForms } from "../../src/forms";
import { csvFieldsOf, yearEndCsv, yearEndCsvRecord, yearEndOfForms, yearEndStatus } from "../../src/yearend";
import { yearEndPdf, yearEndPdfName } from "../../src/pdf";
import { csvField } from "../../src/yearend/csv";
import { dayFromYmd as d, DEFAULT_RULES } from "../../src/rules";
import { details, fontBytes, HEADER, row, serial } from "../support/forms";
import { overlappingWords, pdfInfo, pdfText, squeeze, wordBoxes } from "../support/pdf";

const today = d(2026, 5, 1);
const f2 = (x: { toFixed(n: number): string }) => x.toFixed(2);

// 2025/26, Tier rate 9.8%: 12 sessions at £700 (pensionable £630.00, box b 61.74 each), one a month, paid in the month.
// 7,560 ÷ 12 × 365 = 229,950.00 → 12.5%: due 945.00; paid 12 × 61.74 = 740.88; top-up 204.12.
const monthly = Array.from({ length: 12 }, (_, i) => {
  const y = i < 9 ? 2025 : 2026;
  const m = ((3 + i) % 12) + 1;
  return row({ worked: serial(y, m, 3), fee: 700, paid: serial(y, m, 20), invoice: `INV-${i + 1}` });
});

describe("yearEndOfForms", () => {
  test("a locum-only year, hand-checked", () => {
    const p = prepareForms([HEADER, ...monthly], details({ "Tier rate": "9.8%" }), { today });
    const y = yearEndOfForms(p);
    expect(y.messages).toEqual([]);
    expect(y.incomplete).toEqual([]);
    const r = y.results[0];
    expect([
      r.label,
      f2(r.locumPay),
      r.daysWorked,
      f2(r.annualised),
      r.parts[0].rate.toString(),
      f2(r.due),
      f2(r.paid),
      f2(r.settlement.difference),
      r.settlement.text,
      r.type2,
    ]).toEqual(["2025/26", "7560.00", 12, "229950.00", "0.125", "945.00", "740.88", "204.12", "top-up to PCSE", null]);
    // Employer contributions (box h): 630 × 14.38% = 90.594 → 90.59 a Form B. Without Date submitted the due date (the 7th of
    // the next month) is assumed: April's to February's Forms B (due 07/05/2025 to 07/03/2026) in 2025/26, March's (07/04/2026) in 2026/27.
    expect(r.taxYears.map((t) => [t.label, f2(t.employee), f2(t.employer!), t.assumed, t.formsB.length])).toEqual([
      ["2025/26", "679.14", "996.49", true, 11],
      ["2026/27", "61.74", "90.59", true, 1],
    ]);
    expect(yearEndStatus(r, y)).toBe("done");
  });

  test("a Form B's date sent, when the forms give it, decides its tax year", () => {
    const p = prepareForms([HEADER, ...monthly], details({ "Tier rate": "9.8%" }), { today });
    const march = p.months.find((m) => m.monthKey === "2026-03")!.formB!;
    march.sent = d(2026, 3, 30);
    const r = yearEndOfForms(p).results[0];
    expect(r.taxYears.map((t) => [t.label, f2(t.employee), t.assumed])).toEqual([["2025/26", "740.88", true]]);
    expect(r.parts[0].formsB.find((l) => l.month?.month === 3)).toMatchObject({ assumed: false });
  });

  test("an out-of-hours row left off: a Type 2 is due, its pay belongs in Other practitioner pay, the year is final without it", () => {
    const rows = [
      HEADER,
      ...monthly,
      row({ worked: serial(2025, 11, 8), practice: "Local Care Direct OOH", code: "NLO01", fee: 600, paid: serial(2025, 11, 28), type: "out of hours" }),
    ];
    const p = prepareForms(rows, details({ "Tier rate": "9.8%" }), { today });
    const y = yearEndOfForms(p);
    const r = y.results[0];
    expect(r.type2!.reasons).toEqual(["Sessions row 14: out-of-hours or ICB work, left off the forms (the SOLO form)"]);
    const solo = y.messages.find((m) => m.kind === "yearend-solo")!;
    expect(solo).toMatchObject({ level: "warning", sheet: "Sessions", row: 14, field: "Work type", cell: "G14" });
    expect(solo.text).toBe(
      "out-of-hours or ICB work is practitioner work pensioned on the SOLO form: a Type 2 self-assessment is due for 2025/26 (by 28/02/2027); add its pensionable pay to Other practitioner pay in Locum details (and its days to Other days of service) so the tier counts it",
    );
    // November's forms wait until the row goes, but the row can never be pensioned: the year is final without it,
    // with November's Form B as it will be (its 3 November session, £630.00 at 9.8%: 61.74). The figures are those of
    // the year without the row (the first test): due 945.00, paid 740.88, top-up 204.12; only the Type 2 is new.
    expect(y.incomplete).toEqual([]);
    expect(y.leftOff).toEqual({ 2025: [14] });
    expect([f2(r.due), f2(r.paid), f2(r.settlement.difference), r.parts[0].formsB.length]).toEqual(["945.00", "740.88", "204.12", 12]);
    expect(y.messages.find((m) => m.kind === "yearend-incomplete")).toBeUndefined();
    expect(y.messages.find((m) => m.kind === "yearend-leave-off")).toMatchObject({
      level: "warning",
      sheet: "Sessions",
      row: 14,
      text: "the 2025/26 year end leaves off row 14 (work that can never go on a Form A: the errors above say why), and is final without it: its figures do not change when it is removed; remove it from Sessions so its month's forms can be made",
    });
    expect(yearEndStatus(r, y)).toBe("done (1 row to remove, 2 warnings)");
    // Once the row is removed, the same figures.
    const after = yearEndOfForms(prepareForms([HEADER, ...monthly], details({ "Tier rate": "9.8%" }), { today })).results[0];
    expect([f2(after.due), f2(after.paid), f2(after.settlement.difference)]).toEqual(["945.00", "740.88", "204.12"]);
  });

  test("an error that is not a row to leave off still makes the year not final", () => {
    // A fee typed as text in November: the row is to be corrected, not removed, so November is left out until then,
    // and the months after it, whose box j rests on it.
    const rows = [HEADER, ...monthly, row({ worked: serial(2025, 11, 8), code: "B86021", fee: "600", paid: serial(2025, 11, 28) })];
    const y = yearEndOfForms(prepareForms(rows, details({ "Tier rate": "9.8%" }), { today }));
    const left = ["November 2025", "December 2025", "January 2026", "February 2026", "March 2026"];
    expect([y.incomplete, y.stopped, y.leftOff]).toEqual([[2025], { 2025: left }, {}]);
    expect(y.messages.find((m) => m.kind === "yearend-incomplete")).toMatchObject({
      level: "error",
      sheet: "Sessions",
      text: `the 2025/26 year end leaves out the forms that errors stop (${left.join(", ")}): its figures are not final until those errors are fixed`,
    });
    expect(yearEndStatus(y.results[0], y)).toBe("incomplete: errors stop some forms");
  });

  test("other days of service beyond the year are capped, with the cell named", () => {
    const p = prepareForms([HEADER, ...monthly], details({ "Tier rate": "9.8%", "Other practitioner pay": 50000, "Other days of service": 365 }), { today });
    const y = yearEndOfForms(p);
    // 12 + 365 = 377 days, taken as 365: (7,560 + 50,000) ÷ 365 × 365 = 57,560.00 → 10.7%: due 7,560 × 10.7% = 808.92.
    expect([y.results[0].daysOfService, f2(y.results[0].annualised), f2(y.results[0].due)]).toEqual([365, "57560.00", "808.92"]);
    // Said once, by the forms (their tier counts the same days), not again by the year end.
    const said = [...p.messages, ...y.messages].filter((x) => x.field === "Other days of service");
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ level: "warning", sheet: "Locum details" });
    expect(said[0].row).toBeGreaterThan(1);
    expect(said[0].text).toMatch(/^the locum days worked plus Other days of service come to 377, more than the 365 days of 2025\/26: taken as 365/);
  });

  test("one Other practitioner pay for a workbook of two scheme years is said", () => {
    const rows = [HEADER, row({ worked: serial(2024, 6, 3), fee: 700, paid: serial(2024, 6, 20) }), ...monthly];
    const p = prepareForms(rows, details({ "Tier rate": "9.8%", "Other practitioner pay": 1000, "Other days of service": 10 }), { today });
    const y = yearEndOfForms(p);
    expect(y.results.map((r) => r.label)).toEqual(["2024/25", "2025/26"]);
    expect(y.messages.find((m) => m.field === "Other practitioner pay")!.text).toMatch(
      /^£1,000\.00 is taken as the other practitioner pay of each scheme year here \(2024\/25, 2025\/26\)/,
    );
    expect(yearEndOfForms(p, { years: [2025] }).results.map((r) => r.label)).toEqual(["2025/26"]);
  });

  test("March work paid in April counts in the old year's locum pay and days", () => {
    const rows = [HEADER, ...monthly, row({ worked: serial(2026, 3, 16), fee: 700, paid: serial(2026, 4, 8), invoice: "INV-late" })];
    const p = prepareForms(rows, details({ "Tier rate": "9.8%" }), { today });
    const r = yearEndOfForms(p).results.find((x) => x.label === "2025/26")!;
    // 13 sessions × 630.00 = 8,190.00 over 13 days.
    expect([f2(r.locumPay), r.daysWorked]).toEqual(["8190.00", 13]);
  });

  test("details with errors: no year end, one message saying why", () => {
    const p = prepareForms([HEADER, ...monthly], details({ Surname: "" }), { today });
    const y = yearEndOfForms(p);
    expect(y.results).toEqual([]);
    expect(y.messages).toEqual([expect.objectContaining({ level: "error", sheet: "Locum details" })]);
  });
});

describe("the summary PDF", () => {
  let bytes: Uint8Array;
  let r: YearEndResult;
  beforeAll(async () => {
    const p = prepareForms([HEADER, ...monthly], details({ "Tier rate": "9.8%", "Other practitioner pay": 12000, "Other days of service": 100 }), { today });
    const y = yearEndOfForms(p, { pension: { 2025: { opening: new Money(12000), cpi: new Money("0.017") } } });
    r = y.results[0];
    bytes = await yearEndPdf(y.results, p.locum!, fontBytes(), { source: "oneill-2025-26.xlsx" });
  });

  test("reads back with the figures, in UK formats", () => {
    const t = squeeze(pdfText(bytes));
    // (7,560 + 12,000) ÷ (12 + 100) × 365 = 63,744.64 → 10.7%: due 7,560 × 10.7% = 808.92; paid 740.88; top-up 68.04.
    expect(t).toContain("Year-end reconciliation 2025/26");
    expect(t).toContain("Siân O'Neill · SD number 12345678");
    expect(t).toContain("Top-up to PCSE: £68.04");
    expect(t).toContain("Due £808.92 · paid £740.88");
    expect(t).toContain("£63,744.64");
    expect(t).toMatch(/Apr 2025 £630\.00 9\.8% £61\.74 10\.7% £67\.41 £90\.59 07\/05\/2025\* 2025\/26/);
    expect(t).toContain("Type 2 self-assessment due by 28/02/2027");
    // Relief on both halves (the default): 679.14 + 996.49 = 1,675.63.
    expect(t).toMatch(/2025\/26 £679\.14 £996\.49 £1,675\.63 11 some assumed\*/);
    expect(t).toContain("Pension built up in 2025/26 (estimate): £19,560.00 ÷ 54 = £362.22 a year");
    expect(t).toMatch(/page 1 of \d/);
    expect(pdfInfo(bytes)).not.toMatch(/Syntax Error|FAILED/);
    expect(f2(r.settlement.difference)).toBe("68.04");
  });

  test("the same results give the same bytes", async () => {
    const again = await yearEndPdf(
      [r],
      (await prepareForms([HEADER, ...monthly], details({ "Tier rate": "9.8%", "Other practitioner pay": 12000, "Other days of service": 100 }), { today }))
        .locum!,
      fontBytes(),
      { source: "oneill-2025-26.xlsx" },
    );
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  test("2022/23 in two parts, in Wales, not final", async () => {
    const src = {
      country: "Wales" as const,
      work: [
        { pay: new Money(18000), periods: [[d(2022, 5, 2), d(2022, 6, 10)]] as [number, number][], label: "a" },
        { pay: new Money(27000), periods: [[d(2022, 11, 1), d(2023, 1, 29)]] as [number, number][], label: "b" },
      ],
      formsB: [
        {
          month: { year: 2022, month: 6 },
          day: d(2022, 6, 1),
          rate: new Money("0.125"),
          a: new Money(18000),
          b: new Money(2250),
          h: null,
          sent: null,
          due: d(2022, 7, 7),
          label: "June",
        },
        {
          month: { year: 2023, month: 1 },
          day: d(2023, 1, 1),
          rate: new Money("0.125"),
          a: new Money(27000),
          b: new Money(3375),
          h: null,
          sent: d(2023, 2, 1),
          due: d(2023, 2, 7),
          label: "Jan",
        },
      ],
    };
    const [yr] = yearEnds(src, DEFAULT_RULES, DEFAULT_SETTINGS);
    const locum = prepareForms([HEADER, ...monthly], details({ Country: "Wales", "Host LHB ref": "X1" }), { today }).locum!;
    const pdf = await yearEndPdf([yr], locum, fontBytes(), { incomplete: [2022] });
    const t = squeeze(pdfText(pdf));
    // 45,000 over 40 + 90 = 130 days: 45,000 ÷ 130 × 365 = 126,346.15 → 14.5% then 13.5%; due 2,610.00 + 3,645.00 = 6,255.00.
    // Not final: no settlement stated, only the difference on the months made.
    expect(t).toContain("Not final: £630.00 underpaid so far");
    expect(t).not.toContain("Top-up to the LHB: £630.00");
    expect(t).toMatch(/01\/04\/2022 to 30\/09\/2022 40 £18,000\.00 7 14\.5% £2,610\.00 12\.5% £2,250\.00 \+£360\.00/);
    expect(t).toMatch(/Scheme year 130 £45,000\.00 £6,255\.00 £5,625\.00 \+£630\.00/);
    expect(t).toContain("Not final: errors in the workbook stop some of this year's forms");
    expect(t).toContain("settle the difference with the Local Health Board");
    expect(pdfInfo(pdf)).not.toMatch(/Syntax Error|FAILED/);
    expect(yearEndPdfName(locum, [yr])).toBe("2022-23-year-end-O-Neill-12345678.pdf");
  });
});

describe("the folder CSV", () => {
  const p = prepareForms([HEADER, ...monthly], details({ "Tier rate": "9.8%" }), { today });
  const y = yearEndOfForms(p);
  const r = y.results[0];

  test("a header, one line per client and scheme year, money plain, dates dd/mm/yyyy, CRLF, a BOM", () => {
    const csv = yearEndCsv(
      [
        { client: "oneill-2025-26.xlsx", result: r, status: yearEndStatus(r, y) },
        { client: 'Smith, "Jo" 2025.xlsx', result: null, status: "error: Locum details row 3,\nSurname: is empty", errors: 1 },
        { client: '=HYPERLINK("http://x")', result: null, status: "error: not a workbook", errors: 1 },
      ].map(yearEndCsvRecord),
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Client file,Surname,Other names,SD number,Scheme year,Locum pensionable pay,Days worked,Days of service,Annualised pay,Rate due,Rates paid,Employee due,Employee paid,Employer paid,Difference,Direction,Final,Type 2 due by,Employee paid in tax year 2025/26,Employer paid in tax year 2025/26,Employee paid in tax year 2026/27,Employer paid in tax year 2026/27,Status,Errors,Warnings",
    );
    // Box h: 630 × 14.38 % = 90.59 a Form B: 996.49 for the 11 in tax year 2025/26, 90.59 for March's (due 07/04/2026).
    expect(lines[1]).toBe(
      "oneill-2025-26.xlsx,,,,2025/26,7560.00,12,12,229950.00,12.5%,9.8%,945.00,740.88,1087.08,204.12,top-up,yes,,679.14,996.49,61.74,90.59,done,0,0",
    );
    expect(lines[2]).toBe(`"Smith, ""Jo"" 2025.xlsx"${",".repeat(22)}"error: Locum details row 3, Surname: is empty",1,0`);
    expect(lines[3]).toBe(`"'=HYPERLINK(""http://x"")"${",".repeat(22)}error: not a workbook,1,0`);
    expect(lines[4]).toBe("");
    expect(lines).toHaveLength(5);
    expect(yearEndCsv([], { bom: false })).toBe(
      "Client file,Surname,Other names,SD number,Scheme year,Locum pensionable pay,Days worked,Days of service,Annualised pay,Rate due,Rates paid,Employee due,Employee paid,Employer paid,Difference,Direction,Final,Type 2 due by,Status,Errors,Warnings\r\n",
    );
  });

  test("a refund is a negative plain number; a Type 2 date and 2022/23's two rates", () => {
    const [yr] = yearEnds(
      {
        country: "England",
        work: [{ pay: new Money(18000), periods: [[d(2022, 5, 2), d(2022, 6, 10)]], label: "a" }],
        formsB: [
          {
            month: { year: 2022, month: 6 },
            day: d(2022, 6, 1),
            rate: new Money("0.145"),
            a: new Money(30000),
            b: new Money(4350),
            h: null,
            sent: null,
            due: d(2022, 7, 7),
            label: "x",
          },
        ],
        other: { 2022: { pay: new Money(30000), days: 365 } },
      },
      DEFAULT_RULES,
      DEFAULT_SETTINGS,
    );
    const f = csvFieldsOf(yearEndCsvRecord({ client: "a.xlsx", result: yr, status: "done" }), []);
    // 18,000 + 30,000 = 48,000 over 40 + 365 days capped at 365 → 48,000.00: old table above £47,845 → 12.5%; new table
    // above £43,805, up to £49,245 → 10.0%. Due (all work before October) 18,000 × 12.5% = 2,250.00; paid 4,350.00: −2,100.00.
    expect(f.slice(4, 18)).toEqual([
      "2022/23",
      "18000.00",
      40,
      365,
      "48000.00",
      "12.5% to 30/09/2022; 10% from 01/10/2022",
      "14.5%",
      "2250.00",
      "4350.00",
      "",
      "-2100.00",
      "refund",
      "yes",
      "31/03/2024",
    ]);
    expect(csvField("-2100.00")).toBe("-2100.00");
    expect(csvField("-x")).toBe("'-x");
    expect(csvField("+44 123")).toBe("'+44 123");
  });
});

describe("the summary PDF's layout: no text over text, whatever falls at a page's foot", () => {
  // The review's Jones (Wales, a Type 2 due): the Type 2's boxes were drawn on the page before their heading, over
  // "1 The tier for the year". Every number of months, with and without a Type 2 and the banners, is drawn here and
  // read back word by word (pdftotext -bbox): no two words on a page may overlap.
  const locum = prepareForms([HEADER, ...monthly], details({ "Tier rate": "9.8%" }), { today }).locum!;
  const pdfOf = async (months: number, o: { type2?: boolean; wales?: boolean; banners?: boolean; years?: number } = {}) => {
    const results: YearEndResult[] = [];
    for (let k = 0; k < (o.years ?? 1); k++) {
      const y0 = 2023 + k;
      const ms = Array.from({ length: months }, (_, i) => (i < 9 ? [y0, i + 4] : [y0 + 1, i - 8]));
      results.push(
        ...yearEnds(
          {
            country: o.wales ? "Wales" : "England",
            work: ms.map(([y, m]) => ({ pay: new Money("3033.33"), periods: [[d(y, m, 2), d(y, m, 6)]] as [number, number][], label: `w${m}` })),
            formsB: ms.map(([y, m]) => ({
              month: { year: y, month: m },
              day: d(y, m, 1),
              rate: new Money("0.098"),
              a: new Money("3033.33"),
              b: new Money("297.27"),
              h: new Money("436.19"),
              sent: null,
              due: m === 12 ? d(y + 1, 1, 7) : d(y, m + 1, 7),
              label: `Form B ${m}/${y}`,
            })),
            other: o.type2 ? { [y0]: { pay: new Money(40000), days: 365 } } : {},
            asOf: o.banners ? d(y0, 12, 1) : undefined,
          },
          DEFAULT_RULES,
          DEFAULT_SETTINGS,
        ),
      );
    }
    const years = results.map((r) => r.schemeYear);
    return yearEndPdf(
      results,
      locum,
      fontBytes(),
      o.banners
        ? {
            incomplete: years,
            stopped: Object.fromEntries(years.map((y) => [y, ["June"]])),
            leftOff: Object.fromEntries(years.map((y) => [y, [5, 6]])),
            source: "jones-wales-2024-25.xlsx",
          }
        : { source: "jones-wales-2024-25.xlsx" },
    );
  };

  test("Jones's year: three Forms B, Wales, a Type 2: its boxes on the page of their heading", async () => {
    const bytes = await pdfOf(3, { type2: true, wales: true });
    expect(overlappingWords(bytes)).toEqual([]);
    const words = wordBoxes(bytes);
    const page = (t: string) => words.find((w) => w.text === t)!.page;
    expect(page("2a:")).toBe(words.find((w, i) => w.text === "Which" && words[i + 1]?.text === "form")!.page);
    expect(squeeze(pdfText(bytes))).toContain("Box 2a: contributions already paid on the Forms B");
  }, 60_000);

  test.each([
    ["England", { type2: false }],
    ["a Type 2", { type2: true }],
    ["Wales, a Type 2, every banner", { type2: true, wales: true, banners: true }],
    ["three years, a Type 2", { type2: true, years: 3 }],
  ] as const)(
    "1 to 12 months: %s",
    async (_name, o) => {
      for (let months = 1; months <= 12; months++) {
        const bytes = await pdfOf(months, o);
        const over = overlappingWords(bytes).map(([a, b]) => `${months} months, page ${a.page}: "${a.text}" over "${b.text}"`);
        expect(over).toEqual([]);
      }
    },
    120_000,
  );
});
