// Issue 16, the pane as a new user first meets it (built, in headless Chromium on the simulated
// host): the status line never says "No sessions yet" over rows just read, and the result says
// what was read before what came of it. Skipped, with a message, when Chromium is not installed.
import type { HostState } from "./fakeHost";
import { hostState } from "./fakeWorkbook";
import { threeSessions, zoeDetails } from "./fixtures/forms";
import { haveChromium, CHROMIUM, onHost, press, startPane, textOf, type PaneServer } from "./fixtures/pane";

const serial = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
const SESSIONS = threeSessions(serial);
const EMPTY: HostState = { sheets: [{ name: "Sheet1", id: "s1", cells: {} }], tables: [] };

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
});
