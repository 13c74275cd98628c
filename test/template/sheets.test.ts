// The year template as a whole (src/template/sheets.ts): Excel's limits on every sheet's validation,
// and fillTemplate typing rows and details in as a user would.
import { fillTemplate, planTemplate, yearTemplate } from "../../src/template";
import { dayFromYmd, DEFAULT_RULES } from "../../src/rules";

const plan = planTemplate({ sheets: [] });
const template = yearTemplate(plan, { rules: DEFAULT_RULES, made: dayFromYmd(2025, 4, 1) });

describe("validation the forms agree with", () => {
  test("Excel's limits: a list's text at most 255 characters, an error message at most 225", () => {
    for (const s of template.sheets) {
      for (const x of s.validations) {
        if (x.rule.kind === "list") expect(x.rule.values.join(",").length).toBeLessThanOrEqual(253); // + the two quotes
        expect(x.error.length).toBeLessThanOrEqual(225);
      }
    }
  });
});

describe("Locum details", () => {
  test("fillTemplate puts values beside their keys and rows in the table, and refuses a column it lacks", () => {
    const f = fillTemplate(template, { sessions: [{ "Date worked": 45748, Fee: 100 }], details: { Surname: "X" } });
    const s = f.sheets.find((x) => x.role === "sessions")!.table!;
    expect(s.data).toEqual([[45748, "", "", "", 100, "", "", "", "", "", "", "", "", ""]]);
    expect(s.rows).toBe(10);
    expect(f.sheets.find((x) => x.role === "details")!.cells.find((c) => c.ref === "B2")!.value).toBe("X");
    expect(() => fillTemplate(template, { sessions: [{ "Form A": "x" }] })).toThrow(/no typed column Form A/);
    expect(() => fillTemplate(template, { sessions: [{ Fees: 1 }] })).toThrow(/no typed column Fees/);
    expect(template.sheets.find((x) => x.role === "sessions")!.table!.data).toEqual([]); // the original is unchanged
  });
});
