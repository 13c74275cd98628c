// Next year's tier table from a September CPI the user gives (§5, the yearly uplift): every band
// but the lowest rises on 1 April by the previous September's CPI, each bound rounded UP to the
// pound. This reproduces 2025/26 from 2024/25 (3.6 %) and 2026/27 from 2025/26 (3.8 %) exactly.
// The product never guesses a CPI: without one, a year with no table stays "no table".
import Decimal from "decimal.js";
import { dayToIso, isoToDay, isoToUk, ymdOfDay } from "./day";
import { LocumError } from "./errors";
import type { CpiGiven, Segment, TierBand, TierTable } from "./types";
import { labelOfYear as yearLabel } from "./yearEnd";

/**
 * A CPI as a cell or a flag holds it: "3.8%", the fraction 0.038, or a plain 3.8 (above 0.3 and up
 * to 30: no fraction is a CPI there, so it is a percentage typed without %, as `plainPercent` says).
 * Null: not a number at all. The range is checked by each reader, so it names its own cell.
 */
export function cpiRead(v: unknown): { cpi: Decimal; plainPercent: boolean } | null {
  const t = typeof v === "string" ? v.trim() : v;
  const pct = typeof t === "string" ? /^(-?\d+(?:\.\d+)?)\s*%$/.exec(t) : null;
  if (pct) return { cpi: new Decimal(pct[1]).div(100), plainPercent: false };
  const n = typeof t === "number" ? t : typeof t === "string" && /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n)) return null;
  const plainPercent = Math.abs(n) > 0.3 && Math.abs(n) <= 30;
  return { cpi: plainPercent ? new Decimal(String(n)).div(100) : new Decimal(String(n)), plainPercent };
}

/** A CPI for the uplift, checked: 0 % to 30 % (the bands never fall); a LocumError naming `where`. */
export function upliftCpi(v: unknown, where: string, source?: string): CpiGiven {
  const read = cpiRead(v);
  if (read === null) throw new LocumError(`${where}: the September CPI must be a percentage such as 3.8% (the ONS figure), not ${JSON.stringify(v)}`);
  if (read.cpi.lt(0) || read.cpi.gt("0.3"))
    throw new LocumError(`${where}: a September CPI of ${read.cpi.times(100).toString()}% is outside 0% to 30%: give the ONS figure, such as 3.8%`);
  return { rate: read.cpi.toString(), where, ...(source ? { source } : {}) };
}

/** The bands raised by `cpi`: the lowest band stays, each other bound × (1 + cpi) rounded up. */
export function upliftBands(bands: TierBand[], cpi: string): TierBand[] {
  const factor = new Decimal(cpi).plus(1);
  return bands.map((b, i) => (i === 0 || b.upTo === null ? { upTo: b.upTo, rate: b.rate } : { upTo: factor.times(b.upTo).ceil().toNumber(), rate: b.rate }));
}

/** A CPI as people write it: at least one decimal place, "3.0 %", "3.85 %". */
const pct = (fraction: string) => {
  const p = new Decimal(fraction).times(100);
  return `${p.toFixed(Math.max(1, p.decimalPlaces()))} %`;
};

/**
 * The scheme year after the last tier table, projected from it by `cpi`: status "projected",
 * its CPI and source named in the label, source and note. Null when the last table does not end
 * on a 31 March (an override ending mid-year: there is no "next year" to project).
 */
export function projectedTable(last: Segment<TierTable>, cpi: CpiGiven): TierTable | null {
  const end = ymdOfDay(last.to);
  if (end.m !== 3 || end.d !== 31) return null;
  const year = end.y;
  const from = dayToIso(last.to + 1);
  const to = `${year + 1}-03-31`;
  const base = yearLabel(year - 1);
  const given = cpi.source ? `${cpi.source}, given in ${cpi.where}` : `given in ${cpi.where}`;
  const how = `the ${base} bands raised by the September ${year - 1} CPI of ${pct(cpi.rate)} (${given}), each bound rounded up to the pound`;
  return {
    id: `projected-${from}`,
    label: `${yearLabel(year)} (projected)`,
    from,
    to,
    status: "projected",
    source: `Projected: ${how}`,
    note: `these bands are ${how}, and the published ${yearLabel(year)} table may differ`,
    where: `the ${yearLabel(year)} table projected from ${cpi.where}`,
    bands: upliftBands(last.table.bands, cpi.rate),
  };
}

/** The timeline with the projected year added after its last table (unchanged when none can be). */
export function withProjection(tiers: Segment<TierTable>[], cpi: CpiGiven | undefined): { tiers: Segment<TierTable>[]; note: string | null } {
  if (!cpi || !tiers.length) return { tiers, note: null };
  const table = projectedTable(tiers[tiers.length - 1], cpi);
  if (!table) return { tiers, note: null };
  const note = `tier table ${isoToUk(table.from)} to ${isoToUk(table.to)} projected by the September CPI ${pct(cpi.rate)} (${cpi.where})`;
  return { tiers: [...tiers, { from: isoToDay(table.from)!, to: isoToDay(table.to)!, table }], note };
}
