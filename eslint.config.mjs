// ESLint: Microsoft's Office add-in rules for the hosts that talk to Office (the task pane and the
// custom functions), and the layers kept for every file: imports point down only (hosts → forms →
// engine → rules), and the pure layers use no Node, DOM or Office module. Formatting is Prettier's
// (npm run format), so the office-addins config's prettier rule is left to it.
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

const up = (...dirs) => dirs.flatMap((d) => [`../${d}`, `../${d}/*`, `../${d}/**`, `../../${d}`, `../../${d}/*`]);
const HOSTS = up("functions", "taskpane", "cli");
const node = [
  { group: ["node:*", "fs", "path", "os", "child_process", "worker_threads", "exceljs"], message: "the pure layers use no Node module: a host reads files" },
];
const layer = (name, below) => ({
  files: [`src/${name}/**/*.ts`],
  rules: {
    "no-restricted-imports": ["error", { patterns: [{ group: below, message: `imports point down only: src/${name} may not import this` }, ...node] }],
  },
});

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
  layer("rules", [...up("engine", "forms"), ...HOSTS]),
  layer("engine", [...up("forms"), ...HOSTS]),
  layer("forms", HOSTS),
  // The Office hosts: Microsoft's add-in rules (load before read, sync outside loops...), every one
  // of the plugin's, as its recommended config turns them on (its own typescript-eslint and
  // prettier entries are left out: this config has them).
  {
    files: ["src/taskpane/**/*.ts", "src/functions/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: Object.fromEntries(Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, "error"])),
  },
];
