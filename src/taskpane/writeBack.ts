// "Write back": what the forms made of each sessions row, written beside it in the sessions table,
// in one batch (three syncs: the table's header, the columns already there, the write). The values
// come from the forms layer's own models (which Form A a row is on, its UPR, boxes 2 and 3, the due
// date, the errors that stopped it); this file only places them. Columns the forms layer ignores
// (src/workbook/columns.ts OUR_COLUMNS), so writing back never changes the next run's forms.
import type Decimal from "decimal.js";
import type { FormA, PreparedForms } from "../forms";
import { placeText, stopsMonth } from "../workbook";
import { monthLabel } from "../forms";
import { dayToSerialIn, plural } from "../rules";
import { type ExcelRun, supports } from "./excel";
import { CHUNK_CELLS, MAX_CHUNKS } from "./readPlan";

/* global Excel */

const excelRun: ExcelRun = (batch) => Excel.run(batch);

export const WRITE_BACK_COLUMNS = ["Form A", "UPR", "Pensionable pay", "Employer contribution", "Form B due", "Status"] as const;
export type WriteBackColumn = (typeof WRITE_BACK_COLUMNS)[number];
const FORMATS: Record<WriteBackColumn, string> = {
  "Form A": "@",
  UPR: "@",
  "Pensionable pay": "£#,##0.00",
  "Employer contribution": "£#,##0.00",
  "Form B due": "dd/mm/yyyy",
  Status: "@",
};

export type RowValues = Partial<Record<WriteBackColumn, string | number>>;

/**
 * Each sessions row's values (by Excel row) for the months made this run: its Form A (file name),
 * UPR, the Form A's Box 2 and Box 3 on its first row only (so the column adds up to the forms), the
 * Form B due date, and Status "made"; rows an error stopped get "stopped: " and why. Rows of other
 * months are left out (their cells keep what they hold).
 */
export function writeBackRows(p: PreparedForms, made: string[], fileOf: (f: FormA) => string, date1904 = false): Map<number, RowValues> {
  const out = new Map<number, RowValues>();
  const stopped = new Set<number>(); // rows whose Status says why they stopped: the first reason stays
  const serial = (d: number) => dayToSerialIn(d, date1904);
  const add = (row: number, v: RowValues, money?: { box2: Decimal; box3: Decimal }) => {
    const cur = out.get(row);
    if (!cur) {
      out.set(row, { ...v, ...(money ? { "Pensionable pay": money.box2.toNumber(), "Employer contribution": money.box3.toNumber() } : {}) });
      return;
    }
    // A row split at 31 March is on two Forms A: both are named, their boxes added.
    cur["Form A"] = [cur["Form A"], v["Form A"]].filter(Boolean).join("; ");
    if (v.UPR !== cur.UPR) cur.UPR = [cur.UPR, v.UPR].filter(Boolean).join("; ");
    if (money) {
      cur["Pensionable pay"] = Number(cur["Pensionable pay"] ?? 0) + money.box2.toNumber();
      cur["Employer contribution"] = Number(cur["Employer contribution"] ?? 0) + money.box3.toNumber();
    }
  };
  for (const m of p.months) {
    if (!made.includes(m.monthKey)) continue;
    for (const f of m.formsA) {
      const rows = [...f.rows].sort((a, b) => a - b);
      rows.forEach((row, i) =>
        add(row, { "Form A": fileOf(f), UPR: f.upr, "Form B due": serial(f.dueDate), Status: m.formB ? "made" : "" }, i === 0 ? f : undefined),
      );
    }
    if (!m.formB) {
      const why = p.messages.find((x) => stopsMonth(x, m.monthKey));
      const text = `stopped: Form B ${monthLabel(m.monthKey)} not made${why ? ` (${placeText(why)}: ${why.text})` : ""}`;
      for (const f of m.formsA)
        for (const row of f.rows) {
          out.get(row)!.Status = text;
          stopped.add(row);
        }
    }
  }
  // Rows an error names: why they are on no form (their own first error).
  for (const x of p.messages) {
    if (x.level !== "error" || x.row === undefined || x.sheet !== p.sessionsSheet) continue;
    const months = p.rowMonths[x.row] ?? [];
    if (months.length && !months.some((k) => made.includes(k))) continue;
    const cur = out.get(x.row) ?? {};
    if (!stopped.has(x.row)) cur.Status = `stopped: ${x.field ? `${x.field}: ` : ""}${x.text}`;
    stopped.add(x.row);
    out.set(x.row, cur);
  }
  return out;
}

export interface WriteBackResult {
  rows: number;
  /** Columns added to the table. */
  added: string[];
  /** Columns left alone because they hold formulas (the year template's Form A and Pensionable pay). */
  kept: string[];
  message: string;
}

/** Write `values` into the table's columns (added at its right end when missing) in three syncs. */
export async function writeBack(tableName: string, values: Map<number, RowValues>, run: ExcelRun = excelRun): Promise<WriteBackResult> {
  return run(async (context) => {
    const table = context.workbook.tables.getItem(tableName);
    const header = table.getHeaderRowRange().load("values");
    const body = table.getDataBodyRange().load("rowIndex,rowCount");
    await context.sync();
    const names = (header.values[0] ?? []).map((h) => String(h).trim().toLowerCase());
    const present = WRITE_BACK_COLUMNS.filter((c) => names.includes(c.toLowerCase()));
    const existing = present.map((c) => ({ c, range: table.columns.getItem(c).getDataBodyRange().load("formulas") }));
    await context.sync();

    const kept = existing.filter((e) => e.range.formulas.some((r) => typeof r[0] === "string" && r[0].startsWith("="))).map((e) => e.c);
    const targets = WRITE_BACK_COLUMNS.filter((c) => !kept.includes(c));
    const n = body.rowCount;
    if (n * targets.length > CHUNK_CELLS * MAX_CHUNKS)
      throw new Error(
        `the table has ${n.toLocaleString("en-GB")} rows, more than can be written back at once through Excel; run locum forms on the saved workbook instead`,
      );
    const added: string[] = [];
    const columns = targets.map((c) => {
      const old = existing.find((e) => e.c === c);
      const column = old ? table.columns.getItem(c) : table.columns.add(undefined, undefined, c);
      if (!old) added.push(c);
      const before = old?.range.formulas ?? [];
      const cells = Array.from({ length: n }, (_, i) => {
        const v = values.get(body.rowIndex + 1 + i)?.[c];
        return [v === undefined ? (before[i]?.[0] ?? "") : v];
      });
      return { c, range: column.getDataBodyRange(), cells };
    });
    // Rows per write request: the columns side by side must stay under one request's budget.
    const per = Math.max(1, Math.floor(CHUNK_CELLS / Math.max(1, targets.length)));
    for (let top = 0; top < n || top === 0; top += per) {
      const count = Math.min(per, n - top);
      if (count <= 0) break;
      for (const col of columns) {
        const part = col.range
          .getRow(0)
          .getResizedRange(count - 1, 0)
          .getOffsetRange(top, 0);
        part.numberFormat = Array.from({ length: count }, () => [FORMATS[col.c]]);
        part.values = col.cells.slice(top, top + count) as (string | number)[][];
      }
      // One sync a request's worth of rows, by design (Excel on the web's 5 MB cap): one for 5,000 rows.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    const written = [...values.keys()].filter((r) => r >= body.rowIndex + 1 && r < body.rowIndex + 1 + n).length;
    const keptText = kept.length
      ? ` ${kept.join(" and ")} ${kept.length === 1 ? "holds formulas" : "hold formulas"} (the year template's), so ${kept.length === 1 ? "it was" : "they were"} left as ${kept.length === 1 ? "it is" : "they are"}.`
      : "";
    const addedText = added.length ? ` Added the column${added.length === 1 ? "" : "s"} ${added.join(", ")}.` : "";
    return {
      rows: written,
      added,
      kept,
      message: `Wrote ${plural(written, "row")} back into the ${tableName} table (${targets.join(", ")}).${addedText}${keptText} The forms do not read these columns.`,
    };
  });
}

/** Whether the host can write back (tables and their columns by name: ExcelApi 1.4). */
export const canWriteBack = () => supports("1.4");
