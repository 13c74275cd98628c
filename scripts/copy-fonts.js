// Copies the form fonts (DejaVu Sans, regular and bold) and their licence out of the
// dejavu-fonts-ttf package into a folder the command line ships with: build/fonts for the package
// (npm run build:cli), bundle/fonts for the single-file build. The package then needs neither the
// font package (12 MB of fonts it does not draw with) nor a path into node_modules at run time.
//   node scripts/copy-fonts.js [DIR]   (default build/fonts)
const fs = require("node:fs");
const path = require("node:path");

function copyFonts(dir) {
  const from = path.dirname(require.resolve("dejavu-fonts-ttf/package.json"));
  fs.mkdirSync(dir, { recursive: true });
  for (const name of ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]) fs.copyFileSync(path.join(from, "ttf", name), path.join(dir, name));
  fs.copyFileSync(path.join(from, "LICENSE"), path.join(dir, "LICENSE-DejaVu.txt"));
}

module.exports = { copyFonts };

if (require.main === module) copyFonts(path.resolve(process.argv[2] || path.join(__dirname, "..", "build", "fonts")));
