// A fresh process of the command line, timed from spawning it to its exit, with the peak memory of
// the whole process (its worker threads are threads of it): /usr/bin/time's maximum resident set
// where it is installed, else the highest VmHWM read from /proc while it runs (Linux), else none.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

export interface Measured {
  status: number | null;
  seconds: number;
  /** Peak resident memory of the process, MB; null where neither way can tell. */
  peakMb: number | null;
  stderr: string;
}

const TIME = "/usr/bin/time";

/** Peak resident memory so far of `pid` in kB (Linux), or 0. */
function hwm(pid: number): number {
  try {
    const m = /VmHWM:\s*(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function measured(args: string[], cwd?: string): Promise<Measured> {
  const viaTime = existsSync(TIME);
  const [cmd, argv] = viaTime ? [TIME, ["-f", "peak-kb %M", process.execPath, ...args]] : [process.execPath, args];
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, argv, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  let peakKb = 0;
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 1 << 20) stderr = stderr.slice(-(1 << 19));
  });
  const poll = viaTime ? null : setInterval(() => (peakKb = Math.max(peakKb, hwm(child.pid!))), 100);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => {
      if (poll) clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const kb = viaTime ? Number(/peak-kb (\d+)/.exec(stderr)?.[1] ?? 0) : peakKb;
      resolve({ status, seconds, peakMb: kb ? Math.round(kb / 1024) : null, stderr: stderr.replace(/peak-kb \d+\s*$/, "") });
    });
  });
}
