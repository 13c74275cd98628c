// What the pane shows after Check, Make forms and Year end: messages grouped by month (each a link
// that selects its cell), per month its Form B, Forms A, pack and PCSE Online entry values (with copy
// buttons), each PDF and a .zip to save; the year end's figures and summary PDF. Plain DOM.
import type { OutputFile } from "../forms";
import type { FormB, Message, MonthForms, PreparedForms } from "../forms";
import { bodyText, placeText } from "../workbook";
import { howToPay, monthLabel } from "../forms";
import { annualisedShown, outcomeText, percent, pounds, type2DueText } from "../engine";
import { dayToUk, plural, todayDay } from "../rules";
import { type Child, custom, el } from "./dom";
import { selectCell } from "./excel";
import type { Checked, FormsRun, YearEndRun } from "./formsPane";
import { appendTo } from "../rules";

/* global document, navigator, URL, Blob, Office */

/** Excel for Mac desktop cannot save a file from a pane (a known Office limitation, office-js #2700). */
export function cannotDownload(): boolean {
  return typeof Office !== "undefined" && String(Office.context?.diagnostics?.platform) === "Mac";
}

let urls: string[] = [];
/** Forget the previous result's files (their memory is freed). */
export function revokeFiles(): void {
  for (const u of urls) URL.revokeObjectURL(u);
  urls = [];
}

function fileLink(name: string, bytes: Uint8Array | Blob, text: Child, type = "application/pdf"): HTMLAnchorElement {
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  urls.push(url);
  return el("a", { href: url, download: name, class: "file", "data-file": name }, text);
}

/** Copy a value to the clipboard; where the clipboard API is refused, through a selected text box. */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const t = el("textarea", { class: "offscreen", "aria-hidden": "true", tabindex: "-1" });
    t.value = text;
    document.body.append(t);
    t.select();
    const ok = document.execCommand("copy");
    t.remove();
    return ok;
  }
}

function copyButton(label: string, value: string, say: (s: string) => void): HTMLElement {
  const b = custom("fluent-button", { size: "small", appearance: "subtle", class: "copy", "aria-label": `Copy ${label}`, "data-copy": value }, "Copy");
  b.addEventListener("click", async () => say((await copy(value)) ? `${label} copied: ${value}` : `Could not copy ${label}: select it and press Ctrl+C`));
  return b;
}

/** "Sessions row 5, Fee (D5)": where the message is, as a link that selects the cell. */
function place(m: Message): HTMLElement {
  const where = placeText(m);
  if (m.row === undefined) return el("strong", {}, where);
  const a = el("a", { href: "#", class: "goto", title: "Show this cell in the workbook" }, where);
  a.addEventListener("click", (ev) => {
    ev.preventDefault();
    void selectCell(m.sheet, m.cell ?? `A${m.row}`).catch(() => undefined);
  });
  return a;
}

function messageItem(m: Message): HTMLLIElement {
  return el(
    "li",
    { class: `msg msg-${m.level}` },
    el("span", { class: "level" }, m.level === "error" ? "Error" : "Warning"),
    " ",
    place(m),
    `: ${bodyText(m)}`,
  );
}

/** The month a message is about: its row's Form B month, else the first month it stops; null for the workbook. */
function monthOf(p: PreparedForms, m: Message): string | null {
  if (m.row !== undefined && m.sheet === p.sessionsSheet && p.rowMonths[m.row]?.length) return p.rowMonths[m.row][0];
  return m.stopsMonths?.[0] ?? null;
}

/** The messages in groups: the workbook first (details, the sheet itself), then month by month. */
export function messageGroups(p: PreparedForms): HTMLElement | null {
  if (!p.messages.length) return null;
  const groups = new Map<string, Message[]>();
  for (const m of p.messages) {
    const k = monthOf(p, m) ?? "";
    appendTo(groups, k, m);
  }
  const keys = [...groups.keys()].sort();
  return el(
    "div",
    { class: "messages" },
    ...keys.map((k) => {
      const list = groups.get(k)!;
      const errors = list.filter((m) => m.level === "error").length;
      const title = k ? monthLabel(k) : "The workbook";
      return el(
        "section",
        { class: "msg-group", "data-month": k || "workbook" },
        el("h3", {}, `${title}: `, el("span", { class: "count" }, `${plural(errors, "error")}, ${plural(list.length - errors, "warning")}`)),
        el("ul", {}, ...list.map(messageItem)),
      );
    }),
  );
}

function summaryLine(c: Checked, lead: string): HTMLElement {
  const errors = c.prepared.messages.filter((m) => m.level === "error").length;
  const warnings = c.prepared.messages.length - errors;
  const sheet = c.read.sessions ? `${c.read.sessions.sheet}${c.read.sessions.table ? ` (table ${c.read.sessions.table})` : ""}` : "no sheet";
  // What was read first, then what came of it.
  return el(
    "p",
    { class: "forms-summary" },
    el("span", { class: "read" }, `Read ${plural(c.rows, "row")} from ${sheet}. `),
    `${lead}; ${plural(errors, "error")}, ${plural(warnings, "warning")}.`,
  );
}

/** After Check: the count, the sheet read, the messages by month. */
export function checkView(c: Checked): Child[] {
  const made = c.months.length;
  return [
    summaryLine(c, `Checked ${c.scope}: ${plural(made, "month")}`),
    messageGroups(c.prepared) ?? el("p", { class: "ok" }, "No errors or warnings: Make forms writes every form of these months."),
  ];
}

type Country = "England" | "Wales";

/** How the month's money goes, said beside its pay-by date: "Pay by card through GOV.UK Pay …". */
function howToPayLine(b: FormB, country: Country): HTMLElement {
  const how = howToPay(country, b.upr);
  return el("p", { class: "how-to-pay" }, `${how[0].toUpperCase()}${how.slice(1)}.`);
}

/** PCSE Online's values for a month, each with a copy button, then how to pay. */
function entryValues(b: FormB, country: Country, say: (s: string) => void): HTMLElement[] {
  const pairs: [string, string][] = [
    ["UPR", b.upr],
    ["Month", monthLabel(b.monthKey)],
    ["Tier rate", percent(b.tier.rate)],
    ["a Pensionable pay", pounds(b.a)],
    ["b Employee contributions", pounds(b.b)],
    ["g Total employee", pounds(b.g)],
    ["h Total employer", pounds(b.h)],
    ["i Total to pay", pounds(b.i)],
    ["j Cumulative", pounds(b.j)],
    ["Pay by", dayToUk(b.dueDate)],
  ];
  return [
    el(
      "dl",
      { class: "entry copyable" },
      ...pairs.map(([k, v]) =>
        el("div", { class: "pair" }, el("dt", {}, k), el("dd", { class: "value" }, v), el("dd", {}, copyButton(k, v.replace(/^£/, ""), say))),
      ),
    ),
    howToPayLine(b, country),
  ];
}

function fileLabel(m: MonthForms, f: OutputFile): Child {
  const base = f.name.split("/").pop()!;
  if (f.kind === "pack") return "Pack: Form B and its Forms A";
  if (f.kind === "entry-sheet") return "PCSE Online entry sheet";
  if (f.kind === "form-b") return "Form B";
  const fa = m.formsA.find((x) => base.startsWith(`${x.upr}-FormA-${String(x.index).padStart(2, "0")}-`));
  if (!fa) return base;
  // "(invoice R-1)" moves to the next line whole: a narrow pane broke it after the hyphen.
  const label = el("span", {}, `Form A ${fa.index}: ${fa.practice}`);
  if (fa.invoice) label.append(" ", el("span", { class: "keep" }, `(invoice ${fa.invoice})`));
  return label;
}

/** The installed command line (docs/install.md), not `npx` in a clone of the repository. */
const COMMAND = (months: string[]) => `locum forms your-workbook.xlsx --out forms${months.length === 1 ? ` --month ${months[0]}` : ""}`;
const INSTALL = "Install the command line (see docs/install.md) if this Mac does not have it yet.";

/** After Make forms: the count, the messages, then each month made. */
export async function formsView(r: FormsRun, say: (s: string) => void): Promise<Child[]> {
  const noDownloads = cannotDownload();
  const out: Child[] = [summaryLine(r, `${plural(r.files.length, "PDF")} for ${r.scope}`)];
  if (r.cancelled)
    out.push(el("p", { class: "notice" }, `Cancelled after ${plural(r.made.length, "month")} of ${r.months.length}: the months below were made.`));
  if (r.prepared.messages.some((m) => m.level === "error"))
    out.push(el("p", {}, "The forms the errors name were not made: correct the rows and make the forms again."));
  if (noDownloads && r.files.length) out.push(macNotice(r));
  else if (r.files.length) out.push(await downloadAll(r));
  out.push(messageGroups(r.prepared));
  const country = r.full.locum?.country ?? "England";
  for (const m of r.full.months) if (r.made.includes(m.monthKey)) out.push(monthSection(r, m, country, noDownloads, say));
  return out;
}

/** Excel for Mac saves no file from an add-in: the command that makes the same PDFs instead. */
function macNotice(r: FormsRun): Child {
  return el(
    "div",
    { class: "notice mac", role: "note" },
    el(
      "p",
      {},
      "Excel for Mac cannot save files from an add-in (a known Office limitation), so there are no download links here. The figures below are the forms' own. For the PDFs, save the workbook and run in Terminal: ",
      el("code", {}, COMMAND(r.made)),
    ),
    el("p", { class: "hint" }, INSTALL),
  );
}

/** Every PDF of the run in one zip (a folder a month), and the same forms as data beside it. */
async function downloadAll(r: FormsRun): Promise<Child> {
  const { default: JSZip } = await import(/* webpackChunkName: "zip" */ "jszip");
  const zip = new JSZip();
  // A fixed date in the zip, like the PDFs' metadata: the same rows give the same bytes.
  for (const f of r.files) zip.file(f.name, f.bytes, { binary: true, date: new Date(Date.UTC(2000, 0, 1)) });
  const all = await zip.generateAsync({ type: "blob", compression: "STORE", mimeType: "application/zip" });
  const name = `locum-forms-${r.made[0]}${r.made.length > 1 ? `-to-${r.made[r.made.length - 1]}` : ""}.zip`;
  // The same forms as data (src/forms/openData.ts, as `locum forms --json` prints them), beside the PDFs.
  const data = new Blob([JSON.stringify(r.forms.formsDocument(r.full, { today: todayDay(), months: r.made }), null, 2)], { type: "application/json" });
  return el(
    "p",
    { class: "download-all" },
    fileLink(name, all, `Save all ${plural(r.files.length, "PDF")} (.zip, one folder per month)`, "application/zip"),
    " ",
    fileLink(name.replace(/\.zip$/, ".json"), data, "Forms as data (.json)", "application/json"),
  );
}

/** One month made: its figures, how to pay, its files and the PCSE Online entry values. */
function monthSection(r: FormsRun, m: MonthForms, country: Country, noDownloads: boolean, say: (s: string) => void): Child {
  const mine = r.files.filter((f) => f.name.startsWith(`${m.monthKey}/`));
  const b = m.formB;
  const figures = b
    ? `${plural(b.formsA.length, "Form")} A; ${pounds(b.i)} to pay by ${dayToUk(b.dueDate)}`
    : `Form B not made (see the errors)${m.formsA.length ? `; ${plural(m.formsA.length, "Form")} A made` : ""}`;
  return el(
    "section",
    { class: "month", "data-month": m.monthKey, "aria-label": monthLabel(m.monthKey) },
    el("h3", {}, monthLabel(m.monthKey)),
    el("p", { class: "figures" }, figures),
    b ? howToPayLine(b, country) : null,
    noDownloads ? null : el("ul", { class: "files" }, ...mine.map((f) => el("li", {}, fileLink(f.name.split("/").pop()!, f.bytes, fileLabel(m, f))))),
    b ? el("details", { class: "entry-values" }, el("summary", {}, "PCSE Online entry values"), ...entryValues(b, country, say)) : null,
  );
}

/** The year end: per scheme year (and part), the figures `locum yearend` gives, and the summary PDF. */
export function yearEndView(y: YearEndRun, status: (r: YearEndRun["yearEnd"]["results"][number]) => string): Child[] {
  const out: Child[] = [];
  const { results, messages } = y.yearEnd;
  if (!results.length) {
    out.push(el("p", {}, "No scheme year to reconcile yet: the workbook has no Forms A (check the sessions and Locum details)."));
  }
  if (y.pdf && !cannotDownload()) out.push(el("p", { class: "download-all" }, fileLink(y.pdf.name, y.pdf.bytes, `Save the year-end summary (${y.pdf.name})`)));
  if (y.pdf && cannotDownload())
    out.push(
      el(
        "p",
        { class: "notice mac" },
        "Excel for Mac cannot save files from an add-in: for the summary PDF, save the workbook and run ",
        el("code", {}, "locum yearend your-workbook.xlsx"),
        `. ${INSTALL}`,
      ),
    );
  for (const r of results) {
    const rows: [string, string][] = [];
    for (const p of r.parts) {
      const part = r.parts.length > 1 ? ` (${dayToUk(p.from)} to ${dayToUk(p.to)})` : "";
      rows.push(
        [`Locum pay${part}`, pounds(p.locumPay)],
        [`Days worked${part}`, String(p.daysWorked)],
        [`Tier and rate due${part}`, `tier ${p.tier}, ${percent(p.rate)}`],
        [`Due${part}`, pounds(p.due)],
        [`Paid${part}`, pounds(p.paid)],
      );
    }
    rows.splice(2, 0, ["Annualised", pounds(annualisedShown(r.annualised))]);
    rows.push(["Outcome", outcomeText(r, !y.yearEnd.incomplete.includes(r.schemeYear))], ["Type 2 due by", type2DueText(r)], ["Status", status(r)]);
    out.push(
      el(
        "section",
        { class: "year", "data-year": r.label },
        el("h3", {}, `Scheme year ${r.label}`),
        el("p", { class: "figures" }, r.form),
        el("dl", { class: "entry" }, ...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
      ),
    );
  }
  if (messages.length) out.push(el("ul", { class: "messages plain" }, ...messages.map(messageItem)));
  return out;
}
