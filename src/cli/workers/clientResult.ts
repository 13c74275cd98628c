// What one client of `locum yearend` is and gives back, as plain data that crosses threads (no
// Decimals, no models): the task a worker takes, the result it sends, and the result of a client that
// could not be done at all. Light on purpose: the command and the pool load it without the forms and
// the PDF code, which only the workers need.
import type { RuleData, Day } from "../../rules";
import type { CsvRecord } from "../../yearend";
import { oneLine } from "../args";

export interface ClientOptions {
  sheet?: string;
  /** The --rules file, read once by the command. */
  rules?: RuleData;
  /** The setting options as typed: [["--year-base", "365"]]. */
  settings: [string, unknown][];
  /** Only these scheme years (2025 = 2025/26). */
  years?: number[];
  today?: Day;
  /** Messages of one kind printed in full, per client. */
  perKind: number;
  /** With --forms: the client's forms are written under this folder, in <forms>/<workbook name>/. */
  forms?: string;
}

export interface ClientTask {
  /** Its place in the run (the order results are given in). */
  index: number;
  /** The file to read. */
  file: string;
  /** The client as the accountant knows it: the workbook's file name. */
  client: string;
  /** The folder of its forms, with --forms. */
  formsDir?: string;
  options: ClientOptions;
}

/** A message as --json gives it. */
export interface PlainMessage {
  level: "error" | "warning";
  sheet: string;
  row?: number;
  field?: string;
  cell?: string;
  text: string;
}

export interface ClientYear {
  schemeYear: number;
  label: string;
  /** The CSV line's values (yearEndCsv lays out its columns). */
  csv: CsvRecord;
  /** yearEndJson, with its status. */
  json: Record<string, unknown>;
  status: string;
  /** Final: no error stops a form of the year (rows only to leave off do not). */
  final: boolean;
  /** The scheme year had not ended on --today (or today): its figures are the year so far, kept out of the totals. */
  inProgress: boolean;
  outcome: "top-up" | "refund" | "none";
  /** Due − paid, 2 decimals. */
  difference: string;
  underOnePound: boolean;
  /** One line: "top-up to PCSE £412.30 (due £2,080.08, paid £1,667.78)". */
  line: string;
  type2: string;
  /** A Type 2 self-assessment is due: by this date (dd/mm/yyyy), or "no date known"; null when not due. */
  type2DueBy: string | null;
}

export interface ClientResult {
  index: number;
  client: string;
  /** done: no error; errors: errors in its rows or details (figures not final, or none); unreadable: not a workbook we can read; empty: nothing in the years asked for. */
  state: "done" | "errors" | "unreadable" | "empty";
  /** What stopped it, in one line (unreadable, or no year end at all). */
  problem?: string;
  /** Lines to show with --verbose: notes on what was read, then the messages (capped per kind). */
  lines: string[];
  /** The notes, then one line per kind of finding (src/forms/grouping.ts): what a run prints by default. */
  grouped: string[];
  /** The notes, then every message as found, for the client's messages file (capped per kind at FILE_PER_KIND). */
  full: string[];
  /** The messages shown, as data (for --json). */
  messages: PlainMessage[];
  errors: number;
  /** Of the errors, those on rows to leave off (work that can never go on a Form A): they stop no year's figures. */
  leaveOff: number;
  warnings: number;
  years: ClientYear[];
  locum: { name: string; sdNumber: string } | null;
  /** The summary PDF's name (its bytes travel beside the result). */
  pdfName: string | null;
  /** With --forms: what locum forms said (its last line, its exit status, its other lines). */
  forms?: { code: number; summary: string; lines: string[]; writeFailed: boolean };
}

/** A client that could not be done at all: its one-line reason. */
export const clientFailed = (task: ClientTask, state: ClientResult["state"], problem: string): ClientResult => ({
  index: task.index,
  client: task.client,
  state,
  problem: oneLine(problem),
  lines: [],
  grouped: [],
  full: [],
  messages: [],
  errors: 1,
  leaveOff: 0,
  warnings: 0,
  years: [],
  locum: null,
  pdfName: null,
});
