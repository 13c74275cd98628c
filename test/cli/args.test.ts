// The command line's words → options, as every command reads them: the messages a user sees for
// bad arguments, word for word, and the words that look like options but are not (a negative
// amount, a value that starts with dashes).
import { parseArgs, UsageError } from "../../src/cli/args";

const read = (argv: string[]) => {
  const p = parseArgs(argv, ["out", "days"], ["json"], "contrib");
  return { positional: p.positional, flags: Object.fromEntries(p.flags) };
};
const problem = (argv: string[], command?: string) => {
  try {
    parseArgs(argv, ["out", "days"], ["json"], command);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error("no error");
};

test("words, values inline or apart, and a flag alone", () => {
  expect(read(["a", "--out", "x", "b", "--days=3", "--json"])).toEqual({ positional: ["a", "b"], flags: { out: "x", days: "3", json: true } });
  expect(read(["--out=a=b", "--days="])).toEqual({ positional: [], flags: { out: "a=b", days: "" } });
});

test("a word with one dash is a word (a negative amount is the engine's to refuse), a value may start with dashes", () => {
  expect(read(["-5", "-", "-a-b", "-xyz", "--days", "-3"])).toEqual({ positional: ["-5", "-", "-a-b", "-xyz"], flags: { days: "-3" } });
  expect(read(["--out", "--json", "x"])).toEqual({ positional: ["x"], flags: { out: "--json" } });
  expect(read(["--out", "--"])).toEqual({ positional: [], flags: { out: "--" } });
});

test("-- ends the options: the rest are words", () => {
  expect(read(["a", "--", "--json", "-5", "--nope"])).toEqual({ positional: ["a", "--json", "-5", "--nope"], flags: {} });
});

test("bad arguments: one message each, the first met in order", () => {
  expect(problem(["--json=yes"])).toBe("--json takes no value (write --json, not --json=yes)");
  expect(problem(["--json="])).toBe("--json takes no value (write --json, not --json=)");
  expect(problem(["x", "--out"])).toBe("--out needs a value");
  expect(problem(["--days", "5", "--days", "6", "--nope"])).toBe("--days is given twice: give it once");
  expect(problem(["--json", "--json=x"])).toBe("--json is given twice: give it once");
  expect(problem(["--nope", "--out"])).toBe("unknown option --nope (try --help)");
  expect(problem(["---y"])).toBe("unknown option ---y (try --help)");
  expect(problem(["--=x"])).toBe("unknown option -- (try --help)");
  expect(problem(["--nope=3"], "contrib")).toBe("unknown option --nope for contrib (its options: --out, --days, --json; try locum contrib --help)");
});
