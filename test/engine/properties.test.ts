// Invariants over many generated inputs (fast-check): parts add up, monotone, deterministic.
import fc from "fast-check";
import { contributions, DEFAULT_SETTINGS, employerContribution, Money, pensionablePay, schemeYearEnd, schemeYearOf, toPenny } from "../../src/engine";
import { DEFAULT_RULES, dayFromYmd, tierSegmentAt } from "../../src/rules";

const FIRST = dayFromYmd(2015, 4, 1);
const LAST = dayFromYmd(2027, 3, 31);
const pennies = fc.integer({ min: 0, max: 30_000_000 }); // up to £300,000.00
const span = fc
  .tuple(fc.integer({ min: FIRST, max: LAST }), fc.integer({ min: 0, max: 800 }))
  .map(([start, len]) => [start, Math.min(LAST, start + len)] as const);
const money = (p: number) => new Money(p).div(100);
const S = DEFAULT_SETTINGS;

test("parts add back to the earnings to the penny, days to the span, contributions to the total", () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer({ min: 0, max: 100 }), pennies), span, fc.boolean(), (p, [start, end], locum) => {
      const days = end - start + 1;
      const r = contributions({ earnings: money(p), start, end, daysOfService: locum ? Math.max(1, Math.floor(days / 3)) : undefined }, DEFAULT_RULES, S);
      const sum = r.parts.reduce((a, x) => a.plus(x.earnings), new Money(0));
      expect(sum.eq(r.earnings)).toBe(true);
      expect(r.parts.reduce((n, x) => n + x.days, 0)).toBe(days);
      expect(r.parts.reduce((a, x) => a.plus(x.contribution), new Money(0)).eq(r.total)).toBe(true);
      for (const x of r.parts) {
        expect(x.earnings.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(x.contribution.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(x.earnings.isNegative()).toBe(false);
      }
      // §7: every part but the last is its own share rounded to the penny, the last the remainder;
      // only when that remainder would be negative (pennies over many parts) is rounding cumulative.
      const own = r.parts.map((x) => toPenny(r.earnings.times(x.days).div(days), S));
      const remainder = r.earnings.minus(own.slice(0, -1).reduce((a, x) => a.plus(x), new Money(0)));
      if (!remainder.isNegative()) {
        r.parts.slice(0, -1).forEach((x, i) => expect(x.earnings.eq(own[i])).toBe(true));
      } else {
        // only when the last part's own share is under half a penny per part before it
        const lastShare = r.earnings.times(r.parts[r.parts.length - 1].days).div(days);
        expect(lastShare.lt(new Money(r.parts.length - 1).times("0.005"))).toBe(true);
        for (const x of r.parts) expect(x.earnings.minus(r.earnings.times(x.days).div(days)).abs().lt("0.01")).toBe(true);
      }
    }),
    { numRuns: 5000 },
  );
});

test("within one table and scheme year, more earnings never give less contribution", () => {
  // spans that stay inside one table and one scheme year
  const inside = span.map(([start, end]) => {
    const stop = Math.min(end, schemeYearEnd(schemeYearOf(start)), tierSegmentAt(DEFAULT_RULES, start)!.to);
    return [start, stop] as const;
  });
  fc.assert(
    fc.property(pennies, fc.integer({ min: 1, max: 5_000_000 }), inside, (p, extra, [start, end]) => {
      const a = contributions({ earnings: money(p), start, end }, DEFAULT_RULES, S).total;
      const b = contributions({ earnings: money(p + extra), start, end }, DEFAULT_RULES, S).total;
      expect(b.gte(a)).toBe(true);
    }),
    { numRuns: 2000 },
  );
});

test("same input, same output", () => {
  fc.assert(
    fc.property(pennies, span, (p, [start, end]) => {
      const a = contributions({ earnings: money(p), start, end }, DEFAULT_RULES, S);
      const b = contributions({ earnings: money(p), start, end }, DEFAULT_RULES, S);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    }),
    { numRuns: 500 },
  );
});

test("Form A boxes: Box 2 is 90 % of Box 1 and Box 3 14.38 % of Box 2, each within half a penny", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5_000_000 }), (p) => {
      const fee = money(p);
      const box2 = pensionablePay(fee, S);
      const box3 = employerContribution(box2, dayFromYmd(2024, 6, 1), DEFAULT_RULES, S).amount;
      expect(box2.minus(fee.times("0.9")).abs().lte("0.005")).toBe(true);
      expect(box3.minus(box2.times("0.1438")).abs().lte("0.005")).toBe(true);
    }),
    { numRuns: 2000 },
  );
});
