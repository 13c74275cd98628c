// A client's file name becomes a folder name under --out/forms: a name of dots ("..xlsx",
// "...xlsx") must not name the forms folder itself or the one above it.
import { existsSync, readdirSync } from "fs";
import { join } from "path";
import { stemOf } from "../../../src/cli/files/yearendFiles";
import { baseDetails, type Session, writeClient, yearend } from "../../support/clients";
import { tempDir } from "../../support/tempDir";

test("names of dots and spaces at either end give safe folder names", () => {
  expect(["..xlsx", "...xlsx", ".xlsx.xlsx", " . .xlsx", "a.b.xlsx", " adams .xlsx", "x/../y.xlsx"].map(stemOf)).toEqual([
    "workbook",
    "workbook",
    "xlsx",
    "workbook",
    "a.b",
    "adams",
    "y",
  ]);
});

test("locum yearend --forms: ..xlsx and ...xlsx get folders of their own inside forms/", async () => {
  const dir = tempDir("yearend-names-");
  const steady: Session[] = [4, 7].map((m) => ({ worked: [2025, m, 3], fee: 500, paid: [2025, m, 20], submitted: [2025, m, 25], invoice: `I-${m}` }));
  const low = baseDetails({ Surname: "Lowe", "SD number": "10000001", "Tier rate": "9.8%" });
  await writeClient(join(dir, "..xlsx"), steady, low);
  await writeClient(join(dir, "...xlsx"), steady, { ...low, "SD number": "10000002" });
  const out = join(dir, "out");
  const r = await yearend([dir, "--out", out, "--forms", "--today", "2026-06-01"]);
  expect(r.code).toBe(0);
  expect(readdirSync(join(out, "forms")).sort()).toEqual(["workbook", "workbook (2)"]);
  // Nothing of a month written straight into forms/ or --out.
  expect(readdirSync(out).filter((n) => /^\d{4}-\d{2}$/.test(n))).toEqual([]);
  expect(readdirSync(join(out, "forms", "workbook")).sort()).toEqual(["2025-04", "2025-07"]);
  expect(existsSync(join(out, "forms", "workbook (2)", "2025-04"))).toBe(true);
});
