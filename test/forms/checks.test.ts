// The checks on read sessions, called directly: duplicates (compared whole only among rows sharing
// Date worked and Fee), the 10-week rule's words, out-of-hours mentions, invoices over a year's end,
// and the helpers for runs of days.
import { DEFAULT_SETTINGS } from "../../src/engine";
import { checkSessions, sentByMonth } from "../../src/forms/checks";
import fc from "fast-check";
import { daysCovered, daysInRuns, runsOf, runsOf as runs, runsOfSpans } from "../../src/rules";
import { Findings } from "../../src/workbook/findings";
import { readSessions } from "../../src/forms/sessions";
import { type Day, dayFromYmd } from "../../src/rules";
import { HEADER, row, type RowSpec, serial } from "../support/forms";

const paidApril = (over: Partial<RowSpec> & { worked: unknown }) => row({ paid: serial(2025, 4, 20), submitted: serial(2025, 5, 1), ...over });

function check(rows: unknown[][], today: Day = dayFromYmd(2025, 5, 2)) {
  const out = new Findings();
  const read = readSessions([HEADER, ...rows], out, { today });
  const kept = checkSessions(read, { settings: DEFAULT_SETTINGS, submitted: null, today, out, locum: null, columns: read.columns, firstCol: read.firstCol });
  return { out, read, kept, kinds: out.list.map((m) => [m.row, m.kind]) };
}

describe("duplicates", () => {
  test("a row repeated cell for cell is an error on the later row, naming its cells", () => {
    const r = paidApril({ worked: serial(2025, 4, 1), invoice: "INV-1" });
    const { out, kept } = check([r, paidApril({ worked: serial(2025, 4, 2) }), [...r]]);
    const dup = out.list.find((m) => m.kind === "duplicate")!;
    expect(dup).toMatchObject({ row: 4, cell: "A4:K4", level: "error" });
    expect(dup.text).toBe(
      "repeats row 2 cell for cell: delete one; if you really worked two sessions, put them on one row with the total fee, or tell them apart in Notes",
    );
    expect(kept.map((s) => s.row)).toEqual([2, 3]);
  });

  test("same Date worked and Fee but another note is no duplicate; outer spaces do not count", () => {
    const a = paidApril({ worked: serial(2025, 4, 1), notes: "morning" });
    const { kinds } = check([a, paidApril({ worked: serial(2025, 4, 1), notes: "evening" })]);
    expect(kinds.filter(([, k]) => k === "duplicate")).toEqual([]);
    const spaced = check([a, paidApril({ worked: serial(2025, 4, 1), notes: "  morning " })]);
    expect(spaced.kinds.filter(([, k]) => k === "duplicate")).toEqual([[3, "duplicate"]]);
  });

  test("cells are compared as written: a date cell and the same day typed as text are not a repeat", () => {
    const { kinds, kept } = check([paidApril({ worked: serial(2025, 4, 1) }), paidApril({ worked: "01/04/2025" })]);
    expect(kept.map((s) => s.first)).toEqual([dayFromYmd(2025, 4, 1), dayFromYmd(2025, 4, 1)]);
    expect(kinds.map(([, k]) => k)).not.toContain("duplicate");
  });

  test("three copies: each later one names the first", () => {
    const r = paidApril({ worked: serial(2025, 4, 7) });
    const { out } = check([r, [...r], [...r]]);
    expect(out.list.filter((m) => m.kind === "duplicate").map((m) => [m.row, m.text.slice(0, 12)])).toEqual([
      [3, "repeats row "],
      [4, "repeats row "],
    ]);
    expect(out.list.filter((m) => m.kind === "duplicate").every((m) => m.text.startsWith("repeats row 2 "))).toBe(true);
  });
});

describe("the 10-week rule", () => {
  test("paid more than 10 weeks after the period's last day: the limit named in words", () => {
    // 01/05/2025 + 70 days = 10/07/2025; paid 11/07/2025 is one day late.
    const late = check([row({ worked: serial(2025, 5, 1), paid: serial(2025, 7, 11) })], dayFromYmd(2025, 8, 1));
    const e = late.out.list.find((m) => m.kind === "ten-week")!;
    expect(e).toMatchObject({ row: 2, field: "Date paid", leaveOff: true });
    expect(e.text).toBe(
      "paid 11/07/2025, more than 10 weeks after the work (the limit was 10/07/2025, 10 weeks from the last day of the period worked, 01/05/2025): work cannot be pensioned when the forms reach PCSE that late; leave the row off, or correct the dates",
    );
    const onTime = check([row({ worked: serial(2025, 5, 1), paid: serial(2025, 7, 10), submitted: serial(2025, 7, 10) })], dayFromYmd(2025, 8, 1));
    expect(onTime.kinds).toEqual([]);
  });

  test("consecutive days on one Form A make one period: the limit runs from its last day", () => {
    // 1, 2 and 3 April at one practice: the period ends 03/04/2025, so 12/06/2025 is the limit for all three.
    const rows = [1, 2, 3].map((d) => row({ worked: serial(2025, 4, d), paid: serial(2025, 4, 20), submitted: serial(2025, 6, 12) }));
    // Sent on time from the last day; from the first day (the strict reading) 1 and 2 April were late: said once.
    const onTime = check(rows, dayFromYmd(2025, 7, 1));
    expect(onTime.kinds).toEqual([[2, "ten-week first day"]]);
    expect(onTime.out.list[0].text).toMatch(/^rows 2, 3 reached PCSE within 10 weeks of the last day of the period worked, but not of the first day/);
    const late = rows.map((r) => r.map((c, i) => (i === HEADER.indexOf("Date submitted") ? serial(2025, 6, 13) : c)));
    const { out } = check(late, dayFromYmd(2025, 7, 1));
    const tenWeek = out.list.filter((m) => m.kind === "ten-week");
    expect(tenWeek.map((m) => m.row)).toEqual([2, 3, 4]);
    expect(tenWeek[0].text).toContain("the limit was 12/06/2025, 10 weeks from the last day of the period worked, 03/04/2025");
  });

  test("no date sent, the limit before the due date: one warning for the month, the limit and the rows", () => {
    // Worked 01/04/2025, paid 05/06/2025: the June Form B is due 07/07/2025, but the limit is 10/06/2025.
    const { out } = check([row({ worked: serial(2025, 4, 1), paid: serial(2025, 6, 5) })], dayFromYmd(2025, 6, 6));
    const w = out.list.find((m) => m.kind === "ten-week unsent")!;
    expect(w.text).toBe(
      "send the June 2025 forms by 10/06/2025 (10 weeks from the last day of the period worked, 01/04/2025; row 2), earlier than the Form B due date 07/07/2025; give Date submitted (or --submitted) to check the date you send them",
    );
    // Paid in April, due 07/05/2025, well before the limit: nothing to say yet.
    expect(check([row({ worked: serial(2025, 4, 1), paid: serial(2025, 4, 20) })], dayFromYmd(2025, 5, 2)).kinds).toEqual([]);
  });
});

describe("work that cannot go on Form A", () => {
  test("out-of-hours in a practice name: a warning on each row that says so; stated practice work: none", () => {
    const ooh = (d: number, type = "") => paidApril({ worked: serial(2025, 4, d), practice: "Local Care Direct OOH", code: "Y33333", type });
    const { out } = check([ooh(1), ooh(2), ooh(3, "practice")]);
    const warned = out.list.filter((m) => m.kind === "ooh mention");
    expect(warned.map((m) => [m.row, m.field])).toEqual([
      [2, "Practice"],
      [3, "Practice"],
    ]);
    expect(warned[0].text).toMatch(/^the practice name "Local Care Direct OOH" mentions out-of-hours or urgent-care work/);
  });

  test("a note saying NHS 111 is found after the practice name and session", () => {
    const { out } = check([paidApril({ worked: serial(2025, 4, 1), notes: "NHS 111 shift" })]);
    expect(out.list.find((m) => m.kind === "ooh mention")).toMatchObject({ field: "Notes" });
    expect(out.list.find((m) => m.kind === "ooh mention")!.text).toMatch(/^the note "NHS 111 shift" mentions/);
  });
});

describe("invoices over a scheme year's end", () => {
  test("one invoice for 31 March and 1 April: said once; one invoice over April and May: nothing", () => {
    const inv = (y: number, m: number, d: number, paid: number, invoice: string) => row({ worked: serial(y, m, d), paid, invoice, submitted: paid });
    const across = check([inv(2026, 3, 31, serial(2026, 4, 10), "INV-9"), inv(2026, 4, 1, serial(2026, 4, 10), "INV-9")], dayFromYmd(2026, 4, 11));
    const w = across.out.list.filter((m) => m.kind === "invoice across cut");
    expect(w).toHaveLength(1);
    expect(w[0].text).toMatch(/^invoice INV-9 \(rows 2, 3\) holds days on both sides of a scheme year's end .* on the March 2026 and April 2026 Forms B/);
    const within = check([inv(2025, 4, 30, serial(2025, 4, 30), "INV-1"), inv(2025, 5, 1, serial(2025, 5, 2), "INV-1")], dayFromYmd(2025, 5, 3));
    expect(within.kinds.map(([, k]) => k)).not.toContain("invoice across cut");
  });
});

describe("runs of days", () => {
  test("consecutive days as runs, duplicates once, any order", () => {
    const d = dayFromYmd(2025, 4, 1);
    expect(runs([d + 4, d, d + 1, d + 1, d + 2, d + 7])).toEqual([
      [d, d + 2],
      [d + 4, d + 4],
      [d + 7, d + 7],
    ]);
    expect(runs([])).toEqual([]);
  });

  test("runs of the days spans cover: as runs of the days listed one by one", () => {
    const d = dayFromYmd(2025, 4, 1);
    const spans = [
      { first: d + 5, last: d + 6 },
      { first: d, last: d + 2 },
      { first: d + 3, last: d + 3 },
      { first: d + 9, last: d + 8 },
      { first: d + 1, last: d + 1 },
    ];
    expect(runsOfSpans(spans)).toEqual([
      [d, d + 3],
      [d + 5, d + 6],
    ]);
    expect(daysCovered(spans)).toBe(6);
    expect(daysInRuns(runsOfSpans(spans))).toBe(6);
    expect(runsOfSpans([])).toEqual([]);
    const listed = (list: { first: number; last: number }[]) =>
      list.flatMap(({ first, last }) => Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i));
    fc.assert(
      fc.property(fc.array(fc.record({ first: fc.integer({ min: 0, max: 60 }), last: fc.integer({ min: 0, max: 60 }) }), { maxLength: 12 }), (list) => {
        expect(runsOfSpans(list)).toEqual(runsOf(listed(list)));
        expect(daysCovered(list)).toBe(new Set(listed(list)).size);
      }),
    );
  });

  test("the latest Date submitted of each month's rows", () => {
    const { read } = check([
      paidApril({ worked: serial(2025, 4, 1), submitted: serial(2025, 5, 1) }),
      paidApril({ worked: serial(2025, 4, 2), submitted: serial(2025, 5, 3), practice: "Castle Street Surgery", code: "B86021" }),
    ]);
    expect([...sentByMonth(read.sessions)]).toEqual([["2025-04", dayFromYmd(2025, 5, 3)]]);
  });
});

test("a practice with no code on one row says row, not rows", () => {
  const { out } = check([paidApril({ worked: serial(2025, 4, 1), code: "" })]);
  const said = out.list.find((m) => m.kind === "no code");
  expect(said?.text).toMatch(/^empty for Riverside Medical Centre \(row 2\): Form A and Form B show the code box empty/);
});
