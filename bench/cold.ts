// What a user waits for: a fresh `locum forms` process on the busy year's workbook writing into a
// fresh folder, timed beside the floor (floor.ts) in the same run, interleaved (cold, floor, cold,
// floor, ...) so that a busy moment on the machine falls on both.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median } from "./contrib";
import type { FloorShape } from "./floor";
import { BUSY_TODAY } from "./forms";

export interface Cold {
  runs: number;
  /** Medians of the runs, in seconds, and the median of the runs' cold ÷ floor. */
  coldSeconds: number;
  floorSeconds: number;
  ratio: number;
}

const ROOT = join(__dirname, "..", "..");

function pdfsUnder(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) n += pdfsUnder(p);
    else if (e.endsWith(".pdf")) n++;
  }
  return n;
}

/** Seconds a fresh node process takes, from spawning it to its exit; it must write `pdfs` PDFs. */
function timed(args: string[], outDir: string, pdfs: number, okStatus: number[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw r.error;
  if (!okStatus.includes(r.status ?? -1)) throw new Error(`${args.slice(0, 2).join(" ")} exited ${r.status}: ${r.stderr.toString().slice(-500)}`);
  const written = pdfsUnder(outDir);
  if (written !== pdfs) throw new Error(`${args.slice(0, 2).join(" ")} wrote ${written} PDFs, not ${pdfs}`);
  return seconds;
}

/** `runs` pairs after one untimed pair (the disk cache), each run into a folder of its own. */
export function coldAndFloor(dir: string, workbook: string, shape: FloorShape, runs = 3): Cold {
  const shapeFile = join(dir, "shape.json");
  writeFileSync(shapeFile, JSON.stringify(shape));
  const cli = join(ROOT, "bin", "locum.js");
  const floorJs = join(__dirname, "floor.js");
  const cold: number[] = [];
  const floor: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const out = join(dir, `forms-${i}`);
    // Warnings only (the estimate in Locum details, below what the rows annualise to): exit status 0.
    const c = timed([cli, "forms", workbook, "--out", out, "--today", BUSY_TODAY], out, shape.files.length, [0]);
    const floorOut = join(dir, `floor-${i}`);
    const f = timed([floorJs, workbook, shapeFile, floorOut], floorOut, shape.files.length, [0]);
    if (i === 0) continue;
    cold.push(c);
    floor.push(f);
    ratios.push(c / f);
  }
  return { runs, coldSeconds: median(cold), floorSeconds: median(floor), ratio: median(ratios) };
}
