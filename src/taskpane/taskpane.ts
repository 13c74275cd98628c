// The task pane: the month's forms first (Make forms, Check), then behind disclosure sections the
// Locum details, the year end, the year template, the functions and the tables in force. Plain DOM
// with Fluent UI Web Components, no framework. It runs in the same page (shared runtime) as the
// custom functions, so the rules it shows and reloads are the ones the functions use. Every action
// says at once what it is doing (and how far it has got), and every failure says so in plain words.
import "./fluent";
import { loadWorkbookRules } from "../office";
import { current } from "../office";
import type { FormA } from "../forms";
import { chooseSessions } from "../workbook";
import { BUILT_IN, dayToUk, LocumError, plural, todayDay } from "../rules";
import { el } from "./dom";
import { DETAIL_FIELDS, type DetailField, detailsForm, writeDetails } from "./detailsSheet";
import { createRulesSheet, readWorkbookInput, RULES_NAME, starterRules, TooBigError } from "./excel";
import { checkForms, type FormsRun, makeForms, type RunOptions, sentOnDay, sessionRows, yearEnd } from "./formsPane";
import { renderFunctions, renderRules } from "./reference";
import { wireSupportLink } from "./supportLink";
import { insertTemplate } from "./templateWriter";
import { checkView, formsView, revokeFiles, yearEndView } from "./view";
import { canWriteBack, writeBack, writeBackRows } from "./writeBack";

export { FUNCTIONS, percent } from "./reference";

/* global document, Office */

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`task pane: #${id} is missing from taskpane.html`);
  return e as T;
}

// ---- saying what happens ----

/** Announce to screen readers (the live region) without moving focus. */
function say(text: string): void {
  const live = byId("announce");
  live.textContent = "";
  // A new text node, so the same words twice are announced twice.
  setTimeout(() => (live.textContent = text), 30);
}

/** An error in plain words: what went wrong, not a stack trace. */
export function plainError(e: unknown): string {
  if (e instanceof TooBigError) return e.message;
  const code = (e as { code?: string })?.code ?? "";
  const message = e instanceof Error ? e.message : String(e);
  if (code === "RequestPayloadSizeLimitExceeded" || /PayloadSizeLimit|too large/i.test(message))
    return "The workbook is too big to read through Excel in one go (Excel on the web takes 5 MB at a time): split it, one workbook per scheme year, or save it and run locum forms on the file.";
  if (code === "ItemNotFound") return "Something the pane was working on is no longer in the workbook (a sheet or table renamed or deleted): try again.";
  if (code === "InvalidOperation" || code === "InvalidOperationInCellEditMode" || /cell edit mode/i.test(message))
    return "Excel is busy (a cell is being edited?): press Enter or Esc in the sheet, then try again.";
  return `Excel reported a problem: ${message.replace(/\s+at .*/s, "")}`;
}

function show(box: HTMLElement, kind: "ok" | "error" | "info", ...children: (Node | string | null)[]): void {
  box.className = `result result-${kind}`;
  box.replaceChildren(...children.filter((c): c is Node | string => c !== null));
  box.hidden = false;
}

const progress = {
  start(text: string, cancellable: boolean, signal?: { cancelled: boolean }) {
    byId("progress").hidden = false;
    const bar = byId("progress-bar");
    bar.removeAttribute("value");
    byId("progress-text").textContent = text;
    const cancel = byId("cancel");
    cancel.hidden = !cancellable;
    cancel.onclick = () => {
      if (signal) signal.cancelled = true;
      byId("progress-text").textContent = "Cancelling after this month…";
    };
    say(text);
  },
  step(text: string, done?: number, of?: number) {
    byId("progress-text").textContent = text;
    const bar = byId("progress-bar");
    if (done !== undefined && of) {
      bar.setAttribute("max", String(of));
      bar.setAttribute("value", String(done));
    }
    say(text);
  },
  stop() {
    byId("progress").hidden = true;
    byId("cancel").hidden = true;
  },
};

let working = false;
/** Run an action with the other actions off and progress shown; errors go to `box` in plain words. */
async function busy(box: HTMLElement, start: string, work: (o: RunOptions) => Promise<void>, cancellable = false): Promise<void> {
  if (working) return;
  working = true;
  const buttons = Array.from(document.querySelectorAll<HTMLElement>(".action"));
  const was = buttons.map((b) => b.hasAttribute("disabled"));
  buttons.forEach((b) => b.setAttribute("disabled", ""));
  document.body.dataset.busy = "true";
  const signal = { cancelled: false };
  progress.start(start, cancellable, signal);
  try {
    await work({ onProgress: (t, d, n) => progress.step(t, d, n), signal });
  } catch (e) {
    show(box, "error", el("p", {}, plainError(e)));
    say(plainError(e));
  } finally {
    progress.stop();
    buttons.forEach((b, i) => (was[i] ? b.setAttribute("disabled", "") : b.removeAttribute("disabled")));
    delete document.body.dataset.busy;
    working = false;
  }
}

// ---- the workbook's state: the status line, the welcome, the details form ----

let sessionsSheet: string | undefined;

async function refresh(): Promise<void> {
  const { workbook } = await readWorkbookInput();
  const block = chooseSessions(workbook);
  showStatus(block, sessionRows(workbook));
  fillDetails(detailsForm(workbook).values);
}

/**
 * The status line and the welcome, from the sessions sheet as last read: on opening, and again after
 * each Check, Make forms and Year end, so it never says "No sessions yet" over rows just read.
 */
function showStatus(block: { sheet: string; table?: string } | null | undefined, rows: number): void {
  sessionsSheet = block?.sheet;
  byId("workbook-status").textContent =
    block && rows
      ? `${plural(rows, "session row")} on ${block.sheet}${block.table ? ` (table ${block.table})` : ""}. Select rows to make only their months.`
      : block && block.table
        ? `No sessions yet in ${block.sheet} (table ${block.table}): type one row per session.`
        : "No sessions yet: insert the year template, or add a Sessions sheet.";
  // The welcome offers the template while the workbook has no sessions (and no sessions table yet).
  byId("welcome").hidden = welcomeSkipped || rows > 0 || Boolean(block?.table);
}

let welcomeSkipped = false;

const fieldId = (f: DetailField) => `detail-${f.toLowerCase().replace(/[^a-z]+/g, "-")}`;

function buildDetailsForm(): void {
  const box = byId("details-fields");
  box.replaceChildren(
    ...DETAIL_FIELDS.map((f) => {
      const id = fieldId(f);
      const input =
        f === "Country"
          ? el(
              "select",
              { id, name: f },
              el("option", { value: "" }, ""),
              el("option", { value: "England" }, "England"),
              el("option", { value: "Wales" }, "Wales"),
            )
          : el("input", {
              id,
              name: f,
              type: f === "Email" ? "email" : "text",
              autocomplete: "off",
              ...(f === "Date of birth" ? { placeholder: "dd/mm/yyyy", inputmode: "numeric" } : f === "Tier rate" ? { placeholder: "9.8%" } : {}),
            });
      return el("label", { class: "field", for: id }, f, input);
    }),
  );
}

function fillDetails(values: Record<DetailField, string>): void {
  for (const f of DETAIL_FIELDS) {
    const input = document.getElementById(fieldId(f)) as HTMLInputElement | HTMLSelectElement | null;
    if (input) input.value = values[f] ?? "";
  }
}

function detailsValues(): Record<DetailField, string> {
  return Object.fromEntries(DETAIL_FIELDS.map((f) => [f, (document.getElementById(fieldId(f)) as HTMLInputElement).value])) as Record<DetailField, string>;
}

// ---- "Forms sent on": dd/mm/yyyy in a text box, whatever the browser's locale ----

const SENT_DESCRIBED = "submitted-format submitted-hint";

/**
 * Check "Forms sent on" as typed: a bad date is said beside the box (aria-invalid, and described by
 * the message) and, when `announce`, to screen readers; a good one is shown as dd/mm/yyyy. True when
 * the box is empty or holds a date.
 */
function checkSentOn(announce: boolean): boolean {
  const input = byId<HTMLInputElement>("submitted");
  const error = byId("submitted-error");
  const r = sentOnDay(input.value);
  if ("problem" in r) {
    error.textContent = r.problem;
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", `submitted-error ${SENT_DESCRIBED}`);
    if (announce) say(r.problem);
    return false;
  }
  if (r.day !== null && announce) input.value = dayToUk(r.day);
  error.hidden = true;
  error.textContent = "";
  input.removeAttribute("aria-invalid");
  input.setAttribute("aria-describedby", SENT_DESCRIBED);
  return true;
}

/** A bad date stops Make forms and Check: the box says why and takes the focus. */
function sentOnOk(): boolean {
  if (checkSentOn(true)) return true;
  byId("submitted").focus();
  return false;
}

function watchSentOn(): void {
  const input = byId<HTMLInputElement>("submitted");
  input.addEventListener("change", () => checkSentOn(true));
  // While a bad date is being corrected, the message goes as soon as the date is good (not while typing a new one).
  input.addEventListener("input", () => input.hasAttribute("aria-invalid") && "day" in sentOnDay(input.value) && checkSentOn(false));
}

// ---- actions ----

let lastRun: FormsRun | null = null;

async function onMake(o: RunOptions): Promise<void> {
  const box = byId("forms-result");
  revokeFiles();
  byId("write-back-box").hidden = true;
  const r = await makeForms(byId<HTMLInputElement>("submitted").value, undefined, o);
  if ("problem" in r) {
    show(box, "error", el("p", {}, r.problem));
    say(r.problem);
    return;
  }
  lastRun = r;
  showStatus(r.read.sessions, r.rows);
  show(box, "info", ...((await formsView(r, say)).filter(Boolean) as Node[]));
  byId("write-back-box").hidden = !(r.read.sessions?.table && r.made.length && canWriteBack());
  say(`${r.files.length} PDFs made for ${plural(r.made.length, "month")}${r.cancelled ? " (cancelled)" : ""}.`);
}

async function onCheck(o: RunOptions): Promise<void> {
  const box = byId("forms-result");
  revokeFiles();
  byId("write-back-box").hidden = true;
  const r = await checkForms(byId<HTMLInputElement>("submitted").value, undefined, o);
  if ("problem" in r) {
    show(box, "error", el("p", {}, r.problem));
    say(r.problem);
    return;
  }
  showStatus(r.read.sessions, r.rows);
  show(box, "info", ...(checkView(r).filter(Boolean) as Node[]));
  const errors = r.prepared.messages.filter((m) => m.level === "error").length;
  say(`Checked ${r.rows} rows: ${errors} errors, ${r.prepared.messages.length - errors} warnings.`);
}

async function onWriteBack(): Promise<void> {
  const r = lastRun;
  const box = byId("forms-result");
  if (!r?.read.sessions?.table) return;
  const base = (f: FormA) => r.forms.formAFileName(f).split("/").pop()!;
  const values = writeBackRows(r.full, r.made, base, r.workbook.date1904);
  const done = await writeBack(r.read.sessions.table, values);
  box.prepend(el("p", { class: "result-ok written" }, done.message));
  say(done.message);
}

async function onInsert(box: HTMLElement): Promise<void> {
  const r = await insertTemplate(current().rules, { made: todayDay(), sessionsSheet });
  show(box, r.inserted ? "ok" : "error", el("p", {}, r.message), r.notes.length ? el("ul", {}, ...r.notes.map((n) => el("li", {}, n))) : null);
  say(r.message);
  if (r.inserted) await refresh();
}

async function onYearEnd(o: RunOptions): Promise<void> {
  const box = byId("yearend-result");
  const r = await yearEnd(undefined, o);
  if ("problem" in r) {
    show(box, "error", el("p", {}, r.problem));
    say(r.problem);
    return;
  }
  showStatus(r.checked.read.sessions, r.checked.rows);
  show(box, "info", ...(yearEndView(r, r.status).filter(Boolean) as Node[]));
  say(r.yearEnd.results.length ? `Year end worked out for ${r.yearEnd.results.map((x) => x.label).join(", ")}.` : "No scheme year to reconcile yet.");
}

/** Read LocumRules into the functions, then say what happened. `lead` goes before the report. */
async function reload(lead = ""): Promise<void> {
  const report = await loadWorkbookRules();
  const box = byId("result");
  const notes = report.notes.length ? el("ul", {}, ...report.notes.map((n) => el("li", {}, n))) : null;
  if (report.error) show(box, "error", el("p", {}, `${lead}${report.summary}`), notes);
  else if (report.read.length) show(box, "ok", el("p", {}, `${lead}${report.summary}`), notes);
  else show(box, "info", el("p", {}, `${lead}No ${RULES_NAME} table or sheet in this workbook: the built-in tables are in force.`), notes);
  renderRules();
}

async function createSheet(): Promise<void> {
  const result = await createRulesSheet(starterRules(BUILT_IN));
  if (result.created) await reload(`${result.message} `);
  else show(byId("result"), "info", el("p", {}, result.message));
}

/** Draw the pane; the buttons work only inside Excel. */
export function start(host: Office.HostType | null): void {
  const inExcel = typeof Office !== "undefined" && host === Office.HostType.Excel;
  renderFunctions();
  renderRules();
  buildDetailsForm();
  watchSentOn();
  byId("host-note").hidden = inExcel;
  wireSupportLink(byId<HTMLAnchorElement>("support-link"));
  const ids = ["make-forms", "check", "reload", "create-sheet", "insert-template", "welcome-insert", "year-end", "details-save", "details-load"];
  for (const id of ids) byId(id).toggleAttribute("disabled", !inExcel);
  if (inExcel) {
    const click = (id: string, f: () => void) => byId(id).addEventListener("click", () => byId(id).hasAttribute("disabled") || f());
    const forms = byId("forms-result");
    click("make-forms", () => sentOnOk() && busy(forms, "Reading the workbook…", onMake, true));
    click("check", () => sentOnOk() && busy(forms, "Reading the workbook…", onCheck));
    click("write-back", () => busy(forms, "Writing back…", onWriteBack));
    click("welcome-insert", () =>
      busy(byId("template-result"), "Inserting the year template…", () =>
        onInsert(byId("template-result")).then(() => byId("template-section").setAttribute("expanded", "")),
      ),
    );
    click("insert-template", () => busy(byId("template-result"), "Inserting the year template…", () => onInsert(byId("template-result"))));
    click("year-end", () => busy(byId("yearend-result"), "Reading the workbook…", onYearEnd));
    click("details-load", () =>
      busy(byId("details-result"), "Reading Locum details…", async () => {
        const { workbook } = await readWorkbookInput();
        const f = detailsForm(workbook);
        fillDetails(f.values);
        show(byId("details-result"), "info", el("p", {}, f.sheet ? `Read from the "${f.sheet}" sheet.` : "No Locum details sheet yet: Save details adds one."));
      }),
    );
    click("details-save", () =>
      busy(byId("details-result"), "Saving to Locum details…", async () => {
        try {
          const w = await writeDetails(detailsValues());
          show(byId("details-result"), "ok", el("p", {}, w.message));
          say(w.message);
        } catch (e) {
          // A value the sheet could not take (a date, a rate): the field's own words.
          if (e instanceof LocumError) {
            show(byId("details-result"), "error", el("p", {}, e.message));
            say(e.message);
            return;
          }
          throw e;
        }
      }),
    );
    byId("details-form").addEventListener("submit", (ev) => ev.preventDefault());
    click("reload", () => busy(byId("result"), "Reading LocumRules…", () => reload()));
    click("create-sheet", () => busy(byId("result"), "Adding a LocumRules sheet…", createSheet));
    byId("welcome-skip").addEventListener("click", () => {
      welcomeSkipped = true;
      byId("welcome").hidden = true;
      byId("make-forms").focus();
    });
    void busy(forms, "Reading the workbook…", () => refresh()).then(() => (document.body.dataset.ready = "excel"));
  } else {
    document.body.dataset.ready = "browser";
  }
}

if (typeof document !== "undefined" && document.getElementById("app-body")) {
  if (typeof Office !== "undefined") {
    Office.onReady((info) => start(info.host));
  } else {
    // Office.js did not load (opened outside Office without network): show the reference part.
    start(null);
  }
}
