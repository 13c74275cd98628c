// A big run's garbage, collected where the run lets go of much at once (the workbook's cells once
// the forms are prepared; each month's PDFs once written). V8 otherwise lets its heap grow to a few
// times what is live before it collects, and the process's peak follows the heap's, not the data's:
// `locum forms` on 50,000 rows peaked at 262 MB that way, 224 MB with these collections (docs/sturdy.md).
// Small runs skip them: a full collection costs milliseconds that a busy year does not need to spend.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Sessions rows from which a run collects its garbage at those points. */
export const BIG_RUN_ROWS = 5_000;

let gc: (() => void) | null | undefined;

/** A full garbage collection now, where V8 allows one (else nothing). */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      gc = runInNewContext("gc") as () => void; // a new context sees the flag's gc()
    } catch {
      gc = null;
    }
  }
  gc?.();
}
