/* eslint-disable no-undef */
// Builds the add-in into dist/, after Microsoft's shared-runtime template
// (OfficeDev/Excel-Custom-Functions-Shared):
//   functions.js   the LOCUM.* custom functions (CustomFunctions.associate calls injected by
//                  CustomFunctionsMetadataPlugin) and the webpack runtime
//   functions.json their metadata, generated from the JSDoc @customfunction tags
//   taskpane.js    the task pane; it shares functions.js's modules (see dependOn below)
//   taskpane.html  the one page of the shared runtime: loads Office.js, functions.js, taskpane.js
//   taskpane.css, assets/icon-*.png, manifest.xml
//
//   webpack --mode production    dist/ for deployment (manifest URLs rewritten to $LOCUM_PROD_URL)
//   webpack --mode development   dist/ for sideloading from https://localhost:3000/
//   webpack serve --mode development   dev server on https://localhost:3000/ (Office dev certs)

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
// Microsoft's placeholder: a manifest built with it will not load.
const PLACEHOLDER_PROD_URL = "https://www.contoso.com/";

/**
 * Where the production add-in is hosted: LOCUM_PROD_URL (https, a trailing slash is added), e.g.
 *   LOCUM_PROD_URL=https://addins.example.org/locum/ npm run build
 * A production build rewrites every https://localhost:3000/ in manifest.xml to it. Without it the
 * build still runs (for checks) but warns: dist/manifest.xml then points at the placeholder.
 */
function prodUrl(env = process.env) {
  const given = (env.LOCUM_PROD_URL || "").trim();
  if (!given) return null;
  let url;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`LOCUM_PROD_URL is not a URL: "${given}" (give e.g. https://addins.example.org/locum/)`);
  }
  if (url.protocol !== "https:") throw new Error(`LOCUM_PROD_URL must be https (Office add-ins load only over https), not "${given}"`);
  if (url.search || url.hash) throw new Error(`LOCUM_PROD_URL must be a folder URL, without ?query or #fragment: "${given}"`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/* global require, module, process, __dirname */

// Certificates are needed only by the dev server. office-addin-dev-certs is loaded here, lazily, so
// a plain `webpack --mode production` build never touches (or creates) certificates.
async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode !== "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const urlProd = dev ? null : prodUrl();
  if (!dev && !urlProd) {
    console.warn(
      `locum: LOCUM_PROD_URL is not set, so dist/manifest.xml points at ${PLACEHOLDER_PROD_URL} and will not load. ` +
        "For a deployable build: LOCUM_PROD_URL=https://your.host/path/ npm run build",
    );
  }

  const config = {
    mode: dev ? "development" : "production",
    devtool: "source-map",
    entry: {
      // The shared runtime loads both entries in one page. taskpane depends on functions so that
      // the modules they share (src/functions, src/rules, src/engine) exist once: the rules that
      // "Reload LocumRules" loads are the ones the custom functions then use. functions.js stays
      // self-contained (it carries the webpack runtime), as Excel's Script element expects.
      functions: "./src/functions/functions.ts",
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Chunks (the forms, the zip) load relative to taskpane.html, which sits beside them. Not
      // "auto": that looks for the script's own URL when functions.js starts, which a bare
      // custom-functions runtime does not give.
      publicPath: "",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck` (tsc --noEmit); the build only transpiles.
            // ES modules for webpack, so import() splits pdf-lib and the forms into a chunk the pane
            // loads when it first makes PDFs (tsconfig's commonjs is for Node and jest).
            options: { transpileOnly: true, configFile: path.resolve(__dirname, "tsconfig.json"), compilerOptions: { module: "esnext" } },
          },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico)$/,
          type: "asset/resource",
          generator: {
            filename: "assets/[name][ext][query]",
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Both entries run in the one shared-runtime page: functions.js (with the webpack runtime)
        // first, then taskpane.js.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: "assets/*.png",
            to: "assets/[name][ext][query]",
          },
          {
            // The form font, fetched by the pane from its own folder when it first makes PDFs.
            from: "node_modules/dejavu-fonts-ttf/ttf/DejaVuSans{,-Bold}.ttf",
            to: "assets/[name][ext]",
          },
          {
            from: "src/taskpane/taskpane.css",
            to: "taskpane.css",
          },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              if (dev) {
                return content;
              }
              // replaceAll: the template's String.replace changes only the first URL.
              return content.toString().replaceAll(urlDev, urlProd || PLACEHOLDER_PROD_URL);
            },
          },
        ],
      }),
    ],
    performance: {
      // decimal.js makes functions.js larger than webpack's 244 KiB advice; the page is local.
      hints: false,
    },
    devServer: {
      headers: {
        "Access-Control-Allow-Origin": "*",
      },
      server: {
        type: "https",
        options: serving ? (options.https !== undefined ? options.https : await getHttpsOptions()) : undefined,
      },
      port: process.env.npm_package_config_dev_server_port || 3000,
    },
  };

  return config;
};
