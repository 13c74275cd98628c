// User-supplied tables: a JSON file (--rules FILE) in the shape of tables.json, or the rows of a
// workbook table/sheet named LocumRules. Both become RuleData for buildRuleSet to lay on top.
import Decimal from "decimal.js";
import { cellToDay, dayToIso, isoToUk } from "./day";
import { LocumError } from "./errors";
import { rowList } from "./text";
import { upliftCpi } from "./projection";
import { type CpiGiven, type EmployerRate, type RuleData, type Status, type TierBand, type TierTable, USER_STATUSES } from "./types";

/** A rate as 0.052, "0.052" or "5.2%" → "0.052"; null when it is none of those. */
export function rateText(v: unknown): string | null {
  if (typeof v === "number") return Number.isFinite(v) && v > 0 && v < 1 ? new Decimal(v).toString() : null;
  if (typeof v !== "string") return null;
  const t = v.trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
  try {
    const d = pct ? new Decimal(pct[1]).div(100) : /^\d*\.?\d+$/.test(t) ? new Decimal(t) : null;
    return d && d.gt(0) && d.lt(1) ? d.toString() : null;
  } catch {
    return null;
  }
}

function status(v: unknown, where: string): Status {
  if (v === undefined || v === null || v === "") return "confirmed";
  const s = String(v).trim().toLowerCase();
  const known = USER_STATUSES.find((u) => u === s);
  if (known) return known;
  throw new LocumError(`${where}: status must be "confirmed", "published" or "provisional", not "${v}"`);
}

function isoOf(v: unknown, where: string, field: string): string {
  const d = cellToDay(v);
  if (d === null) throw new LocumError(`${where}: ${field} must be a date (dd/mm/yyyy or yyyy-mm-dd), got ${JSON.stringify(v)}`);
  return dayToIso(d);
}

function upToOf(v: unknown, where: string): number | null {
  if (v === undefined || v === null || v === "") return null;
  const n = typeof v === "string" ? Number(v.replace(/[£,\s]/g, "")) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n <= 0) {
    throw new LocumError(`${where}: "up to" must be a whole number of pounds (empty for the top band), got ${JSON.stringify(v)}`);
  }
  return n;
}

function rateOf(v: unknown, where: string): string {
  const r = rateText(v);
  if (r === null) throw new LocumError(`${where}: rate must be a fraction such as 0.052 or text such as 5.2%, got ${JSON.stringify(v)}`);
  return r;
}

/**
 * The JSON given to --rules: {"tiers": [...], "employer": [...]}, as in src/rules/tables.json.
 * `origin` names the override in reports ("my.json"); `where` starts every message about it
 * ("--rules path/to/my.json").
 */
export function parseRulesJson(json: unknown, origin: string, where: string = origin): RuleData {
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new LocumError(`${where}: expected a JSON object with "tiers" and/or "employer"`);
  const o = json as { tiers?: unknown; employer?: unknown };
  // A misspelt key ("tyers") would otherwise be skipped without a word.
  const unknown = Object.keys(o).filter((k) => !["tiers", "employer", "cpi", "about"].includes(k));
  if (unknown.length)
    throw new LocumError(
      `${where}: unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")} (the file has "tiers", "employer" and optionally "cpi" and "about")`,
    );
  const list = (v: unknown, name: string): Record<string, unknown>[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new LocumError(`${where}: "${name}" must be a list`);
    return v as Record<string, unknown>[];
  };
  const entry = (t: Record<string, unknown>, name: string) => `${where}: ${name}${t && typeof t.label === "string" && t.label ? ` (${t.label})` : ""}`;
  const tiers: TierTable[] = list(o.tiers, "tiers").map((t, i) => {
    const at = entry(t, `tiers[${i}]`);
    if (!t || typeof t !== "object") throw new LocumError(`${at}: expected {"from", "to", "bands"}`);
    const from = isoOf(t.from, at, "from");
    const to = isoOf(t.to, at, "to");
    if (!Array.isArray(t.bands)) throw new LocumError(`${at}: "bands" must be a list of {"upTo", "rate"}`);
    const bands: TierBand[] = (t.bands as Record<string, unknown>[]).map((b, j) => ({
      upTo: upToOf(b?.upTo, `${at} band ${j + 1}`),
      rate: rateOf(b?.rate, `${at} band ${j + 1}`),
    }));
    return { ...table(from, to, t, at, origin, { bands }), where: at };
  });
  const employer: EmployerRate[] = list(o.employer, "employer").map((t, i) => {
    const at = entry(t, `employer[${i}]`);
    if (!t || typeof t !== "object") throw new LocumError(`${at}: expected {"from", "to", "rate"}`);
    return { ...table(isoOf(t.from, at, "from"), isoOf(t.to, at, "to"), t, at, origin, { rate: rateOf(t.rate, at) }), where: at };
  });
  const cpi = cpiOfJson((o as { cpi?: unknown }).cpi, where);
  if (!tiers.length && !employer.length && !cpi) throw new LocumError(`${where}: no "tiers", "employer" or "cpi" entries found`);
  return noOverlaps({ tiers, employer, ...(cpi ? { cpi } : {}) });
}

/** "cpi": "3.8%" or {"rate": "3.8%", "source": "ONS, 15 October 2025"}: the September CPI to project from. */
function cpiOfJson(v: unknown, where: string): CpiGiven | undefined {
  if (v === undefined) return undefined;
  const o = v && typeof v === "object" ? (v as { rate?: unknown; source?: unknown }) : { rate: v };
  return upliftCpi(o.rate, `${where}: "cpi"`, typeof o.source === "string" && o.source.trim() ? o.source.trim() : undefined);
}

/**
 * Two tables of one kind from one source covering the same day: which wins would depend on the
 * order they were written in, and a mistyped To is the likelier cause. Refused, naming both.
 */
function noOverlaps(data: RuleData): RuleData {
  for (const [kind, list] of [
    ["tier tables", data.tiers],
    ["employer rates", data.employer],
  ] as const) {
    const sorted = [...list].sort((a, b) => a.from.localeCompare(b.from));
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1];
      const b = sorted[i];
      if (b.from <= a.to) {
        const end = a.to < b.to ? a.to : b.to;
        throw new LocumError(`${a.where} and ${b.where}: two ${kind} cover ${isoToUk(b.from)} to ${isoToUk(end)}; each day takes one: correct a From or To`);
      }
    }
  }
  return data;
}

function table<X>(from: string, to: string, t: Record<string, unknown>, where: string, origin: string, extra: X) {
  return {
    id: `override-${from}`,
    label: typeof t.label === "string" && t.label ? t.label : `${isoToUk(from)} to ${isoToUk(to)}`,
    from,
    to,
    status: status(t.status, where),
    source: typeof t.source === "string" && t.source ? t.source : `override from ${origin}`,
    override: origin,
    ...extra,
  };
}

const norm = (v: unknown) =>
  String(v ?? "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
const COLUMNS: Record<string, string[]> = {
  kind: ["kind", "type", "table"],
  from: ["from", "start", "startdate", "infrom", "validfrom"],
  to: ["to", "end", "enddate", "until", "validto"],
  upTo: ["upto", "upperbound", "band", "bandupto", "upperlimit", "pensionablepayupto"],
  rate: ["rate", "contributionrate", "percent", "percentage"],
  status: ["status"],
  label: ["label", "name", "schemeyear", "year"],
  source: ["source"],
};

/**
 * Rows of a LocumRules table or sheet, header first. One row per band; rows sharing From and To
 * make one tier table (top band: "Up to" empty). A row whose Kind is "employer" is an employer rate.
 * `firstRow` is the sheet row of rows[0] as Excel numbers it, so every message names the real row.
 */
export function parseRulesRows(rows: unknown[][], origin = "LocumRules", firstRow = 1): RuleData {
  const firstFilled = rows.findIndex((r) => r.some((c) => norm(c) !== ""));
  if (firstFilled < 0) throw new LocumError(`${origin}: the sheet is empty`);
  // The header is the first row naming From and Rate: a title or a note may sit above it.
  const named = rows.findIndex((r) => ["from", "rate"].every((k) => r.some((c) => COLUMNS[k as keyof typeof COLUMNS].includes(norm(c)))));
  const headerIdx = named >= 0 ? named : firstFilled;
  const header = rows[headerIdx].map(norm);
  const col: Partial<Record<keyof typeof COLUMNS, number>> = {};
  for (const [key, names] of Object.entries(COLUMNS)) {
    const i = header.findIndex((h) => names.includes(h));
    if (i >= 0) col[key] = i;
  }
  for (const need of ["from", "to", "rate"] as const) {
    if (col[need] === undefined)
      throw new LocumError(
        `${origin}: no "${need === "rate" ? "Rate" : need === "from" ? "From" : "To"}" column in the header row (row ${firstRow + headerIdx})`,
      );
  }
  const tiers = new Map<string, TierTable>();
  const tierRows = new Map<string, number[]>();
  const employer: EmployerRate[] = [];
  let cpi: CpiGiven | undefined;
  const cell = (r: unknown[], k: keyof typeof COLUMNS) => (col[k] === undefined ? undefined : r[col[k]!]);
  rows.slice(headerIdx + 1).forEach((r, i) => {
    const row = firstRow + headerIdx + 1 + i;
    const where = `${origin} row ${row}`;
    if (r.every((c) => c === null || c === undefined || c === "")) return;
    // A row of Kind "CPI" (or "September CPI") gives the CPI to project next year's table from: no dates.
    if (/^(september)?cpi/.test(norm(cell(r, "kind")))) {
      const source = cell(r, "source");
      cpi = upliftCpi(cell(r, "rate"), `${where}, Rate`, typeof source === "string" && source.trim() ? source.trim() : undefined);
      return;
    }
    const from = isoOf(cell(r, "from"), where, "From");
    const to = isoOf(cell(r, "to"), where, "To");
    const base = { label: cell(r, "label"), status: cell(r, "status"), source: cell(r, "source") } as Record<string, unknown>;
    if (norm(cell(r, "kind")).startsWith("employer")) {
      employer.push({
        ...table(from, to, base, where, origin, { rate: rateOf(cell(r, "rate"), where) }),
        where: `${where} (employer rate, From ${isoToUk(from)}, To ${isoToUk(to)})`,
      });
      return;
    }
    const key = `${from}/${to}`;
    let t = tiers.get(key);
    if (!t) {
      t = table(from, to, base, where, origin, { bands: [] as TierBand[] });
      tiers.set(key, t);
      tierRows.set(key, []);
    }
    tierRows.get(key)!.push(row);
    t.bands.push({ upTo: upToOf(cell(r, "upTo"), where), rate: rateOf(cell(r, "rate"), where), row });
  });
  for (const [key, t] of tiers) {
    // Rows may come in any order: bands go lowest first, the open top band last. Messages about a
    // band name its row, so the order a user typed never matters.
    t.bands.sort((a, b) => (a.upTo ?? Infinity) - (b.upTo ?? Infinity));
    t.where = `${origin} ${rowList(tierRows.get(key)!)} (the tier table From ${isoToUk(t.from)}, To ${isoToUk(t.to)})`;
  }
  if (!tiers.size && !employer.length && !cpi) throw new LocumError(`${origin}: no rule rows below the header`);
  return noOverlaps({ tiers: [...tiers.values()], employer, ...(cpi ? { cpi } : {}) });
}
