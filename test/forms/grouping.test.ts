// Warnings that can be read (issue 16, §3): one line per kind of finding with the rows or months it
// covers, errors first, then what changes money or eligibility; --verbose gives every message; the
// year end of a folder prints one line per client and writes each client's messages to a file.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { formsCommand } from "../../src/cli/commands/forms";
import { groupedLines, KINDS, type Message, monthsText } from "../../src/forms";
import { rowList } from "../../src/rules";
import { baseDetails, type Session, writeClient, yearend } from "../support/clients";
import { tempDir } from "../support/tempDir";

const tmp = () => tempDir("messages-");

async function forms(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await formsCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

describe("rows and months as a person reads them", () => {
  test("consecutive rows joined with a dash, two in a row listed, duplicates once", () => {
    expect(rowList([5])).toBe("row 5");
    expect(rowList([12, 5, 6, 7, 8, 9])).toBe("rows 5 to 9, 12");
    expect(rowList([7, 8, 8, 20])).toBe("rows 7, 8, 20");
  });

  test("consecutive months as one span, across a new year too", () => {
    expect(monthsText(["2025-06", "2025-07", "2025-08", "2025-09"])).toBe("June to September 2025");
    expect(monthsText(["2026-01", "2025-12", "2026-02", "2026-04"])).toBe("December 2025 to February 2026, April 2026");
    expect(monthsText(["2025-08"])).toBe("August 2025");
  });
});

describe("groupedLines", () => {
  const m = (level: Message["level"], row: number | undefined, kind: string | undefined, text: string, more: Partial<Message> = {}): Message => ({
    level,
    sheet: "Sessions",
    ...(row === undefined ? {} : { row }),
    ...(kind ? { kind } : {}),
    text,
    ...more,
  });
  // Rows 2–4 are June 2025, 5–7 July, 8–10 August, 11 September.
  const rowMonths: Record<number, string[]> = { 2: ["2025-06"], 5: ["2025-07"], 8: ["2025-08"], 11: ["2025-09"] };
  const at = { sessionsSheet: "Sessions", rowMonths };

  test("a topic's kinds over the same months share a line; errors first, then by weight; a kind found once keeps its own message", () => {
    const ms = [
      m("warning", 3, "no code", "empty for A (rows 3, 4): add the code", { field: "Practice code", rows: [3, 4] }),
      ...[2, 5, 8, 11].flatMap((r) => [m("warning", r, "ten-week passed", `limit of row ${r}`), m("warning", r, "past due", `due of row ${r}`)]),
      m("warning", 6, "solo", "out-of-hours work, a warning here"),
      m("error", 9, "fee", "is not a number", { field: "Fee", stopsMonths: ["2025-08"] }),
    ];
    expect(groupedLines(ms, at, { more: "--verbose shows each" })).toEqual([
      "Error: Sessions row 9, Fee: is not a number",
      "Warning: Sessions row 6: out-of-hours work, a warning here",
      "Warning: June to September 2025: no Date submitted, past due and past the 10-week limit: give Date submitted if they were sent; if not, that work can no longer be pensioned (8 warnings; --verbose shows each)",
      "Warning: Sessions row 3, Practice code: empty for A (rows 3, 4): add the code",
    ]);
  });

  test("a topic's kinds over different months: a line each, so no kind is on two lines", () => {
    const ms = [
      ...[2, 5, 8, 11].map((r) => m("warning", r, "ten-week passed", `limit of row ${r}`)),
      ...[2, 5, 11].map((r) => m("warning", r, "past due", `due of row ${r}`)),
    ];
    expect(groupedLines(ms, at)).toEqual([
      "Warning: June to September 2025: no Date submitted and past the 10-week limit: give Date submitted if they were sent; if not, that work can no longer be pensioned (4 warnings)",
      "Warning: June to July 2025, September 2025: no Date submitted and past due: give Date submitted if they were sent; if not, send each Form B and its payment now (3 warnings)",
    ]);
  });

  test("a kind with no summary: its first message stands for the rest, with the rows and the forms they stop", () => {
    const ms = [5, 6, 7, 9].map((r) => m("error", r, "fee", `row ${r}'s fee is text`, { field: "Fee", stopsMonths: [r < 8 ? "2025-07" : "2025-08"] }));
    expect(groupedLines(ms, at, { more: "--verbose shows each" })).toEqual([
      "Error: Sessions rows 5 to 7, 9, Fee: row 5's fee is text; not written: the forms of July to August 2025 (the first of 4 errors like it; --verbose shows each)",
    ]);
  });

  test("messages with no kind are each a line of their own; one that stops every form says so in full", () => {
    const ms = [
      m("warning", undefined, undefined, "one"),
      m("warning", undefined, undefined, "two"),
      m("error", undefined, "sheet", "empty", { stopsAll: true }),
    ];
    expect(groupedLines(ms)).toEqual(["Error: Sessions: empty", "Warning: Sessions: one", "Warning: Sessions: two"]);
  });

  test("details of the locum: the fields named, no rows when some have none; every form stopped", () => {
    const d = (level: Message["level"], field: string, kind: string, row?: number): Message => ({
      level,
      sheet: "Locum details",
      field,
      kind,
      text: `${field} finding`,
      ...(row === undefined ? {} : { row }),
      ...(level === "error" ? { stopsAll: true } : {}),
    });
    const ms = [
      d("error", "Other names", "detail missing"),
      d("error", "Date of birth", "detail missing"),
      d("warning", "Email", "detail not given", 9),
      d("warning", "EA code", "detail not given", 10),
      d("error", "NI number", "detail missing", 2),
    ];
    expect(groupedLines(ms)).toEqual([
      "Error: Locum details, Other names, Date of birth and NI number: details missing or empty: fill them in (every form shows them); not written: every form (3 errors)",
      "Warning: Locum details rows 9, 10, Email and EA code: details not given: the boxes they fill on the forms are left empty (2 warnings)",
    ]);
  });

  test("the table: every weight a number; a topic's kinds are about months and have a summary", () => {
    for (const [kind, info] of Object.entries(KINDS)) {
      expect([kind, Number.isFinite(info.weight)]).toEqual([kind, true]);
      if (info.topic) expect([kind, info.by, Boolean(info.label && info.advice)]).toEqual([kind, "months", true]);
    }
    // What changes money or eligibility weighs more than the rest.
    for (const k of ["solo", "engagement", "ten-week", "ten-week passed", "tier rate contradicted", "no employer rate"])
      expect(KINDS[k].weight).toBeGreaterThan(KINDS["past due"].weight);
  });
});

// A new user's complete 2025/26, run in December 2026: three sessions a month at £300, paid on the
// 28th, no Date submitted; six rows of three practices without a practice code; one out-of-hours
// day on 20/08/2025 (row 38). Before: 28 lines (1 error, 27 warnings), the error among them.
function newUsersYear(): Session[] {
  const rows: Session[] = [];
  const noCode: Record<number, string> = { 6: "Castle Street Surgery", 12: "Castle Street Surgery", 18: "Hill Surgery", 24: "Hill Surgery" };
  for (let i = 0, n = 0; i < 12; i++) {
    const [y, mo] = i < 9 ? [2025, i + 4] : [2026, i - 8];
    for (const d of [3, 10, 17]) {
      n++;
      const none = noCode[n] ?? (n % 6 === 0 ? "Riverside Medical Centre" : null);
      rows.push({ worked: [y, mo, d], fee: 300, paid: [y, mo, 28], invoice: `R-${mo}`, ...(none ? { practice: none, code: "" } : {}) });
    }
  }
  rows.push({ worked: [2025, 8, 20], fee: 400, paid: [2025, 8, 28], practice: "LCD Out of hours", code: "Y60001", type: "out of hours", invoice: "O-1" });
  return rows;
}

describe("a new user's complete 2025/26 run in December", () => {
  let file: string;
  beforeAll(async () => {
    file = join(tmp(), "newman.xlsx");
    await writeClient(file, newUsersYear(), baseDetails({ Surname: "Newman", "SD number": "10000009" }));
  });

  test("locum forms prints one line per kind of finding, the out-of-hours row first", async () => {
    const r = await forms([file, "--out", tmp(), "--today", "2026-12-07"]);
    expect(r.code).toBe(1);
    // 12 months past the 10-week limit (August too), 11 past due (August's Form B waits for row 38 to go).
    expect(r.err).toEqual([
      "Error: Sessions row 38, Work type (H38): out-of-hours work is pensioned on the SOLO form, not Form A: remove the row here and ask the out-of-hours provider for a SOLO form (its pay still counts towards the tier: add it to Other practitioner pay in Locum details); box j of the later 2025/26 Forms B is added up without this row. Not written: Form A August 2025 LCD Out of hours (invoice O-1); Form B August 2025 and its pack.",
      "Warning: April 2025 to March 2026: no Date submitted and past the 10-week limit: give Date submitted if they were sent; if not, that work can no longer be pensioned (12 warnings; --verbose shows each)",
      "Warning: Locum details, Tier rate: not given, so the 2025/26 tier comes from the year's rows annualised: it can change as rows are added, and a Form B already sent keeps the rate it was sent with; give Tier rate or Estimated pensionable pay for a steady rate (the year-end reconciliation settles any difference)",
      "Warning: April to July 2025, September 2025 to March 2026: no Date submitted and past due: give Date submitted if they were sent; if not, send each Form B and its payment now (11 warnings; --verbose shows each)",
      "Warning: Sessions rows 7, 13, 19, 25, 31, 37, Practice code: empty: Form A and Form B show the code box empty for the practice to fill; add the ODS code (e.g. Y02345) to have it printed (3 warnings; --verbose shows each)",
    ]);
    expect(r.out[r.out.length - 1]).toBe("1 error, 27 warnings: the forms those errors name were not written; fix the workbook and run again");
  }, 120_000);

  test("--verbose prints every row's message, as found", async () => {
    const r = await forms([file, "--out", tmp(), "--today", "2026-12-07", "--verbose"]);
    expect(r.err).toHaveLength(28);
    expect(r.err.filter((l) => /is past its due date/.test(l))).toHaveLength(11);
    expect(r.err.filter((l) => /the 10-week limit for the work on the/.test(l))).toHaveLength(12);
    expect(r.err).toContain(
      "Warning: Sessions row 2, Date submitted (I2): Form B April 2025 is past its due date 07/05/2025: if it has not been sent, send it and the payment now (if it has, give Date submitted to check it)",
    );
  }, 120_000);
});

// Four single days a year, £1,000 each, a Tier rate of 12.5 %: due and paid £450.00, nothing to settle.
const steady: Session[] = [4, 7, 10, 1].map((m) => {
  const y = m < 4 ? 2026 : 2025;
  return { worked: [y, m, 12], fee: 1000, paid: [y, m, 20], submitted: [y, m, 25], invoice: `S-${m}` };
});
const details = (surname: string, sd: number, rate = "12.5%") => baseDetails({ Surname: surname, "SD number": String(sd), "Tier rate": rate });

describe("the year end of eleven clients", () => {
  let dir: string;
  let out: string;
  let r: Awaited<ReturnType<typeof yearend>>;
  const names = ["Adams", "Baker", "Chen", "Davies", "Evans", "Fox", "Green", "Hughes"];
  beforeAll(async () => {
    dir = tmp();
    out = join(dir, "out");
    for (const [i, n] of names.entries()) await writeClient(join(dir, `${n}.xlsx`), steady, details(n, 10000020 + i));
    // Okafor: no Date submitted, at 9.8 % (top-up 4 × £900 × 2.7 % = £97.20). Patel: an out-of-hours day, to leave off.
    await writeClient(
      join(dir, "Okafor.xlsx"),
      steady.map((s) => ({ ...s, submitted: undefined })),
      details("Okafor", 10000031, "9.8%"),
    );
    const ooh: Session = {
      worked: [2025, 7, 14],
      fee: 1000,
      paid: [2025, 7, 20],
      submitted: [2025, 7, 25],
      practice: "LCD",
      code: "Y60001",
      type: "out of hours",
    };
    await writeClient(join(dir, "Patel.xlsx"), [...steady, ooh], details("Patel", 10000032));
    writeFileSync(join(dir, "Quinn.xlsx"), "Date worked,Fee\n01/04/2025,100\n");
    r = await yearend([dir, "--out", out, "--today", "2026-12-07"]);
  }, 180_000);

  test("one line per client on stdout, with its counts; nothing between them on stderr", () => {
    const lines = r.out.split("\n");
    const clients = lines.filter((l) => /^\[\d+\/11\] /.test(l));
    expect(clients).toHaveLength(11);
    expect(clients[0]).toBe("[1/11] Adams.xlsx: 2025/26 nothing to settle (due £450.00, paid £450.00) · 0 errors, 0 warnings");
    expect(clients[8]).toBe("[9/11] Okafor.xlsx: 2025/26 top-up to PCSE £97.20 (due £450.00, paid £352.80) · 0 errors, 9 warnings (see Okafor messages.txt)");
    expect(clients[9]).toMatch(
      /^\[10\/11\] Patel\.xlsx: 2025\/26 nothing to settle .* · 0 errors, 1 row to leave off, 2 warnings \(see Patel messages\.txt\)$/,
    );
    expect(clients[10]).toMatch(/^\[11\/11\] Quinn\.xlsx: not read: .*Quinn\.xlsx is a text file/);
    expect(lines.length).toBe(1 + 11 + 1 + 4); // the heading, the clients, a blank line, the totals
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
  });

  test("each client read has its messages beside its summary: the counts, a line per kind, then every message", () => {
    expect(readdirSync(out).filter((n) => n.endsWith(" messages.txt"))).toHaveLength(10);
    expect(existsSync(join(out, "Quinn messages.txt"))).toBe(false);
    expect(readFileSync(join(out, "Adams messages.txt"), "utf8")).toBe(
      "Messages of Adams.xlsx (Siân Adams, SD 10000020), from locum yearend: 0 errors, 0 warnings\nSummary: 2025-26-year-end-Adams-10000020.pdf\n\nNo errors or warnings.\n",
    );
    const okafor = readFileSync(join(out, "Okafor messages.txt"), "utf8").split("\n");
    expect(okafor.slice(0, 6)).toEqual([
      "Messages of Okafor.xlsx (Siân Okafor, SD 10000031), from locum yearend: 0 errors, 9 warnings",
      "Summary: 2025-26-year-end-Okafor-10000031.pdf",
      "",
      "One line per kind of finding (errors first, then what changes money or eligibility):",
      "Warning: April 2025, July 2025, October 2025, January 2026: no Date submitted, past due and past the 10-week limit: give Date submitted if they were sent; if not, that work can no longer be pensioned (8 warnings)",
      expect.stringMatching(/^Warning: Locum details row \d+, Tier rate \(B\d+\): 9\.8% is given, but the 2025\/26 rows annualise to £328,500\.00/),
    ]);
    expect(okafor.slice(6, 8)).toEqual(["", "Every message, as found:"]);
    expect(okafor.slice(8).filter(Boolean)).toHaveLength(9);
    // Patel's error (the out-of-hours row) comes first, then the Type 2 it makes due.
    const patel = readFileSync(join(out, "Patel messages.txt"), "utf8").split("\n");
    expect(patel[4]).toMatch(/^Error: Sessions row 6, Work type \(H6\): out-of-hours work is pensioned on the SOLO form/);
    expect(patel[5]).toMatch(/^Warning: Sessions row 6, Work type \(H6\): out-of-hours or ICB work .* a Type 2 self-assessment is due for 2025\/26/);
    expect(readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]); // written whole: no temporary file left
  });

  test("--verbose prints every message, each client's after its line", async () => {
    const v = await yearend([dir, "--out", join(dir, "v"), "--today", "2026-12-07", "--verbose"]);
    const err = v.err.split("\n");
    expect(err.filter((l) => l.startsWith("Okafor.xlsx: Warning: "))).toHaveLength(9);
    expect(err.filter((l) => l.startsWith("Patel.xlsx: "))).toHaveLength(3);
    expect(v.out).toBe(r.out.split(out).join(join(dir, "v")));
  }, 180_000);
});

test("a messages file that cannot be written is said, on the terminal, and the run fails", async () => {
  const dir = tmp();
  await writeClient(join(dir, "lowe.xlsx"), steady, details("Lowe", 10000001, "9.8%"));
  await writeClient(join(dir, "even.xlsx"), steady, details("Even", 10000002));
  const out = join(dir, "out");
  mkdirSync(join(out, "lowe messages.txt"), { recursive: true }); // a folder where the file goes
  const r = await yearend([dir, "--out", out, "--today", "2026-06-01"]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(
    new RegExp(`^lowe\\.xlsx: Error: could not write ${join(out, "lowe messages.txt").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(it is a folder\\)`, "m"),
  );
  expect(r.out).toMatch(/^\[2\/2\] lowe\.xlsx: 2025\/26 top-up to PCSE £97\.20 .* · 0 errors, 1 warning$/m);
  expect(readFileSync(join(out, "even messages.txt"), "utf8")).toMatch(/^Messages of even\.xlsx/);
}, 60_000);
