// The pane's "Forms A and B": the workbook's rows → the same checks and PDFs as `locum forms`.
// This file only moves values: Excel → src/forms → links to download. pdf-lib, fontkit and the
// fonts load on first use, so opening the pane (and the custom functions) stays light. Nothing
// leaves the computer: the fonts come from the add-in's own folder and the PDFs are blob links.
import { pounds } from "../engine";
import type { FontBytes, Message, OutputFile, PreparedForms } from "../forms";
// The light parts of the forms layer (no pdf-lib): month names and how a message reads.
import { monthLabel } from "../forms/months";
import { bodyText, placeText } from "../forms/messages";
import { dayToUk, isoToDay, LocumError } from "../rules";
import { type Child, el } from "./dom";
import { type ExcelRun, readWorkbookInput, selectCell } from "./excel";

/* global document, fetch, URL, Blob */

export interface FormsRun {
  prepared: PreparedForms;
  files: OutputFile[];
  /** The months written this run ("2025-04"), in order. */
  months: string[];
  /** How the months were chosen, for the pane to say. */
  scope: string;
}

let fonts: Promise<FontBytes> | null = null;
/** DejaVu Sans, copied into the add-in's assets by webpack (the same files the command line uses). */
function loadFonts(): Promise<FontBytes> {
  fonts ??= Promise.all(
    ["assets/DejaVuSans.ttf", "assets/DejaVuSans-Bold.ttf"].map(async (u) => {
      const r = await fetch(u);
      if (!r.ok) throw new Error(`the form font ${u} is missing from the add-in (${r.status})`);
      return new Uint8Array(await r.arrayBuffer());
    }),
  ).then(([regular, bold]) => ({ regular, bold }));
  fonts.catch(() => (fonts = null));
  return fonts;
}

/**
 * Read, check and render. With rows selected on the sessions sheet, only the months those rows
 * are paid in are written; every row is still read, so box j and the annualised tier are right.
 */
export async function makeForms(submittedIso: string, run?: ExcelRun): Promise<FormsRun | { problem: string }> {
  let submitted = null;
  if (submittedIso) {
    submitted = isoToDay(submittedIso);
    if (submitted === null) return { problem: `"Forms sent on" is not a date (${submittedIso}): pick one, or leave it empty.` };
  }
  const { workbook, selection } = await readWorkbookInput(run);
  const [forms, fontBytes] = await Promise.all([import(/* webpackChunkName: "forms" */ "../forms"), loadFonts()]);
  // src/forms chooses the sheets and reads LocumRules and LocumSettings, as for the command line.
  const prepare = (sent: typeof submitted, months?: string[]) =>
    forms.formsFromWorkbook(workbook, { submitted: sent, submittedLabel: '"Forms sent on"', months, unprintable: forms.unprintableWith(fontBytes) });
  let first;
  try {
    first = prepare(null);
  } catch (e) {
    if (!(e instanceof LocumError)) throw e;
    return { problem: `LocumRules or LocumSettings has a problem, so no forms are made until it is fixed: ${e.message}` };
  }
  const sessions = first.read.sessions;
  if (!sessions) return { problem: 'No sessions sheet: add a sheet named "Sessions" with a header row (Date worked, Practice, Practice code, Fee, Date paid) and one row per session.' };
  const selected = selection && selection.sheet === sessions.sheet ? selection.rows : null;
  let months: string[] | undefined;
  let scope = `every month of ${sessions.sheet}`;
  if (selected) {
    // The months the selected rows are paid in, found without "Forms sent on" (it is for them only).
    const [from, to] = selected;
    const rows = from === to ? `row ${from}` : `rows ${from} to ${to}`;
    const picked = [...new Set(Object.entries(first.prepared.rowMonths).filter(([r]) => Number(r) >= from && Number(r) <= to).flatMap(([, k]) => k))].sort();
    if (picked.length) {
      months = picked;
      scope = `the months of ${sessions.sheet} ${rows} (${picked.map(monthLabel).join(", ")})`;
    } else {
      // No Date paid that can be read in the selection: no month to make; say what is wrong there.
      months = [];
      scope = `${sessions.sheet} ${rows}: no forms, as ${from === to ? "it has" : "they have"} no Date paid that can be read`;
    }
  }
  const full = prepare(months?.length === 0 ? null : submitted, months).prepared;
  // With months chosen, the messages about them (and about no month in particular); with none, the
  // messages about the selected rows.
  const prepared =
    months === undefined
      ? full
      : months.length
        ? { ...full, messages: forms.forMonths(full, months).messages }
        : { ...full, messages: full.messages.filter((m) => m.sheet !== sessions.sheet || m.row === undefined || (selected !== null && m.row >= selected[0] && m.row <= selected[1])) };
  const chosen = months ?? full.months.map((m) => m.monthKey);
  const files = await forms.renderPdfs(full, fontBytes, chosen);
  return { prepared, files, months: chosen, scope };
}

// ---- showing the result ----


let urls: string[] = [];
function blobLink(name: string, bytes: Uint8Array | Blob, text: string, type = "application/pdf"): HTMLAnchorElement {
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  urls.push(url);
  return el("a", { href: url, download: name, class: "file", "data-file": name }, text);
}

/** "Sessions row 5, Fee (D5)": where the message is, as a link that selects the cell. */
function place(m: Message): HTMLElement {
  const where = placeText(m);
  if (m.row === undefined) return el("strong", {}, where);
  const a = el("a", { href: "#", class: "goto", title: "Show this cell in the workbook" }, where);
  a.onclick = (ev) => {
    ev.preventDefault();
    void selectCell(m.sheet, m.cell ?? `A${m.row}`).catch(() => undefined);
  };
  return a;
}

function messageItem(m: Message): HTMLLIElement {
  return el("li", { class: `msg msg-${m.level}` }, el("span", { class: "level" }, m.level === "error" ? "Error" : "Warning"), " ", place(m), `: ${bodyText(m)}`);
}

/** Everything a run produced: the counts, the messages (each linked to its cell), the files by month. */
export async function showForms(box: HTMLElement, r: FormsRun | { problem: string }): Promise<void> {
  for (const u of urls) URL.revokeObjectURL(u);
  urls = [];
  box.hidden = false;
  if ("problem" in r) {
    box.className = "forms-result result result-error";
    box.replaceChildren(el("p", {}, r.problem));
    return;
  }
  const { prepared, files } = r;
  const errors = prepared.messages.filter((m) => m.level === "error").length;
  const warnings = prepared.messages.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  box.className = `forms-result result result-${errors ? (files.length ? "info" : "error") : "ok"}`;
  const head = el(
    "p",
    { class: "forms-summary" },
    `${plural(files.length, "PDF")} for ${r.scope}; ${plural(errors, "error")}, ${plural(warnings, "warning")}.`,
    errors ? " The forms the errors name were not made: correct the rows and press the button again." : "",
  );
  const list = prepared.messages.length ? el("ul", { class: "messages" }, ...prepared.messages.map(messageItem)) : null;
  const months = el("div", { class: "months" });
  for (const m of prepared.months) {
    if (!r.months.includes(m.monthKey)) continue;
    const mine = files.filter((f) => f.name.startsWith(`${m.monthKey}/`));
    const b = m.formB;
    const figures = b
      ? `${plural(b.formsA.length, "Form")} A; pensionable ${pounds(b.a)}, employee ${pounds(b.g)}, employer ${pounds(b.h)}; pay ${pounds(b.i)} by ${dayToUk(b.dueDate)} with reference ${b.upr}`
      : `Form B not made (errors above)${m.formsA.length ? `; ${plural(m.formsA.length, "Form")} A made` : ""}`;
    const label = (f: OutputFile) => {
      const base = f.name.split("/").pop()!;
      if (f.kind === "pack") return "Pack: Form B and its Forms A";
      if (f.kind === "entry-sheet") return "PCSE Online entry sheet";
      if (f.kind === "form-b") return "Form B";
      const fa = m.formsA.find((x) => base.startsWith(`${x.upr}-FormA-${String(x.index).padStart(2, "0")}-`));
      return fa ? `Form A ${fa.index}: ${fa.practice}${fa.invoice ? ` (invoice ${fa.invoice})` : ""}` : base;
    };
    months.append(
      el(
        "section",
        { class: "month", "data-month": m.monthKey },
        el("h3", {}, monthLabel(m.monthKey)),
        el("p", { class: "figures" }, figures),
        el("ul", { class: "files" }, ...mine.map((f) => el("li", {}, blobLink(f.name.split("/").pop()!, f.bytes, label(f))))),
      ),
    );
  }
  const children: Child[] = [head, list, months];
  if (files.length) {
    const { default: JSZip } = await import(/* webpackChunkName: "zip" */ "jszip");
    const zip = new JSZip();
    // A fixed date in the zip, like the PDFs' metadata: the same rows give the same bytes.
    for (const f of files) zip.file(f.name, f.bytes, { binary: true, date: new Date(Date.UTC(2000, 0, 1)) });
    const all = await zip.generateAsync({ type: "blob", compression: "STORE", mimeType: "application/zip" });
    const name = `locum-forms-${r.months[0]}${r.months.length > 1 ? `-to-${r.months[r.months.length - 1]}` : ""}.zip`;
    children.splice(1, 0, el("p", { class: "download-all" }, blobLink(name, all, `Download ${files.length === 1 ? "the PDF" : `all ${files.length} PDFs`} (.zip, one folder per month)`, "application/zip")));
  }
  box.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
}
