// Issue 16, the pane as a new user first meets it (built, in headless Chromium on the simulated
// host): the status line never says "No sessions yet" over rows just read, and the result says
// what was read before what came of it; "Forms sent on" is dd/mm/yyyy in a US browser too, a bad
// date said beside the box. Browser tests are skipped, with a message, when Chromium is not installed.
import * as fs from "fs";
import * as path from "path";
import { isoToDay } from "../../src/rules";
import { sentOnDay } from "../../src/taskpane/formsPane";
import type { HostState } from "../support/fakeHost";
import { hostState } from "../support/fakeWorkbook";
import { threeSessions, zoeDetails } from "../support/forms";
import { haveChromium, CHROMIUM, noSidewaysScroll, onHost, press, startPane, textOf, type PaneServer } from "../support/pane";

const serial = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
const SESSIONS = threeSessions(serial);
const SHOTS = process.env.PANE_SHOTS || "/tmp/pane-shots";
const EMPTY: HostState = { sheets: [{ name: "Sheet1", id: "s1", cells: {} }], tables: [] };

describe('"Forms sent on" as typed (the pane\'s own parser, dd/mm/yyyy)', () => {
  test.each([
    ["", "no date"],
    ["12/06/2025", "2025-06-12"],
    [" 1/6/2025 ", "2025-06-01"],
    ["2025-06-12", "2025-06-12"],
    ["29/02/2024", "2024-02-29"],
  ])("%j is %s", (typed, iso) => {
    expect(sentOnDay(typed)).toEqual({ day: isoToDay(iso) });
  });
  test.each([
    ["06/13/2025", '"06/13/2025" is not a date: the day comes first, then the month (dd/mm/yyyy): 13/06/2025?'],
    ["31/02/2025", '"31/02/2025" is not a date: type it as dd/mm/yyyy, such as 12/06/2025'],
    ["29/02/2025", '"29/02/2025" is not a date: type it as dd/mm/yyyy, such as 12/06/2025'],
    ["12/06/25", '"12/06/25": give the year in full, as dd/mm/yyyy (12/06/2025?)'],
    ["12.06.2025", '"12.06.2025" is not a date: write it with slashes, as dd/mm/yyyy'],
    ["next Tuesday", '"next Tuesday" is not a date: type it as dd/mm/yyyy, such as 12/06/2025'],
    ["01/01/2010", "01/01/2010 is before 01/04/2015: the 2015 Scheme tables start then"],
    ["01/01/2100", "01/01/2100 is after 31/12/2099, the last date taken: check the year (or a number typed where a date goes)"],
  ])("%j: %s", (typed, problem) => {
    expect(sentOnDay(typed)).toEqual({ problem });
  });
});

if (!haveChromium) {
  // eslint-disable-next-line no-console
  console.warn(`taskpane.newUser.test.ts: browser tests SKIPPED: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
}
const describeBrowser = haveChromium ? describe : describe.skip;

describeBrowser("the pane a new user meets", () => {
  let pane: PaneServer;
  beforeAll(async () => {
    pane = await startPane();
  }, 150_000);
  afterAll(async () => {
    await pane?.close();
  });

  test("the status line follows what Check read: no 'No sessions yet' above 'Read 3 rows', what was read first", async () => {
    const { context, page, errors } = await pane.open(EMPTY);
    await press(page, "#welcome-insert");
    expect(await textOf(page, "#workbook-status")).toBe("No sessions yet in Sessions (table Sessions): type one row per session.");
    // Three rows typed into the Sessions table (A Date worked, B Last day, C Practice … K Date submitted).
    const typed = SESSIONS.slice(1).map(([worked, practice, code, fee, paid, invoice, sent]) => [
      worked,
      "",
      practice,
      code,
      fee,
      paid,
      invoice,
      "",
      "",
      "",
      sent,
    ]);
    await onHost(page, `h.put("Sessions", "A2", ${JSON.stringify(typed)});`);
    await press(page, "#check");
    expect(await textOf(page, "#workbook-status")).toBe("3 session rows on Sessions (table Sessions). Select rows to make only their months.");
    expect(await textOf(page, ".forms-summary")).toMatch(
      /^Read 3 rows from Sessions \(table Sessions\)\. Checked every month of Sessions: 2 months; \d+ errors?, \d+ warnings?\.$/,
    );
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/No sessions/);

    // Rows deleted: the next run says so, above and below alike.
    await onHost(page, `h.put("Sessions", "A2", ${JSON.stringify(typed.map((r) => r.map(() => "")))});`);
    await press(page, "#make-forms");
    expect(await textOf(page, "#workbook-status")).toBe("No sessions yet in Sessions (table Sessions): type one row per session.");
    expect(await textOf(page, ".forms-summary")).toMatch(/^Read 0 rows from Sessions \(table Sessions\)\. /);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  test("a workbook with sessions: the welcome stays away and the year end keeps the status line true", async () => {
    const book = hostState({
      sheets: [
        { name: "Sessions", blocks: [{ at: "A1", rows: SESSIONS.slice(0, 1) }] },
        { name: "Locum details", blocks: [{ at: "A1", rows: zoeDetails(serial, "10.7%") }] },
      ],
      active: "Sessions",
    });
    const { context, page, errors } = await pane.open(book);
    expect(await textOf(page, "#workbook-status")).toBe("No sessions yet: insert the year template, or add a Sessions sheet.");
    await onHost(page, `h.put("Sessions", "A2", ${JSON.stringify(SESSIONS.slice(1))});`);
    await page.click("#yearend-section [part=button]");
    await press(page, "#year-end");
    expect(await textOf(page, "#workbook-status")).toBe("3 session rows on Sessions. Select rows to make only their months.");
    expect(await page.isVisible("#welcome")).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  test("in a US browser the date box shows dd/mm/yyyy, takes 12/06/2025 as 12 June, and says a bad date beside the box", async () => {
    const book = hostState({
      sheets: [
        // No Date submitted on the rows: "Forms sent on" is their sending date.
        { name: "Sessions", blocks: [{ at: "A1", rows: SESSIONS.map((r) => r.slice(0, 6)) }] },
        { name: "Locum details", blocks: [{ at: "A1", rows: zoeDetails(serial, "10.7%") }] },
      ],
      active: "Sessions",
    });
    const { context, page, errors } = await pane.open(book, { locale: "en-US" });
    expect(await page.evaluate(() => navigator.language)).toBe("en-US");
    const box = page.getByLabel("Forms sent on (optional)");
    expect(await box.getAttribute("type")).toBe("text");
    expect(await box.getAttribute("placeholder")).toBe("dd/mm/yyyy");
    const described = () =>
      page.evaluate(() =>
        document
          .getElementById("submitted")!
          .getAttribute("aria-describedby")!
          .split(" ")
          .map((id) => document.getElementById(id)!.textContent!.trim()),
      );
    expect(await described()).toEqual(["dd/mm/yyyy", "For the 10-week rule, when the rows have no Date submitted."]);
    expect(await page.isVisible("#submitted-format")).toBe(true);

    // A US-ordered date: said beside the box when the box is left, and Make forms does not run on it.
    await box.fill("06/13/2025");
    await page.keyboard.press("Tab");
    const error = '"06/13/2025" is not a date: the day comes first, then the month (dd/mm/yyyy): 13/06/2025?';
    expect(await textOf(page, "#submitted-error")).toBe(error);
    expect(await box.getAttribute("aria-invalid")).toBe("true");
    expect((await described())[0]).toBe(error);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, "pane-sent-on-error-350.png"), clip: { x: 0, y: 0, width: 350, height: 260 } });
    await page.click("#make-forms");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("submitted");
    expect(await page.$(".forms-summary")).toBeNull();
    expect(await page.isVisible("#progress")).toBe(false);

    // Corrected: the message goes as soon as the date is good; d/m/yyyy is shown back as dd/mm/yyyy.
    await box.fill("12/6/2025");
    expect(await page.isVisible("#submitted-error")).toBe(false);
    expect(await box.getAttribute("aria-invalid")).toBeNull();
    await page.keyboard.press("Tab");
    expect(await box.inputValue()).toBe("12/06/2025");
    await press(page, "#make-forms");
    // 12 June 2025, not 6 December: May's Form B (due 07/06/2025) was sent five days late.
    expect(await textOf(page, "#forms-result")).toContain("Form B May 2025 was sent 12/06/2025, after its due date 07/06/2025");
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  test("beside each month's pay-by date, how to pay: England by card or BACS with the UPR; Wales a cheque to the LHB", async () => {
    const england =
      "Pay by card through GOV.UK Pay from the Locum B screen in PCSE Online once the forms are submitted, or by BACS with 01234567LOCAPR2025 as the reference.";
    const wales = "Pay by cheque to your Local Health Board, sent with the forms.";
    const welsh = zoeDetails(serial, "10.7%").map((r) => (r[0] === "Country" ? ["Country", "Wales"] : r));
    for (const [details, how] of [
      [zoeDetails(serial, "10.7%"), england],
      [[...welsh, ["Host LHB ref", "LHB-123"]], wales],
    ] as const) {
      const book = hostState({
        sheets: [
          { name: "Sessions", blocks: [{ at: "A1", rows: SESSIONS }] },
          { name: "Locum details", blocks: [{ at: "A1", rows: details as unknown[][] }] },
        ],
        active: "Sessions",
      });
      const { context, page, errors } = await pane.open(book);
      await press(page, "#make-forms");
      const april = page.locator('.month[data-month="2025-04"]');
      // £49.66 due by 07/05/2025 (the month after April's pay, 7th), then how, under the figures and in the entry values.
      expect(await april.locator(".figures").innerText()).toBe("2 Forms A; £49.66 to pay by 07/05/2025");
      await april.locator(".entry-values summary").click();
      expect(await april.locator(".how-to-pay").allInnerTexts()).toEqual([how, how]);
      expect(await april.locator(".entry-values dd.value").last().innerText()).toBe("07/05/2025");
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);

  test("at 270, 320 and 350 px: nothing wider than the pane, the date box's label and format on one line (screenshots)", async () => {
    const book = hostState({
      sheets: [
        { name: "Sessions", blocks: [{ at: "A1", rows: SESSIONS }] },
        { name: "Locum details", blocks: [{ at: "A1", rows: zoeDetails(serial, "10.7%") }] },
      ],
      active: "Sessions",
    });
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const width of [270, 320, 350]) {
      const { context, page, errors } = await pane.open(book, { width, height: 700, locale: "en-US" });
      // The label, then "dd/mm/yyyy" beside it: one line (16 px) even at 270 px.
      const head = await page.locator("#submitted").evaluate((i) => i.previousElementSibling!.getBoundingClientRect().height);
      expect(head).toBeLessThanOrEqual(20);
      await page.fill("#submitted", "06/13/2025");
      await page.keyboard.press("Tab");
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.screenshot({ path: path.join(SHOTS, `newuser-date-error-${width}.png`), clip: { x: 0, y: 0, width, height: 300 } });
      await page.fill("#submitted", "");
      await press(page, "#make-forms");
      await page.locator('.month[data-month="2025-04"] .entry-values summary').click();
      expect(await noSidewaysScroll(page)).toBe(true);
      // Every copy button inside the pane.
      const right = await page.$$eval(".copy", (bs) => Math.max(...bs.map((b) => b.getBoundingClientRect().right)));
      expect(right).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(SHOTS, `newuser-forms-${width}.png`), fullPage: true });
      await page.locator('.month[data-month="2025-04"]').screenshot({ path: path.join(SHOTS, `newuser-april-${width}.png`) });
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
