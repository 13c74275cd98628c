// Fonts and documents for the forms: DejaVu Sans (any name prints: Siân, Łukasz, Nguyễn) embedded
// as a subset, fixed metadata, and the speed-ups that let a busy year render in about a second
// and a half. Why each one exists is said where it is.
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import type { Fonts } from "./draw";

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
 * pdf-lib copies the subset before compressing it, so font files are matched by content (a hash,
 * then a byte-for-byte check), not by identity.
 */
const cmaps = new Map<string, Uint8Array>();
const fontFiles = new Map<string, { raw: Uint8Array; z: Uint8Array }>();
function shareFontStreams(doc: PDFDocument): void {
  const ctx = doc.context;
  const plain = ctx.flateStream.bind(ctx);
  ctx.flateStream = (contents, dict = {}) => {
    let z: Uint8Array | undefined;
    if (contents instanceof Uint8Array) {
      const key = `${contents.length}:${fnv1a(contents)}`;
      const hit = fontFiles.get(key);
      if (hit && sameBytes(hit.raw, contents)) z = hit.z;
      else {
        if (fontFiles.size > 50) fontFiles.clear();
        z = plain(contents, dict).contents;
        fontFiles.set(key, { raw: contents, z });
      }
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

function fnv1a(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Characters every document preloads, in this order, so their font subsets are identical. */
export const BASE_REPERTOIRE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("") + "£–—…‘’“”✓×·";

const PRODUCER = "locum-pensions forms (pdf-lib)";

/** A new PDF with both fonts embedded as subsets and metadata fixed by the content, not the clock. */
export async function newDocument(fontBytes: FontBytes, meta: { title: string; author: string; subject: string; date: number; repertoire?: string }): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fastKit);
  shareFontStreams(doc);
  const fonts: Fonts = { regular: await doc.embedFont(fontBytes.regular, { subset: true }) };
  if (fontBytes.bold) fonts.bold = await doc.embedFont(fontBytes.bold, { subset: true });
  const repertoire = meta.repertoire ?? BASE_REPERTOIRE;
  fonts.regular.encodeText(repertoire);
  fonts.bold?.encodeText(repertoire);
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
  const faces = [fonts.regular, ...(fonts.bold ? [fonts.bold] : [])].map((b) => fastKit.create(b) as FontkitFont & { hasGlyphForCodePoint(cp: number): boolean });
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
