import { escapeControlsKeepLines } from "../rules/text";

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

// The last guard before the terminal: no line the tool prints can carry a control character (a file
// name or a cell's text with an escape sequence in it) that the terminal would obey.
export const processIo: Io = {
  out: (s) => process.stdout.write(`${escapeControlsKeepLines(s)}\n`),
  err: (s) => process.stderr.write(`${escapeControlsKeepLines(s)}\n`),
};
