// What a file given as a workbook really is, from its bytes, before anything reads it whole: an
// .xlsx is a zip (its table of contents, the central directory, is at the end); an encrypted .xlsx
// and an old .xls are OLE compound files; a CSV is text. Only the few bytes that tell are read.
export interface ZipEntry {
  name: string;
  /** Uncompressed size in bytes, as the zip's directory states it. */
  size: number;
  compressedSize: number;
  method: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const OLE_MAGIC = Buffer.from("d0cf11e0a1b11ae1", "hex");

/** Where a zip's central directory is and how many entries it declares, or null when `buf` is not a readable zip. */
function directoryOf(buf: Buffer): { count: number; at: number } | null {
  // The end-of-central-directory record: 22 bytes, then up to 65,535 bytes of comment.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  // A Zip64 archive keeps the real count and offset in a record its locator (just before) points to.
  if ((count === 0xffff || at === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z = Number(buf.readBigUInt64LE(eocd - 12));
    if (z + 56 > buf.length || buf.readUInt32LE(z) !== 0x06064b50) return null;
    count = Number(buf.readBigUInt64LE(z + 32));
    at = Number(buf.readBigUInt64LE(z + 48));
  }
  return { count, at };
}

/** How many entries a zip's directory declares (before any is read), or null when it is not a readable zip. */
export function zipEntryCount(buf: Buffer): number | null {
  return directoryOf(buf)?.count ?? null;
}

/** The entries of a zip's central directory, or null when `buf` is not a readable zip. */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  const dir = directoryOf(buf);
  if (!dir) return null;
  const { count } = dir;
  let { at } = dir;
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const e: ZipEntry = {
      name: buf.toString("utf8", at + 46, at + 46 + nameLen),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      offset: buf.readUInt32LE(at + 42),
    };
    zip64Sizes(buf.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen), e);
    entries.push(e);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Sizes over 4 GB live in the Zip64 extra field (header 0x0001), in this order. */
function zip64Sizes(extra: Buffer, e: ZipEntry): void {
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i);
    const len = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let p = i + 4;
      for (const k of ["size", "compressedSize", "offset"] as const) {
        if (e[k] !== 0xffffffff || p + 8 > i + 4 + len) continue;
        e[k] = Number(extra.readBigUInt64LE(p));
        p += 8;
      }
    }
    i += 4 + len;
  }
}

export function isOle(buf: Buffer): boolean {
  return buf.length >= 512 && buf.subarray(0, 8).equals(OLE_MAGIC);
}

/**
 * The names of the streams and storages in an OLE compound file (MS-CFB): the header's FAT and
 * directory sectors, then the 128-byte directory entries. Null when the file does not hold together.
 */
export function oleNames(buf: Buffer): string[] | null {
  if (!isOle(buf)) return null;
  const shift = buf.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectors = Math.floor((buf.length - size) / size);
  const sector = (n: number) => (n < sectors ? buf.subarray(size + n * size, size + (n + 1) * size) : null);
  // The FAT's own sectors: 109 in the header, then a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(buf.readUInt32LE(0x4c + i * 4));
  let difat = buf.readUInt32LE(0x44);
  for (let guard = 0; difat < sectors && guard < sectors; guard++) {
    const s = sector(difat)!;
    for (let i = 0; i < size / 4 - 1; i++) fatSectors.push(s.readUInt32LE(i * 4));
    difat = s.readUInt32LE(size - 4);
  }
  const fat: number[] = [];
  for (const n of fatSectors.slice(0, buf.readUInt32LE(0x2c))) {
    const s = sector(n);
    if (!s) return null;
    for (let i = 0; i < size / 4; i++) fat.push(s.readUInt32LE(i * 4));
  }
  const names: string[] = [];
  for (let n = buf.readUInt32LE(0x30), guard = 0; n < sectors && guard <= sectors; n = fat[n] ?? 0xfffffffe, guard++) {
    const s = sector(n)!;
    for (let i = 0; i + 128 <= size; i += 128) {
      const len = s.readUInt16LE(i + 0x40);
      if (s[i + 0x42] !== 0 && len >= 2 && len <= 64) names.push(s.toString("utf16le", i, i + len - 2));
    }
  }
  return names.length ? names : null;
}

/** Text, not a binary file: a byte-order mark, or no NUL byte and few control bytes at the start. */
export function looksLikeText(buf: Buffer): boolean {
  const head = buf.subarray(0, 8192);
  if (head.length === 0) return false;
  if ([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])].some((bom) => head.subarray(0, bom.length).equals(bom)))
    return true;
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / head.length < 0.01;
}
