// Formula text and the rewriter of structured references (src/template/formulas.ts): every kind of
// reference to A1 ranges (a host without tables) and to the form an .xlsx file stores, on a small
// table whose ranges are worked out by hand, then the template's own Sessions table.
import { addr, planTemplate, sessionsGeometry, sheetRef, type TableGeometry, tenWeekFormula, toA1, toFileFormula } from "../../src/template";

const plan = planTemplate({ sheets: [] });

// A table "Pay" on the sheet "Fees 2025" (its name needs quotes), header on row 3 from column B:
//   B "Date", C "Fee", D "Paid on", E "Fee [£]" (typed Fee '[£'] inside brackets); data on rows 4 to 7.
const PAY: TableGeometry = { name: "Pay", sheet: "Fees 2025", headerRow: 3, firstCol: 1, columns: ["Date", "Fee", "Paid on", "Fee [£]"], rows: 4 };
const S = "'Fees 2025'!";

describe("each kind of reference, to A1 and to the file's form", () => {
  // [kind, as typed, the row a formula inside the table is on (for @), A1 range, as the file stores it]
  test.each([
    ["a column's data", "Pay[Fee]", undefined, `${S}$C$4:$C$7`, "Pay[Fee]"],
    ["#Data of a column", "Pay[[#Data],[Fee]]", undefined, `${S}$C$4:$C$7`, "Pay[[#Data],[Fee]]"],
    ["the whole table", "Pay[#All]", undefined, `${S}$B$3:$E$7`, "Pay[#All]"],
    ["#All of a span of columns", "Pay[[#All],[Date]:[Fee]]", undefined, `${S}$B$3:$C$7`, "Pay[[#All],[Date]:[Fee]]"],
    ["the header row", "Pay[#Headers]", undefined, `${S}$B$3:$E$3`, "Pay[#Headers]"],
    ["one header: a single cell", "Pay[[#Headers],[Paid on]]", undefined, `${S}$D$3`, "Pay[[#Headers],[Paid on]]"],
    ["a span of columns' data", "Pay[[Date]:[Paid on]]", undefined, `${S}$B$4:$D$7`, "Pay[[Date]:[Paid on]]"],
    ["a column with an escaped bracket", "Pay[Fee '[£']]", undefined, `${S}$E$4:$E$7`, "Pay[Fee '[£']]"],
    ["[@Fee]: this row, shorthand", "[@Fee]", 5, `${S}$C$5`, "Pay[[#This Row],[Fee]]"],
    ["[@[Paid on]]: this row, bracketed", "[@[Paid on]]", 6, `${S}$D$6`, "Pay[[#This Row],[Paid on]]"],
    ["Pay[@Fee]: this row, with its table", "Pay[@Fee]", 4, `${S}$C$4`, "Pay[[#This Row],[Fee]]"],
    ["#This Row spelt out", "Pay[[#This Row],[Date]]", 7, `${S}$B$7`, "Pay[[#This Row],[Date]]"],
    ["names in any case (the table's own spelling in the file)", "pay[fee]", undefined, `${S}$C$4:$C$7`, "Pay[fee]"],
    ["inside a formula", "SUM(Pay[Fee])*[@Fee]", 7, `SUM(${S}$C$4:$C$7)*${S}$C$7`, "SUM(Pay[Fee])*Pay[[#This Row],[Fee]]"],
  ] as const)("%s: %s", (_kind, typed, row, a1, file) => {
    expect(toA1(typed, [PAY], row === undefined ? undefined : { table: "Pay", row })).toBe(a1);
    expect(toFileFormula(typed, "Pay")).toBe(file);
  });

  test.each([
    ["text in quotes", '"Pay[Fee]"&"[@Fee]"'],
    ["a quoted sheet name with brackets", "'Pay [old]'!A1"],
    ["a longer name ending in the table's", "XPay[Fee]"],
    ["plain A1 references", "SUM($B$4:$B$7)+A1"],
  ])("%s is left alone both ways: %s", (_what, formula) => {
    expect(toA1(formula, [PAY], { table: "Pay", row: 4 })).toBe(formula);
    expect(toFileFormula(formula, "Pay")).toBe(formula);
  });

  test.each([
    ["a column the table lacks", "Pay[Fees]", undefined, /no column \[Fees\] in table Pay/],
    ["[@…] with no row", "[@Fee]", undefined, /a structured reference \[@Fee\] outside a table/],
    ["Pay[@…] with no row", "Pay[@Fee]", undefined, /\[@…\] of table Pay used outside it/],
    ["[@…] in another table", "[@Fee]", { table: "Other", row: 4 }, /outside a table/],
    ["an item Excel has that the template never uses", "Pay[[#Totals],[Fee]]", undefined, /unsupported structured reference item #Totals/],
    ["an unclosed bracket", "Pay[Fee", undefined, /unclosed \[/],
  ] as const)("%s is an error, not a guess: %s", (_what, formula, at, error) => {
    expect(() => toA1(formula, [PAY], at)).toThrow(error);
  });
});

describe("formula text", () => {
  test.each([
    ["Monthly", "Monthly!"],
    ["Sheet1", "Sheet1!"],
    ["_x.y", "_x.y!"],
    ["Locum details", "'Locum details'!"],
    ["O'Neill", "'O''Neill'!"],
    ["AB12", "'AB12'!"], // a name that reads as a cell needs quotes
    ["2025", "'2025'!"],
  ])("sheetRef(%s) is %s", (name, ref) => {
    expect(sheetRef(name)).toBe(ref);
  });

  test("addr counts columns from 0 = A", () => {
    expect([addr(0, 1), addr(25, 10), addr(26, 3), addr(15, 2)]).toEqual(["A1", "Z10", "AA3", "P2"]);
  });

  test("the 10-week rule: more than 70 days from the last day (else the first) to the day sent (else today), outside the suspension", () => {
    expect(tenWeekFormula("F", "L", "S")).toBe(
      "AND(ISNUMBER(F),IF(ISNUMBER(S),S,TODAY())-IF(ISNUMBER(L),L,F)>70,OR(IF(ISNUMBER(S),S,TODAY())<DATE(2020,4,1),IF(ISNUMBER(S),S,TODAY())>DATE(2022,9,30)))",
    );
  });
});

describe("structured references", () => {
  const g = [sessionsGeometry(plan, 40)];

  test("to A1 ranges (every form the template uses)", () => {
    expect(toA1("Sessions[Fee]", g)).toBe("Sessions!$E$2:$E$41");
    expect(toA1("Sessions[[#All],[Date worked]:[Notes]]", g)).toBe("Sessions!$A$1:$L$41");
    expect(toA1("Sessions[[#Headers],[Fee]]", g)).toBe("Sessions!$E$1");
    expect(toA1("Sessions[#All]", g)).toBe("Sessions!$A$1:$N$41");
    expect(toA1("SUM(Sessions[[#Data],[Fee]:[Date paid]])", g)).toBe("SUM(Sessions!$E$2:$F$41)");
    expect(toA1("[@Fee]*0.9", g, { table: "Sessions", row: 7 })).toBe("Sessions!$E$7*0.9");
    expect(toA1("[@[Date worked]]+[@[Last day]]", g, { table: "Sessions", row: 3 })).toBe("Sessions!$A$3+Sessions!$B$3");
    expect(toA1("Sessions[[#This Row],[Practice code]]", g, { table: "Sessions", row: 9 })).toBe("Sessions!$D$9");
    expect(toA1("sessions[fee]", g)).toBe("Sessions!$E$2:$E$41"); // Excel ignores case
  });

  test("text in quotes, sheet names and A1 references are left alone", () => {
    expect(toA1('IF(A1="[Fee]","Sessions[Fee]",\'Locum details\'!B2)&Sessions[Fee]', g)).toBe(
      'IF(A1="[Fee]","Sessions[Fee]",\'Locum details\'!B2)&Sessions!$E$2:$E$41',
    );
    expect(toA1("MySessions[Fee]", [{ ...g[0], name: "MySessions" }])).toBe("Sessions!$E$2:$E$41");
    expect(toA1("XSessions[Fee]", [{ ...g[0], name: "XSessions" }, g[0]])).toBe("Sessions!$E$2:$E$41");
  });

  test("a sheet name that needs quotes gets them", () => {
    expect(toA1("T[Fee]", [{ ...g[0], name: "T", sheet: "Sessions (2)" }])).toBe("'Sessions (2)'!$E$2:$E$41");
    expect(toA1("T[Fee]", [{ ...g[0], name: "T", sheet: "O'Neill" }])).toBe("'O''Neill'!$E$2:$E$41");
  });

  test("a column or table that does not exist, or [@…] outside its table, is an error, not a guess", () => {
    expect(() => toA1("Sessions[Fees]", g)).toThrow(/no column \[Fees\]/);
    expect(() => toA1("[@Fee]", g)).toThrow(/outside/);
    expect(() => toA1("Sessions[[#Totals],[Fee]]", g)).toThrow(/unsupported/);
  });

  test("to the form an .xlsx file stores: [@…] as [#This Row]", () => {
    expect(toFileFormula('IF([@[Fee]]="","",ROUND([@[Fee]]*0.9,3))', "Sessions")).toBe(
      'IF(Sessions[[#This Row],[Fee]]="","",ROUND(Sessions[[#This Row],[Fee]]*0.9,3))',
    );
    expect(toFileFormula("[@Fee]", "T")).toBe("T[[#This Row],[Fee]]");
    expect(toFileFormula("Sessions[[#All],[Date worked]:[Notes]]", "Sessions")).toBe("Sessions[[#All],[Date worked]:[Notes]]");
    expect(toFileFormula('"[@Fee]"&A1', "Sessions")).toBe('"[@Fee]"&A1');
  });
});
