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
import { FUNCTIONS, percent } from "../src/taskpane/reference";

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

/**
 * Functions the pane's list does not show yet: LOCUM.MONTHLY (branch template) is listed by the
 * pane's redo (issue 10), which src/taskpane is left to. Remove a name when the pane lists it.
 */
const NOT_IN_PANE_YET: string[] = [];

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
    const fromMeta = meta.functions.filter((f) => !NOT_IN_PANE_YET.includes(f.name)).map((f) => ({ name: f.name, params: f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)) }));
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
    get rowIndex() { return holder.rowIndex || 0; },
    get columnIndex() { return holder.columnIndex || 0; },
    set values(v) { holder.values = v.map((r) => [...r]); },
    set numberFormat(f) { holder.formats = f; },
    format: { autofitColumns() {} },
    get worksheet() { return sheetObj(holder.sheet); },
    getMergedAreasOrNullObject() { return loadable(holder.merged ? { isNullObject: false, address: holder.merged } : { isNullObject: true }); },
  });
  const sheetObj = (s) => loadable({
    isNullObject: false, name: s.name, id: s.id,
    activate() { book.active = s.name; },
    getUsedRange() { return rangeFor(s.table || s); },
    getUsedRangeOrNullObject() { return rangeFor(s.table || s); },
    getRangeByIndexes() {
      return Object.assign(rangeFor(s), {
        getMergedAreasOrNullObject() { return loadable(s.merged ? { isNullObject: false, address: s.merged } : { isNullObject: true }); },
      });
    },
    getRange(address) { return loadable({ select() { book.selected = s.name + "!" + address; } }); },
    freezePanes: { freezeRows() {} },
    tables: loadable({
      add(range) {
        const t = { sheet: s, values: range.values };
        s.table = t;
        return { set name(n) { t.name = n; book.tables[n] = t; } };
      },
      get items() { return s.table ? [loadable({ name: s.table.name, showTotals: Boolean(s.table.showTotals), getRange() { return rangeFor(s.table); } })] : []; },
    }),
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
      getItem(n) { return sheetObj(find(book.sheets, n)); },
      getActiveWorksheet() { return sheetObj(find(book.sheets, book.active || Object.keys(book.sheets)[0] || "") || { name: "Sheet1", values: [] }); },
      onChanged: { add(h) { book.onChanged = h; } },
    }),
    application: { calculate() { book.calculated++; } },
    getSelectedRange() {
      const sel = book.selection || { sheet: book.active || "Sheet1", rowIndex: 0, rowCount: 1, cellCount: 1 };
      return loadable({ rowIndex: sel.rowIndex, rowCount: sel.rowCount, cellCount: sel.cellCount, worksheet: loadable({ name: sel.sheet }) });
    },
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

// Two months at two practices, as range.values gives them (dates as serials), and the details.
const serial = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
const PANE_SESSIONS: unknown[][] = [
  ["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Invoice", "Date submitted"],
  [serial(2025, 4, 1), "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 20), "R-1", serial(2025, 5, 2)],
  [serial(2025, 4, 2), "Castle Street Surgery", "B86021", 120, serial(2025, 4, 25), "C-1", serial(2025, 5, 2)],
  [serial(2025, 5, 6), "Riverside Medical Centre", "Y02345", 300, serial(2025, 5, 20), "R-2", serial(2025, 6, 2)],
];
const PANE_DETAILS: unknown[][] = [
  ["Surname", "Nguyễn"], ["Other names", "Zoë"], ["Date of birth", serial(1979, 11, 30)], ["NI number", "QQ123456C"],
  ["SD number", 1234567], ["GMC number", 7654321], ["Address", "3 Rose Lane, York YO1 7HH"], ["Email", "zoe@example.org"],
  // £90 + £108 + £270 over three days annualise to £56,940: the 10.7 % tier, so the rate is borne out.
  ["Country", "England"], ["EA code", "Q99"], ["Tier rate", "10.7%"],
];

/** `locum forms` on the same rows saved as an .xlsx; the folder it wrote. */
async function cliForms(sessions: unknown[][], details: unknown[][]): Promise<string> {
  const ExcelJS = (await import("exceljs")).default;
  const { formsCommand } = await import("../src/cli/forms");
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sessions").addRows(sessions);
  wb.addWorksheet("Locum details").addRows(details);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pane-cli-"));
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
    expect([...listed].sort()).toEqual(meta.functions.map((f) => f.name).filter((n) => !NOT_IN_PANE_YET.includes(n)).sort());
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

  test("inside (fake) Excel: Forms A and B from the Sessions rows, the same bytes as the command line", async () => {
    const { context, page, errors } = await open("fake");
    await page.waitForSelector("body[data-ready=excel]", { timeout: 15_000 });
    await page.evaluate(`(() => {
      const b = window.__book;
      b.sheets.Sessions = { name: "Sessions", id: "s1", values: ${JSON.stringify(PANE_SESSIONS)} };
      b.sheets["Locum details"] = { name: "Locum details", id: "s2", values: ${JSON.stringify(PANE_DETAILS)} };
      b.active = "Sessions";
    })()`);
    await press(page, "#make-forms");
    const summary = await page.textContent(".forms-summary");
    expect(summary).toMatch(/^9 PDFs for every month of Sessions; 0 errors, \d warnings?\.$/);
    expect(await page.$$eval(".month", (m) => m.map((x) => x.getAttribute("data-month")))).toEqual(["2025-04", "2025-05"]);
    expect(await page.textContent('.month[data-month="2025-04"] .figures')).toBe("2 Forms A; pensionable £198.00, employee £21.19, employer £28.47; pay £49.66 by 07/05/2025 with reference 01234567LOCAPR2025");
    const names = await page.$$eval("a.file", (as) => as.map((a) => a.getAttribute("download")));
    expect(names).toContain("01234567LOCAPR2025-FormA-02-B86021-Castle-Street-Surgery-C-1.pdf");
    expect(await page.textContent(".download-all")).toBe("Download all 9 PDFs (.zip, one folder per month)");

    // The command line on the same rows, saved as .xlsx: byte-identical PDFs.
    const cli = await cliForms(PANE_SESSIONS, PANE_DETAILS);
    for (const name of ["2025-04/01234567LOCAPR2025-FormB.pdf", "2025-05/01234567LOCMAY2025-pack-FormB-and-FormsA.pdf"]) {
      const fromPane = await blobBytes(page, name.split("/")[1]);
      expect(Buffer.compare(fromPane, fs.readFileSync(path.join(cli, name)))).toBe(0);
    }
    const zip = await blobBytes(page, "locum-forms-2025-04-to-2025-05.zip");
    expect(zip.subarray(0, 2).toString()).toBe("PK");

    // Rows selected on the sheet: only the months they are paid in, box j still counting April.
    await page.evaluate(`window.__book.selection = { sheet: "Sessions", rowIndex: 3, rowCount: 1, cellCount: 7 }`);
    await press(page, "#make-forms");
    expect(await page.textContent(".forms-summary")).toBe("4 PDFs for the months of Sessions row 4 (May 2025); 0 errors, 0 warnings.");
    expect(await page.$$eval(".month", (m) => m.map((x) => x.getAttribute("data-month")))).toEqual(["2025-05"]);
    expect(Buffer.compare(await blobBytes(page, "01234567LOCMAY2025-FormB.pdf"), fs.readFileSync(path.join(cli, "2025-05/01234567LOCMAY2025-FormB.pdf")))).toBe(0);
    // "Forms sent on" is the selected months' sending date: April (sent long ago) is not judged by it.
    await page.evaluate(`window.__book.sheets.Sessions.values.slice(1).forEach((r) => (r[6] = ""))`);
    await page.fill("#submitted", "2025-06-12");
    await press(page, "#make-forms");
    expect(await page.textContent(".forms-summary")).toBe("4 PDFs for the months of Sessions row 4 (May 2025); 0 errors, 1 warning.");
    expect(await page.textContent(".msg-warning")).toContain("Form B May 2025 was sent 12/06/2025, after its due date 07/06/2025");
    await page.evaluate(`window.__book.selection = null`);
    await press(page, "#make-forms");
    expect(await page.textContent(".msg-error")).toContain('to be submitted 12/06/2025 ("Forms sent on"), more than 10 weeks after the work');
    await page.fill("#submitted", "");
    await page.evaluate(`window.__book.sheets.Sessions.values = ${JSON.stringify(PANE_SESSIONS)}`);
    await page.evaluate(`window.__book.selection = { sheet: "Sessions", rowIndex: 3, rowCount: 1, cellCount: 7 }`);
    await press(page, "#make-forms");
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-forms.png"), fullPage: true });

    // A bad fee: the message names the cell, links to it, and that month's forms are not made.
    await page.evaluate(`(() => { const b = window.__book; b.selection = null; b.sheets.Sessions.values[1][3] = "£100"; })()`);
    await press(page, "#make-forms");
    // (The one warning: without row 2, the rows annualise to the 12.5 % tier, not the 10.7 % given.)
    expect(await page.textContent(".forms-summary")).toMatch(/^2 PDFs for every month of Sessions; 1 error, 1 warning\. The forms the errors name were not made/);
    expect(await page.textContent(".msg-warning")).toContain("10.7% is given, but the 2025/26 rows annualise to £68,985.00");
    const msg = await page.textContent(".msg-error");
    expect(msg).toContain('Error Sessions row 2, Fee (D2): must be a number of pounds, not the text "£100"');
    expect(msg).toContain("Not written: Form A April 2025 Riverside Medical Centre (invoice R-1); Form B April 2025 and its pack");
    await page.click(".msg-error a.goto");
    await page.waitForFunction(() => (window as unknown as { __book: { selected?: string } }).__book.selected === "Sessions!D2");
    expect(await page.textContent('.month[data-month="2025-04"] .figures')).toBe("Form B not made (errors above); 1 Form A made");
    // Only the bad row selected: its month, with what can be made and why the rest cannot; May not at all.
    await page.evaluate(`window.__book.selection = { sheet: "Sessions", rowIndex: 1, rowCount: 1, cellCount: 7 }`);
    await press(page, "#make-forms");
    expect(await page.textContent(".forms-summary")).toMatch(/^1 PDF for the months of Sessions row 2 \(April 2025\); 1 error, 1 warning\./);
    expect(await page.$$eval(".month", (m) => m.map((x) => x.getAttribute("data-month")))).toEqual(["2025-04"]);
    expect(await page.textContent('.month[data-month="2025-04"] .figures')).toBe("Form B not made (errors above); 1 Form A made");
    // The selected row's Date paid cannot be read: no month to make, and only that row's messages.
    await page.evaluate(`window.__book.sheets.Sessions.values[1][4] = "31/11/2025"`);
    await page.fill("#submitted", "2025-12-03");
    await press(page, "#make-forms");
    // Besides Locum details' Tier rate warning (the other rows annualise to 12.5 %), only that row's messages.
    expect(await page.textContent(".forms-summary")).toMatch(/^0 PDFs for Sessions row 2: no forms, as it has no Date paid that can be read; 2 errors, 1 warning\./);
    expect(await page.$$eval(".msg-error", (ms) => ms.map((m) => m.textContent ?? "").every((t) => t.includes("Sessions row 2,")))).toBe(true);
    expect(await page.$$eval(".msg-warning", (ms) => ms.map((m) => m.textContent ?? ""))).toEqual([expect.stringContaining("Locum details row 11, Tier rate (B11): 10.7% is given")]);
    await page.fill("#submitted", "");
    await page.evaluate(`(() => { const b = window.__book; b.selection = null; b.sheets.Sessions.values[1][4] = ${serial(2025, 4, 20)}; })()`);

    // Merged header cells: the same refusal as the command line's, nothing made.
    await page.evaluate(`(() => { const b = window.__book; b.sheets.Sessions.values[1][3] = 100; b.sheets.Sessions.merged = "Sessions!$B$1:$C$1"; })()`);
    await press(page, "#make-forms");
    expect(await page.textContent(".msg-error")).toContain("Error Sessions row 1 (B1:C1): header cells B1:C1 are merged: unmerge them");
    expect(await page.$$eval("a.file", (a) => a.length)).toBe(0);
    await page.evaluate(`delete window.__book.sheets.Sessions.merged`);

    // No Locum details sheet: one clear message, no files.
    await page.evaluate(`(() => { const b = window.__book; delete b.sheets["Locum details"]; b.sheets.Sessions.values[1][3] = 100; })()`);
    await press(page, "#make-forms");
    expect(await page.textContent(".forms-summary")).toMatch(/^0 PDFs .* 1 error/);
    expect(await page.textContent(".msg-error")).toContain('no "Locum details" sheet in the workbook');
    expect(await page.$$eval("a.file", (a) => a.length)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  test("made no request outside the page and Office.js", () => {
    expect(outside).toEqual([]);
  });
});
