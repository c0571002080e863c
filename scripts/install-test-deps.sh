#!/usr/bin/env bash
# Installs the real peers the tests talk to: Debian packages and npm packages. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# ceph-mon, ceph-osd, radosgw: the S3 engine (Ceph RGW) scripts/rgw-start.sh runs for the S3 backend's tests.
# postgresql: the shared state of cluster mode, which scripts/pg-start.sh runs for the cluster tests.
# clang-14, lld-14: rebuild the page's SHA-256 WebAssembly (web/sha256/build.sh --check) to prove the committed modules.
apt_packages=(curl wget aria2 nginx axel chromium unzip ceph-mon ceph-osd radosgw postgresql clang-14 lld-14)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-test-deps: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm peers used by the interop tests live in tests/peers (package-lock pins them).
if [ -f tests/peers/package.json ]; then
  if [ ! -d tests/peers/node_modules ] || [ tests/peers/package-lock.json -nt tests/peers/node_modules/.package-lock.json ]; then
    (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
