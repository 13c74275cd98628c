// The year template's Year end sheet, evaluated by HyperFormula with the LOCUM functions registered,
// gives the figures `locum yearend` gives on the same rows saved as an .xlsx by the template's own
// writer: every column of every row, for each tier basis (a Tier rate, an estimate, the rows
// annualised), with the template's spare empty rows, a run of days on one row (Date worked to Last
// day), unrounded pay (three decimals) added up per Form A, March work paid in April, Wales and a
// salaried post (a Type 2).
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { templateBytes } from "../src/cli/template";
import { YEAR_END_HEADER } from "../src/engine";
import { type Cell, fillTemplate, planTemplate, yearTemplate } from "../src/forms/template";
import { dayFromYmd, DEFAULT_RULES } from "../src/rules";
import { yearend } from "./fixtures/clients";
import { buildBook, registerLocumFunctions } from "./fixtures/hyperformula";
import { YEAR_DETAILS, YEAR_ROWS } from "./fixtures/year";

const plan = planTemplate({ sheets: [] });

beforeAll(async () => {
  await registerLocumFunctions();
}, 60_000);

interface Part {
  from: string;
  to: string;
  daysWorked: number;
  locumPay: string;
  otherPay: string;
  tier: number;
  rateDue: string;
  due: string;
  ratesPaid: string[];
  paid: string;
  difference: string;
  outcome: string;
  status: string;
}
interface Year {
  schemeYear: string;
  daysOfService: number;
  annualised: string;
  parts: Part[];
  type2: { dueBy: string } | null;
}

const uk = (iso: string) => iso.split("-").reverse().join("/");
const pct = (r: string) => `${Number((Number(r) * 100).toFixed(4))}%`;

/** What the Year end sheet must show, from locum yearend's --json: one row per scheme year (per part). */
function expectedRows(years: Year[]): unknown[][] {
  return years.flatMap((y) =>
    y.parts.map((p) => [
      y.schemeYear,
      uk(p.from),
      uk(p.to),
      p.daysWorked,
      y.daysOfService,
      Number(p.locumPay),
      Number(p.otherPay),
      Number(y.annualised),
      p.tier,
      Number(p.rateDue),
      Number(p.due),
      p.ratesPaid.length === 1 ? Number(p.ratesPaid[0]) : p.ratesPaid.map(pct).join(" and "),
      Number(p.paid),
      Number(p.difference),
      p.outcome,
      y.type2 ? uk(y.type2.dueBy) : "not due",
      p.status,
    ]),
  );
}

/** The template with these rows and details: its Year end spill, and locum yearend on it as an .xlsx. */
async function both(sessions: Record<string, Cell>[], details: Record<string, Cell>, rows = sessions.length) {
  const t = fillTemplate(yearTemplate(plan, { rules: DEFAULT_RULES, rows, made: dayFromYmd(2025, 4, 1) }), { sessions, details });
  const sheet = buildBook(t).spill("Year end", "A4", YEAR_END_HEADER.length);
  const dir = mkdtempSync(join(tmpdir(), "yearend-template-"));
  const file = join(dir, "client.xlsx");
  // Without the calculated columns, as the template CLI test writes it: the forms do not read them.
  writeFileSync(file, await templateBytes(t, { calculatedColumns: false }));
  const r = await yearend([file, "--json", "--out", join(dir, "out"), "--today", "2026-06-01"]);
  const client = JSON.parse(r.out).clients[0] as { status: string; years: Year[] };
  return { sheet, client, code: r.code };
}

const without = (d: Record<string, Cell>, ...keys: string[]) => Object.fromEntries(Object.entries(d).filter(([k]) => !keys.includes(k)));

describe("the Year end sheet and locum yearend on the same rows", () => {
  test("the sample year at a Tier rate of 9.8 %, with ten spare empty rows", async () => {
    const { sheet, client, code } = await both(YEAR_ROWS, YEAR_DETAILS, YEAR_ROWS.length + 10);
    expect(code).toBe(0);
    expect(sheet[0]).toEqual([...YEAR_END_HEADER]);
    expect(sheet.slice(1)).toEqual(expectedRows(client.years));
    // 2025/26 by hand: 38 one-day rows and the two-day appraisal (12 and 13 May) are 40 days, but
    // 13 May is also a Riverside day, counted once: 39 days worked (the 16 and 17 March paid in April
    // among them); the Monthly sheet's rate on every Form B, 9.8 %.
    expect(sheet[1].slice(0, 4)).toEqual(["2025/26", "01/04/2025", "31/03/2026", 39]);
    expect(sheet[1][11]).toBe(0.098);
  });

  test("no Tier rate: the rows annualised, each Form B's rate from the Monthly sheet", async () => {
    const { sheet, client } = await both(YEAR_ROWS, without(YEAR_DETAILS, "Tier rate"));
    expect(sheet.slice(1)).toEqual(expectedRows(client.years));
    // The forms' rate is the rows' own: nothing (or pennies of rounding) to settle.
    expect(Math.abs(sheet[1][13] as number)).toBeLessThan(1);
  });

  test("an estimate of the year's pay instead of a Tier rate", async () => {
    const { sheet, client } = await both(YEAR_ROWS, { ...without(YEAR_DETAILS, "Tier rate"), "Estimated pensionable pay": 20000 });
    expect(sheet.slice(1)).toEqual(expectedRows(client.years));
    // £20,000 gives 6.5 % in 2025/26; the rows annualise higher: a top-up.
    expect([sheet[1][11], sheet[1][14]]).toEqual([0.065, "top-up to PCSE"]);
  });

  test("Wales and a salaried post: the LHB and a Type 2 in both", async () => {
    const { sheet, client } = await both(YEAR_ROWS, { ...YEAR_DETAILS, Country: "Wales", "Host LHB ref": "HD-1", "Other practitioner pay": 30000, "Other days of service": 200 });
    expect(sheet.slice(1)).toEqual(expectedRows(client.years));
    expect([sheet[1][14], sheet[1][15]]).toEqual([expect.stringMatching(/ the LHB$/), "28/02/2027"]);
  });
});
