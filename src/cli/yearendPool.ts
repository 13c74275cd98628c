// The clients of a folder, worked on by a pool of worker threads (each reads and works out whole
// clients, one at a time) and given back in the folder's order, whatever order they finish in, so
// the output never depends on timing. Workers run at most a few clients ahead of the one the
// command is waiting for: memory stays flat however many clients (no more than a window of
// results and summary PDFs waits at once). A worker that dies (a fault, out of memory) costs its
// client only: that client is reported as not done and a new worker takes the next.
import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { FontBytes } from "../forms";
import { workerFile } from "./resources";
import { type ClientResult, type ClientTask, clientFailed, yearEndClient } from "./yearendClient";

export interface ClientDone {
  result: ClientResult;
  pdf: Uint8Array | null;
}

export interface PoolOptions {
  /** Clients at once: 1 works them out in this thread, one after another. */
  workers: number;
  /** The worker script (tests give their own); without a compiled one, everything runs here. */
  workerFile?: string;
  /** The fonts, for work done in this thread. */
  fonts: () => FontBytes;
}

export const WORKER_FILE = workerFile("yearendWorker");
/** Clients a worker may run ahead of the one awaited. */
const AHEAD_PER_WORKER = 4;

/** What the last run did, for the bench and the tests. */
export const lastPool = { threads: 0 };

interface Deferred {
  promise: Promise<ClientDone>;
  resolve: (d: ClientDone) => void;
}

function deferred(): Deferred {
  let resolve!: (d: ClientDone) => void;
  const promise = new Promise<ClientDone>((r) => (resolve = r));
  return { promise, resolve };
}

/** Every task's result, in the tasks' order (tasks[i].index must be i). */
export async function* clientsInOrder(tasks: ClientTask[], o: PoolOptions): AsyncGenerator<ClientDone> {
  const file = o.workerFile ?? WORKER_FILE;
  const threads = Math.min(o.workers, tasks.length);
  if (threads <= 1 || !existsSync(file)) {
    lastPool.threads = 0;
    const fonts = o.fonts();
    for (const t of tasks) yield await yearEndClient(t, fonts);
    return;
  }
  lastPool.threads = threads;
  yield* onWorkers(tasks, threads, file);
}

interface Slot {
  worker: Worker;
  task: ClientTask | null;
  gone: boolean;
}

async function* onWorkers(tasks: ClientTask[], threads: number, file: string): AsyncGenerator<ClientDone> {
  const results = new Map<number, Deferred>();
  const at = (i: number) => results.get(i) ?? (results.set(i, deferred()), results.get(i)!);
  const window = threads * AHEAD_PER_WORKER;
  let next = 0; // the next task to hand out
  let want = 0; // the next result to give back
  let closing = false;
  const pool: Slot[] = [];

  const dispatch = () => {
    for (const s of pool) {
      if (s.gone || s.task || next >= tasks.length || next >= want + window) continue;
      s.task = tasks[next++];
      s.worker.postMessage(s.task);
    }
  };
  const lost = (s: Slot, why: string) => {
    if (s.gone) return;
    s.gone = true;
    pool.splice(pool.indexOf(s), 1);
    if (closing) return;
    if (s.task) at(s.task.index).resolve({ result: clientFailed(s.task, "errors", `could not be done: ${why}`), pdf: null });
    s.task = null;
    if (next < tasks.length) pool.push(start());
    dispatch();
  };
  const start = (): Slot => {
    const s: Slot = { worker: new Worker(file), task: null, gone: false };
    s.worker.on("message", (d: ClientDone) => {
      const t = s.task;
      s.task = null;
      if (t) at(t.index).resolve({ result: d.result, pdf: d.pdf ?? null });
      dispatch();
    });
    s.worker.on("error", (e) => lost(s, `its worker thread stopped (${e instanceof Error ? e.message : String(e)})`));
    s.worker.on("exit", (code) => lost(s, `its worker thread stopped (exit code ${code})`));
    return s;
  };

  for (let i = 0; i < threads; i++) pool.push(start());
  try {
    dispatch();
    while (want < tasks.length) {
      const d = await at(want).promise;
      results.delete(want);
      want++;
      dispatch(); // the window moves on: workers keep going while the caller writes this one
      yield d;
    }
  } finally {
    closing = true;
    await Promise.all(pool.map((s) => s.worker.terminate()));
  }
}
