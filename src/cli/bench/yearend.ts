// Bench: the accountant's year end. A folder of client workbooks, each a busy year (busyYear of
// forms.ts: 1,200 sessions at 15 practices), clients varied (names, fees, tier basis, country,
// other posts), then `locum yearend` on the folder as a user runs it: a fresh process, timed from
// start to exit, with its peak memory when /usr/bin/time can say it. Target: 50 clients in under 15 s.
//
//   node build/cli/bench/yearend.js [clients] [workers]    (npm run bench calls benchYearend())
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { serialToDay, ymdOfDay } from "../../rules";
import { busyYear } from "./forms";

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
}

export interface YearendMeasure extends YearendBench {
  workers: number;
  /** The process's peak resident memory (MB), or null when /usr/bin/time is not there. */
  peakMb: number | null;
  pdfs: number;
}

/** `locum yearend` on a folder of `clients` generated workbooks, as a fresh process. */
export async function measureYearend(clients: number, workers = 2, folder?: string): Promise<YearendMeasure> {
  const dir = folder ?? mkdtempSync(join(tmpdir(), "locum-bench-yearend-"));
  const cli = join(__dirname, "..", "index.js");
  try {
    const books = join(dir, `clients-${clients}`);
    mkdirSync(books, { recursive: true });
    for (let i = 0; i < clients; i++) {
      const file = join(books, `client-${String(i + 1).padStart(3, "0")}.xlsx`);
      if (!existsSync(file)) await writeClientWorkbook(file, i);
    }
    const out = join(dir, `out-${clients}-${workers}`);
    rmSync(out, { recursive: true, force: true });
    const args = [cli, "yearend", books, "--out", out, "--workers", String(workers), "--today", "2026-05-01"];
    const timed = existsSync("/usr/bin/time");
    const t0 = process.hrtime.bigint();
    const r = timed
      ? spawnSync("/usr/bin/time", ["-f", "peak-kb %M", process.execPath, ...args], { encoding: "utf8", maxBuffer: 1 << 28 })
      : spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 28 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`locum yearend exited ${r.status}: ${(r.stderr ?? "").split("\n").slice(-5).join(" / ")}`);
    const kb = /peak-kb (\d+)/.exec(r.stderr ?? "");
    const pdfs = readdirSync(out).filter((n) => n.endsWith(".pdf")).length;
    if (pdfs !== clients) throw new Error(`expected ${clients} summary PDFs, found ${pdfs}`);
    return { clients, seconds, workers, peakMb: kb ? Math.round(Number(kb[1]) / 1024) : null, pdfs };
  } finally {
    if (!folder) rmSync(dir, { recursive: true, force: true });
  }
}

/** For npm run bench: 50 clients, the default two workers; prints one line, returns {clients, seconds}. */
export async function benchYearend(): Promise<YearendBench> {
  const m = await measureYearend(50);
  const met = m.seconds < YEAREND_TARGET_SECONDS ? "met" : "NOT met";
  console.log(
    `yearend: ${m.clients} client workbooks (a busy year each) in ${m.seconds.toFixed(2)} s, a fresh locum yearend process with ${m.workers} workers (target < ${YEAREND_TARGET_SECONDS} s: ${met}); peak memory ${m.peakMb === null ? "not measured" : `${m.peakMb} MB`}`,
  );
  return { clients: m.clients, seconds: Number(m.seconds.toFixed(3)) };
}

if (require.main === module) {
  const clients = Number(process.argv[2] ?? 50);
  const workers = Number(process.argv[3] ?? 2);
  const keep = process.argv[4];
  measureYearend(clients, workers, keep).then(
    (m) => console.log(JSON.stringify(m)),
    (e: Error) => {
      console.error(`bench yearend: ${e.message}`);
      process.exitCode = 1;
    },
  );
}
