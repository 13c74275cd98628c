#!/usr/bin/env node
// The compiled CLI (npm install in a clone builds it through the "prepare" script; the package ships it built).
const path = require("node:path");
const fs = require("node:fs");

const entry = path.join(__dirname, "..", "build", "cli", "index.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("locum: not built yet; run `npm install` (or `npm run build:cli`) in the project first\n");
  process.exit(2);
}
// `locum forms … | head -3`: a closed pipe ends the output quietly, not with a stack trace (io.ts).
require(path.join(__dirname, "..", "build", "cli", "io.js")).quietBrokenPipes();
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
