// The simulated host's source for a browser page: test/support/fakeHost.ts compiled to plain JavaScript and
// run on `window` before the page's own scripts (page.addInitScript).
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import type { HostState } from "./fakeHost";

let compiled: string | null = null;

export function fakeHostScript(state: HostState): string {
  if (compiled === null) {
    const src = fs.readFileSync(path.join(__dirname, "fakeHost.ts"), "utf8");
    compiled = ts
      .transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ES2020 } })
      .outputText.replace(/^export /gm, "");
  }
  return `${compiled}\ninstallFakeHost(window, ${JSON.stringify(state)});`;
}
