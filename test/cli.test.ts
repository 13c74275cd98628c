// The command line: the same engine, plain and --json output, exit 2 with one line on bad input.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli";

async function locum(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err };
}

test("--json prints exactly one JSON object with money as 2-decimal strings and ISO dates", async () => {
  const r = await locum("contrib", "115000", "2022-04-01", "2023-03-31", "--json");
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out);
  expect(j).toMatchObject({ total: "16101.57", annualised: "115000.00", provisional: false });
  expect(j.parts).toEqual([
    { start: "2022-04-01", end: "2022-09-30", days: 183, earnings: "57657.53", annualised: "115000.00", tier: 7, rate: "0.145", contribution: "8360.34", table: "2015/16 to 2022/23 (to 30 Sep 2022)", status: "confirmed" },
    { start: "2022-10-01", end: "2023-03-31", days: 182, earnings: "57342.47", annualised: "115000.00", tier: 11, rate: "0.135", contribution: "7741.23", table: "2022/23 (from 1 Oct 2022)", status: "confirmed" },
  ]);
});

test("plain output: a readable breakdown in £ and dd/mm/yyyy, and the total", async () => {
  const r = await locum("contrib", "9905.66", "01/09/2022", "30/09/2022", "--days", "12");
  expect(r.code).toBe(0);
  expect(r.out).toContain("Earnings £9,905.66 from 01/09/2022 to 30/09/2022, 12 days of service");
  expect(r.out).toMatch(/01\/09\/2022\s+30\/09\/2022\s+30\s+£9,905.66\s+£301,297.16\s+7\s+14.5%\s+£1,436.32/);
  expect(r.out).toContain("Employee contributions: £1,436.32");
});

test("a provisional year says so", async () => {
  const r = await locum("contrib", "3000", "2026-06-01", "2026-06-30");
  expect(r.out).toContain("Provisional: a tier table used here is not yet published");
  const j = JSON.parse((await locum("contrib", "3000", "2026-06-01", "2026-06-30", "--json")).out);
  expect([j.provisional, j.parts[0].status]).toEqual([true, "provisional"]);
});

test("--rules FILE overrides a year and the output reports it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "locum-"));
  const file = join(dir, "rules-2026.json");
  writeFileSync(file, JSON.stringify({ tiers: [{ from: "2026-04-01", to: "2027-03-31", label: "2026/27", bands: [{ upTo: 40000, rate: "5%" }, { upTo: null, rate: 0.1 }] }] }));
  const j = JSON.parse((await locum("contrib", "3000", "2026-06-01", "2026-06-30", "--rules", file, "--json")).out);
  expect([j.total, j.provisional, j.parts[0].table, j.overrides[0]]).toEqual(["150.00", false, "2026/27 (override from rules-2026.json)", "tier table 2026-04-01 to 2027-03-31 from rules-2026.json (confirmed)"]);
  const plain = await locum("contrib", "3000", "2026-06-01", "2026-06-30", "--rules", file);
  expect(plain.out).toContain("Rules override used: tier table 2026-04-01 to 2027-03-31 from rules-2026.json");
  writeFileSync(file, "{ not json");
  const bad = await locum("contrib", "3000", "2026-06-01", "2026-06-30", "--rules", file);
  expect(bad.code).toBe(2);
  expect(bad.err[0]).toMatch(/^locum: --rules: .*rules-2026.json is not valid JSON/);
});

test.each([
  [["contrib", "abc", "2022-04-01", "2023-03-31"], 'locum: earnings must be a number of pounds, not "abc"'],
  [["contrib", "100", "2022-04-01"], "locum: contrib needs <earnings> <start> <end>, got 2 value(s)"],
  [["contrib", "100", "2022-09-30", "2022-09-01"], "locum: end 01/09/2022 is before start 30/09/2022"],
  [["contrib", "100", "2014-09-01", "2014-09-30"], "locum: start 01/09/2014 is before 01/04/2015: the 2015 Scheme tables start then"],
  [["contrib", "100", "2030-09-01", "2030-09-30"], "locum: no tier table covers 01/09/2030: add that year's table (LocumRules sheet or --rules FILE)"],
  [["contrib", "100", "2022-09-01", "2022-09-30", "--days", "0"], "locum: --days must be a whole number of days, at least 1 (got 0)"],
  [["contrib", "100", "2022-09-01", "2022-09-30", "--country", "Scotland"], "locum: --country: Scotland runs its own NHS pension scheme; this tool covers England and Wales only"],
  [["contrib", "100", "2022-09-01", "2022-09-30", "--frobnicate"], "locum: unknown option --frobnicate (try --help)"],
  [["contrib", "100", "2022-09-01", "2022-09-30", "--year-base", "360"], 'locum: option: yearBase must be one of actual, 365, not "360"'],
  [["fly"], 'locum: unknown command "fly" (try: locum --help)'],
])("bad input %j: exit 2 and one line", async (argv, line) => {
  const r = await locum(...argv);
  expect(r.code).toBe(2);
  expect(r.err).toEqual([line]);
  expect(r.out).toBe("");
});

describe("the installed command (bin/locum.js on the compiled build)", () => {
  beforeAll(() => execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { stdio: "pipe" }), 120_000);
  test("npx locum contrib ... --json", () => {
    const r = spawnSync("node", ["bin/locum.js", "contrib", "70000", "2021-04-01", "2022-03-31", "--json"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).total).toBe("8750.00");
  });
  test("bad input: status 2, one line on stderr", () => {
    const r = spawnSync("node", ["bin/locum.js", "contrib", "-5", "2021-04-01", "2022-03-31"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("locum: earnings cannot be negative (-5)\n");
    expect(r.stdout).toBe("");
  });
  test("npm run demo's command, from a fresh folder: the breakdown, then the sample year's PDFs in ./out", () => {
    const dir = mkdtempSync(join(tmpdir(), "locum-demo-"));
    const r = spawnSync("node", [join(process.cwd(), "bin/locum.js"), "demo"], { encoding: "utf8", cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Employee contributions: £10,080.98");
    expect(r.stdout).toMatch(/December 2025\s+12345678LOCDEC25\s+4 Forms A\s+pensionable £1,822.50\s+employee £195.01\s+employer £262.08\s+to pay £457.09 by 07\/01\/2026/);
    expect(r.stdout).toContain("77 PDFs written to out");
    expect(r.stdout).toContain("0 errors, 3 warnings");
    const pdfs = readdirSync(join(dir, "out"), { recursive: true }).filter((f) => String(f).endsWith(".pdf"));
    expect(pdfs).toHaveLength(77);
  }, 60_000);
});

test("--help lists every command; forms --help gives the forms usage", async () => {
  const all = await locum("--help");
  expect(all.code).toBe(0);
  expect(all.out).toMatch(/usage: locum contrib[\s\S]*usage: locum forms <workbook.xlsx>[\s\S]*usage: locum demo/);
  const forms = await locum("forms", "--help");
  expect([forms.code, forms.out.split("\n")[0]]).toEqual([0, "usage: locum forms <workbook.xlsx> [--out DIR] [--sheet NAME] [--rules FILE] [--submitted DATE]"]);
});
