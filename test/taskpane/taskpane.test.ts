// The task pane. Part 1 runs in Node: the LocumRules sheet the pane writes reads back to the same
// tables, and the pane's function list matches the functions' metadata. Part 2 drives the built
// pane in headless Chromium (Debian's /usr/bin/chromium through playwright-core): as a plain web
// page with the real Office.js (served from node_modules, no network), and inside the simulated host
// (test/support/fakeHost.ts): first run to year end, screenshots at 270/320/350 px, keyboard only, axe,
// forced colours, Excel for Mac, 5,000 rows, the Content-Security-Policy. Skipped, with a message,
// when Chromium is not installed. Screenshots go to $PANE_SHOTS (default /tmp/pane-shots).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { BUILT_IN, buildRuleSet, DEFAULT_RULES, parseRulesRows, type RuleData } from "../../src/rules";
import { createRulesSheet, formatsFor, RULES_HEADER, rulesToRows, starterRules, type ExcelRun } from "../../src/taskpane/excel";
import { FUNCTIONS, percent } from "../../src/taskpane/reference";
import type { HostState } from "../support/fakeHost";
import { fakeHostScript } from "../support/fakeHostScript";
import { hostState } from "../support/fakeWorkbook";
import { pdfText, squeeze } from "../support/pdf";
import { threeSessions, zoeDetails } from "../support/forms";
import { tempDir } from "../support/tempDir";

const ROOT = path.resolve(__dirname, "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const OFFICE_JS = path.join(ROOT, "node_modules/@microsoft/office-js/dist");

/** What a sheet carries (ids and origin are the parser's); rates compared as numbers ("0.10" = "0.1"). */
const num = (rate: string) => String(Number(rate));
const comparable = (d: RuleData) => ({
  tiers: d.tiers.map(({ from, to, status, label, source, bands }) => ({
    from,
    to,
    status,
    label,
    source,
    bands: bands.map((b) => ({ upTo: b.upTo, rate: num(b.rate) })),
  })),
  employer: d.employer.map(({ from, to, status, label, source, rate }) => ({ from, to, status, label, source, rate: num(rate) })),
});

describe("the LocumRules sheet the pane writes", () => {
  test("reads back, through parseRulesRows, to exactly the built-in tables", () => {
    const rows = rulesToRows(BUILT_IN);
    expect(rows[0]).toEqual([...RULES_HEADER]);
    const parsed = parseRulesRows(rows, "LocumRules");
    expect(comparable(parsed)).toEqual(comparable(BUILT_IN));
    expect(() => buildRuleSet(parsed)).not.toThrow();
    for (const r of rows.slice(1)) expect(r).toHaveLength(RULES_HEADER.length);
  });

  test("starts from the provisional tables (or the latest one)", () => {
    const starter = starterRules(BUILT_IN);
    expect(starter.tiers.length + starter.employer.length).toBeGreaterThan(0);
    const provisional = BUILT_IN.tiers.filter((t) => t.status === "provisional");
    if (provisional.length) expect(starter.tiers).toEqual(provisional);
    const allConfirmed = { tiers: BUILT_IN.tiers.map((t) => ({ ...t, status: "confirmed" as const })), employer: [] };
    const latest = starterRules(allConfirmed).tiers;
    expect(latest).toHaveLength(1);
    expect(latest[0].from).toBe(
      [...BUILT_IN.tiers]
        .map((t) => t.from)
        .sort()
        .pop(),
    );
  });

  test("keeps labels such as 14.3 % as text, and formats dates, pounds and rates", () => {
    const rows = rulesToRows(BUILT_IN);
    const formats = formatsFor(rows);
    expect(formats[0].every((f) => f === "@")).toBe(true);
    expect(formats[1]).toEqual(["@", "dd/mm/yyyy", "dd/mm/yyyy", "£#,##0", "0.00%", "@", "@", "@"]);
  });

  test("createRulesSheet adds a sheet with a LocumRules table, and never overwrites one", async () => {
    const calls: string[] = [];
    let written: unknown[][] = [];
    let formats: unknown[][] = [];
    let exists = false;
    const nullable = (present: boolean, name: string) => ({
      isNullObject: !present,
      activate: () => calls.push(`activate ${name}`),
      worksheet: { activate: () => calls.push(`activate sheet of ${name}`) },
    });
    const context = {
      workbook: {
        tables: { getItemOrNullObject: (n: string) => nullable(exists, `table ${n}`) },
        worksheets: {
          getItemOrNullObject: (n: string) => nullable(false, `sheet ${n}`),
          add: (n: string) => {
            calls.push(`add sheet ${n}`);
            const range = {
              set values(v: unknown[][]) {
                calls.push("values");
                written = v;
              },
              set numberFormat(f: unknown[][]) {
                calls.push("numberFormat");
                formats = f;
              },
              format: { autofitColumns: () => calls.push("autofit") },
            };
            return {
              getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => {
                calls.push(`range ${r},${c} ${rows}x${cols}`);
                return range;
              },
              tables: {
                add: (rg: unknown, headers: boolean) => {
                  expect(rg).toBe(range);
                  expect(headers).toBe(true);
                  return {
                    set name(v: string) {
                      calls.push(`table named ${v}`);
                    },
                  };
                },
              },
              freezePanes: { freezeRows: (k: number) => calls.push(`freeze ${k}`) },
              activate: () => calls.push(`activate ${n}`),
            };
          },
        },
      },
      sync: async () => void calls.push("sync"),
    };
    const run: ExcelRun = (batch) => batch(context as unknown as Excel.RequestContext);
    const data = starterRules(BUILT_IN);
    const made = await createRulesSheet(data, run);
    expect(made.created).toBe(true);
    expect(made.rows).toBe(rulesToRows(data).length - 1);
    expect(written).toEqual(rulesToRows(data));
    expect(formats).toEqual(formatsFor(rulesToRows(data)));
    expect(calls.indexOf("numberFormat")).toBeLessThan(calls.indexOf("values")); // text stays text
    expect(calls).toEqual(expect.arrayContaining(["add sheet LocumRules", "table named LocumRules", "activate LocumRules"]));
    expect(calls[calls.length - 1]).toBe("sync");

    calls.length = 0;
    exists = true;
    const again = await createRulesSheet(data, run);
    expect(again).toMatchObject({ created: false, rows: 0 });
    expect(again.message).toMatch(/already has a LocumRules table/);
    expect(calls.some((c) => c.startsWith("add") || c === "values")).toBe(false);
  });
});

/**
 * Functions the pane's list does not show yet: LOCUM.MONTHLY (branch template) is listed by the
 * pane's redo (issue 10), which src/taskpane is left to. Remove a name when the pane lists it.
 */
const NOT_IN_PANE_YET: string[] = [];

describe("the pane's text", () => {
  test("rates show as percentages without floating-point noise", () => {
    expect(["0.05", "0.056", "0.145", "0.1438", "0.1", "0.143", "0.0725", "0.100"].map(percent)).toEqual([
      "5%",
      "5.6%",
      "14.5%",
      "14.38%",
      "10%",
      "14.3%",
      "7.25%",
      "10%",
    ]);
  });

  test("the function list matches the functions' metadata (names and parameters)", async () => {
    const generated = await generateCustomFunctionsMetadata(path.join(ROOT, "src/functions/functions.ts"));
    expect(generated.errors).toEqual([]);
    const meta = JSON.parse(generated.metadataJson) as { functions: { name: string; parameters: { name: string; optional?: boolean }[] }[] };
    const fromMeta = meta.functions
      .filter((f) => !NOT_IN_PANE_YET.includes(f.name))
      .map((f) => ({ name: f.name, params: f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)) }));
    const listed = FUNCTIONS.map(({ name, params }) => ({ name, params }));
    expect([...listed].sort((a, b) => a.name.localeCompare(b.name))).toEqual([...fromMeta].sort((a, b) => a.name.localeCompare(b.name)));
    for (const f of FUNCTIONS) expect(f.help.length).toBeLessThanOrEqual(100);
  });
});

// ---- Part 2: the built pane in Chromium, on the simulated host (test/support/fakeHost.ts) ----

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  // eslint-disable-next-line no-console
  console.warn(`taskpane.test.ts: browser tests SKIPPED: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
}
const describeBrowser = haveChromium ? describe : describe.skip;
const SHOTS = process.env.PANE_SHOTS || "/tmp/pane-shots";
fs.mkdirSync(SHOTS, { recursive: true });

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".map": "application/json",
  ".xml": "application/xml",
};

// Two months at two practices, as range.values gives them (dates as serials), and the details.
const serial = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
// £90 + £108 + £270 over three days annualise to £56,940: the 10.7 % tier, so the rate is borne out.
const PANE_SESSIONS = threeSessions(serial);
const PANE_DETAILS = zoeDetails(serial, "10.7%");

/** `locum forms` on the same rows saved as an .xlsx; the folder it wrote. */
async function cliForms(sessions: unknown[][], details: unknown[][]): Promise<string> {
  const ExcelJS = (await import("exceljs")).default;
  const { formsCommand } = await import("../../src/cli/commands/forms");
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sessions").addRows(sessions);
  wb.addWorksheet("Locum details").addRows(details);
  const dir = tempDir("pane-cli-");
  await wb.xlsx.writeFile(path.join(dir, "book.xlsx"));
  const code = await formsCommand([path.join(dir, "book.xlsx"), "--out", path.join(dir, "out")], { out: () => undefined, err: () => undefined });
  expect(code).toBe(0);
  return path.join(dir, "out");
}

/** The bytes behind a download link in the pane. */
async function blobBytes(page: Page, download: string): Promise<Buffer> {
  const b64 = await page.evaluate(async (name) => {
    const a = document.querySelector<HTMLAnchorElement>(`a[download="${name}"]`);
    if (!a) throw new Error(`no link to ${name}`);
    const bytes = new Uint8Array(await (await fetch(a.href)).arrayBuffer());
    let s = "";
    for (const x of bytes) s += String.fromCharCode(x);
    return btoa(s);
  }, download);
  return Buffer.from(b64, "base64");
}

/** The same rows as a workbook for the simulated host (dates as serials already). */
const paneBook = (sessions = PANE_SESSIONS, details = PANE_DETAILS): HostState =>
  hostState({
    sheets: [
      { name: "Sessions", blocks: [{ at: "A1", rows: sessions }] },
      { name: "Locum details", blocks: [{ at: "A1", rows: details }] },
    ],
    active: "Sessions",
  });
const EMPTY: HostState = { sheets: [{ name: "Sheet1", id: "s1", cells: {} }], tables: [] };

describeBrowser("the built task pane in Chromium", () => {
  let dist = "";
  let server: http.Server;
  let base = "";
  let browser: Browser;
  const outside: string[] = [];
  const served: string[] = [];

  beforeAll(async () => {
    if (process.env.LOCUM_DIST) {
      // An existing build, e.g. a production one (content-hashed bundles): LOCUM_DIST=dist npx jest test/taskpane/taskpane.test.ts
      dist = path.resolve(ROOT, process.env.LOCUM_DIST);
    } else {
      dist = tempDir("locum-pane-");
      const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
      const r = spawnSync(process.execPath, [cli, "--mode", "development", "--output-path", dist], { cwd: ROOT, encoding: "utf8", timeout: 110_000 });
      if (r.status !== 0) throw new Error(`webpack failed (exit ${r.status}):\n${(r.stderr || r.stdout || "").slice(-4000)}`);
    }

    server = http.createServer((req, res) => {
      const rel = decodeURIComponent(new URL(req.url || "/", "http://x").pathname).replace(/^\/+/, "") || "taskpane.html";
      served.push(rel);
      const file = path.join(dist, rel);
      if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--lang=en-GB"],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    if (dist && !process.env.LOCUM_DIST) fs.rmSync(dist, { recursive: true, force: true });
  });

  interface Opened {
    context: BrowserContext;
    page: Page;
    errors: string[];
    /** Content-Security-Policy violations the page reported. */
    csp: string[];
  }

  /** A page on the local server; Office.js from node_modules, or the simulated host; everything else aborted. */
  async function open(host: HostState | "real", viewport = { width: 350, height: 900 }): Promise<Opened> {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: "en-GB" });
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith("blob:")) return route.continue();
      const cdn = /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/(.+)$/.exec(url);
      if (cdn) {
        // On the simulated host Office is already there: the CDN script is an empty file.
        if (host !== "real") return route.fulfill({ contentType: "text/javascript", body: "/* Office.js: the simulated host installed Office */" });
        const file = path.join(OFFICE_JS, cdn[1].split("?")[0]);
        if (file.startsWith(OFFICE_JS) && fs.existsSync(file)) return route.fulfill({ path: file, contentType: "text/javascript" });
        return route.fulfill({ status: 404 });
      }
      outside.push(url);
      return route.abort();
    });
    await context.addInitScript({
      content: "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
    });
    if (host !== "real") await context.addInitScript({ content: fakeHostScript(host) });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}taskpane.html`);
    await page.waitForSelector("body[data-ready]", { timeout: 20_000 });
    const csp: string[] = [];
    page.on("console", () => undefined);
    return { context, page, errors, csp };
  }
  const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

  /** Click a pane button and wait until its work is done. */
  async function press(page: Page, selector: string): Promise<void> {
    await page.click(selector);
    await page.waitForFunction(() => !document.body.dataset.busy, undefined, { timeout: 60_000 });
  }
  const host = (page: Page, js: string) => page.evaluate(`(() => { const h = window.__host; ${js} })()`);
  const text = async (page: Page, sel: string) => ((await page.textContent(sel)) ?? "").replace(/\s+/g, " ").trim();
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const expand = async (page: Page, id: string) => {
    if ((await page.getAttribute(`#${id}`, "expanded")) === null) await page.click(`#${id} [part=button]`);
    await page.waitForSelector(`#${id}[expanded]`);
  };

  test("as a web page (outside Office) it shows the functions and the tables, buttons off; no sideways scroll", async () => {
    const { context, page, errors } = await open("real");
    expect(await page.getAttribute("body", "data-ready")).toBe("browser");
    const meta = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8")) as { functions: { name: string }[] };
    const listed = await page.$$eval("#function-list li", (lis) => lis.map((li) => li.getAttribute("data-function")));
    expect([...listed].sort()).toEqual(
      meta.functions
        .map((f) => f.name)
        .filter((n) => !NOT_IN_PANE_YET.includes(n))
        .sort(),
    );
    expect(await page.$$eval(".tier-table", (d) => d.length)).toBe(DEFAULT_RULES.tiers.length);
    expect(await page.$$eval(".employer tbody tr", (r) => r.length)).toBe(DEFAULT_RULES.employer.length);
    const provisional = DEFAULT_RULES.tiers.filter((s) => s.table.status === "provisional").length;
    expect(await page.$$eval(".tier-table[data-status=provisional]", (d) => d.length)).toBe(provisional);
    expect(await page.isVisible("#host-note")).toBe(true);
    expect(await page.getAttribute("#make-forms", "disabled")).not.toBeNull(); // "" as written, "disabled" once minified
    expect(await page.getAttribute("#reload", "disabled")).not.toBeNull();
    // Reference material sits behind disclosure sections, closed at first.
    expect(await page.isVisible("#function-list")).toBe(false);
    await expand(page, "rules-section");
    expect(await text(page, "#rules-summary")).toMatch(/Built-in tables/);
    const first = page.locator('.tier-table[data-table="2015-04-01"]');
    await first.locator("summary").click();
    expect(await first.locator("tbody tr").first().innerText()).toMatch(/1\s+up to £15,431\s+5%/);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "pane-browser.png"), fullPage: true });
    expect(errors).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  test("the first screen, without the forms code: Office's look, no sideways scroll at 270, 320, 350 px, the main action on the 350×378 screen", async () => {
    for (const [state, action, name] of [
      [EMPTY, "#welcome-insert", "first-run"],
      [paneBook(), "#make-forms", "sessions"],
    ] as const) {
      for (const width of [270, 320, 350]) {
        const before = served.length;
        const { context, page, errors } = await open(state, { width, height: 378 });
        await page.waitForFunction(() => !document.body.dataset.busy);
        expect(await noSidewaysScroll(page)).toBe(true);
        const box = await page.locator(action).boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        if (width === 350) expect(box!.y + box!.height).toBeLessThanOrEqual(378);
        expect(await page.isVisible("#welcome")).toBe(name === "first-run");
        // Fluent UI's components are defined (bundled, no CDN), the brand in the footer, no header.
        expect(await page.evaluate(() => Boolean(customElements.get("fluent-button")) && Boolean(customElements.get("fluent-accordion-item")))).toBe(true);
        expect(await page.$("header")).toBeNull();
        expect(await text(page, "footer.brand")).toMatch(/^Locum Pensions/);
        // Opening the pane loads neither the forms code (pdf-lib, fontkit) nor the fonts.
        const loaded = served.slice(before);
        expect(loaded.filter((f) => /forms|zip|\.ttf$|vendors/.test(f))).toEqual([]);
        await page.screenshot({ path: path.join(SHOTS, `pane-${name}-${width}.png`) });
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  }, 120_000);

  test("inside Excel: add a LocumRules sheet, reload, and the functions use it", async () => {
    const { context, page, errors } = await open(EMPTY);
    await page.waitForFunction(() => !document.body.dataset.busy);
    await expand(page, "rules-section");
    await press(page, "#reload");
    expect(await page.getAttribute("#result", "class")).toMatch(/result-info/);
    expect(await text(page, "#result")).toMatch(/No LocumRules table or sheet/);

    await press(page, "#create-sheet");
    expect(await page.getAttribute("#result", "class")).toMatch(/result-ok/);
    expect(await text(page, "#result")).toMatch(/^Added a LocumRules sheet with \d+ rows? .*LocumRules read/);
    const rows = rulesToRows(starterRules(BUILT_IN));
    const written = (await page.evaluate(`window.__host.get("LocumRules", "A1:H${rows.length}")`)) as unknown[][];
    expect(written).toEqual(rows);
    expect(await page.$$eval(".badge-override", (b) => b.length)).toBeGreaterThan(0);

    // Edit the sheet: the 2026/27 rates all become 9.9 %. Reload: the custom functions now give 0.099.
    const day = "2026-06-01";
    expect(await page.evaluate(`window.__fns.RATE(50000, "${day}")`)).not.toBe(0.099);
    await host(page, `rows.forEach((r, i) => r[0] === "tier" && h.put("LocumRules", "E" + (i + 1), [[0.099]]));`.replace("rows", JSON.stringify(rows)));
    await press(page, "#reload");
    expect(await page.evaluate(`window.__fns.RATE(50000, "${day}")`)).toBe(0.099);
    expect(await page.textContent(".tier-table[data-status] .bands")).toMatch(/9\.9%/);

    // Break it: every function reports the problem, and so does the pane.
    await host(page, `h.put("LocumRules", "E2", [["lots"]]);`);
    await press(page, "#reload");
    expect(await page.getAttribute("#result", "class")).toMatch(/result-error/);
    expect(await text(page, "#result")).toMatch(/LocumRules was not used: .*rate/);
    const thrown = await page.evaluate(`(() => { try { window.__fns.CONTRIB(1000, "2022-04-01", "2022-04-30"); return null; }
      catch (e) { return { code: e.code, message: e.message }; } })()`);
    expect(thrown).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/LocumRules/) });
    await host(page, `h.put("LocumRules", "E2", [[0.099]]);`);
    await press(page, "#reload");
    expect(await page.getAttribute("#result", "class")).toMatch(/result-ok/);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("Make forms: the same bytes as the command line; selected rows make their months; errors link to their cells", async () => {
    const { context, page, errors } = await open(paneBook());
    await page.waitForFunction(() => !document.body.dataset.busy);
    expect(await text(page, "#workbook-status")).toBe("3 session rows on Sessions. Select rows to make only their months.");
    await press(page, "#make-forms");
    expect(await text(page, ".forms-summary")).toMatch(/^Read 3 rows from Sessions\. 9 PDFs for every month of Sessions; 0 errors, \d warnings?\.$/);
    expect(await page.$$eval(".month", (m) => m.map((x) => x.getAttribute("data-month")))).toEqual(["2025-04", "2025-05"]);
    expect(await text(page, '.month[data-month="2025-04"] .figures')).toBe("2 Forms A; £49.66 to pay by 07/05/2025");
    // PCSE Online's values, each with a copy button that copies it.
    const entry = page.locator('.month[data-month="2025-04"] .entry-values');
    await entry.locator("summary").click();
    expect(await entry.locator("dd.value").allInnerTexts()).toEqual([
      "01234567LOCAPR2025",
      "April 2025",
      "10.7%",
      "£198.00",
      "£21.19",
      "£21.19",
      "£28.47",
      "£49.66",
      "£198.00",
      "07/05/2025",
    ]);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
    await entry.locator('fluent-button[aria-label="Copy i Total to pay"]').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("49.66");
    const names = await page.$$eval("a.file", (as) => as.map((a) => a.getAttribute("download")));
    expect(names).toContain("01234567LOCAPR2025-FormA-02-B86021-Castle-Street-Surgery-C-1.pdf");
    expect(await text(page, ".download-all")).toBe("Save all 9 PDFs (.zip, one folder per month) Forms as data (.json)");

    // The command line on the same rows, saved as .xlsx: byte-identical PDFs.
    const cli = await cliForms(PANE_SESSIONS, PANE_DETAILS);
    for (const name of ["2025-04/01234567LOCAPR2025-FormB.pdf", "2025-05/01234567LOCMAY2025-pack-FormB-and-FormsA.pdf"]) {
      expect(Buffer.compare(await blobBytes(page, name.split("/")[1]), fs.readFileSync(path.join(cli, name)))).toBe(0);
    }
    expect((await blobBytes(page, "locum-forms-2025-04-to-2025-05.zip")).subarray(0, 2).toString()).toBe("PK");
    // The same forms as data, the document `locum forms --json` prints (test/forms/openData.test.ts).
    const data = JSON.parse((await blobBytes(page, "locum-forms-2025-04-to-2025-05.json")).toString("utf8"));
    expect([data.schemaVersion, data.months.map((m: { month: string }) => m.month), data.months[0].formB.boxes.i]).toEqual([
      "1.0",
      ["2025-04", "2025-05"],
      "49.66",
    ]);

    // Rows selected on the sheet: only the months they are paid in, box j still counting April.
    await host(page, `h.state.selection = { sheet: "Sessions", address: "A4:G4" };`);
    await press(page, "#make-forms");
    expect(await text(page, ".forms-summary")).toBe("Read 3 rows from Sessions. 4 PDFs for the months of Sessions row 4 (May 2025); 0 errors, 0 warnings.");
    expect(Buffer.compare(await blobBytes(page, "01234567LOCMAY2025-FormB.pdf"), fs.readFileSync(path.join(cli, "2025-05/01234567LOCMAY2025-FormB.pdf")))).toBe(
      0,
    );
    // "Forms sent on" is the selected months' sending date.
    await host(page, `h.put("Sessions", "G2", [[""], [""], [""]]);`);
    await page.fill("#submitted", "12/06/2025");
    await press(page, "#make-forms");
    expect(await text(page, ".msg-warning")).toContain("Form B May 2025 was sent 12/06/2025, after its due date 07/06/2025");
    await page.fill("#submitted", "");
    await host(page, `h.put("Sessions", "A1", ${JSON.stringify(PANE_SESSIONS)}); h.state.selection = null;`);

    // A bad fee: Check names the cell under its month, the link selects it; no PDFs from Check.
    await host(page, `h.put("Sessions", "D2", [["£100"]]);`);
    await press(page, "#check");
    expect(await text(page, ".forms-summary")).toMatch(/^Read 3 rows from Sessions\. Checked every month of Sessions: 2 months; 1 error, 1 warning\.$/);
    expect(await page.$$eval(".msg-group", (g) => g.map((x) => x.getAttribute("data-month")))).toEqual(["workbook", "2025-04"]);
    expect(await text(page, '.msg-group[data-month="2025-04"] .msg-error')).toContain(
      'Error Sessions row 2, Fee (D2): must be a number of pounds, not the text "£100"',
    );
    expect(await page.$$eval("a.file", (a) => a.length)).toBe(0);
    await page.click(".msg-error a.goto");
    await page.waitForFunction(() => (window as unknown as { __host: { selected: string } }).__host.selected === "Sessions!D2");
    await press(page, "#make-forms");
    expect(await text(page, '.month[data-month="2025-04"] .figures')).toBe("Form B not made (see the errors); 1 Form A made");

    // No Locum details sheet: one clear message, no files.
    await host(page, `h.put("Sessions", "D2", [[100]]); h.state.sheets = h.state.sheets.filter((s) => s.name !== "Locum details");`);
    await press(page, "#make-forms");
    expect(await text(page, ".msg-error")).toContain('no "Locum details" sheet in the workbook');
    expect(await page.$$eval("a.file", (a) => a.length)).toBe(0);
    expect(errors).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  test("end to end: first run → insert the template → type rows and details → Check → Make forms → the PDFs' figures → write back → year end", async () => {
    const { context, page, errors } = await open(EMPTY);
    await page.waitForFunction(() => !document.body.dataset.busy);
    expect(await page.isVisible("#welcome")).toBe(true);
    await press(page, "#welcome-insert");
    expect(await text(page, "#template-result")).toMatch(/^Added the sheets Sessions, Locum details, Tables in force, Monthly, Year end\./);
    expect(await page.isVisible("#welcome")).toBe(false);
    expect(await page.evaluate(`window.__host.state.sheets.map((s) => s.name)`)).toEqual([
      "Sheet1",
      "Sessions",
      "Locum details",
      "Tables in force",
      "Monthly",
      "Year end",
    ]);

    // The locum types three sessions into the table (A Date worked … K Date submitted) …
    const typed = PANE_SESSIONS.slice(1).map(([worked, practice, code, fee, paid, invoice, sent]) => [
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
    await host(page, `h.put("Sessions", "A2", ${JSON.stringify(typed)});`);
    // … and their details into the pane's form, which writes the Locum details sheet.
    await expand(page, "details-section");
    const details: Record<string, string> = {
      Surname: "Nguyễn",
      "Other names": "Zoë",
      "Date of birth": "30/11/1979",
      "NI number": "QQ123456C",
      "SD number": "01234567",
      "GMC number": "7654321",
      Address: "3 Rose Lane, York YO1 7HH",
      Email: "zoe@example.org",
      "EA code": "Q99",
      "Tier rate": "10.7%",
    };
    for (const [k, v] of Object.entries(details)) await page.fill(`#detail-${k.toLowerCase().replace(/[^a-z]+/g, "-")}`, v);
    await page.selectOption("#detail-country", "England");
    await press(page, "#details-save");
    expect(await text(page, "#details-result")).toBe('Saved to the "Locum details" sheet (the sheet is the record: it travels with the workbook).');
    expect(await page.evaluate(`window.__host.get("Locum details", "B2:B6")`)).toEqual([
      ["Nguyễn"],
      ["Zoë"],
      [serial(1979, 11, 30)],
      ["QQ123456C"],
      ["01234567"],
    ]);
    // Nothing personal in the add-in's storage.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);

    await press(page, "#check");
    expect(await text(page, ".forms-summary")).toMatch(
      /^Read 3 rows from Sessions \(table Sessions\)\. Checked every month of Sessions: 2 months; 0 errors, \d+ warnings?\.$/,
    );
    await press(page, "#make-forms");
    expect(await text(page, ".forms-summary")).toMatch(/^Read 3 rows from Sessions \(table Sessions\)\. 9 PDFs for every month of Sessions;/);
    // Open the PDFs: Form B April 2025 (boxes a, g, h, i as worked out in the old pane test) and May's pack.
    const formB = squeeze(pdfText(await blobBytes(page, "01234567LOCAPR2025-FormB.pdf")));
    expect(formB).toMatch(/a Total pensionable pay.*£198\.00/);
    expect(formB).toMatch(/i Grand total of employee and employer contributions \(g \+ h\): the amount to pay.*£49\.66/);
    expect(formB).toContain("01234567LOCAPR2025");
    const pack = squeeze(pdfText(await blobBytes(page, "01234567LOCMAY2025-pack-FormB-and-FormsA.pdf")));
    expect(pack).toMatch(/j Cumulative.*£468\.00/); // £198.00 + £270.00
    await page.screenshot({ path: path.join(SHOTS, "pane-made-350.png"), fullPage: true });

    await press(page, "#write-back");
    expect(await text(page, ".written")).toMatch(/^Wrote 3 rows back into the Sessions table .* Form A and Pensionable pay hold formulas/);
    expect(await page.evaluate(`window.__host.get("Sessions", "O1:R2")`)).toEqual([
      ["UPR", "Employer contribution", "Form B due", "Status"],
      ["01234567LOCAPR2025", 12.94, serial(2025, 5, 7), "made"],
    ]);

    await expand(page, "yearend-section");
    await press(page, "#year-end");
    const y = await text(page, "#yearend-result");
    expect(y).toContain("Scheme year 2025/26");
    // £468.00 over 3 days annualises to £56,940.00: tier 5, 10.7 %, due £50.08 (468 × 10.7 % = 50.076);
    // paid £21.19 (April) + £28.89 (May: 270 × 10.7 % = 28.89) = £50.08: nothing to settle.
    const pairs = await page.$$eval("#yearend-result .year dl > *", (xs) => xs.map((x) => x.textContent));
    expect(pairs).toEqual([
      "Locum pay",
      "£468.00",
      "Days worked",
      "3",
      "Annualised",
      "£56,940.00",
      "Tier and rate due",
      "tier 5, 10.7%",
      "Due",
      "£50.08",
      "Paid",
      "£50.08",
      "Outcome",
      "nothing to settle",
      "Type 2 due by",
      "not due",
      "Status",
      "done",
    ]);
    const summary = squeeze(pdfText(await blobBytes(page, (await page.getAttribute("#yearend-result a.file", "download"))!)));
    expect(summary).toContain("2025/26");
    expect(summary).toMatch(/468\.00/);
    expect(noSidewaysScroll(page)).resolves.toBe(true);
    await page.locator("#yearend-section").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "pane-yearend-350.png") });
    expect(errors).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  test("after Make forms: no sideways scroll at 270, 320 and 350 px (screenshots)", async () => {
    for (const width of [270, 320, 350]) {
      const { context, page } = await open(paneBook(), { width, height: 700 });
      await page.waitForFunction(() => !document.body.dataset.busy);
      await press(page, "#make-forms");
      await page.locator(".entry-values summary").first().click();
      await expand(page, "details-section");
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.screenshot({ path: path.join(SHOTS, `pane-forms-${width}.png`), fullPage: true });
      await page.screenshot({ path: path.join(SHOTS, `pane-forms-${width}-top.png`), clip: { x: 0, y: 0, width, height: 800 }, fullPage: true });
      await context.close();
    }
  }, 120_000);

  test("keyboard only: Tab to Make forms, Enter, a message's link selects its cell, a section opens, the year end runs", async () => {
    const rows = PANE_SESSIONS.map((r) => [...r]);
    rows[2][3] = "£120";
    const { context, page, errors } = await open(paneBook(rows));
    await page.waitForFunction(() => !document.body.dataset.busy);
    const focused = () =>
      page.evaluate(() => {
        let e: Element | null = document.activeElement;
        while (e?.shadowRoot?.activeElement) e = e.shadowRoot.activeElement;
        const label = e?.classList.contains("goto") ? ` ${e.textContent}` : "";
        return (e?.id || e?.getAttribute("class") || e?.tagName || "").toString() + label;
      });
    const tabTo = async (want: (f: string) => boolean, most = 40) => {
      for (let i = 0; i < most; i++) {
        await page.keyboard.press("Tab");
        if (want(await focused())) return;
      }
      throw new Error(`not reached by Tab: now on ${await focused()}`);
    };
    await tabTo((f) => f === "submitted");
    await tabTo((f) => f === "make-forms");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector(".forms-summary") !== null && !document.body.dataset.busy);
    await tabTo((f) => f.startsWith("goto Sessions row 3"));
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => (window as unknown as { __host: { selected: string } }).__host.selected === "Sessions!D3");
    // Shift+Tab back and forth works; then on to the Year end section's heading, opened with Enter.
    // On to the Year end section's heading (a button inside the accordion item), opened with Enter.
    for (let i = 0; i < 120 && (await page.evaluate(() => document.activeElement?.id)) !== "yearend-section"; i++) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("yearend-section");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#yearend-section[expanded]", { timeout: 5000 });
    await tabTo((f) => f === "year-end");
    await page.keyboard.press(" ");
    await page.waitForFunction(() => document.querySelector("#yearend-result .year") !== null && !document.body.dataset.busy);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  test("axe finds no serious or critical issue (first run, after Make forms, sections open); legible in forced colours", async () => {
    const { default: AxeBuilder } = await import("@axe-core/playwright");
    const found: string[] = [];
    const minor: string[] = [];
    const scan = async (page: Page, when: string) => {
      const r = await new AxeBuilder({ page }).analyze();
      // Every finding of any impact, to read: $PANE_SHOTS/axe-<when>.json.
      fs.writeFileSync(
        path.join(SHOTS, `axe-${when.replace(/\W+/g, "-")}.json`),
        JSON.stringify(
          { passes: r.passes.length, violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })) },
          null,
          1,
        ),
      );
      for (const v of r.violations) minor.push(`${when}: ${v.id} (${v.impact})`);
      for (const v of r.violations)
        if (v.impact === "serious" || v.impact === "critical")
          found.push(`${when}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      return r;
    };
    const first = await open(EMPTY);
    await first.page.waitForFunction(() => !document.body.dataset.busy);
    await scan(first.page, "first run");
    await first.context.close();
    const { context, page } = await open(paneBook());
    await page.waitForFunction(() => !document.body.dataset.busy);
    await press(page, "#make-forms");
    for (const id of ["details-section", "yearend-section", "template-section", "functions-section", "rules-section"]) await expand(page, id);
    await page.locator(".entry-values summary").first().click();
    await press(page, "#year-end");
    const r = await scan(page, "after Make forms and the year end");
    // Errors and warnings grouped by month, each a link.
    await host(page, `h.put("Sessions", "D3", [["£120"]]);`);
    await press(page, "#check");
    await scan(page, "after Check with an error");
    expect(r.passes.length).toBeGreaterThan(10);
    expect(found).toEqual([]);
    expect(minor).toEqual([]); // none of any impact either, as it stands
    await page.emulateMedia({ forcedColors: "active" });
    await page.screenshot({ path: path.join(SHOTS, "pane-forced-colors-350.png"), fullPage: true });
    // The first screens, to look at: the month's result, and the sections further down.
    await page.screenshot({ path: path.join(SHOTS, "pane-forced-colors-350-top.png"), clip: { x: 0, y: 0, width: 350, height: 900 }, fullPage: true });
    await page.locator("#details-section").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "pane-forced-colors-350-details.png") });
    expect(await page.evaluate(() => matchMedia("(forced-colors: active)").matches)).toBe(true);
    await context.close();
  }, 120_000);

  test("Excel for Mac desktop: no dead download links; it says so and gives the command-line route", async () => {
    const { context, page } = await open({ ...paneBook(), platform: "Mac" });
    await page.waitForFunction(() => !document.body.dataset.busy);
    await press(page, "#make-forms");
    expect(await page.$$eval("a.file", (a) => a.length)).toBe(0);
    expect([await page.getAttribute("#make-forms", "disabled"), await page.getAttribute("#check", "disabled")]).toEqual([null, null]);
    // The installed command line (docs/install.md), not npx in a clone of the repository.
    expect(await text(page, ".notice.mac p")).toMatch(
      /^Excel for Mac cannot save files from an add-in .* run in Terminal: locum forms your-workbook\.xlsx --out forms$/,
    );
    expect(await text(page, ".notice.mac code")).toBe("locum forms your-workbook.xlsx --out forms");
    expect(await text(page, ".notice.mac .hint")).toBe("Install the command line (see docs/install.md) if this Mac does not have it yet.");
    expect(await text(page, "#forms-result")).not.toContain("npx");
    expect(await text(page, '.month[data-month="2025-04"] .figures')).toContain("£49.66");
    await page.mouse.move(0, 0);
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(SHOTS, "pane-mac-350.png"), fullPage: true });
    await context.close();
  }, 60_000);

  test("the footer links the privacy and support page: a browser window from Office on Windows and Mac, a new tab on the web and outside Office", async () => {
    const policy = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(fs.readFileSync(path.join(dist, "taskpane.html"), "utf8"))![1];
    // Outside Office (and on the web): target=_blank opens the page in a new tab.
    for (const state of ["real", { ...paneBook(), platform: "OfficeOnline" }] as const) {
      const { context, page, errors } = await open(state);
      await page.waitForFunction(() => !document.body.dataset.busy);
      expect(await page.getAttribute("#support-link", "target")).toBe("_blank");
      expect(await page.getAttribute("#support-link", "rel")).toBe("noopener");
      const [tab] = await Promise.all([context.waitForEvent("page"), page.click("#support-link")]);
      await tab.waitForLoadState("load");
      expect(tab.url()).toBe(`${base}support.html`);
      expect(await tab.title()).toBe("Locum Pensions: privacy and support");
      expect(await text(tab, "#csp")).toBe(policy.replace(/\s+/g, " "));
      expect(await tab.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content")).toBe(policy);
      const placeholder = !process.env.LOCUM_SUPPORT_EMAIL;
      expect(await text(tab, "#support-email")).toBe(process.env.LOCUM_SUPPORT_EMAIL || "support@example.org");
      expect(await tab.isVisible("#placeholder-note")).toBe(placeholder);
      expect(await text(tab, "#nothing-leaves + p")).toMatch(/appsforoffice\.microsoft\.com/);
      expect(await tab.evaluate(() => getComputedStyle(document.querySelector("main")!).maxWidth)).not.toBe("none"); // the stylesheet loaded
      expect(await violations(tab)).toEqual([]);
      if (state === "real") {
        for (const width of [270, 350]) {
          await tab.setViewportSize({ width, height: 900 });
          expect(await noSidewaysScroll(tab)).toBe(true);
          await tab.screenshot({ path: path.join(SHOTS, `support-${width}.png`), fullPage: true });
        }
      }
      expect(errors).toEqual([]);
      await context.close();
    }
    // Excel on Windows and Mac: Office opens it in a browser window (OpenBrowserWindowApi), the pane stays put.
    for (const platform of ["PC", "Mac"]) {
      const { context, page, errors } = await open({ ...paneBook(), platform });
      await page.waitForFunction(() => !document.body.dataset.busy);
      let tabs = 0;
      context.on("page", () => tabs++);
      await page.click("#support-link");
      await page.waitForTimeout(300);
      expect(tabs).toBe(0);
      expect(await page.evaluate("window.__host.opened")).toEqual([`${base}support.html`]);
      expect(page.url()).toBe(`${base}taskpane.html`);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);

  test("the footer at 270, 320 and 350 px: the link fits, nothing scrolls sideways (screenshots)", async () => {
    for (const width of [270, 320, 350]) {
      const { context, page, errors } = await open(paneBook(), { width, height: 640 });
      await page.waitForFunction(() => !document.body.dataset.busy);
      await page.locator("footer.brand").scrollIntoViewIfNeeded();
      const link = (await page.locator("#support-link").boundingBox())!;
      expect(link.x + link.width).toBeLessThanOrEqual(width - 12); // inside the footer's padding
      expect(link.height).toBeLessThan(20); // one line ("Privacy and support" does not wrap)
      expect(await noSidewaysScroll(page)).toBe(true);
      expect(await text(page, "footer.brand")).toBe(
        "Locum Pensions · NHS Pension Scheme, GP locums in England and Wales · nothing leaves this computer · Privacy and support",
      );
      await page.screenshot({ path: path.join(SHOTS, `pane-footer-${width}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);

  test("5,000 selected rows: month k of n as it goes, the page answers between months, Cancel stops, a second run finishes", async () => {
    const rows: unknown[][] = [PANE_SESSIONS[0]];
    for (let i = 0; i < 5000; i++) {
      const m = i % 12;
      const [y, mo] = m < 9 ? [2025, m + 4] : [2026, m - 8];
      rows.push([
        serial(y, mo, 1 + (Math.floor(i / 12) % 27)),
        `Practice ${i % 40}`,
        `Y${String(10000 + (i % 40))}`,
        100,
        serial(y, mo, 28),
        `INV-${i % 40}-${m}`,
        serial(y, mo, 28) + 5,
      ]);
    }
    const state = { ...paneBook(rows), selection: { sheet: "Sessions", address: "A2:G5001" } };
    const { context, page, errors } = await open(state);
    await page.waitForFunction(() => !document.body.dataset.busy, undefined, { timeout: 30_000 });
    // What the pane says, and how long the page goes without a turn, while it works.
    await page.evaluate(() => {
      const w = window as unknown as { __said: string[]; __gap: number; __last: number };
      w.__said = [];
      w.__gap = 0;
      w.__last = performance.now();
      new MutationObserver(() => w.__said.push(document.getElementById("progress-text")!.textContent ?? "")).observe(
        document.getElementById("progress-text")!,
        { childList: true, characterData: true, subtree: true },
      );
      setInterval(() => {
        const now = performance.now();
        w.__gap = Math.max(w.__gap, now - w.__last);
        w.__last = now;
      }, 20);
    });
    // Cancel as soon as the third month starts (clicked in the page, so the moment is not missed).
    await page.evaluate(() => {
      const p = document.getElementById("progress-text")!;
      new MutationObserver((_, o) => {
        if (/^Making month 3 of 12/.test(p.textContent ?? "")) {
          document.getElementById("cancel")!.click();
          o.disconnect();
        }
      }).observe(p, { childList: true, characterData: true, subtree: true });
    });
    await page.click("#make-forms");
    await page.waitForFunction(() => !document.body.dataset.busy, undefined, { timeout: 60_000 });
    expect(await text(page, "#forms-result .notice")).toBe("Cancelled after 3 months of 12: the months below were made.");
    const said = (await page.evaluate("window.__said")) as string[];
    expect(said[0]).toBe("Reading the workbook…");
    expect(said).toEqual(expect.arrayContaining(["Checking the rows…", "Making month 1 of 12: April 2025", "Making month 2 of 12: May 2025"]));
    await page.evaluate("window.__gap = 0");
    await press(page, "#make-forms");
    expect(await text(page, ".forms-summary")).toMatch(
      /^Read 5,000 rows from Sessions\. \d+ PDFs for the months of Sessions rows 2 to 5001 \(April 2025, .*March 2026\); /,
    );
    expect(await page.$$eval(".month", (m) => m.length)).toBe(12);
    // Between months the page gets its turn: no step holds it for long.
    const gap = (await page.evaluate("window.__gap")) as number;
    fs.writeFileSync(path.join(SHOTS, "responsiveness-5000.json"), JSON.stringify({ longestPageWaitMs: Math.round(gap), said: said.slice(0, 20) }, null, 1));
    expect(gap).toBeLessThan(3000); // 356 ms measured here
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  test("the Content-Security-Policy allows only the add-in's own origin and Office.js, and the pane made no other request", async () => {
    const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
    const policy = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)![1];
    const hosts = [...policy.matchAll(/https?:\/\/[^\s;]+/g)].map((m) => m[0]);
    expect([...new Set(hosts)]).toEqual(["https://appsforoffice.microsoft.com"]);
    expect(policy).toMatch(/default-src 'self'/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // The policy is enforced: a request elsewhere is refused by the page itself (not even attempted).
    const { context, page } = await open(EMPTY);
    const refused = await page.evaluate(() =>
      fetch("https://example.org/leak").then(
        () => "sent",
        () => "refused",
      ),
    );
    expect(refused).toBe("refused");
    expect((await violations(page)).some((v) => v.startsWith("connect-src https://example.org"))).toBe(true);
    await context.close();
    expect(outside).toEqual([]);
  });
});
