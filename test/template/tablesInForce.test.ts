// The Tables in force sheet (src/template/tablesInForce.ts): a display of the tables in force, not a
// LocumRules table, with a live LOCUM.TABLE line per table.
import { planTemplate, tableRows, yearTemplate } from "../../src/template";
import { buildRuleSet, dayFromYmd, DEFAULT_RULES, parseRulesRows } from "../../src/rules";

const plan = planTemplate({ sheets: [] });
const template = yearTemplate(plan, { rules: DEFAULT_RULES, made: dayFromYmd(2025, 4, 1) });
const sheet = (role: string) => template.sheets.find((s) => s.role === role)!;

describe("Tables in force: a display, not a LocumRules table", () => {
  test("its name is not one either reader takes as overrides", () => {
    const name = sheet("tables").name;
    expect(name).toBe("Tables in force");
    expect(["locumrules", "rules"]).not.toContain(name.toLowerCase().replace(/[^a-z]/g, ""));
  });

  test("its rows are the tables in force, and read back as a LocumRules table they equal the built-in ones", () => {
    const rows = tableRows(DEFAULT_RULES);
    const bands = DEFAULT_RULES.tiers.reduce((n, s) => n + s.table.bands.length, 0);
    expect(rows).toHaveLength(bands + DEFAULT_RULES.employer.length);
    expect(rows[0].cells).toEqual(["tier", 42095, 44834, 15431, 0.05, "confirmed", rows[0].cells[6], rows[0].cells[7]]);
    // Laid over the built-in tables, the rows change nothing: the display shows what is in force.
    const back = buildRuleSet(parseRulesRows([["Kind", "From", "To", "Up to", "Rate", "Status", "Label", "Source"], ...rows.map((r) => r.cells)], "display"));
    const bandsOf = (t: { bands: { upTo: number | null; rate: string }[] }) => t.bands.map((b) => [b.upTo, Number(b.rate)]); // "0.10" and "0.1" are one rate
    expect(back.tiers.map((s) => [s.from, s.to, bandsOf(s.table)])).toEqual(DEFAULT_RULES.tiers.map((s) => [s.from, s.to, bandsOf(s.table)]));
    expect(back.employer.map((s) => [s.from, s.to, Number(s.table.rate)])).toEqual(DEFAULT_RULES.employer.map((s) => [s.from, s.to, Number(s.table.rate)]));
  });

  test("an override in force is shown for its own days, the built-in table around it", () => {
    const over = buildRuleSet({
      tiers: [
        {
          id: "o",
          label: "my 2026/27",
          from: "2026-04-01",
          to: "2027-03-31",
          status: "confirmed",
          source: "SI 2026/1",
          override: "LocumRules",
          bands: [
            { upTo: 14000, rate: "0.052" },
            { upTo: null, rate: "0.125" },
          ],
        },
      ],
      employer: [],
    });
    const rows = tableRows(over).filter((r) => r.cells[6] === "my 2026/27");
    expect(rows.map((r) => r.cells.slice(0, 5))).toEqual([
      ["tier", 46113, 46477, 14000, 0.052],
      ["tier", 46113, 46477, "", 0.125],
    ]);
  });

  test("a live LOCUM.TABLE line per tier table, on its first band's row", () => {
    const live = sheet("tables").cells.filter((c) => c.formula);
    expect(live.length).toBe(DEFAULT_RULES.tiers.length);
    expect(live[0]).toEqual({ ref: "I5", formula: "LOCUM.TABLE(B5)" });
  });
});
