// The reference material behind the pane's disclosure sections: what each LOCUM function does, and
// the contribution tables the functions are using now (built-in, or with LocumRules laid on top).
import { current } from "../office";
import { dayToUk, type EmployerRate, notFinal, plural, type RuleSet, type Segment, type Status, type TierTable, todayDay } from "../rules";
import { RULES_NAME } from "./excel";
import { el } from "./dom";

/* global document */

export interface FunctionHelp {
  name: string;
  /** Parameter names as in functions.json; optional ones in [brackets]. */
  params: string[];
  help: string;
}

/** One line each; test/taskpane/taskpane.test.ts checks the names and parameters against functions.json. */
export const FUNCTIONS: FunctionHelp[] = [
  {
    name: "CONTRIB",
    params: ["earnings", "start", "end", "[days_of_service]", "[country]"],
    help: "Your employee contributions on locum earnings for a period, to the penny.",
  },
  {
    name: "BREAKDOWN",
    params: ["earnings", "start", "end", "[days_of_service]", "[country]"],
    help: "The workings behind CONTRIB: one row per scheme year and tier table, with a total.",
  },
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
  {
    name: "YEAREND",
    params: [
      "dates_worked",
      "pensionable_pay",
      "[rate_paid]",
      "[other_practitioner_pay]",
      "[other_days_of_service]",
      "[form_a]",
      "[country]",
      "[last_closing_pension]",
      "[september_cpi]",
    ],
    help: "The year end: the right tier, what was due and paid, the top-up or refund, Type 2.",
  },
  {
    name: "FORMA",
    params: ["date_worked", "date_paid", "practice_code", "[practice]", "[invoice]", "[last_day]", "[work_type]", "[engaged_via]", "[date_submitted]"],
    help: "The Form A a row is declared on, such as 03/2026 Y02345 INV-140.",
  },
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

function badge(status: Status): HTMLElement {
  return el("span", { class: `badge badge-${status}`, title: notFinal(status) ? "Not yet published: check before you pay" : "Published rates" }, status);
}

// ---- sections ----

export function renderFunctions(): void {
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
    const range = b.upTo === null ? `${pounds(prev + 1)} and above` : i === 0 ? `up to ${pounds(b.upTo)}` : `${pounds(prev + 1)} to ${pounds(b.upTo)}`;
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

/** The tables the functions are using now (built-in, or with LocumRules laid on top). */
export function renderRules(rules: RuleSet = current().rules, error: string | undefined = current().error): void {
  const today = todayDay();
  const box = byId("rules");
  const provisional = rules.tiers.filter((s) => notFinal(s.table.status)).length;
  const summary = byId("rules-summary");
  if (error) {
    summary.className = "summary summary-error";
    summary.textContent = `${RULES_NAME} has a problem, so every LOCUM function shows #VALUE! until it is fixed: ${error}`;
  } else {
    const overrides = rules.overrides.length;
    summary.className = "summary";
    summary.textContent =
      (overrides ? `Built-in tables with ${plural(overrides, "override")} from ${RULES_NAME}.` : "Built-in tables (no overrides).") +
      (provisional ? ` ${provisional} tier table${provisional === 1 ? " is" : "s are"} provisional: check before you pay.` : "");
  }
  box.replaceChildren(
    el("h3", {}, "Member contribution tiers"),
    ...[...rules.tiers].reverse().map((s) => tierTable(s, today)),
    el("h3", {}, "Employer contribution rate"),
    employerList(rules.employer),
  );
}
