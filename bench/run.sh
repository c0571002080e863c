#!/usr/bin/env bash
# The one benchmark command: installs the peers (idempotent), builds Release, runs every case side by side and writes
# docs/benchmarks.md and docs/bench/*.png. Arguments go to the harness: --rounds N, --only id,id, --quick, --no-micro.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
need=()
for p in wrk hyperfine; do command -v "$p" >/dev/null || need+=("$p"); done
if ((${#need[@]})); then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
dotnet build Baton.slnx -c Release -v quiet -nologo
dotnet build bench/StaticFilesPeer -c Release -v quiet -nologo
dotnet build bench/Baton.Bench -c Release -v quiet -nologo
exec dotnet bench/Baton.Bench/bin/Release/net10.0/Baton.Bench.dll "$@"
