// The files a month produces: one PDF per form (named by UPR and practice), and, when every form of
// the month was written, the pack (Form B then its Forms A) and the PCSE Online entry sheet. All
// bytes are built in memory: a host writes nothing until every file exists.
import { dayToUk } from "../rules";
import { monthLabel } from "../forms/months";
import { drawEntrySheet } from "./entrySheet";
import type { FormA, FormB, LocumDetails, MonthForms, OutputFile, PreparedForms } from "../forms/model";
import { BASE_REPERTOIRE, type FontBytes, newDocument, saveDocument } from "./fonts";
import { drawFormA, drawFormB } from "./forms";
import { copyForm, type DrawnForm, drawnForm } from "./copyForm";
import { entryFileName, formAFileName, formBFileName, packFileName } from "../forms/fileNames";

const fullName = (l: LocumDetails) => `${l.otherNames} ${l.surname}`.trim();

/**
 * The characters of a run, preloaded into every font subset in one order: every PDF of the run
 * then carries the same subset, encoded and compressed once (a year renders in a fraction of the
 * time), at the cost of a few glyphs a form does not use.
 */
export function repertoireOf(p: PreparedForms): string {
  const texts: string[] = [];
  if (p.locum) texts.push(...Object.values(p.locum).filter((v): v is string => typeof v === "string"));
  for (const m of p.months) for (const f of m.formsA) texts.push(f.practice, f.code, f.invoice);
  const extra = new Set<string>();
  for (const t of texts) for (const ch of t.normalize("NFC")) if (!BASE_REPERTOIRE.includes(ch)) extra.add(ch);
  return BASE_REPERTOIRE + [...extra].sort().join("");
}

async function formADoc(f: FormA, l: LocumDetails, fonts: FontBytes, repertoire: string): Promise<DrawnForm> {
  const { doc, fonts: embedded } = await newDocument(fonts, {
    repertoire,
    title: `GP locum Form A ${f.upr} ${f.practice}`,
    author: fullName(l),
    subject: `Form A, ${monthLabel(f.monthKey)}, due ${dayToUk(f.dueDate)}`,
    date: f.dueDate,
  });
  drawFormA(doc, embedded, f, l, "A.");
  return drawnForm(doc, embedded);
}

async function formBDoc(b: FormB, l: LocumDetails, fonts: FontBytes, repertoire: string): Promise<DrawnForm> {
  const { doc, fonts: embedded } = await newDocument(fonts, {
    repertoire,
    title: `GP locum Form B ${b.upr}`,
    author: fullName(l),
    subject: `Form B, ${monthLabel(b.monthKey)}, due ${dayToUk(b.dueDate)}`,
    date: b.dueDate,
  });
  drawFormB(doc, embedded, b, l, "B.");
  return drawnForm(doc, embedded);
}

/** Form B then its Forms A: each copied from its own PDF when it was drawn there (`drawn`), else drawn. */
async function packPdf(b: FormB, l: LocumDetails, fonts: FontBytes, repertoire: string, drawn: Map<FormA | FormB, DrawnForm>): Promise<Uint8Array> {
  const pack = await newDocument(fonts, {
    repertoire,
    title: `GP locum forms ${b.upr}: Form B and ${b.formsA.length} Forms A`,
    author: fullName(l),
    subject: `Pack for ${monthLabel(b.monthKey)}, due ${dayToUk(b.dueDate)}`,
    date: b.dueDate,
  });
  const copied = (form: FormA | FormB, from: string, to: string) => {
    const src = drawn.get(form);
    return src !== undefined && copyForm(src, pack, from, to);
  };
  if (!copied(b, "B", "B")) drawFormB(pack.doc, pack.fonts, b, l, "B.");
  for (const f of b.formsA) if (!copied(f, "A", `A${f.index}`)) drawFormA(pack.doc, pack.fonts, f, l, `A${f.index}.`);
  return saveDocument(pack.doc);
}

async function entryPdf(b: FormB, l: LocumDetails, fonts: FontBytes, repertoire: string, attach: string[]): Promise<Uint8Array> {
  const { doc, fonts: embedded } = await newDocument(fonts, {
    repertoire,
    title: `PCSE Online entry sheet ${b.upr}`,
    author: fullName(l),
    subject: `Values to enter for ${monthLabel(b.monthKey)}`,
    date: b.dueDate,
  });
  drawEntrySheet(doc, embedded, b, l, attach);
  return saveDocument(doc);
}

/** Every file of one month, in a stable order. */
export async function monthFiles(m: MonthForms, l: LocumDetails, fonts: FontBytes, repertoire: string): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  const b = m.formB;
  const drawn = new Map<FormA | FormB, DrawnForm>(); // each form drawn once, for the pack to copy
  const keep = async (form: FormA | FormB, d: DrawnForm) => (drawn.set(form, d), saveDocument(d.doc));
  if (b) files.push({ name: formBFileName(b), bytes: await keep(b, await formBDoc(b, l, fonts, repertoire)), kind: "form-b" });
  for (const f of m.formsA) files.push({ name: formAFileName(f), bytes: await keep(f, await formADoc(f, l, fonts, repertoire)), kind: "form-a" });
  if (b && m.complete) {
    files.push({ name: packFileName(b), bytes: await packPdf(b, l, fonts, repertoire, drawn), kind: "pack" });
    // PCSE Online is England's portal: a locum in Wales sends the pack to the Local Health Board.
    if (l.country !== "Wales") {
      const attach = [packFileName(b), ...files.filter((x) => x.kind !== "pack").map((x) => x.name)].map((n) => n.split("/").pop()!);
      files.push({ name: entryFileName(b), bytes: await entryPdf(b, l, fonts, repertoire, attach), kind: "entry-sheet" });
    }
  }
  return files;
}

/**
 * Every file of every month (or of the months named). Nothing when the details are unusable. The
 * font subset comes from every month, so a month's PDFs are the same bytes however it was chosen.
 */
export async function renderPdfs(prepared: PreparedForms, fonts: FontBytes, months?: string[]): Promise<OutputFile[]> {
  const l = prepared.locum;
  if (!l) return [];
  const out: OutputFile[] = [];
  const repertoire = repertoireOf(prepared);
  for (const m of prepared.months) if (!months || months.includes(m.monthKey)) out.push(...(await monthFiles(m, l, fonts, repertoire)));
  return out;
}
