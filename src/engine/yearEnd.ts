// The year-end reconciliation of a locum's scheme year (domain README §4, §5, §8): the tier that was
// right for the year's work, what was due at it, what the Forms B paid, the difference to settle,
// which form is due, the tax-year lines for the return, and an estimate of the pension built up.
// Both hosts build one YearEndSource (the forms layer from Forms A and B, LOCUM.YEAREND from rows)
// and call yearEnds(): the same code gives the same pennies.
import type Decimal from "decimal.js";
import {
  type AccrualEntry,
  accrualOf,
  type AllowanceEntry,
  annualAllowanceOf,
  type Day,
  dayToUk,
  cpiRead,
  LocumError,
  leastFinal,
  notFinal,
  type RuleSet,
  type Segment,
  type Status,
  type TierTable,
  type Type2DeadlineEntry,
  type2Deadline,
  YEAR_END_DATA,
  type YearEndData,
  ymdOfDay,
} from "../rules";
import { annualise } from "./annualise";
import { apportion } from "./apportion";
import { periodStartsWithin } from "./formBMonth";
import { Money, pounds, toPenny, ZERO } from "./money";
import { dueAtRate, employeeContribution } from "./pay";
import { daysInSchemeYear, daysOfServiceIn, schemeYearDays, schemeYearEnd, schemeYearLabel, schemeYearOf, schemeYearStart } from "./schemeYear";
import type { Settings } from "./settings";
import { tierIn, tierSegment } from "./tiers";
import { appendTo } from "../rules/lists";

export type Country = "England" | "Wales";

/** Pensionable pay by date worked: a Form A's Box 2 with its periods, or one row's pay and days. */
export interface WorkItem {
  pay: Decimal;
  /** The days it declares, as runs [first, last] (both counted). */
  periods: [Day, Day][];
  /** What it is, for messages: "Form A 03/2026 Y02345 INV-140", "row 5". */
  label: string;
}

/** A Form B as paid: its month, the rate used, boxes a, b (g, h) and when it went to PCSE. */
export interface FormBItem {
  /** The Form B month; null for pay at one rate given without its Forms B (LOCUM.YEAREND without form_a). */
  month: { year: number; month: number } | null;
  /** A day that places it in its scheme year and part: its month's first day (month null: a day of its work). */
  day: Day;
  /** The rate used (ticked). */
  rate: Decimal;
  /** Box a: Σ Box 2 of its Forms A. */
  a: Decimal;
  /** Box b: a × the rate used, to the penny. */
  b: Decimal;
  /** Box g: every member contribution on it (b + added years, MPAVCs, additional pension, ERRBO); b when absent. */
  g?: Decimal;
  /** Box h: the employer contributions; null when not known. */
  h: Decimal | null;
  /** When its forms went to PCSE (null: not known, the due date is assumed). */
  sent: Day | null;
  /** Its due date (the 7th of the next month); null only when month is null. */
  due: Day | null;
  label: string;
}

/** The year's other practitioner posts (salaried/type 2, SOLO/out-of-hours), as one figure. */
export interface OtherPractitioner {
  pay: Decimal;
  /** Days of service in them (continuous posts: every day of the engagement). */
  days: number;
  /** Practitioner work not on the forms (out-of-hours or ICB rows left off): a Type 2 is due all the same. */
  unlisted?: string[];
}

/** Last year's closing pension and the previous September's CPI (a fraction: 0.017 for 1.7 %). */
export interface PensionInput {
  opening: Decimal;
  cpi: Decimal;
}

export interface YearEndSource {
  country: Country;
  work: WorkItem[];
  formsB: FormBItem[];
  /** Per scheme year (2025 = 2025/26). */
  other?: Partial<Record<number, OtherPractitioner>>;
  pension?: Partial<Record<number, PensionInput>>;
  /**
   * The day the figures are worked out on (--today, or the clock): a scheme year whose 31 March is
   * after it has not ended, and its figures are the year so far ("in progress"). Absent: every
   * year is taken as ended.
   */
  asOf?: Day;
  /** Scheme years to work out even with no work or Forms B in them (a year whose every month errors stop). */
  years?: number[];
}

export interface Settlement {
  /** Due − paid: positive is owed to PCSE/the LHB, negative is owed back. */
  difference: Decimal;
  outcome: "top-up" | "refund" | "none";
  /** "top-up to PCSE", "refund from the LHB (under £1.00)", "nothing to settle". */
  text: string;
  /** The same without "(under £1.00)": "top-up to PCSE", "refund from the LHB", "nothing to settle". */
  direction: string;
  /** A difference under £1.00 (not zero): OPEN whether it is chased or refunded (§7). */
  underOnePound: boolean;
}

export interface YearEndFormB {
  label: string;
  month: { year: number; month: number } | null;
  rateUsed: Decimal;
  rateDue: Decimal;
  a: Decimal;
  b: Decimal;
  /** Box a at the rate due, to the penny, as box b is rounded: the part's due adds these up. */
  atRateDue: Decimal;
  g: Decimal;
  h: Decimal | null;
  sent: Day | null;
  due: Day | null;
  /** The day its contributions count as paid to PCSE: sent, else the due date (assumed). */
  paidOn: Day | null;
  assumed: boolean;
  taxYear: number | null;
}

export interface YearEndPart {
  from: Day;
  to: Day;
  table: TierTable;
  tier: number;
  rate: Decimal;
  /** Locum pensionable pay for work done in the part. */
  locumPay: Decimal;
  /** Distinct days worked in the part. */
  daysWorked: number;
  /** The other practitioner pay apportioned to the part by days (§5); all of it when the year is one part. */
  otherPay: Decimal;
  /**
   * Σ over the part's Forms B of box a × the rate due, rounded as box b is (atRateDue), plus the pay
   * on no Form B (onNoFormB) at that rate: a year paid at the rate due has nothing to settle (§7).
   */
  due: Decimal;
  paid: Decimal;
  /** Σ box a of the part's Forms B: equal to locumPay when every Form A is on a Form B. */
  declared: Decimal;
  /** Locum pay of the part on no Form B (locumPay − declared) and its contribution at the rate due (both zero when every Form A is on one). */
  onNoFormB: { pay: Decimal; due: Decimal };
  ratesPaid: Decimal[];
  formsB: YearEndFormB[];
  settlement: Settlement;
}

export interface Type2 {
  dueBy: Day | null;
  entry: Type2DeadlineEntry | null;
  /** Why it is due, in plain words. */
  reasons: string[];
  /** The figures it asks for. */
  locumPay: Decimal;
  otherPay: Decimal;
  otherDays: number;
  contributionsPaid: Decimal;
  firstWorked: Day | null;
  lastWorked: Day | null;
}

export interface TaxYearLine {
  /** 2025 = 6 April 2025 to 5 April 2026. */
  taxYear: number;
  label: string;
  /** Member contributions paid to PCSE in it (Forms B box g). */
  employee: Decimal;
  /** Employer contributions paid over in it (box h); null when not known. */
  employer: Decimal | null;
  /** The relief figure by the taxRelief setting. */
  relief: Decimal;
  /** Some Forms B have no date sent: their due date is assumed. */
  assumed: boolean;
  /** The Forms B counted, by label. */
  formsB: string[];
}

export interface PensionGrowth {
  opening: Decimal;
  cpi: Decimal;
  /** CPI + 1.5 %. */
  revaluation: Decimal;
  revalued: Decimal;
  closing: Decimal;
  /** Opening × (1 + CPI): what the input amount is measured from. */
  base: Decimal;
  inputAmount: Decimal;
  allowance: AllowanceEntry | null;
  over: boolean | null;
}

/** Every figure here is an estimate, and says so. */
export interface PensionEstimate {
  /** Locum pay plus the other practitioner pay: the year's 2015 Scheme pensionable pay. */
  pay: Decimal;
  accrual: Decimal | null;
  entry: AccrualEntry | null;
  taxYear: number;
  growth: PensionGrowth | null;
}

export interface YearEndResult {
  schemeYear: number;
  label: string;
  from: Day;
  to: Day;
  country: Country;
  /** "PCSE" or "the Local Health Board". */
  settleWith: string;
  locumPay: Decimal;
  daysWorked: number;
  firstWorked: Day | null;
  lastWorked: Day | null;
  otherPay: Decimal;
  otherDays: number;
  /** Days worked + other days of service, capped at the days of the scheme year. */
  daysOfService: number;
  capped: boolean;
  yearDays: number;
  annualised: Decimal;
  parts: YearEndPart[];
  due: Decimal;
  paid: Decimal;
  settlement: Settlement;
  type2: Type2 | null;
  /** Which form is due, in one sentence. */
  form: string;
  taxYears: TaxYearLine[];
  /** Contributions of pay given without its Forms B: their tax year is not known. */
  unplaced: Decimal;
  pension: PensionEstimate;
  provisional: boolean;
  /** The least final status of the tables used (projected, provisional, published, confirmed). */
  tableStatus: Status;
  /** The scheme year had not ended on `asOf`: the figures are the year so far, not to be settled yet. */
  inProgress: boolean;
  /** The day the figures are worked out on (YearEndSource.asOf), when given. */
  asOf: Day | null;
  settings: Settings;
}

/** The tax year a day falls in: 6 April to 5 April, named by the year it starts in. */
export function taxYearOf(day: Day): number {
  const { y, m, d } = ymdOfDay(day);
  return m > 4 || (m === 4 && d >= 6) ? y : y - 1;
}

export const taxYearLabel = schemeYearLabel;

/** The scheme year cut where its tier table changes (1 October 2022): one part, or two. */
export function yearParts(year: number, rules: RuleSet): Segment<TierTable>[] {
  const end = schemeYearEnd(year);
  const out: Segment<TierTable>[] = [];
  for (let cur = schemeYearStart(year); cur <= end;) {
    const seg = tierSegment(cur, rules);
    const to = Math.min(seg.to, end);
    out.push({ from: cur, to, table: seg.table });
    cur = to + 1;
  }
  return out;
}

/** Who settles: PCSE in England, the Local Health Board in Wales. */
export function settleWith(country: Country): string {
  return country === "Wales" ? "the Local Health Board" : "PCSE";
}

/** The same, short, for a column or a line: "PCSE", "the LHB". */
export function settleWithShort(country: Country): string {
  return country === "Wales" ? "the LHB" : "PCSE";
}

export function settlementOf(difference: Decimal, country: Country): Settlement {
  const body = settleWithShort(country);
  if (difference.isZero()) return { difference, outcome: "none", text: "nothing to settle", direction: "nothing to settle", underOnePound: false };
  const under = difference.abs().lt(1);
  const outcome = difference.isPositive() ? "top-up" : "refund";
  const direction = outcome === "top-up" ? `top-up to ${body}` : `refund from ${body}`;
  return { difference, outcome, text: `${direction}${under ? " (under £1.00)" : ""}`, direction, underOnePound: under };
}

const sum = (xs: Decimal[]) => xs.reduce((t, x) => t.plus(x), ZERO);

function daysOf(periods: [Day, Day][]): Day[] {
  const out: Day[] = [];
  for (const [a, b] of periods) for (let d = a; d <= b; d++) out.push(d);
  return out;
}

function spanOf(item: WorkItem): [Day, Day] {
  if (!item.periods.length) throw new LocumError(`${item.label}: no days worked`);
  let first = Infinity;
  let last = -Infinity;
  for (const [a, b] of item.periods) {
    if (b < a) throw new LocumError(`${item.label}: the last day ${dayToUk(b)} is before the first ${dayToUk(a)}`);
    first = Math.min(first, a);
    last = Math.max(last, b);
  }
  return [first, last];
}

/**
 * The year end of every scheme year the work and the Forms B touch, earliest first: the one engine
 * call both hosts make. Work that crosses 31 March or a table change (1 October 2022) is refused:
 * no Form A may hold days from both sides, so neither may a row.
 */
export function yearEnds(src: YearEndSource, rules: RuleSet, settings: Settings, data: YearEndData = YEAR_END_DATA): YearEndResult[] {
  const work = new Map<number, { item: WorkItem; first: Day }[]>();
  for (const item of src.work) {
    const [first, last] = spanOf(item);
    const cut = periodStartsWithin(first, last, rules)[0];
    if (cut !== undefined) {
      const why = schemeYearOf(cut) === schemeYearOf(first) ? "the tier table changes" : "a new scheme year starts";
      throw new LocumError(
        `${item.label}: its days ${dayToUk(first)} to ${dayToUk(last)} cross ${dayToUk(cut)}, when ${why}: split it into one row (one Form A) per side`,
      );
    }
    const y = schemeYearOf(first);
    appendTo(work, y, { item, first });
  }
  const formsB = new Map<number, FormBItem[]>();
  for (const b of src.formsB) {
    const y = schemeYearOf(b.day);
    appendTo(formsB, y, b);
  }
  const years = [...new Set([...work.keys(), ...formsB.keys(), ...(src.years ?? [])])].sort((a, b) => a - b);
  return years.map((y) =>
    yearEnd(
      y,
      { country: src.country, work: work.get(y) ?? [], formsB: formsB.get(y) ?? [], other: src.other?.[y], pension: src.pension?.[y], asOf: src.asOf ?? null },
      rules,
      settings,
      data,
    ),
  );
}

interface YearInput {
  country: Country;
  work: { item: WorkItem; first: Day }[];
  formsB: FormBItem[];
  other?: OtherPractitioner;
  pension?: PensionInput;
  asOf: Day | null;
}

/** The year's other posts, checked: a whole number of days within the year, pay not negative. */
function otherOf(year: number, other: OtherPractitioner | undefined): { otherPay: Decimal; otherDays: number } {
  const label = schemeYearLabel(year);
  const actualDays = schemeYearDays(year);
  const otherPay = other?.pay ?? ZERO;
  const otherDays = other?.days ?? 0;
  if (!Number.isInteger(otherDays) || otherDays < 0) throw new LocumError(`other days of service in ${label} must be a whole number of days, not ${otherDays}`);
  if (otherDays > actualDays) throw new LocumError(`other days of service (${otherDays}) cannot be more than the ${actualDays} days of scheme year ${label}`);
  if (otherPay.isNegative()) throw new LocumError(`other practitioner pay in ${label} cannot be negative`);
  return { otherPay, otherDays };
}

/** The year's work by part: pay and distinct days of each, and every day worked, in order. */
function workByPart(segments: Segment<TierTable>[], work: YearInput["work"]): { partPay: Decimal[]; partDays: number[]; days: Day[] } {
  const partOf = (d: Day) => segments.findIndex((s) => d >= s.from && d <= s.to);
  const allDays = new Set<Day>();
  const partDays = segments.map(() => new Set<Day>());
  const partPay = segments.map(() => ZERO);
  for (const { item, first } of work) {
    const p = partOf(first);
    partPay[p] = partPay[p].plus(item.pay);
    for (const d of daysOf(item.periods)) {
      allDays.add(d);
      partDays[p].add(d);
    }
  }
  return { partPay, partDays: partDays.map((s) => s.size), days: [...allDays].sort((a, b) => a - b) };
}

/** What one part of the year (a tier table's) shares of the year's figures. */
interface PartInput {
  seg: Segment<TierTable>;
  locumPay: Decimal;
  daysWorked: number;
  otherPay: Decimal;
  formsB: FormBItem[];
}

/** One part: its tier on the year's annualised pay, due at its rate, what its Forms B paid, the difference. */
function partOf(p: PartInput, annualised: Decimal, country: Country, settings: Settings): YearEndPart {
  const { tier, rate, table } = tierIn(p.seg, annualised);
  const lines = p.formsB.map((b) => formBLine(b, rate, settings));
  const paid = sum(lines.map((l) => l.b));
  const declared = sum(lines.map((l) => l.a));
  // Due is rounded where paid is, Form B by Form B (§7: totals are sums of rounded lines), so a
  // year paid at the rate due settles to nothing; pay on no Form B is added at the same rate.
  const rest = p.locumPay.minus(declared);
  const onNoFormB = { pay: rest, due: employeeContribution(rest, rate, settings) };
  const due = dueAtRate(
    lines.map((l) => l.a),
    rest,
    rate,
    settings,
  );
  const ratesPaid = [...new Map(lines.map((l) => [l.rateUsed.toString(), l.rateUsed])).values()].sort((x, y) => x.comparedTo(y));
  return {
    from: p.seg.from,
    to: p.seg.to,
    table,
    tier,
    rate,
    locumPay: p.locumPay,
    daysWorked: p.daysWorked,
    otherPay: p.otherPay,
    due,
    paid,
    declared,
    onNoFormB,
    ratesPaid,
    formsB: lines,
    settlement: settlementOf(due.minus(paid), country),
  };
}

/** The parts of the year: the work, the other pay (apportioned by days, §5) and the Forms B of each. */
function partsOf(year: number, input: YearInput, otherPay: Decimal, rules: RuleSet, settings: Settings) {
  const segments = yearParts(year, rules);
  const { partPay, partDays, days } = workByPart(segments, input.work);
  // Pay not attributable to dates is apportioned by days across the parts (§5); the last takes the remainder.
  const otherShares =
    segments.length > 1 && !otherPay.isZero()
      ? apportion(otherPay, schemeYearStart(year), schemeYearEnd(year), rules, settings).map((s) => s.earnings)
      : segments.map((_, i) => (i === 0 ? otherPay : ZERO));
  const formsBOf = segments.map(() => [] as FormBItem[]);
  for (const b of input.formsB) formsBOf[segments.findIndex((s) => b.day >= s.from && b.day <= s.to)].push(b);
  const parts = segments.map((seg, i): PartInput => ({ seg, locumPay: partPay[i], daysWorked: partDays[i], otherPay: otherShares[i], formsB: formsBOf[i] }));
  return { parts, days };
}

function yearEnd(year: number, input: YearInput, rules: RuleSet, settings: Settings, data: YearEndData): YearEndResult {
  const { otherPay, otherDays } = otherOf(year, input.other);
  const { parts: inputs, days } = partsOf(year, input, otherPay, rules, settings);
  const locumPay = sum(inputs.map((p) => p.locumPay));
  const daysWorked = days.length;
  const first = days[0] ?? null;
  const last = days[days.length - 1] ?? null;
  const { days: daysOfService, capped } = daysOfServiceIn(year, daysWorked, otherDays);
  const totalPay = locumPay.plus(otherPay);
  const annualised = daysOfService > 0 ? annualise(totalPay, daysOfService, year, settings) : ZERO;
  const parts = inputs.map((p) => partOf(p, annualised, input.country, settings));
  const due = sum(parts.map((p) => p.due));
  const paid = sum(parts.map((p) => p.paid));
  const allLines = parts.flatMap((p) => p.formsB);
  const type2 = type2Of(year, input, { locumPay, otherPay, otherDays, paid, first, last }, data);
  const to = schemeYearEnd(year);
  return {
    schemeYear: year,
    label: schemeYearLabel(year),
    from: schemeYearStart(year),
    to,
    country: input.country,
    settleWith: settleWith(input.country),
    locumPay,
    daysWorked,
    firstWorked: first,
    lastWorked: last,
    otherPay,
    otherDays,
    daysOfService,
    capped,
    yearDays: daysInSchemeYear(year, settings),
    annualised,
    parts,
    due,
    paid,
    settlement: settlementOf(due.minus(paid), input.country),
    type2,
    form: formSentence(type2, input.country),
    taxYears: taxYearLines(allLines, settings),
    unplaced: sum(allLines.filter((l) => l.paidOn === null).map((l) => l.g)),
    pension: pensionOf(year, totalPay, input.pension, settings, data),
    provisional: parts.some((p) => notFinal(p.table.status)),
    tableStatus: leastFinal(parts.map((p) => p.table.status)),
    inProgress: input.asOf !== null && input.asOf < to,
    asOf: input.asOf,
    settings,
  };
}

function formBLine(b: FormBItem, rateDue: Decimal, settings: Settings): YearEndFormB {
  const paidOn = b.sent ?? b.due;
  return {
    label: b.label,
    month: b.month,
    rateUsed: b.rate,
    rateDue,
    a: b.a,
    b: b.b,
    atRateDue: employeeContribution(b.a, rateDue, settings),
    g: b.g ?? b.b,
    h: b.h,
    sent: b.sent,
    due: b.due,
    paidOn,
    assumed: b.sent === null && b.due !== null,
    taxYear: paidOn === null ? null : taxYearOf(paidOn),
  };
}

function type2Of(
  year: number,
  input: YearInput,
  f: { locumPay: Decimal; otherPay: Decimal; otherDays: number; paid: Decimal; first: Day | null; last: Day | null },
  data: YearEndData,
): Type2 | null {
  const reasons: string[] = [];
  if (!f.otherPay.isZero()) reasons.push(`other practitioner pay of ${pounds(f.otherPay)} (salaried/type 2, SOLO or out-of-hours)`);
  else if (f.otherDays > 0) reasons.push(`${f.otherDays} other days of service (salaried/type 2, SOLO or out-of-hours)`);
  for (const u of input.other?.unlisted ?? []) reasons.push(u);
  if (!reasons.length) return null;
  const deadline = type2Deadline(year, data);
  return {
    dueBy: deadline?.day ?? null,
    entry: deadline?.entry ?? null,
    reasons,
    locumPay: f.locumPay,
    otherPay: f.otherPay,
    otherDays: f.otherDays,
    contributionsPaid: f.paid,
    firstWorked: f.first,
    lastWorked: f.last,
  };
}

function formSentence(type2: Type2 | null, country: Country): string {
  const body = settleWith(country);
  if (!type2) return `No end-of-year form (locum work only): settle the difference with ${body}.`;
  const by =
    type2.dueBy === null
      ? "(no deadline known)"
      : `due by ${dayToUk(type2.dueBy)}${type2.entry?.status === "provisional" ? " (the usual date, not yet confirmed)" : ""}`;
  return `Type 2 self-assessment ${by}, to ${body}: it settles the year across every post.`;
}

function taxYearLines(lines: YearEndFormB[], settings: Settings): TaxYearLine[] {
  const byYear = new Map<number, YearEndFormB[]>();
  for (const l of lines) if (l.taxYear !== null) appendTo(byYear, l.taxYear, l);
  return [...byYear.keys()]
    .sort((a, b) => a - b)
    .map((ty) => {
      const ls = byYear.get(ty)!;
      const employee = sum(ls.map((l) => l.g));
      const employer = ls.every((l) => l.h !== null) ? sum(ls.map((l) => l.h!)) : null;
      const relief = settings.taxRelief === "employee-and-employer" && employer !== null ? employee.plus(employer) : employee;
      return { taxYear: ty, label: taxYearLabel(ty), employee, employer, relief, assumed: ls.some((l) => l.assumed), formsB: ls.map((l) => l.label) };
    });
}

/** A September CPI, as a fraction, is between −10 % and 30 %. */
const CPI_RANGE = [new Money("-0.1"), new Money("0.3")];
export const cpiInRange = (cpi: Decimal) => cpi.gte(CPI_RANGE[0]) && cpi.lte(CPI_RANGE[1]);

/** A CPI as a cell holds it (cpiRead in the rules), in the engine's decimals. */
export function cpiOfCell(v: unknown): { cpi: Decimal; plainPercent: boolean } | null {
  const read = cpiRead(v);
  return read && { cpi: new Money(read.cpi), plainPercent: read.plainPercent };
}

function pensionOf(year: number, pay: Decimal, given: PensionInput | undefined, settings: Settings, data: YearEndData): PensionEstimate {
  const entry = accrualOf(year, data);
  const accrual = entry ? toPenny(pay.div(entry.denominator), settings) : null;
  let growth: PensionGrowth | null = null;
  if (given && entry && accrual) {
    const { opening, cpi } = given;
    if (opening.isNegative()) throw new LocumError("last year's closing pension cannot be negative");
    if (!cpiInRange(cpi)) throw new LocumError(`the September CPI must be a fraction such as 0.017 (for 1.7 %), not ${cpi.toString()}`);
    const revaluation = cpi.plus(entry.revaluationAboveCpi);
    const revalued = toPenny(opening.times(revaluation.plus(1)), settings);
    const closing = revalued.plus(accrual);
    const base = toPenny(opening.times(cpi.plus(1)), settings);
    const raw = closing.minus(base).times(16);
    const inputAmount = raw.isNegative() ? ZERO : raw;
    const allowance = annualAllowanceOf(year, data);
    growth = { opening, cpi, revaluation, revalued, closing, base, inputAmount, allowance, over: allowance ? inputAmount.gt(allowance.amount) : null };
  }
  return { pay, accrual, entry, taxYear: year, growth };
}
