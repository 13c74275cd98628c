// The text fitter (src/pdf/layout.ts): measured once and cut by a binary search, it gives what the
// old fitter (shorten one character at a time, measure every prefix) gave, for any text, and a
// 32,767-character cell (Excel's limit) costs one look-up per character, not one layout per prefix.
import fc from "fast-check";
import type { PDFFont } from "pdf-lib";
import { advances, fit, fitLines, wrap } from "../../src/pdf/layout";
import { newDocument } from "../../src/pdf/fonts";
import { fontBytes } from "../support/forms";

// The fitter as it was before (kept here as the reference the new one must match, byte for byte).
const old = {
  fit(s: string, font: PDFFont, size: number, maxWidth: number) {
    const full = font.widthOfTextAtSize(s, size);
    if (full <= maxWidth) return { text: s, size };
    const min = size * 0.7;
    const shrunk = (size * maxWidth) / full;
    if (shrunk >= min) return { text: s, size: Math.floor(shrunk * 10) / 10 };
    return { text: old.cut(s, font, min, maxWidth), size: min };
  },
  fitLines(s: string, font: PDFFont, size: number, maxWidth: number, o: { size: number; floor: number; lines?: number }) {
    const width = (t: string, z: number) => font.widthOfTextAtSize(t, z);
    const full = width(s, size);
    if (full <= maxWidth) return { lines: [s], size };
    const top = Math.min(size, o.size);
    const shrunk = Math.floor(((size * maxWidth) / full) * 10) / 10;
    if (shrunk >= top) return { lines: [s], size: shrunk };
    const most = o.lines ?? 2;
    for (let z = top; z >= o.floor - 1e-9; z -= 0.25) {
      const lines = old.wrap(s, font, z, maxWidth);
      if (lines.length <= most && lines.every((l) => width(l, z) <= maxWidth)) return { lines, size: z };
    }
    const z = o.floor;
    const all = old.wrap(s, font, z, maxWidth);
    const lines = all.slice(0, most);
    if (all.length > most) lines[most - 1] = all.slice(most - 1).join(" ");
    return { lines: lines.map((l) => old.cut(l, font, z, maxWidth)), size: z };
  },
  cut(s: string, font: PDFFont, size: number, maxWidth: number): string {
    if (font.widthOfTextAtSize(s, size) <= maxWidth) return s;
    let t = s;
    while (t.length > 1 && font.widthOfTextAtSize(t + "…", size) > maxWidth) t = t.slice(0, -1);
    return t.trimEnd() + "…";
  },
  wrap(s: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    let cur = "";
    for (const word of s.split(/\s+/).filter(Boolean)) {
      const next = cur ? `${cur} ${word}` : word;
      if (cur && font.widthOfTextAtSize(next, size) > width) {
        lines.push(cur);
        cur = word;
      } else cur = next;
    }
    if (cur) lines.push(cur);
    return lines;
  },
};

let regular: PDFFont;
let bold: PDFFont;
beforeAll(async () => {
  const { fonts } = await newDocument(fontBytes(), { title: "t", author: "a", subject: "s", date: 20000 });
  regular = fonts.regular;
  bold = fonts.bold!;
});

// Words of letters the forms print (accents, Ł, Welsh ŵ), of any length, one or more spaces apart.
const word = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'&-.ÂâŁłŵÿễ€"), minLength: 1, maxLength: 14 });
const text = fc.array(fc.tuple(word, fc.constantFrom(" ", "  ", " ")), { minLength: 1, maxLength: 30 }).map((ws) =>
  ws
    .map(([w, sp]) => w + sp)
    .join("")
    .trim(),
);

test("fit, fitLines and wrap give what the old fitter gave, for any text and width", () => {
  fc.assert(
    fc.property(
      text,
      fc.constantFrom(6, 7.5, 8, 9.5, 15),
      fc.integer({ min: 20, max: 520 }),
      fc.boolean(),
      fc.constantFrom(1, 2, 3),
      (s, size, width, b, lines) => {
        const font = b ? bold : regular;
        expect(fit(s, advances(font), size, width)).toEqual(old.fit(s, font, size, width));
        expect(wrap(s, advances(font), size, width)).toEqual(old.wrap(s, font, size, width));
        const o = { size: 7, floor: 5.5, lines };
        expect(fitLines(s, advances(font), size, width, o)).toEqual(old.fitLines(s, font, size, width, o));
      },
    ),
    { numRuns: 400 },
  );
});

test("the names the forms print: the same lines and sizes as before in every box they go in", () => {
  const names = [
    "Riverside Medical Centre",
    "The Riverside and Castle Street Family Medical Practice Partnership incorporating Old Mill Lane Surgery",
    "Meddygfa Tŷ Newydd a Chanolfan Iechyd Llanfair-ym-Muallt",
    "X".repeat(300),
    `${"Nguyễn ".repeat(40)}`.trim(),
  ];
  for (const s of names)
    for (const [size, width, o] of [
      [9.5, 362, { size: 7, floor: 5.5 }],
      [8, 149, { size: 6.2, floor: 5 }],
      [8, 160, { size: 7.5, floor: 6, lines: 3 }],
    ] as const) {
      expect(fitLines(s, advances(regular), size, width, o)).toEqual(old.fitLines(s, regular, size, width, o));
      expect(fit(s, advances(regular), size, width)).toEqual(old.fit(s, regular, size, width));
    }
});

/** The font, counting the characters it is asked to measure. */
function counting(font: PDFFont): { font: PDFFont; measured: () => number } {
  let chars = 0;
  const f = Object.create(font) as PDFFont;
  f.widthOfTextAtSize = (t: string, z: number) => {
    chars += t.length;
    return font.widthOfTextAtSize(t, z);
  };
  return { font: f, measured: () => chars };
}

describe("a 32,767-character cell (Excel's limit) is measured once, not prefix by prefix", () => {
  const LIMIT = 32_767;
  const words = "Riverside Medical Centre and Old Mill Lane Surgery ".repeat(700).slice(0, LIMIT);
  const solid = "Ł".repeat(LIMIT); // one word: no space to wrap at

  test.each([
    ["words", words],
    ["one long word", solid],
  ])("%s: fit and fitLines cut it with '…' within the width, measuring each character once", (_, s) => {
    const { font, measured } = counting(regular);
    const one = fit(s, advances(font), 9.5, 362);
    expect(one.size).toBeCloseTo(6.65, 10);
    expect(one.text.endsWith("…")).toBe(true);
    expect(regular.widthOfTextAtSize(one.text, one.size)).toBeLessThanOrEqual(362);
    // One character more would not fit: the cut is the longest that does.
    const kept = one.text.slice(0, -1);
    expect(regular.widthOfTextAtSize(s.slice(0, kept.length + 1) + "…", one.size)).toBeGreaterThan(362);
    const two = fitLines(s, advances(font), 9.5, 362, { size: 7, floor: 5.5 });
    expect(two.size).toBe(5.5);
    expect(two.lines).toHaveLength(s === solid ? 1 : 2);
    for (const l of two.lines) expect(regular.widthOfTextAtSize(l, 5.5)).toBeLessThanOrEqual(362);
    expect(two.lines[two.lines.length - 1].endsWith("…")).toBe(true);
    // The old fitter measured about n²/2 characters (half a billion here); each distinct character
    // is measured once per font now, whatever the length of the text.
    expect(measured()).toBeLessThan(200);
  });

  test("the font layer does not keep a long text it laid out", () => {
    // Laying out the same 32,767 characters twice gives a fresh run each time (nothing cached),
    // while a short label is the very same run (cached, as it is drawn on every form).
    const kit = (regular as unknown as { embedder: { font: { layout(t: string): unknown } } }).embedder.font;
    expect(kit.layout(words)).not.toBe(kit.layout(words));
    expect(kit.layout("Box 1")).toBe(kit.layout("Box 1"));
  });
});

// Worked by hand with a plain metric: letters 500 at 1000 pt, a space 250, "…" 1000. At 10 pt a
// letter is 5 wide, a space 2.5 and "…" 10; at 6 pt they are 3, 1.5 and 6.
const mono = (ch: string) => (ch === " " ? 250 : ch === "…" ? 1000 : 500);

describe("layout worked by hand (letters 500, space 250, '…' 1000 at 1000 pt)", () => {
  test("fit: kept when it fits, shrunk to at most 70 %, then cut with '…' at 70 %", () => {
    expect(fit("abcd", mono, 10, 20)).toEqual({ text: "abcd", size: 10 }); // 4 × 5 = 20: fits exactly
    expect(fit("abcde", mono, 10, 20)).toEqual({ text: "abcde", size: 8 }); // 25 wide: 10 × 20/25 = 8
    // 30 wide: 10 × 20/30 = 6.67 is below 7 (70 %), so at 7 pt: 3 letters (10.5) + "…" (7) = 17.5 ≤ 20, 4 would be 21
    const cut = fit("abcdef", mono, 10, 20);
    expect(cut.text).toBe("abc…");
    expect(cut.size).toBeCloseTo(7, 10);
  });

  test("wrap: greedy, words joined by one space", () => {
    // "aa bb" is 10 + 2.5 + 10 = 22.5 ≤ 30; "aa bb cc" would be 35
    expect(wrap("aa  bb cc", mono, 10, 30)).toEqual(["aa bb", "cc"]);
    expect(wrap("aa bb cc", mono, 10, 100)).toEqual(["aa bb cc"]);
    expect(wrap("   ", mono, 10, 30)).toEqual([]);
  });

  test("fitLines: two lines at the wrap size when one line would shrink below it", () => {
    // 12 letters and 2 spaces: 65 wide at 10 pt; one line would need 6.1 pt, below 8. At 8 pt a
    // letter is 4, a space 2: "aaaa bbbb" 34 ≤ 40, "cccc" 16.
    expect(fitLines("aaaa bbbb cccc", mono, 10, 40, { size: 8, floor: 6 })).toEqual({ lines: ["aaaa bbbb", "cccc"], size: 8 });
    // Allowed one line only: the largest quarter point that holds it, 6 (39 wide; 6.25 gives 40.6).
    expect(fitLines("aaaa bbbb cccc", mono, 10, 40, { size: 8, floor: 6, lines: 1 })).toEqual({ lines: ["aaaa bbbb cccc"], size: 6 });
  });

  test("fitLines: a single line shrinks no further than the wrap size allows, never above its own size", () => {
    expect(fitLines("abcd", mono, 10, 40, { size: 8, floor: 6 })).toEqual({ lines: ["abcd"], size: 10 });
    // 45 wide at 10 pt: 10 × 40/45 = 8.8 ≥ 8, one line at 8.8
    expect(fitLines("abcdefghi", mono, 10, 40, { size: 8, floor: 6 })).toEqual({ lines: ["abcdefghi"], size: 8.8 });
    // one word 60 wide at 10 pt needs 6.67 pt: it stays one line, at the quarter point 6.5 (39 wide)
    expect(fitLines("abcdefghijkl", mono, 10, 40, { size: 8, floor: 6 })).toEqual({ lines: ["abcdefghijkl"], size: 6.5 });
  });

  test("fitLines: shrinks in quarter points until two lines hold it", () => {
    // At 7 pt "aaaa bbbb cccc" is 45.5 wide, at 6.5 pt 42.25, at 6.25 pt 40.6, at 6 pt 39: it fits.
    expect(fitLines("aaaa bbbb cccc dddd eeee", mono, 10, 40, { size: 8, floor: 6 })).toEqual({ lines: ["aaaa bbbb cccc", "dddd eeee"], size: 6 });
  });

  test("fitLines: past the floor the last line takes the rest and is cut with '…'", () => {
    // At 6 pt: "aaaa bbbb cccc" (39) fits; the rest, "dddd eeee ffff gggg", keeps the longest start
    // with "…" (6) within 40: 12 characters (33) + 6 = 39; 13 would be 42.
    expect(fitLines("aaaa bbbb cccc dddd eeee ffff gggg", mono, 10, 40, { size: 8, floor: 6 })).toEqual({
      lines: ["aaaa bbbb cccc", "dddd eeee ff…"],
      size: 6,
    });
    // A word longer than the line: 11 letters (33) + "…" (6) = 39 at 6 pt.
    expect(fitLines("abcdefghijklmnopqrst", mono, 10, 40, { size: 8, floor: 6 })).toEqual({ lines: ["abcdefghijk…"], size: 6 });
  });

  test("advances: each character measured once per font, at 1000 pt", () => {
    const asked: [string, number][] = [];
    const font = {
      widthOfTextAtSize: (t: string, z: number) => {
        asked.push([t, z]);
        return t.length * z * 0.5;
      },
    };
    const a = advances(font);
    expect(advances(font)).toBe(a);
    expect(a("x")).toBe(500);
    expect(a("x")).toBe(500);
    expect(fit("xxyy", a, 10, 100)).toEqual({ text: "xxyy", size: 10 });
    expect(asked).toEqual([
      ["x", 1000],
      ["y", 1000],
    ]);
  });
});
