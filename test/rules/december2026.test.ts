// The rules as they stand in December 2026 (issue 16; shared/domain §2, §3, §5, §8): the published
// 2026/27 table at each band edge, the 2026/27 employer rate, the yearly uplift and a projected year
// from a CPI the user gives, the 10-week rule's last-day anchor, the tax relief default. Expected
// figures worked in Python's decimal (ROUND_HALF_UP, bounds ROUND_CEILING), not by this code.
import { annualisedShown, contributions, DEFAULT_SETTINGS, Money, yearEnds } from "../../src/engine";
import { prepareForms } from "../../src/forms";
import {
  buildRuleSet,
  cpiRead,
  dayFromYmd as d,
  DEFAULT_RULES,
  employerSegmentAt,
  LocumError,
  mergeRuleData,
  parseRulesJson,
  parseRulesRows,
  projectedTable,
  tierSegmentAt,
  upliftBands,
  upliftCpi,
} from "../../src/rules";
import examples from "../support/domain-examples.json";
import { details, HEADER, row, serial } from "../support/forms";

const bounds = (seg: { table: { bands: { upTo: number | null }[] } }) => seg.table.bands.map((b) => b.upTo);

describe("2026/27: the published table", () => {
  test("bands, status and source", () => {
    const seg = tierSegmentAt(DEFAULT_RULES, d(2026, 4, 1))!;
    expect(bounds(seg)).toEqual([13259, 28854, 35155, 52778, 67668, null]);
    expect(seg.table.bands.map((b) => b.rate)).toEqual(["0.052", "0.065", "0.083", "0.098", "0.107", "0.125"]);
    expect([seg.table.status, seg.table.label, seg.table.note]).toEqual(["published", "2026/27", undefined]);
    expect(seg.table.source).toMatch(/^NHS Employers/);
  });

  // A whole 2026/27 year of continuous service (365 days: no 29 February) annualises to the pay itself.
  const edges: [number, string, string][] = [
    [13259, "0.052", "689.47"],
    [13260, "0.065", "861.90"],
    [28854, "0.065", "1875.51"],
    [28855, "0.083", "2394.97"],
    [35155, "0.083", "2917.87"],
    [35156, "0.098", "3445.29"],
    [52778, "0.098", "5172.24"],
    [52779, "0.107", "5647.35"],
    [67668, "0.107", "7240.48"],
    [67669, "0.125", "8458.63"],
  ];
  test.each(edges)("£%i for the whole year: %s, £%s", (pay, rate, total) => {
    const r = contributions({ earnings: new Money(pay), start: d(2026, 4, 1), end: d(2027, 3, 31) }, DEFAULT_RULES, DEFAULT_SETTINGS);
    expect([r.parts[0].rate.toString(), r.total.toFixed(2), r.provisional]).toEqual([String(Number(rate)), total, false]);
  });

  test("the issue's month: £5,500 in May 2026 over 30 days is 10.7 %, £588.50, not provisional", () => {
    const e = examples.contributions.find((c) => c.name.startsWith("2026/27 published bands"))!;
    const r = contributions({ earnings: new Money(e.earnings), start: d(2026, 5, 1), end: d(2026, 5, 31), daysOfService: 30 }, DEFAULT_RULES, DEFAULT_SETTINGS);
    expect([annualisedShown(r.annualised).toFixed(2), r.parts[0].rate.toString(), r.total.toFixed(2), r.provisional]).toEqual([
      "66916.66",
      "0.107",
      "588.50",
      false,
    ]);
  });

  test("the employer rate: 14.38 % published for 2026/27 (DHSC), provisional for 2027/28", () => {
    const now = employerSegmentAt(DEFAULT_RULES, d(2026, 6, 1))!.table;
    const next = employerSegmentAt(DEFAULT_RULES, d(2027, 6, 1))!.table;
    expect([now.rate, now.status, next.rate, next.status]).toEqual(["0.1438", "published", "0.1438", "provisional"]);
    expect(now.source).toMatch(/^DHSC written answer, September 2025/);
  });
});

describe("the yearly uplift: bands × (1 + September CPI), each bound rounded up, the lowest frozen", () => {
  test.each(examples.tableUplift.map((t) => [t.name, t.from, t.factor, t.to] as const))("%s", (_name, from, factor, to) => {
    const cpi = new Money(factor).minus(1).toString();
    const bands = [...from.map((upTo) => ({ upTo, rate: "0.05" })), { upTo: null, rate: "0.1" }];
    expect(upliftBands(bands, cpi).map((b) => b.upTo)).toEqual([...to, null]);
  });

  test("without a CPI there is no 2027/28 table; with one, 2027/28 is projected and labelled so", () => {
    expect(tierSegmentAt(DEFAULT_RULES, d(2027, 4, 1))).toBeUndefined();
    const rules = buildRuleSet({ tiers: [], employer: [], cpi: upliftCpi("3.0%", "--cpi") });
    const seg = tierSegmentAt(rules, d(2027, 4, 1))!;
    expect([seg.from, seg.to]).toEqual([d(2027, 4, 1), d(2028, 3, 31)]);
    expect(bounds(seg)).toEqual([13259, 29720, 36210, 54362, 69699, null]);
    expect([seg.table.status, seg.table.label]).toEqual(["projected", "2027/28 (projected)"]);
    expect(seg.table.source).toBe(
      "Projected: the 2026/27 bands raised by the September 2026 CPI of 3.0 % (given in --cpi), each bound rounded up to the pound",
    );
    expect(rules.overrides).toEqual(["tier table 01/04/2027 to 31/03/2028 projected by the September CPI 3.0 % (--cpi)"]);
    // 2026/27 itself is untouched.
    expect(bounds(tierSegmentAt(rules, d(2026, 4, 1))!)).toEqual([13259, 28854, 35155, 52778, 67668, null]);
  });

  test("a projected year's figures say projected, with the CPI and its source", () => {
    const rules = buildRuleSet({ tiers: [], employer: [], cpi: upliftCpi("3%", "LocumRules row 9", "ONS, 15 October 2026") });
    // £60,000 over 2027/28 (366 days, 29 February 2028) continuous: 60,000 → tier 5, 10.7 % → £6,420.00.
    const r = contributions({ earnings: new Money(60000), start: d(2027, 4, 1), end: d(2028, 3, 31) }, rules, DEFAULT_SETTINGS);
    expect([r.total.toFixed(2), r.provisional, r.parts[0].table.status]).toEqual(["6420.00", true, "projected"]);
    expect(r.parts[0].table.note).toContain("September 2026 CPI of 3.0 % (ONS, 15 October 2026, given in LocumRules row 9)");
  });

  test("a user's own 2027/28 table wins; the projection then goes to the year after", () => {
    const own = parseRulesJson(
      {
        tiers: [
          {
            from: "2027-04-01",
            to: "2028-03-31",
            bands: [
              { upTo: 14000, rate: "5.2%" },
              { upTo: null, rate: "12.5%" },
            ],
          },
        ],
        cpi: { rate: "2.0%", source: "ONS" },
      },
      "mine.json",
    );
    const rules = buildRuleSet(own);
    expect(bounds(tierSegmentAt(rules, d(2027, 5, 1))!)).toEqual([14000, null]);
    expect(bounds(tierSegmentAt(rules, d(2028, 5, 1))!)).toEqual([14000, null]);
    expect(tierSegmentAt(rules, d(2028, 5, 1))!.table.label).toBe("2028/29 (projected)");
  });

  test("a CPI in LocumRules (Kind CPI), in a --rules file, and which wins", () => {
    const rows = parseRulesRows(
      [
        ["Kind", "From", "To", "Up to", "Rate", "Source"],
        ["CPI", "", "", "", "3.0%", "ONS"],
      ],
      "LocumRules",
      1,
    );
    expect(rows.cpi).toEqual({ rate: "0.03", where: "LocumRules row 2, Rate", source: "ONS" });
    const merged = mergeRuleData([rows, { tiers: [], employer: [], cpi: upliftCpi("2.5", "--cpi") }])!;
    expect(merged.cpi!.rate).toBe("0.025");
  });

  test.each([
    ["3.8%", "0.038", false],
    ["3.8", "0.038", true],
    ["0.038", "0.038", false],
    [0.038, "0.038", false],
  ])("CPI %p reads as %s", (v, fraction, plain) => {
    const r = cpiRead(v)!;
    expect([r.cpi.toString(), r.plainPercent]).toEqual([fraction, plain]);
  });

  test.each([
    ["abc", 'not "abc"'],
    ["-1%", "outside 0% to 30%"],
    ["31%", "outside 0% to 30%"],
  ])("a CPI of %p is refused: %s", (v, text) => {
    expect(() => upliftCpi(v, "--cpi")).toThrow(LocumError);
    expect(() => upliftCpi(v, "--cpi")).toThrow(text);
  });

  test("no projection past a table that ends mid-year", () => {
    const last = { from: d(2026, 4, 1), to: d(2026, 9, 30), table: tierSegmentAt(DEFAULT_RULES, d(2026, 4, 1))!.table };
    expect(projectedTable(last, upliftCpi("3%", "--cpi"))).toBeNull();
  });
});

describe("the 10-week rule counts from the last day of the period by default (§3)", () => {
  // examples.json: 02/02/2026 to 08/02/2026 (one period, a row a day), sent 17/04/2026: 10 weeks from the period's
  // last day is 19/04/2026; from each row's own day, 13/04 to 16/04 for 2 to 5 February (past) and 17/04 on (not).
  const rows = [
    HEADER,
    ...[2, 3, 4, 5, 6, 7, 8].map((day) =>
      row({ worked: serial(2026, 2, day), fee: 500, paid: serial(2026, 2, 27), invoice: "F-1", submitted: serial(2026, 4, 17) }),
    ),
  ];

  test("default: made, with one warning that PCSE's help page counts from the first day", () => {
    const p = prepareForms(rows, details({ "Tier rate": "12.5%" }), { today: d(2026, 5, 1) });
    expect(p.months.find((m) => m.monthKey === "2026-02")!.formB).not.toBeNull();
    const w = p.messages.filter((m) => m.kind === "ten-week first day");
    expect(w.map((m) => [m.row, m.field])).toEqual([[2, "Date submitted"]]);
    expect(w[0].text).toBe(
      "rows 2 to 5 reached PCSE within 10 weeks of the last day of the period worked, but not of the first day: pensioned, as PCSE's submit page and NHSBSA count from the last day; PCSE's help page counts from the first day: send sooner to be safe",
    );
    expect(p.messages.filter((m) => m.kind === "ten-week")).toEqual([]);
  });

  test("the first-day anchor, as a setting, stops the rows", () => {
    const p = prepareForms(rows, details({ "Tier rate": "12.5%" }), { today: d(2026, 5, 1), settings: { ...DEFAULT_SETTINGS, tenWeekAnchor: "first" } });
    expect(p.months.find((m) => m.monthKey === "2026-02")?.formB ?? null).toBeNull();
    const e = p.messages.filter((m) => m.kind === "ten-week");
    expect(e.map((m) => m.row)).toEqual([2, 3, 4, 5]);
    expect(e[0].text).toContain("the limit was 13/04/2026, 10 weeks from the first day worked, 02/02/2026");
  });
});

test("tax relief: both halves by default, each shown apart; employee only as a setting (§8)", () => {
  const formsB = [
    {
      month: { year: 2025, month: 5 },
      day: d(2025, 5, 1),
      rate: new Money("0.107"),
      a: new Money(900),
      b: new Money("96.30"),
      g: new Money("96.30"),
      h: new Money("129.42"),
      sent: d(2025, 5, 30),
      due: d(2025, 6, 7),
      label: "Form B May 2025",
    },
  ];
  const input = {
    country: "England" as const,
    work: [{ pay: new Money(900), periods: [[d(2025, 5, 5), d(2025, 5, 5)]] as [number, number][], label: "x" }],
    formsB,
  };
  const [both] = yearEnds(input, DEFAULT_RULES, DEFAULT_SETTINGS);
  const [employee] = yearEnds(input, DEFAULT_RULES, { ...DEFAULT_SETTINGS, taxRelief: "employee" });
  expect(both.taxYears.map((t) => [t.label, t.employee.toFixed(2), t.employer!.toFixed(2), t.relief.toFixed(2)])).toEqual([
    ["2025/26", "96.30", "129.42", "225.72"],
  ]);
  expect(employee.taxYears[0].relief.toFixed(2)).toBe("96.30");
});
