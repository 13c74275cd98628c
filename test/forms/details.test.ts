// The locum's details (src/forms/details.ts): each field's reader on good and bad input, and the
// block read into one record, every message at the detail's place.
import { datedTierKey, FIELD_READERS as R, readDetails, readDate, readGmcNumber, readNiNumber, readRate, readTierRate } from "../../src/forms/details";
import { Findings } from "../../src/workbook/findings";
import { dayFromYmd } from "../../src/rules";
import { details, serial } from "../support/forms";

/** What a reader throws. */
const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("did not throw");
};

describe("the field readers: the value, or a message saying how to write it", () => {
  test("NI number: spaces and case ignored; else two letters, six digits and A to D", () => {
    expect(readNiNumber("qq 12 34 56 c")).toBe("QQ123456C");
    expect(thrown(() => readNiNumber(" QQ12345C "))).toBe(
      '"QQ12345C" is not a National Insurance number: write it as two letters, six digits and A, B, C or D (QQ 12 34 56 C)',
    );
    expect(thrown(() => readNiNumber("QQ123456E"))).toMatch(/^"QQ123456E" is not a National Insurance number/);
  });

  test("GMC number: seven digits, as a number cell or text", () => {
    expect(readGmcNumber(7654321)).toBe("7654321");
    expect(readGmcNumber("765 4321")).toBe("7654321");
    expect(thrown(() => readGmcNumber(765432))).toBe('"765432" is not a GMC number: give the 7-digit GMC reference number');
    expect(thrown(() => readGmcNumber("G7654321"))).toBe('"G7654321" is not a GMC number: give the 7-digit GMC reference number');
  });

  test("SD number: eight digits, a leading zero Excel dropped put back", () => {
    expect(R.sdNumber(1234567)).toBe("01234567");
    expect(R.sdNumber("12345678")).toBe("12345678");
    expect(thrown(() => R.sdNumber("12AB"))).toBe('the SD number must be 8 digits, not "12AB"');
  });

  test("date of birth: a serial (1900 or 1904 based), dd/mm/yyyy or yyyy-mm-dd", () => {
    expect(readDate("03/06/1984")).toBe(dayFromYmd(1984, 6, 3));
    expect(readDate("1984-06-03")).toBe(dayFromYmd(1984, 6, 3));
    expect(readDate(serial(1984, 6, 3))).toBe(dayFromYmd(1984, 6, 3));
    // 1,462 days fewer count the same day from 1904
    expect(readDate(serial(1984, 6, 3) - 1462, true)).toBe(dayFromYmd(1984, 6, 3));
    expect(R.dateOfBirth).toBe(readDate);
    expect(thrown(() => readDate("June 84"))).toBe('"June 84" is not a date: use a date cell, dd/mm/yyyy or yyyy-mm-dd');
  });

  test("country: England or Wales, any case; another nation's scheme said", () => {
    expect(R.country("wales")).toBe("Wales");
    expect(R.country("England")).toBe("England");
    expect(thrown(() => R.country("Scotland"))).toBe("Country: Scotland runs its own NHS pension scheme; this tool covers England and Wales only");
  });

  test("rates: a percentage or a fraction; a tier rate may be a plain number of percent", () => {
    expect(readRate("9.8%").toString()).toBe("0.098");
    expect(readRate(0.098).toString()).toBe("0.098");
    expect(thrown(() => readRate("high"))).toBe('"high" is not a rate: write it as a percentage such as 9.8% or a fraction such as 0.098');
    expect(R.addedYearsRate).toBe(readRate);
    expect(R.mpavcRate).toBe(readRate);
    expect(R.errboRate).toBe(readRate);
    const plain = readTierRate(12.5);
    expect([plain.rate.toString(), plain.plain]).toEqual(["0.125", true]);
    const text = readTierRate(" 10.7 ");
    expect([text.rate.toString(), text.plain]).toEqual(["0.107", true]);
    const given = readTierRate("12.5%");
    expect([given.rate.toString(), given.plain]).toEqual(["0.125", false]);
    // 20 is no tier rate's percent (they lie from 5 to 15), so it is read as a rate and refused
    expect(thrown(() => readTierRate(20))).toBe("20 is not a rate: write it as a percentage such as 9.8% or a fraction such as 0.098");
  });

  test("amounts of money: pounds, more than £0 except Other practitioner pay", () => {
    expect(R.estimatedPay(60000).toString()).toBe("60000");
    expect(thrown(() => R.estimatedPay(0))).toBe("Estimated pensionable pay must be more than £0.00");
    expect(thrown(() => R.estimatedPay("lots"))).toBe('Estimated pensionable pay must be a number of pounds, not the text "lots"');
    expect(R.otherPay(0).toString()).toBe("0");
    expect(thrown(() => R.otherPay(-5))).toBe("Other practitioner pay cannot be negative (-5)");
    expect(R.mpavcAmount(50).toString()).toBe("50");
    expect(thrown(() => R.mpavcAmount(0))).toBe("MPAVC monthly amount must be more than £0.00");
    expect(thrown(() => R.additionalPension("x"))).toBe('Additional pension monthly amount must be a number of pounds, not the text "x"');
  });

  test("other days of service: a whole number of days", () => {
    expect(R.otherDays(20)).toBe(20);
    expect(thrown(() => R.otherDays(2.5))).toBe("Other days of service must be a whole number of days, at least 1 (got 2.5)");
    expect(thrown(() => R.otherDays("many"))).toBe('Other days of service must be a whole number of days, not the text "many"');
  });

  test("dated tier keys: a date or a scheme year; null when the date cannot be read", () => {
    expect(datedTierKey("Tier rate from 01/10/2022")).toBe(dayFromYmd(2022, 10, 1));
    expect(datedTierKey("Tier rate 2025/26")).toBe(dayFromYmd(2025, 4, 1));
    expect(datedTierKey("Tier rate for 2025-2026")).toBe(dayFromYmd(2025, 4, 1));
    expect(datedTierKey("Tier rate 2025/27")).toBeNull();
    expect(datedTierKey("Tier rate from autumn")).toBeNull();
    expect(datedTierKey("Tier rate")).toBeUndefined();
    expect(datedTierKey("Surname")).toBeUndefined();
  });
});

/** Read Sian's details with some changed; the findings as "level field (cell): text". */
function read(over: Record<string, unknown> = {}, rows = details(over)) {
  const out = new Findings();
  const got = readDetails(rows, out);
  const said = out.list.map((m) => `${m.level} ${m.field ?? "-"}${m.cell ? ` (${m.cell})` : ""}: ${m.text}`);
  return { got, said, out };
}

describe("readDetails: the block read into one record", () => {
  test("Sian's details: every field read, the cells kept, nothing said", () => {
    const { got, said } = read({ "Tier rate": "8.3%", "Other practitioner pay": 1000, "Other days of service": 10 });
    expect(said).toEqual([]);
    expect(got).toMatchObject({
      surname: "O'Neill",
      otherNames: "Siân",
      dateOfBirth: dayFromYmd(1984, 6, 3),
      niNumber: "QQ123456C",
      sdNumber: "12345678",
      gmcNumber: "7654321",
      country: "England",
      eaCode: "Q99",
      otherDays: 10,
      estimatedPay: null,
    });
    expect(got!.tierRate!.toString()).toBe("0.083");
    expect(got!.otherPay.toString()).toBe("1000");
    expect(got!.cells["NI number"]).toEqual({ row: 5, cell: "B5" });
  });

  test("a value that cannot be read: an error at its cell, the detail's name not said twice, no details", () => {
    const { got, said } = read({ "NI number": "12345", Country: "Scotland", "Estimated pensionable pay": 0 });
    expect(got).toBeNull();
    expect(said).toEqual([
      'error NI number (B5): "12345" is not a National Insurance number: write it as two letters, six digits and A, B, C or D (QQ 12 34 56 C)',
      "error Country (B10): Scotland runs its own NHS pension scheme; this tool covers England and Wales only",
      "error Estimated pensionable pay (B12): must be more than £0.00",
    ]);
  });

  test("required details missing or empty; a detail given twice", () => {
    const rows = details({ Surname: "", "GMC number": undefined });
    rows.push(["Other names", "Sian"]);
    expect(read({}, rows).said).toEqual([
      "error Other names (B11): given twice (rows 3 and 11): keep one of them",
      "error Surname (B2): is empty: fill it in (every form shows it)",
      'error GMC number: is missing: add a row "GMC number" with its value',
    ]);
  });

  test("a tier rate as a plain number is read as a percentage, and said", () => {
    const { got, said } = read({ "Tier rate": 12.5 });
    expect(got!.tierRate!.toString()).toBe("0.125");
    expect(said).toEqual(["warning Tier rate (B12): 12.5 is read as 12.5% (write 12.5% to say so)"]);
  });

  test("dated tier rates: sorted by date; a date given twice or unreadable is an error", () => {
    const ok = read({ "Tier rate 2023/24": "9.8%", "Tier rate from 01/10/2022": 10.7 });
    expect(ok.said).toEqual(["warning Tier rate from 01/10/2022 (B13): 10.7 is read as 10.7% (write 10.7% to say so)"]);
    expect(ok.got!.tierRatesFrom.map((d) => [d.from, d.rate.toString(), d.field, d.cell])).toEqual([
      [dayFromYmd(2022, 10, 1), "0.107", "Tier rate from 01/10/2022", "B13"],
      [dayFromYmd(2023, 4, 1), "0.098", "Tier rate 2023/24", "B12"],
    ]);
    const bad = read({ "Tier rate 2023/24": "9.8%", "Tier rate for 2023-24": "9.8%", "Tier rate from autumn": "9%", "Tier rate from 01/04/2024": "lots" });
    expect(bad.got).toBeNull();
    expect(bad.said).toEqual([
      "error Tier rate for 2023-24 (B13): a rate from 01/04/2023 is given twice (rows 12 and 13): keep one of them",
      'error Tier rate from autumn (A14): cannot tell from when this rate applies: write "Tier rate from 01/10/2022" (a date) or "Tier rate 2025/26" (a scheme year)',
      'error Tier rate from 01/04/2024 (B15): "lots" is not a rate: write it as a percentage such as 9.8% or a fraction such as 0.098',
    ]);
  });

  test("rows that are no detail: a warning, unless a heading or a note", () => {
    const rows = details();
    rows.push(["Favourite colour", "blue"], ["Fill in one detail per row, name then value"], ["Key", "Value"]);
    const { got, said } = read({}, rows);
    expect(got).not.toBeNull();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /^warning Favourite colour: not a detail this tool reads: ignored \(check the spelling if it should be one of Surname, Other names, /,
    );
  });

  test("an empty sheet, and one not there", () => {
    const out = new Findings();
    expect(readDetails([[], ["", " "]], out)).toBeNull();
    expect(out.list.map((m) => m.text)).toEqual([
      "the sheet is empty: give the locum's Surname, Other names, Date of birth, NI number, SD number, GMC number and Address, one per row (name in column A, value in column B)",
    ]);
    const none = new Findings();
    expect(readDetails([], none, { absent: true, sheetNames: ["Sessions", "Me"] })).toBeNull();
    expect(none.list[0].text).toBe(
      'no "Locum details" sheet in the workbook (its sheets: Sessions, Me; a sheet named Locum details, Details or Locum is read): add one, or rename the sheet that holds them, and give the locum\'s Surname, Other names, Date of birth, NI number, SD number, GMC number and Address, one per row (name in column A, value in column B)',
    );
  });

  test("what goes together, and what Form B leaves empty without", () => {
    const { got, said } = read({
      Country: "Wales",
      Email: undefined,
      "EA code": "",
      "MPAVC rate": "2%",
      "MPAVC monthly amount": 50,
      "Other days of service": 12,
    });
    expect(got).toBeNull();
    expect(said).toEqual([
      "error MPAVC monthly amount (B12): give MPAVCs either as a rate or as a monthly amount, not both",
      "warning Email: not given: the email box on Form B is left empty (PCSE replies by email)",
      "warning EA code (B10): not given: the EA code box on Form B is left empty; write the Local Health Board's EA code there or add it here",
      "warning Host LHB ref: not given: Welsh locums give their host Local Health Board reference on Form B",
      "warning Other practitioner pay: Other days of service are given without Other practitioner pay: the tier is annualised over those days with no pay for them; add the pay",
    ]);
  });

  test("Country not given is taken as England, and said", () => {
    const { got, said } = read({ Country: undefined });
    expect(got!.country).toBe("England");
    expect(said).toEqual(["warning Country: not given: taken as England (write England or Wales)"]);
  });

  test("texts too long for their box, or that the font cannot print", () => {
    const out = new Findings();
    const got = readDetails(details({ Surname: "X".repeat(200), "Other names": "Zoë 你" }), out, { unprintable: (t) => [...t].filter((c) => c === "你") });
    expect(got).toBeNull();
    expect(out.list.map((m) => [m.field, m.kind])).toEqual([
      ["Surname", "too long"],
      ["Other names", "unprintable"],
    ]);
    expect(out.list[1].text).toMatch(/^cannot print "你": the form font has no such letter/);
  });
});
