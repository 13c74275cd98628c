// Writing a run's PDFs into an output folder that earlier runs (and the user) also use. Nothing is
// ever deleted: a PDF this run would overwrite with other content, or no longer makes under that
// name, is moved to the month's earlier/ folder, so a copy of what was sent is never lost. Only
// files this tool wrote (listed in the month's .locum-forms.json) are ever moved.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type OutputFile, type PreparedForms, schemeYearOfMonth } from "../forms";

const INDEX = ".locum-forms.json";

export interface WriteReport {
  /** Files rewritten with other content: the earlier copy is in earlier/. */
  changed: string[];
  /** Files an earlier run made under names this run does not use (a renumbered Form A): moved to earlier/. */
  moved: string[];
  /** Files an earlier run made for forms this run stopped: left where they are. */
  kept: string[];
  /** In a folder an older version made (no list of its files): this locum's PDFs not written now, left. */
  unlisted: string[];
}

// The names this tool gives ("12345678LOCAPR2025-FormB.pdf", two-digit years too), for folders made before it kept a list.
const OUR_NAME = /^\d{8}LOC[A-Z]{3}\d{2}(\d{2})?-(FormA-\d{2}-.+|FormB|pack-FormB-and-FormsA|PCSE-online-entry-sheet)\.pdf$/;

function readIndex(dir: string): string[] {
  try {
    const j = JSON.parse(readFileSync(join(dir, INDEX), "utf8")) as { files?: unknown };
    return Array.isArray(j.files) ? j.files.filter((f): f is string => typeof f === "string" && basename(f) === f) : [];
  } catch {
    return [];
  }
}

/** Move a month's file into its earlier/ folder, under a free name ("x (2).pdf") unless the same bytes are there. */
function archive(dir: string, name: string): void {
  const from = join(dir, name);
  const to = join(dir, "earlier");
  mkdirSync(to, { recursive: true });
  const stem = name.replace(/\.pdf$/, "");
  for (let n = 1; ; n++) {
    const target = join(to, n === 1 ? name : `${stem} (${n}).pdf`);
    if (!existsSync(target)) return renameSync(from, target);
    if (readFileSync(target).equals(readFileSync(from))) return unlinkSync(from);
  }
}

/** Write the months' files; `report` says what was done, even when a write fails part-way. */
export function writeMonths(outDir: string, p: PreparedForms, months: string[], files: OutputFile[], report: WriteReport): void {
  const byMonth = new Map(months.map((k) => [k, files.filter((f) => f.name.startsWith(`${k}/`))]));
  for (const [k, mine] of byMonth) {
    const dir = join(outDir, k);
    const writing = new Set(mine.map((f) => basename(f.name)));
    const complete = p.months.find((m) => m.monthKey === k)?.complete ?? false;
    // The index is the folder's: other locums' entries (another SD number) are carried over untouched.
    const sd = p.locum?.sdNumber ?? "\u0000";
    const hasIndex = existsSync(join(dir, INDEX));
    const listed = existsSync(dir) ? readIndex(dir).filter((n) => existsSync(join(dir, n))) : [];
    if (existsSync(dir) && !hasIndex) {
      for (const n of readdirSync(dir).sort()) if (OUR_NAME.test(n) && n.startsWith(sd) && !writing.has(n)) report.unlisted.push(`${k}/${n}`);
    }
    const before = listed.filter((n) => n.startsWith(sd));
    const others = listed.filter((n) => !n.startsWith(sd));
    const same = new Set<string>();
    for (const f of mine) {
      const path = join(outDir, f.name);
      if (!existsSync(path)) continue;
      if (readFileSync(path).equals(Buffer.from(f.bytes))) same.add(f.name); // nothing to write
      else {
        archive(dir, basename(f.name));
        report.changed.push(f.name);
      }
    }
    const left: string[] = [];
    for (const n of before) {
      if (writing.has(n)) continue;
      if (complete) {
        archive(dir, n);
        report.moved.push(`${k}/${n}`);
      } else {
        left.push(n);
        report.kept.push(`${k}/${n}`);
      }
    }
    for (const f of mine) {
      if (same.has(f.name)) continue;
      mkdirSync(dirname(join(outDir, f.name)), { recursive: true });
      writeFileSync(join(outDir, f.name), f.bytes);
    }
    const index = JSON.stringify({ files: [...others, ...writing, ...left].sort() }, null, 1) + "\n";
    const indexPath = join(dir, INDEX);
    if ((mine.length || left.length || listed.length) && (!hasIndex || readFileSync(indexPath, "utf8") !== index)) writeFileSync(indexPath, index);
  }
}

/** Months with files this tool wrote for this locum, in the scheme years `p` covers, that `p` no longer has. */
export function orphanMonths(outDir: string, p: PreparedForms): string[] {
  if (!p.locum || !existsSync(outDir)) return [];
  const have = new Set(p.months.map((m) => m.monthKey));
  const years = new Set([...have].map(schemeYearOfMonth));
  return readdirSync(outDir)
    .filter((k) => /^\d{4}-(0[1-9]|1[0-2])$/.test(k) && !have.has(k) && years.has(schemeYearOfMonth(k)))
    .filter((k) => readIndex(join(outDir, k)).some((n) => n.startsWith(p.locum!.sdNumber) && existsSync(join(outDir, k, n))))
    .sort();
}
