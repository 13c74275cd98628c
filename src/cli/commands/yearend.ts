// locum yearend <workbook.xlsx | folder>: the year end of each client's workbook, as the forms
// layer works it out (the same engine call as LOCUM.YEAREND): a summary PDF per client, one CSV for
// a folder, --json for a program. Clients are worked out on worker threads (yearendPool.ts) and
// given back in the folder's order; each is written as soon as it is back, then let go.
// What it prints (docs/messages.md): stdout, one line per client (its years and its counts of
// errors and warnings) and the totals; each client's messages go to "<workbook> messages.txt" beside
// its summary, one line per kind of finding on stderr for a single workbook, and every message with
// --verbose. stderr also has the bar, on a terminal only, cleared before any other line.
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { dateText, FIRST_DAY, LAST_DAY, pounds, schemeYearEnd, schemeYearLabel, schemeYearOf } from "../../engine";
import { type CsvRecord, yearEndCsv, yearEndCsvRecord, YearEndTotals } from "../../yearend";
import { LocumError, type RuleData, yearOfLabel } from "../../rules";
import { oneLine, parseArgs, ruleDataOf, SETTING_FLAGS, settingPairs, settingsOf, UsageError } from "../args";
import { count } from "../capped";
import { type Io, processIo } from "../io";
import { nodeFonts } from "../resources";
import type { ClientOptions, ClientResult, ClientTask } from "../workers/clientResult";
import { type ClientList, listClients, writeKept, type Written } from "../files/yearendFiles";
import { plainCode } from "../files/fileCheck";
import { lockOut } from "../files/outLock";
import { cleanTemps } from "../files/wholeFiles";
import { type ClientDone, clientsInOrder } from "../workers/yearendPool";
import { YEAREND_USAGE } from "./yearendUsage";

export { YEAREND_USAGE };

/** Where a run writes unless --out says otherwise. */
export const DEFAULT_OUT = join("out", "yearend");
export const CSV_NAME = "year-end.csv";

/** The command's output, and its terminal (a progress bar on stderr when it is one). */
export interface YearendIo extends Io {
  /** stderr is a terminal: draw a progress bar (default: asked of the process when io is processIo). */
  tty?: boolean;
  /** Write to stderr without a line end (the bar redraws itself). */
  raw?: (s: string) => void;
  /** The terminal's width. */
  columns?: number;
}

/** For tests: another worker script, a smaller memory cap per client (MB). */
export interface YearendHooks {
  workerFile?: string;
  memoryMb?: number;
}

interface Run {
  list: ClientList;
  out: string;
  json: boolean;
  workers: number;
  options: ClientOptions;
  forms: boolean;
  verbose: boolean;
  year: number | null;
}

/** The nearest part of `path` that exists, when it is a file rather than a folder (--out cannot be made there). */
function fileInTheWay(path: string): string | null {
  for (let p = resolve(path); ; p = dirname(p)) {
    try {
      return statSync(p).isDirectory() ? null : p;
    } catch {
      if (dirname(p) === p) return null;
    }
  }
}

/** --year 2025/26 (or 2025-26) → 2025. */
function yearOption(v: string | true | undefined): number | null {
  if (v === undefined) return null;
  const text = v === true ? "" : v.trim();
  const y = yearOfLabel(text.replace(/^(\d{4})-(\d{2})$/, "$1/$2"));
  if (y === null || y < schemeYearOf(FIRST_DAY) || schemeYearEnd(y) > LAST_DAY)
    throw new LocumError(`--year must be a scheme year such as 2025/26, not "${text}"`);
  return y;
}

/**
 * Clients at once when --workers is not given: two from two cores (a client is now light enough that
 * the command's own thread, which writes, leaves the second core to a second worker: 500 clients in
 * 10.3-11.2 s with two on the bench's two cores; 21.8 s with one, measured before the young
 * generation grew to 48 MB), one on a single core.
 */
export const defaultWorkers = (cores = availableParallelism()) => (cores >= 2 ? 2 : 1);

function workersOption(v: string | true | undefined): number {
  if (v === undefined) return defaultWorkers();
  const n = v === true ? NaN : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new LocumError(`--workers must be a whole number from 1 to 16, not "${v === true ? "" : v}"`);
  return n;
}

function parse(args: string[]): Run | "help" {
  const p = parseArgs(args, ["out", "year", "rules", "cpi", "sheet", "today", "workers", ...SETTING_FLAGS], ["json", "forms", "verbose", "help"], "yearend");
  if (p.flags.has("help")) return "help";
  if (!p.positional.length)
    throw new LocumError("give a client's workbook (.xlsx) or a folder of them: locum yearend <workbook.xlsx | folder> [--out DIR] ...");
  const out = p.flags.get("out");
  if (out === true || (typeof out === "string" && out.trim() === "")) throw new LocumError("--out needs a folder name");
  const file = typeof out === "string" ? fileInTheWay(out) : null;
  if (file !== null)
    throw new LocumError(
      file === resolve(out as string)
        ? `--out ${out} is a file, not a folder: give a folder (it is made when it does not exist)`
        : `--out ${out}: ${file} is a file, not a folder, so the folder cannot be made there`,
    );
  settingsOf(p); // bad values are usage errors, before any workbook is read
  const today = p.flags.get("today");
  const rules: RuleData | undefined = ruleDataOf(p);
  const sheet = p.flags.get("sheet");
  if (sheet === true) throw new LocumError("--sheet needs a sheet name");
  const year = yearOption(p.flags.get("year"));
  const workers = workersOption(p.flags.get("workers"));
  const list = listClients(p.positional);
  return {
    list,
    out: typeof out === "string" ? out : DEFAULT_OUT,
    json: p.flags.has("json"),
    workers,
    forms: p.flags.has("forms"),
    verbose: p.flags.has("verbose"),
    year,
    options: {
      sheet: typeof sheet === "string" ? sheet : undefined,
      rules,
      settings: settingPairs(p),
      years: year === null ? undefined : [year],
      today: today === undefined ? undefined : dateText(today === true ? "" : today, "--today"),
      perKind: list.many ? 10 : 50,
    },
  };
}

export async function yearendCommand(args: string[], io: YearendIo = processIo, hooks: YearendHooks = {}): Promise<number> {
  let run: Run | "help";
  try {
    run = parse(args);
  } catch (e) {
    if (!(e instanceof LocumError)) throw e;
    // parseArgs's UsageError already says where the help is when it matters (an unknown option).
    io.err(`locum yearend: ${oneLine(e.message)}${e instanceof UsageError ? "" : " (try locum yearend --help)"}`);
    return 2;
  }
  if (run === "help") {
    io.out(YEAREND_USAGE);
    return 0;
  }
  return new Folder(run, terminal(io)).go(hooks);
}

function terminal(io: YearendIo): Required<YearendIo> {
  const proc = io === processIo;
  return {
    out: io.out,
    err: io.err,
    tty: io.tty ?? (proc && Boolean(process.stderr.isTTY)),
    raw: io.raw ?? ((s) => process.stderr.write(s)),
    columns: io.columns ?? (proc ? process.stderr.columns || 80 : 80),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** "0 errors, 2 rows to leave off, 3 warnings": rows to leave off are errors that stop no figure of the year end. */
const countsText = (r: ClientResult) =>
  [
    plural(r.errors - r.leaveOff, "error"),
    ...(r.leaveOff ? [plural(r.leaveOff, "row to leave off", "rows to leave off")] : []),
    plural(r.warnings, "warning"),
  ].join(", ");

/** The run: clients in, results out in order, each written and reported as it comes. */
class Folder {
  private done = 0;
  private withErrors: string[] = [];
  private empty = 0;
  private csv: CsvRecord[] = [];
  /** Which years count in the totals, and what they add up to (src/forms decides). */
  private sums = new YearEndTotals();
  private pdfs: Record<Written, number> = { written: 0, unchanged: 0, replaced: 0 };
  private messageFiles: Record<Written, number> = { written: 0, unchanged: 0, replaced: 0 };
  /** This client's lines that are printed whatever the options (a file not written). */
  private failures: string[] = [];
  private pdfNames = new Map<string, string>();
  private writeFailed = false;
  private first = true;
  private bar = "";

  constructor(
    private run: Run,
    private io: Required<YearendIo>,
  ) {}

  async go(hooks: YearendHooks): Promise<number> {
    const { list, out, options } = this.run;
    const tasks: ClientTask[] = list.clients.map((c, index) => ({
      index,
      file: c.file,
      client: c.client,
      options,
      ...(this.run.forms ? { formsDir: join(out, "forms", c.stem) } : {}),
    }));
    let release: () => void;
    try {
      release = lockOut(out, "locum yearend"); // a second run into this folder waits its turn
    } catch (e) {
      this.io.err(`locum yearend: ${oneLine((e as Error).message)}`);
      return 2;
    }
    try {
      return await this.clients(tasks, hooks);
    } finally {
      release();
    }
  }

  private async clients(tasks: ClientTask[], hooks: YearendHooks): Promise<number> {
    const { list, out } = this.run;
    const total = list.clients.length;
    try {
      const cleaned = cleanTemps(out);
      if (cleaned.length)
        this.note(
          `Removed ${plural(cleaned.length, "temporary file")} an interrupted run left in ${out} (${cleaned.slice(0, 5).join(", ")}${cleaned.length > 5 ? ", …" : ""}): nothing had been written from them`,
        );
    } catch (e) {
      this.io.err(`locum yearend: cannot use ${out} as the output folder (${plainCode(e)})`);
      return 2;
    }
    if (list.skipped.length)
      this.note(
        `Skipped ${plural(list.skipped.length, "file")} that ${list.skipped.length === 1 ? "is" : "are"} not a workbook but Excel's lock or macOS's hidden file: ${list.skipped.join(", ")} (the workbook itself is read)`,
      );
    if (list.subfolders.length)
      this.note(
        `Subfolders are not read (${list.subfolders.slice(0, 5).join(", ")}${list.subfolders.length > 5 ? ", …" : ""}): give a subfolder to read its workbooks`,
      );
    if (this.run.json) this.io.out(`{"clients": [`);
    else if (list.many) this.io.out(`Year end${this.run.year === null ? "" : ` ${this.yearLabel()}`} of ${plural(total, "client workbook")}:`);
    this.progress();
    for await (const d of clientsInOrder(tasks, { workers: this.run.workers, workerFile: hooks.workerFile, memoryMb: hooks.memoryMb, fonts: nodeFonts }))
      this.client(d, total);
    this.clearBar();
    const csvState = list.many ? this.writeCsv() : null;
    this.summary(csvState);
    return this.withErrors.length || this.writeFailed ? 1 : 0;
  }

  private yearLabel(): string {
    return schemeYearLabel(this.run.year!);
  }

  // ---- output: stdout for the results (or the JSON), stderr for messages and progress ----

  private clearBar(): void {
    if (this.bar) this.io.raw("\r\x1b[2K");
    this.bar = "";
  }

  private progress(): void {
    if (!this.io.tty || !this.run.list.many) return;
    const total = this.run.list.clients.length;
    const width = 24;
    const filled = Math.round((this.done / total) * width);
    const errors = this.withErrors.length ? ` · ${plural(this.withErrors.length, "with errors", "with errors")}` : "";
    const next = this.run.list.clients[this.done]?.client;
    const text = `yearend [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${this.done}/${total} clients${errors}${next ? ` · ${next}` : ""}`;
    this.bar = text.slice(0, Math.max(20, this.io.columns - 1));
    this.io.raw(`\r\x1b[2K${this.bar}`);
  }

  private say(line: string): void {
    this.clearBar();
    this.io.out(line);
  }

  private note(line: string): void {
    this.clearBar();
    this.io.err(line);
  }

  private client({ result: r, pdf }: ClientDone, total: number): void {
    this.done++;
    const { many } = this.run.list;
    const tag = many ? `[${this.done}/${total}] ` : "";
    const pdfPath = pdf && r.pdfName ? this.writePdf(r, pdf) : null;
    if (r.state === "errors" || r.state === "unreadable") this.withErrors.push(r.client);
    if (r.state === "empty") this.empty++;
    if (r.forms?.writeFailed) this.writeFailed = true; // its forms not all written: not a run to call done
    this.count(r);
    const messagesPath = r.state === "unreadable" ? null : this.writeMessages(r, pdfPath);
    const line = `${tag}${this.clientLine(r, messagesPath)}`;
    if (this.run.json) {
      this.io.out(`${this.first ? "" : ","}${JSON.stringify(this.jsonOf(r, pdfPath, messagesPath))}`);
      this.first = false;
      if (!this.io.tty && many) this.note(line);
    } else this.say(line);
    // Its messages on the terminal: every one with --verbose; one line per kind for a single
    // workbook; none for a folder (they are in its messages file), so client lines stay one each.
    const forms = r.forms?.lines.map((l) => `forms: ${l}`) ?? [];
    const shown = this.run.verbose ? [...r.lines, ...forms] : many ? this.failures : [...r.grouped, ...forms];
    for (const l of shown) this.note(`${r.client}: ${l}`);
    if (this.run.verbose || !many) for (const l of this.failures.filter((f) => !shown.includes(f))) this.note(`${r.client}: ${l}`);
    this.failures = [];
    this.progress();
  }

  /** "lowe.xlsx: 2025/26 top-up to PCSE £97.20 (due £450.00, paid £352.80) · 0 errors, 1 warning (see lowe messages.txt)". */
  private clientLine(r: ClientResult, messagesPath: string | null): string {
    if (r.state === "unreadable") return `${r.client}: not read: ${r.problem}`;
    // A year not final says so in its own line (outcomeText): "2025/26 not final: £31.62 underpaid on the months made".
    const years = r.years.map((y) => `${y.label} ${y.line.charAt(0).toLowerCase()}${y.line.slice(1)}`);
    const what = r.problem ?? (r.state === "empty" ? `no work or Forms B${this.run.year === null ? "" : ` in ${this.yearLabel()}`}` : years.join("; "));
    const see = messagesPath && r.full.length ? ` (see ${basename(messagesPath)})` : "";
    const forms = r.forms ? ` · Forms A and B: ${r.forms.summary}${r.forms.code ? ` (locum forms status ${r.forms.code})` : ""}` : "";
    return `${r.client}: ${what} · ${countsText(r)}${see}${forms}`;
  }

  private count(r: ClientResult): void {
    const copies = this.sums.add({ index: r.index, file: r.client, locum: r.locum, years: r.years });
    const copyOf = new Map(r.years.map((y, i) => [y, copies[i]]));
    // A copy of a year already counted: said plainly, naming both workbooks (the first in the folder's order counts).
    for (const [y, first] of copyOf) {
      if (first === null || !r.locum) continue;
      this.tell(
        r,
        `Warning: ${r.client} and ${first} both hold ${r.locum.name}${r.locum.sdNumber ? ` (SD ${r.locum.sdNumber})` : ""}'s ${y.label}: the totals count it once, from ${first} (the first in the folder's order), and leave ${r.client}'s out; keep one workbook per locum and year (a copy left in the folder?)`,
      );
    }
    const lines = r.years.length
      ? r.years.map((y) => {
          const first = copyOf.get(y);
          // The CSV line says so too, in its status.
          return first ? { ...y.csv, tail: [`${y.csv.tail[0]}; same locum and year as ${first}: not in the totals`, ...y.csv.tail.slice(1)] } : y.csv;
        })
      : [yearEndCsvRecord({ client: r.client, result: null, status: this.csvStatus(r), errors: r.errors, warnings: r.warnings })];
    this.csv.push(...lines);
  }

  private csvStatus(r: ClientResult): string {
    if (r.state === "unreadable") return `error: not read: ${r.problem}`;
    if (r.state === "empty") return `nothing${this.run.year === null ? "" : ` in ${this.yearLabel()}`}: no work or Forms B`;
    const first = r.messages.find((m) => m.level === "error");
    const where = first ? `${first.sheet}${first.row !== undefined ? ` row ${first.row}` : ""}${first.field ? `, ${first.field}` : ""}: ${first.text}` : "";
    return `error: ${r.problem ?? `${plural(r.errors, "error")}`}${where ? `; first: ${where}` : ""}`;
  }

  private jsonOf(r: ClientResult, pdfPath: string | null, messagesPath: string | null): Record<string, unknown> {
    return {
      file: r.client,
      status: r.state === "empty" ? "nothing" : r.state === "done" ? "done" : "errors",
      ...(r.problem ? { problem: r.problem } : {}),
      locum: r.locum,
      pdf: pdfPath,
      messagesFile: messagesPath,
      years: r.years.map((y) => {
        const first = this.sums.copies.find((d) => d.file === r.client && d.schemeYear === y.label)?.first;
        return first ? { ...y.json, duplicateOf: first } : y.json;
      }),
      errors: r.errors,
      leaveOff: r.leaveOff,
      warnings: r.warnings,
      messages: r.messages,
      messagesNotShown: Math.max(0, r.errors + r.warnings - r.messages.length),
      ...(r.forms ? { forms: { status: r.forms.code, summary: r.forms.summary } } : {}),
    };
  }

  // ---- files ----

  /** The client's summary, written whole; a second client with the same name (a copy of a workbook) gets its file's name added. */
  private writePdf(r: ClientResult, pdf: Uint8Array): string | null {
    let name = r.pdfName!;
    const before = this.pdfNames.get(name);
    if (before !== undefined) {
      const stem = r.client.replace(/\.[^.]+$/, "").replace(/[^\p{L}\p{N}._-]+/gu, "-");
      name = name.replace(/\.pdf$/, `-${stem}.pdf`);
      this.tell(r, `Note: the summary of ${before} has the same name (the same locum and years): this one is ${name}`);
    }
    this.pdfNames.set(name, r.client);
    try {
      this.pdfs[writeKept(this.run.out, name, pdf)]++;
      return join(this.run.out, name);
    } catch (e) {
      this.writeFailed = true;
      this.tell(
        r,
        `Error: could not write ${join(this.run.out, name)} (${plainCode(e)}): nothing is under that name from this run; make room (or fix the folder) and run again`,
        true,
      );
      return null;
    }
  }

  /** A line the run adds to a client's messages (a copy of a year, a renamed summary); `always`: printed even for a folder (a file not written). */
  private tell(r: ClientResult, line: string, always = false): void {
    for (const list of [r.lines, r.grouped, r.full]) list.unshift(line);
    if (always) this.failures.push(line);
  }

  /**
   * "<workbook> messages.txt" beside the summary, written whole: the counts, one line per kind of
   * finding, then every message. Written for every client read (with none, it says so), so an
   * earlier run's file never stands for this one's.
   */
  private writeMessages(r: ClientResult, pdfPath: string | null): string | null {
    const name = `${this.run.list.clients[r.index].stem} messages.txt`;
    const who = r.locum ? ` (${r.locum.name}${r.locum.sdNumber ? `, SD ${r.locum.sdNumber}` : ""})` : "";
    const forms = r.forms ? [``, `Forms A and B (--forms): ${r.forms.summary}`, ...r.forms.lines] : [];
    const text = [
      `Messages of ${r.client}${who}, from locum yearend${this.run.year === null ? "" : ` --year ${this.yearLabel()}`}: ${countsText(r)}`,
      `Summary: ${pdfPath ? basename(pdfPath) : "none written"}`,
      ...(r.full.length
        ? [``, `One line per kind of finding (errors first, then what changes money or eligibility):`, ...r.grouped, ``, `Every message, as found:`, ...r.full]
        : [``, `No errors or warnings.`]),
      ...forms,
    ];
    try {
      this.messageFiles[writeKept(this.run.out, name, Buffer.from(`${text.join("\n")}\n`, "utf8"))]++;
      return join(this.run.out, name);
    } catch (e) {
      this.writeFailed = true;
      this.failures.push(
        `Error: could not write ${join(this.run.out, name)} (${plainCode(e)}): nothing is under that name from this run; make room (or fix the folder) and run again`,
      );
      return null;
    }
  }

  private writeCsv(): { path: string; state: Written } | null {
    const text = yearEndCsv(this.csv);
    const path = join(this.run.out, CSV_NAME);
    try {
      return { path, state: writeKept(this.run.out, CSV_NAME, Buffer.from(text, "utf8")) };
    } catch (e) {
      this.writeFailed = true;
      this.note(
        `locum yearend: could not write ${path} (${plainCode(e)}): nothing is under that name from this run; make room (or fix the folder) and run again`,
      );
      return null;
    }
  }

  private summary(csv: { path: string; state: Written } | null): void {
    const total = this.run.list.clients.length;
    const ok = total - this.withErrors.length - this.empty;
    const errs = this.withErrors.length
      ? `, ${count(this.withErrors.length)} with errors (${this.withErrors.slice(0, 10).join(", ")}${this.withErrors.length > 10 ? ", …" : ""})`
      : "";
    const nothing = this.empty ? `, ${count(this.empty)} with nothing${this.run.year === null ? "" : ` in ${this.yearLabel()}`}` : "";
    const clients = plural(total, "client");
    const left = [
      this.sums.notFinal ? `${plural(this.sums.notFinal, "year")} not final` : "",
      this.sums.inProgress ? `${plural(this.sums.inProgress, "year")} in progress (not yet ended)` : "",
      this.sums.copies.length ? `${plural(this.sums.copies.length, "copy", "copies")} of a year already counted` : "",
    ].filter(Boolean);
    const money = `top-ups ${pounds(this.sums.topUps)} (${plural(this.sums.topUpClients.size, "client")}), refunds ${pounds(this.sums.refunds)} (${plural(this.sums.refundClients.size, "client")})${left.length ? `; left out of the totals: ${left.join(", ")}` : ""}`;
    const written = (p: Record<Written, number>, one: string, many: string) => {
      const n = p.written + p.unchanged + p.replaced;
      const detail = [
        p.written ? `${count(p.written)} new` : "",
        p.replaced ? `${count(p.replaced)} changed (the earlier ${p.replaced === 1 ? "copy is" : "copies are"} in ${join(this.run.out, "earlier")})` : "",
        p.unchanged ? `${count(p.unchanged)} unchanged` : "",
      ].filter(Boolean);
      return `${plural(n, one, many)}${n ? ` (${detail.join(", ")})` : ""}`;
    };
    const messageFiles = this.messageFiles.written + this.messageFiles.unchanged + this.messageFiles.replaced;
    const files = `${written(this.pdfs, "summary PDF", "summary PDFs")}${messageFiles ? `, ${written(this.messageFiles, "messages file", "messages files")}` : ""}${csv ? `, ${CSV_NAME} (${plural(this.csv.length, "line")}${csv.state === "unchanged" ? ", unchanged" : csv.state === "replaced" ? `, the earlier copy in ${join(this.run.out, "earlier")}` : ""})` : ""}`;
    const t2 = this.sums.type2;
    const type2 = t2.length
      ? [
          `Type 2 self-assessment due: ${t2
            .slice(0, 10)
            .map((t) => `${t.file} (${t.schemeYear}${t.inProgress ? ", year in progress" : ""}, by ${t.dueBy})`)
            .join(", ")}${t2.length > 10 ? `, … and ${count(t2.length - 10)} more` : ""}`,
        ]
      : [];
    const dups = this.sums.copies.map((d) => `Same locum and year in two workbooks: ${d.first} and ${d.file} (${d.schemeYear}): counted once, from ${d.first}`);
    const lines = [`${clients}: ${count(ok)} done${errs}${nothing}`, `Year end: ${money}`, ...type2, ...dups, `Written to ${this.run.out}: ${files}`];
    if (this.run.json) {
      this.io.out(`], "totals": ${JSON.stringify(this.totals(ok, csv))}}`);
      for (const l of lines) this.io.err(l);
    } else {
      this.io.out("");
      for (const l of lines) this.io.out(l);
    }
  }

  private totals(ok: number, csv: { path: string } | null): Record<string, unknown> {
    return {
      clients: this.run.list.clients.length,
      done: ok,
      withErrors: this.withErrors.length,
      clientsWithErrors: this.withErrors,
      nothing: this.empty,
      topUps: this.sums.topUps.toFixed(2),
      topUpClients: this.sums.topUpClients.size,
      refunds: this.sums.refunds.toFixed(2),
      refundClients: this.sums.refundClients.size,
      yearsNotFinal: this.sums.notFinal,
      yearsInProgress: this.sums.inProgress,
      duplicates: this.sums.copies,
      type2Due: this.sums.type2,
      csv: csv?.path ?? null,
    };
  }
}
