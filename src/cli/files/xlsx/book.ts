// The workbook's own parts: its sheets (name, visibility, part), the date system, the relationships
// that lead from one part to another, the number formats that make a cell a date, the shared strings.
import { posix } from "node:path";
import { attr, type Package } from "./parts";

/** A relationship: its type's last word ("worksheet", "table", "sharedStrings") and the part it leads to. */
export interface Rel {
  type: string;
  target: string;
}

/** A part's relationships by id; targets resolved to part names (absolute "/xl/…" too, as openpyxl writes them). */
export function relsOf(pkg: Package, part: string, cap: number): Map<string, Rel> {
  const dir = posix.dirname(part);
  const relsPart = posix.join(dir, "_rels", `${posix.basename(part)}.rels`).replace(/^\.\//, "");
  const rels = new Map<string, Rel>();
  pkg.parse(relsPart, cap, {
    open(name, a) {
      if (name !== "Relationship" || /^external$/i.test(a.TargetMode ?? "") || !a.Id || !a.Target) return;
      const target = a.Target.startsWith("/") ? a.Target.slice(1) : posix.normalize(posix.join(dir === "." ? "" : dir, a.Target));
      rels.set(a.Id, { type: (a.Type ?? "").replace(/^.*\//, ""), target: target.replace(/^\.\//, "") });
    },
  });
  return rels;
}

export interface BookSheet {
  name: string;
  hidden: boolean;
  /** The worksheet's part ("xl/worksheets/sheet1.xml"); chartsheets and others are left out. */
  part: string;
}

export interface Book {
  sheets: BookSheet[];
  date1904: boolean;
  sharedStrings?: string;
  styles?: string;
}

/** The package's main part, as its root relationships name it (xl/workbook.xml when they do not). */
export function workbookPart(pkg: Package, cap: number): string {
  for (const r of relsOf(pkg, "", cap).values()) if (r.type === "officeDocument" && pkg.has(r.target)) return r.target;
  return "xl/workbook.xml";
}

/** The sheets in the order Excel shows their tabs, with the parts the workbook relates to. */
export function readBook(pkg: Package, part: string, cap: number): Book {
  const rels = relsOf(pkg, part, cap);
  const listed: { name: string; hidden: boolean; id: string }[] = [];
  let date1904 = false;
  pkg.parse(part, cap, {
    open(name, a) {
      if (name === "workbookPr") date1904 = /^(1|true)$/i.test(a.date1904 ?? "");
      if (name === "sheet")
        listed.push({ name: a.name ?? "", hidden: /^(hidden|veryHidden)$/i.test(a.state ?? ""), id: attr(a, "r:id") ?? attr(a, "id") ?? "" });
    },
  });
  const sheets = listed.flatMap((s) => {
    const r = rels.get(s.id);
    return r && r.type === "worksheet" ? [{ name: s.name, hidden: s.hidden, part: r.target }] : [];
  });
  const byType = (t: string) => [...rels.values()].find((r) => r.type === t)?.target;
  return { sheets, date1904, sharedStrings: byType("sharedStrings"), styles: byType("styles") };
}

/** Excel's built-in number formats that show a date or a time (ids 14-22, 45-47). */
const DATE_BUILTINS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A format code that shows a date: d, m or y outside [colour/locale], "quoted text" and \escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*\]/g, "")
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "");
  return /[dmy]/i.test(bare);
}

/** For each cell style (the `s` of a cell), whether its number format shows a date. */
export function dateStyles(pkg: Package, part: string | undefined, cap: number): boolean[] {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  if (part)
    pkg.parse(part, cap, {
      open(name, a) {
        if (name === "numFmt") custom.set(Number(a.numFmtId), a.formatCode ?? "");
        else if (name === "cellXfs") inCellXfs = true;
        else if (name === "xf" && inCellXfs) xfs.push(Number(a.numFmtId ?? 0));
      },
      close(name) {
        if (name === "cellXfs") inCellXfs = false;
      },
    });
  return xfs.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : DATE_BUILTINS.has(id)));
}

/**
 * Text in `<t>` elements, outside phonetic runs (`<rPh>`): a string item's or inline string's text,
 * rich text runs joined. Feed it a part's events between the opening and closing of the item.
 */
export class TextCollector {
  private depthT = 0;
  private inPhonetic = false;
  private parts: string[] = [];

  open(name: string): void {
    if (name === "t" && !this.inPhonetic) this.depthT++;
    else if (name === "rPh") this.inPhonetic = true;
  }

  text(t: string): void {
    if (this.depthT) this.parts.push(t);
  }

  close(name: string): void {
    if (name === "t" && this.depthT) this.depthT--;
    else if (name === "rPh") this.inPhonetic = false;
  }

  /** The text collected since the last take. */
  take(): string {
    const s = this.parts.length === 1 ? this.parts[0] : this.parts.join("");
    this.parts = [];
    this.depthT = 0;
    this.inPhonetic = false;
    return s;
  }
}

/** The shared strings, in order (`<si>` items; rich text runs joined, phonetic runs left out). */
export function sharedStrings(pkg: Package, part: string | undefined, cap: number): string[] {
  const out: string[] = [];
  if (!part) return out;
  const text = new TextCollector();
  let inItem = false;
  pkg.parse(part, cap, {
    open(name) {
      if (name === "si") inItem = true;
      else if (inItem) text.open(name);
    },
    text: (t) => inItem && text.text(t),
    close(name) {
      if (name === "si") {
        out.push(text.take());
        inItem = false;
      } else if (inItem) text.close(name);
    },
  });
  return out;
}
