// locum forms --json: the run's Forms A and B as one JSON document, valid against the schema kept in
// docs/schema, whose figures are the PDFs' (read back with pdftotext from the same run's files).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import ExcelJS from "exceljs";
import { formsCommand } from "../../src/cli/commands/forms";
import { FORMS_SCHEMA_ID, FORMS_SCHEMA_VERSION, type FormsDocument } from "../../src/forms";
import { pdfText, squeeze } from "../support/pdf";
import { tempDir } from "../support/tempDir";

const SAMPLE = join(__dirname, "..", "..", "examples", "locum-2025-26.xlsx");
const schema = JSON.parse(readFileSync(join(__dirname, "..", "..", "docs", "schema", "locum-forms.schema.json"), "utf8"));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await formsCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

/** "1822.50" → "£1,822.50", as the PDFs print money. */
const pounds = (s: string) => `£${Number(s).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const uk = (iso: string) => iso.split("-").reverse().join("/");

describe("the sample year (examples/locum-2025-26.xlsx) as judged on 30/04/2026", () => {
  const dir = tempDir("forms-json-");
  let r: Awaited<ReturnType<typeof run>>;
  let doc: FormsDocument;
  beforeAll(async () => {
    r = await run([SAMPLE, "--out", dir, "--today", "2026-04-30", "--json"]);
    doc = JSON.parse(r.out.join("\n"));
  });

  test("stdout holds the one document and nothing else; the summary goes to stderr; the PDFs are written", () => {
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.err.join("\n")).toContain("74 PDFs written to");
    expect(r.err.join("\n")).toContain("0 errors, 1 warning");
  });

  test("it validates against docs/schema/locum-forms.schema.json, and says which version it follows", () => {
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect([doc.$schema, doc.schemaVersion, schema.$id]).toEqual([FORMS_SCHEMA_ID, FORMS_SCHEMA_VERSION, FORMS_SCHEMA_ID]);
    expect(FORMS_SCHEMA_ID).toContain(FORMS_SCHEMA_VERSION);
  });

  test("the figures of December 2025 (the demo's line): boxes a, b, g, h, i, j, tier, due date, UPR", () => {
    const dec = doc.months.find((m) => m.month === "2025-12")!;
    expect(dec).toMatchObject({ upr: "12345678LOCDEC2025", schemeYear: "2025/26", status: "made", dueDate: "2026-01-07" });
    expect(dec.formB!.boxes).toEqual({ a: "1822.50", b: "195.01", c: null, d: null, e: null, f: null, g: "195.01", h: "262.08", i: "457.09", j: "14175.00" });
    expect(dec.formB!.tier).toMatchObject({ tier: 5, rate: "0.107", basis: "annualised rows" });
    // Box a is the sum of the Forms A's box 2, box h of their box 3 (worked here from the Forms A listed).
    const sum = (k: "2" | "3") => dec.formsA.reduce((t, f) => t + Math.round(Number(f.boxes[k]) * 100), 0) / 100;
    expect([sum("2").toFixed(2), sum("3").toFixed(2)]).toEqual(["1822.50", "262.08"]);
    expect(dec.formsA.map((f) => [f.practiceCode, f.boxes["2"], f.boxes["3"]])).toEqual([
      ["B86021", "283.50", "40.77"],
      ["Y02345", "792.00", "113.89"],
      ["B87013", "297.00", "42.71"],
      ["Y63", "450.00", "64.71"],
    ]);
  });

  test("box j adds up box a month by month through the scheme year", () => {
    let total = 0;
    for (const m of doc.months.filter((x) => x.schemeYear === "2025/26")) {
      total += Math.round(Number(m.formB!.boxes.a) * 100);
      expect([m.month, m.formB!.boxes.j]).toEqual([m.month, (total / 100).toFixed(2)]);
    }
  });

  test("every Form B's boxes, UPR, tier and due date are the PDF's", () => {
    expect(doc.months.length).toBeGreaterThan(0);
    for (const m of doc.months) {
      const b = m.formB!;
      const t = squeeze(pdfText(readFileSync(join(dir, b.pdf))));
      for (const box of ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"] as const) {
        const line = new RegExp(`^ ?${box} (.*)$`, "m").exec(t)?.[1] ?? "";
        const printed = / (£[\d,]+\.\d\d)$/.exec(line)?.[1] ?? null;
        expect([b.pdf, box, printed]).toEqual([b.pdf, box, b.boxes[box] === null ? null : pounds(b.boxes[box]!)]);
      }
      expect(t).toContain(b.upr);
      expect(t).toContain(`(a × ${(Number(b.tier.rate) * 100).toFixed(1).replace(/\.0$/, "")}%`);
      expect(t).toContain(`arrive by ${uk(b.dueDate)}`);
    }
  });

  test("every Form A's boxes 1 to 3, UPR and periods are the PDF's", () => {
    const formsA = doc.months.flatMap((m) => m.formsA);
    expect(formsA).toHaveLength(doc.months.reduce((t, m) => t + m.formsA.length, 0));
    for (const f of formsA) {
      const t = squeeze(pdfText(readFileSync(join(dir, f.pdf))));
      for (const box of ["1", "2", "3"] as const) {
        const printed = new RegExp(`^ ?Box ${box} .* (£[\\d,]+\\.\\d\\d)$`, "m").exec(t)?.[1];
        expect([f.pdf, box, printed]).toEqual([f.pdf, box, pounds(f.boxes[box])]);
      }
      expect(t).toContain(f.upr);
      for (const p of f.periods) expect(t).toContain(uk(p.from));
    }
  });

  test("the findings: the one warning, placed as Excel shows it (2026/27's employer rate is published: no provisional warning)", () => {
    expect(doc.findings.map((f) => [f.level, f.kind, f.place])).toEqual([["warning", expect.any(String), "Locum details row 12, Tier rate (B12)"]]);
    expect([doc.errors, doc.warnings, doc.complete]).toEqual([0, 1, true]);
  });
});

test("--month: the document holds that month only", async () => {
  const r = await run([SAMPLE, "--out", tempDir("forms-json-"), "--today", "2026-04-30", "--month", "2025-12", "--json"]);
  const doc = JSON.parse(r.out.join("\n")) as FormsDocument;
  expect(r.code).toBe(0);
  expect(doc.months.map((m) => m.month)).toEqual(["2025-12"]);
  expect(validate(doc) ? [] : validate.errors).toEqual([]);
});

test("an error stops a month, and the scheme year's later months (box j adds up through it): status stopped, no Form B, the error names them", async () => {
  const dir = tempDir("forms-json-");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  wb.getWorksheet("Sessions")!.getCell("E2").value = "abc"; // row 2's Fee: paid 14/05/2025
  const file = join(dir, "bad.xlsx");
  await wb.xlsx.writeFile(file);
  const r = await run([file, "--out", join(dir, "out"), "--today", "2026-04-30", "--json"]);
  const doc = JSON.parse(r.out.join("\n")) as FormsDocument;
  expect(r.code).toBe(1);
  expect(r.out).toHaveLength(1);
  expect(validate(doc) ? [] : validate.errors).toEqual([]);
  // May 2025 is the sample's first month: every Form B of the year stops with it (box j, the tier);
  // the Forms A other than row 2's are made, and the document lists those, as written.
  expect(doc.months.map((m) => [m.status, m.formB])).toEqual(Array(11).fill(["stopped", null]));
  const formsA = doc.months.flatMap((m) => m.formsA);
  expect(formsA.filter((f) => f.source.rows.includes(2))).toEqual([]);
  expect(formsA.length).toBeGreaterThan(30);
  for (const f of formsA) expect(existsSync(join(dir, "out", f.pdf))).toBe(true);
  const fee = doc.findings.find((f) => f.level === "error")!;
  expect(fee).toMatchObject({ sheet: "Sessions", row: 2, field: "Fee", cell: "E2", months: doc.months.map((m) => m.month) });
  expect(fee.months[0]).toBe("2025-05");
  expect(fee.stops).toContain("Form B May 2025 and its pack");
  expect([doc.errors, doc.complete]).toEqual([1, false]);
});

test("bad input with --json: one line on stderr, nothing on stdout", async () => {
  const r = await run([join(tempDir("forms-json-"), "missing.xlsx"), "--json"]);
  expect(r.code).toBe(2);
  expect(r.out).toEqual([]);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(/^locum forms: .*missing\.xlsx/);
});
