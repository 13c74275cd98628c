// The forms layer's data: what rows become, what the PDFs are drawn from. Plain data, no behaviour,
// so a host (command line now, task pane next) can show or serialise it as it likes.
import type Decimal from "decimal.js";
import type { Day, Status } from "../rules";
import type { PensionDetails } from "./pensionDetails";

import type { Message } from "../workbook/findings";

export type { Level, Message } from "../workbook/findings";

export type WorkType = "practice" | "appraisal" | "out of hours" | "ICB" | "private";
export type Engagement = "direct" | "limited company" | "agency" | "independent provider" | "PCN";

/**
 * One row of the Sessions sheet, read and checked cell by cell. A row whose days cross a period cut
 * (31 March, 30 September 2022) becomes one Session per side, with the fee shared by days.
 */
export interface Session {
  /** Excel row number. */
  row: number;
  first: Day;
  last: Day;
  practice: string;
  /** ODS / EA code, upper-cased; "" when the cell is empty (a warning, not an error). */
  code: string;
  fee: Decimal;
  /** Null: not paid yet (only work in its period's last month can be declared so, the March rule). */
  paid: Day | null;
  /** The Form B month it is declared on ("2026-03"): the month paid, or its period's last month (§3). */
  month: string;
  /** True when `month` is not the month paid (work paid after its period, or not yet paid). */
  byWork: boolean;
  /** Set on each side of a row split at a period cut: which part of the row this is, of how many. */
  part?: { index: number; of: number };
  invoice: string;
  workType: WorkType;
  engagedVia: Engagement;
  pcnScenario: number | null;
  appraisalAuthorised: boolean;
  /** Work type came from a Work type cell that names one (not a session length such as "AM", not blank). */
  workTypeStated: boolean;
  /** The Session column's text ("AM", "Full day", "OOH"), "" when none. */
  session: string;
  submitted: Day | null;
  notes: string;
  /** The key of its Form A (groupKeyOf: Form B month, practice, invoice), made once as it is read: the checks, the forms and the tier group by it. */
  formKey: string;
}

/** The locum, from the key/value block. Optional details are "" when not given. */
export interface LocumDetails {
  surname: string;
  otherNames: string;
  dateOfBirth: Day | null;
  niNumber: string;
  sdNumber: string;
  gmcNumber: string;
  address: string;
  email: string;
  country: "England" | "Wales";
  eaCode: string;
  hostLhbRef: string;
  /** Tier basis inputs, in order of precedence. */
  tierRate: Decimal | null;
  /**
   * "Tier rate from 01/10/2022", "Tier rate 2025/26": a rate for pay received from that date on,
   * for a year whose table changed or a workbook of several years. Sorted by `from`.
   */
  tierRatesFrom: DatedTierRate[];
  /** Where each detail was given, by its label ("Tier rate"), for messages about it. */
  cells: Partial<Record<string, { row: number; cell: string }>>;
  estimatedPay: Decimal | null;
  otherPay: Decimal;
  otherDays: number;
  /** Form B boxes c to f: a rate on box a, or a fixed monthly amount; null when not given. */
  addedYearsRate: Decimal | null;
  mpavcRate: Decimal | null;
  mpavcAmount: Decimal | null;
  additionalPension: Decimal | null;
  errboRate: Decimal | null;
  /** Last year's closing pension and the September CPI, for the year end's pension input amount (pensionDetails.ts). */
  pension?: PensionDetails;
}

export interface DatedTierRate {
  from: Day;
  rate: Decimal;
  /** The key as written, for messages ("Tier rate from 01/10/2022"). */
  field: string;
  row: number;
  cell: string;
}

export interface Period {
  first: Day;
  last: Day;
  days: number;
}

/** One GP Locum A: one practice, one invoice (or one month paid), its periods and boxes 1 to 3. */
export interface FormA {
  id: string;
  /** "2025-04": the Form B month (pay received). */
  monthKey: string;
  upr: string;
  schemeYear: number;
  practice: string;
  code: string;
  invoice: string;
  appraisal: boolean;
  periods: Period[];
  /** The sheet and Excel rows it was prepared from, printed small on the form. */
  rows: number[];
  sheet: string;
  box1: Decimal;
  box2: Decimal;
  box3: Decimal;
  employerRate: Decimal;
  /** The employer rate's table is provisional (2026/27): the form says so. */
  employerProvisional: boolean;
  /** The day whose employer rate Box 3 takes: the date paid, or the month's last day when none is paid yet. */
  employerOn: Day;
  /** The last date paid of its rows; null when none is paid yet (March work declared on March's Form B). */
  datePaid: Day | null;
  /** True when some of its pay was received after the Form B month (the March rule). */
  paidAfterMonth: boolean;
  /** Its Form B's due date: the 7th of the month after the Form B month. */
  dueDate: Day;
  /** Position among the month's Forms A (1-based) and their count. */
  index: number;
  count: number;
}

export type TierBasisKind = "tier rate given" | "estimated pensionable pay" | "annualised rows";

export interface TierChoice {
  tier: number;
  rate: Decimal;
  /** Every rate of the table in force that month, lowest first: the boxes to tick among. */
  rates: Decimal[];
  basis: TierBasisKind;
  /** One sentence a person can check: which figure gave the tier and how. */
  explanation: string;
  provisional: boolean;
  tableStatus: Status;
  tableLabel: string;
  /** Why a provisional table may change (from the rules data). */
  tableNote?: string;
}

/** One GP Locum B: a calendar month of pay received, its Forms A and boxes a to j. */
export interface FormB {
  id: string;
  monthKey: string;
  year: number;
  month: number;
  upr: string;
  schemeYear: number;
  formsA: FormA[];
  tier: TierChoice;
  a: Decimal;
  b: Decimal;
  c: Decimal | null;
  d: Decimal | null;
  e: Decimal | null;
  f: Decimal | null;
  g: Decimal;
  h: Decimal;
  i: Decimal;
  j: Decimal;
  dueDate: Day;
  /** True when some of its Forms A hold pay received after the month (the March rule). */
  paidAfterMonth: boolean;
  /**
   * When the month's forms (and payment) went or go to PCSE: the latest Date submitted of its rows,
   * else the run's sending date (--submitted, "Forms sent on"); null when not known.
   */
  sent: Day | null;
}

/** A month as prepared: its Form B and Forms A when no error stopped them. */
export interface MonthForms {
  monthKey: string;
  year: number;
  month: number;
  upr: string;
  formB: FormB | null;
  formsA: FormA[];
  /** True when every form of the month was written: only then is there a pack and entry sheet. */
  complete: boolean;
  /**
   * Set when only rows to leave off (Message.leaveOff) stop the month and box j goes on without
   * them: the Form B as it will be once they are removed (null when no other work is in the month).
   */
  leftOff?: { formB: FormB | null };
}

/** A sessions row as read: its first day worked and fee (null when its cell could not be read). */
export interface RowRecord {
  row: number;
  first: Day | null;
  fee: Decimal | null;
}

export interface PreparedForms {
  locum: LocumDetails | null;
  months: MonthForms[];
  messages: Message[];
  /**
   * The Form B months ("2025-04") of each sessions row whose month could be told, by Excel row: two
   * for a row split at 31 March.
   */
  rowMonths: Record<number, string[]>;
  /** The sessions sheet's name, as messages give it. */
  sessionsSheet: string;
  /** Errors on rows left off whose months' box j the later months are added up without. */
  carried: Message[];
  /** Every sessions row read, with its first day and fee where they could be read (the year end lists those on no Form B). */
  rows: RowRecord[];
  /** Counts for a summary line. */
  errors: number;
  warnings: number;
}

export interface OutputFile {
  /** Relative path: "2025-04/12345678LOCAPR2025-FormB.pdf". */
  name: string;
  bytes: Uint8Array;
  kind: "form-a" | "form-b" | "pack" | "entry-sheet";
}
