// The worked examples from shared/domain/examples.json (copied to test/support), to the penny.
import examples from "../support/domain-examples.json";
import {
  annualisedShown,
  contributions,
  DEFAULT_SETTINGS,
  employeeContribution,
  employerContribution,
  formBDueDate,
  Money,
  pensionablePay,
  upr,
} from "../../src/engine";
import { DEFAULT_RULES, dayToIso, isoToDay } from "../../src/rules";

const S = DEFAULT_SETTINGS;
const day = (iso: string) => isoToDay(iso)!;

describe("contribution examples", () => {
  const withDates = examples.contributions.filter((e) => "start" in e && e.start);
  test.each(withDates.map((e) => [e.name, e] as const))("%s", (_name, e) => {
    const ex = e as {
      earnings: number;
      start: string;
      end: string;
      annualised: number;
      total: number;
      rate?: number;
      parts?: { start: string; end: string; days: number; earnings: number; rate: number; contribution: number }[];
    };
    const days = (ex as { days_of_service?: number }).days_of_service;
    const r = contributions({ earnings: new Money(ex.earnings), start: day(ex.start), end: day(ex.end), daysOfService: days }, DEFAULT_RULES, S);
    expect(r.total.toFixed(2)).toBe(ex.total.toFixed(2));
    expect(annualisedShown(r.annualised).toFixed(2)).toBe(ex.annualised.toFixed(2)); // truncated to the penny, as shown
    if (ex.parts) {
      expect(r.parts.map((p) => [dayToIso(p.start), dayToIso(p.end), p.days, p.earnings.toFixed(2), p.rate.toNumber(), p.contribution.toFixed(2)])).toEqual(
        ex.parts.map((p) => [p.start, p.end, p.days, p.earnings.toFixed(2), p.rate, p.contribution.toFixed(2)]),
      );
    } else {
      expect(r.parts).toHaveLength(1);
      expect(r.parts[0].rate.toNumber()).toBe(ex.rate);
    }
    expect(r.provisional).toBe(false);
  });

  test("Dr B: £30,000 at the 14.5 % tier is £4,350.00", () => {
    const b = examples.contributions.find((e) => e.name.startsWith("Dr B"))!;
    expect(employeeContribution(new Money(b.earnings), new Money(b.rate!), S).toFixed(2)).toBe(b.total.toFixed(2));
  });
});

test.each(examples.formA.map((a) => [a.fee, a.pensionable, a.employer]))("Form A: fee £%d → Box 2 £%d → Box 3 £%d", (fee, box2, box3) => {
  const p = pensionablePay(new Money(fee), S);
  expect(p.toFixed(2)).toBe(box2.toFixed(2));
  const e = employerContribution(p, day("2021-06-30"), DEFAULT_RULES, S);
  expect(e.amount.toFixed(2)).toBe(box3.toFixed(2));
  expect(e.rate.toString()).toBe("0.1438");
});

test.each(examples.upr.map((u) => [u.sd, u.month, u.upr, "note" in u ? u.note : ""]))("UPR %s for %s is %s %s", (sd, month, expected, note) => {
  const [y, m] = month.split("-").map(Number);
  expect(upr(sd, y, m, note === "the two-digit-year setting" ? { ...S, uprYearDigits: 2 } : S)).toBe(expected);
});

test.each(examples.deadlines.map((d) => [d.pay_received_in, d.formB_due_by]))("pay received in %s: Form B due by %s", (month, due) => {
  for (const d of ["01", "15", "31"]) expect(dayToIso(formBDueDate(day(`${month}-${d}`)))).toBe(due);
});
