// The add-in manifest checked offline, as deployed: used by `npm run validate`
// (scripts/validate-manifest.js), by every production build (webpack.config.js) and by
// test/taskpane/manifest.test.ts. Microsoft's own validator is an online service; no npm package ships the
// add-in XSDs, so this checks what breaks a deployment in practice:
//   - well-formed XML, a task-pane OfficeApp, Microsoft's order of its top-level elements;
//   - a GUID id, a four-part version, the SharedRuntime 1.1 requirement (the custom functions);
//   - every resid names a resource of the right kind; ids and strings within Office's lengths;
//   - a SupportUrl; every URL https and under the deployment URL (no placeholder, no localhost);
//   - every URL a file in the built folder; icons square PNGs of the sizes the manifest states
//     (IconUrl 32 px and HighResolutionIconUrl 64 px, Microsoft's sizes for task-pane add-ins).
"use strict";

const fs = require("fs");
const path = require("path");
const { SaxesParser } = require("saxes");

/** Microsoft's order of OfficeApp's children for a TaskPaneApp (the XSD; "manifest element ordering"). */
const TOP_ORDER = [
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
  "Dictionary",
  "VersionOverrides",
  "ExtendedOverrides",
];
const REQUIRED = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "DefaultSettings",
  "Permissions",
];

/** Which resource group each resid-bearing element must name. */
const KIND_OF = {
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

/** Parses XML into {name, attrs, children, text}; throws on malformed XML (saxes is strict). */
function parseXml(xml) {
  const parser = new SaxesParser();
  const root = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  parser.on("opentag", (t) => {
    const node = { name: t.name, attrs: { ...t.attributes }, children: [], text: "", parent: stack[stack.length - 1] };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on("closetag", () => stack.pop());
  parser.on("text", (t) => (stack[stack.length - 1].text += t));
  parser.write(xml).close();
  if (root.children.length !== 1) throw new Error("expected one root element");
  return root.children[0];
}

function all(node, pred, out = []) {
  if (pred(node)) out.push(node);
  for (const c of node.children) all(c, pred, out);
  return out;
}
const child = (node, name) => node && node.children.find((c) => c.name === name);

/** Width and height from a PNG's IHDR chunk, or null when the file is no PNG. */
function pngSize(file) {
  const b = fs.readFileSync(file);
  if (b.length < 24 || b.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a" || b.subarray(12, 16).toString("ascii") !== "IHDR") return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Resource id → {kind, value}; duplicates are reported. */
function resources(app, problems) {
  const defined = new Map();
  const res = all(app, (n) => n.name === "Resources")[0];
  if (!res) return defined;
  for (const kind of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]) {
    for (const group of all(res, (n) => n.name === kind)) {
      for (const item of group.children) {
        const id = item.attrs.id;
        if (defined.has(id)) problems.push(`resource id ${id} is defined twice`);
        defined.set(id, { kind, value: item.attrs.DefaultValue || "" });
        if (id.length > 32) problems.push(`resource id ${id} is longer than 32 characters`);
        if (kind === "bt:ShortStrings" && item.attrs.DefaultValue.length > 125) problems.push(`${id} is longer than 125 characters`);
        if (kind === "bt:LongStrings" && item.attrs.DefaultValue.length > 250) problems.push(`${id} is longer than 250 characters`);
      }
    }
  }
  return defined;
}

function checkTop(app, problems) {
  if (app.name !== "OfficeApp" || app.attrs["xsi:type"] !== "TaskPaneApp") {
    problems.push(`the root is <${app.name} xsi:type="${app.attrs["xsi:type"]}">, not a task-pane <OfficeApp>`);
  }
  const names = app.children.map((c) => c.name);
  for (const n of names) if (!TOP_ORDER.includes(n)) problems.push(`<${n}> is not a child OfficeApp may have`);
  const known = names.filter((n) => TOP_ORDER.includes(n));
  for (let i = 1; i < known.length; i++) {
    if (TOP_ORDER.indexOf(known[i]) < TOP_ORDER.indexOf(known[i - 1]))
      problems.push(`<${known[i]}> must come before <${known[i - 1]}> (Microsoft's element order)`);
  }
  for (const r of REQUIRED) if (!names.includes(r)) problems.push(`<${r}> is missing`);
  const id = (child(app, "Id") || { text: "" }).text.trim();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) problems.push(`<Id> "${id}" is not a GUID`);
  const version = (child(app, "Version") || { text: "" }).text.trim();
  if (!/^\d{1,5}(\.\d{1,5}){3}$/.test(version)) problems.push(`<Version> "${version}" is not four numbers (n.n.n.n)`);
  const sets = all(child(app, "Requirements") || { children: [] }, (n) => n.name === "Set");
  if (!sets.some((s) => s.attrs.Name === "SharedRuntime" && s.attrs.MinVersion === "1.1")) {
    problems.push('no <Set Name="SharedRuntime" MinVersion="1.1"/>: the custom functions and the pane need the shared runtime');
  }
}

function checkResids(app, defined, problems) {
  const overrides = child(app, "VersionOverrides");
  if (!overrides) return problems.push("<VersionOverrides> is missing");
  for (const r of all(overrides, (n) => "resid" in n.attrs)) {
    const found = defined.get(r.attrs.resid);
    if (!found) problems.push(`<${r.name} resid="${r.attrs.resid}"> names no resource`);
    else if (KIND_OF[r.name] && found.kind !== KIND_OF[r.name])
      problems.push(`<${r.name} resid="${r.attrs.resid}"> names a ${found.kind} resource, not ${KIND_OF[r.name]}`);
  }
}

/** Every URL in the manifest: [where, url]. */
function urls(app, defined) {
  const out = [];
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    const n = child(app, name);
    if (n) out.push([`<${name}>`, n.attrs.DefaultValue || ""]);
  }
  const source = child(child(app, "DefaultSettings"), "SourceLocation");
  if (source) out.push(["<DefaultSettings><SourceLocation>", source.attrs.DefaultValue || ""]);
  for (const [id, r] of defined) if (r.kind === "bt:Urls" || r.kind === "bt:Images") out.push([`resource ${id}`, r.value]);
  // Anything else that looks like a URL (an Override, AppDomain...), so none escapes the checks.
  const seen = new Set(out.map(([, u]) => u));
  for (const n of all(app, () => true)) {
    for (const [k, v] of Object.entries(n.attrs)) {
      if (k !== "xmlns" && !k.startsWith("xmlns:") && /^[a-z]+:\/\//i.test(v) && !seen.has(v)) out.push([`<${n.name} ${k}>`, v]);
    }
    const t = n.text.trim();
    if (/^[a-z]+:\/\//i.test(t) && !seen.has(t)) out.push([`<${n.name}>`, t]);
  }
  return out;
}

/** The file a URL under base names in the built folder. */
const fileOf = (url, base, folder) => path.join(folder, decodeURIComponent(new URL(url).pathname.slice(new URL(base).pathname.length)));

const isLocal = (url) => /^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(url);

function checkUrls(list, base, folder, problems) {
  for (const [where, url] of list) {
    if (!url.startsWith("https://")) problems.push(`${where}: ${url || "(empty)"} is not https`);
    else if (/^https:\/\/(www\.)?contoso\.com\//.test(url)) problems.push(`${where}: ${url} is Microsoft's placeholder host (build with LOCUM_PROD_URL)`);
    else if (isLocal(url) && !isLocal(base || "")) problems.push(`${where}: ${url} is on this computer, not the deployment host`);
    else if (base && !url.startsWith(base)) problems.push(`${where}: ${url} is not under the deployment URL ${base}`);
    else if (base && folder && !fs.existsSync(fileOf(url, base, folder))) problems.push(`${where}: ${url} is not in ${folder}`);
  }
}

function checkIcons(app, defined, base, folder, problems) {
  const icons = [
    ["<IconUrl>", (child(app, "IconUrl") || { attrs: {} }).attrs.DefaultValue, 32],
    ["<HighResolutionIconUrl>", (child(app, "HighResolutionIconUrl") || { attrs: {} }).attrs.DefaultValue, 64],
  ];
  for (const img of all(app, (n) => n.name === "bt:Image" && "size" in n.attrs && "resid" in n.attrs)) {
    const r = defined.get(img.attrs.resid);
    if (r) icons.push([`<bt:Image size="${img.attrs.size}" resid="${img.attrs.resid}">`, r.value, Number(img.attrs.size)]);
  }
  for (const [where, url, size] of icons) {
    if (!url || !url.startsWith(base)) continue; // reported with the URLs
    const file = fileOf(url, base, folder);
    if (!fs.existsSync(file)) continue; // reported with the URLs
    const got = pngSize(file);
    if (!got) problems.push(`${where}: ${path.relative(folder, file)} is not a PNG`);
    else if (got.width !== size || got.height !== size)
      problems.push(`${where}: ${path.relative(folder, file)} is ${got.width}×${got.height} px, not ${size}×${size}`);
  }
}

/**
 * Checks a manifest. base: the deployment URL every URL must start with (a trailing slash added);
 * folder: the built folder those URLs map onto (files and icons are checked there when given).
 * Returns the problems found, one plain line each (none: the manifest passes).
 */
function checkManifest({ xml, base, folder }) {
  const problems = [];
  let app;
  try {
    app = parseXml(xml);
  } catch (e) {
    return [`not well-formed XML: ${e.message}`];
  }
  const root = base ? (base.endsWith("/") ? base : `${base}/`) : null;
  checkTop(app, problems);
  const defined = resources(app, problems);
  checkResids(app, defined, problems);
  // A missing <SupportUrl> is reported with the required elements; an empty one as not https.
  checkUrls(urls(app, defined), root, folder, problems);
  if (root && folder) checkIcons(app, defined, root, folder, problems);
  return problems;
}

/** The deployment URL a built manifest points at: its DefaultSettings SourceLocation's folder. */
function baseOf(xml) {
  const app = parseXml(xml);
  const source = child(child(app, "DefaultSettings"), "SourceLocation");
  const url = source && source.attrs.DefaultValue;
  return url ? new URL(".", url).href : null;
}

module.exports = { checkManifest, baseOf, parseXml, pngSize, TOP_ORDER };
