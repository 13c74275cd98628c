// ESLint: Microsoft's Office add-in rules for the hosts that talk to Office (the task pane and the
// custom functions), and the layers kept for every file (docs/architecture.md):
//   rules ← engine ← workbook ← forms ← yearend, template ← pdf ← hosts (functions, taskpane, cli)
// with src/office shared by the two Office hosts. Imports point down only; a host imports a layer
// through its index.ts and never another host; the pure layers use no Node, DOM or Office module;
// only src/pdf and the command line load pdf-lib and fontkit, only the command line's files zip/XML.
// Formatting is Prettier's (npm run format), so the office-addins config's prettier rule is left to it.
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

const LAYERS = ["rules", "engine", "workbook", "forms", "yearend", "template", "pdf"];
const HOSTS = ["office", "functions", "taskpane", "cli"];
/** A folder of src/ as a relative import may name it, from one to three folders down. */
const paths = (d) => ["..", "../..", "../../.."].flatMap((up) => [`${up}/${d}`, `${up}/${d}/**`]);
/** A deep import of a layer (past its index), as a host may not make it. */
const deep = (d) => ["..", "../..", "../../.."].map((up) => `${up}/${d}/*`);
const NODE = ["node:*", "fs", "path", "os", "child_process", "worker_threads"];
const PDF = ["pdf-lib", "@pdf-lib/fontkit"];
const FILES = ["fflate", "saxes", "exceljs", "jszip"];
const restrict = (files, groups) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: groups.filter((g) => g.group.length).map((g) => ({ ...g, caseSensitive: true })) }] },
});
/** Layer `name`: nothing above it, no Node, no pdf-lib (but src/pdf), no zip/XML. */
const layer = (name, above) =>
  restrict(
    [`src/${name}/**/*.ts`],
    [
      { group: above.flatMap(paths), message: `imports point down only: src/${name} may not import this` },
      { group: NODE, message: "the pure layers use no Node module: a host reads files" },
      { group: name === "pdf" ? FILES : [...PDF, ...FILES], message: "pdf-lib and fontkit belong to src/pdf, zip and XML to the command line's files" },
    ],
  );
/** Host `name`: layers through their index only, no other host (office is shared by the Office hosts). */
const host = (name, mayUse = []) =>
  restrict(
    [`src/${name}/**/*.ts`],
    [
      { group: LAYERS.flatMap(deep), message: "a host imports a layer through its index.ts" },
      { group: HOSTS.filter((h) => h !== name && !mayUse.includes(h)).flatMap(paths), message: "no host imports another host" },
    ],
  );

export default [
  { ignores: ["node_modules/**", "dist/**", "build/**", "bundle/**", "coverage/**", "out/**", "examples/**"] },
  // Node scripts in CommonJS (bin/, scripts/, the webpack and jest configs).
  {
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" },
    },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      // The forms and functions take Excel's cell values, which are any by nature.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Tests may require() (a module fresh for one case, a fixture by path); src may not.
  {
    files: ["test/**/*.ts", "scripts/**/*.js", "bin/**/*.js", "*.config.js", "webpack.config.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
    linterOptions: { reportUnusedDisableDirectives: "off" },
  },
  // Functions read at once: 60 lines at most (blank lines and comments aside).
  { files: ["src/**/*.ts"], rules: { "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }] } },
  ...LAYERS.map((name, i) => layer(name, [...LAYERS.slice(i + 1).filter((a) => !(name === "yearend" && a === "template")), ...HOSTS])),
  host("office"),
  host("functions", ["office"]),
  host("taskpane", ["office"]),
  {
    ...host("cli"),
    // zip and XML only in the command line's files (cli/files), pdf-lib only through src/pdf's index.
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: LAYERS.flatMap(deep), message: "a host imports a layer through its index.ts" },
            { group: HOSTS.filter((h) => h !== "cli").flatMap(paths), message: "no host imports another host" },
          ],
        },
      ],
    },
  },
  restrict(
    ["src/cli/commands/**/*.ts", "src/cli/workers/**/*.ts", "src/cli/*.ts"],
    [{ group: ["fflate", "saxes"], message: "only the command line's file reader (cli/files) reads zip and XML" }],
  ),
  // The Office hosts: Microsoft's add-in rules (load before read, sync outside loops...), every one
  // of the plugin's, as its recommended config turns them on (its own typescript-eslint and
  // prettier entries are left out: this config has them).
  {
    files: ["src/taskpane/**/*.ts", "src/functions/**/*.ts", "src/office/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: Object.fromEntries(Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, "error"])),
  },
];
