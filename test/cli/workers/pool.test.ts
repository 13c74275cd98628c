// The worker pool itself (pool.ts), with a worker script of this test's own that speaks its
// protocol: results in the tasks' order whatever order they finish in, no task taken past the
// window, and a worker that stops costing only its task, a new one taking the rest.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { inOrder } from "../../../src/cli/workers/pool";
import { tempDir } from "../../support/tempDir";

// Takes tasks as pool.ts's serveRuns does (within the window, saying which thread took each); task
// i takes (count - i) × 5 ms, so later tasks finish first; message.dies names a task that stops it.
const WORKER = `
const { parentPort, threadId } = require("node:worker_threads");
parentPort.on("message", async (m) => {
  for (;;) {
    const next = Atomics.load(m.counter, 0);
    if (next >= m.count) return;
    const limit = Atomics.load(m.counter, 1);
    if (next >= limit) { const w = Atomics.waitAsync(m.counter, 1, limit); if (w.async) await w.value; continue; }
    if (Atomics.compareExchange(m.counter, 0, next, next + 1) !== next) continue;
    Atomics.store(m.owners, next, threadId);
    if (next === m.dies) process.exit(9);
    await new Promise((r) => setTimeout(r, (m.count - next) * 5));
    parentPort.postMessage({ run: m.run, index: next, value: { index: next, limit } });
  }
});`;

const script = () => {
  const file = join(tempDir("locum-pool-"), "worker.js");
  writeFileSync(file, WORKER);
  return file;
};

test("results in order; no task taken past the window; a stopped worker costs its task only", async () => {
  const file = script();
  const got: unknown[] = [];
  const job = {
    file,
    workers: 2,
    count: 12,
    message: { dies: 5 },
    window: 3,
    lost: (i: number, cause: unknown) => ({ index: i, lost: cause }),
    failed: (i: number, message: string) => ({ index: i, lost: message }),
  };
  for await (const r of inOrder<{ dies: number }, { index: number; limit?: number; lost?: unknown }>(job)) {
    got.push(r.index);
    // The window's end when it was taken: the result then awaited (this one at the latest) + the window.
    if (r.limit !== undefined) expect(r.limit).toBeLessThanOrEqual(r.index + job.window);
    expect(r.lost).toBe(r.index === 5 ? 9 : undefined);
  }
  expect(got).toEqual([...Array(12).keys()]);
}, 60_000);

test("no worker: every task here, one after another", async () => {
  const order: number[] = [];
  const here = async (i: number) => (order.push(i), i * 2);
  const out: number[] = [];
  for await (const r of inOrder({ file: "", workers: 2, count: 4, message: {}, window: 1, here, lost: () => -1, failed: () => -1 })) out.push(r);
  expect([order, out]).toEqual([
    [0, 1, 2, 3],
    [0, 2, 4, 6],
  ]);
});
