// A big run's months rendered on every core, on the command line's worker pool (pool.ts): this
// thread and worker threads take months from one shared counter; the months come out in order as
// soon as each is ready (the caller writes each as it arrives), a month a stopped worker held is
// drawn here. A worker costs a start-up (a thread, pdf-lib and the fonts loaded, its code
// compiled as it goes: its first month takes five times a later one, about 0.4 s of a core in
// all), so a run smaller than a few busy years renders here alone. Either way the bytes are the
// same: every month is drawn by the same monthFiles, with the font repertoire of the whole run
// (src/pdf/pack.ts). Measured in notes/speed.md: on the bench machine two threads of this work
// run at half speed each, so it never starts workers there (WORKER_MIN_CORES).
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { MonthForms, OutputFile, PreparedForms } from "../../forms";
import { type FontBytes, monthFiles } from "../../pdf";
import { repertoireOf } from "../../pdf";
import { inOrder } from "./pool";
import type { RenderRun } from "./renderWorker";
import { workerFile } from "../resources";
import { toWire } from "./wire";

export interface MonthOutput {
  monthKey: string;
  files: OutputFile[];
}

/**
 * Forms (each Form A and Form B) below which a run renders in this thread only: a worker's
 * start-up is then a small part of the run (the busy year of the bench has 192 forms and renders
 * in about 0.55 s here; a worker would be ready for its last third).
 */
export const WORKER_MIN_FORMS = 500;
/** Workers at most, whatever the machine: each holds the run's models and a copy of the fonts. */
const MAX_WORKERS = 3;
/**
 * Logical cores below which no worker is started. Two are often one core's worth: on the bench
 * machine (2 vCPUs) two threads of this work run at half speed each, and a worker only adds its
 * start-up (a 552-form run: 1.7 s in one thread, 2.6 s with a worker).
 */
export const WORKER_MIN_CORES = 4;
const WORKER_FILE = workerFile("renderWorker");

/** How many worker threads a run of these months is worth (0: render here). */
export function workersFor(months: MonthForms[], cores = availableParallelism()): number {
  const forms = months.reduce((t, m) => t + m.formsA.length + (m.formB ? 1 : 0), 0);
  if (forms < WORKER_MIN_FORMS || months.length < 2 || cores < WORKER_MIN_CORES || !existsSync(WORKER_FILE)) return 0;
  return Math.max(0, Math.min(cores - 1, MAX_WORKERS, months.length - 1));
}

/** Every file of the months named, month by month in the run's order (as renderPdfs orders them). */
export async function* renderByMonth(prepared: PreparedForms, fonts: FontBytes, months: string[]): AsyncIterable<{ monthKey: string; files: OutputFile[] }> {
  const chosen = prepared.months.filter((m) => months.includes(m.monthKey));
  yield* renderOnWorkers(prepared, fonts, months, { workers: workersFor(chosen) });
}

export interface PoolOptions {
  /** Worker threads (0: everything in this thread). */
  workers: number;
  /** Whether this thread draws months too (default), or only those a failed worker left. */
  drawHere?: boolean;
  /** The worker script (tests give one that fails). */
  workerFile?: string;
}

/** What the last pooled run did, for the bench and the tests. */
export const lastRun = { workers: 0, months: 0, byWorkers: 0 };

/** Months drawn at most ahead of the one written, per renderer: their PDFs wait in memory for their turn. */
const AHEAD_PER_RENDERER = 2;

/** renderByMonth with the number of workers given. */
export async function* renderOnWorkers(prepared: PreparedForms, fonts: FontBytes, months: string[], o: PoolOptions): AsyncGenerator<MonthOutput> {
  const locum = prepared.locum;
  if (!locum) return;
  const chosen = prepared.months.filter((m) => months.includes(m.monthKey));
  const repertoire = repertoireOf(prepared);
  let wire: Pick<RenderRun, "locum" | "months"> | null = null;
  if (o.workers > 0 && chosen.length) {
    try {
      wire = { locum: toWire(locum), months: toWire(chosen) };
    } catch {
      wire = null; // not plain data (a bug): render here, where it needs no copying
    }
  }
  const workers = wire ? o.workers : 0;
  Object.assign(lastRun, { workers, months: chosen.length, byWorkers: 0 });
  const draw = (i: number) => monthFiles(chosen[i], locum, fonts, repertoire);
  const file = o.workerFile ?? WORKER_FILE;
  const results = inOrder<RenderRun, OutputFile[]>({
    file,
    workers,
    count: chosen.length,
    message: { locum: wire?.locum, months: wire?.months, fonts, repertoire },
    window: (workers + 1) * AHEAD_PER_RENDERER,
    here: draw,
    helpHere: o.drawHere ?? true,
    lost: draw, // a month a stopped worker held: drawn here, the same bytes
    failed: (_, message) => {
      throw new Error(message); // raised when its month's turn comes
    },
    keepIdle: file === WORKER_FILE,
    tally: lastRun,
  });
  let i = 0;
  for await (const files of results) yield { monthKey: chosen[i++].monthKey, files };
}
