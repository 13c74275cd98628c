// The rows of a year that are on no Form B made (issue 16): unpaid work, work that can never go on a
// Form A (the SOLO form, private work, rows to leave off) and rows of months whose forms errors stop.
// The year end lists each with its amount and reason, so no row's pay vanishes from the figures
// without a word. Reasons ride on the messages' kinds and flags, never on their text.
import type Decimal from "decimal.js";
import { pensionablePay, type Settings, schemeYearOf } from "../engine";
import { appendTo, type Day } from "../rules";
import { bodyText, placeText, stopsMonth } from "../workbook/findings";
import type { Message, PreparedForms } from "../forms/model";
import { schemeYearOfMonth } from "../forms/sessions";

export type OffFormReason = "not paid yet" | "SOLO form" | "private work" | "left off" | "stopped";

export interface OffFormRow {
  row: number;
  /** The scheme year of the work (by its first day, else its Form B month). */
  schemeYear: number;
  first: Day | null;
  /** The fee as written, and its 90 % (Box 2 as it would be); null when the cell could not be read. */
  fee: Decimal | null;
  pensionable: Decimal | null;
  reason: OffFormReason;
  /** For a person: the finding that keeps the row off, with its place. */
  why: string;
}

/** The rows on a Form B that is made (or will be once rows to leave off are removed). */
function madeRows(p: PreparedForms): Set<number> {
  const rows = new Set<number>();
  for (const m of p.months) for (const f of (m.formB ?? m.leftOff?.formB)?.formsA ?? []) for (const r of f.rows) rows.add(r);
  return rows;
}

function reasonOf(row: number, own: Message[], months: string[], all: Message[]): { reason: OffFormReason; why: Message | undefined } {
  const kind = (k: string) => own.find((m) => m.kind === k);
  if (kind("solo")) return { reason: "SOLO form", why: kind("solo") };
  if (kind("private")) return { reason: "private work", why: kind("private") };
  if (!months.length && kind("not paid yet")) return { reason: "not paid yet", why: kind("not paid yet") };
  const errors = own.filter((m) => m.level === "error");
  if (errors.length && errors.every((m) => m.leaveOff)) return { reason: "left off", why: errors[0] };
  // Its own error, else the error (of another row or the details) that stops its month.
  return { reason: "stopped", why: errors[0] ?? all.find((m) => months.some((k) => stopsMonth(m, k))) };
}

/** The rows on no made Form B, by the scheme year of their work, each with its amount and reason. */
export function offFormRows(p: PreparedForms, settings: Settings): Map<number, OffFormRow[]> {
  const made = madeRows(p);
  const byRow = new Map<number, Message[]>();
  for (const m of p.messages) if (m.sheet === p.sessionsSheet && m.row !== undefined) appendTo(byRow, m.row, m);
  const out = new Map<number, OffFormRow[]>();
  for (const r of p.rows) {
    if (made.has(r.row)) continue;
    const months = p.rowMonths[r.row] ?? [];
    const year = r.first !== null ? schemeYearOf(r.first) : months.length ? schemeYearOfMonth(months[0]) : null;
    if (year === null) continue; // neither a date nor a month: the row's own error says so, in no year
    const { reason, why } = reasonOf(r.row, byRow.get(r.row) ?? [], months, p.messages);
    const line: OffFormRow = {
      row: r.row,
      schemeYear: year,
      first: r.first,
      fee: r.fee,
      pensionable: r.fee === null ? null : pensionablePay(r.fee, settings),
      reason,
      why: why ? `${placeText(why)}: ${bodyText(why)}` : "its month's forms are not made",
    };
    appendTo(out, year, line);
  }
  return out;
}
