// A worker thread of the render pool (renderPool.ts). A run arrives as one message (its months,
// locum, fonts and a shared counter); the worker takes months from the counter, as every other
// renderer of the run does, until none is left, and sends each month's files back, their bytes
// transferred, not copied. Runs queue: one at a time.
import { parentPort } from "node:worker_threads";
import type { LocumDetails, MonthForms } from "../../forms";
import { type FontBytes, monthFiles } from "../../pdf";
import { fromWire } from "./wire";

export interface RunMessage {
  run: number;
  locum: unknown;
  months: unknown;
  fonts: FontBytes;
  repertoire: string;
  /** Int32Array over a SharedArrayBuffer: the next month to take, for every renderer of the run. */
  counter: Int32Array;
}

export type WorkerReply =
  | { run: number; index: number; taking: true }
  | { run: number; index: number; files: { name: string; kind: string; bytes: Uint8Array }[] }
  | { run: number; index: number; error: string }
  | { run: number; idle: true };

const port = parentPort;
if (port) {
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (m: RunMessage) => {
    queue = queue.then(() => render(m));
  });
  async function render(m: RunMessage): Promise<void> {
    const locum = fromWire(m.locum) as LocumDetails;
    const months = fromWire(m.months) as MonthForms[];
    for (let index = Atomics.add(m.counter, 0, 1); index < months.length; index = Atomics.add(m.counter, 0, 1)) {
      port!.postMessage({ run: m.run, index, taking: true } satisfies WorkerReply);
      try {
        const files = await monthFiles(months[index], locum, m.fonts, m.repertoire);
        const whole = files.map((f) => (f.bytes.byteOffset === 0 && f.bytes.byteLength === f.bytes.buffer.byteLength ? f.bytes : f.bytes.slice()));
        port!.postMessage(
          { run: m.run, index, files: files.map((f, i) => ({ ...f, bytes: whole[i] })) } satisfies WorkerReply,
          whole.map((b) => b.buffer as ArrayBuffer),
        );
      } catch (e) {
        port!.postMessage({ run: m.run, index, error: (e as Error).message } satisfies WorkerReply);
      }
    }
    port!.postMessage({ run: m.run, idle: true } satisfies WorkerReply);
  }
}
