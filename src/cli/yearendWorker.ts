// A worker thread of `locum yearend`: takes one client at a time, reads and works it out whole, and
// sends back its result and its summary PDF's bytes (moved, not copied). It holds one workbook at a
// time, so a folder of any size costs the same memory.
import { parentPort } from "node:worker_threads";
import { nodeFonts } from "./forms";
import { type ClientTask, yearEndClient } from "./yearendClient";

const fonts = nodeFonts();

parentPort?.on("message", async (task: ClientTask) => {
  const { result, pdf } = await yearEndClient(task, fonts);
  parentPort!.postMessage({ result, pdf }, pdf ? [pdf.buffer as ArrayBuffer] : []);
});
