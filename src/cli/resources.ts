// Where the files the command line reads at run time are, in each way it is shipped:
//   the package (bin/locum.js → build/cli/*.js): build/fonts/, examples/ and package.json at its root
//   the single-file build (bundle/locum.cjs): bundle/fonts/, bundle/examples/ beside it
//   a single executable (scripts/make-sea.sh): the same files as the executable's assets
//   the sources (jest, ts-node): the fonts from the dejavu-fonts-ttf package
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// Set by the single-file build (scripts/build-bundle.js, esbuild's define); absent elsewhere.
declare const LOCUM_BUNDLE: { version: string } | undefined;
const bundle = typeof LOCUM_BUNDLE === "object" ? LOCUM_BUNDLE : null;

export const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] as const;
export const SAMPLE_WORKBOOK = "locum-2025-26.xlsx";

/** Node's single-executable API, when this is one (Node 20.12+ has it; older Nodes have no such module). */
function sea(): { getAsset(key: string): ArrayBuffer } | null {
  if (!bundle) return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const s = require("node:sea") as { isSea(): boolean; getAsset(key: string): ArrayBuffer };
    return s.isSea() ? s : null;
  } catch {
    return null;
  }
}

/** The package's version ("0.1.0"), for locum --version. */
export function packageVersion(): string {
  if (bundle) return bundle.version;
  const json = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
  return json.version;
}

/** The bytes of a shipped file ("fonts/DejaVuSans.ttf"): an asset of the executable, else a file beside the code. */
function shipped(name: string, here: string): Uint8Array {
  const exe = sea();
  if (exe) return new Uint8Array(exe.getAsset(name));
  return new Uint8Array(readFileSync(join(here, name)));
}

/** The form fonts' bytes, regular then bold. */
export function fontFiles(): [Uint8Array, Uint8Array] {
  const [regular, bold] = FONT_FILES;
  if (bundle) return [shipped(`fonts/${regular}`, __dirname), shipped(`fonts/${bold}`, __dirname)];
  // The package's build/fonts (copied there by scripts/copy-fonts.js); from the sources, the font package's.
  const built = join(__dirname, "..", "fonts");
  const dir = existsSync(join(built, regular)) ? built : join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  return [new Uint8Array(readFileSync(join(dir, regular))), new Uint8Array(readFileSync(join(dir, bold)))];
}

/**
 * The sample year's workbook, as a path `locum demo` reads: beside the code, or (an executable,
 * whose assets are not files) copied from its assets into a temporary folder.
 */
export function sampleWorkbook(): string {
  if (!bundle) return join(__dirname, "..", "..", "examples", SAMPLE_WORKBOOK);
  if (!sea()) return join(__dirname, "examples", SAMPLE_WORKBOOK);
  const file = join(mkdtempSync(join(tmpdir(), "locum-demo-")), SAMPLE_WORKBOOK);
  writeFileSync(file, shipped(`examples/${SAMPLE_WORKBOOK}`, __dirname));
  return file;
}

/**
 * A worker thread's script ("renderWorker"): a .js of the build (in cli/workers/), a .cjs beside the
 * single-file build. An executable has no script a worker could load: "" (the pools then work in one thread).
 */
export function workerFile(name: string): string {
  if (sea()) return "";
  return bundle ? join(__dirname, `${name}.cjs`) : join(__dirname, "workers", `${name}.js`);
}

/** The DejaVu Sans fonts as the forms take them (FontBytes of src/pdf): every name prints (Łukasz, Nguyễn). */
export function nodeFonts(): { regular: Uint8Array; bold: Uint8Array } {
  const [regular, bold] = fontFiles();
  return { regular, bold };
}
