// What a cell holds (src/rules/cells.ts), tested one way in every layer: nothing, or Excel's errors.
import { isBlankCell, isExcelError } from "../../src/rules";

test.each([
  ["#N/A", true],
  ["#REF!", true],
  ["#DIV/0!", true],
  ["#NAME?", true],
  [" #value! ", true], // spaces around, any case
  ["#SPILL!", true],
  ["#GETTING_DATA", true],
  ["#not the text", false], // text that starts with "#" is text
  ["#REF", false], // Excel's error has its "!"
  ["#", false],
  ["N/A", false],
  [0, false],
  [null, false],
])("isExcelError(%j) is %s", (v, is) => expect(isExcelError(v)).toBe(is));

test.each([
  [null, true],
  [undefined, true],
  ["", true],
  ["   ", true],
  ["\t\n", true],
  [0, false], // a number, even 0, is something
  [false, false],
  [" x ", false],
])("isBlankCell(%j) is %s", (v, is) => expect(isBlankCell(v)).toBe(is));
