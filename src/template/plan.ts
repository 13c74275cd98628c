// The plan of the workbook: which sheets and table the template adds, under names the workbook does
// not have yet, and a note for the user saying what was added and what that means for the forms.
//
//   const plan = planTemplate({ sheets: ["Sheet1"], tables: [] });   // free names, never an existing sheet

export type SheetRole = "sessions" | "details" | "tables" | "monthly" | "yearEnd";

/** The names the template asks for, in the order its sheets are added. */
export const TEMPLATE_SHEETS: Record<SheetRole, string> = {
  sessions: "Sessions",
  details: "Locum details",
  // Not "LocumRules": a sheet of that name is read as overrides (see tablesInForce.ts).
  tables: "Tables in force",
  monthly: "Monthly",
  yearEnd: "Year end",
};
export const SESSIONS_TABLE = "Sessions";
export const ROLES = Object.keys(TEMPLATE_SHEETS) as SheetRole[];

export interface TemplatePlan {
  sheets: Record<SheetRole, string>;
  /** The Excel table holding the sessions. */
  table: string;
  /** Every name that differs from the one asked for, because the workbook already had it. */
  renamed: { role: SheetRole | "table"; wanted: string; used: string }[];
  /** One or two sentences for the user: what was added, under which names, and what that means. */
  note: string;
}

/** Excel compares sheet and table names without case. */
const lower = (s: string) => s.toLocaleLowerCase("en-GB");

export interface Existing {
  sheets: string[];
  tables?: string[];
  /** Defined names (they share the table names' namespace). */
  names?: string[];
  /** The sheet the forms read the sessions from now (pickSessionsSheet), when the workbook has one. */
  sessionsSheet?: string;
}

/**
 * Free names for the template's sheets and table, given the workbook's: "Sessions" when free, else
 * "Sessions (2)", "Sessions (3)"... (Excel's own pattern); the table "Sessions2"... Nothing existing
 * is ever reused, so inserting the template can never overwrite a sheet.
 */
export function planTemplate(existing: Existing): TemplatePlan {
  const renamed: TemplatePlan["renamed"] = [];
  const sheets = freeSheetNames(existing.sheets, renamed);
  const table = freeTableName([...(existing.tables ?? []), ...(existing.names ?? [])], renamed);
  return { sheets, table, renamed, note: planNote(sheets, renamed, existing.sessionsSheet) };
}

/** A free name per role, in the order the sheets are added; each one renamed is pushed onto `renamed`. */
function freeSheetNames(existing: string[], renamed: TemplatePlan["renamed"]): Record<SheetRole, string> {
  const taken = new Set(existing.map(lower));
  const sheets = {} as Record<SheetRole, string>;
  for (const role of ROLES) {
    const wanted = TEMPLATE_SHEETS[role];
    let used = wanted;
    for (let n = 2; taken.has(lower(used)); n++) {
      const suffix = ` (${n})`;
      used = wanted.slice(0, 31 - suffix.length) + suffix; // a sheet name holds at most 31 characters
    }
    taken.add(lower(used));
    sheets[role] = used;
    if (used !== wanted) renamed.push({ role, wanted, used });
  }
  return sheets;
}

/** Table names share one namespace with defined names, workbook-wide: `taken` holds both. */
function freeTableName(taken: string[], renamed: TemplatePlan["renamed"]): string {
  const tableTaken = new Set(taken.map(lower));
  let table = SESSIONS_TABLE;
  for (let n = 2; tableTaken.has(lower(table)); n++) table = `${SESSIONS_TABLE}${n}`;
  if (table !== SESSIONS_TABLE) renamed.push({ role: "table", wanted: SESSIONS_TABLE, used: table });
  return table;
}

function planNote(sheets: Record<SheetRole, string>, renamed: TemplatePlan["renamed"], readNow?: string): string {
  const added = `Added the sheets ${ROLES.map((r) => sheets[r]).join(", ")}.`;
  // A sheet named Sessions is the one the forms read: the template's new one now comes first.
  const moved =
    readNow && sheets.sessions === TEMPLATE_SHEETS.sessions && lower(readNow) !== lower(sheets.sessions)
      ? ` The forms now read the template's "${sheets.sessions}" sheet, not "${readNow}" (a sheet named Sessions is read first): copy your rows into it, or rename it.`
      : "";
  if (!renamed.length) return added + moved;
  const list = renamed.map((r) => `${r.role === "table" ? "the table " : ""}"${r.used}" (this workbook already has "${r.wanted}")`).join(", ");
  // The forms read the sheet named Sessions and the Locum details sheet that come first: say so.
  const shadowed = renamed.some((r) => r.role === "sessions" || r.role === "details");
  const forms = shadowed
    ? ` The forms still read this workbook's own "${TEMPLATE_SHEETS.sessions}" and "${TEMPLATE_SHEETS.details}" sheets; the template's Monthly and Year end sheets read the template's.`
    : "";
  return `${added} Nothing was overwritten: ${list}.${forms}${moved}`;
}
