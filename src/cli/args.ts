// Command-line words → options. Flags take one value (--days 12) or none (--json).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { DEFAULT_SETTINGS, type Settings, settingsFrom } from "../engine";
import { buildRuleSet, DEFAULT_RULES, LocumError, parseRulesJson, type RuleSet } from "../rules";

export interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[], valueFlags: string[], boolFlags: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (boolFlags.includes(name)) flags.set(name, true);
      else if (valueFlags.includes(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new LocumError(`--${name} needs a value`);
        flags.set(name, v);
      } else throw new LocumError(`unknown option --${name} (try --help)`);
    } else positional.push(a);
  }
  return { positional, flags };
}

export const SETTING_FLAGS = ["year-base", "rounding", "ten-week-anchor", "upr-year-digits"];

/** --year-base 365 and friends: the OPEN-point settings, checked by the engine. */
export function settingsOf(p: Parsed): Settings {
  const pairs = SETTING_FLAGS.filter((f) => p.flags.has(f)).map((f) => [f, p.flags.get(f)] as [string, unknown]);
  return pairs.length ? settingsFrom(pairs, "option") : DEFAULT_SETTINGS;
}

/** --rules FILE: a JSON file in the shape of src/rules/tables.json, laid over the built-in tables. */
export function rulesOf(p: Parsed): RuleSet {
  const file = p.flags.get("rules");
  if (typeof file !== "string") return DEFAULT_RULES;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new LocumError(`--rules: cannot read ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LocumError(`--rules: ${file} is not valid JSON (${(e as Error).message})`);
  }
  return buildRuleSet(parseRulesJson(json, basename(file)));
}
