// Overrides from a LocumRules sheet or a --rules JSON file win, are reported, and are checked.
import { contributions, DEFAULT_SETTINGS, employerContribution, Money, tierAt } from "../../src/engine";
import { buildRuleSet, DEFAULT_RULES, dayFromYmd, isoToDay, parseRulesJson, parseRulesRows, rateText } from "../../src/rules";

const serial = (iso: string) => isoToDay(iso)! + 25569;
// 2026/27 as a user might type it once published: Excel dates, percentages, an empty top band.
const SHEET: unknown[][] = [
  ["Scheme year", "From", "To", "Up to", "Rate", "Status", "Source"],
  ["2026/27", serial("2026-04-01"), serial("2027-03-31"), 13500, 0.052, "confirmed", "SI 2026/999"],
  ["2026/27", serial("2026-04-01"), serial("2027-03-31"), 28500, "6.5%", "confirmed", ""],
  ["2026/27", serial("2026-04-01"), serial("2027-03-31"), 34700, 0.083, "confirmed", ""],
  ["2026/27", serial("2026-04-01"), serial("2027-03-31"), 52100, 0.098, "confirmed", ""],
  ["2026/27", serial("2026-04-01"), serial("2027-03-31"), 66800, 0.107, "confirmed", ""],
  ["2026/27", serial("2026-04-01"), serial("2027-03-31"), "", 0.125, "confirmed", ""],
];

test("a LocumRules sheet replaces the published 2026/27 table", () => {
  const rules = buildRuleSet(parseRulesRows(SHEET));
  const may = isoToDay("2026-05-01")!;
  // £28,700 is tier 2 (6.5 %) under the published bands (up to £28,854) but tier 3 (8.3 %) under the override (above £28,500)
  expect(tierAt(new Money(28700), may, DEFAULT_RULES).rate.toString()).toBe("0.065");
  const t = tierAt(new Money(28700), may, rules);
  expect([t.tier, t.rate.toString(), t.table.status, t.table.override, t.table.label]).toEqual([3, "0.083", "confirmed", "LocumRules", "2026/27"]);
  expect(rules.overrides).toEqual(["tier table 01/04/2026 to 31/03/2027 from LocumRules (confirmed)"]);
  const r = contributions({ earnings: new Money(2000), start: may, end: dayFromYmd(2026, 5, 31), daysOfService: 25 }, rules, DEFAULT_SETTINGS);
  expect(r.provisional).toBe(false);
  // other years keep the built-in tables
  expect(tierAt(new Money(28700), isoToDay("2025-05-01")!, rules).table.override).toBeUndefined();
});

test("a partial-year override carves the built-in table around it", () => {
  const rules = buildRuleSet(
    parseRulesJson(
      {
        tiers: [
          {
            from: "2024-10-01",
            to: "2024-12-31",
            bands: [
              { upTo: 1000, rate: "0.01" },
              { upTo: null, rate: "0.02" },
            ],
          },
        ],
      },
      "test.json",
    ),
  );
  const at = (iso: string) => tierAt(new Money(15000), isoToDay(iso)!, rules).rate.toString();
  expect([at("2024-09-30"), at("2024-10-01"), at("2024-12-31"), at("2025-01-01")]).toEqual(["0.065", "0.02", "0.02", "0.065"]);
  const r = contributions({ earnings: new Money(9200), start: isoToDay("2024-09-01")!, end: isoToDay("2025-01-31")! }, rules, DEFAULT_SETTINGS);
  expect(r.parts.map((p) => p.table.override ?? "built-in")).toEqual(["built-in", "test.json", "built-in"]);
});

test("an employer rate override from a sheet row of kind employer", () => {
  const rules = buildRuleSet(
    parseRulesRows([
      ["Kind", "From", "To", "Rate"],
      ["Employer", "2024-04-01", "2027-03-31", "23.78%"],
    ]),
  );
  expect(employerContribution(new Money(90), isoToDay("2024-06-01")!, rules, DEFAULT_SETTINGS).amount.toFixed(2)).toBe("21.40");
  expect(employerContribution(new Money(90), isoToDay("2024-03-31")!, rules, DEFAULT_SETTINGS).amount.toFixed(2)).toBe("12.94");
});

test.each([
  [
    [
      ["From", "To", "Up to", "Rate"],
      ["2026-04-01", "2027-03-31", 13500, 5.2],
    ],
    "LocumRules row 2: rate must be a fraction such as 0.052 or text such as 5.2%, got 5.2",
  ],
  [
    [
      ["From", "To", "Up to", "Rate"],
      ["2026-13-01", "2027-03-31", 13500, 0.052],
    ],
    'LocumRules row 2: From must be a date (dd/mm/yyyy or yyyy-mm-dd), got "2026-13-01"',
  ],
  [
    [
      ["From", "Up to", "Rate"],
      ["2026-04-01", 13500, 0.052],
    ],
    'LocumRules: no "To" column in the header row (row 1)',
  ],
  [
    [
      ["From", "To", "Up to", "Rate"],
      ["2026-04-01", "2027-03-31", 13500.5, 0.052],
    ],
    'LocumRules row 2: "up to" must be a whole number of pounds',
  ],
  [
    [
      ["From", "To", "Up to", "Rate"],
      ["2026-04-01", "2027-03-31", 13500, 0.052],
    ],
    'LocumRules row 2 (the tier table From 01/04/2026, To 31/03/2027): no top band: every band has an "up to", so pay above £13,500 has no rate. Add a row with the same From and To, "Up to" left empty and the rate for pay above £13,500',
  ],
  [
    [
      ["From", "To", "Up to", "Rate"],
      ["2027-03-31", "2026-04-01", "", 0.052],
    ],
    'LocumRules row 2 (the tier table From 31/03/2027, To 01/04/2026): "to" (2026-04-01) is before "from" (2027-03-31)',
  ],
  [
    [
      ["From", "To", "Up to", "Rate", "Status"],
      ["2026-04-01", "2027-03-31", "", 0.052, "maybe"],
    ],
    'LocumRules row 2: status must be "confirmed", "published" or "provisional", not "maybe"',
  ],
  [[], "LocumRules: the sheet is empty"],
  [[["From", "To", "Up to", "Rate"]], "LocumRules: no rule rows below the header"],
])("a broken LocumRules sheet is refused with its row: %#", (rows, message) => {
  expect(() => buildRuleSet(parseRulesRows(rows as unknown[][]))).toThrow(message);
});

test("JSON overrides are checked too", () => {
  expect(() => parseRulesJson({}, "r.json")).toThrow('r.json: no "tiers", "employer" or "cpi" entries found');
  expect(() => parseRulesJson([], "r.json")).toThrow('r.json: expected a JSON object with "tiers" and/or "employer"');
  expect(() => parseRulesJson({ tiers: [{ from: "2026-04-01", to: "2027-03-31" }] }, "r.json")).toThrow('r.json: tiers[0]: "bands" must be a list');
  expect(() =>
    parseRulesJson({ tiers: [{ from: "2026-04-01", to: "2027-03-31", label: "2026/27", bands: [{ upTo: 1, rate: 5 }] }] }, "r.json", "--rules dir/r.json"),
  ).toThrow("--rules dir/r.json: tiers[0] (2026/27) band 1: rate must be a fraction");
  expect(rateText("12.5%")).toBe("0.125");
  expect(rateText("0.125")).toBe("0.125");
  expect(rateText(1.5)).toBeNull();
});

// Table-level problems: the sheet's name and its rows as Excel numbers them (rows may be in any
// order; a band is named by its row), or the file and the band in the file's own order.
const rows = (...bands: [unknown, unknown][]) => [["From", "To", "Up to", "Rate"], ...bands.map(([upTo, rate]) => ["2026-04-01", "2027-03-31", upTo, rate])];
const problem = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return "no error";
};

test("LocumRules table problems name the sheet and the rows, counting from the table's first row", () => {
  // The header on sheet row 4 (a table placed lower down): the bands are rows 5 to 7.
  const missingTop = rows([13500, 0.052], [28500, 0.065], [40000, 0.083]);
  expect(problem(() => buildRuleSet(parseRulesRows(missingTop, "LocumRules", 4)))).toBe(
    'LocumRules rows 5 to 7 (the tier table From 01/04/2026, To 31/03/2027): no top band: every band has an "up to", so pay above £40,000 has no rate. Add a row with the same From and To, "Up to" left empty and the rate for pay above £40,000',
  );
  // Rows out of order are fine...
  const shuffled = buildRuleSet(parseRulesRows(rows(["", 0.125], [28500, 0.065], [13500, 0.052])));
  expect(tierAt(new Money(20000), isoToDay("2026-05-01")!, shuffled).tier).toBe(2);
  // ...and a repeated bound names both rows as the user typed them, not places after sorting.
  expect(problem(() => buildRuleSet(parseRulesRows(rows(["", 0.125], [28500, 0.065], [13500, 0.052], [28500, 0.07]))))).toBe(
    'LocumRules rows 2 to 5 (the tier table From 01/04/2026, To 31/03/2027): row 5: "up to" must be a whole number of pounds above 28500 (the "up to" of row 3), not 28500',
  );
  expect(problem(() => buildRuleSet(parseRulesRows(rows(["", 0.125], [13500, 0.052], ["", 0.1]))))).toBe(
    'LocumRules rows 2 to 4 (the tier table From 01/04/2026, To 31/03/2027): row 2 and row 4 both leave "up to" empty, but only the top band may: give all but the top one their upper bound in whole pounds',
  );
  // A row with a mistyped To makes its own table: the rows listed say which rows belong together.
  const typo = [...rows([13500, 0.052], [28500, 0.065]), ["2026-04-01", "2027-03-30", "", 0.125]];
  expect(problem(() => buildRuleSet(parseRulesRows(typo)))).toBe(
    "LocumRules rows 2, 3 (the tier table From 01/04/2026, To 31/03/2027) and LocumRules row 4 (the tier table From 01/04/2026, To 30/03/2027): two tier tables cover 01/04/2026 to 30/03/2027; each day takes one: correct a From or To",
  );
  // An employer row names its row.
  const employer = [
    ["Kind", "From", "To", "Rate"],
    ["", "2026-04-01", "2027-03-31", 0.05],
    ["", "2026-04-01", "2027-03-31", ""],
  ];
  expect(problem(() => parseRulesRows(employer, "LocumRules", 10))).toBe(
    'LocumRules row 12: rate must be a fraction such as 0.052 or text such as 5.2%, got ""',
  );
});

test("--rules file problems name the file, the entry and the band in the file's order", () => {
  const json = {
    tiers: [
      {
        from: "2026-04-01",
        to: "2027-03-31",
        label: "2026/27",
        bands: [
          { upTo: 13500, rate: "0.052" },
          { upTo: null, rate: "0.1" },
          { upTo: 40000, rate: "0.1" },
        ],
      },
    ],
  };
  expect(problem(() => buildRuleSet(parseRulesJson(json, "my.json", "--rules data/my.json")))).toBe(
    '--rules data/my.json: tiers[0] (2026/27): band 2: "up to" is empty, but only the last (top) band may leave it empty: give this band its upper bound in whole pounds; no top band: every band has an "up to", so pay above £40,000 has no rate. Add a last band {"upTo": null, "rate": ...} with the rate for pay above £40,000',
  );
});

test("two tables of one kind covering the same days are refused, naming both; so is a misspelt key", () => {
  const band = (rate: string) => [
    { upTo: 13500, rate: "0.052" },
    { upTo: null, rate },
  ];
  const json = {
    tiers: [
      { from: "2026-04-01", to: "2027-03-31", label: "2026/27", bands: band("0.125") },
      { from: "2026-10-01", to: "2027-09-30", label: "typo", bands: band("0.13") },
    ],
  };
  expect(() => parseRulesJson(json, "my.json", "--rules my.json")).toThrow(
    "--rules my.json: tiers[0] (2026/27) and --rules my.json: tiers[1] (typo): two tier tables cover 01/10/2026 to 31/03/2027; each day takes one: correct a From or To",
  );
  const rows = [
    ["Kind", "From", "To", "Up to", "Rate"],
    ["employer", "2026-04-01", "2027-03-31", "", 0.1438],
    ["employer", "2027-03-01", "2028-03-31", "", 0.15],
  ];
  expect(() => parseRulesRows(rows, "LocumRules", 3)).toThrow(
    "LocumRules row 4 (employer rate, From 01/04/2026, To 31/03/2027) and LocumRules row 5 (employer rate, From 01/03/2027, To 31/03/2028): two employer rates cover 01/03/2027 to 31/03/2027",
  );
  expect(() => parseRulesJson({ tyers: [] }, "r.json")).toThrow(
    'r.json: unknown key "tyers" (the file has "tiers", "employer" and optionally "cpi" and "about")',
  );
  // Tables side by side, and a LocumRules table with a --rules file over it, are fine.
  expect(() => parseRulesJson({ tiers: [json.tiers[0], { ...json.tiers[1], from: "2027-04-01", to: "2028-03-31" }] }, "ok.json")).not.toThrow();
});
