#!/usr/bin/env node
// The compiled CLI (npm install builds it through the "prepare" script).
const path = require("node:path");
const fs = require("node:fs");
const entry = path.join(__dirname, "..", "build", "cli", "index.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("locum: not built yet; run `npm install` (or `npm run build:cli`) in the project first\n");
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
