// Formula text: how a formula names a sheet, a cell and a day, the 10-week rule as a formula, and the
// rewriter of structured references. The template's formulas are written as a person types them in
// Excel (Sessions[Fee], [@Fee]); `toA1` turns them into plain ranges for a host without tables,
// `toFileFormula` into the form an .xlsx file stores. Validation and conditional-format formulas
// are A1 references relative to the top-left cell of their range: Excel allows no structured
// references there.
import { SUSPENDED_FROM, SUSPENDED_TO, TEN_WEEKS } from "../engine";
import { type Day, ymdOfDay } from "../rules";
import { columnLetter } from "../workbook/columns";

/** The Excel cell of a column (0-based) and row. */
export const addr = (col: number, row: number) => `${columnLetter(col)}${row}`;

/** A sheet name as a formula writes it: 'Locum details'!, Monthly!. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

/** A day as an Excel formula writes it: DATE(2020,4,1), the same in either date system. */
function excelDate(day: Day): string {
  const { y, m, d } = ymdOfDay(day);
  return `DATE(${y},${m},${d})`;
}

/**
 * The row's last day worked (its first when it has no last) is more than 10 weeks (70 days) before
 * Date submitted, or before today when the row has none; from 1 October 2022 (the rule was
 * suspended for submissions from 1 April 2020 to 30 September 2022), as src/engine/deadlines.ts
 * says. The anchor is the default Ten week anchor, the last day worked (§3).
 */
export function tenWeekFormula(first: string, last: string, submitted: string): string {
  const sent = `IF(ISNUMBER(${submitted}),${submitted},TODAY())`;
  const anchor = `IF(ISNUMBER(${last}),${last},${first})`;
  return `AND(ISNUMBER(${first}),${sent}-${anchor}>${TEN_WEEKS},OR(${sent}<${excelDate(SUSPENDED_FROM)},${sent}>${excelDate(SUSPENDED_TO)}))`;
}

// ---- Structured references: to A1 ranges (a host without tables) and to the file's form ----

export interface TableGeometry {
  name: string;
  sheet: string;
  /** Header row and first column (0 = A), as Excel numbers rows. */
  headerRow: number;
  firstCol: number;
  columns: string[];
  rows: number;
}

/** Where a formula inside a table is: the table and the row [@…] means. */
export interface TableRow {
  table: string;
  row: number;
}

interface RefPart {
  kind: "all" | "data" | "headers" | "thisRow";
  from?: string;
  to?: string;
}

/** The inside of a structured reference's brackets → which rows and columns ("[#All],[A]:[B]", "@Fee", "Fee"). */
function parseSpec(spec: string): RefPart {
  const s = spec.trim();
  if (s.startsWith("@")) {
    const col = s.slice(1).trim();
    return { kind: "thisRow", from: col ? unbracket(col) : undefined };
  }
  if (!s.startsWith("[")) return s.startsWith("#") ? { kind: special(s) } : { kind: "data", from: unescapeColumn(s) };
  const items = splitTop(s);
  let kind: RefPart["kind"] = "data";
  let from: string | undefined;
  let to: string | undefined;
  for (const item of items) {
    const range = item.split(/\]\s*:\s*\[/);
    const names = range.map((x) => unbracket(x.startsWith("[") ? x : `[${x}`));
    if (names.length === 1 && names[0].startsWith("#")) kind = special(names[0]);
    else [from, to] = [names[0], names[1] ?? names[0]];
  }
  return { kind, from, to };
}

function special(s: string): RefPart["kind"] {
  const k = s.replace(/\s+/g, " ").toLowerCase();
  if (k === "#all") return "all";
  if (k === "#data") return "data";
  if (k === "#headers") return "headers";
  if (k === "#this row") return "thisRow";
  throw new Error(`unsupported structured reference item ${s}`);
}

const unescapeColumn = (s: string) => s.replace(/'(.)/g, "$1");

function unbracket(s: string): string {
  const t = s.trim();
  return unescapeColumn(t.startsWith("[") && t.endsWith("]") ? t.slice(1, -1) : t.replace(/^\[|\]$/g, ""));
}

/** "[#All],[A]:[B]" → ["[#All]", "[A]:[B]"]: commas at the top level only. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" && i + 1 < s.length) {
      cur += ch + s[++i];
      continue;
    }
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The end of a bracketed group starting at `i` (s[i] === "["), honouring nesting and ' escapes. */
function closing(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === "'") {
      j++;
      continue;
    }
    if (s[j] === "[") depth++;
    else if (s[j] === "]" && --depth === 0) return j;
  }
  throw new Error(`unclosed [ in ${s}`);
}

interface Found {
  start: number;
  end: number;
  table: string | null;
  spec: string;
}

/** Each structured reference in a formula, outside string literals and quoted sheet names. */
function structuredRefs(formula: string, tables: string[]): Found[] {
  const found: Found[] = [];
  const names = [...tables].sort((a, b) => b.length - a.length);
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      const close = formula.indexOf(ch, i + 1);
      i = close < 0 ? formula.length : close;
      continue;
    }
    const before = i === 0 ? "" : formula[i - 1];
    if (/[A-Za-z0-9_.\\]/.test(before)) continue;
    const name = names.find((n) => formula.slice(i, i + n.length).toLowerCase() === n.toLowerCase() && formula[i + n.length] === "[");
    if (name) {
      const end = closing(formula, i + name.length);
      found.push({ start: i, end: end + 1, table: name, spec: formula.slice(i + name.length + 1, end) });
      i = end;
    } else if (ch === "[") {
      const end = closing(formula, i);
      found.push({ start: i, end: end + 1, table: null, spec: formula.slice(i + 1, end) });
      i = end;
    }
  }
  return found;
}

function replaceRefs(formula: string, tables: string[], f: (x: Found) => string): string {
  let out = "";
  let at = 0;
  for (const x of structuredRefs(formula, tables)) {
    out += formula.slice(at, x.start) + f(x);
    at = x.end;
  }
  return out + formula.slice(at);
}

/**
 * A formula with structured references as plain A1 ranges, for a host without Excel tables
 * (HyperFormula): Sessions[Fee] → 'Sessions'!$E$2:$E$41; [@Fee] → 'Sessions'!$E$7 on row 7.
 * `at` is the table and row a formula inside the table is on (for [@...]).
 */
export function toA1(formula: string, tables: TableGeometry[], at?: TableRow): string {
  return replaceRefs(
    formula,
    tables.map((t) => t.name),
    (x) => {
      const t = tables.find((g) => g.name.toLowerCase() === (x.table ?? at?.table ?? "").toLowerCase());
      if (!t) throw new Error(`a structured reference [${x.spec}] outside a table`);
      return rangeOf(t, parseSpec(x.spec), at);
    },
  );
}

/** The A1 range (with its sheet) of the rows and columns a structured reference names in table `t`. */
function rangeOf(t: TableGeometry, part: RefPart, at?: TableRow): string {
  const col = (name: string | undefined, fallback: number) => {
    if (name === undefined) return fallback;
    const i = t.columns.findIndex((c) => c.toLowerCase() === name.toLowerCase()); // Excel ignores case
    if (i < 0) throw new Error(`no column [${name}] in table ${t.name}`);
    return t.firstCol + i;
  };
  const c1 = col(part.from, t.firstCol);
  const c2 = part.from === undefined ? t.firstCol + t.columns.length - 1 : col(part.to ?? part.from, c1);
  const [r1, r2] = rowsOf(t, part.kind, at);
  const sheet = sheetRef(t.sheet);
  const cell = (c: number, r: number) => `$${columnLetter(c)}$${r}`;
  return r1 === r2 && c1 === c2 ? `${sheet}${cell(c1, r1)}` : `${sheet}${cell(c1, r1)}:${cell(c2, r2)}`;
}

/** The first and last row a reference's kind covers: the header and data, the header, this row, or the data. */
function rowsOf(t: TableGeometry, kind: RefPart["kind"], at?: TableRow): [number, number] {
  const last = t.headerRow + t.rows;
  if (kind === "all") return [t.headerRow, last];
  if (kind === "headers") return [t.headerRow, t.headerRow];
  if (kind === "thisRow") return thisRow(t, at);
  return [t.headerRow + 1, last];
}

function thisRow(t: TableGeometry, at?: TableRow): [number, number] {
  if (!at || at.table.toLowerCase() !== t.name.toLowerCase()) throw new Error(`[@…] of table ${t.name} used outside it`);
  return [at.row, at.row];
}

/**
 * A formula as an .xlsx file stores it: [@Fee] and [@[Date worked]] (Excel's typing shorthand) as
 * Table[[#This Row],[Fee]]; other structured references as they are.
 */
export function toFileFormula(formula: string, table: string): string {
  return replaceRefs(formula, [table], (x) => {
    const spec = x.spec.trim();
    if (!spec.startsWith("@")) return `${x.table ?? table}[${x.spec}]`;
    const col = spec.slice(1).trim();
    const inner = col.startsWith("[") ? col : `[${col}]`;
    return `${x.table ?? table}[[#This Row],${inner}]`;
  });
}
