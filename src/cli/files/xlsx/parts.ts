// The parts of an .xlsx package, each inflated straight into an XML scanner (xml.ts) chunk by chunk,
// so no part is ever held whole as text: a small part inflated at once by Node's zlib, a bigger one
// streamed by fflate. What is inflated is counted as it comes, per part and for the whole file: a
// part that inflates past its cap stops the read there, whatever size the zip's directory declares
// (a zip bomb declares small sizes, or none). Only parts asked for are read.
import { inflateRawSync } from "node:zlib";
import { Inflate } from "fflate";
import type { ZipEntry } from "../fileKind";
import { XmlError, type XmlEvents, XmlScanner } from "./xml";

/** A part or the file inflated past its cap: `what` says which ("part", "file"), `name` the part. */
export class InflatedTooMuch extends Error {
  constructor(
    readonly what: "part" | "file",
    readonly name: string,
    readonly cap: number,
  ) {
    super(`${name} inflates past ${cap} bytes`);
  }
}

/** A part whose bytes cannot be read as deflate or as XML: `name` the part, the reason in the message. */
export class BrokenPart extends Error {
  constructor(
    readonly name: string,
    reason: string,
  ) {
    super(`${name}: ${reason}`);
  }
}

/** Element handlers by local name (a prefix such as "x:" is dropped): open, text inside, close. */
/** What a part's reader listens for: any of the scanner's events (a sheet's reader, its usual cells too). */
export type XmlHandlers = Partial<XmlEvents>;

const CHUNK = 64 * 1024;
/** Parts that inflate to at most this are inflated whole (inflatedWhole). */
const WHOLE = 4 * 1024 * 1024;
const noop = () => {};
const localName = (n: string) => {
  const i = n.indexOf(":");
  return i < 0 ? n : n.slice(i + 1);
};

/** The zip's parts by name (no leading "/", compared without case, as OPC part names are). */
export class Package {
  private readonly byName = new Map<string, ZipEntry>();
  /** Bytes inflated so far, over every part read. */
  inflated = 0;

  constructor(
    private readonly buf: Buffer,
    entries: ZipEntry[],
    /** At most this many bytes inflated over the whole file. */
    private readonly fileCap: number,
  ) {
    for (const e of entries) {
      const key = e.name.replace(/^\//, "").toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /** The size the zip declares for a part (0 when absent): for a refusal before anything is inflated. */
  declared(name: string): number {
    return this.byName.get(name.toLowerCase())?.size ?? 0;
  }

  /** Parse part `name` as XML with `h`, inflating at most `cap` bytes of it. False when the part is absent. */
  parse(name: string, cap: number, h: XmlHandlers): boolean {
    const e = this.byName.get(name.toLowerCase());
    if (!e) return false;
    const parser = new XmlScanner({ open: h.open ?? noop, text: h.text ?? noop, close: h.close ?? noop, cell: h.cell });
    const decoder = new TextDecoder("utf-8");
    const feed = (text: string | null) => (text === null ? parser.close() : parser.write(text));
    try {
      this.inflate(e, cap, (bytes, final) => {
        const text = decoder.decode(bytes, { stream: !final });
        if (text) feed(text);
        if (final) feed(null);
      });
    } catch (err) {
      if (err instanceof InflatedTooMuch) throw err;
      if (err instanceof XmlError) throw new BrokenPart(e.name, `not well-formed XML (${err.message})`);
      if (err instanceof BrokenPart) throw err;
      throw new BrokenPart(e.name, (err as Error).message);
    }
    return true;
  }

  /** The entry's bytes, stored or deflated, handed on in chunks, counted against `cap` and the file's cap. */
  private inflate(e: ZipEntry, cap: number, sink: (bytes: Uint8Array, final: boolean) => void): void {
    const buf = this.buf;
    if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== 0x04034b50)
      throw new BrokenPart(e.name, "the zip entry's header is not where the directory says");
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    if (start + e.compressedSize > buf.length) throw new BrokenPart(e.name, "the zip entry runs past the end of the file (cut short?)");
    const data = buf.subarray(start, start + e.compressedSize);
    let part = 0;
    const take = (bytes: Uint8Array, final: boolean) => {
      part += bytes.length;
      this.inflated += bytes.length;
      if (part > cap) throw new InflatedTooMuch("part", e.name, cap);
      if (this.inflated > this.fileCap) throw new InflatedTooMuch("file", e.name, this.fileCap);
      sink(bytes, final);
    };
    if (e.method === 0) {
      if (!data.length) take(data, true);
      for (let i = 0; i < data.length; i += CHUNK) take(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
      return;
    }
    if (e.method !== 8) throw new BrokenPart(e.name, `compression method ${e.method}, which Excel does not use`);
    const whole = inflatedWhole(data);
    if (whole) {
      // In chunks cut just before a "<" (never inside a character: UTF-8 has no "<" byte in one), so
      // no chunk's tail is joined to the next (a joined string is slower to read a character at a time).
      if (!whole.length) take(whole, true);
      for (let i = 0; i < whole.length;) {
        let end = Math.min(i + CHUNK, whole.length);
        if (end < whole.length) {
          const lt = whole.lastIndexOf(60, end);
          if (lt > i) end = lt;
        }
        take(whole.subarray(i, end), end >= whole.length);
        i = end;
      }
      return;
    }
    let ended = false;
    const inflater = new Inflate((bytes, final) => {
      ended ||= final;
      take(bytes, final);
    });
    if (!data.length) inflater.push(new Uint8Array(0), true);
    for (let i = 0; i < data.length; i += CHUNK) inflater.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
    if (!ended) throw new BrokenPart(e.name, "the compressed data ends early");
  }
}

/**
 * A part that inflates to at most WHOLE bytes, inflated at once by Node's own zlib (native: a busy
 * year's parts in about a third of the time fflate's streaming takes); null for any other part,
 * which is then streamed under its caps (a bigger part, or data zlib cannot inflate: fflate's
 * reading of it gives the message). At most WHOLE bytes are held at once however the zip lies.
 */
function inflatedWhole(data: Uint8Array): Buffer | null {
  try {
    return inflateRawSync(data, { maxOutputLength: WHOLE });
  } catch {
    return null;
  }
}

/** Attribute `name` of an element whatever its prefix ("r:id" → "id" is asked as "r:id" or "id"). */
export function attr(attrs: Record<string, string>, name: string): string | undefined {
  if (name in attrs) return attrs[name];
  for (const k of Object.keys(attrs)) if (localName(k) === name) return attrs[k];
  return undefined;
}
