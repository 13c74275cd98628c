// A worker thread of the render pool (renderPool.ts): the run's months and locum arrive once, then
// month indexes one by one; each month's files go back with their bytes transferred, not copied.
import { parentPort, workerData } from "node:worker_threads";
import { type FontBytes, type LocumDetails, monthFiles, type MonthForms } from "../forms";
import { fromWire } from "./wire";

export interface WorkerData {
  locum: unknown;
  months: unknown;
  fonts: FontBytes;
  repertoire: string;
}

export type WorkerReply = { ready: true } | { index: number; files: { name: string; kind: string; bytes: Uint8Array }[] } | { index: number; error: string };

const port = parentPort;
if (port) {
  const data = workerData as WorkerData;
  const locum = fromWire(data.locum) as LocumDetails;
  const months = fromWire(data.months) as MonthForms[];
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (index: number) => {
    // one month at a time, in the order asked
    queue = queue.then(async () => {
      try {
        const files = await monthFiles(months[index], locum, data.fonts, data.repertoire);
        const whole = files.map((f) => (f.bytes.byteOffset === 0 && f.bytes.byteLength === f.bytes.buffer.byteLength ? f.bytes : f.bytes.slice()));
        port.postMessage({ index, files: files.map((f, i) => ({ ...f, bytes: whole[i] })) } satisfies WorkerReply, whole.map((b) => b.buffer as ArrayBuffer));
      } catch (e) {
        port.postMessage({ index, error: (e as Error).message } satisfies WorkerReply);
      }
    });
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}
