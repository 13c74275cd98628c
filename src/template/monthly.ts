// The Monthly sheet: LOCUM.MONTHLY's spill, one row per Form B month with its figures, and a chart of
// them; and the rows that function returns, from the forms layer's own Forms B.
import type { MonthForms, PreparedForms } from "../forms/model";
import { dayFromYmd, dayToSerial } from "../rules";
import { placeText, stopsMonth } from "../workbook/findings";
import { detailsRefs } from "./details";
import type { TemplatePlan } from "./plan";
import { sessionsRefs } from "./sessions";
import { DATE, MONEY, NOTE, TEXT, TITLE } from "./styles";
import type { Cell, TemplateSheet } from "./types";

export const MONTHLY_HEADER = [
  "Month",
  "Forms A",
  "Pensionable pay (a)",
  "Tier rate",
  "Employee (g)",
  "Employer (h)",
  "To pay (i)",
  "Cumulative (j)",
  "UPR",
  "Due date",
  "Status",
] as const;
const MONTHLY_FORMATS = ["mmm yyyy", "0", MONEY, "0.0%", MONEY, MONEY, MONEY, MONEY, TEXT, DATE, undefined];

/** The row of the spill's header: the Year end reads the Monthly sheet from it. */
export const SPILL_ROW = 5;
const SPILL_AT = `A${SPILL_ROW}`;
/** Rows of the Monthly sheet the Year end reads (its spill: a header, then at most a few dozen months). */
export const MONTHLY_ROWS_READ = 400;

export function monthlySheet(plan: TemplatePlan): TemplateSheet {
  const formula = `LOCUM.MONTHLY(${sessionsRefs(plan).all},${detailsRefs(plan).all})`;
  return {
    role: "monthly",
    name: plan.sheets.monthly,
    cells: [
      { ref: "A1", value: "Forms B month by month", style: TITLE },
      {
        ref: "A2",
        value: `The figures of each month's Form B, worked out by the forms' own code from the ${plan.sheets.sessions} and ${plan.sheets.details} sheets: LOCUM.MONTHLY(sessions, details). A month an error stops says why in Status (make the forms for the full message).`,
        style: NOTE,
      },
      {
        ref: "A3",
        value: "#NAME? here means the Locum pensions add-in is not loaded: open it from the Home tab (if it stays, recalculate with Ctrl+Alt+F9).",
        style: NOTE,
      },
    ],
    widths: [11, 8, 16, 9, 13, 13, 13, 14, 20, 11, 60],
    spills: [{ ref: SPILL_AT, formula, width: MONTHLY_HEADER.length, numFmts: MONTHLY_FORMATS }],
    validations: [],
    conditionalFormats: [],
    // Pensionable pay, employee and employer contributions by month.
    chart: {
      title: "Pensionable pay and contributions by month",
      spill: SPILL_AT,
      categoryColumn: 0,
      valueColumns: [2, 4, 5],
      kind: "columnClustered",
      anchor: "M5",
    },
    freezeRows: 5,
  };
}

// ---- LOCUM.MONTHLY's table, from the forms layer's own Forms B ----

const blankFigures = (n: number) => Array<Cell>(n).fill("");

/**
 * The Monthly sheet's rows: a header, then one row per Form B month with its figures (numbers, dates
 * as Excel serials), or, for a month an error stops, why. No month at all: one row saying why.
 */
export function monthlyRows(p: PreparedForms): Cell[][] {
  const rows: Cell[][] = [[...MONTHLY_HEADER], ...p.months.map((m) => monthRow(p, m))];
  if (!p.months.length) {
    const first = p.messages.find((x) => x.level === "error");
    rows.push(["", "", ...blankFigures(8), first ? `no Form B yet: ${placeText(first)}: ${first.text}` : "no Form B yet: no sessions"]);
  }
  return rows;
}

function monthRow(p: PreparedForms, m: MonthForms): Cell[] {
  const b = m.formB;
  const month = dayToSerial(dayFromYmd(m.year, m.month, 1));
  // Stopped only by rows to leave off: the Form B as it will be once they go (the year end counts it so).
  const f = b ?? m.leftOff?.formB;
  if (!f) return [month, m.formsA.length, ...blankFigures(5), "", m.upr, "", `stopped: ${stopReason(p, m.monthKey)}`];
  const status = b ? "made" : `stopped until the rows to leave off are removed (the figures are this Form B's once they are): ${stopReason(p, m.monthKey)}`;
  return [
    month,
    f.formsA.length,
    f.a.toNumber(),
    f.tier.rate.toNumber(),
    f.g.toNumber(),
    f.h.toNumber(),
    f.i.toNumber(),
    f.j.toNumber(),
    f.upr,
    dayToSerial(f.dueDate),
    status,
  ];
}

/** The first error that stops a month's Form B, placed ("Sessions row 5, Fee (E5): …"), and how many. */
function stopReason(p: PreparedForms, monthKey: string): string {
  const stopping = p.messages.filter((x) => stopsMonth(x, monthKey));
  if (!stopping.length) return "see the forms' messages";
  const more = stopping.length > 1 ? ` (and ${stopping.length - 1} more error${stopping.length > 2 ? "s" : ""})` : "";
  const first = stopping[0];
  return `${placeText(first)}: ${first.text}${more}`;
}
