// What the choice of sheets leaves a locum to know: a hidden sheet read (its rows are out of sight,
// perhaps an old year's), and cells beside the sessions table that are not read (a "Work type"
// typed in the column after the table is not part of it). Both hosts give these with the forms.
// Only a column beside the table headed as one the forms read is named: other text there (the
// template's own help beside its table, a locum's jottings) would not be read inside the table either.
import { columnLetter, findColumns } from "./columns";
import { Findings } from "./findings";
import type { Message } from "./findings";
import type { ChosenBlock, SessionsFoundBy, WorkbookInput } from "./sheets";
import { isBlankCell } from "../rules";

/** Columns named at most, then "and N more". */
const MAX_COLUMNS = 5;

/** The warnings about the blocks chosen: hidden sheets read, cells beside the sessions table. */
export function sheetFindings(input: WorkbookInput, sessions: (ChosenBlock & { by?: SessionsFoundBy }) | null, details: ChosenBlock | null): Message[] {
  const out = new Findings();
  const unhide = "unhide it (right-click a sheet tab > Unhide) and check that it holds what the forms should";
  if (sessions?.hiddenSheet)
    out.warning(
      { sheet: sessions.sheet },
      `the sessions are read from this hidden sheet, as ${sessions.by === "option" ? "asked" : "no visible sheet holds them"}: ${unhide}`,
      "hidden-sheet",
    );
  if (details?.hiddenSheet && details.sheet !== sessions?.sheet)
    out.warning({ sheet: details.sheet }, `the Locum details are read from this hidden sheet, as no visible sheet holds them: ${unhide}`, "hidden-sheet");
  if (sessions?.table) besideTable(input, sessions, out);
  return out.list;
}

/** Cells with something in them on the table's rows but outside its columns: one warning naming them. */
function besideTable(input: WorkbookInput, t: ChosenBlock, out: Findings): void {
  const sheet = input.sheets.find((s) => s.name === t.sheet);
  if (!sheet || !t.rows.length) return;
  const left = t.firstCol;
  const right = left + Math.max(0, ...t.rows.slice(0, 1).map((r) => r?.length ?? 0)) - 1; // a table's header names every column
  const top = t.firstRow;
  const bottom = top + t.rows.length - 1;
  const used = sheet.used;
  const found = new Map<number, { first: number; last: number; header?: string }>(); // column → rows
  for (let r = Math.max(top, used.firstRow); r <= Math.min(bottom, used.firstRow + used.rows.length - 1); r++) {
    used.rows[r - used.firstRow]?.forEach((v, i) => {
      const col = used.firstCol + i;
      if ((col >= left && col <= right) || isBlankCell(v)) return;
      const c = found.get(col) ?? { first: r, last: r };
      c.last = r;
      if (r === top && typeof v === "string") c.header = v.trim();
      found.set(col, c);
    });
  }
  const readable = (h?: string) => h !== undefined && Object.keys(findColumns([h]).index).length > 0;
  const columns = [...found.entries()].filter(([, c]) => readable(c.header)).sort((a, b) => a[0] - b[0]);
  if (!columns.length) return;
  const cells = columns.slice(0, MAX_COLUMNS).map(([col, c]) => {
    const range = c.first === c.last ? `${columnLetter(col)}${c.first}` : `${columnLetter(col)}${c.first}:${columnLetter(col)}${c.last}`;
    return c.header ? `"${c.header}" (${range})` : range;
  });
  const more = columns.length > MAX_COLUMNS ? ` and ${columns.length - MAX_COLUMNS} more column${columns.length - MAX_COLUMNS === 1 ? "" : "s"}` : "";
  const area = `${columnLetter(left)}${top}:${columnLetter(right)}${bottom}`;
  out.warning(
    { sheet: t.sheet },
    `${cells.join(", ")}${more} beside the table ${t.table} (${area}): not read, as only the table's own columns are. To have those cells read, widen the table to take them in (Table Design > Resize Table); else move them off the table's rows`,
    "beside-table",
  );
}
