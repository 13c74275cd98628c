// Issue 16: appraisal work a new user writes as "NHS England (appraisal)" with no Work type is
// appraisal work, and its Form A says so ("Work: Appraisal (NHS England)"; in Wales, for the Local
// Health Board), with one warning saying why the rows were read so. One appraisal fee still pensions
// at most three days (§4), however the rows were recognised.
import { execFileSync } from "child_process";
import { prepareForms, type PreparedForms } from "../../src/forms";
import { renderPdfs } from "../../src/pdf";
import { dayFromYmd } from "../../src/rules";
import { details, fontBytes, HEADER, row, serial } from "../support/forms";

const today = dayFromYmd(2025, 7, 3);
const run = (rows: unknown[][], det = details({ "Tier rate": "9.8%" })) => prepareForms(rows, det, { today });
const kinds = (p: PreparedForms, kind: string) => p.messages.filter((m) => m.kind === kind);
const errors = (p: PreparedForms) => p.messages.filter((m) => m.level === "error");
const formsA = (p: PreparedForms) => p.months.flatMap((m) => m.formsA);
const squeeze = (t: string) => t.replace(/\s+/g, " ");
const pdfText = (bytes: Uint8Array) => execFileSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(bytes) }).toString();
const formAText = async (p: PreparedForms) => squeeze(pdfText((await renderPdfs(p, fontBytes())).find((f) => f.kind === "form-a")!.bytes));

// One appraisal day at £500, paid 30/06/2025, sent 02/07/2025.
const appraisal = (d: number, over: Parameters<typeof row>[0] | object = {}) =>
  row({
    worked: serial(2025, 6, d),
    practice: "NHS England (appraisal)",
    code: "Y63",
    fee: 500,
    paid: serial(2025, 6, 30),
    submitted: serial(2025, 7, 2),
    ...over,
  });

describe("appraisal work named in the practice name, with no Work type", () => {
  test("is read as appraisal: its Form A says Work: Appraisal (NHS England), and one warning says why", async () => {
    const p = run([HEADER, appraisal(10, { invoice: "AP-1" }), appraisal(24, { invoice: "AP-2" })]);
    expect(errors(p)).toEqual([]);
    expect(formsA(p).map((a) => [a.invoice, a.appraisal])).toEqual([
      ["AP-1", true],
      ["AP-2", true],
    ]);
    const said = kinds(p, "appraisal by name");
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ level: "warning", row: 2, field: "Practice", cell: "B2" });
    expect(said[0].text).toBe(
      'rows 2, 3 are read as appraisal work, as their practice name ("NHS England (appraisal)") says: their Forms A say the work is appraisal, for NHS England (in Wales the Local Health Board), and one appraisal fee pensions at most three days; if it is practice work, write "practice" in Work type',
    );
    const text = await formAText(p);
    expect(text).toMatch(/Invoice Work Date paid to the locum AP-1 Appraisal \(NHS England\) 30\/06\/2025/);
    expect(text).not.toContain("GP practice sessions");
    expect(text).toContain("To be completed by NHS England's authorised signatory");
    expect(text).toContain("Dates worked for NHS England for this payment");
  });

  test("in Wales the Form A says appraisal for the Local Health Board", async () => {
    const p = run(
      [HEADER, appraisal(10, { practice: "Cardiff and Vale UHB - appraisal", code: "7A4" })],
      details({ "Tier rate": "9.8%", Country: "Wales", "Host LHB ref": "LHB-123" }),
    );
    expect(errors(p)).toEqual([]);
    const text = await formAText(p);
    expect(text).toContain("Appraisal for the Local Health Board");
    expect(text).toContain("To be completed by the Local Health Board's authorised signatory");
    expect(text).not.toContain("Appraisal (NHS England)");
    expect(text).not.toContain("Dates worked for NHS England");
  });

  test("a Session of Appraisal says it too; a Work type of practice settles it; a note does not", () => {
    const head = ["Date worked", "Session", "Practice", "Practice code", "Fee", "Date paid", "Work type", "Notes"];
    const r = (session: string, type: string, notes = "") => [serial(2025, 6, 10), session, "NHS England", "Y63", 500, serial(2025, 6, 30), type, notes];
    const session = run([head, r("Appraisal", "")]);
    expect(formsA(session)[0].appraisal).toBe(true);
    expect(kinds(session, "appraisal by name")[0]).toMatchObject({ field: "Session", cell: "B2" });
    expect(kinds(session, "appraisal by name")[0].text).toMatch(/^row 2 is read as appraisal work, as its session \("Appraisal"\) says: its Form A says/);
    const practice = run([head, r("Appraisal", "practice")]);
    expect([formsA(practice)[0].appraisal, kinds(practice, "appraisal by name")]).toEqual([false, []]);
    // "Dr Patel at her appraisal" is why a locum was needed, not the work done.
    const note = run([head, r("Full day", "", "covering Dr Patel at her appraisal")]);
    expect([formsA(note)[0].appraisal, kinds(note, "appraisal by name")]).toEqual([false, []]);
  });
});

describe("a Work type saying appraisal", () => {
  test.each(["Appraisal", "NHS England appraisal", "GP appraisal (NHSE)", "appraiser"])("%s is appraisal work, with no warning", (type) => {
    const p = run([HEADER, appraisal(10, { practice: "NHS England", type })]);
    expect(p.messages.filter((m) => m.kind === "appraisal by name" || m.kind === "workType")).toEqual([]);
    expect(formsA(p)[0].appraisal).toBe(true);
  });
});

describe("one appraisal fee pensions at most three days (§4), however the rows were recognised", () => {
  test("four days in a row under NHS England (appraisal), no invoice: an error on each row; three: none", () => {
    const four = run([HEADER, ...[9, 10, 11, 12].map((d) => appraisal(d))]);
    expect(errors(four).map((e) => [e.row, e.kind])).toEqual([
      [2, "appraisal days"],
      [3, "appraisal days"],
      [4, "appraisal days"],
      [5, "appraisal days"],
    ]);
    expect(errors(four)[0].text).toMatch(/^the appraisal from 09\/06\/2025 to 12\/06\/2025 \(rows 2 to 5\) counts 4 days/);
    expect(errors(run([HEADER, ...[9, 10, 11].map((d) => appraisal(d))]))).toEqual([]);
  });
});
