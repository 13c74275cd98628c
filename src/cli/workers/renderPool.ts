// A big run's months rendered on every core. This thread and worker threads take months from one
// shared counter; the months come out in order as soon as each is ready (the caller writes each
// as it arrives). A worker costs a start-up (a thread, pdf-lib and the fonts loaded, its code
// compiled as it goes: its first month takes five times a later one, about 0.4 s of a core in
// all), so a run smaller than a few busy years renders here alone. Either way the bytes are the
// same: every month is drawn by the same monthFiles, with the font repertoire of the whole run
// (src/forms/pack.ts). Measured in notes/speed.md: on the bench machine two threads of this work
// run at half speed each, so it never starts workers there (WORKER_MIN_CORES).
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { LocumDetails, MonthForms, OutputFile, PreparedForms } from "../../forms";
import { type FontBytes, monthFiles } from "../../pdf";
import { repertoireOf } from "../../pdf";
import type { RunMessage, WorkerReply } from "./renderWorker";
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

// Idle workers, kept between runs (a year-end renders workbook after workbook) and never keeping
// the process alive (unref) while idle.
const idle: Worker[] = [];
function startWorker(file: string): Worker {
  const w = new Worker(file);
  w.unref();
  w.on("error", () => undefined); // a failed worker exits: its months are drawn here (see onWorkers)
  w.once("exit", () => idle.includes(w) && idle.splice(idle.indexOf(w), 1));
  return w;
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

/** renderByMonth with the number of workers given. */
export async function* renderOnWorkers(prepared: PreparedForms, fonts: FontBytes, months: string[], o: PoolOptions): AsyncGenerator<MonthOutput> {
  const locum = prepared.locum;
  if (!locum) return;
  const chosen = prepared.months.filter((m) => months.includes(m.monthKey));
  const repertoire = repertoireOf(prepared);
  let wire: Pick<RunMessage, "locum" | "months"> | null = null;
  if (o.workers > 0 && chosen.length) {
    try {
      wire = { locum: toWire(locum), months: toWire(chosen) };
    } catch {
      wire = null; // not plain data (a bug): render here, where it needs no copying
    }
  }
  Object.assign(lastRun, { workers: wire ? o.workers : 0, months: chosen.length, byWorkers: 0 });
  if (!wire) {
    for (const m of chosen) yield { monthKey: m.monthKey, files: await monthFiles(m, locum, fonts, repertoire) };
    return;
  }
  const file = o.workerFile ?? WORKER_FILE;
  const pool = file === WORKER_FILE ? idle.splice(0, o.workers) : [];
  while (pool.length < o.workers) pool.push(startWorker(file));
  yield* onWorkers(pool, { ...wire, fonts, repertoire }, chosen, locum, o.drawHere ?? true, file === WORKER_FILE);
}

interface Slot {
  promise: Promise<OutputFile[]>;
  resolve: (files: OutputFile[]) => void;
  reject: (e: Error) => void;
  settled: boolean;
  /** Who is drawing it: this thread ("here"), a worker, or nobody known yet. */
  by?: Worker | "here";
}

function slot(): Slot {
  const s = { settled: false } as Slot;
  s.promise = new Promise<OutputFile[]>((resolve, reject) => {
    s.resolve = (files) => (s.settled ||= (resolve(files), true));
    s.reject = (e) => (s.settled ||= (reject(e), true));
  });
  s.promise.catch(() => undefined); // a failure is raised where its month is yielded
  return s;
}

let runs = 0;

async function* onWorkers(
  pool: Worker[],
  data: Omit<RunMessage, "run" | "counter">,
  months: MonthForms[],
  locum: LocumDetails,
  drawHere: boolean,
  keep: boolean,
): AsyncGenerator<MonthOutput> {
  const run = ++runs;
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const slots = months.map(slot);
  const live = new Set(pool);
  let wake: () => void = () => undefined;
  const listeners = new Map<Worker, { message: (r: WorkerReply) => void; exit: () => void }>();
  for (const w of pool) {
    const message = (r: WorkerReply) => {
      if (r.run !== run) return; // a reply to a run left early
      if ("taking" in r) slots[r.index].by ??= w;
      else if ("files" in r) {
        slots[r.index].resolve(r.files as OutputFile[]);
        lastRun.byWorkers++;
      } else if ("error" in r) slots[r.index].reject(new Error(r.error));
      wake();
    };
    const exit = () => (live.delete(w), wake());
    listeners.set(w, { message, exit });
    w.on("message", message).once("exit", exit);
    w.ref(); // busy: keep the process alive until the run is done
    w.postMessage({ run, counter, ...data } satisfies RunMessage);
  }
  // A month taken (the counter passed it) whose worker stopped, or that no live worker owned up to
  // once one stopped (it may have taken it and stopped before saying so).
  const orphan = () =>
    slots.findIndex(
      (s, i) => i < Math.min(Atomics.load(counter, 0), slots.length) && !s.settled && s.by !== "here" && (s.by ? !live.has(s.by) : live.size < pool.length),
    );
  const draw = async (j: number) => {
    slots[j].by = "here";
    try {
      slots[j].resolve(await monthFiles(months[j], locum, data.fonts, data.repertoire));
    } catch (e) {
      slots[j].reject(e as Error);
    }
    await new Promise((r) => setImmediate(r)); // let the workers' replies in
  };
  try {
    for (let i = 0; i < slots.length; i++) {
      while (!slots[i].settled) {
        const j = drawHere || !live.size ? Atomics.add(counter, 0, 1) : slots.length;
        if (j < slots.length) await draw(j);
        else {
          const lost = orphan();
          if (lost >= 0) await draw(lost);
          else if (!slots[i].settled) await new Promise<void>((r) => (wake = r));
        }
      }
      yield { monthKey: months[i].monthKey, files: await slots[i].promise };
    }
  } finally {
    Atomics.store(counter, 0, slots.length); // a run left early: the workers take no more months
    for (const [w, l] of listeners) {
      w.off("message", l.message).off("exit", l.exit);
      if (!live.has(w)) continue;
      if (keep) {
        w.unref();
        idle.push(w); // back to the pool, idle, for the next run
      } else await w.terminate();
    }
  }
}
