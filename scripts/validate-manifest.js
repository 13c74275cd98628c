#!/usr/bin/env node
// Checks the add-in manifest (npm run validate): dist/manifest.xml when a production build made it
// (its URLs no longer point at https://localhost:3000/), else the source manifest.xml.
//
// 1. Offline: `office-addin-manifest info` must parse the manifest (malformed XML fails here).
// 2. Offline: scripts/manifestCheck.js, the checks a deployment needs (element order, resids,
//    SharedRuntime, SupportUrl, every URL https and under the deployment URL, every URL a file of
//    the build, icons at their sizes). The deployment URL is LOCUM_PROD_URL when set, else the one
//    the built manifest points at; the source manifest is checked against https://localhost:3000/
//    (its files against dist/ when a development build is there). Any problem exits 1.
// 3. Online: `office-addin-manifest validate` posts the manifest to Microsoft's validation
//    service. When that service cannot be reached (no network, DNS failure, refused, timed out,
//    or the service itself answers 5xx) the online check is reported as SKIPPED and the script
//    exits 0: it is never reported as passed. A genuine "The manifest is not valid." exits 1.
//
// test/taskpane/manifest.test.ts runs the same checks on the source manifest and on a synthesized build.
//
// Usage: node scripts/validate-manifest.js [manifest.xml] [--offline] [--timeout=SECONDS]
"use strict";

const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { checkManifest, baseOf } = require("./manifestCheck");

const ROOT = path.join(__dirname, "..");
const DEV = "https://localhost:3000/";
const args = process.argv.slice(2);
const offlineOnly = args.includes("--offline");

/** The manifest to check: the one named, else a production build's, else the source. */
function chooseManifest() {
  const named = args.find((a) => !a.startsWith("--"));
  if (named) return named;
  const built = path.join(ROOT, "dist", "manifest.xml");
  if (fs.existsSync(built) && !fs.readFileSync(built, "utf8").includes(DEV)) return path.relative(process.cwd(), built);
  return path.relative(process.cwd(), path.join(ROOT, "manifest.xml"));
}
const manifest = chooseManifest();
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

// ---- 2. offline: what a deployment needs ----
function deploymentChecks() {
  const xml = fs.readFileSync(manifest, "utf8");
  const folder = path.dirname(path.resolve(manifest));
  const source = xml.includes(DEV);
  let base;
  let where;
  if (source) {
    base = DEV;
    const dist = path.join(ROOT, "dist");
    const devBuild = fs.existsSync(path.join(dist, "manifest.xml")) && fs.readFileSync(path.join(dist, "manifest.xml"), "utf8").includes(DEV);
    where = devBuild ? dist : null;
  } else {
    base = (process.env.LOCUM_PROD_URL || "").trim() || baseOf(xml);
    if (base && !base.endsWith("/")) base += "/";
    where = folder;
  }
  const problems = checkManifest({ xml, base, folder: where });
  if (problems.length) {
    console.error(`offline deployment checks FAILED: ${manifest} (deployment URL ${base})`);
    for (const p of problems) console.error(`    ${p}`);
    process.exit(1);
  }
  console.log(`offline deployment checks passed: ${manifest}, every URL https under ${base}`);
  const shown = path.relative(process.cwd(), where || "");
  if (where) console.log(`    every URL is a file in ${shown.startsWith("..") ? where : shown || "."}, icons at their stated sizes`);
  else console.log("    files and icon sizes not checked: no build in dist/ (npm run build:dev or a production build)");
}
deploymentChecks();
if (offlineOnly) process.exit(0);

// ---- 3. online ----
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
