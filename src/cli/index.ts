// locum: the engine from a shell. Bad input: exit status 2 and one line saying what is wrong.
import { LocumError } from "../rules";
import { CONTRIB_USAGE, contribCommand } from "./contrib";
import { demoBreakdown } from "./demo";
import { type Io, processIo } from "./io";

const USAGE = `locum: NHS pension contributions for GP locums (England and Wales)

${CONTRIB_USAGE}

usage: locum demo    a worked example year`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "contrib":
        if (rest.includes("--help")) return io.out(CONTRIB_USAGE), 0;
        return contribCommand(rest, io);
      case "demo":
        demoBreakdown(io);
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new LocumError(`unknown command "${command}" (try: locum --help)`);
    }
  } catch (e) {
    if (e instanceof LocumError) {
      io.err(`locum: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
