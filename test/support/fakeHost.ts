// The simulated host: a stand-in for Office.js and Excel.run over a workbook held as cells, strict
// like the real API (a property read before load() and sync() throws), counting syncs and the bytes
// each sync carries (Excel on the web refuses a request or response over 5 MB). One function with
// no imports and no outside references, so the same code runs in jest (installFakeHost(globalThis))
// and in the browser page (its source injected with page.addInitScript): the adapter tests, the sync
// counter and the end-to-end run all drive one simulated Excel.
//
// What it models (the subset the pane, the LocumRules reader and the date probe use): worksheets,
// tables (columns, header and body ranges, adding a column shifts the cells right on the table's
// rows), ranges by address or indexes, values/formulas/numberFormat, used ranges, special cells
// (constants, formulas, visible), merged areas, data validation, conditional formats, charts,
// freeze panes, defined names, the selection, functions.date, requirement sets and the platform.
// Formulas are kept, not calculated: a formula cell's value is "" (the LOCUM functions need Excel).

/** A workbook as plain data (JSON-able, to pass into the page): cells keyed "row,col", both 0-based. */
export interface HostCell {
  v: string | number | boolean;
  f?: string;
  fmt?: string;
}
export interface HostTable {
  name: string;
  sheet: string;
  /** The table's range, header row included (0-based, inclusive). */
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  showTotals?: boolean;
  style?: string;
}
export interface HostSheet {
  name: string;
  id: string;
  cells: Record<string, HostCell>;
  merged?: string[];
  hidden?: number[];
  /** "Hidden" or "VeryHidden" (Excel.SheetVisibility); visible when left out. */
  visibility?: string;
  validations?: { address: string; rule: unknown; errorAlert?: unknown; prompt?: unknown }[];
  conditionalFormats?: { address: string; type: string; formula?: string; fill?: string; font?: string }[];
  charts?: {
    name: string;
    type: string;
    source: string;
    series: { name: string; values?: string; xValues?: string }[];
    title?: string;
    position?: [string, string];
  }[];
  freezeRows?: number;
  widths?: Record<number, number>;
  styles?: Record<string, Record<string, unknown>>;
}
export interface HostState {
  sheets: HostSheet[];
  tables: HostTable[];
  names?: string[];
  active?: string;
  /** The selected range: its sheet and address ("A4:G4"). */
  selection?: { sheet: string; address: string } | null;
  date1904?: boolean;
  /** The highest ExcelApi requirement set the host supports ("1.13"); later ones are unsupported. */
  api?: string;
  /** Office.context.diagnostics.platform: "PC", "OfficeOnline", "Mac", "iOS". */
  platform?: string;
  /** Office.onReady's host: "Excel", or null for a plain page. */
  host?: string | null;
  nextId?: number;
}
export interface SyncLog {
  syncs: number;
  /** The largest request (values written) and response (values loaded) of any one sync, in bytes of JSON. */
  maxRequest: number;
  maxResponse: number;
}
export interface FakeHost {
  state: HostState;
  /** One entry per Excel.run: its syncs and sizes. */
  runs: SyncLog[];
  /** Every workbook call the pane made, for tests that check it asked for little ("getUsedRange A1:XFD1048576"). */
  calls: string[];
  selected: string | null;
  calculated: number;
  /** URLs the pane asked Office to open in a browser window (Office.context.ui.openBrowserWindow). */
  opened: string[];
  run: <T>(batch: (context: unknown) => Promise<T>) => Promise<T>;
  /** Type values into a sheet from `at` ("A2"), as a user would (Excel's reading of typed text included). */
  put(sheet: string, at: string, rows: unknown[][]): void;
  /** The values of a range ("A1:C3"), as range.values gives them. */
  get(sheet: string, address: string): unknown[][];
}

/** Install `Office` and `Excel` on `g` (globalThis, or the page's window) over `init`; returns the host. */
export function installFakeHost(g: Record<string, unknown>, init: HostState, installOffice = true): FakeHost {
  const state: HostState = init;
  state.nextId ??= 100;
  state.names ??= [];
  const MAX_ROWS = 1048576;
  const MAX_COLS = 16384;
  const host: FakeHost = {
    state,
    runs: [],
    calls: [],
    selected: null,
    calculated: 0,
    opened: [],
    run: null as unknown as FakeHost["run"],
    put: null as unknown as FakeHost["put"],
    get: null as unknown as FakeHost["get"],
  };

  // ---- addresses ----
  const letters = (c: number) => {
    let s = "";
    for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  const colOf = (s: string) => [...s.toUpperCase()].reduce((t, ch) => t * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const quote = (n: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(n) ? n : `'${n.replace(/'/g, "''")}'`);
  type Box = { r0: number; c0: number; r1: number; c1: number };
  const a1 = (b: Box) => (b.r0 === b.r1 && b.c0 === b.c1 ? `${letters(b.c0)}${b.r0 + 1}` : `${letters(b.c0)}${b.r0 + 1}:${letters(b.c1)}${b.r1 + 1}`);
  /** "A1", "$B$2:C9", "A:C", "3:5", with or without a sheet: the box, and the sheet named. */
  const parseArea = (text: string): { sheet?: string; box: Box } => {
    let t = text.trim();
    let sheet: string | undefined;
    const bang = t.lastIndexOf("!");
    if (bang >= 0) {
      sheet = t
        .slice(0, bang)
        .replace(/^'(.*)'$/, "$1")
        .replace(/''/g, "'");
      t = t.slice(bang + 1);
    }
    t = t.replace(/\$/g, "");
    const [p, q = p] = t.split(":");
    const end = (s: string, isEnd: boolean) => {
      const m = /^([A-Z]*)(\d*)$/i.exec(s);
      if (!m) throw new Error(`fake Excel: bad address ${text}`);
      return { r: m[2] ? Number(m[2]) - 1 : isEnd ? MAX_ROWS - 1 : 0, c: m[1] ? colOf(m[1]) : isEnd ? MAX_COLS - 1 : 0 };
    };
    const a = end(p, false);
    const b = end(q, true);
    // "A:C" and "3:5": a missing row or column runs the whole sheet.
    const whole = (s: string, kind: "r" | "c") => (kind === "r" ? /^[A-Z]+$/i.test(s) : /^\d+$/.test(s));
    return {
      sheet,
      box: { r0: whole(p, "r") ? 0 : a.r, c0: whole(p, "c") ? 0 : a.c, r1: whole(q, "r") ? MAX_ROWS - 1 : b.r, c1: whole(q, "c") ? MAX_COLS - 1 : b.c },
    };
  };
  const splitAreas = (address: string) => {
    const parts: string[] = [];
    let quoted = false;
    let cur = "";
    for (const ch of address) {
      if (ch === "'") quoted = !quoted;
      if (ch === "," && !quoted) {
        parts.push(cur);
        cur = "";
      } else cur += ch;
    }
    parts.push(cur);
    return parts.filter((x) => x.trim());
  };

  // ---- the book ----
  const sheetNamed = (n: string) => state.sheets.find((s) => s.name.toLowerCase() === n.toLowerCase() || s.id === n);
  const key = (r: number, c: number) => `${r},${c}`;
  const cellAt = (s: HostSheet, r: number, c: number): HostCell | undefined => s.cells[key(r, c)];
  const filled = (x: HostCell | undefined) => x !== undefined && (x.f !== undefined || (x.v !== "" && x.v !== null));
  /** Cells holding something, as [row, col] (a sheet's cells can be sparse: a stray far cell costs nothing). */
  const usedCells = (s: HostSheet) =>
    Object.entries(s.cells)
      .filter(([, x]) => filled(x))
      .map(([k]) => k.split(",").map(Number) as [number, number]);
  const bounding = (cells: [number, number][]): Box | null => {
    if (!cells.length) return null;
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    for (const [r, c] of cells) {
      r0 = Math.min(r0, r);
      r1 = Math.max(r1, r);
      c0 = Math.min(c0, c);
      c1 = Math.max(c1, c);
    }
    return { r0, c0, r1, c1 };
  };
  /** Rectangles covering `cells`: runs along each row, merged down while rows repeat (as Excel gives areas). */
  const areasOfCells = (cells: [number, number][]): Box[] => {
    const byRow = new Map<number, number[]>();
    for (const [r, c] of cells) byRow.set(r, [...(byRow.get(r) ?? []), c]);
    const out: Box[] = [];
    let open: Box[] = [];
    for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
      const cols = byRow.get(r)!.sort((a, b) => a - b);
      const runs: [number, number][] = [];
      for (const c of cols) {
        const last = runs[runs.length - 1];
        if (last && c === last[1] + 1) last[1] = c;
        else runs.push([c, c]);
      }
      const next: Box[] = [];
      for (const [c0, c1] of runs) {
        const same = open.find((b) => b.c0 === c0 && b.c1 === c1 && b.r1 === r - 1);
        if (same) {
          same.r1 = r;
          next.push(same);
        } else {
          const b = { r0: r, c0, r1: r, c1 };
          out.push(b);
          next.push(b);
        }
      }
      open = next;
    }
    return out;
  };
  const inBox = (b: Box, r: number, c: number) => r >= b.r0 && r <= b.r1 && c >= b.c0 && c <= b.c1;
  const clip = (a: Box, b: Box): Box | null => {
    const r = { r0: Math.max(a.r0, b.r0), c0: Math.max(a.c0, b.c0), r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1) };
    return r.r0 > r.r1 || r.c0 > r.c1 ? null : r;
  };

  // Excel reads typed text: "9.8%" is 0.098 and "12" is 12, unless the cell is formatted as text;
  // and as Office.js does, text starting with = (or + or - then not a number) is taken as a formula.
  const typed = (v: unknown, fmt: string | undefined): HostCell => {
    if (typeof v === "string" && fmt !== "@" && (v.startsWith("=") || /^[+-](?!\s*\d)/.test(v))) return { v: "", f: v };
    if (typeof v === "string" && fmt !== "@") {
      const pct = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
      if (pct) return { v: Number(pct[1]) / 100 };
      if (/^\s*-?\d+(?:\.\d+)?\s*$/.test(v)) return { v: Number(v) };
    }
    return { v: v as HostCell["v"] };
  };
  const setCell = (s: HostSheet, r: number, c: number, v: unknown, formula = false) => {
    if (r >= MAX_ROWS || c >= MAX_COLS) throw new Error("fake Excel: outside the sheet");
    const old = cellAt(s, r, c);
    const next = formula && typeof v === "string" && v.startsWith("=") ? { v: "", f: v } : typed(v, old?.fmt);
    if (old?.fmt) (next as HostCell).fmt = old.fmt;
    if (!filled(next) && !next.fmt) delete s.cells[key(r, c)];
    else s.cells[key(r, c)] = next;
  };
  const setFormat = (s: HostSheet, r: number, c: number, fmt: string) => {
    const old = cellAt(s, r, c) ?? { v: "" };
    s.cells[key(r, c)] = { ...old, fmt };
  };
  const valueOf = (s: HostSheet, r: number, c: number) => {
    const x = cellAt(s, r, c);
    return x === undefined ? "" : x.v;
  };

  // ---- the strict proxies: load() then sync() before a property can be read ----
  let ctxObjects: StrictObj[] = [];
  let pendingRequest = 0;
  interface StrictObj {
    pending: Set<string>;
    ready: Map<string, unknown>;
    props: Record<string, () => unknown>;
  }
  /** An API object: `props` are loadable (snapshot at sync), `rest` are methods and navigation. */
  const strict = (props: Record<string, () => unknown>, rest: Record<string, unknown> = {}, setters: Record<string, (v: unknown) => void> = {}) => {
    const o: StrictObj = { pending: new Set(), ready: new Map(), props };
    ctxObjects.push(o);
    const api: Record<string, unknown> = {
      load(what?: string | string[] | Record<string, unknown>) {
        const list = typeof what === "string" ? what.split(",") : Array.isArray(what) ? what : Object.keys(props);
        for (const p of list) {
          const [head, ...path] = p.trim().split("/");
          if (!(head in props) && !(head in rest)) {
            if (props.isNullObject?.() === true) continue; // a null object takes any load and gives nothing
            throw new Error(`fake Excel: cannot load "${head}"`);
          }
          if (head in props) o.pending.add(head);
          const nav = head in rest ? rest[head] : null;
          if (path.length && nav && typeof (nav as { load?: unknown }).load === "function") (nav as { load(p: string): void }).load(path.join("/"));
          if (path.length && head === "items") o.pending.add(`items/${path.join("/")}`);
        }
        return proxy;
      },
      toJSON() {
        return {};
      },
    };
    const proxy: Record<string, unknown> = new Proxy(api, {
      get(target, prop: string) {
        if (prop in target) return target[prop];
        if (prop in rest) return rest[prop];
        if (prop in props) {
          if (prop === "isNullObject") return props[prop]();
          if (!o.ready.has(prop)) throw new Error(`PropertyNotLoaded: ${prop} read before load() and sync()`);
          return o.ready.get(prop);
        }
        return undefined;
      },
      set(_t, prop: string, v) {
        if (!(prop in setters)) throw new Error(`fake Excel: cannot set ${prop}`);
        pendingRequest += JSON.stringify(v ?? null).length;
        setters[prop](v);
        return true;
      },
    }) as Record<string, unknown>;
    return proxy;
  };
  const flush = (): number => {
    let bytes = 0;
    // Twice: items loaded through a collection (items/name) are queued by the first pass.
    for (let pass = 0; pass < 2; pass++) {
      for (const o of ctxObjects.slice()) {
        const paths = [...o.pending];
        o.pending.clear();
        for (const p of paths.filter((x) => !x.startsWith("items/"))) {
          const v = o.props[p]();
          o.ready.set(p, v);
          bytes += JSON.stringify(v ?? null).length;
        }
        for (const p of paths.filter((x) => x.startsWith("items/"))) {
          if (!o.ready.has("items")) o.ready.set("items", o.props.items());
          for (const it of o.ready.get("items") as Record<string, unknown>[]) (it.load as (x: string) => void)(p.slice(6));
        }
      }
    }
    return bytes;
  };

  // ---- ranges ----
  type RangeApi = Record<string, unknown>;
  const nullObject = (extra: Record<string, unknown> = {}) => strict({ isNullObject: () => true }, extra);
  const rangeAreas = (s: HostSheet, boxes: Box[]) =>
    boxes.length
      ? strict(
          {
            isNullObject: () => false,
            address: () => boxes.map((b) => `${quote(s.name)}!${a1(b)}`).join(","),
            areaCount: () => boxes.length,
            cellCount: () => boxes.reduce((n, b) => n + (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1), 0),
          },
          { areas: strict({ items: () => boxes.map((b) => range(s, b)) }) },
        )
      : nullObject({ areas: strict({ items: () => [] }) });

  const grid = <T>(b: Box, f: (r: number, c: number) => T): T[][] => {
    const out: T[][] = [];
    for (let r = b.r0; r <= b.r1; r++) {
      const row: T[] = [];
      for (let c = b.c0; c <= b.c1; c++) row.push(f(r, c));
      out.push(row);
    }
    return out;
  };
  const eachCell = (b: Box, v: unknown, f: (r: number, c: number, x: unknown) => void) => {
    const rows = b.r1 - b.r0 + 1;
    const cols = b.c1 - b.c0 + 1;
    const arr = Array.isArray(v) ? (v as unknown[][]) : null;
    if (arr && (arr.length !== rows || arr.some((r) => !Array.isArray(r) || r.length !== cols)))
      throw new Error(`fake Excel: ${rows}x${cols} range given ${arr.length}x${(arr[0] ?? []).length} values (InvalidArgument)`);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) f(b.r0 + r, b.c0 + c, arr ? arr[r][c] : v);
  };
  const cellCount = (b: Box) => (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);
  const guard = (b: Box, what: string) => {
    // Excel refuses a payload over its limits long before this; the fake refuses to build one.
    if (cellCount(b) > 5_000_000) throw new Error(`fake Excel: ${what} of ${a1(b)} (${cellCount(b)} cells): the response is too large (over 5 MB)`);
  };

  const styleOf = (s: HostSheet, b: Box) => {
    s.styles ??= {};
    const k = a1(b);
    s.styles[k] ??= {};
    return s.styles[k];
  };

  function range(s: HostSheet, b: Box): RangeApi {
    const st = () => styleOf(s, b);
    const font = strict(
      {},
      {},
      {
        bold: (v) => (st().bold = v),
        italic: (v) => (st().italic = v),
        color: (v) => (st().color = v),
        size: (v) => (st().size = v),
        name: (v) => (st().font = v),
      },
    );
    const fill = strict({}, {}, { color: (v) => (st().fill = v) });
    const format = strict(
      { columnWidth: () => s.widths?.[b.c0] ?? 48 },
      { font, fill, autofitColumns: () => undefined, autofitRows: () => undefined },
      {
        columnWidth: (v) => {
          s.widths ??= {};
          for (let c = b.c0; c <= b.c1; c++) s.widths[c] = v as number;
        },
        wrapText: (v) => (st().wrap = v),
        verticalAlignment: (v) => (st().vertical = v),
        horizontalAlignment: (v) => (st().horizontal = v),
      },
    );
    const validation = (() => {
      let rec: NonNullable<HostSheet["validations"]>[number] | null = null;
      const ensure = () => {
        s.validations ??= [];
        if (!rec) {
          rec = { address: a1(b), rule: null };
          s.validations.push(rec);
        }
        return rec;
      };
      return strict(
        {},
        { clear: () => (s.validations = (s.validations ?? []).filter((x) => x.address !== a1(b))) },
        { rule: (v) => (ensure().rule = v), errorAlert: (v) => (ensure().errorAlert = v), prompt: (v) => (ensure().prompt = v), ignoreBlanks: () => undefined },
      );
    })();
    const conditionalFormats = strict(
      { count: () => (s.conditionalFormats ?? []).filter((x) => x.address === a1(b)).length },
      {
        add: (type: string) => {
          s.conditionalFormats ??= [];
          const rec: NonNullable<HostSheet["conditionalFormats"]>[number] = { address: a1(b), type };
          s.conditionalFormats.push(rec);
          const cfFont = strict({}, {}, { color: (v) => (rec.font = v as string) });
          const cfFill = strict({}, {}, { color: (v) => (rec.fill = v as string) });
          const rule = strict({}, {}, { formula: (v) => (rec.formula = v as string) });
          return strict({}, { custom: strict({}, { rule, format: strict({}, { font: cfFont, fill: cfFill }) }) }, { stopIfTrue: () => undefined });
        },
      },
    );
    const api = strict(
      {
        isNullObject: () => false,
        address: () => `${quote(s.name)}!${a1(b)}`,
        rowIndex: () => b.r0,
        columnIndex: () => b.c0,
        rowCount: () => b.r1 - b.r0 + 1,
        columnCount: () => b.c1 - b.c0 + 1,
        cellCount: () => cellCount(b),
        values: () => (guard(b, "values"), grid(b, (r, c) => valueOf(s, r, c))),
        formulas: () => (guard(b, "formulas"), grid(b, (r, c) => cellAt(s, r, c)?.f ?? valueOf(s, r, c))),
        numberFormat: () => (guard(b, "numberFormat"), grid(b, (r, c) => cellAt(s, r, c)?.fmt ?? "General")),
      },
      {
        worksheet: sheetApi(s),
        format,
        dataValidation: validation,
        conditionalFormats,
        select: () => {
          host.selected = `${s.name}!${a1(b)}`;
          state.selection = { sheet: s.name, address: a1(b) };
        },
        getCell: (r: number, c: number) => range(s, { r0: b.r0 + r, c0: b.c0 + c, r1: b.r0 + r, c1: b.c0 + c }),
        getRow: (r: number) => range(s, { r0: b.r0 + r, c0: b.c0, r1: b.r0 + r, c1: b.c1 }),
        getColumn: (c: number) => range(s, { r0: b.r0, c0: b.c0 + c, r1: b.r1, c1: b.c0 + c }),
        getResizedRange: (dr: number, dc: number) => range(s, { ...b, r1: b.r1 + dr, c1: b.c1 + dc }),
        getOffsetRange: (dr: number, dc: number) => range(s, { r0: b.r0 + dr, c0: b.c0 + dc, r1: b.r1 + dr, c1: b.c1 + dc }),
        getUsedRange: (valuesOnly?: boolean) => usedOf(s, b, valuesOnly, false),
        getUsedRangeOrNullObject: (valuesOnly?: boolean) => usedOf(s, b, valuesOnly, true),
        getSpecialCellsOrNullObject: (kind: string) => {
          host.calls.push(`getSpecialCells ${kind} ${s.name}!${a1(b)}`);
          if (kind === "Visible") {
            const hidden = new Set(state.api && apiAtLeast("1.9") === false ? [] : (s.hidden ?? []).map((r) => r - 1));
            const boxes: Box[] = [];
            for (let r = b.r0; r <= b.r1; r++) {
              if (hidden.has(r)) continue;
              let e = r;
              while (e + 1 <= b.r1 && !hidden.has(e + 1)) e++;
              boxes.push({ r0: r, c0: b.c0, r1: e, c1: b.c1 });
              r = e;
            }
            return rangeAreas(s, boxes);
          }
          const want = kind === "Formulas" ? (x: HostCell) => x.f !== undefined : kind === "Constants" ? (x: HostCell) => x.f === undefined && filled(x) : null;
          if (!want) throw new Error(`fake Excel: special cells ${kind}`);
          const cells = Object.entries(s.cells)
            .filter(([, x]) => want(x))
            .map(([k]) => k.split(",").map(Number) as [number, number])
            .filter(([r, c]) => inBox(b, r, c));
          return rangeAreas(s, areasOfCells(cells));
        },
        getMergedAreasOrNullObject: () => {
          const inside = (s.merged ?? []).map((m) => parseArea(m).box).filter((m) => clip(m, b));
          return rangeAreas(s, inside);
        },
      },
      {
        values: (v) => eachCell(b, v, (r, c, x) => setCell(s, r, c, x)),
        formulas: (v) => eachCell(b, v, (r, c, x) => setCell(s, r, c, x, true)),
        numberFormat: (v) => eachCell(b, v, (r, c, x) => setFormat(s, r, c, String(x))),
      },
    );
    return api;
  }
  function usedOf(s: HostSheet, within: Box | null, valuesOnly: boolean | undefined, orNull: boolean): RangeApi {
    host.calls.push(`getUsedRange ${s.name}`);
    const cells = usedCells(s).filter(([r, c]) => !within || inBox(within, r, c));
    const b = bounding(cells);
    void valuesOnly;
    if (!b) {
      if (orNull) return nullObject({ getSpecialCellsOrNullObject: () => nullObject(), getMergedAreasOrNullObject: () => nullObject() });
      return range(s, { r0: 0, c0: 0, r1: 0, c1: 0 });
    }
    return range(s, b);
  }

  // ---- tables ----
  const tablesOf = (s?: HostSheet) => state.tables.filter((t) => !s || t.sheet === s.name);
  const headerOf = (t: HostTable) => {
    const s = sheetNamed(t.sheet)!;
    const out: string[] = [];
    for (let c = t.c0; c <= t.c1; c++) out.push(String(valueOf(s, t.r0, c)));
    return out;
  };
  const bodyBox = (t: HostTable): Box => ({ r0: t.r0 + 1, c0: t.c0, r1: t.r1 - (t.showTotals ? 1 : 0), c1: t.c1 });
  function columnApi(t: HostTable, i: number) {
    const s = sheetNamed(t.sheet)!;
    return strict(
      { name: () => headerOf(t)[i], index: () => i, isNullObject: () => false },
      {
        getDataBodyRange: () => range(s, { ...bodyBox(t), c0: t.c0 + i, c1: t.c0 + i }),
        getHeaderRowRange: () => range(s, { r0: t.r0, r1: t.r0, c0: t.c0 + i, c1: t.c0 + i }),
        getRange: () => range(s, { r0: t.r0, r1: t.r1, c0: t.c0 + i, c1: t.c0 + i }),
      },
    );
  }
  function tableApi(t: HostTable): RangeApi {
    const s = () => sheetNamed(t.sheet)!;
    const columns = strict(
      { items: () => headerOf(t).map((_, i) => columnApi(t, i)), count: () => t.c1 - t.c0 + 1 },
      {
        getItem: (n: string) => {
          const i = headerOf(t).findIndex((h) => h.toLowerCase() === n.toLowerCase());
          if (i < 0) throw new Error(`ItemNotFound: no column ${n} in table ${t.name}`);
          return columnApi(t, i);
        },
        getItemOrNullObject: (n: string) => {
          const i = headerOf(t).findIndex((h) => h.toLowerCase() === n.toLowerCase());
          return i < 0 ? nullObject({ getDataBodyRange: () => nullObject() }) : columnApi(t, i);
        },
        add: (index: number | null | undefined, values?: unknown[][], name?: string) => {
          if (index !== null && index !== undefined && index !== t.c1 - t.c0 + 1) throw new Error("fake Excel: columns are added at the right end only");
          const sh = s();
          // Insert cells on the table's rows, shifting what is to the right of the table along.
          const col = t.c1 + 1;
          const moved: [string, HostCell][] = [];
          for (const [k, x] of Object.entries(sh.cells)) {
            const [r, c] = k.split(",").map(Number);
            if (r >= t.r0 && r <= t.r1 && c >= col) {
              moved.push([key(r, c + 1), x]);
              delete sh.cells[k];
            }
          }
          for (const [k, x] of moved) sh.cells[k] = x;
          t.c1 = col;
          setCell(sh, t.r0, col, name ?? `Column${t.c1 - t.c0 + 1}`);
          if (values) eachCell({ r0: t.r0, c0: col, r1: t.r1, c1: col }, values, (r, c, x) => setCell(sh, r, c, x));
          host.calls.push(`add column ${name} to ${t.name}`);
          return columnApi(t, t.c1 - t.c0);
        },
      },
    );
    return strict(
      { name: () => t.name, showTotals: () => Boolean(t.showTotals), isNullObject: () => false, style: () => t.style ?? "TableStyleMedium2" },
      {
        worksheet: sheetApi(s()),
        columns,
        getRange: () => range(s(), { r0: t.r0, c0: t.c0, r1: t.r1, c1: t.c1 }),
        getHeaderRowRange: () => range(s(), { r0: t.r0, c0: t.c0, r1: t.r0, c1: t.c1 }),
        getDataBodyRange: () => range(s(), bodyBox(t)),
      },
      {
        name: (v) => {
          const n = String(v);
          if (
            state.tables.some((x) => x !== t && x.name.toLowerCase() === n.toLowerCase()) ||
            (state.names ?? []).some((x) => x.toLowerCase() === n.toLowerCase())
          )
            throw new Error(`fake Excel: the name ${n} is taken`);
          t.name = n;
        },
        style: (v) => (t.style = String(v)),
        showTotals: (v) => (t.showTotals = Boolean(v)),
        showBandedRows: () => undefined,
      },
    );
  }
  const addTable = (s: HostSheet, address: string | RangeApi, hasHeaders: boolean) => {
    const box = typeof address === "string" ? parseArea(address).box : parseArea(String((address as { __box: string }).__box ?? "")).box;
    if (!hasHeaders) throw new Error("fake Excel: tables need headers");
    const clash = state.tables.find((t) => t.sheet === s.name && clip(t, box));
    if (clash) throw new Error(`fake Excel: a table cannot overlap another table (${clash.name})`);
    const t: HostTable = { name: `Table${state.nextId!++}`, sheet: s.name, ...box };
    state.tables.push(t);
    return tableApi(t);
  };

  // ---- sheets ----
  function sheetApi(s: HostSheet): RangeApi {
    const sheetTables = strict(
      { items: () => tablesOf(s).map(tableApi), count: () => tablesOf(s).length },
      {
        add: (where: unknown, hasHeaders: boolean) => {
          // A Range object: the fake keeps its address in a side table.
          const address = typeof where === "string" ? where.replace(/^.*!/, "") : boxOfRange.get(where as object);
          if (!address) throw new Error("fake Excel: tables.add needs an address or a range of this sheet");
          return addTable(s, address, hasHeaders);
        },
      },
    );
    const charts = strict(
      { items: () => [], count: () => (s.charts ?? []).length },
      {
        add: (type: string, source: RangeApi, seriesBy: string) => {
          s.charts ??= [];
          const src = boxOfRange.get(source as object) ?? "";
          const rec: NonNullable<HostSheet["charts"]>[number] = {
            name: `Chart ${s.charts.length + 1}`,
            type,
            source: src,
            series: [{ name: "Series1", values: src }],
          };
          void seriesBy;
          s.charts.push(rec);
          const seriesApi = (x: (typeof rec.series)[number]) =>
            strict(
              { name: () => x.name },
              {
                setValues: (r: RangeApi) => (x.values = boxOfRange.get(r as object)),
                setXAxisValues: (r: RangeApi) => (x.xValues = boxOfRange.get(r as object)),
                delete: () => rec.series.splice(rec.series.indexOf(x), 1),
              },
              { name: (v) => (x.name = String(v)) },
            );
          const series = strict(
            { count: () => rec.series.length },
            {
              getItemAt: (i: number) => seriesApi(rec.series[i]),
              add: (name: string) => {
                const x = { name };
                rec.series.push(x);
                return seriesApi(x);
              },
            },
          );
          return strict(
            { name: () => rec.name },
            {
              series,
              title: strict({}, {}, { text: (v) => (rec.title = String(v)) }),
              setPosition: (a: string, b: string) => (rec.position = [a, b]),
              legend: strict({}, {}, { position: () => undefined, visible: () => undefined }),
              axes: strict(
                {},
                { categoryAxis: strict({}, {}, { numberFormat: () => undefined }), valueAxis: strict({}, {}, { numberFormat: () => undefined }) },
              ),
            },
            { name: (v) => (rec.name = String(v)) },
          );
        },
      },
    );
    const wrap = (b: Box) => {
      const r = range(s, b);
      boxOfRange.set(r, `${a1(b)}`);
      return r;
    };
    return strict(
      { name: () => s.name, id: () => s.id, position: () => state.sheets.indexOf(s), isNullObject: () => false, visibility: () => s.visibility ?? "Visible" },
      {
        activate: () => {
          state.active = s.name;
        },
        getRange: (address?: string) => {
          if (address === undefined || address === "") return wrap({ r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 });
          const areas = splitAreas(address);
          if (areas.length !== 1) throw new Error(`fake Excel: getRange of several areas (${address}): use getRanges`);
          return wrap(parseArea(areas[0]).box);
        },
        getRanges: (address: string) =>
          rangeAreas(
            s,
            splitAreas(address).map((a) => parseArea(a).box),
          ),
        getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => wrap({ r0: r, c0: c, r1: r + rows - 1, c1: c + cols - 1 }),
        getUsedRange: (valuesOnly?: boolean) => usedOf(s, null, valuesOnly, false),
        getUsedRangeOrNullObject: (valuesOnly?: boolean) => usedOf(s, null, valuesOnly, true),
        tables: sheetTables,
        charts,
        freezePanes: strict({}, { freezeRows: (n: number) => (s.freezeRows = n), unfreeze: () => (s.freezeRows = 0) }),
        delete: () => {
          throw new Error("fake Excel: the pane never deletes a sheet");
        },
      },
      {
        name: (v) => {
          if (sheetNamed(String(v)) && sheetNamed(String(v)) !== s) throw new Error("fake Excel: that sheet name is taken");
          s.name = String(v);
        },
        visibility: () => undefined,
        tabColor: () => undefined,
      },
    );
  }
  const boxOfRange = new WeakMap<object, string>();

  const apiAtLeast = (v: string) => {
    if (!state.api) return true;
    const [a, b] = state.api.split(".").map(Number);
    const [c, d] = v.split(".").map(Number);
    return a > c || (a === c && b >= d);
  };

  function workbookApi(): RangeApi {
    const sheets = strict(
      { items: () => state.sheets.map(sheetApi), count: () => state.sheets.length },
      {
        getItem: (n: string) => {
          const s = sheetNamed(n);
          if (!s) throw new Error(`ItemNotFound: no sheet ${n}`);
          return sheetApi(s);
        },
        getItemOrNullObject: (n: string) => {
          const s = sheetNamed(n);
          return s ? sheetApi(s) : nullObject();
        },
        add: (n: string) => {
          if (sheetNamed(n)) throw new Error(`fake Excel: a sheet named ${n} exists (the pane must never overwrite one)`);
          if (n.length > 31 || /[\\/?*[\]:]/.test(n)) throw new Error(`fake Excel: bad sheet name ${n}`);
          const s: HostSheet = { name: n, id: `sheet-${state.nextId!++}`, cells: {} };
          state.sheets.push(s);
          host.calls.push(`add sheet ${n}`);
          return sheetApi(s);
        },
        getActiveWorksheet: () => sheetApi(sheetNamed(state.active ?? "") ?? state.sheets[0]),
        onChanged: { add: () => undefined },
      },
    );
    const tables = strict(
      { items: () => state.tables.map(tableApi), count: () => state.tables.length },
      {
        getItem: (n: string) => {
          const t = state.tables.find((x) => x.name.toLowerCase() === n.toLowerCase());
          if (!t) throw new Error(`ItemNotFound: no table ${n}`);
          return tableApi(t);
        },
        getItemOrNullObject: (n: string) => {
          const t = state.tables.find((x) => x.name.toLowerCase() === n.toLowerCase());
          return t ? tableApi(t) : nullObject({ worksheet: nullObject() });
        },
        add: (address: string, hasHeaders: boolean) => {
          const { sheet, box } = parseArea(address);
          return addTable(sheetNamed(sheet ?? state.active ?? "")!, a1(box), hasHeaders);
        },
      },
    );
    const names = strict({ items: () => (state.names ?? []).map((n) => strict({ name: () => n })) });
    return {
      worksheets: sheets,
      tables,
      names,
      getSelectedRange: () => {
        const sel = state.selection ?? { sheet: state.active ?? state.sheets[0]?.name ?? "Sheet1", address: "A1" };
        const s = sheetNamed(sel.sheet) ?? state.sheets[0];
        return range(s, parseArea(sel.address).box);
      },
      functions: {
        date: (y: number, m: number, d: number) =>
          strict({ value: () => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000) - (state.date1904 ? 1462 : 0) }),
      },
      application: { calculate: () => host.calculated++ },
    };
  }

  host.run = async (batch) => {
    const log: SyncLog = { syncs: 0, maxRequest: 0, maxResponse: 0 };
    host.runs.push(log);
    const before = ctxObjects;
    ctxObjects = [];
    pendingRequest = 0;
    const context = {
      workbook: workbookApi(),
      sync: async () => {
        log.syncs++;
        const response = flush();
        log.maxResponse = Math.max(log.maxResponse, response);
        log.maxRequest = Math.max(log.maxRequest, pendingRequest);
        pendingRequest = 0;
        if (response > 5 * 1024 * 1024 || log.maxRequest > 5 * 1024 * 1024)
          throw new Error(`RequestPayloadSizeLimitExceeded: a sync of ${Math.max(response, log.maxRequest)} bytes (Excel on the web allows 5 MB)`);
        await new Promise((r) => setTimeout(r, 0));
      },
      trackedObjects: { add: () => undefined, remove: () => undefined },
    };
    try {
      return await batch(context);
    } finally {
      ctxObjects = before;
    }
  };

  host.put = (sheet, at, rows) => {
    const s = sheetNamed(sheet);
    if (!s) throw new Error(`fake Excel: no sheet ${sheet}`);
    const { box } = parseArea(at);
    rows.forEach((r, i) => r.forEach((v, j) => setCell(s, box.r0 + i, box.c0 + j, v)));
  };
  host.get = (sheet, address) => {
    const s = sheetNamed(sheet)!;
    return grid(parseArea(address).box, (r, c) => valueOf(s, r, c));
  };

  g.Excel = {
    run: host.run,
    CalculationType: { full: "Full", recalculate: "Recalculate" },
    ChartType: { columnClustered: "ColumnClustered" },
    ChartSeriesBy: { columns: "Columns", rows: "Rows", auto: "Auto" },
    ConditionalFormatType: { custom: "Custom" },
    SpecialCellType: { constants: "Constants", formulas: "Formulas", visible: "Visible" },
    DataValidationOperator: { between: "Between" },
    DataValidationAlertStyle: { stop: "Stop" },
  };
  if (installOffice) {
    // The custom functions' runtime: functions.js registers each function here (window.__fns).
    const fns: Record<string, unknown> = {};
    g.__fns = fns;
    class CFError extends Error {
      constructor(
        public code: string,
        message?: string,
      ) {
        super(message);
      }
    }
    g.CustomFunctions = {
      associate: (id: string, f: unknown) => (fns[id] = f),
      Error: CFError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
    };
    const info = { host: state.host === undefined ? "Excel" : state.host, platform: state.platform ?? "PC" };
    g.Office = {
      HostType: { Excel: "Excel" },
      PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Universal: "Universal" },
      context: {
        requirements: {
          isSetSupported: (name: string, version?: string) =>
            (name === "ExcelApi" && apiAtLeast(version ?? "1.1")) ||
            // OpenBrowserWindowApi 1.1: Excel on Windows, Mac and iPad, not on the web (Microsoft's table).
            (name === "OpenBrowserWindowApi" && (version ?? "1.1") === "1.1" && (state.platform ?? "PC") !== "OfficeOnline"),
        },
        diagnostics: { platform: state.platform ?? "PC", version: "16.0" },
        ui: { openBrowserWindow: (url: string) => void host.opened.push(url) },
      },
      onReady(cb?: (i: typeof info) => void) {
        return new Promise((resolve) =>
          setTimeout(() => {
            if (cb) cb(info);
            resolve(info);
          }, 10),
        );
      },
    };
  }
  g.__host = host;
  return host;
}
