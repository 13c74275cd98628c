// A year end explains itself: the same result feeds LOCUM.YEAREND's spill, the text breakdown, the
// JSON, the summary PDF and the CSV line, so none can say something the others do not.
import { dayToIso, dayToUk, leastFinal, notFinal, notFinalWords } from "../../rules";
import { tableName, textTable } from "./breakdown";
import { annualisedShown, money2, percent, pounds } from "../money";
import { monthName, schemeYearDays, schemeYearLabel as schemeYearLabelOf } from "../schemeYear";
import { type Settings, settingsLine, YEAR_END_SETTINGS } from "../settings";
import { settleWithShort, taxYearLabel, type YearEndFormB, type YearEndPart, type YearEndResult } from "../yearEnd";

/** The rates used on a part's Forms B: "9.8%", "9.8% and 10.7%", or "" when none. */
export function ratesText(p: YearEndPart): string {
  const r = p.ratesPaid.map(percent);
  return r.length <= 1 ? (r[0] ?? "") : `${r.slice(0, -1).join(", ")} and ${r[r.length - 1]}`;
}

/** When the Type 2 is due, as a cell shows it: "28/02/2026", "not due", "due (no date known)". */
export function type2DueText(r: YearEndResult): string {
  if (!r.type2) return "not due";
  return r.type2.dueBy === null ? "due (no date known)" : dayToUk(r.type2.dueBy);
}

export const YEAR_END_HEADER = [
  "Scheme year",
  "From",
  "To",
  "Days worked",
  "Days of service",
  "Locum pay",
  "Other pay",
  "Annualised",
  "Tier",
  "Rate due",
  "Due",
  "Rate paid",
  "Paid",
  "Difference",
  "Outcome",
  "Type 2 due by",
  "Status",
  "Pension built up (estimate)",
  "Pension input amount (estimate)",
] as const;

/** "in progress to 30/11/2026 (figures so far)" for a year not ended, else null. */
/**
 * The outcome in words, never overstated: a year that errors leave incomplete states no settlement,
 * only the difference on the months made ("not final: £34.02 underpaid on the months made").
 */
export function outcomeText(r: YearEndResult, final: boolean): string {
  const d = r.settlement.difference;
  if (!final) return `not final: ${pounds(d.abs())} ${d.isNegative() ? "over" : "under"}paid on the months made`;
  return `${r.settlement.text}${r.inProgress ? " so far" : ""}`;
}

export function inProgressText(r: YearEndResult): string | null {
  return r.inProgress ? `in progress to ${dayToUk(r.asOf!)} (figures so far; the year ends ${dayToUk(r.to)})` : null;
}

/**
 * LOCUM.YEAREND's rows under YEAR_END_HEADER: one per scheme year, one per part in 2022/23. Money
 * and rates as numbers, dates as dd/mm/yyyy text. Without rates paid (`paidKnown` false) the paid
 * columns are empty: nothing is known of them, which is not the same as nothing paid. Status is the
 * table's status, then whether the year is in progress, then `extra` notes of its scheme year
 * (rows left off).
 */
export function yearEndRows(results: YearEndResult[], paidKnown = true, extra: Partial<Record<number, string[]>> = {}): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const r of results) {
    for (const [i, p] of r.parts.entries()) {
      // The pension estimate is the year's: on its first row only (2022/23's second part leaves it empty).
      const pension = i > 0 ? ["", ""] : [r.pension.accrual?.toNumber() ?? "", r.pension.growth?.inputAmount.toNumber() ?? ""];
      const single = p.ratesPaid.length === 1 ? p.ratesPaid[0].toNumber() : ratesText(p);
      rows.push([
        r.label,
        dayToUk(p.from),
        dayToUk(p.to),
        p.daysWorked,
        r.daysOfService,
        p.locumPay.toNumber(),
        p.otherPay.toNumber(),
        annualisedShown(r.annualised).toNumber(),
        p.tier,
        p.rate.toNumber(),
        p.due.toNumber(),
        paidKnown ? single : "",
        paidKnown ? p.paid.toNumber() : "",
        paidKnown ? p.settlement.difference.toNumber() : "",
        paidKnown ? p.settlement.text : "give rate_paid to compare",
        type2DueText(r),
        [p.table.status, inProgressText(r), ...(extra[r.schemeYear] ?? [])].filter(Boolean).join("; "),
        ...pension,
      ]);
    }
  }
  return rows;
}

/**
 * How due was worked out, in words: each Form B's box a at the rate due, rounded as box b is, and
 * the pay on no Form B at that rate (the figures a person re-checking it adds up).
 */
export function dueHow(r: YearEndResult): string {
  const formsB = r.parts.some((p) => p.formsB.length);
  const rest = r.parts.filter((p) => !p.onNoFormB.pay.isZero());
  const each = r.parts.length > 1 ? ", each part at its own rate" : "";
  if (!formsB) return `locum pay × the rate due, to the penny${each}`;
  const off = rest.length
    ? `, plus ${pounds(rest.reduce((t, p) => t.plus(p.onNoFormB.pay), rest[0].onNoFormB.pay.times(0)))} of pay on no Form B × the rate due`
    : "";
  return `each Form B's box a × the rate due, rounded as box b is, added up${off}${each}`;
}

/** The settings line of a year end, or null when every setting it uses is at its default. */
export function yearEndSettingsNote(s: Settings): string | null {
  return settingsLine(s, YEAR_END_SETTINGS);
}

function formBRow(l: YearEndFormB): string[] {
  const when = l.paidOn === null ? "" : `${dayToUk(l.paidOn)}${l.assumed ? " (due date, assumed)" : " (sent)"}`;
  return [
    l.month ? monthName(l.month) : l.label,
    pounds(l.a),
    percent(l.rateUsed),
    pounds(l.b),
    percent(l.rateDue),
    pounds(l.atRateDue),
    l.rateUsed.eq(l.rateDue) ? "" : "differs",
    when,
  ];
}

/** Why the days of service were capped: more days than the scheme year has. */
function cappedNote(r: YearEndResult): string | null {
  if (!r.capped) return null;
  const actual = schemeYearDays(r.schemeYear);
  return `The ${r.daysWorked} days worked plus ${r.otherDays} other days of service come to ${r.daysWorked + r.otherDays}, more than the ${actual} days of ${r.label}: taken as ${actual} (count other service only on days without locum work).`;
}

/** Where the Forms B and the work disagree, or there are no Forms B at all. */
function formsBNotes(r: YearEndResult): string[] {
  const out = r.parts
    .filter((p) => p.formsB.length && !p.declared.eq(p.locumPay))
    .map(
      (p) =>
        `The Forms B for ${dayToUk(p.from)} to ${dayToUk(p.to)} declare ${pounds(p.declared)} of pensionable pay (box a), the work done then ${pounds(p.locumPay)}: a Form A is missing from a Form B, or a Form B holds work of another period.`,
    );
  if (!r.parts.some((p) => p.formsB.length) && !r.locumPay.isZero()) out.push(`No Forms B for ${r.label}: nothing counted as paid.`);
  return out;
}

/** A tier table not final: why it may change, as the rules data says (as contrib's note and the forms' warning say it). */
function provisionalNote(r: YearEndResult): string | null {
  if (!r.provisional) return null;
  const why = [...new Set(r.parts.map((p) => (notFinal(p.table.status) ? p.table.note : undefined)).filter((n): n is string => Boolean(n)))];
  const { title, state } = notFinalWords(leastFinal(r.parts.map((p) => p.table.status)));
  return `${title}: the ${r.label} tier table is ${state}, so the rate due may change when it is published${why.length ? `: ${why.join("; ")}` : ""}.`;
}

/** The Type 2's deadline, when the year-end data has none or only the usual date. */
function type2Notes(r: YearEndResult): string[] {
  const t = r.type2;
  if (!t) return [];
  if (!t.entry) return [`No Type 2 deadline for ${r.label} in the year-end data: add it to src/rules/yearEnd.json.`];
  if (t.entry.status !== "provisional") return [];
  return [`The Type 2 deadline for ${r.label} (${dayToUk(t.dueBy!)}) is the usual date, not yet confirmed: ${t.entry.source}`];
}

/** Plain-English notes on what a year end's figures rest on (capped days, provisional tables...), from its fields. */
export function yearEndNotes(r: YearEndResult): string[] {
  return [
    cappedNote(r),
    r.otherDays > 0 && r.otherPay.isZero()
      ? "Other days of service are given without other practitioner pay: the year is annualised over those days with no pay for them."
      : null,
    ...formsBNotes(r),
    r.inProgress
      ? `In progress: ${r.label} ends on ${dayToUk(r.to)}, after ${dayToUk(r.asOf!)}; these are the figures so far, not yet to settle (the tier can change with the rest of the year's work).`
      : null,
    provisionalNote(r),
    r.settlement.underOnePound
      ? "The difference is under £1.00: from April 2020 NHSBSA neither chased nor refunded differences under £1.00; whether it still does is not settled (OPEN), so it is shown."
      : null,
    ...type2Notes(r),
    r.taxYears.some((t) => t.assumed)
      ? `Tax years: a Form B with no date sent is counted on its due date (assumed); give the date the forms went to ${settleWithShort(r.country)} to be sure.`
      : null,
  ].filter((n): n is string => n !== null);
}

/** Why a Type 2 is due and the figures it asks for; none when it is not due. */
function type2Lines(r: YearEndResult): string[] {
  const t = r.type2;
  if (!t) return [];
  const span = t.firstWorked === null ? "" : ` (${dayToUk(t.firstWorked)} to ${dayToUk(t.lastWorked!)})`;
  return [
    `  Why: ${t.reasons.join("; ")}.`,
    `  It asks for: locum pay at 90 % ${pounds(t.locumPay)}${span}; other posts ${pounds(t.otherPay)} over ${t.otherDays} days; contributions already paid (box 2a) ${pounds(t.contributionsPaid)}.`,
  ];
}

/** The contributions of each tax year, by the date paid; none when no Form B is placed in one. */
function taxYearTextLines(r: YearEndResult): string[] {
  if (!r.taxYears.length) return [];
  return [
    "",
    `Tax years (by the date paid to ${r.settleWith}):`,
    ...r.taxYears.map((t) => {
      const employer = t.employer === null ? "employer not known" : `employer ${pounds(t.employer)}`;
      return `  ${t.label}: employee ${pounds(t.employee)}, ${employer}; relief figure ${pounds(t.relief)}${t.assumed ? " (some dates assumed)" : ""}.`;
    }),
  ];
}

/** The year end as plain text: every figure and how it was reached. */
export function yearEndText(r: YearEndResult): string {
  const progress = inProgressText(r);
  const lines: string[] = [`Year end ${r.label} (${dayToUk(r.from)} to ${dayToUk(r.to)}), ${r.country}${progress ? `: ${progress}` : ""}`, ""];
  const other = r.otherPay.isZero() && r.otherDays === 0 ? "" : ` + other practitioner pay ${pounds(r.otherPay)} over ${r.otherDays} days of service`;
  lines.push(`Locum pensionable pay by date worked: ${pounds(r.locumPay)} over ${r.daysWorked} days worked${other}.`);
  lines.push(
    `Annualised (add then annualise, every post): ${pounds(r.locumPay.plus(r.otherPay))} ÷ ${r.daysOfService} days of service${r.capped ? " (capped at the year's days)" : ""} × ${r.yearDays} = ${pounds(annualisedShown(r.annualised))}.`,
  );
  lines.push("");
  const head = ["From", "To", "Days", "Locum pay", "Tier", "Rate due", "Due", "Rate paid", "Paid", "Difference", "Table"];
  const rows = r.parts.map((p) => [
    dayToUk(p.from),
    dayToUk(p.to),
    String(p.daysWorked),
    pounds(p.locumPay),
    String(p.tier),
    percent(p.rate),
    pounds(p.due),
    ratesText(p) || "none",
    pounds(p.paid),
    pounds(p.settlement.difference),
    `${tableName(p.table)}, ${p.table.status}`,
  ]);
  lines.push(...textTable(head, rows, new Set([2, 3, 4, 5, 6, 8, 9])), "");
  lines.push(`Due ${pounds(r.due)} (${dueHow(r)}); paid ${pounds(r.paid)} (Σ box b of the Forms B).`);
  lines.push(`Difference ${pounds(r.settlement.difference)}: ${r.settlement.text}.`);
  lines.push(r.form);
  lines.push(...type2Lines(r));
  const formsB = r.parts.flatMap((p) => p.formsB);
  if (formsB.length) {
    lines.push("", "Forms B:");
    lines.push(
      ...textTable(
        ["Month", "Box a", "Rate used", "Box b", "Rate due", "At rate due", "", `Paid to ${settleWithShort(r.country)}`],
        formsB.map(formBRow),
        new Set([1, 2, 3, 4, 5]),
      ).map((l) => `  ${l}`),
    );
  }
  lines.push(...taxYearTextLines(r));
  if (!r.unplaced.isZero()) lines.push(`  ${pounds(r.unplaced)} of contributions has no Form B month: its tax year is not known.`);
  lines.push("", ...pensionLines(r));
  const settings = yearEndSettingsNote(r.settings);
  const notes = yearEndNotes(r);
  if (settings || notes.length) lines.push("", ...(settings ? [settings] : []), ...notes);
  return lines.join("\n");
}

/** The pension estimate, each line saying it is one. */
export function pensionLines(r: YearEndResult): string[] {
  const p = r.pension;
  if (!p.entry || !p.accrual) return [`Pension built up (estimate): no accrual rule for ${r.label} in the year-end data.`];
  const out = [`Pension built up in ${r.label} (estimate): ${pounds(p.pay)} ÷ ${p.entry.denominator} = ${pounds(p.accrual)} a year (2015 Scheme).`];
  const g = p.growth;
  if (!g) {
    out.push(
      `Pension input amount: give last year's closing pension and the previous September's CPI to estimate it (Locum details: "Closing pension last year" and "September CPI", or for this year "Closing pension ${schemeYearLabelOf(r.schemeYear - 1)}" and "September CPI ${r.schemeYear - 1}").`,
    );
    return out;
  }
  out.push(
    `Pension input amount (estimate): closing ${pounds(g.closing)} (${pounds(g.opening)} revalued by CPI ${percent(g.cpi)} + ${percent(g.revaluation.minus(g.cpi))} = ${pounds(g.revalued)}, plus ${pounds(p.accrual)}) less ${pounds(g.base)} (opening × (1 + CPI)), × 16 = ${pounds(g.inputAmount)}.`,
  );
  if (g.allowance) {
    const verdict = g.over
      ? `above the ${g.allowance.label} annual allowance: a tax charge may be due (carry forward from earlier years not counted)`
      : `within the ${g.allowance.label} annual allowance`;
    out.push(`Estimate for tax year ${r.label}: ${verdict}. ${g.allowance.tapered}`);
  } else out.push(`No annual allowance for tax year ${r.label} in the year-end data.`);
  return out;
}

/** A day for a program: ISO, or null. */
const iso = (d: number | null) => (d === null ? null : dayToIso(d));

/** A Form B of the year end, for a program. */
function formBJson(l: YearEndFormB): Record<string, unknown> {
  return {
    label: l.label,
    month: l.month ? `${l.month.year}-${String(l.month.month).padStart(2, "0")}` : null,
    a: money2(l.a),
    rateUsed: l.rateUsed.toString(),
    b: money2(l.b),
    rateDue: l.rateDue.toString(),
    employer: l.h === null ? null : money2(l.h),
    sent: iso(l.sent),
    due: iso(l.due),
    paidOn: iso(l.paidOn),
    assumed: l.assumed,
    taxYear: l.taxYear === null ? null : taxYearLabel(l.taxYear),
  };
}

/** A part of the year (a tier table's), for a program. */
function partJson(p: YearEndPart): Record<string, unknown> {
  return {
    from: iso(p.from),
    to: iso(p.to),
    daysWorked: p.daysWorked,
    locumPay: money2(p.locumPay),
    otherPay: money2(p.otherPay),
    tier: p.tier,
    rateDue: p.rate.toString(),
    due: money2(p.due),
    onNoFormB: { pay: money2(p.onNoFormB.pay), due: money2(p.onNoFormB.due) },
    ratesPaid: p.ratesPaid.map((x) => x.toString()),
    paid: money2(p.paid),
    difference: money2(p.settlement.difference),
    outcome: p.settlement.text,
    table: tableName(p.table),
    status: p.table.status,
    formsB: p.formsB.map(formBJson),
  };
}

/** The year end for a program: money as 2-decimal strings, dates ISO, rates as decimal text. */
export function yearEndJson(r: YearEndResult): Record<string, unknown> {
  return {
    schemeYear: r.label,
    from: iso(r.from),
    to: iso(r.to),
    country: r.country,
    locumPay: money2(r.locumPay),
    daysWorked: r.daysWorked,
    otherPay: money2(r.otherPay),
    otherDays: r.otherDays,
    daysOfService: r.daysOfService,
    capped: r.capped,
    yearDays: r.yearDays,
    annualised: money2(annualisedShown(r.annualised)),
    parts: r.parts.map(partJson),
    due: money2(r.due),
    paid: money2(r.paid),
    difference: money2(r.settlement.difference),
    outcome: r.settlement.outcome,
    outcomeText: r.settlement.text,
    underOnePound: r.settlement.underOnePound,
    settleWith: r.settleWith,
    form: r.form,
    type2: r.type2 && {
      dueBy: iso(r.type2.dueBy),
      status: r.type2.entry?.status ?? null,
      reasons: r.type2.reasons,
      locumPay: money2(r.type2.locumPay),
      otherPay: money2(r.type2.otherPay),
      otherDays: r.type2.otherDays,
      contributionsPaid: money2(r.type2.contributionsPaid),
    },
    taxYears: r.taxYears.map((t) => ({
      taxYear: t.label,
      employee: money2(t.employee),
      employer: t.employer === null ? null : money2(t.employer),
      relief: money2(t.relief),
      assumed: t.assumed,
    })),
    unplaced: money2(r.unplaced),
    pension: {
      estimate: true,
      pay: money2(r.pension.pay),
      accrual: r.pension.accrual === null ? null : money2(r.pension.accrual),
      inputAmount: r.pension.growth ? money2(r.pension.growth.inputAmount) : null,
      annualAllowance: r.pension.growth?.allowance ? r.pension.growth.allowance.amount : null,
      overAllowance: r.pension.growth?.over ?? null,
    },
    provisional: r.provisional,
    inProgress: r.inProgress,
    asOf: iso(r.asOf),
    settings: { yearBase: r.settings.yearBase, rounding: r.settings.rounding, taxRelief: r.settings.taxRelief },
    notes: yearEndNotes(r),
  };
}
