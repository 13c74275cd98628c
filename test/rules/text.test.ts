// Text from a workbook or a file name, shown back: control characters escaped ("\x1B"), a quoted
// value cut to 60 characters with its length given, every message one line, in each host.
import { readFileSync } from "fs";
import { join } from "path";
import { escapeControls, quoted, safeMessage } from "../../src/rules";
import { CustomFunctionsError, installCustomFunctionsGlobal } from "../../bench/shim";
import { main } from "../../src/cli";
import { baseDetails, type Session, writeClient, yearend } from "../support/clients";
import { tempDir } from "../support/tempDir";

installCustomFunctionsGlobal();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F = require("../../src/functions/functions") as typeof import("../../src/functions/functions");

const ESC = "\u001b";
const long = `${ESC}[2J${"x".repeat(239)}`; // 243 characters, a clear-screen first
const cutLong = `"\\x1B[2J${"x".repeat(56)}…" (243 characters)`;
/** Nothing a terminal obeys. */
const clean = (s: string) => !/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(s);

test("controls escaped, long quotes cut with their length, one line", () => {
  expect(escapeControls(`a${ESC}[31mb\r\nc\u0007\u009b\u202e`)).toBe("a\\x1B[31mb\\x0D\\x0Ac\\x07\\x9B\\u202E");
  expect(quoted("Riverside")).toBe('"Riverside"');
  expect(quoted(long)).toBe(cutLong);
  expect(quoted("é".repeat(60))).toBe(`"${"é".repeat(60)}"`); // 60 characters: whole
  expect(quoted("😀".repeat(61))).toBe(`"${"😀".repeat(60)}…" (61 characters)`); // characters, not UTF-16 units
  expect(quoted("y".repeat(1234))).toBe(`"${"y".repeat(60)}…" (1,234 characters)`);
  expect(safeMessage(`Fee: "${long}" is not a number; "short" stays`)).toBe(`Fee: ${cutLong} is not a number; "short" stays`);
  expect(safeMessage(`line one\nline two ${ESC}]0;title\u0007`)).toBe("line one\\x0Aline two \\x1B]0;title\\x07");
});

const sessions: Session[] = [4, 5].map((m) => ({ worked: [2025, m, 3], fee: 500, paid: [2025, m, 20], submitted: [2025, m, 25], invoice: `I-${m}` }));

test("locum forms: a cell's control sequence and length are not echoed", async () => {
  // An .xlsx cannot hold ESC itself (XML 1.0 has no such character); the 8-bit CSI (U+009B), which
  // some terminals obey as ESC [, it can.
  const csi = `\u009b2J${"x".repeat(240)}`;
  const dir = tempDir("safe-text-");
  const file = join(dir, "codes.xlsx");
  await writeClient(file, [{ ...sessions[0], type: csi }, sessions[1]], baseDetails({ Surname: "Lowe", "SD number": "10000001" }));
  const err: string[] = [];
  await main(["forms", file, "--out", join(dir, "out"), "--today", "2026-06-01"], { out: () => undefined, err: (s) => err.push(s) });
  const line = err.find((l) => l.includes("is not a work type")) ?? err.join("\n");
  expect(line).toMatch(/^Error: Sessions row 2, Work type \(H2\): "\\x9B2Jx{57}…" \(243 characters\) is not a work type/);
  for (const l of err) expect([l, clean(l) && !l.includes("\n")]).toEqual([l, true]);
});

test("locum yearend: a file name with an escape sequence is shown escaped, on the terminal and in the CSV", async () => {
  const dir = tempDir("safe-name-");
  await writeClient(join(dir, `red${ESC}[31m.xlsx`), sessions, baseDetails({ Surname: "Lowe", "SD number": "10000001" }));
  await writeClient(join(dir, "plain.xlsx"), sessions, baseDetails({ Surname: "Even", "SD number": "10000002" }));
  const out = join(dir, "out");
  const r = await yearend([dir, "--out", out, "--today", "2026-06-01"]);
  expect(r.code).toBe(0);
  expect(r.out).toContain(`[2/2] red\\x1B[31m.xlsx: 2025/26 nothing to settle`);
  expect(clean(r.out) && clean(r.err)).toBe(true);
  expect(readFileSync(join(out, "year-end.csv"), "utf8")).toMatch(/\r\nred\\x1B\[31m\.xlsx,Lowe,Siân,10000001,2025\/26,/);
});

test("the command line's own output goes through the guard: a file name it cannot read", () => {
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => (written.push(String(s)), true)) as typeof process.stderr.write;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("../../src/cli/io") as typeof import("../../src/cli/io")).processIo.err(`cannot read a${ESC}[2Jb.xlsx`);
  } finally {
    process.stderr.write = write;
  }
  expect(written).toEqual(["cannot read a\\x1B[2Jb.xlsx\n"]);
});

test("custom functions: the text quoted back in an error is escaped and cut", () => {
  let e: unknown;
  try {
    F.contrib(long, "2025-04-01", "2026-03-31");
  } catch (x) {
    e = x;
  }
  expect(e).toBeInstanceOf(CustomFunctionsError);
  expect((e as CustomFunctionsError).message).toBe(`earnings must be a number of pounds, not the text ${cutLong}`);
});
