// Issue 7, "Forms follow the work": each rule as a golden case, worked out by hand in the comments.
// The scheme year of a Form A follows the date worked (§3): March work paid in April goes on March's
// Form B; the same cut on 1 October 2022; one appraisal fee pensions at most three days; a given Tier
// rate is checked against the rows; the columns a new user brings are read or named.
import { execFileSync } from "child_process";
import { pickDetailsSheet } from "../../src/workbook";
import { prepareForms, type Message, type PreparedForms, type PrepareOptions } from "../../src/forms";
import { renderPdfs } from "../../src/pdf";
import { dayFromYmd, dayToUk } from "../../src/rules";
import examples from "../support/domain-examples.json";
import { details, fontBytes, HEADER, row, serial } from "../support/forms";

const run = (rows: unknown[][], det: unknown[][], opts: PrepareOptions = {}) => prepareForms(rows, det, { today: dayFromYmd(2026, 12, 1), ...opts });
const kinds = (p: PreparedForms, kind: string) => p.messages.filter((m) => m.kind === kind);
const errors = (p: PreparedForms) => p.messages.filter((m) => m.level === "error");
const month = (p: PreparedForms, key: string) => p.months.find((m) => m.monthKey === key);
const money = (d: { toFixed(n: number): string } | null | undefined) => d?.toFixed(2);
const pdfText = (bytes: Uint8Array) => execFileSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(bytes) }).toString();

describe("the March rule (§3): the Form B follows the work", () => {
  const ex = examples.formB_month[0] as { name: string; formB_month: string; upr: string; formB_due_by: string; pensionable: number; employer: number };
  test(`${ex.name}: ${ex.formB_month}, ${ex.upr}, due ${ex.formB_due_by}`, () => {
    // Two days, 20 and 21 March 2025, £500 each, paid 08/04/2025: Box 2 £900.00, Box 3 £900 × 14.38 % = £129.42.
    const rows = [
      HEADER,
      row({ worked: serial(2025, 3, 20), fee: 500, paid: serial(2025, 4, 8), invoice: "R-31", submitted: serial(2025, 4, 5) }),
      row({ worked: serial(2025, 3, 21), fee: 500, paid: serial(2025, 4, 8), invoice: "R-31", submitted: serial(2025, 4, 5) }),
      // April work, paid in April: April's Form B of the new year.
      row({ worked: serial(2025, 4, 14), fee: 100, paid: serial(2025, 4, 20), invoice: "R-41", submitted: serial(2025, 5, 2) }),
    ];
    const p = run(rows, details(), { today: dayFromYmd(2025, 5, 3) });
    expect(errors(p)).toEqual([]);
    const march = month(p, "2025-03")!.formB!;
    expect([march.upr, dayToUk(march.dueDate), march.schemeYear, money(march.a), money(march.h)]).toEqual([
      ex.upr,
      "07/04/2025",
      2024,
      ex.pensionable.toFixed(2),
      ex.employer.toFixed(2),
    ]);
    // Its Form A shows the real date paid, and says it is declared by the work, not the pay.
    const a = march.formsA[0];
    expect([dayToUk(a.datePaid!), a.paidAfterMonth, march.paidAfterMonth, a.schemeYear]).toEqual(["08/04/2025", true, true, 2024]);
    // The 2024/25 tier counts it: £900 over 2 days × 365 = £164,250, the top 12.5 % tier; box j £900.
    expect([march.tier.rate.toString(), money(march.b), money(march.j)]).toEqual(["0.125", "112.50", "900.00"]);
    // April starts 2025/26 afresh: box j £90.00; its own rows, £90 × 365 = £32,850, give 8.3 %: b = £7.47.
    const april = month(p, "2025-04")!.formB!;
    expect([april.schemeYear, money(april.j), april.tier.rate.toString(), money(april.b), april.paidAfterMonth]).toEqual([
      2025,
      "90.00",
      "0.083",
      "7.47",
      false,
    ]);
    // Sent on 05/04/2025, before that pay arrived: no "sent before paid" warning for March-rule work, and not late.
    expect(kinds(p, "sent before paid")).toEqual([]);
    expect(kinds(p, "late")).toEqual([]);
  });

  test("a March row with no Date paid yet goes on March's Form B, with a warning; other unpaid work on none", async () => {
    // 24/03/2026, £300, not yet paid: Box 2 £270.00; Box 3 at the rate on 31/03/2026 (14.38 %, confirmed): £38.83.
    const rows = [HEADER, row({ worked: serial(2026, 3, 24), fee: 300, invoice: "R-3" }), row({ worked: serial(2026, 1, 12), fee: 300, invoice: "R-1" })];
    const p = run(rows, details({ "Tier rate": "12.5%" }), { today: dayFromYmd(2026, 4, 2) });
    expect(errors(p)).toEqual([]);
    expect(p.months.map((m) => m.monthKey)).toEqual(["2026-03"]);
    const a = month(p, "2026-03")!.formsA[0];
    expect([a.datePaid, money(a.box2), money(a.box3), a.employerProvisional]).toEqual([null, "270.00", "38.83", false]);
    const [march, january] = kinds(p, "not paid yet");
    expect(march).toMatchObject({ row: 2, field: "Date paid", level: "warning" });
    expect(march.text).toMatch(/^empty: this March 2026 work is declared on that month's Form B before it is paid \(the March rule\)/);
    expect(january).toMatchObject({ row: 3, field: "Date paid", level: "warning" });
    expect(january.text).toMatch(/^empty: work not yet paid is on no Form B yet .*left off the forms until you fill in Date paid$/);
    const text = pdfText((await renderPdfs(p, fontBytes())).find((f) => f.kind === "form-a")!.bytes);
    expect(text).toMatch(/Date paid to the locum\s+R-3\s+GP practice sessions\s+not yet received/);
  });

  const across = examples.formB_month[1] as { name: string; fee_per_day: number; forms: { formB_month: string; pensionable: number; employer: number }[] };
  test(`${across.name}: ${across.forms.map((f) => `${f.formB_month} ${f.pensionable}/${f.employer}`).join(", ")}`, () => {
    // 31/03/2025 and 01/04/2025 at £500 a day on one invoice, paid 15/04/2025: one Form A per side.
    const rows = [HEADER, ...["2025-03-31", "2025-04-01"].map((d) => row({ worked: d, fee: across.fee_per_day, paid: serial(2025, 4, 15), invoice: "R-77" }))];
    const p = run(rows, details({ "Tier rate": "12.5%" }), { today: dayFromYmd(2025, 4, 20) });
    expect(errors(p)).toEqual([]);
    expect(across.forms.map((f) => [f.formB_month, money(month(p, f.formB_month)!.formsA[0].box2), money(month(p, f.formB_month)!.formsA[0].box3)])).toEqual(
      across.forms.map((f) => [f.formB_month, f.pensionable.toFixed(2), f.employer.toFixed(2)]),
    );
    const [w] = kinds(p, "invoice across cut");
    expect(w.text).toBe(
      "invoice R-77 (rows 2, 3) holds days on both sides of a scheme year's end (or of the 1 October 2022 table change): one Form A per side, on the March 2025 and April 2025 Forms B, as forms holding both are rejected; ask the practice to invoice each month separately",
    );
  });

  test("one row whose days cross 31 March is split, the fee shared by days", () => {
    // 30/03/2025 to 01/04/2025, £1,000 for 3 days: March 2 days £666.67 (its own share to the penny),
    // April the remainder £333.33; Box 2 £600.00 and £300.00 (600.003 and 299.997 rounded); Box 3 £86.28, £43.14.
    const head = ["Date worked", "Last day", "Practice", "Practice code", "Fee", "Date paid", "Invoice"];
    const p = run(
      [head, [serial(2025, 3, 30), serial(2025, 4, 1), "Riverside Medical Centre", "Y02345", 1000, serial(2025, 4, 15), "R-9"]],
      details({ "Tier rate": "12.5%" }),
      { today: dayFromYmd(2025, 4, 20) },
    );
    expect(errors(p)).toEqual([]);
    const forms = p.months.map((m) => [
      m.monthKey,
      money(m.formsA[0].box1),
      money(m.formsA[0].box2),
      money(m.formsA[0].box3),
      m.formsA[0].periods.map((x) => x.days),
    ]);
    expect(forms).toEqual([
      ["2025-03", "666.67", "600.00", "86.28", [2]],
      ["2025-04", "333.33", "300.00", "43.14", [1]],
    ]);
    expect(p.rowMonths[2]).toEqual(["2025-03", "2025-04"]);
    expect(kinds(p, "split at cut")[0].text).toBe(
      "the days 30/03/2025 to 01/04/2025 cross 31/03/2025, where a scheme year or tier table ends: declared in 2 parts with the fee shared by days, 30/03/2025 to 31/03/2025 (£666.67) on the March 2025 Form B, and 01/04/2025 to 01/04/2025 (£333.33) on the April 2025 Form B (a Form A may not hold days from both sides); invoice the practice for each month separately",
    );
    // An error on the row stops both sides' forms.
    const bad = run(
      [
        head,
        [serial(2025, 3, 30), serial(2025, 4, 1), "Riverside Medical Centre", "Y02345", 1000, serial(2025, 4, 15), "R-9"],
        [serial(2025, 3, 30), serial(2025, 4, 1), "Riverside Medical Centre", "Y02345", 1000, serial(2025, 4, 15), "R-9"],
      ],
      details({ "Tier rate": "12.5%" }),
    );
    expect(errors(bad)[0].stopsMonths).toEqual(["2025-03", "2025-04"]);
  });

  test("September 2022 work paid in October 2022 stays on September's Form B and the old table", () => {
    // Estimated pensionable pay £40,000: 9.3 % in the old table (26,824 to 47,845), 9.8 % in the new one
    // (29,180 to 43,805). 28/09/2022 £200 paid 05/10/2022 → September: b = £180 × 9.3 % = £16.74;
    // 03/10/2022 £200 paid 20/10/2022 → October: b = £180 × 9.8 % = £17.64; box j £180, then £360.
    const rows = [
      HEADER,
      row({ worked: serial(2022, 9, 28), fee: 200, paid: serial(2022, 10, 5), submitted: serial(2022, 10, 6) }),
      row({ worked: serial(2022, 10, 3), fee: 200, paid: serial(2022, 10, 20), submitted: serial(2022, 11, 3) }),
    ];
    const p = run(rows, details({ "Estimated pensionable pay": 40000 }));
    expect(errors(p)).toEqual([]);
    const b = (k: string) => month(p, k)!.formB!;
    expect([b("2022-09").tier.rates.length, b("2022-09").tier.rate.toString(), money(b("2022-09").b), money(b("2022-09").j)]).toEqual([
      7,
      "0.093",
      "16.74",
      "180.00",
    ]);
    expect([b("2022-10").tier.rates.length, b("2022-10").tier.rate.toString(), money(b("2022-10").b), money(b("2022-10").j)]).toEqual([
      11,
      "0.098",
      "17.64",
      "360.00",
    ]);
    expect(b("2022-09").formsA[0].rows).toEqual([2]);
  });
});

describe("what the review of the March rule found", () => {
  test("March work paid more than 10 weeks later, but sent in time before the pay, is pensioned", () => {
    // Worked 02/03/2026, sent with March's forms on 03/04/2026 (within 10 weeks: limit 11/05/2026), paid 20/05/2026.
    const rows = [HEADER, row({ worked: serial(2026, 3, 2), paid: serial(2026, 5, 20), submitted: serial(2026, 4, 3), invoice: "R-3" })];
    const p = run(rows, details({ "Tier rate": "8.3%" }), { today: dayFromYmd(2026, 5, 25) });
    expect(errors(p)).toEqual([]);
    expect(p.months.map((m) => m.monthKey)).toEqual(["2026-03"]);
    // Earlier work paid after 31 March could not have gone before its pay: still too late (see forms.checks).
  });

  test("a row on a day no tier table covers is an error on that row; the other months' forms are made", () => {
    const rows = [
      HEADER,
      row({ worked: serial(2026, 5, 5), paid: serial(2026, 5, 20), submitted: serial(2026, 6, 2) }),
      row({ worked: serial(2027, 4, 5), paid: serial(2027, 4, 20) }),
    ];
    const p = run(rows, details({ "Tier rate": "8.3%" }), { today: dayFromYmd(2027, 6, 3) });
    const [e] = errors(p);
    expect(e).toMatchObject({ row: 3, field: "Date worked", kind: "no table" });
    expect(e.text).toBe(
      "no tier table covers 05/04/2027: add that year's table (LocumRules sheet or --rules FILE), or give the September CPI to project it (a LocumRules row of Kind CPI, or --cpi); the forms of other months are made",
    );
    expect(e.stopsMonths).toEqual(["2027-04"]);
    expect(month(p, "2026-05")!.formB).not.toBeNull();
  });

  test("the provisional employer rate is named at the row paid at it; a Welsh locum settles with the Local Health Board", () => {
    // March 2027 work: row 2 paid 28/03/2027 (14.38 % published), row 3 paid 10/04/2027 (2027/28: provisional).
    const rows = [
      HEADER,
      row({ worked: serial(2027, 3, 9), paid: serial(2027, 3, 28), invoice: "R-1", submitted: serial(2027, 4, 3) }),
      row({ worked: serial(2027, 3, 23), paid: serial(2027, 4, 10), invoice: "R-2", submitted: serial(2027, 4, 3) }),
    ];
    const p = run(rows, details({ "Tier rate": "8.3%" }), { today: dayFromYmd(2027, 4, 20) });
    expect(kinds(p, "provisional")[0]).toMatchObject({ row: 3, field: "Date paid" });
    expect(kinds(p, "provisional")[0].text).toContain("the 2026/27 forms use a provisional employer rate in Box 3 (14.38%, for pay received from 01/04/2027");
    const wales = run(rows, details({ "Tier rate": "9.8%", Country: "Wales", "Host LHB ref": "7A2-1" }), { today: dayFromYmd(2027, 4, 20) });
    expect(kinds(wales, "tier rate contradicted")[0].text).toContain("which the Local Health Board settles at year end");
  });
});

describe("appraisals: at most three days per appraisal fee, consecutive or not (§4)", () => {
  const appraisal = (d: number, inv = "AP-7", auth = "") =>
    row({
      worked: serial(2025, 6, d),
      practice: "NHS England",
      code: "Y63",
      fee: 125,
      paid: serial(2025, 6, 30),
      invoice: inv,
      type: "Appraisal",
      authorised: auth,
      submitted: serial(2025, 7, 2),
    });
  const det = details({ "Tier rate": "12.5%" });
  test("four separate days on one appraisal invoice without authorisation: an error naming the rows and days", () => {
    const p = run([HEADER, ...[2, 9, 16, 23].map((d) => appraisal(d))], det, { today: dayFromYmd(2025, 7, 3) });
    expect(errors(p)).toHaveLength(4);
    expect(errors(p).map((e) => e.row)).toEqual([2, 3, 4, 5]);
    // The whole story once, on the first row; the others point to it.
    expect(errors(p)[1].text).toBe("part of the appraisal on invoice AP-7 (rows 2 to 5), which counts 4 days: see row 2");
    expect(errors(p)[0].text).toMatch(
      /^the appraisal on invoice AP-7 \(rows 2 to 5\) counts 4 days \(02\/06\/2025, 09\/06\/2025, 16\/06\/2025, 23\/06\/2025\); one appraisal fee pensions at most three days, consecutive or not/,
    );
    expect(p.months[0].formB).toBeNull();
  });
  test("three separate days, four authorised, or two invoices: no error", () => {
    expect(errors(run([HEADER, ...[2, 9, 16].map((d) => appraisal(d))], det, { today: dayFromYmd(2025, 7, 3) }))).toEqual([]);
    expect(errors(run([HEADER, ...[2, 9, 16, 23].map((d) => appraisal(d, "AP-7", d === 2 ? "yes" : ""))], det, { today: dayFromYmd(2025, 7, 3) }))).toEqual([]);
    expect(errors(run([HEADER, appraisal(2), appraisal(9), appraisal(16, "AP-8"), appraisal(23, "AP-8")], det, { today: dayFromYmd(2025, 7, 3) }))).toEqual([]);
  });
});

describe("a Tier rate given in Locum details is checked against the rows", () => {
  test("locum only: 9.8 % given, the rows annualise to the 12.5 % tier: the warning names both, the figure and the amount", () => {
    // 20 days at £1,000 in May 2025: £18,000 pensionable over 20 days × 365 = £328,500, the 12.5 % tier;
    // at 9.8 % the forms pay 2.7 % × £18,000 = £486.00 too little.
    const rows = [
      HEADER,
      ...Array.from({ length: 20 }, (_, i) =>
        row({ worked: serial(2025, 5, i + 1), fee: 1000, paid: serial(2025, 5, 31), invoice: "R-5", submitted: serial(2025, 6, 2) }),
      ),
    ];
    const p = run(rows, details({ "Tier rate": "9.8%" }), { today: dayFromYmd(2025, 6, 3) });
    const [w] = kinds(p, "tier rate contradicted");
    expect(w).toMatchObject({ sheet: "Locum details", field: "Tier rate", level: "warning" });
    expect(w.text).toBe(
      "9.8% is given, but the 2025/26 rows annualise to £328,500.00 (20 days of service), which gives 12.5% (tier 6 of 2025/26): at 9.8% the forms pay about £486.00 too little on the £18,000.00 of pensionable pay so far, which PCSE settles at year end; give 12.5% for the months still to come, or Estimated pensionable pay",
    );
    // The forms still use the rate given: a sent Form B keeps its rate.
    expect(p.months[0].formB!.tier.rate.toString()).toBe("0.098");
  });

  const ye = examples.yearEnd[1];
  test(`${ye.name}: ${ye.rate_paid} given, ${ye.rate_due} due, about £${ye.difference.toFixed(2)}`, () => {
    // 15 days in May 2024, fees £10,111.11 (14 × £674.07 + £674.13): Box 2 = 90 % = £9,099.999 → £9,100.00;
    // with £40,000 salaried over 365 days (days capped at 365): £49,100 → 10.7 % in 2024/25 (49,079 to 62,924);
    // at 9.8 %: 0.9 % × £9,100 = £81.90 too little (the year end's own figure).
    const rows = [
      HEADER,
      ...Array.from({ length: 15 }, (_, i) =>
        row({ worked: serial(2024, 5, i + 1), fee: i === 14 ? 674.13 : 674.07, paid: serial(2024, 5, 31), invoice: "R-5", submitted: serial(2024, 6, 2) }),
      ),
    ];
    const p = run(rows, details({ "Tier rate": "9.8%", "Other practitioner pay": 40000, "Other days of service": 365 }), { today: dayFromYmd(2024, 6, 3) });
    expect(money(p.months[0].formB!.a)).toBe(ye.locum_pensionable_pay.toFixed(2));
    const [w] = kinds(p, "tier rate contradicted");
    expect(w.text).toBe(
      `9.8% is given, but the 2024/25 rows with Other practitioner pay £40,000.00 annualise to £49,100.00 (365 days of service), which gives 10.7% (tier 5 of 2024/25): at 9.8% the forms pay about £${ye.difference.toFixed(2)} too little on the £9,100.00 of pensionable pay so far, which PCSE settles at year end; give 10.7% for the months still to come, or Estimated pensionable pay`,
    );
  });

  test("a rate the rows bear out says nothing; 12.5 typed as a number is read as 12.5 %, with a note", () => {
    const rows = [HEADER, row({ worked: serial(2025, 5, 1), fee: 1000, paid: serial(2025, 5, 31), submitted: serial(2025, 6, 2) })];
    expect(kinds(run(rows, details({ "Tier rate": "12.5%" }), { today: dayFromYmd(2025, 6, 3) }), "tier rate contradicted")).toEqual([]);
    const p = run(rows, details({ "Tier rate": 12.5 }), { today: dayFromYmd(2025, 6, 3) });
    expect(p.months[0].formB!.tier.rate.toString()).toBe("0.125");
    expect(kinds(p, "rate as number")[0].text).toBe("12.5 is read as 12.5% (write 12.5% to say so)");
    // 25 is no tier rate at all: an error, never 25 %.
    expect(errors(run(rows, details({ "Tier rate": 25 })))[0].text).toMatch(/^25 is not a rate: write it as a percentage such as 9\.8%/);
  });
});

describe("the columns a new user brings", () => {
  const det = details({ "Tier rate": "8.3%" });
  test("columns not read are named once; the tool's own columns are not", () => {
    const head = [...HEADER.slice(0, 6), "Mileage", "Day", "UPR", "Form A", "Status"];
    const p = run([head, [serial(2025, 4, 1), "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 20), "R-1", 12, "Tue", "", "", ""]], det, {
      today: dayFromYmd(2025, 4, 25),
    });
    const w = kinds(p, "column not read");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ row: 1 });
    expect(w[0].text).toMatch(
      /^columns G \("Mileage"\), H \("Day"\) are not read: the forms read Date worked, .*; if one holds one of those, rename its header to that name$/,
    );
  });

  test("a spare row holding only the tool's own formula columns is empty, not a session with everything missing", () => {
    // As an .xlsx keeps a spare template row: its formulas' "" results dropped, the formula text left.
    const head = [...HEADER.slice(0, 6), "Form A", "Pensionable pay"];
    const p = run(
      [
        head,
        [serial(2025, 4, 1), "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 20), "R-1", "04/2025 Y02345 R-1", 90],
        ["", "", "", "", "", "", "=LOCUM.FORMA(A3,E3,C3,B3,F3)", "=ROUND(D3*0.9,3)"],
      ],
      det,
      { today: dayFromYmd(2025, 4, 25) },
    );
    expect(p.messages).toEqual([]);
    expect(p.months[0].formsA[0].rows).toEqual([2]);
  });

  test("an out-of-hours shift under a Session column: a warning unless Work type says what it is", () => {
    const head = ["Date worked", "Session", "Practice", "Practice code", "Fee", "Date paid"];
    const ooh = run([head, [serial(2025, 4, 5), "OOH", "Local Care Direct OOH", "Y02345", 100, serial(2025, 4, 20)]], det, { today: dayFromYmd(2025, 4, 25) });
    const [w] = kinds(ooh, "ooh mention");
    expect(w).toMatchObject({ row: 2, field: "Practice", cell: "C2", level: "warning" });
    expect(w.text).toMatch(
      /^the practice name "Local Care Direct OOH" mentions out-of-hours or urgent-care work, which is pensioned on the SOLO form, not Form A/,
    );
    const session = run([head, [serial(2025, 4, 5), "111 shift", "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 20)]], det, {
      today: dayFromYmd(2025, 4, 25),
    });
    expect(kinds(session, "ooh mention")[0]).toMatchObject({ field: "Session", cell: "B2" });
    // "111" alone or as NHS 111 work warns; a session number or a street number does not.
    const mentions = (session: string, practice = "Riverside Medical Centre") =>
      kinds(run([head, [serial(2025, 4, 5), session, practice, "Y02345", 100, serial(2025, 4, 20)]], det, { today: dayFromYmd(2025, 4, 25) }), "ooh mention")
        .length;
    expect([mentions("111"), mentions("NHS111"), mentions("111 CAS"), mentions("Full day", "NHS 111 Yorkshire")]).toEqual([1, 1, 1, 1]);
    expect([mentions("session 111"), mentions("Room 111"), mentions("AM", "Health Centre, 111 Church Road")]).toEqual([0, 0, 0]);
    // AM, PM, Full day, Half day are session lengths: practice work, no message at all.
    const lengths = run(
      [
        head,
        ...["AM", "PM", "Full day", "Half day"].map((s, i) => [serial(2025, 4, 7 + i), s, "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 20)]),
      ],
      det,
      { today: dayFromYmd(2025, 4, 25) },
    );
    expect(lengths.messages).toEqual([]);
    // Work type saying "practice" settles it.
    const stated = run(
      [
        [...head, "Work type"],
        [serial(2025, 4, 5), "Full day", "Local Care Direct OOH", "Y02345", 100, serial(2025, 4, 20), "practice"],
      ],
      det,
      { today: dayFromYmd(2025, 4, 25) },
    );
    expect(kinds(stated, "ooh mention")).toEqual([]);
  });

  test('"Sent to PCSE" is Date submitted; yes/no there is named once, not read as a date', () => {
    const head = [...HEADER.slice(0, 6), "Sent to PCSE"];
    const sent = run([head, [serial(2025, 4, 1), "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 20), "R-1", serial(2025, 5, 3)]], det, {
      today: dayFromYmd(2025, 9, 1),
    });
    expect(sent.messages).toEqual([]);
    expect(sent.months[0].formB!.sent).toBe(dayFromYmd(2025, 5, 3));
    const yes = run([head, ...[1, 2].map((d) => [serial(2025, 4, d), "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 20), "R-1", "yes"])], det, {
      today: dayFromYmd(2025, 4, 25),
    });
    const [w] = kinds(yes, "sent yes/no");
    expect(w.text).toBe(
      'column G ("Sent to PCSE") holds yes/no (rows 2, 3), not the date the forms were sent: the 10-week rule and the due date need that date, so those rows are checked as not yet sent; write the date sent (dd/mm/yyyy) instead',
    );
    expect(errors(yes)).toEqual([]);
  });
});

describe("the Locum details sheet", () => {
  test("found by its contents when it has another name; named sheets first; the sessions never", () => {
    const sheet = (name: string, rows: unknown[][]) => ({ name, rows });
    const mine = sheet("My details", details().slice(1));
    const sessions = sheet("Sessions", [HEADER, row({ worked: serial(2025, 4, 1) })]);
    expect(pickDetailsSheet([sessions, sheet("Notes", [["Surname is on the other sheet"]]), mine], "Sessions")?.name).toBe("My details");
    expect(pickDetailsSheet([sessions, mine, sheet("Locum", [["Surname", "X"]])], "Sessions")?.name).toBe("Locum");
    // Two details are not enough to call a sheet the details: a list of contacts, say.
    expect(
      pickDetailsSheet(
        [
          sessions,
          sheet("Contacts", [
            ["Surname", "Jones"],
            ["Email", "j@example.org"],
          ]),
        ],
        "Sessions",
      ),
    ).toBeUndefined();
  });
});

describe("Form B as the official form has it", () => {
  test("the office-use box, box j's wording and the form version the layout follows", async () => {
    const p = run([HEADER, row({ worked: serial(2025, 4, 1), paid: serial(2025, 4, 20), submitted: serial(2025, 5, 2) })], details({ "Tier rate": "8.3%" }), {
      today: dayFromYmd(2025, 5, 3),
    });
    const b = pdfText((await renderPdfs(p, fontBytes())).find((f) => f.kind === "form-b")!.bytes);
    expect(b).toContain("For NHSE/PCSE/LHB use only");
    expect(b).toMatch(/For NHSE\/PCSE\/LHB use only\s+Employee \(g\)\s+Employer \(h\)\n\s+Total contributions:/);
    expect(b).toMatch(/Cumulative \(month by month\) freelance GP locum pensionable income in 2025\/26\s+£90\.00/);
    expect(b).toContain("layout of NHSBSA GP Locum A/B 2021/22");
  });
});

/** The messages a run gives, as they would be printed, for a failing expectation to show. */
export const shown = (ms: Message[]) => ms.map((m) => `${m.level}: ${m.row ?? ""} ${m.text}`);
