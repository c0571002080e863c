#!/usr/bin/env bash
# Runs the built test projects and prints one closing line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
# BATON_TEST_PROJECTS: space-separated test projects to run instead of the whole solution (test.sh --fast).
status=0
for target in ${BATON_TEST_PROJECTS:-Baton.slnx}; do
  dotnet test "$target" -c Release --no-build --logger "trx" --results-directory "$results" "$@" || status=$?
done
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
