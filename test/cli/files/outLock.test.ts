// Two runs into one --out at once: the second refuses in one line and writes nothing. The lock a
// killed run leaves (its process gone) does not stop the next run. locum forms and locum yearend.
import { spawn, spawnSync } from "child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "fs";
import { hostname } from "os";
import { join } from "path";
import { main } from "../../../src/cli";
import { LOCK_NAME } from "../../../src/cli/files/outLock";
import { baseDetails, type Session, writeClient, yearend } from "../../support/clients";
import { tempDir } from "../../support/tempDir";

const steady: Session[] = [4, 7].map((m) => ({ worked: [2025, m, 3], fee: 500, paid: [2025, m, 20], submitted: [2025, m, 25], invoice: `I-${m}` }));
const details = baseDetails({ Surname: "Lowe", "SD number": "10000001", "Tier rate": "9.8%" });

async function forms(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["forms", ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

/** A lock as a run of `pid` on this computer leaves it. */
const lockOf = (dir: string, pid: number) =>
  writeFileSync(join(dir, LOCK_NAME), JSON.stringify({ host: hostname(), pid, command: "locum yearend", since: "2026-12-07T09:41:00" }) + "\n");

let dir: string;
let workbook: string;
beforeAll(async () => {
  dir = tempDir("out-lock-");
  workbook = join(dir, "lowe.xlsx");
  await writeClient(workbook, steady, details);
});

test("a run holds the folder: a second, into the same --out, refuses in one line and writes nothing", async () => {
  const out = join(dir, "held");
  const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
  try {
    mkdirSync(out);
    lockOf(out, other.pid!);
    const f = await forms([workbook, "--out", out, "--today", "2026-06-01"]);
    const y = await yearend([workbook, "--out", out, "--today", "2026-06-01"]);
    const line = `another run is writing to ${out} (locum yearend, process ${other.pid} since 09:41 on 07/12/2026): wait for it to end, or give another --out (if no run is writing there, delete ${join(out, LOCK_NAME)})`;
    expect([f.code, f.err, f.out]).toEqual([2, [`locum forms: ${line}`], []]);
    expect([y.code, y.err, y.out]).toEqual([2, `locum yearend: ${line}`, ""]);
    expect(readdirSync(out)).toEqual([LOCK_NAME]); // the other run's lock, untouched
  } finally {
    other.kill();
  }
});

test("a killed run's lock (its process gone) is taken over; the lock goes when the run ends", async () => {
  const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  for (const command of ["forms", "yearend"]) {
    const out = join(dir, `stale-${command}`);
    mkdirSync(out);
    lockOf(out, Number(gone.stdout));
    const r =
      command === "forms" ? await forms([workbook, "--out", out, "--today", "2026-06-01"]) : await yearend([workbook, "--out", out, "--today", "2026-06-01"]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, LOCK_NAME))).toBe(false);
    expect(readdirSync(out).length).toBeGreaterThan(0);
  }
});

test("two runs at once into one folder: one writes, the other refuses", async () => {
  const out = join(dir, "both");
  const [a, b] = await Promise.all([forms([workbook, "--out", out, "--today", "2026-06-01"]), yearend([workbook, "--out", out, "--today", "2026-06-01"])]);
  expect([a.code, b.code].sort()).toEqual([0, 2]);
  const refused = a.code === 2 ? a.err.join("\n") : b.err;
  expect(refused).toMatch(
    new RegExp(
      `^locum (forms|yearend): another run is writing to ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(locum (forms|yearend), process ${process.pid} since `,
    ),
  );
  expect(existsSync(join(out, LOCK_NAME))).toBe(false);
});

test("a run that writes nothing leaves no empty folder of its own making", async () => {
  const out = join(dir, "never");
  const r = await forms([join(dir, "missing.xlsx"), "--out", out]);
  expect(r.code).toBe(2);
  expect(existsSync(out)).toBe(false);
});
