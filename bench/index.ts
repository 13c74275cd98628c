// npm run bench: how fast, measured honestly. A benchmark, not a test: it prints figures beside
// their targets (none is asserted); the last line is one JSON object.
//   - forms: the busy year rendered in this process, then as a user runs it (a fresh `locum forms`
//     process on the year's workbook) beside the floor of equal work (floor.ts), interleaved pairs;
//     and `locum forms` on 50,000 rows, with its peak memory;
//   - yearend: `locum yearend` on 50 and on 500 client workbooks, with the peak memory of the
//     whole process (workers included);
//   - LOCUM.YEAREND on 100,000 rows and LOCUM.MONTHLY on 20,000 identical rows (rows.ts);
//   - LOCUM.CONTRIB evaluations per second over 100,000 varied inputs beside a plain-number
//     reference of the same rule, in interleaved pairs; and whether they agree to the penny.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { coldAndFloor } from "./cold";
import { compare, inputs, paired } from "./contrib";
import { benchForms, benchForms50k, FORMS_50K_TARGET_MB, shapeOf, writeBusyWorkbook } from "./forms";
import { benchRows } from "./rows";
import { benchYearend, YEAREND_500_TARGET } from "./yearend";

const N = 100_000;
const TARGETS = {
  engine_per_sec: 150_000,
  ratio: 20,
  forms_seconds: 2,
  max_form_bytes: 60 * 1024,
  forms_ratio: 1.1,
  yearend_seconds: 15,
  yearend_500_seconds: YEAREND_500_TARGET.seconds,
  yearend_500_peak_mb: YEAREND_500_TARGET.peak_mb,
  forms_50k_peak_mb: FORMS_50K_TARGET_MB,
  rows_seconds: 1,
};

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
const meets = (ok: boolean) => (ok ? "met" : "NOT met");

async function formsBench(): Promise<{ forms: Record<string, unknown>; forms_50k: Record<string, unknown> }> {
  const r = await benchForms();
  console.log(
    `${r.name}: ${r.pdfs} PDFs in ${r.seconds.toFixed(2)} s in this process (target < ${TARGETS.forms_seconds} s); largest single form ${(r.maxFormBytes / 1024).toFixed(1)} KB (target < 60 KB)`,
  );
  const dir = mkdtempSync(join(tmpdir(), "locum-bench-"));
  try {
    const workbook = join(dir, "busy-year.xlsx");
    await writeBusyWorkbook(workbook);
    const c = coldAndFloor(dir, workbook, await shapeOf(r.files, r.repertoire));
    console.log(`locum forms on the busy year's workbook, a fresh process: ${c.coldSeconds.toFixed(2)} s (median of ${c.runs})`);
    console.log(
      `floor of equal work (a fresh node + exceljs + pdf-lib + fontkit: the same files, pages, strings, DejaVu subsets and fields, each flushed and renamed; no checks): ${c.floorSeconds.toFixed(2)} s (median of ${c.runs}, interleaved)`,
    );
    console.log(
      `cold ÷ floor: ${c.ratio.toFixed(2)}×, median of the pairs' ratios (target ≤ ${TARGETS.forms_ratio}×: ${meets(c.ratio <= TARGETS.forms_ratio)})`,
    );
    const forms = {
      pdfs: r.pdfs,
      seconds: Number(r.seconds.toFixed(3)),
      max_form_bytes: r.maxFormBytes,
      cold_seconds: Number(c.coldSeconds.toFixed(3)),
      floor_seconds: Number(c.floorSeconds.toFixed(3)),
      floor: "equal-work",
      ratio: Number(c.ratio.toFixed(2)),
      runs: c.runs,
    };
    return { forms, forms_50k: await benchForms50k(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // The forms first, as `locum forms` runs: not after 100,000 results fill the heap.
  const { forms, forms_50k } = await formsBench();
  const { yearend, yearend_500 } = await benchYearend();
  const rows = benchRows();
  console.log(
    `LOCUM.YEAREND on 100,000 rows: ${rows.yearend_100k_seconds.toFixed(2)} s (${rows.yearend_100k_cpu_seconds.toFixed(2)} s of CPU); LOCUM.MONTHLY on 20,000 identical rows: ${rows.monthly_20k_seconds.toFixed(2)} s (${rows.monthly_20k_cpu_seconds.toFixed(2)} s of CPU) (target about ${TARGETS.rows_seconds} s each)`,
  );
  const xs = inputs(N);
  const a = compare(xs);
  for (const e of a.examples) console.log(`DIFFERENT where the reference is exact: ${e}`);
  const p = paired(xs);
  console.log(
    `LOCUM.CONTRIB (decimal.js): ${fmt(p.enginePerSec)} evaluations/s, median of ${p.pairs} interleaved pairs (target ≥ ${fmt(TARGETS.engine_per_sec)}: ${meets(p.enginePerSec >= TARGETS.engine_per_sec)})`,
  );
  console.log(`plain-number reference:     ${fmt(p.referencePerSec)} evaluations/s`);
  console.log(`ratio: ${p.ratio.toFixed(1)}×, median of the pairs' ratios (target ≤ ${TARGETS.ratio}×: ${meets(p.ratio <= TARGETS.ratio)})`);
  console.log(
    `to the penny over ${fmt(N)} inputs: ${fmt(a.agree)} agree; ${a.differInexact} differ where the reference is inexact (half-penny ties, band edges); ${a.differExact} differ where it is exact`,
  );
  const result = {
    paired: true,
    evaluations: N,
    pairs: p.pairs,
    engine_per_sec: Math.round(p.enginePerSec),
    reference_per_sec: Math.round(p.referencePerSec),
    ratio: Number(p.ratio.toFixed(2)),
    agree: a.agree,
    differ_reference_inexact: a.differInexact,
    differ_reference_exact: a.differExact,
    forms,
    yearend,
    yearend_500,
    forms_50k,
    rows,
    targets: TARGETS,
  };
  console.log(JSON.stringify(result));
  if (a.differExact > 0) process.exitCode = 1;
}

main().catch((e: Error) => {
  console.error(`bench: ${e.stack ?? e.message}`);
  process.exitCode = 1;
});
