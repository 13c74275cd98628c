// How many clients locum yearend works on at once when --workers is not given: a second worker
// only where it pays (from four cores; on two it gained 0-20 % for about 160 MB more).
import { defaultWorkers, YEAREND_USAGE } from "../../../src/cli/commands/yearend";

test("one worker below four cores, two from four", () => {
  expect([1, 2, 3, 4, 8, 64].map((c) => defaultWorkers(c))).toEqual([1, 1, 1, 2, 2, 2]);
  expect(YEAREND_USAGE).toContain("--workers N        clients worked on at once, each on its own thread (default 1 below four cores, else 2)");
});
