// One pool of worker threads for the command line's two jobs: the months of a big `locum forms` run
// (renderPool.ts) and the clients of `locum yearend` (yearendPool.ts). Ours, not piscina or tinypool:
// the single-file build (scripts/build-bundle.js) and the single executable bundle our own worker
// scripts, and a library's own worker entry, a file it loads by its path, would be in neither.
//
// A run gives every worker one message (its tasks and what they share) with shared counters: the
// next task to take, and how far ahead of the result awaited tasks may be taken (results wait for
// their turn, so that window bounds the memory they hold). Workers, and this thread when it helps,
// take tasks from the counter, so no one waits for a dispatcher; results come back in the tasks'
// order. A worker that stops (it crashed, or ran out of memory) costs only the tasks it held, which
// the job settles (drawn here, or named as failed), and a new worker takes its place. Workers idle
// between runs are unref'd: they never keep the process alive.
import { existsSync } from "node:fs";
import { parentPort, type ResourceLimits, threadId, Worker } from "node:worker_threads";

/** Places in RunMessage.counter: the next task to take; the first task not to take yet (the window's end). */
const NEXT = 0;
const LIMIT = 1;

/** What each worker of a run receives: the job's own fields, and the pool's. */
export type RunMessage<C> = C & {
  run: number;
  /** Tasks in the run. */
  count: number;
  /** Int32Array over shared memory: [NEXT, LIMIT]. */
  counter: Int32Array;
  /** Int32Array over shared memory: for each task, the threadId of the worker that took it (0: none said). */
  owners: Int32Array;
};

/** A worker's answer for one task: its value, or why it could not be done. */
export type Reply<R> = { run: number; index: number; value: R } | { run: number; index: number; error: string };

export interface PoolJob<C, R> {
  /** The worker script (see serveRuns). */
  file: string;
  /** Worker threads (0: every task here, one after another). */
  workers: number;
  count: number;
  /** The run's message, the same for every worker. */
  message: C;
  /** Tasks that may be taken ahead of the result awaited. */
  window: number;
  /** A task done in this thread: when workers = 0, when `helpHere`, and when no worker is left. */
  here?: (index: number) => Promise<R>;
  /** This thread takes tasks too while it waits. */
  helpHere?: boolean;
  /** A task whose worker stopped, and why (an Error, or its exit code): its result, or its failure to raise. */
  lost: (index: number, cause: unknown) => R | Promise<R>;
  /** A task a worker could not do (its error's message): its result, or throw to raise it when its turn comes. */
  failed: (index: number, message: string) => R;
  resourceLimits?: ResourceLimits;
  workerData?: unknown;
  /** Workers are kept, idle, for the next run of the same script (else they are stopped at the run's end). */
  keepIdle?: boolean;
  /** Counts the results workers made. */
  tally?: { byWorkers: number };
}

// Idle workers by script and limits, kept between runs (a year end renders workbook after workbook).
const idle = new Map<string, Worker[]>();
const idleKey = (j: PoolJob<unknown, unknown>) => JSON.stringify([j.file, j.resourceLimits ?? null, j.workerData ?? null]);

function startWorker(job: PoolJob<unknown, unknown>): Worker {
  const w = new Worker(job.file, { workerData: job.workerData, resourceLimits: job.resourceLimits });
  w.on("error", () => undefined); // a worker that fails exits: a run hears of it (and why) through its own listeners
  w.once("exit", () => {
    const list = idle.get(idleKey(job));
    if (list?.includes(w)) list.splice(list.indexOf(w), 1);
  });
  return w;
}

/** Every task's result, in the tasks' order. */
export async function* inOrder<C, R>(job: PoolJob<C, R>): AsyncGenerator<R> {
  if (!job.count) return;
  if (job.workers > 0 && job.file !== "" && existsSync(job.file)) {
    yield* new OrderedRun(job).results();
    return;
  }
  for (let i = 0; i < job.count; i++) yield await job.here!(i);
}

/** Take the next task within the window without waiting: its index, or -1. */
function takeNow(counter: Int32Array, count: number): number {
  for (;;) {
    const next = Atomics.load(counter, NEXT);
    if (next >= count || next >= Atomics.load(counter, LIMIT)) return -1;
    if (Atomics.compareExchange(counter, NEXT, next, next + 1) === next) return next;
  }
}

let runs = 0;

interface Slot<R> {
  /** Set once the task is settled: its value or failure, maybe still being made here. */
  result?: Promise<R>;
}

/** One run on worker threads. */
class OrderedRun<C, R> {
  private readonly run = ++runs;
  private readonly counter = new Int32Array(new SharedArrayBuffer(8));
  private readonly owners: Int32Array;
  private readonly slots: Slot<R>[];
  private readonly live = new Map<Worker, { cause?: unknown; off: () => void }>();
  private wake: () => void = () => undefined;

  constructor(private readonly job: PoolJob<C, R>) {
    this.owners = new Int32Array(new SharedArrayBuffer(4 * job.count));
    this.slots = Array.from({ length: job.count }, () => ({}));
    Atomics.store(this.counter, LIMIT, job.window);
  }

  async *results(): AsyncGenerator<R> {
    const job = this.job as PoolJob<unknown, unknown>;
    const kept = job.keepIdle ? (idle.get(idleKey(job)) ?? []).splice(0, job.workers) : [];
    for (let i = 0; i < job.workers; i++) this.enlist(kept[i] ?? startWorker(job));
    try {
      for (let i = 0; i < this.slots.length; i++) {
        while (!this.slots[i].result) await this.step();
        Atomics.store(this.counter, LIMIT, i + 1 + this.job.window); // the window moves on while the caller uses this one
        Atomics.notify(this.counter, LIMIT);
        yield await this.slots[i].result!;
      }
    } finally {
      await this.end();
    }
  }

  /** While the awaited result is not settled: take a task here, or wait for a worker's news. */
  private async step(): Promise<void> {
    const { here, helpHere } = this.job;
    const j = here && (helpHere || !this.live.size) ? takeNow(this.counter, this.slots.length) : -1;
    if (j >= 0) {
      const made = here!(j);
      this.settle(j, made);
      await made.catch(() => undefined);
      await new Promise((r) => setImmediate(r)); // let the workers' replies in
    } else await new Promise<void>((r) => (this.wake = r));
  }

  private settle(index: number, result: Promise<R>): void {
    const slot = this.slots[index];
    if (!slot || slot.result) return; // settled already (or not a task of this run)
    slot.result = result;
    result.catch(() => undefined); // a failure is raised when its turn comes
    this.wake();
  }

  /** A worker joins the run: it is sent the run, and heard. */
  private enlist(w: Worker): void {
    const state: { cause?: unknown; off: () => void } = { off: () => undefined };
    const message = (r: Reply<R>) => this.reply(r);
    const error = (e: unknown) => (state.cause ??= e);
    const id = w.threadId; // read now: a stopped worker's is -1
    const exit = (code: number) => this.stopped(w, id, state.cause ?? code);
    w.on("message", message).on("error", error).once("exit", exit);
    state.off = () => w.off("message", message).off("error", error).off("exit", exit);
    this.live.set(w, state);
    w.ref(); // busy: keep the process alive until the run is done
    w.postMessage({ ...this.job.message, run: this.run, count: this.slots.length, counter: this.counter, owners: this.owners } satisfies RunMessage<C>);
  }

  private reply(r: Reply<R>): void {
    if (r.run !== this.run) return; // a reply to a run left early
    if ("value" in r) {
      if (this.job.tally && !this.slots[r.index]?.result) this.job.tally.byWorkers++;
      this.settle(r.index, Promise.resolve(r.value));
    } else if ("error" in r)
      this.settle(
        r.index,
        Promise.resolve().then(() => this.job.failed(r.index, r.error)),
      );
  }

  /**
   * A worker stopped: the tasks it held (or took without a word, once it stopped) are settled by the
   * job; a new worker takes its place when that cost a task and tasks are left. With no worker left
   * and nothing to do them here, the tasks left are settled as lost too.
   */
  private stopped(w: Worker, id: number, cause: unknown): void {
    this.live.get(w)?.off();
    this.live.delete(w);
    const taken = Math.min(Atomics.load(this.counter, NEXT), this.slots.length);
    const held = this.slots.flatMap((s, i) => (i < taken && !s.result && [id, 0].includes(Atomics.load(this.owners, i)) ? [i] : []));
    for (const i of held) this.lose(i, cause);
    if (held.length && taken < this.slots.length) this.enlist(startWorker(this.job as PoolJob<unknown, unknown>));
    else if (!this.live.size && !this.job.here) {
      const from = Atomics.exchange(this.counter, NEXT, this.slots.length);
      for (let i = from; i < this.slots.length; i++) this.lose(i, cause);
    }
    this.wake();
  }

  private lose(index: number, cause: unknown): void {
    this.settle(
      index,
      Promise.resolve().then(() => this.job.lost(index, cause)),
    );
  }

  /** The run is over (or left early): no more tasks are taken; workers go back idle, or are stopped. */
  private async end(): Promise<void> {
    Atomics.store(this.counter, NEXT, this.slots.length);
    Atomics.store(this.counter, LIMIT, this.slots.length);
    Atomics.notify(this.counter, LIMIT);
    const workers = [...this.live];
    this.live.clear();
    for (const [w, state] of workers) {
      state.off();
      if (this.job.keepIdle) {
        w.unref();
        const key = idleKey(this.job as PoolJob<unknown, unknown>);
        idle.set(key, [...(idle.get(key) ?? []), w]);
      }
    }
    if (!this.job.keepIdle) await Promise.all(workers.map(([w]) => w.terminate()));
  }
}

// ---- in the worker ----

/** What a worker makes of one task: its value, and the buffers to move (not copy) with it. */
export interface Done<R> {
  value: R;
  transfer?: ArrayBuffer[];
}

// Atomics.waitAsync (Node 16 on) is past the ES2022 library these files compile against.
const waitAsync = (Atomics as unknown as { waitAsync: (a: Int32Array, i: number, v: number) => { async: boolean; value: Promise<string> | string } }).waitAsync;

/** Take the next task, waiting while the window is full: its index, or -1 when none is left. Says it is this thread's. */
async function take(m: RunMessage<unknown>): Promise<number> {
  for (;;) {
    const next = Atomics.load(m.counter, NEXT);
    if (next >= m.count) return -1;
    const limit = Atomics.load(m.counter, LIMIT);
    if (next >= limit) {
      const w = waitAsync(m.counter, LIMIT, limit);
      if (w.async) await w.value;
    } else if (Atomics.compareExchange(m.counter, NEXT, next, next + 1) === next) {
      Atomics.store(m.owners, next, threadId);
      return next;
    }
  }
}

/**
 * A worker script's side of the pool: for each run, `open` makes what its tasks share (once), and
 * the worker takes tasks until none is left, one at a time. Runs queue. A task that throws is
 * answered with its error's message; a run that cannot be opened stops the worker.
 */
export function serveRuns<C, R>(open: (m: RunMessage<C>) => (index: number) => Promise<Done<R>>): void {
  const port = parentPort;
  if (!port) return;
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (m: RunMessage<C>) => {
    queue = queue.then(async () => {
      const work = open(m);
      for (let index = await take(m); index >= 0; index = await take(m)) {
        try {
          const { value, transfer = [] } = await work(index);
          port.postMessage({ run: m.run, index, value } satisfies Reply<R>, transfer);
        } catch (e) {
          port.postMessage({ run: m.run, index, error: e instanceof Error ? e.message : String(e) } satisfies Reply<R>);
        }
      }
    });
  });
}
