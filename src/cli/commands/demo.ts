// npm run demo: a worked year for a realistic locum, then (with the forms) the bundled example.
import { contribText, contributions, DEFAULT_SETTINGS, Money } from "../../engine";
import { dayFromYmd, DEFAULT_RULES } from "../../rules";
import type { Io } from "../io";

export function demoBreakdown(io: Io): void {
  const earnings = new Money("72000.00");
  const start = dayFromYmd(2022, 4, 1);
  const end = dayFromYmd(2023, 3, 31);
  io.out("Dr Siân O'Neill, GP locum, scheme year 2022/23: £72,000.00 pensionable pay (90 % of £80,000.00 fees).");
  io.out("The 1 October 2022 table change splits the year; each half uses its own table.\n");
  io.out("1. Had it been continuous service (a salaried post all year):\n");
  io.out(contribText(contributions({ earnings, start, end }, DEFAULT_RULES, DEFAULT_SETTINGS)));
  io.out("\n2. As a locum, in service only on the 160 days actually worked (the annualisation trap):\n");
  io.out(contribText(contributions({ earnings, start, end, daysOfService: 160 }, DEFAULT_RULES, DEFAULT_SETTINGS)));
  io.out("\n3. A month of the year in progress, on the published 2026/27 bands: £5,500.00 pensionable pay for May 2026, 30 days worked:\n");
  const may = { earnings: new Money("5500.00"), start: dayFromYmd(2026, 5, 1), end: dayFromYmd(2026, 5, 31), daysOfService: 30 };
  io.out(contribText(contributions(may, DEFAULT_RULES, DEFAULT_SETTINGS)));
}
