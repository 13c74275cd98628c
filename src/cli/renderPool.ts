// A run's months rendered on every core: this thread and worker threads take months from one
// queue, and the months come out in order as soon as each is ready (the caller writes each as it
// arrives). A worker costs a start-up (a thread, pdf-lib and the fonts loaded: about 0.15 s of
// a core), so a small run renders here alone. Either way the bytes are the same: every month is
// drawn by the same monthFiles with the font repertoire of the whole run (src/forms/pack.ts).
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { type FontBytes, type LocumDetails, monthFiles, type MonthForms, type OutputFile, type PreparedForms } from "../forms";
import { repertoireOf } from "../forms/pack";
import type { WorkerData, WorkerReply } from "./renderWorker";
import { toWire } from "./wire";

export interface MonthOutput {
  monthKey: string;
  files: OutputFile[];
}

/**
 * Forms (each Form A and Form B) below which a run renders in this thread only: measured on the
 * bench machine (2 cores), a worker gains from about this size on (see notes/speed.md).
 */
export const WORKER_MIN_FORMS = 60;
/** Workers at most, whatever the machine: each holds the run's models and a copy of the fonts. */
const MAX_WORKERS = 3;
const WORKER_FILE = join(__dirname, "renderWorker.js");

/** How many worker threads a run of these months is worth (0: render here). */
export function workersFor(months: MonthForms[], cores = availableParallelism()): number {
  const forms = months.reduce((t, m) => t + m.formsA.length + (m.formB ? 1 : 0), 0);
  if (forms < WORKER_MIN_FORMS || months.length < 2 || !existsSync(WORKER_FILE)) return 0;
  return Math.max(0, Math.min(cores - 1, MAX_WORKERS, months.length - 1));
}

/** Every file of the months named, month by month in the run's order (as renderPdfs orders them). */
export async function* renderByMonth(prepared: PreparedForms, fonts: FontBytes, months: string[]): AsyncIterable<{ monthKey: string; files: OutputFile[] }> {
  const locum = prepared.locum;
  if (!locum) return;
  const chosen = prepared.months.filter((m) => months.includes(m.monthKey));
  const repertoire = repertoireOf(prepared);
  const workers = workersFor(chosen);
  if (!workers) {
    for (const m of chosen) yield { monthKey: m.monthKey, files: await monthFiles(m, locum, fonts, repertoire) };
    return;
  }
  yield* pooled(chosen, locum, fonts, repertoire, workers);
}

interface Slot {
  promise: Promise<OutputFile[]>;
  resolve: (files: OutputFile[]) => void;
  reject: (e: Error) => void;
  taken: boolean;
  settled: boolean;
}

function slot(): Slot {
  const s = { taken: false, settled: false } as Slot;
  s.promise = new Promise<OutputFile[]>((resolve, reject) => {
    s.resolve = (files) => ((s.settled = true), resolve(files));
    s.reject = (e) => ((s.settled = true), reject(e));
  });
  s.promise.catch(() => undefined); // a failure is raised where the month is yielded
  return s;
}

async function* pooled(months: MonthForms[], locum: LocumDetails, fonts: FontBytes, repertoire: string, count: number): AsyncGenerator<MonthOutput> {
  const slots = months.map(slot);
  // This thread takes months from the front; workers too, two at a time so that a worker never
  // waits for this thread (busy drawing) to hand it the next one.
  const take = (): number => {
    const i = slots.findIndex((s) => !s.taken);
    if (i >= 0) slots[i].taken = true;
    return i;
  };
  let data: WorkerData;
  try {
    data = { locum: toWire(locum), months: toWire(months), fonts, repertoire };
  } catch {
    data = null as unknown as WorkerData; // not plain data: render here only
  }
  const pool: Worker[] = [];
  for (let w = 0; data && w < count; w++) {
    const worker = new Worker(WORKER_FILE, { workerData: data });
    const inFlight = new Set<number>();
    const give = () => {
      const i = take();
      if (i < 0) return;
      inFlight.add(i);
      worker.postMessage(i);
    };
    // A worker that fails hands its months back: this thread draws them (the same bytes).
    const giveBack = () => {
      for (const i of inFlight) if (!slots[i].settled) slots[i].taken = false;
      inFlight.clear();
    };
    worker.on("message", (r: WorkerReply) => {
      if ("ready" in r) return give(), give();
      inFlight.delete(r.index);
      if ("error" in r) slots[r.index].reject(new Error(r.error));
      else slots[r.index].resolve(r.files as OutputFile[]);
      give();
    });
    worker.on("error", giveBack);
    worker.on("exit", giveBack);
    pool.push(worker);
  }
  try {
    for (let i = 0; i < slots.length; i++) {
      // Draw here until the month due next is done (by this thread or a worker).
      while (!slots[i].settled) {
        const j = take();
        if (j < 0) {
          await Promise.race([slots[i].promise.catch(() => undefined), idle(pool)]);
          continue;
        }
        try {
          slots[j].resolve(await monthFiles(months[j], locum, fonts, repertoire));
        } catch (e) {
          slots[j].reject(e as Error);
        }
      }
      yield { monthKey: months[i].monthKey, files: await slots[i].promise };
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Resolves when a worker stops: the months it held come back to the queue. */
function idle(pool: Worker[]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const w of pool) w.off("exit", done);
      resolve();
    };
    for (const w of pool) w.once("exit", done);
  });
}
