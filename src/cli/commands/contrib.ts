// locum contrib <earnings> <start> <end> [--days N] [--rules FILE] [--json]
import { contribJson, contribText, contributions, countryArg, dateText, daysText, moneyText } from "../../engine";
import { LocumError } from "../../rules";
import { parseArgs, rulesOf, settingsOf } from "../args";
import type { Io } from "../io";

export const CONTRIB_USAGE = `usage: locum contrib <earnings> <start> <end> [--days N] [--country England|Wales] [--rules FILE] [--cpi PCT] [--json]
  earnings  pensionable pay in pounds, e.g. 9905.66
  start/end dates as yyyy-mm-dd or dd/mm/yyyy (both days counted)
  --days N  days actually worked in the period (default: continuous service)
  --rules   JSON tier tables laid over the built-in ones (see README), e.g. examples/my-2027-28.json
  --cpi     the September CPI (e.g. 3.0%) to project the year after the last published table from
  --json    one JSON object: total, annualised, provisional, parts, settings
  settings  --year-base actual|365  --rounding half-up|half-even`;

/** The settings a contribution depends on; --ten-week-anchor and --upr-year-digits are for forms. */
const CONTRIB_SETTING_FLAGS = ["year-base", "rounding"];

export function contribCommand(argv: string[], io: Io): number {
  const p = parseArgs(argv, ["days", "rules", "cpi", "country", ...CONTRIB_SETTING_FLAGS], ["json"], "contrib");
  if (p.positional.length !== 3) throw new LocumError(`contrib needs <earnings> <start> <end>, got ${p.positional.length} value(s)`);
  const [earningsText, startText, endText] = p.positional;
  if (p.flags.has("country")) countryArg(p.flags.get("country"), "--country");
  const rules = rulesOf(p);
  const settings = settingsOf(p);
  const earnings = moneyText(earningsText, "earnings");
  const start = dateText(startText, "start");
  const end = dateText(endText, "end");
  const days = p.flags.get("days");
  const r = contributions(
    { earnings, start, end, daysOfService: typeof days === "string" ? daysText(days, "--days", start, end) : undefined },
    rules,
    settings,
  );
  // A contribution uses tier tables only: an employer-rate override is not reported as used here.
  const used = rules.tierOverrides;
  if (p.flags.has("json")) {
    io.out(JSON.stringify({ ...contribJson(r), overrides: used }));
  } else {
    io.out(contribText(r));
    for (const o of used) io.out(`Rules override used: ${o}`);
  }
  return 0;
}
