// Bench: a busy year (1,200 sessions, 15 practices, 12 months) checked and rendered in memory.
// Targets (issue 3): every PDF of the year in under 2 s; a single Form A or B under 60 KB.
import { prepareForms, renderPdfs } from "../../forms";
import { nodeFonts } from "../forms";
import { dayFromYmd, dayToSerial, dayFromYmd as ymd } from "../../rules";

export function busyYear(sessions = 1200, practices = 15): { rows: unknown[][]; details: unknown[][] } {
  const rows: unknown[][] = [["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Invoice", "Date submitted", "Notes"]];
  const perMonth = Math.ceil(sessions / 12);
  for (let i = 0; i < sessions; i++) {
    const month = Math.floor(i / perMonth); // 0 = April 2025
    const y = month < 9 ? 2025 : 2026;
    const m = ((month + 3) % 12) + 1;
    const p = i % practices;
    const day = 1 + ((i * 7) % 20);
    const fee = 100 + ((i * 13) % 31); // whole pounds, 100 to 130
    rows.push([
      dayToSerial(dayFromYmd(y, m, day)),
      `Practice ${String.fromCharCode(65 + p)} Medical Centre`,
      `Y${String(10000 + p * 137).padStart(5, "0")}`,
      fee,
      dayToSerial(dayFromYmd(y, m, 25)),
      `INV-${y}${String(m).padStart(2, "0")}-${p + 1}`,
      dayToSerial(m === 12 ? ymd(y + 1, 1, 3) : ymd(y, m + 1, 3)),
      `session ${i + 1}`,
    ]);
  }
  const details = [
    ["Surname", "Nguyễn"],
    ["Other names", "Łukasz Zoë"],
    ["Date of birth", "1980-02-29"],
    ["NI number", "QQ123456C"],
    ["SD number", "87654321"],
    ["GMC number", "1234567"],
    ["Address", "1 Example Street, Leeds LS1 1AA"],
    ["Email", "locum@example.org"],
    ["Country", "England"],
    ["EA code", "Q99"],
    ["Estimated pensionable pay", 60000],
  ];
  return { rows, details };
}

export async function benchForms(): Promise<{ name: string; seconds: number; maxFormBytes: number; pdfs: number }> {
  const { rows, details } = busyYear();
  const fonts = nodeFonts();
  const t0 = process.hrtime.bigint();
  const prepared = prepareForms(rows, details, { today: ymd(2026, 4, 1) });
  const files = await renderPdfs(prepared, fonts);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (prepared.errors) throw new Error(`bench year has ${prepared.errors} errors`);
  const single = files.filter((f) => f.kind === "form-a" || f.kind === "form-b");
  return { name: "forms: busy year (1,200 sessions, 15 practices, 12 months), every PDF", seconds, maxFormBytes: Math.max(...single.map((f) => f.bytes.length)), pdfs: files.length };
}

if (require.main === module) {
  benchForms().then((r) => console.log(JSON.stringify(r)));
}
