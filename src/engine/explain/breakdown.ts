// Every result explains itself: the same parts feed LOCUM.BREAKDOWN, the command line's table and
// its --json output, so the three can never disagree.
import { dayToIso, dayToUk, leastFinal, notFinal, notFinalWords, type Status, type TierTable } from "../../rules";
import type { ContribResult } from "../contrib";
import { annualisedShown, money2, percent, pounds } from "../money";
import { schemeYearLabel } from "../schemeYear";
import { CONTRIB_SETTINGS, type Settings, settingsLine } from "../settings";

/** A table as a person should see it: its label, and where an override came from. */
export function tableName(t: TierTable): string {
  return t.override ? `${t.label} (override from ${t.override})` : t.label;
}

export interface PartJson {
  start: string;
  end: string;
  days: number;
  earnings: string;
  annualised: string;
  tier: number;
  rate: string;
  contribution: string;
  table: string;
  status: Status;
}

export interface ContribJson {
  total: string;
  annualised: string;
  provisional: boolean;
  earnings: string;
  start: string;
  end: string;
  daysOfService: number;
  parts: PartJson[];
  /** The settings the figures depend on, always given (the defaults: "actual", "half-up"). */
  settings: Pick<Settings, (typeof CONTRIB_SETTINGS)[number]>;
}

/**
 * Money as 2-decimal strings, dates ISO: the machine-readable explanation. Annualised figures are
 * truncated to the penny (annualisedShown), like every display of them.
 */
export function contribJson(r: ContribResult): ContribJson {
  return {
    total: money2(r.total),
    annualised: money2(annualisedShown(r.annualised)),
    provisional: r.provisional,
    earnings: money2(r.earnings),
    start: dayToIso(r.start),
    end: dayToIso(r.end),
    daysOfService: r.daysOfService,
    parts: r.parts.map((p) => ({
      start: dayToIso(p.start),
      end: dayToIso(p.end),
      days: p.days,
      earnings: money2(p.earnings),
      annualised: money2(annualisedShown(p.annualised)),
      tier: p.tier,
      rate: p.rate.toString(),
      contribution: money2(p.contribution),
      table: tableName(p.table),
      status: p.table.status,
    })),
    settings: { yearBase: r.settings.yearBase, rounding: r.settings.rounding },
  };
}

export const BREAKDOWN_HEADER = ["Start", "End", "Days", "Earnings", "Annualised", "Tier", "Rate", "Contribution", "Table", "Status"] as const;

/**
 * The note every report of a provisional figure carries, naming the scheme year(s) and table(s)
 * actually used; null when no part used a provisional table.
 */
export function provisionalNote(r: ContribResult): string | null {
  const parts = r.parts.filter((p) => notFinal(p.table.status));
  if (!parts.length) return null;
  const years = [...new Set(parts.map((p) => schemeYearLabel(p.schemeYear)))];
  const names = [...new Set(parts.map((p) => tableName(p.table)))];
  const y = years.join(" and ");
  const [noun, verb] = years.length === 1 ? ["table", "is"] : ["tables", "are"];
  const { title, state } = notFinalWords(leastFinal(parts.map((p) => p.table.status)));
  // Why it may change, as the rules data says (the bands rise each April: a tier near an edge may fall).
  const why = [...new Set(parts.map((p) => p.table.note).filter((n): n is string => Boolean(n)))];
  return `${title}: the ${y} tier ${noun} ${verb} ${state}; these figures use ${names.join(" and ")}${why.length ? `: ${why.join("; ")}` : ""}. Add the published ${y} ${noun} in a LocumRules sheet or with --rules FILE when it is out.`;
}

/** The line a report adds when settings other than the defaults were used; null when none were. */
export function settingsNote(r: ContribResult): string | null {
  return settingsLine(r.settings, CONTRIB_SETTINGS);
}

/** Columns of text lined up two spaces apart, those in `right` right-aligned: a terminal's table. */
export function textTable(head: string[], rows: string[][], right: Set<number>): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (row: string[]) =>
    row
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [fmt(head), ...rows.map(fmt)];
}

/** A plain-English explanation for a terminal or a note: one line per part, then the total. */
export function contribText(r: ContribResult): string {
  const lines = [
    `Earnings ${pounds(r.earnings)} from ${dayToUk(r.start)} to ${dayToUk(r.end)}, ` +
      (r.continuous ? `continuous service (${r.daysOfService} days)` : `${r.daysOfService} days of service`),
    "",
  ];
  const head = ["From", "To", "Days", "Earnings", "Annualised", "Tier", "Rate", "Contribution", "Table"];
  const rows = r.parts.map((p) => [
    dayToUk(p.start),
    dayToUk(p.end),
    String(p.days),
    pounds(p.earnings),
    pounds(annualisedShown(p.annualised)),
    String(p.tier),
    percent(p.rate),
    pounds(p.contribution),
    `${tableName(p.table)}, ${p.table.status}`,
  ]);
  lines.push(...textTable(head, rows, new Set([2, 3, 4, 5, 6, 7])), "");
  lines.push(`Employee contributions: ${pounds(r.total)}`);
  const settings = settingsNote(r);
  if (settings) lines.push(settings);
  const provisional = provisionalNote(r);
  if (provisional) lines.push(provisional);
  return lines.join("\n");
}
