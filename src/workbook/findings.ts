// Every finding names where it is as Excel shows it ("Sessions row 5, Fee (D5)") and says what to
// do, so a locum can fix the workbook without reading code. Errors stop forms; warnings do not.
import { type Day, dayToUk } from "../rules";
import { escapeControls, safeMessage } from "../rules/text";

export type Level = "error" | "warning";

/** One finding about the input, placed as Excel numbers it: sheet, row, field, cell. */
export interface Message {
  level: Level;
  sheet: string;
  /** Excel's row number (1-based), when the finding is about one row. */
  row?: number;
  /** Every row the finding covers, when it names more than `row` (one finding for a practice's rows). */
  rows?: number[];
  /** The column or detail the finding is about ("Fee", "SD number"). */
  field?: string;
  /** A1-style cell address, when known ("D5"). */
  cell?: string;
  /** What is wrong and what to do about it. */
  text: string;
  /**
   * What kind of finding it is ("ten-week", "fee", ...), for hosts to group, count and cap messages
   * by. Decisions read this, never the text.
   */
  kind?: string;
  /** Labels of the forms this error stopped ("Form A April 2025, Y02345"), filled by prepareForms. */
  stops?: string[];
  /** The Form B months ("2025-04") whose forms it stopped, for hosts to decide with (never the labels). */
  stopsMonths?: string[];
  /** It stopped every form (the details or the sheet itself are unusable). */
  stopsAll?: boolean;
  /**
   * An error whose remedy is to leave the row off (work that can never go on Form A): its month's
   * forms stop until the row goes, but the months after it add up box j as they will be without it.
   */
  leaveOff?: boolean;
  /** The error rests on the run's own sending date (--submitted, "Forms sent on"), not a cell. */
  fromRunDate?: boolean;
  /** The scheme year it is about (2025 = 2025/26), when it is about one year and names no row of it (a tier's findings). */
  schemeYear?: number;
}

export interface Place {
  sheet: string;
  row?: number;
  /** Every row the finding covers, when more than `row`. */
  rows?: number[];
  field?: string;
  cell?: string;
}

/** Where a finding is: "Sessions row 5, Fee (D5)". */
export function placeText(m: Message): string {
  let where = m.sheet;
  if (m.row !== undefined) where += ` row ${m.row}`;
  if (m.field) where += `, ${m.field}`;
  if (m.cell) where += ` (${m.cell})`;
  return where;
}

/** What it says and the forms it stopped: "is not a date. Not written: Form A …; Form B …." */
export function bodyText(m: Message): string {
  const stops = m.stops?.length ? `${/[.!?]$/.test(m.text) ? "" : "."} Not written: ${m.stops.join("; ")}.` : "";
  return `${m.text}${stops}`;
}

/** An error that stops a month's forms (its Form B, or a Form A of it), as prepareForms marked it. */
export function stopsMonth(m: Message, monthKey: string): boolean {
  return m.level === "error" && (Boolean(m.stopsAll) || (m.stopsMonths ?? []).includes(monthKey));
}

/** "Error: Sessions row 5, Fee (D5): …" */
export function formatMessage(m: Message): string {
  return `${m.level === "error" ? "Error" : "Warning"}: ${placeText(m)}: ${bodyText(m)}`;
}

/** A Date paid before the last day worked: said by the checks, and by the row reader before any missing table. */
export function paidBeforeWorkText(paid: Day, lastWorked: Day): string {
  return `${dayToUk(paid)} is before the last day worked (${dayToUk(lastWorked)}): pay is declared in the month it was received, after the work; correct the date`;
}

/** Characters the form font lacks, as the message on the field that holds them. */
export function unprintableText(chars: string[]): string {
  return `cannot print ${chars.map((c) => `"${c}"`).join(", ")}: the form font has no such letter, so the PDF would show an empty box; write it in Latin letters as your NHS Pensions records have it`;
}

/** Collects findings in the order they are found; callers tag which forms an error stops. */
export class Findings {
  readonly list: Message[] = [];

  /**
   * `kind` names the check ("ten-week", "fee"): hosts group and cap by it. Every finding passes
   * here: what it quotes of the workbook is made safe to show once (rules/text.ts), for every host.
   */
  add(level: Level, place: Place, text: string, kind?: string): Message {
    const m: Message = { level, sheet: escapeControls(place.sheet), text: safeMessage(text) };
    if (place.row !== undefined) m.row = place.row;
    if (place.rows && place.rows.length > 1) m.rows = place.rows;
    if (place.field) m.field = escapeControls(place.field);
    if (place.cell) m.cell = place.cell;
    if (kind) m.kind = kind;
    this.list.push(m);
    return m;
  }

  error(place: Place, text: string, kind?: string): Message {
    return this.add("error", place, text, kind);
  }

  warning(place: Place, text: string, kind?: string): Message {
    return this.add("warning", place, text, kind);
  }

  get errors(): number {
    return this.list.filter((m) => m.level === "error").length;
  }
}

/** An engine LocumError's message, or any thrown value, as text. */
export function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
