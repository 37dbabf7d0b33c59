#!/usr/bin/env bash
# Installs what briefpress needs on this machine: a Chromium, poppler-utils and qpdf
# (PDF checks in the tests), then the npm packages from the lock file.
# On Debian/Ubuntu it uses apt-get when something is missing; elsewhere it says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
have_chromium=false
if [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ]; then have_chromium=true; fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
  if [ -x "$candidate" ]; then have_chromium=true; fi
done
$have_chromium || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)

if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    echo "setup: installing ${missing[*]} with apt-get"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "setup: please install: ${missing[*]}" >&2
    echo "  macOS: brew install poppler qpdf, and Google Chrome (or set CHROME_PATH)" >&2
    exit 1
  fi
fi

# Never download a browser: briefpress uses the one installed above.
export PUPPETEER_SKIP_DOWNLOAD=true
npm ci --no-audit --no-fund
echo "setup: done"
