#!/usr/bin/env node
// Checks manifest.xml (npm run validate).
//
// 1. Offline: `office-addin-manifest info` must parse the manifest (malformed XML fails here).
// 2. Online: `office-addin-manifest validate` posts the manifest to Microsoft's validation
//    service. When that service cannot be reached (no network, DNS failure, refused, timed out,
//    or the service itself answers 5xx) the online check is reported as SKIPPED and the script
//    exits 0: it is never reported as passed. A genuine "The manifest is not valid." exits 1.
//
// The consistency checks the service would also make (resids resolve, namespace, URLs, icons,
// GUID, version) run offline in test/manifest.test.ts.
//
// Usage: node scripts/validate-manifest.js [manifest.xml] [--timeout=SECONDS]
"use strict";

const { spawnSync } = require("child_process");
const path = require("path");

const args = process.argv.slice(2);
const manifest = args.find((a) => !a.startsWith("--")) || "manifest.xml";
const timeoutArg = args.find((a) => a.startsWith("--timeout="));
const timeoutMs = (timeoutArg ? Number(timeoutArg.split("=")[1]) : 90) * 1000;

const cli = path.join(path.dirname(require.resolve("office-addin-manifest/package.json")), "cli.js");

/** Runs the office-addin-manifest CLI; returns exit status (null on timeout) and all output. */
function run(command, timeout) {
  const r = spawnSync(process.execPath, [cli, command, manifest], { encoding: "utf8", timeout });
  const output = `${r.stdout || ""}${r.stderr || ""}`;
  const timedOut = r.error !== undefined && /ETIMEDOUT/.test(String(r.error.code || r.error));
  return { status: timedOut ? null : r.status, output, timedOut, error: r.error };
}

// Network failures and service outages: the online check could not be made.
const UNREACHABLE =
  /ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|socket hang up|network timeout|timed? ?out|Unable to contact the manifest validation service/i;

function unreachableStatus(output) {
  // commands.js prints "Unable to validate the manifest.\n<status>\n<statusText>" for non-200.
  const m = /Unable to validate the manifest\.\s*(\d{3})/.exec(output);
  if (!m) return false;
  const status = Number(m[1]);
  return status >= 500 || status === 407 || status === 408 || status === 429;
}

function indent(text) {
  return text
    .trim()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

// ---- 1. offline ----
const info = run("info", 60_000);
if (info.status !== 0) {
  console.error(`offline check FAILED: office-addin-manifest info ${manifest}`);
  console.error(indent(info.output || String(info.error || "no output")));
  process.exit(1);
}
console.log(`offline check passed: office-addin-manifest info ${manifest} parsed it`);
const id = /Id:\s*(\S+)/.exec(info.output);
const version = /Version:\s*(\S+)/.exec(info.output);
if (id && version) console.log(`    Id ${id[1]}, Version ${version[1]}`);

// ---- 2. online ----
const online = run("validate", timeoutMs);
if (online.status === 0 && /The manifest is valid\./.test(online.output)) {
  console.log("online validation passed: Microsoft's validation service says the manifest is valid");
  process.exit(0);
}
if (online.timedOut || UNREACHABLE.test(online.output) || unreachableStatus(online.output)) {
  console.log("online validation SKIPPED (validator unreachable)");
  console.log(indent(online.timedOut ? `no answer within ${timeoutMs / 1000} s` : online.output));
  process.exit(0);
}
console.error("online validation FAILED");
console.error(indent(online.output || String(online.error || "no output")));
process.exit(1);
