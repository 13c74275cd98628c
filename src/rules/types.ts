import type { Day } from "./day";

/**
 * confirmed: in regulations or a scheme notice; published: announced by NHS Employers or DHSC, not yet
 * in regulations; provisional: assumed until published; projected: made from a CPI the user gave (§5).
 */
export type Status = "confirmed" | "published" | "provisional" | "projected";

/** Statuses a user may give a table of their own (a projection is made, never typed). */
export const USER_STATUSES: readonly Status[] = ["confirmed", "published", "provisional"];

/** A table whose figures may still change: assumed or projected, so every report says so. */
export const notFinal = (s: Status): boolean => s === "provisional" || s === "projected";

/** How reports name a table that may change: the heading word and what the table is. */
export function notFinalWords(s: Status): { title: "Provisional" | "Projected"; state: string } {
  return s === "projected"
    ? { title: "Projected", state: "projected from the September CPI you gave, not yet published" }
    : { title: "Provisional", state: "not yet confirmed by regulations" };
}

/** The status that says most about several tables: projected, then provisional, published, confirmed. */
export function leastFinal(statuses: Status[]): Status {
  return (["projected", "provisional", "published", "confirmed"] as const).find((s) => statuses.includes(s)) ?? "confirmed";
}

/** One band: annualised pay up to and including `upTo` whole pounds (null: and above). */
export interface TierBand {
  upTo: number | null;
  /** Decimal fraction as text, e.g. "0.145": rates never pass through binary floating point. */
  rate: string;
  /** The sheet row (as Excel numbers it) a LocumRules band came from, for messages. */
  row?: number;
}

/** A row of the rule data, dated or by year: what it is, how final, and where it was published. */
export interface Sourced {
  id: string;
  label: string;
  /** Both inclusive: ISO dates for tables and rates, scheme or tax year labels for the year end's. */
  from: string;
  to: string;
  status: Status;
  source: string;
}

interface Dated extends Sourced {
  /** Where an override came from ("LocumRules", "rules.json"); absent for the built-in tables. */
  override?: string;
  /** Where a user's table is, for messages: "LocumRules rows 2 to 7 (...)", "--rules my.json: tiers[0]". */
  where?: string;
  /** Why a provisional table may change, in words a report appends ("the bands above the lowest rise..."). */
  note?: string;
}

export interface TierTable extends Dated {
  bands: TierBand[];
}

export interface EmployerRate extends Dated {
  rate: string;
}

/** A September CPI as the user gave it: a fraction as text, and where it was given. */
export interface CpiGiven {
  /** "0.03" for 3 %. */
  rate: string;
  /** Where it came from, for reports: "--cpi", "LocumRules row 9", "--rules my.json". */
  where: string;
  /** Its source when the user named one ("ONS, 15 October 2026"). */
  source?: string;
}

export interface RuleData {
  tiers: TierTable[];
  employer: EmployerRate[];
  /** A September CPI to project the year after the last tier table from (§5); none: no projection. */
  cpi?: CpiGiven;
}

/** A table in force over [from, to] after overrides have carved the built-in timeline. */
export interface Segment<T> {
  from: Day;
  to: Day;
  table: T;
}

export interface RuleSet {
  tiers: Segment<TierTable>[];
  employer: Segment<EmployerRate>[];
  /** Human-readable lines naming each override applied, for reports. */
  overrides: string[];
  /** The same lines for the tier-table overrides only (a contribution uses no employer rate). */
  tierOverrides: string[];
}
