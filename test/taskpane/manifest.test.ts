// manifest.xml, checked offline. Microsoft's validator is an online service (npm run validate tries
// it and reports SKIPPED when unreachable); no npm package ships the add-in XSDs. These tests make
// the checks that catch the usual mistakes: resids that resolve, the shared-runtime wiring, the
// LOCUM namespace, URLs the webpack build really emits, icons of the stated sizes, element order.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tempDir } from "../support/tempDir";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const DEV = "https://localhost:3000/";

// ---- a small, strict XML reader (elements, attributes, text; comments and <?...?> skipped) ----

interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
  parent?: XNode;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1].toLowerCase() === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    if (!(e in ENTITIES)) throw new Error(`unknown XML entity ${m}`);
    return ENTITIES[e];
  });
}

function parseXml(src: string): XNode {
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)/y;
  const root: XNode = { name: "#document", attrs: {}, children: [], text: "" };
  let cur = root;
  let m: RegExpExecArray | null;
  token.lastIndex = 0;
  while (token.lastIndex < src.length) {
    const at = token.lastIndex;
    m = token.exec(src);
    if (!m) throw new Error(`malformed XML at offset ${at}: ${JSON.stringify(src.slice(at, at + 40))}`);
    const [whole, close, open, attrText, selfClose, text] = m;
    if (whole.startsWith("<!--") || whole.startsWith("<?")) continue;
    if (close) {
      if (close !== cur.name) throw new Error(`</${close}> closes <${cur.name}>`);
      cur = cur.parent!;
    } else if (open) {
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] in attrs) throw new Error(`<${open}> repeats attribute ${a[1]}`);
        attrs[a[1]] = decode(a[2] ?? a[3]);
      }
      const node: XNode = { name: open, attrs, children: [], text: "", parent: cur };
      cur.children.push(node);
      if (!selfClose) cur = node;
    } else if (text !== undefined) {
      if (cur === root && text.trim()) throw new Error("text outside the root element");
      cur.text += decode(text);
    }
  }
  if (cur !== root) throw new Error(`<${cur.name}> is never closed`);
  if (root.children.length !== 1) throw new Error("expected one root element");
  return root.children[0];
}

function all(node: XNode, pred: (n: XNode) => boolean, out: XNode[] = []): XNode[] {
  if (pred(node)) out.push(node);
  node.children.forEach((c) => all(c, pred, out));
  return out;
}
const named = (node: XNode, name: string) => all(node, (n) => n.name === name);
const child = (node: XNode, name: string) => node.children.find((c) => c.name === name);
function only(node: XNode, name: string): XNode {
  const found = named(node, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
}
const value = (node: XNode) => node.text.trim();
/** Every attribute value (namespace declarations aside) and text in the tree. */
const values = (root: XNode) =>
  all(root, () => true).flatMap((n) => [
    ...Object.entries(n.attrs)
      .filter(([k]) => k !== "xmlns" && !k.startsWith("xmlns:"))
      .map(([, v]) => v),
    value(n),
  ]);

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  const sig = "89504e470d0a1a0a";
  if (b.subarray(0, 8).toString("hex") !== sig || b.subarray(12, 16).toString("ascii") !== "IHDR") throw new Error(`${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

// ---- the webpack build's outputs, read from webpack.config.js itself ----

interface Plugin {
  constructor: { name: string };
  userOptions?: { filename?: string; templateParameters?: Record<string, unknown> };
  options?: { output?: string };
  patterns?: { from: string; to?: string; transform?: (content: Buffer, absoluteFrom: string) => string | Buffer }[];
}
interface WebpackConfig {
  entry: Record<string, unknown>;
  output: { filename: string | ((pathData: { chunk?: { name?: string } }) => string); chunkFilename?: string };
  plugins: Plugin[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig: (env: Record<string, unknown>, argv: { mode: string }) => Promise<WebpackConfig> = require("../../webpack.config.js");

const plugin = (config: WebpackConfig, name: string) => {
  const p = config.plugins.find((x) => x.constructor.name === name);
  if (!p) throw new Error(`webpack.config.js has no ${name}`);
  return p;
};
const pages = (config: WebpackConfig) => config.plugins.filter((x) => x.constructor.name === "HtmlWebpackPlugin");
/** The name output.filename gives an entry's file. */
const entryFile = (config: WebpackConfig, name: string) =>
  typeof config.output.filename === "function" ? config.output.filename({ chunk: { name } }) : config.output.filename;

/** Files the build writes to dist/, relative to it (assets/* resolved against the assets folder). */
async function emittedFiles(): Promise<Set<string>> {
  const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "development" });
  const out = new Set<string>();
  for (const name of Object.keys(config.entry)) {
    expect(entryFile(config, name).replace("[name]", name)).toBe(`${name}.js`);
    out.add(`${name}.js`);
  }
  for (const page of pages(config)) out.add(page.userOptions!.filename!);
  out.add(plugin(config, "CustomFunctionsMetadataPlugin").options!.output!);
  for (const p of plugin(config, "CopyPlugin").patterns!) {
    if (p.from === "assets/*.png") {
      for (const f of fs.readdirSync(path.join(ROOT, "assets")).filter((f) => f.endsWith(".png"))) out.add(`assets/${f}`);
    } else if (p.to && !p.to.includes("[")) {
      out.add(p.to);
    }
  }
  return out;
}

// ---- tests ----

const xml = fs.readFileSync(MANIFEST, "utf8");
const app = parseXml(xml);
const overrides = only(app, "VersionOverrides");
const resources = only(overrides, "Resources");

/** resid → [kind, value] for every resource defined. */
const defined = new Map<string, { kind: string; value: string }>();
for (const kind of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]) {
  for (const group of named(resources, kind)) {
    for (const item of group.children) {
      const id = item.attrs.id;
      if (defined.has(id)) throw new Error(`resource id ${id} is defined twice`);
      defined.set(id, { kind, value: item.attrs.DefaultValue });
    }
  }
}

/** The resource a resid names, asserting it exists. */
function resource(resid: string) {
  const r = defined.get(resid);
  if (!r) throw new Error(`resid ${resid} is not defined in <Resources>`);
  return r;
}

describe("manifest.xml", () => {
  test("is well-formed XML for a task-pane add-in (OfficeApp 1.1)", () => {
    expect(app.name).toBe("OfficeApp");
    expect(app.attrs.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(app.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(overrides.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
  });

  test("has a fixed GUID id, a four-part version and the names users see", () => {
    expect(value(child(app, "Id")!)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    const version = value(child(app, "Version")!);
    expect(version).toMatch(/^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/);
    expect(version).toBe("1.0.0.0");
    expect(child(app, "DisplayName")!.attrs.DefaultValue).toBe("Locum Pensions");
    expect(child(app, "ProviderName")!.text.trim().length).toBeGreaterThan(0);
    const description = child(app, "Description")!.attrs.DefaultValue;
    expect(description.length).toBeGreaterThan(0);
    expect(description.length).toBeLessThanOrEqual(250);
  });

  test("keeps the schema's element order at the top level", () => {
    const order = [
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "Rule",
      "DisableEntityHighlighting",
      "Dictionary",
      "VersionOverrides",
      "ExtendedOverrides",
    ];
    const names = app.children.map((c) => c.name);
    for (const n of names) expect(order).toContain(n);
    const positions = names.map((n) => order.indexOf(n));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const required of ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "SupportUrl", "DefaultSettings", "Permissions"]) {
      expect(names).toContain(required);
    }
  });

  test("is for Excel only, with the SharedRuntime 1.1 requirement", () => {
    expect(named(child(app, "Hosts")!, "Host").map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(named(child(overrides, "Hosts")!, "Host").map((h) => h.attrs["xsi:type"])).toEqual(["Workbook"]);
    const sets = named(child(app, "Requirements")!, "Set");
    expect(sets).toEqual(expect.arrayContaining([expect.objectContaining({ attrs: { Name: "SharedRuntime", MinVersion: "1.1" } })]));
  });

  test("every resid refers to a resource of the right kind, every resource is used, ids fit", () => {
    const KIND_OF: Record<string, string> = {
      "bt:Image": "bt:Images",
      SourceLocation: "bt:Urls",
      LearnMoreUrl: "bt:Urls",
      FunctionFile: "bt:Urls",
      Runtime: "bt:Urls",
      Label: "bt:ShortStrings",
      Title: "bt:ShortStrings",
      Namespace: "bt:ShortStrings",
      Description: "bt:LongStrings",
    };
    const refs = all(overrides, (n) => "resid" in n.attrs && n.parent?.name !== "bt:Images");
    expect(refs.length).toBeGreaterThan(10);
    const used = new Set<string>();
    for (const r of refs) {
      const resid = r.attrs.resid;
      expect(resid.length).toBeLessThanOrEqual(32);
      const res = resource(resid);
      expect(KIND_OF[r.name]).toBeDefined();
      expect({ element: r.name, resid, kind: res.kind }).toEqual({ element: r.name, resid, kind: KIND_OF[r.name] });
      used.add(resid);
    }
    expect([...defined.keys()].filter((id) => !used.has(id))).toEqual([]);
    for (const [id, r] of defined) {
      expect(id.length).toBeLessThanOrEqual(32);
      if (r.kind === "bt:ShortStrings") expect(r.value.length).toBeLessThanOrEqual(125);
      if (r.kind === "bt:LongStrings") expect(r.value.length).toBeLessThanOrEqual(250);
      if (r.kind === "bt:Urls" || r.kind === "bt:Images") expect(r.value).toMatch(/^https:\/\//);
    }
  });

  test("declares the custom functions with the LOCUM namespace", () => {
    const cf = all(overrides, (n) => n.name === "ExtensionPoint" && n.attrs["xsi:type"] === "CustomFunctions");
    expect(cf).toHaveLength(1);
    expect(cf[0].children.map((c) => c.name)).toEqual(["Script", "Page", "Metadata", "Namespace"]);
    const namespace = resource(child(cf[0], "Namespace")!.attrs.resid).value;
    expect(namespace).toBe("LOCUM");
    expect(namespace).toMatch(/^[A-Za-z0-9]{1,32}$/);
    const script = resource(only(child(cf[0], "Script")!, "SourceLocation").attrs.resid).value;
    const metadata = resource(only(child(cf[0], "Metadata")!, "SourceLocation").attrs.resid).value;
    expect(script).toBe(`${DEV}functions.js`);
    expect(metadata).toBe(`${DEV}functions.json`);
  });

  test("wires the shared runtime: Runtime, FunctionFile, Page and the task pane share one URL", () => {
    const runtimes = named(overrides, "Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].attrs.lifetime).toBe("long");
    const resid = runtimes[0].attrs.resid;
    expect(only(overrides, "FunctionFile").attrs.resid).toBe(resid);
    expect(only(only(overrides, "Page"), "SourceLocation").attrs.resid).toBe(resid);
    const action = only(overrides, "Action");
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(only(action, "SourceLocation").attrs.resid).toBe(resid);
    expect(resource(resid).value).toBe(`${DEV}taskpane.html`);
    expect(only(child(app, "DefaultSettings")!, "SourceLocation").attrs.DefaultValue).toBe(`${DEV}taskpane.html`);
  });

  test('puts a "Locum pensions" button on the Home tab', () => {
    const tab = only(overrides, "OfficeTab");
    expect(tab.attrs.id).toBe("TabHome");
    const button = only(tab, "Control");
    expect(button.attrs["xsi:type"]).toBe("Button");
    expect(resource(child(button, "Label")!.attrs.resid).value).toBe("Locum pensions");
    const ids = all(overrides, (n) => ["Group", "Control"].includes(n.name)).map((n) => n.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("every https://localhost:3000/ URL is a file the webpack build emits", async () => {
    const emitted = await emittedFiles();
    const urls = values(app).filter((v) => v.startsWith(DEV));
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of new Set(urls)) {
      expect({ url, emitted: emitted.has(url.slice(DEV.length)) }).toEqual({ url, emitted: true });
    }
    // Nothing else local or unencrypted: the only localhost is the dev server.
    const others = values(app).filter((v) => !v.startsWith(DEV));
    expect(others.filter((v) => /localhost|127\.0\.0\.1|http:\/\//.test(v))).toEqual([]);
  });

  test("icons exist with the pixel sizes the manifest states", () => {
    const file = (url: string) => {
      expect(url.startsWith(`${DEV}assets/`)).toBe(true);
      return path.join(ROOT, url.slice(DEV.length));
    };
    const square = (url: string, size: number) => expect(pngSize(file(url))).toEqual({ width: size, height: size });
    // Microsoft's sizes for a task-pane add-in (IconUrl and HighResolutionIconUrl reference pages).
    square(child(app, "IconUrl")!.attrs.DefaultValue, 32);
    square(child(app, "HighResolutionIconUrl")!.attrs.DefaultValue, 64);
    const images = all(overrides, (n) => n.name === "bt:Image" && "size" in n.attrs);
    expect(images.length).toBe(6);
    for (const img of images) square(resource(img.attrs.resid).value, Number(img.attrs.size));
    for (const img of named(resources, "bt:Image")) {
      const m = /^Icon\.(\d+)x(\d+)$/.exec(img.attrs.id)!;
      expect(m).not.toBeNull();
      square(img.attrs.DefaultValue, Number(m[1]));
    }
  });

  test("a production build rewrites every dev URL to LOCUM_PROD_URL (replaceAll, not the template's replace)", async () => {
    const saved = process.env.LOCUM_PROD_URL;
    const savedEmail = process.env.LOCUM_SUPPORT_EMAIL;
    process.env.LOCUM_SUPPORT_EMAIL = "help@example.org"; // its own warning is tested below
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const manifestFor = async (url: string | undefined) => {
        if (url === undefined) delete process.env.LOCUM_PROD_URL;
        else process.env.LOCUM_PROD_URL = url;
        const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
        const copy = plugin(config, "CopyPlugin").patterns!.find((p) => p.from === "manifest*.xml")!;
        return String(copy.transform!(Buffer.from(xml), MANIFEST));
      };
      const count = (s: string, sub: string) => s.split(sub).length - 1;
      // The host given (a trailing slash added) replaces every dev URL; nothing local is left.
      const out = await manifestFor("https://addins.example.org/locum");
      expect(values(parseXml(out)).filter((v) => v.includes("localhost"))).toEqual([]);
      expect(count(out, "https://addins.example.org/locum/")).toBe(count(xml, DEV));
      expect(count(out, "contoso")).toBe(0);
      expect(warn).not.toHaveBeenCalled();
      // Without it the build still runs, with the placeholder, and says why that will not load.
      const placeholder = await manifestFor(undefined);
      expect(count(placeholder, "https://www.contoso.com/")).toBe(count(xml, DEV));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("LOCUM_PROD_URL is not set"));
      // Office loads add-ins over https only.
      await expect(manifestFor("http://addins.example.org/")).rejects.toThrow("LOCUM_PROD_URL must be https");
      await expect(manifestFor("not a url")).rejects.toThrow('LOCUM_PROD_URL is not a URL: "not a url"');
    } finally {
      if (saved === undefined) delete process.env.LOCUM_PROD_URL;
      else process.env.LOCUM_PROD_URL = saved;
      if (savedEmail === undefined) delete process.env.LOCUM_SUPPORT_EMAIL;
      else process.env.LOCUM_SUPPORT_EMAIL = savedEmail;
      warn.mockRestore();
    }
    // A development build copies it unchanged.
    const devConfig = await makeConfig({ WEBPACK_BUILD: true }, { mode: "development" });
    const devCopy = plugin(devConfig, "CopyPlugin").patterns!.find((p) => p.from === "manifest*.xml")!;
    expect(String(devCopy.transform!(Buffer.from(xml), MANIFEST))).toBe(xml);
  });

  test("a plain build needs no certificates (they are fetched only for webpack serve)", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {}); // no LOCUM_PROD_URL here
    const config = (await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" }).finally(() => warn.mockRestore())) as unknown as {
      devServer: { server: { type: string; options?: unknown }; port: number | string };
    };
    expect(config.devServer.server).toEqual({ type: "https", options: undefined });
    expect(Number(config.devServer.port)).toBe(3000);
  });
});

// ---- the production build: hashed names, the support page, the offline deployment checks ----

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest, baseOf } = require("../../scripts/manifestCheck") as {
  checkManifest: (o: { xml: string; base: string | null; folder?: string | null }) => string[];
  baseOf: (xml: string) => string | null;
};
const PROD = "https://addins.example.org/locum/";

/** Runs `f` with these environment variables set (undefined: unset), console.warn captured. */
async function withEnv<T>(vars: Record<string, string | undefined>, f: (warn: jest.SpyInstance) => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (v: Record<string, string | undefined>) => {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) delete process.env[k];
      else process.env[k] = x;
    }
  };
  const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
  set(vars);
  try {
    return await f(warn);
  } finally {
    set(saved);
    warn.mockRestore();
  }
}

const prodConfig = () =>
  withEnv({ LOCUM_PROD_URL: PROD, LOCUM_SUPPORT_EMAIL: "help@example.org" }, () => makeConfig({ WEBPACK_BUILD: true }, { mode: "production" }));

/** What a production build with LOCUM_PROD_URL=PROD puts in dist/ for the manifest: its manifest, the pages, the icons. */
async function synthesizedBuild(): Promise<string> {
  const config = await prodConfig();
  const copy = plugin(config, "CopyPlugin").patterns!.find((p) => p.from === "manifest*.xml")!;
  const dir = tempDir("locum-prod-");
  fs.writeFileSync(path.join(dir, "manifest.xml"), String(copy.transform!(Buffer.from(xml), MANIFEST)));
  fs.mkdirSync(path.join(dir, "assets"));
  for (const f of fs.readdirSync(path.join(ROOT, "assets"))) fs.copyFileSync(path.join(ROOT, "assets", f), path.join(dir, "assets", f));
  for (const f of ["taskpane.html", "support.html", "functions.js", "functions.json"]) fs.writeFileSync(path.join(dir, f), "");
  return dir;
}

describe("the production build", () => {
  test("names the bundles, chunks and stylesheet by content; what Office loads by URL keeps its name", async () => {
    const config = await prodConfig();
    expect(entryFile(config, "functions")).toBe("functions.js"); // the manifest's <Script> URL
    expect(entryFile(config, "taskpane")).toBe("static/[name].[contenthash:8].js");
    expect(config.output.chunkFilename).toBe("static/[name].[contenthash:8].js");
    const patterns = plugin(config, "CopyPlugin").patterns!;
    expect(patterns.find((p) => p.from === "src/taskpane/taskpane.css")!.to).toBe("static/taskpane.[contenthash:8].css");
    expect(patterns.find((p) => p.from === "assets/*.png")!.to).toBe("assets/[name][ext][query]");
    expect(pages(config).map((p) => p.userOptions!.filename)).toEqual(["taskpane.html", "support.html"]);
    expect(plugin(config, "CustomFunctionsMetadataPlugin").options!.output).toBe("functions.json");
    // The pages are pointed at the hashed stylesheet, and the manifest is checked once written.
    expect(config.plugins.map((p) => p.constructor.name)).toEqual(expect.arrayContaining(["HashedStylesheetPlugin", "ManifestCheckPlugin"]));
    // A development build keeps every name fixed (the dev server, sideloading, the browser tests).
    const dev = await makeConfig({ WEBPACK_BUILD: true }, { mode: "development" });
    expect([entryFile(dev, "functions"), entryFile(dev, "taskpane"), dev.output.chunkFilename]).toEqual(["functions.js", "[name].js", "[name].js"]);
    expect(dev.plugins.map((p) => p.constructor.name)).not.toContain("HashedStylesheetPlugin");
  });

  test("support.html: the pane's Content-Security-Policy, and the support address from LOCUM_SUPPORT_EMAIL or a placeholder it owns up to", async () => {
    const params = (config: WebpackConfig) => pages(config).find((p) => p.userOptions!.filename === "support.html")!.userOptions!.templateParameters!;
    const pane = fs.readFileSync(path.join(ROOT, "src/taskpane/taskpane.html"), "utf8");
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(pane)![1];
    const given = params(await prodConfig());
    expect(given).toEqual({ csp: policy, supportEmail: "help@example.org", placeholderEmail: false, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });

    const unset = await withEnv({ LOCUM_PROD_URL: PROD, LOCUM_SUPPORT_EMAIL: undefined }, async (warn) => {
      const p = params(await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" }));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("LOCUM_SUPPORT_EMAIL is not set"));
      return p;
    });
    expect(unset).toMatchObject({ supportEmail: "support@example.org", placeholderEmail: true });
    for (const bad of ["not an address", "a@b", 'x"@example.org', "<a@example.org>"]) {
      await expect(withEnv({ LOCUM_SUPPORT_EMAIL: bad }, () => makeConfig({ WEBPACK_BUILD: true }, { mode: "production" }))).rejects.toThrow(
        `LOCUM_SUPPORT_EMAIL is not an email address: "${bad}"`,
      );
    }

    // The page as html-webpack-plugin renders it (its lodash loader): the address, and the note only for the placeholder.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const template = require("lodash/template") as (src: string, o: object) => (data: object) => string;
    const render = template(fs.readFileSync(path.join(ROOT, "src/taskpane/support.html"), "utf8"), { interpolate: /<%=([\s\S]+?)%>/g });
    const page = render(given);
    expect(page).toContain(`content="${policy.replace(/'/g, "&#39;")}"`);
    expect(page).toContain('<a id="support-email" href="mailto:help@example.org">help@example.org</a>');
    expect(page).not.toContain("placeholder-note");
    const placeholder = render(unset);
    expect(placeholder).toContain("mailto:support@example.org");
    expect(placeholder).toMatch(/id="placeholder-note"[^>]*>\s*This address is a placeholder/);
    for (const sheet of ["Locum details", "LocumRules", "LocumSettings", "appsforoffice.microsoft.com"]) expect(page).toContain(sheet);
  });
});

describe("the production build's own plugins", () => {
  interface Tapped {
    compilation?: (c: unknown) => void;
    afterEmit?: (c: unknown) => void;
  }
  /** Apply a plugin to a stand-in compiler; returns the callbacks it tapped. */
  function applied(p: Plugin): Tapped {
    const tapped: Tapped = {};
    const compiler = {
      hooks: {
        compilation: { tap: (_: string, f: (c: unknown) => void) => (tapped.compilation = f) },
        afterEmit: { tap: (_: string, f: (c: unknown) => void) => (tapped.afterEmit = f) },
      },
    };
    (p as unknown as { apply: (c: unknown) => void }).apply(compiler);
    return tapped;
  }

  test("HashedStylesheetPlugin points each page at the hashed stylesheet, and fails a page without the link", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const HtmlWebpackPlugin = require("html-webpack-plugin");
    const compilation = { getAssets: () => [{ name: "static/taskpane.0123abcd.css", info: { sourceFilename: "src/taskpane/taskpane.css" } }] };
    applied(plugin(await prodConfig(), "HashedStylesheetPlugin")).compilation!(compilation);
    const emit = (html: string) => HtmlWebpackPlugin.getHooks(compilation).beforeEmit.promise({ html, outputName: "support.html" });
    const out = await emit('<link rel="stylesheet" href="taskpane.css" /><p>taskpane.css</p>');
    expect(out.html).toBe('<link rel="stylesheet" href="static/taskpane.0123abcd.css" /><p>taskpane.css</p>');
    await expect(emit("<p>no stylesheet</p>")).rejects.toThrow('support.html: no href="taskpane.css" to point at the hashed stylesheet');
  });

  test("ManifestCheckPlugin fails a build with LOCUM_PROD_URL on a manifest problem; without it, only warns", async () => {
    const dir = await synthesizedBuild();
    const run = (p: Plugin) => {
      const compilation = { outputOptions: { path: dir }, errors: [] as Error[], warnings: [] as Error[] };
      applied(p).afterEmit!(compilation);
      return { errors: compilation.errors.map((e) => e.message), warnings: compilation.warnings.map((e) => e.message) };
    };
    const check = plugin(await prodConfig(), "ManifestCheckPlugin");
    expect(run(check)).toEqual({ errors: [], warnings: [] });
    fs.rmSync(path.join(dir, "functions.json"));
    expect(run(check)).toEqual({ errors: [`manifest.xml: resource Functions.Metadata.Url: ${PROD}functions.json is not in ${dir}`], warnings: [] });
    const placeholder = plugin(
      await withEnv({ LOCUM_PROD_URL: undefined }, () => makeConfig({ WEBPACK_BUILD: true }, { mode: "production" })),
      "ManifestCheckPlugin",
    );
    // A build without LOCUM_PROD_URL: its manifest points at Microsoft's placeholder, which the check names, as warnings.
    fs.writeFileSync(path.join(dir, "functions.json"), "");
    const file = path.join(dir, "manifest.xml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replaceAll(PROD, "https://www.contoso.com/"));
    const loose = run(placeholder);
    expect(loose.errors).toEqual([]);
    expect(loose.warnings).toContain(
      "manifest.xml: <SupportUrl>: https://www.contoso.com/support.html is Microsoft's placeholder host (build with LOCUM_PROD_URL)",
    );
  });
});

describe("the offline deployment checks (scripts/manifestCheck.js: npm run validate, every production build)", () => {
  test("pass on the source manifest (dev URLs) and on a production build made with LOCUM_PROD_URL", async () => {
    expect(checkManifest({ xml, base: DEV })).toEqual([]);
    const dir = await synthesizedBuild();
    const built = fs.readFileSync(path.join(dir, "manifest.xml"), "utf8");
    expect(baseOf(built)).toBe(PROD);
    expect(checkManifest({ xml: built, base: PROD, folder: dir })).toEqual([]);
    expect(checkManifest({ xml: built, base: PROD.slice(0, -1), folder: dir })).toEqual([]); // the slash is added
  });

  test("name each problem a deployment would hit, one line each", async () => {
    const dir = await synthesizedBuild();
    const built = fs.readFileSync(path.join(dir, "manifest.xml"), "utf8");
    const check = (x: string, base = PROD) => checkManifest({ xml: x, base, folder: dir });
    // Another host, or plain http.
    expect(check(built, "https://other.example.org/")).toContain(
      `<SupportUrl>: ${PROD}support.html is not under the deployment URL https://other.example.org/`,
    );
    expect(check(built.replace(`${PROD}functions.json`, "http://addins.example.org/locum/functions.json"))).toEqual([
      "resource Functions.Metadata.Url: http://addins.example.org/locum/functions.json is not https",
    ]);
    // Microsoft's placeholder (a build without LOCUM_PROD_URL), and the dev server left in.
    expect(check(built.replaceAll(PROD, "https://www.contoso.com/"), "https://www.contoso.com/")).toContain(
      "<SupportUrl>: https://www.contoso.com/support.html is Microsoft's placeholder host (build with LOCUM_PROD_URL)",
    );
    expect(check(built.replace(`${PROD}taskpane.html"`, `${DEV}taskpane.html"`))).toEqual([
      `<DefaultSettings><SourceLocation>: ${DEV}taskpane.html is on this computer, not the deployment host`,
    ]);
    // A file the build did not make; an icon of the wrong size; a file that is no PNG.
    fs.rmSync(path.join(dir, "support.html"));
    expect(check(built)).toEqual([
      `<SupportUrl>: ${PROD}support.html is not in ${dir}`,
      `resource GetStarted.LearnMoreUrl: ${PROD}support.html is not in ${dir}`,
    ]);
    fs.writeFileSync(path.join(dir, "support.html"), "");
    fs.copyFileSync(path.join(ROOT, "assets/icon-16.png"), path.join(dir, "assets/icon-32.png"));
    const wrongSize = check(built);
    expect(wrongSize).toContain(`<IconUrl>: ${path.join("assets", "icon-32.png")} is 16×16 px, not 32×32`);
    expect(wrongSize).toContain(`<bt:Image size="32" resid="Icon.32x32">: ${path.join("assets", "icon-32.png")} is 16×16 px, not 32×32`);
    fs.writeFileSync(path.join(dir, "assets/icon-32.png"), "GIF89a");
    expect(check(built)).toContain(`<IconUrl>: ${path.join("assets", "icon-32.png")} is not a PNG`);
    fs.copyFileSync(path.join(ROOT, "assets/icon-32.png"), path.join(dir, "assets/icon-32.png"));
    expect(check(built)).toEqual([]);
    // No SupportUrl; one out of Microsoft's order; a resid that names nothing; the shared runtime dropped.
    const supportLine = /\s*<SupportUrl [^>]*\/>/.exec(built)![0];
    expect(check(built.replace(supportLine, ""))).toEqual(["<SupportUrl> is missing"]);
    expect(check(built.replace(supportLine, "").replace("<DefaultSettings>", `${supportLine.trim()}\n  <DefaultSettings>`))).toEqual([
      "<SupportUrl> must come before <Requirements> (Microsoft's element order)",
    ]);
    expect(check(built.replace('<Namespace resid="Functions.Namespace" />', '<Namespace resid="Functions.Nmespace" />'))).toEqual([
      '<Namespace resid="Functions.Nmespace"> names no resource',
    ]);
    expect(check(built.replace('<Set Name="SharedRuntime" MinVersion="1.1" />', ""))).toEqual([
      'no <Set Name="SharedRuntime" MinVersion="1.1"/>: the custom functions and the pane need the shared runtime',
    ]);
    expect(check(built.replace("<Version>1.0.0.0</Version>", "<Version>1.0</Version>"))).toEqual(['<Version> "1.0" is not four numbers (n.n.n.n)']);
    expect(check(built.replace("</OfficeApp>", ""))[0]).toMatch(/^not well-formed XML: /);
  });

  test("npm run validate's script checks a built manifest against LOCUM_PROD_URL and exits 1 on a problem", async () => {
    const dir = await synthesizedBuild();
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [path.join(ROOT, "scripts/validate-manifest.js"), path.join(dir, "manifest.xml"), "--offline"], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, ...env },
        timeout: 60_000,
      });
    const ok = run({ LOCUM_PROD_URL: PROD });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`offline deployment checks passed: ${path.join(dir, "manifest.xml")}, every URL https under ${PROD}`);
    expect(ok.stdout).toContain(`every URL is a file in ${dir}, icons at their stated sizes`);
    const elsewhere = run({ LOCUM_PROD_URL: "https://other.example.org/locum/" });
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stderr).toContain("offline deployment checks FAILED");
    expect(elsewhere.stderr).toContain(`<SupportUrl>: ${PROD}support.html is not under the deployment URL https://other.example.org/locum/`);
  }, 60_000);
});

describe("the test's XML reader", () => {
  test("rejects malformed XML", () => {
    expect(() => parseXml("<a><b></a>")).toThrow(/closes/);
    expect(() => parseXml("<a>")).toThrow(/never closed/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/repeats/);
    expect(() => parseXml("<a>&nbsp;</a>")).toThrow(/entity/);
    expect(parseXml('<?xml version="1.0"?><!-- c --><a k="&amp;&quot;"><b/>t</a>').attrs.k).toBe('&"');
  });
});
