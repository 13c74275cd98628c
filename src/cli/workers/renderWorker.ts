// A worker thread of the render pool (renderPool.ts, on pool.ts). A run arrives as one message (its
// months, locum and fonts); the worker takes months as every other renderer of the run does, until
// none is left, and sends each month's files back, their bytes transferred, not copied.
import type { LocumDetails, MonthForms } from "../../forms";
import { type FontBytes, monthFiles } from "../../pdf";
import { serveRuns } from "./pool";
import { fromWire } from "./wire";

/** A run's message, beside the pool's fields: the months and locum as wire data (wire.ts). */
export interface RenderRun {
  locum: unknown;
  months: unknown;
  fonts: FontBytes;
  repertoire: string;
}

serveRuns<RenderRun, { name: string; kind: string; bytes: Uint8Array }[]>((m) => {
  const locum = fromWire(m.locum) as LocumDetails;
  const months = fromWire(m.months) as MonthForms[];
  return async (index) => {
    const files = await monthFiles(months[index], locum, m.fonts, m.repertoire);
    const whole = files.map((f) => (f.bytes.byteOffset === 0 && f.bytes.byteLength === f.bytes.buffer.byteLength ? f.bytes : f.bytes.slice()));
    return { value: files.map((f, i) => ({ ...f, bytes: whole[i] })), transfer: whole.map((b) => b.buffer as ArrayBuffer) };
  };
});
