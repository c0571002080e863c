#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (idempotent), so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
dotnet build Baton.slnx -c Release
scripts/run-tests.sh "$@"
