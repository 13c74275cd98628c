// The drawing surface for A4 forms, measured from the top-left like a printed page (PDF measures
// from the bottom); what text fits where is worked out in layout.ts. Values we fill are drawn text,
// so every reader shows them and pdftotext reads them; only what a person still completes by hand
// becomes an AcroForm field.
//
// Why raw content: pdf-lib's drawText/drawRectangle build an operator object per number and wrap
// each call in its own graphics state; a year of forms spent most of its time there. Each page here
// collects plain content-stream text and writes it once (Sheet.end), through pdf-lib's object model.
import { encodeText, type Fonts } from "./fonts";
import { advances, fit, fitLines, type WrapOptions, wrap } from "./layout";

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
    /** The page may be drawn again in this run (a form in its own PDF and in its month's pack): its compressed content is kept for then. */
    private readonly again = true,
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
    if (o.maxWidth !== undefined) ({ text: t, size } = fit(t, advances(font), size, o.maxWidth));
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
    const { lines, size: z } = fitLines(s.normalize("NFC"), advances(this.fontFor(o.bold)), size, o.maxWidth, o.wrap);
    if (lines.length === 1) {
      this.text(lines[0], x, y, { ...o, size: z, maxWidth: undefined });
      return 1;
    }
    lines.forEach((line, i) => this.text(line, x, o.wrap.y + i * o.wrap.leading, { ...o, size: z, maxWidth: undefined }));
    return lines.length;
  }

  /** The lines paragraph() would draw, to size a box before drawing into it. */
  wrapped(s: string, width: number, o: { size?: number; bold?: boolean } = {}): string[] {
    return wrap(s.normalize("NFC"), advances(this.fontFor(o.bold)), o.size ?? 8, width);
  }

  /** Text broken into lines within a width; returns the y after the last line. */
  paragraph(s: string, x: number, y: number, width: number, o: TextOptions & { leading?: number } = {}): number {
    const size = o.size ?? 8;
    const leading = o.leading ?? size * 1.3;
    for (const line of wrap(s.normalize("NFC"), advances(this.fontFor(o.bold)), size, width)) {
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
    let z = this.again ? compressed.get(content) : undefined;
    if (!z) {
      z = ctx.flateStream(content).contents;
      if (compressed.size >= 400) compressed.clear(); // bound memory in a long-lived host
      if (this.again) compressed.set(content, z);
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
