// The command line as a package: what `npm pack` puts in the tarball (package.json "files"), and
// that what is in it is enough to run. .ci/run installs the tarball for real; this test reads the
// list npm would pack, without the pack scripts (prepack empties build/, which the other tests run).
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, normalize } from "node:path";

const ROOT = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string> };
let files: string[] = [];

beforeAll(() => {
  // The build as npm run build:cli makes it (the compiled CLI, then the fonts beside it).
  execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: ROOT, stdio: "pipe" });
  execFileSync("node", ["scripts/copy-fonts.js"], { cwd: ROOT, stdio: "pipe" });
  const json = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  files = (JSON.parse(json) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
}, 180_000);

test("the tarball holds the built command line, its fonts, the sample year, the README and the licence", () => {
  for (const f of [
    "bin/locum.js",
    "build/cli/index.js",
    "build/cli/workers/renderWorker.js",
    "build/cli/workers/yearendWorker.js",
    "build/rules/tables.json",
    "build/fonts/DejaVuSans.ttf",
    "build/fonts/DejaVuSans-Bold.ttf",
    "build/fonts/LICENSE-DejaVu.txt",
    "examples/locum-2025-26.xlsx",
    "README.md",
    "LICENSE",
    "package.json",
  ])
    expect(files).toContain(f);
});

test("and nothing that does not run: no tests, fixtures, TypeScript sources, pane, bench or dev tools", () => {
  const stray = files.filter(
    (f) =>
      /^(test|src|scripts|docs|assets|dist|bundle|node_modules|\.ci)\//.test(f) ||
      /\.ts$/.test(f) ||
      /\.map$/.test(f) ||
      f.startsWith("build/bench/") ||
      f.startsWith("build/functions/") ||
      /(^|\/)(jest|webpack|eslint)\.config\.[cm]?js$/.test(f) ||
      /^tsconfig/.test(f) ||
      f === "manifest.xml",
  );
  expect(stray).toEqual([]);
  expect(files.filter((f) => f.startsWith("examples/"))).toEqual(["examples/locum-2025-26.xlsx"]);
});

test("every module the packed code requires is packed, a runtime dependency or part of Node", () => {
  const missing: string[] = [];
  const deps = new Set(Object.keys(pkg.dependencies));
  for (const f of files.filter((x) => x.endsWith(".js"))) {
    const code = readFileSync(join(ROOT, f), "utf8");
    for (const [, spec] of code.matchAll(/require\("([^"]+)"\)/g)) {
      if (spec.startsWith(".")) {
        const target = normalize(join(dirname(f), spec));
        if (![target, `${target}.js`, `${target}.json`, join(target, "index.js")].some((t) => files.includes(t))) missing.push(`${f}: ${spec}`);
      } else {
        const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
        if (!spec.startsWith("node:") && !builtinModules.includes(name) && !deps.has(name)) missing.push(`${f}: ${spec}`);
      }
    }
  }
  expect(missing).toEqual([]);
});

test("the pane's packages and the font package are not runtime dependencies (the package ships the two fonts it draws with)", () => {
  expect(Object.keys(pkg.dependencies).filter((d) => /fluentui|@microsoft\/|dejavu/.test(d))).toEqual([]);
});

test("locum --version prints the package's version", () => {
  const r = spawnSync("node", [join(ROOT, "bin/locum.js"), "--version"], { encoding: "utf8" });
  expect([r.status, r.stdout, r.stderr]).toEqual([0, `locum ${pkg.version}\n`, ""]);
});
