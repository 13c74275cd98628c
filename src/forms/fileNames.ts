// The names of the files a month's forms are written to (a PDF per form, the pack, the entry sheet),
// named by UPR and practice: the same whether the PDFs are drawn or only listed (--json, the pane).
import type { FormA, FormB } from "./model";

/** Letters and digits only (accents dropped), words joined by "-": safe on every file system. */
export function slug(s: string): string {
  const plain: Record<string, string> = { Ł: "L", ł: "l", Ø: "O", ø: "o", Đ: "D", đ: "d", ß: "ss", Æ: "AE", æ: "ae", Œ: "OE", œ: "oe", Þ: "Th", þ: "th" };
  return s
    .replace(/[ŁłØøĐđßÆæŒœÞþ]/g, (c) => plain[c])
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

export function formAFileName(f: FormA): string {
  const parts = [
    f.upr,
    "FormA",
    String(f.index).padStart(2, "0"),
    f.code ? slug(f.code) : undefined,
    slug(f.practice),
    f.invoice ? slug(f.invoice) : undefined,
  ];
  return `${f.monthKey}/${parts.filter(Boolean).join("-")}.pdf`;
}
export const formBFileName = (b: FormB) => `${b.monthKey}/${b.upr}-FormB.pdf`;
export const packFileName = (b: FormB) => `${b.monthKey}/${b.upr}-pack-FormB-and-FormsA.pdf`;
export const entryFileName = (b: FormB) => `${b.monthKey}/${b.upr}-PCSE-online-entry-sheet.pdf`;
