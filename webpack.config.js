/* eslint-disable no-undef */
// Builds the add-in into dist/, after Microsoft's shared-runtime template
// (OfficeDev/Excel-Custom-Functions-Shared):
//   functions.js   the LOCUM.* custom functions (CustomFunctions.associate calls injected by
//                  CustomFunctionsMetadataPlugin) and the webpack runtime
//   functions.json their metadata, generated from the JSDoc @customfunction tags
//   taskpane.js    the task pane; it shares functions.js's modules (see dependOn below)
//   taskpane.html  the one page of the shared runtime: loads Office.js, functions.js, taskpane.js
//   support.html   the privacy and support page (the manifest's SupportUrl, the pane's footer)
//   taskpane.css, assets/icon-*.png, manifest.xml
//
// Office caches add-in files hard, so a production build names what only our pages load by content
// (static/taskpane.<hash>.js, the chunks, static/taskpane.<hash>.css): a new version gets new names,
// never a stale copy. What Office loads by a fixed URL keeps its name and is served with no-cache
// (docs/deploying.md): the pages, functions.json, the icons, and functions.js, which the manifest's
// CustomFunctions <Script> names (a hashed name there would mean a new manifest, which an admin must
// upload again, with every release). functions.js also carries the webpack runtime, so the current
// chunk names reach the pane through it.
//
//   webpack --mode production    dist/ for deployment (manifest URLs rewritten to $LOCUM_PROD_URL,
//                                then the manifest checked offline: scripts/manifestCheck.js)
//   webpack --mode development   dist/ for sideloading from https://localhost:3000/
//   webpack serve --mode development   dev server on https://localhost:3000/ (Office dev certs)

const fs = require("fs");
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

// Where users get help: printed on support.html. Not set, the page shows this reserved example
// address and says it is a placeholder.
const PLACEHOLDER_SUPPORT_EMAIL = "support@example.org";

/** LOCUM_SUPPORT_EMAIL, checked; null when not set. */
function supportEmail(env = process.env) {
  const given = (env.LOCUM_SUPPORT_EMAIL || "").trim();
  if (!given) return null;
  if (!/^[^\s@<>"'&]+@[^\s@<>"'&.]+(\.[^\s@<>"'&.]+)+$/.test(given)) throw new Error(`LOCUM_SUPPORT_EMAIL is not an email address: "${given}"`);
  return given;
}

/** The Content-Security-Policy taskpane.html declares: support.html uses and prints the same one. */
function paneContentSecurityPolicy() {
  const html = fs.readFileSync(path.join(__dirname, "src/taskpane/taskpane.html"), "utf8");
  const m = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!m) throw new Error("src/taskpane/taskpane.html has no Content-Security-Policy <meta>");
  return m[1];
}

/** The content-hashed name webpack gave a copied file (by its source path), or null. */
function hashedName(compilation, source) {
  const found = compilation.getAssets().find((a) => a.info.sourceFilename === source);
  return found ? found.name : null;
}

/**
 * Production only: the pages link taskpane.css by its fixed name in the templates; this points them
 * at the content-hashed copy. A template without that link fails the build (no silent stale CSS).
 */
class HashedStylesheetPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap("HashedStylesheetPlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tapAsync("HashedStylesheetPlugin", (data, done) => {
        const css = hashedName(compilation, "src/taskpane/taskpane.css");
        const link = 'href="taskpane.css"';
        if (!css || !data.html.includes(link)) return done(new Error(`${data.outputName}: no ${link} to point at the hashed stylesheet (${css})`));
        data.html = data.html.replaceAll(link, `href="${css}"`);
        done(null, data);
      });
    });
  }
}

/**
 * Production only: dist/manifest.xml checked offline once written (scripts/manifestCheck.js). With
 * LOCUM_PROD_URL a problem fails the build; without it the manifest points at the placeholder, so
 * the check's findings are warnings (the build is for checks only, as said above).
 */
class ManifestCheckPlugin {
  constructor(base) {
    this.base = base;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap("ManifestCheckPlugin", (compilation) => {
      const out = compilation.outputOptions.path;
      const file = path.join(out, "manifest.xml");
      if (!fs.existsSync(file)) return;
      const { checkManifest } = require("./scripts/manifestCheck");
      const problems = checkManifest({ xml: fs.readFileSync(file, "utf8"), base: this.base || PLACEHOLDER_PROD_URL, folder: out });
      for (const p of problems) {
        const e = new Error(`manifest.xml: ${p}`);
        (this.base ? compilation.errors : compilation.warnings).push(e);
      }
    });
  }
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
  const email = supportEmail();
  if (!dev && !email) {
    console.warn(`locum: LOCUM_SUPPORT_EMAIL is not set, so support.html gives the placeholder ${PLACEHOLDER_SUPPORT_EMAIL}.`);
  }
  // Content hashes in production only (the dev server and the tests load fixed names), in static/:
  // one folder a server can cache for good (a path rule; Azure Static Web Apps has no other kind).
  const hashed = dev ? "[name].js" : "static/[name].[contenthash:8].js";

  const config = {
    mode: dev ? "development" : "production",
    devtool: "source-map",
    entry: {
      // The shared runtime loads both entries in one page. taskpane depends on functions so that
      // the modules they share (src/office, src/rules, src/engine) exist once: the rules that
      // "Reload LocumRules" loads are the ones the custom functions then use. functions.js stays
      // self-contained (it carries the webpack runtime), as Excel's Script element expects.
      functions: "./src/functions/functions.ts",
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // functions.js keeps its name: the manifest's CustomFunctions <Script> loads it by URL.
      filename: (pathData) => (pathData.chunk && pathData.chunk.name === "functions" ? "functions.js" : hashed),
      chunkFilename: hashed,
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
      new HtmlWebpackPlugin({
        // The privacy and support page: no script, the pane's stylesheet and policy.
        filename: "support.html",
        template: "./src/taskpane/support.html",
        chunks: [],
        templateParameters: {
          csp: paneContentSecurityPolicy(),
          supportEmail: email || PLACEHOLDER_SUPPORT_EMAIL,
          placeholderEmail: !email,
          version: require("./package.json").version,
        },
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
            to: dev ? "taskpane.css" : "static/taskpane.[contenthash:8].css",
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
      ...(dev ? [] : [new HashedStylesheetPlugin(), new ManifestCheckPlugin(urlProd)]),
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
