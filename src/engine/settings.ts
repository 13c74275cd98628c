import { LocumError } from "../rules";

// The points no official source settles (shared/domain/README.md, OPEN). Each is a setting with
// the documented default; hosts let the user change them and reports say which was used.
export interface Settings {
  /** Days in a scheme year for annualising: "actual" (366 when it holds 29 February) or "365". §4 */
  yearBase: "actual" | "365";
  /** Rounding to the penny. §7 */
  rounding: "half-up" | "half-even";
  /**
   * The 10-week rule counts from the last day of the period worked (default: PCSE's submit page,
   * its Type 2 help and NHSBSA) or the first day worked (one PCSE help page; stops rows). §3
   */
  tenWeekAnchor: "first" | "last";
  /** Digits of the year in the UPR: 12345678LOCFEB2017 (4, PCSE's current page) or 12345678LOCFEB17 (2). §3 */
  uprYearDigits: 2 | 4;
  /**
   * The tax relief figure of the year end's tax-year lines: employee and employer contributions
   * (default: HMRC BIM54020, the practitioner makes both), or employee contributions only. §8
   */
  taxRelief: "employee" | "employee-and-employer";
  /**
   * How the year end rounds what was due at the right rate: Form B by Form B, as box b was (default:
   * §7, totals are sums of rounded lines, so a year paid at the rate due settles to nothing), or once
   * for the year, as a hand check does. The forms' warning, LOCUM.YEAREND, the pane and locum
   * yearend all follow it.
   */
  yearEndRounding: "each-form-b" | "year";
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  yearBase: "actual",
  rounding: "half-up",
  tenWeekAnchor: "last",
  uprYearDigits: 4,
  taxRelief: "employee-and-employer",
  yearEndRounding: "each-form-b",
});

export const SETTING_CHOICES: { [K in keyof Settings]: readonly Settings[K][] } = {
  yearBase: ["actual", "365"],
  rounding: ["half-up", "half-even"],
  tenWeekAnchor: ["last", "first"],
  uprYearDigits: [4, 2],
  taxRelief: ["employee-and-employer", "employee"],
  yearEndRounding: ["each-form-b", "year"],
};

const SETTING_NAMES: Record<string, keyof Settings> = {
  yearbase: "yearBase",
  daysinschemeyear: "yearBase",
  rounding: "rounding",
  tenweekanchor: "tenWeekAnchor",
  tenweekrulefrom: "tenWeekAnchor",
  upryeardigits: "uprYearDigits",
  upryear: "uprYearDigits",
  taxrelief: "taxRelief",
  taxreliefon: "taxRelief",
  yearendrounding: "yearEndRounding",
  duerounding: "yearEndRounding",
};

/**
 * Settings from name/value pairs (a LocumSettings sheet, command-line flags). Unknown names and
 * values outside the choices are refused with the choices listed, never ignored.
 */
export function settingsFrom(pairs: [string, unknown][], where: string, base: Settings = DEFAULT_SETTINGS): Settings {
  const out: Settings = { ...base };
  for (const [rawName, rawValue] of pairs) {
    const key =
      SETTING_NAMES[
        String(rawName)
          .toLowerCase()
          .replace(/[^a-z]/g, "")
      ];
    if (!key) throw new LocumError(`${where}: unknown setting "${rawName}" (known: ${Object.keys(SETTING_CHOICES).join(", ")})`);
    const choices = SETTING_CHOICES[key] as readonly (string | number)[];
    const text = String(rawValue ?? "")
      .trim()
      .toLowerCase();
    const value = choices.find((c) => String(c) === text);
    if (value === undefined) throw new LocumError(`${where}: ${String(rawName).trim()} must be one of ${choices.join(", ")}, not "${rawValue}"`);
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** A LocumSettings table's rows (a Setting, Value header, then one row a setting) as name/value pairs. */
export function settingPairsOf(rows: unknown[][]): [string, unknown][] {
  return rows
    .slice(1)
    .filter((r) => r[0] !== "" && r[0] !== null && r[0] !== undefined)
    .map((r) => [String(r[0]), r[1]]);
}

/** The settings a contribution depends on (the others are for the forms). */
export const CONTRIB_SETTINGS = ["yearBase", "rounding"] as const satisfies readonly (keyof Settings)[];

/** The settings a year end depends on. */
export const YEAR_END_SETTINGS = ["yearBase", "rounding", "taxRelief", "yearEndRounding"] as const satisfies readonly (keyof Settings)[];

const SETTING_WORDS: { [K in keyof Settings]: { name: string; value: (v: Settings[K]) => string } } = {
  yearBase: { name: "days in a scheme year", value: (v) => (v === "365" ? "365" : "the actual days, 366 when the year holds 29 February") },
  rounding: { name: "rounding to the penny", value: (v) => v },
  tenWeekAnchor: { name: "10-week rule counts from", value: (v) => (v === "first" ? "the first day worked" : "the last day of the period") },
  uprYearDigits: { name: "year in the UPR", value: (v) => `${v} digits` },
  taxRelief: { name: "tax relief figure", value: (v) => (v === "employee" ? "employee contributions only" : "employee and employer contributions") },
  yearEndRounding: { name: "the year end's due rounded", value: (v) => (v === "year" ? "once for the year" : "Form B by Form B, as box b") },
};

/**
 * The settings (of `keys`) that differ from the defaults, each as "name: value (default: value)",
 * e.g. "rounding to the penny: half-even (default: half-up)"; empty when all are the defaults.
 * Every report of a figure made with them says so.
 */
/** The line a report adds when any of `keys` is not at its default; null when none is. */
export function settingsLine(s: Settings, keys: readonly (keyof Settings)[]): string | null {
  const changed = settingsNotDefault(s, keys);
  return changed.length ? `Settings not at their defaults: ${changed.join("; ")}.` : null;
}

export function settingsNotDefault(s: Settings, keys: readonly (keyof Settings)[] = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]): string[] {
  return keys
    .filter((k) => s[k] !== DEFAULT_SETTINGS[k])
    .map((k) => {
      const w = SETTING_WORDS[k] as { name: string; value: (v: unknown) => string };
      return `${w.name}: ${w.value(s[k])} (default: ${w.value(DEFAULT_SETTINGS[k])})`;
    });
}
