// The year end's sums over a folder of clients (src/yearend/totals.ts): which years count.
import { YearEndTotals, type TotalsYear } from "../../src/yearend";

const year = (over: Partial<TotalsYear>): TotalsYear => ({
  schemeYear: 2025,
  label: "2025/26",
  final: true,
  inProgress: false,
  difference: "0.00",
  type2DueBy: null,
  ...over,
});
const locum = (sd: string) => ({ name: `Dr ${sd}`, sdNumber: sd });

test("final, ended years add up; a copy, a year not final and a year in progress are left out, each counted", () => {
  const t = new YearEndTotals();
  // Client 0: a top-up of £412.30 in 2025/26 and a refund of £20.10 in 2024/25.
  expect(
    t.add({
      index: 0,
      file: "a.xlsx",
      locum: locum("11111111"),
      years: [year({ difference: "412.30" }), year({ schemeYear: 2024, label: "2024/25", difference: "-20.10" })],
    }),
  ).toEqual([null, null]);
  // Client 1: the same locum's 2025/26 again (a copy): named, not added.
  expect(t.add({ index: 1, file: "a copy.xlsx", locum: locum("11111111"), years: [year({ difference: "412.30" })] })).toEqual(["a.xlsx"]);
  // Client 2: a year not final (£100 left out); client 3: a year in progress with a Type 2 (listed, not added).
  t.add({ index: 2, file: "b.xlsx", locum: locum("22222222"), years: [year({ final: false, difference: "100.00" })] });
  t.add({ index: 3, file: "c.xlsx", locum: locum("33333333"), years: [year({ inProgress: true, difference: "5.00", type2DueBy: "28/02/2027" })] });
  // Client 4: nothing to settle: in neither count.
  t.add({ index: 4, file: "d.xlsx", locum: locum("44444444"), years: [year({ difference: "0.00" })] });
  expect([t.topUps.toFixed(2), t.topUpClients.size, t.refunds.toFixed(2), t.refundClients.size]).toEqual(["412.30", 1, "20.10", 1]);
  expect([t.notFinal, t.inProgress]).toEqual([1, 1]);
  expect(t.copies).toEqual([{ file: "a copy.xlsx", first: "a.xlsx", schemeYear: "2025/26" }]);
  expect(t.type2).toEqual([{ file: "c.xlsx", schemeYear: "2025/26", dueBy: "28/02/2027", inProgress: true }]);
});

test("without an SD number the locum is told apart by name, case ignored; no locum is never a copy", () => {
  const t = new YearEndTotals();
  t.add({ index: 0, file: "x.xlsx", locum: { name: "Siân Jones", sdNumber: "" }, years: [year({ difference: "1.00" })] });
  expect(t.add({ index: 1, file: "y.xlsx", locum: { name: "SIÂN JONES", sdNumber: "" }, years: [year({ difference: "1.00" })] })).toEqual(["x.xlsx"]);
  expect(t.add({ index: 2, file: "z.xlsx", locum: null, years: [year({ difference: "1.00" })] })).toEqual([null]);
  expect(t.topUps.toFixed(2)).toBe("2.00");
});
