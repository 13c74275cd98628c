// The tier ticked on Form B (src/forms/tier.ts): the rate given, else the estimate, else the year's
// rows annualised; each basis says why, and each warning comes once per table and year.
import { readDetails } from "../../src/forms/details";
import { readSessions } from "../../src/forms/sessions";
import { annualisedRows, box2Total, TierChooser } from "../../src/forms/tier";
import { DEFAULT_SETTINGS } from "../../src/engine";
import { buildRuleSet, dayFromYmd } from "../../src/rules";
import { Findings } from "../../src/workbook/findings";
import { details, threeSessions } from "../support/forms";

const rules = buildRuleSet();
const settings = DEFAULT_SETTINGS;
const APRIL = dayFromYmd(2025, 4, 1);
const MAY = dayFromYmd(2025, 5, 1);

/**
 * A chooser over the three sessions of April and May 2025 (£90 + £108 + £270 pensionable over three
 * days: £56,940 a year, the 10.7 % tier of 2025/26) and Sian's details with `over`.
 */
function chooser(over: Record<string, unknown>, rows = threeSessions(), excludedRows: number[] = []) {
  const out = new Findings();
  const locum = readDetails(details(over), out)!;
  const sessions = readSessions(rows, out, { rules, settings }).sessions;
  expect(out.list).toEqual([]);
  const tier = new TierChooser({
    sessions,
    locum,
    rules,
    settings,
    out,
    detailsSheet: "Locum details",
    sessionsSheet: "Sessions",
    excludedRows,
    place: (row, field) => ({ sheet: "Sessions", row, field }),
  });
  return { tier, out, sessions, locum };
}
const kinds = (out: Findings) => out.list.map((m) => `${m.level} ${m.kind}`);

test("Box 2 totals and the annualised rows: each form's 90 % rounded once, over the days of service", () => {
  const { sessions, locum, out } = chooser({});
  expect(box2Total(sessions, settings).toString()).toBe("468");
  const a = annualisedRows(sessions, 2025, locum, settings, out, "Locum details")!;
  expect([a.locumPay.toString(), a.days, a.yearDays, a.annualised.toString()]).toEqual(["468", 3, 365, "56940"]);
  expect(annualisedRows(sessions, 2024, locum, settings, out, "Locum details")).toBeNull();
});

describe("a tier rate given in Locum details", () => {
  test("one of the table's rates: that tier, nothing said when the rows agree", () => {
    const { tier, out } = chooser({ "Tier rate": "10.7%" });
    const c = tier.choose(APRIL)!;
    expect(c).toMatchObject({
      tier: 5,
      basis: "tier rate given",
      explanation: "tier rate 10.7% given in Locum details",
      tableLabel: "2025/26",
      provisional: false,
    });
    expect(c.rate.toString()).toBe("0.107");
    expect(c.rates.map(String)).toEqual(["0.052", "0.065", "0.083", "0.098", "0.107", "0.125"]);
    expect(out.list).toEqual([]);
  });

  test("a rate the rows do not bear out: the forms use it, with one warning for the year", () => {
    const { tier, out } = chooser({ "Tier rate": "9.8%" });
    expect(tier.choose(APRIL)).toMatchObject({ tier: 4, basis: "tier rate given" });
    expect(tier.choose(MAY)).toMatchObject({ tier: 4 });
    expect(kinds(out)).toEqual(["warning tier rate contradicted"]);
    expect(out.list[0]).toMatchObject({ sheet: "Locum details", field: "Tier rate", row: 12, cell: "B12" });
    expect(out.list[0].text).toMatch(
      /^9\.8% is given, but the 2025\/26 rows annualise to £56,940\.00 \(3 days of service\), which gives 10\.7% \(tier 5 of 2025\/26\): at 9\.8% the forms pay about /,
    );
  });

  test("a rate not in the table: no tier, an error naming the table's rates", () => {
    const { tier, out } = chooser({ "Tier rate": "9.9%" });
    expect(tier.choose(APRIL)).toBeNull();
    expect(kinds(out)).toEqual(["error tier rate not in table"]);
    expect(out.list[0].text).toBe(
      "9.9% is not a rate of the 2025/26 table (5.2%, 6.5%, 8.3%, 9.8%, 10.7%, 12.5%), in force for pay received 01/04/2025 to 31/03/2026: give one of these, or give Estimated pensionable pay instead",
    );
  });

  test("a table that changed inside the year (1 October 2022): the error says to add a dated rate", () => {
    const { tier, out } = chooser({ "Tier rate": "10.7%" });
    expect(tier.choose(dayFromYmd(2022, 10, 1))).toBeNull();
    expect(out.list.map((m) => m.kind)).toEqual(["tier rate not in table"]);
    expect(out.list[0].text).toMatch(
      /in force for pay received 01\/10\/2022 to 31\/03\/2023: give one of these; the table changed on 01\/10\/2022, so add a row "Tier rate from 01\/10\/2022" for pay received from then, or give Estimated pensionable pay instead \(it picks the tier in each table\)$/,
    );
  });

  test("a dated rate in force takes the place of Tier rate", () => {
    const over = { "Tier rate": "9.8%", "Tier rate from 15/05/2025": "10.7%" };
    expect(chooser(over).tier.choose(APRIL)).toMatchObject({ tier: 4, explanation: "tier rate 9.8% given in Locum details" });
    // compared by month: a rate from 15 May is meant for May's Form B
    const { tier, out } = chooser(over);
    expect(tier.choose(MAY)).toMatchObject({ tier: 5, explanation: 'tier rate 10.7% given in Locum details ("Tier rate from 15/05/2025")' });
    expect(out.list).toEqual([]);
  });

  test("one chooser over the year: April at Tier rate, May at the rate dated from 15 May (each month its own rate)", () => {
    const { tier, out } = chooser({ "Tier rate": "9.8%", "Tier rate from 15/05/2025": "10.7%" });
    expect(tier.choose(APRIL)).toMatchObject({ tier: 4, rate: expect.anything() });
    expect(tier.choose(MAY)).toMatchObject({ tier: 5, explanation: 'tier rate 10.7% given in Locum details ("Tier rate from 15/05/2025")' });
    expect(tier.choose(APRIL)!.tier).toBe(4);
    // April's 9.8 % is not what the rows give (10.7 %): said once, of Tier rate; May's rate is.
    expect(out.list.map((m) => [m.kind, m.field])).toEqual([["tier rate contradicted", "Tier rate"]]);
  });
});

describe("no rate given", () => {
  test("the estimate's tier; one warning a year when the rows give another", () => {
    const { tier, out } = chooser({ "Estimated pensionable pay": 30000 });
    const c = tier.choose(APRIL)!;
    expect(c).toMatchObject({ tier: 3, basis: "estimated pensionable pay" });
    expect(c.explanation).toBe("estimated pensionable pay £30,000.00 (Locum details): tier 3 of 2025/26, 8.3%");
    tier.choose(MAY);
    expect(kinds(out)).toEqual(["warning estimate contradicted"]);
    expect(out.list[0].text).toMatch(
      /^£30,000\.00 gives 8\.3% for 2025\/26, but the rows annualise to £56,940\.00, which gives 10\.7%: the forms use the estimate;/,
    );
  });

  test("the rows annualised: said once, with the rows errors left out", () => {
    const { tier, out } = chooser({}, threeSessions(), [7, 9]);
    const c = tier.choose(APRIL)!;
    expect(c).toMatchObject({ tier: 5, basis: "annualised rows" });
    expect(c.explanation).toBe("annualised rows: pensionable pay £468.00 over 3 days of service × 365 = £56,940.00 a year: tier 5 of 2025/26, 10.7%");
    tier.choose(MAY);
    expect(kinds(out)).toEqual(["warning tier from rows", "warning tier from rows"]);
    expect(out.list[1]).toMatchObject({ sheet: "Sessions", row: 7, field: "first" });
    expect(out.list[1].text).toBe("the annualised tier leaves out rows stopped by errors (rows 7, 9): the rate may change once they are fixed");
  });

  test("no rows in the year either: no tier, an error", () => {
    const { tier, out } = chooser({});
    expect(tier.choose(dayFromYmd(2024, 6, 1))).toBeNull();
    expect(out.list.map((m) => [m.level, m.field, m.kind, m.text])).toEqual([
      ["error", "Tier rate", "no tier basis", "no sessions worked in 2024/25 to annualise: give Tier rate or Estimated pensionable pay"],
    ]);
  });
});

test("a choice is made once per table and year: the same answer, nothing said twice", () => {
  const { tier, out } = chooser({ "Tier rate": "9.9%" });
  expect(tier.choose(APRIL)).toBeNull();
  expect(tier.choose(MAY)).toBeNull();
  expect(out.list).toHaveLength(1);
  const other = chooser({ "Tier rate": "10.7%" }).tier;
  expect(other.choose(APRIL)).toBe(other.choose(MAY));
});
