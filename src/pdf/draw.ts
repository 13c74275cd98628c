// Drawing primitives for A4 forms, measured from the top-left like a printed page (PDF measures from
// the bottom). Values we fill are drawn text, so every reader shows them and pdftotext reads them;
// only what a person still completes by hand becomes an AcroForm field.
//
// Why raw content: pdf-lib's drawText/drawRectangle build an operator object per number and wrap
// each call in its own graphics state; a year of forms spent most of its time there. Each page here
// collects plain content-stream text and writes it once (Sheet.end), through pdf-lib's object model.
import { encodeText, type Fonts } from "./fonts";

export type { Fonts } from "./fonts";
import { AnnotationFlags, PDFBool, type PDFDocument, type PDFFont, PDFName, type PDFPage, PDFString, PDFWidgetAnnotation, rgb, type RGB } from "pdf-lib";

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 36;
export const WIDTH = A4[0] - 2 * MARGIN;

export const INK = rgb(0.1, 0.1, 0.12);
export const GREY = rgb(0.33, 0.36, 0.4);
export const RULE = rgb(0.45, 0.48, 0.52);
export const SHADE = rgb(0.93, 0.95, 0.96);
export const NHS_BLUE = rgb(0, 0.369, 0.722);
export const WHITE = rgb(1, 1, 1);
export const FIELD_BG = rgb(0.91, 0.95, 1);
/** A note that must not be missed (a provisional tier table): pale amber, amber rule. */
export const NOTE = rgb(1, 0.95, 0.8);
export const AMBER = rgb(0.85, 0.55, 0);

export interface TextOptions {
  size?: number;
  bold?: boolean;
  color?: RGB;
  align?: "left" | "right" | "center";
  /** Shrink (to 70 %) then cut with "…" to stay within this width. */
  maxWidth?: number;
}

// Page content → its deflated bytes. The same form drawn into its own PDF and into the pack gives
// the same content (same fonts, same preloaded glyph order), so the second deflate is skipped.
const compressed = new Map<string, Uint8Array>();

/** 12.3456 → "12.35", 12 → "12": short, exact enough for a page. */
const n = (x: number) => {
  const t = x.toFixed(2);
  return t.endsWith(".00") ? t.slice(0, -3) : t.endsWith("0") ? t.slice(0, -1) : t;
};
const colour = (c: RGB, op: "rg" | "RG") => `${n(c.red)} ${n(c.green)} ${n(c.blue)} ${op}`;

/** One page being drawn, with y measured down from the top edge. Call end() when done. */
export class Sheet {
  private ops: string[] = [];
  private keys = new Map<PDFFont, string>();
  // Graphics state already set on the page: an operator is written only when its value changes.
  private state = { tf: "", rg: "", RG: "", w: "", tr: "0" };
  readonly page: PDFPage;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    /** Prefix of field names, unique per form within a PDF (a pack holds several forms). */
    readonly fieldPrefix: string,
  ) {
    this.page = doc.addPage(A4);
  }

  // Fixed resource names (/F1, /F2), so a form's page content is the same bytes in every PDF of
  // the run (its own file and the month's pack) and is compressed once (end()).
  private key(font: PDFFont): string {
    let k = this.keys.get(font);
    if (!k) {
      const name = font === this.fonts.regular ? "F1" : "F2";
      this.page.node.setFontDictionary(PDFName.of(name), font.ref);
      this.keys.set(font, (k = `/${name}`));
    }
    return k;
  }

  private fontFor(bold?: boolean): PDFFont {
    return (bold && this.fonts.bold) || this.fonts.regular;
  }

  /** The operator setting a state value, or "" when the page already has it. */
  private set(k: keyof Sheet["state"], op: string, suffix = ""): string {
    if (this.state[k] === op) return "";
    this.state[k] = op;
    return `${op}${suffix} `;
  }

  width(s: string, size: number, bold?: boolean): number {
    return this.fontFor(bold).widthOfTextAtSize(s, size);
  }

  /** Draw text with its baseline at y. Returns the width used. */
  text(s: string, x: number, y: number, o: TextOptions = {}): number {
    const font = this.fontFor(o.bold);
    let size = o.size ?? 9;
    let t = s.normalize("NFC");
    if (o.maxWidth !== undefined) ({ text: t, size } = fit(t, font, size, o.maxWidth));
    if (!t) return 0;
    const w = font.widthOfTextAtSize(t, size);
    const left = o.align === "right" ? x - w : o.align === "center" ? x - w / 2 : x;
    const c = o.color ?? INK;
    const faux = o.bold && !this.fonts.bold;
    const set = `${this.set("tf", `${this.key(font)} ${n(size)} Tf`)}${this.set("rg", colour(c, "rg"))}${faux ? `${this.set("RG", colour(c, "RG"))}${this.set("w", `${n(size * 0.05)} w`)}` : ""}${this.set("tr", faux ? "2" : "0", " Tr")}`;
    this.ops.push(`BT ${set}${n(left)} ${n(A4[1] - y)} Td ${encodeText(font, t)} Tj ET`);
    return w;
  }

  /**
   * Text that must be read whole (a practice name): on one line, shrunk down to `wrap.size`; else
   * on up to `wrap.lines` (2) lines from `wrap.size` down to `wrap.floor`, the first baseline at
   * `wrap.y`, `wrap.leading` apart; cut with "…" only when it does not fit even then. Returns the
   * number of lines drawn.
   */
  fitted(s: string, x: number, y: number, o: TextOptions & { maxWidth: number; wrap: WrapOptions }): number {
    const size = o.size ?? 9;
    const { lines, size: z } = fitLines(s.normalize("NFC"), this.fontFor(o.bold), size, o.maxWidth, o.wrap);
    if (lines.length === 1) {
      this.text(lines[0], x, y, { ...o, size: z, maxWidth: undefined });
      return 1;
    }
    lines.forEach((line, i) => this.text(line, x, o.wrap.y + i * o.wrap.leading, { ...o, size: z, maxWidth: undefined }));
    return lines.length;
  }

  /** The lines paragraph() would draw, to size a box before drawing into it. */
  wrapped(s: string, width: number, o: { size?: number; bold?: boolean } = {}): string[] {
    return wrap(s.normalize("NFC"), this.fontFor(o.bold), o.size ?? 8, width);
  }

  /** Text broken into lines within a width; returns the y after the last line. */
  paragraph(s: string, x: number, y: number, width: number, o: TextOptions & { leading?: number } = {}): number {
    const size = o.size ?? 8;
    const leading = o.leading ?? size * 1.3;
    for (const line of wrap(s.normalize("NFC"), this.fontFor(o.bold), size, width)) {
      this.text(line, x, y, { ...o, size });
      y += leading;
    }
    return y;
  }

  rect(x: number, y: number, w: number, h: number, o: { fill?: RGB; stroke?: RGB | null; lineWidth?: number } = {}): void {
    const box = `${n(x)} ${n(A4[1] - y - h)} ${n(w)} ${n(h)} re`;
    const stroke = o.stroke === null ? null : (o.stroke ?? RULE);
    const fill = o.fill ? this.set("rg", colour(o.fill, "rg")) : "";
    const line = stroke ? `${this.set("RG", colour(stroke, "RG"))}${this.set("w", `${n(o.lineWidth ?? 0.6)} w`)}` : "";
    if (o.fill && stroke) this.ops.push(`${fill}${line}${box} B`);
    else if (o.fill) this.ops.push(`${fill}${box} f`);
    else if (stroke) this.ops.push(`${line}${box} S`);
  }

  line(x1: number, y1: number, x2: number, y2: number, color: RGB = RULE, thickness = 0.6): void {
    this.ops.push(`${this.set("RG", colour(color, "RG"))}${this.set("w", `${n(thickness)} w`)}${n(x1)} ${n(A4[1] - y1)} m ${n(x2)} ${n(A4[1] - y2)} l S`);
  }

  /** A part heading like the official forms: a dark band, "Part 1" and what it is for. */
  bar(y: number, title: string, sub: string): number {
    this.rect(MARGIN, y, WIDTH, 16, { fill: NHS_BLUE, stroke: null });
    const w = this.text(title, MARGIN + 6, y + 11.5, { bold: true, size: 10, color: WHITE });
    if (sub) this.text(sub, MARGIN + 14 + w, y + 11.5, { size: 8.5, color: WHITE, maxWidth: WIDTH - w - 20 });
    return y + 16;
  }

  /** A labelled box with its value drawn in it (a value we fill). */
  box(
    x: number,
    y: number,
    w: number,
    h: number,
    label: string,
    value: string,
    o: { size?: number; align?: "left" | "right"; bold?: boolean; wrap?: boolean } = {},
  ): void {
    this.rect(x, y, w, h);
    this.text(label, x + 3, y + 8, { size: 6.5, color: GREY, maxWidth: w - 6 });
    const size = o.size ?? 9.5;
    // wrap: a value to be read whole (a practice name) takes two smaller lines rather than a cut.
    if (o.wrap) this.fitted(value, x + 4, y + h - 5, { size, bold: o.bold, maxWidth: w - 8, wrap: { size: 7, floor: 5.5, y: y + h - 11.2, leading: 7.4 } });
    else if (o.align === "right") this.text(value, x + w - 4, y + h - 5, { size, bold: o.bold, align: "right", maxWidth: w - 8 });
    else this.text(value, x + 4, y + h - 5, { size, bold: o.bold, maxWidth: w - 8 });
  }

  /**
   * A labelled box whose lower part is a fillable text field, for what a person completes. The
   * field has no appearance stream of its own (NeedAppearances asks the reader to make one): the
   * shaded area is drawn on the page, so it shows in every reader and costs nothing per field.
   */
  field(name: string, x: number, y: number, w: number, h: number, label: string): void {
    this.rect(x, y, w, h);
    this.text(label, x + 3, y + 8, { size: 6.5, color: GREY, maxWidth: w - 6 });
    this.rect(x + 2, y + 10, w - 4, h - 12, { fill: FIELD_BG, stroke: null });
    const form = this.doc.getForm();
    const field = form.createTextField(`${this.fieldPrefix}${name}`);
    const widget = PDFWidgetAnnotation.create(this.doc.context, field.ref);
    widget.setRectangle({ x: x + 2, y: A4[1] - y - h + 2, width: w - 4, height: h - 12 });
    widget.setP(this.page.ref);
    widget.getOrCreateBorderStyle().setWidth(0);
    widget.setFlagTo(AnnotationFlags.Print, true);
    const ref = this.doc.context.register(widget.dict);
    field.acroField.addWidget(ref);
    field.acroField.dict.set(PDFName.of("TU"), PDFString.of(label));
    this.page.node.addAnnot(ref);
    readyForm(this.doc);
  }

  /** A tick box with its label: ticked boxes carry a drawn ✓. */
  tick(x: number, y: number, label: string, ticked: boolean, o: { bold?: boolean } = {}): number {
    this.rect(x, y - 8, 9, 9, { lineWidth: 0.8, stroke: INK });
    if (ticked) this.text("✓", x + 1, y, { size: 9, bold: true });
    return 12 + this.text(label, x + 12, y, { size: 8.5, bold: o.bold });
  }

  /** Write the page's content: one stream, compressed (once per run for the same content). */
  end(): void {
    if (!this.ops.length) return;
    const content = this.ops.join("\n");
    const ctx = this.doc.context;
    let z = compressed.get(content);
    if (!z) {
      if (compressed.size >= 400) compressed.clear(); // bound memory in a long-lived host
      compressed.set(content, (z = ctx.flateStream(content).contents));
    }
    this.page.node.addContentStream(ctx.register(ctx.stream(z, { Filter: "FlateDecode" })));
    this.ops = [];
  }
}

// Once per document: Helvetica as the fields' default font, and NeedAppearances so readers draw
// what is typed. pdf-lib's own appearance streams would cost a compressed stream per field.
const formsReady = new WeakSet<PDFDocument>();
export function readyForm(doc: PDFDocument): void {
  if (formsReady.has(doc)) return;
  formsReady.add(doc);
  const form = doc.getForm();
  const helv = form.getDefaultFont();
  const acro = form.acroForm.dict;
  acro.set(PDFName.of("NeedAppearances"), PDFBool.True);
  acro.set(PDFName.of("DA"), PDFString.of("/Helv 0 Tf 0 g"));
  acro.set(PDFName.of("DR"), doc.context.obj({ Font: { Helv: helv.ref } }));
}

// Text is measured once: each character's advance is looked up once per font, and the width of a
// prefix, a line or a text plus "…" is a running sum in pdf-lib's own order (its advances at 1000 pt,
// added left to right, then scaled), so every width here is the very number widthOfTextAtSize gives,
// without laying out every prefix of a 32,767-character name. Prefix widths only grow, so a cut is a
// binary search.
const units = new WeakMap<PDFFont, Map<string, number>>();

/** The advance of one character at 1000 pt: widthOfTextAtSize's per-glyph term, exactly (× 1000/1000 = × 1). */
function unit(font: PDFFont, ch: string): number {
  let m = units.get(font);
  if (!m) units.set(font, (m = new Map()));
  let u = m.get(ch);
  if (u === undefined) m.set(ch, (u = font.widthOfTextAtSize(ch, 1000)));
  return u;
}

/** The characters of a text and the running sums of their advances: sums[k] is the first k's. */
function measure(s: string, font: PDFFont): { chars: string[]; sums: Float64Array } {
  const chars = Array.from(s);
  const sums = new Float64Array(chars.length + 1);
  for (let i = 0; i < chars.length; i++) sums[i + 1] = sums[i] + unit(font, chars[i]);
  return { chars, sums };
}

/** A sum of advances as a width at a size, as pdf-lib scales it. */
const at = (sum: number, size: number) => sum * (size / 1000);

/** Shrink text to 70 % of its size, then cut it with an ellipsis, to fit a width. */
export function fit(s: string, font: PDFFont, size: number, maxWidth: number): { text: string; size: number } {
  const m = measure(s, font);
  const full = at(m.sums[m.chars.length], size);
  if (full <= maxWidth) return { text: s, size };
  const min = size * 0.7;
  const shrunk = (size * maxWidth) / full;
  if (shrunk >= min) return { text: s, size: Math.floor(shrunk * 10) / 10 };
  return { text: cutMeasured(m, font, min, maxWidth), size: min };
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
  font: PDFFont,
  size: number,
  maxWidth: number,
  o: Pick<WrapOptions, "size" | "floor" | "lines">,
): { lines: string[]; size: number } {
  const m = measure(s, font);
  const full = at(m.sums[m.chars.length], size);
  if (full <= maxWidth) return { lines: [s], size };
  const top = Math.min(size, o.size);
  const shrunk = Math.floor(((size * maxWidth) / full) * 10) / 10;
  if (shrunk >= top) return { lines: [s], size: shrunk };
  const most = o.lines ?? 2;
  const words = wordsOf(s);
  for (let z = top; z >= o.floor - 1e-9; z -= 0.25) {
    // Wrapping stops at the line past the most: a name that needs more never fits at this size.
    const w = wrapWords(words, font, z, maxWidth, most);
    if (w.rest === words.length && w.widths.every((x) => x <= maxWidth)) return { lines: w.lines, size: z };
  }
  // Too long even at the floor: the last line takes the rest and ends in "…", as does a word
  // longer than a line.
  const z = o.floor;
  const w = wrapWords(words, font, z, maxWidth, most - 1);
  const lines = w.rest < words.length ? [...w.lines, words.slice(w.rest).join(" ")] : w.lines;
  return { lines: lines.map((l) => cut(l, font, z, maxWidth)), size: z };
}

/** Text cut with "…" to fit a width at a size (unchanged when it fits). */
function cut(s: string, font: PDFFont, size: number, maxWidth: number): string {
  return cutMeasured(measure(s, font), font, size, maxWidth);
}

/** The longest start (at least one character) that fits with "…" after it, then "…". */
function cutMeasured(m: { chars: string[]; sums: Float64Array }, font: PDFFont, size: number, maxWidth: number): string {
  const n = m.chars.length;
  if (at(m.sums[n], size) <= maxWidth) return m.chars.join("");
  const dots = unit(font, "…");
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

/**
 * Greedy word wrap of words into lines (joined by one space) with their widths; with `limit`, it
 * stops once that many lines are full and says where the words not placed start (`rest`).
 */
function wrapWords(words: string[], font: PDFFont, size: number, width: number, limit = Infinity): { lines: string[]; widths: number[]; rest: number } {
  const lines: string[] = [];
  const widths: number[] = [];
  if (limit <= 0) return { lines, widths, rest: 0 };
  const space = unit(font, " ");
  let cur = "";
  let sum = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    let next = cur ? sum + space : 0;
    for (const ch of word) next += unit(font, ch);
    if (cur && at(next, size) > width) {
      lines.push(cur);
      widths.push(at(sum, size));
      if (lines.length >= limit) return { lines, widths, rest: i };
      cur = word;
      sum = 0;
      for (const ch of word) sum += unit(font, ch);
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
export function wrap(s: string, font: PDFFont, size: number, width: number): string[] {
  return wrapWords(wordsOf(s), font, size, width).lines;
}
