#!/usr/bin/env node
// The outputs a user keeps, fingerprinted: every PDF, CSV, messages file, JSON document and the
// printed text of `locum forms`, `locum yearend` and the template, made from fixed workbooks on a
// fixed --today, compared byte for byte with scripts/outputs.sha256. A change of layout or of code
// that means no change of behaviour (issue 18) must leave every line of the digest as it was.
//
//   node scripts/outputs-digest.js [--check]   compare with the stored digest (exit 1 on a difference)
//   node scripts/outputs-digest.js --write     store the digest anew (only when outputs are meant to change)
//   --keep                                     keep the temporary folder and say where it is
//
// It runs the built command line (bin/locum.js on build/): `npm run build:cli` first.
"use strict";
const { spawn } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const DIGEST = path.join(__dirname, "outputs.sha256");
const DIGEST_NAME = path.relative(ROOT, DIGEST);
const CLI = path.join(ROOT, "bin", "locum.js");

// The modules of build/ that make the input workbooks, the same code the bench and the tests use.
// When files move, change these paths only: the inputs, hence the outputs, must stay the same.
const BUILD = {
  benchForms: "build/bench/forms.js", // writeBusyWorkbook, BUSY_TODAY
  benchYearend: "build/bench/yearend.js", // writeClientWorkbook
  template: "build/template/index.js", // planTemplate, yearTemplate, fillTemplate
  templateCli: "build/cli/commands/template.js", // templateBytes, templateCommand
  rules: "build/rules/index.js", // DEFAULT_RULES, dayFromYmd, dayToSerial
};
const load = (key) => require(path.join(ROOT, BUILD[key]));
// The workbooks read as they are: the sample year, and every fixture of the reader tests (a new
// fixture shows as "new:" lines: store the digest with it).
const SAMPLE = path.join(ROOT, "examples", "locum-2025-26.xlsx");
const FIXTURES = path.join(ROOT, "test", "support", "workbooks");

// The days every run is judged on, so nothing depends on the clock: due dates, "past its due
// date", the 10-week warnings and "in progress" years all follow --today.
const SAMPLE_TODAY = "2026-04-30"; // as `locum demo` runs the sample year
const FIXTURE_TODAY = "2026-06-01"; // as test/cli/files/xlsx/tools.test.ts runs the fixture workbooks
const YEAREND_TODAY = "2026-05-01"; // as the bench runs the year end
const TEMPLATE_MADE = [2025, 4, 1]; // "As this template was made on ..." on the Tables in force sheet
const CLIENTS = 5; // bench clients beside the sample year in the year-end folder

/** Every `locum` run: a name (its folder in the digest) and its arguments, relative to the temp folder. */
function runs(inputs) {
  const list = [
    // The longest first, so the two lanes end together.
    // --workers 2: the pool's order of results is part of what must not change (default is 1 below four cores)
    { name: "yearend/folder", args: ["yearend", "in/clients", "--out", "out/yearend/folder/out", "--today", YEAREND_TODAY, "--workers", "2"] },
    { name: "forms/busy-year", args: ["forms", "in/busy-year.xlsx", "--out", "out/forms/busy-year/pdf", "--today", inputs.busyToday] },
    { name: "forms/sample", args: ["forms", "in/locum-2025-26.xlsx", "--out", "out/forms/sample/pdf", "--today", SAMPLE_TODAY, "--json"] },
    { name: "forms/template-filled", args: ["forms", "in/template-filled.xlsx", "--out", "out/forms/template-filled/pdf", "--today", FIXTURE_TODAY] },
    { name: "yearend/sample-json", args: ["yearend", "in/locum-2025-26.xlsx", "--out", "out/yearend/sample-json/out", "--today", YEAREND_TODAY, "--json"] },
  ];
  // Every fixture workbook of the reader tests; the refused ones (encrypted.xlsx, old.xls) leave their message and exit code.
  for (const f of inputs.fixtures) {
    const base = f.replace(/\.[^.]+$/, "");
    list.push({ name: `forms/fixture-${base}`, args: ["forms", `in/fixtures/${f}`, "--out", `out/forms/fixture-${base}/pdf`, "--today", FIXTURE_TODAY] });
  }
  return list;
}

/** The workbooks the runs read, written into `tmp`/in. */
async function makeInputs(tmp) {
  const dir = (...p) => fs.mkdirSync(path.join(tmp, ...p), { recursive: true });
  dir("in", "fixtures");
  dir("in", "clients");
  fs.copyFileSync(SAMPLE, path.join(tmp, "in", "locum-2025-26.xlsx"));
  fs.copyFileSync(SAMPLE, path.join(tmp, "in", "clients", "locum-2025-26.xlsx"));

  const fixtures = fs
    .readdirSync(FIXTURES)
    .filter((f) => /\.xlsx?$/i.test(f))
    .sort();
  for (const f of fixtures) fs.copyFileSync(path.join(FIXTURES, f), path.join(tmp, "in", "fixtures", f));

  const bench = load("benchForms");
  await bench.writeBusyWorkbook(path.join(tmp, "in", "busy-year.xlsx"));
  const { writeClientWorkbook } = load("benchYearend");
  for (let i = 0; i < CLIENTS; i++) await writeClientWorkbook(path.join(tmp, "in", "clients", `client-${String(i + 1).padStart(3, "0")}.xlsx`), i);

  fs.writeFileSync(path.join(tmp, "in", "template-filled.xlsx"), await filledTemplate());
  return { fixtures, busyToday: bench.BUSY_TODAY };
}

/** Our own template as the template tests fill it (fillTemplate, templateBytes without calculated columns), a few rows typed in. */
async function filledTemplate() {
  const { fillTemplate, planTemplate, yearTemplate } = load("template");
  const { templateBytes } = load("templateCli");
  const { DEFAULT_RULES, dayFromYmd, dayToSerial } = load("rules");
  const serial = (y, m, d) => dayToSerial(dayFromYmd(y, m, d));
  const R = { Practice: "Riverside Medical Centre", "Practice code": "Y02345" };
  const C = { Practice: "Castle Street Surgery", "Practice code": "B86021" };
  const sessions = [
    ...[1, 8, 15].map((d) => ({
      "Date worked": serial(2025, 4, d),
      ...R,
      Fee: 100.05,
      "Date paid": serial(2025, 4, 30),
      Invoice: "R-0425",
      "Date submitted": serial(2025, 5, 5),
    })),
    {
      "Date worked": serial(2025, 4, 22),
      ...C,
      Fee: 250,
      "Date paid": serial(2025, 4, 30),
      Invoice: "C-0425",
      "Date submitted": serial(2025, 5, 5),
      Notes: "morning and afternoon",
    },
    {
      "Date worked": serial(2025, 5, 6),
      Practice: "NHS England",
      "Practice code": "Y63",
      "Work type": "appraisal",
      Fee: 550,
      "Date paid": serial(2025, 5, 30),
      Invoice: "APP-0525",
      "Date submitted": serial(2025, 6, 4),
    },
    { "Date worked": serial(2025, 5, 13), ...R, Fee: 275.55, "Date paid": serial(2025, 5, 30), Invoice: "R-0525" },
  ];
  const details = {
    Surname: "O'Neill",
    "Other names": "Siân",
    "Date of birth": serial(1984, 6, 3),
    "NI number": "QQ123456C",
    "SD number": "12345678",
    "GMC number": "7654321",
    Address: "12 Heol y Nant, Leeds LS6 2AB",
    Email: "sian.oneill@example.org",
    Country: "England",
    "EA code": "Q99",
    "Tier rate": 0.098,
  };
  const t = fillTemplate(yearTemplate(planTemplate({ sheets: [] }), { rules: DEFAULT_RULES, rows: 10, made: dayFromYmd(...TEMPLATE_MADE) }), {
    sessions,
    details,
  });
  return templateBytes(t, { calculatedColumns: false });
}

/**
 * `locum template`'s workbook, as its parts. The .xlsx itself is not byte-stable: exceljs stamps
 * docProps/core.xml with the time of writing and the zip entries with their dates. So each part is
 * kept on its own (the zip's dates left out), with core.xml's created/modified taken out; the day
 * the template says it was made is pinned through templateCommand's `made`.
 */
async function templateParts(tmp) {
  const { templateCommand } = load("templateCli");
  const { dayFromYmd } = load("rules");
  const { unzipSync } = require("fflate");
  const file = path.join(tmp, "in", "template.xlsx");
  const out = [];
  const code = await templateCommand([file], { out: (s) => out.push(s), err: (s) => out.push(s) }, { made: dayFromYmd(...TEMPLATE_MADE) });
  const dir = path.join(tmp, "out", "template");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "exit.txt"), `${code}\n`);
  fs.writeFileSync(path.join(dir, "stdout.txt"), out.map((l) => l.split(tmp + path.sep).join("")).join("\n") + "\n");
  if (code !== 0) return;
  for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(file)))) {
    if (name.endsWith("/")) continue;
    let data = Buffer.from(bytes);
    if (name === "docProps/core.xml") data = Buffer.from(data.toString("utf8").replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, "$1$3"));
    const to = path.join(dir, "xlsx", name);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, data);
  }
}

/** One `locum` run in `tmp`: its exit code, stdout and stderr kept beside its files (the temp folder's path taken out). */
function run(tmp, { name, args }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: tmp, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      const dir = path.join(tmp, "out", name);
      fs.mkdirSync(dir, { recursive: true });
      const text = (chunks) =>
        Buffer.concat(chunks)
          .toString("utf8")
          .split(tmp + path.sep)
          .join("");
      fs.writeFileSync(path.join(dir, "exit.txt"), `${code}\n`);
      fs.writeFileSync(path.join(dir, "stdout.txt"), text(out));
      fs.writeFileSync(path.join(dir, "stderr.txt"), text(err));
      resolve();
    });
  });
}

/** Run `jobs` two at a time (the machine has two cores). */
async function inTwos(jobs) {
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all([lane(), lane()]);
}

/** sha256 of every file under `dir`, by path relative to it (forward slashes), sorted. */
function digestOf(dir) {
  const lines = new Map();
  const walk = (at) => {
    for (const e of fs.readdirSync(at, { withFileTypes: true })) {
      const p = path.join(at, e.name);
      if (e.isDirectory()) walk(p);
      else lines.set(path.relative(dir, p).split(path.sep).join("/"), createHash("sha256").update(fs.readFileSync(p)).digest("hex"));
    }
  };
  walk(dir);
  return new Map([...lines].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const format = (digest) => [...digest].map(([p, h]) => `${h}  ${p}`).join("\n") + "\n";

function parse(text) {
  const digest = new Map();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (m) digest.set(m[2], m[1]);
  }
  return digest;
}

/** One line per output that differs, is missing or is new; the count of differences. */
function compare(stored, now) {
  const lines = [];
  for (const [p, h] of stored) {
    if (!now.has(p)) lines.push(`missing: ${p}`);
    else if (now.get(p) !== h) lines.push(`differs: ${p}`);
  }
  for (const p of now.keys()) if (!stored.has(p)) lines.push(`new: ${p}`);
  for (const line of lines) console.log(line);
  return lines.length;
}

function writeWhole(file, text) {
  const tmp = `${file}.writing-${process.pid}`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

async function main(argv) {
  const unknown = argv.filter((a) => !["--check", "--write", "--keep"].includes(a));
  if (unknown.length || (argv.includes("--check") && argv.includes("--write"))) {
    console.error(`outputs-digest: usage: node scripts/outputs-digest.js [--check | --write] [--keep] (not ${argv.join(" ")})`);
    return 2;
  }
  if (!fs.existsSync(path.join(ROOT, BUILD.benchForms))) {
    console.error("outputs-digest: build/ is missing or has no bench: run npm run build:cli first");
    return 2;
  }
  const started = process.hrtime.bigint();
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "locum-outputs-")));
  try {
    const inputs = await makeInputs(tmp);
    await inTwos([...runs(inputs).map((r) => () => run(tmp, r)), () => templateParts(tmp)]);
    const now = digestOf(path.join(tmp, "out"));
    const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
    if (argv.includes("--write")) {
      writeWhole(DIGEST, format(now));
      console.log(`${now.size} outputs written to ${DIGEST_NAME} (${seconds} s)`);
      return 0;
    }
    if (!fs.existsSync(DIGEST)) {
      console.error(`outputs-digest: there is no ${DIGEST_NAME}: make it with --write`);
      return 1;
    }
    const bad = compare(parse(fs.readFileSync(DIGEST, "utf8")), now);
    if (bad) {
      console.log(`${bad} output${bad === 1 ? "" : "s"} not as in ${DIGEST_NAME} (${seconds} s); see the outputs with --keep`);
      return 1;
    }
    console.log(`${now.size} outputs byte-identical to ${DIGEST_NAME} (${seconds} s)`);
    return 0;
  } finally {
    if (argv.includes("--keep")) console.log(`outputs kept in ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`outputs-digest: ${e.stack || e}`);
    process.exitCode = 1;
  },
);
