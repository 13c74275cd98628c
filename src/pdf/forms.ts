// GP Locum A and B laid out like the official NHS Pensions forms: title and scheme year, personal
// details, Part 1 and Part 2, numbered boxes with their labels. Deterministic: fixed metadata and
// pdf-lib's seeded names, so the same rows give the same bytes.
//
// Which forms: the layout, box letters and wording follow NHSBSA's GP Locum A and GP Locum B
// 2021/22 (the latest whose full layout was found: nhsbsa.nhs.uk "2021/22 GP locum forms A and B",
// a fill.io copy of Form B), with the 2023/24 completion notes' March rule (§3 of the domain notes).
// FORM_VERSION is printed in every footer, so a reader knows which form a PDF copies.
import type { PDFDocument } from "pdf-lib";
import { percent, pounds, schemeYearLabel } from "../engine";
import { dayFromYmd, dayToUk, notFinalWords, plural, runsOf } from "../rules";
import { monthLabel } from "../forms/months";
import { type Fonts, GREY, INK, MARGIN, SHADE, Sheet, WIDTH } from "./draw";
import { PERIODS_PER_FORM } from "../forms/formA";
import type { FormA, FormB, LocumDetails } from "../forms/model";

function header(s: Sheet, form: "A" | "B", schemeYear: number, subtitle: string, extra = ""): number {
  s.text(`NHS Pensions – GP locum Form ${form} ${schemeYearLabel(schemeYear)}${extra}`, MARGIN, 50, { size: 15, bold: true, maxWidth: WIDTH - 120 });
  s.rect(MARGIN + WIDTH - 104, 34, 104, 22, { fill: SHADE });
  s.text("GP locum own use only", MARGIN + WIDTH - 52, 48, { size: 7.5, bold: true, align: "center" });
  s.paragraph(subtitle, MARGIN, 66, WIDTH, { size: 8.5, color: GREY });
  return 84;
}

/** Where the forms and the money go: PCSE in England, the locum's Local Health Board in Wales. */
function sendTo(l: LocumDetails): string {
  return l.country === "Wales" ? "your Local Health Board" : "PCSE";
}

/** Who commissions appraisals: NHS England, or in Wales the locum's Local Health Board. */
function appraiser(l: LocumDetails): string {
  return l.country === "Wales" ? "the Local Health Board" : "NHS England";
}

/** Form A's Work box: appraisal for whoever commissions it, else practice sessions. */
function workText(f: FormA, l: LocumDetails): string {
  if (!f.appraisal) return "GP practice sessions";
  return l.country === "Wales" ? "Appraisal for the Local Health Board" : "Appraisal (NHS England)";
}

/** The official forms this layout follows (see the comment at the top). */
export const FORM_VERSION = "layout of NHSBSA GP Locum A/B 2021/22";

function footer(s: Sheet, left: string, page: number, pages: number): void {
  s.line(MARGIN, 812, MARGIN + WIDTH, 812);
  s.text(`${left} · ${FORM_VERSION}`, MARGIN, 822, { size: 6.5, color: GREY, maxWidth: WIDTH - 70 });
  s.text(`page ${page} of ${pages}`, MARGIN + WIDTH, 822, { size: 6.5, color: GREY, align: "right" });
  s.end();
}

/** Pages a Form A takes: the form, then one supplementary sheet per four further periods. */
export function formAPages(f: FormA): number {
  return 1 + Math.max(0, Math.ceil((f.periods.length - PERIODS_PER_FORM) / PERIODS_PER_FORM));
}

function periodTable(s: Sheet, y: number, f: FormA, from: number): number {
  const cols = [70, 150, 150, 153];
  const heads = ["Period", "First day worked", "Last day worked", "Days worked"];
  let x = MARGIN;
  s.rect(MARGIN, y, WIDTH, 16, { fill: SHADE });
  heads.forEach((h, i) => {
    s.text(h, x + 4, y + 11, { size: 7.5, bold: true });
    x += cols[i];
  });
  y += 16;
  for (let i = from; i < from + PERIODS_PER_FORM; i++) {
    const p = f.periods[i];
    const cells = p ? [String(i + 1), dayToUk(p.first), dayToUk(p.last), String(p.days)] : [String(i + 1), "", "", ""];
    x = MARGIN;
    cells.forEach((c, k) => {
      s.rect(x, y, cols[k], 18);
      s.text(c, x + 6, y + 12.5, { size: 9.5, color: k === 0 ? GREY : INK });
      x += cols[k];
    });
    y += 18;
  }
  return y;
}

function locumIdentity(s: Sheet, y: number, l: LocumDetails): number {
  s.box(MARGIN, y, 261, 28, "Surname", l.surname);
  s.box(MARGIN + 261, y, WIDTH - 261, 28, "Other names", l.otherNames);
  y += 28;
  s.box(MARGIN, y, 174, 28, "National Insurance number", l.niNumber);
  s.box(MARGIN + 174, y, 174, 28, "NHS Pension Scheme (SD) number", l.sdNumber);
  s.box(MARGIN + 348, y, WIDTH - 348, 28, "GMC number", l.gmcNumber);
  return y + 28;
}

function infoRow(s: Sheet, y: number, f: FormA, third: [string, string]): number {
  s.box(MARGIN, y, 200, 28, "Unique payment reference (UPR)", f.upr, { bold: true, size: 11 });
  // The month paid, except for work paid after 31 March (the March rule): the month worked.
  s.box(MARGIN + 200, y, 170, 28, f.paidAfterMonth ? "Form B month (work done; paid later)" : "Form B month (pay received)", monthLabel(f.monthKey));
  s.box(MARGIN + 370, y, WIDTH - 370, 28, third[0], third[1]);
  return y + 28;
}

/** Draw one Form A (and its supplementary sheets) onto new pages of `doc`. */
export function drawFormA(doc: PDFDocument, fonts: Fonts, f: FormA, l: LocumDetails, prefix: string): void {
  const pages = formAPages(f);
  const s = new Sheet(doc, fonts, prefix);
  const who = f.appraisal ? appraiser(l) : "the practice";
  let y = header(
    s,
    "A",
    f.schemeYear,
    "Freelance GP locum's certificate of GMS / PMS / APMS / appraisal NHS work and pay for one GP practice, or NHS England / Local Health Board (LHB) for appraisal work. One form per invoice.",
  );
  y = infoRow(s, y, f, ["Form A", `${f.index} of ${f.count} for this month`]);
  y = formAPart1(s, y, f, l, who, pages);
  y = formAPart2(s, y, f, l, who);
  formASignatory(s, y, f, l);
  const foot = `GP locum Form A · ${f.upr} · ${f.code || f.practice}${f.invoice ? ` · invoice ${f.invoice}` : ""}`;
  footer(s, foot, 1, pages);
  for (let p = 2; p <= pages; p++) formASupplement(new Sheet(doc, fonts, `${prefix}sup${p - 1}.`), f, l, p, pages, foot);
}

/** Part 1 of Form A: who the locum is, the periods worked, the locum's claim and signature. */
function formAPart1(s: Sheet, y: number, f: FormA, l: LocumDetails, who: string, pages: number): number {
  y = s.bar(y + 8, "Part 1", "To be completed by the GP locum") + 4;
  y = locumIdentity(s, y, l);
  s.text(
    `Dates worked for ${who} for this payment (consecutive days make one period; more than four periods continue on a supplementary Form A)`,
    MARGIN,
    y + 13,
    { size: 7.5, maxWidth: WIDTH },
  );
  y = periodTable(s, y + 18, f, 0);
  if (f.periods.length > PERIODS_PER_FORM) {
    s.text(`${f.periods.length - PERIODS_PER_FORM} more period(s) on the supplementary Form A (page 2${pages > 2 ? ` to ${pages}` : ""}).`, MARGIN, y + 10, {
      size: 7.5,
      bold: true,
    });
  }
  y = s.paragraph(
    "I claim NHS Pension Scheme membership for the NHS work I undertook for the practice named in Part 2, as an individual and not as a limited company.",
    MARGIN,
    y + 24,
    WIDTH,
    { size: 8 },
  );
  s.field("locum.signature", MARGIN, y - 4, 340, 30, "Signature of GP locum");
  s.field("locum.date", MARGIN + 340, y - 4, WIDTH - 340, 30, "Date (dd/mm/yyyy)");
  return y + 26;
}

/** Part 2 of Form A: the practice, the invoice and the work, Boxes 1 to 3, whom the work covered. */
function formAPart2(s: Sheet, y: number, f: FormA, l: LocumDetails, who: string): number {
  y = s.bar(y + 10, "Part 2", `To be completed by ${who}'s authorised signatory (not the locum)`) + 4;
  s.box(MARGIN, y, 370, 28, "Name of GP practice, or NHS England / LHB for appraisal work", f.practice, { wrap: true });
  s.box(MARGIN + 370, y, WIDTH - 370, 28, "Practice code (ODS / EA code)", f.code);
  y += 28;
  s.box(MARGIN, y, 200, 28, "Invoice", f.invoice || "—");
  s.box(MARGIN + 200, y, 170, 28, "Work", workText(f, l), { wrap: true });
  s.box(MARGIN + 370, y, WIDTH - 370, 28, "Date paid to the locum", f.datePaid === null ? "not yet received" : dayToUk(f.datePaid));
  y += 36;
  const boxes: [string, string, string][] = [
    ["1", "Locum fee (excluding employer contributions)", pounds(f.box1)],
    ["2", "Pensionable pay (90% of Box 1)", pounds(f.box2)],
    [
      "3",
      `Employer contributions (${percent(f.employerRate)} of Box 2, including the 0.08% administration levy${f.employerProvisional ? "; rate expected, not yet confirmed" : ""})`,
      pounds(f.box3),
    ],
  ];
  for (const [n, label, value] of boxes) {
    s.rect(MARGIN, y, 22, 22, { fill: SHADE });
    s.text(`Box ${n}`, MARGIN + 11, y + 14, { size: 6.5, bold: true, align: "center" });
    s.text(label, MARGIN + 30, y + 14.5, { size: 8.5, maxWidth: WIDTH - 170 });
    s.rect(MARGIN + WIDTH - 130, y, 130, 22);
    s.text(value, MARGIN + WIDTH - 6, y + 15, { size: 10.5, bold: true, align: "right" });
    y += 26;
  }
  s.field("practice.coveredFor", MARGIN, y + 2, WIDTH, 30, "Which GP(s) was this work done for? (name, or the reason for the locum)");
  return y + 40;
}

/** The signatory's certificate and fields, then the notes for the locum at the foot of Form A. */
function formASignatory(s: Sheet, y: number, f: FormA, l: LocumDetails): void {
  y = s.paragraph(
    `I certify that ${f.appraisal ? "this organisation" : "this practice"} has paid the GP locum the fee in Box 1 and the employer contributions in Box 3 on the date paid above, for the NHS work declared in Part 1.`,
    MARGIN,
    y + 8,
    WIDTH,
    { size: 8 },
  );
  s.field("signatory.name", MARGIN, y - 2, 261, 30, "Authorised signatory: name");
  s.field("signatory.position", MARGIN + 261, y - 2, WIDTH - 261, 30, "Position (e.g. practice manager, partner)");
  y += 28;
  s.field("signatory.signature", MARGIN, y, 340, 30, "Signature");
  s.field("signatory.date", MARGIN + 340, y, WIDTH - 340, 30, "Date (dd/mm/yyyy)");
  y += 40;
  y = s.paragraph(
    `For the locum: send this form with Form B for ${monthLabel(f.monthKey)} (UPR ${f.upr}) and the payment by ${dayToUk(f.dueDate)} to ${sendTo(l)}. Boxes are worked out per form to the penny, rounded half up: Box 2 = 90% of Box 1, Box 3 = ${percent(f.employerRate)} of Box 2.`,
    MARGIN,
    y,
    WIDTH,
    { size: 7, color: GREY },
  );
  s.text(`Prepared from ${f.sheet} row${f.rows.length > 1 ? "s" : ""} ${rowList(f.rows)} of the locum's workbook.`, MARGIN, y + 2, {
    size: 7,
    color: GREY,
    maxWidth: WIDTH,
  });
}

/** Supplementary sheet `p` (page p of the form): the periods past the main form's four. */
function formASupplement(sup: Sheet, f: FormA, l: LocumDetails, p: number, pages: number, foot: string): void {
  let y = header(
    sup,
    "A",
    f.schemeYear,
    `Supplementary Form A ${p - 1} of ${pages - 1}: further periods for the Form A of ${f.practice}${f.code ? ` (${f.code})` : ""}${f.invoice ? `, invoice ${f.invoice}` : ""}. Boxes 1 to 3 on the main Form A cover every period.`,
    " (supplementary)",
  );
  y = infoRow(sup, y, f, ["Supplementary sheet", `${p - 1} of ${pages - 1}`]);
  y = sup.bar(y + 8, "Part 1", "continued: to be completed by the GP locum") + 4;
  y = locumIdentity(sup, y, l);
  y = periodTable(sup, y + 10, f, (p - 1) * PERIODS_PER_FORM);
  sup.field("locum.signature", MARGIN, y + 12, 340, 30, "Signature of GP locum");
  sup.field("locum.date", MARGIN + 340, y + 12, WIDTH - 340, 30, "Date (dd/mm/yyyy)");
  footer(sup, foot, p, pages);
}

/** Rows as print gives them, on the shared runs (rules/text.ts): [5, 6, 7, 9] → "5–7, 9". */
export function rowList(rows: number[]): string {
  return runsOf(rows)
    .map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`))
    .join(", ");
}

/** A Form A as Form B and the entry sheet list it: code, practice, first and last day, date paid, (Box 1,) Box 2, Box 3. */
export function formALine(f: FormA, withFee: boolean): string[] {
  const paid = f.datePaid === null ? "not yet" : dayToUk(f.datePaid);
  const money = withFee ? [pounds(f.box1), pounds(f.box2), pounds(f.box3)] : [pounds(f.box2), pounds(f.box3)];
  return [f.code, f.practice, dayToUk(f.periods[0].first), dayToUk(f.periods[f.periods.length - 1].last), paid, ...money];
}

const B_COLS = [56, 161, 60, 60, 60, 63, 63];
// The first column holds each Form A's practice code (§3: "one line per Form A: practice code, ...").
const B_HEADS = [
  "Practice code (ODS / EA)",
  "Name of surgery / practice, or NHS England / LHB if appraisal work",
  "First day worked for this payment",
  "Last day worked for this payment",
  "Date pay received",
  "Pensionable pay (Box 2 of Form A)",
  "Employer contributions (Box 3 of Form A)",
];
export const B_LINES_FIRST_PAGE = 12;
const B_LINES_MORE = 40;

function formBTable(s: Sheet, y: number, lines: (FormA | null)[], firstNo: number): number {
  let x = MARGIN;
  B_HEADS.forEach((h, i) => {
    s.rect(x, y, B_COLS[i], 34, { fill: SHADE });
    s.paragraph(h, x + 3, y + 8, B_COLS[i] - 5, { size: 6, bold: true, leading: 7 });
    x += B_COLS[i];
  });
  y += 34;
  lines.forEach((f, n) => {
    const cells = f ? formALine(f, false) : ["", "", "", "", "", "", ""];
    x = MARGIN;
    cells.forEach((c, i) => {
      s.rect(x, y, B_COLS[i], 15);
      if (i >= 5) s.text(c, x + B_COLS[i] - 3, y + 10.5, { size: 8, align: "right", maxWidth: B_COLS[i] - 5 });
      // the practice name is read whole: two small lines in the row rather than a cut
      else if (i === 1) s.fitted(c, x + 3, y + 10.5, { size: 8, maxWidth: B_COLS[i] - 6, wrap: { size: 6.2, floor: 5, y: y + 6.7, leading: 6.4 } });
      else s.text(c, x + 3, y + 10.5, { size: 8, maxWidth: B_COLS[i] - 6 });
      x += B_COLS[i];
    });
    if (f) s.text(String(firstNo + n), MARGIN - 3, y + 10.5, { size: 6, color: GREY, align: "right" });
    y += 15;
  });
  return y;
}

/** Pages a Form B takes: one, plus continuation pages for more than 12 Forms A. */
export function formBPages(b: FormB): number {
  const more = Math.max(0, b.formsA.length - B_LINES_FIRST_PAGE);
  return 1 + Math.ceil(more / B_LINES_MORE);
}

/** The official form's box for the scheme's staff: left empty, as on the form. */
function officeUse(s: Sheet, y: number): void {
  s.rect(MARGIN, y, WIDTH, 30, { fill: SHADE });
  s.text("For NHSE/PCSE/LHB use only", MARGIN + 6, y + 11, { size: 7.5, bold: true });
  s.text("Total contributions:", MARGIN + 6, y + 23, { size: 7.5 });
  s.box(MARGIN + 180, y + 3, 160, 24, "Employee (g)", "");
  s.box(MARGIN + 345, y + 3, WIDTH - 351, 24, "Employer (h)", "");
}

/** Draw one Form B (and any continuation of its table) onto new pages of `doc`. */
export function drawFormB(doc: PDFDocument, fonts: Fonts, b: FormB, l: LocumDetails, prefix: string): void {
  const pages = formBPages(b);
  const s = new Sheet(doc, fonts, prefix);
  const yearEnd = dayFromYmd(b.schemeYear + 1, 3, 31);
  let y = header(
    s,
    "B",
    b.schemeYear,
    `GP locum's monthly record of GMS / PMS / APMS / appraisal pay and pension contributions, ${dayToUk(dayFromYmd(b.schemeYear, 4, 1))} to ${dayToUk(yearEnd)}. One form per calendar month of pay received.`,
  );
  y = formBPersonal(s, y, b, l);
  y = formBTier(s, y, b);
  y = formBFirstLines(s, y, b, pages);
  y = formBPart2(s, y, b);
  formBSend(s, y, b, l);
  const foot = `GP locum Form B · ${b.upr} · ${monthLabel(b.monthKey)}`;
  footer(s, foot, 1, pages);
  for (let p = 2; p <= pages; p++) formBContinued(new Sheet(doc, fonts, `${prefix}cont${p - 1}.`), b, p, pages, foot);
}

/** Form B's personal details: reference, month and year, then the locum. */
function formBPersonal(s: Sheet, y: number, b: FormB, l: LocumDetails): number {
  y = s.bar(y, "Personal details", "") + 2;
  s.box(MARGIN, y, 200, 26, "Unique payment reference (UPR)", b.upr, { bold: true, size: 11 });
  s.box(
    MARGIN + 200,
    y,
    170,
    26,
    b.paidAfterMonth ? "Month this form refers to (work done)" : "Month this form refers to (pay received)",
    monthLabel(b.monthKey).split(" ")[0],
  );
  s.box(MARGIN + 370, y, WIDTH - 370, 26, "Year", String(b.year));
  y += 26;
  s.box(MARGIN, y, 200, 26, "Surname", l.surname);
  s.box(MARGIN + 200, y, 200, 26, "Other names", l.otherNames);
  s.box(MARGIN + 400, y, WIDTH - 400, 26, "Date of birth", l.dateOfBirth === null ? "" : dayToUk(l.dateOfBirth));
  y += 26;
  s.box(MARGIN, y, 130, 26, "NI number", l.niNumber);
  s.box(MARGIN + 130, y, 130, 26, "PCSE / LHB employing authority (EA) code", l.eaCode);
  s.box(MARGIN + 260, y, 140, 26, "Host LHB ref no. (Wales only)", l.country === "Wales" ? l.hostLhbRef : "");
  s.box(MARGIN + 400, y, WIDTH - 400, 26, "GMC number", l.gmcNumber);
  y += 26;
  s.box(MARGIN, y, WIDTH, 26, "Home address", l.address);
  y += 26;
  s.box(MARGIN, y, WIDTH, 26, "Email address", l.email);
  return y + 26;
}

/** Part 1's tiered rate: a tick box per rate (two rows past seven), the chosen one ticked, and why. */
function formBTier(s: Sheet, y: number, b: FormB): number {
  y = s.bar(y + 8, "Part 1", "Tiered contribution rate, and one line per Form A for pay received this month") + 14;
  const lead = s.text("Tiered contribution rate (tick one):", MARGIN, y, { size: 8.5, bold: true }) + 12;
  const perRow = b.tier.rates.length <= 7 ? b.tier.rates.length : Math.ceil(b.tier.rates.length / 2);
  const step = Math.min(70, (WIDTH - lead) / perRow);
  b.tier.rates.forEach((r, i) => {
    const row = Math.floor(i / perRow);
    s.tick(MARGIN + lead + (i % perRow) * step, y + row * 13, percent(r), i === b.tier.tier - 1, { bold: i === b.tier.tier - 1 });
  });
  y += 13 * Math.ceil(b.tier.rates.length / perRow);
  const basis = `How the rate was chosen: ${b.tier.explanation}.${b.tier.provisional ? ` ${notFinalWords(b.tier.tableStatus).title.toUpperCase()} table: re-check when the year's bands are published.` : ""}`;
  return s.paragraph(basis, MARGIN, y + 1, WIDTH, { size: 7, color: GREY, leading: 8.5 }) - 4;
}

/** Part 1's table on the first page: up to 12 Forms A, blank lines below, a note when more follow. */
function formBFirstLines(s: Sheet, y: number, b: FormB, pages: number): number {
  const first = b.formsA.slice(0, B_LINES_FIRST_PAGE);
  const lines: (FormA | null)[] = [...first, ...Array(B_LINES_FIRST_PAGE - first.length).fill(null)];
  y = formBTable(s, y + 4, lines, 1);
  if (b.formsA.length > B_LINES_FIRST_PAGE)
    s.text(
      `Lines ${B_LINES_FIRST_PAGE + 1} to ${b.formsA.length} continue on page 2${pages > 2 ? ` to ${pages}` : ""}; boxes a and h below include them.`,
      MARGIN,
      y + 9,
      { size: 7.5, bold: true },
    );
  return y;
}

/** Part 2: boxes a to j, the month's contributions. */
function formBPart2(s: Sheet, y: number, b: FormB): number {
  y = s.bar(y + 14, "Part 2", "Contributions for the month") + 3;
  for (const [k, label, value] of formBBoxes(b)) {
    const strong = k === "i";
    s.rect(MARGIN, y, 16, 16, { fill: SHADE });
    s.text(k, MARGIN + 8, y + 11.5, { size: 9, bold: true, align: "center" });
    s.text(label, MARGIN + 22, y + 11.5, { size: 7.6, bold: strong, maxWidth: WIDTH - 140 });
    s.rect(MARGIN + WIDTH - 110, y, 110, 16, strong ? { fill: SHADE } : {});
    s.text(value, MARGIN + WIDTH - 5, y + 11.8, { size: 9.5, bold: true, align: "right" });
    y += 17.5;
  }
  return y;
}

/** Boxes a to j as the form words them: letter, label, amount (blank when not known). */
function formBBoxes(b: FormB): [string, string, string][] {
  const amount = (x: typeof b.a | null) => (x === null ? "" : pounds(x));
  return [
    ["a", "Total pensionable pay, i.e. the total of the amounts in Box 2 of the Forms A", amount(b.a)],
    ["b", `Employee contributions (a × ${percent(b.tier.rate)}, the tiered rate ticked in Part 1)`, amount(b.b)],
    ["c", "Total of any NHS Pension Scheme added years contributions (a × %)", amount(b.c)],
    ["d", "Total of any extra money purchase additional voluntary contributions (MPAVCs), a % or agreed sum", amount(b.d)],
    ["e", "Total of any NHS Pension Scheme additional pension contributions", amount(b.e)],
    ["f", "Total of any early retirement reduction buy out (ERRBO) contributions, a × fixed ERRBO %", amount(b.f)],
    ["g", "Grand total of employee contributions (b + c + d + e + f)", amount(b.g)],
    [
      "h",
      `Grand total of employer contributions (${b.formsA[0] ? percent(b.formsA[0].employerRate) : "14.38%"}), i.e. the amounts in Box 3 of the Forms A`,
      amount(b.h),
    ],
    ["i", "Grand total of employee and employer contributions (g + h): the amount to pay", amount(b.i)],
    ["j", `Cumulative (month by month) freelance GP locum pensionable income in ${schemeYearLabel(b.schemeYear)}`, amount(b.j)],
  ];
}

/** Where to send the form and the money, the locum's signature and the scheme's own box. */
function formBSend(s: Sheet, y: number, b: FormB, l: LocumDetails): void {
  const n = b.formsA.length;
  y = s.paragraph(
    `Send this form with its ${plural(n, "Form")} A and the payment of ${pounds(b.i)} (box i), quoting ${b.upr}, to ${sendTo(l)} to arrive by ${dayToUk(b.dueDate)}.`,
    MARGIN,
    y + 9,
    WIDTH,
    { size: 8, bold: true },
  );
  s.field("locum.signature", MARGIN, y - 4, 340, 28, "Signature of GP locum");
  s.field("locum.date", MARGIN + 340, y - 4, WIDTH - 340, 28, "Date (dd/mm/yyyy)");
  officeUse(s, y + 30);
}

/** Continuation page `p`: the next 40 lines of Part 1's table. */
function formBContinued(cont: Sheet, b: FormB, p: number, pages: number, foot: string): void {
  const y = header(
    cont,
    "B",
    b.schemeYear,
    `Continuation of Part 1 for ${monthLabel(b.monthKey)}, UPR ${b.upr}: further Forms A for pay received this month.`,
    " (continued)",
  );
  const from = B_LINES_FIRST_PAGE + (p - 2) * B_LINES_MORE;
  const part = b.formsA.slice(from, from + B_LINES_MORE);
  formBTable(cont, y + 4, part, from + 1);
  footer(cont, foot, p, pages);
}
