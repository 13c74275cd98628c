#!/usr/bin/env bash
# A single executable of the command line for THIS platform (Node's single executable applications,
# the Node 20 route: --experimental-sea-config, then postject injects the blob into a copy of node).
#   scripts/make-sea.sh            writes bundle/locum (bundle/locum.exe on Windows, in Git Bash)
# It needs Node >= 20.12 (assets), the single-file build (made here: npm run build:bundle) and
# postject (node_modules/.bin/postject if installed, else `npx postject`, from the npm registry).
# Windows and macOS executables are made on those systems: see docs/install.md. The fonts and the
# sample year ride inside as assets (src/cli/resources.ts reads them); the worker threads do not
# (a worker needs a script file), so an executable works out year-end clients one at a time.
set -euo pipefail
cd "$(dirname "$0")/.."

node -e "require('node:sea')" 2>/dev/null ||
  { echo "make-sea: this Node ($(node --version)) has no single executable applications (node:sea): use Node >= 20.12" >&2; exit 1; }
node --help | grep -q -- '--experimental-sea-config' ||
  { echo "make-sea: this Node ($(node --version)) has no --experimental-sea-config" >&2; exit 1; }

npm run --silent build:bundle

case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN*) exe=bundle/locum.exe os=windows ;;
  Darwin) exe=bundle/locum os=macos ;;
  *) exe=bundle/locum os=linux ;;
esac

# The blob: the bundle, with the fonts and the sample year as assets (paths from the clone's root).
node --experimental-sea-config scripts/sea-config.json

rm -f "$exe"
cp "$(command -v node)" "$exe"
chmod u+w "$exe"
[ "$os" = macos ] && codesign --remove-signature "$exe"

postject=node_modules/.bin/postject
[ -x "$postject" ] || postject="npx --yes postject@1.0.0-alpha.6"
args=("$exe" NODE_SEA_BLOB bundle/sea-prep.blob --sentinel-fuse NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2)
[ "$os" = macos ] && args+=(--macho-segment-name NODE_SEA)
$postject "${args[@]}"

[ "$os" = macos ] && codesign --sign - "$exe"
# Windows: signtool sign /fd SHA256 bundle/locum.exe (with your certificate) once it is made.

rm -f bundle/sea-prep.blob
"./$exe" --version >/dev/null
echo "make-sea: wrote $exe ($(du -h "$exe" | cut -f1)), $("./$exe" --version)"
