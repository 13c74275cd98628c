// Writing the PDFs: whole or not at all. A full disk, a file-size limit or a killed run leaves no
// partial file under a form's name; the failure says what was written and what was not; the next
// run finishes the job, removes the temporary files a killed run left, and replaces a broken file an
// older run left (0 bytes, cut short) instead of keeping it in earlier/ as if it were a form sent.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cappedLines, namesText } from "../../../src/cli/capped";
import { formsCommand } from "../../../src/cli/commands/forms";
import type { Message } from "../../../src/forms";
import { tempDir } from "../../support/tempDir";

const ROOT = join(__dirname, "..", "..", "..");
const EXAMPLE = join(ROOT, "examples", "locum-2025-26.xlsx");
// The command as a user runs it, compiled into a folder of this test's own (other tests build build/cli).
const BUILD = join(ROOT, "build", "test-writing");
const CLI = join(BUILD, "cli", "index.js");
const SAMPLE = [EXAMPLE, "--today", "2026-04-30"];
/** The lines about what an interrupted run left (the sample year's own warnings aside). */
const interrupted = (err: string) => err.split("\n").filter((l) => l.includes("interrupted run"));
const tmp = () => tempDir("forms-writing-");

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await formsCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Every file under `dir`, "2025-05/x.pdf", hidden ones (the month's list, temporary files) too. */
function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? allFiles(join(dir, n)).map((x) => `${n}/${x}`) : [n]))
    .sort();
}
const pdfs = (dir: string) => allFiles(dir).filter((f) => f.endsWith(".pdf") && !f.split("/").pop()!.startsWith("."));
const temporary = (dir: string) => allFiles(dir).filter((f) => f.split("/").pop()!.startsWith(".locum-writing"));

/** pdfinfo on a file: its complaints (a cut-short PDF gives "Syntax Error" or fails). */
function pdfProblems(path: string): string {
  const r = spawnSync("pdfinfo", [path], { encoding: "utf8" });
  return r.status !== 0 ? `exit ${r.status}: ${r.stderr}` : /Syntax Error|Syntax Warning/.test(r.stderr) ? r.stderr : "";
}
function expectEveryPdfOpens(dir: string): void {
  const bad = pdfs(dir)
    .map((f) => [f, pdfProblems(join(dir, f))])
    .filter(([, p]) => p);
  expect(bad).toEqual([]);
}

let fresh: string; // the sample year written in one go: what every interrupted run must end up as
beforeAll(async () => {
  execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json", "--outDir", BUILD], { cwd: ROOT, stdio: "pipe" });
  fresh = tmp();
  expect((await run([...SAMPLE, "--out", fresh])).code).toBe(0);
  expect(pdfs(fresh)).toHaveLength(74);
}, 120_000);

function expectSameAsFresh(dir: string): void {
  expect(pdfs(dir)).toEqual(pdfs(fresh));
  for (const f of pdfs(fresh)) expect(readFileSync(join(dir, f)).equals(readFileSync(join(fresh, f)))).toBe(true);
  expect(temporary(dir)).toEqual([]);
}

describe("a full disk", () => {
  test("a file-size limit (ulimit -f) stops the first pack: the PDFs before it are whole, the message says what was and was not written", async () => {
    const dir = tmp();
    // 50 KB: the single forms (38-45 KB) fit, May's pack (61 KB) does not.
    const r = spawnSync("bash", ["-c", `ulimit -f 50 && exec node "${CLI}" forms "$@"`, "locum", ...SAMPLE, "--out", dir], { encoding: "utf8" });
    expect(r.status).toBe(1);
    const err = r.stderr.split("\n");
    expect(err).toContain(`locum forms: could not write 2025-05/12345678LOCMAY2025-pack-FormB-and-FormsA.pdf in ${dir} (EFBIG: file too large, write)`);
    expect(err).toContain(
      "  Written: May 2025, 4 of its 6 PDFs: 12345678LOCMAY2025-FormB.pdf, 12345678LOCMAY2025-FormA-01-Y02345-Riverside-Medical-Centre-RMC-101.pdf, 12345678LOCMAY2025-FormA-02-B86021-Castle-Street-Surgery-CSS-102.pdf, 12345678LOCMAY2025-FormA-03-B87013-Hillcrest-Surgery-HCS-103.pdf",
    );
    expect(err).toContain(
      "  Not written: May 2025, 2 of its 6 PDFs: 12345678LOCMAY2025-pack-FormB-and-FormsA.pdf, 12345678LOCMAY2025-PCSE-online-entry-sheet.pdf; June 2025, July 2025, August 2025, September 2025, October 2025, November 2025, December 2025, January 2026, February 2026, March 2026 (every PDF)",
    );
    expect(err).toContain(
      "  No file under a form's name is part-written (a PDF not written keeps what an earlier run wrote there, if anything). Make room (or fix the folder) and run again: PDFs already written are not rewritten.",
    );
    // What the message says was written is exactly what is there, each whole; nothing else is.
    expect(pdfs(dir)).toEqual(
      [
        "12345678LOCMAY2025-FormA-01-Y02345-Riverside-Medical-Centre-RMC-101.pdf",
        "12345678LOCMAY2025-FormA-02-B86021-Castle-Street-Surgery-CSS-102.pdf",
        "12345678LOCMAY2025-FormA-03-B87013-Hillcrest-Surgery-HCS-103.pdf",
        "12345678LOCMAY2025-FormB.pdf",
      ].map((n) => `2025-05/${n}`),
    );
    expectEveryPdfOpens(dir);
    expect(temporary(dir)).toEqual([]);
    // The month's list names what is in the folder, so the next run knows those files are its own.
    expect(JSON.parse(readFileSync(join(dir, "2025-05", ".locum-forms.json"), "utf8")).files).toHaveLength(4);
    // With room again, the next run finishes: nothing is taken for an earlier form.
    const again = await run([...SAMPLE, "--out", dir]);
    expect(again.code).toBe(0);
    expect(again.err).not.toMatch(/earlier|broken/);
    expectSameAsFresh(dir);
  }, 60_000);

  test("no space left part-way through the year (a failing write): months written, the month in hand, the months not reached", async () => {
    const dir = tmp();
    // The disk fills after 400 KB of PDFs: every later write to a file of ours fails as a full disk does.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require("node:fs") as typeof import("node:fs"); // the module object itself, as the CLI uses it
    const paths = new Map<number, string>();
    const realOpen = fs.openSync;
    const realWrite = fs.writeSync;
    let budget = 400_000;
    const open = jest.spyOn(fs, "openSync").mockImplementation(((p: import("node:fs").PathLike, ...rest: unknown[]) => {
      const fd = (realOpen as (...a: unknown[]) => number)(p, ...rest);
      paths.set(fd, String(p));
      return fd;
    }) as typeof fs.openSync);
    const write = jest.spyOn(fs, "writeSync").mockImplementation(((fd: number, buf: Uint8Array, ...rest: unknown[]) => {
      if (paths.get(fd)?.startsWith(dir)) {
        const len = (rest[1] as number | undefined) ?? buf.length;
        if (len > budget) {
          budget = 0;
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        }
        budget -= len;
      }
      return (realWrite as (...a: unknown[]) => number)(fd, buf, ...rest);
    }) as typeof fs.writeSync);
    let r;
    try {
      r = await run([...SAMPLE, "--out", dir]);
    } finally {
      open.mockRestore();
      write.mockRestore();
    }
    expect(r.code).toBe(1);
    const lines = r.err.split("\n");
    const failed = lines.find((l) => l.startsWith("locum forms: could not write "))!;
    expect(failed).toMatch(
      new RegExp(`^locum forms: could not write 2025-06/12345678LOCJUN2025-[^ ]+\\.pdf in ${dir} \\(the disk is full\\)$`), // the system's code in words
    );
    const written = lines.find((l) => l.startsWith("  Written: "))!;
    const missing = lines.find((l) => l.startsWith("  Not written: "))!;
    expect(written).toMatch(/^ {2}Written: May 2025 \(every PDF\); June 2025, \d of its \d PDFs: 12345678LOCJUN2025-FormB\.pdf/);
    expect(missing).toMatch(
      /^ {2}Not written: June 2025, \d of its \d PDFs: .*12345678LOCJUN2025-pack-FormB-and-FormsA\.pdf.*; July 2025, .*, March 2026 \(every PDF\)$/,
    );
    // Each file the message names as written is there, whole; each it names as not written is not.
    const june = written.replace(/^.*June 2025, \d of its \d PDFs: /, "").split(", ");
    const notJune = missing
      .replace(/^ {2}Not written: June 2025, \d of its \d PDFs: /, "")
      .replace(/; July.*$/, "")
      .split(", ");
    expect(pdfs(dir)).toEqual([...pdfs(fresh).filter((f) => f.startsWith("2025-05/")), ...june.map((n) => `2025-06/${n}`)].sort());
    for (const n of notJune) expect(existsSync(join(dir, "2025-06", n))).toBe(false);
    expectEveryPdfOpens(dir);
    expect(temporary(dir)).toEqual([]);
    const again = await run([...SAMPLE, "--out", dir]);
    expect([again.code, again.err]).toEqual([0, expect.not.stringMatching(/earlier|broken/)]);
    expectSameAsFresh(dir);
  }, 60_000);

  test("a flush that fails (an I/O error on the disk): that file and the rest of its month are not put in place", async () => {
    const dir = tmp();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require("node:fs") as typeof import("node:fs");
    const paths = new Map<number, string>();
    const realOpen = fs.openSync;
    const realFsync = fs.fsync;
    const open = jest.spyOn(fs, "openSync").mockImplementation(((p: import("node:fs").PathLike, ...rest: unknown[]) => {
      const fd = (realOpen as (...a: unknown[]) => number)(p, ...rest);
      paths.set(fd, String(p));
      return fd;
    }) as typeof fs.openSync);
    const sync = jest.spyOn(fs, "fsync").mockImplementation(((fd: number, cb: (e: Error | null) => void) => {
      if (paths.get(fd)?.endsWith("12345678LOCMAY2025-FormA-02-B86021-Castle-Street-Surgery-CSS-102.pdf"))
        return void setImmediate(() => cb(Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" })));
      return realFsync(fd, cb);
    }) as typeof fs.fsync);
    let r;
    try {
      r = await run([...SAMPLE, "--out", dir]);
    } finally {
      open.mockRestore();
      sync.mockRestore();
    }
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `locum forms: could not write 2025-05/12345678LOCMAY2025-FormA-02-B86021-Castle-Street-Surgery-CSS-102.pdf in ${dir} (EIO: i/o error, fsync)`,
    );
    expect(r.err).toContain(
      "  Written: May 2025, 2 of its 6 PDFs: 12345678LOCMAY2025-FormB.pdf, 12345678LOCMAY2025-FormA-01-Y02345-Riverside-Medical-Centre-RMC-101.pdf\n",
    );
    expect(pdfs(dir)).toEqual(["2025-05/12345678LOCMAY2025-FormA-01-Y02345-Riverside-Medical-Centre-RMC-101.pdf", "2025-05/12345678LOCMAY2025-FormB.pdf"]);
    expect(temporary(dir)).toEqual([]);
    expectEveryPdfOpens(dir);
  });

  test("a month whose PDFs cannot be made (a fault in the renderer): the months before it are written, and said so", async () => {
    const dir = tmp();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pack = require("../../../src/pdf/pack") as typeof import("../../../src/pdf/pack");
    const real = pack.monthFiles;
    const spy = jest.spyOn(pack, "monthFiles").mockImplementation(async (m, ...rest) => {
      if (m.monthKey === "2025-07") throw new Error("no glyph table");
      return real(m, ...rest);
    });
    let r;
    try {
      r = await run([...SAMPLE, "--out", dir]);
    } finally {
      spy.mockRestore();
    }
    expect(r.code).toBe(1);
    const lines = r.err.split("\n");
    const at = lines.indexOf("locum forms: could not make the PDFs of July 2025 (no glyph table)");
    expect(lines.slice(at, at + 4)).toEqual([
      "locum forms: could not make the PDFs of July 2025 (no glyph table)",
      "  Written: May 2025, June 2025 (every PDF)",
      "  Not written: July 2025, August 2025, September 2025, October 2025, November 2025, December 2025, January 2026, February 2026, March 2026 (every PDF)",
      "  No file under a form's name is part-written (a PDF not written keeps what an earlier run wrote there, if anything). Fix that and run again: PDFs already written are not rewritten.",
    ]);
    expect(pdfs(dir)).toEqual(pdfs(fresh).filter((f) => /^2025-0[56]\//.test(f)));
  });

  test("an output folder that cannot be written (a file in its place) is one clear failure", async () => {
    // --out itself a file: refused before anything is read (bad usage).
    const file = join(tmp(), "out");
    writeFileSync(file, "not a folder");
    const r = await run([...SAMPLE, "--out", file]);
    expect([r.code, r.err.trim()]).toEqual([2, `locum forms: --out ${file} is a file, not a folder: give a folder (it is made if it does not exist)`]);
    expect(readFileSync(file, "utf8")).toBe("not a folder");
    // A month's folder that is a file: that month and the rest not written, and said so.
    const dir = tmp();
    writeFileSync(join(dir, "2025-05"), "mine");
    const m = await run([...SAMPLE, "--out", dir]);
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/^locum forms: could not write 2025-05\/ in .* \(a part of the path is a file, not a folder\)$/m);
    expect(m.err).toContain("  Written: nothing");
    expect(readFileSync(join(dir, "2025-05"), "utf8")).toBe("mine");
  });
});

describe("a killed run", () => {
  test("SIGKILL once the first month's PDFs appear: every PDF under a form's name opens; the next run completes and keeps nothing broken", async () => {
    const dir = tmp();
    const child = spawn("node", [CLI, "forms", ...SAMPLE, "--out", dir], { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    const first = join(dir, "2025-05");
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (existsSync(first) && readdirSync(first).some((n) => n.endsWith(".pdf") && !n.startsWith("."))) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        }
      }, 2);
      child.on("exit", () => {
        clearInterval(timer);
        reject(new Error("the run ended before it could be killed"));
      });
    });
    await exited;
    expect(child.signalCode).toBe("SIGKILL");
    expect(pdfs(dir).length).toBeLessThan(74);
    expectEveryPdfOpens(dir);
    const again = await run([...SAMPLE, "--out", dir]);
    expect(again.code).toBe(0);
    expect(again.err).not.toMatch(/earlier\//);
    expect(existsSync(join(dir, "2025-05", "earlier"))).toBe(false);
    expectSameAsFresh(dir);
  }, 60_000);

  test("temporary files a killed run left are removed (and named); a live run's are not touched", async () => {
    const dir = tmp();
    expect((await run([...SAMPLE, "--out", dir, "--month", "2025-05"])).code).toBe(0);
    // A run that is over: its process id is free now. A run still going: this very process.
    const over = spawnSync("node", ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const host = hostname().replace(/[^A-Za-z0-9-]/g, "-") || "host";
    const dead = `.locum-writing.${host}.${over}.12345678LOCMAY2025-FormB.pdf`;
    const live = `.locum-writing.${host}.${process.ppid}.12345678LOCMAY2025-FormB.pdf`;
    writeFileSync(join(dir, "2025-05", dead), readFileSync(join(dir, "2025-05", "12345678LOCMAY2025-FormB.pdf")).subarray(0, 9000));
    writeFileSync(join(dir, "2025-05", live), "being written");
    const r = await run([...SAMPLE, "--out", dir, "--month", "2025-05"]);
    expect(r.code).toBe(0);
    expect(interrupted(r.err)).toEqual([`Warning: removed 1 temporary file an interrupted run left (2025-05/${dead}): no form had been written from it`]);
    expect(temporary(dir)).toEqual([`2025-05/${live}`]);
  });
});

describe("a broken file an older run left under a form's name is replaced, not kept as 'earlier'", () => {
  test("the issue's case: an older version, killed, left a 0-byte Form A (no list in the folder)", async () => {
    const dir = tmp();
    expect((await run([...SAMPLE, "--out", dir, "--month", "2025-05"])).code).toBe(0);
    unlinkSync(join(dir, "2025-05", ".locum-forms.json")); // as an older version left the folder
    const formA = "2025-05/12345678LOCMAY2025-FormA-01-Y02345-Riverside-Medical-Centre-RMC-101.pdf";
    truncateSync(join(dir, formA), 0);
    const r = await run([...SAMPLE, "--out", dir, "--month", "2025-05"]);
    expect(r.code).toBe(0);
    expect(interrupted(r.err)).toEqual([
      `Warning: replaced 1 PDF (${formA}) that an interrupted run left broken (empty, cut short or not a PDF): never a complete form, so not kept in earlier/`,
    ]);
    expect(existsSync(join(dir, "2025-05", "earlier"))).toBe(false);
    expect(readFileSync(join(dir, formA)).equals(readFileSync(join(fresh, formA)))).toBe(true);
  });

  test("a pack cut short by a full disk (49,152 bytes), a Form B that is not a PDF: replaced; a complete PDF that differs is kept in earlier/", async () => {
    const dir = tmp();
    expect((await run([...SAMPLE, "--out", dir, "--month", "2025-05"])).code).toBe(0);
    const at = (n: string) => join(dir, "2025-05", `12345678LOCMAY2025-${n}.pdf`);
    truncateSync(at("pack-FormB-and-FormsA"), 49_152);
    writeFileSync(at("FormB"), "<html>not a PDF</html>");
    // A complete PDF of another month at the entry sheet's name: a form someone may have sent.
    const other = readFileSync(join(fresh, "2025-06", "12345678LOCJUN2025-PCSE-online-entry-sheet.pdf"));
    writeFileSync(at("PCSE-online-entry-sheet"), other);
    const r = await run([...SAMPLE, "--out", dir, "--month", "2025-05"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      "Warning: replaced 2 PDFs (2025-05/12345678LOCMAY2025-FormB.pdf, 2025-05/12345678LOCMAY2025-pack-FormB-and-FormsA.pdf) that an interrupted run left broken",
    );
    expect(r.err).toContain("Warning: 1 PDF (2025-05/12345678LOCMAY2025-PCSE-online-entry-sheet.pdf) now say something different");
    expect(readdirSync(join(dir, "2025-05", "earlier"))).toEqual(["12345678LOCMAY2025-PCSE-online-entry-sheet.pdf"]);
    expect(readFileSync(join(dir, "2025-05", "earlier", "12345678LOCMAY2025-PCSE-online-entry-sheet.pdf")).equals(other)).toBe(true);
    expectEveryPdfOpens(dir);
    for (const f of pdfs(dir).filter((f) => !f.includes("/earlier/"))) expect(readFileSync(join(dir, f)).equals(readFileSync(join(fresh, f)))).toBe(true);
  });

  test("a user's own file at a form's name, not a PDF and not listed as ours: kept in earlier/, never deleted", async () => {
    const dir = tmp();
    expect((await run([...SAMPLE, "--out", dir, "--month", "2025-05"])).code).toBe(0);
    unlinkSync(join(dir, "2025-05", ".locum-forms.json"));
    writeFileSync(join(dir, "2025-05", "12345678LOCMAY2025-FormB.pdf"), "my notes on May");
    const r = await run([...SAMPLE, "--out", dir, "--month", "2025-05"]);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain("broken");
    expect(readFileSync(join(dir, "2025-05", "earlier", "12345678LOCMAY2025-FormB.pdf"), "utf8")).toBe("my notes on May");
  });
});

describe("many bad rows: one line for the kind; with --verbose the first 50 messages of a kind, then a count", () => {
  test("1,000 fees typed as text: one line naming the rows; --verbose: 50 errors, one line for the other 950, the total in the summary", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sessions");
    ws.addRow(["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Invoice", "Date submitted"]);
    for (let i = 0; i < 1000; i++)
      ws.addRow([
        new Date(Date.UTC(2025, 3, 1 + (i % 28))),
        "Riverside Medical Centre",
        "Y02345",
        `£${100 + i}`,
        new Date(Date.UTC(2025, 3, 30)),
        `R-${i}`,
        new Date(Date.UTC(2025, 4, 2)),
      ]);
    const d = wb.addWorksheet("Locum details");
    for (const r of [
      ["Surname", "Nguyễn"],
      ["Other names", "Zoë"],
      ["Date of birth", new Date(Date.UTC(1979, 10, 30))],
      ["NI number", "QQ123456C"],
      ["SD number", "12345678"],
      ["GMC number", 7654321],
      ["Address", "3 Rose Lane, York"],
      ["Email", "zoe@example.org"],
      ["Country", "England"],
      ["EA code", "Q99"],
      ["Tier rate", "9.8%"],
    ])
      d.addRow(r);
    const file = join(tmp(), "many.xlsx");
    await wb.xlsx.writeFile(file);
    const grouped = await run([file, "--out", tmp(), "--today", "2025-05-01"]);
    expect(grouped.code).toBe(1);
    expect(grouped.err.split("\n")).toEqual([
      'Error: Sessions rows 2 to 1001, Fee: must be a number of pounds, not the text "£100": type the amount as a number (a number stored as text, often from an import, is not read); not written: the forms of April 2025 (the first of 1,000 errors like it; --verbose shows each)',
    ]);
    expect(grouped.out).toMatch(/^1000 errors, 0 warnings: /m);
    const r = await run([file, "--out", tmp(), "--today", "2025-05-01", "--verbose"]);
    expect(r.code).toBe(1);
    const lines = r.err.split("\n");
    expect(lines.filter((l) => l.startsWith("Error: "))).toHaveLength(50);
    expect(lines[49]).toMatch(/^Error: Sessions row 51, Fee \(D51\): must be a number of pounds, not the text "£149"/);
    expect(lines[50]).toBe("… and 950 more errors like this, the next at Sessions row 52, Fee (D52); fix the ones above and run again to see them");
    expect(lines).toHaveLength(51);
    expect(r.out).toMatch(/^1000 errors, 0 warnings: /m);
  }, 120_000); // two runs of 1,000 rows
});

describe("capping by kind", () => {
  const msg = (i: number, level: Message["level"], kind?: string): Message => ({
    level,
    sheet: "Sessions",
    row: i,
    field: "Fee",
    cell: `D${i}`,
    text: `problem ${i}`,
    ...(kind ? { kind } : {}),
  });

  test("each kind keeps its own first 50; messages with no kind are grouped by level; order is kept", () => {
    // 60 "fee" errors, 3 "ten-week" errors and 55 warnings with no kind, interleaved as a sheet gives them.
    const all: Message[] = [];
    for (let i = 2; i < 62; i++) {
      all.push(msg(i, "error", "fee"));
      if (i < 5) all.push(msg(i, "error", "ten-week"));
      if (i < 57) all.push(msg(i, "warning"));
    }
    const lines = cappedLines(all);
    expect(lines.filter((l) => l.includes("Fee (D") && l.startsWith("Error"))).toHaveLength(53); // 50 fee + 3 ten-week
    expect(lines.filter((l) => l.startsWith("Warning"))).toHaveLength(50);
    // The count line comes right after the 50th of its kind.
    const fee = lines.indexOf("… and 10 more errors like this, the next at Sessions row 52, Fee (D52); fix the ones above and run again to see them");
    expect(lines[fee - 1]).toBe("Error: Sessions row 51, Fee (D51): problem 51");
    const warn = lines.indexOf("… and 5 more warnings like this, the next at Sessions row 52, Fee (D52); fix the ones above and run again to see them");
    expect(lines[warn - 1]).toBe("Warning: Sessions row 51, Fee (D51): problem 51");
    expect(lines).toHaveLength(50 + 3 + 50 + 2);
    // Both sides of the cap: 4 "fee" errors and a cap of 4 give no count line; 5 give one.
    expect(cappedLines(all.slice(0, 10), 4).filter((l) => l.startsWith("…"))).toEqual([]);
    expect(cappedLines(all.slice(0, 13), 4).filter((l) => l.startsWith("…"))).toEqual([
      "… and 1 more errors like this, the next at Sessions row 6, Fee (D6); fix the ones above and run again to see them",
      "… and 1 more warnings like this, the next at Sessions row 6, Fee (D6); fix the ones above and run again to see them",
    ]);
    expect(
      cappedLines(
        all.filter((m) => m.kind === "ten-week"),
        3,
      ),
    ).toHaveLength(3);
  });

  test("a list of files names the first 50 and counts the rest", () => {
    const names = Array.from({ length: 1234 }, (_, i) => `f${i}.pdf`);
    expect(namesText(names)).toBe(`1,234 PDFs (${names.slice(0, 50).join(", ")}, … and 1,184 more)`);
    expect(namesText(["a.pdf"])).toBe("1 PDF (a.pdf)");
  });
});
