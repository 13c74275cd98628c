// The names the Locum details sheet is read by (src/workbook/detailNames.ts): labels and the other
// names people give them, spaces and case ignored; how much a sheet looks like the details.
import { detailLabel, detailsScore } from "../../src/workbook";

test.each([
  ["Surname", "Surname"],
  ["last name", "Surname"],
  ["DOB", "Date of birth"],
  ["N.I. number", "NI number"], // spaces, case and punctuation ignored
  ["NINO", "NI number"],
  ["Pension number", "SD number"],
  ["e-mail", "Email"],
  ["Tier", "Tier rate"],
  ["Favourite colour", null],
  [42, null],
])("detailLabel(%j) is %j", (key, label) => expect(detailLabel(key)).toBe(label));

test("a sheet's score counts each detail its first column names once, in its first 60 rows", () => {
  const rows = [["My details"], ["Surname", "Smith"], ["SD number", "1"], ["  ", "NI number"], ["last name", "again"], ["Email", "x@y"]];
  // Surname (named twice, counted once), SD number, NI number (row 4's first filled cell), Email.
  expect(detailsScore(rows)).toBe(4);
  expect(detailsScore([...Array.from({ length: 60 }, () => ["note"]), ["Surname", "late"]])).toBe(0); // past row 60
  expect(detailsScore([])).toBe(0);
});
