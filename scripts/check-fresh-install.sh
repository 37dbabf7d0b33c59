#!/usr/bin/env bash
# Plain `npm ci` in a fresh clone, with PUPPETEER_SKIP_DOWNLOAD unset, must not try to download
# a browser (.puppeteerrc.cjs says so). Cheap when the npm cache is warm; the clone is removed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
clone="$(mktemp -d "${TMPDIR:-/tmp}/briefpress-fresh-clone-XXXXXX")"
trap 'rm -rf "$clone"' EXIT
git clone --quiet --no-hardlinks "$repo" "$clone"
cd "$clone"
unset PUPPETEER_SKIP_DOWNLOAD PUPPETEER_SKIP_CHROMIUM_DOWNLOAD npm_config_puppeteer_skip_download
cache="${PUPPETEER_CACHE_DIR:-$HOME/.cache/puppeteer}"
cache_before=$([ -e "$cache" ] && echo yes || echo no)
log="$clone/.npm-ci.log"
if ! npm ci --no-audit --no-fund --prefer-offline >"$log" 2>&1; then
  cat "$log"
  echo "fresh clone: npm ci failed (variable unset)" >&2
  exit 1
fi
if grep -qiE "downloading (chrome|chromium|browser)|chrome-headless-shell@" "$log"; then
  cat "$log"
  echo "fresh clone: npm ci tried to download a browser" >&2
  exit 1
fi
if [ "$cache_before" = no ] && [ -e "$cache" ]; then
  echo "fresh clone: npm ci put a browser in $cache" >&2
  exit 1
fi
echo "fresh clone: npm ci succeeded with PUPPETEER_SKIP_DOWNLOAD unset, no browser downloaded"
