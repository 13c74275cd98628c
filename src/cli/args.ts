// Command-line words → options. Flags take one value (--days 12) or none (--json).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { DEFAULT_SETTINGS, type Settings, settingsFrom } from "../engine";
import { buildRuleSet, DEFAULT_RULES, LocumError, mergeRuleData, parseRulesJson, type RuleData, type RuleSet, safeMessage, upliftCpi } from "../rules";

export interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * Split argv into positional words and flags. `command` (e.g. "contrib") makes an unknown option's
 * message name the command whose options were checked.
 */
export function parseArgs(argv: string[], valueFlags: string[], boolFlags: string[], command?: string): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      positional.push(...argv.slice(i + 1)); // the usual end of options: the rest are words
      break;
    }
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (flags.has(name)) throw new LocumError(`--${name} is given twice: give it once`);
      if (boolFlags.includes(name)) {
        if (inline !== undefined) throw new LocumError(`--${name} takes no value (write --${name}, not ${a})`);
        flags.set(name, true);
      } else if (valueFlags.includes(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new LocumError(`--${name} needs a value`);
        flags.set(name, v);
      } else if (command) {
        const known = [...valueFlags, ...boolFlags].map((f) => `--${f}`).join(", ");
        throw new LocumError(`unknown option --${name} for ${command} (its options: ${known}; try locum ${command} --help)`);
      } else throw new LocumError(`unknown option --${name} (try --help)`);
    } else positional.push(a);
  }
  return { positional, flags };
}

/** An error message as one line: the command line promises exactly one line on stderr (quotes cut, controls escaped). */
export function oneLine(message: string): string {
  return safeMessage(message.replace(/\s+/g, " ").trim());
}

export const SETTING_FLAGS = ["year-base", "rounding", "ten-week-anchor", "upr-year-digits", "tax-relief", "year-end-rounding"];

/** The setting flags given, named as typed ("--year-base"). */
export function settingPairs(p: Parsed): [string, unknown][] {
  return SETTING_FLAGS.filter((f) => p.flags.has(f)).map((f) => [`--${f}`, p.flags.get(f)] as [string, unknown]);
}

/** --year-base 365 and friends: the OPEN-point settings, checked by the engine, over `base`. */
export function settingsOf(p: Parsed, base: Settings = DEFAULT_SETTINGS): Settings {
  return settingsFrom(settingPairs(p), "option", base);
}

/** --rules FILE: a JSON file in the shape of src/rules/tables.json, laid over the built-in tables. */
export function rulesOf(p: Parsed): RuleSet {
  const data = ruleDataOf(p);
  return data ? buildRuleSet(data) : DEFAULT_RULES;
}

/** The tables of --rules FILE and the September CPI of --cpi (which wins over a "cpi" in the file); none: undefined. */
export function ruleDataOf(p: Parsed): RuleData | undefined {
  const file = p.flags.get("rules");
  const cpi = p.flags.get("cpi");
  const parts: RuleData[] = typeof file === "string" ? [readRulesFile(file)] : [];
  if (typeof cpi === "string") parts.push({ tiers: [], employer: [], cpi: upliftCpi(cpi, "--cpi") });
  return mergeRuleData(parts);
}

/** The tables of a --rules file, every problem named "--rules FILE: …" on one line. */
export function readRulesFile(file: string): RuleData {
  const where = `--rules ${file}`;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LocumError(
      `${where}: cannot read the file (${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (e as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LocumError(oneLine(`${where}: not valid JSON (${(e as Error).message})`));
  }
  return parseRulesJson(json, basename(file), where);
}
