// Amounts past £1,000,000,000 (the engine's MONEY_LIMIT) are refused by every custom function that
// takes money, with one message naming the argument; before, ANNUALISE and BREAKDOWN of 1e308 gave
// #NUM! or "Infinity" and CONTRIB took 1e20. At the limit, each still works out to the penny.
import { CustomFunctionsError, installCustomFunctionsGlobal } from "../../bench/shim";
import { main } from "../../src/cli";
import { MONEY_LIMIT } from "../../src/engine";

installCustomFunctionsGlobal();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F = require("../../src/functions/functions") as typeof import("../../src/functions/functions");

const serial = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000) + 25569;
const APR = serial("2025-04-01");
const MAR = serial("2026-03-31");
const over = (name: string, shown: string) =>
  `#VALUE! ${name} is ${shown}, more than £1,000,000,000.00, the most an amount may be (a sanity limit, not a scheme rule): check the amount (a date, a reference or a total typed as money?)`;

function excelError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CustomFunctionsError);
    return `${(e as CustomFunctionsError).code} ${(e as CustomFunctionsError).message}`;
  }
  throw new Error("expected an Excel error, got a value");
}

test("the limit is £1,000,000,000", () => expect(MONEY_LIMIT).toBe(1e9));

test.each([1e308, 1e20, 1_000_000_000.01])("%p is refused by each function that takes money, in the same words", (v) => {
  const shown = String(v);
  expect(excelError(() => F.contrib(v, APR, MAR))).toBe(over("earnings", shown));
  expect(excelError(() => F.breakdown(v, APR, MAR))).toBe(over("earnings", shown));
  expect(excelError(() => F.annualise(v, 30, APR))).toBe(over("pay", shown));
  expect(excelError(() => F.tier(v, APR))).toBe(over("annualised", shown));
  expect(excelError(() => F.rate(v, APR))).toBe(over("annualised", shown));
  expect(excelError(() => F.pensionable(v))).toBe(over("fee", shown));
  expect(excelError(() => F.employer(v, APR))).toBe(over("pensionable_pay", shown));
  expect(excelError(() => F.yearend([[APR]], [[v]]))).toBe(over("pensionable_pay row 1", shown));
});

test("at the limit each works out, finite and to the penny", () => {
  // £1,000,000,000 a year is in the top tier of 2025/26 (12.5 %, from £65,208): £125,000,000.
  expect(F.contrib(1e9, APR, MAR)).toBe(125_000_000);
  expect(F.rate(1e9, APR)).toBe(0.125);
  // 30 days of service, annualised over 365: 1e9 × 365 / 30 = 12,166,666,666.666…, down to the penny.
  expect(F.annualise(1e9, 30, APR)).toBe(12_166_666_666.66);
  expect(F.pensionable(1e9)).toBe(900_000_000);
  const rows = F.breakdown(1e9, APR, MAR);
  expect(rows[rows.length - 1][7]).toBe(125_000_000);
});

test("locum contrib: the same limit, in one line", async () => {
  const err: string[] = [];
  const code = await main(["contrib", "100000000000000000000", "2025-04-01", "2026-03-31"], { out: () => undefined, err: (s) => err.push(s) });
  expect(code).toBe(2);
  expect(err).toEqual([expect.stringContaining("earnings is 100000000000000000000, more than £1,000,000,000.00, the most an amount may be")]);
});
