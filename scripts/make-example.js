#!/usr/bin/env node
// Re-makes examples/locum-2025-26.xlsx: a fictional GP locum's scheme year 2025/26 as an accountant
// keeps it. Deterministic content (no clock, no Math.random): the cells only change when this script
// does (the zip container stamps the time it was written). Run: node scripts/make-example.js
//
// The year: Dr Siân O'Neill (fictional; SD 12345678) works regular Tuesdays at one practice, sessions
// at four others, and does appraisals for NHS England. One invoice per practice per month, paid in
// the following weeks; Castle Street pays its November invoice late (30 December), so that work goes
// on December's Form B, sent on 5 January: just inside the 10-week rule for its first day, 3 November.
// The last sessions, 12 to 20 March 2026, are paid in April: by the March rule they go on March's
// Form B of 2025/26 (sent early in April, before that pay arrived), not on an April 2026 Form B.
"use strict";
const path = require("path");
const ExcelJS = require("exceljs");

const OUT = path.join(__dirname, "..", "examples", "locum-2025-26.xlsx");

// A fixed pseudo-random sequence (LCG): the same workbook every run.
let seed = 20250401;
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;

const utc = (y, m, d) => new Date(Date.UTC(y, m - 1, d));
const addDays = (date, n) => new Date(date.getTime() + n * 86400000);
const ymd = (date) => [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];

const PRACTICES = {
  riverside: { name: "Riverside Medical Centre", code: "Y02345", prefix: "RMC" },
  castle: { name: "Castle Street Surgery", code: "B86021", prefix: "CSS" },
  oakfield: { name: "Oakfield Family Practice", code: "B86047", prefix: "OFP" },
  hillcrest: { name: "Hillcrest Surgery", code: "B87013", prefix: "HCS" },
  mill: { name: "The Old Mill Medical Practice", code: "Y01789", prefix: "OMP" },
  nhse: { name: "NHS England – North East and Yorkshire", code: "Y63", prefix: "APR" },
};

// Holidays: two weeks in August, Christmas to New Year.
const away = (d) => {
  const [y, m, day] = ymd(d);
  return (y === 2025 && m === 8 && day >= 4 && day <= 15) || (y === 2025 && m === 12 && day >= 22) || (y === 2026 && m === 1 && day <= 2);
};

const sessions = []; // { date, practice, session, fee, type, authorised, notes }
const start = utc(2025, 4, 1);
const end = utc(2026, 3, 20);
for (let d = start; d <= end; d = addDays(d, 1)) {
  const dow = d.getUTCDay(); // 0 Sunday
  if (dow === 0 || dow === 6 || away(d)) continue;
  const [y, m] = ymd(d);
  const month = (y - 2025) * 12 + m; // 4 = April 2025 … 15 = March 2026
  // Regular Tuesdays at Riverside from April to December: a full day (a long engagement).
  if (dow === 2 && month <= 12) sessions.push({ date: d, practice: "riverside", session: "Full day", fee: 220 });
  // Sessions elsewhere, a few a week, each practice for a few months at a time.
  const r = rand();
  const during = (...ranges) => ranges.some(([a, b]) => month >= a && month <= b);
  if (dow === 1 && r < 0.85 && during([4, 7], [10, 13])) sessions.push({ date: d, practice: "castle", session: "AM", fee: 105 });
  if (dow === 3 && r < 0.75 && during([6, 9], [13, 15]))
    sessions.push({ date: d, practice: "oakfield", session: "AM", fee: 100 }, { date: d, practice: "oakfield", session: "PM", fee: 100 });
  if (dow === 4 && r < 0.8 && during([4, 6], [11, 14])) sessions.push({ date: d, practice: "hillcrest", session: "PM", fee: 110 });
  if ((dow === 5 || dow === 4) && r < 0.6 && during([7, 9], [13, 15])) sessions.push({ date: d, practice: "mill", session: "AM", fee: 120 });
}
// Appraisals for NHS England: one day each, and one over two consecutive days (fee split equally).
for (const [y, m, d, fee, note] of [
  [2025, 6, 12, 500, "Appraisal AP-1001"],
  [2025, 9, 18, 500, "Appraisal AP-1002"],
  [2025, 11, 20, 250, "Appraisal AP-1003, day 1 of 2"],
  [2025, 11, 21, 250, "Appraisal AP-1003, day 2 of 2"],
  [2026, 2, 5, 500, "Appraisal AP-1004"],
]) {
  sessions.push({ date: utc(y, m, d), practice: "nhse", session: "Day", fee, type: "Appraisal", notes: note });
}

// Invoices: one per practice per month worked, dated the last working day; paid 8 to 20 days later.
const invoices = new Map();
let invoiceNo = 100;
for (const s of sessions.sort((a, b) => a.date - b.date || a.practice.localeCompare(b.practice))) {
  const [y, m] = ymd(s.date);
  const key = `${s.practice}|${y}-${m}`;
  if (!invoices.has(key)) {
    const monthEnd = utc(y, m + 1, 0); // day 0 of next month = last day of this one
    let paid = addDays(monthEnd, 8 + Math.floor(rand() * 12));
    let note = "";
    if (s.practice === "castle" && y === 2025 && m === 11) {
      paid = utc(2025, 12, 30); // the late payment: due by mid-December
      note = "paid late (invoice due 15/12/2025): on the December Form B";
    }
    invoices.set(key, { no: `${PRACTICES[s.practice].prefix}-${++invoiceNo}`, paid, note });
  }
  const inv = invoices.get(key);
  s.invoice = inv.no;
  s.paid = inv.paid;
  if (inv.note && !s.notes) s.notes = inv.note;
  if (y === 2026 && m === 3 && ymd(s.paid)[1] === 4 && !s.notes) s.notes = "paid in April: on the March Form B (the March rule)";
}
// Forms go in on the 3rd to 6th of the month after their Form B month: the month paid, or March for
// March work paid in April (the March rule: those forms go in before that pay arrives).
const submittedFor = (s) => {
  const [wy, wm] = ymd(s.date);
  const [py, pm] = ymd(s.paid);
  const [y, m] = wy === 2026 && wm === 3 && pm === 4 ? [wy, wm] : [py, pm];
  return utc(y, m + 1, 3 + ((y * 12 + m) % 4));
};

async function main() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "locum-pensions example";
  wb.created = utc(2026, 4, 1);
  wb.modified = utc(2026, 4, 1);

  const ws = wb.addWorksheet("Sessions", { views: [{ state: "frozen", ySplit: 1 }] });
  const rows = sessions.map((s) => [
    s.date,
    s.session,
    PRACTICES[s.practice].name,
    PRACTICES[s.practice].code,
    s.fee,
    s.invoice,
    s.paid,
    s.type ?? "Practice",
    "Direct",
    "",
    submittedFor(s),
    s.notes ?? "",
  ]);
  ws.addTable({
    name: "Sessions",
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: [
      "Date worked",
      "Session",
      "Practice",
      "Practice code",
      "Fee (£)",
      "Invoice",
      "Date paid",
      "Work type",
      "Engaged via",
      "Appraisal authorised",
      "Date submitted",
      "Notes",
    ].map((name) => ({ name, filterButton: true })),
    rows,
  });
  const widths = [13, 9, 38, 13, 10, 10, 13, 11, 11, 11, 14, 36];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const c of [1, 7, 11]) ws.getColumn(c).numFmt = "dd/mm/yyyy";
  ws.getColumn(5).numFmt = "£#,##0.00";

  const dt = wb.addWorksheet("Locum details");
  const details = [
    ["Detail", "Value"],
    ["Surname", "O'Neill"],
    ["Other names", "Siân"],
    ["Date of birth", utc(1984, 6, 3)],
    ["NI number", "QQ 12 34 56 C"],
    ["SD number", "12345678"],
    ["GMC number", "7654321"],
    ["Address", "Flat 2, 14 Heol y Nant, Leeds LS6 2AB"],
    ["Email", "sian.oneill@example.org"],
    ["Country", "England"],
    ["EA code", "Q99"],
    ["Tier rate", ""],
    ["Estimated pensionable pay", ""],
    ["Other practitioner pay", ""],
    ["Other days of service", ""],
  ];
  details.forEach((r) => dt.addRow(r));
  dt.getRow(1).font = { bold: true };
  dt.getColumn(1).width = 28;
  dt.getColumn(2).width = 42;
  dt.getCell("B4").numFmt = "dd/mm/yyyy";
  dt.addRow([]);
  dt.addRow(["Fictional example: leave Tier rate and Estimated pensionable pay empty to have the tier worked out from the year's sessions (annualised)."]);

  await wb.xlsx.writeFile(OUT);
  const total = sessions.reduce((t, s) => t + s.fee, 0);
  console.log(`${path.relative(process.cwd(), OUT)}: ${sessions.length} sessions, ${invoices.size} invoices, fees £${total.toLocaleString("en-GB")}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
