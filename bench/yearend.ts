// Bench: the accountant's year end. A folder of client workbooks, each a busy year (busyYear of
// forms.ts: 1,200 sessions at 15 practices), clients varied (names, fees, tier basis, country,
// other posts), then `locum yearend` on the folder as a user runs it: a fresh process, timed from
// start to exit, with the peak memory of the whole process. 50 clients (target under 15 s) and 500
// (targets: under 12 s on two cores, peak under 300 MB, flat from 50 to 500).
//
//   node build/bench/yearend.js [clients] [workers]    (npm run bench calls benchYearend())
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { serialToDay, ymdOfDay } from "../src/rules";
import { busyYear } from "./forms";
import { measured } from "./measure";

export const YEAREND_TARGET_SECONDS = 15;

const SURNAMES = ["Nguyễn", "O'Neill", "Patel", "Jones", "Łukasiewicz", "Smith", "Ahmed", "Evans", "Williams", "Zoë-Brown"];
const DATE_COLUMNS = new Set(["Date worked", "Date paid", "Date submitted"]);

const asDate = (serial: number) => {
  const { y, m, d } = ymdOfDay(serialToDay(serial)!);
  return new Date(Date.UTC(y, m - 1, d));
};

/** Client i's year: the busy year's sessions with its own fees, and details of its own. */
export function clientYear(i: number): { rows: unknown[][]; details: unknown[][] } {
  const { rows, details } = busyYear();
  const fee = rows[0].indexOf("Fee");
  // Fees from about 80 % to 130 % of the busy year's, in pennies sometimes: tiers differ by client.
  const scale = 0.8 + ((i * 7) % 11) / 20;
  const sessions = rows.map((r, k) =>
    k === 0 ? r : r.map((v, c) => (c === fee ? Math.round((v as number) * scale * (i % 3 === 0 ? 100 : 1)) / (i % 3 === 0 ? 100 : 1) : v)),
  );
  const mine = new Map(details.map(([k, v]) => [k as string, v]));
  mine.set("Surname", SURNAMES[i % SURNAMES.length]);
  mine.set("SD number", String(10000000 + i * 7919));
  if (i % 5 === 1) mine.set("Country", "Wales");
  if (i % 5 === 1) mine.set("Host LHB ref", "LHB-7");
  // The tier basis: an estimate, a Tier rate (right or wrong for the year), or the rows annualised.
  mine.delete("Estimated pensionable pay");
  if (i % 4 === 0) mine.set("Estimated pensionable pay", 40000 + i * 1000);
  else if (i % 4 === 1) mine.set("Tier rate", "9.8%");
  else if (i % 4 === 2) mine.set("Tier rate", "12.5%");
  if (i % 6 === 5) {
    mine.set("Other practitioner pay", 20000 + i * 100);
    mine.set("Other days of service", 120);
  }
  return { rows: sessions, details: [["Detail", "Value"], ...mine] };
}

/** Client i's workbook, as Excel would keep it: Sessions (dates as date cells) and Locum details. */
export async function writeClientWorkbook(path: string, i: number): Promise<void> {
  const { rows, details } = clientYear(i);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sessions");
  const header = rows[0] as string[];
  ws.addRow(header);
  for (const r of rows.slice(1)) ws.addRow(r.map((v, c) => (DATE_COLUMNS.has(header[c]) && typeof v === "number" ? asDate(v) : v)));
  header.forEach((h, c) => DATE_COLUMNS.has(h) && (ws.getColumn(c + 1).numFmt = "dd/mm/yyyy"));
  const d = wb.addWorksheet("Locum details");
  for (const r of details) d.addRow(r as ExcelJS.CellValue[]);
  await wb.xlsx.writeFile(path);
}

export interface YearendBench {
  clients: number;
  seconds: number;
  /** Peak memory of the whole process (workers included), MB; null where it cannot be read. */
  peak_mb: number | null;
}

export interface YearendMeasure extends YearendBench {
  pdfs: number;
}

/** Distinct workbooks made with exceljs; past them, copies with another locum's SD number. */
const MADE = 50;

/**
 * Client k's workbook: the first 50 written by exceljs as Excel would keep them; each later one a
 * copy of client k % 50 with an SD number of its own (a distinct locum, the same work), made in
 * milliseconds where exceljs takes about 0.2 s of a core a workbook.
 */
async function clientWorkbook(books: string, k: number): Promise<void> {
  const file = join(books, `client-${String(k + 1).padStart(3, "0")}.xlsx`);
  if (existsSync(file)) return;
  if (k < MADE) return writeClientWorkbook(file, k);
  const base = join(books, `client-${String((k % MADE) + 1).padStart(3, "0")}.xlsx`);
  await clientWorkbook(books, k % MADE);
  const parts = unzipSync(readFileSync(base));
  const sd = (i: number) => String(10000000 + i * 7919);
  const xml = strFromU8(parts["xl/sharedStrings.xml"]);
  if (!xml.includes(`>${sd(k % MADE)}<`)) throw new Error(`${base}: its SD number is not among its shared strings`);
  parts["xl/sharedStrings.xml"] = strToU8(xml.replace(`>${sd(k % MADE)}<`, `>${sd(k)}<`));
  writeFileSync(file, zipSync(parts));
}

/** `locum yearend` on a folder of `clients` workbooks, as a fresh process (its own --workers when `workers` is not given). */
export async function measureYearend(clients: number, workers?: number, folder?: string): Promise<YearendMeasure> {
  const dir = folder ?? mkdtempSync(join(tmpdir(), "locum-bench-yearend-"));
  const cli = join(__dirname, "..", "cli", "index.js");
  try {
    // One folder of workbooks: a run of 50 reads the first 50 of them.
    const all = join(dir, "clients");
    mkdirSync(all, { recursive: true });
    for (let k = 0; k < clients; k++) await clientWorkbook(all, k);
    const books = join(dir, `clients-${clients}`);
    mkdirSync(books, { recursive: true });
    for (let k = 0; k < clients; k++) {
      const name = `client-${String(k + 1).padStart(3, "0")}.xlsx`;
      if (!existsSync(join(books, name))) linkSync(join(all, name), join(books, name));
    }
    const out = join(dir, `out-${clients}-${workers ?? "default"}`);
    rmSync(out, { recursive: true, force: true });
    const args = [cli, "yearend", books, "--out", out, ...(workers ? ["--workers", String(workers)] : []), "--today", "2026-05-01"];
    const r = await measured(args);
    if (r.status !== 0) throw new Error(`locum yearend exited ${r.status}: ${r.stderr.split("\n").slice(-5).join(" / ")}`);
    const pdfs = readdirSync(out).filter((n) => n.endsWith(".pdf")).length;
    if (pdfs !== clients) throw new Error(`expected ${clients} summary PDFs, found ${pdfs}`);
    return { clients, seconds: Number(r.seconds.toFixed(3)), peak_mb: r.peakMb, pdfs };
  } finally {
    if (!folder) rmSync(dir, { recursive: true, force: true });
  }
}

const line = (m: YearendMeasure, target: string) =>
  `yearend: ${m.clients} client workbooks (a busy year each) in ${m.seconds.toFixed(2)} s, a fresh locum yearend process with its own number of workers (${target}); peak memory ${m.peak_mb === null ? "not measured" : `${m.peak_mb} MB`}`;

/** For npm run bench: 50 clients (as before) and 500; one line each. */
export async function benchYearend(): Promise<{ yearend: YearendBench; yearend_500: YearendBench }> {
  const dir = mkdtempSync(join(tmpdir(), "locum-bench-yearend-"));
  try {
    const fifty = await measureYearend(50, undefined, dir);
    console.log(line(fifty, `target < ${YEAREND_TARGET_SECONDS} s: ${fifty.seconds < YEAREND_TARGET_SECONDS ? "met" : "NOT met"}`));
    const many = await measureYearend(500, undefined, dir);
    const flat = fifty.peak_mb && many.peak_mb ? ` (${(many.peak_mb / fifty.peak_mb).toFixed(2)}× the peak of 50)` : "";
    console.log(
      `${line(many, `target < ${YEAREND_500_TARGET.seconds} s: ${many.seconds < YEAREND_500_TARGET.seconds ? "met" : "NOT met"}`)}${flat}; target < ${YEAREND_500_TARGET.peak_mb} MB: ${many.peak_mb !== null && many.peak_mb < YEAREND_500_TARGET.peak_mb ? "met" : "NOT met"}`,
    );
    const { pdfs: _a, ...yearend } = fifty;
    const { pdfs: _b, ...yearend_500 } = many;
    return { yearend, yearend_500 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const YEAREND_500_TARGET = { seconds: 12, peak_mb: 300 };

if (require.main === module) {
  const clients = Number(process.argv[2] ?? 50);
  const workers = process.argv[3] ? Number(process.argv[3]) : undefined;
  const keep = process.argv[4];
  measureYearend(clients, workers, keep).then(
    (m) => console.log(JSON.stringify(m)),
    (e: Error) => {
      console.error(`bench yearend: ${e.message}`);
      process.exitCode = 1;
    },
  );
}
