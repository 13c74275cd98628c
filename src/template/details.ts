// The Locum details sheet: one row per key the forms read (src/forms/details.ts), its value in
// column B, what it is for in column C.
import { dayFromYmd } from "../rules";
import { sheetRef } from "./formulas";
import type { TemplatePlan } from "./plan";
import { LAST_DATE } from "./sessions";
import { DATE, HEAD, MONEY, NOTE, TEXT } from "./styles";
import type { Cell, Style, TemplateCell, TemplateSheet } from "./types";

// The Locum details keys src/forms/details.ts reads, with what each is for. A table of data, in the
// order of the sheet's rows: longer than a function, clearer as one list.
export const DETAIL_ROWS: [key: string, note: string, style?: Style][] = [
  ["Surname", "As on your NHS Pensions record"],
  ["Other names", "First and middle names"],
  ["Date of birth", "dd/mm/yyyy", { numFmt: DATE }],
  ["NI number", "Two letters, six digits, A to D: QQ 12 34 56 C"],
  ["SD number", "Your 8-digit NHS Pensions (SD) number, for the UPR", { numFmt: TEXT }],
  ["GMC number", "7 digits", { numFmt: TEXT }],
  ["Address", "Home address, on one line or several", { wrap: true }],
  ["Email", "PCSE replies by email"],
  ["Country", "England or Wales (Scotland and Northern Ireland have their own schemes)"],
  ["EA code", "The employing authority code of PCSE (England) or your Local Health Board (Wales)", { numFmt: TEXT }],
  ["Host LHB ref", "Wales only: your host Local Health Board reference", { numFmt: TEXT }],
  [
    "Tier rate",
    'The rate you pay each month (e.g. 9.8%); for a year with two tables add a row "Tier rate from 01/10/2022" or "Tier rate 2025/26"',
    { numFmt: "0.0%" },
  ],
  [
    "Estimated pensionable pay",
    "Instead of a Tier rate: your estimate of the year's pensionable pay; empty for both: the year's rows annualised",
    { numFmt: MONEY },
  ],
  ["Other practitioner pay", "Salaried, SOLO or out-of-hours GP pay in the scheme year (it counts towards the tier)", { numFmt: MONEY }],
  ["Other days of service", "Days of those other posts (a day counted once)"],
  ["Added years rate", "Form B box c, if you buy added years", { numFmt: "0.00%" }],
  ["MPAVC rate", "Form B box d as a rate (or the monthly amount below, not both)", { numFmt: "0.00%" }],
  ["MPAVC monthly amount", "Form B box d as a monthly amount", { numFmt: MONEY }],
  ["Additional pension monthly amount", "Form B box e", { numFmt: MONEY }],
  ["ERRBO rate", "Form B box f", { numFmt: "0.00%" }],
  [
    "Closing pension last year",
    "Year end only: your pension at the start of the scheme year (last year's NHS Pensions statement); with September CPI, the pension input amount is estimated",
    { numFmt: MONEY },
  ],
  ["September CPI", "Year end only: the CPI of the September before the scheme year (1.7% for 2025/26)", { numFmt: "0.0%" }],
];
/** Rows of Locum details that LOCUM.MONTHLY and LOCUM.YEAREND read (room for dated Tier rate rows). */
export const DETAILS_ROWS_READ = 40;

/** The Excel row of a detail on the Locum details sheet (header on row 1). */
export function detailRow(key: string): number {
  const i = DETAIL_ROWS.findIndex(([k]) => k === key);
  if (i < 0) throw new Error(`no detail ${key}`);
  return i + 2;
}

/** The sheet's references the other sheets' formulas use: every key and value, one detail's value. */
export function detailsRefs(plan: TemplatePlan) {
  const d = sheetRef(plan.sheets.details);
  return {
    all: `${d}$A$1:$B$${DETAILS_ROWS_READ}`,
    value: (key: string) => `${d}$B$${detailRow(key)}`,
  };
}

export function detailsSheet(plan: TemplatePlan): TemplateSheet {
  const cells: TemplateCell[] = [
    { ref: "A1", value: "Detail", style: HEAD },
    { ref: "B1", value: "Value", style: HEAD },
    { ref: "C1", value: "What it is", style: HEAD },
  ];
  DETAIL_ROWS.forEach(([key, note, style], i) => {
    cells.push({ ref: `A${i + 2}`, value: key, style: HEAD });
    if (style) cells.push({ ref: `B${i + 2}`, style });
    cells.push({ ref: `C${i + 2}`, value: note, style: NOTE });
  });
  const row = (k: string) => `B${detailRow(k)}`;
  return {
    role: "details",
    name: plan.sheets.details,
    cells,
    widths: [32, 36, 90],
    spills: [],
    validations: [
      {
        ref: row("Date of birth"),
        rule: { kind: "date", min: dayFromYmd(1920, 1, 1), max: LAST_DATE },
        error: "Date of birth must be a date, typed as dd/mm/yyyy.",
      },
      {
        ref: row("Country"),
        rule: { kind: "list", values: ["England", "Wales"] },
        error: "Country: England or Wales (Scotland and Northern Ireland run their own schemes).",
      },
      { ref: row("Tier rate"), rule: { kind: "decimal", min: 0.01, max: 0.2 }, error: "Tier rate is a percentage such as 9.8%." },
    ],
    conditionalFormats: [],
    freezeRows: 1,
  };
}

/** The sheet's cells with values typed beside their keys (by key: {"Surname": "X"}), as a user fills it. */
export function fillDetails(cells: TemplateCell[], details: Record<string, Cell>): TemplateCell[] {
  const out = [...cells];
  for (const [key, value] of Object.entries(details)) {
    const ref = `B${detailRow(key)}`;
    const at = out.findIndex((c) => c.ref === ref);
    if (at >= 0) out[at] = { ...out[at], value };
    else out.push({ ref, value });
  }
  return out;
}
