// What the pane asks Excel for, worked out without Excel: the rectangles worth reading (the cells
// that hold something, a stray cell far away read on its own), split into at most two requests that
// each stay under Excel on the web's 5 MB limit. Plain functions, tested without Office.

import { columnIndex } from "../workbook";
/** A rectangle of cells, 0-based rows and columns, inclusive. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export const cellsOf = (r: Rect) => (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1);

const colOf = columnIndex;
const MAX_ROW = 1048575;
const MAX_COL = 16383;

/** "B2:C9", "E7", "A:C" (whole columns), "3:5" (whole rows), no sheet or $, as a rectangle. */
export function rectOf(area: string): Rect | null {
  const [p, q = p] = area.replace(/\$/g, "").split(":");
  const end = (s: string) => /^([A-Z]*)(\d*)$/i.exec(s.trim());
  const a = end(p);
  const b = end(q);
  if (!a || !b || (!a[1] && !a[2]) || (!b[1] && !b[2])) return null;
  return {
    r0: a[2] ? Number(a[2]) - 1 : 0,
    c0: a[1] ? colOf(a[1]) : 0,
    r1: b[2] ? Number(b[2]) - 1 : MAX_ROW,
    c1: b[1] ? colOf(b[1]) : MAX_COL,
  };
}

/**
 * Rectangles to read that cover every area: areas within `gap` rows of each other make one band, and
 * within a band, areas within `gap` columns make one rectangle. A stray cell at XFD1048576 is then a
 * one-cell rectangle of its own instead of stretching the read to the whole sheet.
 */
export function readRects(areas: Rect[], gap = 64): Rect[] {
  const out: Rect[] = [];
  const sorted = [...areas].sort((a, b) => a.r0 - b.r0);
  let band: Rect[] = [];
  let bottom = -Infinity;
  const close = () => {
    const byCol = [...band].sort((a, b) => a.c0 - b.c0);
    let cur: Rect | null = null;
    for (const a of byCol) {
      if (cur && a.c0 <= cur.c1 + gap) {
        cur = { r0: Math.min(cur.r0, a.r0), c0: cur.c0, r1: Math.max(cur.r1, a.r1), c1: Math.max(cur.c1, a.c1) };
      } else {
        if (cur) out.push(cur);
        cur = { ...a };
      }
    }
    if (cur) out.push(cur);
    band = [];
  };
  for (const a of sorted) {
    if (band.length && a.r0 > bottom + gap) close();
    band.push(a);
    bottom = Math.max(bottom === -Infinity ? a.r1 : bottom, a.r1);
  }
  if (band.length) close();
  // Bands can meet across columns after the row sweep: merge any two rectangles that overlap.
  return mergeOverlaps(out);
}

function mergeOverlaps(rects: Rect[]): Rect[] {
  const list = [...rects];
  for (let changed = true; changed;) {
    changed = false;
    outer: for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1) {
          list[i] = { r0: Math.min(a.r0, b.r0), c0: Math.min(a.c0, b.c0), r1: Math.max(a.r1, b.r1), c1: Math.max(a.c1, b.c1) };
          list.splice(j, 1);
          changed = true;
          break outer;
        }
      }
    }
  }
  return list;
}

/** About what one cell costs in a values response (JSON: "" is 3 bytes, a date serial 6, a name 20…). */
export const BYTES_PER_CELL = 24;
/** One request's cells: 160,000 × 24 bytes ≈ 3.7 MB, under Excel on the web's 5 MB. */
export const CHUNK_CELLS = 160_000;
/** At most two value requests, so a read takes at most four syncs whatever the workbook holds. */
export const MAX_CHUNKS = 2;

export interface Piece<T> {
  of: T;
  rect: Rect;
}

/**
 * The rectangles in at most MAX_CHUNKS requests of at most CHUNK_CELLS cells (a rectangle taller
 * than that is cut by rows); null when even that is too little (the workbook is too big to read).
 */
export function chunks<T>(pieces: Piece<T>[], budget = CHUNK_CELLS, most = MAX_CHUNKS): Piece<T>[][] | null {
  const cut: Piece<T>[] = [];
  for (const p of pieces) {
    const width = p.rect.c1 - p.rect.c0 + 1;
    const rowsPer = Math.max(1, Math.floor(budget / width));
    if (width > budget) return null; // one row wider than a request: not a workbook the pane can read
    for (let r = p.rect.r0; r <= p.rect.r1; r += rowsPer) cut.push({ of: p.of, rect: { ...p.rect, r0: r, r1: Math.min(p.rect.r1, r + rowsPer - 1) } });
  }
  const out: Piece<T>[][] = [];
  let cur: Piece<T>[] = [];
  let n = 0;
  // Largest first packs tighter; the order of reading does not matter.
  for (const p of cut.sort((a, b) => cellsOf(b.rect) - cellsOf(a.rect))) {
    const c = cellsOf(p.rect);
    if (n + c > budget && cur.length) {
      out.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(p);
    n += c;
  }
  if (cur.length) out.push(cur);
  return out.length > most ? null : out;
}

/** Total cells the rectangles hold (for the "too big" message). */
export const totalCells = (rects: Rect[]) => rects.reduce((n, r) => n + cellsOf(r), 0);
