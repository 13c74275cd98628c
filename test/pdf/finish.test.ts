// Finish of the PDFs: the Form B column that holds practice codes says so, long practice names are
// read whole, the footers name where a locum in England or Wales sends the forms, the entry sheet
// says when the tier table is provisional, and the command survives a reader that stops early.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { prepareForms, type OutputFile, type PreparedForms } from "../../src/forms";
import { renderPdfs } from "../../src/pdf";
import { advances, fitLines } from "../../src/pdf/layout";
import { buildRuleSet, dayFromYmd, upliftCpi } from "../../src/rules";
import { details, fontBytes, HEADER, row, serial } from "../support/forms";
import { pdfInfo, pdfText, squeeze } from "../support/pdf";
import { tempDir } from "../support/tempDir";

const fileOf = (files: OutputFile[], re: RegExp) => {
  const f = files.find((x) => re.test(x.name));
  if (!f) throw new Error(`no file matching ${re}: ${files.map((x) => x.name).join(", ")}`);
  return f;
};
/** pdftotext in reading order, every run of white space one space: a name wrapped on two lines reads whole. */
const flat = (bytes: Uint8Array) => pdfText(bytes, false).replace(/\s+/g, " ");

// 103 characters: longer than Form B's column holds on one line at any legible size.
const LONG = "The Riverside and Castle Street Family Medical Practice Partnership incorporating Old Mill Lane Surgery";

async function make(
  country: "England" | "Wales",
  year: 2025 | 2026 | 2027,
  practice = "Riverside Medical Centre",
): Promise<{ p: PreparedForms; files: OutputFile[] }> {
  // 2027/28 has no table but the one projected from a September CPI (here 3.0 %, as --cpi gives it).
  const rules = year === 2027 ? buildRuleSet({ tiers: [], employer: [], cpi: upliftCpi("3.0%", "--cpi") }) : undefined;
  const rows = [
    HEADER,
    row({ worked: serial(year, 4, 1), practice, code: "Y02345", fee: 100, paid: serial(year, 4, 20), invoice: "INV-1" }),
    row({ worked: serial(year, 4, 2), practice: "Castle Street Surgery", code: "B86021", fee: 120, paid: serial(year, 4, 25), invoice: "CS-9" }),
  ];
  const over = { "Tier rate": "9.8%", Country: country, ...(country === "Wales" ? { "Host LHB ref": "LHB-123" } : {}) };
  const p = prepareForms(rows, details(over), { today: dayFromYmd(year, 5, 1), rules });
  return { p, files: await renderPdfs(p, fontBytes()) };
}

describe("Form B's table of Forms A (and the entry sheet's) heads the code column as the practice code", () => {
  let files: OutputFile[];
  beforeAll(async () => ({ files } = await make("England", 2025)));

  test("Form B: 'Practice code (ODS / EA)' over the codes, no 'EA code' heading", () => {
    const t = squeeze(pdfText(fileOf(files, /FormB\.pdf$/).bytes));
    const head = t.split("\n").findIndex((l) => l.includes("Name of surgery / practice"));
    expect(head).toBeGreaterThan(0);
    expect(t.split("\n")[head]).toMatch(/^ ?Practice code Name of surgery/);
    expect(t.split("\n")[head + 1]).toMatch(/^ ?\(ODS \/ EA\)/);
    expect(t).not.toMatch(/EA code/); // the locum's own EA box reads "(EA) code"
    expect(t).toMatch(/Y02345 Riverside Medical Centre 01\/04\/2025/);
  });

  test("entry sheet: the Forms A table starts 'Practice code', the locum's 'EA code of PCSE / LHB' stays", () => {
    const t = squeeze(pdfText(fileOf(files, /entry-sheet/).bytes));
    const head = t.split("\n").find((l) => l.includes("First day"))!;
    expect(head).toMatch(/^ ?Practice Practice \/ NHS England \/ LHB First day/);
    expect(head).not.toContain("EA code");
    expect(t).toContain("EA code of PCSE / LHB Q99");
  });
});

describe("a long practice name is read whole, not cut with '…'", () => {
  let files: OutputFile[];
  beforeAll(async () => ({ files } = await make("England", 2025, LONG)));

  test.each([
    ["Form B", /FormB\.pdf$/],
    ["Form A", /FormA-01-/],
    ["the entry sheet", /entry-sheet/],
    ["the pack", /pack/],
  ])("%s", (_, re) => {
    const t = flat(fileOf(files, re).bytes);
    expect(t).toContain(LONG);
    expect(t).not.toContain("…");
  });

  test("Form A's practice box holds a name too long even for one shrunk line: two lines", () => {
    const layout = pdfText(fileOf(files, /FormA-01-/).bytes);
    expect(layout).not.toContain(LONG); // not on one line
    expect(layout).toMatch(/The Riverside and Castle Street Family Medical Practice Partnership incorporating Old Mill Lane\s*\n\s*Surgery/);
  });

  test("a name longer than Form B prints whole (132 characters) is refused, naming its cell, not cut", async () => {
    const longer = `${LONG}, Upper Mill Road Branch Site`;
    const { p, files: more } = await make("England", 2025, longer);
    expect(p.messages.filter((m) => m.level === "error").map((m) => `${m.cell}: ${m.text}`)).toEqual([
      "B2: is 132 characters long; the forms print at most 110: shorten it",
    ]);
    expect(more.some((f) => /FormB/.test(f.name))).toBe(false);
  });

  test("Form B: the wrapped name stays on its line of the table, the row's figures with it", () => {
    const t = flat(fileOf(files, /FormB\.pdf$/).bytes);
    expect(t).toContain(`${LONG} 01/04/2025 01/04/2025 20/04/2025`);
    expect(t).toMatch(/Castle Street Surgery 02\/04\/2025/);
  });

  test("fitLines: one line when it fits, two smaller lines when not, '…' only past the floor", async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const o = { size: 6, floor: 5 };
    expect(fitLines("Castle Street Surgery", advances(font), 8, 155, o)).toEqual({ lines: ["Castle Street Surgery"], size: 8 });
    const two = fitLines(LONG, advances(font), 8, 155, o);
    expect(two.lines).toHaveLength(2);
    expect(two.lines.join(" ")).toBe(LONG);
    expect(two.size).toBeLessThanOrEqual(6);
    expect(two.size).toBeGreaterThanOrEqual(5);
    for (const l of two.lines) expect(font.widthOfTextAtSize(l, two.size)).toBeLessThanOrEqual(155);
    const cut = fitLines(`${LONG} ${LONG} ${LONG}`, advances(font), 8, 155, o);
    expect(cut.size).toBe(5);
    expect(cut.lines).toHaveLength(2);
    expect(cut.lines[1].endsWith("…")).toBe(true);
    for (const l of cut.lines) expect(font.widthOfTextAtSize(l, 5)).toBeLessThanOrEqual(155);
  });
});

describe("where the forms go: PCSE in England, the Local Health Board in Wales", () => {
  let england: OutputFile[];
  let wales: OutputFile[];
  beforeAll(async () => {
    ({ files: england } = await make("England", 2025));
    ({ files: wales } = await make("Wales", 2025));
  });

  test("England: Form B and Form A say PCSE only", () => {
    const b = flat(fileOf(england, /FormB\.pdf$/).bytes);
    expect(b).toContain("quoting 12345678LOCAPR2025, to PCSE to arrive by 07/05/2025");
    const a = flat(fileOf(england, /FormA-01-/).bytes);
    expect(a).toContain("by 07/05/2025 to PCSE.");
    for (const t of [a, b]) expect(t).not.toMatch(/Local Health Board \(Wales\)|PCSE \(England\)/);
  });

  test("Wales: Form B and Form A say your Local Health Board only", () => {
    const b = flat(fileOf(wales, /FormB\.pdf$/).bytes);
    expect(b).toContain("quoting 12345678LOCAPR2025, to your Local Health Board to arrive by 07/05/2025");
    expect(b).toContain("LHB-123");
    const a = flat(fileOf(wales, /FormA-01-/).bytes);
    expect(a).toContain("by 07/05/2025 to your Local Health Board.");
    for (const t of [a, b]) expect(t).not.toMatch(/to PCSE|PCSE \(England\)|\(Wales\)/);
  });

  test("Wales: no PCSE Online entry sheet; the Forms, Form B and the pack are still made", () => {
    expect(england.map((f) => f.kind)).toEqual(["form-b", "form-a", "form-a", "pack", "entry-sheet"]);
    expect(wales.map((f) => f.kind)).toEqual(["form-b", "form-a", "form-a", "pack"]);
    expect(wales.map((f) => f.name)).toEqual(england.filter((f) => f.kind !== "entry-sheet").map((f) => f.name));
  });
});

describe("the entry sheet says when the tier table is provisional", () => {
  test("2027/28 (a table projected from a CPI): a line says so and asks to re-make the month's forms; the employer rate's own year", async () => {
    const { p, files } = await make("England", 2027);
    expect(p.months[0].formB!.tier.provisional).toBe(true);
    const t = flat(fileOf(files, /entry-sheet/).bytes);
    expect(t).toContain(
      "Projected: the 2027/28 tier table is projected from the September CPI you gave, not yet published; re-make this month's forms when it is published.",
    );
    expect(t).toContain(`Table used: ${p.months[0].formB!.tier.tableLabel}.`);
    expect(t).toContain("Also, the 2027/28 employer rate (box h) is expected but not yet confirmed.");
    expect(t).toContain("Tiered contribution rate 9.8% (tier 4, tier rate given, projected table)");
    // said before the values to type
    expect(t.indexOf("Projected:")).toBeLessThan(t.indexOf("1. Your details"));
  });

  test("2026/27 (published table): no such line", async () => {
    const { files } = await make("England", 2026);
    expect(flat(fileOf(files, /entry-sheet/).bytes)).not.toMatch(/provisional|projected/i);
  });

  test("2025/26 (confirmed table): no such line", async () => {
    const { files } = await make("England", 2025);
    const t = flat(fileOf(files, /entry-sheet/).bytes);
    expect(t).not.toMatch(/provisional/i);
    expect(t).toContain("Tiered contribution rate 9.8% (tier 4, tier rate given)");
  });
});

describe("the PDFs stay deterministic and small", () => {
  test("Wales, long names, a projected year: the same rows give the same bytes; each form under 60 KB", async () => {
    const [one, two] = [await make("Wales", 2027, LONG), await make("Wales", 2027, LONG)];
    expect(two.files.map((f) => f.name)).toEqual(one.files.map((f) => f.name));
    one.files.forEach((f, i) => expect(Buffer.from(f.bytes).equals(Buffer.from(two.files[i].bytes))).toBe(true));
    for (const f of one.files) {
      expect(pdfInfo(f.bytes)).not.toMatch(/Syntax Error|FAILED/);
      if (f.kind === "form-a" || f.kind === "form-b") expect(f.bytes.length).toBeLessThan(60_000);
    }
  });
});

describe("bin/locum.js when the reader of its output stops early (`| head -3`)", () => {
  beforeAll(() => execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { stdio: "pipe" }), 120_000);

  /** Run `locum forms` on the example with stdout closed at once or after its first chunk. */
  function run(when: "at once" | "after the first chunk"): Promise<{ code: number | null; stderr: string; out: string }> {
    const out = tempDir("locum-epipe-");
    return new Promise((resolve, reject) => {
      const child = spawn("node", ["bin/locum.js", "forms", "examples/locum-2025-26.xlsx", "--out", out], { stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      if (when === "at once") child.stdout.destroy();
      else child.stdout.once("data", () => child.stdout.destroy());
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr, out }));
    });
  }

  test.each(["at once", "after the first chunk"] as const)("stdout closed %s: no EPIPE, no stack trace, exit 0, every PDF written", async (when) => {
    const r = await run(when);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(r.code).toBe(0);
    expect(readdirSync(r.out).length).toBeGreaterThan(0);
    const pdfs = readdirSync(r.out).flatMap((m) => readdirSync(join(r.out, m)));
    expect(pdfs.filter((n) => n.endsWith("FormB.pdf")).length).toBe(readdirSync(r.out).length);
  });
});
