// What makes `locum forms` fast must not change what it makes: each form drawn once and copied into
// the pack (fields, fonts, pages intact), shared text encodings, months rendered on worker threads
// (the same bytes as in one thread), and commands that do not load exceljs and pdf-lib.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDict, PDFDocument, PDFName, PDFRef } from "pdf-lib";
import { Money } from "../../src/engine";
import { type OutputFile, prepareForms, type PreparedForms } from "../../src/forms";
import { renderPdfs } from "../../src/pdf";
import * as copying from "../../src/pdf/copyForm";
import { fromWire, toWire } from "../../src/cli/workers/wire";
import { dayFromYmd } from "../../src/rules";
import { details, fontBytes, HEADER, row, serial } from "../support/forms";
import { fieldNames, pageCount, pdfInfo, pdfText } from "../support/pdf";
import { tempDir } from "../support/tempDir";

const today = dayFromYmd(2025, 6, 1);
const fileOf = (files: OutputFile[], re: RegExp) => {
  const f = files.find((x) => re.test(x.name));
  if (!f) throw new Error(`no file matching ${re}: ${files.map((x) => x.name).join(", ")}`);
  return f;
};

/** April 2025: three practices; the second worked six separate days (a supplementary Form A page). */
function april(sheet = "Sessions"): PreparedForms {
  const paid = serial(2025, 4, 28);
  const submitted = serial(2025, 5, 3);
  const rows = [
    HEADER,
    row({ worked: serial(2025, 4, 1), fee: 100, paid, invoice: "R-1", submitted }),
    ...[3, 5, 8, 10, 15, 17].map((d) =>
      row({ worked: serial(2025, 4, d), practice: "Castle Street Surgery", code: "B86021", fee: 150, paid, invoice: "C-1", submitted }),
    ),
    row({ worked: serial(2025, 4, 22), practice: "Hill Top Practice", code: "C12345", fee: 175.5, paid, invoice: "H-1", submitted }),
  ];
  const p = prepareForms(rows, details({ "Tier rate": "9.8%" }), { today, sessionsSheet: sheet });
  expect(p.errors).toBe(0);
  return p;
}

/** Every page's annotations point back at that page (/P), and every field's widget is on a page. */
async function widgetsOnTheirPages(bytes: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(bytes);
  let widgets = 0;
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    for (const ref of annots?.asArray() ?? []) {
      const w = doc.context.lookup(ref, PDFDict);
      expect(w.get(PDFName.of("P"))).toBe(page.ref);
      widgets++;
    }
  }
  const fields = doc.getForm().getFields();
  expect(fields.flatMap((f) => f.acroField.getWidgets())).toHaveLength(widgets);
  return widgets;
}

/** The embedded font programs (FontFile2 streams) of a PDF. */
async function fontFiles(bytes: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(bytes);
  let n = 0;
  for (const [, o] of doc.context.enumerateIndirectObjects()) if (o instanceof PDFDict && o.get(PDFName.of("FontFile2")) instanceof PDFRef) n++;
  return n;
}

describe("the pack: Form B and its Forms A drawn once each, their pages copied in", () => {
  let files: OutputFile[];
  let copies: boolean[];
  beforeAll(async () => {
    const spy = jest.spyOn(copying, "copyForm");
    files = await renderPdfs(april(), fontBytes());
    copies = spy.mock.results.map((r) => r.value as boolean);
    spy.mockRestore();
  });

  test("every form of the pack was copied (none drawn again)", () => {
    expect(copies).toEqual([true, true, true, true]); // Form B and three Forms A
  });

  test("its pages are the forms' pages, in order: the same text, page for page", async () => {
    const b = fileOf(files, /FormB\.pdf$/).bytes;
    const as = [1, 2, 3].map((i) => fileOf(files, new RegExp(`FormA-0${i}-`)).bytes);
    const pack = fileOf(files, /pack/).bytes;
    expect(await Promise.all(as.map(pageCount))).toEqual([1, 2, 1]); // Castle Street: 6 periods, 2 pages
    expect(await pageCount(pack)).toBe((await pageCount(b)) + 4);
    expect(pdfText(pack)).toBe([b, ...as].map((x) => pdfText(x)).join(""));
  });

  test("its fields are each form's, renamed per Form A, each widget on its own page", async () => {
    const pack = fileOf(files, /pack/).bytes;
    const names = await fieldNames(pack);
    const own = async (re: RegExp, prefix: string) => (await fieldNames(fileOf(files, re).bytes)).map((n) => n.replace(/^A\./, prefix));
    const expected = [
      ...(await own(/FormB\.pdf$/, "")),
      ...(await own(/FormA-01-/, "A1.")),
      ...(await own(/FormA-02-/, "A2.")),
      ...(await own(/FormA-03-/, "A3.")),
    ];
    expect(expected).toContain("B.locum.signature");
    expect(expected).toContain("A3.signatory.name");
    expect(expected).toContain("A2.sup1.locum.signature"); // the supplementary page's own fields
    expect(names).toEqual(expected);
    expect(new Set(names).size).toBe(names.length);
    expect(await widgetsOnTheirPages(pack)).toBe(names.length);
  });

  test("a field filled on one Form A is not filled on the others; poppler reads the pack without complaint", async () => {
    const doc = await PDFDocument.load(fileOf(files, /pack/).bytes);
    doc.getForm().getTextField("A2.signatory.name").setText("Dr A Partner");
    const filled = await doc.save();
    const again = (await PDFDocument.load(filled)).getForm();
    expect(again.getTextField("A2.signatory.name").getText()).toBe("Dr A Partner");
    expect(again.getTextField("A1.signatory.name").getText()).toBeUndefined();
    expect(again.getTextField("A3.signatory.name").getText()).toBeUndefined();
    const info = pdfInfo(fileOf(files, /pack/).bytes);
    expect(info).toMatch(/Form:\s+AcroForm/);
    expect(info).not.toMatch(/Syntax Error|FAILED/);
  });

  test("the copies share the pack's two fonts: no font is embedded twice", async () => {
    expect(await fontFiles(fileOf(files, /pack/).bytes)).toBe(2);
    expect(await fontFiles(fileOf(files, /FormA-01-/).bytes)).toBe(2);
  });

  test("the same rows again, in the same process (every cache warm): the same bytes", async () => {
    const again = await renderPdfs(april(), fontBytes());
    expect(again.map((f) => f.name)).toEqual(files.map((f) => f.name));
    again.forEach((f, i) => expect(Buffer.compare(Buffer.from(f.bytes), Buffer.from(files[i].bytes))).toBe(0));
  });
});

describe("a form that draws a letter outside the run's repertoire", () => {
  // "Séances" is read from the sheet's name, not from a cell: é is not among the run's preloaded
  // letters, so its glyph id in a Form A's own PDF means nothing in the pack.
  let files: OutputFile[];
  let copies: boolean[];
  beforeAll(async () => {
    const spy = jest.spyOn(copying, "copyForm");
    files = await renderPdfs(april("Séances"), fontBytes());
    copies = spy.mock.results.map((r) => r.value as boolean);
    spy.mockRestore();
  });

  test("is drawn again in the pack, not copied, and the letter prints", async () => {
    expect(copies.slice(1)).toEqual([false, false, false]); // the Forms A name the sheet
    const pack = fileOf(files, /pack/).bytes;
    expect(pdfText(pack)).toContain("Prepared from Séances row 2 of the locum");
    expect(pdfText(pack)).toBe([/FormB\.pdf$/, /FormA-01-/, /FormA-02-/, /FormA-03-/].map((re) => pdfText(fileOf(files, re).bytes)).join(""));
    expect(await widgetsOnTheirPages(pack)).toBe((await fieldNames(pack)).length);
    expect(await fontFiles(pack)).toBe(2);
  });
});

describe("the models across a worker thread (wire.ts)", () => {
  test("Decimals come back as Money, exactly, in place; plain data as it was", () => {
    const v = {
      a: new Money("0.1"),
      big: [new Money("123456789012345678901234.5678"), new Money("-0"), new Money("1e-18")],
      s: "x",
      n: 3,
      z: null,
      t: true,
      nested: { r: [{ x: new Money(-2.5) }] },
    };
    const back = fromWire(structuredClone(toWire(v))) as typeof v;
    expect(back.a).toBeInstanceOf(Money);
    expect(back.a.constructor).toBe(Money);
    expect(back.a.toString()).toBe("0.1");
    expect(back.big.map((x) => x.toString())).toEqual(["123456789012345678901234.5678", "0", "0.000000000000000001"]);
    expect(back.big[1].isNeg() && back.big[1].isZero()).toBe(true);
    expect(back.nested.r[0].x.toFixed(2)).toBe("-2.50");
    expect([back.s, back.n, back.z, back.t]).toEqual(["x", 3, null, true]);
  });

  test("an object met twice comes back as one object (a Form A in its month and in its Form B)", () => {
    const p = april();
    const month = p.months[0];
    expect(month.formB!.formsA[1]).toBe(month.formsA[1]);
    const back = fromWire(structuredClone(toWire([month]))) as (typeof month)[];
    expect(back[0].formB!.formsA[1]).toBe(back[0].formsA[1]);
    expect(back[0].formsA[1]).not.toBe(month.formsA[1]);
    expect(back[0].formsA[1].box3.toFixed(2)).toBe(month.formsA[1].box3.toFixed(2));
  });

  test("anything that is not plain data is refused, never sent half-working", () => {
    expect(() => toWire({ d: new Date(0) })).toThrow(/Date/);
    expect(() => toWire({ m: new Map() })).toThrow(/Map/);
    expect(() => toWire({ f: () => 1 })).toThrow(/function/);
    const Other = Money.clone({ precision: 5 });
    expect(() => toWire([new Other(1)])).toThrow(/another precision/);
  });
});

describe("the compiled command and render pool (bin/locum.js, build/)", () => {
  const root = join(__dirname, "..", "..");
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: root, stdio: "pipe" });
    execFileSync(process.execPath, ["scripts/build-bench.js"], { cwd: root, stdio: "pipe" });
  }, 120_000);

  test("contrib and --help load neither exceljs nor pdf-lib; forms does", () => {
    const script = `
      const { main } = require("./build/cli/index.js");
      const io = { out: () => {}, err: () => {} };
      const heavy = () => Object.keys(require.cache).filter((k) => /node_modules[\\\\/](exceljs|pdf-lib|@pdf-lib)[\\\\/]/.test(k)).length;
      (async () => {
        const codes = [await main(["contrib", "115000", "2022-04-01", "2023-03-31"], io), await main(["--help"], io), await main(["forms", "--help"], io)];
        const light = heavy();
        await main(["forms", "examples/locum-2025-26.xlsx", "--out", process.argv[1], "--today", "2026-04-30"], io);
        console.log(JSON.stringify({ codes, light, afterForms: heavy() > 0 }));
      })();`;
    const r = spawnSync(process.execPath, ["-e", script, tempDir("locum-lazy-")], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ codes: [0, 0, 0], light: 0, afterForms: true });
  });

  // The pool's compiled modules, with the forms layer they use (Money must be the build's too).
  const built = () => ({
    pool: require(join(root, "build/cli/workers/renderPool.js")) as typeof import("../../src/cli/workers/renderPool"),
    forms: {
      ...(require(join(root, "build/forms/index.js")) as typeof import("../../src/forms")),
      ...(require(join(root, "build/pdf/index.js")) as typeof import("../../src/pdf")),
    },
    bench: require(join(root, "build/bench/forms.js")) as typeof import("../../bench/forms"),
    rules: require(join(root, "build/rules/index.js")) as typeof import("../../src/rules"),
  });
  const collect = async (it: AsyncIterable<{ monthKey: string; files: OutputFile[] }>) => {
    const out: { monthKey: string; files: OutputFile[] }[] = [];
    for await (const m of it) out.push(m);
    return out;
  };
  const sameFiles = (a: OutputFile[], b: OutputFile[]) => {
    expect(a.map((f) => [f.name, f.kind])).toEqual(b.map((f) => [f.name, f.kind]));
    a.forEach((f, i) => expect(Buffer.compare(Buffer.from(f.bytes), Buffer.from(b[i].bytes))).toBe(0));
  };

  test("workers only for a run big enough to gain, on a machine with cores to spare", () => {
    const { pool, forms, bench, rules } = built();
    const today = { today: rules.dayFromYmd(2026, 4, 1) };
    const big = bench.busyYear(6000, 45); // 12 months, 45 practices: 552 forms
    const p = forms.prepareForms(big.rows, big.details, today);
    const year = bench.busyYear(); // the bench's busy year: 192 forms, about half a second
    const busy = forms.prepareForms(year.rows, year.details, today);
    const forms_ = (x: PreparedForms) => x.months.reduce((t, m) => t + m.formsA.length + (m.formB ? 1 : 0), 0);
    expect([forms_(p), forms_(busy)]).toEqual([552, 192]);
    expect(pool.workersFor(p.months, 4)).toBe(3);
    expect(pool.workersFor(p.months, 3)).toBe(0); // two cores are often one core's worth (see renderPool.ts)
    expect(pool.workersFor(p.months, 2)).toBe(0);
    expect(pool.workersFor(p.months, 64)).toBe(3);
    expect(pool.workersFor(p.months.slice(0, 1), 8)).toBe(0); // one month: nothing to share
    expect(pool.workersFor(busy.months, 8)).toBe(0);
    expect(forms_(busy)).toBeLessThan(pool.WORKER_MIN_FORMS);
  });

  const year = () => {
    const { forms, bench, rules } = built();
    const y = bench.busyYear();
    return forms.prepareForms(y.rows, y.details, { today: rules.dayFromYmd(2026, 4, 1) });
  };

  test("every month drawn on a worker thread: the same bytes as in one thread, in order", async () => {
    const { pool, forms } = built();
    const p = year();
    const months = p.months.map((m) => m.monthKey);
    const pooled = await collect(pool.renderOnWorkers(p, fontBytes(), months, { workers: 1, drawHere: false }));
    expect(pool.lastRun).toEqual({ workers: 1, months: 12, byWorkers: 12 });
    expect(pooled.map((m) => m.monthKey)).toEqual(months);
    sameFiles(
      pooled.flatMap((m) => m.files),
      await forms.renderPdfs(p, fontBytes()),
    );
  }, 120_000);

  test("this thread and two workers sharing the months, some named out of order: the run's order, the same bytes", async () => {
    const { pool, forms } = built();
    const p = year();
    const some = await collect(pool.renderOnWorkers(p, fontBytes(), ["2026-01", "2025-05", "2025-11", "2025-04", "2025-06"], { workers: 2 }));
    expect(some.map((m) => m.monthKey)).toEqual(["2025-04", "2025-05", "2025-06", "2025-11", "2026-01"]);
    expect(pool.lastRun.workers).toBe(2);
    sameFiles(
      some.flatMap((m) => m.files),
      await forms.renderPdfs(p, fontBytes(), ["2025-04", "2025-05", "2025-06", "2025-11", "2026-01"]),
    );
    // renderByMonth itself: the busy year is too small for workers, and comes out the same.
    const all = await collect(
      pool.renderByMonth(
        p,
        fontBytes(),
        p.months.map((m) => m.monthKey),
      ),
    );
    expect(pool.lastRun.workers).toBe(0);
    sameFiles(
      all.flatMap((m) => m.files),
      await forms.renderPdfs(p, fontBytes()),
    );
  }, 120_000);

  test("a worker that stops after taking a month: this thread draws what it left, nothing is lost or doubled", async () => {
    const { pool, forms } = built();
    const dir = tempDir("locum-worker-");
    const dies = join(dir, "dies.js");
    writeFileSync(dies, `require("node:worker_threads").parentPort.on("message", (m) => { Atomics.add(m.counter, 0, 1); process.exit(1); });`);
    const p = year();
    const months = p.months.map((m) => m.monthKey).slice(0, 4);
    const out = await collect(pool.renderOnWorkers(p, fontBytes(), months, { workers: 1, drawHere: false, workerFile: dies }));
    expect(out.map((m) => m.monthKey)).toEqual(months);
    expect(pool.lastRun.byWorkers).toBe(0);
    sameFiles(
      out.flatMap((m) => m.files),
      await forms.renderPdfs(p, fontBytes(), months),
    );
  }, 120_000);

  test("a month a worker could not draw: its error is raised when that month's turn comes; leaving early stops the workers", async () => {
    const { pool } = built();
    const dir = tempDir("locum-worker-");
    const fails = join(dir, "fails.js");
    writeFileSync(
      fails,
      `require("node:worker_threads").parentPort.on("message", (m) => { for (let i = Atomics.add(m.counter, 0, 1); i < 12; i = Atomics.add(m.counter, 0, 1)) require("node:worker_threads").parentPort.postMessage({ run: m.run, index: i, error: "out of memory drawing month " + i }); });`,
    );
    const p = year();
    const months = p.months.map((m) => m.monthKey);
    await expect(collect(pool.renderOnWorkers(p, fontBytes(), months, { workers: 1, drawHere: false, workerFile: fails }))).rejects.toThrow(
      "out of memory drawing month 0",
    );
    // Stopping after the first month: the run ends, no month is left waiting.
    for await (const m of pool.renderOnWorkers(p, fontBytes(), months, { workers: 1 })) {
      expect(m.monthKey).toBe("2025-04");
      break;
    }
  }, 120_000);

  test("the floor writes the PDFs it is told to: the same files, pages, strings, fields and DejaVu subsets, none left half-written", async () => {
    const { bench } = built();
    const floor = require(join(root, "build/bench/floor.js")) as typeof import("../../bench/floor");
    const dir = tempDir("locum-floor-");
    const book = join(dir, "book.xlsx");
    await bench.writeBusyWorkbook(book);
    const files = [
      { name: "2025-04/a.pdf", pages: [{ strings: 80, glyphs: 1600, fields: 2 }] },
      {
        name: "2025-04/b.pdf",
        pages: [
          { strings: 120, glyphs: 2000, fields: 0 },
          { strings: 3, glyphs: 30, fields: 1 },
        ],
      },
      { name: "2025-05/c.pdf", pages: [{ strings: 0, glyphs: 0, fields: 0 }] },
    ];
    const repertoire = `${Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("")}£Łễ`;
    writeFileSync(join(dir, "shape.json"), JSON.stringify({ repertoire, files }));
    expect(await floor.floor(book, join(dir, "shape.json"), join(dir, "out"))).toBe(3);
    expect(readdirSync(join(dir, "out", "2025-04")).sort()).toEqual(["a.pdf", "b.pdf"]);
    expect(readdirSync(join(dir, "out", "2025-05"))).toEqual(["c.pdf"]);
    const written = files.map((f) => ({ name: f.name, kind: "form-a" as const, bytes: new Uint8Array(readFileSync(join(dir, "out", f.name))) }));
    const shape = await bench.shapeOf(written, repertoire);
    expect(shape.repertoire).toBe(repertoire);
    expect(shape.files.map((f) => ({ name: f.name, pages: f.pages.map((p) => [p.strings, p.fields]) }))).toEqual(
      files.map((f) => ({ name: f.name, pages: f.pages.map((p) => [p.strings, p.fields]) })),
    );
    const b = await PDFDocument.load(written[1].bytes);
    const font = b.getPages()[0].node.Resources()?.lookup(PDFName.of("Font"), PDFDict);
    expect(font?.get(PDFName.of("F1"))).toBeInstanceOf(PDFRef);
    expect(font?.lookup(PDFName.of("F1"), PDFDict).get(PDFName.of("BaseFont"))?.toString()).toMatch(/^\/DejaVuSans-\d+$/); // pdf-lib names a subset so
    expect(b.getPageCount()).toBe(2);
    expect(b.getForm().getFields()).toHaveLength(1);
  }, 60_000);
});
