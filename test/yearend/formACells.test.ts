// The cell LOCUM.FORMA writes and LOCUM.YEAREND reads back: the texts workbooks already hold, worked
// out by hand both ways, and decode(encode(x)) = x for any place.
import fc from "fast-check";
import { decodeFormA, encodeFormA, type FormAPlace, type FormARef } from "../../src/yearend";

const ref = (year: number, month: number, practice: string, invoice = ""): FormARef => ({ year, month, practice, invoice });

// Each text is what LOCUM.FORMA writes today (test/functions/yearEnd.test.ts): it must not change.
const CASES: [string, FormAPlace][] = [
  ["03/2026 Y02345 INV-140", { on: "formsA", formsA: [ref(2026, 3, "Y02345", "INV-140")] }],
  ["05/2025 name:stmaryssurgery", { on: "formsA", formsA: [ref(2025, 5, "name:stmaryssurgery")] }],
  ["07/2025 Y02345 140", { on: "formsA", formsA: [ref(2025, 7, "Y02345", "140")] }],
  ["03/2026 Y02345 R10 + 04/2026 Y02345 R10", { on: "formsA", formsA: [ref(2026, 3, "Y02345", "R10"), ref(2026, 4, "Y02345", "R10")] }],
  ["09/2022 B86047 O-2 + 10/2022 B86047 O-2", { on: "formsA", formsA: [ref(2022, 9, "B86047", "O-2"), ref(2022, 10, "B86047", "O-2")] }],
  // An invoice of several words, one holding " + " not followed by a month: one Form A.
  ["06/2025 B86021 INV 12 + 13", { on: "formsA", formsA: [ref(2025, 6, "B86021", "INV 12 + 13")] }],
  // Typed by hand with its month only.
  ["03/2026", { on: "formsA", formsA: [ref(2026, 3, "", "")] }],
  ["not on a Form A: private work", { on: "none", why: "private work", solo: false }],
  ["not on a Form A: out-of-hours work, on the SOLO form", { on: "none", why: "out-of-hours work", solo: true }],
  ["not on a Form A: ICB work, on the SOLO form", { on: "none", why: "ICB work", solo: true }],
  ["not on a Form A: PCN scenario 5, which a locum cannot pension", { on: "none", why: "PCN scenario 5, which a locum cannot pension", solo: false }],
  [
    "not on a Form A: paid more than 10 weeks after the work (the 10-week rule)",
    { on: "none", why: "paid more than 10 weeks after the work (the 10-week rule)", solo: false },
  ],
  ["not on a Form B yet: not paid", { on: "unpaid" }],
];

describe("LOCUM.FORMA's texts, by hand", () => {
  test.each(CASES)("%s", (text, place) => {
    expect(encodeFormA(place)).toBe(text);
    expect(decodeFormA(text)).toEqual(place);
  });

  test("read as forgivingly as before: any case, spaces collapsed, the colon optional", () => {
    expect(decodeFormA("  03/2026   Y02345  INV-140 ")).toEqual({ on: "formsA", formsA: [ref(2026, 3, "Y02345", "INV-140")] });
    expect(decodeFormA("NOT ON A FORM B YET: NOT PAID")).toEqual({ on: "unpaid" });
    expect(decodeFormA("Not on a Form A private work")).toEqual({ on: "none", why: "private work", solo: false });
    expect(decodeFormA("not on a form a: OOH work, ON THE SOLO FORM")).toEqual({ on: "none", why: "OOH work", solo: true });
  });

  test("a cell that names no place says why, as data", () => {
    expect(decodeFormA("")).toEqual({ error: "empty" });
    expect(decodeFormA("   ")).toEqual({ error: "empty" });
    expect(decodeFormA(null)).toEqual({ error: "empty" });
    expect(decodeFormA(undefined)).toEqual({ error: "empty" });
    expect(decodeFormA("#N/A")).toEqual({ error: "excel error", value: "#N/A" });
    expect(decodeFormA(" #VALUE! ")).toEqual({ error: "excel error", value: "#VALUE!" });
    expect(decodeFormA("Y02345 03/2026")).toEqual({ error: "no month", text: "Y02345 03/2026" });
    expect(decodeFormA("13/2026 Y02345")).toEqual({ error: "no month", text: "13/2026 Y02345" });
    expect(decodeFormA("00/2026 Y02345")).toEqual({ error: "no month", text: "00/2026 Y02345" });
    expect(decodeFormA("3/2026 Y02345")).toEqual({ error: "no month", text: "3/2026 Y02345" });
    expect(decodeFormA(45000)).toEqual({ error: "no month", text: "45000" });
    // The second Form A of a split row must start with its month too.
    expect(decodeFormA("03/2026 Y02345 + 4/2026 Y02345")).toEqual({ on: "formsA", formsA: [ref(2026, 3, "Y02345", "+ 4/2026 Y02345")] });
  });
});

// Words as the cells hold them: no spaces inside a practice key, single spaces in an invoice, no lone "+".
const token = fc.stringMatching(/^[A-Za-z0-9:.'-]{1,10}$/);
const invoice = fc.array(token, { minLength: 0, maxLength: 3 }).map((ws) => ws.join(" "));
const formARef: fc.Arbitrary<FormARef> = fc.oneof(
  fc.record({ year: fc.integer({ min: 1000, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), practice: token, invoice }),
  fc.record({ year: fc.integer({ min: 1000, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), practice: fc.constant(""), invoice: fc.constant("") }),
);
const why = fc
  .array(fc.stringMatching(/^[A-Za-z0-9(),%'-]{1,12}$/), { minLength: 1, maxLength: 8 })
  .map((ws) => ws.join(" "))
  .filter((w) => !w.toLowerCase().endsWith(", on the solo form") && !/^[(,]/.test(w));
const place: fc.Arbitrary<FormAPlace> = fc.oneof(
  fc.record({ on: fc.constant("formsA" as const), formsA: fc.array(formARef, { minLength: 1, maxLength: 2 }) }),
  fc.record({ on: fc.constant("none" as const), why, solo: fc.boolean() }),
  fc.constant({ on: "unpaid" as const }),
);

test("decode(encode(x)) = x for any place", () => {
  fc.assert(
    fc.property(place, (x) => {
      expect(decodeFormA(encodeFormA(x))).toEqual(x);
    }),
    { numRuns: 2000 },
  );
});
