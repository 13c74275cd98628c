// The Monthly sheet (src/template/monthly.ts): LOCUM.MONTHLY's spill and its chart. The rows the
// function returns are evaluated in year.test.ts.
import { MONTHLY_HEADER, planTemplate, yearTemplate } from "../../src/template";
import { dayFromYmd, DEFAULT_RULES } from "../../src/rules";

const plan = planTemplate({ sheets: [] });
const template = yearTemplate(plan, { rules: DEFAULT_RULES, made: dayFromYmd(2025, 4, 1) });
const sheet = (role: string) => template.sheets.find((s) => s.role === role)!;

describe("Monthly and Year end", () => {
  test("Monthly spills LOCUM.MONTHLY over the table's data columns and the details, with a chart of pay and contributions", () => {
    const m = sheet("monthly");
    expect(m.spills).toEqual([
      {
        ref: "A5",
        formula: "LOCUM.MONTHLY(Sessions[[#All],[Date worked]:[Notes]],'Locum details'!$A$1:$B$40)",
        width: 11,
        numFmts: ["mmm yyyy", "0", "£#,##0.00", "0.0%", "£#,##0.00", "£#,##0.00", "£#,##0.00", "£#,##0.00", "@", "dd/mm/yyyy", undefined],
      },
    ]);
    expect(MONTHLY_HEADER[2]).toBe("Pensionable pay (a)");
    expect(m.chart).toEqual({
      title: "Pensionable pay and contributions by month",
      spill: "A5",
      categoryColumn: 0,
      valueColumns: [2, 4, 5],
      kind: "columnClustered",
      anchor: "M5",
    });
    expect(m.chart!.valueColumns.map((i) => MONTHLY_HEADER[i])).toEqual(["Pensionable pay (a)", "Employee (g)", "Employer (h)"]);
  });
});
