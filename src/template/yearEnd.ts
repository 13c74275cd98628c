// The Year end sheet: LOCUM.YEAREND's spill, per scheme year the tier, the contributions due and paid,
// and the top-up or refund, the same figures as locum yearend.
import { YEAR_END_HEADER } from "../engine";
import { columnLetter, FIELD_NAMES } from "../workbook/columns";
import { detailsRefs } from "./details";
import { sheetRef } from "./formulas";
import { MONTHLY_HEADER, MONTHLY_ROWS_READ, SPILL_ROW } from "./monthly";
import type { TemplatePlan } from "./plan";
import { sessionsRefs } from "./sessions";
import { MONEY, NOTE, TEXT, TITLE } from "./styles";
import type { TemplateSheet } from "./types";

// The Year end's columns (YEAR_END_HEADER): dates as text, money and rates as numbers.
const YEAR_END_FORMATS = [TEXT, TEXT, TEXT, "0", "0", MONEY, MONEY, MONEY, "0", "0.0%", MONEY, "0.0%", MONEY, MONEY, undefined, TEXT, TEXT, MONEY, MONEY];

/**
 * LOCUM.YEAREND over the rows with both day columns (a run of days on one row: Date worked to Last
 * day), their pay and Form A; the rate each Form B used is the Monthly sheet's (the forms' own,
 * whatever the tier basis: Tier rate, an estimate, or the rows annualised), so the sheet gives
 * locum yearend's figures. In the order of the function's signature.
 */
function yearEndFormula(plan: TemplatePlan): string {
  const s = sessionsRefs(plan);
  const d = detailsRefs(plan);
  const dates = `${plan.table}[[${FIELD_NAMES.first}]:[${FIELD_NAMES.last}]]`;
  const monthly = `${sheetRef(plan.sheets.monthly)}$A$${SPILL_ROW}:$${columnLetter(MONTHLY_HEADER.length - 1)}$${SPILL_ROW + MONTHLY_ROWS_READ}`;
  return `LOCUM.YEAREND(${dates},${s.column("Pensionable pay")},${monthly},${d.value("Other practitioner pay")},${d.value("Other days of service")},${s.column("Form A")},${d.value("Country")},${d.value("Closing pension last year")},${d.value("September CPI")})`;
}

export function yearEndSheet(plan: TemplatePlan): TemplateSheet {
  return {
    role: "yearEnd",
    name: plan.sheets.yearEnd,
    cells: [
      { ref: "A1", value: "Year end", style: TITLE },
      {
        ref: "A2",
        value: `Per scheme year: the tier the year's work gives, the contributions due at it, those the Forms B paid (the ${plan.sheets.monthly} sheet's rates), and the top-up or refund to settle with PCSE (the LHB in Wales): LOCUM.YEAREND, the same figures as locum yearend.`,
        style: NOTE,
      },
    ],
    widths: [11, 11, 11, 8, 9, 13, 13, 13, 6, 9, 12, 9, 12, 12, 30, 13, 30, 13, 13],
    spills: [{ ref: "A4", formula: yearEndFormula(plan), width: YEAR_END_HEADER.length, numFmts: YEAR_END_FORMATS }],
    validations: [],
    conditionalFormats: [],
    freezeRows: 4,
  };
}
