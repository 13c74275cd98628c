// A form drawn once, into its own PDF, then copied page by page into the month's pack: drawing it
// again cost as much as drawing it first (its fillable fields most of all). The copy shares the
// pack's fonts (the same subset, the run's repertoire preloaded in the same order, so the glyph
// ids in the copied pages mean the same glyphs) and keeps its fields, renamed to the pack's prefix.
import { PDFDict, type PDFDocument, PDFHexString, PDFName, PDFObjectCopier, PDFPage, type PDFRef } from "pdf-lib";
import { type Fonts, readyForm } from "./draw";
import { drawnWithinRepertoire } from "./fonts";

export interface DrawnForm {
  doc: PDFDocument;
  fonts: Fonts;
  /** Whether it drew only the run's repertoire, told before saving (saving adds accents' parts). */
  withinRepertoire: boolean;
}

/** A form just drawn (not yet saved), ready to be copied after it is saved. */
export const drawnForm = (doc: PDFDocument, fonts: Fonts): DrawnForm => ({ doc, fonts, withinRepertoire: drawnWithinRepertoire(fonts) });

/** pdf-lib's copier, with the objects it must map rather than copy (fonts, pages) given first. */
function copierFor(
  src: DrawnForm,
  dest: { doc: PDFDocument },
): { copy: (o: PDFRef) => PDFRef; copyPage: (p: PDFPage, at: PDFRef) => void; map: (from: PDFRef, to: PDFRef) => void } {
  const copier = PDFObjectCopier.for(src.doc.context, dest.doc.context);
  const mapped = (copier as unknown as { traversedObjects?: unknown }).traversedObjects;
  if (!(mapped instanceof Map)) throw new Error("pdf-lib's object copier has changed shape: cannot copy a form into the pack");
  return {
    map: (from, to) => void mapped.set(from, to),
    copy: (ref) => copier.copy(ref) as PDFRef,
    copyPage: (page, at) => dest.doc.context.assign(at, copier.copy(page.node)),
  };
}

/**
 * Copy every page of `src` to the end of `dest`, its fields renamed from `fromPrefix` to
 * `toPrefix` ("A" to "A3": the pack holds several Forms A). False, with nothing copied, when the
 * form drew a glyph outside the run's repertoire: its glyph ids would mean other glyphs in the pack.
 * (What the pack itself draws does not matter: its repertoire's glyphs come first, in the same
 * order, whatever it adds after them.)
 */
export function copyForm(src: DrawnForm, dest: { doc: PDFDocument; fonts: Fonts }, fromPrefix: string, toPrefix: string): boolean {
  if (!src.withinRepertoire) return false;
  if (!!src.fonts.bold !== !!dest.fonts.bold) return false;
  const c = copierFor(src, dest);
  c.map(src.fonts.regular.ref, dest.fonts.regular.ref);
  if (src.fonts.bold && dest.fonts.bold) c.map(src.fonts.bold.ref, dest.fonts.bold.ref);
  // Every page's place first: a field's widget points at its page (/P), which must be the copy.
  const pages = src.doc.getPages().map((page) => ({ page, at: dest.doc.context.nextRef() }));
  for (const { page, at } of pages) c.map(page.ref, at);
  for (const { page, at } of pages) {
    c.copyPage(page, at);
    dest.doc.addPage(PDFPage.of(dest.doc.context.lookup(at) as PDFPage["node"], at, dest.doc));
  }
  const fields = src.doc.catalog.getAcroForm()?.getFields() ?? [];
  if (!fields.length) return true;
  readyForm(dest.doc);
  const form = dest.doc.getForm().acroForm;
  for (const [field, ref] of fields) {
    const copied = c.copy(ref);
    if (field.getPartialName() === fromPrefix) dest.doc.context.lookup(copied, PDFDict).set(PDFName.of("T"), PDFHexString.fromText(toPrefix));
    form.addField(copied);
  }
  return true;
}
