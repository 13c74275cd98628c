// locum template <file.xlsx>: a new workbook written whole or not at all, never over a file; read
// back by openpyxl (a second opinion of the file's validity) and by the project's own reader.
import { execFileSync } from "child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import JSZip from "jszip";
import { formsCommand } from "../../../src/cli/commands/forms";
import { HINT, main } from "../../../src/cli";
import { templateBytes, writeNew } from "../../../src/cli/commands/template";
import { fillTemplate, planTemplate, yearTemplate } from "../../../src/template";
import { DEFAULT_RULES } from "../../../src/rules";
import { YEAR_DETAILS, YEAR_ROWS } from "../../support/year";
import { tempDir } from "../../support/tempDir";

const tmp = () => tempDir("template-cli-");

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function forms(file: string, dir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await formsCommand([file, "--out", dir, "--today", "2026-06-01"], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** What openpyxl (Debian's python3-openpyxl) reads from the file, as JSON. */
function openpyxl(file: string): {
  sheets: string[];
  tables: Record<string, string>;
  validations: [string, string, string | null, string | null][];
  cf: [string, string[]][];
  cells: Record<string, unknown>;
} {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
s = wb["Sessions"]
out = {
  "sheets": wb.sheetnames,
  "tables": dict(s.tables.items()),
  "validations": [[str(v.sqref), v.type, v.formula1, v.formula2] for v in s.data_validations.dataValidation],
  "cf": [[str(r.sqref), [x.formula[0] for x in r.rules]] for r in s.conditional_formatting],
  "cells": {"Sessions!A1": s["A1"].value, "Sessions!M2": s["M2"].value, "Sessions!E2": s["E2"].value, "Sessions!A2": str(s["A2"].value),
            "Monthly!A5": wb["Monthly"]["A5"].value if not hasattr(wb["Monthly"]["A5"].value, "text") else wb["Monthly"]["A5"].value.text,
            "Year end!A4": str(getattr(wb["Year end"]["A4"].value, "text", wb["Year end"]["A4"].value)),
            "Locum details!A13": wb["Locum details"]["A13"].value, "Tables in force!I5": wb["Tables in force"]["I5"].value,
            "Sessions!A2 format": s["A2"].number_format, "Sessions!E2 format": s["E2"].number_format},
}
print(json.dumps(out, default=str))
`;
  return JSON.parse(execFileSync("/usr/bin/python3", ["-c", script, file], { encoding: "utf8" }));
}

describe("locum template <file.xlsx>", () => {
  let dir: string;
  let file: string;
  let r: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    dir = tmp();
    file = join(dir, "my 2025-26.xlsx");
    r = await run(["template", file]);
  });

  test("writes the workbook and says what it holds, and what it could not", () => {
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out.split("\n")).toEqual([
      `Wrote ${file}: Sessions, Locum details, Tables in force, Monthly, Year end (the Sessions table with 10 empty rows).`,
      "No chart: an .xlsx written here cannot hold one (exceljs writes no charts); the task pane's Insert year template adds it.",
      "The LOCUM formulas calculate in Excel with the Locum pensions add-in loaded (until then they show #NAME?).",
    ]);
    // Whole or not at all: the temporary file is gone, only the workbook is there.
    expect(readdirSync(dir)).toEqual(["my 2025-26.xlsx"]);
  });

  test("openpyxl opens it: the table, its validation and conditional format, the formulas", () => {
    const o = openpyxl(file);
    expect(o.sheets).toEqual(["Sessions", "Locum details", "Tables in force", "Monthly", "Year end"]);
    expect(o.tables).toEqual({ Sessions: "A1:N11" });
    // exceljs writes them in address order.
    expect(o.validations).toEqual([
      ["A2:A5001", "date", "42095", "73050"],
      ["B2:B5001", "date", "42095", "73050"],
      ["E2:E5001", "decimal", "0", "100000"],
      ["F2:F5001", "date", "42095", "73050"],
      ["H2:H5001", "list", '"practice,appraisal,out of hours,ICB,private"', null],
      [
        "I2:I5001",
        "list",
        '"direct,limited company,agency,independent provider,PCN scenario 1,PCN scenario 2,PCN scenario 3,PCN scenario 4,PCN scenario 5,PCN scenario 6,PCN scenario 7,PCN scenario 8"',
        null,
      ],
      ["J2:J5001", "list", '"yes,no"', null],
      ["K2:K5001", "date", "42095", "73050"],
    ]);
    expect(o.cf).toEqual([
      [
        "A2:N5001",
        [
          "AND(ISNUMBER($A2),IF(ISNUMBER($K2),$K2,TODAY())-IF(ISNUMBER($B2),$B2,$A2)>70,OR(IF(ISNUMBER($K2),$K2,TODAY())<DATE(2020,4,1),IF(ISNUMBER($K2),$K2,TODAY())>DATE(2022,9,30)))",
        ],
      ],
    ]);
    expect(o.cells["Sessions!A1"]).toBe("Date worked");
    expect(o.cells["Sessions!M2"]).toBe(
      '=IF(Sessions[[#This Row],[Date worked]]="","",LOCUM.FORMA(Sessions[[#This Row],[Date worked]],Sessions[[#This Row],[Date paid]],Sessions[[#This Row],[Practice code]],Sessions[[#This Row],[Practice]],Sessions[[#This Row],[Invoice]],Sessions[[#This Row],[Last day]],Sessions[[#This Row],[Work type]],Sessions[[#This Row],[Engaged via]],Sessions[[#This Row],[Date submitted]]))',
    );
    expect(o.cells["Monthly!A5"]).toBe("=LOCUM.MONTHLY(Sessions[[#All],[Date worked]:[Notes]],'Locum details'!$A$1:$B$40)");
    expect(o.cells["Year end!A4"]).toMatch(/^=LOCUM\.YEAREND\(Sessions\[\[Date worked\]:\[Last day\]\],Sessions\[Pensionable pay\],Monthly!\$A\$5:\$K\$405,/);
    expect(o.cells["Locum details!A13"]).toBe("Tier rate");
    expect(o.cells["Tables in force!I5"]).toBe("=LOCUM.TABLE(B5)");
    expect(o.cells["Sessions!A2 format"]).toBe("dd/mm/yyyy");
    expect(o.cells["Sessions!E2 format"]).toBe("£#,##0.00");
  });

  test("the spills are dynamic arrays and the formula columns calculated columns, as Excel saves them", async () => {
    const zip = await JSZip.loadAsync(readFileSync(file));
    const monthly = await zip.file("xl/worksheets/sheet4.xml")!.async("string");
    expect(monthly).toMatch(/<c r="A5"[^>]* cm="1"><f t="array" ref="A5">LOCUM\.MONTHLY\(/);
    expect(await zip.file("xl/metadata.xml")!.async("string")).toContain('<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>');
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain(
      '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>',
    );
    expect(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).toContain(
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"',
    );
    const table = await zip.file("xl/tables/table1.xml")!.async("string");
    expect(table).toContain(
      '<tableColumn id="14" name="Pensionable pay" totalsRowFunction="none"><calculatedColumnFormula>IF(Sessions[[#This Row],[Fee]]=&quot;&quot;,&quot;&quot;,ROUND(Sessions[[#This Row],[Fee]]*0.9,3))</calculatedColumnFormula></tableColumn>',
    );
    // Excel recalculates on opening: the file carries no results for the LOCUM formulas.
    expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  test("a file that exists is never touched: one line, exit 2, the file unchanged", async () => {
    const before = readFileSync(file);
    const again = await run(["template", file]);
    expect([again.code, again.out]).toEqual([2, ""]);
    expect(again.err).toBe(`locum template: ${file} already exists: nothing was written (the template never replaces a file; give a new name)`);
    expect(readFileSync(file).equals(before)).toBe(true);
    const mine = join(dir, "notes.xlsx");
    writeFileSync(mine, "my own file");
    expect((await run(["template", mine])).code).toBe(2);
    expect(readFileSync(mine, "utf8")).toBe("my own file");
    expect(readdirSync(dir).sort()).toEqual(["my 2025-26.xlsx", "notes.xlsx"]);
  });

  test("bad usage: one line, exit 2, nothing written", async () => {
    const d = tmp();
    const cases: [string[], string][] = [
      [["template"], "locum template: give the name of the new workbook (.xlsx), e.g. locum template my-2025-26.xlsx"],
      [["template", join(d, "a.xls")], `locum template: ${join(d, "a.xls")}: the template is an .xlsx workbook: give a name ending in .xlsx`],
      [["template", join(d, "a.xlsx"), join(d, "b.xlsx")], `locum template: one workbook only (got ${join(d, "a.xlsx")}, ${join(d, "b.xlsx")})`],
      [["template", join(d, "a.xlsx"), "--rows", "0"], 'locum template: --rows must be a whole number from 1 to 5000, not "0"'],
      [["template", join(d, "a.xlsx"), "--rows", "2.5"], 'locum template: --rows must be a whole number from 1 to 5000, not "2.5"'],
      [
        ["template", join(d, "a.xlsx"), "--out", "x"],
        "locum template: unknown option --out for template (its options: --rows, --help; try locum template --help)",
      ],
      [
        ["template", join(d, "no such folder", "a.xlsx")],
        `locum template: there is no folder ${join(d, "no such folder")}: make it first (nothing was written)`,
      ],
    ];
    for (const [args, message] of cases) {
      const x = await run(args);
      expect([x.code, x.out, x.err]).toEqual([2, "", message]);
    }
    expect(readdirSync(d)).toEqual([]);
  });

  test("--rows sets the table's empty rows; --help and locum --help describe the command", async () => {
    const d = tmp();
    expect((await run(["template", join(d, "t.xlsx"), "--rows", "3"])).code).toBe(0);
    expect(openpyxl(join(d, "t.xlsx")).tables).toEqual({ Sessions: "A1:N4" });
    const help = await run(["template", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: locum template <new-workbook\.xlsx> \[--rows N\]/);
    expect((await run(["--help"])).out).toContain("usage: locum template <new-workbook.xlsx>");
    expect(HINT).toBe("usage: locum <contrib|forms|template|yearend|demo> ...; locum --help for more");
  });

  // exceljs 4.4 cannot read a table with calculated columns (exceljs issue #1240: "Cannot set
  // properties of undefined (setting 'filterButton')"), and Excel saves the template so; the
  // project's own reader (src/cli/files/xlsx.ts, docs/reader.md) reads it as written.
  test("locum forms reads the template as written (with calculated columns): its empty rows are no sessions", async () => {
    const f = await forms(file, join(tmp(), "out"));
    expect(f.err).not.toMatch(/cannot read/);
    expect(f.out).toContain('Read the sessions from sheet "Sessions" (table Sessions); the Locum details from sheet "Locum details".');
    // Nothing filled in yet: the details are missing and the table has no session (its help beside it is not named).
    expect(f.err).toMatch(/^Error: Sessions row 1: no sessions below the header row/m);
    expect(f.err).not.toMatch(/beside the table/);
  });
});

describe("the template read by the project's own reader", () => {
  const plan = planTemplate({ sheets: [] });

  test("filled (no spare rows, no calculated columns): the forms of those rows, every month written", async () => {
    const d = tmp();
    const t = fillTemplate(yearTemplate(plan, { rules: DEFAULT_RULES, rows: 1 }), { sessions: YEAR_ROWS.slice(0, 8), details: YEAR_DETAILS });
    writeFileSync(join(d, "t.xlsx"), await templateBytes(t, { calculatedColumns: false }));
    expect(openpyxl(join(d, "t.xlsx")).tables).toEqual({ Sessions: "A1:N9" });
    const f = await forms(join(d, "t.xlsx"), join(d, "out"));
    expect(f.err).not.toMatch(/^Error/m);
    expect(f.code).toBe(0);
    expect(f.out).toMatch(
      /April 2025 +12345678LOCAPR(20)?25 +2 Forms A +pensionable £495\.14 +employee £48\.52 +employer £71\.21 +to pay £119\.73 by 07\/05\/2025/,
    );
    expect(f.out).toMatch(
      /May 2025 +12345678LOCMAY(20)?25 +2 Forms A +pensionable £765\.14 +employee £74\.98 +employer £110\.03 +to pay £185\.01 by 07\/06\/2025/,
    );
  });

  // A formula giving "" is saved as <v></v> (by Excel too); exceljs read that as no result at all,
  // so each empty row's Form A and Pensionable pay cells read as "=IF(…)". The reader keeps "".
  test('the empty rows of a template saved with formula results "" are read as empty', async () => {
    const d = tmp();
    const t = fillTemplate(yearTemplate(plan, { rules: DEFAULT_RULES, rows: 10 }), { sessions: YEAR_ROWS.slice(0, 4), details: YEAR_DETAILS });
    writeFileSync(join(d, "t.xlsx"), await templateBytes(t, { calculatedColumns: false }));
    const f = await forms(join(d, "t.xlsx"), join(d, "out"));
    expect(f.err).not.toMatch(/^Error/m);
  });

  test("the details sheet's messages name its own cells", async () => {
    const d = tmp();
    const t = fillTemplate(yearTemplate(plan, { rules: DEFAULT_RULES, rows: 1 }), {
      sessions: YEAR_ROWS.slice(0, 1),
      details: { ...YEAR_DETAILS, Surname: "" },
    });
    writeFileSync(join(d, "t.xlsx"), await templateBytes(t, { calculatedColumns: false }));
    const f = await forms(join(d, "t.xlsx"), join(d, "out"));
    expect(f.code).toBe(1);
    expect(f.err.split("\n").filter((l) => l.startsWith("Error"))).toEqual([
      "Error: Locum details row 2, Surname (B2): is empty: fill it in (every form shows it). Not written: every form (fix these first).",
    ]);
  });
});

describe("writeNew: whole or not at all, never over a file", () => {
  test("a name that exists is refused (EEXIST), the file left as it was, no temporary file left", () => {
    const d = tmp();
    const f = join(d, "x.xlsx");
    writeFileSync(f, "theirs");
    expect(() => writeNew(f, new Uint8Array([1, 2, 3]))).toThrow(expect.objectContaining({ code: "EEXIST" }));
    expect(readFileSync(f, "utf8")).toBe("theirs");
    expect(readdirSync(d)).toEqual(["x.xlsx"]);
    writeNew(join(d, "y.xlsx"), new Uint8Array([1, 2, 3]));
    expect([...readFileSync(join(d, "y.xlsx"))]).toEqual([1, 2, 3]);
    expect(readdirSync(d).sort()).toEqual(["x.xlsx", "y.xlsx"]);
    expect(existsSync(join(d, "y.xlsx"))).toBe(true);
  });
});
