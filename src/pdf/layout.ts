// Text layout apart from drawing (as pdf-lib keeps its layout.ts apart): widths in, lines out. The
// functions here take a font's advances (one character at 1000 pt) and give the text, lines and size
// that fit a width; the drawing surface (draw.ts) draws them. Nothing here knows a page or pdf-lib.
//
// Text is measured once: each character's advance is looked up once per font, and the width of a
// prefix, a line or a text plus "…" is a running sum in pdf-lib's own order (its advances at 1000 pt,
// added left to right, then scaled), so every width here is the very number widthOfTextAtSize gives,
// without laying out every prefix of a 32,767-character name. Prefix widths only grow, so a cut is a
// binary search.

/** A character's advance at 1000 pt: widthOfTextAtSize's per-glyph term, exactly (× 1000/1000 = × 1). */
export type Advance = (ch: string) => number;

/** What measures text: a pdf-lib font, or anything shaped like one. */
export interface Measurable {
  widthOfTextAtSize(text: string, size: number): number;
}

const cache = new WeakMap<Measurable, Advance>();

/** A font's advances, each character measured once per font. */
export function advances(font: Measurable): Advance {
  let advance = cache.get(font);
  if (!advance) {
    const m = new Map<string, number>();
    advance = (ch) => {
      let u = m.get(ch);
      if (u === undefined) m.set(ch, (u = font.widthOfTextAtSize(ch, 1000)));
      return u;
    };
    cache.set(font, advance);
  }
  return advance;
}

interface Measured {
  chars: string[];
  /** sums[k]: the advances of the first k characters. */
  sums: Float64Array;
}

/** The characters of a text and the running sums of their advances. */
function measure(s: string, advance: Advance): Measured {
  const chars = Array.from(s);
  const sums = new Float64Array(chars.length + 1);
  for (let i = 0; i < chars.length; i++) sums[i + 1] = sums[i] + advance(chars[i]);
  return { chars, sums };
}

/** A sum of advances as a width at a size, as pdf-lib scales it. */
const at = (sum: number, size: number) => sum * (size / 1000);

/** Shrink text to 70 % of its size, then cut it with an ellipsis, to fit a width. */
export function fit(s: string, advance: Advance, size: number, maxWidth: number): { text: string; size: number } {
  const m = measure(s, advance);
  const full = at(m.sums[m.chars.length], size);
  if (full <= maxWidth) return { text: s, size };
  const min = size * 0.7;
  const shrunk = (size * maxWidth) / full;
  if (shrunk >= min) return { text: s, size: Math.floor(shrunk * 10) / 10 };
  return { text: cutMeasured(m, advance, min, maxWidth), size: min };
}

export interface WrapOptions {
  /** Size of wrapped lines (and the least a single line shrinks to before wrapping). */
  size: number;
  /** The least size wrapped lines shrink to before the last is cut with "…". */
  floor: number;
  /** Baseline of the first wrapped line, and the step between lines. */
  y: number;
  leading: number;
  /** Most lines (default 2). */
  lines?: number;
}

/**
 * Lines and size for text that should be read whole: one line when it fits at `wrap.size` or more
 * (never above `size`), else up to `wrap.lines` lines at the largest size from `wrap.size` down to
 * `wrap.floor` (in 0.25 pt steps) that holds it; past the floor, the last line is cut with "…".
 */
export function fitLines(
  s: string,
  advance: Advance,
  size: number,
  maxWidth: number,
  o: Pick<WrapOptions, "size" | "floor" | "lines">,
): { lines: string[]; size: number } {
  const m = measure(s, advance);
  const full = at(m.sums[m.chars.length], size);
  if (full <= maxWidth) return { lines: [s], size };
  const top = Math.min(size, o.size);
  const shrunk = Math.floor(((size * maxWidth) / full) * 10) / 10;
  if (shrunk >= top) return { lines: [s], size: shrunk };
  const most = o.lines ?? 2;
  const words = wordsOf(s);
  for (let z = top; z >= o.floor - 1e-9; z -= 0.25) {
    // Wrapping stops at the line past the most: a name that needs more never fits at this size.
    const w = wrapWords(words, advance, z, maxWidth, most);
    if (w.rest === words.length && w.widths.every((x) => x <= maxWidth)) return { lines: w.lines, size: z };
  }
  return { lines: cutAtFloor(words, advance, o.floor, maxWidth, most), size: o.floor };
}

/** Too long even at the floor: the last line takes the rest and ends in "…", as does a word longer than a line. */
function cutAtFloor(words: string[], advance: Advance, z: number, maxWidth: number, most: number): string[] {
  const w = wrapWords(words, advance, z, maxWidth, most - 1);
  const lines = w.rest < words.length ? [...w.lines, words.slice(w.rest).join(" ")] : w.lines;
  return lines.map((l) => cutMeasured(measure(l, advance), advance, z, maxWidth));
}

/** The longest start (at least one character) that fits with "…" after it, then "…" (unchanged when it fits). */
function cutMeasured(m: Measured, advance: Advance, size: number, maxWidth: number): string {
  const n = m.chars.length;
  if (at(m.sums[n], size) <= maxWidth) return m.chars.join("");
  const dots = advance("…");
  let lo = 1; // fits, or the least kept
  let hi = n;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (at(m.sums[mid] + dots, size) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return m.chars.slice(0, lo).join("").trimEnd() + "…";
}

const wordsOf = (s: string) => s.split(/\s+/).filter(Boolean);

/** The advances of a word, added left to right. */
function wordSum(word: string, advance: Advance, from = 0): number {
  let sum = from;
  for (const ch of word) sum += advance(ch);
  return sum;
}

/**
 * Greedy word wrap of words into lines (joined by one space) with their widths; with `limit`, it
 * stops once that many lines are full and says where the words not placed start (`rest`).
 */
function wrapWords(words: string[], advance: Advance, size: number, width: number, limit = Infinity): { lines: string[]; widths: number[]; rest: number } {
  const lines: string[] = [];
  const widths: number[] = [];
  if (limit <= 0) return { lines, widths, rest: 0 };
  const space = advance(" ");
  let cur = "";
  let sum = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = wordSum(word, advance, cur ? sum + space : 0);
    if (cur && at(next, size) > width) {
      lines.push(cur);
      widths.push(at(sum, size));
      if (lines.length >= limit) return { lines, widths, rest: i };
      cur = word;
      sum = wordSum(word, advance);
    } else {
      cur = cur ? `${cur} ${word}` : word;
      sum = next;
    }
  }
  if (cur) {
    lines.push(cur);
    widths.push(at(sum, size));
  }
  return { lines, widths, rest: words.length };
}

/** Greedy word wrap. */
export function wrap(s: string, advance: Advance, size: number, width: number): string[] {
  return wrapWords(wordsOf(s), advance, size, width).lines;
}
