// The Sessions field parsers, each on real cell values (both sides of every limit), and the row
// reader built on them: a bad cell repeated on many rows is said on each, whatever was read before.
import Decimal from "decimal.js";
import { Findings } from "../../src/workbook/findings";
import { readSessions } from "../../src/forms/sessions";
import { Bad, codeOf, dateOf, engagementOf, feeOf, FIELD_PARSERS, sessionOf, SheetCells, textOf, workTypeOf, yesNoOf } from "../../src/forms/sessionFields";
import { dayFromYmd } from "../../src/rules";
import { HEADER, row, serial } from "../support/forms";

const cells = () => new SheetCells();
const said = (x: unknown) => {
  expect(x).toBeInstanceOf(Bad);
  return x as Bad;
};

describe("dateOf", () => {
  test("a serial, dd/mm/yyyy and yyyy-mm-dd text are the same day", () => {
    const day = dayFromYmd(2025, 4, 1);
    expect(dateOf(45748, cells())).toBe(day); // 45748 is 01/04/2025 in Excel
    expect(dateOf("01/04/2025", cells())).toBe(day);
    expect(dateOf(" 2025-04-01 ", cells())).toBe(day);
  });

  test("the first and last days taken, and the days either side", () => {
    expect(dateOf("01/04/2015", cells())).toBe(dayFromYmd(2015, 4, 1));
    expect(said(dateOf("31/03/2015", cells())).text).toBe("31/03/2015 is before 01/04/2015: the 2015 Scheme tables start then");
    expect(dateOf("31/12/2099", cells())).toBe(dayFromYmd(2099, 12, 31));
    expect(said(dateOf("01/01/2100", cells())).text).toBe(
      "01/01/2100 is after 31/12/2099, the last date taken: check the year (or a number typed where a date goes)",
    );
    expect(said(dateOf(9999999, cells())).text).toMatch(/^9999999 \(as a date serial\) is after 31\/12\/2099/);
  });

  test("text that is no date, a boolean, an Excel error and a formula with no result: said without the field's name", () => {
    expect(said(dateOf("31/02/2025", cells())).text).toBe('is not a date: the text "31/02/2025" (use a date cell, yyyy-mm-dd or dd/mm/yyyy)');
    expect(said(dateOf(true, cells())).text).toBe("must be a date, not TRUE");
    expect(said(dateOf("#REF!", cells())).text).toBe("holds the Excel error #REF!: fix that cell first");
    const f = said(dateOf("=A1+1", cells()));
    expect(f).toMatchObject({ kind: "formula", hint: false });
    expect(f.text).toBe("holds a formula with no saved result (=A1+1): open the workbook in Excel and save it, so the result is stored");
  });

  test("a bad date is said with the field as its kind (none given) and the loose-header hint", () => {
    expect(said(dateOf("soon", cells()))).toMatchObject({ kind: undefined, hint: true });
  });

  test("a 1904 workbook's serial is 1,462 days less", () => {
    const c = new SheetCells(undefined, true);
    expect(dateOf(45748 - 1462, c)).toBe(dayFromYmd(2025, 4, 1));
    // Text is not shifted.
    expect(dateOf("01/04/2025", c)).toBe(dayFromYmd(2025, 4, 1));
  });

  test("a value is parsed once per sheet: the second read is the first's result", () => {
    const c = cells();
    expect(dateOf("02/05/2025", c)).toBe(dayFromYmd(2025, 5, 2));
    expect(c.dates.get("02/05/2025")).toBe(dayFromYmd(2025, 5, 2));
    const bad = dateOf("yesterday", c);
    expect(dateOf("yesterday", c)).toBe(bad);
  });
});

describe("feeOf", () => {
  test("pounds and pence; formula noise snapped to the penny", () => {
    const got = feeOf(1234.56, cells()) as { fee: Decimal; over: boolean };
    expect(got.fee.toString()).toBe("1234.56");
    expect(got.over).toBe(false);
    expect((feeOf(120.00000000000001, cells()) as { fee: Decimal }).fee.toString()).toBe("120");
  });

  test("£100,000 is the most a row holds: a penny more is over (kept, to list the row)", () => {
    expect(feeOf(100000, cells())).toMatchObject({ over: false });
    const over = feeOf(100000.01, cells()) as { fee: Decimal; over: boolean };
    expect(over.over).toBe(true);
    expect(over.fee.toString()).toBe("100000.01");
  });

  test("a number stored as text gets the hint to type it as a number; no other fault does", () => {
    expect(said(feeOf("200", cells())).text).toBe(
      'must be a number of pounds, not the text "200": type the amount as a number (a number stored as text, often from an import, is not read)',
    );
    // One of Excel's error values is said as one (rules/cells.ts), whatever else a cell says.
    expect(said(feeOf("#REF!", cells())).text).toBe("holds the Excel error #REF!: fix that cell first");
    // Text that only starts with "#" is not one of Excel's error values: it is text in a money column.
    expect(said(feeOf("#not the text", cells())).text).toBe(
      'must be a number of pounds, not the text "#not the text": type the amount as a number (a number stored as text, often from an import, is not read)',
    );
    expect(said(feeOf(true, cells())).text).toBe("must be a number of pounds, not TRUE");
  });

  test("zero, negative, a fraction of a penny and an empty cell", () => {
    expect(said(feeOf(0, cells())).text).toBe("must be more than £0.00");
    expect(feeOf(0.01, cells())).toMatchObject({ over: false });
    expect(said(feeOf(-5, cells())).text).toBe("cannot be negative (-5)");
    expect(said(feeOf(100.005, cells())).text).toBe("has a fraction of a penny (100.005): round it to pounds and pence");
    expect(said(feeOf(null, cells())).text).toBe("is empty: give an amount in pounds");
    expect(said(feeOf("=B2*2", cells())).kind).toBe("formula");
  });

  test("one fee value read once per sheet: rows share the same amount", () => {
    const c = cells();
    expect(feeOf(150, c)).toBe(feeOf(150, c));
  });
});

describe("textOf", () => {
  test("spaces made single and trimmed; an empty optional cell is empty text", () => {
    expect(textOf("  Riverside   Medical\tCentre ", "practice", true, cells())).toBe("Riverside Medical Centre");
    expect(textOf(null, "invoice", false, cells())).toBe("");
    expect(textOf(1234, "invoice", false, cells())).toBe("1234");
  });

  test("a required practice name, empty", () => {
    expect(said(textOf("  ", "practice", true, cells()))).toMatchObject({
      text: "is empty: give the practice's name (NHS England or the LHB for appraisal work)",
      kind: "empty",
    });
  });

  test("an Excel error is said before anything else", () => {
    expect(said(textOf(" #N/A ", "practice", true, cells()))).toMatchObject({
      text: "holds the Excel error #N/A: fix the formula or type the value",
      kind: "excel error",
    });
  });

  test("lengths: practice 110, invoice 40, code 10 characters print; one more does not; notes have no limit", () => {
    expect(textOf("p".repeat(110), "practice", true, cells())).toBe("p".repeat(110));
    expect(said(textOf("p".repeat(111), "practice", true, cells()))).toMatchObject({
      text: "is 111 characters long; the forms print at most 110: shorten it",
      kind: "too long",
    });
    expect(textOf("i".repeat(40), "invoice", false, cells())).toBe("i".repeat(40));
    expect(said(textOf("i".repeat(41), "invoice", false, cells())).text).toBe("is 41 characters long; the forms print at most 40: shorten it");
    expect(said(textOf("Y".repeat(11), "code", false, cells())).text).toBe("is 11 characters long; the forms print at most 10: shorten it");
    expect(textOf("n".repeat(5000), "notes", false, cells())).toHaveLength(5000);
    // An accented letter counts as one.
    expect(textOf("é".repeat(110), "practice", true, cells())).toHaveLength(110);
  });

  test("characters the form font lacks: an error on printed fields, none on notes; asked once per text", () => {
    const asked: string[] = [];
    const c = new SheetCells((t) => (asked.push(t), [...t].filter((ch) => ch === "北")));
    expect(said(textOf("北 Surgery", "practice", true, c))).toMatchObject({
      text: 'cannot print "北": the form font has no such letter, so the PDF would show an empty box; write it in Latin letters as your NHS Pensions records have it',
      kind: "unprintable",
    });
    expect(textOf("北 note", "notes", false, c)).toBe("北 note");
    textOf("北 Surgery", "practice", true, c);
    expect(asked).toEqual(["北 Surgery"]);
  });
});

describe("codeOf, sessionOf", () => {
  test("a code without spaces, in capitals; odd when it has no digit or is too short", () => {
    expect(codeOf(" y02 345 ", cells())).toEqual({ code: "Y02345", odd: false });
    expect(codeOf("7a2", cells())).toEqual({ code: "7A2", odd: false });
    expect(codeOf("AM", cells())).toEqual({ code: "AM", odd: true });
    expect(codeOf("7", cells())).toEqual({ code: "7", odd: true });
    expect(codeOf("", cells())).toEqual({ code: "", odd: false });
    expect(said(codeOf("Y0234567890", cells())).kind).toBe("too long");
  });

  test("a session as written; blank and Excel errors are none", () => {
    expect(sessionOf(" Full day ")).toBe("Full day");
    expect(sessionOf(undefined)).toBe("");
    expect(sessionOf("#VALUE!")).toBe("");
  });
});

describe("choices", () => {
  test("work type: a session length is practice work not stated; a kind is stated; appraisal in words", () => {
    expect(workTypeOf("AM")).toEqual({ type: "practice", stated: false });
    expect(workTypeOf(undefined)).toEqual({ type: "practice", stated: false });
    expect(workTypeOf("3 hours")).toEqual({ type: "practice", stated: false });
    expect(workTypeOf("Out of hours")).toEqual({ type: "out of hours", stated: true });
    expect(workTypeOf("CCG")).toEqual({ type: "ICB", stated: true });
    expect(workTypeOf("GP appraisal (NHSE)")).toEqual({ type: "appraisal", stated: true });
    expect(said(workTypeOf(" bananas "))).toMatchObject({
      text: '"bananas" is not a work type: use practice, appraisal, out of hours, ICB or private (or a session such as AM, PM, Full day)',
      hint: true,
    });
  });

  test("engaged via: direct when blank, PCN scenarios 1 to 8 only", () => {
    expect(engagementOf("")).toEqual({ kind: "direct", scenario: null });
    expect(engagementOf("Ltd")).toEqual({ kind: "limited company", scenario: null });
    expect(engagementOf("PCN scenario 1")).toEqual({ kind: "PCN", scenario: 1 });
    expect(engagementOf("pcn8")).toEqual({ kind: "PCN", scenario: 8 });
    expect(said(engagementOf("PCN 9")).text).toBe(
      '"PCN 9" is not a way of engagement: use direct, limited company, agency, independent provider, or PCN scenario 1 to 8',
    );
    expect(said(engagementOf("pcn")).text).toMatch(/^"pcn \(say which scenario, 1 to 8\)" is not a way of engagement/);
  });

  test("appraisal authorised: yes, no, blank is no", () => {
    expect(yesNoOf("Yes")).toBe(true);
    expect(yesNoOf(true)).toBe(true);
    expect(yesNoOf("✓")).toBe(true);
    expect(yesNoOf(null)).toBe(false);
    expect(yesNoOf("none")).toBe(false);
    expect(said(yesNoOf("maybe")).text).toBe('"maybe" is not yes or no: write yes when the commissioner authorised more than three appraisal days in writing');
  });

  test("the table reads every field of a row, in the order their errors are said", () => {
    expect(Object.keys(FIELD_PARSERS)).toEqual([
      "first",
      "last",
      "paid",
      "fee",
      "practice",
      "code",
      "invoice",
      "notes",
      "workType",
      "engagedVia",
      "appraisalAuthorised",
      "submitted",
    ]);
  });
});

describe("readSessions on parsed cells", () => {
  const good = (over: Parameters<typeof row>[0]) => row({ paid: serial(2025, 4, 20), ...over });

  test("a bad cell repeated on three rows is said on each row, at its own cell", () => {
    const out = new Findings();
    const rows = [
      HEADER,
      good({ worked: serial(2025, 4, 1), fee: "200" }),
      good({ worked: serial(2025, 4, 2), fee: "200" }),
      good({ worked: serial(2025, 4, 3), fee: "200" }),
    ];
    const read = readSessions(rows, out);
    expect(read.bad.map((b) => b.row)).toEqual([2, 3, 4]);
    expect(out.list.map((m) => [m.cell, m.field, m.kind])).toEqual([
      ["D2", "Fee", "fee"],
      ["D3", "Fee", "fee"],
      ["D4", "Fee", "fee"],
    ]);
    expect(read.bad[0].messages[0].text).toMatch(/^must be a number of pounds, not the text "200": type the amount as a number/);
  });

  test("repeated good cells give equal sessions; a fee over the limit keeps its amount on the bad row", () => {
    const out = new Findings();
    const rows = [
      HEADER,
      good({ worked: serial(2025, 4, 1), fee: 150 }),
      good({ worked: serial(2025, 4, 2), fee: 150 }),
      good({ worked: serial(2025, 4, 3), fee: 150000 }),
    ];
    const read = readSessions(rows, out);
    expect(read.sessions.map((s) => [s.row, s.first, s.fee.toString(), s.month, s.byWork])).toEqual([
      [2, dayFromYmd(2025, 4, 1), "150", "2025-04", false],
      [3, dayFromYmd(2025, 4, 2), "150", "2025-04", false],
    ]);
    expect(read.bad[0].fee?.toString()).toBe("150000");
    expect(out.list[0]).toMatchObject({ cell: "D4", kind: "fee over limit" });
    expect(out.list[0].text).toBe(
      "£150,000.00 is more than £100,000.00, the most one row may hold (a sanity limit, not a scheme rule): check the amount (an invoice number or a date typed in the Fee column?)",
    );
  });

  test("a row over 31 March: two sessions, the fee shared by days, on March's and April's Forms B", () => {
    const out = new Findings();
    const header = ["Date worked", "Last day", "Practice", "Practice code", "Fee", "Date paid"];
    const read = readSessions([header, [serial(2026, 3, 28), serial(2026, 4, 3), "Riverside", "Y02345", 700, serial(2026, 4, 20)]], out);
    expect(read.sessions.map((s) => [s.first, s.last, s.fee.toString(), s.month, s.byWork, s.part])).toEqual([
      [dayFromYmd(2026, 3, 28), dayFromYmd(2026, 3, 31), "400", "2026-03", true, { index: 1, of: 2 }],
      [dayFromYmd(2026, 4, 1), dayFromYmd(2026, 4, 3), "300", "2026-04", false, { index: 2, of: 2 }],
    ]);
    expect(out.list.map((m) => m.kind)).toEqual(["split at cut"]);
  });

  test("a day no table covers: after today it is a typo; by today, no table; paid before it, said first", () => {
    const header = ["Date worked", "Practice", "Practice code", "Fee", "Date paid"];
    const r = (worked: number, paid: number) => [header, [worked, "Riverside", "Y02345", 100, paid]];
    const today = dayFromYmd(2026, 5, 1);
    const future = new Findings();
    readSessions(r(serial(2031, 4, 21), serial(2031, 4, 25)), future, { today });
    expect(future.list[0]).toMatchObject({ field: "Date worked", kind: "future work" });
    expect(future.list[0].text).toBe("21/04/2031 is after today (01/05/2026): work is declared once it is done; correct the year if it is a typo");
    const noTable = new Findings();
    readSessions(r(serial(2031, 4, 21), serial(2031, 4, 25)), noTable, { today: dayFromYmd(2031, 6, 1) });
    expect(noTable.list[0]).toMatchObject({ kind: "no table" });
    expect(noTable.list[0].text).toMatch(/^no tier table covers 21\/04\/2031: .*; the forms of other months are made$/);
    const paidFirst = new Findings();
    readSessions(r(serial(2031, 4, 21), serial(2031, 4, 1)), paidFirst, { today });
    expect(paidFirst.list[0]).toMatchObject({ field: "Date paid", kind: "paid before work" });
  });

  test("a note row and a totals row are not sessions", () => {
    const out = new Findings();
    const rows = [HEADER, good({ worked: serial(2025, 4, 1) }), ["Note: the rest is next year"], ["Total", "", "", 100]];
    const read = readSessions(rows, out);
    expect(read.sessions).toHaveLength(1);
    expect(out.list.map((m) => [m.cell, m.kind])).toEqual([["A3", "note row"]]);
  });
});
