// What is not a workbook file, said plainly: a FIFO or a device is "not a regular file" (and is never
// read: a FIFO would hang), a looping link and a file one may not read name the problem in words
// (not ELOOP, EACCES), and an --out folder one may not write to stops the run with one line (not
// "written" or "done"). Permissions are tested as another user when the tests run as root.
import { execFileSync, spawnSync } from "child_process";
import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "fs";
import { join } from "path";
import { main } from "../../../src/cli";
import { regularFile } from "../../../src/cli/files/fileCheck";
import { baseDetails, type Session, writeClient, yearend } from "../../support/clients";
import { tempDir } from "../../support/tempDir";

const ROOT = join(__dirname, "..", "..", "..");
const sessions: Session[] = [4, 5].map((m) => ({ worked: [2025, m, 3], fee: 500, paid: [2025, m, 20], submitted: [2025, m, 25], invoice: `I-${m}` }));
const details = baseDetails({ Surname: "Lowe", "SD number": "10000001" });

let dir: string;
beforeAll(async () => {
  dir = tempDir("file-check-");
  chmodSync(dir, 0o755); // another user reads the workbook below
  execFileSync("mkfifo", [join(dir, "pipe.xlsx")]);
  symlinkSync("loop-b.xlsx", join(dir, "loop-a.xlsx"));
  symlinkSync("loop-a.xlsx", join(dir, "loop-b.xlsx"));
  await writeClient(join(dir, "lowe.xlsx"), sessions, details);
  chmodSync(join(dir, "lowe.xlsx"), 0o644);
});

test("regularFile: its size, or what the path is in words", () => {
  expect(regularFile(join(dir, "lowe.xlsx")).size).toBeGreaterThan(1000);
  const said = (p: string) => {
    try {
      regularFile(p);
      return "read";
    } catch (e) {
      return (e as Error).message;
    }
  };
  expect(said(join(dir, "pipe.xlsx"))).toBe(
    `${join(dir, "pipe.xlsx")} is not a regular file (a pipe (FIFO)), so it is not read: give the workbook (.xlsx) itself`,
  );
  expect(said("/dev/null")).toBe("/dev/null is not a regular file (a device), so it is not read: give the workbook (.xlsx) itself");
  expect(said(join(dir, "loop-a.xlsx"))).toBe(`cannot read ${join(dir, "loop-a.xlsx")}: too many symbolic links (a link that points back to itself?)`);
  expect(said(join(dir, "none.xlsx"))).toBe(`cannot read ${join(dir, "none.xlsx")}: no such file`);
  expect(said(dir)).toBe(`${dir} is a folder: give the workbook (.xlsx) in it`);
});

async function forms(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["forms", ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

test("locum forms on a FIFO, a device, a looping link: one plain line, exit 2, never a hang", async () => {
  const out = join(dir, "forms-out");
  expect(await forms([join(dir, "pipe.xlsx"), "--out", out])).toEqual({
    code: 2,
    out: [],
    err: [`locum forms: ${join(dir, "pipe.xlsx")} is not a regular file (a pipe (FIFO)), so it is not read: give the workbook (.xlsx) itself`],
  });
  expect((await forms(["/dev/zero", "--out", out])).err).toEqual([
    "locum forms: /dev/zero is not a regular file (a device), so it is not read: give the workbook (.xlsx) itself",
  ]);
  expect((await forms([join(dir, "loop-a.xlsx"), "--out", out])).err).toEqual([
    `locum forms: cannot read ${join(dir, "loop-a.xlsx")}: too many symbolic links (a link that points back to itself?)`,
  ]);
});

test("locum yearend over a folder with a FIFO and looping links: each named, the workbook done, the CSV written", async () => {
  const out = join(dir, "yearend-out");
  const r = await yearend([dir, "--out", out, "--today", "2026-06-01"]);
  expect(r.code).toBe(1);
  const heads = r.out.split("\n").filter((l) => /^\[\d\/4\]/.test(l));
  expect(heads).toEqual([
    `[1/4] loop-a.xlsx: not read: cannot read ${join(dir, "loop-a.xlsx")}: too many symbolic links (a link that points back to itself?)`,
    `[2/4] loop-b.xlsx: not read: cannot read ${join(dir, "loop-b.xlsx")}: too many symbolic links (a link that points back to itself?)`,
    "[3/4] lowe.xlsx: 2025/26 nothing to settle (due £112.50, paid £112.50) · 0 errors, 1 warning (see lowe messages.txt)",
    `[4/4] pipe.xlsx: not read: ${join(dir, "pipe.xlsx")} is not a regular file (a pipe (FIFO)), so it is not read: give the workbook (.xlsx) itself`,
  ]);
  expect(readdirSync(out).sort()).toEqual(["2025-26-year-end-Lowe-10000001.pdf", "lowe messages.txt", "year-end.csv"]);
});

describe("permissions (as another user when run as root)", () => {
  const BUNDLE = join(ROOT, "build", "test-file-check", "locum.js");
  const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  beforeAll(() => {
    // The command line bundled from src (its packages left to node_modules), readable by anyone.
    execFileSync(join(ROOT, "node_modules", ".bin", "esbuild"), [
      join(ROOT, "src", "cli", "index.ts"),
      "--bundle",
      "--platform=node",
      "--packages=external",
      `--outfile=${BUNDLE}`,
      "--log-level=error",
    ]);
  }, 60_000);
  const locum = (...args: string[]) => spawnSync(process.execPath, [BUNDLE, ...args], { encoding: "utf8", cwd: dir, ...asOther });

  test("an --out one may not write to: one plain line, exit 2, nothing called written or done", () => {
    const out = join(dir, "read-only");
    mkdirSync(out, { mode: 0o555 });
    chmodSync(out, 0o555);
    const f = locum("forms", join(dir, "lowe.xlsx"), "--out", out, "--today", "2026-06-01");
    expect([f.status, f.stderr, f.stdout]).toEqual([
      2,
      `locum forms: cannot write to ${out}: permission denied: give a folder you may write to as --out\n`,
      "",
    ]);
    const y = locum("yearend", dir, "--out", out, "--today", "2026-06-01");
    expect([y.status, y.stderr, y.stdout]).toEqual([
      2,
      `locum yearend: cannot write to ${out}: permission denied: give a folder you may write to as --out\n`,
      "",
    ]);
    expect(readdirSync(out)).toEqual([]);
  });

  test("a workbook one may not read: permission denied, in words", () => {
    const secret = join(dir, "secret.xlsx");
    writeFileSync(secret, "x");
    chmodSync(secret, 0o600);
    if (!asOther.uid) chmodSync(secret, 0o000);
    const writable = tempDir("file-check-out-");
    chmodSync(writable, 0o777);
    const f = locum("forms", secret, "--out", join(writable, "o"));
    expect([f.status, f.stderr]).toEqual([2, `locum forms: cannot read ${secret}: permission denied\n`]);
  });
});
