// Every result explains itself: the same parts feed LOCUM.BREAKDOWN, the command line's table and
// its --json output, so the three can never disagree.
import { dayToIso, dayToUk, type Status, type TierTable } from "../rules";
import type { ContribResult } from "./contrib";
import { money2, percent, pounds } from "./money";

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
}

/** Money as 2-decimal strings, dates ISO: the machine-readable explanation. */
export function contribJson(r: ContribResult): ContribJson {
  return {
    total: money2(r.total),
    annualised: money2(r.annualised),
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
      annualised: money2(p.annualised),
      tier: p.tier,
      rate: p.rate.toString(),
      contribution: money2(p.contribution),
      table: tableName(p.table),
      status: p.table.status,
    })),
  };
}

export const BREAKDOWN_HEADER = ["Start", "End", "Days", "Earnings", "Annualised", "Tier", "Rate", "Contribution", "Table", "Status"] as const;

/** The note every report of a provisional figure carries. */
export const PROVISIONAL_NOTE =
  "Provisional: a tier table used here is not yet published (2026/27 uses the 2025/26 bands). Add the year's table in a LocumRules sheet or with --rules FILE when it is.";

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
    pounds(p.annualised.toDecimalPlaces(2)),
    String(p.tier),
    percent(p.rate),
    pounds(p.contribution),
    `${tableName(p.table)}, ${p.table.status}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const right = new Set([2, 3, 4, 5, 6, 7]);
  const fmt = (row: string[]) => row.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  lines.push(fmt(head), ...rows.map(fmt), "");
  lines.push(`Employee contributions: ${pounds(r.total)}`);
  if (r.provisional) lines.push(PROVISIONAL_NOTE);
  return lines.join("\n");
}
