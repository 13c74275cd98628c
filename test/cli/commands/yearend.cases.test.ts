// locum yearend on hand-checked clients, end to end: each client an .xlsx workbook in one folder,
// the figures read from --json and the CSV, each worked out by hand below (tier tables of
// src/rules/tables.json; employee contributions rounded half up per Form B as box b is); then
// LOCUM.YEAREND (through the custom-functions shim) on the same rows gives the same figures.
import { readFileSync } from "fs";
import { join } from "path";
import { CustomFunctionsError, installCustomFunctionsGlobal } from "../../../bench/shim";
import { YEAR_END_HEADER } from "../../../src/engine";
import { baseDetails, detailRows, type Session, SESSION_HEADER, sessionCells, writeClient, yearend, type Ymd } from "../../support/clients";
import { pdfText, squeeze } from "../../support/pdf";
import { tempDir } from "../../support/tempDir";

installCustomFunctionsGlobal();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F = require("../../../src/functions/functions") as typeof import("../../../src/functions/functions");

/** The scheme year's months from April: [year, month]. */
const months = (start: number, n = 12): [number, number][] =>
  Array.from({ length: n }, (_, i) => (i < 9 ? [start, i + 4] : [start + 1, i - 8]) as [number, number]);

interface Client {
  file: string;
  sessions: Session[];
  details: Record<string, unknown>;
}

// A. The annualisation trap: ten single days, one a month (April to January), £1,000 a day, Tier
//    rate 6.5 % (the locum thought £9,000 a year meant tier 2). Pensionable 90 % = £900.00 a day;
//    £9,000.00 over 10 days × 365 = £328,500.00 → 2025/26 top band (over £65,190): 12.5 %.
//    Due £9,000 × 12.5 % = £1,125.00; paid 10 Forms B of £900 × 6.5 % = £58.50 = £585.00; top-up £540.00.
const A: Client = {
  file: "a-gaps-2025-26.xlsx",
  sessions: months(2025, 10).map(([y, m]) => ({ worked: [y, m, 10], fee: 1000, paid: [y, m, 20], submitted: [y, m, 25], invoice: `A-${m}` })),
  details: baseDetails({ Surname: "Adams", "SD number": "11111111", "Tier rate": "6.5%" }),
};

// B. Salaried all year (other practitioner pay £45,000 over 345 days) and 20 locum days, two a month
//    (the 5th and 6th, one invoice) April 2024 to January 2025 at £500: each month's Form A £1,000 →
//    Box 2 £900.00; locum pay £9,000.00. Days of service 20 + 345 = 365 (2024/25 has 365 days);
//    annualised (9,000 + 45,000) ÷ 365 × 365 = £54,000.00 → 2024/25 £49,079–£62,924: 10.7 %.
//    Due £9,000 × 10.7 % = £963.00; paid 10 × £900 × 9.8 % = 10 × £88.20 = £882.00; top-up £81.00.
//    Type 2 due by 28/02/2026: locum pay at 90 % £9,000.00, other posts £45,000.00 over 345 days,
//    box 2a contributions already paid £882.00.
const B: Client = {
  file: "b-salaried-2024-25.xlsx",
  sessions: months(2024, 10).flatMap(([y, m]) =>
    [5, 6].map((d) => ({ worked: [y, m, d] as Ymd, fee: 500, paid: [y, m, 20] as Ymd, submitted: [y, m, 25] as Ymd, invoice: `B-${m}` })),
  ),
  details: baseDetails({ Surname: "Bhatt", "SD number": "22222222", "Tier rate": "9.8%", "Other practitioner pay": 45000, "Other days of service": 345 }),
};

// C. Across the 1 October 2022 table change: four days before it (April to July, the 12th), six
//    after (October to March), £1,000 each: £3,600.00 and £5,400.00 pensionable. Annualised over
//    the whole year: £9,000 ÷ 10 × 365 = £328,500.00 → old table's top band 14.5 %, new table's 13.5 %.
//    Due £3,600 × 14.5 % = £522.00 and £5,400 × 13.5 % = £729.00 (£1,251.00). Paid at the Tier rates
//    given: 4 × £900 × 9.3 % = 4 × £83.70 = £334.80 and 6 × £900 × 9.8 % = 6 × £88.20 = £529.20
//    (£864.00). Differences £187.20 and £199.80: top-up £387.00.
const C: Client = {
  file: "c-split-2022-23.xlsx",
  sessions: (
    [
      [2022, 4],
      [2022, 5],
      [2022, 6],
      [2022, 7],
      [2022, 10],
      [2022, 11],
      [2022, 12],
      [2023, 1],
      [2023, 2],
      [2023, 3],
    ] as [number, number][]
  ).map(([y, m]) => ({
    worked: [y, m, 12],
    fee: 1000,
    paid: [y, m, 20],
    submitted: [y, m, 25],
    invoice: `C-${y}-${m}`,
  })),
  details: baseDetails({ Surname: "Cole", "SD number": "33333333", "Tier rate": "9.3%", "Tier rate from 01/10/2022": "9.8%" }),
};

// D. A leap scheme year (2023/24 holds 29 February 2024: 366 days): ten runs of ten days on one row
//    each (Date worked to Last day), £1,398 a run → Box 2 £1,258.20; £12,582.00 over 100 days.
//    Annualised £12,582 ÷ 100 × 366 = £46,050.12 → 2023/24 £45,997–£51,708: 10 % (over 365 days it
//    would be £45,924.30, 9.8 %: the leap day moves the tier). Due 10 × £125.82 = £1,258.20; paid at
//    9.8 %: 10 × £123.3036 → 10 × £123.30 = £1,233.00; top-up £25.20. The last run, 20 to 29 February 2024, is
//    paid on 5 March: March's Form B.
const D: Client = {
  file: "d-leap-2023-24.xlsx",
  sessions: [
    ...months(2023, 9).map(([y, m]) => ({
      worked: [y, m, 1] as Ymd,
      last: [y, m, 10] as Ymd,
      fee: 1398,
      paid: [y, m, 20] as Ymd,
      submitted: [y, m, 25] as Ymd,
      invoice: `D-${m}`,
    })),
    { worked: [2024, 2, 20], last: [2024, 2, 29], fee: 1398, paid: [2024, 3, 5], submitted: [2024, 3, 8], invoice: "D-leap" },
  ],
  details: baseDetails({ Surname: "Dunn", "SD number": "44444444", "Tier rate": "9.8%" }),
};

// E. March work paid in April: 10/02/2026 (paid in February), 16/03/2026 (paid 08/04/2026, on March's
//    Form B, sent 10/04/2026) and 14/04/2026 (2026/27), £1,000 each. 2025/26: £1,800.00 over 2 days
//    → £328,500.00 → 12.5 %: due £225.00, paid 2 × £88.20 = £176.40, top-up £48.60; tax years by the
//    date sent: February's £88.20 in 2025/26, March's (sent 10/04/2026) £88.20 in 2026/27.
//    2026/27 (the provisional table, 2025/26's bands): £900.00 over 1 day → 12.5 %: due £112.50,
//    paid £88.20, top-up £24.30.
const E: Client = {
  file: "e-march-april-2025-26.xlsx",
  sessions: [
    { worked: [2026, 2, 10], fee: 1000, paid: [2026, 2, 20], submitted: [2026, 2, 25], invoice: "E-1" },
    { worked: [2026, 3, 16], fee: 1000, paid: [2026, 4, 8], submitted: [2026, 4, 10], invoice: "E-2" },
    { worked: [2026, 4, 14], fee: 1000, paid: [2026, 4, 20], submitted: [2026, 4, 25], invoice: "E-3" },
  ],
  details: baseDetails({ Surname: "Evans", "SD number": "55555555", "Tier rate": "9.8%" }),
};

// F. Tier rate too high all year, in Wales: two days a month (3rd and 4th) at £100, April 2025 to
//    March 2026: each Form B a = £180.00, b = £180 × 12.5 % = £22.50; paid £270.00. Locum pay
//    £2,160.00 over 24 days → £32,850.00 → 2025/26 £27,798–£33,868: 8.3 %; due £179.28; refund £90.72
//    from the Local Health Board.
const F_: Client = {
  file: "f-refund-wales-2025-26.xlsx",
  sessions: months(2025).flatMap(([y, m]) =>
    [3, 4].map((d) => ({
      worked: [y, m, d] as Ymd,
      fee: 100,
      paid: [y, m, 20] as Ymd,
      submitted: [y, m, 25] as Ymd,
      invoice: `F-${m}`,
      practice: "Canolfan Iechyd Aberaeron",
      code: "W91042",
    })),
  ),
  details: baseDetails({ Surname: "Ffrancon", "SD number": "66666666", Country: "Wales", "EA code": "7A2", "Host LHB ref": "HD-1234", "Tier rate": "12.5%" }),
};

// G. A difference under £1.00, in 2022/23: one day on 05/09/2022 at £50 (Box 2 £45.00) on a Tier rate of
//    7.1 %, and from 1 October (a "Tier rate from 01/10/2022" of 9.8 %) two-day rows at £240 (£216.00) in October
//    to January and one-day rows at £120 (£108.00) in February and March. Locum pay £45 + 4 × £216 + 2 × £108 =
//    £1,125.00 over 11 days → £37,329.54: 9.3 % in the old table (over £26,823), 9.8 % in the new (over £29,179).
//    Old part: due £45 × 9.3 % = £4.185 → £4.19, paid £45 × 7.1 % = £3.195 → £3.20: £0.99. New part, paid at the
//    rate due, Form B by Form B: 4 × £21.17 + 2 × £10.58 = £105.84 each way. A top-up of £0.99, under £1.00.
const G: Client = {
  file: "g-under-a-pound-2022-23.xlsx",
  sessions: [
    { worked: [2022, 9, 5], fee: 50, paid: [2022, 9, 20], submitted: [2022, 9, 25], invoice: "G-9" },
    ...(
      [
        [2022, 10],
        [2022, 11],
        [2022, 12],
        [2023, 1],
      ] as [number, number][]
    ).map(([y, m]) => ({
      worked: [y, m, 3] as Ymd,
      last: [y, m, 4] as Ymd,
      fee: 240,
      paid: [y, m, 20] as Ymd,
      submitted: [y, m, 25] as Ymd,
      invoice: `G-${m}`,
    })),
    ...(
      [
        [2023, 2],
        [2023, 3],
      ] as [number, number][]
    ).map(([y, m]) => ({ worked: [y, m, 3] as Ymd, fee: 120, paid: [y, m, 20] as Ymd, submitted: [y, m, 25] as Ymd, invoice: `G-${m}` })),
  ],
  details: baseDetails({ Surname: "Gray", "SD number": "77777777", "Tier rate": "7.1%", "Tier rate from 01/10/2022": "9.8%" }),
};

// H. Tier rate too low all year: eight days a month at £400, April 2024 to March 2025, one invoice a
//    month: Box 2 8 × £400 × 90 % = £2,880.00, box b × 10.7 % = £308.16; paid 12 × £308.16 = £3,697.92.
//    Locum pay £34,560.00 over 96 days → £131,400.00 → 12.5 %: due £4,320.00; top-up £622.08.
const H: Client = {
  file: "h-too-low-2024-25.xlsx",
  sessions: months(2024).flatMap(([y, m]) =>
    [3, 4, 5, 6, 10, 11, 12, 13].map((d) => ({
      worked: [y, m, d] as Ymd,
      fee: 400,
      paid: [y, m, 20] as Ymd,
      submitted: [y, m, 25] as Ymd,
      invoice: `H-${y}-${m}`,
    })),
  ),
  details: baseDetails({ Surname: "Hughes", "SD number": "88888888", "Tier rate": "10.7%" }),
};

const CLIENTS = [A, B, C, D, E, F_, G, H];

interface Part {
  rateDue: string;
  due: string;
  paid: string;
  difference: string;
  ratesPaid: string[];
}
interface Year {
  schemeYear: string;
  locumPay: string;
  daysWorked: number;
  daysOfService: number;
  annualised: string;
  due: string;
  paid: string;
  difference: string;
  outcomeText: string;
  parts: Part[];
  type2: { dueBy: string; locumPay: string; otherPay: string; otherDays: number; contributionsPaid: string } | null;
  taxYears: { taxYear: string; employee: string; employer: string; relief: string; assumed: boolean }[];
  status: string;
  provisional: boolean;
  inProgress: boolean;
}
interface Out {
  clients: { file: string; status: string; years: Year[]; pdf: string; errors: number }[];
  totals: Record<string, unknown>;
}

let dir: string;
let out: string;
let run: { code: number; out: string; err: string };
let json: Out;
const year = (file: string, label: string) => json.clients.find((c) => c.file === file)!.years.find((y) => y.schemeYear === label)!;

beforeAll(async () => {
  dir = tempDir("yearend-cases-");
  for (const c of CLIENTS) await writeClient(join(dir, c.file), c.sessions, c.details);
  out = join(dir, "out");
  run = await yearend([dir, "--json", "--out", out, "--today", "2026-06-01"]);
  json = JSON.parse(run.out) as Out;
}, 120_000);

test("every client is done, without errors", () => {
  expect(run.code).toBe(0);
  expect(json.clients.map((c) => [c.file, c.status, c.errors])).toEqual(CLIENTS.map((c) => [c.file, "done", 0]));
  expect(run.err).not.toMatch(/Error:/);
});

const money = (y: Year) => [y.schemeYear, y.locumPay, y.daysWorked, y.daysOfService, y.annualised, y.due, y.paid, y.difference, y.outcomeText];

test("A. a locum-only year with gaps: the annualisation trap", () => {
  const y = year(A.file, "2025/26");
  expect(money(y)).toEqual(["2025/26", "9000.00", 10, 10, "328500.00", "1125.00", "585.00", "540.00", "top-up to PCSE"]);
  expect(y.parts.map((p) => [p.rateDue, p.ratesPaid])).toEqual([["0.125", ["0.065"]]]);
  expect(y.type2).toBeNull();
  expect(y.taxYears).toEqual([{ taxYear: "2025/26", employee: "585.00", employer: expect.any(String), relief: expect.any(String), assumed: false }]);
  // Relief on both halves (the default): employee + employer.
  const t = y.taxYears[0];
  expect(t.relief).toBe((Number(t.employee) + Number(t.employer)).toFixed(2));
});

test("B. a locum who is also salaried all year: Type 2 due, with the figures it asks for", () => {
  const y = year(B.file, "2024/25");
  expect(money(y)).toEqual(["2024/25", "9000.00", 20, 365, "54000.00", "963.00", "882.00", "81.00", "top-up to PCSE"]);
  expect(y.parts[0].rateDue).toBe("0.107");
  expect(y.type2).toMatchObject({ dueBy: "2026-02-28", locumPay: "9000.00", otherPay: "45000.00", otherDays: 345, contributionsPaid: "882.00" });
});

test("C. a year across the 2022/23 split: each part its own table, rate and difference", () => {
  const y = year(C.file, "2022/23");
  expect(money(y)).toEqual(["2022/23", "9000.00", 10, 10, "328500.00", "1251.00", "864.00", "387.00", "top-up to PCSE"]);
  expect(y.parts.map((p) => [p.rateDue, p.due, p.ratesPaid, p.paid, p.difference])).toEqual([
    ["0.145", "522.00", ["0.093"], "334.80", "187.20"],
    ["0.135", "729.00", ["0.098"], "529.20", "199.80"],
  ]);
});

test("D. a leap scheme year: 366 days, which moves the tier", () => {
  const y = year(D.file, "2023/24");
  expect(money(y)).toEqual(["2023/24", "12582.00", 100, 100, "46050.12", "1258.20", "1233.00", "25.20", "top-up to PCSE"]);
  expect(y.parts[0].rateDue).toBe("0.1");
});

test("D with --year-base 365: £45,924.30, 9.8 %, the rate paid: nothing to settle", async () => {
  const r = await yearend([join(dir, D.file), "--json", "--out", join(dir, "out365"), "--today", "2026-06-01", "--year-base", "365"]);
  const y = (JSON.parse(r.out) as Out).clients[0].years[0];
  // Due, each Form B at 9.8 %: 10 × 1,258.20 × 9.8 % = 10 × 123.3036 → 10 × £123.30 = £1,233.00, what was paid. (On the
  // year's pay once, 12,582 × 9.8 % = 1,233.036 → £1,233.04, it made a 4p "top-up" nobody owed.)
  expect(money(y)).toEqual(["2023/24", "12582.00", 100, 100, "45924.30", "1233.00", "1233.00", "0.00", "nothing to settle"]);
});

test("E. March work paid in April counts in the old year; its contributions in the tax year they were paid", () => {
  const old = year(E.file, "2025/26");
  expect(money(old)).toEqual(["2025/26", "1800.00", 2, 2, "328500.00", "225.00", "176.40", "48.60", "top-up to PCSE"]);
  // Relief on both halves (the default): 88.20 employee + 129.42 employer (900.00 × 14.38 %) in each tax year.
  expect(old.taxYears.map((t) => [t.taxYear, t.employee, t.employer, t.relief, t.assumed])).toEqual([
    ["2025/26", "88.20", "129.42", "217.62", false],
    ["2026/27", "88.20", "129.42", "217.62", false],
  ]);
  const next = year(E.file, "2026/27");
  expect(money(next)).toEqual(["2026/27", "900.00", 1, 1, "328500.00", "112.50", "88.20", "24.30", "top-up to PCSE"]);
  expect([next.provisional, old.provisional]).toEqual([false, false]);
});

test("F. a Tier rate too high all year, in Wales: a refund from the Local Health Board", () => {
  const y = year(F_.file, "2025/26");
  expect(money(y)).toEqual(["2025/26", "2160.00", 24, 24, "32850.00", "179.28", "270.00", "-90.72", "refund from the LHB"]);
  expect(y.parts[0].rateDue).toBe("0.083");
});

test("G. a difference under £1.00 is shown and marked, never dropped", () => {
  const y = year(G.file, "2022/23");
  expect(money(y)).toEqual(["2022/23", "1125.00", 11, 11, "37329.54", "110.03", "109.04", "0.99", "top-up to PCSE (under £1.00)"]);
  expect(y.parts.map((p) => [p.rateDue, p.due, p.ratesPaid, p.paid, p.difference])).toEqual([
    ["0.093", "4.19", ["0.071"], "3.20", "0.99"],
    ["0.098", "105.84", ["0.098"], "105.84", "0.00"],
  ]);
  expect(y.status).toMatch(/^done \(under £1\.00/);
});

test("H. a Tier rate too low all year: a top-up", () => {
  const y = year(H.file, "2024/25");
  expect(money(y)).toEqual(["2024/25", "34560.00", 96, 96, "131400.00", "4320.00", "3697.92", "622.08", "top-up to PCSE"]);
});

test("the totals add the final years' top-ups and refunds, and leave out a year in progress", () => {
  // Top-ups: 540.00 + 81.00 + 387.00 + 25.20 + 48.60 + 0.99 + 622.08 = 1,704.87 (7 clients: A, B, C, D, E, G, H);
  // refunds: 90.72 (F). E's 2026/27 (top-up 24.30 so far) has not ended on --today 01/06/2026: left out.
  expect(json.totals).toMatchObject({
    clients: 8,
    done: 8,
    withErrors: 0,
    topUps: "1704.87",
    topUpClients: 7,
    refunds: "90.72",
    refundClients: 1,
    yearsNotFinal: 0,
    yearsInProgress: 1,
  });
  expect(run.err).toContain("8 clients: 8 done");
  expect(run.err).toContain("Year end: top-ups £1,704.87 (7 clients), refunds £90.72 (1 client); left out of the totals: 1 year in progress (not yet ended)");
  expect(year(E.file, "2026/27")).toMatchObject({ inProgress: true, status: expect.stringMatching(/^in progress to 01\/06\/2026: figures so far/) });
  expect(year(E.file, "2025/26")).toMatchObject({ inProgress: false });
  expect(json.totals.type2Due).toEqual([{ file: "b-salaried-2024-25.xlsx", schemeYear: "2024/25", dueBy: "28/02/2026" }]);
  expect(run.err).toContain("Type 2 self-assessment due: b-salaried-2024-25.xlsx (2024/25, by 28/02/2026)");
});

test("the CSV has one line per client and scheme year, with the same figures", () => {
  const csv = readFileSync(join(out, "year-end.csv"), "utf8");
  expect(
    csv.startsWith(
      "\uFEFFClient file,Surname,Other names,SD number,Scheme year,Locum pensionable pay,Days worked,Days of service,Annualised pay,Rate due,Rates paid,Employee due,Employee paid,Employer paid,Difference,Direction,Final,Type 2 due by,Employee paid in tax year 2022/23,",
    ),
  ).toBe(true);
  const lines = csv.slice(1).split("\r\n").filter(Boolean);
  expect(lines).toHaveLength(1 + 9); // E has two scheme years
  expect(lines[0]).toMatch(/,Status,Errors,Warnings$/);
  const cols = lines[0].split(",").length;
  expect(lines.every((l) => l.replace(/"[^"]*"/g, "x").split(",").length === cols)).toBe(true);
  expect(lines.find((l) => l.startsWith("b-salaried"))).toMatch(
    /^b-salaried-2024-25\.xlsx,[^,]+,[^,]+,22222222,2024\/25,9000\.00,20,365,54000\.00,10\.7%,9\.8%,963\.00,882\.00,[\d.]+,81\.00,top-up,yes,28\/02\/2026,[\d.,]*,done \(1 warning\),0,1$/,
  );
  expect(lines.find((l) => l.startsWith("c-split"))).toMatch(
    /^c-split-2022-23\.xlsx,[^,]+,[^,]+,\d+,2022\/23,9000\.00,10,10,328500\.00,14\.5% to 30\/09\/2022; 13\.5% from 01\/10\/2022,"9\.3% \(Apr–Jul\), 9\.8% \(Oct–Mar\)",1251\.00,864\.00,[\d.]+,387\.00,top-up,yes,,[\d.,]*,done \(2 warnings\),0,2$/,
  );
  expect(lines.find((l) => l.startsWith("f-refund"))).toMatch(
    /^f-refund-wales-2025-26\.xlsx,[^,]+,[^,]+,\d+,2025\/26,2160\.00,24,24,32850\.00,8\.3%,[^,]+,179\.28,270\.00,[\d.]+,-90\.72,refund,yes,,/,
  );
});

test("B's summary PDF says the Type 2 and its figures, in UK formats", () => {
  const b = json.clients.find((c) => c.file === B.file)!;
  const t = squeeze(pdfText(readFileSync(b.pdf)));
  expect(b.pdf).toBe(join(out, "2024-25-year-end-Bhatt-22222222.pdf"));
  expect(t).toContain("Top-up to PCSE: £81.00");
  expect(t).toContain("Type 2 self-assessment due by 28/02/2026");
  expect(t).toContain("£54,000.00");
  expect(t).toContain("from b-salaried-2024-25.xlsx");
});

describe("LOCUM.YEAREND on the same rows gives the figures locum yearend gives", () => {
  // The rows as a template holds them: both day columns, 90 % of the fee unrounded, each row's Form A
  // (LOCUM.FORMA), and the rate each Form B used from LOCUM.MONTHLY of the same sessions and details.
  const spillOf = (c: Client) => {
    const cells = c.sessions.map((s) => sessionCells(s, "serial"));
    const col = (name: string) => SESSION_HEADER.indexOf(name);
    const at = (r: unknown[], name: string) => r[col(name)];
    const dates = cells.map((r) => [at(r, "Date worked"), at(r, "Last day")]);
    const pay = cells.map((r) => [Math.round((at(r, "Fee") as number) * 900) / 1000]);
    // As the template's Form A column calls it: the first and last day, the work type and the date sent too.
    const formA = cells.map((r) => [
      F.forma(
        at(r, "Date worked"),
        at(r, "Date paid"),
        at(r, "Practice code"),
        at(r, "Practice"),
        at(r, "Invoice"),
        at(r, "Last day"),
        at(r, "Work type"),
        "",
        at(r, "Date submitted"),
      ),
    ]);
    const details = detailRows(c.details);
    const monthly = F.monthly([SESSION_HEADER, ...cells], details);
    const detail = (k: string) => (c.details[k] === undefined ? undefined : [[c.details[k]]]);
    return F.yearend(dates, pay, monthly, detail("Other practitioner pay"), detail("Other days of service"), formA, c.details.Country);
  };

  // The functions' today is the clock; the command's was --today 01/06/2026: the same day, so "in progress" agrees.
  beforeEach(() => jest.useFakeTimers({ now: new Date(2026, 5, 1, 12), doNotFake: ["nextTick", "setImmediate"] }));
  afterEach(() => jest.useRealTimers());

  test.each(CLIENTS.map((c) => [c.file, c] as const))("%s", (_file, c) => {
    const spill = spillOf(c);
    expect(spill[0]).toEqual([...YEAR_END_HEADER]);
    const cli = json.clients.find((x) => x.file === c.file)!.years;
    const expected = cli.flatMap((y) =>
      y.parts.map((p: Part & { from?: string; to?: string; daysWorked?: number; locumPay?: string; tier?: number; outcome?: string; status?: string }) => [
        y.schemeYear,
        p.daysWorked,
        y.daysOfService,
        Number(p.locumPay),
        Number(y.annualised),
        p.tier,
        Number(p.rateDue),
        Number(p.due),
        p.ratesPaid.length === 1 ? Number(p.ratesPaid[0]) : p.ratesPaid,
        Number(p.paid),
        Number(p.difference),
        p.outcome,
        y.type2 ? y.type2.dueBy.split("-").reverse().join("/") : "not due",
        [p.status, ...(y.inProgress ? ["in progress to 01/06/2026 (figures so far; the year ends 31/03/2027)"] : [])].join("; "),
      ]),
    );
    const pick = (r: unknown[]) => [0, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((i) => r[i]);
    expect(spill.slice(1).map(pick)).toEqual(expected);
  });

  test("a month table without form_a is refused, naming the argument", () => {
    const c = A;
    const cells = c.sessions.map((s) => sessionCells(s, "serial"));
    const monthly = F.monthly([SESSION_HEADER, ...cells], detailRows(c.details));
    expect(() =>
      F.yearend(
        cells.map((r) => [r[0]]),
        cells.map(() => [900]),
        monthly,
      ),
    ).toThrow(CustomFunctionsError);
    try {
      F.yearend(
        cells.map((r) => [r[0]]),
        cells.map(() => [900]),
        monthly,
      );
    } catch (e) {
      expect((e as CustomFunctionsError).message).toMatch(/rate_paid is a table of months \(LOCUM\.MONTHLY's\): give form_a too/);
    }
  });
});
