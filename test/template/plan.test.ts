// The plan of the workbook (src/template/plan.ts): free names for the sheets and the table, never an
// existing one, the note that says which and why, and the formulas that follow the names chosen.
import { planTemplate, TEMPLATE_SHEETS, yearTemplate } from "../../src/template";
import { DEFAULT_RULES } from "../../src/rules";

const plan = planTemplate({ sheets: [] });

describe("planTemplate: never an existing sheet", () => {
  test("an empty workbook gets the names asked for", () => {
    expect(plan.sheets).toEqual({ sessions: "Sessions", details: "Locum details", tables: "Tables in force", monthly: "Monthly", yearEnd: "Year end" });
    expect(plan.table).toBe("Sessions");
    expect(plan.renamed).toEqual([]);
    expect(plan.note).toBe("Added the sheets Sessions, Locum details, Tables in force, Monthly, Year end.");
  });

  test("names taken (in any case) get Excel's (2), (3)…, and the note says which and why", () => {
    const p = planTemplate({ sheets: ["sessions", "Sessions (2)", "MONTHLY", "Sheet1"], tables: ["Sessions"] });
    expect(p.sheets.sessions).toBe("Sessions (3)");
    expect(p.sheets.monthly).toBe("Monthly (2)");
    expect(p.sheets.details).toBe("Locum details");
    expect(p.table).toBe("Sessions2");
    expect(p.renamed).toEqual([
      { role: "sessions", wanted: "Sessions", used: "Sessions (3)" },
      { role: "monthly", wanted: "Monthly", used: "Monthly (2)" },
      { role: "table", wanted: "Sessions", used: "Sessions2" },
    ]);
    expect(p.note).toContain(
      'Nothing was overwritten: "Sessions (3)" (this workbook already has "Sessions"), "Monthly (2)" (this workbook already has "Monthly"), the table "Sessions2"',
    );
    // The forms read the workbook's own Sessions sheet first: said, not hidden.
    expect(p.note).toContain('The forms still read this workbook\'s own "Sessions" and "Locum details" sheets');
  });

  test("sessions kept on another sheet: the note says the forms will read the template's Sessions now", () => {
    const p = planTemplate({ sheets: ["Data", "Locum details"], tables: ["Sessions"], sessionsSheet: "Data" });
    expect(p.sheets.sessions).toBe("Sessions");
    expect(p.note).toContain(
      'The forms now read the template\'s "Sessions" sheet, not "Data" (a sheet named Sessions is read first): copy your rows into it, or rename it.',
    );
    expect(planTemplate({ sheets: ["Sessions"], sessionsSheet: "Sessions" }).note).not.toContain("now read");
  });

  test("a table name taken by a defined name is not reused; no sheet name passes 31 characters", () => {
    expect(planTemplate({ sheets: [], tables: [], names: ["sessions", "Sessions2"] }).table).toBe("Sessions3");
    const long = planTemplate({ sheets: ["Locum details"] }).sheets.details;
    expect(long).toBe("Locum details (2)");
    const all = planTemplate({ sheets: Array.from({ length: 12 }, (_, i) => (i ? `Year end (${i + 1})` : "Year end")) }).sheets.yearEnd;
    expect(all).toBe("Year end (13)");
    for (const name of Object.values(planTemplate({ sheets: Object.values(TEMPLATE_SHEETS) }).sheets)) expect(name.length).toBeLessThanOrEqual(31);
  });

  test("whatever the workbook holds, the names chosen are new and distinct", () => {
    const existing = ["Sessions", "sessions (2)", "Locum details", "Tables in force", "Monthly", "Year end (2)", "Year end"];
    const p = planTemplate({ sheets: existing });
    const chosen = Object.values(p.sheets).map((s) => s.toLowerCase());
    expect(new Set(chosen).size).toBe(chosen.length);
    for (const c of chosen) expect(existing.map((e) => e.toLowerCase())).not.toContain(c);
  });

  test("the formulas follow the names chosen", () => {
    const p = planTemplate({ sheets: ["Locum details"], tables: ["Sessions"] });
    const t = yearTemplate(p, { rules: DEFAULT_RULES });
    const monthly = t.sheets.find((s) => s.role === "monthly")!.spills[0].formula;
    expect(monthly).toBe("LOCUM.MONTHLY(Sessions2[[#All],[Date worked]:[Notes]],'Locum details (2)'!$A$1:$B$40)");
  });
});
