// The bench, compiled beside the command line it measures: bench/*.ts → build/bench/*.js, one file
// each (esbuild, no bundling), its imports of src/ pointed at build/ (src/rules → build/rules), so
// the bench and `locum` share one copy of every module. Types are checked by npm run typecheck.
const { readdirSync, mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { transformSync } = require("esbuild");

const root = join(__dirname, "..");
const out = join(root, "build", "bench");
mkdirSync(out, { recursive: true });
for (const name of readdirSync(join(root, "bench")).filter((n) => n.endsWith(".ts"))) {
  const source = readFileSync(join(root, "bench", name), "utf8");
  const { code } = transformSync(source, { loader: "ts", format: "cjs", platform: "node", target: "node20", sourcefile: name });
  writeFileSync(join(out, name.replace(/\.ts$/, ".js")), code.replace(/(require\(|import\()"\.\.\/src\//g, '$1"../'));
}
