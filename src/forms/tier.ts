// The tier rate ticked on Form B, and why (issue 3): the rate given in Locum details, else the
// estimated pensionable pay, else the year's rows annualised. Whichever is used is said on the form.
import type Decimal from "decimal.js";
import {
  annualisedShown,
  annualiseInYear,
  daysInSchemeYear,
  daysOfServiceIn,
  Money,
  percent,
  pensionablePay,
  pounds,
  schemeYearEnd,
  schemeYearLabel,
  schemeYearOf,
  schemeYearStart,
  type Settings,
  tierSegment,
  tierIn,
  employeeContribution,
  dueAtRate,
  withinSchemeYear,
  ZERO,
} from "../engine";
import { appendTo, type Day, daysCovered, dayToUk, notFinal, rowList, type RuleSet, type Segment, type TierTable, ymdOfDay } from "../rules";
import type { Field } from "../workbook/columns";
import { type Findings, type Place, reason } from "../workbook/findings";
import { scheme } from "./months";
import type { LocumDetails, Session, TierChoice } from "./model";

export interface Annualised {
  schemeYear: number;
  locumPay: Decimal;
  otherPay: Decimal;
  days: number;
  yearDays: number;
  annualised: Decimal;
}

/** Σ Box 2 of the Forms A the sessions make: each form's fees added, then 90 % rounded once (§2). */
export function box2Total(sessions: Session[], settings: Settings): Decimal {
  // Box 1 of each form, its fees added in row order; sums are exact (34 digits), so the forms' order does not matter.
  const box1 = new Map<string, Decimal>();
  for (const s of sessions) box1.set(s.formKey, (box1.get(s.formKey) ?? ZERO).plus(s.fee));
  let total: Decimal = ZERO;
  for (const fees of box1.values()) total = total.plus(pensionablePay(fees, settings));
  return total;
}

/** The rows worked in a scheme year (by first day), annualised with the other GP pay and days (§4). */
export function annualisedRows(sessions: Session[], year: number, locum: LocumDetails, settings: Settings, out: Findings, sheet: string): Annualised | null {
  const inYear = sessions.filter((s) => schemeYearOf(s.first) === year);
  if (!inYear.length) return null;
  const locumPay = box2Total(inYear, settings);
  const { days, given, yearDays, capped } = daysOfServiceIn(year, daysCovered(inYear), locum.otherDays);
  if (capped)
    out.warning(
      { sheet, field: "Other days of service", ...locum.cells["Other days of service"] },
      `the locum days worked plus Other days of service come to ${given}, more than the ${yearDays} days of ${schemeYearLabel(year)}: taken as ${yearDays} (count other service only on days without locum work)`,
      "other days",
    );
  const pay = locumPay.plus(locum.otherPay);
  const annualised = annualiseInYear(pay, days, year, settings);
  return { schemeYear: year, locumPay, otherPay: locum.otherPay, days, yearDays: daysInSchemeYear(year, settings), annualised };
}

function describe(a: Annualised): string {
  const other = a.otherPay.isZero() ? "" : ` + other practitioner pay ${pounds(a.otherPay)}`;
  return `annualised rows: pensionable pay ${pounds(a.locumPay)}${other} over ${a.days} days of service × ${a.yearDays} = ${pounds(annualisedShown(a.annualised))} a year`;
}

export interface TierContext {
  sessions: Session[];
  locum: LocumDetails;
  rules: RuleSet;
  settings: Settings;
  out: Findings;
  detailsSheet: string;
  sessionsSheet: string;
  /** Rows left out of the annualised figure by errors: said once, when that basis is used. */
  excludedRows: number[];
  /** A Sessions cell's place, as messages name it. */
  place: (row: number, field: Field) => Place;
}

/** A rate given in Locum details, and the cell that gave it. */
type GivenRate = { rate: Decimal; field: string; row?: number; cell?: string };

/** The rate the locum gave for pay received in a month: the latest dated rate in force, else Tier rate. */
function givenRate(locum: LocumDetails, monthStart: Day): GivenRate | null {
  // A rate "from 15/10/2022" is meant for October's Form B too: compare by month.
  const month = (d: Day) => {
    const { y, m } = ymdOfDay(d);
    return y * 12 + m;
  };
  const dated = locum.tierRatesFrom.filter((d) => month(d.from) <= month(monthStart)).pop();
  if (dated) return dated;
  return locum.tierRate ? { rate: locum.tierRate, field: "Tier rate", ...locum.cells["Tier rate"] } : null;
}

/** Choose the tier for a Form B month; null (with an error) when it cannot be chosen. Cached per table, year and rate given. */
export class TierChooser {
  private cache = new Map<string, TierChoice | null>();
  private annual = new Map<number, Annualised | null>();
  private warnedExcluded = false;
  private warnedEstimate = new Set<number>();
  private warnedRows = new Set<number>();
  private warnedGiven = new Set<string>();
  constructor(private ctx: TierContext) {}

  /** A detail's place in Locum details (its row and value cell when given). */
  private detail(label: string): Place {
    return { sheet: this.ctx.detailsSheet, field: label, ...this.ctx.locum.cells[label] };
  }

  /**
   * Locum pensionable pay of the rows worked in a table's part of a scheme year, Form B month by
   * Form B month (each month's Forms A's Box 2): box a of each Form B, as the year end takes them.
   */
  private boxesAIn(segment: Segment<TierTable>, year: number): Decimal[] {
    const from = Math.max(segment.from, schemeYearStart(year));
    const to = Math.min(segment.to, schemeYearEnd(year));
    const byMonth = new Map<string, Session[]>();
    for (const s of this.ctx.sessions) if (s.first >= from && s.last <= to) appendTo(byMonth, s.month, s);
    return [...byMonth.values()].map((list) => box2Total(list, this.ctx.settings));
  }

  private rows(year: number): Annualised | null {
    if (!this.annual.has(year)) {
      let a: Annualised | null = null;
      try {
        a = annualisedRows(this.ctx.sessions, year, this.ctx.locum, this.ctx.settings, this.ctx.out, this.ctx.detailsSheet);
      } catch (e) {
        this.ctx.out.error(this.detail("Other days of service"), reason(e), "other days");
      }
      this.annual.set(year, a);
    }
    return this.annual.get(year) ?? null;
  }

  /**
   * A Tier rate given in Locum details that the year's rows (with Other practitioner pay) do not
   * bear out: a warning naming both rates, the figure and about how much the difference comes to,
   * once per table and year (the year end settles it; the months still to come can be put right).
   */
  private checkGiven(given: GivenRate, choice: TierChoice, segment: Segment<TierTable>, rows: Annualised): void {
    const due = tierIn(segment, rows.annualised);
    const key = `${rows.schemeYear}|${segment.from}`;
    if (due.tier === choice.tier || this.warnedGiven.has(key)) return;
    this.warnedGiven.add(key);
    // What the year end will say, rounded as it rounds (the yearEndRounding setting): due at the
    // rate the rows give, less box b paid at the given rate, Form B by Form B.
    const boxesA = this.boxesAIn(segment, rows.schemeYear);
    const pay = boxesA.reduce((n, a) => n.plus(a), ZERO);
    const paid = boxesA.reduce((n, a) => n.plus(employeeContribution(a, choice.rate, this.ctx.settings)), ZERO);
    const gap = dueAtRate(boxesA, ZERO, due.rate, this.ctx.settings).minus(paid).abs();
    const other = rows.otherPay.isZero() ? "" : ` with Other practitioner pay ${pounds(rows.otherPay)}`;
    const way = due.rate.gt(choice.rate) ? "too little" : "too much";
    this.ctx.out.warning(
      { sheet: this.ctx.detailsSheet, row: given.row, field: given.field, cell: given.cell },
      `${percent(choice.rate)} is given, but the ${schemeYearLabel(rows.schemeYear)} rows${other} annualise to ${pounds(annualisedShown(rows.annualised))} (${rows.days} day${rows.days === 1 ? "" : "s"} of service), which gives ${percent(due.rate)} (tier ${due.tier} of ${segment.table.label}): at ${percent(choice.rate)} the forms pay about ${pounds(gap)} ${way} on the ${pounds(pay)} of pensionable pay so far, which ${scheme(this.ctx.locum)} settles at year end; give ${percent(due.rate)} for the months still to come, or Estimated pensionable pay`,
      "tier rate contradicted",
    );
  }

  /** The tier for pay received in the month starting on `monthStart`. */
  choose(monthStart: Day): TierChoice | null {
    const { locum, out, detailsSheet } = this.ctx;
    const year = schemeYearOf(monthStart);
    let segment: Segment<TierTable>;
    try {
      segment = tierSegment(monthStart, this.ctx.rules);
    } catch (e) {
      out.error({ sheet: detailsSheet }, reason(e), "no tier table");
      return null;
    }
    // A dated rate can start inside a table's part of a year: the choice is kept per rate in force too.
    const given = givenRate(locum, monthStart);
    const key = `${year}|${segment.from}|${given ? `${given.field}|${given.rate.toString()}` : ""}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    const at: Basis = { segment, year, base: tableOf(segment.table) };
    // Every Form B month holds work of its own scheme year (the March rule), so the year has rows.
    const rowsBasis = this.rows(year);
    let choice: TierChoice | null;
    if (given) choice = this.fromGiven(at, given, rowsBasis);
    else if (locum.estimatedPay) choice = this.fromEstimate(at, locum.estimatedPay, rowsBasis);
    else if (rowsBasis) choice = this.fromRows(at, rowsBasis);
    else {
      out.error(
        { sheet: detailsSheet, field: "Tier rate" },
        `no sessions worked in ${schemeYearLabel(year)} to annualise: give Tier rate or Estimated pensionable pay`,
        "no tier basis",
      );
      choice = null;
    }
    this.cache.set(key, choice);
    return choice;
  }

  /** The rate given in Locum details, when it is one of the table's (checked against the rows). */
  private fromGiven(at: Basis, given: GivenRate, rowsBasis: Annualised | null): TierChoice | null {
    const { rates } = at.base;
    const i = rates.findIndex((r) => r.eq(given.rate));
    if (i < 0) {
      this.notInTable(at, given);
      return null;
    }
    const choice: TierChoice = {
      ...at.base,
      tier: i + 1,
      rate: rates[i],
      basis: "tier rate given",
      explanation: `tier rate ${percent(rates[i])} given in Locum details${given.field === "Tier rate" ? "" : ` ("${given.field}")`}`,
    };
    if (rowsBasis) this.checkGiven(given, choice, at.segment, rowsBasis);
    return choice;
  }

  /** A given rate the table does not have: an error naming the table's rates (and a change of table). */
  private notInTable({ segment, year, base }: Basis, given: GivenRate): void {
    const inYear = withinSchemeYear(segment, year);
    const span = `${dayToUk(inYear.from)} to ${dayToUk(inYear.to)}`;
    // A table that changed inside the scheme year (1 October 2022): one rate cannot be in both.
    const change = segment.from > schemeYearStart(year) ? segment.from : segment.to < schemeYearEnd(year) ? segment.to + 1 : null;
    const hint =
      change !== null
        ? `; the table changed on ${dayToUk(change)}, so add a row "Tier rate from ${dayToUk(change)}" for pay received from then, or give Estimated pensionable pay instead (it picks the tier in each table)`
        : ", or give Estimated pensionable pay instead";
    this.ctx.out.error(
      { sheet: this.ctx.detailsSheet, row: given.row, field: given.field, cell: given.cell },
      `${percent(given.rate)} is not a rate of the ${segment.table.label} table (${base.rates.map(percent).join(", ")}), in force for pay received ${span}: give one of these${hint}`,
      "tier rate not in table",
    );
  }

  /** The tier of the Estimated pensionable pay; a warning, once a year, when the rows give another. */
  private fromEstimate({ segment, year, base }: Basis, estimate: Decimal, rowsBasis: Annualised | null): TierChoice {
    const { locum, out } = this.ctx;
    const t = tierIn(segment, estimate);
    const choice: TierChoice = {
      ...base,
      tier: t.tier,
      rate: t.rate,
      basis: "estimated pensionable pay",
      explanation: `estimated pensionable pay ${pounds(estimate)} (Locum details): tier ${t.tier} of ${segment.table.label}, ${percent(t.rate)}`,
    };
    if (!rowsBasis) return choice;
    const r = tierIn(segment, rowsBasis.annualised);
    // Once a scheme year (2022/23 has two tables; the estimate is for the year).
    if (r.tier !== t.tier && !this.warnedEstimate.has(year)) {
      this.warnedEstimate.add(year);
      out.warning(
        this.detail("Estimated pensionable pay"),
        `${pounds(estimate)} gives ${percent(t.rate)} for ${schemeYearLabel(year)}, but the rows annualise to ${pounds(annualisedShown(rowsBasis.annualised))}, which gives ${percent(r.rate)}: the forms use the estimate; update it if the year has changed (${scheme(locum)} corrects the rate at year end)`,
        "estimate contradicted",
      );
    }
    return choice;
  }

  /** The tier of the year's rows annualised, with the warnings that basis carries (once each). */
  private fromRows({ segment, year, base }: Basis, rowsBasis: Annualised): TierChoice {
    const { out, excludedRows } = this.ctx;
    const t = tierIn(segment, rowsBasis.annualised);
    const choice: TierChoice = {
      ...base,
      tier: t.tier,
      rate: t.rate,
      basis: "annualised rows",
      explanation: `${describe(rowsBasis)}: tier ${t.tier} of ${segment.table.label}, ${percent(t.rate)}`,
    };
    // Months sent early in the year had fewer rows to annualise: the rate can move under them.
    if (!this.warnedRows.has(year)) {
      this.warnedRows.add(year);
      out.warning(
        this.detail("Tier rate"),
        `not given, so the ${schemeYearLabel(year)} tier comes from the year's rows annualised: it can change as rows are added, and a Form B already sent keeps the rate it was sent with; give Tier rate or Estimated pensionable pay for a steady rate (the year-end reconciliation settles any difference)`,
        "tier from rows",
      );
    }
    if (excludedRows.length && !this.warnedExcluded) {
      this.warnedExcluded = true;
      out.warning(
        this.ctx.place(excludedRows[0], "first"),
        `the annualised tier leaves out rows stopped by errors (${rowList(excludedRows)}): the rate may change once they are fixed`,
        "tier from rows",
      );
    }
    return choice;
  }
}

/** What every choice in a table's part of a scheme year shares. */
interface Basis {
  segment: Segment<TierTable>;
  year: number;
  base: Omit<TierChoice, "tier" | "rate" | "basis" | "explanation">;
}

/** The table's rates and status, as a choice carries them. */
function tableOf(table: TierTable): Basis["base"] {
  const rates = table.bands.map((b) => new Money(b.rate));
  return { rates, provisional: notFinal(table.status), tableStatus: table.status, tableLabel: table.label, tableNote: table.note };
}
