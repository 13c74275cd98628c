// The Locum details sheet (src/template/details.ts): every key it lists is one the forms read, on the
// rows the forms name.
import { prepareForms } from "../../src/forms";
import { DETAIL_ROWS, detailRow, planTemplate, yearTemplate } from "../../src/template";
import { dayFromYmd, DEFAULT_RULES } from "../../src/rules";
import { serial } from "../support/forms";

const plan = planTemplate({ sheets: [] });
const template = yearTemplate(plan, { rules: DEFAULT_RULES, made: dayFromYmd(2025, 4, 1) });
const sheet = (role: string) => template.sheets.find((s) => s.role === role)!;

describe("Locum details", () => {
  test("every key the template lists is one the forms read (none is 'not a detail this tool reads')", () => {
    const filled: Record<string, unknown> = {
      Surname: "O'Neill",
      "Other names": "Siân",
      "Date of birth": serial(1984, 6, 3),
      "NI number": "QQ123456C",
      "SD number": "12345678",
      "GMC number": "7654321",
      Address: "1 Road, Leeds",
      Email: "s@example.org",
      Country: "Wales",
      "EA code": "7A2",
      "Host LHB ref": "LHB-1",
      "Tier rate": "9.8%",
      "Estimated pensionable pay": 30000,
      "Other practitioner pay": 1000,
      "Other days of service": 10,
      "Added years rate": "1%",
      "MPAVC rate": "",
      "MPAVC monthly amount": 20,
      "Additional pension monthly amount": 10,
      "ERRBO rate": "0.5%",
      "Closing pension last year": 20000,
      "September CPI": "1.7%",
    };
    expect(Object.keys(filled)).toEqual(DETAIL_ROWS.map(([k]) => k));
    const rows = [["Detail", "Value", "What it is"], ...DETAIL_ROWS.map(([k, note]) => [k, filled[k], note])];
    const p = prepareForms(
      [
        ["Date worked", "Practice", "Practice code", "Fee", "Date paid"],
        [serial(2025, 4, 1), "R", "Y02345", 100, serial(2025, 4, 20)],
      ],
      rows,
      { today: dayFromYmd(2025, 4, 21) },
    );
    expect(p.messages.filter((m) => m.sheet === "Locum details" && /not a detail/.test(m.text))).toEqual([]);
    expect(p.locum?.hostLhbRef).toBe("LHB-1");
    expect(p.locum?.mpavcAmount?.toString()).toBe("20");
    expect(p.locum?.errboRate?.toString()).toBe("0.005");
    expect([p.locum?.pension?.plain.opening?.value.toString(), p.locum?.pension?.plain.cpi?.value.toString()]).toEqual(["20000", "0.017"]);
  });

  test("an empty details sheet says what to fill, on the right rows", () => {
    const cells = sheet("details").cells;
    const rows: unknown[][] = [];
    for (const c of cells) {
      const r = Number(c.ref.slice(1)) - 1;
      rows[r] ??= ["", "", ""];
      rows[r]["ABC".indexOf(c.ref[0])] = c.value ?? "";
    }
    const p = prepareForms(
      [
        ["Date worked", "Practice", "Practice code", "Fee", "Date paid"],
        [serial(2025, 4, 1), "R", "Y02345", 100, serial(2025, 4, 20)],
      ],
      rows,
    );
    const surname = p.messages.find((m) => m.field === "Surname")!;
    expect([surname.row, surname.cell, surname.text]).toEqual([detailRow("Surname"), "B2", "is empty: fill it in (every form shows it)"]);
    expect(detailRow("Tier rate")).toBe(13);
  });
});
