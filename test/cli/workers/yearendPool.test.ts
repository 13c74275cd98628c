// locum yearend on worker threads, as a user runs it (compiled into a folder of this test's own):
// one, two or three at once give the same output, line for line and byte for byte, in the folder's
// order whatever order the clients finish in; a worker that dies costs only the client it was on.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { baseDetails, type Session, writeClient, yearend } from "../../support/clients";
import { bigPicture, manyStrings } from "../../support/hostile";
import { tempDir } from "../../support/tempDir";

const ROOT = join(__dirname, "..", "..", "..");
const BUILD = join(ROOT, "build", "test-yearend");
const CLI = join(BUILD, "cli", "index.js");

/** Every file under `dir`, "forms/x/2025-04/y.pdf". */
function allFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? allFiles(join(dir, n)).map((x) => `${n}/${x}`) : [n]))
    .sort();
}

// Clients of different sizes (so they finish out of order on two threads): i sessions of £300 to
// £700 a month, a Tier rate, and among them a broken file, one with an error in a row, a Welsh one.
function sessions(n: number, fee: number): Session[] {
  return Array.from({ length: n }, (_, k) => {
    const month = k % 12;
    const [y, m] = month < 9 ? [2025, month + 4] : [2026, month - 8];
    const d = 1 + Math.floor(k / 12);
    return { worked: [y, m, d], fee, paid: [y, m, 25], submitted: [y, m, 28], invoice: `I-${m}` };
  });
}

let folder: string;
beforeAll(async () => {
  execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json", "--outDir", BUILD], { cwd: ROOT, stdio: "pipe" });
  folder = tempDir("yearend-workers-");
  const sizes = [240, 12, 180, 24, 6, 120, 36];
  for (const [i, n] of sizes.entries()) {
    const details = baseDetails({
      Surname: `Client${i}`,
      "SD number": String(20000000 + i),
      "Tier rate": i % 2 ? "9.8%" : "12.5%",
      ...(i === 3 ? { Country: "Wales", "Host LHB ref": "HD-1" } : {}),
    });
    const rows = sessions(n, 300 + 100 * (i % 5));
    if (i === 5) rows[7] = { ...rows[7], fee: -50 }; // an error in a row
    await writeClient(join(folder, `client-${i}.xlsx`), rows, details);
  }
  writeFileSync(join(folder, "client-9-broken.xlsx"), Buffer.from("PK\u0003\u0004 cut short"));
}, 180_000);

function locum(workers: number, out: string) {
  return spawnSync(process.execPath, [CLI, "yearend", folder, "--out", out, "--workers", String(workers), "--today", "2026-06-01"], { encoding: "utf8" });
}

test("one, two and three workers: the same lines, the same files, byte for byte", () => {
  const runs = [1, 2, 3].map((w) => {
    const out = tempDir(`yearend-w${w}-`);
    const r = locum(w, out);
    const files = allFiles(out);
    return {
      out,
      status: r.status,
      stdout: r.stdout.split(out).join("OUT"),
      stderr: r.stderr.split(out).join("OUT"),
      files,
      bytes: files.map((f) => readFileSync(join(out, f))),
    };
  });
  const [one, ...more] = runs;
  expect(one.status).toBe(1); // the broken file and the row error
  // 7 summaries (the row error's is marked not final), their 7 messages files (not the broken file's) and the CSV
  expect(one.files).toHaveLength(7 + 7 + 1);
  expect(one.stdout).toMatch(/^8 clients: 6 done, 2 with errors \(client-5\.xlsx, client-9-broken\.xlsx\)$/m);
  const order = one.stdout
    .split("\n")
    .filter((l) => /^\[\d\/8\]/.test(l))
    .map((l) => /^\[\d\/8\] (\S+):/.exec(l)![1]);
  expect(order).toEqual([
    "client-0.xlsx",
    "client-1.xlsx",
    "client-2.xlsx",
    "client-3.xlsx",
    "client-4.xlsx",
    "client-5.xlsx",
    "client-6.xlsx",
    "client-9-broken.xlsx",
  ]);
  for (const r of more) {
    expect([r.status, r.stdout, r.stderr, r.files]).toEqual([one.status, one.stdout, one.stderr, one.files]);
    r.bytes.forEach((b, i) => expect([one.files[i], b.equals(one.bytes[i])]).toEqual([one.files[i], true]));
  }
}, 180_000);

test("a worker that dies costs only its client: it is named, a new worker takes the next", async () => {
  // The real worker script, but one that exits as it takes client-2.xlsx.
  const script = join(tempDir("yearend-crash-"), "crashing-worker.js");
  const built = (name: string) => JSON.stringify(join(BUILD, "cli", "workers", name));
  writeFileSync(
    script,
    `const client = require(${built("yearendClient.js")});\nconst real = client.yearEndClient;\nclient.yearEndClient = (t, f) => (t.client === "client-2.xlsx" ? process.exit(7) : real(t, f));\nrequire(${built("yearendWorker.js")});\n`,
  );
  const out = tempDir("yearend-crash-out-");
  const r = await yearend([folder, "--out", out, "--json", "--workers", "2", "--today", "2026-06-01"], { hooks: { workerFile: script } });
  expect(r.code).toBe(1);
  const j = JSON.parse(r.out);
  expect(j.clients.map((c: { file: string; status: string }) => [c.file, c.status])).toEqual([
    ["client-0.xlsx", "done"],
    ["client-1.xlsx", "done"],
    ["client-2.xlsx", "errors"],
    ["client-3.xlsx", "done"],
    ["client-4.xlsx", "done"],
    ["client-5.xlsx", "errors"],
    ["client-6.xlsx", "done"],
    ["client-9-broken.xlsx", "errors"],
  ]);
  expect(j.clients[2].problem).toBe("could not be done: its worker thread stopped (exit code 7)");
  expect(readdirSync(out).filter((n) => n.endsWith(".pdf"))).toHaveLength(6);
}, 120_000);

test("a client that runs out of memory in its worker is named; the others are done and the CSV written", async () => {
  // Beside two real clients, two hostile workbooks that pass the size check of the zip's declared
  // sizes: 2 million shared strings (the reader's heap) and a picture of 200 MB of zeros (never
  // inflated by the reader: that client is done). Each client may use 48 MB here (1,024 MB in a real run).
  const dir = tempDir("yearend-hostile-");
  copyFileSync(join(folder, "client-1.xlsx"), join(dir, "a-client.xlsx"));
  manyStrings(join(folder, "client-1.xlsx"), join(dir, "b-strings.xlsx"), 2_000_000);
  bigPicture(join(folder, "client-1.xlsx"), join(dir, "c-picture.xlsx"), 200);
  copyFileSync(join(folder, "client-3.xlsx"), join(dir, "d-client.xlsx"));
  const out = tempDir("yearend-hostile-out-");
  // One worker: each client in turn on a worker of its own (it was this thread's, before).
  const r = await yearend([dir, "--out", out, "--json", "--workers", "1", "--today", "2026-06-01"], {
    hooks: { workerFile: join(BUILD, "cli", "workers", "yearendWorker.js"), memoryMb: 48 },
  });
  expect(r.code).toBe(1);
  const j = JSON.parse(r.out);
  const memory =
    "could not be done: reading and working it out needs more than the 48 MB of memory a client may use (a workbook far too big, or made to be): split it by year, or open it in Excel and save it again, and run it on its own";
  expect(j.clients.map((c: { file: string; status: string; problem?: string }) => [c.file, c.status, c.problem])).toEqual([
    ["a-client.xlsx", "done", undefined],
    ["b-strings.xlsx", "errors", memory],
    ["c-picture.xlsx", "done", undefined],
    ["d-client.xlsx", "done", undefined],
  ]);
  const csv = readFileSync(join(out, "year-end.csv"), "utf8").split("\r\n");
  expect(csv.filter((l) => l.startsWith("b-strings.xlsx,"))).toEqual([expect.stringContaining(`error: ${memory}`)]);
  expect(csv.filter((l) => l.startsWith("a-client.xlsx,") || l.startsWith("d-client.xlsx,"))).toHaveLength(2);
  expect(r.err.split("\n").every((l) => !/\n|at .*\.js:\d+/.test(l))).toBe(true); // one line each, no stack
}, 180_000);
