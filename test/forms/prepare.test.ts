// Each error class of issue 3 gives its message, naming sheet, row and field, and stops exactly the
// forms it concerns (no PDF for them); each warning leaves the forms written.
import { formatMessage } from "../../src/workbook";
import { forRows, prepareForms, type Message, type PreparedForms, type PrepareOptions } from "../../src/forms";
import { renderPdfs } from "../../src/pdf";
import { buildRuleSet, dayFromYmd, upliftCpi } from "../../src/rules";
import { details, fontBytes, HEADER, row, type RowSpec, serial } from "../support/forms";

const today = dayFromYmd(2025, 5, 1);
// £100 a day annualises to £90 × 365 = £32,850: the 8.3 % tier of 2025/26 and 2026/27, so a given
// rate of 8.3 % is never contradicted by these rows.
const TIER = { "Tier rate": "8.3%" };
const good = (over: Partial<RowSpec> = {}) => row({ worked: serial(2025, 4, 1), paid: serial(2025, 4, 20), ...over });
const other = row({ worked: serial(2025, 4, 2), practice: "Castle Street Surgery", code: "B86021", paid: serial(2025, 4, 22) });

function run(rows: unknown[][], det = details(TIER), opts: PrepareOptions = {}): PreparedForms {
  return prepareForms(rows, det, { today, ...opts });
}
const errors = (p: PreparedForms) => p.messages.filter((m) => m.level === "error");
const warnings = (p: PreparedForms) => p.messages.filter((m) => m.level === "warning");
const only = (ms: Message[]) => {
  expect(ms).toHaveLength(1);
  return ms[0];
};

/** The bad row (Sessions row 2) stops its Form A and the month's Form B; the other practice's Form A is still written. */
async function expectRowError(bad: Partial<RowSpec>, field: string | undefined, text: RegExp, opts: PrepareOptions = {}, month = "April 2025") {
  const p = run([HEADER, good(bad), other], details(TIER), opts);
  const e = only(errors(p));
  expect(e).toMatchObject({ sheet: "Sessions", row: 2 });
  if (field) expect(e.field).toBe(field);
  expect(e.text).toMatch(text);
  expect(formatMessage(e)).toMatch(/^Error: Sessions row 2/);
  expect(e.stops).toContain(`Form B ${month} and its pack`);
  const files = await renderPdfs(p, fontBytes());
  const castle = "2025-04/12345678LOCAPR2025-FormA-01-B86021-Castle-Street-Surgery.pdf";
  // A bad row of another month leaves April's forms whole.
  const april =
    month === "April 2025"
      ? [castle]
      : [
          "2025-04/12345678LOCAPR2025-FormB.pdf",
          castle,
          "2025-04/12345678LOCAPR2025-pack-FormB-and-FormsA.pdf",
          "2025-04/12345678LOCAPR2025-PCSE-online-entry-sheet.pdf",
        ];
  expect(files.map((f) => f.name)).toEqual(april);
  return e;
}

describe("errors stop that form, say so, and name sheet, row and field", () => {
  test("a missing required cell", async () => {
    const e = await expectRowError({ practice: "" }, "Practice", /is empty: give the practice's name/);
    expect(e.cell).toBe("B2");
  });

  test("a non-positive fee", async () => {
    await expectRowError({ fee: 0 }, "Fee", /must be more than £0\.00/);
    await expectRowError({ fee: -100 }, "Fee", /cannot be negative/);
  });

  test("a non-numeric fee: text in a money cell", async () => {
    const e = await expectRowError({ fee: "£100.00" }, "Fee", /must be a number of pounds, not the text "£100\.00": type the amount as a number/);
    expect(e.cell).toBe("D2");
    expect(e.stops![0]).toBe("Form A April 2025 Riverside Medical Centre");
  });

  test("Excel error values in cells", async () => {
    await expectRowError({ fee: "#REF!" }, "Fee", /holds the Excel error #REF!/);
    await expectRowError({ practice: "#N/A" }, "Practice", /holds the Excel error #N\/A/);
  });

  test("an unreadable date", async () => {
    await expectRowError({ worked: "31/02/2025" }, "Date worked", /is not a date: the text "31\/02\/2025"/);
    await expectRowError({ worked: "next Tuesday" }, "Date worked", /is not a date/);
  });

  test("an unreadable date paid stops every Form B (the pay belongs to one of them)", () => {
    const p = run([HEADER, good({ paid: "soon" }), other]);
    const e = only(errors(p));
    expect(e.field).toBe("Date paid");
    expect(e.stops).toEqual(["Form B April 2025 and its pack"]);
    expect(p.months[0].formsA).toHaveLength(1);
  });

  test("pay received before the work", async () => {
    await expectRowError(
      { worked: serial(2025, 4, 21), paid: serial(2025, 4, 20) },
      "Date paid",
      /20\/04\/2025 is before the last day worked \(21\/04\/2025\)/,
    );
  });

  test("work that cannot be pensioned on Form A", async () => {
    await expectRowError({ via: "Limited company" }, "Engaged via", /limited company cannot be pensioned/);
    await expectRowError({ via: "Agency" }, "Engaged via", /agency or commercial deputising service/);
    await expectRowError({ via: "independent provider" }, "Engaged via", /independent provider/);
    await expectRowError({ type: "Out of hours" }, "Work type", /SOLO form, not Form A/);
    await expectRowError({ type: "ICB" }, "Work type", /ICB \(formerly CCG\) work is pensioned on the SOLO form/);
    for (const n of [3, 5, 6, 7]) await expectRowError({ via: `PCN scenario ${n}` }, "Engaged via", new RegExp(`PCN scenario ${n}: .*cannot pension it`));
    expect(errors(run([HEADER, good({ via: "PCN scenario 1" })]))).toEqual([]);
  });

  test("work paid more than 10 weeks after it was done (rule in force from 1 October 2022)", async () => {
    // January work paid in April belongs to the old year: on March's Form B (the March rule), too late.
    await expectRowError(
      { worked: serial(2025, 1, 6), paid: serial(2025, 4, 20) },
      "Date paid",
      /paid 20\/04\/2025, more than 10 weeks after the work \(the limit was 17\/03\/2025, 10 weeks from the last day of the period worked, 06\/01\/2025\)/,
      {},
      "March 2025",
    );
    // suspended for submissions from 1 April 2020 to 30 September 2022
    const p = run([HEADER, row({ worked: serial(2022, 5, 2), paid: serial(2022, 8, 30) })], details({ "Tier rate": "9.3%" }));
    expect(errors(p)).toEqual([]);
  });

  test("work submitted more than 10 weeks after it was done: Date submitted, the month's, or --submitted", async () => {
    await expectRowError(
      { worked: serial(2025, 5, 6), paid: serial(2025, 6, 10), submitted: serial(2025, 7, 20) },
      "Date submitted",
      /submitted 20\/07\/2025, more than 10 weeks after the work/,
      {},
      "June 2025",
    );
    const p = run([
      HEADER,
      good({ worked: serial(2025, 5, 6), paid: serial(2025, 6, 10) }),
      good({ worked: serial(2025, 6, 2), paid: serial(2025, 6, 20), submitted: serial(2025, 7, 20), notes: "x" }),
    ]);
    expect(only(errors(p)).text).toMatch(/submitted 20\/07\/2025 with the June 2025 Form B/);
    await expectRowError(
      { worked: serial(2025, 5, 6), paid: serial(2025, 6, 10) },
      undefined,
      /to be submitted 21\/07\/2025 \(--submitted\)/,
      { submitted: dayFromYmd(2025, 7, 21), months: ["2025-06"] },
      "June 2025",
    );
  });

  test("an appraisal over three days without authorisation", async () => {
    const appraisal = (d: number, auth = "") =>
      row({ worked: serial(2025, 4, d), practice: "NHS England", code: "Y63", fee: 125, paid: serial(2025, 4, 28), type: "Appraisal", authorised: auth });
    const p = run([HEADER, ...[7, 8, 9, 10].map((d) => appraisal(d)), other]);
    expect(errors(p)).toHaveLength(4);
    expect(errors(p)[0].text).toContain(
      "the appraisal from 07/04/2025 to 10/04/2025 (rows 2 to 5) counts 4 days (07/04/2025 to 10/04/2025); one appraisal fee pensions at most three days, consecutive or not",
    );
    expect(errors(p)[0].field).toBe("Appraisal authorised");
    expect(p.months[0].formsA.map((f) => f.practice)).toEqual(["Castle Street Surgery"]);
    expect(errors(run([HEADER, ...[7, 8, 9].map((d) => appraisal(d))]))).toEqual([]);
    expect(errors(run([HEADER, ...[7, 8, 9, 10].map((d) => appraisal(d, d === 7 ? "yes" : ""))]))).toEqual([]);
  });

  test("duplicate rows", async () => {
    const p = run([HEADER, good(), good(), other]);
    const e = only(errors(p));
    expect(e).toMatchObject({ row: 3 });
    expect(e.text).toContain("repeats row 2 cell for cell");
    // a second session that day, told apart in Notes, is not a duplicate
    expect(errors(run([HEADER, good({ notes: "AM" }), good({ notes: "PM" })]))).toEqual([]);
  });

  test("unknown work type or engagement", async () => {
    await expectRowError({ type: "telephone" }, "Work type", /"telephone" is not a work type/);
    await expectRowError({ via: "friend" }, "Engaged via", /"friend" is not a way of engagement/);
  });
});

describe("errors in the details or the sheet stop every form", () => {
  test("missing required details", async () => {
    const p = run([HEADER, good()], details({ ...TIER, "SD number": undefined, "NI number": "" }));
    expect(errors(p).map((m) => [m.sheet, m.field, m.text])).toEqual([
      ["Locum details", "SD number", 'is missing: add a row "SD number" with its value'],
      ["Locum details", "NI number", "is empty: fill it in (every form shows it)"],
    ]);
    expect(errors(p)[0].stops).toEqual(["every form (fix these first)"]);
    expect(await renderPdfs(p, fontBytes())).toEqual([]);
  });

  test("Scotland or Northern Ireland", () => {
    for (const c of ["Scotland", "Northern Ireland"]) {
      const e = only(errors(run([HEADER, good()], details({ ...TIER, Country: c }))));
      expect(e).toMatchObject({ sheet: "Locum details", field: "Country", row: 10 });
      expect(e.text).toContain("runs its own NHS pension scheme; this tool covers England and Wales only");
    }
  });

  test("a bad SD, NI or GMC number", () => {
    const p = run([HEADER, good()], details({ ...TIER, "SD number": "1234", "NI number": "12345", "GMC number": "GMC1" }));
    expect(errors(p).map((m) => m.field)).toEqual(["NI number", "SD number", "GMC number"]); // in row order, as a person fixes them
  });

  test("a missing required column is named", () => {
    const p = run([
      ["Date worked", "Practice", "Fee", "Date paid"],
      [serial(2025, 4, 1), "Riverside", 100, serial(2025, 4, 20)],
    ]);
    const e = only(errors(p));
    expect(e).toMatchObject({ sheet: "Sessions", row: 1 });
    expect(e.text).toContain('no "Practice code" column');
    expect(p.months).toEqual([]);
  });

  test("an empty sheet, and a header with no sessions", () => {
    expect(only(errors(run([]))).text).toContain("the sheet is empty");
    expect(only(errors(run([[], [""]]))).text).toContain("the sheet is empty");
    expect(only(errors(run([HEADER]))).text).toContain("no sessions below the header row");
    expect(only(errors(run([HEADER, good()], []))).text).toContain("the sheet is empty: give the locum's Surname");
  });

  test("two columns for one field: the plainly named one is read, else both are named", () => {
    const w = run([
      [...HEADER, "Amount"],
      [...good(), 100],
    ]);
    expect(errors(w)).toEqual([]);
    expect(w.messages.find((m) => m.cell === "L1")?.text).toBe('column L ("Amount") is not read: Fee comes from column D ("Fee")');
    const e = only(
      errors(
        run([
          [...HEADER, "Fee"],
          [...good(), 100],
        ]),
      ),
    );
    expect(e.text).toContain('columns D ("Fee") and L ("Fee") both look like Fee');
  });

  test("headers are matched by name: any order, case, punctuation, synonyms, a title row above", () => {
    const rows = [
      ["Sessions 2025/26"],
      [],
      ["PAID ON", "Notes", "fee (£)", "ODS code", "Surgery", "Date"],
      [serial(2025, 4, 20), "", 100, "Y02345", "Riverside Medical Centre", "01/04/2025"],
    ];
    const p = run(rows);
    expect(errors(p)).toEqual([]);
    expect(p.months[0].formsA[0].box3.toFixed(2)).toBe("12.94");
    expect(p.months[0].formsA[0].rows).toEqual([4]);
  });

  test("row numbers and cells follow where the block starts (an Excel table at C5)", () => {
    const p = prepareForms([HEADER, good({ fee: "abc" })], details(TIER), { today, sessionsFirstRow: 5, sessionsFirstCol: 2 });
    expect(only(errors(p))).toMatchObject({ row: 6, cell: "F6", field: "Fee" });
  });
});

describe("warnings leave the forms written", () => {
  const written = async (p: PreparedForms) => {
    expect(errors(p)).toEqual([]);
    expect((await renderPdfs(p, fontBytes())).length).toBeGreaterThan(0);
  };

  test("Form B already past its due date", async () => {
    const p = run([HEADER, good()], details(TIER), { today: dayFromYmd(2025, 5, 8) });
    expect(only(warnings(p)).text).toBe(
      "Form B April 2025 is past its due date 07/05/2025: if it has not been sent, send it and the payment now (if it has, give Date submitted to check it)",
    );
    const sent = run([HEADER, good({ submitted: serial(2025, 5, 9) })]);
    expect(only(warnings(sent)).text).toContain("Form B April 2025 was sent 09/05/2025, after its due date 07/05/2025");
    await written(p);
  });

  test("work as regular as a salaried post (most weeks, most days) is warned of; occasional sessions never", async () => {
    // Monday 07/04/2025 on: Monday, Tuesday and Wednesday at Riverside for `weeks` weeks, paid and sent monthly.
    const weekly = (weeks: number, skip: number[] = []) => [
      HEADER,
      ...Array.from({ length: weeks }, (_, w) => w)
        .filter((w) => !skip.includes(w))
        .flatMap((w) => [0, 1, 2].map((d) => dayFromYmd(2025, 4, 7) + w * 7 + d))
        // paid the day worked, sent three days later: nothing else to warn of
        .map((d) => row({ worked: d + 25569, paid: d + 25569, submitted: d + 25572 })),
    ];
    const regular = run(weekly(26), details(TIER), { today: dayFromYmd(2026, 1, 10) });
    const w = only(warnings(regular));
    expect(w).toMatchObject({ row: 2, field: "Practice" });
    expect(w.text).toBe(
      "Riverside Medical Centre: three or more days a week in 20 of 26 weeks (07/04/2025 to 24/08/2025): work as regular as a salaried post may be treated as type 2 (salaried) rather than locum work; check with the practice and PCSE. The forms are written.",
    );
    await written(regular);
    // 19 busy weeks in 26 (seven weeks off): below the bar, no warning.
    expect(warnings(run(weekly(26, [3, 6, 9, 12, 15, 18, 21]), details(TIER), { today: dayFromYmd(2026, 1, 10) }))).toEqual([]);
    // One to four sessions a month for nine months at one practice: the old six-month warning no longer fires.
    const occasional = [
      HEADER,
      ...[4, 5, 6, 7, 8, 9, 10, 11, 12].flatMap((m) =>
        [2, 9, 16].map((d) =>
          row({ worked: serial(2025, m, d), paid: serial(2025, m, 20), submitted: m === 12 ? serial(2026, 1, 3) : serial(2025, m + 1, 3) }),
        ),
      ),
    ];
    expect(warnings(run(occasional, details(TIER), { today: dayFromYmd(2026, 1, 10) }))).toEqual([]);
  });

  test("PCN scenario 8", async () => {
    const p = run([HEADER, good({ via: "PCN scenario 8" })]);
    expect(only(warnings(p)).text).toContain("PCN scenario 8 (jointly employed staff)");
    await written(p);
  });

  test("a projected rule table (from a CPI the user gave) and a provisional employer rate", async () => {
    const rules = buildRuleSet({ tiers: [], employer: [], cpi: upliftCpi("3.0%", "--cpi") });
    const p = run([HEADER, row({ worked: serial(2027, 4, 6), paid: serial(2027, 4, 20) })], details(TIER), { today: dayFromYmd(2027, 5, 1), rules });
    expect(only(warnings(p)).text).toBe(
      'the 2027/28 forms use a projected tier table ("2027/28 (projected)"), projected from the September CPI you gave, not yet published: these bands are the 2026/27 bands raised by the September 2026 CPI of 3.0 % (given in --cpi), each bound rounded up to the pound, and the published 2027/28 table may differ, and a provisional employer rate in Box 3 (14.38%, for pay received from 01/04/2027: the 14.38 % employer rate for 2027/28 is expected but not yet confirmed (the 2024 valuation applies from 1 April 2027)); re-make them when the figures are confirmed, or give them yourself (LocumRules sheet or --rules FILE)',
    );
    expect(p.months[0].formsA[0].employerProvisional).toBe(true);
    expect(p.months[0].formB!.tier.provisional).toBe(true);
    await written(p);
  });

  test("unpaid March work takes the employer rate of the day Box 3 took it on (31 March: 2026/27, published), not of the due date (2027/28, provisional)", () => {
    const p = run([HEADER, row({ worked: serial(2027, 3, 10), paid: "" })], details(TIER), { today: dayFromYmd(2027, 3, 20) });
    expect(warnings(p).find((m) => m.kind === "provisional")).toBeUndefined();
    expect(p.months[0].formsA[0].employerProvisional).toBe(false);
    expect(p.months[0].formsA[0].employerOn).toBe(dayFromYmd(2027, 3, 31));
  });

  test("an estimated tier that differs from the annualised rows", async () => {
    const p = run([HEADER, good({ fee: 400 })], details({ "Estimated pensionable pay": 20000 }));
    expect(only(warnings(p)).field).toBe("Estimated pensionable pay");
    await written(p);
  });

  test("a missing practice code", async () => {
    const p = run([HEADER, good({ code: "" }), good({ code: "", worked: serial(2025, 4, 8) })]);
    const w = only(warnings(p));
    expect(w).toMatchObject({ row: 2, field: "Practice code" });
    expect(w.text).toContain("empty for Riverside Medical Centre (rows 2, 3)");
    await written(p);
  });

  test("forms due after the 10-week limit: send them early", () => {
    const p = run([HEADER, good({ worked: serial(2025, 5, 26), paid: serial(2025, 7, 30) })], details(TIER), { today: dayFromYmd(2025, 8, 1) });
    expect(only(warnings(p)).text).toBe(
      "send the July 2025 forms by 04/08/2025 (10 weeks from the last day of the period worked, 26/05/2025; row 2), earlier than the Form B due date 07/08/2025; give Date submitted (or --submitted) to check the date you send them",
    );
  });

  test("private work is left off the forms", () => {
    const p = run([HEADER, good(), good({ type: "Private", worked: serial(2025, 4, 3) })]);
    expect(only(warnings(p)).text).toContain("private work is not NHS work: left off the forms");
    expect(p.months[0].formsA[0].rows).toEqual([2]);
  });
});

describe("what an error stops", () => {
  test("an error in April stops April's Form B and, through box j, the later Forms B of that scheme year only", () => {
    const rows = [
      HEADER,
      good({ fee: "x" }),
      row({ worked: serial(2025, 5, 1), paid: serial(2025, 5, 20) }),
      row({ worked: serial(2026, 4, 1), paid: serial(2026, 4, 20) }),
    ];
    const p = run(rows, details(TIER), { today: dayFromYmd(2025, 5, 1) });
    const e = errors(p)[0];
    expect(e.stops).toEqual([
      "Form A April 2025 Riverside Medical Centre",
      "Form B April 2025 and its pack",
      "Form B May 2025 and its pack (box j adds up the year from April 2025)",
    ]);
    expect(p.months.map((m) => [m.monthKey, m.formB !== null, m.formsA.length])).toEqual([
      ["2025-04", false, 0],
      ["2025-05", false, 1],
      ["2026-04", true, 1],
    ]);
  });
});

test("forRows: the messages about the selected rows, and those about no row of the sessions; none of other rows", () => {
  // Row 2 good; row 3 a fee that is text (an error on row 3); row 4 Date paid empty (a warning on row 4).
  const p = run([HEADER, good(), good({ fee: "lots" }), good({ worked: serial(2025, 4, 3), paid: "" })]);
  const rows = (ms: Message[]) => ms.filter((m) => m.sheet === "Sessions" && m.row !== undefined).map((m) => m.row);
  expect(rows(p.messages)).toEqual(expect.arrayContaining([3, 4]));
  expect(rows(forRows(p, [3, 3]))).toEqual([3]);
  expect(rows(forRows(p, [4, 9]))).toEqual([4]);
  expect(rows(forRows(p, [2, 2]))).toEqual([]);
  // Messages that name no sessions row stay whatever is selected.
  const rowless = p.messages.filter((m) => m.sheet !== "Sessions" || m.row === undefined);
  expect(forRows(p, [2, 2])).toEqual(rowless);
});
