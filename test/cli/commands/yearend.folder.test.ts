// locum yearend over a folder: one client's errors never stop the others, the CSV (content and
// quoting), --json's shape, --year, the progress (a bar on a terminal, a line per client when not),
// the summary, the files (whole, never deleting what was there, the same bytes run after run), and
// bad usage in one line with exit status 2.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { main } from "../../../src/cli";
import { baseDetails, type Session, writeClient, yearend } from "../../support/clients";
import { pdfText, squeeze } from "../../support/pdf";
import { tempDir } from "../../support/tempDir";

const tmp = () => tempDir("yearend-folder-");

// A 2025/26 of four single days, one a quarter, £1,000 each paid in the month, Tier rate 12.5 %:
// Box 2 £900.00 each, £3,600.00 over 4 days → £328,500.00 → 12.5 %, the rate paid: due £450.00,
// paid 4 × £112.50 = £450.00, nothing to settle.
const steady: Session[] = [4, 7, 10, 1].map((m) => {
  const y = m < 4 ? 2026 : 2025;
  return { worked: [y, m, 12], fee: 1000, paid: [y, m, 20], submitted: [y, m, 25], invoice: `S-${m}` };
});
// The same days at a Tier rate of 9.8 %: paid 4 × £88.20 = £352.80; top-up £97.20.
const low = baseDetails({ Surname: "Lowe", "SD number": "10000001", "Tier rate": "9.8%" });
// At 12.5 % with one day at £1,200 (Box 2 £1,080.00): £3,780 over 4 days → 12.5 %; paid and due
// £472.50 (900 × 3 × 12.5 % = 337.50, 1,080 × 12.5 % = 135.00): nothing to settle.
const even = baseDetails({ Surname: "Even", "SD number": "10000002", "Tier rate": "12.5%" });

async function goodAndBroken(): Promise<string> {
  const dir = tmp();
  await writeClient(join(dir, "lowe.xlsx"), steady, low);
  writeFileSync(join(dir, "broken.xlsx"), "Date worked,Fee\n01/04/2025,100\n"); // a CSV under an .xlsx name
  copyFileSync(join(dir, "lowe.xlsx"), join(dir, "~$lowe.xlsx")); // Excel's lock file while lowe.xlsx is open
  mkdirSync(join(dir, "2024-25"));
  writeFileSync(join(dir, "notes.txt"), "not a workbook");
  return dir;
}

describe("a folder with a broken workbook and a good one", () => {
  let dir: string;
  let out: string;
  let r: Awaited<ReturnType<typeof yearend>>;
  beforeAll(async () => {
    dir = await goodAndBroken();
    out = join(dir, "out");
    r = await yearend([dir, "--out", out, "--today", "2026-06-01"]);
  }, 60_000);

  test("the good one is done, the broken one named with what to do, exit status 1", () => {
    expect(r.code).toBe(1);
    // Each client read has its messages file beside its summary; the one not read has neither.
    expect(readdirSync(out).sort()).toEqual(["2025-26-year-end-Lowe-10000001.pdf", "lowe messages.txt", "year-end.csv"]);
    // One line per client: its years and its counts (the messages are in its file, not printed).
    expect(r.out.split("\n")).toEqual([
      "Year end of 2 client workbooks:",
      `[1/2] broken.xlsx: not read: ${join(dir, "broken.xlsx")} is a text file (such as CSV), not an .xlsx workbook: open it in Excel and save it as an Excel Workbook (.xlsx)`,
      "[2/2] lowe.xlsx: 2025/26 top-up to PCSE £97.20 (due £450.00, paid £352.80) · 0 errors, 1 warning (see lowe messages.txt)",
      "",
      "2 clients: 1 done, 1 with errors (broken.xlsx)",
      "Year end: top-ups £97.20 (1 client), refunds £0.00 (0 clients)",
      `Written to ${out}: 1 summary PDF (1 new), 1 messages file (1 new), year-end.csv (2 lines)`,
    ]);
    expect(r.err).not.toMatch(/^lowe\.xlsx: /m);
  });

  test("the lock file and the subfolder are said, not read; other files are not workbooks", () => {
    expect(r.err).toContain("Skipped 1 file that is not a workbook but Excel's lock or macOS's hidden file: ~$lowe.xlsx (the workbook itself is read)");
    expect(r.err).toContain("Subfolders are not read (2024-25): give a subfolder to read its workbooks");
    expect(r.err).not.toContain("notes.txt");
  });

  test("the CSV says which client could not be read, with empty figures", () => {
    const lines = readFileSync(join(out, "year-end.csv"), "utf8").split("\r\n");
    // The status holds a comma: quoted.
    // 18 columns of who and figures, two for the one tax year the folder touches, then status, errors, warnings.
    expect(lines[1]).toBe(
      `broken.xlsx${",".repeat(20)}"error: not read: ${join(dir, "broken.xlsx")} is a text file (such as CSV), not an .xlsx workbook: open it in Excel and save it as an Excel Workbook (.xlsx)",1,0`,
    );
    // Box h: 14.38 % of each Form A's Box 2.
    expect(lines[2]).toMatch(
      /^lowe\.xlsx,Lowe,Siân,10000001,2025\/26,3600\.00,4,4,328500\.00,12\.5%,9\.8%,450\.00,352\.80,(\d+\.\d\d),97\.20,top-up,yes,,352\.80,\1,done \(1 warning\),0,1$/,
    );
    expect(lines[3]).toBe("");
  });
});

describe("errors in a client's rows", () => {
  test("are named with the file, sheet, row and cell; its year is not final and left out of the totals", async () => {
    const dir = tmp();
    await writeClient(join(dir, "lowe.xlsx"), steady, low);
    // The second row's fee typed as text: its month's forms stop (and the later months', whose box j
    // adds up the year from it), so the year end is not final.
    const bad: Session[] = steady.map((s, i) => (i === 1 ? { ...s, fee: "nine hundred" as unknown as number } : s));
    await writeClient(join(dir, "patel.xlsx"), bad, baseDetails({ Surname: "Patel", "SD number": "10000003", "Tier rate": "12.5%" }));
    const r = await yearend([dir, "--out", join(dir, "out"), "--today", "2026-06-01"]);
    expect(r.code).toBe(1);
    // Its messages are in its messages file (every one, as found), not between the client lines.
    expect(r.err).toBe("");
    const messages = readFileSync(join(dir, "out", "patel messages.txt"), "utf8");
    expect(messages).toMatch(/^Error: Sessions row 3, Fee \(E3\): /m);
    expect(messages).toMatch(
      /^Error: Sessions: the 2025\/26 year end leaves out the forms that errors stop \(July 2025, October 2025, January 2026\): its figures are not final/m,
    );
    expect(r.out).toMatch(/^\[2\/2\] patel\.xlsx: 2025\/26 not final: .* · 2 errors, \d+ warnings? \(see patel messages\.txt\)$/m);
    expect(r.out).toContain("2 clients: 1 done, 1 with errors (patel.xlsx)");
    expect(r.out).toContain("Year end: top-ups £97.20 (1 client), refunds £0.00 (0 clients); left out of the totals: 1 year not final");
    const csv = readFileSync(join(dir, "out", "year-end.csv"), "utf8");
    expect(csv).toMatch(/\r\npatel\.xlsx,Patel,Siân,10000003,2025\/26,[^\r]*,not final,no,,[^\r]*,incomplete: errors stop some forms,2,\d+\r\n/);
  });

  test("a client with no Locum details has no year end, and says why", async () => {
    const dir = tmp();
    await writeClient(join(dir, "nodetails.xlsx"), steady, { Surname: "" });
    const r = await yearend([dir, "--out", join(dir, "out"), "--json", "--today", "2026-06-01"]);
    expect(r.code).toBe(1);
    const c = JSON.parse(r.out).clients[0];
    expect(c).toMatchObject({ file: "nodetails.xlsx", status: "errors", problem: "no year end: its errors stop it", pdf: null, years: [] });
    expect(c.messages[0]).toMatchObject({ level: "error", sheet: "Locum details" });
    expect(readFileSync(join(dir, "out", "year-end.csv"), "utf8")).toMatch(
      /\r\nnodetails\.xlsx,{18}"error: no year end: its errors stop it; first: Locum details, Other names: is missing: add a row ""Other names"" with its value",\d+,\d+\r\n/,
    );
  });
});

describe("the CSV", () => {
  test("quotes commas and quotes, and defuses text a spreadsheet would run as a formula", async () => {
    const dir = tmp();
    await writeClient(join(dir, 'Smith, "Jo" 2025.xlsx'), steady, low);
    await writeClient(join(dir, "=HYPERLINK(1).xlsx"), steady, even);
    await yearend([dir, "--out", join(dir, "out"), "--today", "2026-06-01"]);
    const bytes = readFileSync(join(dir, "out", "year-end.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 with a byte-order mark, for Excel
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    // "=" sorts before "S": the folder's order.
    expect(lines[1]).toMatch(
      /^'=HYPERLINK\(1\)\.xlsx,Even,Siân,10000002,2025\/26,3600\.00,4,4,328500\.00,12\.5%,12\.5%,450\.00,450\.00,517\.68,0\.00,none,yes,,450\.00,517\.68,done,0,0$/,
    );
    expect(lines[2].startsWith('"Smith, ""Jo"" 2025.xlsx",Lowe,Siân,10000001,2025/26,3600.00,')).toBe(true);
    expect(lines[2]).toMatch(/,done \(1 warning\),0,1$/);
  });
});

describe("--json", () => {
  let j: { clients: Record<string, unknown>[]; totals: Record<string, unknown> };
  let r: Awaited<ReturnType<typeof yearend>>;
  beforeAll(async () => {
    const dir = await goodAndBroken();
    r = await yearend([dir, "--out", join(dir, "out"), "--json", "--today", "2026-06-01"]);
    j = JSON.parse(r.out);
  }, 60_000);

  test("prints one JSON object: clients, each with its years' figures and messages, and totals", () => {
    expect(Object.keys(j)).toEqual(["clients", "totals"]);
    expect(j.clients.map((c) => Object.keys(c))).toEqual([
      ["file", "status", "problem", "locum", "pdf", "messagesFile", "years", "errors", "leaveOff", "warnings", "messages", "messagesNotShown"],
      ["file", "status", "locum", "pdf", "messagesFile", "years", "errors", "leaveOff", "warnings", "messages", "messagesNotShown"],
    ]);
    const [broken, lowe] = j.clients as {
      file: string;
      status: string;
      years: Record<string, unknown>[];
      messages: Record<string, unknown>[];
      locum: unknown;
    }[];
    expect([broken.file, broken.status, broken.years, broken.locum]).toEqual(["broken.xlsx", "errors", [], null]);
    expect(lowe).toMatchObject({
      file: "lowe.xlsx",
      status: "done",
      locum: { name: "Siân Lowe", sdNumber: "10000001" },
      errors: 0,
      warnings: 1,
      messagesNotShown: 0,
    });
    expect(lowe.years[0]).toMatchObject({
      schemeYear: "2025/26",
      locumPay: "3600.00",
      due: "450.00",
      paid: "352.80",
      difference: "97.20",
      outcome: "top-up",
      status: "done (1 warning)",
    });
    expect(lowe.messages).toEqual([expect.objectContaining({ level: "warning", sheet: "Locum details", field: "Tier rate" })]);
    expect(j.totals).toEqual({
      clients: 2,
      done: 1,
      withErrors: 1,
      clientsWithErrors: ["broken.xlsx"],
      nothing: 0,
      topUps: "97.20",
      topUpClients: 1,
      refunds: "0.00",
      refundClients: 0,
      yearsNotFinal: 0,
      yearsInProgress: 0,
      duplicates: [],
      type2Due: [],
      csv: expect.stringMatching(/year-end\.csv$/),
    });
  });

  test("nothing but the JSON on stdout; the progress lines and the summary on stderr", () => {
    expect(r.out.trim().startsWith("{")).toBe(true);
    expect(r.err).toMatch(/^\[1\/2\] broken\.xlsx: not read: /m);
    expect(r.err).toMatch(/^\[2\/2\] lowe\.xlsx: 2025\/26 top-up to PCSE £97\.20 .* · 0 errors, 1 warning \(see lowe messages\.txt\)$/m);
    expect(r.err).toContain("2 clients: 1 done, 1 with errors (broken.xlsx)");
  });
});

describe("--year", () => {
  test("limits to one scheme year; a workbook with nothing in it is said, not an error", async () => {
    const dir = tmp();
    const two: Session[] = [...steady, { worked: [2026, 4, 14], fee: 1000, paid: [2026, 4, 20], submitted: [2026, 4, 25], invoice: "N-1" }];
    await writeClient(join(dir, "lowe.xlsx"), two, low);
    await writeClient(join(dir, "old.xlsx"), [{ worked: [2024, 5, 1], fee: 500, paid: [2024, 5, 20], submitted: [2024, 5, 25] }], even);
    const all = JSON.parse((await yearend([dir, "--out", join(dir, "all"), "--json", "--today", "2026-06-01"])).out);
    expect(all.clients.map((c: { years: { schemeYear: string }[] }) => c.years.map((y) => y.schemeYear))).toEqual([["2025/26", "2026/27"], ["2024/25"]]);
    const r = await yearend([dir, "--out", join(dir, "one"), "--json", "--year", "2025/26", "--today", "2026-06-01"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(
      j.clients.map((c: { file: string; status: string; years: { schemeYear: string }[] }) => [c.file, c.status, c.years.map((y) => y.schemeYear)]),
    ).toEqual([
      ["lowe.xlsx", "done", ["2025/26"]],
      ["old.xlsx", "nothing", []],
    ]);
    // The messages are about 2025/26's months: none about the 2026/27 row.
    expect(r.err).not.toMatch(/2026\/27|row 7\b/);
    expect(r.err).toContain("2 clients: 1 done, 1 with nothing in 2025/26");
    expect(readFileSync(join(dir, "one", "year-end.csv"), "utf8")).toMatch(/\r\nold\.xlsx,{18,}nothing in 2025\/26: no work or Forms B,0,0\r\n/);
    expect(readdirSync(join(dir, "one")).filter((n) => n.endsWith(".pdf"))).toEqual(["2025-26-year-end-Lowe-10000001.pdf"]);
    // 2025-26 works too; a label that is not a scheme year is bad usage.
    expect((await yearend([dir, "--out", join(dir, "one"), "--year", "2025-26"])).code).toBe(0);
  });
});

describe("progress", () => {
  test("on a terminal: a bar on stderr, redrawn in place, cleared before other lines", async () => {
    const dir = await goodAndBroken();
    const r = await yearend([dir, "--out", join(dir, "out"), "--json", "--today", "2026-06-01"], { tty: true });
    const frames = r.raw.split("\r\x1b[2K").filter(Boolean);
    expect(frames).toEqual([
      "yearend [------------------------] 0/2 clients · broken.xlsx",
      "yearend [############------------] 1/2 clients · 1 with errors · lowe.xlsx",
      "yearend [########################] 2/2 clients · 1 with errors",
    ]);
    expect(r.raw.endsWith("\r\x1b[2K")).toBe(true); // cleared before the summary
    expect(r.err).not.toMatch(/^\[\d\/2\]/m); // no per-client lines: the bar says it
    expect(r.err).toContain("2 clients: 1 done, 1 with errors (broken.xlsx)");
  });

  test("not on a terminal: a plain line per client, no bar", async () => {
    const dir = await goodAndBroken();
    const r = await yearend([dir, "--out", join(dir, "out"), "--today", "2026-06-01"]);
    expect(r.raw).toBe("");
    expect(r.out.split("\n").filter((l) => /^\[\d\/2\] /.test(l))).toHaveLength(2);
  });

  test("one workbook: no bar, no counter, no CSV", async () => {
    const dir = tmp();
    await writeClient(join(dir, "lowe.xlsx"), steady, low);
    const r = await yearend([join(dir, "lowe.xlsx"), "--out", join(dir, "out"), "--today", "2026-06-01"], { tty: true });
    expect(r.code).toBe(0);
    expect(r.raw).toBe("");
    expect(r.out.split("\n")[0]).toBe("lowe.xlsx: 2025/26 top-up to PCSE £97.20 (due £450.00, paid £352.80) · 0 errors, 1 warning (see lowe messages.txt)");
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["2025-26-year-end-Lowe-10000001.pdf", "lowe messages.txt"]);
    // A single workbook: its messages on stderr too, one line per kind of finding.
    expect(r.err).toMatch(/^lowe\.xlsx: Warning: Locum details row \d+, Tier rate \(B\d+\): 9\.8% is given, but the 2025\/26 rows annualise/);
    expect(r.out).toContain("1 client: 1 done");
  });
});

describe("the files", () => {
  test("the same rows give the same bytes; a run again writes nothing new; a changed summary keeps the earlier one", async () => {
    const dir = tmp();
    await writeClient(join(dir, "lowe.xlsx"), steady, low);
    await writeClient(join(dir, "even.xlsx"), steady, even);
    const a = join(dir, "a");
    const b = join(dir, "b");
    await yearend([dir, "--out", a]);
    await yearend([dir, "--out", b, "--workers", "1"]);
    for (const n of readdirSync(a)) expect(readFileSync(join(b, n)).equals(readFileSync(join(a, n)))).toBe(true);
    writeFileSync(join(a, "my notes.txt"), "the accountant's own file");
    const again = await yearend([dir, "--out", a]);
    expect(again.out).toContain(`Written to ${a}: 2 summary PDFs (2 unchanged), 2 messages files (2 unchanged), year-end.csv (2 lines, unchanged)`);
    // Lowe's Tier rate corrected: her summary and the CSV change; the earlier ones move to earlier/.
    await writeClient(join(dir, "lowe.xlsx"), steady, { ...low, "Tier rate": "12.5%" });
    const changed = await yearend([dir, "--out", a]);
    expect(changed.out).toContain(
      `Written to ${a}: 2 summary PDFs (1 changed (the earlier copy is in ${join(a, "earlier")}), 1 unchanged), 2 messages files (1 changed (the earlier copy is in ${join(a, "earlier")}), 1 unchanged), year-end.csv (2 lines, the earlier copy in ${join(a, "earlier")})`,
    );
    expect(readdirSync(join(a, "earlier")).sort()).toEqual(["2025-26-year-end-Lowe-10000001.pdf", "lowe messages.txt", "year-end.csv"]);
    expect(readFileSync(join(a, "my notes.txt"), "utf8")).toBe("the accountant's own file");
    expect(readdirSync(a).filter((n) => n.startsWith("."))).toEqual([]);
  });

  test("a temporary file a killed run left is removed and said; one of a live run is not touched", async () => {
    const dir = tmp();
    await writeClient(join(dir, "lowe.xlsx"), steady, low);
    const out = join(dir, "out");
    mkdirSync(out);
    const host = require("os")
      .hostname()
      .replace(/[^A-Za-z0-9-]/g, "-");
    writeFileSync(join(out, `.locum-writing.${host}.999999.year-end.csv`), "half");
    writeFileSync(join(out, `.locum-writing.${host}.${process.pid}.other.pdf`), "ours, live");
    const r = await yearend([join(dir, "lowe.xlsx"), "--out", out]);
    expect(r.err).toContain(
      `Removed 1 temporary file an interrupted run left in ${out} (.locum-writing.${host}.999999.year-end.csv): nothing had been written from them`,
    );
    expect(existsSync(join(out, `.locum-writing.${host}.${process.pid}.other.pdf`))).toBe(true);
  });

  test("two workbooks of the same locum and years: the second summary is named after its workbook, not written over the first", async () => {
    const dir = tmp();
    await writeClient(join(dir, "lowe.xlsx"), steady, low);
    await writeClient(join(dir, "lowe copy.xlsx"), steady, { ...low, "Tier rate": "12.5%" });
    const r = await yearend([dir, "--out", join(dir, "out")]);
    // "lowe copy.xlsx" comes first in the folder's order (a space before a full stop): it has the name.
    expect(readdirSync(join(dir, "out")).sort()).toEqual([
      "2025-26-year-end-Lowe-10000001-lowe.pdf",
      "2025-26-year-end-Lowe-10000001.pdf",
      "lowe copy messages.txt",
      "lowe messages.txt",
      "year-end.csv",
    ]);
    expect(readFileSync(join(dir, "out", "lowe messages.txt"), "utf8")).toContain(
      "Note: the summary of lowe copy.xlsx has the same name (the same locum and years): this one is 2025-26-year-end-Lowe-10000001-lowe.pdf",
    );
    expect(r.err).toBe("");
  });

  test("--forms writes each client's Forms A and B in a folder of its own, as locum forms does", async () => {
    const dir = tmp();
    await writeClient(join(dir, "lowe.xlsx"), steady, low);
    const out = join(dir, "out");
    const r = await yearend([dir, "--out", out, "--forms", "--today", "2026-06-01"]);
    expect(r.code).toBe(0);
    // Four months, each a Form A, a Form B, the pack and the entry sheet: 16 PDFs.
    expect(r.out).toContain(` · Forms A and B: 16 PDFs written to ${join(out, "forms", "lowe")}`);
    expect(readdirSync(join(out, "forms", "lowe")).sort()).toEqual(["2025-04", "2025-07", "2025-10", "2026-01"]);
    expect(
      readdirSync(join(out, "forms", "lowe", "2025-04"))
        .filter((n) => n.endsWith(".pdf"))
        .sort(),
    ).toEqual([
      "10000001LOCAPR2025-FormA-01-Y02345-Riverside-Medical-Centre-S-4.pdf",
      "10000001LOCAPR2025-FormB.pdf",
      "10000001LOCAPR2025-PCSE-online-entry-sheet.pdf",
      "10000001LOCAPR2025-pack-FormB-and-FormsA.pdf",
    ]);
  });
});

describe("bad usage: one line, exit status 2", () => {
  const cases: [string, string[], RegExp][] = [
    ["nothing given", [], /^locum yearend: give a client's workbook \(\.xlsx\) or a folder of them: /],
    ["no such file", ["/nonexistent/clients"], /^locum yearend: cannot read \/nonexistent\/clients: no such file or folder \(try locum yearend --help\)$/],
    ["a bad --year", [".", "--year", "2025/27"], /^locum yearend: --year must be a scheme year such as 2025\/26, not "2025\/27"/],
    ["--workers 0", [".", "--workers", "0"], /^locum yearend: --workers must be a whole number from 1 to 16, not "0"/],
    ["an unknown option", [".", "--month", "2025-04"], /^locum yearend: unknown option --month for yearend \(its options: /],
    ["a bad setting", [".", "--tax-relief", "both"], /^locum yearend: .*tax-relief/i],
    [
      "a --rules file that is not there",
      [".", "--rules", "/nonexistent.json"],
      /^locum yearend: --rules \/nonexistent\.json: cannot read the file \(no such file\)/,
    ],
  ];
  test.each(cases)("%s", async (_what, args, message) => {
    const r = await yearend(args);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toMatch(message);
    expect(r.out).toBe("");
  });

  test("a folder with no workbooks says so (and that subfolders are not read)", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "2025-26"));
    const r = await yearend([dir]);
    expect([r.code, r.err]).toEqual([
      2,
      `locum yearend: no workbooks (.xlsx) in ${dir} (its subfolders are not read: give one of them, such as ${join(dir, "2025-26")}) (try locum yearend --help)`,
    ]);
  });

  test("locum yearend --help, and locum --help lists it", async () => {
    const out: string[] = [];
    expect(await main(["yearend", "--help"], { out: (s) => out.push(s), err: () => undefined })).toBe(0);
    expect(out.join("\n")).toMatch(
      /^usage: locum yearend <workbook\.xlsx \| folder> \[--out DIR\] \[--year 2025\/26\] \[--rules FILE\] \[--cpi PCT\] \[--json\] \[--forms\]/,
    );
    const all: string[] = [];
    await main(["--help"], { out: (s) => all.push(s), err: () => undefined });
    expect(all.join("\n")).toContain("usage: locum yearend <workbook.xlsx | folder>");
  });
});

test("a client's summary names the months errors leave out of a year that is not final", async () => {
  const { pdfText, squeeze } = await import("../../support/pdf");
  const dir = tmp();
  const bad: Session[] = steady.map((s, i) => (i === 3 ? { ...s, fee: -10 } : s)); // January 2026's fee
  await writeClient(join(dir, "patel.xlsx"), bad, baseDetails({ Surname: "Patel", "SD number": "10000003", "Tier rate": "12.5%" }));
  const r = await yearend([dir, "--out", join(dir, "out"), "--json"]);
  const t = squeeze(pdfText(readFileSync(JSON.parse(r.out).clients[0].pdf)));
  expect(t.replace(/\s+/g, " ")).toContain(
    "Not final: errors in the workbook stop the forms of January 2026 (the messages of locum forms or locum yearend name each row).",
  );
});

test("a workbook with its own sheet and column names is read as locum forms reads it, and says which sheet", async () => {
  const dir = tmp();
  const header = ["Session date", "Last day", "Surgery", "ODS code", "Amount", "Paid on", "Inv no", "Work type", "Sent to PCSE"];
  await writeClient(join(dir, "own.xlsx"), steady, low, { sheet: "My sessions", header });
  const r = await yearend([dir, "--out", join(dir, "out"), "--json"]);
  expect(readFileSync(join(dir, "out", "own messages.txt"), "utf8")).toContain(
    'Note: the sessions were read from sheet "My sessions" (no sheet is named Sessions; --sheet NAME reads another)',
  );
  // The same figures as the Sessions sheet of the tests above: top-up £97.20.
  expect(JSON.parse(r.out).clients[0].years[0]).toMatchObject({ locumPay: "3600.00", paid: "352.80", difference: "97.20" });
});

test("an --out that is a file is bad usage, said in one line", async () => {
  const dir = tmp();
  await writeClient(join(dir, "lowe.xlsx"), steady, low);
  writeFileSync(join(dir, "out"), "a file");
  const r = await yearend([join(dir, "lowe.xlsx"), "--out", join(dir, "out")]);
  expect(r.code).toBe(2);
  expect(r.err).toBe(
    `locum yearend: --out ${join(dir, "out")} is a file, not a folder: give a folder (it is made when it does not exist) (try locum yearend --help)`,
  );
  // A file further up the path: named too, still bad usage.
  const under = await yearend([join(dir, "lowe.xlsx"), "--out", join(dir, "out", "sub")]);
  expect([under.code, under.err]).toEqual([
    2,
    `locum yearend: --out ${join(dir, "out", "sub")}: ${join(dir, "out")} is a file, not a folder, so the folder cannot be made there (try locum yearend --help)`,
  ]);
});

describe("review: what the accountant saw", () => {
  test("a scheme year not ended on --today is in progress: said, labelled, and out of the totals; the PDF is named by the year that ended", async () => {
    // Lowe's 2025/26 (top-up £97.20) and two April 2026 days at £400 (Box 2 £360.00 each): 2026/27, £720.00 over 2 days
    // → 131,400.00 → 12.5%: due 90.00, paid at 9.8% 70.56, top-up 19.44 so far. On --today 30/11/2026 it has not ended.
    const dir = tmp();
    const april: Session[] = [1, 2].map((d) => ({ worked: [2026, 4, d], fee: 400, paid: [2026, 4, 20], submitted: [2026, 4, 25], invoice: "S-A" }));
    await writeClient(join(dir, "lowe.xlsx"), [...steady, ...april], low);
    const r = await yearend([dir, "--out", join(dir, "out"), "--today", "30/11/2026"]);
    const lines = r.out.split("\n");
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^\[1\/1\] lowe\.xlsx: 2025\/26 top-up to PCSE £97\.20 \(due £450\.00, paid £352\.80\); 2026\/27 in progress \(the year ends 31\/03\/2027\): top-up to PCSE £19\.44 so far \(due £90\.00, paid £70\.56\) · 0 errors, \d warnings? \(see lowe messages\.txt\)$/,
      ),
    );
    expect(lines).toContain("Year end: top-ups £97.20 (1 client), refunds £0.00 (0 clients); left out of the totals: 1 year in progress (not yet ended)");
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["2025-26-year-end-Lowe-10000001.pdf", "lowe messages.txt", "year-end.csv"]);
    expect(readFileSync(join(dir, "out", "year-end.csv"), "utf8")).toMatch(
      /\r\nlowe\.xlsx,Lowe,Siân,10000001,2026\/27,720\.00,2,2,131400\.00,12\.5%,9\.8%,90\.00,70\.56,103\.54,19\.44,so far,yes,,[^\r]*,70\.56,103\.54,in progress to 30\/11\/2026: figures so far \(\d warnings?\),0,\d\r\n/,
    );
    const pdf = squeeze(pdfText(readFileSync(join(dir, "out", "2025-26-year-end-Lowe-10000001.pdf"))));
    expect(pdf).toContain("Top-up to PCSE: £19.44 so far");
    expect(pdf).toContain("In progress: 2026/27 ends on 31/03/2027, after 30/11/2026 when these figures were worked out.");
    // On 31/03/2027 the year has ended: counted.
    const later = await yearend([dir, "--out", join(dir, "out2"), "--today", "31/03/2027"]);
    expect(later.out).toContain("Year end: top-ups £116.64 (1 client), refunds £0.00 (0 clients)");
  });

  test("the same locum and year in two workbooks: a plain warning naming both, counted once, said in the summary and the CSV", async () => {
    const dir = tmp();
    await writeClient(join(dir, "lowe.xlsx"), steady, low);
    copyFileSync(join(dir, "lowe.xlsx"), join(dir, "lowe copy.xlsx"));
    const r = await yearend([dir, "--out", join(dir, "out"), "--today", "2026-06-01", "--json"]);
    expect(readFileSync(join(dir, "out", "lowe messages.txt"), "utf8")).toContain(
      "Warning: lowe.xlsx and lowe copy.xlsx both hold Siân Lowe (SD 10000001)'s 2025/26: the totals count it once, from lowe copy.xlsx (the first in the folder's order), and leave lowe.xlsx's out; keep one workbook per locum and year (a copy left in the folder?)",
    );
    expect(r.err).toContain("Year end: top-ups £97.20 (1 client), refunds £0.00 (0 clients); left out of the totals: 1 copy of a year already counted");
    expect(r.err).toContain("Same locum and year in two workbooks: lowe copy.xlsx and lowe.xlsx (2025/26): counted once, from lowe copy.xlsx");
    const j = JSON.parse(r.out);
    expect(j.totals).toMatchObject({ topUps: "97.20", topUpClients: 1, duplicates: [{ file: "lowe.xlsx", first: "lowe copy.xlsx", schemeYear: "2025/26" }] });
    expect(j.clients[1].years[0].duplicateOf).toBe("lowe copy.xlsx");
    expect(readFileSync(join(dir, "out", "year-end.csv"), "utf8")).toContain(
      ",done (1 warning); same locum and year as lowe copy.xlsx: not in the totals,0,1\r\n",
    );
  });

  test("rows that can never be pensioned: the year is final without them, counted, with a warning naming the rows to remove", async () => {
    // Lowe's four days; an out-of-hours day in July (row 6), which the forms leave off (July's Form B waits until it
    // goes, made of the 12 July day alone); and a day on 01/07/2025 paid on 20/09/2025, past the 10-week limit of
    // 09/09/2025 (row 7). The year's figures are those without them: due 450.00, paid 352.80, top-up 97.20, counted
    // in the totals; the out-of-hours row makes a Type 2 due by 28/02/2027. (Before: "not final", left out.)
    const dir = tmp();
    const off: Session[] = [
      {
        worked: [2025, 7, 14],
        fee: 1000,
        paid: [2025, 7, 20],
        submitted: [2025, 7, 25],
        invoice: "O-1",
        practice: "LCD",
        code: "Y60001",
        type: "out of hours",
      },
      { worked: [2025, 7, 1], fee: 1000, paid: [2025, 9, 20], submitted: [2025, 9, 25], invoice: "LATE", practice: "Late Practice", code: "B86023" },
    ];
    await writeClient(join(dir, "lowe.xlsx"), [...steady, ...off], low);
    const r = await yearend([join(dir, "lowe.xlsx"), "--out", join(dir, "out"), "--today", "2026-06-01", "--json"]);
    const j = JSON.parse(r.out);
    expect(j.clients[0]).toMatchObject({ status: "done", errors: 2, leaveOff: 2 });
    expect(j.clients[0].years[0]).toMatchObject({
      due: "450.00",
      paid: "352.80",
      difference: "97.20",
      status: expect.stringMatching(/^done \(2 rows to remove, \d+ warnings\)$/),
      type2: { dueBy: "2027-02-28" },
    });
    expect(j.totals).toMatchObject({ done: 1, withErrors: 0, topUps: "97.20", yearsNotFinal: 0 });
    expect(r.err).toContain(
      "lowe.xlsx: Warning: Sessions row 6: the 2025/26 year end leaves off rows 6, 7 (work that can never go on a Form A: the errors above say why), and is final without them: its figures do not change when they are removed; remove them from Sessions so their months' forms can be made",
    );
    expect(r.code).toBe(0);
    const text = await yearend([join(dir, "lowe.xlsx"), "--out", join(dir, "out"), "--today", "2026-06-01"]);
    expect(text.out).toMatch(
      /^lowe\.xlsx: 2025\/26 top-up to PCSE £97\.20 \(due £450\.00, paid £352\.80\) · 0 errors, 2 rows to leave off, \d+ warnings \(see lowe messages\.txt\)$/m,
    );
    // Once they are removed: the same figures.
    await writeClient(join(dir, "after.xlsx"), steady, low);
    const after = JSON.parse((await yearend([join(dir, "after.xlsx"), "--out", join(dir, "out2"), "--today", "2026-06-01", "--json"])).out);
    expect(after.clients[0].years[0]).toMatchObject({ due: "450.00", paid: "352.80", difference: "97.20" });
  });

  test("--year shows only that year's messages: not another year's tier, rows or Form B", async () => {
    // 2024/25: one day (June 2024) with no Date submitted (its 10-week and past-due warnings); 2025/26: Lowe's days at a
    // Tier rate the rows do not bear out, and no Date submitted either.
    const dir = tmp();
    const old: Session[] = [{ worked: [2024, 6, 6], fee: 1000, paid: [2024, 6, 20], invoice: "OLD" }];
    const newer: Session[] = steady.map((s) => ({ ...s, submitted: undefined }));
    await writeClient(join(dir, "two.xlsx"), [...old, ...newer], low);
    // --verbose: every message, so each year's tier finding shows whole.
    const both = await yearend([join(dir, "two.xlsx"), "--out", join(dir, "o1"), "--today", "2026-06-01", "--verbose"]);
    expect(both.err).toMatch(/the 2025\/26 rows annualise/);
    expect(both.err).toMatch(/Sessions row 2, .*June 2024/);
    const r24 = await yearend([join(dir, "two.xlsx"), "--out", join(dir, "o2"), "--today", "2026-06-01", "--year", "2024/25", "--verbose"]);
    expect(r24.err).not.toMatch(/2025\/26/);
    expect(r24.err).not.toMatch(/Sessions row [3-6]\b/);
    expect(r24.err).toMatch(/Sessions row 2, .*June 2024/);
    const r25 = await yearend([join(dir, "two.xlsx"), "--out", join(dir, "o3"), "--today", "2026-06-01", "--year", "2025/26", "--verbose"]);
    expect(r25.err).not.toMatch(/2024\/25|June 2024|Sessions row 2\b/);
    expect(r25.err).toMatch(/the 2025\/26 rows annualise/);
  });

  test("Other days of service beyond the year: said once, by the forms", async () => {
    const dir = tmp();
    await writeClient(join(dir, "lowe.xlsx"), steady, { ...low, "Other practitioner pay": 40000, "Other days of service": 365 });
    const r = await yearend([join(dir, "lowe.xlsx"), "--out", join(dir, "out"), "--today", "2026-06-01"]);
    expect(r.err.split("\n").filter((l) => /Other days of service/.test(l) && /365/.test(l))).toEqual([
      expect.stringMatching(
        /: Warning: Locum details row \d+, Other days of service \(B\d+\): the locum days worked plus Other days of service come to 369, more than the 365 days of 2025\/26: taken as 365/,
      ),
    ]);
  });

  test("an unknown option says where the help is once", async () => {
    const r = await yearend(["x.xlsx", "--nope"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "locum yearend: unknown option --nope for yearend (its options: --out, --year, --rules, --cpi, --sheet, --today, --workers, --year-base, --rounding, --ten-week-anchor, --upr-year-digits, --tax-relief, --year-end-rounding, --json, --forms, --verbose, --help; try locum yearend --help)",
    );
  });

  test("Wales: the summary's Forms B column is the LHB's, like the rest of it", async () => {
    const dir = tmp();
    await writeClient(join(dir, "jones.xlsx"), steady, { ...low, Country: "Wales", "EA code": "7A2", "Host LHB ref": "HD-1" });
    const r = await yearend([join(dir, "jones.xlsx"), "--out", join(dir, "out"), "--today", "2026-06-01", "--json"]);
    const pdf = squeeze(pdfText(readFileSync(JSON.parse(r.out).clients[0].pdf)));
    expect(pdf).toContain("Paid to the LHB");
    expect(pdf).not.toMatch(/PCSE/);
  });

  test("last year's closing pension and the September CPI from Locum details: the pension input amount, in the PDF and --json", async () => {
    // Lowe's £3,600.00 of 2025/26: 3,600 ÷ 54 = 66.67 built up. "Closing pension 2024/25" £10,000.00 and "September CPI
    // 2024" 1.7%: revalued 10,000 × 1.032 = 10,320.00; closing 10,386.67; base 10,170.00; × 16 = 16 × 216.67 = 3,466.72.
    const dir = tmp();
    await writeClient(join(dir, "lowe.xlsx"), steady, { ...low, "Closing pension 2024/25": 10000, "September CPI 2024": "1.7%" });
    const r = await yearend([join(dir, "lowe.xlsx"), "--out", join(dir, "out"), "--today", "2026-06-01", "--json"]);
    const c = JSON.parse(r.out).clients[0];
    expect(c.years[0].pension).toMatchObject({ accrual: "66.67", inputAmount: "3466.72", annualAllowance: "60000", overAllowance: false });
    expect(r.err).not.toMatch(/not a detail this tool reads/);
    const pdf = squeeze(pdfText(readFileSync(c.pdf)));
    expect(pdf).toContain("× 16 = £3,466.72");
    // The plain keys do the same for the workbook's one year; a CPI that is no CPI is said, and not used.
    await writeClient(join(dir, "plain.xlsx"), steady, { ...low, "Closing pension last year": 10000, "September CPI": 1.7 });
    const p = JSON.parse((await yearend([join(dir, "plain.xlsx"), "--out", join(dir, "out2"), "--today", "2026-06-01", "--json"])).out).clients[0];
    expect(p.years[0].pension.inputAmount).toBe("3466.72");
    expect(p.messages.map((m: { text: string }) => m.text)).toContain("1.7 is read as 1.7% (write 1.7% to say so)");
    await writeClient(join(dir, "bad.xlsx"), steady, { ...low, "Closing pension last year": 10000, "September CPI": "high" });
    const b = JSON.parse((await yearend([join(dir, "bad.xlsx"), "--out", join(dir, "out3"), "--today", "2026-06-01", "--json"])).out).clients[0];
    expect(b.status).toBe("done");
    expect(b.years[0].pension.inputAmount).toBeNull();
    expect(b.messages.map((m: { text: string }) => m.text)).toContain(
      '"high" is not a CPI: write it as a percentage such as 1.7% (the ONS figure for that September); not used',
    );
    // A CPI below nothing is a CPI (September 2015: −0.1 %), read as LOCUM.YEAREND reads it. Revalued 10,000 × 1.014 =
    // 10,140.00; closing 10,206.67; base 10,000 × 0.999 = 9,990.00; × 16 = 16 × 216.67 = 3,466.72 (CPI + 1.5 % less CPI).
    await writeClient(join(dir, "neg.xlsx"), steady, { ...low, "Closing pension last year": 10000, "September CPI": "-0.1%" });
    const n = JSON.parse((await yearend([join(dir, "neg.xlsx"), "--out", join(dir, "out4"), "--today", "2026-06-01", "--json"])).out).clients[0];
    expect(n.years[0].pension.inputAmount).toBe("3466.72");
    expect(n.messages.map((m: { text: string }) => m.text).filter((t: string) => /CPI/.test(t))).toEqual([]);
  });
});
