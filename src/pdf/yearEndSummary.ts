// The year-end summary for a locum and their accountant: the outcome first, then how it was reached
// (the year's tier), the Forms B month by month with the rate used beside the rate due, a chart of
// the months, which form is due, the tax-year lines and the pension estimate. Drawn as vectors with
// the forms' own Sheet and fonts; the same results give the same bytes.
import type Decimal from "decimal.js";
import {
  annualisedShown,
  dueHow,
  monthShort,
  percent,
  pensionLines,
  pounds,
  settleWithShort,
  taxYearLabel,
  type YearEndFormB,
  type YearEndResult,
  yearEndNotes,
  yearEndSettingsNote,
  ZERO,
} from "../engine";
import { type PDFDocument, rgb, type RGB } from "pdf-lib";
import { appendTo, dayFromYmd, dayToUk, notFinalWords, rowList, ymdOfDay } from "../rules";
import { AMBER, type Fonts, GREY, INK, MARGIN, NHS_BLUE, NOTE, RULE, SHADE, Sheet, WIDTH } from "./draw";
import { BASE_REPERTOIRE, type FontBytes, newDocument, saveDocument } from "./fonts";
import type { LocumDetails } from "../forms/model";
import type { OffFormRow } from "../yearend/offForms";
import { slug } from "../forms/fileNames";

const BOTTOM = 800;
const PLOT_H = 62;
const PAY = rgb(0.6, 0.75, 0.9);
const DUE = rgb(0.55, 0.57, 0.6);

export interface YearEndPdfOptions {
  /** Scheme years whose figures are not final (errors stop some forms): a banner says so. */
  incomplete?: number[];
  /** The months each of those years leaves out ("November 2025"), named in the banner. */
  stopped?: Partial<Record<number, string[]>>;
  /** Rows to leave off (work that can never go on a Form A) by scheme year: a note says the figures are final without them. */
  leftOff?: Partial<Record<number, number[]>>;
  /** The client's workbook, printed small in the footer. */
  source?: string;
  /** Rows on no Form B made, by scheme year: listed with their amounts and reasons. */
  offForms?: Partial<Record<number, OffFormRow[]>>;
}

const fullName = (l: LocumDetails) => `${l.otherNames} ${l.surname}`.trim();

/** "2025-26-year-end-ONeill-12345678.pdf": named by the years that have ended (a year in progress rides along in it). */
export function yearEndPdfName(l: LocumDetails, results: YearEndResult[]): string {
  const ended = results.filter((r) => !r.inProgress);
  const years = (ended.length ? ended : results).map((r) => r.label.replace("/", "-"));
  const span = years.length > 1 ? `${years[0]}-to-${years[years.length - 1]}` : (years[0] ?? "year");
  return `${span}-year-end-${slug(l.surname)}${l.sdNumber ? `-${l.sdNumber}` : ""}.pdf`;
}

/** The summary PDF of one client's year end(s): one section per scheme year, each from a new page. */
export async function yearEndPdf(results: YearEndResult[], locum: LocumDetails, fonts: FontBytes, o: YearEndPdfOptions = {}): Promise<Uint8Array> {
  const last = results[results.length - 1];
  const extra = new Set<string>();
  for (const t of [locum.surname, locum.otherNames, o.source ?? ""]) for (const ch of t.normalize("NFC")) if (!BASE_REPERTOIRE.includes(ch)) extra.add(ch);
  const { doc, fonts: embedded } = await newDocument(fonts, {
    repertoire: BASE_REPERTOIRE + "−÷≥" + [...extra].sort().join(""),
    title: `Year-end reconciliation ${results.map((r) => r.label).join(", ")}: ${fullName(locum)}`,
    author: fullName(locum),
    subject: !last
      ? "year end"
      : o.incomplete?.includes(last.schemeYear)
        ? "not final"
        : `${last.settlement.text}, ${pounds(last.settlement.difference.abs())}`,
    date: last ? last.to : dayFromYmd(2015, 4, 1),
  });
  const pages: { sheet: Sheet; year: string }[] = [];
  for (const r of results) new Summary(doc, embedded, r, locum, o, pages).draw();
  pages.forEach(({ sheet, year }, i) =>
    footer(
      sheet,
      `Year end ${year} · ${fullName(locum)}${locum.sdNumber ? ` · SD ${locum.sdNumber}` : ""}${o.source ? ` · from ${o.source}` : ""} · pension figures are estimates`,
      i + 1,
      pages.length,
    ),
  );
  return saveDocument(doc);
}

function footer(s: Sheet, left: string, page: number, pages: number): void {
  s.line(MARGIN, 812, MARGIN + WIDTH, 812);
  s.text(left, MARGIN, 822, { size: 6.5, color: GREY, maxWidth: WIDTH - 70 });
  s.text(`page ${page} of ${pages}`, MARGIN + WIDTH, 822, { size: 6.5, color: GREY, align: "right" });
  s.end();
}

/** One scheme year's pages, drawn top to bottom with a cursor; a block that does not fit starts a page. */
class Summary {
  private s!: Sheet;
  private y = 0;
  private section = 0;

  constructor(
    private doc: PDFDocument,
    private fonts: Fonts,
    private r: YearEndResult,
    private l: LocumDetails,
    private o: YearEndPdfOptions,
    private pages: { sheet: Sheet; year: string }[],
  ) {}

  private page(): void {
    this.s = new Sheet(this.doc, this.fonts, `Y${this.r.schemeYear}.`, false); // drawn once: nothing to keep
    this.pages.push({ sheet: this.s, year: this.r.label });
    this.y = 44;
  }

  private need(h: number): void {
    if (this.y + h > BOTTOM) {
      this.page();
      this.s.text(`Year end ${this.r.label} (continued)`, MARGIN, this.y + 6, { size: 9, bold: true, color: GREY });
      this.y += 18;
    }
  }

  /** A paragraph below the cursor (its first baseline one line down); the cursor moves past it. */
  private para(text: string, o: { size?: number; bold?: boolean; color?: RGB; gap?: number } = {}): void {
    const size = o.size ?? 8;
    const lines = this.s.wrapped(text, WIDTH, { size, bold: o.bold });
    this.need(lines.length * size * 1.3);
    this.y = this.s.paragraph(text, MARGIN, this.y + size, WIDTH, { size, bold: o.bold, color: o.color }) - size * 0.3 + (o.gap ?? 2);
  }

  private heading(title: string, sub = "", h = 60): void {
    this.need(h + 24);
    this.y = this.s.bar(this.y, `${++this.section}  ${title}`, sub) + 8;
  }

  draw(): void {
    this.page();
    this.title();
    this.outcome();
    this.tier();
    this.formsB();
    this.offForms();
    this.chart();
    this.form();
    this.taxYears();
    this.pension();
    this.notes();
  }

  private title(): void {
    const { s, r, l } = this;
    s.text(`Year-end reconciliation ${r.label}`, MARGIN, this.y + 14, { size: 17, bold: true, maxWidth: WIDTH - 150 });
    s.rect(MARGIN + WIDTH - 140, this.y, 140, 22, { fill: SHADE });
    s.text(`NHS Pension Scheme · ${r.country}`, MARGIN + WIDTH - 70, this.y + 14, { size: 7.5, bold: true, align: "center" });
    const who = [fullName(l), l.sdNumber ? `SD number ${l.sdNumber}` : "", l.niNumber ? `NI ${l.niNumber}` : ""].filter(Boolean).join(" · ");
    s.text(who, MARGIN, this.y + 32, { size: 9.5, maxWidth: WIDTH });
    s.text(
      `Scheme year ${dayToUk(r.from)} to ${dayToUk(r.to)}, from the workbook's Forms A and B: pay by the date the work was done, contributions as paid on the Forms B.`,
      MARGIN,
      this.y + 45,
      { size: 7.5, color: GREY, maxWidth: WIDTH },
    );
    this.y += 56;
    if (this.o.incomplete?.includes(r.schemeYear)) {
      const months = this.o.stopped?.[r.schemeYear] ?? [];
      const which = months.length
        ? `the forms of ${months.length > 6 ? `${months.slice(0, 6).join(", ")} and ${months.length - 6} more months` : months.join(", ")}`
        : "some of this year's forms";
      this.banner(
        `Not final: errors in the workbook stop ${which} (the messages of locum forms or locum yearend name each row). The figures leave those forms out until they are fixed.`,
        AMBER,
      );
    }
    if (r.inProgress)
      this.banner(
        `In progress: ${r.label} ends on ${dayToUk(r.to)}, after ${dayToUk(r.asOf!)} when these figures were worked out. They are the year so far, not a year end to settle: the tier, what is due and the difference can change with the rest of the year's work.`,
        AMBER,
      );
    const off = this.o.leftOff?.[r.schemeYear] ?? [];
    if (off.length && !this.o.incomplete?.includes(r.schemeYear)) {
      this.banner(
        `Final without ${off.length === 1 ? "row" : "rows"} ${off.join(", ")} of the sessions: work that can never go on a Form A (the messages say why). The figures leave ${off.length === 1 ? "it" : "them"} off, as ${r.settleWith} will; remove ${off.length === 1 ? "it" : "them"} from the workbook so ${off.length === 1 ? "its month's" : "their months'"} forms can be made.`,
        AMBER,
      );
    }
    if (r.provisional) {
      const { title, state } = notFinalWords(r.tableStatus);
      this.banner(`${title}: the ${r.label} tier table is ${state}; the rate due may change when it is published.`, AMBER);
    }
  }

  private banner(text: string, edge: RGB): void {
    const lines = this.s.wrapped(text, WIDTH - 16, { size: 8 });
    const h = 8 + lines.length * 10.4;
    this.s.rect(MARGIN, this.y, WIDTH, h, { fill: NOTE, stroke: edge });
    this.s.paragraph(text, MARGIN + 8, this.y + 12, WIDTH - 16, { size: 8 });
    this.y += h + 6;
  }

  private outcome(): void {
    const { r } = this;
    const h = 62;
    this.need(h + 10);
    const s = this.s;
    const d = r.settlement.difference;
    s.rect(MARGIN, this.y, WIDTH, h, { fill: SHADE, stroke: null });
    s.rect(MARGIN, this.y, 4, h, { fill: NHS_BLUE, stroke: null });
    // A year that errors leave incomplete states no settlement: only what the months made show.
    const final = !this.o.incomplete?.includes(r.schemeYear);
    const head = !final
      ? `Not final: ${pounds(d.abs())} ${d.isNegative() ? "over" : "under"}paid so far`
      : r.settlement.outcome === "none"
        ? "Nothing to settle"
        : `${cap(r.settlement.direction)}: ${pounds(d.abs())}`;
    s.text(`${head}${r.inProgress && final ? " so far" : ""}`, MARGIN + 14, this.y + 22, {
      size: 15,
      bold: true,
      color: NHS_BLUE,
      maxWidth: WIDTH - 200,
    });
    s.text(`Due ${pounds(r.due)} · paid ${pounds(r.paid)}`, MARGIN + WIDTH - 10, this.y + 22, {
      size: 9.5,
      align: "right",
    });
    let y = this.y + 38;
    if (r.settlement.underOnePound) {
      s.text(
        `Under £1.00: whether ${r.settleWith} still chases or refunds such a difference is not settled (an open point): shown, not ignored.`,
        MARGIN + 14,
        y,
        { size: 7.5, color: AMBER, maxWidth: WIDTH - 24 },
      );
      y += 11;
    }
    // "the Local Health Board" starts a sentence here: "The Local Health Board".
    const body = r.settleWith.replace(/^./, (c) => c.toUpperCase());
    const settle = !final
      ? "These figures cover only the months whose forms were made: nothing to settle yet. Fix the errors that stop the months named above, then run the year end again."
      : r.inProgress
        ? `The year is not over: settle it after ${dayToUk(r.to)}, on the whole year's work.`
        : r.type2
          ? ""
          : r.settlement.outcome === "top-up"
            ? `${body} asks for a shortfall to be paid in full when it writes.`
            : r.settlement.outcome === "refund"
              ? `${body} refunds an overpayment by BACS.`
              : "";
    s.paragraph(`${r.form}${settle ? ` ${settle}` : ""}`, MARGIN + 14, y, WIDTH - 24, { size: 8 });
    this.y += h + 10;
  }

  private tier(): void {
    const { r } = this;
    this.heading("The tier for the year", "add then annualise, every practitioner post, by date worked", 150);
    const s = this.s;
    const kv: [string, string][] = [
      ["Locum pensionable pay (Σ Box 2 of the year's Forms A)", pounds(r.locumPay)],
      ["Days worked (a day at two practices counted once)", String(r.daysWorked)],
      ["Other practitioner pay (salaried/type 2, SOLO, out-of-hours)", pounds(r.otherPay)],
      ["Other days of service", String(r.otherDays)],
      [`Days of service${r.capped ? " (capped at the year's days)" : ""}`, String(r.daysOfService)],
      [`Annualised: ${pounds(r.locumPay.plus(r.otherPay))} ÷ ${r.daysOfService} × ${r.yearDays}`, pounds(annualisedShown(r.annualised))],
    ];
    const colW = WIDTH / 2;
    kv.forEach(([k, v], i) => {
      const x = MARGIN + (i % 2) * colW;
      const y = this.y + Math.floor(i / 2) * 22;
      s.rect(x, y, colW, 22, { stroke: RULE });
      s.text(k, x + 4, y + 8, { size: 6.5, color: GREY, maxWidth: colW - 8 });
      s.text(v, x + colW - 5, y + 18, { size: 9.5, bold: true, align: "right" });
    });
    this.y += Math.ceil(kv.length / 2) * 22 + 8;
    const head = ["Part of the year", "Days", "Locum pay", "Tier", "Rate due", "Due", "Rate paid", "Paid", "Difference"];
    const widths = [118, 34, 66, 30, 46, 60, 66, 51, 52];
    const rows = r.parts.map((p) => [
      `${dayToUk(p.from)} to ${dayToUk(p.to)}`,
      String(p.daysWorked),
      pounds(p.locumPay),
      String(p.tier),
      percent(p.rate),
      pounds(p.due),
      p.ratesPaid.map(percent).join(", ") || "none",
      pounds(p.paid),
      signed(p.settlement.difference),
    ]);
    if (r.parts.length > 1)
      rows.push(["Scheme year", String(r.daysWorked), pounds(r.locumPay), "", "", pounds(r.due), "", pounds(r.paid), signed(r.settlement.difference)]);
    this.table(head, widths, rows, new Set([1, 2, 3, 4, 5, 7, 8]), r.parts.length > 1 ? rows.length - 1 : -1);
    const tables = [...new Set(r.parts.map((p) => `${p.table.label} (${p.table.status})`))].join("; ");
    this.para(
      `Tier table${r.parts.length > 1 ? "s" : ""}: ${tables}. The tier is looked up on the annualised figure in whole pounds${r.parts.length > 1 ? ", in each part's own table" : ""}; due is ${dueHow(r)}.`,
      { size: 7.5, color: GREY, gap: 10 },
    );
  }

  private table(head: string[], widths: number[], rows: string[][], right: Set<number>, totalRow = -1, flag?: (row: number) => boolean): void {
    const { s } = this;
    const rowH = 15;
    this.need(16 + rowH * Math.min(rows.length, 3));
    const drawHead = () => {
      s.rect(MARGIN, this.y, WIDTH, 16, { fill: SHADE });
      let x = MARGIN;
      head.forEach((h, i) => {
        s.text(h, right.has(i) ? x + widths[i] - 4 : x + 4, this.y + 11, {
          size: 7,
          bold: true,
          align: right.has(i) ? "right" : "left",
          maxWidth: widths[i] - 6,
        });
        x += widths[i];
      });
      this.y += 16;
    };
    drawHead();
    rows.forEach((row, k) => {
      if (this.y + rowH > BOTTOM) {
        this.need(BOTTOM);
        drawHead();
      }
      const total = k === totalRow;
      if (total) s.rect(MARGIN, this.y, WIDTH, rowH, { fill: SHADE, stroke: null });
      let x = MARGIN;
      row.forEach((c, i) => {
        const odd = flag?.(k) && i === 4;
        s.text(c, right.has(i) ? x + widths[i] - 4 : x + 4, this.y + 10.5, {
          size: 8,
          bold: total || odd,
          color: odd ? AMBER : INK,
          align: right.has(i) ? "right" : "left",
          maxWidth: widths[i] - 6,
        });
        x += widths[i];
      });
      s.line(MARGIN, this.y + rowH, MARGIN + WIDTH, this.y + rowH, RULE, 0.3);
      this.y += rowH;
    });
    this.y += 6;
  }

  private formsB(): void {
    const lines = this.r.parts.flatMap((p) => p.formsB);
    this.heading("Forms B month by month", "the rate used beside the rate due for the year", 60);
    if (!lines.length) {
      this.para("No Forms B for this scheme year: nothing is counted as paid.", { size: 8.5, gap: 10 });
      return;
    }
    const head = [
      "Form B",
      "Box a (pay)",
      "Rate used",
      "Box b (paid)",
      "Rate due",
      "At rate due",
      "Employer (h)",
      `Paid to ${settleWithShort(this.r.country)}`,
      "Tax year",
    ];
    const widths = [62, 64, 46, 62, 46, 60, 58, 71, 54];
    const rows = lines.map((l) => [
      l.month ? monthShort(l.month) : l.label,
      pounds(l.a),
      percent(l.rateUsed),
      pounds(l.b),
      percent(l.rateDue),
      pounds(l.atRateDue),
      l.h === null ? "" : pounds(l.h),
      l.paidOn === null ? "" : `${dayToUk(l.paidOn)}${l.assumed ? "*" : ""}`,
      l.taxYear === null ? "" : taxYearLabel(l.taxYear),
    ]);
    const total = (f: (l: YearEndFormB) => Decimal | null) =>
      lines.every((l) => f(l) !== null) ? pounds(lines.reduce((t, l) => t.plus(f(l)!), lines[0].a.times(0))) : "";
    rows.push(["Total", total((l) => l.a), "", total((l) => l.b), "", total((l) => l.atRateDue), total((l) => l.h), "", ""]);
    this.table(head, widths, rows, new Set([1, 2, 3, 4, 5, 6]), rows.length - 1, (k) => k < lines.length && !lines[k].rateUsed.eq(lines[k].rateDue));
    const notes = [
      lines.some((l) => !l.rateUsed.eq(l.rateDue)) ? "Rate due in amber: the rate used on that Form B was not the rate the whole year's work gives." : "",
      lines.some((l) => l.assumed)
        ? `* No date sent given: the due date (the 7th of the next month) is assumed as the day it was paid to ${this.r.settleWith}.`
        : "",
      `Box b and the month at the rate due are each rounded on the Form B, and due is their total${this.r.parts.some((p) => !p.onNoFormB.pay.isZero()) ? ", with the pay on no Form B at the rate due" : ""}: a year paid at the rate due has nothing to settle.`,
    ].filter(Boolean);
    for (const n of notes) this.para(n, { size: 7.5, color: GREY, gap: 1 });
    this.y += 8;
  }

  private chart(): void {
    const { r } = this;
    const lines = r.parts.flatMap((p) => p.formsB).filter((l) => l.month);
    if (!lines.length) return;
    this.heading("The year month by month", "pensionable pay on each Form B, and contributions paid beside those due", 2 * (PLOT_H + 34));
    const months = Array.from({ length: 12 }, (_, i) => ymdOfDay(dayFromYmd(r.schemeYear, 4 + i, 1)));
    const at = (i: number) => lines.filter((l) => l.month!.year === months[i].y && l.month!.month === months[i].m);
    const add = (i: number, f: (l: YearEndFormB) => Decimal) => at(i).reduce((t, l) => t + f(l).toNumber(), 0);
    const pay = months.map((_, i) => add(i, (l) => l.a));
    const paid = months.map((_, i) => add(i, (l) => l.b));
    const due = months.map((_, i) => add(i, (l) => l.atRateDue));
    const left = MARGIN + 46;
    const w = WIDTH - 50;
    this.plot(
      "Pensionable pay (box a)",
      pay.map((v) => [v]),
      [PAY],
      left,
      w,
      PLOT_H,
      months,
    );
    this.plot(
      "Contributions: paid (box b) and due at the year's rate",
      paid.map((v, i) => [v, due[i]]),
      [NHS_BLUE, DUE],
      left,
      w,
      PLOT_H,
      months,
      ["paid", "due at the rate due"],
    );
    this.y += 4;
  }

  /** A bar chart of the twelve months: one bar, or a pair, per month, on a rounded axis. */
  private plot(
    title: string,
    values: number[][],
    colours: RGB[],
    left: number,
    w: number,
    h: number,
    months: { y: number; m: number }[],
    legend?: string[],
  ): void {
    const { s } = this;
    this.need(h + 34);
    s.text(title, MARGIN, this.y + 8, { size: 8, bold: true });
    if (legend) {
      let x = MARGIN + WIDTH;
      for (let i = legend.length - 1; i >= 0; i--) {
        const tw = s.width(legend[i], 7);
        x -= tw;
        s.text(legend[i], x, this.y + 8, { size: 7, color: GREY });
        x -= 12;
        s.rect(x, this.y + 1.5, 8, 7, { fill: colours[i], stroke: null });
        x -= 10;
      }
    }
    const top = this.y + 16;
    const max = Math.max(...values.flat(), 0);
    const step = niceStep(max / 4);
    const ceil = Math.max(step * Math.ceil(max / step), step);
    for (let v = 0; v <= ceil + 1e-9; v += step) {
      const y = top + h - (v / ceil) * h;
      s.line(left, y, left + w, y, v === 0 ? INK : RULE, v === 0 ? 0.6 : 0.25);
      s.text(`£${Math.round(v).toLocaleString("en-GB")}`, left - 4, y + 2.5, { size: 6.5, color: GREY, align: "right" });
    }
    const slot = w / 12;
    const n = values[0].length;
    const bw = Math.min(18, (slot * 0.7) / n);
    values.forEach((vs, i) => {
      const x0 = left + i * slot + (slot - bw * n) / 2;
      vs.forEach((v, k) => {
        const bh = (v / ceil) * h;
        if (bh > 0) s.rect(x0 + k * bw, top + h - bh, bw - (n > 1 ? 1 : 0), bh, { fill: colours[k], stroke: null });
      });
      s.text(monthShort({ year: months[i].y, month: months[i].m }).slice(0, 3), left + i * slot + slot / 2, top + h + 9, {
        size: 6.5,
        color: GREY,
        align: "center",
      });
    });
    this.y = top + h + 18;
  }

  private form(): void {
    const { r } = this;
    this.heading("Which form is due", "", r.type2 ? 120 : 30);
    this.para(r.form, { size: 9, bold: true, gap: 4 });
    if (!r.type2) {
      this.para(
        `Exclusive GP locums have no end-of-year certificate, but must make sure the right tier was paid (BMA): the difference above does that. Work elsewhere as a GP (salaried, SOLO or out-of-hours) would make a Type 2 self-assessment due.`,
        { gap: 10 },
      );
      return;
    }
    const t = r.type2;
    this.para(`Why: ${t.reasons.join("; ")}.`, { gap: 6 });
    // The figures' boxes stay together, on this page or the next (read the page after the paragraphs).
    this.need(68);
    const s = this.s;
    const span = t.firstWorked === null ? "" : `, worked ${dayToUk(t.firstWorked)} to ${dayToUk(t.lastWorked!)}`;
    const kv: [string, string][] = [
      [`Locum pay at 90 % of locum income (Forms A${span})`, pounds(t.locumPay)],
      ["Other practitioner posts: pensionable pay", pounds(t.otherPay)],
      ["Other practitioner posts: days of service", String(t.otherDays)],
      ["Box 2a: contributions already paid on the Forms B", pounds(t.contributionsPaid)],
      [`Annualised, all practitioner pay (${pounds(t.locumPay.plus(t.otherPay))})`, pounds(annualisedShown(r.annualised))],
      ["The tier on all of it", r.parts.map((p) => `tier ${p.tier}, ${percent(p.rate)}`).join("; ")],
    ];
    const colW = WIDTH / 2;
    kv.forEach(([k, v], i) => {
      const x = MARGIN + (i % 2) * colW;
      const y = this.y + Math.floor(i / 2) * 22;
      s.rect(x, y, colW, 22);
      s.text(k, x + 4, y + 8, { size: 6.5, color: GREY, maxWidth: colW - 8 });
      s.text(v, x + colW - 5, y + 18, { size: 9.5, bold: true, align: "right" });
    });
    this.y += Math.ceil(kv.length / 2) * 22 + 8;
    this.para(
      `The GP signs it (an accountant may prepare it), through ${r.country === "Wales" ? "the Local Health Board" : "PCSE Online or by post"}. Unpensioned or too-late locum work is left off. Add the contributions deducted from salaried pay (payslips) to box 2a.`,
      { size: 7.5, color: GREY, gap: 10 },
    );
  }

  private taxYears(): void {
    const { r } = this;
    this.heading("Tax years, for the self-assessment return", `6 April to 5 April, by the date paid to ${r.settleWith}`, 60);
    if (!r.taxYears.length) {
      this.para("No Forms B with a month: the tax years cannot be told.", { gap: 10 });
      return;
    }
    const head = ["Tax year", "Employee contributions", "Employer contributions (apart)", "Relief figure", "Forms B", "Dates"];
    const widths = [56, 96, 118, 80, 105, 68];
    const rows = r.taxYears.map((t) => [
      t.label,
      pounds(t.employee),
      t.employer === null ? "not known" : pounds(t.employer),
      pounds(t.relief),
      String(t.formsB.length),
      t.assumed ? "some assumed*" : "as sent",
    ]);
    this.table(head, widths, rows, new Set([1, 2, 3, 4]));
    const relief =
      r.settings.taxRelief === "employee"
        ? "Relief figure: employee contributions only (a setting; the default counts the employer contributions the locum paid over too, each shown apart)."
        : "Relief figure: employee and employer contributions, each shown apart (the default: HMRC BIM54020, a self-employed practitioner makes both; a setting gives employee only).";
    for (const n of [
      relief,
      "Claimed as personal pension contributions on the return (SA100), not deducted from trading profits. Not in these lines: the year-end top-up or refund, which falls in the tax year it is paid or received.",
    ]) {
      this.para(n, { size: 7.5, color: GREY, gap: 1 });
    }
    if (!r.unplaced.isZero()) this.para(`${pounds(r.unplaced)} of contributions has no Form B month: its tax year is not known.`, { size: 7.5, color: AMBER });
    this.y += 8;
  }

  private pension(): void {
    const { r } = this;
    this.heading("Pension built up", "estimates only: NHSBSA's statement is the record", 60);
    for (const line of pensionLines(r)) this.para(line, { gap: 3 });
    this.y += 8;
  }

  /** Rows on no Form B made: grouped by reason, with their fees and what keeps them off (issue 16). */
  private offForms(): void {
    const rows = this.o.offForms?.[this.r.schemeYear] ?? [];
    if (!rows.length) return;
    this.heading("Rows on no Form B", "not in the figures above: each with its amount and why", 40);
    for (const [reason, group] of groupBy(rows, (x) => x.reason)) {
      const fees = group.filter((x) => x.fee !== null);
      const total = fees.length
        ? ` (fees ${pounds(fees.reduce((n, x) => n.plus(x.fee!), ZERO))}, pensionable ${pounds(fees.reduce((n, x) => n.plus(x.pensionable!), ZERO))})`
        : "";
      this.para(`${cap(reason)}: ${rowList(group.map((x) => x.row))}${total}. ${OFF_WORDS[reason]}`, { size: 8, bold: true, gap: 1 });
      const shown = reason === "stopped" ? group.slice(0, 8) : group.slice(0, 1);
      for (const x of shown) this.para(`• ${x.why}`, { size: 7.5, color: GREY, gap: 1 });
      if (reason === "stopped" && group.length > 8)
        this.para(`• and ${group.length - 8} more rows: the messages file names each`, { size: 7.5, color: GREY, gap: 1 });
    }
    this.y += 8;
  }

  private notes(): void {
    const { r } = this;
    const settings = yearEndSettingsNote(r.settings);
    const notes = [...(settings ? [settings] : []), ...yearEndNotes(r)];
    if (!notes.length) return;
    this.heading("Notes", "what the figures rest on", 40);
    for (const n of notes) this.para(`• ${n}`, { size: 7.5, gap: 3 });
  }
}

const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** What each reason means for the figures, in a sentence. */
const OFF_WORDS: Record<OffFormRow["reason"], string> = {
  "not paid yet":
    "Work with no Date paid goes on the Form B of the month it is paid (March work on March's, by the March rule); it counts in this year's tier once paid, so the figures can still change.",
  "SOLO form": "Out-of-hours or ICB work is pensioned on the SOLO form: its pay belongs in Other practitioner pay, and a Type 2 is due.",
  "private work": "Private work is not NHS work and is not pensioned.",
  "left off": "Work that can never go on a Form A: the figures are final without it.",
  stopped: "Errors stop these rows' forms: the figures leave them out until they are fixed.",
};

function groupBy<T, K>(list: T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of list) appendTo(out, key(t), t);
  return out;
}

/** +£12.00 / −£12.00 / £0.00: the sign says who owes whom. */
function signed(d: Decimal): string {
  return d.isZero() ? pounds(d) : d.isPositive() ? `+${pounds(d)}` : pounds(d);
}

/** A round axis step (1, 2, 2.5 or 5 × 10^k) near `raw`. */
function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const k of [1, 2, 2.5, 5, 10]) if (k * p >= raw) return k * p;
  return 10 * p;
}
