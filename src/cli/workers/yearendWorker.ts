// A worker thread of `locum yearend` (yearendPool.ts, on pool.ts): takes one client at a time, reads
// and works it out whole, and sends back its result and its summary PDF's bytes (moved, not copied).
// It holds one workbook at a time, so a folder of any size costs the same memory. V8 caps its heap
// (resourceLimits); the bytes it holds outside the heap (a part being unzipped) are watched here,
// and past the same cap the worker stops itself with OUT_OF_MEMORY_EXIT, which costs only the
// client it was on.
import { workerData } from "node:worker_threads";
import { nodeFonts } from "../resources";
import { serveRuns } from "./pool";
import { yearEndClient } from "./yearendClient";
import { type ClientDone, OUT_OF_MEMORY_EXIT, type WorkerData, type YearendRun } from "./yearendPool";

const fonts = nodeFonts();
const capBytes = ((workerData as WorkerData | null)?.memoryMb ?? Infinity) * 1024 * 1024;

// Unzipping runs in chunks with turns of the event loop between them: the watch gets its turn.
setInterval(() => {
  if (process.memoryUsage().external > capBytes) process.exit(OUT_OF_MEMORY_EXIT);
}, 50).unref();

serveRuns<YearendRun, ClientDone>((m) => async (index) => {
  const { result, pdf } = await yearEndClient(m.tasks[index], fonts);
  return { value: { result, pdf }, transfer: pdf ? [pdf.buffer as ArrayBuffer] : [] };
});
