// A small stand-in for Excel.run, strict like the real API: a property read before it was
// loaded and synced throws. office-addin-mock cannot model collections' `items/name` loads.
type Values = unknown[][];
type Handler = (event: { worksheetId: string }) => Promise<void>;
/** Handlers registered with worksheets.onChanged, to fire by hand. */
export const handlers: Handler[] = [];

class Proxyable {
  private pending = new Set<string>();
  private ready = new Set<string>();
  constructor(
    readonly data: Record<string, unknown>,
    ctx: FakeContext,
  ) {
    ctx.objects.push(this);
    return new Proxy(this, {
      get: (target, prop: string) => {
        if (prop in target) return (target as unknown as Record<string, unknown>)[prop];
        const v = target.data[prop];
        if (typeof v === "function" || (v && typeof v === "object" && !Array.isArray(v))) return v;
        if (!target.ready.has(prop)) throw new Error(`PropertyNotLoaded: ${prop} read before load() and sync()`);
        return v;
      },
    });
  }
  load(props: string): void {
    for (const p of props.split(",")) {
      const [head, ...rest] = p.trim().split("/");
      this.pending.add(head);
      const v = this.data[head];
      if (rest.length && Array.isArray(v)) for (const item of v as Proxyable[]) item.load(rest.join("/")); // items/name
    }
  }
  flush(): void {
    for (const p of this.pending) this.ready.add(p);
    this.pending.clear();
  }
}

export class FakeContext {
  objects: Proxyable[] = [];
  calculated: string[] = [];
  syncs = 0;
  workbook: Record<string, unknown>;
  constructor(sheets: Record<string, Values>, tables: Record<string, Values>, firstRows: Record<string, number> = {}) {
    // rowIndex is 0-based, as in Excel.Range: a table whose header is on sheet row 4 has rowIndex 3.
    const range = (values: Values, sheetId: string, name: string) =>
      new Proxyable({ values, rowIndex: (firstRows[name] ?? 1) - 1, worksheet: new Proxyable({ id: sheetId }, this) }, this);
    const sheetItems = Object.entries(sheets).map(
      ([name, values]) =>
        new Proxyable({ name, id: `id-${name}`, getUsedRange: () => range(values, `id-${name}`, name), tables: new Proxyable({ items: [] }, this) }, this),
    );
    const tableItems = Object.entries(tables).map(([name, values]) => new Proxyable({ name, getRange: () => range(values, `id-table-${name}`, name) }, this));
    this.workbook = {
      tables: new Proxyable({ items: tableItems }, this),
      worksheets: new Proxyable(
        {
          items: sheetItems,
          getItem: (id: string) => sheetItems.find((w) => (w as unknown as { data: { id: string } }).data.id === id),
          onChanged: { add: (h: Handler) => handlers.push(h) },
        },
        this,
      ),
      application: { calculate: (t: string) => this.calculated.push(t) },
    };
  }
  async sync(): Promise<void> {
    this.syncs++;
    for (const o of this.objects) o.flush();
  }
}

/**
 * Install a global Excel whose run() hands callbacks a fresh FakeContext over these sheets.
 * `firstRows`: the sheet row a named table's (or sheet's used range's) first row is on (default 1).
 */
export function installExcel(sheets: Record<string, Values>, tables: Record<string, Values> = {}, firstRows: Record<string, number> = {}): FakeContext[] {
  const contexts: FakeContext[] = [];
  (globalThis as Record<string, unknown>).Excel = {
    CalculationType: { full: "Full" },
    run: async (cb: (c: FakeContext) => Promise<unknown>) => {
      const c = new FakeContext(sheets, tables, firstRows);
      contexts.push(c);
      return cb(c);
    },
  };
  return contexts;
}
