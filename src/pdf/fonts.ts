// Fonts and documents for the forms: DejaVu Sans (any name prints: Siân, Łukasz, Nguyễn) embedded
// as a subset, fixed metadata, and the speed-ups that let a busy year (216 PDFs) render in about
// half a second. Why each one exists is said where it is.
import fontkit from "@pdf-lib/fontkit";
import { type PDFArray, PDFContext, PDFDocument, type PDFFont, type PDFRef } from "pdf-lib";

export interface Fonts {
  regular: PDFFont;
  /** Absent: bold is drawn as filled-and-stroked regular text (one font subset per PDF, not two). */
  bold?: PDFFont;
}

export interface FontBytes {
  regular: Uint8Array;
  /** Optional: without it bold is drawn from the regular font (smaller, faster PDFs). */
  bold?: Uint8Array;
}

const MS_PER_DAY = 86_400_000;

// pdf-lib shapes every string with fontkit's full layout engine (GSUB/GPOS), which costs about a
// millisecond a string, and re-parses the font for every document. Forms need neither kerning nor
// ligatures, so: parse each font once, and lay text out glyph by glyph from the cmap. Text is put
// in NFC first (Sheet.text), so "ễ" typed as e + two accents still finds its one glyph.
type Kit = Parameters<PDFDocument["registerFontkit"]>[0];
type FontkitFont = ReturnType<Kit["create"]>;
type Glyph = ReturnType<FontkitFont["glyphForCodePoint"]>;
type Subset = ReturnType<FontkitFont["createSubset"]>;
const parsed = new WeakMap<Uint8Array, FontkitFont>();
/** Texts laid out are cached up to this length, this many, this many characters in all. */
const RUN_CACHE_TEXT = 256;
const RUN_CACHE_ENTRIES = 20_000;
const RUN_CACHE_CHARS = 1_000_000;
const fastKit: Kit = {
  create(bytes: Uint8Array) {
    let font = parsed.get(bytes);
    if (!font) {
      const real = fontkit.create(bytes);
      const glyphs = new Map<number, Glyph>();
      // Only what is reused is kept: labels, values and lines of a form (a paragraph's line is under
      // 200 characters). A long text (a 32,767-character cell) is laid out and dropped, and the cache
      // is cleared past a budget of characters, so no input can fill the memory with it.
      const runs = new Map<string, { glyphs: Glyph[] }>();
      let cachedChars = 0;
      const glyph = (cp: number) => {
        let g = glyphs.get(cp);
        if (!g) glyphs.set(cp, (g = real.glyphForCodePoint(cp)));
        return g;
      };
      fontIds.set(real, ++fontCount);
      font = Object.create(real) as FontkitFont;
      Object.assign(font, {
        layout(text: string) {
          let run = runs.get(text);
          if (!run) {
            run = { glyphs: Array.from(text, (ch) => glyph(ch.codePointAt(0)!)) };
            if (text.length > RUN_CACHE_TEXT) return run;
            if (runs.size >= RUN_CACHE_ENTRIES || cachedChars + text.length > RUN_CACHE_CHARS) {
              runs.clear(); // a long-lived host (the task pane): stay small
              cachedChars = 0;
            }
            runs.set(text, run);
            cachedChars += text.length;
          }
          return run;
        },
        createSubset: () => syncSubset(real.createSubset()),
      });
      parsed.set(bytes, font);
    }
    return font;
  },
};

// fontkit encodes a subset on a setTimeout-based "nextTick" shim (its browser bundle), so every
// font waits at least a millisecond for a timer. Encode at once instead and hand pdf-lib the bytes
// through the same on('data')/on('end') calls it listens for. Documents that preload the same
// repertoire (newDocument) have the same subset: it is encoded, and compressed, once per run.
type Encoder = { push(chunk: Uint8Array | null): boolean; end(): void };
let EncodeStream: (new () => Encoder) | null = null;
const encoded = new Map<string, Uint8Array>();
function syncSubset(sub: Subset): Subset {
  const s = sub as Subset & { encode(stream: Encoder): void; glyphs: number[]; font: unknown };
  EncodeStream ??= Object.getPrototypeOf(s.encodeStream()).constructor as new () => Encoder;
  s.encodeStream = () => {
    const key = `${fontIds.get(s.font as object)}:${s.glyphs.join(",")}`;
    let bytes = encoded.get(key);
    if (!bytes) {
      const chunks: Uint8Array[] = [];
      const stream = new EncodeStream!();
      stream.push = (chunk) => {
        if (chunk) chunks.push(chunk);
        return true;
      };
      s.encode(stream);
      stream.end();
      bytes = concat(chunks);
      if (encoded.size > 200) encoded.clear(); // a long-lived host: keep the cache small
      encoded.set(key, bytes);
    }
    const out = bytes;
    const emitter: ReturnType<Subset["encodeStream"]> = {
      on(event, cb) {
        if ((event as string) !== "error") cb(out); // "data" gets the bytes; "end" ignores them
        return emitter;
      },
    };
    return emitter;
  };
  return s;
}
const fontIds = new WeakMap<object, number>();
let fontCount = 0;

function concat(chunks: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((t, c) => t + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/**
 * Compress each shared font file and its ToUnicode map once: later documents reuse the bytes.
 * A font file is known by identity: the encoded subset (syncSubset), handed over as it is
 * (embedOnce) where pdf-lib would copy it first.
 */
const cmaps = new Map<string, Uint8Array>();
const fontFiles = new WeakMap<Uint8Array, Uint8Array>();
function shareFontStreams(doc: PDFDocument): void {
  const ctx = doc.context;
  const plain = ctx.flateStream.bind(ctx);
  ctx.flateStream = (contents, dict = {}) => {
    let z: Uint8Array | undefined;
    if (contents instanceof Uint8Array) {
      z = fontFiles.get(contents);
      if (!z) fontFiles.set(contents, (z = plain(contents, dict).contents));
    } else if (contents.startsWith("/CIDInit")) {
      z = cmaps.get(contents);
      if (!z) {
        if (cmaps.size > 50) cmaps.clear();
        cmaps.set(contents, (z = plain(contents, dict).contents));
      }
    } else return plain(contents, dict);
    return ctx.stream(z, { ...dict, Filter: "FlateDecode" });
  };
}

// What embedding a font subset builds that is the same in every document drawing the same glyphs
// (the run's repertoire, mostly): its widths array and its ToUnicode map. pdf-lib builds both for
// every document, which was most of the time it took to embed a font (two a PDF, 230 PDFs a year).
interface Embedded {
  widths?: PDFArray;
  cmap?: string;
}
const embeddedParts = new Map<string, Embedded>();
const widthsContext = PDFContext.create(); // the shared widths arrays belong to no document

interface SubsetEmbedder {
  serializeFont: () => Promise<Uint8Array>;
  computeWidths: () => unknown;
  embedUnicodeCmap: (context: PDFContext) => PDFRef;
  glyphCache: { access(): { id: number }[] };
  subset: { encodeStream(): { on(event: "data", cb: (bytes: Uint8Array) => void): unknown } };
}

/**
 * Embedding through the run's shared parts: the encoded subset handed over as it is (pdf-lib
 * would copy it, and the copy be compressed again), the widths and ToUnicode map built once for
 * the glyphs drawn. The same objects, in the same order, as pdf-lib's own embedding.
 */
function embedOnce(font: PDFFont, fontId: number): void {
  const e = (font as unknown as { embedder?: Partial<SubsetEmbedder> }).embedder;
  if (
    !e ||
    typeof e.serializeFont !== "function" ||
    typeof e.computeWidths !== "function" ||
    typeof e.embedUnicodeCmap !== "function" ||
    !e.glyphCache ||
    typeof e.subset?.encodeStream !== "function"
  )
    return;
  const { subset, glyphCache } = e as SubsetEmbedder;
  const computeWidths = e.computeWidths.bind(e);
  const embedUnicodeCmap = e.embedUnicodeCmap.bind(e);
  const parts = () => {
    const key = `${fontId}:${glyphCache
      .access()
      .map((g) => g.id)
      .join(",")}`;
    let p = embeddedParts.get(key);
    if (!p) {
      if (embeddedParts.size >= 50) embeddedParts.clear(); // a long-lived host: keep it small
      embeddedParts.set(key, (p = {}));
    }
    return p;
  };
  e.serializeFont = () => new Promise<Uint8Array>((resolve) => subset.encodeStream().on("data", resolve));
  e.computeWidths = () => {
    const p = parts();
    return (p.widths ??= widthsContext.obj(computeWidths() as number[]));
  };
  e.embedUnicodeCmap = (context) => {
    const p = parts();
    if (p.cmap !== undefined) return context.register(context.flateStream(p.cmap));
    const flate = context.flateStream;
    context.flateStream = (contents, dict) => {
      if (typeof contents === "string") p.cmap = contents;
      return flate.call(context, contents, dict);
    };
    try {
      return embedUnicodeCmap(context);
    } finally {
      context.flateStream = flate;
    }
  };
}

// A text's encoding (its glyph ids in the font subset) is the same in every document that
// preloads the same repertoire into the same font, as long as every character of the text is in
// that repertoire: its glyphs then have their ids before anything else is drawn.
// pdf-lib lays out and hex-encodes every string anew; a year of forms draws the same few hundred
// labels thousands of times, so the run shares one table per font and repertoire.
interface Encodings {
  chars: Set<string>;
  texts: Map<string, string>;
}
const encodingTables = new Map<string, Encodings>();
const encodingsOf = new WeakMap<PDFFont, Encodings>();
const bytesIds = new WeakMap<Uint8Array, number>();

/** A number for each font's bytes, for the run's shared tables. */
function idOf(bytes: Uint8Array): number {
  let id = bytesIds.get(bytes);
  if (id === undefined) bytesIds.set(bytes, (id = ++fontCount));
  return id;
}

function preload(font: PDFFont, bytes: Uint8Array, repertoire: string): void {
  font.encodeText(repertoire);
  preloadedGlyphs.set(font, glyphCount(font));
  const key = `${idOf(bytes)}:${repertoire}`;
  let table = encodingTables.get(key);
  if (!table) {
    if (encodingTables.size >= 8) encodingTables.clear(); // a long-lived host: a few runs' worth
    encodingTables.set(key, (table = { chars: new Set(repertoire), texts: new Map() }));
  }
  encodingsOf.set(font, table);
}

// How many glyphs a font's subset holds (fontkit's subset lists them: .notdef, then each in the
// order first drawn), and how many the repertoire put there.
const preloadedGlyphs = new WeakMap<PDFFont, number>();
function glyphCount(font: PDFFont): number {
  const glyphs = (font as unknown as { embedder?: { subset?: { glyphs?: unknown } } }).embedder?.subset?.glyphs;
  if (!Array.isArray(glyphs)) throw new Error("pdf-lib's font subset has changed shape: cannot tell which glyphs a form drew");
  return glyphs.length;
}

/**
 * True when everything drawn in these fonts is in the preloaded repertoire: the glyph ids in the
 * pages are then the same in every document of the run that preloads it (a page can be copied
 * into another such document as it is).
 */
export function drawnWithinRepertoire(fonts: Fonts): boolean {
  return [fonts.regular, fonts.bold].every((f) => !f || (preloadedGlyphs.has(f) && glyphCount(f) === preloadedGlyphs.get(f)));
}

/**
 * The operand of Tj that draws `text` in `font`: its glyph ids, two bytes each, as a literal
 * string (pdf-lib writes hex: twice the bytes, and a third more for every page to deflate). From
 * the run's table when the result cannot differ.
 */
export function encodeText(font: PDFFont, text: string): string {
  const table = encodingsOf.get(font);
  let operand = table?.texts.get(text);
  if (operand !== undefined) return operand;
  operand = literal(font.encodeText(text).toString());
  if (table && Array.from(text).every((ch) => table.chars.has(ch))) {
    if (table.texts.size >= 50_000) table.texts.clear();
    table.texts.set(text, operand);
  }
  return operand;
}

// In a literal string only \, ( and ) need a backslash; a bare CR or LF would be read as a line
// end (a CR as LF), so they are written \r and \n. Every other byte stands for itself.
const ESCAPES: Record<number, string> = { 0x28: "\\(", 0x29: "\\)", 0x5c: "\\\\", 0x0d: "\\r", 0x0a: "\\n" };

/** pdf-lib's hex form "<0041005C>" → the literal of the bytes 00 41 00 5C: "(·A·\\)", · for byte 00. */
function literal(hex: string): string {
  // Joined once, not grown with +=: the run's table keeps it, and a string grown a character at a
  // time is a chain of one heap node a character (a 150-character footer cost 9 KB, kept all run).
  const out = ["("];
  for (let i = 1; i < hex.length - 1; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    out.push(ESCAPES[b] ?? String.fromCharCode(b));
  }
  out.push(")");
  return out.join("");
}

/** Characters every document preloads, in this order, so their font subsets are identical. */
export const BASE_REPERTOIRE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("") + "£–—…‘’“”✓×·";

const PRODUCER = "locum-pensions forms (pdf-lib)";

/** A new PDF with both fonts embedded as subsets and metadata fixed by the content, not the clock. */
export async function newDocument(
  fontBytes: FontBytes,
  meta: { title: string; author: string; subject: string; date: number; repertoire?: string },
): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fastKit);
  shareFontStreams(doc);
  const fonts: Fonts = { regular: await doc.embedFont(fontBytes.regular, { subset: true }) };
  if (fontBytes.bold) fonts.bold = await doc.embedFont(fontBytes.bold, { subset: true });
  embedOnce(fonts.regular, idOf(fontBytes.regular));
  if (fonts.bold && fontBytes.bold) embedOnce(fonts.bold, idOf(fontBytes.bold));
  const repertoire = meta.repertoire ?? BASE_REPERTOIRE;
  preload(fonts.regular, fontBytes.regular, repertoire);
  if (fonts.bold && fontBytes.bold) preload(fonts.bold, fontBytes.bold, repertoire);
  const when = new Date(meta.date * MS_PER_DAY);
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  doc.setLanguage("en-GB");
  return { doc, fonts };
}

/** Save without object streams: older readers and poppler read plain cross-reference tables best. */
export async function saveDocument(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

/**
 * Which characters the form font cannot draw (DejaVu has no CJK, for one): pdf-lib would print an
 * empty box. A host passes this to prepareForms, which names the field and the character instead.
 */
export function unprintableWith(fonts: FontBytes): (text: string) => string[] {
  const faces = [fonts.regular, ...(fonts.bold ? [fonts.bold] : [])].map(
    (b) => fastKit.create(b) as FontkitFont & { hasGlyphForCodePoint(cp: number): boolean },
  );
  const known = new Map<number, boolean>();
  return (text) => {
    const missing = new Set<string>();
    for (const ch of text.normalize("NFC")) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x7f && cp >= 0x20) continue;
      if (/\s/.test(ch)) continue;
      let ok = known.get(cp);
      if (ok === undefined) known.set(cp, (ok = faces.every((f) => f.hasGlyphForCodePoint(cp))));
      if (!ok) missing.add(ch);
    }
    return [...missing];
  };
}
