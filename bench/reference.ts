// The same contribution rule in plain JS numbers: the yardstick the decimal engine is measured
// against. It flags when binary floating point could not be exact (a half-penny tie or a whole
// pound on a band edge), the only cases where the two may differ.
import { DEFAULT_RULES, dayFromYmd, ymdOfDay } from "../src/rules";

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
  const slices: { days: number; seg: (typeof SEGS)[number]; yearDays: number; part: number }[] = [];
  for (let cur = start; cur <= end;) {
    const seg = SEGS.find((s) => cur >= s.from && cur <= s.to)!;
    const { y, m } = ymdOfDay(cur);
    const year = m >= 4 ? y : y - 1;
    const yearEnd = dayFromYmd(year + 1, 3, 31);
    const stop = Math.min(end, seg.to, yearEnd);
    slices.push({ days: stop - cur + 1, seg, yearDays: yearEnd - dayFromYmd(year, 4, 1) + 1, part: 0 });
    cur = stop + 1;
  }
  // Each part its own share to the penny, the last the remainder; cumulative if that goes negative.
  let allocated = 0;
  slices.forEach((s, i) => {
    s.part = i === slices.length - 1 ? Math.round((earnings - allocated) * 100) / 100 : round2((earnings * s.days) / span);
    allocated += s.part;
  });
  if (slices[slices.length - 1].part < 0) {
    let daysSoFar = 0;
    allocated = 0;
    slices.forEach((s, i) => {
      daysSoFar += s.days;
      const upTo = i === slices.length - 1 ? earnings : round2((earnings * daysSoFar) / span);
      s.part = Math.round((upTo - allocated) * 100) / 100;
      allocated = upTo;
    });
  }
  let total = 0;
  for (const s of slices) {
    const annualised = (earnings * s.yearDays) / service;
    if (Math.abs(annualised - Math.round(annualised)) < 1e-6) inexact = true;
    const pounds = Math.floor(annualised);
    let i = 0;
    while (pounds > s.seg.upTo[i]) i++;
    total += round2(s.part * s.seg.rates[i]);
  }
  return { total: Math.round(total * 100) / 100, inexact };
}
