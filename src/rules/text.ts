// Text from a workbook or a file name, shown to a person (a terminal, a cell, a CSV): control
// characters are shown escaped ("\x1B"), never obeyed, so a cell cannot move the cursor, clear
// the screen or split a message over lines; and a quoted value is cut to about 60 characters with
// its length given, so one long cell cannot bury the message about it.

/** C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional overrides. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const CONTROL_NOT_NEWLINE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Quoted text longer than this is cut. */
export const QUOTE_CHARS = 60;

const hex = (c: string) => {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${n.toString(16).toUpperCase().padStart(4, "0")}`;
};

/** Control characters shown as escapes: "a\x1B[2Jb" prints as a\x1B[2Jb, and clears nothing. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, hex);
}

/** As escapeControls, but line ends kept: for text that is several lines by design (a usage). */
export function escapeControlsKeepLines(text: string): string {
  return text.replace(CONTROL_NOT_NEWLINE, hex);
}

/** A value cut to QUOTE_CHARS (counting characters, not UTF-16 units), controls escaped: [shown, cut?, length]. */
function cut(value: string): { shown: string; length: number; cut: boolean } {
  const chars = Array.from(value);
  if (chars.length <= QUOTE_CHARS) return { shown: escapeControls(value), length: chars.length, cut: false };
  return { shown: `${escapeControls(chars.slice(0, QUOTE_CHARS).join(""))}…`, length: chars.length, cut: true };
}

/** A whole number with thousands separated by commas, as UK readers write it: 1234567 → "1,234,567". */
export const thousands = (n: number | string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** A count and its noun: plural(1, "row") → "1 row", plural(1200, "row") → "1,200 rows". */
export const plural = (n: number, one: string, many = `${one}s`) => `${thousands(n)} ${n === 1 ? one : many}`;

/** A value in quotes for a message: "Riverside" or "Riverside Medical Centre, a long…" (243 characters). */
export function quoted(value: unknown): string {
  const c = cut(String(value));
  return `"${c.shown}"${c.cut ? ` (${thousands(c.length)} characters)` : ""}`;
}

/**
 * A message made safe to show, in one line: its control characters escaped (a line end too), and
 * every quoted part longer than QUOTE_CHARS cut with its length given. The one place every
 * message passes (the forms' findings, the command line's lines, the custom functions' errors).
 */
export function safeMessage(text: string): string {
  const quotes = text.replace(/"([^"]*)"/g, (whole, inner: string) => (Array.from(inner).length > QUOTE_CHARS ? quoted(inner) : whole));
  return escapeControls(quotes);
}

/** Consecutive numbers (rows, days) as runs, each once, in order: [2, 3, 4, 7] → [[2, 4], [7, 7]]. */
export function runsOf(numbers: number[]): [number, number][] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

/**
 * The days that spans [first, last] cover, as runs (each day once, in order): what
 * runsOf(spans' days one by one) gives, without listing every day. A span ending before it starts covers none.
 */
export function runsOfSpans(spans: readonly { first: number; last: number }[]): [number, number][] {
  const sorted = spans.filter((s) => s.last >= s.first).sort((a, b) => a.first - b.first);
  const runs: [number, number][] = [];
  for (const { first, last } of sorted) {
    const run = runs[runs.length - 1];
    if (run && first <= run[1] + 1) run[1] = Math.max(run[1], last);
    else runs.push([first, last]);
  }
  return runs;
}

/** How many numbers runs [first, last] hold (each run's ends counted). */
export function daysInRuns(runs: readonly [number, number][]): number {
  return runs.reduce((n, [a, b]) => n + b - a + 1, 0);
}

/** How many days spans [first, last] cover, each day once. */
export function daysCovered(spans: readonly { first: number; last: number }[]): number {
  return daysInRuns(runsOfSpans(spans));
}

/** Rows as a message names them: [5] → "row 5"; [2, 3, 4, 7, 9, 10] → "rows 2 to 4, 7, 9, 10". */
export function rowList(rows: number[]): string {
  const runs = runsOf(rows).map(([a, b]) => (a === b ? `${a}` : b === a + 1 ? `${a}, ${b}` : `${a} to ${b}`));
  return `${rows.length && new Set(rows).size === 1 ? "row" : "rows"} ${runs.join(", ")}`;
}
