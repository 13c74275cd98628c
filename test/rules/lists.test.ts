// Lists by key grown in place (rules/lists.ts), where each key's list used to be copied to add one
// item: the same lists, in the same order. The speed is measured by `npm run bench` (rows.ts), not here.
import { appendAll, appendTo } from "../../src/rules";
import { prepareForms } from "../../src/forms";
import { details, HEADER, row, serial } from "../support/forms";

test("appendTo and appendAll keep each key's items in order", () => {
  const m = new Map<string, number[]>();
  appendTo(m, "a", 1);
  appendTo(m, "b", 2);
  appendTo(m, "a", 3);
  appendAll(m, "a", [4, 5]);
  appendAll(m, "c", []);
  expect([...m]).toEqual([
    ["a", [1, 3, 4, 5]],
    ["b", [2]],
    ["c", []],
  ]);
  // Many items at once (a spread into push would overflow the stack at this size).
  appendAll(
    m,
    "big",
    Array.from({ length: 200_000 }, (_, i) => i),
  );
  expect(m.get("big")!.length).toBe(200_000);
});

test("3,000 identical rows: each after the first is a duplicate of row 2, each stops its month", () => {
  const one = row({ worked: serial(2025, 4, 1), fee: 100, paid: serial(2025, 4, 20), submitted: serial(2025, 5, 2), invoice: "R-1" });
  const p = prepareForms([HEADER, ...Array.from({ length: 3000 }, () => [...one])], details());
  const dups = p.messages.filter((m) => m.kind === "duplicate");
  expect(dups).toHaveLength(2999);
  expect(dups[0]).toMatchObject({ row: 3, text: expect.stringMatching(/^repeats row 2 cell for cell/) });
  expect(dups[2998]).toMatchObject({ row: 3001, text: expect.stringMatching(/^repeats row 2 cell for cell/) });
  expect(p.months.map((m) => [m.monthKey, m.formB === null])).toEqual([["2025-04", true]]);
});
