// The Tables in force sheet: the tier tables and employer rates the rules hold, for reading, with one
// live LOCUM.TABLE line per table showing what the add-in uses as the workbook calculates.
import { dayToSerial, dayToUk, type RuleSet } from "../rules";
import { addr } from "./formulas";
import type { TemplatePlan } from "./plan";
import { DATE, HEAD, NOTE, TEXT, TITLE } from "./styles";
import type { Cell, TemplateCell, TemplateOptions, TemplateSheet } from "./types";

/** The columns of src/taskpane/excel.ts RULES_HEADER (what a LocumRules table holds). */
export const TABLE_HEADER = ["Kind", "From", "To", "Up to", "Rate", "Status", "Label", "Source"] as const;
const TABLE_FORMATS = [TEXT, DATE, DATE, "£#,##0", "0.00%", TEXT, TEXT, TEXT];

/**
 * The tables in force, for reading: a display, not a LocumRules table. Every row of a LocumRules
 * table or sheet overrides the built-in tables for its dates, so a copy of today's tables would
 * keep overriding them after a release corrects them (2026/27's bands, a retrospective SI such as
 * 2025/26's), and an empty one is an error. This sheet's name is not one either reader takes as
 * overrides; the live column shows what the add-in has in force as the workbook calculates.
 */
export function tablesSheet(plan: TemplatePlan, options: TemplateOptions): TemplateSheet {
  const rows = tableRows(options.rules);
  const made = options.made === undefined ? "" : ` on ${dayToUk(options.made)}`;
  const cells: TemplateCell[] = [
    { ref: "A1", value: "The tier tables and employer rates in force", style: TITLE },
    {
      ref: "A2",
      value: `As this template was made${made}, for reference: this sheet is not read. To change a table, add a sheet named LocumRules with these columns holding only the rows that differ (every LocumRules row overrides the built-in tables for its dates); the pane's Create LocumRules starts one.`,
      style: NOTE,
    },
  ];
  const header = [...TABLE_HEADER, "In force now (LOCUM.TABLE)"];
  header.forEach((h, c) => cells.push({ ref: addr(c, 4), value: h, style: HEAD }));
  rows.forEach((r, i) => {
    r.cells.forEach((v, c) => cells.push({ ref: addr(c, 5 + i), value: v, style: { numFmt: TABLE_FORMATS[c] } }));
    // One live line per table: what the add-in uses on its first day (an override shows here).
    if (r.firstOfTable) cells.push({ ref: addr(header.length - 1, 5 + i), formula: `LOCUM.TABLE(${addr(1, 5 + i)})` });
  });
  return {
    role: "tables",
    name: plan.sheets.tables,
    cells,
    widths: [10, 12, 12, 11, 8, 12, 12, 60, 70],
    spills: [],
    validations: [],
    conditionalFormats: [],
    freezeRows: 4,
  };
}

/**
 * One row per band and per employer rate of the rules in force (an override's days carved out of the
 * built-in table it replaces, as the engine uses them): dates as serials, rates as fractions, the top
 * band's Up to empty.
 */
export function tableRows(rules: RuleSet): { cells: Cell[]; firstOfTable: boolean }[] {
  const out: { cells: Cell[]; firstOfTable: boolean }[] = [];
  for (const s of rules.tiers) {
    const t = s.table;
    t.bands.forEach((b, i) =>
      out.push({ cells: ["tier", dayToSerial(s.from), dayToSerial(s.to), b.upTo ?? "", Number(b.rate), t.status, t.label, t.source], firstOfTable: i === 0 }),
    );
  }
  for (const s of rules.employer) {
    const e = s.table;
    out.push({ cells: ["employer", dayToSerial(s.from), dayToSerial(s.to), "", Number(e.rate), e.status, e.label, e.source], firstOfTable: false });
  }
  return out;
}
