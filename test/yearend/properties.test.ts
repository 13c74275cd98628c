// Properties of the year end (fast-check): the forms and LOCUM.YEAREND agree on any year of rows;
// the settlement is due − paid; parts add up to the year; days of service never exceed the year.
import fc from "fast-check";
import { installCustomFunctionsGlobal } from "../../bench/shim";
import { DEFAULT_SETTINGS, Money, yearEndRows, yearEnds } from "../../src/engine";
import { prepareForms } from "../../src/forms";
import { yearEndOfForms } from "../../src/yearend";
import { dayFromYmd, DEFAULT_RULES, ymdOfDay } from "../../src/rules";
import { details, HEADER, row, serial } from "../support/forms";

installCustomFunctionsGlobal();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F = require("../../src/functions/functions") as typeof import("../../src/functions/functions");

const PRACTICES = [
  ["Riverside Medical Centre", "Y02345"],
  ["Castle Street Surgery", "B86021"],
  ["Hillview Practice", ""],
];
const RATES = ["0.052", "0.065", "0.083", "0.098", "0.107", "0.125"];

/** A session of 2025/26 paid 0 to 20 days later, never after 31 March (the March rule is the forms' own case). */
const session = fc.record({
  day: fc.integer({ min: 0, max: 360 }),
  lag: fc.integer({ min: 0, max: 20 }),
  practice: fc.integer({ min: 0, max: 2 }),
  pennies: fc.integer({ min: 5_000, max: 150_000 }),
  invoice: fc.integer({ min: 0, max: 3 }),
});

test("the forms and LOCUM.YEAREND (with LOCUM.FORMA) give the same spill for any year of rows", () => {
  let compared = 0;
  fc.assert(
    fc.property(
      fc.array(session, { minLength: 1, maxLength: 25 }),
      fc.constantFrom(...RATES),
      fc.integer({ min: 0, max: 60000 }),
      fc.integer({ min: 0, max: 300 }),
      (ss, rate, other, otherDays) => {
        const start = dayFromYmd(2025, 4, 1);
        const last = dayFromYmd(2026, 3, 31);
        const rows = ss.map((s) => {
          const worked = start + s.day;
          const paid = Math.min(worked + s.lag, last);
          const [practice, code] = PRACTICES[s.practice];
          const w = ymdOfDay(worked);
          const p = ymdOfDay(paid);
          return {
            worked: serial(w.y, w.m, w.d),
            paid: serial(p.y, p.m, p.d),
            practice,
            code,
            fee: s.pennies / 100,
            invoice: s.invoice ? `INV-${s.invoice}` : "",
          };
        });
        // Identical rows are a paste error to the forms: keep the first of each.
        const seen = new Set<string>();
        const unique = rows.filter((r) => !seen.has(JSON.stringify(r)) && seen.add(JSON.stringify(r)));
        const extra: Record<string, unknown> = { "Tier rate": `${Number(rate) * 100}%` };
        if (other) Object.assign(extra, { "Other practitioner pay": other, "Other days of service": otherDays || 1 });
        const p = prepareForms([HEADER, ...unique.map((r) => row(r))], details(extra), { today: dayFromYmd(2026, 4, 1) });
        if (p.errors) return; // e.g. a session paid after the 10-week limit: not the year end's concern
        compared++;
        const fromForms = yearEndRows(yearEndOfForms(p).results);
        const formA = unique.map((r) => [F.forma(r.worked, r.paid, r.code, r.practice, r.invoice)]);
        const col = (xs: unknown[]) => xs.map((x) => [x]);
        const spill = F.yearend(
          col(unique.map((r) => r.worked)),
          col(unique.map((r) => 0.9 * r.fee)),
          [[Number(rate)]],
          other ? [[other]] : undefined,
          other ? [[otherDays || 1]] : undefined,
          formA,
        );
        expect(spill.slice(1)).toEqual(fromForms);
      },
    ),
    { numRuns: 60 },
  );
  // Most runs compare figures (none is skipped for an error it should not have).
  expect(compared).toBeGreaterThan(50);
});

test("settlement = due − paid, parts add up to the year, days of service within the year", () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ day: fc.integer({ min: 0, max: 364 }), len: fc.integer({ min: 1, max: 5 }), pennies: fc.integer({ min: 0, max: 500_000 }) }), {
        minLength: 1,
        maxLength: 20,
      }),
      fc.array(fc.record({ month: fc.integer({ min: 0, max: 11 }), pennies: fc.integer({ min: 0, max: 500_000 }), rate: fc.constantFrom(...RATES) }), {
        maxLength: 12,
      }),
      fc.integer({ min: 0, max: 100_000 }),
      fc.integer({ min: 0, max: 365 }),
      fc.constantFrom(2022, 2023, 2024),
      (ws, bs, other, otherDays, year) => {
        const start = dayFromYmd(year, 4, 1);
        const end = dayFromYmd(year + 1, 3, 31);
        const cut = year === 2022 ? dayFromYmd(2022, 10, 1) : null;
        const work = ws.map((w, i) => {
          let a = start + w.day;
          let b = Math.min(a + w.len - 1, end);
          // Keep each item on one side of 1 October 2022.
          if (cut !== null && a < cut && b >= cut) b = cut - 1;
          if (b < a) [a, b] = [b, a];
          return { pay: new Money(w.pennies).div(100), periods: [[a, b]] as [number, number][], label: `w${i}` };
        });
        const formsB = bs.map((b, i) => {
          const m = ymdOfDay(dayFromYmd(year, 4 + b.month, 1));
          const a = new Money(b.pennies).div(100);
          return {
            month: { year: m.y, month: m.m },
            day: dayFromYmd(m.y, m.m, 1),
            rate: new Money(b.rate),
            a,
            b: a.times(b.rate).toDecimalPlaces(2),
            h: null,
            sent: null,
            due: dayFromYmd(m.y, m.m, 28),
            label: `b${i}`,
          };
        });
        const [r] = yearEnds(
          { country: "England", work, formsB, other: { [year]: { pay: new Money(other), days: otherDays } } },
          DEFAULT_RULES,
          DEFAULT_SETTINGS,
        );
        expect(r.settlement.difference.eq(r.due.minus(r.paid))).toBe(true);
        expect(r.settlement.outcome).toBe(r.settlement.difference.isZero() ? "none" : r.settlement.difference.isPositive() ? "top-up" : "refund");
        expect(r.parts.reduce((t, p) => t.plus(p.due), new Money(0)).eq(r.due)).toBe(true);
        expect(r.parts.reduce((t, p) => t.plus(p.locumPay), new Money(0)).eq(r.locumPay)).toBe(true);
        expect(r.parts.reduce((t, p) => t.plus(p.otherPay), new Money(0)).eq(r.otherPay)).toBe(true);
        expect(r.parts.reduce((n, p) => n + p.formsB.length, 0)).toBe(formsB.length);
        expect(r.daysOfService).toBeLessThanOrEqual(end - start + 1);
        expect(r.parts).toHaveLength(year === 2022 ? 2 : 1);
        // Continuous other service all year and no locum pay annualises to the pay itself (§4).
        const full = yearEnds(
          { country: "England", work: [], formsB: formsB.slice(0, 1), other: { [year]: { pay: new Money(other), days: end - start + 1 } } },
          DEFAULT_RULES,
          DEFAULT_SETTINGS,
        );
        if (full.length) expect(full[0].annualised.eq(other)).toBe(true);
      },
    ),
    { numRuns: 200 },
  );
});
