#!/usr/bin/env bash
# audit/install.sh: install what `python -m audit` (and `invoke audit`) needs. Idempotent.
#
#   Debian packages  chromium (/usr/bin/chromium), default-jre-headless (java for vnu.jar),
#                    and, when missing, nodejs/npm, util-linux (unshare), iproute2 (ip)
#   npm packages     `npm ci --ignore-scripts` of the project's package.json + package-lock.json
#                    (lighthouse 12, playwright-core, axe-core, @axe-core/playwright, vnu-jar)
#
# Needs root for apt-get, and the package registries; nothing else from outside. --ignore-scripts
# keeps vnu-jar's postinstall from trying to download a JDK (Debian's Java is used), and
# playwright-core never downloads a browser (Debian's chromium is used).
# Re-running only fills in what is missing: apt-get runs when a command is missing, npm ci when
# node_modules is older than package-lock.json.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
export DEBIAN_FRONTEND=noninteractive

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(nodejs npm)
command -v unshare >/dev/null || need+=(util-linux)
command -v ip >/dev/null || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
  echo "audit/install.sh: apt-get install ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

cd "$ROOT"
stamp=node_modules/.package-lock.json   # npm writes it on every install
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "audit/install.sh: npm ci"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

echo "audit tools: $(/usr/bin/chromium --version 2>/dev/null);" \
  "java $(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}');" \
  "node $(node --version);" \
  "lighthouse $(node -p "require('./node_modules/lighthouse/package.json').version");" \
  "playwright-core $(node -p "require('./node_modules/playwright-core/package.json').version");" \
  "axe-core $(node -p "require('./node_modules/axe-core/package.json').version");" \
  "vnu-jar $(node -p "require('./node_modules/vnu-jar/package.json').version")"
