// The docs stay true to the code: docs/command-line.md is what scripts/cli-docs.js makes from the usage
// texts now, every relative link in README.md and docs/ resolves (files and #headings), the README's
// first two commands are the newcomer's, and the lists the docs copy from the code (the Sessions
// columns, the year-end CSV's columns, the domain notes' sections) are in the code's order.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { main } from "../src/cli";
import { FIELD_NAMES } from "../src/workbook";
import { yearEndCsvHeader } from "../src/yearend";

const ROOT = join(__dirname, "..");
const { commandLineDoc } = require("../scripts/cli-docs.js") as { commandLineDoc: (m: typeof main) => Promise<string> };
const read = (f: string) => readFileSync(join(ROOT, f), "utf8");
const DOCS = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

test("docs/command-line.md is what scripts/cli-docs.js writes from today's usage texts (else: npm run docs:cli)", async () => {
  const now = await commandLineDoc(main);
  expect(now).toContain("usage: locum yearend <workbook.xlsx | folder>");
  expect(read("docs/command-line.md")).toBe(now);
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");

/** A markdown file's text outside fenced code blocks (a link shown as code is not a link). */
const prose = (md: string) => md.replace(/^```[\s\S]*?^```/gm, "");
const anchors = (md: string) => new Set([...prose(md).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1].replace(/`/g, ""))));

/** The relative links of a markdown file (at path `file`) that name no file, or no heading of it. */
function brokenLinks(file: string, md: string): string[] {
  const broken: string[] = [];
  const links = [...prose(md).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  for (const link of links.filter((l) => !/^(https?|mailto):/.test(l))) {
    const [target, anchor] = link.split("#");
    const path = target === "" ? file : normalize(join(dirname(file), decodeURI(target)));
    const text = target === "" ? md : existsSync(join(ROOT, path)) ? read(path) : undefined;
    if (text === undefined) broken.push(`${link}: no file ${path}`);
    else if (anchor !== undefined && path.endsWith(".md") && !anchors(text).has(anchor)) broken.push(`${link}: no heading #${anchor} in ${path}`);
  }
  return broken;
}

test.each(DOCS)("every relative link in %s resolves, to a file and its heading", (file) => {
  expect(brokenLinks(file, read(file))).toEqual([]);
});

test("the link checker names a missing file and a missing heading, and passes good links", () => {
  const md = [
    "# Here",
    "[a](nope.md) [b](install.md#no-such-heading) [c](install.md) [d](../README.md#quick-starts) [e](#here) [f](#gone)",
    "[g](https://example.org/x.md) [h](schema/locum-forms.schema.json)",
    "```",
    "[i](shown-as-code.md)",
    "```",
  ].join("\n");
  expect(brokenLinks("docs/page.md", md)).toEqual([
    "nope.md: no file docs/nope.md",
    "install.md#no-such-heading: no heading #no-such-heading in docs/install.md",
    "#gone: no heading #gone in docs/page.md",
  ]);
  // Anchors as GitHub makes them: lower case, punctuation dropped, spaces as hyphens, code marks gone.
  expect(slug("Forms A and B")).toBe("forms-a-and-b");
  expect(slug("The year end, for a practice of accountants")).toBe("the-year-end-for-a-practice-of-accountants");
  expect([...anchors("## On the command line: `--rules FILE` and `--cpi`")]).toEqual(["on-the-command-line---rules-file-and---cpi"]);
});

test("the README is short, and opens with the two commands a newcomer runs first", () => {
  const readme = read("README.md");
  expect(Buffer.byteLength(readme)).toBeLessThan(6500);
  const first = readme
    .match(/```sh\n([\s\S]*?)```/)![1]
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim());
  expect(first.slice(0, 2)).toEqual(["npm install && npm run demo", "npm test"]);
  // Nothing but the title and a few lines of what it is come before them.
  expect(readme.indexOf("```sh")).toBeLessThan(700);
  const scripts = JSON.parse(read("package.json")).scripts as Record<string, string>;
  expect(Object.keys(scripts)).toEqual(expect.arrayContaining(["demo", "test"]));
});

test("docs/workbook-format.md lists the Sessions columns in the forms' own order", () => {
  const md = read("docs/workbook-format.md");
  const lines = md.slice(md.indexOf("| Column |")).split("\n");
  const table = lines.slice(
    0,
    lines.findIndex((l) => !l.startsWith("|")),
  );
  const rows = table.filter((l) => !/^\|\s*(Column|-)/.test(l));
  const named = rows.map((r) =>
    r
      .split("|")[1]
      .replace(/\(.*\)/, "")
      .trim(),
  );
  expect(named).toEqual(Object.values(FIELD_NAMES));
});

test("docs/year-end.md lists the CSV's columns in the CSV's order", () => {
  const md = read("docs/year-end.md");
  const list = md.slice(md.indexOf("## The CSV"));
  const named = [...list.matchAll(/^\d+\. \*\*(.+?)\*\*/gm)].map((m) => m[1]);
  // The header of a folder touching one tax year, its label written "…" as the page lists it.
  expect(named).toEqual(yearEndCsvHeader([2025]).map((h) => h.replace("2025/26", "…")));
});

test("every § of the domain notes the code cites is a section of docs/domain.md", () => {
  const domain = read("docs/domain.md");
  expect(domain.split("\n")[0]).toMatch(/shared\/domain\/README\.md/);
  const sections = new Set([...domain.matchAll(/^## (\d+)\. /gm)].map((m) => m[1]));
  const cited = new Set<string>();
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
  for (const f of [...walk("src"), ...walk("test")].filter((x) => /\.(ts|json)$/.test(x)))
    for (const m of read(f).matchAll(/§\s?(\d+)((?:,\s*§\s?\d+)*)/g)) for (const n of m[0].matchAll(/\d+/g)) cited.add(n[0]);
  expect(cited.size).toBeGreaterThan(3);
  expect([...cited].filter((n) => !sections.has(n))).toEqual([]);
});
