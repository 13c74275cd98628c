// GP Locum A: one per practice per invoice (no Invoice column: per practice per month paid), split
// by the month the pay was received so each Form A belongs to exactly one Form B. Consecutive days
// make one period. Box 1 fee, Box 2 = 90 % of Box 1, Box 3 = employer rate on Box 2 (§2).
import { employerContribution, formBDueDate, pensionablePay, schemeYearOf, type Settings, upr, ZERO } from "../engine";
import { type RuleSet } from "../rules";
import { daysOf, runs } from "./checks";
import type { FormA, LocumDetails, Session } from "./model";
import { groupKeyOf, monthKeyOf, practiceKeyOf } from "./sessions";

export interface FormAGroup {
  key: string;
  monthKey: string;
  sessions: Session[];
}

/** Rows into Form A groups, in a stable order: month, then first day worked, then practice. */
export function groupSessions(sessions: Session[]): FormAGroup[] {
  const groups = new Map<string, FormAGroup>();
  for (const s of sessions) {
    const monthKey = monthKeyOf(s.paid);
    const key = groupKeyOf(monthKey, practiceKeyOf(s.code, s.practice), s.invoice);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, monthKey, sessions: [] }));
    g.sessions.push(s);
  }
  const first = (g: FormAGroup) => Math.min(...g.sessions.map((s) => s.first));
  return [...groups.values()].sort((a, b) => a.monthKey.localeCompare(b.monthKey) || first(a) - first(b) || a.key.localeCompare(b.key));
}

/** Build one Form A from its rows. Throws LocumError when no employer rate covers the date paid. */
export function buildFormA(g: FormAGroup, locum: LocumDetails, rules: RuleSet, settings: Settings, sheet = "Sessions"): FormA {
  const byRow = [...g.sessions].sort((a, b) => a.row - b.row);
  const practice = byRow[0].practice;
  const code = byRow.find((s) => s.code)?.code ?? "";
  const invoice = byRow.find((s) => s.invoice)?.invoice ?? "";
  // Several payments in one month (a practice paying weekly): the form shows the last of them.
  const datePaid = Math.max(...byRow.map((s) => s.paid));
  const [y, m] = g.monthKey.split("-").map(Number);
  const box1 = byRow.reduce((t, s) => t.plus(s.fee), ZERO);
  const box2 = pensionablePay(box1, settings);
  const employer = employerContribution(box2, datePaid, rules, settings);
  return {
    id: g.key,
    monthKey: g.monthKey,
    upr: upr(locum.sdNumber, y, m, settings),
    schemeYear: schemeYearOf(datePaid),
    practice,
    code,
    invoice,
    appraisal: byRow.every((s) => s.workType === "appraisal"),
    periods: runs(byRow.flatMap(daysOf)).map(([first, last]) => ({ first, last, days: last - first + 1 })),
    rows: byRow.map((s) => s.row),
    sheet,
    box1,
    box2,
    box3: employer.amount,
    employerRate: employer.rate,
    datePaid,
    dueDate: formBDueDate(datePaid),
    index: 0,
    count: 0,
  };
}

/** Four period lines on a Form A; the rest continue on supplementary Forms A. */
export const PERIODS_PER_FORM = 4;
