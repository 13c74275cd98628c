// The year template evaluated by a real formula engine: HyperFormula, with the LOCUM functions
// registered from src/functions/functions.ts. A year of rows is typed into the template; its
// Monthly sheet must give, to the penny, the Forms B prepareForms makes from the same rows and the
// PDFs `locum forms` writes from the same rows saved as an .xlsx.
import { readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import type { CellValue } from "hyperformula";
import { formsCommand } from "../../src/cli/commands/forms";
import { templateBytes } from "../../src/cli/commands/template";
import { prepareForms, type PreparedForms } from "../../src/forms";
import { type Cell, fillTemplate, MONTHLY_HEADER, planTemplate, type YearTemplate, yearTemplate } from "../../src/template";
import { setState } from "../../src/office/state";
import { DEFAULT_SETTINGS, pastTenWeeks } from "../../src/engine";
import { dayFromYmd, DEFAULT_RULES, dayToSerial, ymdOfDay, serialToDay } from "../../src/rules";
import { type Book, buildBook, registerLocumFunctions, shiftRows } from "../support/hyperformula";
import { pdfText, squeeze } from "../support/pdf";
import { GOLDEN, YEAR_DETAILS, YEAR_ROWS } from "../support/year";
import { tempDir } from "../support/tempDir";

const plan = planTemplate({ sheets: [] });
const blank = () => yearTemplate(plan, { rules: DEFAULT_RULES, rows: 10, made: dayFromYmd(2025, 4, 1) });
const fill = (sessions: Record<string, Cell>[], details: Record<string, Cell> = YEAR_DETAILS) => fillTemplate(blank(), { sessions, details });

/** The filled template's Sessions (header and data columns) and Locum details as range.values gives them. */
function inputs(t: YearTemplate): { sessions: unknown[][]; details: unknown[][] } {
  const table = t.sheets.find((s) => s.role === "sessions")!.table!;
  const typed = table.columns.filter((c) => !c.formula).length;
  const sessions = [
    table.columns.slice(0, typed).map((c) => c.name),
    ...Array.from({ length: table.rows }, (_, i) => (table.data[i] ?? []).slice(0, typed).concat(Array(typed).fill("")).slice(0, typed)),
  ];
  const cells = t.sheets.find((s) => s.role === "details")!.cells;
  const details: unknown[][] = [];
  for (const c of cells) {
    const r = Number(c.ref.slice(1)) - 1;
    details[r] ??= ["", ""];
    if (c.ref[0] === "A" || c.ref[0] === "B") details[r]["AB".indexOf(c.ref[0])] = c.value ?? "";
  }
  return { sessions, details };
}

const monthsOf = (book: Book) => book.spill("Monthly", "A5", MONTHLY_HEADER.length);

/** What the Monthly sheet must show for prepareForms's months: the Form B's own figures. */
function expectedRows(p: PreparedForms): unknown[][] {
  return p.months.map((m) => {
    const b = m.formB!;
    expect(b).not.toBeNull();
    return [
      dayToSerial(dayFromYmd(m.year, m.month, 1)),
      b.formsA.length,
      b.a.toNumber(),
      b.tier.rate.toNumber(),
      b.g.toNumber(),
      b.h.toNumber(),
      b.i.toNumber(),
      b.j.toNumber(),
      b.upr,
      dayToSerial(b.dueDate),
      "made",
    ];
  });
}

let ids: string[] = [];
beforeAll(async () => {
  ids = await registerLocumFunctions();
}, 60_000);

describe("a year typed into the template", () => {
  let t: YearTemplate;
  let book: Book;
  let monthly: CellValue[][];
  let prepared: PreparedForms;
  beforeAll(() => {
    t = fill(YEAR_ROWS);
    book = buildBook(t);
    monthly = monthsOf(book);
    const { sessions, details } = inputs(t);
    prepared = prepareForms(sessions, details, { today: dayFromYmd(2026, 6, 1) });
  });

  test("the rows and the forms are what the test means: 39 sessions, 13 months, no error", () => {
    expect(YEAR_ROWS).toHaveLength(39);
    expect(t.sheets[0].table!.rows).toBe(39);
    expect(prepared.errors).toBe(0);
    // April 2025 to March 2026; and April 2026 while the forms put March work paid in April there
    // (before the March rule of issue 7: after it, that work is on March 2026's Form B).
    const keys = prepared.months.map((m) => m.monthKey);
    expect(keys.slice(0, 12)).toEqual([
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
    ]);
    expect(keys.slice(12)).toEqual(keys.length > 12 ? ["2026-04"] : []);
  });

  test("Monthly spills a header and one row per Form B month, equal to prepareForms's Forms B", () => {
    expect(monthly[0]).toEqual([...MONTHLY_HEADER]);
    expect(monthly.slice(1)).toEqual(expectedRows(prepared));
  });

  test("April and May 2025 as worked out by hand (test/support/year.ts)", () => {
    const row = (month: number) => monthly.find((r) => r[0] === month)!;
    for (const g of [GOLDEN.april, GOLDEN.may]) {
      const r = row(g.month);
      expect(r.slice(0, 8)).toEqual([g.month, g.formsA, g.a, g.rate, g.g, g.h, g.i, g.j]);
      expect(r[9]).toBe(g.due);
      expect(r[10]).toBe("made");
    }
    expect(row(GOLDEN.april.month)[8]).toMatch(/^12345678LOCAPR(20)?25$/);
  });

  test("the March work paid in April is on the month the forms put it on, counted once", () => {
    const holding = prepared.months.filter((m) => m.formsA.some((f) => f.invoice === "C-0326"));
    expect(holding).toHaveLength(1);
    // April 2026 before the March rule (issue 7), March 2026 after it: the Monthly row is that month's.
    expect(["2026-03", "2026-04"]).toContain(holding[0].monthKey);
    const r = monthly.find((x) => x[0] === dayToSerial(dayFromYmd(holding[0].year, holding[0].month, 1)))!;
    const formA = holding[0].formsA.find((f) => f.invoice === "C-0326")!;
    // £500.00 → Box 2 £450.00, Box 3 £64.71 (14.38 %: £64.71), within the month's boxes a and h.
    expect([formA.box1.toNumber(), formA.box2.toNumber(), formA.box3.toNumber()]).toEqual([500, 450, 64.71]);
    expect(r[2]).toBe(holding[0].formsA.reduce((t, f) => t + f.box2.toNumber() * 100, 0) / 100);
  });

  test("the Pensionable pay column is 90 % of the fee unrounded; a Form A's rows add up to its Box 2 before rounding", () => {
    expect(book.value("Sessions", "N2")).toBe(90.045);
    const col = (ref: string) => book.value("Sessions", ref) as number;
    // R-0425 is rows 2 to 4: 3 × £90.045 = £270.135, which rounds half up to Box 2 £270.14.
    expect(col("N2") + col("N3") + col("N4")).toBeCloseTo(270.135, 9);
    const april = prepared.months[0].formsA.find((f) => f.invoice === "R-0425")!;
    expect(april.box2.toNumber()).toBe(270.14);
    // Every Form A: its rows' Pensionable pay, added then rounded half up, is its Box 2.
    for (const m of prepared.months) {
      for (const f of m.formsA) {
        const sum = f.rows.reduce((s, row) => s + col(`N${row}`), 0);
        expect(Math.round(Math.round(sum * 1000) / 10) / 100).toBe(f.box2.toNumber());
      }
    }
  });

  test("the Form A column: LOCUM.FORMA when it is registered, else #NAME? (stage 2)", () => {
    const formA = (row: number) => book.value("Sessions", `M${row}`);
    if (!ids.includes("FORMA")) {
      expect(formA(2)).toMatchObject({ type: "NAME" });
      return;
    }
    // Text beginning with the Form B month (mm/yyyy); rows on one Form A share it, and only they.
    const groups = new Map<string, number[]>();
    for (let row = 2; row <= 40; row++) {
      const text = String(formA(row));
      const [y, m] = prepared.rowMonths[row][0].split("-");
      expect(text.startsWith(`${m}/${y}`)).toBe(true);
      groups.set(text, [...(groups.get(text) ?? []), row]);
    }
    const forms = prepared.months.flatMap((m) => m.formsA.map((f) => [...f.rows].sort((a, b) => a - b)));
    expect([...groups.values()].sort((a, b) => a[0] - b[0])).toEqual(forms.sort((a, b) => a[0] - b[0]));
  });

  test("the Year end sheet: LOCUM.YEAREND when it is registered, else #NAME? (stage 2)", () => {
    const v = book.value("Year end", "A4");
    if (!ids.includes("YEAREND")) expect(v).toMatchObject({ type: "NAME" });
    else expect(v).toBe("Scheme year"); // its header row; test/template/yearEnd.test.ts checks the figures against locum yearend
  });

  describe("locum forms on the same rows, saved as an .xlsx by the template's writer", () => {
    let dir: string;
    let code: number;
    let err: string;
    beforeAll(async () => {
      const folder = tempDir("template-year-");
      const file = join(folder, "year.xlsx");
      // Without calculated columns: the .xlsx reader cannot read them yet (template.cli.test.ts).
      writeFileSync(file, await templateBytes(t, { calculatedColumns: false }));
      dir = join(folder, "out");
      const e: string[] = [];
      code = await formsCommand([file, "--out", dir, "--today", "2026-06-01"], { out: () => undefined, err: (s) => e.push(s) });
      err = e.join("\n");
    }, 120_000);

    test("writes every month's forms", () => {
      expect(err).not.toMatch(/^Error/m);
      expect(code).toBe(0);
      expect(readdirSync(dir).filter((n) => /^\d{4}-\d{2}$/.test(n)).length).toBe(monthly.length - 1);
    });

    test("each month's PCSE entry sheet and Form B give the Monthly sheet's figures", () => {
      const pounds = (s: string) => Number(s.replace(/[£,]/g, ""));
      for (const r of monthly.slice(1)) {
        const { y, m } = ymdOfDay(serialToDay(r[0] as number)!);
        const folder = join(dir, `${y}-${String(m).padStart(2, "0")}`);
        const files = readdirSync(folder);
        const entry = squeeze(
          pdfText(
            readFileSync(
              join(
                folder,
                files.find((f) => /entry-sheet\.pdf$/.test(f))!,
              ),
            ),
          ),
        );
        const box = (label: string) => pounds(new RegExp(`${label}[^£\\n]*(£[\\d,]+\\.\\d\\d)`).exec(entry)![1]);
        expect([
          box("a Total pensionable pay"),
          box("g Total employee contributions"),
          box("h Total employer contributions"),
          box(String.raw`i Total to pay \(g \+ h\)`),
          box("j Cumulative locum pensionable income"),
        ]).toEqual([r[2], r[4], r[5], r[6], r[7]]);
        expect(entry).toContain(`Unique payment reference (UPR) ${r[8]}`);
        const due = ymdOfDay(serialToDay(r[9] as number)!);
        expect(entry).toContain(`To arrive by ${String(due.d).padStart(2, "0")}/${String(due.m).padStart(2, "0")}/${due.y}`);
        expect(entry).toContain(`Tiered contribution rate ${(r[3] as number) * 100}%`);
        const formB = squeeze(
          pdfText(
            readFileSync(
              join(
                folder,
                files.find((f) => /-FormB\.pdf$/.test(f))!,
              ),
            ),
          ),
        );
        expect(pounds(/^ ?a Total pensionable pay.* (£[\d,]+\.\d\d)$/m.exec(formB)![1])).toBe(r[2]);
      }
    });
  });
});

describe("what the Monthly sheet says when a month cannot be made", () => {
  test("an agency row stops its month (Status names the row and cell); the months after it are made", () => {
    const rows = [...YEAR_ROWS];
    const june = rows.findIndex((r) => r["Date worked"] === dayToSerial(dayFromYmd(2025, 6, 17)));
    rows[june] = { ...rows[june], "Engaged via": "agency" };
    const t = fill(rows);
    const monthly = monthsOf(buildBook(t));
    const excelRow = june + 2;
    const r = monthly.find((x) => x[0] === dayToSerial(dayFromYmd(2025, 6, 1)))!;
    // The row can never be pensioned: June's Form B waits until it is removed, and the sheet shows that Form B as it will
    // be (the figures the year end counts), saying why it is not made yet.
    const { sessions, details } = inputs(t);
    const p = prepareForms(sessions, details);
    const waiting = p.months.find((m) => m.monthKey === "2025-06")!.leftOff!.formB!;
    expect(r.slice(1, 11)).toEqual([
      waiting.formsA.length,
      ...[waiting.a, waiting.tier.rate, waiting.g, waiting.h, waiting.i, waiting.j].map((d) => d.toNumber()),
      r[8],
      dayToSerial(waiting.dueDate),
      expect.stringMatching(
        new RegExp(
          `^stopped until the rows to leave off are removed \\(the figures are this Form B's once they are\\): Sessions row ${excelRow}, Engaged via \\(I${excelRow}\\): work arranged through an agency`,
        ),
      ),
    ]);
    expect(p.months.find((m) => m.monthKey === "2025-06")!.formB).toBeNull();
    const july = monthly.find((x) => x[0] === dayToSerial(dayFromYmd(2025, 7, 1)))!;
    const pJuly = p.months.find((m) => m.monthKey === "2025-07")!.formB!;
    expect(july.slice(2, 8)).toEqual([pJuly.a, pJuly.tier.rate, pJuly.g, pJuly.h, pJuly.i, pJuly.j].map((d) => d.toNumber()));
    expect(july[10]).toBe("made");
  });

  test("missing details stop every month, each saying the first one and how many more", () => {
    const { Surname, "GMC number": gmc, ...rest } = YEAR_DETAILS;
    void Surname;
    void gmc;
    const monthly = monthsOf(buildBook(fill(YEAR_ROWS.slice(0, 4), rest)));
    // No details, no SD number: no UPR either.
    expect(monthly.slice(1)).toEqual([
      [
        GOLDEN.april.month,
        0,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "stopped: Locum details row 2, Surname (B2): is empty: fill it in (every form shows it) (and 1 more error)",
      ],
    ]);
  });

  test("the empty template: the header and one row saying what to do first", () => {
    const monthly = monthsOf(buildBook(blank()));
    expect(monthly).toEqual([
      [...MONTHLY_HEADER],
      ["", "", "", "", "", "", "", "", "", "", "no Form B yet: Locum details row 2, Surname (B2): is empty: fill it in (every form shows it)"],
    ]);
  });

  test("details filled, no sessions yet: says so", () => {
    const monthly = monthsOf(buildBook(fill([])));
    expect(monthly[1][10]).toBe("no Form B yet: Sessions row 1: no sessions below the header row: add one row per session (or per period) worked");
  });

  test("a broken LocumRules in force is #VALUE! with its message, as for every LOCUM function", () => {
    const t = fill(YEAR_ROWS.slice(0, 4));
    setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS, error: "LocumRules row 6: rate must be a fraction" });
    try {
      expect(buildBook(t).value("Monthly", "A5")).toMatchObject({ type: "VALUE", message: "LocumRules row 6: rate must be a fraction" });
    } finally {
      setState({ rules: DEFAULT_RULES, settings: DEFAULT_SETTINGS });
    }
    expect(buildBook(t).value("Monthly", "A5")).toBe("Month");
  });

  test("an Excel error in the sessions is the spill's result, not a wrong figure", () => {
    const book = buildBook(fill(YEAR_ROWS.slice(0, 4)));
    book.hf.setCellContents({ sheet: book.hf.getSheetId("Sessions")!, row: 1, col: 4 }, "=1/0");
    expect(book.value("Monthly", "A5")).toMatchObject({ type: "DIV_BY_ZERO" });
  });

  test("the spill's size hook reserves enough rows for one month per row (the worst case)", () => {
    const rows = Array.from({ length: 12 }, (_, i) => {
      const [y, m] = i < 9 ? [2025, i + 4] : [2026, i - 8];
      return {
        "Date worked": dayToSerial(dayFromYmd(y, m, 2)),
        Practice: "Riverside Medical Centre",
        "Practice code": "Y02345",
        Fee: 100,
        "Date paid": dayToSerial(dayFromYmd(y, m, 20)),
        "Date submitted": dayToSerial(dayFromYmd(y, m, 25)),
      };
    });
    const t = yearTemplate(plan, { rules: DEFAULT_RULES, rows: 1 });
    const monthly = monthsOf(buildBook(fillTemplate(t, { sessions: rows, details: YEAR_DETAILS })));
    expect(monthly).toHaveLength(13);
    expect(monthly.slice(1).every((r) => r[10] === "made")).toBe(true);
  });
});

describe("the Tables in force sheet evaluated", () => {
  test("each table's live LOCUM.TABLE line names the table the functions use on its first day", () => {
    const book = buildBook(blank());
    expect(book.value("Tables in force", "I5")).toBe("2015/16 to 2022/23 (to 30 Sep 2022): confirmed, in force 01/04/2015 to 30/09/2022");
    const first = book.value("Tables in force", "B5");
    expect(first).toBe(42095);
    // The 2026/27 table is the published one and says so.
    const cells = blank()
      .sheets.find((s) => s.role === "tables")!
      .cells.filter((c) => c.formula);
    const last = cells[cells.length - 1];
    expect(book.value("Tables in force", last.ref)).toBe("2026/27: published, in force 01/04/2026 to 31/03/2027");
  });
});

describe("the 10-week highlight evaluated on rows either side of the limit", () => {
  const cf = blank().sheets[0].conditionalFormats[0];
  const d = (y: number, m: number, day: number) => dayToSerial(dayFromYmd(y, m, day));
  let book: Book;
  let today: number;
  const rows: { worked?: Cell; last?: Cell; submitted?: Cell; why: string }[] = [];
  beforeAll(() => {
    // TODAY() as HyperFormula (and Excel) sees it on this machine.
    today = buildBook(blank()).calc("Sessions", "TODAY()") as number;
    rows.push(
      { worked: d(2025, 4, 1), submitted: d(2025, 4, 1) + 70, why: "submitted 70 days after: on the limit" },
      { worked: d(2025, 4, 1), submitted: d(2025, 4, 1) + 71, why: "71 days after: past it" },
      { worked: today - 70, why: "not submitted, 70 days before today" },
      { worked: today - 71, why: "not submitted, 71 days before today" },
      { worked: d(2021, 1, 4), submitted: d(2021, 6, 1), why: "submitted while the rule was suspended" },
      { worked: d(2022, 7, 1), submitted: d(2022, 9, 30), why: "submitted on the last suspended day" },
      { worked: d(2022, 7, 1), submitted: d(2022, 10, 1), why: "submitted on 1 October 2022, 92 days after" },
      { worked: d(2020, 1, 2), submitted: d(2020, 3, 31), why: "submitted before the suspension, 89 days after" },
      {
        worked: d(2025, 4, 1),
        last: d(2025, 4, 5),
        submitted: d(2025, 4, 1) + 74,
        why: "01/04 to 05/04, submitted 74 days after the first: 70 after the last",
      },
      { worked: d(2025, 4, 1), last: d(2025, 4, 5), submitted: d(2025, 4, 1) + 75, why: "01/04 to 05/04, submitted 71 days after the last: past it" },
      { why: "an empty row" },
      { worked: "01/04/2015", submitted: d(2025, 4, 1), why: "a date typed as text (the validation refuses it; the forms read it)" },
    );
    const sessions = rows.map((r) => ({
      ...(r.worked !== undefined ? { "Date worked": r.worked } : {}),
      ...(r.last !== undefined ? { "Last day": r.last } : {}),
      ...(r.submitted !== undefined ? { "Date submitted": r.submitted } : {}),
    }));
    book = buildBook(fillTemplate(blank(), { sessions }));
  });

  const flagged = (i: number) => book.calc("Sessions", shiftRows(cf.formula, i)) as boolean;

  test("the formula, moved to each row, gives what the engine's 10-week rule gives (the default last-day anchor)", () => {
    const results = rows.map((r, i) => [r.why, flagged(i)]);
    expect(results).toEqual([
      ["submitted 70 days after: on the limit", false],
      ["71 days after: past it", true],
      ["not submitted, 70 days before today", false],
      ["not submitted, 71 days before today", true],
      ["submitted while the rule was suspended", false],
      ["submitted on the last suspended day", false],
      ["submitted on 1 October 2022, 92 days after", true],
      ["submitted before the suspension, 89 days after", true],
      ["01/04 to 05/04, submitted 74 days after the first: 70 after the last", false],
      ["01/04 to 05/04, submitted 71 days after the last: past it", true],
      ["an empty row", false],
      ["a date typed as text (the validation refuses it; the forms read it)", false],
    ]);
    for (const [i, r] of rows.entries()) {
      if (typeof r.worked !== "number") continue;
      const first = serialToDay(r.worked)!;
      const last = typeof r.last === "number" ? serialToDay(r.last)! : first;
      const sent = serialToDay(typeof r.submitted === "number" ? r.submitted : today)!;
      expect([r.why, flagged(i)]).toEqual([r.why, pastTenWeeks(first, last, sent, DEFAULT_SETTINGS)]);
    }
  });

  test("shiftRows moves relative rows only", () => {
    expect(shiftRows('AND($A2,$K$2,K2,"A2",DATE(2020,4,1),LOG10(A2))', 3)).toBe('AND($A5,$K$2,K5,"A2",DATE(2020,4,1),LOG10(A5))');
  });
});
