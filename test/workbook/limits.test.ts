// Out of range and too long: dates after 31/12/2099 (and before 01/04/2015), a fee over the sanity
// limit, and printed texts longer than the forms print whole. Each is refused with a message naming
// the argument or cell and the limit, in the engine or the forms layer, so every host says the same.
import { CustomFunctionsError, installCustomFunctionsGlobal } from "../../bench/shim";
import { main } from "../../src/cli";
import { formatMessage } from "../../src/workbook";
import { prepareForms } from "../../src/forms";
import { renderPdfs, unprintableWith } from "../../src/pdf";
import { DETAIL_TEXT_LIMITS, FEE_LIMIT, SESSION_TEXT_LIMITS } from "../../src/workbook/limits";
import { dayFromYmd, dayToSerial, serialToDay } from "../../src/rules";
import { details, fontBytes, HEADER, row, serial } from "../support/forms";
import { pdfText } from "../support/pdf";

installCustomFunctionsGlobal();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F = require("../../src/functions/functions") as typeof import("../../src/functions/functions");

function excelError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CustomFunctionsError);
    return `${(e as CustomFunctionsError).code} ${(e as CustomFunctionsError).message}`;
  }
  throw new Error("expected an Excel error, got a value");
}

const LAST = dayToSerial(dayFromYmd(2099, 12, 31)); // 73050

describe("dates after 31/12/2099 are refused in the engine, for every host", () => {
  test("LOCUM.UPR and LOCUM.SCHEMEYEAR of a serial of 1e12: #VALUE! naming the argument, never NaN", () => {
    // Before: "12345678LOCundefinedNaN" and "NaN/NaN".
    expect(excelError(() => F.upr("12345678", 1e12))).toBe(
      "#VALUE! month 1000000000000 (as a date serial) is after 31/12/2099, the last date taken: check the year (or a number typed where a date goes)",
    );
    expect(excelError(() => F.schemeyear(1e12))).toBe(
      "#VALUE! date 1000000000000 (as a date serial) is after 31/12/2099, the last date taken: check the year (or a number typed where a date goes)",
    );
  });

  test("the boundary: 31/12/2099 is a date, 01/01/2100 (serial 73051, or as text) is not", () => {
    expect(LAST).toBe(73050);
    expect(F.schemeyear(LAST)).toBe("2099/00");
    expect(F.upr("12345678", LAST)).toBe("12345678LOCDEC2099");
    expect(F.due(LAST)).toBe(LAST + 7); // 7 January 2100: the due date of December 2099's pay
    for (const v of [LAST + 1, "01/01/2100", "2100-01-01"])
      expect(excelError(() => F.schemeyear(v))).toBe(
        "#VALUE! date 01/01/2100 is after 31/12/2099, the last date taken: check the year (or a number typed where a date goes)",
      );
    // Excel's own last date (31/12/9999) and past it: the same refusal, never a NaN date.
    expect(excelError(() => F.due(2958465))).toMatch(/^#VALUE! date_paid 31\/12\/9999 is after 31\/12\/2099/);
    expect(excelError(() => F.due(2958466))).toMatch(/^#VALUE! date_paid 2958466 \(as a date serial\) is after 31\/12\/2099/);
    expect(excelError(() => F.days([[serial(2025, 4, 1)], [1e12]]))).toMatch(
      /^#VALUE! dates \(row 2, column 1 of the range\) 1000000000000 \(as a date serial\) is after 31\/12\/2099/,
    );
  });

  test("before the rules, as before: 31/03/2015 is refused, 01/04/2015 taken", () => {
    expect(excelError(() => F.schemeyear(serial(2015, 3, 31)))).toBe("#VALUE! date 31/03/2015 is before 01/04/2015: the 2015 Scheme tables start then");
    expect(F.schemeyear(serial(2015, 4, 1))).toBe("2015/16");
  });

  test("a date no table covers (before 2100) is still #N/A, as before", () => {
    expect(excelError(() => F.table(LAST))).toMatch(/^#N\/A no tier table covers 31\/12\/2099/);
  });

  test("serials past Excel's last date are no day at all (the rules layer)", () => {
    expect(serialToDay(2958465)).toBe(dayFromYmd(9999, 12, 31));
    expect(serialToDay(2958466)).toBeNull();
    expect(serialToDay(1e12)).toBeNull();
  });

  test("locum contrib: exit 2 and one line", async () => {
    const err: string[] = [];
    const code = await main(["contrib", "100", "2025-04-01", "2100-01-01"], { out: () => undefined, err: (s) => err.push(s) });
    expect([code, err]).toEqual([2, ["locum: end 01/01/2100 is after 31/12/2099, the last date taken: check the year (or a number typed where a date goes)"]]);
    const month: string[] = [];
    expect(await main(["forms", "x.xlsx", "--month", "2100-01"], { out: () => undefined, err: (s) => month.push(s) })).toBe(2);
    expect(month).toEqual(['locum forms: --month must be a month such as 2025-11 or 11/2025 (several: 2025-11,2025-12), not "2100-01"']);
  });
});

const today = dayFromYmd(2025, 5, 1);
const messages = (rows: unknown[][], over: Record<string, unknown> = {}) =>
  prepareForms([HEADER, ...rows], details({ "Tier rate": "9.8%", ...over }), { today, unprintable: unprintableWith(fontBytes()) })
    .messages.filter((m) => m.level === "error")
    .map(formatMessage);

describe("sessions rows out of range", () => {
  const apr = (o: Parameters<typeof row>[0]) => row({ paid: serial(2025, 4, 20), submitted: serial(2025, 5, 2), ...o });

  test("a £1e12 fee for one day: refused, naming the cell and the limit; £100,000.00 is taken", () => {
    expect(FEE_LIMIT.toString()).toBe("100000");
    const [huge] = messages([apr({ worked: serial(2025, 4, 1), fee: 1e12 })]);
    expect(huge).toBe(
      "Error: Sessions row 2, Fee (D2): £1,000,000,000,000.00 is more than £100,000.00, the most one row may hold (a sanity limit, not a scheme rule): check the amount (an invoice number or a date typed in the Fee column?). Not written: Form A April 2025 Riverside Medical Centre; Form B April 2025 and its pack.",
    );
    expect(messages([apr({ worked: serial(2025, 4, 1), fee: 100_000.01 })])[0]).toMatch(
      /^Error: Sessions row 2, Fee \(D2\): £100,000\.01 is more than £100,000\.00/,
    );
    expect(messages([apr({ worked: serial(2025, 4, 1), fee: 100_000 })])).toEqual([]);
  });

  test("dates after 31/12/2099 in a row: the cell and the date", () => {
    const errs = messages([apr({ worked: 1e12 }), apr({ worked: serial(2025, 4, 2), paid: LAST + 1 })]);
    expect(errs[0]).toMatch(/^Error: Sessions row 2, Date worked \(A2\): 1000000000000 \(as a date serial\) is after 31\/12\/2099, the last date taken/);
    expect(errs[1]).toMatch(/^Error: Sessions row 3, Date paid \(E3\): 01\/01\/2100 is after 31\/12\/2099, the last date taken/);
  });

  test("a date of birth of 1e12 is not a date (it printed NaN/NaN/NaN)", () => {
    expect(messages([apr({ worked: serial(2025, 4, 1) })], { "Date of birth": 1e12 })[0]).toMatch(
      /^Error: Locum details row 4, Date of birth \(B4\): 1000000000000 is not a date/,
    );
  });
});

describe("texts longer than the forms print whole are refused; at the limit they print whole", () => {
  // Ordinary text of each kind, cut to a length: the measured limits hold for text like this.
  const of = (sample: string, n: number) =>
    sample
      .repeat(Math.ceil(n / sample.length) + 1)
      .slice(0, n)
      .replace(/\s$/, "x");
  const practice = "The Riverside and Castle Street Medical Partnership incorporating Old Mill Lane ";
  const samples = {
    practice: [practice, "Meddygfa Tŷ Newydd a Chanolfan Iechyd Llanfair-ym-Muallt ac Ysbyty Cymuned "],
    invoice: ["INV-2025-04-00017/", "RMC 2025 APRIL 117 "],
    code: ["Y02345B86021"],
    surname: ["Nguyễn O'Neill-Featherstonehaugh Smythe "],
    otherNames: ["Siân Zoë Elizabeth Ann-Marie Łukasz "],
    address: ["Flat 12, Riverside Court, 3 Rose Lane, Heworth Green, York YO31 7HH, "],
    email: ["dr.zoe.nguyen-locum@example-medical-partnership.nhs.uk."],
    eaCode: ["PCSE-EA-Q99-NORTH-"],
    hostLhbRef: ["LHB-2025-0042-CARDIFF-"],
  };
  const DETAIL_KEYS: Record<string, string> = {
    surname: "Surname",
    otherNames: "Other names",
    address: "Address",
    email: "Email",
    eaCode: "EA code",
    hostLhbRef: "Host LHB ref",
  };
  const CELLS: Record<string, string> = { practice: "Practice (B2)", invoice: "Invoice (F2)", code: "Practice code (C2)" };

  function prepared(field: string, value: string) {
    const r = { worked: serial(2025, 4, 1), paid: serial(2025, 4, 20), submitted: serial(2025, 5, 2), invoice: "R-1", [field]: value };
    const wales = field === "hostLhbRef" ? { Country: "Wales" } : {};
    const over = field in DETAIL_KEYS ? { [DETAIL_KEYS[field]]: value, ...wales } : {};
    return prepareForms([HEADER, row(r)], details({ "Tier rate": "9.8%", ...over }), { today, unprintable: unprintableWith(fontBytes()) });
  }

  const limits: [string, number][] = [...Object.entries(SESSION_TEXT_LIMITS), ...Object.entries(DETAIL_TEXT_LIMITS)];
  test.each(limits)("%s: %d characters print whole on every PDF; one more is refused", async (field, most) => {
    for (const sample of samples[field as keyof typeof samples]) {
      const value = of(sample, most);
      expect(Array.from(value)).toHaveLength(most);
      const p = prepared(field, value);
      expect(p.messages.filter((m) => m.level === "error").map(formatMessage)).toEqual([]);
      const files = await renderPdfs(p, fontBytes());
      expect(files.length).toBeGreaterThanOrEqual(field === "hostLhbRef" ? 3 : 4);
      for (const f of files) {
        const t = pdfText(f.bytes, false).replace(/\s+/g, " ");
        expect(t).not.toContain("…");
        // Read whole where it is in a box of its own (Form A for a session's text, Form B for a
        // detail); a name may be wrapped over two lines, so spaces are not compared.
        if (f.kind === (field in CELLS ? "form-a" : "form-b")) expect(t.replace(/ /g, "")).toContain(value.replace(/\s/g, ""));
      }
      const over = prepared(field, of(sample, most + 1))
        .messages.filter((m) => m.level === "error")
        .map(formatMessage);
      const where = CELLS[field] ?? `${DETAIL_KEYS[field]} (B`;
      expect(over[0]).toContain(`: is ${most + 1} characters long; the forms print at most ${most}: shorten it`);
      expect(over[0]).toContain(field in CELLS ? `Sessions row 2, ${where}` : `Locum details row`);
      expect(over[0]).toContain(where);
    }
  });

  test("a 32,767-character practice name (Excel's limit): one error naming the cell, at once", () => {
    const errs = messages([
      row({
        worked: serial(2025, 4, 1),
        paid: serial(2025, 4, 20),
        submitted: serial(2025, 5, 2),
        practice: "Riverside Medical Centre ".repeat(1400).slice(0, 32_767),
      }),
    ]);
    expect(errs).toEqual([
      "Error: Sessions row 2, Practice (B2): is 32,767 characters long; the forms print at most 110: shorten it. Not written: Form A April 2025 Y02345; Form B April 2025 and its pack.",
    ]);
  });
});
