#!/usr/bin/env node
// Writes the add-in icons (assets/icon-<size>.png): a teal rounded tile with a white "£".
// Only Node's built-in zlib is used, so the icons can be regenerated anywhere:
//   node scripts/make-icons.js
// The output is deterministic: running it twice gives byte-identical files.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const OUT = path.join(__dirname, "..", "assets");

const TEAL = [0, 122, 110]; // #007A6E
const WHITE = [255, 255, 255];

// ---- geometry, in unit coordinates (0..1, y pointing down) ----

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const cx = ax + t * dx;
  const cy = ay + t * dy;
  return Math.hypot(px - cx, py - cy);
}

/** The "£" as polylines, stroked with round ends. */
function poundStrokes() {
  const strokes = [];
  // The hook: an arc over the top, from the stem round to the right.
  const cx = 0.585;
  const cy = 0.37;
  const r = 0.145;
  const arc = [];
  for (let i = 0; i <= 24; i++) {
    const a = Math.PI + (i / 24) * (Math.PI - 0.55); // left point, over the top, down the right
    arc.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  strokes.push(arc);
  // The stem, curving into the foot.
  strokes.push([
    [cx - r, cy],
    [cx - r, 0.62],
    [0.425, 0.68],
    [0.395, 0.72],
    [0.33, 0.765],
  ]);
  // The base line and the crossbar.
  strokes.push([
    [0.33, 0.765],
    [0.71, 0.765],
  ]);
  strokes.push([
    [0.325, 0.535],
    [0.6, 0.535],
  ]);
  return strokes;
}

const STROKES = poundStrokes();
const HALF_WIDTH = 0.045;
const CORNER = 0.18;

function insideTile(x, y) {
  // Rounded square covering the whole canvas.
  const qx = Math.max(CORNER - x, 0, x - (1 - CORNER));
  const qy = Math.max(CORNER - y, 0, y - (1 - CORNER));
  return qx * qx + qy * qy <= CORNER * CORNER;
}

function onMark(x, y) {
  for (const s of STROKES) {
    for (let i = 0; i + 1 < s.length; i++) {
      if (distToSegment(x, y, s[i][0], s[i][1], s[i + 1][0], s[i + 1][1]) <= HALF_WIDTH) return true;
    }
  }
  return false;
}

/** RGBA pixels, 4x4 supersampled for smooth edges. */
function render(size) {
  const SS = 4;
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let tile = 0;
      let mark = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const ux = (x + (sx + 0.5) / SS) / size;
          const uy = (y + (sy + 0.5) / SS) / size;
          if (insideTile(ux, uy)) {
            tile++;
            if (onMark(ux, uy)) mark++;
          }
        }
      }
      const n = SS * SS;
      const o = (y * size + x) * 4;
      const alpha = tile / n;
      const m = tile ? mark / tile : 0;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(TEAL[c] * (1 - m) + WHITE[c] * m);
      px[o + 3] = Math.round(alpha * 255);
    }
  }
  return px;
}

// ---- PNG encoding ----

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  fs.mkdirSync(OUT, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(OUT, `icon-${size}.png`);
    fs.writeFileSync(file, png(size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}x${size})`);
  }
}

module.exports = { SIZES, png, render };
