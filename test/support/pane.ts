// The built task pane in headless Chromium on the simulated host (test/support/fakeHost.ts), for test files
// that drive the pane as a user would: webpack builds it once per file into a temporary folder, a
// local server serves it, the Office.js CDN gets an empty script (the host installs Office), and
// every other outside request is aborted. `locale` is the browser's (en-US shows a date box's
// mm/dd/yyyy). Chromium: $CHROMIUM_PATH or Debian's /usr/bin/chromium.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { HostState } from "./fakeHost";
import { fakeHostScript } from "./fakeHostScript";
import { tempDir } from "./tempDir";

const ROOT = path.resolve(__dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const haveChromium = fs.existsSync(CHROMIUM);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".map": "application/json",
  ".xml": "application/xml",
};

export interface Pane {
  context: BrowserContext;
  page: Page;
  /** Errors the page threw. */
  errors: string[];
}

export interface PaneServer {
  open(host: HostState, o?: { width?: number; height?: number; locale?: string }): Promise<Pane>;
  /** Requests to anywhere but the local server (all aborted). */
  outside: string[];
  close(): Promise<void>;
}

/** Build the pane, serve it and start Chromium (call in beforeAll; close in afterAll). */
export async function startPane(): Promise<PaneServer> {
  const dist = tempDir("locum-pane-");
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  const r = spawnSync(process.execPath, [cli, "--mode", "development", "--output-path", dist], { cwd: ROOT, encoding: "utf8", timeout: 110_000 });
  if (r.status !== 0) throw new Error(`webpack failed (exit ${r.status}):\n${(r.stderr || r.stdout || "").slice(-4000)}`);
  const server = http.createServer((req, res) => {
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
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const { chromium } = await import("playwright-core");
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const outside: string[] = [];
  return {
    outside,
    async open(host, o = {}) {
      const context = await browser.newContext({
        viewport: { width: o.width ?? 350, height: o.height ?? 900 },
        deviceScaleFactor: 1,
        locale: o.locale ?? "en-GB",
      });
      await context.route("**/*", async (route) => {
        const url = route.request().url();
        if (url.startsWith(base) || url.startsWith("blob:")) return route.continue();
        if (/^https:\/\/appsforoffice\.microsoft\.com\//.test(url))
          return route.fulfill({ contentType: "text/javascript", body: "/* the simulated host installed Office */" });
        outside.push(url);
        return route.abort();
      });
      await context.addInitScript({ content: fakeHostScript(host) });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${base}taskpane.html`);
      await page.waitForSelector("body[data-ready]", { timeout: 20_000 });
      await page.waitForFunction(() => !document.body.dataset.busy);
      return { context, page, errors };
    },
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}

/** Click a pane button and wait until its work is done. */
export async function press(page: Page, selector: string): Promise<void> {
  await page.click(selector);
  await page.waitForFunction(() => !document.body.dataset.busy, undefined, { timeout: 60_000 });
}

/** An element's text, spaces squeezed. */
export const textOf = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? "").replace(/\s+/g, " ").trim();

/** Run `js` with `h`, the simulated host (put cells, set the selection). */
export const onHost = (page: Page, js: string) => page.evaluate(`(() => { const h = window.__host; ${js} })()`);

/** Nothing wider than the pane: no sideways scroll. */
export const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
