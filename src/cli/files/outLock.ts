// One run at a time in an --out folder: two runs writing the same months (or the same CSV) at once
// would move each other's files to earlier/ and leave a month's list out of step with its files.
// A run holds a lock file in the folder (".locum-run.lock": which computer, which process, what
// command, since when) made with exclusive create, and removes it when it ends. A killed run
// cannot remove it: a lock whose process is no longer running on this computer is stale and is
// taken over; one from another computer sharing the folder, after a day.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmdirSync, rmSync, statSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { LocumError } from "../../rules";
import { plainCode } from "./fileCheck";

export const LOCK_NAME = ".locum-run.lock";
const STALE_MS = 24 * 3600 * 1000;

interface Holder {
  host: string;
  pid: number;
  command: string;
  since: string;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // someone else's process: running
  }
};

function holderOf(path: string): Holder | null {
  try {
    const j = JSON.parse(readFileSync(path, "utf8")) as Partial<Holder>;
    return typeof j.pid === "number" && typeof j.host === "string"
      ? { host: j.host, pid: j.pid, command: String(j.command ?? "locum"), since: String(j.since ?? "") }
      : null;
  } catch {
    return null; // cut short as it was made, or not ours
  }
}

/** A lock nobody holds any more: its process has ended (this computer), or it is a day old (another). */
function stale(path: string, h: Holder | null): boolean {
  if (h && h.host === hostname()) return !alive(h.pid);
  try {
    return Date.now() - statSync(path).mtimeMs > STALE_MS;
  } catch {
    return true; // gone meanwhile
  }
}

/** "09:41 on 07/12/2026" */
function sinceText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const two = (n: number) => String(n).padStart(2, "0");
  return ` since ${two(d.getHours())}:${two(d.getMinutes())} on ${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/**
 * Take `dir`'s lock for `command` ("locum forms"), making the folder if need be; the function
 * returned gives it back. A LocumError in one line when another run holds it or the folder cannot
 * be written.
 */
export function lockOut(dir: string, command: string): () => void {
  const path = join(dir, LOCK_NAME);
  const me: Holder = { host: hostname(), pid: process.pid, command, since: new Date().toISOString() };
  const made = !existsSync(dir); // a run that writes nothing leaves no empty folder it made
  for (let tries = 0; ; tries++) {
    let fd: number;
    try {
      mkdirSync(dir, { recursive: true });
      fd = openSync(path, "wx");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") throw new LocumError(`cannot write to ${dir}: ${plainCode(e)}: give a folder you may write to as --out`);
      const h = holderOf(path);
      if (tries < 2 && stale(path, h)) {
        rmSync(path, { force: true }); // a run that was killed: its lock goes
        continue;
      }
      const who = h ? `${h.command}, process ${h.pid}${h.host === me.host ? "" : ` on ${h.host}`}${sinceText(h.since)}` : "another run";
      throw new LocumError(`another run is writing to ${dir} (${who}): wait for it to end, or give another --out (if no run is writing there, delete ${path})`);
    }
    try {
      writeSync(fd, JSON.stringify(me) + "\n");
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off("exit", release);
      if (holderOf(path)?.pid !== me.pid) return;
      rmSync(path, { force: true });
      if (made)
        try {
          rmdirSync(dir); // only when empty
        } catch {
          // files were written: the folder stays
        }
    };
    process.on("exit", release); // process.exit() part-way: the lock still goes
    return release;
  }
}
