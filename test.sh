#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (idempotent), so it works on a fresh machine.
#   ./test.sh           everything (unit, HTTP, interop with real peers, browser, slow fault trials)
#   ./test.sh --fast    the pure and in-process suites only (Protocol, Storage, Client; no [Trait("Speed","Slow")]),
#                       no peers installed — seconds, for the edit-build-test loop
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Ranges").
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${1:-}" == "--fast" ]]; then
  shift
  fast=(tests/Baton.Protocol.Tests tests/Baton.Storage.Tests tests/Baton.Client.Tests)
  for p in "${fast[@]}"; do dotnet build "$p" -c Release -v quiet -nologo; done
  BATON_TEST_PROJECTS="${fast[*]}" scripts/run-tests.sh --filter "Speed!=Slow" "$@"
  exit
fi
scripts/install-test-deps.sh
dotnet build Baton.slnx -c Release
scripts/run-tests.sh "$@"
