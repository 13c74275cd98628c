// src/workbook/columns.ts: a header row to fields, and what it says of a header it cannot use.
import { columnIndex, columnLetter, findColumns } from "../../src/workbook/columns";

describe("findColumns", () => {
  test("a missing required column is named, with the columns not read (where the locum's own name for it is)", () => {
    const c = findColumns(["Date", "Surgery", "ODS code", "Session", "Amount (£)", "Money in", "Inv no", "Sent to PCSE"]);
    // Date, Surgery, ODS code, Amount, Inv no and Sent to PCSE are names the reader knows; "Money in" is not.
    expect(c.problems.map((p) => p.text)).toEqual([
      'no "Date paid" column in the header row: add it, or rename the column that holds it (the columns not read: F ("Money in"))',
    ]);
  });

  test("with every column read, the message names none", () => {
    const c = findColumns(["Date worked", "Practice", "Practice code", "Fee"]);
    expect(c.problems.map((p) => p.text)).toEqual(['no "Date paid" column in the header row: add it, or rename the column that holds it']);
  });

  test('"Received on" and "Money received" are Date paid', () => {
    for (const h of ["Received on", "Money received", "Date money received"])
      expect(findColumns(["Date worked", "Practice", "Practice code", "Fee", h])).toMatchObject({ index: { paid: 4 }, problems: [] });
  });

  test("column letters and numbers, both ways", () => {
    expect([0, 25, 26, 701, 16383].map(columnLetter)).toEqual(["A", "Z", "AA", "ZZ", "XFD"]);
    expect(["A", "z", "AA", "ZZ", "XFD"].map(columnIndex)).toEqual([0, 25, 26, 701, 16383]);
  });
});
