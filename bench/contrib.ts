// LOCUM.CONTRIB against a plain-number reference, timed in interleaved pairs: noise on a shared
// machine (another process, a GC, a CPU clock change) then falls on both sides of a pair alike,
// where timing one and then the other moved the ratio from 10.8× to 31.1× between runs.
import { installCustomFunctionsGlobal } from "./shim";
installCustomFunctionsGlobal();
import { contrib } from "../src/functions/functions";
import { dayFromYmd, dayToSerial } from "../src/rules";
import { referenceContrib } from "./reference";

export interface Input {
  earnings: number;
  start: number;
  end: number;
  days?: number;
}

/** A fixed pseudo-random sequence (LCG): the same inputs every run. */
function* lcg(seed: number): Generator<number> {
  let s = seed >>> 0;
  for (;;) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    yield s / 2 ** 32;
  }
}

export function inputs(count: number): Input[] {
  const r = lcg(20221001);
  const next = () => r.next().value as number;
  const first = dayFromYmd(2015, 4, 1);
  const last = dayFromYmd(2027, 3, 31);
  const out: Input[] = [];
  for (let i = 0; i < count; i++) {
    const start = first + Math.floor(next() * (last - first));
    // mostly a month or less (a Form B), sometimes a quarter or a year, crossing tables and years
    const len = next() < 0.8 ? Math.floor(next() * 31) : Math.floor(next() * 400);
    const end = Math.min(last, start + len);
    const span = end - start + 1;
    const earnings = Math.floor(next() * 2_000_000) / 100; // £0.00 to £20,000.00, whole pennies
    const days = next() < 0.5 ? undefined : 1 + Math.floor(next() * span);
    out.push({ earnings, start: dayToSerial(start), end: dayToSerial(end), days });
  }
  return out;
}

export interface Agreement {
  agree: number;
  differInexact: number;
  differExact: number;
  /** The first few inputs where the engine and an exact reference disagree: a bug. */
  examples: string[];
}

/** Every input once through both, compared to the penny (also the JIT warm-up for the timing). */
export function compare(xs: Input[]): Agreement {
  const out: Agreement = { agree: 0, differInexact: 0, differExact: 0, examples: [] };
  for (const x of xs) {
    const e = contrib(x.earnings, x.start, x.end, x.days);
    const r = referenceContrib(x.earnings, x.start, x.end, x.days);
    if (Math.round(e * 100) === Math.round(r.total * 100)) out.agree++;
    else if (r.inexact) out.differInexact++;
    else if (++out.differExact <= 5) out.examples.push(`${JSON.stringify(x)}: engine ${e}, reference ${r.total}`);
  }
  return out;
}

export interface Paired {
  pairs: number;
  /** Medians over the pairs: evaluations per second, and reference rate ÷ engine rate. */
  enginePerSec: number;
  referencePerSec: number;
  ratio: number;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function seconds(f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/**
 * Pairs of short runs over the same slice of inputs, the engine and the reference back to back
 * (in turn first, so neither always runs on a warmer cache); the reference repeats its slice so
 * that both sides last long enough (tens of milliseconds) to time.
 */
export function paired(xs: Input[], pairs = 40, slice = 5000, referenceRepeats = 8): Paired {
  let sink = 0; // keeps the results alive, so no work is optimised away
  const engineRun = (from: number) => () => {
    for (let i = from; i < from + slice; i++) sink += contrib(xs[i].earnings, xs[i].start, xs[i].end, xs[i].days);
  };
  const referenceRun = (from: number) => () => {
    for (let k = 0; k < referenceRepeats; k++)
      for (let i = from; i < from + slice; i++) sink += referenceContrib(xs[i].earnings, xs[i].start, xs[i].end, xs[i].days).total;
  };
  const engine: number[] = [];
  const reference: number[] = [];
  const ratios: number[] = [];
  for (let p = 0; p < pairs; p++) {
    const from = (p * slice) % (xs.length - slice + 1);
    let te: number, tr: number;
    if (p % 2 === 0) {
      te = seconds(engineRun(from));
      tr = seconds(referenceRun(from));
    } else {
      tr = seconds(referenceRun(from));
      te = seconds(engineRun(from));
    }
    engine.push(slice / te);
    reference.push((slice * referenceRepeats) / tr);
    ratios.push(te / (tr / referenceRepeats));
  }
  if (!Number.isFinite(sink)) throw new Error("bench results are not numbers");
  return { pairs, enginePerSec: median(engine), referencePerSec: median(reference), ratio: median(ratios) };
}
