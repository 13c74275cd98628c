// Command-line words → options. Flags take one value (--days 12) or none (--json).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs as nodeParseArgs } from "node:util";
import { DEFAULT_SETTINGS, type Settings, settingsFrom } from "../engine";
import { buildRuleSet, DEFAULT_RULES, LocumError, mergeRuleData, parseRulesJson, type RuleData, type RuleSet, safeMessage, upliftCpi } from "../rules";

/** Bad input the user can fix (an unknown option, a missing value): said on one line, exit status 2. */
export class UsageError extends LocumError {}

export interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * Split argv into positional words and flags, with Node's util.parseArgs. `command` (e.g.
 * "contrib") makes an unknown option's message name the command whose options were checked.
 *
 * parseArgs runs non-strict and its tokens are judged here, because its strict errors cannot say
 * ours: they name no command nor its options, refuse a value that starts with a dash (--days -3,
 * which the engine refuses in words), let a flag given twice pass, and carry the option's name
 * only in their text. Its tokens are read back by index into argv, the words as typed.
 */
export function parseArgs(argv: string[], valueFlags: string[], boolFlags: string[], command?: string): Parsed {
  const options = Object.fromEntries([...valueFlags.map((f) => [f, { type: "string" }]), ...boolFlags.map((f) => [f, { type: "boolean" }])]);
  // It reads a word with one dash as short options (-5; -a-b as -a, --, -b), and we have none: a
  // negative amount is a word. Such words go in blank (still a word, or a value) and come back from argv.
  const args = argv.map((a) => (/^-[^-]/.test(a) ? "" : a));
  const { tokens } = nodeParseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (const t of tokens) {
    if (t.kind === "positional") positional.push(argv[t.index]);
    else if (t.kind === "option") flags.set(t.name, optionValue(t, argv, flags, valueFlags, boolFlags, command));
  }
  return { positional, flags };
}

/** An option as parseArgs's tokens give it: `index` into argv; `value` undefined when none was given. */
interface OptionToken {
  name: string;
  index: number;
  value?: string;
  inlineValue?: boolean;
}

/** One option's value, or the one line that says what is wrong with it. */
function optionValue(t: OptionToken, argv: string[], flags: Map<string, unknown>, valueFlags: string[], boolFlags: string[], command?: string): string | true {
  const name = t.name;
  if (flags.has(name)) throw new UsageError(`--${name} is given twice: give it once`);
  if (boolFlags.includes(name)) {
    if (t.inlineValue) throw new UsageError(`--${name} takes no value (write --${name}, not ${argv[t.index]})`);
    return true;
  }
  if (valueFlags.includes(name)) {
    if (t.value === undefined) throw new UsageError(`--${name} needs a value`);
    return t.inlineValue ? t.value : argv[t.index + 1];
  }
  // "--=x" is an option named "=x" to parseArgs; its name is empty as we have always said it.
  const shown = name.startsWith("=") ? "" : name;
  if (!command) throw new UsageError(`unknown option --${shown} (try --help)`);
  const known = [...valueFlags, ...boolFlags].map((f) => `--${f}`).join(", ");
  throw new UsageError(`unknown option --${shown} for ${command} (its options: ${known}; try locum ${command} --help)`);
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
