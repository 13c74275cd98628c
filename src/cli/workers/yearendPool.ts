// The clients of a folder, worked on by the command line's worker pool (pool.ts: each worker reads
// and works out whole clients, one at a time) and given back in the folder's order, whatever order
// they finish in, so the output never depends on timing. Workers run at most a few clients ahead
// of the one the command is waiting for: memory stays flat however many clients (no more than a
// window of results and summary PDFs waits at once). Each client is worked in isolation, on a
// worker even with --workers 1, under a memory cap it cannot pass (MEMORY_MB: V8's limit on the
// worker's heap, and the worker's own watch on the bytes it holds outside the heap, where an
// unzipped part goes): a client that throws, runs out of memory or kills its worker costs that
// client only. It is named with a one-line reason and a new worker takes the next.
import { existsSync } from "node:fs";
import type { FontBytes } from "../../pdf";
import { workerFile } from "../resources";
import { inOrder } from "./pool";
import { type ClientResult, type ClientTask, clientFailed } from "./clientResult";

export interface ClientDone {
  result: ClientResult;
  pdf: Uint8Array | null;
}

export interface PoolOptions {
  /** Clients at once, each on a worker thread of its own. */
  workers: number;
  /** The worker script (tests give their own); without a compiled one, everything runs here. */
  workerFile?: string;
  /** The fonts, for work done in this thread. */
  fonts: () => FontBytes;
  /** The memory a client may use, in MB (tests give a small one). */
  memoryMb?: number;
}

/** What one client may hold, in MB: its heap, and apart from it its byte arrays (an unzipped part). */
export const MEMORY_MB = 1024;
/**
 * A worker's young generation, MB: room for a whole client's short-lived objects (about 10 MB), so
 * most die before a collection would copy them. V8 makes it three semi-spaces rounded up to a power
 * of two: 24 MB gives 8 MB ones, anything from 25 to 48 MB gives 16 MB ones. With 8 MB a client
 * met about 1.5 collections, each copying what it had built so far, and promoted it to the old
 * generation, whose growth then cost full collections. Bench, 500 clients on two cores, five
 * pairs (docs/sturdy.md): 12.3 s at 242-248 MB with 24 MB, 10.7 s at 261-275 MB with 48 MB (and
 * the flat text operands of pdf/fonts.ts, worth about 1 % and 10 MB), under the 300 MB target.
 * 50 clients take the same time either way, at up to 243 MB.
 */
const YOUNG_MB = 48;
/** The exit code of a worker that stopped itself at the memory cap (yearendWorker.ts). */
export const OUT_OF_MEMORY_EXIT = 75;

/** Shared with the worker: its cap. */
export interface WorkerData {
  memoryMb: number;
}

export const WORKER_FILE = workerFile("yearendWorker");
/** Clients a worker may run ahead of the one awaited. */
const AHEAD_PER_WORKER = 4;

/** What the last run did, for the bench and the tests. */
export const lastPool = { threads: 0 };

/** A run's message, beside the pool's fields: every client's task. */
export interface YearendRun {
  tasks: ClientTask[];
}

/** Every task's result, in the tasks' order (tasks[i].index must be i). */
export async function* clientsInOrder(tasks: ClientTask[], o: PoolOptions): AsyncGenerator<ClientDone> {
  const file = o.workerFile ?? WORKER_FILE;
  const threads = existsSync(file) ? Math.max(1, Math.min(o.workers, tasks.length)) : 0;
  lastPool.threads = threads;
  const memoryMb = o.memoryMb ?? MEMORY_MB;
  const failed = (i: number, why: string): ClientDone => ({ result: clientFailed(tasks[i], "errors", `could not be done: ${why}`), pdf: null });
  let fonts: FontBytes | undefined;
  yield* inOrder<YearendRun, ClientDone>({
    file,
    workers: threads,
    count: tasks.length,
    message: { tasks },
    window: threads * AHEAD_PER_WORKER,
    // Without a compiled worker script, every client here, one after another.
    // (loaded only then: the command itself never loads the forms or the PDF code.)
    here: threads ? undefined : async (i) => (await import("./yearendClient")).yearEndClient(tasks[i], (fonts ??= o.fonts())),
    lost: (i, cause) => failed(i, stopped(cause, memoryMb)),
    failed: (i, message) => failed(i, message),
    workerData: { memoryMb } satisfies WorkerData,
    // The old generation is where a workbook's cells live: capped. The young one is where a client's
    // short-lived objects go: room for a whole client's makes fewer, cheaper collections.
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: YOUNG_MB },
  });
}

/** Why a worker stopped, in words: running out of memory is the workbook's doing, anything else ours. */
function stopped(e: unknown, memoryMb: number): string {
  const code = (e as { code?: unknown })?.code;
  if (code === "ERR_WORKER_OUT_OF_MEMORY" || e === OUT_OF_MEMORY_EXIT) return outOfMemory(memoryMb);
  return `its worker thread stopped (${typeof e === "number" ? `exit code ${e}` : e instanceof Error ? e.message : String(e)})`;
}

const outOfMemory = (mb: number) =>
  `reading and working it out needs more than the ${mb} MB of memory a client may use (a workbook far too big, or made to be): split it by year, or open it in Excel and save it again, and run it on its own`;
