import { escapeControlsKeepLines } from "../rules";

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

/**
 * A reader that stops early (`locum forms … | head -3`) closes the pipe: the next write fails with
 * EPIPE. Drop the rest of that stream's output quietly and let the command finish (its files are
 * still written) with its own exit code, rather than die with a stack trace.
 */
export function quietBrokenPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e && (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED")) {
        stream.write = () => true;
        return;
      }
      throw e;
    });
  }
}
