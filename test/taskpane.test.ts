// The task pane. Part 1 runs in Node: the LocumRules sheet the pane writes reads back to the same
// tables, and the pane's function list matches the functions' metadata. Part 2 drives the built
// pane in headless Chromium (Debian's /usr/bin/chromium through playwright-core): once as a plain
// web page with the real Office.js (served from node_modules, no network), and once inside a fake
// Excel, clicking its buttons. It is skipped, with a message, when Chromium is not installed.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import type { AddressInfo } from "net";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { BUILT_IN, buildRuleSet, DEFAULT_RULES, parseRulesRows, type RuleData } from "../src/rules";
import { createRulesSheet, formatsFor, RULES_HEADER, rulesToRows, starterRules, type ExcelRun } from "../src/taskpane/excel";
import { FUNCTIONS, percent } from "../src/taskpane/taskpane";

const ROOT = path.resolve(__dirname, "..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const OFFICE_JS = path.join(ROOT, "node_modules/@microsoft/office-js/dist");
const SCREENSHOT = process.env.PANE_SCREENSHOT || "/tmp/pane.png";

/** What a sheet carries (ids and origin are the parser's); rates compared as numbers ("0.10" = "0.1"). */
const num = (rate: string) => String(Number(rate));
const comparable = (d: RuleData) => ({
  tiers: d.tiers.map(({ from, to, status, label, source, bands }) => ({
    from, to, status, label, source,
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
    expect(latest[0].from).toBe([...BUILT_IN.tiers].map((t) => t.from).sort().pop());
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

describe("the pane's text", () => {
  test("rates show as percentages without floating-point noise", () => {
    expect(["0.05", "0.056", "0.145", "0.1438", "0.1", "0.143", "0.0725", "0.100"].map(percent)).toEqual([
      "5%", "5.6%", "14.5%", "14.38%", "10%", "14.3%", "7.25%", "10%",
    ]);
  });

  test("the function list matches the functions' metadata (names and parameters)", async () => {
    const generated = await generateCustomFunctionsMetadata(path.join(ROOT, "src/functions/functions.ts"));
    expect(generated.errors).toEqual([]);
    const meta = JSON.parse(generated.metadataJson) as { functions: { name: string; parameters: { name: string; optional?: boolean }[] }[] };
    const fromMeta = meta.functions.map((f) => ({ name: f.name, params: f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)) }));
    const listed = FUNCTIONS.map(({ name, params }) => ({ name, params }));
    expect([...listed].sort((a, b) => a.name.localeCompare(b.name))).toEqual([...fromMeta].sort((a, b) => a.name.localeCompare(b.name)));
    for (const f of FUNCTIONS) expect(f.help.length).toBeLessThanOrEqual(100);
  });
});

// ---- Part 2: the built pane in Chromium ----

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  // eslint-disable-next-line no-console
  console.warn(`taskpane.test.ts: browser tests SKIPPED: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
}
const describeBrowser = haveChromium ? describe : describe.skip;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".map": "application/json",
  ".xml": "application/xml",
};

/** A fake Office + Excel for the page: a workbook held in window.__book, functions in window.__fns. */
const FAKE_EXCEL = String.raw`
(() => {
  const book = { tables: {}, sheets: {}, nextId: 1, calculated: 0 };
  window.__book = book;
  const fns = {};
  window.__fns = fns;
  class CFError extends Error { constructor(code, message) { super(message); this.code = code; } }
  window.CustomFunctions = {
    associate: (id, f) => { fns[id] = f; },
    Error: CFError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
  };
  const loadable = (o) => Object.assign(o, { load() { return o; } });
  const rangeFor = (holder) => loadable({
    get values() { return holder.values; },
    set values(v) { holder.values = v.map((r) => [...r]); },
    set numberFormat(f) { holder.formats = f; },
    format: { autofitColumns() {} },
    get worksheet() { return sheetObj(holder.sheet); },
  });
  const sheetObj = (s) => loadable({
    isNullObject: false, name: s.name, id: s.id,
    activate() { book.active = s.name; },
    getUsedRange() { return rangeFor(s.table || s); },
    getUsedRangeOrNullObject() { return rangeFor(s.table || s); },
    getRangeByIndexes() { return rangeFor(s); },
    freezePanes: { freezeRows() {} },
    tables: { add(range) {
      const t = { sheet: s, values: range.values };
      s.table = t;
      return { set name(n) { t.name = n; book.tables[n] = t; } };
    } },
  });
  const tableObj = (t) => loadable({
    isNullObject: false, name: t.name,
    getRange() { return rangeFor(t); },
    worksheet: sheetObj(t.sheet),
  });
  const nullObject = () => loadable({ isNullObject: true });
  const find = (map, name) => Object.values(map).find((x) => x.name.toLowerCase() === name.toLowerCase());
  const workbook = {
    tables: loadable({
      get items() { return Object.values(book.tables).map(tableObj); },
      getItemOrNullObject(n) { const t = find(book.tables, n); return t ? tableObj(t) : nullObject(); },
    }),
    worksheets: loadable({
      get items() { return Object.values(book.sheets).map(sheetObj); },
      getItemOrNullObject(n) { const s = find(book.sheets, n); return s ? sheetObj(s) : nullObject(); },
      add(n) { const s = { name: n, id: "sheet-" + book.nextId++, values: [] }; book.sheets[n] = s; return sheetObj(s); },
      onChanged: { add(h) { book.onChanged = h; } },
    }),
    application: { calculate() { book.calculated++; } },
  };
  window.Excel = {
    CalculationType: { full: "Full" },
    run: async (batch) => batch({ workbook, sync: async () => {} }),
  };
})();
`;

const OFFICE_STUB = `
window.Office = {
  HostType: { Excel: "Excel" },
  onReady(cb) {
    const info = { host: "Excel", platform: "PC" };
    return new Promise((resolve) => setTimeout(() => { if (cb) cb(info); resolve(info); }, 20));
  },
};
`;

describeBrowser("the built task pane in Chromium", () => {
  let dist = "";
  let server: http.Server;
  let base = "";
  let browser: Browser;
  const outside: string[] = [];

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), "locum-pane-"));
    const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    const r = spawnSync(process.execPath, [cli, "--mode", "development", "--output-path", dist], { cwd: ROOT, encoding: "utf8", timeout: 110_000 });
    if (r.status !== 0) throw new Error(`webpack failed (exit ${r.status}):\n${(r.stderr || r.stdout || "").slice(-4000)}`);

    server = http.createServer((req, res) => {
      const rel = decodeURIComponent(new URL(req.url || "/", "http://x").pathname).replace(/^\/+/, "") || "taskpane.html";
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
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  /** A page on the local server; Office.js from node_modules (or the stub); everything else aborted. */
  async function open(officeJs: "real" | "fake"): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 }, deviceScaleFactor: 1 });
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(base)) return route.continue();
      const cdn = /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/(.+)$/.exec(url);
      if (cdn) {
        if (officeJs === "fake") return route.fulfill({ contentType: "text/javascript", body: OFFICE_STUB });
        const file = path.join(OFFICE_JS, cdn[1].split("?")[0]);
        if (file.startsWith(OFFICE_JS) && fs.existsSync(file)) return route.fulfill({ path: file, contentType: "text/javascript" });
        return route.fulfill({ status: 404 });
      }
      outside.push(url);
      return route.abort();
    });
    if (officeJs === "fake") await context.addInitScript(FAKE_EXCEL);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}taskpane.html`);
    return { context, page, errors };
  }

  /** Click a pane button and wait until its work is done (the pane re-enables its buttons). */
  async function press(page: Page, selector: string): Promise<void> {
    await page.click(selector);
    await page.waitForFunction((sel) => {
      const b = document.querySelector<HTMLButtonElement>(sel);
      return b !== null && !b.disabled && b.textContent !== "Working…";
    }, selector);
  }

  test("as a web page (outside Office) it shows the functions and the tables, buttons off", async () => {
    const { context, page, errors } = await open("real");
    await page.waitForSelector("body[data-ready]", { timeout: 15_000 });
    expect(await page.getAttribute("body", "data-ready")).toBe("browser");
    const meta = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8")) as { functions: { name: string }[] };
    const listed = await page.$$eval("#function-list li", (lis) => lis.map((li) => li.getAttribute("data-function")));
    expect([...listed].sort()).toEqual(meta.functions.map((f) => f.name).sort());
    expect(await page.$$eval(".tier-table", (d) => d.length)).toBe(DEFAULT_RULES.tiers.length);
    expect(await page.$$eval(".employer tbody tr", (r) => r.length)).toBe(DEFAULT_RULES.employer.length);
    const provisional = DEFAULT_RULES.tiers.filter((s) => s.table.status === "provisional").length;
    expect(await page.$$eval(".tier-table[data-status=provisional]", (d) => d.length)).toBe(provisional);
    expect(await page.$$eval(".tier-table .bands tbody tr", (r) => r.length)).toBe(DEFAULT_RULES.tiers.reduce((n, s) => n + s.table.bands.length, 0));
    expect(await page.isVisible("#host-note")).toBe(true);
    expect(await page.isDisabled("#reload")).toBe(true);
    expect(await page.textContent("#rules-summary")).toMatch(/Built-in tables/);
    // The first table (2015 to 2022) reads as the published bands.
    const first = page.locator('.tier-table[data-table="2015-04-01"]');
    await first.locator("summary").click();
    expect(await first.locator("tbody tr").first().innerText()).toMatch(/1\s+up to £15,431\s+5%/);
    await first.locator("summary").click();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  test("inside (fake) Excel: add a LocumRules sheet, reload, and the functions use it", async () => {
    const { context, page, errors } = await open("fake");
    await page.waitForSelector("body[data-ready=excel]", { timeout: 15_000 });
    expect(await page.isVisible("#host-note")).toBe(false);
    expect(await page.isEnabled("#reload")).toBe(true);

    // Nothing in the workbook yet.
    await press(page, "#reload");
    expect(await page.getAttribute("#result", "class")).toMatch(/result-info/);
    expect(await page.textContent("#result")).toMatch(/No LocumRules table or sheet/);

    // The pane writes a LocumRules sheet, reloads it, and the rules panel shows the override.
    await press(page, "#create-sheet");
    expect(await page.getAttribute("#result", "class")).toMatch(/result-ok/);
    expect(await page.textContent("#result")).toMatch(/^Added a LocumRules sheet with \d+ rows? .*LocumRules read/);
    const written = (await page.evaluate("window.__book.tables.LocumRules.values")) as unknown[][];
    expect(written).toEqual(rulesToRows(starterRules(BUILT_IN)));
    expect(await page.$$eval(".badge-override", (b) => b.length)).toBeGreaterThan(0);

    // Edit the sheet: the 2026/27 rates all become 9.9 %. Reload: the custom functions (from
    // functions.js) now give 0.099, so the pane and the functions share one set of rules.
    const day = "2026-06-01";
    const before = await page.evaluate(`window.__fns.RATE(50000, "${day}")`);
    expect(before).not.toBe(0.099);
    await page.evaluate(`(() => {
      const v = window.__book.tables.LocumRules.values;
      for (const r of v.slice(1)) if (r[0] === "tier") r[4] = 0.099;
    })()`);
    await press(page, "#reload");
    expect(await page.evaluate(`window.__fns.RATE(50000, "${day}")`)).toBe(0.099);
    expect(await page.textContent(".tier-table[data-status] .bands")).toMatch(/9\.9%/);

    // Break it: every function reports the problem, and so does the pane.
    await page.evaluate(`window.__book.tables.LocumRules.values[1][4] = "lots"`);
    await press(page, "#reload");
    expect(await page.getAttribute("#result", "class")).toMatch(/result-error/);
    expect(await page.textContent("#result")).toMatch(/LocumRules was not used: .*rate/);
    expect(await page.getAttribute("#rules-summary", "class")).toMatch(/summary-error/);
    const thrown = await page.evaluate(`(() => { try { window.__fns.CONTRIB(1000, "2022-04-01", "2022-04-30"); return null; }
      catch (e) { return { code: e.code, message: e.message }; } })()`);
    expect(thrown).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/LocumRules/) });

    // Fix it again.
    await page.evaluate(`window.__book.tables.LocumRules.values[1][4] = 0.099`);
    await press(page, "#reload");
    expect(await page.getAttribute("#result", "class")).toMatch(/result-ok/);
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-excel.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  test("made no request outside the page and Office.js", () => {
    expect(outside).toEqual([]);
  });
});
