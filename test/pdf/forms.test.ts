// Forms A and B from rows: the figures on the models and, read back with pdftotext, on the PDFs.
import { prepareForms, type OutputFile, type PreparedForms } from "../../src/forms";
import { renderPdfs } from "../../src/pdf";
import { DEFAULT_SETTINGS } from "../../src/engine";
import { dayFromYmd } from "../../src/rules";
import { details, fontBytes, HEADER, row, serial } from "../support/forms";
import { fieldNames, pageCount, pdfInfo, pdfText, squeeze } from "../support/pdf";

const today = dayFromYmd(2025, 5, 1);
const fileOf = (files: OutputFile[], re: RegExp) => {
  const f = files.find((x) => re.test(x.name));
  if (!f) throw new Error(`no file matching ${re}: ${files.map((x) => x.name).join(", ")}`);
  return f;
};
const money = (p: PreparedForms) =>
  p.months.map((m) => ({
    month: m.monthKey,
    a: m.formB?.a.toFixed(2),
    b: m.formB?.b.toFixed(2),
    h: m.formB?.h.toFixed(2),
    i: m.formB?.i.toFixed(2),
    j: m.formB?.j.toFixed(2),
  }));

describe("the worked examples of §2: fee → Box 2 → Box 3", () => {
  const rows = [
    HEADER,
    row({ worked: serial(2025, 4, 1), fee: 100, paid: serial(2025, 4, 20), invoice: "INV-1" }),
    row({ worked: serial(2025, 4, 2), practice: "Castle Street Surgery", code: "B86021", fee: 120, paid: serial(2025, 4, 25), invoice: "CS-9" }),
  ];
  let p: PreparedForms;
  let files: OutputFile[];
  beforeAll(async () => {
    p = prepareForms(rows, details({ "Tier rate": "9.8%" }), { today });
    files = await renderPdfs(p, fontBytes());
  });

  test("no messages, one month, two Forms A", () => {
    expect(p.messages).toEqual([]);
    expect(p.months).toHaveLength(1);
    expect(p.months[0].formsA.map((f) => [f.box1.toFixed(2), f.box2.toFixed(2), f.box3.toFixed(2)])).toEqual([
      ["100.00", "90.00", "12.94"],
      ["120.00", "108.00", "15.53"],
    ]);
  });

  test("Form B: a = ΣBox 2, b = a × tier, g = b, h = ΣBox 3, i = g + h, j cumulative", () => {
    const b = p.months[0].formB!;
    expect([b.a, b.b, b.g, b.h, b.i, b.j].map((x) => x.toFixed(2))).toEqual(["198.00", "19.40", "19.40", "28.47", "47.87", "198.00"]);
    expect([b.c, b.d, b.e, b.f]).toEqual([null, null, null, null]);
    expect(b.upr).toBe("12345678LOCAPR2025");
    expect(b.tier.basis).toBe("tier rate given");
  });

  test("pdftotext reads every figure on Form A", () => {
    const t = squeeze(pdfText(fileOf(files, /FormA-01-Y02345/).bytes));
    expect(t).toMatch(/Box 1 Locum fee \(excluding employer contributions\) £100\.00/);
    expect(t).toMatch(/Box 2 Pensionable pay \(90% of Box 1\) £90\.00/);
    expect(t).toMatch(/Box 3 Employer contributions \(14\.38% of Box 2.*\) £12\.94/);
    expect(t).toContain("12345678LOCAPR2025");
    expect(t).toContain("Riverside Medical Centre");
    expect(t).toContain("Y02345");
    expect(t).toContain("01/04/2025");
    expect(t).toContain("20/04/2025");
    expect(t).toMatch(/Part 1 To be completed by the GP locum/);
    expect(t).toMatch(/Part 2 To be completed by/);
    expect(t).toContain("GP locum Form A 2025/26");
    const t2 = squeeze(pdfText(fileOf(files, /FormA-02-B86021/).bytes));
    expect(t2).toMatch(/£120\.00/);
    expect(t2).toMatch(/£108\.00/);
    expect(t2).toMatch(/£15\.53/);
  });

  test("pdftotext reads boxes a to j, the table of Forms A and the ticked tier on Form B", () => {
    const t = squeeze(pdfText(fileOf(files, /FormB\.pdf$/).bytes));
    expect(t).toContain("GP locum Form B 2025/26");
    expect(t).toMatch(/^ ?a Total pensionable pay.* £198\.00$/m);
    expect(t).toMatch(/^ ?b Employee contributions \(a × 9\.8%.* £19\.40$/m);
    expect(t).toMatch(/^ ?h Grand total of employer contributions \(14\.38%\).* £28\.47$/m);
    expect(t).toMatch(/^ ?i Grand total of employee and employer contributions.* £47\.87$/m);
    expect(t).toMatch(/^ ?j Cumulative.* £198\.00$/m);
    expect(t).toMatch(/Y02345 Riverside Medical Centre 01\/04\/2025 01\/04\/2025 20\/04\/2025 £90\.00 £12\.94/);
    expect(t).toMatch(/B86021 Castle Street Surgery 02\/04\/2025 02\/04\/2025 25\/04\/2025 £108\.00 £15\.53/);
    expect(t).toMatch(/✓ 9\.8%/);
    expect(t).toContain("tier rate 9.8% given in Locum details");
    expect(t).toContain("by 07/05/2025");
  });

  test("only what a person completes is a field; values are not fields", async () => {
    expect((await fieldNames(fileOf(files, /FormA-01/).bytes)).sort()).toEqual(
      [
        "A.locum.date",
        "A.locum.signature",
        "A.practice.coveredFor",
        "A.signatory.date",
        "A.signatory.name",
        "A.signatory.position",
        "A.signatory.signature",
      ].sort(),
    );
    expect((await fieldNames(fileOf(files, /FormB\.pdf$/).bytes)).sort()).toEqual(["B.locum.date", "B.locum.signature"]);
    const pack = await fieldNames(fileOf(files, /pack/).bytes);
    expect(pack).toContain("B.locum.signature");
    expect(pack).toContain("A1.signatory.name");
    expect(pack).toContain("A2.signatory.name");
    expect(new Set(pack).size).toBe(pack.length);
  });

  test("the pack is Form B then its Forms A; the entry sheet lists the values in Form B's order", async () => {
    const pack = fileOf(files, /pack/).bytes;
    expect(await pageCount(pack)).toBe(3);
    const t = pdfText(pack);
    expect(t.indexOf("Form B 2025/26")).toBeLessThan(t.indexOf("Form A 2025/26"));
    const e = squeeze(pdfText(fileOf(files, /entry-sheet/).bytes));
    expect(e).toContain("PCSE Online entry sheet – April 2025");
    const order = [
      "Surname",
      "Unique payment reference (UPR) 12345678LOCAPR2025",
      "Y02345 Riverside",
      "B86021 Castle",
      "a Total pensionable pay £198.00",
      "i Total to pay (g + h) £47.87",
      "Payment reference 12345678LOCAPR2025",
    ];
    const at = order.map((s) => e.indexOf(s));
    expect(at.every((x) => x >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
  });

  test("every file: A4, no syntax errors, a form under 60 KB, fixed metadata", () => {
    for (const f of files) {
      const info = pdfInfo(f.bytes);
      expect(info).not.toMatch(/Syntax Error|FAILED/);
      expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      expect(info).toMatch(/Producer:\s+locum-pensions forms/);
      expect(info).toMatch(/CreationDate:.*2025/);
      if (f.kind === "form-a" || f.kind === "form-b") expect(f.bytes.length).toBeLessThan(60_000);
    }
    expect(pdfInfo(fileOf(files, /FormA-01/).bytes)).toMatch(/Form:\s+AcroForm/);
  });

  test("the same rows give byte-identical PDFs", async () => {
    const again = await renderPdfs(prepareForms(rows, details({ "Tier rate": "9.8%" }), { today }), fontBytes());
    expect(again.map((f) => f.name)).toEqual(files.map((f) => f.name));
    again.forEach((f, i) => expect(Buffer.from(f.bytes).equals(Buffer.from(files[i].bytes))).toBe(true));
  });
});

describe("grouping", () => {
  test("per practice per invoice; consecutive days make one period; more than four continue on a supplementary Form A", async () => {
    const days = [1, 2, 3, 7, 9, 14, 16, 22];
    const rows = [
      HEADER,
      ...days.map((d) => row({ worked: serial(2025, 4, d), paid: serial(2025, 4, 28), invoice: "R-1" })),
      row({ worked: serial(2025, 4, 24), paid: serial(2025, 4, 28), invoice: "R-2" }),
    ];
    const p = prepareForms(rows, details({ "Tier rate": 0.098 }), { today });
    const [a1, a2] = p.months[0].formsA;
    expect(a1.invoice).toBe("R-1");
    expect(a1.periods.map((x) => x.days)).toEqual([3, 1, 1, 1, 1, 1]);
    expect(a1.box1.toFixed(2)).toBe("800.00");
    expect(a2.invoice).toBe("R-2");
    const files = await renderPdfs(p, fontBytes());
    const a = fileOf(files, /FormA-01-Y02345-Riverside-Medical-Centre-R-1/);
    expect(await pageCount(a.bytes)).toBe(2);
    const t = squeeze(pdfText(a.bytes));
    expect(t).toContain("2 more period(s) on the supplementary Form A (page 2)");
    expect(t).toMatch(/1 01\/04\/2025 03\/04\/2025 3/);
    expect(t).toMatch(/5 16\/04\/2025 16\/04\/2025 1/);
    expect(t).toMatch(/6 22\/04\/2025 22\/04\/2025 1/);
    expect(t).toContain("Supplementary Form A 1 of 1");
    expect(await fieldNames(a.bytes)).toContain("A.sup1.locum.signature");
  });

  test("without an Invoice column: one Form A per practice per month paid; Form B per month of Date paid", () => {
    const header = ["Date worked", "Practice", "Practice code", "Fee", "Date paid"];
    const rows = [
      header,
      [serial(2025, 4, 1), "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 10)],
      [serial(2025, 4, 8), "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 30)],
      [serial(2025, 4, 29), "Riverside Medical Centre", "Y02345", 100, serial(2025, 5, 2)],
    ];
    const p = prepareForms(rows, details({ "Tier rate": "9.8%" }), { today });
    expect(p.months.map((m) => [m.monthKey, m.formsA.length, m.formsA[0].box1.toFixed(2), m.formsA[0].datePaid])).toEqual([
      ["2025-04", 1, "200.00", dayFromYmd(2025, 4, 30)],
      ["2025-05", 1, "100.00", dayFromYmd(2025, 5, 2)],
    ]);
    expect(p.months.map((m) => m.formB!.j.toFixed(2))).toEqual(["180.00", "270.00"]);
  });

  test("box j adds up within a scheme year and starts again in April", () => {
    const rows = [
      HEADER,
      row({ worked: serial(2025, 2, 3), paid: serial(2025, 2, 20) }),
      row({ worked: serial(2025, 3, 3), paid: serial(2025, 3, 20) }),
      row({ worked: serial(2025, 4, 1), paid: serial(2025, 4, 20) }),
    ];
    const p = prepareForms(rows, details({ "Tier rate": "9.8%" }), { today });
    expect(money(p).map((m) => [m.month, m.j])).toEqual([
      ["2025-02", "90.00"],
      ["2025-03", "180.00"],
      ["2025-04", "90.00"],
    ]);
    expect(p.months.map((m) => m.formB!.upr)).toEqual(["12345678LOCFEB2025", "12345678LOCMAR2025", "12345678LOCAPR2025"]);
  });

  test("September and October 2022 are separate forms, each ticking among its own table's rates", async () => {
    const rows = [HEADER, row({ worked: serial(2022, 9, 5), paid: serial(2022, 9, 28) }), row({ worked: serial(2022, 10, 3), paid: serial(2022, 10, 28) })];
    const p = prepareForms(rows, details({ "Estimated pensionable pay": 60000 }), { today });
    const [sep, oct] = p.months.map((m) => m.formB!);
    expect(sep.tier.rates.map((r) => r.toString())).toEqual(["0.05", "0.056", "0.071", "0.093", "0.125", "0.135", "0.145"]);
    expect(oct.tier.rates).toHaveLength(11);
    expect([sep.tier.rate.toString(), oct.tier.rate.toString()]).toEqual(["0.125", "0.125"]);
    expect(oct.j.toFixed(2)).toBe("180.00");
    const files = await renderPdfs(p, fontBytes());
    const t = squeeze(pdfText(fileOf(files, /2022-10\/.*FormB/).bytes));
    expect(t).toContain("✓ 12.5%");
    expect(t).toContain("13.5%");
    expect(t).toContain("estimated pensionable pay £60,000.00");
  });

  test("settings pass through: four-digit UPR years and half-even rounding", () => {
    const rows = [HEADER, row({ worked: serial(2025, 4, 1), fee: 100.05, paid: serial(2025, 4, 20) })];
    const p = prepareForms(rows, details({ "Tier rate": "9.8%" }), { today, settings: { ...DEFAULT_SETTINGS, uprYearDigits: 4, rounding: "half-even" } });
    const f = p.months[0].formsA[0];
    expect(f.upr).toBe("12345678LOCAPR2025");
    expect(f.box2.toFixed(2)).toBe("90.04"); // 90.045 → half-even 90.04 (half-up would give 90.05)
  });
});

describe("the tier basis", () => {
  const rows = [HEADER, ...[1, 2, 3, 8].map((d) => row({ worked: serial(2025, 4, d), fee: 400, paid: serial(2025, 4, 28) }))];

  test("annualised rows: pay over the distinct days worked × days in the year, said on the form", () => {
    const p = prepareForms(rows, details(), { today });
    const b = p.months[0].formB!;
    // £1,440.00 over 4 days × 365 = £131,400.00: the top tier, 12.5 %
    expect(b.tier.basis).toBe("annualised rows");
    expect(b.tier.rate.toString()).toBe("0.125");
    expect(b.tier.explanation).toContain("pensionable pay £1,440.00 over 4 days of service × 365 = £131,400.00 a year");
  });

  test("other practitioner pay and days join the annualised figure", () => {
    const p = prepareForms(rows, details({ "Other practitioner pay": 20000, "Other days of service": 361 }), { today });
    // (£1,440 + £20,000) ÷ 365 × 365 = £21,440.00: 6.5 %
    expect(p.months[0].formB!.tier.rate.toString()).toBe("0.065");
    expect(p.months[0].formB!.tier.explanation).toContain("+ other practitioner pay £20,000.00 over 365 days");
  });

  test("an estimate is used when given, with a warning when the rows annualise to another tier", () => {
    const p = prepareForms(rows, details({ "Estimated pensionable pay": 30000 }), { today });
    expect(p.months[0].formB!.tier.rate.toString()).toBe("0.083");
    expect(p.months[0].formB!.tier.basis).toBe("estimated pensionable pay");
    const w = p.messages.find((m) => m.field === "Estimated pensionable pay")!;
    expect(w.level).toBe("warning");
    expect(w.text).toContain("£30,000.00 gives 8.3% for 2025/26, but the rows annualise to £131,400.00, which gives 12.5%");
  });

  test("a tier rate not in the year's table is an error that stops the Form B, not the Forms A", () => {
    const p = prepareForms(rows, details({ "Tier rate": "9.3%" }), { today });
    const e = p.messages.find((m) => m.level === "error")!;
    expect(e.sheet).toBe("Locum details");
    expect(e.text).toContain("9.3% is not a rate of the 2025/26 table (5.2%, 6.5%, 8.3%, 9.8%, 10.7%, 12.5%)");
    expect(e.stops).toEqual(["Form B April 2025 and its pack"]);
    expect(p.months[0].formB).toBeNull();
    expect(p.months[0].formsA).toHaveLength(1);
  });
});

describe("names print in any script", () => {
  test("Siân, Zoë, Łukasz, Nguyễn, O'Neill come out of pdftotext", async () => {
    const rows = [HEADER, row({ worked: serial(2025, 4, 1), practice: "Zoë & Łukasz Practice", code: "Y01111", paid: serial(2025, 4, 20) })];
    // decomposed accents (as some systems type them) still print as one letter each
    const p = prepareForms(rows, details({ Surname: "Nguyễn O'Neill", "Other names": "Sia\u0302n Zoë Łukasz" }), { today });
    const files = await renderPdfs(p, fontBytes());
    for (const f of files) {
      const t = pdfText(f.bytes).normalize("NFC");
      if (f.kind !== "pack") expect(t).toContain("Nguyễn O'Neill");
      expect(t).toContain("Siân Zoë Łukasz");
    }
    expect(pdfText(fileOf(files, /FormA/).bytes)).toContain("Zoë & Łukasz Practice");
    expect(fileOf(files, /FormA/).name).toBe("2025-04/12345678LOCAPR2025-FormA-01-Y01111-Zoe-Lukasz-Practice.pdf");
  });
});
