// npm run build:bundle: the command line as one file, bundle/locum.cjs, that runs with
// `node bundle/locum.cjs …` from any folder and no node_modules. Beside it, what it reads at run
// time (src/cli/resources.ts): the worker threads' scripts (renderWorker.cjs, yearendWorker.cjs,
// each its own bundle: esbuild splits code only for ES modules), the form fonts and their licence
// (fonts/) and the sample year for `locum demo` (examples/). Copy the whole folder.
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");
const { copyFonts } = require("./copy-fonts");

const root = path.join(__dirname, "..");
const out = path.join(root, "bundle");

async function buildBundle() {
  const { version } = require(path.join(root, "package.json"));
  fs.rmSync(out, { recursive: true, force: true }); // build output only: made by this script
  await esbuild.build({
    entryPoints: {
      locum: path.join(root, "src/cli/index.ts"),
      renderWorker: path.join(root, "src/cli/workers/renderWorker.ts"),
      yearendWorker: path.join(root, "src/cli/workers/yearendWorker.ts"),
    },
    outdir: out,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    legalComments: "linked", // the bundled packages' licence notices, in locum.cjs.LEGAL.txt
    // resources.ts reads this to know it is the single-file build (files beside it, not in a package).
    define: { LOCUM_BUNDLE: JSON.stringify({ version }) },
    // index.ts runs main() when it is the script run (`require.main === module`): in the bundle,
    // `module` is the bundle's, which is what is meant.
    logOverride: { "commonjs-variable-in-esm": "silent", "require-resolve-not-external": "silent" }, // and resources.ts finds the fonts package only when not bundled
    logLevel: "warning",
  });
  copyFonts(path.join(out, "fonts"));
  fs.mkdirSync(path.join(out, "examples"));
  fs.copyFileSync(path.join(root, "examples", "locum-2025-26.xlsx"), path.join(out, "examples", "locum-2025-26.xlsx"));
  for (const f of fs.readdirSync(out).filter((n) => n.endsWith(".cjs")))
    console.log(`bundle/${f}  ${(fs.statSync(path.join(out, f)).size / 1024).toFixed(0)} KB`);
}

module.exports = { buildBundle };

if (require.main === module)
  buildBundle().catch((e) => {
    console.error(`build:bundle: ${e.message}`);
    process.exit(1);
  });
