// The "PCSE Online entry sheet": for locums who submit online, every value of the month's Form B and
// Forms A as a list to type from, in Form B's order (personal details, month, tier, one line per
// Form A, boxes a to j, payment). A reading aid, not a form: it has no fields.
import type { PDFDocument } from "pdf-lib";
import type Decimal from "decimal.js";
import { percent, pounds, schemeYearLabel, schemeYearOf } from "../engine";
import { dayToUk, notFinalWords } from "../rules";
import { howToPay, monthLabel } from "../forms/months";
import { AMBER, type Fonts, GREY, MARGIN, NOTE, SHADE, Sheet, WIDTH } from "./draw";
import type { FormB, LocumDetails } from "../forms/model";
import { formALine } from "./forms";

type Line =
  | { kind: "head"; text: string }
  | { kind: "note"; text: string }
  | { kind: "pair"; label: string; value: string; file?: boolean }
  | { kind: "row"; cells: string[] };

const A_COLS = [50, 150, 56, 56, 56, 52, 52, 51];
// The first column holds each Form A's practice code, as on Form B.
const A_HEADS = ["Practice code", "Practice / NHS England / LHB", "First day", "Last day", "Date paid", "Box 1 fee", "Box 2", "Box 3"];

/** The scheme years of the provisional employer rates a Form B's Forms A used, by the day Box 3 took its rate. */
function employerYears(b: FormB): string[] {
  return [...new Set(b.formsA.filter((f) => f.employerProvisional).map((f) => schemeYearLabel(schemeYearOf(f.employerOn))))];
}

/** The note that leads the sheet when a rate used is not final (a tier table, an employer rate). */
function provisionalNote(b: FormB): Line[] {
  const year = schemeYearLabel(b.schemeYear);
  const notes = [
    b.tier.provisional
      ? `the ${year} tier table is ${notFinalWords(b.tier.tableStatus).state}; re-make this month's forms when it is published. Table used: ${b.tier.tableLabel}.`
      : "",
    ...employerYears(b).map((y) => `the ${y} employer rate (box h) is expected but not yet confirmed.`),
  ].filter(Boolean);
  const title = b.tier.provisional ? notFinalWords(b.tier.tableStatus).title : "Provisional";
  return notes.length ? [{ kind: "note", text: `${title}: ${notes.join(" Also, ")}` }] : [];
}

// The sheet's lines in Form B's order: a table of what is typed where, clearer whole than cut up.
function lines(b: FormB, l: LocumDetails, files: string[]): Line[] {
  const money = (x: Decimal | null) => (x === null ? "leave empty" : pounds(x));
  return [
    ...provisionalNote(b),
    { kind: "head", text: "1. Your details" },
    { kind: "pair", label: "Surname", value: l.surname },
    { kind: "pair", label: "Other names", value: l.otherNames },
    { kind: "pair", label: "Date of birth", value: l.dateOfBirth === null ? "" : dayToUk(l.dateOfBirth) },
    { kind: "pair", label: "National Insurance number", value: l.niNumber },
    { kind: "pair", label: "NHS Pension Scheme (SD) number", value: l.sdNumber },
    { kind: "pair", label: "GMC number", value: l.gmcNumber },
    { kind: "pair", label: "Email address", value: l.email },
    { kind: "pair", label: "Home address", value: l.address },
    { kind: "head", text: "2. This submission" },
    { kind: "pair", label: "Unique payment reference (UPR)", value: b.upr },
    { kind: "pair", label: b.paidAfterMonth ? "Month and year (work done; some paid later)" : "Month and year (pay received)", value: monthLabel(b.monthKey) },
    { kind: "pair", label: "EA code of PCSE / LHB", value: l.eaCode },
    {
      kind: "pair",
      label: "Tiered contribution rate",
      value: `${percent(b.tier.rate)} (tier ${b.tier.tier}, ${b.tier.basis}${b.tier.provisional ? `, ${b.tier.tableStatus} table` : ""})`,
    },
    { kind: "head", text: `3. Forms A (${b.formsA.length})` },
    { kind: "row", cells: A_HEADS },
    ...b.formsA.map((f): Line => ({ kind: "row", cells: formALine(f, true) })),
    { kind: "head", text: "4. Form B, Part 2" },
    { kind: "pair", label: "a  Total pensionable pay", value: money(b.a) },
    { kind: "pair", label: `b  Employee contributions (a × ${percent(b.tier.rate)})`, value: money(b.b) },
    { kind: "pair", label: "c  Added years contributions", value: money(b.c) },
    { kind: "pair", label: "d  MPAVCs", value: money(b.d) },
    { kind: "pair", label: "e  Additional pension contributions", value: money(b.e) },
    { kind: "pair", label: "f  ERRBO contributions", value: money(b.f) },
    { kind: "pair", label: "g  Total employee contributions", value: money(b.g) },
    { kind: "pair", label: "h  Total employer contributions", value: money(b.h) },
    { kind: "pair", label: "i  Total to pay (g + h)", value: money(b.i) },
    { kind: "pair", label: "j  Cumulative locum pensionable income this scheme year", value: money(b.j) },
    { kind: "head", text: "5. Payment and attachments" },
    { kind: "pair", label: "Amount to pay", value: pounds(b.i) },
    { kind: "pair", label: "Payment reference", value: b.upr },
    { kind: "pair", label: "To arrive by", value: dayToUk(b.dueDate) },
    { kind: "note", text: `How to pay: ${howToPay(l.country, b.upr)}.` },
    ...files.map((f, i): Line => ({
      kind: "pair",
      label: i === 0 ? "Attach: all forms in one PDF" : i === 1 ? "or each form on its own" : "",
      value: f,
      file: true,
    })),
  ];
}

/** Draw the entry sheet for one month onto new pages of `doc`. */
export function drawEntrySheet(doc: PDFDocument, fonts: Fonts, b: FormB, l: LocumDetails, files: string[]): void {
  let page = 0;
  const newPage = (): Sheet => {
    const s = new Sheet(doc, fonts, `E${++page}.`);
    s.text(`PCSE Online entry sheet – ${monthLabel(b.monthKey)}`, MARGIN, 50, { size: 15, bold: true });
    s.paragraph(
      `Every value of Form B ${monthLabel(b.monthKey)} (UPR ${b.upr}) and its Forms A, in the order of Form B, to type into the PCSE online form. The signed PDFs remain the record: attach them where the form asks.`,
      MARGIN,
      66,
      WIDTH,
      { size: 8.5, color: GREY },
    );
    return s;
  };
  let s = newPage();
  let y = 92;
  for (const line of lines(b, l, files)) {
    if (y > 790) {
      s.end();
      s = newPage();
      y = 92;
    }
    y = drawLine(s, y, line);
  }
  s.end();
}

/** A line of the sheet drawn at y; returns the y below it. */
function drawLine(sh: Sheet, y: number, line: Line): number {
  switch (line.kind) {
    case "note":
      return note(sh, y, line.text);
    case "head":
      return head(sh, y, line.text);
    case "pair":
      return pair(sh, y, line);
    case "row":
      return row(sh, y, line.cells);
  }
}

/** A note that must not be missed: bold, on pale amber. */
function note(sh: Sheet, y: number, text: string): number {
  y += 4;
  const h = 8 + sh.wrapped(text, WIDTH - 12, { size: 8.5, bold: true }).length * 11;
  sh.rect(MARGIN, y, WIDTH, h, { fill: NOTE, stroke: AMBER, lineWidth: 1 });
  sh.paragraph(text, MARGIN + 6, y + 13, WIDTH - 12, { size: 8.5, bold: true, leading: 11 });
  return y + h + 2;
}

/** A section heading on a shaded band. */
function head(sh: Sheet, y: number, text: string): number {
  y += 6;
  sh.rect(MARGIN, y, WIDTH, 15, { fill: SHADE, stroke: null });
  sh.text(text, MARGIN + 4, y + 11, { size: 9, bold: true });
  return y + 17;
}

/** A label and the value to type, ruled below. */
function pair(sh: Sheet, y: number, line: Extract<Line, { kind: "pair" }>): number {
  const at = line.file ? 150 : 240; // file names are long: give them the width
  sh.text(line.label, MARGIN + 4, y + 10, { size: 8.5, color: GREY, maxWidth: at - 10 });
  sh.text(line.value, MARGIN + at, y + 10, line.file ? { size: 7.5, maxWidth: WIDTH - at - 4 } : { size: 9, bold: true, maxWidth: WIDTH - at - 4 });
  sh.line(MARGIN, y + 14, MARGIN + WIDTH, y + 14);
  return y + 14;
}

/** A line of the Forms A table (or its heading), names wrapped to three lines. */
function row(sh: Sheet, y: number, cells: string[]): number {
  const heads = cells === A_HEADS;
  let x = MARGIN;
  let tall = 0;
  cells.forEach((c, i) => {
    const right = i >= 5;
    const opts = { size: heads ? 7 : 8, bold: heads, maxWidth: A_COLS[i] - 6 };
    if (right) sh.text(c, x + A_COLS[i] - 3, y + 10, { ...opts, align: "right" });
    // the practice name (and a heading) is read whole: a second line rather than a cut
    else if (i <= 1)
      tall = Math.max(tall, sh.fitted(c, x + 3, y + 10, { ...opts, wrap: { size: heads ? 7 : 7.5, floor: 6, y: y + 10, leading: 8.5, lines: 3 } }) - 1);
    else sh.text(c, x + 3, y + 10, opts);
    x += A_COLS[i];
  });
  y += 14 + tall * 8.5;
  sh.line(MARGIN, y, MARGIN + WIDTH, y);
  return y;
}
