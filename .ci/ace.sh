#!/bin/sh
# Ace by DAISY (EPUB accessibility checker), installed once into .ci/node/.
#
#   .ci/ace.sh install            idempotent: does nothing when the pinned version is there
#   .ci/ace.sh BOOK.epub REPORT   runs Ace; the verdict is in REPORT/report.json
#
# Puppeteer's own Chromium download is skipped: Debian's /usr/bin/chromium is
# used through .ci/chromium-wrapper (no sandbox, no background networking).
#
# Ace 1.4.6 declares "engines": {"node": ">=20.0.0"}. Where the system's Node is older
# (Debian 12 and Ubuntu 24.04 ship Node 18 with npm 9), `install` first puts Node
# $NODE_VERSION in the same folder with npm (the registry's `node` package, which fetches
# nodejs.org's binaries), and Ace runs on it: .ci/node/node_modules/.bin comes first on PATH.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="$HERE/node"
VERSION="${ACE_VERSION:-1.4.6}"
NODE_VERSION="${ACE_NODE_VERSION:-20.20.2}"
export PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1
export PUPPETEER_EXECUTABLE_PATH="$HERE/chromium-wrapper"
export PATH="$PREFIX/node_modules/.bin:$PATH"

node_major() {
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

installed() {
  [ "$(node_major)" -ge 20 ] && [ -x "$PREFIX/node_modules/.bin/ace-cli" ] &&
    grep -q "\"version\": \"$VERSION\"" "$PREFIX/node_modules/@daisy/ace-cli/package.json" 2>/dev/null
}

case "${1:-}" in
  install)
    if installed; then
      echo "ace-cli $VERSION already installed in $PREFIX"
      exit 0
    fi
    mkdir -p "$PREFIX"
    [ -f "$PREFIX/package.json" ] || echo '{"private": true}' > "$PREFIX/package.json"
    if [ "$(node_major)" -lt 20 ]; then
      echo "Node $(node --version 2>/dev/null || echo '(none)') is older than Ace needs (>= 20): installing Node $NODE_VERSION into $PREFIX"
      npm install --prefix "$PREFIX" --no-audit --no-fund --save-exact "node@$NODE_VERSION"
    fi
    npm install --prefix "$PREFIX" --no-audit --no-fund --save-exact "@daisy/ace-cli@$VERSION"
    ;;
  ""|-h|--help)
    sed -n '2,14p' "$0"
    ;;
  *)
    installed || { echo "ace-cli is not installed: run '.ci/ace.sh install' (part of .ci/run's install step)" >&2; exit 2; }
    book="$1"; report="${2:-ace-report}"
    # -f overwrites an old report; Ace exits 0 even with violations (read report.json).
    exec "$PREFIX/node_modules/.bin/ace-cli" -f -s -o "$report" "$book"
    ;;
esac
