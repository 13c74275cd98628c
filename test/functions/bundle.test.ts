// The built custom functions, loaded the way Excel loads them: dist/functions.js run in a fresh
// JavaScript context that has only the globals Excel's runtime provides (CustomFunctions, Office),
// with the metadata Excel reads (dist/functions.json). This catches what unit tests of
// src/functions cannot: the CustomFunctions.associate calls the webpack plugin injects, metadata
// errors that fail the build, names Excel rejects, and a bundle that needs more than one file.
//
// The build goes to a temporary folder (so parallel test files and a production dist/ are left
// alone). To test an existing build instead, a production one included (its functions.js keeps its
// name; the pane's bundle is content-hashed): LOCUM_DIST=dist npx jest test/functions/bundle.test.ts
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { tempDir } from "../support/tempDir";

const ROOT = path.resolve(__dirname, "..", "..");
const IDS = [
  "CONTRIB",
  "BREAKDOWN",
  "TIER",
  "RATE",
  "ANNUALISE",
  "PENSIONABLE",
  "EMPLOYER",
  "SCHEMEYEAR",
  "UPR",
  "DUE",
  "DAYS",
  "TABLE",
  "MONTHLY",
  "YEAREND",
  "FORMA",
];
/** The functions whose result spills (a matrix). */
const SPILLED = ["BREAKDOWN", "MONTHLY", "YEAREND"];

// What Excel's runtime provides (values as in @types/custom-functions-runtime).
const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

interface Metadata {
  functions: {
    id: string;
    name: string;
    description?: string;
    parameters: { name: string; type?: string; dimensionality?: string; optional?: boolean }[];
    result: { type?: string; dimensionality?: string };
    options?: Record<string, unknown>;
  }[];
}

let dist = "";
let metadata: Metadata;
const fns = new Map<string, (...args: unknown[]) => unknown>();
const associateCalls: string[] = [];
let onReadyCalls = 0;

/** Excel serial (1900 date system) of a calendar date. */
const serial = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;

function build(): string {
  if (process.env.LOCUM_DIST) return path.resolve(ROOT, process.env.LOCUM_DIST);
  const out = tempDir("locum-functions-");
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  const r = spawnSync(process.execPath, [cli, "--mode", "development", "--output-path", out, "--json", path.join(out, "stats.json")], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 110_000,
  });
  if (r.status !== 0) {
    throw new Error(`webpack --mode development failed (exit ${r.status}):\n${(r.stderr || "").slice(-4000)}${(r.stdout || "").slice(0, 200)}`);
  }
  return out;
}

/** Run functions.js in a new context holding only what Excel's JavaScript runtime has. */
function loadBundle(file: string): vm.Context {
  const sandbox: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    Promise,
    CustomFunctions: {
      associate(id: string, fn: (...args: unknown[]) => unknown) {
        associateCalls.push(id);
        fns.set(id, fn);
      },
      Error: CustomFunctionsError,
      ErrorCode,
    },
    Office: {
      HostType: { Excel: "Excel" },
      onReady(callback?: (info: { host: null; platform: null }) => void) {
        onReadyCalls++;
        const info = { host: null, platform: null };
        return Promise.resolve(info).then((i) => {
          callback?.(i);
          return i;
        });
      },
    },
    // Excel: deliberately undefined; the functions must not touch the workbook to compute.
  };
  sandbox.self = sandbox;
  const context = vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  return context;
}

function fn(id: string) {
  const f = fns.get(id);
  if (!f) throw new Error(`${id} was not associated`);
  return f;
}

/** The CustomFunctions.Error a call throws (or returns), else fail. */
function errorOf(id: string, ...args: unknown[]): CustomFunctionsError {
  let result: unknown;
  try {
    result = fn(id)(...args);
  } catch (e) {
    if (e instanceof CustomFunctionsError) return e;
    throw new Error(`${id} threw ${String(e)}, not a CustomFunctions.Error`);
  }
  if (result instanceof CustomFunctionsError) return result;
  throw new Error(`${id}(${args.map((a) => JSON.stringify(a)).join(", ")}) returned ${JSON.stringify(result)}, expected an error`);
}

beforeAll(async () => {
  dist = build();
  metadata = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8"));
  loadBundle(path.join(dist, "functions.js"));
  await new Promise((r) => setTimeout(r, 0)); // let Office.onReady callbacks run
}, 120_000);

afterAll(() => {
  if (!process.env.LOCUM_DIST && dist.startsWith(os.tmpdir())) fs.rmSync(dist, { recursive: true, force: true });
});

describe("dist/functions.json", () => {
  test("lists the LOCUM functions", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual([...IDS].sort());
  });

  test("every name is one Excel accepts", () => {
    for (const f of metadata.functions) {
      // Letters, digits, dots; starts with a letter; not a cell reference (A1, XFD1048576, R1C1).
      expect(f.name).toMatch(/^[A-Z][A-Z0-9.]*$/);
      expect(f.name.length).toBeGreaterThan(2);
      expect(f.name.length).toBeLessThanOrEqual(128);
      expect(f.name).not.toMatch(/^[A-Z]{1,3}\d+$/);
      expect(f.name).not.toMatch(/^R\d*C\d*$/);
      expect(f.id).toMatch(/^[A-Za-z0-9_.]+$/);
      for (const p of f.parameters) expect(p.name).toMatch(/^[a-z][a-z0-9_]*$/);
    }
    const names = metadata.functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test("says which results spill and which parameters take ranges", () => {
    const byId = Object.fromEntries(metadata.functions.map((f) => [f.id, f]));
    for (const id of SPILLED) expect(byId[id].result.dimensionality).toBe("matrix");
    expect(byId.DAYS.parameters[0].dimensionality).toBe("matrix");
    expect(byId.MONTHLY.parameters.map((p) => [p.name, p.dimensionality])).toEqual([
      ["sessions", "matrix"],
      ["details", "matrix"],
    ]);
    for (const id of IDS.filter((i) => !SPILLED.includes(i))) expect(byId[id].result.dimensionality ?? "scalar").toBe("scalar");
    for (const f of metadata.functions) expect(f.description ?? "").not.toBe("");
  });

  test("generateCustomFunctionsMetadata reports no errors and gives the same metadata", async () => {
    const generated = await generateCustomFunctionsMetadata(path.join(ROOT, "src/functions/functions.ts"));
    expect(generated.errors).toEqual([]);
    expect(JSON.parse(generated.metadataJson)).toEqual(metadata);
  });
});

describe("dist/functions.js in a bare runtime", () => {
  test("associates every id in functions.json, once, by itself (no other file needed)", () => {
    expect([...associateCalls].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    for (const f of fns.values()) expect(typeof f).toBe("function");
  });

  test("waits for Office.onReady before touching the workbook", () => {
    expect(onReadyCalls).toBeGreaterThanOrEqual(1);
  });

  test("CONTRIB: 2022/23 at £115,000 is £16,101.57, from text dates or Excel serials", () => {
    expect(fn("CONTRIB")(115000, "2022-04-01", "2023-03-31")).toBe(16101.57);
    expect(fn("CONTRIB")(115000, serial("2022-04-01"), serial("2023-03-31"))).toBe(16101.57);
    expect(fn("CONTRIB")(115000, "01/04/2022", "31/03/2023", null, null)).toBe(16101.57);
  });

  test("BREAKDOWN spills a header, one row per part and a total that matches CONTRIB", () => {
    const rows = fn("BREAKDOWN")(115000, "2022-04-01", "2023-03-31") as unknown[][];
    expect(Array.isArray(rows)).toBe(true);
    expect(rows[0]).toEqual(["Start", "End", "Days", "Earnings", "Annualised", "Tier", "Rate", "Contribution", "Table", "Status"]);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r).toHaveLength(10); // a ragged spill is an error in Excel
    const total = rows[rows.length - 1];
    expect(total[0]).toBe("Total");
    expect(total[7]).toBe(16101.57);
    const parts = rows.slice(1, -1);
    expect(parts.reduce((n, r) => n + (r[2] as number), 0)).toBe(365);
    for (const r of rows.flat()) expect(["string", "number"]).toContain(typeof r);
  });

  test("PENSIONABLE, EMPLOYER, UPR, DUE, SCHEMEYEAR give the Form A/B figures", () => {
    expect(fn("PENSIONABLE")(100)).toBe(90);
    expect(fn("EMPLOYER")(90, "2021-06-01")).toBe(12.94);
    expect(fn("UPR")("12345678", "2017-02-01")).toBe("12345678LOCFEB2017");
    expect(fn("DUE")("2021-07-15")).toBe(44415);
    expect(serial("2021-08-07")).toBe(44415);
    expect(fn("SCHEMEYEAR")("2022-09-30")).toBe("2022/23");
    expect(fn("SCHEMEYEAR")(serial("2023-03-31"))).toBe("2022/23");
  });

  test("TIER, RATE, ANNUALISE, DAYS, TABLE work on good input", () => {
    expect(fn("TIER")(115000, "2022-04-01")).toBe(7);
    expect(fn("RATE")(115000, "2022-04-01")).toBe(0.145);
    expect(fn("TIER")(15000, "2022-04-01")).toBe(1);
    expect(fn("RATE")(15000, "2022-04-01")).toBe(0.05);
    expect(fn("ANNUALISE")(1000, 10, "2022-06-01")).toBe(36500);
    expect(
      fn("DAYS")([
        [serial("2022-05-03"), serial("2022-05-03")],
        [serial("2022-05-04"), ""],
      ]),
    ).toBe(2);
    expect(fn("TABLE")("2022-04-01")).toMatch(/confirmed/);
    expect(fn("TABLE")("2026-06-01")).toBe("2026/27: published, in force 01/04/2026 to 31/03/2027");
  });

  test("YEAREND spills a header and a scheme year; FORMA names the Form A", () => {
    const rows = fn("YEAREND")([["2024-06-03"]], [[9100]], [[0.098]], [[40000]], [[365]]) as unknown[][];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveLength(rows[1].length);
    // 49,100 over 365 days → 10.7%: due 973.70, paid 891.80, top-up 81.90 (examples.json).
    expect([rows[1][0], rows[1][10], rows[1][12], rows[1][13], rows[1][14], rows[1][15]]).toEqual([
      "2024/25",
      973.7,
      891.8,
      81.9,
      "top-up to PCSE",
      "28/02/2026",
    ]);
    expect(fn("FORMA")("2026-03-20", "2026-04-10", "Y02345", "Riverside", "INV-140")).toBe("03/2026 Y02345 INV-140");
    expect(errorOf("YEAREND", [["2025-05-05"]], [["900"]]).message).toMatch(/pensionable_pay row 1/);
  });

  test("bad input is #VALUE! with a message naming the argument", () => {
    const e = errorOf("CONTRIB", "abc", "2022-04-01", "2023-03-31");
    expect(e.code).toBe(ErrorCode.invalidValue);
    expect(e.message).toMatch(/earnings/);
    const early = errorOf("CONTRIB", 1000, "2015-03-01", "2015-03-31");
    expect(early.code).toBe(ErrorCode.invalidValue);
    expect(early.message).toMatch(/2015/);
    expect(errorOf("EMPLOYER", 90, "2014-06-01").code).toBe(ErrorCode.invalidValue);
    expect(errorOf("PENSIONABLE", -5).code).toBe(ErrorCode.invalidValue);
    expect(errorOf("UPR", "123", "2017-02-01").code).toBe(ErrorCode.invalidValue);
    expect(errorOf("DUE", "not a date").message).toMatch(/date/);
    for (const e2 of [e, early]) expect(e2.message.length).toBeLessThanOrEqual(255);
  });

  test("MONTHLY spills the forms' own Form B figures (the forms layer runs in the bare runtime, without pdf-lib)", () => {
    const sessions = [
      ["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Date submitted"],
      [serial("2025-04-01"), "Riverside Medical Centre", "Y02345", 100, serial("2025-04-20"), serial("2025-05-02")],
      ["", "", "", "", "", ""],
    ];
    const details = [
      ["Surname", "O'Neill"],
      ["Other names", "Siân"],
      ["Date of birth", serial("1984-06-03")],
      ["NI number", "QQ123456C"],
      ["SD number", "12345678"],
      ["GMC number", "7654321"],
      ["Address", "1 Road, Leeds"],
      ["Email", "s@example.org"],
      ["Country", "England"],
      ["EA code", "Q99"],
      ["Tier rate", "9.8%"],
    ];
    const rows = fn("MONTHLY")(sessions, details) as unknown[][];
    expect(rows[0]).toEqual([
      "Month",
      "Forms A",
      "Pensionable pay (a)",
      "Tier rate",
      "Employee (g)",
      "Employer (h)",
      "To pay (i)",
      "Cumulative (j)",
      "UPR",
      "Due date",
      "Status",
    ]);
    // £100.00 → £90.00; 9.8 % → £8.82; employer 14.38 % → £12.94; to pay £21.76; due 07/05/2025.
    expect(rows.slice(1)).toEqual([
      [serial("2025-04-01"), 1, 90, 0.098, 8.82, 12.94, 21.76, 90, expect.stringMatching(/^12345678LOCAPR(20)?25$/), serial("2025-05-07"), "made"],
    ]);
    for (const r of rows) expect(r).toHaveLength(11);
  });

  test("a date no table covers is #N/A with a message", () => {
    const e = errorOf("CONTRIB", 1000, "2030-04-01", "2030-04-30");
    expect(e.code).toBe(ErrorCode.notAvailable);
    expect(e.message.length).toBeGreaterThan(0);
    expect(errorOf("TIER", 50000, "2030-06-01").code).toBe(ErrorCode.notAvailable);
  });
});

describe("the shared-runtime bundle", () => {
  test("taskpane.html loads Office.js, then functions.js by its fixed name (the manifest's Script URL), then the pane", () => {
    const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*src="?([^"\s>]+)"?/g)].map((m) => m[1]);
    // A production build (LOCUM_DIST=dist) names the pane by content: static/taskpane.<8 hex>.js.
    expect(scripts).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      "functions.js",
      expect.stringMatching(/^(static\/)?taskpane(\.[0-9a-f]{8})?\.js$/),
    ]);
    expect(fs.existsSync(path.join(dist, scripts[2]))).toBe(true);
  });

  test("taskpane.js shares functions.js's modules: the rules it reloads are the functions' rules", () => {
    if (process.env.LOCUM_DIST) return; // stats come with this test's own build
    const stats = JSON.parse(fs.readFileSync(path.join(dist, "stats.json"), "utf8")) as {
      chunks: { names: string[]; modules?: { name: string }[] }[];
    };
    const where = new Map<string, string[]>();
    for (const c of stats.chunks) for (const m of c.modules ?? []) where.set(m.name, [...(where.get(m.name) ?? []), ...c.names]);
    const twice = [...where].filter(([, chunks]) => chunks.length > 1).map(([name]) => name);
    expect(twice).toEqual([]);
    expect(where.get("./src/office/state.ts")).toEqual(["functions"]);
    // LOCUM.MONTHLY brings the forms' checks into functions.js, never pdf-lib or the fonts.
    expect(where.get("./src/forms/prepare.ts")).toEqual(["functions"]);
    const heavy = [...where].filter(
      ([name, chunks]) => chunks.includes("functions") && /pdf-lib|fontkit|pako|src\/forms\/(render|draw|pack|fonts|entrySheet)\.ts/.test(name),
    );
    expect(heavy).toEqual([]);
  });
});
