// npm run bench: LOCUM.CONTRIB evaluations per second over 100,000 varied inputs, beside a
// plain-number reference of the same rule. A benchmark, not a test: it prints; the last line is JSON.
import { installCustomFunctionsGlobal } from "./shim";
installCustomFunctionsGlobal();
import { contrib } from "../../functions/functions";
import { dayFromYmd, dayToSerial } from "../../rules";
import { benchForms } from "./forms";
import { referenceContrib } from "./reference";

const N = 100_000;

/** A fixed pseudo-random sequence (LCG): the same inputs every run. */
function* lcg(seed: number): Generator<number> {
  let s = seed >>> 0;
  for (;;) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    yield s / 2 ** 32;
  }
}

interface Input {
  earnings: number;
  start: number;
  end: number;
  days?: number;
}

function inputs(): Input[] {
  const r = lcg(20221001);
  const next = () => r.next().value as number;
  const first = dayFromYmd(2015, 4, 1);
  const last = dayFromYmd(2027, 3, 31);
  const out: Input[] = [];
  for (let i = 0; i < N; i++) {
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

function perSecond(f: () => void, count: number): number {
  f(); // warm up (JIT, table caches)
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = process.hrtime.bigint();
    f();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return count / best;
}

async function main(): Promise<void> {
  // The forms first, in a fresh process as `locum forms` runs (not after 100,000 results fill the heap).
  const forms = await formsBench();
  const xs = inputs();
  const engine: number[] = new Array(N);
  const ref: { total: number; inexact: boolean }[] = new Array(N);
  const engineRate = perSecond(() => {
    for (let i = 0; i < N; i++) engine[i] = contrib(xs[i].earnings, xs[i].start, xs[i].end, xs[i].days);
  }, N);
  const refRate = perSecond(() => {
    for (let i = 0; i < N; i++) ref[i] = referenceContrib(xs[i].earnings, xs[i].start, xs[i].end, xs[i].days);
  }, N);
  let agree = 0;
  let differInexact = 0;
  let differExact = 0;
  for (let i = 0; i < N; i++) {
    if (Math.round(engine[i] * 100) === Math.round(ref[i].total * 100)) agree++;
    else if (ref[i].inexact) differInexact++;
    else {
      differExact++;
      if (differExact <= 5) console.log("DIFFERENT where the reference is exact:", xs[i], engine[i], ref[i].total);
    }
  }
  const ratio = refRate / engineRate;
  const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
  console.log(`LOCUM.CONTRIB (decimal.js): ${fmt(engineRate)} evaluations/s over ${fmt(N)} inputs (target ≥ 100,000)`);
  console.log(`plain-number reference:     ${fmt(refRate)} evaluations/s`);
  console.log(`ratio: ${ratio.toFixed(1)}× (target ≤ 30×)`);
  console.log(`to the penny: ${fmt(agree)} agree; ${differInexact} differ where the reference is inexact (half-penny ties, band edges); ${differExact} differ where it is exact`);
  const result: Record<string, unknown> = {
    evaluations: N,
    engine_per_sec: Math.round(engineRate),
    reference_per_sec: Math.round(refRate),
    ratio: Number(ratio.toFixed(2)),
    agree,
    differ_reference_inexact: differInexact,
    differ_reference_exact: differExact,
  };
  if (forms) result.forms = forms;
  console.log(JSON.stringify(result));
  if (differExact > 0) process.exitCode = 1;
}

/** The forms benchmark: a busy year of PDFs. */
async function formsBench(): Promise<unknown> {
  const r = await benchForms();
  console.log(`${r.name}: ${r.pdfs} PDFs in ${r.seconds.toFixed(2)} s (target < 2 s); largest single form ${(r.maxFormBytes / 1024).toFixed(1)} KB (target < 60 KB)`);
  return { pdfs: r.pdfs, seconds: Number(r.seconds.toFixed(3)), max_form_bytes: r.maxFormBytes };
}

main();
