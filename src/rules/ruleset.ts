import { thousands } from "./text";
import builtIn from "./tables.json";
import { type Day, isoToDay, isoToUk } from "./day";
import { LocumError } from "./errors";
import { withProjection } from "./projection";
import { type EmployerRate, type RuleData, type RuleSet, type Segment, type TierTable, USER_STATUSES } from "./types";

export const BUILT_IN: RuleData = builtIn as RuleData;

const RATE = /^0?\.\d+$|^0$/;

const wholePounds = (n: number) => `£${thousands(n)}`;

/**
 * Problems with one table, in plain English; empty when it is sound. A band is named by its sheet
 * row when it came from LocumRules (rows may be in any order), else by its place in the list.
 */
export function tableProblems(t: TierTable | EmployerRate): string[] {
  const out: string[] = [];
  const from = isoToDay(t.from);
  const to = isoToDay(t.to);
  if (from === null) out.push(`"from" is not a date (${t.from})`);
  if (to === null) out.push(`"to" is not a date (${t.to})`);
  if (from !== null && to !== null && to < from) out.push(`"to" (${t.to}) is before "from" (${t.from})`);
  if (!USER_STATUSES.includes(t.status) && t.status !== "projected") out.push(`status must be confirmed, published or provisional, not ${t.status}`);
  const rateOk = (r: string) => RATE.test(r) && Number(r) > 0 && Number(r) < 1;
  if ("bands" in t) {
    const fromRows = t.bands.some((b) => b.row !== undefined);
    const name = (i: number) => (t.bands[i].row !== undefined ? `row ${t.bands[i].row}` : `band ${i + 1}`);
    if (t.bands.length === 0) out.push("has no bands");
    let prev = 0;
    let prevIdx = -1;
    let emptyTold = false;
    t.bands.forEach((b, i) => {
      const last = i === t.bands.length - 1;
      if (!rateOk(b.rate)) out.push(`${name(i)}: rate ${b.rate} is not a fraction between 0 and 1 (write 0.052 for 5.2 %)`);
      if (b.upTo === null) {
        if (!last && !emptyTold) {
          emptyTold = true;
          const empty = t.bands.map((x, j) => (x.upTo === null ? name(j) : "")).filter(Boolean);
          const names = `${empty.slice(0, -1).join(", ")} and ${empty[empty.length - 1]}`;
          out.push(
            empty.length > 1
              ? `${names} ${empty.length === 2 ? "both" : "all"} leave "up to" empty, but only the top band may: give all but the top one their upper bound in whole pounds`
              : `${name(i)}: "up to" is empty, but only the last (top) band may leave it empty: give this band its upper bound in whole pounds`,
          );
        }
      } else if (!Number.isInteger(b.upTo) || b.upTo <= prev) {
        const below = prevIdx < 0 ? "0" : `${prev} (the "up to" of ${name(prevIdx)})`;
        out.push(`${name(i)}: "up to" must be a whole number of pounds above ${below}, not ${b.upTo}`);
      } else {
        prev = b.upTo;
        prevIdx = i;
      }
      if (last && b.upTo !== null) {
        const top = wholePounds(Math.max(prev, b.upTo));
        out.push(
          `no top band: every band has an "up to", so pay above ${top} has no rate. ` +
            (fromRows
              ? `Add a row with the same From and To, "Up to" left empty and the rate for pay above ${top}`
              : `Add a last band {"upTo": null, "rate": ...} with the rate for pay above ${top}`),
        );
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
    if (problems.length) throw new LocumError(`${t.where ?? `${where}: table ${t.label || t.id}`}: ${problems.join("; ")}`);
  }
}

/** Rule data from several places, later ones first where they overlap: tables laid in order, the last CPI given. */
export function mergeRuleData(parts: RuleData[]): RuleData | undefined {
  if (!parts.length) return undefined;
  const cpi = [...parts].reverse().find((p) => p.cpi)?.cpi;
  return { tiers: parts.flatMap((p) => p.tiers), employer: parts.flatMap((p) => p.employer), ...(cpi ? { cpi } : {}) };
}

/** The rules in force: the built-in tables, with any overrides laid on top (and reported). */
export function buildRuleSet(overrides?: RuleData, base: RuleData = BUILT_IN): RuleSet {
  checkAll(base, "built-in rules");
  let tiers = segmentsOf(base.tiers);
  let employer = segmentsOf(base.employer);
  const notes: string[] = [];
  const tierNotes: string[] = [];
  if (overrides) {
    checkAll(overrides, "rule override");
    tiers = carve(tiers, segmentsOf(overrides.tiers));
    employer = carve(employer, segmentsOf(overrides.employer));
    for (const t of [...overrides.tiers, ...overrides.employer]) {
      const kind = "bands" in t ? "tier table" : "employer rate";
      const note = `${kind} ${isoToUk(t.from)} to ${isoToUk(t.to)} from ${t.override ?? "override"} (${t.status})`;
      notes.push(note);
      if ("bands" in t) tierNotes.push(note);
    }
  }
  // The projection goes after the last table the overrides leave, so a user's own table wins.
  const projected = withProjection(tiers, overrides?.cpi);
  if (projected.note) {
    notes.push(projected.note);
    tierNotes.push(projected.note);
  }
  return { tiers: projected.tiers, employer, overrides: notes, tierOverrides: tierNotes };
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
