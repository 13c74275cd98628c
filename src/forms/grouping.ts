// A run's findings as a person can read them: one line per kind of finding, with the rows or months
// it covers, the ones that change money or eligibility first. A kind found once prints its own
// message, whole; a kind found more often prints one line from the table below. Decisions ride on
// `kind` (and `level`, `row`, `rows`, `stopsMonths`, `schemeYear`), never on a message's text.
import { rowList, thousands } from "../rules";
import { schemeYearLabel } from "../engine";
import { formatMessage } from "../workbook/findings";
import type { Message } from "./model";
import { monthLabel } from "./months";

/** How a kind reads when it is found more than once, and how much it matters. */
export interface KindInfo {
  /** Higher first (errors before warnings whatever the weight). Money and eligibility: 60 and up. */
  weight: number;
  /** What the line names: the Form B months (a month's finding) or the sheet's rows (default). */
  by?: "months" | "rows";
  /** Kinds of one topic that cover the same months share a line: "no Date submitted, past due and …". */
  topic?: string;
  /** What was found, for the line ("past the 10-week limit"). */
  label?: string;
  /** What to do. */
  advice?: string;
}

/** The words a topic's line starts with. */
const TOPICS: Record<string, string> = { unsent: "no Date submitted" };

/**
 * Every kind's weight and summary line, in one place. A kind not here weighs 0 and, found more than
 * once, prints its first message with a count. Weights: eligibility of the work (SOLO, engagement,
 * the 10-week rule) 80–100; the year end's figures, tier and rates 60–79; rows left off the forms
 * 60; dates and sending 40–55; what the workbook holds 10–30.
 */
export const KINDS: Record<string, KindInfo> = {
  // Work that cannot go on a Form A: the one finding that must never be buried.
  solo: {
    weight: 100,
    label: "out-of-hours or ICB work on Form A rows",
    advice: "it is pensioned on the SOLO form: remove the rows and ask the provider for a SOLO form (add its pay to Other practitioner pay)",
  },
  "yearend-solo": { weight: 96, label: "out-of-hours or ICB work", advice: "a Type 2 self-assessment is due for the years named" },
  "ooh mention": {
    weight: 95,
    label: "the practice, session or note mentions out-of-hours or urgent-care work",
    advice: 'if it is, remove the rows (SOLO form); if it is practice work, write "practice" in Work type',
  },
  engagement: {
    weight: 92,
    label: "engaged through a limited company, an agency or an independent provider",
    advice: "cannot be pensioned on Form A: remove the rows (or correct Engaged via)",
  },
  pcn: { weight: 90 },
  "ten-week": {
    weight: 88,
    label: "paid or sent more than 10 weeks after the work",
    advice: "it cannot be pensioned: leave the rows off, or correct the dates",
  },
  "ten-week passed": {
    weight: 86,
    by: "months",
    topic: "unsent",
    label: "past the 10-week limit",
    advice: "give Date submitted if they were sent; if not, that work can no longer be pensioned",
  },
  "ten-week unsent": {
    weight: 84,
    by: "months",
    topic: "unsent",
    label: "the 10-week limit comes before the due date",
    advice: "send each month's forms by its 10-week limit (each month's message gives its date), then give Date submitted",
  },
  "ten-week first day": {
    weight: 84,
    label: "sent within 10 weeks of the last day worked, not of the first",
    advice: "PCSE's help page counts from the first day: send sooner to be safe",
  },
  "regular post": {
    weight: 80,
    label: "work as regular as a salaried post",
    advice: "it may be treated as type 2 (salaried): check with the practice and PCSE",
  },
  "yearend-incomplete": { weight: 78, label: "errors stop forms of the year end", advice: "its figures are not final until those errors are fixed" },
  "yearend-leave-off": { weight: 76, label: "rows the year end leaves off", advice: "remove them from Sessions so their months' forms can be made" },
  "merged header": { weight: 74 },
  "no employer rate": { weight: 74 },
  "no tier table": { weight: 74 },
  "no tier basis": { weight: 74 },
  "tier rate not in table": { weight: 72 },
  "tier rate contradicted": { weight: 72 },
  "estimate contradicted": { weight: 72 },
  "tier from rows": { weight: 70 },
  provisional: { weight: 70, label: "provisional or projected tier table or employer rate", advice: "re-make the forms when the figures are published" },
  "rate as number": { weight: 68 },
  "other days": { weight: 66 },
  "other days without pay": { weight: 66 },
  "paid before work": { weight: 64, label: "Date paid before the last day worked", advice: "pay is declared after the work: correct the dates" },
  duplicate: { weight: 62, label: "rows that repeat another row cell for cell", advice: "delete the copies, or tell the sessions apart in Notes" },
  "appraisal days": { weight: 62 },
  "not paid yet": {
    weight: 60,
    label: "no Date paid",
    advice: "work not yet paid is on no Form B until it is (March work goes on March's Form B before it is paid): fill in Date paid when the pay comes",
  },
  private: { weight: 60, label: "private work", advice: "left off the forms (it is not NHS work)" },
  "hidden-sheet": { weight: 58, label: "a hidden sheet read", advice: "unhide it to check, or delete it if it is not this year's" },
  "hidden-rows": { weight: 55 },
  "beside-table": { weight: 30, label: "columns beside the sessions table, not read", advice: "make them part of the table to have them read" },
  "past due": {
    weight: 50,
    by: "months",
    topic: "unsent",
    label: "past due",
    advice: "give Date submitted if they were sent; if not, send each Form B and its payment now",
  },
  late: {
    weight: 48,
    by: "months",
    label: "sent after the due date",
    advice: "they may be queried: send forms and payment by the 7th of the month after the pay",
  },
  "sent before paid": { weight: 46, by: "months", label: "Date submitted before the pay was received", advice: "check the dates" },
  "sent yes/no": { weight: 45 },
  "split at cut": {
    weight: 42,
    label: "days across a scheme year's end",
    advice: "declared in parts with the fee shared by days; invoice each month separately",
  },
  "invoice across cut": { weight: 42, label: "invoices across a scheme year's end", advice: "ask the practice to invoice each month separately" },
  "no table": { weight: 40 },
  "future work": { weight: 64, label: "work dated after today", advice: "correct the year if it is a typo" },
  "pension detail": { weight: 30 },
  age: { weight: 30 },
  "detail missing": { weight: 25, label: "details missing or empty", advice: "fill them in (every form shows them)" },
  "detail value": { weight: 25 },
  "detail not given": { weight: 20, label: "details not given", advice: "the boxes they fill on the forms are left empty" },
  "column not read": { weight: 20 },
  "note row": { weight: 20, label: "notes under the data, not sessions", advice: "not read (put notes in a Notes column)" },
  "unknown detail": { weight: 15, label: "not details this tool reads", advice: "ignored (check the spelling)" },
  "no code": {
    weight: 10,
    label: "empty",
    advice: "Form A and Form B show the code box empty for the practice to fill; add the ODS code (e.g. Y02345) to have it printed",
  },
  "code names": { weight: 10 },
  "odd code": { weight: 10 },
};

/** Where the rows and months of a run's messages are: the prepared forms' own (PreparedForms has both). */
export interface GroupingPlaces {
  /** The sessions sheet's name, as messages give it. */
  sessionsSheet?: string;
  /** The Form B months of each sessions row. */
  rowMonths?: Record<number, string[]>;
}

export interface GroupingOptions {
  /** Said in the brackets of a line that stands for several messages: "--verbose shows each". */
  more?: string;
}

const weightOf = (kind: string | undefined) => (kind ? (KINDS[kind]?.weight ?? 0) : 0);

const nextMonth = (k: string) => {
  const [y, m] = k.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

/** "June to September 2025", "December 2025 to February 2026, April 2026": consecutive months as one span. */
export function monthsText(keys: string[]): string {
  const sorted = [...new Set(keys)].sort();
  const spans: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === nextMonth(sorted[j])) j++;
    const [a, b] = [sorted[i], sorted[j]];
    spans.push(
      i === j ? monthLabel(a) : a.slice(0, 4) === b.slice(0, 4) ? `${monthLabel(a).split(" ")[0]} to ${monthLabel(b)}` : `${monthLabel(a)} to ${monthLabel(b)}`,
    );
    i = j + 1;
  }
  return spans.join(", ");
}

/** "a", "a and b", "a, b and c". */
const listText = (xs: string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

interface Group {
  key: string;
  messages: Message[];
  /** Where the first of them was found: ties in weight keep the order of finding. */
  first: number;
}

/** The Form B months a message is about: its row's, else those it stops; none when neither is known. */
function monthsOf(m: Message, at: GroupingPlaces): string[] {
  if (m.row !== undefined && m.sheet === at.sessionsSheet && at.rowMonths?.[m.row]?.length) return at.rowMonths[m.row];
  return m.stopsMonths ?? [];
}

/**
 * The lines to print for `messages`, one per kind of finding (a topic's kinds share one where they
 * cover the same months), errors first, then by weight, then in the order found.
 */
export function groupedLines(messages: Message[], at: GroupingPlaces = {}, o: GroupingOptions = {}): string[] {
  const groups = new Map<string, Group>();
  messages.forEach((m, i) => {
    // A message with no kind is a kind of its own; a topic's kinds are split by months below.
    const info = m.kind ? KINDS[m.kind] : undefined;
    const key = !m.kind ? `one:${i}` : info?.topic ? `topic:${m.level}|${info.topic}` : `kind:${m.level}|${m.kind}|${m.sheet}`;
    const g = groups.get(key);
    if (g) g.messages.push(m);
    else groups.set(key, { key, messages: [m], first: i });
  });
  const lines: { level: string; weight: number; first: number; text: string }[] = [];
  for (const g of groups.values()) {
    const parts = g.key.startsWith("topic:") ? byMonthSets(g, at) : [g];
    for (const p of parts) {
      const weight = Math.max(...p.messages.map((m) => weightOf(m.kind)));
      lines.push({ level: p.messages[0].level, weight, first: p.first, text: groupLine(p.messages, at, o) });
    }
  }
  lines.sort((a, b) => (a.level === b.level ? 0 : a.level === "error" ? -1 : 1) || b.weight - a.weight || a.first - b.first);
  return lines.map((l) => l.text);
}

/** A topic's messages: one line when its kinds cover the same months, else a line per kind. */
function byMonthSets(g: Group, at: GroupingPlaces): Group[] {
  const byKind = new Map<string, Group>();
  g.messages.forEach((m, i) => {
    const p = byKind.get(m.kind!);
    if (p) p.messages.push(m);
    else byKind.set(m.kind!, { key: m.kind!, messages: [m], first: g.first + i / g.messages.length });
  });
  const monthSet = (p: Group) => [...new Set(p.messages.flatMap((m) => monthsOf(m, at)))].sort().join(",");
  const sets = new Set([...byKind.values()].map(monthSet));
  // Each kind found once: each its own message, whole (its dates), rather than a summary.
  const once = g.messages.length === byKind.size;
  return sets.size === 1 && !sets.has("") && !once ? [g] : [...byKind.values()];
}

/** One line for messages of one kind (or one topic, same months): the message itself when it is alone. */
function groupLine(ms: Message[], at: GroupingPlaces, o: GroupingOptions): string {
  if (ms.length === 1) return formatMessage(ms[0]);
  const first = ms[0];
  const level = first.level === "error" ? "Error" : "Warning";
  const kinds = [...new Set(ms.map((m) => m.kind!))].sort((a, b) => weightOf(a) - weightOf(b));
  const infos = kinds.map((k) => KINDS[k]).filter((x) => x !== undefined);
  const heaviest = infos[infos.length - 1];
  const where = whereText(
    ms,
    at,
    infos.some((i) => i.by === "months"),
  );
  const many = `${thousands(ms.length)} ${first.level === "error" ? "errors" : "warnings"}`;
  const more = o.more ? `; ${o.more}` : "";
  const stops = stopsText(ms);
  if (heaviest?.label && infos.length === kinds.length) {
    const topic = heaviest.topic ? TOPICS[heaviest.topic] : undefined;
    const what = listText([...(topic ? [topic] : []), ...infos.map((i) => i.label!)]);
    return `${level}: ${where}: ${what}: ${heaviest.advice}${stops} (${many}${more})`;
  }
  // No summary for this kind: the first message stands for them all.
  return `${level}: ${where}: ${first.text}${stops} (the first of ${many} like it${more})`;
}

/** "April to June 2025", "Sessions rows 5–9, 12, Fee", "Locum details", "Locum details, 2025/26 and 2026/27". */
function whereText(ms: Message[], at: GroupingPlaces, byMonths: boolean): string {
  const months = ms.map((m) => monthsOf(m, at));
  if (byMonths && months.every((x) => x.length)) return monthsText(months.flat());
  const sheets = [...new Set(ms.map((m) => m.sheet))];
  // The field when they share one, or each when a few differ ("Email and EA code").
  const fields = [...new Set(ms.map((m) => m.field ?? ""))];
  const field = fields.length <= 4 && fields.every(Boolean) ? `, ${listText(fields)}` : "";
  // Rows when each has one: a list of some would seem to be all of them.
  const rows = ms.every((m) => m.row !== undefined) ? ms.flatMap((m) => m.rows ?? [m.row!]) : [];
  const years = [...new Set(ms.map((m) => m.schemeYear).filter((y) => y !== undefined))].sort();
  const when = !rows.length && years.length ? `, ${listText(years.map(schemeYearLabel))}` : "";
  return `${sheets.join(", ")}${rows.length ? ` ${rowList(rows)}` : ""}${field}${when}`;
}

/** The forms the errors of a line stop: "; not written: the forms of April to June 2025". */
function stopsText(ms: Message[]): string {
  if (!ms.some((m) => m.level === "error")) return "";
  if (ms.some((m) => m.stopsAll)) return "; not written: every form";
  const months = ms.flatMap((m) => m.stopsMonths ?? []);
  return months.length ? `; not written: the forms of ${monthsText(months)}` : "";
}
