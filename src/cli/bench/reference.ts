// The same contribution rule in plain JS numbers: the yardstick the decimal engine is measured
// against. It flags when binary floating point could not be exact (a half-penny tie or a whole
// pound on a band edge), the only cases where the two may differ.
import { DEFAULT_RULES, dayFromYmd, ymdOfDay } from "../../rules";

interface Seg {
  from: number;
  to: number;
  upTo: number[];
  rates: number[];
}
const SEGS: Seg[] = DEFAULT_RULES.tiers.map((s) => ({
  from: s.from,
  to: s.to,
  upTo: s.table.bands.map((b) => b.upTo ?? Infinity),
  rates: s.table.bands.map((b) => Number(b.rate)),
}));

export interface RefResult {
  total: number;
  inexact: boolean;
}

export function referenceContrib(earnings: number, startSerial: number, endSerial: number, daysOfService?: number): RefResult {
  let inexact = false;
  const round2 = (x: number) => {
    const c = x * 100;
    if (Math.abs(c - Math.floor(c) - 0.5) < 1e-6) inexact = true;
    return Math.round(c) / 100;
  };
  const start = startSerial - 25569;
  const end = endSerial - 25569;
  const span = end - start + 1;
  const service = daysOfService ?? span;
  let total = 0;
  let allocated = 0;
  let daysSoFar = 0;
  for (let cur = start; cur <= end; ) {
    const seg = SEGS.find((s) => cur >= s.from && cur <= s.to)!;
    const { y, m } = ymdOfDay(cur);
    const year = m >= 4 ? y : y - 1;
    const yearEnd = dayFromYmd(year + 1, 3, 31);
    const yearDays = yearEnd - dayFromYmd(year, 4, 1) + 1;
    const stop = Math.min(end, seg.to, yearEnd);
    const days = stop - cur + 1;
    // cumulative rounding, as the engine: the rounded running total less what is already allocated
    daysSoFar += days;
    const upTo = stop === end ? earnings : round2((earnings * daysSoFar) / span);
    const part = Math.round((upTo - allocated) * 100) / 100;
    allocated = upTo;
    const annualised = (earnings * yearDays) / service;
    if (Math.abs(annualised - Math.round(annualised)) < 1e-6) inexact = true;
    const pounds = Math.floor(annualised);
    let i = 0;
    while (pounds > seg.upTo[i]) i++;
    total += round2(part * seg.rates[i]);
    cur = stop + 1;
  }
  return { total: Math.round(total * 100) / 100, inexact };
}
