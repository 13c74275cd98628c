import type { Day } from "./day";

export type Status = "confirmed" | "provisional";

/** One band: annualised pay up to and including `upTo` whole pounds (null: and above). */
export interface TierBand {
  upTo: number | null;
  /** Decimal fraction as text, e.g. "0.145": rates never pass through binary floating point. */
  rate: string;
  /** The sheet row (as Excel numbers it) a LocumRules band came from, for messages. */
  row?: number;
}

interface Dated {
  id: string;
  label: string;
  /** ISO dates, both inclusive. */
  from: string;
  to: string;
  status: Status;
  source: string;
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

export interface RuleData {
  tiers: TierTable[];
  employer: EmployerRate[];
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
