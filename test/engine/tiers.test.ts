// Both sides of every band of every table, and the tables themselves against the domain notes.
import { DEFAULT_SETTINGS, Money, tierAt } from "../../src/engine";
import { BUILT_IN, DEFAULT_RULES, dayToIso, isoToDay, tableProblems } from "../../src/rules";

// Transcribed from shared/domain/README.md §5: [first day in force, upper bounds, rates in %].
const EXPECTED: [string, number[], number[]][] = [
  ["2015-04-01", [15431, 21477, 26823, 47845, 70630, 111376], [5.0, 5.6, 7.1, 9.3, 12.5, 13.5, 14.5]],
  ["2022-10-01", [13246, 16831, 22878, 23948, 28223, 29179, 43805, 49245, 56163, 72030], [5.1, 5.7, 6.1, 6.8, 7.7, 8.8, 9.8, 10.0, 11.6, 12.5, 13.5]],
  ["2023-04-01", [13246, 17673, 24022, 25146, 29635, 30638, 45996, 51708, 58972, 75632], [5.1, 5.7, 6.1, 6.8, 7.7, 8.8, 9.8, 10.0, 11.6, 12.5, 13.5]],
  ["2024-04-01", [13259, 26831, 32691, 49078, 62924], [5.2, 6.5, 8.3, 9.8, 10.7, 12.5]],
  ["2025-04-01", [13259, 27797, 33868, 50845, 65190], [5.2, 6.5, 8.3, 9.8, 10.7, 12.5]],
  ["2026-04-01", [13259, 28854, 35155, 52778, 67668], [5.2, 6.5, 8.3, 9.8, 10.7, 12.5]],
];

test("the built-in tables match the domain notes and are sound", () => {
  expect(BUILT_IN.tiers.map((t) => t.from)).toEqual(EXPECTED.map((e) => e[0]));
  BUILT_IN.tiers.forEach((t, i) => {
    expect(tableProblems(t)).toEqual([]);
    expect(t.bands.map((b) => b.upTo).slice(0, -1)).toEqual(EXPECTED[i][1]);
    expect(t.bands.map((b) => new Money(b.rate).times(100).toNumber())).toEqual(EXPECTED[i][2]);
    expect(t.source.length).toBeGreaterThan(5);
  });
  for (const e of BUILT_IN.employer) expect(tableProblems(e)).toEqual([]);
});

test("tables cover 01/04/2015 to 31/03/2027 without gaps or overlaps; none is provisional, 2026/27 published", () => {
  const segs = DEFAULT_RULES.tiers;
  expect(dayToIso(segs[0].from)).toBe("2015-04-01");
  expect(dayToIso(segs[segs.length - 1].to)).toBe("2027-03-31");
  for (let i = 1; i < segs.length; i++) expect(segs[i].from).toBe(segs[i - 1].to + 1);
  expect(segs.filter((s) => s.table.status !== "confirmed").map((s) => [dayToIso(s.from), s.table.status])).toEqual([["2026-04-01", "published"]]);
  const emp = DEFAULT_RULES.employer;
  for (let i = 1; i < emp.length; i++) expect(emp[i].from).toBe(emp[i - 1].to + 1);
});

describe("both sides of every band", () => {
  // Test on the first and last day each table is in force.
  const cases: [string, string, number, number, number][] = [];
  for (const seg of DEFAULT_RULES.tiers) {
    const bands = seg.table.bands;
    for (const onDay of [seg.from, seg.to]) {
      bands.forEach((b, i) => {
        if (b.upTo === null) return;
        const iso = dayToIso(onDay);
        cases.push([seg.table.label, iso, b.upTo, i + 1, Number(b.rate)]);
        cases.push([seg.table.label, iso, b.upTo + 1, i + 2, Number(bands[i + 1].rate)]);
      });
    }
  }
  test.each(cases)("%s on %s: £%d is tier %d", (_t, iso, pounds, tier, rate) => {
    const r = tierAt(new Money(pounds), isoToDay(iso)!, DEFAULT_RULES);
    expect(r.tier).toBe(tier);
    expect(r.rate.toNumber()).toBe(rate);
  });
});

test("annualised pay is compared in whole pounds rounded down", () => {
  const d = isoToDay("2024-06-01")!;
  expect(tierAt(new Money("13259.99"), d, DEFAULT_RULES).tier).toBe(1);
  expect(tierAt(new Money("13260.00"), d, DEFAULT_RULES).tier).toBe(2);
  expect(tierAt(new Money("0"), d, DEFAULT_RULES).tier).toBe(1);
  expect(tierAt(new Money("9999999.99"), d, DEFAULT_RULES).rate.toString()).toBe("0.125");
});

test("the 1 October 2022 change: the same figure falls in different tables either side", () => {
  const a = tierAt(new Money(115000), isoToDay("2022-09-30")!, DEFAULT_RULES);
  const b = tierAt(new Money(115000), isoToDay("2022-10-01")!, DEFAULT_RULES);
  expect([a.tier, a.rate.toString(), b.tier, b.rate.toString()]).toEqual([7, "0.145", 11, "0.135"]);
  expect(DEFAULT_SETTINGS.yearBase).toBe("actual");
});
