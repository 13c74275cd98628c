// locum: the engine from a shell. Bad input: exit status 2 and one line saying what is wrong.
import { relative } from "node:path";
import { LocumError } from "../rules";
import { oneLine } from "./args";
import { CONTRIB_USAGE, contribCommand } from "./commands/contrib";
import { demoBreakdown } from "./commands/demo";
import { FORMS_USAGE } from "./commands/formsUsage";
import { type Io, processIo, quietBrokenPipes } from "./io";
import { packageVersion, sampleWorkbook } from "./resources";
import { TEMPLATE_USAGE } from "./commands/templateUsage";
import { YEAREND_USAGE } from "./commands/yearendUsage";

// exceljs and pdf-lib take most of a start-up (0.28 s of 0.37 s): only the commands that use them load them.
const forms = () => import("./commands/forms");
const template = () => import("./commands/template");
const yearend = () => import("./commands/yearend");

const USAGE = `locum: NHS pension contributions for GP locums (England and Wales)

${CONTRIB_USAGE}

${FORMS_USAGE}

${TEMPLATE_USAGE}

${YEAREND_USAGE}

usage: locum demo    a worked breakdown, then the sample year (examples/) as PDFs under out/
usage: locum --version`;

/** What a bare `locum` says, on stderr: one line, the full usage is --help's. */
export const HINT = "usage: locum <contrib|forms|template|yearend|demo> ...; locum --help for more";

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "contrib":
        if (rest.includes("--help")) return (io.out(CONTRIB_USAGE), 0);
        return contribCommand(rest, io);
      case "forms":
        if (rest.includes("--help")) return (io.out(FORMS_USAGE), 0);
        return await (await forms()).formsCommand(rest, io);
      case "template":
        if (rest.includes("--help")) return (io.out(TEMPLATE_USAGE), 0);
        return await (await template()).templateCommand(rest, io);
      case "yearend":
        if (rest.includes("--help")) return (io.out(YEAREND_USAGE), 0);
        return await (await yearend()).yearendCommand(rest, io);
      case "demo":
        return await demo(io);
      case "--version":
      case "-v":
        io.out(`locum ${packageVersion()}`);
        return 0;
      case undefined:
        io.err(HINT);
        return 2;
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return 0;
      default:
        throw new LocumError(`unknown command "${command}" (try: locum --help)`);
    }
  } catch (e) {
    if (e instanceof LocumError) {
      io.err(oneLine(`locum: ${e.message}`));
      return 2;
    }
    throw e;
  }
}

/** The newcomer's first look: the annualisation trap explained, then a sample year as PDFs. */
async function demo(io: Io): Promise<number> {
  demoBreakdown(io);
  const sample = sampleWorkbook();
  io.out(`\n4. The sample year ${relative(process.cwd(), sample)} as Forms A and B, judged as on 30/04/2026:\n`);
  return (await forms()).formsCommand([sample, "--out", "out", "--today", "2026-04-30"], io);
}

// Run as a script: `node build/cli/index.js`, or the single-file build (bundle/locum.cjs), whose entry this is.
if (require.main === module) {
  quietBrokenPipes();
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
