#!/usr/bin/env bash
# CI: the command line as its users get it, each run from an empty folder outside the clone.
#  1. npm pack, the tarball installed into an empty prefix (npm install -g --prefix), and `locum`
#     run from there: a file the package lacks (package.json "files") fails here.
#  2. The single-file build (npm run build:bundle), its folder copied alone to a temporary folder
#     with no node_modules above it, run with `node bundle/locum.cjs`.
# Each runs --version, demo, forms (and --json), yearend (a folder of two clients, with --forms) and template.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
sample=$root/examples/locum-2025-26.xlsx
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset NODE_PATH

fail() {
  echo "check-install: $*" >&2
  exit 1
}

# The five commands, with `$@` as the command line (`locum`, or `node …/locum.cjs`), in a new folder.
commands() {
  local what=$1
  shift
  local dir
  dir=$(mktemp -d "$work/run-XXXX")
  cd "$dir"
  [ "$("$@" --version)" = "locum $(node -p 'require("'"$root"'/package.json").version')" ] || fail "$what: --version"
  "$@" demo >demo.txt 2>demo.err || fail "$what: locum demo ($(tail -1 demo.txt))"
  grep -q "74 PDFs written to out" demo.txt || fail "$what: locum demo wrote $(grep -o '[0-9]* PDFs written' demo.txt)"
  "$@" forms "$sample" --out forms --today 2026-04-30 >forms.txt 2>/dev/null || fail "$what: locum forms"
  [ "$(find forms -name '*.pdf' | wc -l)" -eq 74 ] || fail "$what: locum forms wrote $(find forms -name '*.pdf' | wc -l) PDFs, not 74"
  "$@" forms "$sample" --out forms-json --today 2026-04-30 --json 2>/dev/null >forms.json || fail "$what: locum forms --json"
  node -e 'const d = JSON.parse(require("fs").readFileSync("forms.json", "utf8")); if (d.months.length !== 11) process.exit(1)' ||
    fail "$what: locum forms --json did not print the sample year's 11 months as one JSON document"
  mkdir clients
  cp "$sample" clients/a.xlsx
  cp "$sample" clients/b.xlsx # a second client: the year end starts its worker thread
  "$@" yearend clients --forms --out yearend --today 2026-06-01 >yearend.txt 2>/dev/null || fail "$what: locum yearend ($(tail -1 yearend.txt))"
  [ "$(wc -l <yearend/year-end.csv)" -eq 3 ] || fail "$what: locum yearend: year-end.csv has not a header and 2 clients"
  [ "$(find yearend -maxdepth 1 -name '*.pdf' | wc -l)" -eq 2 ] || fail "$what: locum yearend: not 2 summary PDFs"
  [ "$(find yearend/forms -name '*.pdf' | wc -l)" -eq 148 ] || fail "$what: locum yearend --forms: not 2 × 74 PDFs"
  "$@" template new.xlsx >/dev/null || fail "$what: locum template"
  [ -s new.xlsx ] || fail "$what: locum template wrote nothing"
  cd "$root"
  echo "check-install: $what: --version, demo, forms, forms --json, yearend, template ran from $dir"
}

# 1. The package.
npm pack --silent --pack-destination "$work" >/dev/null
tgz=$(ls "$work"/locum-pensions-*.tgz)
npm install -g "$tgz" --prefix "$work/prefix" --no-audit --no-fund --loglevel=error >/dev/null
echo "check-install: $(basename "$tgz") $(du -k "$tgz" | cut -f1) KB, installed $(du -sm "$work/prefix" | cut -f1) MB"
commands "installed package" "$work/prefix/bin/locum"

# 2. The single-file build.
npm run --silent build:bundle >/dev/null
cp -r bundle "$work/bundle"
commands "single-file build" node "$work/bundle/locum.cjs"
