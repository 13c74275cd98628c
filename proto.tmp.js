const { HyperFormula, FunctionPlugin, FunctionArgumentType, ArraySize, SimpleRangeValue, EmptyValue, CellError, ErrorType } = require("hyperformula");
class P extends FunctionPlugin {
  spill(ast, state) {
    return this.runFunction(ast.args, state, this.metadata("LOCUM.SPILLME"), (range) => {
      const d = range.data;
      console.log("data", JSON.stringify(d.map(r => r.map(v => v === EmptyValue ? "<empty>" : typeof v === "object" ? ["obj", v.constructor.name, v.val ?? v.type] : v))));
      return SimpleRangeValue.onlyValues([["h1","h2"],[1,2]]);
    });
  }
  spillSize(ast, state) {
    const s = this.arraySizeForAst(ast.args[0], state);
    console.log("size of arg", s);
    return new ArraySize(2, s.height * 2);
  }
}
P.implementedFunctions = { "LOCUM.SPILLME": { method: "spill", sizeOfResultArrayMethod: "spillSize", parameters: [{ argumentType: FunctionArgumentType.RANGE }] , vectorizationForbidden: true} };
HyperFormula.registerFunctionPlugin(P, { enGB: { "LOCUM.SPILLME": "LOCUM.SPILLME" } });
const hf = HyperFormula.buildFromSheets({ S: [[1, "a"], [null, "=1/0"], [45000, true]], M: [["=LOCUM.SPILLME(S!A1:B3)"]], T:[["=LOCUM.NOPE(1)"]] }, { licenseKey: "gpl-v3", language: "enGB" });
console.log(hf.getSheetValues(hf.getSheetId("M")));
console.log(hf.getSheetValues(hf.getSheetId("T")));
