// The task pane: what the LOCUM functions do, the contribution tables they are using, and the
// LocumRules controls. Plain DOM, no framework. It runs in the same page (shared runtime) as the
// custom functions, so the rules it shows and reloads are the ones the functions use.
import { loadWorkbookRules } from "../functions/functions";
import { current } from "../functions/state";
import {
  BUILT_IN,
  dayToUk,
  isoToDay,
  type EmployerRate,
  type RuleSet,
  type Segment,
  type Status,
  type TierTable,
} from "../rules";
import { createRulesSheet, RULES_NAME, starterRules } from "./excel";
import { el } from "./dom";
import { makeForms, showForms } from "./formsPane";

/* global document, Office */

export interface FunctionHelp {
  name: string;
  /** Parameter names as in functions.json; optional ones in [brackets]. */
  params: string[];
  help: string;
}

/** One line each; test/taskpane.test.ts checks the names and parameters against functions.json. */
export const FUNCTIONS: FunctionHelp[] = [
  { name: "CONTRIB", params: ["earnings", "start", "end", "[days_of_service]", "[country]"], help: "Your employee contributions on locum earnings for a period, to the penny." },
  { name: "BREAKDOWN", params: ["earnings", "start", "end", "[days_of_service]", "[country]"], help: "The workings behind CONTRIB: one row per scheme year and tier table, with a total." },
  { name: "TIER", params: ["annualised", "date"], help: "The contribution tier (1 is the lowest) for an annualised pay." },
  { name: "RATE", params: ["annualised", "date"], help: "The contribution rate for an annualised pay, such as 0.145 (14.5%)." },
  { name: "ANNUALISE", params: ["pay", "days_of_service", "date"], help: "Pay ÷ days of service × days in the scheme year." },
  { name: "PENSIONABLE", params: ["fee"], help: "Form A box 2: pensionable pay, 90% of the locum fee." },
  { name: "EMPLOYER", params: ["pensionable_pay", "date_paid"], help: "Form A box 3: the employer contribution at the rate on the date paid." },
  { name: "SCHEMEYEAR", params: ["date"], help: "The scheme year a date falls in, such as 2022/23." },
  { name: "UPR", params: ["sd_number", "month"], help: "The Form B payment reference, such as 12345678LOCMAR2026." },
  { name: "DUE", params: ["date_paid"], help: "When Form B and its payment are due: the 7th of the next month." },
  { name: "DAYS", params: ["dates"], help: "Days worked in a range of dates; a day at two practices counts once." },
  { name: "TABLE", params: ["date"], help: "The tier table in force on a date, and whether it is confirmed." },
  { name: "MONTHLY", params: ["sessions", "details"], help: "Each month's Form B figures, as the forms make them: pay, contributions, UPR, due date." },
  { name: "YEAREND", params: ["dates_worked", "pensionable_pay", "[rate_paid]", "[other_practitioner_pay]", "[other_days_of_service]", "[form_a]", "[country]", "[last_closing_pension]", "[september_cpi]"], help: "The year end: the right tier, what was due and paid, the top-up or refund, Type 2." },
  { name: "FORMA", params: ["date_worked", "date_paid", "practice_code", "[practice]", "[invoice]", "[last_day]", "[work_type]", "[engaged_via]", "[date_submitted]"], help: "The Form A a row is declared on, such as 03/2026 Y02345 INV-140." },
];

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`task pane: #${id} is missing from taskpane.html`);
  return e as T;
}

// ---- formatting ----

const pounds = (n: number) => `£${n.toLocaleString("en-GB")}`;

/** "0.145" → "14.5%", from the text, so no floating-point noise reaches the screen. */
export function percent(rate: string): string {
  const [whole, frac = ""] = rate.split(".");
  const digits = (whole === "" ? "0" : whole) + (frac + "00").slice(0, 2) + "." + frac.slice(2);
  const trimmed = digits.replace(/\.?0*$/, "").replace(/^0+(?=\d)/, "");
  return `${trimmed}%`;
}

const ukDate = (iso: string) => {
  const d = isoToDay(iso);
  return d === null ? iso : dayToUk(d);
};

function badge(status: Status): HTMLElement {
  return el("span", { class: `badge badge-${status}`, title: status === "provisional" ? "Not yet published: check before you pay" : "Published rates" }, status);
}

// ---- sections ----

function renderFunctions(): void {
  const list = byId("function-list");
  list.replaceChildren(
    ...FUNCTIONS.map((f) =>
      el(
        "li",
        { "data-function": f.name },
        el("code", { class: "fn" }, `LOCUM.${f.name}`, el("span", { class: "params" }, `(${f.params.join(", ")})`)),
        el("span", { class: "help" }, f.help),
      ),
    ),
  );
}

function bandRows(table: TierTable): HTMLTableRowElement[] {
  let prev = 0;
  return table.bands.map((b, i) => {
    const range =
      b.upTo === null ? `${pounds(prev + 1)} and above` : i === 0 ? `up to ${pounds(b.upTo)}` : `${pounds(prev + 1)} to ${pounds(b.upTo)}`;
    if (b.upTo !== null) prev = b.upTo;
    return el("tr", {}, el("td", { class: "num" }, String(i + 1)), el("td", {}, range), el("td", { class: "num" }, percent(b.rate)));
  });
}

function tierTable(seg: Segment<TierTable>, today: number): HTMLElement {
  const t = seg.table;
  const inForce = today >= seg.from && today <= seg.to;
  const details = el(
    "details",
    { class: "tier-table", "data-status": t.status, "data-table": t.id },
    el(
      "summary",
      {},
      el("span", { class: "table-label" }, t.label),
      badge(t.status),
      t.override ? el("span", { class: "badge badge-override", title: `Overrides the built-in table for these dates` }, `from ${t.override}`) : null,
      inForce ? el("span", { class: "badge badge-today" }, "today") : null,
    ),
    el("p", { class: "dates" }, `In force ${dayToUk(seg.from)} to ${dayToUk(seg.to)}`),
    el(
      "table",
      { class: "bands" },
      el("thead", {}, el("tr", {}, el("th", { class: "num" }, "Tier"), el("th", {}, "Annualised pay"), el("th", { class: "num" }, "Rate"))),
      el("tbody", {}, ...bandRows(t)),
    ),
    el("p", { class: "source" }, `Source: ${t.source}`),
  );
  if (inForce) details.open = true;
  return details;
}

function employerList(segments: Segment<EmployerRate>[]): HTMLElement {
  return el(
    "table",
    { class: "employer" },
    el("thead", {}, el("tr", {}, el("th", {}, "From"), el("th", {}, "To"), el("th", { class: "num" }, "Rate"), el("th", {}, "Status"))),
    el(
      "tbody",
      {},
      ...segments.map((s) =>
        el(
          "tr",
          { "data-status": s.table.status },
          el("td", {}, dayToUk(s.from)),
          el("td", {}, dayToUk(s.to)),
          el("td", { class: "num" }, percent(s.table.rate)),
          el("td", {}, badge(s.table.status), s.table.override ? el("span", { class: "badge badge-override" }, `from ${s.table.override}`) : null),
        ),
      ),
    ),
  );
}

function todayDay(): number {
  const now = new Date();
  return Math.floor(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86_400_000);
}

/** The tables the functions are using now (built-in, or with LocumRules laid on top). */
export function renderRules(rules: RuleSet = current().rules, error: string | undefined = current().error): void {
  const today = todayDay();
  const box = byId("rules");
  const provisional = rules.tiers.filter((s) => s.table.status === "provisional").length;
  const summary = byId("rules-summary");
  if (error) {
    summary.className = "summary summary-error";
    summary.textContent = `${RULES_NAME} has a problem, so every LOCUM function shows #VALUE! until it is fixed: ${error}`;
  } else {
    const overrides = rules.overrides.length;
    summary.className = "summary";
    summary.textContent =
      (overrides ? `Built-in tables with ${overrides} override${overrides === 1 ? "" : "s"} from ${RULES_NAME}.` : "Built-in tables (no overrides).") +
      (provisional ? ` ${provisional} tier table${provisional === 1 ? " is" : "s are"} provisional: check before you pay.` : "");
  }
  box.replaceChildren(
    el("h3", {}, "Member contribution tiers"),
    ...[...rules.tiers].reverse().map((s) => tierTable(s, today)),
    el("h3", {}, "Employer contribution rate"),
    employerList(rules.employer),
  );
}

function showResult(kind: "ok" | "error" | "info", text: string, notes: string[] = []): void {
  const box = byId("result");
  box.className = `result result-${kind}`;
  box.replaceChildren(el("p", {}, text));
  if (notes.length) box.append(el("ul", {}, ...notes.map((n) => el("li", {}, n))));
  box.hidden = false;
}

async function busy(button: HTMLButtonElement, work: () => Promise<void>): Promise<void> {
  const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>("button.action"));
  buttons.forEach((b) => (b.disabled = true));
  const label = button.textContent;
  button.textContent = "Working…";
  try {
    await work();
  } catch (e) {
    showResult("error", `Excel reported a problem: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    button.textContent = label;
    buttons.forEach((b) => (b.disabled = false));
  }
}

/** Read LocumRules into the functions, then say what happened. `lead` goes before the report. */
async function reload(lead = ""): Promise<void> {
  const report = await loadWorkbookRules();
  if (report.error) {
    showResult("error", `${lead}${report.summary}`, report.notes);
  } else if (report.read.length) {
    showResult("ok", `${lead}${report.summary}`, report.notes);
  } else {
    showResult("info", `${lead}No ${RULES_NAME} table or sheet in this workbook: the built-in tables are in force.`, report.notes);
  }
  renderRules();
}

async function createSheet(): Promise<void> {
  const result = await createRulesSheet(starterRules(BUILT_IN));
  if (result.created) await reload(`${result.message} `);
  else showResult("info", result.message);
}

/** Draw the pane; the buttons work only inside Excel. */
export function start(host: Office.HostType | null): void {
  const inExcel = typeof Office !== "undefined" && host === Office.HostType.Excel;
  renderFunctions();
  renderRules();
  byId("host-note").hidden = inExcel;
  const reloadButton = byId<HTMLButtonElement>("reload");
  const createButton = byId<HTMLButtonElement>("create-sheet");
  const formsButton = byId<HTMLButtonElement>("make-forms");
  for (const b of [reloadButton, createButton, formsButton]) b.disabled = !inExcel;
  if (inExcel) {
    formsButton.onclick = () =>
      busy(formsButton, async () => {
        const box = byId("forms-result");
        try {
          await showForms(box, await makeForms(byId<HTMLInputElement>("submitted").value));
        } catch (e) {
          await showForms(box, { problem: `The forms could not be made, and none was: ${e instanceof Error ? e.message : String(e)}` });
        }
      });
    reloadButton.onclick = () => busy(reloadButton, () => reload());
    createButton.onclick = () => busy(createButton, createSheet);
  }
  document.body.dataset.ready = inExcel ? "excel" : "browser";
}

if (typeof document !== "undefined" && document.getElementById("app-body")) {
  if (typeof Office !== "undefined") {
    Office.onReady((info) => start(info.host));
  } else {
    // Office.js did not load (opened outside Office without network): show the reference part.
    start(null);
  }
}
