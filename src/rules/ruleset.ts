import builtIn from "./tables.json";
import { type Day, isoToDay } from "./day";
import { LocumError } from "./errors";
import type { EmployerRate, RuleData, RuleSet, Segment, TierTable } from "./types";

export const BUILT_IN: RuleData = builtIn as RuleData;

const RATE = /^0?\.\d+$|^0$/;

/** Problems with one table, in plain English; empty when it is sound. */
export function tableProblems(t: TierTable | EmployerRate): string[] {
  const out: string[] = [];
  const from = isoToDay(t.from);
  const to = isoToDay(t.to);
  if (from === null) out.push(`"from" is not a date (${t.from})`);
  if (to === null) out.push(`"to" is not a date (${t.to})`);
  if (from !== null && to !== null && to < from) out.push(`"to" (${t.to}) is before "from" (${t.from})`);
  if (t.status !== "confirmed" && t.status !== "provisional") out.push(`status must be confirmed or provisional, not ${t.status}`);
  const rateOk = (r: string) => RATE.test(r) && Number(r) > 0 && Number(r) < 1;
  if ("bands" in t) {
    if (t.bands.length === 0) out.push("has no bands");
    let prev = 0;
    t.bands.forEach((b, i) => {
      const last = i === t.bands.length - 1;
      if (!rateOk(b.rate)) out.push(`band ${i + 1}: rate ${b.rate} is not a fraction between 0 and 1 (write 0.052 for 5.2 %)`);
      if (last) {
        if (b.upTo !== null) out.push(`band ${i + 1}: the top band has no upper bound (leave "up to" empty)`);
      } else if (b.upTo === null || !Number.isInteger(b.upTo) || b.upTo <= prev) {
        out.push(`band ${i + 1}: upper bound must be a whole number of pounds above ${prev}`);
      } else {
        prev = b.upTo;
      }
    });
  } else if (!rateOk(t.rate)) {
    out.push(`rate ${t.rate} is not a fraction between 0 and 1`);
  }
  return out;
}

function segmentsOf<T extends TierTable | EmployerRate>(tables: T[]): Segment<T>[] {
  return tables.map((table) => ({ from: isoToDay(table.from)!, to: isoToDay(table.to)!, table }));
}

/** Lay `over` on top of `base`: an override wins on every day it covers. */
function carve<T>(base: Segment<T>[], over: Segment<T>[]): Segment<T>[] {
  let out = base;
  for (const o of over) {
    const next: Segment<T>[] = [];
    for (const s of out) {
      if (s.to < o.from || s.from > o.to) next.push(s);
      else {
        if (s.from < o.from) next.push({ from: s.from, to: o.from - 1, table: s.table });
        if (s.to > o.to) next.push({ from: o.to + 1, to: s.to, table: s.table });
      }
    }
    next.push(o);
    out = next.sort((a, b) => a.from - b.from);
  }
  return out;
}

function checkAll(data: RuleData, where: string): void {
  for (const t of [...data.tiers, ...data.employer]) {
    const problems = tableProblems(t);
    if (problems.length) throw new LocumError(`${where}: table ${t.label || t.id}: ${problems.join("; ")}`);
  }
}

/** The rules in force: the built-in tables, with any overrides laid on top (and reported). */
export function buildRuleSet(overrides?: RuleData, base: RuleData = BUILT_IN): RuleSet {
  checkAll(base, "built-in rules");
  let tiers = segmentsOf(base.tiers);
  let employer = segmentsOf(base.employer);
  const notes: string[] = [];
  if (overrides) {
    checkAll(overrides, "rule override");
    tiers = carve(tiers, segmentsOf(overrides.tiers));
    employer = carve(employer, segmentsOf(overrides.employer));
    for (const t of [...overrides.tiers, ...overrides.employer]) {
      const kind = "bands" in t ? "tier table" : "employer rate";
      notes.push(`${kind} ${t.from} to ${t.to} from ${t.override ?? "override"} (${t.status})`);
    }
  }
  return { tiers, employer, overrides: notes };
}

function find<T>(segments: Segment<T>[], day: Day): Segment<T> | undefined {
  for (const s of segments) if (day >= s.from && day <= s.to) return s;
  return undefined;
}

export function tierSegmentAt(rules: RuleSet, day: Day): Segment<TierTable> | undefined {
  return find(rules.tiers, day);
}

export function employerSegmentAt(rules: RuleSet, day: Day): Segment<EmployerRate> | undefined {
  return find(rules.employer, day);
}

export const DEFAULT_RULES: RuleSet = buildRuleSet();
