// GP Locum A: one per practice per invoice (no Invoice column: per practice per month paid), split
// by Form B month (the month paid, or March for March work paid later: §3) so each Form A belongs
// to exactly one Form B. Consecutive days make one period. Box 1 fee, Box 2 = 90 % of Box 1, Box 3 =
// employer rate on Box 2 (§2).
import { employerContribution, formBDueDate, pensionablePay, type Settings, upr, ZERO } from "../engine";
import { type Day, notFinal, type RuleSet, runsOfSpans } from "../rules";
import type { FormA, LocumDetails, Session } from "./model";
import { monthEnd, monthOfKey, monthStart, schemeYearOfMonth } from "./months";

export interface FormAGroup {
  key: string;
  monthKey: string;
  sessions: Session[];
}

/** Rows into Form A groups, in a stable order: month, then first day worked, then practice. */
export function groupSessions(sessions: Session[]): FormAGroup[] {
  const groups = new Map<string, FormAGroup>();
  for (const s of sessions) {
    const key = s.formKey;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, monthKey: s.month, sessions: [] }));
    g.sessions.push(s);
  }
  // Each group's first day found once, not at every comparison of the sort.
  const first = new Map([...groups.values()].map((g) => [g, Math.min(...g.sessions.map((s) => s.first))]));
  // Month keys ("2025-04") are all digits in one shape: compared as text, as localeCompare orders them.
  const byMonth = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()].sort((a, b) => byMonth(a.monthKey, b.monthKey) || first.get(a)! - first.get(b)! || a.key.localeCompare(b.key));
}

/**
 * Build one Form A from its rows. The employer rate is the one in force on the date paid (§2); for
 * March work not paid yet, on the Form B month's last day. Throws LocumError when no rate covers it.
 */
export function buildFormA(g: FormAGroup, locum: LocumDetails, rules: RuleSet, settings: Settings, sheet = "Sessions"): FormA {
  const byRow = [...g.sessions].sort((a, b) => a.row - b.row || a.first - b.first);
  const practice = byRow[0].practice;
  const code = byRow.find((s) => s.code)?.code ?? "";
  const invoice = byRow.find((s) => s.invoice)?.invoice ?? "";
  // Several payments in one month (a practice paying weekly): the form shows the last of them.
  const paid = byRow.map((s) => s.paid).filter((d): d is Day => d !== null);
  const datePaid = paid.length ? Math.max(...paid) : null;
  const { year: y, month: m } = monthOfKey(g.monthKey);
  const box1 = byRow.reduce((t, s) => t.plus(s.fee), ZERO);
  const box2 = pensionablePay(box1, settings);
  const employerOn = datePaid ?? monthEnd(g.monthKey);
  const employer = employerContribution(box2, employerOn, rules, settings);
  return {
    id: g.key,
    monthKey: g.monthKey,
    upr: upr(locum.sdNumber, y, m, settings),
    schemeYear: schemeYearOfMonth(g.monthKey),
    practice,
    code,
    invoice,
    appraisal: byRow.every((s) => s.workType === "appraisal"),
    periods: runsOfSpans(byRow).map(([first, last]) => ({ first, last, days: last - first + 1 })),
    rows: [...new Set(byRow.map((s) => s.row))],
    sheet,
    box1,
    box2,
    box3: employer.amount,
    employerRate: employer.rate,
    employerProvisional: notFinal(employer.table.status),
    employerOn,
    datePaid,
    paidAfterMonth: byRow.some((s) => s.byWork),
    dueDate: formBDueDate(monthStart(g.monthKey)),
    index: 0,
    count: 0,
  };
}

/** Four period lines on a Form A; the rest continue on supplementary Forms A. */
export const PERIODS_PER_FORM = 4;
