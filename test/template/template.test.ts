// The year template as data (src/forms/template.ts): free names, the Sessions columns the forms read,
// the Locum details keys they read, validation the forms agree with, and the structured-reference
// translations every host without Excel tables relies on.
import { findColumns } from "../../src/workbook";
import { prepareForms } from "../../src/forms";
import { FIELD_NAMES } from "../../src/workbook/columns";
import {
  DETAIL_ROWS,
  detailRow,
  ENGAGEMENTS,
  fillTemplate,
  LAST_DATE,
  MONTHLY_HEADER,
  planTemplate,
  sessionColumns,
  sessionsGeometry,
  tableRows,
  TEMPLATE_SHEETS,
  toA1,
  toFileFormula,
  WORK_TYPES,
  yearTemplate,
} from "../../src/template";
import { FIRST_DAY } from "../../src/engine";
import { buildRuleSet, dayFromYmd, dayToSerial, DEFAULT_RULES, parseRulesRows } from "../../src/rules";
import { details, serial } from "../support/forms";

const plan = planTemplate({ sheets: [] });
const template = yearTemplate(plan, { rules: DEFAULT_RULES, made: dayFromYmd(2025, 4, 1) });
const sheet = (role: string) => template.sheets.find((s) => s.role === role)!;

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

describe("the Sessions table", () => {
  const cols = sessionColumns();

  test("holds the forms' own columns, in the order docs/workbook-format.md lists them, then Form A and Pensionable pay", () => {
    // Every field but Session (a free-text session length, read only for a mention of out-of-hours work).
    expect(cols.map((c) => c.name)).toEqual([...Object.values(FIELD_NAMES).filter((n) => n !== "Session"), "Form A", "Pensionable pay"]);
    expect(cols.map((c) => c.name)).toEqual([
      "Date worked",
      "Last day",
      "Practice",
      "Practice code",
      "Fee",
      "Date paid",
      "Invoice",
      "Work type",
      "Engaged via",
      "Appraisal authorised",
      "Date submitted",
      "Notes",
      "Form A",
      "Pensionable pay",
    ]);
  });

  test("the forms find every field in its header, with no problem and no loose name", () => {
    const map = findColumns(cols.map((c) => c.name));
    expect(map.problems).toEqual([]);
    expect(map.notes).toEqual([]);
    expect(map.loose).toEqual({});
    expect(Object.keys(map.index).sort()).toEqual(
      Object.keys(FIELD_NAMES)
        .filter((k) => k !== "session")
        .sort(),
    );
  });

  test("the calculated columns: Form A from LOCUM.FORMA, pensionable pay 90 % unrounded", () => {
    // Every cell the forms decide a row's Form A with, in LOCUM.FORMA's order: the first and last day (a run across 31
    // March is split), the kind of work and engagement (some go on no Form A), the date sent (the 10-week rule).
    expect(cols[12].formula).toBe(
      'IF([@[Date worked]]="","",LOCUM.FORMA([@[Date worked]],[@[Date paid]],[@[Practice code]],[@[Practice]],[@[Invoice]],[@[Last day]],[@[Work type]],[@[Engaged via]],[@[Date submitted]]))',
    );
    expect(cols[13].formula).toBe('IF([@[Fee]]="","",ROUND([@[Fee]]*0.9,3))');
    // A formula in a text-formatted cell stays text in Excel: the formula columns have no "@" format.
    expect(cols[12].numFmt).toBeUndefined();
    expect(cols[13].numFmt).toBe("£#,##0.00");
  });

  test("is at A1, so rows counted from the table's header are the sheet's rows", () => {
    expect(sheet("sessions").table!.ref).toBe("A1");
    expect(sheet("sessions").table!.rows).toBe(10);
    expect(sheet("sessions").table!.data).toEqual([]);
  });
});

describe("validation the forms agree with", () => {
  const v = sheet("sessions").validations;
  const byRef = (letter: string) => v.find((x) => x.ref.startsWith(`${letter}2:`))!;

  test("dates from 01/04/2015 (the engine's first day) to 31/12/2099 on the four date columns", () => {
    for (const letter of ["A", "B", "F", "K"]) expect(byRef(letter).rule).toEqual({ kind: "date", min: FIRST_DAY, max: LAST_DATE });
    expect(dayToSerial(FIRST_DAY)).toBe(42095); // 01/04/2015
    expect(dayToSerial(LAST_DATE)).toBe(73050); // 31/12/2099
    expect(byRef("A").ref).toBe("A2:A5001");
  });

  test("money from £0 to £100,000 on Fee; pick-lists on Work type, Engaged via, Appraisal authorised", () => {
    expect(byRef("E").rule).toEqual({ kind: "decimal", min: 0, max: 100000 });
    expect(byRef("H").rule).toEqual({ kind: "list", values: ["practice", "appraisal", "out of hours", "ICB", "private"] });
    expect(byRef("I").rule).toEqual({
      kind: "list",
      values: [
        "direct",
        "limited company",
        "agency",
        "independent provider",
        "PCN scenario 1",
        "PCN scenario 2",
        "PCN scenario 3",
        "PCN scenario 4",
        "PCN scenario 5",
        "PCN scenario 6",
        "PCN scenario 7",
        "PCN scenario 8",
      ],
    });
    expect(byRef("J").rule).toEqual({ kind: "list", values: ["yes", "no"] });
  });

  test("Excel's limits: a list's text at most 255 characters, an error message at most 225", () => {
    for (const s of template.sheets) {
      for (const x of s.validations) {
        if (x.rule.kind === "list") expect(x.rule.values.join(",").length).toBeLessThanOrEqual(253); // + the two quotes
        expect(x.error.length).toBeLessThanOrEqual(225);
      }
    }
  });

  // What the pick-lists offer is what the forms read: each value gives no message about its column.
  test.each([
    ...WORK_TYPES.map((w) => ["Work type", w] as const),
    ...ENGAGEMENTS.map((e) => ["Engaged via", e] as const),
    ["Appraisal authorised", "yes"] as const,
    ["Appraisal authorised", "no"] as const,
  ])("%s %s is read by the forms", (field, value) => {
    const header = ["Date worked", "Practice", "Practice code", "Fee", "Date paid", field];
    const p = prepareForms(
      [header, [serial(2025, 4, 1), "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 20), value]],
      details({ "Tier rate": "9.8%" }),
      { today: dayFromYmd(2025, 4, 21) },
    );
    expect(p.messages.filter((m) => m.field === field && /is not (a work type|a way of engagement|yes or no)/.test(m.text))).toEqual([]);
  });

  test("a value outside a pick-list is refused by the forms too", () => {
    const p = prepareForms(
      [
        ["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Work type"],
        [serial(2025, 4, 1), "R", "Y02345", 100, serial(2025, 4, 20), "locum agency"],
      ],
      details(),
      { today: dayFromYmd(2025, 4, 21) },
    );
    expect(p.messages.some((m) => m.level === "error" && m.field === "Work type")).toBe(true);
  });

  test("the 10-week highlight covers the table's columns, and says its anchor", () => {
    const cf = sheet("sessions").conditionalFormats[0];
    expect(cf.ref).toBe("A2:N5001");
    expect(cf.formula).toBe(
      "AND(ISNUMBER($A2),IF(ISNUMBER($K2),$K2,TODAY())-IF(ISNUMBER($B2),$B2,$A2)>70,OR(IF(ISNUMBER($K2),$K2,TODAY())<DATE(2020,4,1),IF(ISNUMBER($K2),$K2,TODAY())>DATE(2022,9,30)))",
    );
    expect(cf.description).toMatch(/counts from the row's last day \(the default Ten week anchor/);
  });
});

describe("Locum details", () => {
  test("every key the template lists is one the forms read (none is 'not a detail this tool reads')", () => {
    const filled: Record<string, unknown> = {
      Surname: "O'Neill",
      "Other names": "Siân",
      "Date of birth": serial(1984, 6, 3),
      "NI number": "QQ123456C",
      "SD number": "12345678",
      "GMC number": "7654321",
      Address: "1 Road, Leeds",
      Email: "s@example.org",
      Country: "Wales",
      "EA code": "7A2",
      "Host LHB ref": "LHB-1",
      "Tier rate": "9.8%",
      "Estimated pensionable pay": 30000,
      "Other practitioner pay": 1000,
      "Other days of service": 10,
      "Added years rate": "1%",
      "MPAVC rate": "",
      "MPAVC monthly amount": 20,
      "Additional pension monthly amount": 10,
      "ERRBO rate": "0.5%",
      "Closing pension last year": 20000,
      "September CPI": "1.7%",
    };
    expect(Object.keys(filled)).toEqual(DETAIL_ROWS.map(([k]) => k));
    const rows = [["Detail", "Value", "What it is"], ...DETAIL_ROWS.map(([k, note]) => [k, filled[k], note])];
    const p = prepareForms(
      [
        ["Date worked", "Practice", "Practice code", "Fee", "Date paid"],
        [serial(2025, 4, 1), "R", "Y02345", 100, serial(2025, 4, 20)],
      ],
      rows,
      { today: dayFromYmd(2025, 4, 21) },
    );
    expect(p.messages.filter((m) => m.sheet === "Locum details" && /not a detail/.test(m.text))).toEqual([]);
    expect(p.locum?.hostLhbRef).toBe("LHB-1");
    expect(p.locum?.mpavcAmount?.toString()).toBe("20");
    expect(p.locum?.errboRate?.toString()).toBe("0.005");
    expect([p.locum?.pension?.plain.opening?.value.toString(), p.locum?.pension?.plain.cpi?.value.toString()]).toEqual(["20000", "0.017"]);
  });

  test("an empty details sheet says what to fill, on the right rows", () => {
    const cells = sheet("details").cells;
    const rows: unknown[][] = [];
    for (const c of cells) {
      const r = Number(c.ref.slice(1)) - 1;
      rows[r] ??= ["", "", ""];
      rows[r]["ABC".indexOf(c.ref[0])] = c.value ?? "";
    }
    const p = prepareForms(
      [
        ["Date worked", "Practice", "Practice code", "Fee", "Date paid"],
        [serial(2025, 4, 1), "R", "Y02345", 100, serial(2025, 4, 20)],
      ],
      rows,
    );
    const surname = p.messages.find((m) => m.field === "Surname")!;
    expect([surname.row, surname.cell, surname.text]).toEqual([detailRow("Surname"), "B2", "is empty: fill it in (every form shows it)"]);
    expect(detailRow("Tier rate")).toBe(13);
  });

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

  test("Year end calls LOCUM.YEAREND in the order of its signature", () => {
    // LOCUM.YEAREND(dates_worked, pensionable_pay, [rate_paid], [other_practitioner_pay], [other_days_of_service], [form_a], [country],
    // [last_closing_pension], [september_cpi]): both day columns (a run of days on one row), the rate of each Form B from the
    // Monthly sheet's table.
    expect(sheet("yearEnd").spills[0].formula).toBe(
      "LOCUM.YEAREND(Sessions[[Date worked]:[Last day]],Sessions[Pensionable pay],Monthly!$A$5:$K$405,'Locum details'!$B$15,'Locum details'!$B$16,Sessions[Form A],'Locum details'!$B$10,'Locum details'!$B$22,'Locum details'!$B$23)",
    );
    expect([
      detailRow("Country"),
      detailRow("Other practitioner pay"),
      detailRow("Other days of service"),
      detailRow("Closing pension last year"),
      detailRow("September CPI"),
    ]).toEqual([10, 15, 16, 22, 23]);
  });
});

describe("structured references", () => {
  const g = [sessionsGeometry(plan, 40)];

  test("to A1 ranges (every form the template uses)", () => {
    expect(toA1("Sessions[Fee]", g)).toBe("Sessions!$E$2:$E$41");
    expect(toA1("Sessions[[#All],[Date worked]:[Notes]]", g)).toBe("Sessions!$A$1:$L$41");
    expect(toA1("Sessions[[#Headers],[Fee]]", g)).toBe("Sessions!$E$1");
    expect(toA1("Sessions[#All]", g)).toBe("Sessions!$A$1:$N$41");
    expect(toA1("SUM(Sessions[[#Data],[Fee]:[Date paid]])", g)).toBe("SUM(Sessions!$E$2:$F$41)");
    expect(toA1("[@Fee]*0.9", g, { table: "Sessions", row: 7 })).toBe("Sessions!$E$7*0.9");
    expect(toA1("[@[Date worked]]+[@[Last day]]", g, { table: "Sessions", row: 3 })).toBe("Sessions!$A$3+Sessions!$B$3");
    expect(toA1("Sessions[[#This Row],[Practice code]]", g, { table: "Sessions", row: 9 })).toBe("Sessions!$D$9");
    expect(toA1("sessions[fee]", g)).toBe("Sessions!$E$2:$E$41"); // Excel ignores case
  });

  test("text in quotes, sheet names and A1 references are left alone", () => {
    expect(toA1('IF(A1="[Fee]","Sessions[Fee]",\'Locum details\'!B2)&Sessions[Fee]', g)).toBe(
      'IF(A1="[Fee]","Sessions[Fee]",\'Locum details\'!B2)&Sessions!$E$2:$E$41',
    );
    expect(toA1("MySessions[Fee]", [{ ...g[0], name: "MySessions" }])).toBe("Sessions!$E$2:$E$41");
    expect(toA1("XSessions[Fee]", [{ ...g[0], name: "XSessions" }, g[0]])).toBe("Sessions!$E$2:$E$41");
  });

  test("a sheet name that needs quotes gets them", () => {
    expect(toA1("T[Fee]", [{ ...g[0], name: "T", sheet: "Sessions (2)" }])).toBe("'Sessions (2)'!$E$2:$E$41");
    expect(toA1("T[Fee]", [{ ...g[0], name: "T", sheet: "O'Neill" }])).toBe("'O''Neill'!$E$2:$E$41");
  });

  test("a column or table that does not exist, or [@…] outside its table, is an error, not a guess", () => {
    expect(() => toA1("Sessions[Fees]", g)).toThrow(/no column \[Fees\]/);
    expect(() => toA1("[@Fee]", g)).toThrow(/outside/);
    expect(() => toA1("Sessions[[#Totals],[Fee]]", g)).toThrow(/unsupported/);
  });

  test("to the form an .xlsx file stores: [@…] as [#This Row]", () => {
    expect(toFileFormula('IF([@[Fee]]="","",ROUND([@[Fee]]*0.9,3))', "Sessions")).toBe(
      'IF(Sessions[[#This Row],[Fee]]="","",ROUND(Sessions[[#This Row],[Fee]]*0.9,3))',
    );
    expect(toFileFormula("[@Fee]", "T")).toBe("T[[#This Row],[Fee]]");
    expect(toFileFormula("Sessions[[#All],[Date worked]:[Notes]]", "Sessions")).toBe("Sessions[[#All],[Date worked]:[Notes]]");
    expect(toFileFormula('"[@Fee]"&A1', "Sessions")).toBe('"[@Fee]"&A1');
  });
});
