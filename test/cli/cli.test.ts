// The command line: the same engine, plain and --json output, exit 2 with one line on bad input.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli";
import { tempDir } from "../support/tempDir";

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
    {
      start: "2022-04-01",
      end: "2022-09-30",
      days: 183,
      earnings: "57657.53",
      annualised: "115000.00",
      tier: 7,
      rate: "0.145",
      contribution: "8360.34",
      table: "2015/16 to 2022/23 (to 30 Sep 2022)",
      status: "confirmed",
    },
    {
      start: "2022-10-01",
      end: "2023-03-31",
      days: 182,
      earnings: "57342.47",
      annualised: "115000.00",
      tier: 11,
      rate: "0.135",
      contribution: "7741.23",
      table: "2022/23 (from 1 Oct 2022)",
      status: "confirmed",
    },
  ]);
});

test("plain output: a readable breakdown in £ and dd/mm/yyyy, and the total", async () => {
  const r = await locum("contrib", "9905.66", "01/09/2022", "30/09/2022", "--days", "12");
  expect(r.code).toBe(0);
  expect(r.out).toContain("Earnings £9,905.66 from 01/09/2022 to 30/09/2022, 12 days of service");
  expect(r.out).toMatch(/01\/09\/2022\s+30\/09\/2022\s+30\s+£9,905.66\s+£301,297.15\s+7\s+14.5%\s+£1,436.32/);
  expect(r.out).toContain("Employee contributions: £1,436.32");
});

test("the annualised figure is shown truncated to the penny, never rounded up past the tier's whole pounds", async () => {
  // £1,180.59 over 28 days of 2015/16 (366 days) annualises to £15,431.9979: tier 1 (up to £15,431).
  const r = await locum("contrib", "1180.59", "2015-04-01", "2015-07-29", "--days", "28");
  expect(r.out).toMatch(/£1,180.59\s+£15,431.99\s+1\s+5%\s+£59.03/);
  expect(r.out).not.toContain("£15,432.00");
  const j = JSON.parse((await locum("contrib", "1180.59", "2015-04-01", "2015-07-29", "--days", "28", "--json")).out);
  expect([j.annualised, j.parts[0].annualised, j.parts[0].tier, j.parts[0].rate]).toEqual(["15431.99", "15431.99", 1, "0.05"]);
});

test("settings: always in --json; a line in the text only when one is not the default", async () => {
  const args = ["contrib", "1180.59", "2015-04-01", "2015-07-29", "--days", "28"];
  const plain = await locum(...args);
  expect(plain.out).not.toContain("Settings");
  expect(JSON.parse((await locum(...args, "--json")).out).settings).toEqual({ yearBase: "actual", rounding: "half-up" });
  const j = JSON.parse((await locum(...args, "--year-base", "365", "--json")).out);
  expect([j.settings, j.annualised]).toEqual([{ yearBase: "365", rounding: "half-up" }, "15389.83"]);
  // the documented keys are unchanged
  expect(Object.keys(j)).toEqual(["total", "annualised", "provisional", "earnings", "start", "end", "daysOfService", "parts", "settings", "overrides"]);
  const text = await locum(...args, "--year-base", "365", "--rounding", "half-even");
  expect(text.out.split("\n")).toContain(
    "Settings not at their defaults: days in a scheme year: 365 (default: the actual days, 366 when the year holds 29 February); rounding to the penny: half-even (default: half-up).",
  );
});

test("a projected or provisional year says so, naming the year and the table used; 2026/27 is published", async () => {
  const now = await locum("contrib", "3000", "2026-06-01", "2026-06-30");
  expect(now.out).not.toMatch(/Provisional|Projected/);
  expect(now.out).toContain("2026/27, published");
  const r = await locum("contrib", "3000", "2027-06-01", "2027-06-30", "--cpi", "3.0%");
  expect(r.out).toContain(
    "Projected: the 2027/28 tier table is projected from the September CPI you gave, not yet published; these figures use 2027/28 (projected): these bands are the 2026/27 bands raised by the September 2026 CPI of 3.0 % (given in --cpi), each bound rounded up to the pound, and the published 2027/28 table may differ. Add the published 2027/28 table in a LocumRules sheet or with --rules FILE when it is out.",
  );
  expect(r.out).toContain("Rules override used: tier table 01/04/2027 to 31/03/2028 projected by the September CPI 3.0 % (--cpi)");
  const j = JSON.parse((await locum("contrib", "3000", "2027-06-01", "2027-06-30", "--cpi", "3.0", "--json")).out);
  expect([j.provisional, j.parts[0].status]).toEqual([true, "projected"]);
  const none = await locum("contrib", "3000", "2027-06-01", "2027-06-30");
  expect([none.code, none.err]).toEqual([
    2,
    [
      "locum: no tier table covers 01/06/2027: add that year's table (LocumRules sheet or --rules FILE), or give the September CPI to project it (a LocumRules row of Kind CPI, or --cpi)",
    ],
  ]);
  // The year comes from the table used, not a fixed "2026/27": a provisional 2024/25 override.
  const file = join(tempDir("locum-"), "draft-2024.json");
  writeFileSync(
    file,
    JSON.stringify({ tiers: [{ from: "2024-04-01", to: "2025-03-31", label: "2024/25 draft", status: "provisional", bands: [{ upTo: null, rate: "0.1" }] }] }),
  );
  const draft = await locum("contrib", "3000", "2024-06-01", "2024-06-30", "--rules", file);
  expect(draft.out).toContain(
    "Provisional: the 2024/25 tier table is not yet confirmed by regulations; these figures use 2024/25 draft (override from draft-2024.json). Add the published 2024/25 table in a LocumRules sheet or with --rules FILE when it is out.",
  );
  expect(draft.out).not.toContain("2026/27");
});

test("--rules FILE overrides a year and the output reports it", async () => {
  const dir = tempDir("locum-");
  const file = join(dir, "rules-2026.json");
  writeFileSync(
    file,
    JSON.stringify({
      tiers: [
        {
          from: "2026-04-01",
          to: "2027-03-31",
          label: "2026/27",
          bands: [
            { upTo: 40000, rate: "5%" },
            { upTo: null, rate: 0.1 },
          ],
        },
      ],
    }),
  );
  const j = JSON.parse((await locum("contrib", "3000", "2026-06-01", "2026-06-30", "--rules", file, "--json")).out);
  expect([j.total, j.provisional, j.parts[0].table, j.overrides[0]]).toEqual([
    "150.00",
    false,
    "2026/27 (override from rules-2026.json)",
    "tier table 01/04/2026 to 31/03/2027 from rules-2026.json (confirmed)",
  ]);
  const plain = await locum("contrib", "3000", "2026-06-01", "2026-06-30", "--rules", file);
  expect(plain.out).toContain("Rules override used: tier table 01/04/2026 to 31/03/2027 from rules-2026.json");
  // A JSON.parse message quotes the text, newlines and all: still one line, naming the file.
  writeFileSync(file, '{"tiers": x\n}\n');
  const bad = await locum("contrib", "3000", "2026-06-01", "2026-06-30", "--rules", file);
  expect(bad.code).toBe(2);
  expect(bad.err).toHaveLength(1);
  expect(bad.err[0]).toMatch(new RegExp(`^locum: --rules ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON \\(.+\\)$`));
  expect(bad.err[0]).not.toMatch(/\n/);
  const missing = await locum("contrib", "3000", "2026-06-01", "2026-06-30", "--rules", join(tmpdir(), "no-such-rules.json"));
  expect(missing.err).toEqual([`locum: --rules ${join(tmpdir(), "no-such-rules.json")}: cannot read the file (no such file)`]);
  // Problems inside the file name it, and the band in the order the file lists them.
  writeFileSync(
    file,
    JSON.stringify({
      tiers: [
        {
          from: "2026-04-01",
          to: "2027-03-31",
          label: "2026/27",
          bands: [
            { upTo: 40000, rate: "5%" },
            { upTo: 30000, rate: "6%" },
          ],
        },
      ],
    }),
  );
  const table = await locum("contrib", "3000", "2026-06-01", "2026-06-30", "--rules", file);
  expect(table.err).toEqual([
    `locum: --rules ${file}: tiers[0] (2026/27): band 2: "up to" must be a whole number of pounds above 40000 (the "up to" of band 1), not 30000; no top band: every band has an "up to", so pay above £40,000 has no rate. Add a last band {"upTo": null, "rate": ...} with the rate for pay above £40,000`,
  ]);
});

// The docs that show the --rules command: the command line's page and the rules' page.
test.each(["docs/command-line.md", "docs/rules-and-settings.md"])(
  "the --rules command in %s works on a fresh clone, with the example file it names",
  async (doc) => {
    const text = readFileSync(doc, "utf8");
    const line = text.split("\n").find((l) => /^npx locum contrib .*--rules /.test(l));
    expect(line).toBeDefined();
    const argv = line!.replace(/#.*/, "").trim().split(/\s+/).slice(2); // drop "npx locum"
    expect(argv).toContain("examples/my-2027-28.json");
    const r = await locum(...argv);
    expect([r.code, r.err]).toEqual([0, []]);
    expect(r.out).toContain("Rules override used: tier table 01/04/2027 to 31/03/2028 from my-2027-28.json (provisional)");
    expect(r.out).toContain("(override from my-2027-28.json), provisional");
    // £3,000 over June 2027's 30 days, continuous: 3,000 ÷ 30 × 366 = 36,600.00, above the example's £36,210: 9.8 %.
    expect(r.out).toContain("Employee contributions: £294.00");
  },
);

test.each([
  [["contrib", "abc", "2022-04-01", "2023-03-31"], 'locum: earnings must be a number of pounds, not "abc"'],
  [["contrib", "100", "2022-04-01"], "locum: contrib needs <earnings> <start> <end>, got 2 value(s)"],
  [["contrib", "100", "2022-09-30", "2022-09-01"], "locum: end 01/09/2022 is before start 30/09/2022"],
  [["contrib", "100", "2014-09-01", "2014-09-30"], "locum: start 01/09/2014 is before 01/04/2015: the 2015 Scheme tables start then"],
  [
    ["contrib", "100", "2030-09-01", "2030-09-30"],
    "locum: no tier table covers 01/09/2030: add that year's table (LocumRules sheet or --rules FILE), or give the September CPI to project it (a LocumRules row of Kind CPI, or --cpi)",
  ],
  [
    ["contrib", "100", "2022-09-01", "2022-09-30", "--days", "0"],
    'locum: --days must be a whole number of days from 1 to 30 (the days from 01/09/2022 to 30/09/2022), not "0"',
  ],
  [
    ["contrib", "100", "2022-09-01", "2022-09-30", "--days", "-3"],
    'locum: --days must be a whole number of days from 1 to 30 (the days from 01/09/2022 to 30/09/2022), not "-3"',
  ],
  [
    ["contrib", "100", "2022-09-01", "2022-09-30", "--days", "2.5"],
    'locum: --days must be a whole number of days from 1 to 30 (the days from 01/09/2022 to 30/09/2022), not "2.5"',
  ],
  [
    ["contrib", "100", "2022-09-01", "2022-09-30", "--days", "31"],
    'locum: --days must be a whole number of days from 1 to 30 (the days from 01/09/2022 to 30/09/2022), not "31"',
  ],
  [["contrib", "100", "2022-09-01", "2022-09-31"], 'locum: end is not a date: "2022-09-31" (use a date like 2025-04-01 or 01/04/2025)'],
  [["contrib", "100", "45000", "2022-09-30"], 'locum: start is not a date: "45000" (use a date like 2025-04-01 or 01/04/2025)'],
  [["contrib", "100", "2022-09-01", "2022-09-30", "--json=yes"], "locum: --json takes no value (write --json, not --json=yes)"],
  [
    ["contrib", "100", "2022-09-01", "2022-09-30", "--out", "x"],
    "locum: unknown option --out for contrib (its options: --days, --rules, --cpi, --country, --year-base, --rounding, --json; try locum contrib --help)",
  ],
  [
    ["contrib", "100", "2022-09-01", "2022-09-30", "--sheet", "x"],
    "locum: unknown option --sheet for contrib (its options: --days, --rules, --cpi, --country, --year-base, --rounding, --json; try locum contrib --help)",
  ],
  [
    ["contrib", "100", "2022-09-01", "2022-09-30", "--upr-year-digits", "4"],
    "locum: unknown option --upr-year-digits for contrib (its options: --days, --rules, --cpi, --country, --year-base, --rounding, --json; try locum contrib --help)",
  ],
  [[], "usage: locum <contrib|forms|template|yearend|demo> ...; locum --help for more"],
  [
    ["contrib", "100", "2022-09-01", "2022-09-30", "--country", "Scotland"],
    "locum: --country: Scotland runs its own NHS pension scheme; this tool covers England and Wales only",
  ],
  [
    ["contrib", "100", "2022-09-01", "2022-09-30", "--frobnicate"],
    "locum: unknown option --frobnicate for contrib (its options: --days, --rules, --cpi, --country, --year-base, --rounding, --json; try locum contrib --help)",
  ],
  [["contrib", "100", "2022-09-01", "2022-09-30", "--year-base", "360"], 'locum: option: --year-base must be one of actual, 365, not "360"'],
  [["fly"], 'locum: unknown command "fly" (try: locum --help)'],
  [["contrib", "100", "2022-09-01", "2022-09-30", "--days", "5", "--days", "6"], "locum: --days is given twice: give it once"],
  [["contrib", "100", "2022-09-01", "--", "2022-09-30", "--json"], "locum: contrib needs <earnings> <start> <end>, got 4 value(s)"],
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
  test("a --rules file whose JSON error quotes several lines: still exactly one line on stderr", () => {
    const file = join(tempDir("locum-"), "my.json");
    writeFileSync(file, '{\n  "tiers": [\n    x\n  ]\n}\n');
    const r = spawnSync("node", ["bin/locum.js", "contrib", "100", "2025-04-01", "2025-04-30", "--rules", file], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(2); // one line and its newline
    expect(r.stderr).toMatch(new RegExp(`^locum: --rules .*my\\.json: not valid JSON`));
  });
  test("no arguments: a one-line hint on stderr, status 2; --help: the full usage on stdout, status 0", () => {
    const bare = spawnSync("node", ["bin/locum.js"], { encoding: "utf8" });
    expect([bare.status, bare.stdout, bare.stderr]).toEqual([2, "", "usage: locum <contrib|forms|template|yearend|demo> ...; locum --help for more\n"]);
    const help = spawnSync("node", ["bin/locum.js", "--help"], { encoding: "utf8" });
    expect([help.status, help.stderr]).toEqual([0, ""]);
    expect(help.stdout.split("\n").length).toBeGreaterThan(20);
  });
  test("npm run demo's command, from a fresh folder: the breakdown, then the sample year's PDFs in ./out", () => {
    const dir = tempDir("locum-demo-");
    const r = spawnSync("node", [join(process.cwd(), "bin/locum.js"), "demo"], { encoding: "utf8", cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Employee contributions: £10,080.98");
    expect(r.stdout).toMatch(
      /December 2025\s+12345678LOCDEC2025\s+4 Forms A\s+pensionable £1,822.50\s+employee £195.01\s+employer £262.08\s+to pay £457.09 by 07\/01\/2026/,
    );
    expect(r.stdout).toContain("74 PDFs written to out");
    expect(r.stdout).toContain("0 errors, 1 warning");
    expect(r.stdout).toContain("01/05/2026  31/05/2026    31  £5,500.00  £66,916.66     5  10.7%       £588.50  2026/27, published");
    const pdfs = readdirSync(join(dir, "out"), { recursive: true }).filter((f) => String(f).endsWith(".pdf"));
    expect(pdfs).toHaveLength(74);
  }, 60_000);
});

test("--help lists every command; forms --help gives the forms usage", async () => {
  const all = await locum("--help");
  expect(all.code).toBe(0);
  expect(all.out).toMatch(/usage: locum contrib[\s\S]*usage: locum forms <workbook.xlsx>[\s\S]*usage: locum demo/);
  const forms = await locum("forms", "--help");
  expect([forms.code, forms.out.split("\n")[0]]).toEqual([
    0,
    "usage: locum forms <workbook.xlsx> [--out DIR] [--month YYYY-MM] [--submitted DATE] [--sheet NAME] [--rules FILE] [--cpi PCT] [--today DATE] [--json] [--verbose]",
  ]);
});
