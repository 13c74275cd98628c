#!/usr/bin/env node
// The compiled CLI (npm install builds it through the "prepare" script).
const path = require("node:path");
const fs = require("node:fs");

// A reader that stops early (`locum forms … | head -3`) closes the pipe: the next write fails with
// EPIPE. Drop the rest of that stream's output quietly and let the command finish (its files are
// still written) with its own exit code, rather than die with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e && (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED")) {
      stream.write = () => true;
      return;
    }
    throw e;
  });
}

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
