// What a run prints, capped: a workbook of a million bad rows gives the first 50 messages of each
// kind and one line counting the rest, not a million lines. Messages are grouped by their `kind`
// when they have one, else by level (errors, warnings).
import { formatMessage, placeText } from "../workbook";
import type { Message } from "../forms";

/** Messages of one kind printed in full. */
export const PER_KIND = 50;
/** Names listed in one line (files moved, kept...) before the rest are counted. */
export const NAMES_SHOWN = 50;

/** 999950 → "999,950". */
export const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

const groupOf = (m: Message) => (m.kind ? `kind:${m.kind}` : `level:${m.level}`);

/** The lines to print for `messages`, in their order: each kind's first `perKind`, then its count line. */
export function cappedLines(messages: Message[], perKind = PER_KIND): string[] {
  const groups = new Map<string, Message[]>();
  for (const m of messages) {
    const g = groups.get(groupOf(m));
    if (g) g.push(m);
    else groups.set(groupOf(m), [m]);
  }
  const seen = new Map<string, number>();
  const lines: string[] = [];
  for (const m of messages) {
    const key = groupOf(m);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > perKind) continue;
    lines.push(formatMessage(m));
    const all = groups.get(key)!;
    if (n === perKind && all.length > perKind) lines.push(moreLine(all.slice(perKind)));
  }
  return lines;
}

/** "… and 999,950 more errors like this, the next at Sessions row 53, Fee (D53); …" (the kind is for grouping, not for reading). */
function moreLine(rest: Message[]): string {
  const levels = new Set(rest.map((m) => m.level));
  const what = levels.size > 1 ? "messages" : rest[0].level === "error" ? "errors" : "warnings";
  return `… and ${count(rest.length)} more ${what} like this, the next at ${placeText(rest[0])}; fix the ones above and run again to see them`;
}

/** "3 PDFs (a, b, c)"; past `shown` names, "… and 950 more". */
export function namesText(xs: string[], shown = NAMES_SHOWN): string {
  const names = xs.length > shown ? `${xs.slice(0, shown).join(", ")}, … and ${count(xs.length - shown)} more` : xs.join(", ");
  return `${count(xs.length)} PDF${xs.length === 1 ? "" : "s"} (${names})`;
}
