// How many clients locum yearend works on at once when --workers is not given: a second worker
// where it pays (from two cores: 500 clients in about 12 s with two, 22 s with one; npm run bench).
import { defaultWorkers, YEAREND_USAGE } from "../../../src/cli/commands/yearend";

test("one worker on a single core, two from two", () => {
  expect([1, 2, 3, 4, 8, 64].map((c) => defaultWorkers(c))).toEqual([1, 2, 2, 2, 2, 2]);
  expect(YEAREND_USAGE).toContain("--workers N        clients worked on at once, each on its own thread (default 2, or 1 on a single core)");
});
