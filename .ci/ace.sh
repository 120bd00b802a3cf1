#!/bin/sh
# Ace by DAISY (EPUB accessibility checker), installed once into .ci/node/.
#
#   .ci/ace.sh install            idempotent: does nothing when the pinned version is there
#   .ci/ace.sh BOOK.epub REPORT   runs Ace; the verdict is in REPORT/report.json
#
# Puppeteer's own Chromium download is skipped: Debian's /usr/bin/chromium is
# used through .ci/chromium-wrapper (no sandbox, no background networking).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="$HERE/node"
VERSION="${ACE_VERSION:-1.4.6}"
export PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1
export PUPPETEER_EXECUTABLE_PATH="$HERE/chromium-wrapper"

installed() {
  [ -x "$PREFIX/node_modules/.bin/ace-cli" ] &&
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
    npm install --prefix "$PREFIX" --no-audit --no-fund --save-exact "@daisy/ace-cli@$VERSION"
    ;;
  ""|-h|--help)
    sed -n '2,9p' "$0"
    ;;
  *)
    installed || { echo "ace-cli is not installed: run '.ci/ace.sh install' (part of .ci/run's install step)" >&2; exit 2; }
    book="$1"; report="${2:-ace-report}"
    # -f overwrites an old report; Ace exits 0 even with violations (read report.json).
    exec "$PREFIX/node_modules/.bin/ace-cli" -f -s -o "$report" "$book"
    ;;
esac
