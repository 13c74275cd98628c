// LOCUM.YEAREND on 100,000 rows and LOCUM.MONTHLY on 20,000 identical rows, called as Excel calls
// them (ranges as 2-D arrays, dates as serials): each should grow in step with its rows (about a
// second here), never with their square (54 s and 39 s when rows were gathered by copying lists).
import { performance } from "node:perf_hooks";
import { dayFromYmd, dayToSerial } from "../src/rules";
import { installCustomFunctionsGlobal } from "./shim";

const serial = (y: number, m: number, d: number) => dayToSerial(dayFromYmd(y, m, d));

/** 100,000 rows of work over three scheme years (2023/24 to 2025/26), £90 to £96 pensionable each, paid at 9.8 %. */
function yearEndInput(n: number): { dates: number[][]; pay: number[][] } {
  const first = serial(2023, 4, 1);
  const dates: number[][] = [];
  const pay: number[][] = [];
  for (let i = 0; i < n; i++) {
    dates.push([first + Math.floor((i * 1095) / n)]);
    pay.push([90 + (i % 7)]);
  }
  return { dates, pay };
}

/** 20,000 identical sessions rows (the same day, practice and fee) and the locum's details. */
function monthlyInput(n: number): { sessions: unknown[][]; details: unknown[][] } {
  const header = ["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Invoice", "Date submitted"];
  const one = [serial(2025, 4, 1), "Riverside Medical Centre", "Y02345", 100, serial(2025, 4, 20), "R-1", serial(2025, 5, 2)];
  const details = [
    ["Detail", "Value"],
    ["Surname", "O'Neill"],
    ["Other names", "Siân"],
    ["Date of birth", serial(1984, 6, 3)],
    ["NI number", "QQ123456C"],
    ["SD number", "12345678"],
    ["GMC number", "7654321"],
    ["Address", "12 Heol y Nant, Leeds LS6 2AB"],
    ["Country", "England"],
  ];
  return { sessions: [header, ...Array.from({ length: n }, () => [...one])], details };
}

export interface RowsBench {
  yearend_100k_seconds: number;
  /** This thread's CPU time (user + system): on a shared machine, what the call itself cost. */
  yearend_100k_cpu_seconds: number;
  monthly_20k_seconds: number;
  monthly_20k_cpu_seconds: number;
}

/** Wall-clock and CPU seconds of one call. */
function timed(f: () => unknown): { seconds: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const used = process.cpuUsage(c);
  return { seconds: Number(((performance.now() - t) / 1000).toFixed(3)), cpu: Number(((used.user + used.system) / 1e6).toFixed(3)) };
}

export function benchRows(): RowsBench {
  installCustomFunctionsGlobal();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const F = require("../src/functions/functions") as typeof import("../src/functions/functions");
  const y = yearEndInput(100_000);
  const yearend = timed(() => F.yearend(y.dates, y.pay, [[0.098]]));
  const m = monthlyInput(20_000);
  const monthly = timed(() => F.monthly(m.sessions, m.details));
  return {
    yearend_100k_seconds: yearend.seconds,
    yearend_100k_cpu_seconds: yearend.cpu,
    monthly_20k_seconds: monthly.seconds,
    monthly_20k_cpu_seconds: monthly.cpu,
  };
}

if (require.main === module) console.log(JSON.stringify(benchRows()));
